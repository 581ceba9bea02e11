using StrategyPortal.Domain.Engagement;

namespace StrategyPortal.Domain.Tests.Engagement;

public class PulseAnswerSheetTests
{
    private static readonly SheetItem[] Items =
    [
        new(1, QuestionKind.Engagement), new(2, QuestionKind.Strategy), new(3, QuestionKind.Enps), new(4, QuestionKind.FreeText),
    ];

    private static PulseAnswerSheet Check(params (int Id, string? Value)[] values) =>
        PulseAnswerSheet.Check(Items, values.ToDictionary(v => v.Id, v => v.Value));

    [Fact]
    public void A_complete_sheet_is_valid_and_keeps_free_text_as_typed()
    {
        var sheet = Check((1, "5"), (2, "1"), (3, "0"), (4, "  <script>alert(1)</script> "));
        Assert.True(sheet.IsValid);
        Assert.Equal([new ScaledAnswer(1, QuestionKind.Engagement, 5), new ScaledAnswer(2, QuestionKind.Strategy, 1), new ScaledAnswer(3, QuestionKind.Enps, 0)], sheet.Answers);
        Assert.Equal("  <script>alert(1)</script> ", Assert.Single(sheet.Comments).Text);
    }

    [Fact]
    public void Free_text_is_optional()
    {
        var sheet = Check((1, "3"), (2, "3"), (3, "10"), (4, "   "));
        Assert.True(sheet.IsValid);
        Assert.Empty(sheet.Comments);
    }

    [Theory]
    [InlineData("0", "3", "5")]   // engagement below 1
    [InlineData("6", "3", "5")]   // engagement above 5
    [InlineData("3", "3", "11")]  // eNPS above 10
    [InlineData("3", "3", "-1")]  // eNPS below 0
    [InlineData("3", "3.5", "5")] // not a whole number
    [InlineData("abc", "3", "5")]
    public void Answers_off_the_scale_are_refused(string engagement, string strategy, string enps)
    {
        var sheet = Check((1, engagement), (2, strategy), (3, enps));
        Assert.False(sheet.IsValid);
        Assert.Contains(PulseAnswerSheet.OutOfScale, sheet.Errors.Values);
    }

    [Fact]
    public void Missing_required_items_are_named()
    {
        var sheet = Check((1, "4"), (3, ""));
        Assert.False(sheet.IsValid);
        Assert.Equal(PulseAnswerSheet.Required, sheet.Errors[2]);
        Assert.Equal(PulseAnswerSheet.Required, sheet.Errors[3]);
        Assert.False(sheet.Errors.ContainsKey(1));
    }

    [Fact]
    public void Too_long_free_text_is_refused_not_cut()
    {
        var sheet = Check((1, "4"), (2, "4"), (3, "9"), (4, new string('x', PulseComment.TextMaxLength + 1)));
        Assert.Equal(PulseAnswerSheet.CommentTooLong, sheet.Errors[4]);
        Assert.True(Check((1, "4"), (2, "4"), (3, "9"), (4, new string('x', PulseComment.TextMaxLength))).IsValid);
    }

    [Fact]
    public void Items_the_pulse_did_not_ask_make_the_sheet_invalid()
    {
        var sheet = Check((1, "4"), (2, "4"), (3, "9"), (99, "5"));
        Assert.True(sheet.HasUnknownItems);
        Assert.False(sheet.IsValid);
    }
}
