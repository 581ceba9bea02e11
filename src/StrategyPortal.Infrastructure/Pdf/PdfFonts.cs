using SkiaSharp;

namespace StrategyPortal.Infrastructure.Pdf;

/// <summary>
/// The typefaces a document is set in, loaded from font files. Each font is subset once at load
/// time to the Latin repertoire our two languages (and names in them) need, so PDFs embed a few
/// dozen kilobytes instead of the whole file; text with a character outside that repertoire is set
/// in the full font. A missing file is an error at load time, never a silent fallback to boxes.
/// </summary>
public sealed class PdfFonts : IDisposable
{
    public const string DefaultFolder = "/usr/share/fonts/truetype/dejavu";
    public const string RegularFile = "DejaVuSans.ttf";
    public const string BoldFile = "DejaVuSans-Bold.ttf";

    /// <summary>The family name charts ask ScottPlot for; resolved to the same subset typefaces.</summary>
    public const string ChartFamily = "StrategyPortal Sans";

    private readonly Face _regular;
    private readonly Face _bold;
    private readonly ChartFontResolver _chartResolver;

    private PdfFonts(Face regular, Face bold, string folder)
    {
        _regular = regular;
        _bold = bold;
        Folder = folder;
        _chartResolver = new ChartFontResolver(this);
        lock (ScottPlot.Fonts.FontResolvers) ScottPlot.Fonts.FontResolvers.Insert(0, _chartResolver);
    }

    public string Folder { get; }

    public static IReadOnlyList<int> Repertoire { get; } = BuildRepertoire();

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<PdfFonts>> SharedByFolder = new(StringComparer.Ordinal);
    private bool _shared;

    /// <summary>
    /// One instance per font folder for the whole process. ScottPlot resolves chart fonts through a
    /// process-wide list, so two instances would let charts and text use different typeface objects
    /// and the PDF would embed every font twice. The shared instance ignores <see cref="Dispose"/>.
    /// </summary>
    public static PdfFonts Shared(string? folder = null)
    {
        folder = string.IsNullOrWhiteSpace(folder) ? DefaultFolder : folder;
        var lazy = SharedByFolder.GetOrAdd(folder, f => new Lazy<PdfFonts>(() => { var fonts = Load(f); fonts._shared = true; return fonts; }));
        try
        {
            return lazy.Value;
        }
        catch
        {
            SharedByFolder.TryRemove(folder, out _); // a missing font stays an error, but a fixed folder may be tried again
            throw;
        }
    }

    public static PdfFonts Load(string? folder = null)
    {
        folder = string.IsNullOrWhiteSpace(folder) ? DefaultFolder : folder;
        return new PdfFonts(Face.Load(Path.Combine(folder, RegularFile)), Face.Load(Path.Combine(folder, BoldFile)), folder);
    }

    /// <summary>The typeface to set <paramref name="text"/> in: the subset when it covers every character.</summary>
    public SKTypeface For(bool bold, string? text = null)
    {
        var face = bold ? _bold : _regular;
        return text is null || face.Covers(text) ? face.Subset : face.Full;
    }

    public void Dispose()
    {
        if (_shared) return;
        lock (ScottPlot.Fonts.FontResolvers) ScottPlot.Fonts.FontResolvers.Remove(_chartResolver);
        _regular.Dispose();
        _bold.Dispose();
    }

    private static int[] BuildRepertoire()
    {
        // Basic Latin, Latin-1 and Latin Extended-A (Dutch, English and the names of a Dutch workforce),
        // typographic punctuation, the euro, and the few symbols reports use (− ± ≤ ≥ ≈ ≠ ← ↑ → ↓ ● ▲ ▼ ■ ✓ ✗).
        var ranges = new (int From, int To)[] { (0x20, 0x7E), (0xA0, 0x17F), (0x2010, 0x2027), (0x2030, 0x203A), (0x2190, 0x2193) };
        int[] symbols = [0x20AC, 0x2122, 0x2212, 0x2248, 0x2260, 0x2264, 0x2265, 0x25A0, 0x25B2, 0x25BC, 0x25CF, 0x2713, 0x2717];
        return ranges.SelectMany(r => Enumerable.Range(r.From, r.To - r.From + 1)).Concat(symbols).ToArray();
    }

    private sealed class Face : IDisposable
    {
        private readonly string _path;
        private readonly IReadOnlySet<int> _covered;
        private SKTypeface? _full;

        private Face(string path, SKTypeface subset, IReadOnlySet<int> covered)
        {
            _path = path;
            Subset = subset;
            _covered = covered;
        }

        public SKTypeface Subset { get; }
        public SKTypeface Full => _full ??= SKTypeface.FromFile(_path);

        public static Face Load(string path)
        {
            if (!File.Exists(path))
                throw new FileNotFoundException(
                    $"PDF font '{path}' is missing. Install Debian's fonts-dejavu-core (scripts/test.sh does) or set Pdf:FontFolder to a folder holding {RegularFile} and {BoldFile}.", path);
            var subset = TrueTypeSubsetter.Subset(File.ReadAllBytes(path), Repertoire);
            using var data = SKData.CreateCopy(subset.Font);
            var typeface = SKTypeface.FromData(data) ?? throw new InvalidDataException($"'{path}' is not a font Skia can read.");
            return new Face(path, typeface, subset.CoveredCodePoints);
        }

        public bool Covers(string text)
        {
            foreach (var rune in text.EnumerateRunes())
                if (!_covered.Contains(rune.Value) && !char.IsWhiteSpace((char)Math.Min(rune.Value, char.MaxValue))) return false;
            return true;
        }

        public void Dispose()
        {
            Subset.Dispose();
            _full?.Dispose();
        }
    }

    private sealed class ChartFontResolver(PdfFonts fonts) : ScottPlot.IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
            fontName == ChartFamily ? fonts.For(bold) : null;

        public SKTypeface? CreateTypeface(string fontName, ScottPlot.FontWeight weight, ScottPlot.FontSlant slant, ScottPlot.FontSpacing spacing) =>
            CreateTypeface(fontName, weight >= ScottPlot.FontWeight.SemiBold, slant != ScottPlot.FontSlant.Upright);
    }
}
