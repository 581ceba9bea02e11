using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.Scorecards;
using StrategyPortal.Infrastructure.Persistence;
using StrategyPortal.IntegrationTests.Infrastructure;

namespace StrategyPortal.IntegrationTests.Scorecards;

/// <summary>
/// The demo portal with a scorecard builder and writer the tests steer: issuing, snapshots, retries and
/// authorization are about storing and publishing PDFs, not about their content (the scorecard content
/// has its own tests). The builder reads <see cref="LiveFigure"/> as "today's data", so a test can change
/// the data after issuing and see that the issued scorecard does not move.
/// </summary>
public abstract class ScorecardPortalFactory(DatabaseProvider provider) : PortalFactory(provider, demoData: true)
{
    public SteeredScorecards Steering { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Scorecards:RetryDelaySeconds", "0");
        builder.UseSetting("Scorecards:PollSeconds", "1");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(Steering);
            services.AddScoped<IScorecardDataBuilder>(_ => Steering);
            services.AddSingleton<IScorecardPdfWriter>(Steering);
        });
    }
}

public sealed class SteeredScorecards : IScorecardDataBuilder, IScorecardPdfWriter
{
    private readonly ConcurrentDictionary<int, int> _attempts = new();

    /// <summary>Stands for the live figures a scorecard shows.</summary>
    public int LiveFigure { get; set; } = 1;

    /// <summary>Units whose scorecard fails while their attempt number is at most the value (int.MaxValue: always).</summary>
    public ConcurrentDictionary<int, int> FailUnits { get; } = new();

    public int AttemptsOf(int unitId) => _attempts.GetValueOrDefault(unitId);

    public Task<ScorecardData> BuildAsync(ScorecardRequest request, CancellationToken cancellationToken = default)
    {
        if (request.UnitId is { } unitId)
        {
            var attempt = _attempts.AddOrUpdate(unitId, 1, (_, a) => a + 1);
            if (FailUnits.TryGetValue(unitId, out var failUpTo) && attempt <= failUpTo)
                throw new InvalidOperationException($"figures of unit {unitId} could not be read (attempt {attempt})");
        }
        return Task.FromResult(TestScorecardData.For(request, $"figure {LiveFigure}"));
    }

    public byte[] Write(ScorecardData data, CultureInfo culture) =>
        Encoding.UTF8.GetBytes($"%PDF-1.7 test {culture.TwoLetterISOLanguageName} {ScorecardJson.Serialize(data)}");
}

public static class TestScorecardData
{
    /// <summary>A scorecard's data with <paramref name="marker"/> standing for its figures.</summary>
    public static ScorecardData For(ScorecardRequest request, string marker) =>
        new("Noordlicht Retail B.V. " + marker, request.Quarter, request.UnitId, request.UnitId?.ToString(CultureInfo.InvariantCulture), new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc));
}

public sealed class SqliteScorecardPortal() : ScorecardPortalFactory(DatabaseProvider.Sqlite);
public sealed class PostgreSqlScorecardPortal() : ScorecardPortalFactory(DatabaseProvider.PostgreSql);
