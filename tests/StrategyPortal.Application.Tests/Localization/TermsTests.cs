using System.Globalization;
using System.Resources;
using StrategyPortal.Application.Localization;
using StrategyPortal.Domain.Promises;
using StrategyPortal.Domain.Standards;

namespace StrategyPortal.Application.Tests.Localization;

public sealed class TermsTests
{
    private static readonly ResourceManager Resources = new("StrategyPortal.Application.Localization.Terms", typeof(Terms).Assembly);

    [Theory]
    [InlineData("en")]
    [InlineData("nl")]
    public void Every_value_of_every_term_type_has_its_own_word_in_both_languages(string language)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        var own = Resources.GetResourceSet(language == "en" ? CultureInfo.InvariantCulture : culture, createIfNotExists: true, tryParents: false)!;
        var missing = Terms.Types.SelectMany(t => Enum.GetNames(t).Select(n => $"{t.Name}.{n}")).Where(k => string.IsNullOrWhiteSpace(own.GetString(k))).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void A_term_is_read_in_the_language_asked_for()
    {
        Assert.Equal("Niet gedekt", Terms.Of(PromiseVerdict.Unbacked, CultureInfo.GetCultureInfo("nl")));
        Assert.Equal("Unbacked", Terms.Of(PromiseVerdict.Unbacked, CultureInfo.GetCultureInfo("en")));
        Assert.Equal("Op koers", Terms.Of(RagStatus.Green, CultureInfo.GetCultureInfo("nl")));
        Assert.Equal(string.Empty, Terms.Of((RagStatus?)null));
    }

    [Fact]
    public void Inside_a_sentence_a_term_starts_in_lower_case_and_is_otherwise_the_same_word()
    {
        Assert.Equal("niet gehaald", Terms.InSentence(RagStatus.Red, CultureInfo.GetCultureInfo("nl")));
        Assert.Equal("off target", Terms.InSentence(RagStatus.Red, CultureInfo.GetCultureInfo("en")));
        Assert.Equal("bijna op koers", Terms.InSentence(RagStatus.Amber, CultureInfo.GetCultureInfo("nl")));
        Assert.Equal("no data", Terms.InSentence(RagStatus.NoData, CultureInfo.GetCultureInfo("en")));
    }
}
