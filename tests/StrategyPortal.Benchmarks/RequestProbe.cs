using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace StrategyPortal.Benchmarks;

/// <summary>
/// What each kind of answering request costs the server, counted while the load runs: SQL statements and connection opens
/// (EF Core's diagnostic events, attributed to the request whose async flow ran them) and the time from the request's
/// arrival to the end of the pipeline. Kinds: the pulse form and its post, signed in (<c>/pulses/{round}</c>) or through a
/// personal link (<c>/pulses/{round}/link/{token}</c>). Background work (the outbox worker) runs outside any request and is
/// not counted. <see cref="Reset"/> starts a new count (before the timed phase).
/// </summary>
internal static class RequestProbe
{
    private static readonly AsyncLocal<Tally?> Current = new();
    private static readonly ConcurrentDictionary<string, Totals> ByKind = new();
    private static int _subscribed;
    private static long _allCommands, _allSaves;
    private static readonly ConcurrentDictionary<object, long> SaveStarts = new(ReferenceEqualityComparer.Instance);
    private static readonly ConcurrentBag<(double Milliseconds, int Entities)> Saves = [];

    private sealed class Tally
    {
        public int Commands;
        public int Opens;
        public List<string>? Sql;
        public readonly Stopwatch Clock = Stopwatch.StartNew();
        public double ReadsDone = double.NaN, SaveStarted = double.NaN, SaveDone = double.NaN;
    }

    private sealed class Totals
    {
        public int Requests;
        public long Commands;
        public long Opens;
        public readonly ConcurrentBag<double> Milliseconds = [];
        public List<string>? SampleSql;
        public readonly ConcurrentBag<(double Reads, double Gate, double Save, double After)> Stages = [];
    }

    /// <summary>The first middleware of the portal's pipeline (a startup filter), and the EF Core listener.</summary>
    public static void AddTo(WebApplicationBuilder builder)
    {
        if (Environment.GetEnvironmentVariable("SP_BENCH_PROBE") == "0") return;
        builder.Services.AddSingleton<IStartupFilter, Filter>();
        if (Interlocked.Exchange(ref _subscribed, 1) == 0)
            DiagnosticListener.AllListeners.Subscribe(new Observer<DiagnosticListener>(listener =>
            {
                if (listener.Name == Microsoft.EntityFrameworkCore.DbLoggerCategory.Name) listener.Subscribe(new Observer<KeyValuePair<string, object?>>(OnEvent));
            }));
    }

    public static void Reset()
    {
        ByKind.Clear();
        Interlocked.Exchange(ref _allCommands, 0);
        Interlocked.Exchange(ref _allSaves, 0);
        Saves.Clear();
    }

    private static void OnEvent(KeyValuePair<string, object?> e)
    {
        if (e.Key == RelationalEventId.CommandExecuting.Name) Interlocked.Increment(ref _allCommands);
        else if (e.Key == CoreEventId.SaveChangesStarting.Name && e.Value is DbContextEventData starting && starting.Context is { } context)
            SaveStarts[context] = Stopwatch.GetTimestamp();
        else if (e.Key == CoreEventId.SaveChangesCompleted.Name && e.Value is SaveChangesCompletedEventData completed)
        {
            Interlocked.Increment(ref _allSaves);
            if (completed.Context is { } done && SaveStarts.TryRemove(done, out var started))
                Saves.Add((Stopwatch.GetElapsedTime(started).TotalMilliseconds, completed.EntitiesSavedCount));
        }
        if (Current.Value is not { } tally) return;
        if (e.Key == RelationalEventId.CommandExecuting.Name)
        {
            Interlocked.Increment(ref tally.Commands);
            if (tally.Sql is { } sql && e.Value is CommandEventData command) lock (sql) sql.Add(command.Command.CommandText);
        }
        else if (e.Key == RelationalEventId.ConnectionOpening.Name) Interlocked.Increment(ref tally.Opens);
        else if (e.Key == RelationalEventId.CommandExecuted.Name && double.IsNaN(tally.SaveStarted)) tally.ReadsDone = tally.Clock.Elapsed.TotalMilliseconds;
        else if (e.Key == CoreEventId.SaveChangesStarting.Name) tally.SaveStarted = tally.Clock.Elapsed.TotalMilliseconds;
        else if (e.Key == CoreEventId.SaveChangesCompleted.Name) tally.SaveDone = tally.Clock.Elapsed.TotalMilliseconds;
    }

