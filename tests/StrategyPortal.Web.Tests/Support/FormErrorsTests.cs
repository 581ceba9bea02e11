using Microsoft.AspNetCore.Components.Forms;
using StrategyPortal.Application.Promises;
using StrategyPortal.Web.Components.Shared;

namespace StrategyPortal.Web.Tests.Support;

/// <summary>A refusal's field paths find the object and property a form binds, also inside lists.</summary>
public sealed class FormErrorsTests
{
    private static PromiseInput Input() => new() { Requirements = [new RequirementInput(), new RequirementInput()] };

    [Fact]
    public void Each_message_goes_to_the_property_its_path_names()
    {
        var input = Input();
        var errors = new FormErrors(input);

        errors.Show(new UiError("Someone else changed it.", new Dictionary<string, string[]>
        {
            ["Claim"] = ["Claim message"],
            ["Requirements[1].Hours"] = ["Hours message"],
            ["NoSuchField"] = ["Lost message"],
            [""] = ["Form message"],
        }));

        Assert.Equal("Claim message", errors.For(() => input.Claim));
        var second = input.Requirements[1];
        Assert.Equal("Hours message", errors.For(() => second.Hours));
        Assert.Null(errors.For(() => input.Requirements[0].Hours));
        Assert.Equal("Someone else changed it. Lost message", errors.Summary);
    }

    [Fact]
    public void A_message_goes_when_the_user_changes_its_field_and_not_before()
    {
        var input = Input();
        var errors = new FormErrors(input);
        errors.Show(new UiError(string.Empty, new Dictionary<string, string[]> { ["Claim"] = ["Claim message"], ["Campaign"] = ["Campaign message"] }));

        errors.Context.NotifyFieldChanged(FieldIdentifier.Create(() => input.Claim));

        Assert.False(errors.Has(() => input.Claim));
        Assert.True(errors.Has(() => input.Campaign));
    }
}
