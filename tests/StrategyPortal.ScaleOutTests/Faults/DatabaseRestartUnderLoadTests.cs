using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.IntegrationTests.Infrastructure;
using StrategyPortal.ScaleOutTests.Harness;
using Xunit.Abstractions;

namespace StrategyPortal.ScaleOutTests.Faults;

/// <summary>
/// PostgreSQL stops for 20 seconds while employees answer a pulse, a CX tool imports customer scores through the API
/// and a manager edits a capability (which re-evaluates promise verdicts), all through nginx and two instances. Both
/// instances report 503 on /health while it is down and 200 again after, recover without a restart, and nothing is
/// half-written: every import is there entirely or not at all, every confirmed answer is stored once, every verdict is
/// what the stored data says.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class DatabaseRestartUnderLoadTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(20);
    private PostgresServer _server = null!;
    private ScaleOutCluster _portal = null!;
    private IReadOnlyList<Employee> _employees = [];
    private int _roundId;
    private string _apiKey = "";
    private List<string> _units = [];
    private int _capabilityId;

    public async Task InitializeAsync()
    {
        // A server of this test alone: it is stopped and started.
        _server = await PostgresServer.StartDedicatedAsync();
        _portal = await ScaleOutCluster.StartAsync("database-restart", _server, async services =>
        {
            await services.SeedDemoCompanyAsync();
            _employees = await Company.AddEmployeesAsync(services, 400);
            _roundId = await Company.OpenPulseAsync(services, "Pulse during a database restart");
            _apiKey = await ScoreCsv.CreateApiKeyAsync(services);
            _units = await ScoreCsv.UnitNamesAsync(services);
            _capabilityId = await Verdicts.RequiredCapabilityAsync(services);
        });
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _server.DisposeAsync();
    }

    private enum Phase { Before, Down, Recovering, After }

    [Fact]
    public async Task Health_turns_503_and_back_the_portals_recover_without_a_restart_and_nothing_is_half_written()
    {
        var processes = _portal.Instances.Select(i => i.ProcessId).ToList();
        using var client = PortalSession.ClientFor(_portal.Balancer.Url, _portal.Certificate, 16);
        var sessions = new Dictionary<int, PortalSession>();
        foreach (var employee in _employees)
        {
            var session = new PortalSession(client);
            session.SetCookies(await _portal.Services.SignInCookiesAsync(employee.Email));
            sessions[employee.PersonId] = session;
        }

        var phase = Phase.Before;
        var answers = new ConcurrentBag<(int PersonId, AnswerOutcome Outcome, string Detail, Phase Phase)>();
        var imports = new ConcurrentBag<(string Source, HttpStatusCode? Status, Phase Phase)>();
        var edits = new ConcurrentBag<(bool Saved, string Detail, Phase Phase)>();
        var health = _portal.Instances.ToDictionary(i => i.Name, _ => new ConcurrentQueue<(DateTime At, HttpStatusCode? Status)>());
        using var stop = new CancellationTokenSource();
        var importRows = _units.Count * ScoreCsv.Channels.Length * 3;

        var queue = new ConcurrentQueue<Employee>(_employees);
        // An answer or import under way when the load stops runs to its end and is recorded: cancelled on the client
        // after the server stored it, it would be in the database and in no list the checks below compare with.
        var load = new List<Task>
        {
            // Employees, two at a time, one answer every 100 ms each; an answer without confirmation goes to the back of the queue.
            Loop(async () =>
            {
                if (!queue.TryDequeue(out var employee)) return;
                var (outcome, detail) = await PulseAnswers.AnswerAsync(sessions[employee.PersonId], _roundId, new Random(employee.PersonId));
                answers.Add((employee.PersonId, outcome, detail, phase));
                if (outcome == AnswerOutcome.Unconfirmed) queue.Enqueue(employee);
            }, TimeSpan.FromMilliseconds(100)),
            Loop(async () =>
            {
                if (!queue.TryDequeue(out var employee)) return;
                var (outcome, detail) = await PulseAnswers.AnswerAsync(sessions[employee.PersonId], _roundId, new Random(employee.PersonId));
                answers.Add((employee.PersonId, outcome, detail, phase));
                if (outcome == AnswerOutcome.Unconfirmed) queue.Enqueue(employee);
            }, TimeSpan.FromMilliseconds(100)),
            // A CX tool posting three days of scores for every unit, each file under a source of its own.
            Loop(async () =>
            {
                var source = $"Herstart {imports.Count + 1:000}";
                var status = await ScoreCsv.PostAsync(client, _apiKey, new ByteArrayContent(ScoreCsv.Bytes(_units, 3, [source], imports.Count)));
                imports.Add((source, status, phase));
            }, TimeSpan.FromMilliseconds(200)),
            // A manager saving a capability: each save re-evaluates the verdicts of the promises that need it.
            Loop(async () =>
            {
                try
                {
                    await Verdicts.ToggleMaturityAsync(_portal.Services, _capabilityId, stop.Token);
                    edits.Add((true, "saved", phase));
                }
                catch (Exception e) when (!stop.IsCancellationRequested)
                {
                    edits.Add((false, e.GetType().Name, phase));
                }
            }, TimeSpan.FromMilliseconds(200)),
        };
        using var probes = new ProbeClients(_portal.Instances);
        foreach (var instance in _portal.Instances)
        {
            var probe = probes[instance];
            load.Add(Loop(async () =>
            {
                HttpStatusCode? status;
                try
                {
                    using var response = await probe.GetAsync("/health", stop.Token);
                    status = response.StatusCode;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !stop.IsCancellationRequested)
                {
                    status = null;
                }
                health[instance.Name].Enqueue((DateTime.UtcNow, status));
            }, TimeSpan.FromMilliseconds(200)));
        }

        var limit = TimeSpan.FromMinutes(3);
        await Eventually.TrueAsync(() => Task.FromResult(Progress(Phase.Before) is { Answers: >= 20, Imports: >= 2, Edits: >= 2 }), limit, "load before the outage", _portal.Diagnostics);

        var stoppedAt = Stopwatch.StartNew();
        phase = Phase.Down;
        _server.StopServer();
        await Eventually.TrueAsync(() => Task.FromResult(health.Values.All(h => h.LastOrDefault().Status == HttpStatusCode.ServiceUnavailable)),
            Outage, "both instances to report 503 on /health", HealthLog);
        // The scenario: the database stays down for 20 seconds while the load goes on.
        await Task.Delay(Outage - stoppedAt.Elapsed);
        await _server.StartServerAsync();
        phase = Phase.Recovering;
        await Eventually.TrueAsync(() => Task.FromResult(health.Values.All(h => h.LastOrDefault().Status == HttpStatusCode.OK)),
            TimeSpan.FromMinutes(1), "both instances to report 200 on /health again", HealthLog);
        phase = Phase.After;
        await Eventually.TrueAsync(() => Task.FromResult(Progress(Phase.After) is { Answers: >= 20, Imports: >= 2, Edits: >= 2 }), limit, "load after the outage", _portal.Diagnostics);
        await stop.CancelAsync();
        await Task.WhenAll(load);

        output.WriteLine(HealthLog());
        output.WriteLine($"answers: {Summary(answers.Select(a => (a.Phase, a.Detail)))}");
        output.WriteLine($"imports: {Summary(imports.Select(i => (i.Phase, i.Status?.ToString() ?? "no answer")))}");
        output.WriteLine($"capability saves: {Summary(edits.Select(e => (e.Phase, e.Detail)))}");

        // The same processes throughout: nothing was restarted.
        Assert.Equal(processes, _portal.Instances.Select(i => i.ProcessId));
        Assert.All(_portal.Instances, i => Assert.True(i.IsRunning));
        // Once both were healthy again, everything worked.
        Assert.All(answers.Where(a => a.Phase == Phase.After), a => Assert.NotEqual(AnswerOutcome.Unconfirmed, a.Outcome));
        Assert.All(imports.Where(i => i.Phase == Phase.After), i => Assert.Equal(HttpStatusCode.OK, i.Status));
        Assert.All(edits.Where(e => e.Phase == Phase.After), e => Assert.True(e.Saved, e.Detail));

        // Answers: those still without a confirmation send again; each person's answer is stored once.
        var unresolved = answers.GroupBy(a => a.PersonId).Where(g => g.All(a => a.Outcome == AnswerOutcome.Unconfirmed)).Select(g => g.Key).ToList();
        foreach (var personId in unresolved)
        {
            var (outcome, detail) = await PulseAnswers.AnswerAsync(sessions[personId], _roundId, new Random(personId));
            Assert.True(outcome != AnswerOutcome.Unconfirmed, $"person {personId}: {detail}");
        }
        await using (var db = _portal.Services.NewDbContext())
        {
            var participants = await db.Participations.Where(p => p.RoundId == _roundId).Select(p => p.PersonId).ToListAsync();
            var responses = await db.PulseResponses.CountAsync(r => r.RoundId == _roundId);
            var attempted = answers.Select(a => a.PersonId).ToHashSet();
            Assert.Equal(attempted.Order(), participants.Order());
            Assert.Equal(participants.Count, responses);
            Assert.Subset(participants.ToHashSet(), answers.Where(a => a.Outcome == AnswerOutcome.Confirmed).Select(a => a.PersonId).ToHashSet());

            // Imports: all of a file or none of it; all of it when the API said so.
            var stored = await db.CustomerScoreRecords.Where(r => r.Source.StartsWith("Herstart")).GroupBy(r => r.Source)
                .Select(g => new { Source = g.Key, Rows = g.Count() }).ToDictionaryAsync(g => g.Source, g => g.Rows);
            foreach (var (source, status, _) in imports)
            {
                var rows = stored.GetValueOrDefault(source);
                Assert.True(rows == 0 || rows == importRows, $"{source}: {rows} of {importRows} rows stored");
                if (status == HttpStatusCode.OK) Assert.Equal(importRows, rows);
            }
        }
        await ScoreCsv.AssertSummariesMatchRecordsAsync(_portal.Services);

        // Verdicts: what the stored capabilities and promises say, whichever save the outage cut short.
        await Verdicts.AssertStoredVerdictsAreCurrentAsync(_portal.Services);

        // Each instance's /health answers as runs: status × how many, from when.
        string HealthLog() => string.Join("\n", health.Select(h => $"/health of {h.Key}: " + string.Join(", ", Runs(h.Value))));

        (int Answers, int Imports, int Edits) Progress(Phase p) => (
            answers.Count(a => a.Phase == p && a.Outcome == AnswerOutcome.Confirmed),
            imports.Count(i => i.Phase == p && i.Status == HttpStatusCode.OK),
            edits.Count(e => e.Phase == p && e.Saved));

        async Task Loop(Func<Task> step, TimeSpan pause)
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await step();
                    await Task.Delay(pause, stop.Token);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }

    /// <summary>A plain http client per instance, for its health probe (as the balancer's probe would go, not through nginx).</summary>
    private sealed class ProbeClients(IEnumerable<PortalInstance> instances) : IDisposable
    {
        private readonly Dictionary<PortalInstance, HttpClient> _clients =
            instances.ToDictionary(i => i, i => new HttpClient { BaseAddress = i.Url, Timeout = TimeSpan.FromSeconds(10) });

        public HttpClient this[PortalInstance instance] => _clients[instance];

        public void Dispose()
        {
            foreach (var client in _clients.Values) client.Dispose();
        }
    }

    private static IEnumerable<string> Runs(IEnumerable<(DateTime At, HttpStatusCode? Status)> samples)
    {
        (DateTime At, HttpStatusCode? Status, int Count)? run = null;
        foreach (var (at, status) in samples)
        {
            if (run is { } r && r.Status == status) { run = r with { Count = r.Count + 1 }; continue; }
            if (run is { } done) yield return $"{done.At:HH:mm:ss.f} {(int?)done.Status ?? 0} × {done.Count}";
            run = (at, status, 1);
        }
        if (run is { } last) yield return $"{last.At:HH:mm:ss.f} {(int?)last.Status ?? 0} × {last.Count}";
    }

    private static string Summary(IEnumerable<(Phase Phase, string Detail)> outcomes) =>
        string.Join("; ", outcomes.GroupBy(o => o.Phase).OrderBy(g => g.Key)
            .Select(g => $"{g.Key}: " + string.Join(", ", g.GroupBy(o => o.Detail).Select(d => $"{d.Key} × {d.Count()}"))));
}
