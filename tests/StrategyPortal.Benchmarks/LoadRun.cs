using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Infrastructure.Persistence;

namespace StrategyPortal.Benchmarks;

/// <summary>
/// N employees answer one pulse over HTTP through the real static answering page. All of them sign in
/// first (untimed: signing in is not answering); then, timed, each GETs the form (its own antiforgery
/// cookie and token) and POSTs the answers. Bounded by count and
/// time, loopback only. Every 100th session posts its form a second time, which must be refused.
/// Afterwards the stored participations and responses are counted back.
/// </summary>
internal static partial class LoadRun
{
    public static async Task<int> RunAsync(int employees, int concurrency, TimeSpan maxDuration, int port, bool formsFirst = false, int rate = 0, int warmUp = 10_000)
    {
        Console.WriteLine($"load run: {employees} employees, concurrency {concurrency}, at most {maxDuration.TotalSeconds:0} s, SQLite, loopback :{port}{(formsFirst ? ", forms opened before the timed phase" : "")}{(rate > 0 ? $", answers started at {rate}/s" : ", each worker as fast as it can")}");
        await using var host = await BenchHost.StartAsync(port);
        var seed = Stopwatch.StartNew();
        var people = await BenchHost.SeedCompanyAsync(host.App.Services, employees);
        var (_, roundId) = await BenchHost.SeedPulseAsync(host.App.Services);
        // Warm-up answers go to a pulse of their own, so every one of the employees answers the timed pulse.
        var (_, warmUpRoundId) = await BenchHost.SeedPulseAsync(host.App.Services, title: "Bench warm-up pulse");
        Console.WriteLine($"seeded {people.Count} people and the pulses in {seed.Elapsed.TotalSeconds:0.0} s");

        using var handler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = concurrency, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(host.Url), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        // Signing in is not answering: every employee gets its cookie before the clock starts (the benchmark endpoint
        // issues it without hashing a password). The timed phase is what answering costs: GET the form, POST the answers.
        var signInClock = Stopwatch.StartNew();
        var cookieJar = new ConcurrentDictionary<int, Dictionary<string, string>>();
        var openForms = new ConcurrentDictionary<int, string>();
        var toSignIn = new ConcurrentQueue<int>(people);
        var signInFailures = 0;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (toSignIn.TryDequeue(out var personId))
            {
                var cookies = new Dictionary<string, string>();
                using var signIn = await client.SendAsync(Request(HttpMethod.Get, $"/bench/sign-in/{personId}", cookies));
                Keep(signIn, cookies);
                if (signIn.StatusCode != HttpStatusCode.NoContent) { Interlocked.Increment(ref signInFailures); continue; }
                if (formsFirst)
                {
                    // Opening the form is what a person does a minute before answering; with --forms-first only the posts are timed.
                    using var form = await client.SendAsync(Request(HttpMethod.Get, $"/pulses/{roundId}", cookies));
                    Keep(form, cookies);
                    if (form.StatusCode != HttpStatusCode.OK) { Interlocked.Increment(ref signInFailures); continue; }
                    openForms[personId] = await form.Content.ReadAsStringAsync();
                }
                cookieJar[personId] = cookies;
            }
        })));
        Console.WriteLine($"signed in {cookieJar.Count} employees{(formsFirst ? " and opened their forms" : "")} before the timed phase in {signInClock.Elapsed.TotalSeconds:0.0} s ({signInFailures} failed)");

        // Warm-up, untimed, on the warm-up pulse: the first answers JIT-compile the answering path and let tiered
        // compilation settle, as in a portal that has been running for a while; "sustained" is what comes after.
        var ready = people.Where(cookieJar.ContainsKey).ToList();
        var warmUpCount = Math.Min(warmUp, ready.Count);
        var warmUpClock = Stopwatch.StartNew();
        var warmedUp = await RunPhaseAsync(ready.Take(warmUpCount), warmUpRoundId, pace: 0, TimeSpan.FromMinutes(2), timed: null);
        Console.WriteLine($"warm-up: {warmedUp.Stored} answers to the warm-up pulse (GET form + POST, untimed) in {warmUpClock.Elapsed.TotalSeconds:0.0} s");

        var postLatencies = new ConcurrentBag<double>();
        var sessionLatencies = new ConcurrentBag<double>();
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var collectionsBefore = GC.CollectionCount(0);
        RequestProbe.Reset();
        var wall = Stopwatch.StartNew();
        var phase = await RunPhaseAsync(ready, roundId, rate, maxDuration, (postLatencies, sessionLatencies));
        var stored = phase.Stored;
        var failures = phase.Failures;
        var (replaysRefused, replaysAccepted) = (phase.ReplaysRefused + warmedUp.ReplaysRefused, phase.ReplaysAccepted + warmedUp.ReplaysAccepted);
        wall.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
        var collections = GC.CollectionCount(0) - collectionsBefore;

        await using var scope = host.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var participations = await db.Participations.CountAsync(p => p.RoundId == roundId);
        var distinctPeople = await db.Participations.Where(p => p.RoundId == roundId).Select(p => p.PersonId).Distinct().CountAsync();
        var responses = await db.PulseResponses.CountAsync(r => r.RoundId == roundId);

        var posts = postLatencies.OrderBy(x => x).ToList();
        var whole = sessionLatencies.OrderBy(x => x).ToList();
        Console.WriteLine();
        Console.WriteLine($"answers stored (HTTP 302)    : {stored} of {people.Count} timed (+{warmedUp.Stored} to the warm-up pulse) in {wall.Elapsed.TotalSeconds:0.0} s");
        Console.WriteLine($"answers/s (sustained)        : {stored / wall.Elapsed.TotalSeconds:0.0}");
        Console.WriteLine($"POST latency p50 / p95 / p99 : {Percentile(posts, 50):0.0} / {Percentile(posts, 95):0.0} / {Percentile(posts, 99):0.0} ms");
        Console.WriteLine($"answer{(formsFirst ? " (POST)" : " (GET form + POST)")}{(rate > 0 ? " from its due start" : "")} p50 / p95 / p99 : {Percentile(whole, 50):0.0} / {Percentile(whole, 95):0.0} / {Percentile(whole, 99):0.0} ms");
        Console.WriteLine($"CPU (server + client, one process): {cpu.TotalSeconds:0.0} s = {cpu.TotalMilliseconds / Math.Max(1, stored):0.00} ms per answer = {stored / Math.Max(0.001, cpu.TotalSeconds):0} answers per CPU-second; machine load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        Console.WriteLine($"allocated (server + client)  : {allocated / 1024.0 / Math.Max(1, stored):0} KB per answer, {collections} gen0 collections ({(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC)");
        Console.WriteLine("per request (server side)    :");
        RequestProbe.Print(stored, sql: Environment.GetEnvironmentVariable("SP_BENCH_SQL") == "1");
        Console.WriteLine($"replayed posts refused       : {replaysRefused} (accepted: {replaysAccepted})");
        Console.WriteLine($"failures                     : {(failures.IsEmpty ? "none" : string.Join("; ", failures.Select(f => $"{f.Key} × {f.Value}")))}");
        Console.WriteLine($"counted back from the DB     : {participations} participations ({distinctPeople} people), {responses} responses");
        var lost = Math.Max(0, stored - responses);
        var duplicated = Math.Max(0, responses - stored) + (participations - distinctPeople);
        Console.WriteLine($"lost / duplicated answers    : {lost} / {duplicated}");
        var ok = lost == 0 && duplicated == 0 && participations == responses && replaysAccepted == 0 && warmedUp.Failures.IsEmpty;
        Console.WriteLine(ok ? "RESULT: consistent" : "RESULT: INCONSISTENT");
        return ok ? 0 : 1;

        // One phase: workers take people from the queue; each GETs the form (unless opened before) and POSTs the answers.
        async Task<PhaseResult> RunPhaseAsync(IEnumerable<int> persons, int round, int pace, TimeSpan limit, (ConcurrentBag<double> Posts, ConcurrentBag<double> Sessions)? timed)
        {
            var queue = new ConcurrentQueue<int>(persons);
            var failures = new ConcurrentDictionary<string, int>();
            int stored = 0, replaysRefused = 0, replaysAccepted = 0, sessions = 0;
            using var stop = new CancellationTokenSource(limit);
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
            {
                var random = new Random(1000 + w);
                while (!stop.IsCancellationRequested && queue.TryDequeue(out var personId))
                {
                    var number = Interlocked.Increment(ref sessions);
                    // Paced (--rate): answer n starts at n/rate seconds, whatever happened to earlier ones (open loop), and
                    // its latency counts from then, so a queue of late starts shows in the figures instead of hiding.
                    var due = pace > 0 ? TimeSpan.FromSeconds((number - 1) / (double)pace) : clock.Elapsed;
                    if (due > clock.Elapsed)
                    {
                        try { await Task.Delay(due - clock.Elapsed, stop.Token); }
                        catch (OperationCanceledException) { break; }
                    }
                    try
                    {
                        var cookies = new Dictionary<string, string>(cookieJar[personId]);
                        if (round != roundId || !openForms.TryGetValue(personId, out var html))
                        {
                            using var form = await client.SendAsync(Request(HttpMethod.Get, $"/pulses/{round}", cookies), stop.Token);
                            Keep(form, cookies);
                            html = await form.Content.ReadAsStringAsync(stop.Token);
                            if (form.StatusCode != HttpStatusCode.OK) { Fail($"form {(int)form.StatusCode}"); continue; }
                        }
                        var fields = FormFields(html, random);
                        var post = Stopwatch.StartNew();
                        using (var answer = await client.SendAsync(Post(round, fields, cookies), stop.Token))
                        {
                            post.Stop();
                            if (answer.StatusCode != HttpStatusCode.Found) { Fail($"answer {(int)answer.StatusCode}"); continue; }
                        }
                        Interlocked.Increment(ref stored);
                        timed?.Posts.Add(post.Elapsed.TotalMilliseconds);
                        timed?.Sessions.Add((clock.Elapsed - due).TotalMilliseconds);
                        if (number % 100 == 0)
                        {
                            using var replay = await client.SendAsync(Post(round, fields, cookies), stop.Token);
                            if (replay.StatusCode == HttpStatusCode.Conflict) Interlocked.Increment(ref replaysRefused);
                            else Interlocked.Increment(ref replaysAccepted);
                        }
                    }
                    catch (OperationCanceledException) when (stop.IsCancellationRequested)
                    {
                        // Time is up: this session's answer may or may not have been stored; the count-back below settles it.
                        Fail("cut off at the time limit");
                    }
                    catch (HttpRequestException e)
                    {
                        Fail("http: " + e.Message);
                    }
                }
            })));
            return new PhaseResult(stored, replaysRefused, replaysAccepted, failures);

            void Fail(string what) => failures.AddOrUpdate(what, 1, (_, n) => n + 1);
        }
    }

    private sealed record PhaseResult(int Stored, int ReplaysRefused, int ReplaysAccepted, ConcurrentDictionary<string, int> Failures);

    internal static HttpRequestMessage Request(HttpMethod method, string path, Dictionary<string, string> cookies)
    {
        var request = new HttpRequestMessage(method, path);
        if (cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
        return request;
    }

    private static HttpRequestMessage Post(int roundId, List<KeyValuePair<string, string>> fields, Dictionary<string, string> cookies)
    {
        var request = Request(HttpMethod.Post, $"/pulses/{roundId}", cookies);
        request.Content = new FormUrlEncodedContent(fields);
        return request;
    }

    internal static void Keep(HttpResponseMessage response, Dictionary<string, string> cookies)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var values)) return;
        foreach (var value in values)
        {
            var pair = value.Split(';', 2)[0];
            var eq = pair.IndexOf('=');
            if (eq > 0) cookies[pair[..eq]] = pair[(eq + 1)..];
        }
    }

    /// <summary>The form's own token, and a plausible answer to every item the page shows.</summary>
    internal static List<KeyValuePair<string, string>> FormFields(string html, Random random)
    {
        var formStart = html.IndexOf("data-testid=\"pulse-form\"", StringComparison.Ordinal);
        if (formStart < 0) throw new HttpRequestException("no pulse form on the page");
        var token = TokenPattern().Match(html, formStart).Groups[1].Value;
        var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", WebUtility.HtmlDecode(token)), new("_handler", "pulse-answer") };
        var level = random.Next(2, 6);
        foreach (var name in RadioPattern().Matches(html, formStart).Select(m => m.Groups[1].Value).Distinct())
        {
            var max = html.Contains($"id=\"{name}-10\"", StringComparison.Ordinal) ? 10 : 5;
            var min = max == 10 ? 0 : 1;
            var value = max == 10 ? Math.Clamp(level * 2 + random.Next(-2, 2), min, max) : Math.Clamp(level + random.Next(-1, 2), min, max);
            fields.Add(new(name, value.ToString(CultureInfo.InvariantCulture)));
        }
        foreach (Match textarea in TextareaPattern().Matches(html, formStart))
            if (random.NextDouble() < 0.2) fields.Add(new(textarea.Groups[1].Value, "Meer tijd voor klanten, minder voor formulieren."));
        return fields;
    }

    internal static double Percentile(List<double> sorted, int p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1)];

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("type=\"radio\" id=\"q\\d+-\\d+\" name=\"(q\\d+)\"")]
    private static partial Regex RadioPattern();

    [GeneratedRegex("<textarea id=\"(q\\d+)\"")]
    private static partial Regex TextareaPattern();
}
