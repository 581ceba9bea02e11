using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.Access;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.Infrastructure.Access;
using StrategyPortal.Infrastructure.Persistence;
using StrategyPortal.Web.Hosting;

namespace StrategyPortal.Benchmarks.People;

/// <summary>
/// <c>scim [--users 10000] [--concurrency 8] [--port 5223]</c>: the real portal (PortalApp.Build, Production, SQLite, loopback)
/// with a company of 8 departments, an API key with <c>scim:provision</c> made as the <c>api-key create</c> command makes
/// it, and an Entra-style initial cycle: per user <c>GET /Users?filter=userName eq "…"</c> (nobody yet), then
/// <c>POST /Users</c> with Entra's body (externalId, enterprise extension with department and employee number). Workers
/// run as Entra does, several users at a time. Prints requests per second and the latency of each kind.
/// </summary>
public static class ScimBenchmark
{
    private const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    public static async Task<int> RunAsync(int users, int concurrency, int port)
    {
        var folder = Path.Combine(Path.GetTempPath(), "sp-bench-scim-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var url = $"http://127.0.0.1:{port}";
        var app = PortalApp.Build(
        [
            "--urls", url, "--applicationName", "StrategyPortal.Web", "--environment", "Production",
            "--Database:Provider=Sqlite", $"--Database:DataFolder={folder}", "--Portal:DemoData=false",
            "--Engagement:SchedulerEnabled=false",
            // One key makes every call of the run: the default per-key limit (30,000 a minute) would be the measure otherwise.
            "--RateLimits:ScimPerMinute=10000000",
            "--Logging:LogLevel:Default=Warning",
        ]);
        try
        {
            await app.Services.GetRequiredService<DatabaseInitializer>().MigrateAsync();
            await app.StartAsync();
            string key;
            await using (var scope = SystemScope.Create(app.Services))
            {
                var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
                var company = new OrgUnit("Bench B.V.", OrgUnitKind.Other, null);
                db.OrgUnits.Add(company);
                await db.SaveChangesAsync();
                for (var d = 1; d <= 8; d++) db.OrgUnits.Add(new OrgUnit($"Afdeling {d}", OrgUnitKind.Other, company.Id));
                db.People.Add(new Person("Bench Administrator", "admin@bench.example", company.Id, PortalRole.Administrator));
                await db.SaveChangesAsync();
                key = (await scope.ServiceProvider.GetRequiredService<ApiKeyService>()
                    .CreateFromCommandLineAsync(new ApiKeyInput { Name = "Entra bench", Scopes = [ApiScopes.ScimProvision] })).Key;
            }

            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
            {
                BaseAddress = new Uri(url),
            };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

            // Warm-up on users that are not counted (JIT, EF's compiled queries, the connection pool).
            await CycleAsync(http, Enumerable.Range(0, Math.Min(300, users / 10)).Select(i => $"warm{i}"), concurrency);

            var gets = new List<double>(users);
            var posts = new List<double>(users);
            var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var (getTimes, postTimes, failures) = await CycleAsync(http, Enumerable.Range(0, users).Select(i => $"user{i}"), concurrency);
            clock.Stop();
            var used = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu;
            var requests = getTimes.Count + postTimes.Count;
            Console.WriteLine($"SCIM initial cycle: {users:N0} users, {requests:N0} requests ({failures} failed) with {concurrency} at a time in {clock.Elapsed.TotalSeconds:N1} s");
            Console.WriteLine($"  {requests / clock.Elapsed.TotalSeconds:N0} requests/s; CPU of the process (portal + client) {used.TotalSeconds:N1} s");
            Console.WriteLine($"  GET by filter: median {Percentile(getTimes, 0.5):N1} ms, p95 {Percentile(getTimes, 0.95):N1} ms, max {getTimes.Max():N1} ms");
            Console.WriteLine($"  POST:          median {Percentile(postTimes, 0.5):N1} ms, p95 {Percentile(postTimes, 0.95):N1} ms, max {postTimes.Max():N1} ms");
            var process = System.Diagnostics.Process.GetCurrentProcess();
            process.Refresh();
            Console.WriteLine($"  peak working set {process.PeakWorkingSet64 / 1048576.0:N0} MB; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores");
            return failures == 0 ? 0 : 1;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(List<double> Gets, List<double> Posts, int Failures)> CycleAsync(HttpClient http, IEnumerable<string> names, int concurrency)
    {
        var gets = new List<double>();
        var posts = new List<double>();
        var failures = 0;
        var queue = new System.Collections.Concurrent.ConcurrentQueue<string>(names);
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (queue.TryDequeue(out var name))
            {
                var userName = $"{name}@bench.example";
                var sw = Stopwatch.StartNew();
                using (var found = await http.GetAsync($"/scim/v2/Users?filter={Uri.EscapeDataString($"userName eq \"{userName}\"")}"))
                {
                    await found.Content.ReadAsStringAsync();
                    if (!found.IsSuccessStatusCode) Interlocked.Increment(ref failures);
                }
                var getMs = sw.Elapsed.TotalMilliseconds;
                sw.Restart();
                var number = Math.Abs(name.GetHashCode()) % 8 + 1;
                var body = $$"""
                    {
                      "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "{{Enterprise}}"],
                      "externalId": "{{Guid.NewGuid()}}", "userName": "{{userName}}", "active": true, "displayName": "Bench {{name}}",
                      "emails": [{ "primary": true, "type": "work", "value": "{{userName}}" }],
                      "name": { "givenName": "Bench", "familyName": "{{name}}" }, "title": "Medewerker", "preferredLanguage": "nl-NL",
                      "{{Enterprise}}": { "employeeNumber": "{{name}}", "department": "Afdeling {{number}}" }
                    }
                    """;
                using (var created = await http.PostAsync("/scim/v2/Users", new StringContent(body, Encoding.UTF8, "application/scim+json")))
                {
                    await created.Content.ReadAsStringAsync();
                    if (!created.IsSuccessStatusCode) Interlocked.Increment(ref failures);
                }
                var postMs = sw.Elapsed.TotalMilliseconds;
                lock (gets)
                {
                    gets.Add(getMs);
                    posts.Add(postMs);
                }
            }
        });
        await Task.WhenAll(workers);
        return (gets, posts, failures);
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
    }
}
