using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Strategy;

namespace StrategyPortal.Domain.Tests.Strategy;

public class ServiceStrategyTests
{
    private static ServiceStrategyChoice Choice(ValueDiscipline d, int year, int q, int day) =>
        new(d, "Because our customers ask for it", new Quarter(year, q), 2, "Pieter Jansen", new DateTime(2025, 1, day, 0, 0, 0, DateTimeKind.Utc));

    [Fact]
    public void The_discipline_in_force_is_the_latest_effective_on_or_before_the_quarter()
    {
        var strategy = new ServiceStrategy([Choice(ValueDiscipline.CustomerIntimacy, 2025, 3, 2), Choice(ValueDiscipline.CostLeadership, 2024, 1, 1)]);
        Assert.Null(strategy.DisciplineFor(new Quarter(2023, 4)));
        Assert.Equal(ValueDiscipline.CostLeadership, strategy.DisciplineFor(new Quarter(2025, 2)));
        Assert.Equal(ValueDiscipline.CustomerIntimacy, strategy.DisciplineFor(new Quarter(2025, 3)));
        Assert.Equal(ValueDiscipline.CustomerIntimacy, strategy.DisciplineFor(new Quarter(2030, 1)));
        Assert.Equal(ValueDiscipline.CostLeadership, strategy.PreviousDiscipline);
        Assert.Equal(ValueDiscipline.CustomerIntimacy, strategy.History[0].Discipline);
    }

    [Fact]
    public void Two_choices_for_the_same_quarter_the_later_one_wins()
    {
        var strategy = new ServiceStrategy([Choice(ValueDiscipline.ProductLeadership, 2025, 1, 9), Choice(ValueDiscipline.CostLeadership, 2025, 1, 3)]);
        Assert.Equal(ValueDiscipline.ProductLeadership, strategy.DisciplineFor(new Quarter(2025, 1)));
    }

    [Fact]
    public void A_choice_needs_a_rationale()
    {
        var e = Assert.Throws<DomainException>(() => new ServiceStrategyChoice(ValueDiscipline.CostLeadership, "  cheap ", new Quarter(2025, 1), 1, "x", DateTime.UtcNow));
        Assert.Equal("strategy.rationale-required", e.Code);
    }
}
