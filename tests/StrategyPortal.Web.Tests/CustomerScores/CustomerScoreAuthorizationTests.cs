using System.Text;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.CustomerScores;
using StrategyPortal.Domain.Common;
using StrategyPortal.Web.Components.Layout;
using StrategyPortal.Web.Tests.Support;

namespace StrategyPortal.Web.Tests.CustomerScores;

/// <summary>Managers see their own units, directors and administrators all, employees none; only directors and administrators import; only administrators manage keys.</summary>
public class CustomerScoreAuthorizationTests
{
    private static CustomerScoreService Scores(PortalBunitContext ctx) => ctx.Services.GetRequiredService<CustomerScoreService>();

    [Fact]
    public async Task A_manager_sees_their_unit_and_its_sub_units_only()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.CustomerServiceManager);
        var quarter = ScoreTestData.PreviousQuarter;

        var units = await Scores(ctx).GetUnitsAsync();

        Assert.Equal(["Klantenservice", "Webcare"], units.Select(u => u.Name));
        var own = await Scores(ctx).GetViewAsync(ScoreTestData.UnitId(ctx, "Webcare"), quarter, null);
        Assert.True(own.Current.HasData);
        await Assert.ThrowsAsync<ForbiddenException>(() => Scores(ctx).GetViewAsync(null, quarter, null));
        await Assert.ThrowsAsync<ForbiddenException>(() => Scores(ctx).GetViewAsync(ScoreTestData.UnitId(ctx, "Winkels Noord"), quarter, null));
        await Assert.ThrowsAsync<ForbiddenException>(() => Scores(ctx).GetMonthsAsync(ScoreTestData.UnitId(ctx, "Winkels Noord"), quarter, null));
    }

    [Theory]
    [InlineData(DemoAccounts.Director)]
    [InlineData(DemoAccounts.Administrator)]
    public async Task Directors_and_administrators_see_every_unit_and_the_company(string account)
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(account);

        var units = await Scores(ctx).GetUnitsAsync();
        var company = await Scores(ctx).GetViewAsync(null, ScoreTestData.PreviousQuarter, null);

        Assert.Equal(10, units.Count);
        Assert.True(units[0].IsCompany);
        Assert.True(company.IsCompany);
        Assert.True(company.Current.Counts.NpsResponses > 0);
    }

    [Fact]
    public async Task Employees_see_no_customer_scores()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Employee);

        await Assert.ThrowsAsync<ForbiddenException>(() => Scores(ctx).GetUnitsAsync());
        await Assert.ThrowsAsync<ForbiddenException>(() => Scores(ctx).GetViewAsync(null, ScoreTestData.PreviousQuarter, null));
        await Assert.ThrowsAsync<ForbiddenException>(() => Scores(ctx).GetEngagementComparisonAsync(ScoreTestData.PreviousQuarter, ScoreTestData.PreviousQuarter));
        Assert.DoesNotContain(Navigation.For(p => Domain.Access.RolePermissions.Allows(Domain.Access.PortalRole.Employee, p)), i => i.Href.StartsWith("/customer-scores", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(DemoAccounts.CustomerServiceManager)]
    [InlineData(DemoAccounts.Employee)]
    public async Task Only_directors_and_administrators_may_import(string account)
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(account);
        var imports = ctx.Services.GetRequiredService<CustomerScoreImportService>();

        await Assert.ThrowsAsync<ForbiddenException>(() => imports.StageAsync(new MemoryStream(Encoding.UTF8.GetBytes("x")), "x.csv", 1));
    }

    [Theory]
    [InlineData(DemoAccounts.Director)]
    [InlineData(DemoAccounts.CustomerServiceManager)]
    public async Task Only_administrators_manage_api_keys(string account)
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(account);
        var keys = ctx.Services.GetRequiredService<ApiKeyService>();

        await Assert.ThrowsAsync<ForbiddenException>(() => keys.ListAsync());
        await Assert.ThrowsAsync<ForbiddenException>(() => keys.CreateAsync(new ApiKeyInput { Name = "x" }));
    }

    [Fact]
    public async Task A_key_is_shown_once_stored_hashed_works_until_revoked()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Administrator);
        var keys = ctx.Services.GetRequiredService<ApiKeyService>();

        var created = await keys.CreateAsync(new ApiKeyInput { Name = "CX tool" });
        var listed = Assert.Single(await keys.ListAsync());

        Assert.StartsWith("spk_", created.Key);
        Assert.Equal(47, created.Key.Length); // "spk_" + 43 base64url characters of 32 bytes
        Assert.Equal(created.Key[..12], listed.Prefix);
        Assert.DoesNotContain(created.Key, System.Text.Json.JsonSerializer.Serialize(listed));
        var valid = await keys.CheckAsync(created.Key);
        Assert.Equal(ApiKeyStatus.Valid, valid.Status);
        Assert.Equal(["customer-scores:import"], valid.Scopes);
        Assert.Equal(ApiKeyStatus.Unknown, (await keys.CheckAsync(created.Key[..^1] + (created.Key[^1] == 'A' ? 'B' : 'A'))).Status);
        Assert.NotNull((await keys.ListAsync()).Single().LastUsedAt);

        await keys.RevokeAsync(listed.Id, listed.Version);

        Assert.Equal(ApiKeyStatus.Revoked, (await keys.CheckAsync(created.Key)).Status);
        Assert.True((await keys.ListAsync()).Single().IsRevoked);
    }
}
