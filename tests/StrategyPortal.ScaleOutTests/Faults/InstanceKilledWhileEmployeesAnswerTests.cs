using System.Collections.Concurrent;
using System.Net;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.IntegrationTests.Infrastructure;
using StrategyPortal.ScaleOutTests.Harness;
using Xunit.Abstractions;

namespace StrategyPortal.ScaleOutTests.Faults;

/// <summary>
/// 500 employees answer a pulse through nginx while one of the two instances is killed outright (SIGKILL). Every answer
/// the portal confirmed is stored once; an answer that got no confirmation can be sent again and is stored once or
/// refused as already given; the people on the killed instance carry on on the other one, still signed in.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public sealed class InstanceKilledWhileEmployeesAnswerTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Employees = 500;
    private const int Concurrency = 32;
    private ScaleOutCluster _portal = null!;
    private IReadOnlyList<Employee> _employees = [];
    private int _roundId;

    public async Task InitializeAsync()
    {
        _portal = await ScaleOutCluster.StartAsync("kill-while-answering", await PostgresServer.GetAsync(), async services =>
        {
            await services.SeedDemoCompanyAsync();
            _employees = await Company.AddEmployeesAsync(services, Employees);
            _roundId = await Company.OpenPulseAsync(services, "Pulse during a failover");
        });
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task Killing_an_instance_while_500_employees_answer_loses_and_doubles_nothing()
    {
        // A person in a real browser, with a circuit (WebSocket) open on one instance: that instance is the one to die.
        await using var host = await BrowserHost.StartAsync();
        var page = await host.NewPageAsync(_portal.Balancer.Url);
        await BrowserHost.SignInAsync(page, Company.Employee, Company.DemoPassword);
        await page.GotoAsync("/");
        await BrowserHost.WaitForInteractiveAsync(page);
        var browserNode = (await page.Context.CookiesAsync()).Single(c => c.Name == NginxBalancer.AffinityCookie).Value;
        // nginx logs a WebSocket when it closes; the negotiation before it went to the same instance (affinity).
        var victim = _portal.Instance(_portal.Balancer.AccessLog().Last(l => l.Node == browserNode && l.Uri == "/_blazor/negotiate").AnsweredBy);
        var survivor = _portal.Instances.Single(i => i != victim);

        using var client = PortalSession.ClientFor(_portal.Balancer.Url, _portal.Certificate, Concurrency);
        var sessions = new Dictionary<int, PortalSession>();
        foreach (var employee in _employees)
        {
            var session = new PortalSession(client);
            session.SetCookies(await _portal.Services.SignInCookiesAsync(employee.Email));
            sessions[employee.PersonId] = session;
        }

        // The run: 32 at a time; once 150 answers are confirmed, the victim is killed in the middle of the others.
        var outcomes = new ConcurrentDictionary<int, List<(AnswerOutcome Outcome, string Detail)>>();
        var confirmed = 0;
        var queue = new ConcurrentQueue<Employee>(_employees);
        var killed = new TaskCompletionSource();
        var killer = Task.Run(async () =>
        {
            await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref confirmed) >= 150), TimeSpan.FromMinutes(5), "150 confirmed answers", _portal.Diagnostics);
            await victim.KillAsync();
            killed.SetResult();
        });
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            while (queue.TryDequeue(out var employee))
            {
                var result = await PulseAnswers.AnswerAsync(sessions[employee.PersonId], _roundId, random);
                outcomes.GetOrAdd(employee.PersonId, _ => []).Add(result);
                if (result.Outcome == AnswerOutcome.Confirmed) Interlocked.Increment(ref confirmed);
            }
        })));
        await killer;

        // What nginx says about the run: who was on the victim before it died, and what reached it.
        var log = _portal.Balancer.AccessLog();
        var onVictim = sessions.Where(s => log.Any(l => l.Node == s.Value.Node && l.Upstream.StartsWith(victim.Address, StringComparison.Ordinal)))
            .Select(s => s.Key).ToHashSet();
        var unconfirmed = outcomes.Where(o => o.Value[^1].Outcome == AnswerOutcome.Unconfirmed).Select(o => o.Key).ToList();
        output.WriteLine($"{Employees} employees, {onVictim.Count} of them on the killed instance {victim.Name}; first attempts: " +
                         string.Join(", ", outcomes.Values.GroupBy(v => v[0].Detail).OrderBy(g => g.Key).Select(g => $"{g.Key} × {g.Count()}")));
        Assert.InRange(onVictim.Count, 1, Employees - 1);

        // Those without a confirmation try again, now all on the survivor: stored once, or refused as already given.
        foreach (var personId in unconfirmed)
        {
            var retry = await PulseAnswers.AnswerAsync(sessions[personId], _roundId, new Random(personId));
            outcomes[personId].Add(retry);
            Assert.True(retry.Outcome != AnswerOutcome.Unconfirmed, $"Retry of person {personId} got no confirmation: {retry.Detail}\n{_portal.Diagnostics()}");
        }
        output.WriteLine($"retried {unconfirmed.Count}: " + string.Join(", ", unconfirmed.Select(p => outcomes[p][^1].Outcome).GroupBy(o => o).Select(g => $"{g.Key} × {g.Count()}")));

        await using (var db = _portal.Services.NewDbContext())
        {
            var participants = await db.Participations.Where(p => p.RoundId == _roundId).Select(p => p.PersonId).ToListAsync();
            var responses = await db.PulseResponses.CountAsync(r => r.RoundId == _roundId);
            Assert.Equal(Employees, participants.Count);
            Assert.Equal(Employees, participants.Distinct().Count());
            Assert.Equal(Employees, responses);
            var confirmedPeople = outcomes.Where(o => o.Value.Any(a => a.Outcome == AnswerOutcome.Confirmed)).Select(o => o.Key).ToList();
            Assert.Subset(participants.ToHashSet(), confirmedPeople.ToHashSet());
        }

        // The people of the killed instance carry on on the other one, still signed in (shared key ring).
        foreach (var personId in onVictim)
        {
            using var home = await sessions[personId].GetAsync("/pulses");
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        }
        Assert.All(_portal.Balancer.AccessLog().Skip(log.Count), l => Assert.Equal(survivor.Address, l.AnsweredBy));

        // So does the person in the browser: the reload (Blazor's own, or theirs) lands on the survivor, signed in, interactive.
        await killed.Task;
        await page.ReloadAsync();
        await BrowserHost.WaitForInteractiveAsync(page);
        Assert.DoesNotContain("/account/login", page.Url, StringComparison.Ordinal);
        var circuits = _portal.Balancer.AccessLog().Where(l => l.Node == browserNode && l.Uri == "/_blazor/negotiate" && l.Status == 200).ToList();
        Assert.Equal(survivor.Address, circuits[^1].AnsweredBy);
    }
}
