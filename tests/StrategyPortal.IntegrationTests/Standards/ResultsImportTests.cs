using System.Text;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.Standards;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Standards;
using StrategyPortal.IntegrationTests.Infrastructure;

namespace StrategyPortal.IntegrationTests.Standards;

/// <summary>The CSV results import end to end: reader, row checks, scope and the all-or-nothing save.</summary>
public abstract class ResultsImportTests(PortalFactory factory)
{
    private static readonly string ManagerEmail = PortalFactory.DemoAccount(PortalRole.Manager).Email;

    [Fact]
    public async Task A_good_semicolon_file_with_dutch_decimals_adds_and_corrects_results()
    {
        await using var manager = await factory.AsAsync(ManagerEmail);
        var standards = manager.Get<StandardsService>();
        var now = standards.CurrentQuarter;
        var title = await NewStandardAsync(standards, "Klantenservice", now.Previous);
        await standards.RecordResultAsync(new ResultInput { StandardId = await IdAsync(title), Quarter = now, Value = 50 });

        var report = await ImportAsync(manager,
            $"unit;standard;quarter;value\r\nKlantenservice;{title};{now.Previous};87,5\r\nklantenservice ; {title.ToUpperInvariant()} ;{now};\"91,25\"\r\n\r\n");

        Assert.Equal((1, 1, 0), (report.Added, report.Updated, report.Errors.Count));
        Assert.Equal([87.5, 91.25], await ActualsAsync(title));
    }

    [Fact]
    public async Task A_comma_file_with_dutch_column_names_in_another_order_is_read()
    {
        await using var manager = await factory.AsAsync(ManagerEmail);
        var standards = manager.Get<StandardsService>();
        var now = standards.CurrentQuarter;
        var title = await NewStandardAsync(standards, "Webcare", now);

        var report = await ImportAsync(manager, $"kwartaal,waarde,eenheid,norm\n{now},\"77,5\",Webcare,{title}\n");

        Assert.True(report.Succeeded, string.Join("; ", report.Errors.Select(e => e.Message)));
        Assert.Equal([77.5], await ActualsAsync(title));
    }

    [Fact]
    public async Task Every_bad_row_is_reported_by_row_and_column_and_nothing_is_imported()
    {
        await using var manager = await factory.AsAsync(ManagerEmail);
        var standards = manager.Get<StandardsService>();
        var now = standards.CurrentQuarter;
        var title = await NewStandardAsync(standards, "Klantenservice", now.Previous.Previous);
        var file = new StringBuilder("unit;standard;quarter;value\n")
            .Append($"Klantenservice;{title};{now};88\n")                        // 2: good
            .Append($"Nergens;{title};{now};88\n")                               // 3: unknown unit
            .Append($"Winkels Noord;Kort wachten bij de kassa;{now};4\n")        // 4: not my unit
            .Append($"Klantenservice;Bestaat niet;{now};88\n")                   // 5: unknown standard
            .Append($"Klantenservice;{title};Q9-2026;88\n")                      // 6: bad quarter
            .Append($"Klantenservice;{title};{now.Previous.Previous.Previous};88\n") // 7: not active then
            .Append($"Klantenservice;{title};{now.Previous};veel\n")             // 8: not a number
            .Append($"Klantenservice;{title};{now.Previous.Previous};101\n")     // 9: percentage above 100
            .Append($"Klantenservice;{title};{now};89\n")                        // 10: same standard and quarter as row 2
            .Append($"Klantenservice;{title};{now}\n")                           // 11: a field short
            .ToString();

        var report = await ImportAsync(manager, file);

        Assert.Equal(
            [(3, ResultColumn.Unit), (4, ResultColumn.Unit), (5, ResultColumn.Standard), (6, ResultColumn.Quarter), (7, ResultColumn.Quarter),
             (8, ResultColumn.Value), (9, ResultColumn.Value), (10, ResultColumn.Standard), (11, ResultColumn.File)],
            report.Errors.Select(e => (e.RowNumber, e.Column)).Order());
        Assert.Contains(report.Errors, e => e.RowNumber == 10 && e.Message.Contains("row 2", StringComparison.Ordinal));
        Assert.Contains(report.Errors, e => e.RowNumber == 4 && e.Message.Contains("Winkels Noord", StringComparison.Ordinal));
        Assert.Empty(await ActualsAsync(title));
    }

    [Fact]
    public async Task A_file_without_the_columns_or_too_large_is_refused_whole()
    {
        await using var manager = await factory.AsAsync(ManagerEmail);

        var header = await ImportAsync(manager, "unit;standard;value\nKlantenservice;x;1\n");
        Assert.Equal((1, ResultColumn.File), (Assert.Single(header.Errors).RowNumber, header.Errors[0].Column));
        Assert.Contains("quarter", header.Errors[0].Message, StringComparison.Ordinal);

        var empty = await ImportAsync(manager, "");
        Assert.Single(empty.Errors);

        var large = await ImportAsync(manager, "unit;standard;quarter;value\n" + new string('x', (int)ResultsImportService.MaxFileBytes));
        Assert.Contains("1024 KB", Assert.Single(large.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_employee_may_not_import()
    {
        await using var employee = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Employee).Email);
        await Assert.ThrowsAsync<ForbiddenException>(() => ImportAsync(employee, "unit;standard;quarter;value\n"));
    }

    private static async Task<ImportReport> ImportAsync(PersonScope person, string csv)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        return await person.Get<ResultsImportService>().ImportAsync(stream);
    }

    private async Task<string> NewStandardAsync(StandardsService service, string unit, Quarter from)
    {
        await using var db = factory.NewDbContext();
        var unitId = await db.OrgUnits.Where(u => u.Name == unit).Select(u => u.Id).SingleAsync();
        var title = $"Import {Guid.NewGuid():N}"[..16];
        await service.CreateAsync(new StandardInput
        {
            OwnerUnitId = unitId, Title = title, Metric = "% on time", Unit = MetricUnit.Percent, Direction = MetricDirection.HigherIsBetter,
            Target = 90, Status = StandardStatus.Active, EffectiveQuarter = from,
        });
        return title;
    }

    private async Task<int> IdAsync(string title)
    {
        await using var db = factory.NewDbContext();
        return await db.ServiceStandards.Where(s => s.Title == title).Select(s => s.Id).SingleAsync();
    }

    private async Task<List<double>> ActualsAsync(string title)
    {
        var id = await IdAsync(title);
        await using var db = factory.NewDbContext();
        return await db.StandardResults.Where(r => r.StandardId == id).OrderBy(r => r.QuarterKey).Select(r => r.ActualValue).ToListAsync();
    }
}

public sealed class ResultsImportTests_Sqlite(SqliteDemoPortal factory) : ResultsImportTests(factory), IClassFixture<SqliteDemoPortal>;
public sealed class ResultsImportTests_PostgreSql(PostgreSqlDemoPortal factory) : ResultsImportTests(factory), IClassFixture<PostgreSqlDemoPortal>;
