using StrategyPortal.Domain.Common;

namespace StrategyPortal.Application.Common;

/// <summary>
/// The colours of the bands, once for the page and the PDF: a light fill with a dark ink of at least 4.5:1 contrast, so the
/// value written in the cell stays readable (the colour never carries the figure alone).
/// </summary>
public static class BandColours
{
    public static (string Fill, string Ink) Of(Band? band) => band switch
    {
        Band.Good => ("#c8e6c9", "#0d3311"),
        Band.Middle => ("#fff3c4", "#3d2e00"),
        Band.Poor => ("#ffcdd2", "#5c0011"),
        _ => ("#eceff1", "#37474f"),
    };
}
