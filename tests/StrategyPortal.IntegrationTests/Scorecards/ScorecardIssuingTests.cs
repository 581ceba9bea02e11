using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.Localization;
using StrategyPortal.Application.Scorecards;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Scorecards;
using StrategyPortal.IntegrationTests.Infrastructure;

namespace StrategyPortal.IntegrationTests.Scorecards;

/// <summary>
/// Issuing a quarter end to end, with the background worker of the real app: every scorecard is generated,
/// published together, downloadable byte for byte with its SHA-256, frozen against later data, versioned
/// on re-issue, retried on failure and never half published. Each test issues a quarter of its own.
/// </summary>
public abstract class ScorecardIssuingTests(ScorecardPortalFactory factory)
{
    private static readonly string DirectorEmail = PortalFactory.DemoAccount(PortalRole.Director).Email;
    private static readonly string ManagerEmail = PortalFactory.DemoAccount(PortalRole.Manager).Email; // Klantenservice (with Webcare)

    private async Task<ScorecardIssueProgress> IssueAndWaitAsync(Quarter quarter)
    {
        await using var director = await factory.AsAsync(DirectorEmail);
        var service = director.Get<ScorecardService>();
        var progress = await service.IssueAsync(quarter);
        return await WaitAsync(service, progress.IssueId);
    }

