namespace StrategyPortal.Domain.Common;

/// <summary>How good a figure is, for its colour: the same three bands on every page, PDF and legend.</summary>
public enum Band
{
    Poor = 0,
    Middle = 1,
    Good = 2,
}

/// <summary>
/// Where the bands of one measure begin: good from <see cref="GoodFrom"/>, poor below <see cref="PoorBelow"/>, middle in
/// between. A figure is banded as it is shown, rounded to a whole number (a favourable share of 69.6 % shows and counts as 70 %).
/// </summary>
public sealed record BandScale(double GoodFrom, double PoorBelow)
{
    public Band Of(double value)
    {
        var shown = Rounding.Round(value);
        return shown >= GoodFrom ? Band.Good : shown < PoorBelow ? Band.Poor : Band.Middle;
    }

    public Band? Of(double? value) => value is { } v ? Of(v) : null;
}
