using StrategyPortal.Domain.Standards;
using StrategyPortal.Domain.Strategy;
using StrategyPortal.Domain.Common;

namespace StrategyPortal.Domain.Tests.Standards;

public class CatalogueTests
{
    public static TheoryData<ValueDiscipline> Disciplines => new(Enum.GetValues<ValueDiscipline>());

    [Theory]
    [MemberData(nameof(Disciplines))]
    public void Each_discipline_has_at_least_twelve_templates(ValueDiscipline discipline) =>
        Assert.True(StandardCatalogue.For(discipline).Count >= 12, $"{discipline} has {StandardCatalogue.For(discipline).Count} templates");

    [Theory]
    [MemberData(nameof(Disciplines))]
    public void Each_discipline_covers_all_three_aspects(ValueDiscipline discipline) =>
        Assert.Equal(Enum.GetValues<ServiceAspect>().ToHashSet(), StandardCatalogue.For(discipline).Select(t => t.Aspect).ToHashSet());

    [Theory]
    [MemberData(nameof(Disciplines))]
    public void Each_discipline_covers_at_least_four_channels(ValueDiscipline discipline) =>
        Assert.True(StandardCatalogue.For(discipline).Select(t => t.Channel).Distinct().Count() >= 4);

    [Fact]
    public void Every_template_has_english_and_dutch_text()
    {
        foreach (var t in StandardCatalogue.All)
        {
            foreach (var text in new[] { t.English, t.Dutch })
            {
                Assert.False(string.IsNullOrWhiteSpace(text.Title), t.Code);
                Assert.False(string.IsNullOrWhiteSpace(text.Metric), t.Code);
                Assert.False(string.IsNullOrWhiteSpace(text.Description), t.Code);
            }
            Assert.NotEqual(t.English.Title, t.Dutch.Title);
        }
    }

    [Fact]
    public void Codes_are_unique_and_carry_their_discipline()
    {
        Assert.Equal(StandardCatalogue.All.Count, StandardCatalogue.All.Select(t => t.Code).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        foreach (var t in StandardCatalogue.All)
        {
            var prefix = t.Discipline switch { ValueDiscipline.CustomerIntimacy => "CI-", ValueDiscipline.CostLeadership => "CL-", _ => "PL-" };
            Assert.StartsWith(prefix, t.Code);
            Assert.True(t.Code.Length <= ServiceStandard.TemplateCodeMaxLength);
        }
    }

    [Fact]
    public void Every_template_makes_a_valid_standard_and_ambitious_asks_more_than_threshold()
    {
        foreach (var t in StandardCatalogue.All)
        {
            foreach (var lead in Enum.GetValues<ValueDiscipline>())
            {
                t.DefinitionFor(lead, "nl").Validate();
                t.DefinitionFor(lead, "en").Validate();
            }
            Assert.True(DisciplineProposal.IsWeaker(t.ThresholdTarget, t.AmbitiousTarget, t.Direction), $"{t.Code}: threshold must ask less than ambitious");
        }
    }

    [Fact]
    public void The_lead_discipline_gets_ambitious_targets_the_others_threshold()
    {
        var template = StandardCatalogue.Find("CI-01")!;
        Assert.Equal(95, template.TargetFor(ValueDiscipline.CustomerIntimacy));
        Assert.Equal(80, template.TargetFor(ValueDiscipline.CostLeadership));
        Assert.Equal(80, template.TargetFor(null));
        Assert.StartsWith("Persoonlijke", template.DefinitionFor(ValueDiscipline.CustomerIntimacy, "nl-NL").Title);
        Assert.StartsWith("Personal", template.DefinitionFor(ValueDiscipline.CustomerIntimacy, "en").Title);
    }

    [Fact]
    public void The_examples_of_the_issue_are_in_the_catalogue()
    {
        Assert.Equal(ValueDiscipline.CustomerIntimacy, StandardCatalogue.Find("ci-01")!.Discipline);
        Assert.Contains(StandardCatalogue.For(ValueDiscipline.CostLeadership), t => t.Channel == ServiceChannel.SelfService && t.Unit == MetricUnit.Percent);
        Assert.Contains(StandardCatalogue.For(ValueDiscipline.ProductLeadership), t => t.English.Title.Contains("24 hours", StringComparison.Ordinal));
    }
}
