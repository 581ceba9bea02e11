using StrategyPortal.Application.Common;
using StrategyPortal.Application.Strategy;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Standards;
using StrategyPortal.Domain.Strategy;
using StrategyPortal.IntegrationTests.Infrastructure;
using StrategyPortal.Domain.Common;

namespace StrategyPortal.IntegrationTests.Standards;

/// <summary>Choosing the value discipline and the proposal that follows, on a real database.</summary>
public abstract class StrategyServiceTests(PortalFactory factory)
{
    [Fact]
    public async Task The_demo_strategy_history_coverage_and_proposal()
    {
        await using var director = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Director).Email);
        var service = director.Get<StrategyService>();

        var overview = await service.GetOverviewAsync();
        Assert.Equal(ValueDiscipline.CustomerIntimacy, overview.InForce!.Discipline);
        Assert.Equal([ValueDiscipline.CustomerIntimacy, ValueDiscipline.CostLeadership], overview.History.Select(h => h.Discipline));
        Assert.True(overview.CanChoose);
        Assert.Equal([ServiceChannel.SelfService], overview.Coverage.ChannelGaps);
        Assert.Empty(overview.Coverage.AspectGaps);

        var proposal = await service.GetProposalAsync();
        Assert.Equal((ValueDiscipline.CustomerIntimacy, ValueDiscipline.CostLeadership), (proposal.Lead!.Value, proposal.Previous!.Value));
        Assert.Contains(proposal.Items, i => i is { Kind: ProposalItemKind.Retarget, TemplateCode: "CL-02", CurrentTarget: 5, ProposedTarget: 8 });
        Assert.Contains(proposal.Items, i => i is { Kind: ProposalItemKind.ConsiderRetiring, TemplateCode: "CL-10" });
        Assert.All(proposal.Items, i => Assert.False(i.CanApply)); // a director reads, managers apply
    }

    [Fact]
    public async Task A_new_choice_is_added_to_the_history_and_changes_no_standard()
    {
        await using var director = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Director).Email);
        var service = director.Get<StrategyService>();
        var before = await service.GetOverviewAsync();
        await using var db = factory.NewDbContext();
        var targets = db.ServiceStandards.OrderBy(s => s.Id).Select(s => new { s.Id, s.Target, s.Status }).ToList();
        var future = before.CurrentQuarter.Next.Next;

        await service.ChooseAsync(new StrategyChoiceInput { Discipline = ValueDiscipline.ProductLeadership, Rationale = "New product lines from next year on.", EffectiveQuarter = future });

        var after = await service.GetOverviewAsync();
        Assert.Equal(before.History.Count + 1, after.History.Count);
        Assert.Equal(ValueDiscipline.CustomerIntimacy, after.InForce!.Discipline);
        Assert.Equal((ValueDiscipline.ProductLeadership, future), (after.Upcoming!.Discipline, after.Upcoming.EffectiveQuarter));
        await using var again = factory.NewDbContext();
        Assert.Equal(targets, again.ServiceStandards.OrderBy(s => s.Id).Select(s => new { s.Id, s.Target, s.Status }).ToList());

        var proposal = await service.GetProposalAsync();
        Assert.Equal((ValueDiscipline.ProductLeadership, ValueDiscipline.CustomerIntimacy), (proposal.Lead!.Value, proposal.Previous!.Value));
        Assert.Contains(proposal.Items, i => i is { Kind: ProposalItemKind.Retarget, TemplateCode: "CI-01", ProposedTarget: 80 });
        Assert.Equal(future, proposal.EffectiveQuarter);
    }

    [Fact]
    public async Task Only_directors_and_administrators_choose()
    {
        await using var manager = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Manager).Email);
        var input = new StrategyChoiceInput { Discipline = ValueDiscipline.CostLeadership, Rationale = "Managers cannot do this.", EffectiveQuarter = Domain.Common.Quarter.Of(DateTime.UtcNow) };
        await Assert.ThrowsAsync<ForbiddenException>(() => manager.Get<StrategyService>().ChooseAsync(input));
        await using var employee = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Employee).Email);
        await Assert.ThrowsAsync<ForbiddenException>(() => employee.Get<StrategyService>().GetOverviewAsync());
        await using var director = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Director).Email);
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => director.Get<StrategyService>().ChooseAsync(new StrategyChoiceInput { Rationale = "short" }));
        Assert.Equal(
            new[] { nameof(StrategyChoiceInput.Discipline), nameof(StrategyChoiceInput.EffectiveQuarter), nameof(StrategyChoiceInput.Rationale) },
            refused.Errors.Keys.Order());
    }
}

public sealed class StrategyServiceTests_Sqlite(SqliteDemoPortal factory) : StrategyServiceTests(factory), IClassFixture<SqliteDemoPortal>;
public sealed class StrategyServiceTests_PostgreSql(PostgreSqlDemoPortal factory) : StrategyServiceTests(factory), IClassFixture<PostgreSqlDemoPortal>;
