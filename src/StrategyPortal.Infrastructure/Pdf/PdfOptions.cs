using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace StrategyPortal.Infrastructure.Pdf;

/// <summary>The <c>Pdf</c> configuration section.</summary>
public sealed class PdfOptions
{
    public const string Section = "Pdf";

    /// <summary>Folder with DejaVuSans.ttf and DejaVuSans-Bold.ttf; empty: Debian's <see cref="PdfFonts.DefaultFolder"/>.</summary>
    public string? FontFolder { get; set; }
}

/// <summary>
/// Loads the PDF fonts when the app starts, so a missing font file stops the start with a clear message in
/// the log instead of failing the first scorecard download (there is never a fallback font).
/// </summary>
public sealed class PdfFontsStartupCheck(IServiceProvider services, ILogger<PdfFontsStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var fonts = (PdfFonts)services.GetService(typeof(PdfFonts))!;
            logger.LogInformation("PDF fonts loaded from {Folder}", fonts.Folder);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException)
        {
            logger.LogCritical(e, "PDF fonts are missing: {Message}", e.Message);
            throw;
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
