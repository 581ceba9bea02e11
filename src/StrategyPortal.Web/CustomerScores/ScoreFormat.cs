using StrategyPortal.Application.Common;

namespace StrategyPortal.Web.CustomerScores;

/// <summary>How scores read on screen, as <see cref="Figures"/> writes them everywhere: NPS signed and whole, shares in whole percent, CES with one decimal.</summary>
public static class ScoreFormat
{
    public const string None = Figures.Missing;

    public static string Nps(double? value) => Figures.Score(value);
    public static string Margin(double? value) => Figures.Margin(value);
    public static string Percent(double? value) => Figures.Percent(value);
    public static string Ces(double? value) => Figures.Mean(value);
    public static string Count(long value) => Figures.Count(value);
    public static string R(double? value) => Figures.Correlation(value);
}
