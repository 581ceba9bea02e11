using StrategyPortal.Application.Localization;
using System.Globalization;
using StrategyPortal.Application.Scorecards;
using StrategyPortal.Domain.Common;
using StrategyPortal.Infrastructure.Access;
using StrategyPortal.Infrastructure.Persistence;
using StrategyPortal.Infrastructure.Seeding;

namespace StrategyPortal.Web.Scorecards;

/// <summary>
/// <c>dotnet run --project src/StrategyPortal.Web -- scorecard --quarter 2026-Q3 [--unit NAME] [--lang nl|en] --out FILE.pdf</c>:
/// writes a draft scorecard of the configured database to a file (migrating and seeding the demo company
/// first when configured, like a normal start). Exit codes: 0 written, 2 bad arguments or unknown unit/quarter, 1 failure.
/// </summary>
public static class ScorecardCommand
{
    public const string Name = "scorecard";
    public const int BadArguments = 2;

    public const string Usage = "Usage: scorecard --quarter 2026-Q3 [--unit NAME] [--lang nl|en] --out FILE.pdf";

    public sealed record Options(Quarter Quarter, string? Unit, CultureInfo Culture, string Out);

    /// <summary>Reads the command's own options; any other <c>--Key=value</c> or <c>--Key value</c> is configuration and is skipped.</summary>
    public static (Options? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        string? quarter = null, unit = null, lang = null, output = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string? Value() => i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
            switch (arg)
            {
                case "--quarter": quarter = Value() ?? ""; break;
                case "--unit": unit = Value() ?? ""; break;
                case "--lang": lang = Value() ?? ""; break;
                case "--out": output = Value() ?? ""; break;
                default:
                    if (arg.StartsWith("--", StringComparison.Ordinal) && !arg.Contains('=') && i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal)) i++;
                    break;
            }
        }
        if (quarter is null) return (null, "--quarter is required.");
        if (!Quarter.TryParse(quarter, out var q)) return (null, $"'{quarter}' is not a quarter; write it as 2026-Q3.");
        if (output is null || output.Length == 0) return (null, "--out FILE.pdf is required.");
        if (unit is { Length: 0 }) return (null, "--unit needs a unit name.");
        lang ??= "nl";
        if (lang is not ("nl" or "en")) return (null, $"--lang must be nl or en, not '{lang}'.");
        return (new Options(q, unit, PortalCultures.Of(lang), output), null);
    }

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var (options, problem) = Parse(args);
        if (options is null)
        {
            await error.WriteLineAsync(problem);
            await error.WriteLineAsync(Usage);
            return BadArguments;
        }
        var today = Quarter.Of(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        if (options.Quarter > today)
        {
            await error.WriteLineAsync($"Quarter {options.Quarter} has not started yet (the current quarter is {today}).");
            return BadArguments;
        }

        try
        {
            await services.GetRequiredService<DatabaseInitializer>().InitialiseAsync(services.GetRequiredService<DemoOptions>().DemoData, cancellationToken);
            await using var scope = SystemScope.Create(services);
            int? unitId = null;
            if (options.Unit is { } unitName)
            {
                var units = scope.ServiceProvider.GetRequiredService<ScorecardUnits>();
                var unit = await units.FindAsync(unitName, cancellationToken);
                if (unit is null)
                {
                    var known = (await units.GetAllAsync(cancellationToken)).Select(u => u.Name);
                    await error.WriteLineAsync($"Unknown unit '{unitName}'. Units: {string.Join(", ", known)}.");
                    return BadArguments;
                }
                unitId = unit.Id;
            }
            var data = await scope.ServiceProvider.GetRequiredService<IScorecardDataBuilder>().BuildAsync(new ScorecardRequest(options.Quarter, unitId), cancellationToken);
            var pdf = scope.ServiceProvider.GetRequiredService<IScorecardPdfWriter>().Write(data, options.Culture);
            var path = Path.GetFullPath(options.Out);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, pdf, cancellationToken);
            await output.WriteLineAsync($"Scorecard {data.UnitName ?? data.CompanyName} {options.Quarter} ({options.Culture.Name}): {path}, {pdf.Length / 1024.0:0.0} KB.");
            return 0;
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"Scorecard not written: {e.Message}");
            return 1;
        }
    }
}
