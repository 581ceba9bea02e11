using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.Engagement;
using StrategyPortal.Application.People;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.Domain.People;
using StrategyPortal.Infrastructure.Persistence;
using StrategyPortal.IntegrationTests.Notifications;

namespace StrategyPortal.Benchmarks.Notifications;

/// <summary>
/// Issue 16's speed goal: a round opening for N people. The real portal (Production, SMTP provider) on a fresh SQLite file;
/// N people imported through the real people import (units, managers, every fourth person in English); then, as the
/// administrator, a pulse for the whole company scheduled to open today through <see cref="PulseScheduleService"/>: the
/// round records its audience and queues one invitation per person in the same transaction, and the real outbox worker
/// claims, renders (each in its recipient's language, with a personal link made at sending) and hands them to a real SMTP
/// server on 127.0.0.1 (the SmtpServer library, in this process). Timed from the call that opens the round until the last
/// message was accepted; the managed heap and working set are sampled every 250 ms meanwhile. Two openings: a warm-up pulse
/// (the first in a fresh process: JIT) and the timed one. Then the answering load through the personal links read from the
/// sent messages: everyone answers the warm-up pulse (untimed), then the timed pulse (GET the link, POST the answer),
/// as <see cref="LoadRun"/> does after sign-in.
/// </summary>
internal static partial class MailBenchmark
{
    public static async Task<int> RunAsync(int people, int port, int concurrency, bool answer)
    {
        var f = CultureInfo.InvariantCulture;
        var links = new ConcurrentDictionary<int, ConcurrentQueue<string>>();
        var unreadable = 0;
        await using var smtp = new LocalSmtpServer(keepMessages: false)
        {
            OnMessage = buffer =>
            {
                if (LinkOf(buffer) is { } link) links.GetOrAdd(link.RoundId, _ => new()).Enqueue(link.Token);
                else Interlocked.Increment(ref unreadable);
            },
        };
        smtp.Start();
        var url = $"http://127.0.0.1:{port}";
        await using var host = await BenchHost.StartAsync(port,
        [
            "--Mail:Provider=Smtp", "--Mail:Smtp:Host=127.0.0.1", $"--Mail:Smtp:Port={smtp.Port}", "--Mail:Smtp:Security=None",
            "--Mail:From=portal@bench.example", $"--Mail:PortalUrl={url}",
            .. Environment.GetEnvironmentVariable("BENCH_MAIL_ARGS")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [],
        ]);
        Console.WriteLine($"round opening: {people:N0} people, SQLite, SMTP on 127.0.0.1:{smtp.Port}, {Environment.ProcessorCount} cores, load average {LoadAverage()}");

        var seed = Stopwatch.StartNew();
        var administrator = await ImportAsync(host.App.Services, people);
        Console.WriteLine($"imported {people:N0} people (people import, full sync) in {seed.Elapsed.TotalSeconds:0.0} s");

        var warmUp = await OpenAsync(host.App.Services, administrator, "Bench warm-up pulse", smtp, links);
        Console.WriteLine();
        Console.WriteLine("first opening (fresh process, cold):");
        warmUp.Print();
        var timed = await OpenAsync(host.App.Services, administrator, "Bench pulse", smtp, links);
        Console.WriteLine();
        Console.WriteLine("second opening (the figure):");
        timed.Print();
        Console.WriteLine($"  messages without a readable personal link: {unreadable}; duplicates (same Message-Id): {smtp.MessageIds.Count - smtp.MessageIds.Distinct().Count()}");
        var ok = timed.Seconds < 60 && unreadable == 0;
        if (!answer) return ok ? 0 : 1;

        // The answering load through the personal links: first everyone answers the warm-up pulse (untimed, JIT and tiered
        // compilation settle), then everyone answers the timed pulse.
        Console.WriteLine();
        var result = await AnswerAsync(host, links, warmUp.RoundId, timed.RoundId, concurrency);
        return ok && result ? 0 : 1;
    }

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    /// <summary>A company root and its administrator, then N people through the real people import (full sync, units created).</summary>
    private static async Task<int> ImportAsync(IServiceProvider services, int people)
    {
        int administrator;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var company = new OrgUnit("Bench B.V.", OrgUnitKind.Other, null);
            db.OrgUnits.Add(company);
            await db.SaveChangesAsync();
            var admin = new Person("Bench Administrator", "admin@bench.example", company.Id, PortalRole.Administrator);
            db.People.Add(admin);
            await db.SaveChangesAsync();
            administrator = admin.Id;
        }
        await using (var scope = As(services, administrator))
        {
            var imports = scope.ServiceProvider.GetRequiredService<PeopleImportService>();
            var file = People.PeopleImportBenchmark.Encode(People.PeopleImportBenchmark.Generate(people), englishEvery: 4);
            var request = new PeopleImportRequest(PeopleSyncMode.Full, CreateUnits: true);
            var preview = await imports.PreviewAsync(file, "hr.csv", request);
            if (preview.ErrorCount > 0) throw new InvalidOperationException($"the generated file has {preview.ErrorCount} errors");
            var applied = await imports.ApplyAsync(file, "hr.csv", request, preview.ConfirmationCode);
            if (applied.Result is null) throw new InvalidOperationException($"not applied: {applied.Refusal}");
        }
        return administrator;
    }

    /// <summary>A scope acting as the person (as a signed-in request would: the person id claim).</summary>
    private static AsyncServiceScope As(IServiceProvider services, int personId)
    {
        var scope = services.CreateAsyncScope();
        var identity = new ClaimsIdentity([new Claim(PortalClaims.PersonId, personId.ToString(CultureInfo.InvariantCulture))], "bench");
        ((IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>())
            .SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(identity))));
        return scope;
    }

    private sealed record Opening(int RoundId, int Invited, double CommitSeconds, double Seconds, double CpuSeconds, long HeapBefore, long HeapAfter,
        List<(double Seconds, long Heap, long WorkingSet, int Sent)> Samples, string LoadBefore, string LoadAfter)
    {
        public void Print()
        {
            var f = CultureInfo.InvariantCulture;
            Console.WriteLine(string.Create(f, $"  {Invited:N0} invited; round opened and {Invited:N0} invitations queued in one transaction: {CommitSeconds:0.00} s"));
            Console.WriteLine(string.Create(f, $"  **last invitation accepted by the SMTP server {Seconds:0.0} s after the opening** = {Invited / Seconds:0} messages/s"));
            Console.WriteLine(string.Create(f, $"  CPU of the whole process (portal and SMTP server): {CpuSeconds:0.0} s = {CpuSeconds * 1000 / Invited:0.00} ms per message; load average {LoadBefore} before, {LoadAfter} after"));
            Console.WriteLine(string.Create(f, $"  managed heap after a full collection: {HeapBefore / 1048576.0:0.0} MB before, {HeapAfter / 1048576.0:0.0} MB after"));
            if (Samples.Count == 0) return;
            Console.WriteLine(string.Create(f, $"  while sending ({Samples.Count} samples every 250 ms): heap {Samples.Min(s => s.Heap) / 1048576.0:0} – {Samples.Max(s => s.Heap) / 1048576.0:0} MB, working set {Samples.Min(s => s.WorkingSet) / 1048576.0:0} – {Samples.Max(s => s.WorkingSet) / 1048576.0:0} MB"));
            // Ten points through the run: is the working set flat while the messages go out?
            var step = Math.Max(1, Samples.Count / 10);
            Console.WriteLine("  " + string.Join("  ", Samples.Where((_, i) => i % step == 0).Select(s =>
                string.Create(f, $"{s.Seconds:0}s:{s.Sent}/{s.WorkingSet / 1048576.0:0}MB"))));
        }
    }

    private static async Task<Opening> OpenAsync(IServiceProvider services, int administrator, string title, LocalSmtpServer smtp,
        ConcurrentDictionary<int, ConcurrentQueue<string>> links)
    {
        var sentBefore = smtp.Count;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var process = Process.GetCurrentProcess();
        var samples = new List<(double, long, long, int)>();
        var loadBefore = LoadAverage();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;

        var clock = Stopwatch.StartNew();
        int surveyId;
        await using (var scope = As(services, administrator))
        {
            var schedule = scope.ServiceProvider.GetRequiredService<PulseScheduleService>();
            var questions = scope.ServiceProvider.GetRequiredService<PortalDbContext>().PulseQuestions.AsNoTracking().Where(q => q.IsActive).OrderBy(q => q.Id).Select(q => q.Id).ToList();
            var root = scope.ServiceProvider.GetRequiredService<PortalDbContext>().OrgUnits.AsNoTracking().Where(u => u.ParentId == null).Select(u => u.Id).Single();
            var today = schedule.Today;
            surveyId = await schedule.ScheduleAsync(new PulseInput
            {
                Title = title, Cadence = PulseCadence.Once, OpensOn = today, ClosesOn = today.AddDays(14),
                QuestionIds = questions, AudienceUnitIds = [root],
            });
        }
        var committed = clock.Elapsed;
        int roundId, invited;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            roundId = await db.PulseRounds.Where(r => r.SurveyId == surveyId).Select(r => r.Id).SingleAsync();
            invited = await db.PulseInvitations.CountAsync(i => i.RoundId == roundId);
        }
        var lastSample = TimeSpan.Zero;
        while (smtp.Count - sentBefore < invited)
        {
            await Task.Delay(20);
            if (clock.Elapsed - lastSample >= TimeSpan.FromMilliseconds(250))
            {
                lastSample = clock.Elapsed;
                process.Refresh();
                samples.Add((clock.Elapsed.TotalSeconds, GC.GetTotalMemory(false), process.WorkingSet64, smtp.Count - sentBefore));
            }
            if (clock.Elapsed > TimeSpan.FromMinutes(20)) throw new TimeoutException($"Only {smtp.Count - sentBefore} of {invited} arrived in 20 minutes.");
        }
        var done = clock.Elapsed;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var loadAfter = LoadAverage();
        // The worker marks the last messages sent just after they were accepted: let it finish before the next phase.
        await WaitAllSentAsync(services, roundId);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        var linkCount = links.TryGetValue(roundId, out var tokens) ? tokens.Count : 0;
        if (linkCount != invited) Console.WriteLine($"  WARNING: {linkCount} personal links read for {invited} invitations");
        return new Opening(roundId, invited, committed.TotalSeconds, done.TotalSeconds, cpu.TotalSeconds, heapBefore, heapAfter, samples, loadBefore, loadAfter);
    }

    private static async Task WaitAllSentAsync(IServiceProvider services, int roundId)
    {
        for (var i = 0; i < 600; i++)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            if (!await db.OutboxMessages.AnyAsync(m => m.Status != Domain.Notifications.OutboxStatus.Sent)) return;
            await Task.Delay(100);
        }
    }

    /// <summary>The personal link in a raw message (quoted-printable soft breaks undone); parsed with MimeKit only when the quick look finds none.</summary>
    private static (int RoundId, string Token)? LinkOf(ReadOnlySequence<byte> buffer)
    {
        var raw = Encoding.ASCII.GetString(buffer.ToArray());
        var text = raw.Replace("=\r\n", "", StringComparison.Ordinal).Replace("=3D", "=", StringComparison.Ordinal);
        var match = LinkPattern().Match(text);
        if (!match.Success)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = MimeKit.MimeMessage.Load(stream);
            match = LinkPattern().Match(message.TextBody ?? message.HtmlBody ?? "");
            if (!match.Success) return null;
        }
        return (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value);
    }

    [GeneratedRegex(@"/pulses/(\d+)/link/([A-Za-z0-9_-]{20,})")]
    private static partial Regex LinkPattern();

    /// <summary>
    /// Everyone opens their personal link to the warm-up pulse and answers (untimed), then, timed, their link to the timed
    /// pulse: GET the page (no sign-in; its own antiforgery cookie and token) and POST the answer (302 = stored). Every
    /// 100th posts again and must be refused (409). Counted back from the database afterwards.
    /// </summary>
    private static async Task<bool> AnswerAsync(BenchHost host, ConcurrentDictionary<int, ConcurrentQueue<string>> links, int warmUpRound, int timedRound, int concurrency)
    {
        using var handler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = concurrency, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(host.Url), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        var warm = Stopwatch.StartNew();
        var warmed = await PhaseAsync(warmUpRound, null);
        Console.WriteLine($"answering through the personal links, concurrency {concurrency}: warm-up pulse {warmed.Stored:N0} answers in {warm.Elapsed.TotalSeconds:0.0} s (untimed)");

        var posts = new ConcurrentBag<double>();
        var sessions = new ConcurrentBag<double>();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var loadBefore = LoadAverage();
        RequestProbe.Reset();
        var wall = Stopwatch.StartNew();
        var phase = await PhaseAsync(timedRound, (posts, sessions));
        wall.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;

        int participations, distinct, responses;
        await using (var scope = host.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            participations = await db.Participations.CountAsync(p => p.RoundId == timedRound);
            distinct = await db.Participations.Where(p => p.RoundId == timedRound).Select(p => p.PersonId).Distinct().CountAsync();
            responses = await db.PulseResponses.CountAsync(r => r.RoundId == timedRound);
        }
        var p = posts.OrderBy(x => x).ToList();
        var s = sessions.OrderBy(x => x).ToList();
        var f = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(f, $"timed pulse: {phase.Stored:N0} answers stored (302) in {wall.Elapsed.TotalSeconds:0.0} s = **{phase.Stored / wall.Elapsed.TotalSeconds:0} answers/s**"));
        Console.WriteLine(string.Create(f, $"  POST p50 / p95 / p99: {LoadRun.Percentile(p, 50):0.0} / **{LoadRun.Percentile(p, 95):0.0}** / {LoadRun.Percentile(p, 99):0.0} ms; whole answer (GET link + POST) p50 / p95: {LoadRun.Percentile(s, 50):0.0} / {LoadRun.Percentile(s, 95):0.0} ms"));
        Console.WriteLine(string.Create(f, $"  CPU (server + client): {cpu.TotalMilliseconds / Math.Max(1, phase.Stored):0.00} ms per answer; load average {loadBefore} before, {LoadAverage()} after"));
        Console.WriteLine($"  replayed posts refused: {phase.ReplaysRefused + warmed.ReplaysRefused} (accepted: {phase.ReplaysAccepted + warmed.ReplaysAccepted}); failures: {(phase.Failures.IsEmpty ? "none" : string.Join("; ", phase.Failures.Select(x => $"{x.Key} × {x.Value}")))}");
        var lost = Math.Max(0, phase.Stored - responses);
        var duplicated = Math.Max(0, responses - phase.Stored) + (participations - distinct);
        Console.WriteLine("  per request (server side, timed pulse):");
        RequestProbe.Print(phase.Stored, sql: Environment.GetEnvironmentVariable("SP_BENCH_SQL") == "1");
        Console.WriteLine($"  counted back: {participations} participations ({distinct} people), {responses} responses; lost / duplicated: {lost} / {duplicated}");
        var ok = lost == 0 && duplicated == 0 && phase.ReplaysAccepted + warmed.ReplaysAccepted == 0 && phase.Failures.IsEmpty && warmed.Failures.IsEmpty;
        Console.WriteLine(ok ? "RESULT: consistent" : "RESULT: INCONSISTENT");
        return ok;

        async Task<(int Stored, int ReplaysRefused, int ReplaysAccepted, ConcurrentDictionary<string, int> Failures)> PhaseAsync(int round, (ConcurrentBag<double> Posts, ConcurrentBag<double> Sessions)? timed)
        {
            var queue = new ConcurrentQueue<string>(links.TryGetValue(round, out var tokens) ? tokens : []);
            var failures = new ConcurrentDictionary<string, int>();
            int stored = 0, refused = 0, accepted = 0, number = 0;
            using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
            {
                var random = new Random(2000 + w);
                while (!stop.IsCancellationRequested && queue.TryDequeue(out var token))
                {
                    var n = Interlocked.Increment(ref number);
                    var path = $"/pulses/{round}/link/{token}";
                    var session = Stopwatch.StartNew();
                    try
                    {
                        var cookies = new Dictionary<string, string>();
                        using var form = await client.SendAsync(LoadRun.Request(HttpMethod.Get, path, cookies), stop.Token);
                        LoadRun.Keep(form, cookies);
                        var html = await form.Content.ReadAsStringAsync(stop.Token);
                        if (form.StatusCode != HttpStatusCode.OK) { Fail($"link page {(int)form.StatusCode}"); continue; }
                        var fields = LoadRun.FormFields(html, random);
                        var post = Stopwatch.StartNew();
                        using (var answer = await client.SendAsync(Post(path, fields, cookies), stop.Token))
                        {
                            post.Stop();
                            if (answer.StatusCode != HttpStatusCode.Found) { Fail($"answer {(int)answer.StatusCode}"); continue; }
                        }
                        Interlocked.Increment(ref stored);
                        timed?.Posts.Add(post.Elapsed.TotalMilliseconds);
                        timed?.Sessions.Add(session.Elapsed.TotalMilliseconds);
                        if (n % 100 == 0)
                        {
                            using var replay = await client.SendAsync(Post(path, fields, cookies), stop.Token);
                            if (replay.StatusCode == HttpStatusCode.Conflict) Interlocked.Increment(ref refused);
                            else Interlocked.Increment(ref accepted);
                        }
                    }
                    catch (OperationCanceledException) when (stop.IsCancellationRequested) { Fail("cut off at the time limit"); }
                    catch (HttpRequestException e) { Fail("http: " + e.Message); }
                }
            })));
            return (stored, refused, accepted, failures);

            void Fail(string what) => failures.AddOrUpdate(what, 1, (_, n) => n + 1);
        }

        static HttpRequestMessage Post(string path, List<KeyValuePair<string, string>> fields, Dictionary<string, string> cookies)
        {
            var request = LoadRun.Request(HttpMethod.Post, path, cookies);
            request.Content = new FormUrlEncodedContent(fields);
            return request;
        }
    }
}
