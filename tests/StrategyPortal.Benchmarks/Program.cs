using BenchmarkDotNet.Running;
using StrategyPortal.Benchmarks.CustomerScores;

// "customer-scores …" runs the one-shot import measurement (a million rows is a macro benchmark:
// one timed run, not BenchmarkDotNet's many iterations); anything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == "customer-scores") return await CustomerScoreImportBenchmark.RunAsync(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
