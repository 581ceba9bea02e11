using StrategyPortal.Domain.Common;

namespace StrategyPortal.Domain.Tests;

public class QuarterTests
{
    [Theory]
    [InlineData("2026-Q3", 2026, 3)]
    [InlineData("2026Q1", 2026, 1)]
    [InlineData(" 2025-q4 ", 2025, 4)]
    public void Parse_reads_the_usual_spellings(string text, int year, int number)
    {
        var quarter = Quarter.Parse(text);
        Assert.Equal(year, quarter.Year);
        Assert.Equal(number, quarter.Number);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2026-Q5")]
    [InlineData("2026-Q0")]
    [InlineData("Q3-2026")]
    [InlineData("26-Q3")]
    public void TryParse_refuses_what_is_not_a_quarter(string text) => Assert.False(Quarter.TryParse(text, out _));

    [Fact]
    public void Start_and_end_cover_three_calendar_months()
    {
        var q = new Quarter(2026, 3);
        Assert.Equal(new DateOnly(2026, 7, 1), q.Start);
        Assert.Equal(new DateOnly(2026, 9, 30), q.End);
        Assert.Equal(new DateOnly(2024, 3, 31), new Quarter(2024, 1).End);
    }

    [Fact]
    public void Next_and_previous_cross_the_year_boundary()
    {
        Assert.Equal(new Quarter(2027, 1), new Quarter(2026, 4).Next);
        Assert.Equal(new Quarter(2025, 4), new Quarter(2026, 1).Previous);
    }

    [Theory]
    [InlineData(2026, 1, 1, 1)]
    [InlineData(2026, 3, 31, 1)]
    [InlineData(2026, 4, 1, 2)]
    [InlineData(2026, 12, 31, 4)]
    public void Of_finds_the_quarter_of_a_date(int y, int m, int d, int expected) =>
        Assert.Equal(new Quarter(y, expected), Quarter.Of(new DateOnly(y, m, d)));

    [Fact]
    public void Range_includes_both_ends_in_order()
    {
        var range = Quarter.Range(new Quarter(2025, 3), new Quarter(2026, 2)).Select(q => q.ToString()).ToList();
        Assert.Equal(["2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"], range);
    }

    [Fact]
    public void Key_round_trips_and_sorts() 
    {
        var q = new Quarter(2026, 3);
        Assert.Equal(20263, q.Key);
        Assert.Equal(q, Quarter.FromKey(q.Key));
        Assert.True(new Quarter(2025, 4) < new Quarter(2026, 1));
    }

    [Theory]
    [InlineData(20263, 20262, 20263)] // asked for a later quarter than the last change: as asked
    [InlineData(20261, 20264, 20264)] // the last change takes effect later: not before it
    [InlineData(20263, 20263, 20263)]
    public void A_change_takes_effect_as_asked_but_never_before_the_last_change(int wanted, int lastChange, int expected) =>
        Assert.Equal(Quarter.FromKey(expected), Quarter.ChangeTakesEffect(Quarter.FromKey(wanted), Quarter.FromKey(lastChange)));
}