    private static string? KindOf(HttpRequest request)
    {
        var path = request.Path.Value ?? "";
        if (!path.StartsWith("/pulses/", StringComparison.Ordinal)) return null;
        var kind = path.Contains("/link/", StringComparison.Ordinal) ? "link" : "signed in";
        return $"{request.Method} {kind}";
    }

    private sealed class Filter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (KindOf(context.Request) is not { } kind)
                {
                    await nextMiddleware(context);
                    return;
                }
                var totals = ByKind.GetOrAdd(kind, _ => new Totals());
                var tally = new Tally();
                // The first request of each kind after a reset keeps its SQL, to be printed.
                var sample = totals.SampleSql is null && Interlocked.CompareExchange(ref totals.SampleSql, [], null) is null;
                if (sample) tally.Sql = [];
                Current.Value = tally;
                var clock = Stopwatch.StartNew();
                try
                {
                    await nextMiddleware(context);
                }
                finally
                {
                    totals.Milliseconds.Add(clock.Elapsed.TotalMilliseconds);
                    if (!double.IsNaN(tally.SaveDone))
                        totals.Stages.Add((tally.ReadsDone, tally.SaveStarted - tally.ReadsDone, tally.SaveDone - tally.SaveStarted, tally.Clock.Elapsed.TotalMilliseconds - tally.SaveDone));
                    Interlocked.Increment(ref totals.Requests);
                    Interlocked.Add(ref totals.Commands, tally.Commands);
                    Interlocked.Add(ref totals.Opens, tally.Opens);
                    if (sample) totals.SampleSql = tally.Sql;
                    Current.Value = null;
                }
            });
            next(app);
        };
    }

    /// <summary>
    /// Per kind: requests, SQL statements and connection opens per request, server time p50 / p95; and every statement and
    /// SaveChanges of the process since <see cref="Reset"/> (also those outside a request: answers written together) per answer.
    /// </summary>
    public static void Print(int answers, bool sql = false)
    {
        var f = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(f, $"  whole process: {Interlocked.Read(ref _allCommands) / (double)Math.Max(1, answers):0.00} SQL statements and {Interlocked.Read(ref _allSaves) / (double)Math.Max(1, answers):0.000} SaveChanges (transactions written) per answer"));
        if (!Saves.IsEmpty)
        {
            var saves = Saves.ToList();
            var ms = saves.Select(x => x.Milliseconds).OrderBy(x => x).ToList();
            var rows = saves.Select(x => (double)x.Entities).OrderBy(x => x).ToList();
            Console.WriteLine(string.Create(f, $"  SaveChanges: {saves.Count:N0}, p50 / p95 / max {LoadRun.Percentile(ms, 50):0.0} / {LoadRun.Percentile(ms, 95):0.0} / {ms[^1]:0.0} ms; rows per SaveChanges mean {rows.Average():0.0}, p50 / max {LoadRun.Percentile(rows, 50):0} / {rows[^1]:0}"));
        }
        foreach (var (kind, t) in ByKind.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            if (t.Requests == 0) continue;
            var ms = t.Milliseconds.OrderBy(x => x).ToList();
            Console.WriteLine(string.Create(f,
                $"  {kind,-14} {t.Requests,6:N0} requests: {t.Commands / (double)t.Requests:0.00} SQL statements, {t.Opens / (double)t.Requests:0.00} connection opens per request; server time p50 / p95 {LoadRun.Percentile(ms, 50):0.0} / {LoadRun.Percentile(ms, 95):0.0} ms"));
            if (!t.Stages.IsEmpty)
            {
                var stages = t.Stages.ToList();
                string Of(Func<(double Reads, double Gate, double Save, double After), double> stage)
                {
                    var sorted = stages.Select(stage).OrderBy(x => x).ToList();
                    return string.Create(f, $"{LoadRun.Percentile(sorted, 50):0.0} / {LoadRun.Percentile(sorted, 95):0.0}");
                }
                Console.WriteLine($"      stages of the {stages.Count:N0} that saved, p50 / p95 ms: arrival to last read {Of(s => s.Reads)}; waiting for the write gate {Of(s => s.Gate)}; save (BEGIN, INSERTs, COMMIT) {Of(s => s.Save)}; after the save {Of(s => s.After)}");
            }
            if (sql && t.SampleSql is { } statements)
                foreach (var statement in statements)
                    Console.WriteLine("      " + string.Join(" ", statement.Split((char[])['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim())));
        }
    }

    private sealed class Observer<T>(Action<T> onNext) : IObserver<T>
    {
        public void OnNext(T value) => onNext(value);
        public void OnError(Exception error) { }
        public void OnCompleted() { }
    }
}
