using StrategyPortal.Domain.Standards;
using StrategyPortal.Domain.Strategy;

namespace StrategyPortal.Domain.Tests.Strategy;

public class DisciplineProposalTests
{
    private static AdoptedStandard Adopted(int id, string code, double target, StandardStatus status = StandardStatus.Active)
    {
        var t = StandardCatalogue.Find(code)!;
        return new AdoptedStandard(id, 10, code, status, t.Unit, t.Direction, target);
    }

    [Fact]
    public void A_first_choice_proposes_every_lead_template_not_yet_adopted()
    {
        var items = DisciplineProposal.For(ValueDiscipline.CustomerIntimacy, null, [Adopted(1, "CI-01", 95)]);
        var adds = items.Where(i => i.Kind == ProposalItemKind.AddTemplate).Select(i => i.TemplateCode).ToList();
        Assert.Equal(StandardCatalogue.For(ValueDiscipline.CustomerIntimacy).Count - 1, adds.Count);
        Assert.DoesNotContain("CI-01", adds);
        Assert.All(items, i => Assert.Equal(ProposalItemKind.AddTemplate, i.Kind));
    }

    [Fact]
    public void Moving_to_cost_leadership_raises_its_standards_lowers_the_old_lead_and_suggests_retiring_lead_only_ones()
    {
        var standards = new[]
        {
            Adopted(1, "CL-03", 70),   // cost-leadership template at threshold → to ambitious 85
            Adopted(2, "CL-02", 4),    // lower is better, already better than ambitious 5 → nothing
            Adopted(3, "CI-01", 95),   // old lead at ambitious → back to threshold 80
            Adopted(4, "CI-03", 70),   // lead-only template of the old lead → consider retiring
            Adopted(5, "CI-13", 90),   // old lead already at threshold → nothing
            Adopted(6, "PL-03", 50),   // third discipline → nothing
            Adopted(7, "CI-04", 90, StandardStatus.Retired), // retired → ignored
        };
        var items = DisciplineProposal.For(ValueDiscipline.CostLeadership, ValueDiscipline.CustomerIntimacy, standards)
            .Where(i => i.Kind != ProposalItemKind.AddTemplate).ToList();

        Assert.Equal(3, items.Count);
        Assert.Contains(new ProposalItem(ProposalItemKind.Retarget, "CL-03", 1, 10, 70, 85), items);
        Assert.Contains(new ProposalItem(ProposalItemKind.Retarget, "CI-01", 3, 10, 95, 80), items);
        Assert.Contains(new ProposalItem(ProposalItemKind.ConsiderRetiring, "CI-03", 4, 10, 70), items);
    }

    [Fact]
    public void Standards_reshaped_by_the_manager_or_without_template_are_left_alone()
    {
        var reshaped = new AdoptedStandard(1, 10, "CL-03", StandardStatus.Active, MetricUnit.Count, MetricDirection.HigherIsBetter, 2);
        var own = new AdoptedStandard(2, 10, null, StandardStatus.Active, MetricUnit.Percent, MetricDirection.HigherIsBetter, 1);
        var items = DisciplineProposal.For(ValueDiscipline.CostLeadership, ValueDiscipline.CustomerIntimacy, [reshaped, own]);
        Assert.DoesNotContain(items, i => i.Kind != ProposalItemKind.AddTemplate);
        // A reshaped standard still counts as adopted: its template is not proposed again.
        Assert.DoesNotContain(items, i => i.TemplateCode == "CL-03");
    }

    [Fact]
    public void Confirming_the_same_discipline_proposes_no_lowering()
    {
        var items = DisciplineProposal.For(ValueDiscipline.CustomerIntimacy, ValueDiscipline.CustomerIntimacy, [Adopted(1, "CI-01", 95), Adopted(2, "CI-03", 70)]);
        Assert.DoesNotContain(items, i => i.Kind is ProposalItemKind.ConsiderRetiring or ProposalItemKind.Retarget);
    }

    [Fact]
    public void Retired_adoptions_do_not_count_as_adopted()
    {
        var items = DisciplineProposal.For(ValueDiscipline.CustomerIntimacy, null, [Adopted(1, "CI-01", 95, StandardStatus.Retired)]);
        Assert.Contains(items, i => i.Kind == ProposalItemKind.AddTemplate && i.TemplateCode == "CI-01");
    }
}
