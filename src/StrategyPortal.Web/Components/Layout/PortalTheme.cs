using MudBlazor;

namespace StrategyPortal.Web.Components.Layout;

public static class PortalTheme
{
    /// <summary>Colours chosen for at least 4.5:1 contrast on their backgrounds (WCAG AA), in light and dark mode.</summary>
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f4e79",
            Secondary = "#8a3b12",
            AppbarBackground = "#1f4e79",
            Success = "#1b5e20",
            Warning = "#8a5a00",
            Error = "#b00020",
            Info = "#0b5394",
            TextSecondary = "rgba(0,0,0,0.70)",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8cc4f5",
            Secondary = "#f0a070",
            AppbarBackground = "#16263a",
            Success = "#81c784",
            Warning = "#ffb74d",
            Error = "#ff8a80",
            Info = "#90caf9",
            // The dark palette's colours are light, so text on filled buttons, chips and snackbars must be dark
            // (MudBlazor's default white on #8cc4f5 is 1.85:1).
            PrimaryContrastText = "rgba(0,0,0,0.87)",
            SecondaryContrastText = "rgba(0,0,0,0.87)",
            SuccessContrastText = "rgba(0,0,0,0.87)",
            WarningContrastText = "rgba(0,0,0,0.87)",
            ErrorContrastText = "rgba(0,0,0,0.87)",
            InfoContrastText = "rgba(0,0,0,0.87)",
            // MudBlazor's dark default (white at 50%) gives input labels 4.25:1 on paper surfaces; 70% gives about 7:1.
            TextSecondary = "rgba(255,255,255,0.70)",
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "250px" },
    };
}
