using System.Globalization;
using BenchmarkDotNet.Running;
using StrategyPortal.Benchmarks;
using StrategyPortal.Benchmarks.CustomerScores;
using StrategyPortal.Benchmarks.Scorecards;

// Usage (see README.md):
//   load            [--employees 10000] [--concurrency 64] [--max-seconds 300] [--port 5391] [--forms-first] [--rate answers-per-second] [--warm-up 10000]
//   aggregate       [--employees 10000] [--rounds 8] [--repeat 20] [--port 5392]
//   customer-scores …  one timed import of a generated CSV (a macro benchmark, not BenchmarkDotNet iterations)
//   scorecard       [--units 200] [--repeat 20]  the demo company's scorecard warm, then a batch of unit scorecards on all cores
//   mail            [--people 10000] [--concurrency 64] [--no-answer] [--port 5393]  a round opening for N people: invitations to a local SMTP server, then answers through the personal links
//   people-import   [--people 10000] [--delta 100]  a full sync (preview + apply), the same file again, then a delta
//   scim            [--users 10000] [--concurrency 8] [--port 5223]  an Entra-style initial SCIM cycle against the real portal
//   bdn             BenchmarkDotNet run of the aggregation (takes minutes)
//   circuits        [--per-page 12] [--port 5395] [--only /,/standards]  server memory per open interactive page, page by page (headless Chromium)
//   users           [--steps 10,20,40,80] [--think 10] [--window 60] [--port 5394]  concurrent interactive users one instance holds, p95 page load
var mode = args.Length > 0 ? args[0] : "help";
int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, "--" + name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

switch (mode)
{
    case "load":
        return await LoadRun.RunAsync(Option("employees", 10_000), Option("concurrency", 64), TimeSpan.FromSeconds(Option("max-seconds", 300)), Option("port", 5391), args.Contains("--forms-first"), Option("rate", 0), Option("warm-up", 10_000));
    case "aggregate":
        return await AggregationRun.RunAsync(Option("employees", 10_000), Option("rounds", 8), Option("repeat", 20), Option("port", 5392));
    case "customer-scores":
        return await CustomerScoreImportBenchmark.RunAsync(args[1..]);
    case "people-import":
        return await StrategyPortal.Benchmarks.People.PeopleImportBenchmark.RunAsync(Option("people", 10_000), Option("delta", 100));
    case "scim":
        return await StrategyPortal.Benchmarks.People.ScimBenchmark.RunAsync(Option("users", 10_000), Option("concurrency", 8), Option("port", 5223));
    case "scorecard":
        return await ScorecardBenchmark.RunAsync(Option("units", 200), Option("repeat", 20));
    case "circuits":
        return await CircuitMemoryRun.RunAsync(Option("per-page", 12), Option("port", 5395),
            Array.IndexOf(args, "--only") is var only and >= 0 ? args[only + 1].Split(',') : []);
    case "users":
        var steps = Array.IndexOf(args, "--steps") is var at and >= 0 ? args[at + 1].Split(',').Select(int.Parse).ToArray() : [10, 20, 40, 80];
        return await CapacityRun.RunAsync(steps, Option("think", 10), Option("window", 60), Option("port", 5394));
    case "mail":
        return await StrategyPortal.Benchmarks.Notifications.MailBenchmark.RunAsync(Option("people", 10_000), Option("port", 5393), Option("concurrency", 64), !args.Contains("--no-answer"));
    case "bdn":
        BenchmarkSwitcher.FromAssembly(typeof(ResultsAggregationBenchmark).Assembly).Run(args[1..]);
        return 0;
    default:
        Console.WriteLine("modes: load | aggregate | customer-scores | people-import | scim | scorecard | mail | circuits | users | bdn (see tests/StrategyPortal.Benchmarks/README.md)");
        return 2;
}
