using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.Localization;
using StrategyPortal.Application.Organisation;
using StrategyPortal.Application.People;
using StrategyPortal.Application.Promises;
using StrategyPortal.Application.Standards;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Standards;

namespace StrategyPortal.Application.Tests.Common;

/// <summary>The validation path: a domain rule's failure arrives at the input's own property, in the reader's language.</summary>
public sealed class ValidationTests
{
    private static MessageText Text(string culture)
    {
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo(culture);
        var factory = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance);
        return new MessageText(new StringLocalizer<Messages>(factory));
    }

    [Fact]
    public void A_field_path_is_read_from_the_input_type_including_list_positions()
    {
        var index = 2;
        Assert.Equal("Claim", ValidationRules.PathOf((PromiseInput p) => p.Claim));
        Assert.Equal("LiveFrom", ValidationRules.PathOf((PromiseInput p) => (object?)p.LiveFrom));
        Assert.Equal("Requirements[2].Hours", ValidationRules.PathOf((PromiseInput p) => p.Requirements[index].Hours));
        Assert.Equal("Requirements[0].CapacityPerDay", ValidationRules.PathOf((PromiseInput p) => p.Requirements[0].CapacityPerDay));
    }

    [Fact]
    public void A_shared_rule_sets_errors_land_on_the_bound_input_properties_and_the_rest_on_the_whole_form()
    {
        var fields = new InputFields<PersonField, PersonInput>()
            .Bind(p => p.Name, PersonField.DisplayName, PersonField.FirstName)
            .Bind(p => p.OrgUnitId, PersonField.Unit);

        var refused = fields.Refuse([
            (PersonField.FirstName, "First name too long."),
            (PersonField.DisplayName, "Name required."),
            (PersonField.DisplayName, "Name required."),
            (PersonField.Unit, "Unit gone."),
            (PersonField.Manager, "Manager unknown."),
            (PersonField.None, "Erased."),
        ]);

        Assert.Equal(["", "Name", "OrgUnitId"], refused.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["First name too long.", "Name required."], refused.Errors["Name"]);
        Assert.Equal(["Unit gone."], refused.Errors["OrgUnitId"]);
        Assert.Equal(["Manager unknown.", "Erased."], refused.Errors[""]);
        Assert.Throws<ArgumentException>(() => fields.Bind(p => p.Email, PersonField.Unit));
    }

    [Fact]
    public async Task Every_broken_rule_lands_on_its_field_with_the_rules_own_message()
    {
        var text = Text("en");
        var input = new PromiseInput
        {
            Claim = "  ",
            Channels = [],
            LiveFrom = new DateOnly(2026, 5, 1),
            LiveTo = new DateOnly(2026, 4, 1),
            Requirements = [new RequirementInput { CapabilityId = 3, MinMaturity = 3, Hours = "Mon-Fri 08:00-20:00" }, new RequirementInput { CapabilityId = 4, MinMaturity = 9, Hours = "Mon-Fri 08:00" }],
        };

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => text.EnsureValidAsync(new PromiseInputValidator(), input));

        Assert.Equal(["Channels", "Claim", "LiveTo", "Requirements[1].Hours", "Requirements[1].MinMaturity"], refused.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["A promise needs the claim as customers read it."], refused.Errors["Claim"]);
        Assert.Equal(["The live period must end after it starts."], refused.Errors["LiveTo"]);
        Assert.Equal(["Maturity runs from 1 to 5."], refused.Errors["Requirements[1].MinMaturity"]);
    }

    [Fact]
    public async Task Messages_follow_the_readers_language_and_fill_in_the_rules_figures()
    {
        var input = new StandardInput { Title = "Bereikbaarheid", Metric = "% opgenomen", OwnerUnitId = 1, Unit = MetricUnit.Count, Target = -3, EffectiveQuarter = new Quarter(2026, 3) };

        var english = await Assert.ThrowsAsync<ValidationFailedException>(() => Text("en").EnsureValidAsync(new StandardInputValidator(), input));
        var dutch = await Assert.ThrowsAsync<ValidationFailedException>(() => Text("nl").EnsureValidAsync(new StandardInputValidator(), input));

        Assert.Equal(["The target must lie between 0 and 1,000,000 for this unit."], english.Errors[nameof(StandardInput.Target)]);
        Assert.Equal(["De doelwaarde moet voor deze eenheid tussen 0 en 1.000.000 liggen."], dutch.Errors[nameof(StandardInput.Target)]);
    }

    [Fact]
    public void A_rule_that_needs_the_stored_entity_names_the_field_it_was_asked_for()
    {
        var text = Text("en");
        var refused = Assert.Throws<ValidationFailedException>(() =>
            text.Check<StandardInput, double>(s => s.Target, () => StandardDefinition.ValidTarget(MetricUnit.Percent, 120)));
        Assert.Equal(["The target must lie between 0 and 100 for this unit."], refused.Errors[nameof(StandardInput.Target)]);
    }

    [Fact]
    public void A_domain_rule_without_a_translation_keeps_its_own_english_text()
    {
        var refused = Text("nl").Invalid(new DomainException("no.such-code", "Something specific went wrong."));
        Assert.Equal(["Something specific went wrong."], refused.Errors[""]);
    }
}
