using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using StrategyPortal.Application.CustomerScores;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.Infrastructure.CustomerScores;
using StrategyPortal.Infrastructure.Persistence;

namespace StrategyPortal.Infrastructure.Tests.CustomerScores;

public sealed class CustomerScoreWriterTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly int _unitA, _unitB;

    public CustomerScoreWriterTests()
    {
        _connection.Open();
        using var db = NewContext();
        db.Database.Migrate();
        var company = new OrgUnit("Noordlicht", OrgUnitKind.Other, null);
        db.OrgUnits.Add(company);
        db.SaveChanges();
        var a = new OrgUnit("Klantenservice", OrgUnitKind.CustomerService, company.Id);
        var b = new OrgUnit("Webcare", OrgUnitKind.CustomerService, company.Id);
        db.OrgUnits.AddRange(a, b);
        db.SaveChanges();
        (_unitA, _unitB) = (a.Id, b.Id);
    }

    public void Dispose() => _connection.Dispose();

    private PortalDbContext NewContext()
    {
        var builder = new DbContextOptionsBuilder<PortalDbContext>();
        builder.UseSqlite(_connection, o => o.MigrationsAssembly(DatabaseRegistration.SqliteMigrationsAssembly));
        return new PortalDbContext(builder.Options);
    }

    private sealed class Factory(Func<PortalDbContext> create) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() => create();
    }

    private CustomerScoreWriter Writer() => new(new Factory(NewContext), NullLogger<CustomerScoreWriter>.Instance);

    private static int[] Counts(int promoters, int detractors, int complaints) =>
        [detractors, 0, 0, 0, 0, 0, 0, 0, 0, 0, promoters, .. new int[12], complaints, 0, 0, 0, 0];

    private static async IAsyncEnumerable<ScoreRow> Rows(IEnumerable<ScoreRow> rows, int failAfter = int.MaxValue)
    {
        var n = 0;
        foreach (var row in rows)
        {
            if (n++ == failAfter) throw new InvalidOperationException("the file changed");
            await Task.Yield();
            yield return row;
        }
    }

    private (int Records, long Promoters, long Detractors, long Complaints) Summary(int quarterKey, int unitId)
    {
        using var db = NewContext();
        var rows = db.CustomerScoreQuarters.AsNoTracking().Where(q => q.QuarterKey == quarterKey && q.OrgUnitId == unitId).ToList();
        return (db.CustomerScoreRecords.Count(), rows.Sum(r => r.Nps10), rows.Sum(r => r.Nps0), rows.Sum(r => r.Complaints));
    }

    [Fact]
    public async Task Writes_rows_and_sums_them_per_quarter_unit_and_channel()
    {
        ScoreRow[] rows =
        [
            new(2, new DateOnly(2026, 1, 5), _unitA, ServiceChannel.Phone, "survey", Counts(3, 1, 2)),
            new(3, new DateOnly(2026, 3, 31), _unitA, ServiceChannel.Phone, "survey", Counts(2, 2, 1)),
            new(4, new DateOnly(2026, 3, 31), _unitA, ServiceChannel.Email, "survey", Counts(1, 0, 0)),
            new(5, new DateOnly(2026, 4, 1), _unitA, ServiceChannel.Phone, "survey", Counts(7, 0, 9)),
            new(6, new DateOnly(2026, 2, 2), _unitB, ServiceChannel.Chat, "register", Counts(0, 0, 4)),
        ];

        var result = await Writer().WriteAsync(Rows(rows));

        Assert.Equal(5, result.Rows);
        Assert.Equal([new Quarter(2026, 1), new Quarter(2026, 2)], result.Quarters);
        Assert.Equal([_unitA, _unitB], result.UnitIds);
        Assert.Equal((5, 3 + 2 + 1, 1 + 2, 2 + 1), Summary(20261, _unitA));
        Assert.Equal((5, 7, 0, 9), Summary(20262, _unitA));
        Assert.Equal((5, 0, 0, 4), Summary(20261, _unitB));
        using var db = NewContext();
        Assert.Equal(2, db.CustomerScoreQuarters.Count(q => q.QuarterKey == 20261 && q.OrgUnitId == _unitA)); // Phone and Email
    }

    [Fact]
    public async Task The_same_key_again_replaces_its_counts_and_the_summary_follows()
    {
        var day = new DateOnly(2026, 1, 5);
        await Writer().WriteAsync(Rows([new ScoreRow(2, day, _unitA, ServiceChannel.Phone, "survey", Counts(3, 1, 2))]));
        await Writer().WriteAsync(Rows([new ScoreRow(2, day, _unitA, ServiceChannel.Phone, "survey", Counts(3, 1, 2))]));
        Assert.Equal((1, 3, 1, 2), Summary(20261, _unitA));

        await Writer().WriteAsync(Rows([new ScoreRow(2, day, _unitA, ServiceChannel.Phone, "survey", Counts(10, 0, 0))]));

        Assert.Equal((1, 10, 0, 0), Summary(20261, _unitA));
    }

    [Fact]
    public async Task An_error_half_way_leaves_the_database_as_it_was()
    {
        await Writer().WriteAsync(Rows([new ScoreRow(2, new DateOnly(2026, 1, 5), _unitA, ServiceChannel.Phone, "survey", Counts(3, 1, 2))]));
        var rows = Enumerable.Range(0, 50).Select(i =>
            new ScoreRow(i + 2, new DateOnly(2026, 1, 1).AddDays(i), _unitA, ServiceChannel.Phone, "survey", Counts(1, 1, 1))).ToList();

        await Assert.ThrowsAsync<InvalidOperationException>(() => Writer().WriteAsync(Rows(rows, failAfter: 30)));

        Assert.Equal((1, 3, 1, 2), Summary(20261, _unitA));
    }
}