    private static async Task<ScorecardIssueProgress> WaitAsync(ScorecardService service, int issueId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var progress = await service.GetProgressAsync(issueId);
            if (!progress.IsRunning) return progress;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Issue {issueId} still running: {progress.Done}/{progress.Total}.");
            await Task.Delay(200);
        }
    }

    private async Task<ScorecardQuarterView> ViewAsync(Quarter quarter, string email)
    {
        await using var person = await factory.AsAsync(email);
        return await person.Get<ScorecardService>().GetQuarterAsync(quarter);
    }

    private async Task<int> ActiveUnitsAsync()
    {
        await using var db = factory.NewDbContext();
        return await db.OrgUnits.CountAsync(u => u.IsActive);
    }

    private async Task<int> UnitIdAsync(string name)
    {
        await using var db = factory.NewDbContext();
        return await db.OrgUnits.Where(u => u.Name == name).Select(u => u.Id).SingleAsync();
    }

    [Fact]
    public async Task Issuing_a_quarter_publishes_the_company_and_every_unit_in_both_languages_with_their_hash()
    {
        var quarter = new Quarter(2025, 1);
        var progress = await IssueAndWaitAsync(quarter);

        var units = await ActiveUnitsAsync(); // the root unit is the company's scorecard
        Assert.Equal((ScorecardIssueStatus.Issued, units, units, 0), (progress.Status, progress.Total, progress.Done, progress.Failed));
        var view = await ViewAsync(quarter, DirectorEmail);
        Assert.Equal(units, view.Scorecards.Count);
        Assert.Null(view.Scorecards[0].UnitId); // the company first
        Assert.All(view.Scorecards, s => Assert.Equal(["nl", "en"], s.Current.Files.Select(f => f.Language)));

        var file = view.Scorecards[0].Current.Files[0];
        var client = await factory.SharedClientAsync(PortalRole.Director);
        using var response = await client.GetAsync($"/scorecards/files/{file.Id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Assert.Equal(file.Sha256, hash);
        Assert.Equal(hash, response.Headers.GetValues("X-Content-SHA256").Single());
        Assert.StartsWith("%PDF-1.7 test nl", System.Text.Encoding.UTF8.GetString(bytes));

        // The audit log records each issued scorecard with its hash (not its bytes), and the issue with who asked.
        await using var db = factory.NewDbContext();
        var audited = await db.AuditEntries.Where(a => a.EntityType == nameof(IssuedScorecard) && a.Action == AuditAction.Created).Select(a => a.Changes).ToListAsync();
        Assert.Contains(audited, json => json.Contains(file.Sha256, StringComparison.Ordinal));
        Assert.DoesNotContain(await db.AuditEntries.Select(a => a.EntityType).Distinct().ToListAsync(), type => type == nameof(IssuedScorecardContent));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(ScorecardIssue) && a.ActorName == "Pieter Jansen"));
    }

    [Fact]
    public async Task An_issued_scorecard_does_not_change_when_the_data_changes_and_reissuing_keeps_the_old_version()
    {
        var quarter = new Quarter(2025, 2);
        factory.Steering.LiveFigure = 7;
        await IssueAndWaitAsync(quarter);
        var first = (await ViewAsync(quarter, DirectorEmail)).Scorecards[0].Current;
        var client = await factory.SharedClientAsync(PortalRole.Director);
        var before = await client.Http.GetByteArrayAsync($"/scorecards/files/{first.Files[0].Id}");

        factory.Steering.LiveFigure = 8; // the results change after issuing
        var after = await client.Http.GetByteArrayAsync($"/scorecards/files/{first.Files[0].Id}");
        Assert.Equal(before, after);
        Assert.Contains("figure 7", System.Text.Encoding.UTF8.GetString(after));
        await using (var db = factory.NewDbContext())
        {
            var snapshot = await db.IssuedScorecardContents.Where(c => c.IssuedScorecardId == first.Files[0].Id).Select(c => c.SnapshotJson).SingleAsync();
            Assert.Contains("figure 7", ScorecardJson.Deserialize(snapshot).CompanyName);
        }

        await IssueAndWaitAsync(quarter);
        var company = (await ViewAsync(quarter, DirectorEmail)).Scorecards[0];
        Assert.Equal((2, 1), (company.Current.IssueNumber, company.Earlier.Single().IssueNumber));
        Assert.NotEqual(first.Files[0].Sha256, company.Current.Files[0].Sha256);
        Assert.Equal(first.Files[0].Sha256, company.Earlier.Single().Files[0].Sha256);
        Assert.Contains("figure 8", await client.Http.GetStringAsync($"/scorecards/files/{company.Current.Files[0].Id}"));
        Assert.Equal(before, await client.Http.GetByteArrayAsync($"/scorecards/files/{company.Earlier.Single().Files[0].Id}"));
    }

    [Fact]
    public async Task A_scorecard_that_fails_once_is_retried_and_the_quarter_is_issued()
    {
        var quarter = new Quarter(2025, 3);
        var logistics = await UnitIdAsync("Logistiek");
        factory.Steering.FailUnits[logistics] = factory.Steering.AttemptsOf(logistics) + 1;
        try
        {
            var progress = await IssueAndWaitAsync(quarter);
            Assert.Equal((ScorecardIssueStatus.Issued, 0), (progress.Status, progress.Failed));
            Assert.Contains((await ViewAsync(quarter, DirectorEmail)).Scorecards, s => s.UnitId == logistics);
        }
        finally
        {
            factory.Steering.FailUnits.TryRemove(logistics, out _);
        }
    }

    [Fact]
    public async Task A_unit_that_keeps_failing_fails_the_issue_publishes_nothing_and_can_be_retried()
    {
        var quarter = new Quarter(2025, 4);
        var it = await UnitIdAsync("IT");
        factory.Steering.FailUnits[it] = int.MaxValue;
        ScorecardIssueProgress progress;
        try
        {
            progress = await IssueAndWaitAsync(quarter);
            Assert.Equal(ScorecardIssueStatus.Failed, progress.Status);
            var failure = Assert.Single(progress.Failures);
            Assert.Equal("IT", failure.UnitName);
            Assert.Contains("could not be read", failure.Error);
            Assert.Empty((await ViewAsync(quarter, DirectorEmail)).Scorecards); // not half issued
            await using var db = factory.NewDbContext();
            var stored = await db.IssuedScorecards.Where(s => s.IssueId == progress.IssueId).Select(s => s.Id).FirstAsync();
            var client = await factory.SharedClientAsync(PortalRole.Director);
            using var hidden = await client.GetAsync($"/scorecards/files/{stored}");
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }
        finally
        {
            factory.Steering.FailUnits.TryRemove(it, out _);
        }

        await using var director = await factory.AsAsync(DirectorEmail);
        var service = director.Get<ScorecardService>();
        await service.RetryFailedAsync(progress.IssueId);
        progress = await WaitAsync(service, progress.IssueId);
        Assert.Equal(ScorecardIssueStatus.Issued, progress.Status);
        Assert.Equal(await ActiveUnitsAsync(), (await ViewAsync(quarter, DirectorEmail)).Scorecards.Count);

        // The issue's life in the audit log: requested by the director, failed by the worker, retried by the director
        // (one conditional update, recorded explicitly in its transaction), then published by the worker.
        var log = (await director.Get<AuditService>().SearchAsync(new AuditFilter(EntityType: nameof(ScorecardIssue), PageSize: 200))).Items
            .Where(r => r.EntityId == progress.IssueId.ToString(System.Globalization.CultureInfo.InvariantCulture)).OrderBy(r => r.Id).ToList();
        Assert.Equal(
            [(AuditAction.Created, "Pieter Jansen", null, "Running"), (AuditAction.Changed, "system", "Running", "Failed"),
             (AuditAction.Changed, "Pieter Jansen", "Failed", "Running"), (AuditAction.Changed, "system", "Running", "Issued")],
            log.Select(r => (r.Action, r.ActorName, Status(r).Old, Status(r).New)));
        var failedAt = log[1].Changes.Single(c => c.Property == nameof(ScorecardIssue.CompletedAtUtc));
        var retried = log[2].Changes.Single(c => c.Property == nameof(ScorecardIssue.CompletedAtUtc));
        Assert.Null(retried.New);
        // The same moment (PostgreSQL keeps microseconds, the clock has ticks).
        Assert.True(Math.Abs((DateTime.Parse(retried.Old!, System.Globalization.CultureInfo.InvariantCulture) - DateTime.Parse(failedAt.New!, System.Globalization.CultureInfo.InvariantCulture)).TotalMilliseconds) < 1);
    }

    private static AuditChange Status(AuditRow row) => row.Changes.Single(c => c.Property == nameof(ScorecardIssue.Status));

    [Fact]
    public async Task A_quarter_that_has_not_ended_cannot_be_issued_and_only_directors_issue()
    {
        await using (var director = await factory.AsAsync(DirectorEmail))
        {
            var service = director.Get<ScorecardService>();
            var current = Quarter.Of(DateTime.UtcNow);
            var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => service.IssueAsync(current));
            Assert.Equal([factory.Text<Messages>("scorecard.quarter-not-ended", "en", current.ToString())], refused.Errors[""]);
        }
        await using (var manager = await factory.AsAsync(ManagerEmail))
            await Assert.ThrowsAsync<ForbiddenException>(() => manager.Get<ScorecardService>().IssueAsync(new Quarter(2024, 1)));
        await using var db = factory.NewDbContext();
        Assert.False(await db.ScorecardIssues.AnyAsync(i => i.QuarterKey == new Quarter(2024, 1).Key));
    }

    [Fact]
    public async Task Directors_download_every_scorecard_managers_only_their_units_employees_none()
    {
        var quarter = new Quarter(2024, 4);
        await IssueAndWaitAsync(quarter);
        var all = (await ViewAsync(quarter, DirectorEmail)).Scorecards;
        int FileOf(int? unitId) => all.Single(s => s.UnitId == unitId).Current.Files[0].Id;
        var company = FileOf(null);
        var klantenservice = FileOf(await UnitIdAsync("Klantenservice"));
        var webcare = FileOf(await UnitIdAsync("Webcare"));
        var marketing = FileOf(await UnitIdAsync("Marketing"));

        var managerView = await ViewAsync(quarter, ManagerEmail);
        Assert.Equal(["Klantenservice", "Webcare"], managerView.Scorecards.Select(s => s.UnitName).Order());
        Assert.False(managerView.CanIssue);

        async Task<HttpStatusCode> StatusAsync(PortalRole? role, string url)
        {
            var client = role is { } r ? await factory.SharedClientAsync(r) : await factory.SharedAnonymousClientAsync();
            using var response = await client.GetAsync(url);
            if (response.StatusCode == HttpStatusCode.Redirect)
                Assert.StartsWith(role is null ? PortalClient.LoginPath : "/account/access-denied", PortalClient.RedirectTarget(response));
            return response.StatusCode;
        }
        foreach (var id in new[] { company, klantenservice, webcare, marketing })
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(PortalRole.Director, $"/scorecards/files/{id}"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(PortalRole.Manager, $"/scorecards/files/{klantenservice}"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(PortalRole.Manager, $"/scorecards/files/{webcare}"));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(PortalRole.Manager, $"/scorecards/files/{marketing}"));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(PortalRole.Manager, $"/scorecards/files/{company}"));
        // Without the permission at all the policy refuses before the endpoint runs: to the access-denied page.
        Assert.Equal(HttpStatusCode.Redirect, await StatusAsync(PortalRole.Employee, $"/scorecards/files/{klantenservice}"));
        Assert.Equal(HttpStatusCode.Redirect, await StatusAsync(PortalRole.Administrator, $"/scorecards/files/{company}"));
        Assert.Equal(HttpStatusCode.Redirect, await StatusAsync(null, $"/scorecards/files/{company}"));

        var unitId = await UnitIdAsync("Klantenservice");
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(PortalRole.Director, $"/scorecards/draft?quarter=2026-Q3&lang=en"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(PortalRole.Manager, $"/scorecards/draft?quarter=2026-Q3&unit={unitId}&lang=nl"));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(PortalRole.Manager, "/scorecards/draft?quarter=2026-Q3&lang=nl"));
        Assert.Equal(HttpStatusCode.Redirect, await StatusAsync(PortalRole.Employee, $"/scorecards/draft?quarter=2026-Q3&unit={unitId}&lang=nl"));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusAsync(PortalRole.Director, "/scorecards/draft?quarter=2026-Q9&lang=nl"));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusAsync(PortalRole.Director, "/scorecards/draft?quarter=2026-Q3&lang=fr"));
    }
}

public sealed class ScorecardIssuingTests_Sqlite(SqliteScorecardPortal factory) : ScorecardIssuingTests(factory), IClassFixture<SqliteScorecardPortal>;

public sealed class ScorecardIssuingTests_PostgreSql(PostgreSqlScorecardPortal factory) : ScorecardIssuingTests(factory), IClassFixture<PostgreSqlScorecardPortal>;
