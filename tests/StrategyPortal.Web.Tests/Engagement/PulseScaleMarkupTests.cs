using System.Globalization;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Web.Engagement;

namespace StrategyPortal.Web.Tests.Engagement;

public sealed class PulseScaleMarkupTests
{
    private static string Label(QuestionKind kind, int value) =>
        $"{CultureInfo.CurrentUICulture.TwoLetterISOLanguageName}:{kind}:{value}<&>";

    [Fact]
    public void An_engagement_item_has_five_required_radios_named_after_the_question_with_encoded_spoken_labels()
    {
        var html = InCulture("en", () => PulseScaleMarkup.For(9001, QuestionKind.Engagement, null, Label).Value);

        Assert.Equal(5, html.Split("type=\"radio\"").Length - 1);
        Assert.Contains("<input type=\"radio\" id=\"q9001-1\" name=\"q9001\" value=\"1\" required />", html);
        Assert.Contains("<label for=\"q9001-5\">5<span class=\"visually-hidden\"> – en:Engagement:5&lt;&amp;&gt;</span></label>", html);
        Assert.DoesNotContain("checked", html);
    }

    [Fact]
    public void An_enps_item_runs_from_0_to_10_and_shows_the_chosen_value_again()
    {
        var html = InCulture("en", () => PulseScaleMarkup.For(9002, QuestionKind.Enps, "7", Label).Value);

        Assert.Equal(11, html.Split("type=\"radio\"").Length - 1);
        Assert.Contains("id=\"q9002-0\"", html);
        Assert.Contains("id=\"q9002-10\"", html);
        Assert.Contains("value=\"7\" checked required", html);
        Assert.Single(html.Split("checked").Skip(1));
    }

    [Fact]
    public void A_fresh_form_is_kept_per_language()
    {
        var english = InCulture("en", () => PulseScaleMarkup.For(9003, QuestionKind.Engagement, null, Label).Value);
        var dutch = InCulture("nl", () => PulseScaleMarkup.For(9003, QuestionKind.Engagement, null, Label).Value);

        Assert.Contains("en:Engagement:1", english);
        Assert.Contains("nl:Engagement:1", dutch);
        Assert.DoesNotContain("en:", dutch);
    }

    private static T InCulture<T>(string name, Func<T> work)
    {
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(name);
        try { return work(); }
        finally { (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui); }
    }
}
