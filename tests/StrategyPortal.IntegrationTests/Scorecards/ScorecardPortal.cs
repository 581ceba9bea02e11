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
            services.AddScoped<IScorecardDataBuilder>(sp => new SteeredBuilder(Steering, sp));
            services.AddSingleton<IScorecardPdfWriter>(Steering);
        });
    }
}

/// <summary>The steered builder in a DI scope: the first call builds one real scorecard as the template (once per portal).</summary>
public sealed class SteeredBuilder(SteeredScorecards steering, IServiceProvider services) : IScorecardDataBuilder
{
    public async Task<ScorecardData> BuildAsync(ScorecardRequest request, CancellationToken cancellationToken = default)
    {
        await steering.EnsureTemplateAsync(() => ActivatorUtilities.CreateInstance<ScorecardDataBuilder>(services), cancellationToken);
        return await steering.BuildAsync(request, cancellationToken);
    }
}

public sealed class SteeredScorecards : IScorecardDataBuilder, IScorecardPdfWriter
{
    private readonly SemaphoreSlim _templateLock = new(1, 1);
    private ScorecardData? _template;

    public async Task EnsureTemplateAsync(Func<IScorecardDataBuilder> real, CancellationToken cancellationToken)
    {
        if (_template is not null) return;
        await _templateLock.WaitAsync(cancellationToken);
        try
        {
            _template ??= await real().BuildAsync(new ScorecardRequest(new StrategyPortal.Domain.Common.Quarter(2026, 3), null), cancellationToken);
        }
        finally
        {
            _templateLock.Release();
        }
    }

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
        var template = _template ?? throw new InvalidOperationException("Build through SteeredBuilder.");
        return Task.FromResult(template with
        {
            CompanyName = "Noordlicht Retail B.V. " + $"figure {LiveFigure}",
            Quarter = request.Quarter,
            UnitId = request.UnitId,
            UnitName = request.UnitId?.ToString(CultureInfo.InvariantCulture),
        });
    }

    public byte[] Write(ScorecardData data, CultureInfo culture) =>
        Encoding.UTF8.GetBytes($"%PDF-1.7 test {culture.TwoLetterISOLanguageName} {ScorecardJson.Serialize(data)}");
}

public sealed class SqliteScorecardPortal() : ScorecardPortalFactory(DatabaseProvider.Sqlite);
public sealed class PostgreSqlScorecardPortal() : ScorecardPortalFactory(DatabaseProvider.PostgreSql);
