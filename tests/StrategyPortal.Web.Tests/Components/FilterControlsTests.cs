using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Web.Components.Shared;

namespace StrategyPortal.Web.Tests.Components;

/// <summary>The filters drawn as the browser's own controls (FilterSelect, FilterDate): labelled, and they pass on what was chosen.</summary>
public class FilterControlsTests : BunitContext
{
    public FilterControlsTests()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("en");
        Services.AddLocalization();
    }

    [Fact]
    public void A_select_offers_All_then_each_choice_by_its_text_and_passes_on_the_chosen_value_or_none()
    {
        int? chosen = 2;
        var cut = Render<FilterSelect<int?>>(p => p
            .Add(s => s.Items, new int?[] { 1, 2, 3 }).Add(s => s.Value, 2).Add(s => s.Text, v => $"Unit {v}")
            .Add(s => s.Clearable, true).Add(s => s.Label, "Unit").Add(s => s.TestId, "filter-unit")
            .Add(s => s.ValueChanged, v => chosen = v));

        var select = cut.Find("[data-testid=filter-unit]");
        Assert.Equal("SELECT", select.TagName);
        Assert.Equal(select.Id, cut.Find("label").GetAttribute("for"));
        Assert.Equal("Unit", cut.Find("label").TextContent);
        Assert.Equal(["All", "Unit 1", "Unit 2", "Unit 3"], select.QuerySelectorAll("option").Select(o => o.TextContent));

        select.Change("2");
        Assert.Equal(3, chosen);
        select.Change("");
        Assert.Null(chosen);
    }

    [Fact]
    public void A_select_without_All_has_only_its_choices()
    {
        var cut = Render<FilterSelect<string>>(p => p.Add(s => s.Items, new[] { "a", "b" }).Add(s => s.Value, "b").Add(s => s.Label, "Kind"));
        Assert.Equal(["a", "b"], cut.FindAll("option").Select(o => o.TextContent));
    }

    [Fact]
    public void A_date_passes_on_the_day_and_none_when_cleared()
    {
        DateOnly? chosen = new DateOnly(2026, 1, 1);
        var cut = Render<FilterDate>(p => p.Add(d => d.Value, chosen).Add(d => d.Label, "From").Add(d => d.ValueChanged, v => chosen = v));

        var input = cut.Find("input[type=date]");
        Assert.Equal(input.Id, cut.Find("label").GetAttribute("for"));
        Assert.Equal("2026-01-01", input.GetAttribute("value"));
        input.Change("2026-12-07");
        Assert.Equal(new DateOnly(2026, 12, 7), chosen);
        input.Change("");
        Assert.Null(chosen);
    }
}
