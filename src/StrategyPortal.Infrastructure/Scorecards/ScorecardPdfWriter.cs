using System.Globalization;
using Microsoft.Extensions.Localization;
using SkiaSharp;
using StrategyPortal.Application.Scorecards;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.CustomerScores;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Domain.Promises;
using StrategyPortal.Domain.Standards;
using StrategyPortal.Infrastructure.Pdf;
using static StrategyPortal.Application.Scorecards.ScorecardFormat;

namespace StrategyPortal.Infrastructure.Scorecards;

/// <summary>
/// Draws a scorecard from its frozen <see cref="ScorecardData"/> with the general document model: a cover with
/// key figures, then strategy, standards, promises, engagement, customers, engagement × customers and the gaps,
/// each starting on a new page. All text comes from <c>ScorecardsText</c> in the requested culture.
/// </summary>
public sealed class ScorecardPdfWriter(PdfRenderer renderer, IStringLocalizer<ScorecardsText> localizer) : IScorecardPdfWriter
{
    // A calm board-report palette; RAG colours are muted but unmistakable.
    private static readonly SKColor Navy = new(0x1f, 0x4e, 0x79);
    private static readonly SKColor Slate = new(0x5b, 0x67, 0x75);
    private static readonly SKColor GreenInk = new(0x1e, 0x6b, 0x34);
    private static readonly SKColor AmberInk = new(0x8a, 0x5a, 0x00);
    private static readonly SKColor RedInk = new(0xa9, 0x1d, 0x1d);
    private static readonly SKColor GreyInk = new(0x5f, 0x5f, 0x5f);
    private static readonly SKColor GreenFill = new(0xdf, 0xf0, 0xe3);
    private static readonly SKColor AmberFill = new(0xfc, 0xef, 0xcf);
    private static readonly SKColor RedFill = new(0xf8, 0xdc, 0xdc);
    private static readonly SKColor GreyFill = new(0xee, 0xee, 0xee);

    private static readonly ScottPlot.Color CNavy = ScottPlot.Color.FromHex("#1f4e79");
    private static readonly ScottPlot.Color CTeal = ScottPlot.Color.FromHex("#2a9d8f");
    private static readonly ScottPlot.Color CSand = ScottPlot.Color.FromHex("#e9c46a");
    private static readonly ScottPlot.Color CCoral = ScottPlot.Color.FromHex("#d1603d");
    private static readonly ScottPlot.Color CGrey = ScottPlot.Color.FromHex("#a0a8b3");
    private static readonly ScottPlot.Color CGreen = ScottPlot.Color.FromHex("#4f9d69");
    private static readonly ScottPlot.Color CAmber = ScottPlot.Color.FromHex("#e3a72f");
    private static readonly ScottPlot.Color CRed = ScottPlot.Color.FromHex("#c8553d");
    private static readonly ScottPlot.Color CGrid = ScottPlot.Color.FromHex("#e6e9ed");

    private static readonly TextStyle Lead = new(11f, Color: new SKColor(0x33, 0x33, 0x33), LineSpacing: 1.35f);
    private static readonly TextStyle Note = new(8.5f, Color: new SKColor(0x55, 0x55, 0x55));
    private static readonly TextStyle CoverTitle = new(26f, true, Navy, 1.2f);
    private static readonly TextStyle CoverSubtitle = new(15f, false, Slate, 1.3f);

    public byte[] Write(ScorecardData data, CultureInfo culture)
    {
        var savedUi = CultureInfo.CurrentUICulture;
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentUICulture = culture;
            CultureInfo.CurrentCulture = culture;
            return renderer.Render(Compose(data, culture), data.GeneratedAtUtc);
        }
        finally
        {
            CultureInfo.CurrentUICulture = savedUi;
            CultureInfo.CurrentCulture = saved;
        }
    }

    /// <summary>The document of a scorecard (the layout without drawing; tests count its pages and charts).</summary>
    public PdfDocumentSpec Compose(ScorecardData data, CultureInfo culture)
    {
        var c = new Composer(data, culture, localizer);
        return c.Build();
    }

    private sealed class Composer(ScorecardData data, CultureInfo culture, IStringLocalizer localizer)
    {
        private readonly string _language = culture.TwoLetterISOLanguageName == "nl" ? "nl" : "en";
        private PdfDocumentSpec _doc = null!;

        private string T(string key) => localizer[key].Value;
        private string T(string key, params object[] args) => string.Format(culture, localizer[key].Value, args);
        private string Scope => data.UnitName ?? data.CompanyName;

        public PdfDocumentSpec Build()
        {
            _doc = new PdfDocumentSpec
            {
                Title = T("doc.title", Scope, data.Quarter),
                Author = data.CompanyName,
                Language = _language,
                HeaderLeft = data.UnitName is null ? data.CompanyName : $"{data.CompanyName} · {data.UnitName}",
                HeaderRight = T("doc.header-right", data.Quarter),
                FooterLeft = T("doc.footer", data.GeneratedAtUtc.ToString("d MMMM yyyy", culture)),
                PageNumberFormat = T("doc.page-format"),
            };
            Cover();
            Strategy();
            Standards();
            Promises();
            Engagement();
            Customers();
            Comparison();
            Closing();
            return _doc;
        }

        private void Add(Block block) => _doc.Add(block);
        private void Section(string title, string intro)
        {
            Add(new PageBreak());
            Add(new Heading(title) { SpaceAfter = 6f });
            Add(new Paragraph(intro, Lead) { SpaceAfter = 12f });
        }

        // ---------------------------------------------------------------- cover

        private void Cover()
        {
            Add(new Spacer(40f));
            Add(new Paragraph(T("cover.kicker"), new TextStyle(11f, true, Slate)) { SpaceAfter = 6f });
            Add(new Paragraph(T("cover.title", data.Quarter), CoverTitle) { SpaceAfter = 4f });
            Add(new Paragraph(data.UnitName is null ? data.CompanyName : T("cover.unit", data.UnitName, data.CompanyName), CoverSubtitle) { SpaceAfter = 24f });

            var discipline = data.Strategy.Discipline is { } d ? T("discipline." + d) : T("discipline.none");
            Add(new KeyFigures([
                new KeyFigure(T("cover.discipline"), discipline, data.Strategy.EffectiveSince is { } since ? T("cover.discipline-since", since) : null, Navy),
            ]) { SpaceAfter = 14f });

            // The figures come from ScorecardKeyFigures, which the home page's "quarter at a glance" shows too.
            var k = ScorecardKeyFigures.Of(data);
            Add(new KeyFigures([
                new KeyFigure(T("kf.standards-green"), Percent(k.StandardsGreen, culture),
                    VsLast(Delta(k.StandardsGreen, k.StandardsGreenBefore, culture, T("unit.points"))), RagInk(k.StandardsGreen, 80, 60)),
                new KeyFigure(T("kf.standards-red"), Count(k.StandardsRed, culture),
                    T("kf.turned-red", k.StandardsTurnedRed), k.StandardsRed > 0 ? RedInk : GreenInk),
                new KeyFigure(T("kf.promises"), PromiseHeadline(k), PromiseNote(k), Navy),
            ]) { SpaceAfter = 10f });
            Add(new KeyFigures([
                new KeyFigure(T("kf.engaged"), k.EngagementShown ? Percent(k.Engaged, culture) : T("hidden.short"),
                    k.EngagementShown ? VsLast(Delta(k.Engaged, k.EngagedBefore, culture, T("unit.points"))) : T("hidden.note", k.MinGroupSize),
                    Navy),
                new KeyFigure(T("kf.enps"), k.EngagementShown ? Score(k.Enps, culture) : T("hidden.short"),
                    k.EngagementShown ? VsLast(Delta(k.Enps, k.EnpsBefore, culture, T("unit.points"))) : null, Navy),
                new KeyFigure(T("kf.nps"), Score(k.Nps, culture), VsLast(Delta(k.Nps, k.NpsBefore, culture, T("unit.points"))), Navy),
                new KeyFigure(T("kf.csat"), Percent(k.Csat, culture), VsLast(Delta(k.Csat, k.CsatBefore, culture, T("unit.points"))), Navy),
            ]) { SpaceAfter = 18f });

            Add(new Heading(T("cover.reading"), 2));
            Add(new Paragraph(T("cover.reading-text"), Lead));
            Add(new Paragraph(Summary(), Lead) { SpaceAfter = 12f });
            Add(new Paragraph(T("cover.anonymity", k.MinGroupSize), Note));
        }

        private string VsLast(string delta) => delta == Missing ? T("kf.no-previous") : T("kf.vs-last", delta, $"Q{data.Quarter.Previous.Number}");

        private static string PromiseHeadline(ScorecardKeyFigures k) => k.PromisesTotal == 0 ? Missing : $"{k.PromisesBacked}/{k.PromisesTotal}";

        private string PromiseNote(ScorecardKeyFigures k) =>
            k.PromisesTotal == 0 ? T("promises.none-short") : T("kf.promises-note", k.PromisesUnbacked);

        private string Summary()
        {
            var parts = new List<string>();
            var s = data.Standards;
            parts.Add(T("summary.standards", s.Count(RagStatus.Green), s.Count(RagStatus.Amber), s.Count(RagStatus.Red), s.Count(RagStatus.NoData)));
            if (data.Engagement.IsShown)
                parts.Add(T("summary.engagement", Percent(data.Engagement.Shares!.Engaged, culture), Percent(EngagementFormulas.GallupEngaged, culture)));
            if (data.Customers.Current?.Nps is not null)
                parts.Add(T("summary.customers", Score(data.Customers.Current.Nps, culture), Percent(data.Customers.Current.Csat, culture)));
            if (data.Gaps.Count > 0) parts.Add(T("summary.gaps", data.Gaps.Count));
            return string.Join(" ", parts);
        }

        // ---------------------------------------------------------------- strategy

        private void Strategy()
        {
            var strategy = data.Strategy;
            Section(T("strategy.title"), strategy.Discipline is { } d ? T("strategy.intro", T("discipline." + d)) : T("strategy.intro-none"));
            if (strategy.Discipline is { } discipline)
            {
                Add(new Paragraph(T("discipline-text." + discipline), Lead));
                if (!string.IsNullOrWhiteSpace(strategy.Rationale))
                    Add(new Paragraph(T("strategy.rationale", strategy.Rationale.Trim()), new TextStyle(10f, Color: Slate)) { SpaceAfter = 12f });
            }

            Add(new Heading(T("strategy.coverage"), 2));
            Add(new Paragraph(T("strategy.coverage-intro", strategy.ActiveStandards), Note));
            var channels = Enum.GetValues<ServiceChannel>();
            var columns = new List<TableColumn> { new(T("col.aspect"), 1.6f) };
            columns.AddRange(channels.Select(ch => new TableColumn(T("channel.short." + ch), 1f, CellAlign.Center)));
            columns.Add(new TableColumn(T("col.total"), 0.9f, CellAlign.Right));
            var rows = Enum.GetValues<ServiceAspect>().Select(a =>
            {
                var cells = new List<TableCell> { new(T("aspect." + a), Bold: true) };
                cells.AddRange(channels.Select(ch => strategy.Count(a, ch) is var n && n > 0
                    ? new TableCell(Count(n, culture))
                    : new TableCell("0", ch == ServiceChannel.Any ? null : GreyFill, GreyInk)));
                var total = strategy.AspectTotal(a);
                cells.Add(new TableCell(Count(total, culture), total == 0 ? RedFill : null, total == 0 ? RedInk : null, true));
                return new TableRow(cells);
            }).ToList();
            var totals = new List<TableCell> { new(T("col.total"), Bold: true) };
            totals.AddRange(channels.Select(ch => strategy.ChannelTotal(ch) is var n && n == 0 && ch != ServiceChannel.Any
                ? new TableCell("0", RedFill, RedInk, true) : new TableCell(Count(strategy.ChannelTotal(ch), culture), Bold: true)));
            totals.Add(new TableCell(Count(strategy.ActiveStandards, culture), Bold: true));
            rows.Add(new TableRow(totals));
            Add(new Table(columns, rows) { SpaceAfter = 6f });
            Add(new Paragraph(T("strategy.coverage-legend"), Note) { SpaceAfter = 14f });

            var gaps = channels.Where(ch => ch != ServiceChannel.Any && strategy.ChannelTotal(ch) == 0).Select(ch => T("channel." + ch)).ToList();
            var aspectGaps = Enum.GetValues<ServiceAspect>().Where(a => strategy.AspectTotal(a) == 0).Select(a => T("aspect." + a)).ToList();
            Add(new Paragraph(gaps.Count + aspectGaps.Count == 0 ? T("strategy.no-gaps")
                : T("strategy.gaps", string.Join(", ", aspectGaps.Concat(gaps))), Lead));

            Add(new Chart(plot =>
            {
                var aspects = Enum.GetValues<ServiceAspect>();
                ScottPlot.Color[] colours = [CNavy, CTeal, CSand];
                var bars = new List<ScottPlot.Bar>();
                for (var i = 0; i < channels.Length; i++)
                {
                    double bottom = 0;
                    for (var a = 0; a < aspects.Length; a++)
                    {
                        var n = strategy.Count(aspects[a], channels[i]);
                        if (n == 0) continue;
                        bars.Add(new ScottPlot.Bar { Position = i, ValueBase = bottom, Value = bottom + n, FillColor = colours[a], LineWidth = 0, Size = 0.6 });
                        bottom += n;
                    }
                }
                plot.Add.Bars(bars);
                Ticks(plot, channels.Select(ch => T("channel.short." + ch)).ToArray());
                plot.Legend.ManualItems.AddRange(aspects.Select((a, i) => new ScottPlot.LegendItem { LabelText = T("aspect." + a), FillColor = colours[i] }));
                Style(plot, T("chart.coverage"), yMin: 0);
                plot.ShowLegend(ScottPlot.Edge.Right);
            }, 210f, T("chart.coverage-caption")));
        }

        // ---------------------------------------------------------------- standards

        private void Standards()
        {
            var s = data.Standards;
            Section(T("standards.title"), T("standards.intro"));
            Add(new KeyFigures([
                new KeyFigure(T("rag.Green"), Count(s.Count(RagStatus.Green), culture), null, GreenInk),
                new KeyFigure(T("rag.Amber"), Count(s.Count(RagStatus.Amber), culture), null, AmberInk),
                new KeyFigure(T("rag.Red"), Count(s.Count(RagStatus.Red), culture), T("kf.turned-red", s.TurnedRed.Count), RedInk),
                new KeyFigure(T("rag.NoData"), Count(s.Count(RagStatus.NoData), culture), null, GreyInk),
            ]) { SpaceAfter = 12f });

            Add(new Chart(plot =>
            {
                var bars = new List<ScottPlot.Bar>();
                for (var i = 0; i < s.Trend.Count; i++)
                {
                    var t = s.Trend[i];
                    double bottom = 0;
                    foreach (var (n, colour) in new[] { (t.Green, CGreen), (t.Amber, CAmber), (t.Red, CRed), (t.NoData, CGrey) })
                    {
                        if (n == 0) continue;
                        bars.Add(new ScottPlot.Bar { Position = i, ValueBase = bottom, Value = bottom + n, FillColor = colour, LineWidth = 0, Size = 0.6 });
                        bottom += n;
                    }
                }
                plot.Add.Bars(bars);
                Ticks(plot, s.Trend.Select(t => QuarterLabel(t.Quarter)).ToArray());
                plot.Legend.ManualItems.AddRange(new[] { (RagStatus.Green, CGreen), (RagStatus.Amber, CAmber), (RagStatus.Red, CRed), (RagStatus.NoData, CGrey) }
                    .Select(x => new ScottPlot.LegendItem { LabelText = T("rag." + x.Item1), FillColor = x.Item2 }));
                Style(plot, T("chart.rag-trend"), yMin: 0);
                plot.ShowLegend(ScottPlot.Edge.Bottom);
                plot.Axes.SetLimitsY(0, Math.Max(1, s.Trend.Count == 0 ? 1 : s.Trend.Max(t => t.Green + t.Amber + t.Red + t.NoData)) * 1.1);
            }, 215f, T("chart.rag-trend-caption")));

            Add(new Heading(T("standards.per-unit"), 2));
            if (s.Units.Count == 0) Add(new Paragraph(T("standards.none"), Lead));
            else
                Add(new Table(
                    [new(T("col.unit"), 3f), new(T("rag.Green"), 1f, CellAlign.Right), new(T("rag.Amber"), 1f, CellAlign.Right),
                     new(T("rag.Red"), 1f, CellAlign.Right), new(T("rag.NoData"), 1.2f, CellAlign.Right), new(T("col.green-share"), 1.3f, CellAlign.Right)],
                    s.Units.Select(u => new TableRow([
                        new TableCell(Indent(u.Depth) + u.UnitName, Bold: u.Depth == 0),
                        Rag(Count(u.Green, culture), u.Green > 0 ? RagStatus.Green : RagStatus.NoData),
                        Rag(Count(u.Amber, culture), u.Amber > 0 ? RagStatus.Amber : RagStatus.NoData),
                        Rag(Count(u.Red, culture), u.Red > 0 ? RagStatus.Red : RagStatus.NoData),
                        new TableCell(Count(u.NoData, culture)),
                        new TableCell(Percent(RagCount.GreenShareOf(u.Green, u.Amber, u.Red), culture), Bold: true),
                    ])).ToList()) { SpaceAfter = 14f });

            Add(new Heading(T("standards.turned-red"), 2));
            if (s.TurnedRed.Count == 0) Add(new Paragraph(T("standards.turned-red-none"), Lead));
            else Add(StandardsTable(s.TurnedRed, withPrevious: true));

            Add(new Heading(T("standards.all"), 2));
            if (s.Standards.Count == 0) Add(new Paragraph(T("standards.none"), Lead));
            else Add(StandardsTable(s.Standards, withPrevious: false));
        }

        private Table StandardsTable(IReadOnlyList<ScorecardStandard> standards, bool withPrevious)
        {
            var columns = new List<TableColumn>
            {
                new(T("col.standard"), withPrevious ? 2.6f : 3.2f), new(T("col.unit"), 1.7f), new(T("col.aspect-channel"), 1.7f),
                new(T("col.target"), 1f, CellAlign.Right), new(T("col.actual"), 1.1f, CellAlign.Right),
            };
            if (withPrevious) columns.Add(new TableColumn(T("col.previous"), 1.1f, CellAlign.Right));
            columns.Add(new TableColumn(T("col.rag"), 1.1f, CellAlign.Center));
            return new Table(columns, standards.Select(st =>
            {
                var cells = new List<TableCell>
                {
                    st.Title, st.OwnerUnitName, $"{T("aspect." + st.Aspect)} · {T("channel.short." + st.Channel)}",
                    new TableCell(Metric(st.Target, st.Unit, culture)), new TableCell(Metric(st.Actual, st.Unit, culture), Bold: true),
                };
                if (withPrevious) cells.Add(Metric(st.PreviousActual, st.Unit, culture));
                cells.Add(Rag(T("rag." + st.Rag), st.Rag));
                return new TableRow(cells);
            }).ToList()) { CellStyle = new TextStyle(8.5f), HeaderStyle = new TextStyle(8.5f, true), SpaceAfter = 14f };
        }

        // ---------------------------------------------------------------- promises

        private void Promises()
        {
            var promises = data.PromisesIn(_language);
            Section(T("promises.title"), T("promises.intro"));
            if (promises.Promises.Count == 0)
            {
                Add(new KeyFigures([new KeyFigure(T("promises.none-title"), Missing, T("promises.none-short"), GreyInk)]) { SpaceAfter = 12f });
                Add(new Paragraph(T("promises.none"), Lead));
                return;
            }
            var list = promises.Promises;
            int Verdicts(PromiseVerdict v) => list.Count(p => p.Verdict == v);
            Add(new KeyFigures([
                new KeyFigure(T("verdict.Backed"), Count(Verdicts(PromiseVerdict.Backed), culture), null, GreenInk),
                new KeyFigure(T("verdict.AtRisk"), Count(Verdicts(PromiseVerdict.AtRisk), culture), null, AmberInk),
                new KeyFigure(T("verdict.Unbacked"), Count(Verdicts(PromiseVerdict.Unbacked), culture), null, RedInk),
                new KeyFigure(T("promises.complaints"), Count(list.Sum(p => p.LinkedComplaints), culture), T("promises.complaints-note"), Navy),
            ]) { SpaceAfter = 12f });

            Add(new Table(
                [new(T("col.promise"), 2.6f), new(T("col.owner"), 1.4f), new(T("col.verdict"), 1.6f, CellAlign.Center),
                 new(T("col.previous-verdict"), 1.6f, CellAlign.Center), new(T("col.complaints"), 1.2f, CellAlign.Right)],
                list.OrderByDescending(p => p.Verdict).ThenByDescending(p => p.LinkedComplaints).Select(p => new TableRow([
                    new TableCell(string.IsNullOrWhiteSpace(p.Campaign) ? p.Claim : $"{p.Claim} ({p.Campaign})"),
                    p.OwnerName,
                    Verdict(p.Verdict),
                    p.PreviousQuarterVerdict is { } before ? Verdict(before) : new TableCell(T("promises.new"), null, GreyInk),
                    Count(p.LinkedComplaints, culture),
                ])).ToList()) { CellStyle = new TextStyle(8.5f), HeaderStyle = new TextStyle(8.5f, true), SpaceAfter = 14f });

            Add(new Heading(T("promises.changed"), 2));
            var changed = list.Where(p => p.PreviousQuarterVerdict is { } b && b != p.Verdict).ToList();
            var added = list.Count(p => p.PreviousQuarterVerdict is null);
            if (changed.Count == 0 && added == 0) Add(new Paragraph(T("promises.changed-none"), Lead));
            foreach (var p in changed)
                Add(new Paragraph(T(p.Verdict > p.PreviousQuarterVerdict ? "promises.worse" : "promises.better", p.Claim,
                    T("verdict." + p.PreviousQuarterVerdict), T("verdict." + p.Verdict)), Lead) { SpaceAfter = 3f });
            if (added > 0) Add(new Paragraph(added == 1 ? T("promises.added-one") : T("promises.added", added), Lead));

            Add(new Heading(T("promises.reasons"), 2));
            var reasons = list.Where(p => p.Verdict != PromiseVerdict.Backed).SelectMany(p => p.Reasons)
                .GroupBy(r => r, StringComparer.CurrentCulture).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.CurrentCulture).Take(5).ToList();
            if (reasons.Count == 0) Add(new Paragraph(T("promises.reasons-none"), Lead));
            else
                Add(new Table([new(T("col.reason"), 5f), new(T("col.promises"), 1f, CellAlign.Right)],
                    reasons.Select(g => new TableRow([g.Key, Count(g.Count(), culture)])).ToList()) { SpaceAfter = 14f });

            if (promises.History.Count > 0)
                Add(new Chart(plot =>
                {
                    var bars = new List<ScottPlot.Bar>();
                    for (var i = 0; i < promises.History.Count; i++)
                    {
                        var h = promises.History[i];
                        double bottom = 0;
                        foreach (var (n, colour) in new[] { (h.Backed, CGreen), (h.AtRisk, CAmber), (h.Unbacked, CRed) })
                        {
                            if (n == 0) continue;
                            bars.Add(new ScottPlot.Bar { Position = i, ValueBase = bottom, Value = bottom + n, FillColor = colour, LineWidth = 0, Size = 0.6 });
                            bottom += n;
                        }
                    }
                    plot.Add.Bars(bars);
                    Ticks(plot, promises.History.Select(h => QuarterLabel(h.Quarter)).ToArray());
                    plot.Legend.ManualItems.AddRange(new[] { (PromiseVerdict.Backed, CGreen), (PromiseVerdict.AtRisk, CAmber), (PromiseVerdict.Unbacked, CRed) }
                        .Select(x => new ScottPlot.LegendItem { LabelText = T("verdict." + x.Item1), FillColor = x.Item2 }));
                    Style(plot, T("chart.verdict-trend"), yMin: 0);
                    plot.ShowLegend(ScottPlot.Edge.Bottom);
                    plot.Axes.SetLimitsY(0, Math.Max(1, promises.History.Max(h => h.Backed + h.AtRisk + h.Unbacked)) * 1.1);
                }, 190f, T("chart.verdict-trend-caption")));
        }

        // ---------------------------------------------------------------- engagement

        private void Engagement()
        {
            var e = data.Engagement;
            Section(T("engagement.title"), T("engagement.intro"));
            if (!e.HasPulse)
            {
                Add(new Paragraph(T("engagement.no-pulse"), Lead));
                return;
            }
            if (e.IsShown)
            {
                var shares = e.Shares!;
                Add(new KeyFigures([
                    new KeyFigure(T("eng.engaged"), Percent(shares.Engaged, culture), T("eng.gallup", Percent(EngagementFormulas.GallupEngaged, culture)), GreenInk),
                    new KeyFigure(T("eng.not-engaged"), Percent(shares.NotEngaged, culture), T("eng.gallup", Percent(EngagementFormulas.GallupNotEngaged, culture)), AmberInk),
                    new KeyFigure(T("eng.disengaged"), Percent(shares.ActivelyDisengaged, culture), T("eng.gallup", Percent(EngagementFormulas.GallupActivelyDisengaged, culture)), RedInk),
                    new KeyFigure(T("kf.enps"), Score(e.Enps, culture), e.ResponseRate is { } rate ? T("eng.response-rate", Percent(rate, culture)) : null, Navy),
                ]) { SpaceAfter = 10f });
                Add(new Chart(plot =>
                {
                    string[] labels = [T("eng.engaged"), T("eng.not-engaged"), T("eng.disengaged")];
                    double[] ours = [shares.Engaged, shares.NotEngaged, shares.ActivelyDisengaged];
                    double[] gallup = [EngagementFormulas.GallupEngaged, EngagementFormulas.GallupNotEngaged, EngagementFormulas.GallupActivelyDisengaged];
                    var bars = new List<ScottPlot.Bar>();
                    for (var i = 0; i < 3; i++)
                    {
                        bars.Add(new ScottPlot.Bar { Position = i * 3, Value = ours[i], FillColor = CNavy, LineWidth = 0, Size = 0.9, Label = Percent(ours[i], culture) });
                        bars.Add(new ScottPlot.Bar { Position = i * 3 + 1, Value = gallup[i], FillColor = CGrey, LineWidth = 0, Size = 0.9, Label = Percent(gallup[i], culture) });
                    }
                    var plotted = plot.Add.Bars(bars);
                    plotted.ValueLabelStyle.FontSize = 9;
                    plotted.ValueLabelStyle.FontName = PdfFonts.ChartFamily;
                    plot.Axes.Bottom.SetTicks([0.5, 3.5, 6.5], labels);
                    plot.Legend.ManualItems.Add(new ScottPlot.LegendItem { LabelText = Scope, FillColor = CNavy });
                    plot.Legend.ManualItems.Add(new ScottPlot.LegendItem { LabelText = T("eng.gallup-legend"), FillColor = CGrey });
                    Style(plot, T("chart.gallup"), yMin: 0);
                    plot.Axes.SetLimitsY(0, 100);
                    plot.ShowLegend(ScottPlot.Alignment.UpperRight);
                }, 190f, T("chart.gallup-caption")));
            }
            else Add(new Paragraph(T("engagement.scope-hidden", e.MinGroupSize), Lead));

            if (e.Trend.Count > 0)
            {
                Add(new Chart(plot =>
                {
                    var shown = e.Trend.Select((t, i) => (t, i)).Where(x => x.t.Engaged is not null).ToList();
                    Line(plot, shown.Select(x => (double)x.i).ToArray(), shown.Select(x => x.t.Engaged!.Value).ToArray(), CGreen, T("eng.engaged"));
                    Line(plot, shown.Select(x => (double)x.i).ToArray(), shown.Select(x => x.t.NotEngaged!.Value).ToArray(), CAmber, T("eng.not-engaged"));
                    Line(plot, shown.Select(x => (double)x.i).ToArray(), shown.Select(x => x.t.ActivelyDisengaged!.Value).ToArray(), CRed, T("eng.disengaged"));
                    Ticks(plot, e.Trend.Select(t => QuarterLabel(t.Quarter)).ToArray());
                    Style(plot, T("chart.engagement-trend"), yMin: 0);
                    plot.Axes.SetLimitsY(0, 100);
                    plot.ShowLegend(ScottPlot.Edge.Bottom);
                }, 200f, T("chart.engagement-trend-caption")));
                Add(new Chart(plot =>
                {
                    var shown = e.Trend.Select((t, i) => (t, i)).Where(x => x.t.Enps is not null).ToList();
                    var zero = plot.Add.HorizontalLine(0, 1, CGrey);
                    Line(plot, shown.Select(x => (double)x.i).ToArray(), shown.Select(x => x.t.Enps!.Value).ToArray(), CNavy, T("kf.enps"));
                    Ticks(plot, e.Trend.Select(t => QuarterLabel(t.Quarter)).ToArray());
                    Style(plot, T("chart.enps-trend"));
                    var values = shown.Select(x => x.t.Enps!.Value).DefaultIfEmpty(0).ToList();
                    plot.Axes.SetLimitsY(Math.Min(-10, values.Min() - 10), Math.Max(10, values.Max() + 10));
                }, 150f, T("chart.enps-trend-caption")));
            }

            Add(new Heading(T("engagement.heatmap"), 2));
            Add(new Paragraph(T("engagement.heatmap-intro", e.MinGroupSize), Note));
            var columns = new List<TableColumn> { new(T("col.unit"), 3f), new(T("eng.engaged-short"), 2f, CellAlign.Center) };
            columns.AddRange(e.Items.Select((item, i) => new TableColumn(item.Kind == QuestionKind.Enps ? "eNPS" : T("eng.item-prefix") + (i + 1).ToString(culture), item.Kind == QuestionKind.Enps ? 1.3f : 1f, CellAlign.Center)));
            var rows = e.HeatMap.Select(row =>
            {
                if (!row.IsShown)
                {
                    var hidden = new List<TableCell> { new(Indent(row.Depth) + row.UnitName, GreyFill, GreyInk), new(T("hidden.cell"), GreyFill, GreyInk) };
                    hidden.AddRange(e.Items.Select(_ => new TableCell(string.Empty, GreyFill)));
                    return new TableRow(hidden);
                }
                var cells = new List<TableCell> { new(Indent(row.Depth) + row.UnitName, Bold: row.Depth == 0) };
                {
                    cells.Add(Heat(row.EngagedShare, 35, 25, Percent));
                    cells.AddRange(e.Items.Select((item, i) => i < row.Scores.Count
                        ? item.Kind == QuestionKind.Enps ? Heat(row.Scores[i], 10, -10, WholeScore) : Heat(row.Scores[i], 70, 50, (v, c) => v is { } x ? x.ToString("0", c) : Missing)
                        : new TableCell(Missing)));
                }
                return new TableRow(cells);
            }).ToList();
            Add(new Table(columns, rows) { CellStyle = new TextStyle(8f), HeaderStyle = new TextStyle(8f, true), SpaceAfter = 6f });
            Add(new Paragraph(string.Join("   ", e.Items.Select((item, i) => item.Kind == QuestionKind.Enps ? $"eNPS: {item.Text(_language)}" : $"{T("eng.item-prefix")}{i + 1}: {item.Text(_language)}")), Note) { SpaceAfter = 4f });
            Add(new Paragraph(T("engagement.heatmap-legend"), Note));
        }

        // ---------------------------------------------------------------- customers

        private void Customers()
        {
            var c = data.Customers;
            Section(T("customers.title"), T("customers.intro"));
            if (!c.HasData)
            {
                Add(new Paragraph(T("customers.none"), Lead));
                return;
            }
            var now = c.Current!;
            var before = c.Previous;
            Add(new KeyFigures([
                new KeyFigure(T("kf.nps"), Score(now.Nps, culture), now.NpsMargin is { } m ? T("cust.margin", m.ToString("0.0", culture), Count(now.NpsResponses, culture)) : null, Navy),
                new KeyFigure(T("kf.csat"), Percent(now.Csat, culture), VsLast(Delta(now.Csat, before?.Csat, culture, T("unit.points"))), Navy),
                new KeyFigure(T("kf.ces"), Mean(now.Ces, culture), T("cust.ces-scale"), Navy),
                new KeyFigure(T("kf.complaints"), Count(now.Complaints, culture), before is null ? null : T("kf.vs-last-count", Count(before.Complaints, culture)), Navy),
            ]) { SpaceAfter = 10f });

            Add(new Chart(plot =>
            {
                var nps = c.Trend.Select((t, i) => (t, i)).Where(x => x.t.Nps is not null).ToList();
                var csat = c.Trend.Select((t, i) => (t, i)).Where(x => x.t.Csat is not null).ToList();
                Line(plot, nps.Select(x => (double)x.i).ToArray(), nps.Select(x => x.t.Nps!.Value).ToArray(), CNavy, T("kf.nps"));
                Line(plot, csat.Select(x => (double)x.i).ToArray(), csat.Select(x => x.t.Csat!.Value).ToArray(), CTeal, T("kf.csat"));
                Ticks(plot, c.Trend.Select(t => QuarterLabel(t.Quarter)).ToArray());
                Style(plot, T("chart.customer-trend"));
                var lowest = nps.Select(x => x.t.Nps!.Value).Concat(csat.Select(x => x.t.Csat!.Value)).DefaultIfEmpty(0).Min();
                plot.Axes.SetLimitsY(Math.Min(0, Math.Floor(lowest / 10) * 10 - 10), 100);
                plot.ShowLegend(ScottPlot.Edge.Bottom);
            }, 215f, T("chart.customer-trend-caption")));

            Add(new Chart(plot =>
            {
                ChurnReason[] reasons = [ChurnReason.Service, ChurnReason.Price, ChurnReason.Need];
                var bars = new List<ScottPlot.Bar>();
                for (var i = 0; i < reasons.Length; i++)
                {
                    var ours = now.ChurnShare(reasons[i]) ?? 0;
                    bars.Add(new ScottPlot.Bar { Position = i * 4, Value = ours, FillColor = CNavy, LineWidth = 0, Size = 0.9, Label = Percent(now.ChurnShare(reasons[i]), culture) });
                    bars.Add(new ScottPlot.Bar { Position = i * 4 + 1, Value = Application.CustomerScores.ChurnReference.CustomersSay[reasons[i]], FillColor = CTeal, LineWidth = 0, Size = 0.9 });
                    bars.Add(new ScottPlot.Bar { Position = i * 4 + 2, Value = Application.CustomerScores.ChurnReference.CompanyBelieves[reasons[i]], FillColor = CSand, LineWidth = 0, Size = 0.9 });
                }
                var plotted = plot.Add.Bars(bars);
                plotted.ValueLabelStyle.FontSize = 9;
                plotted.ValueLabelStyle.FontName = PdfFonts.ChartFamily;
                plot.Axes.Bottom.SetTicks([1, 5, 9], reasons.Select(r => T("churn." + r)).ToArray());
                plot.Legend.ManualItems.Add(new ScottPlot.LegendItem { LabelText = T("churn.ours"), FillColor = CNavy });
                plot.Legend.ManualItems.Add(new ScottPlot.LegendItem { LabelText = T("churn.customers-say"), FillColor = CTeal });
                plot.Legend.ManualItems.Add(new ScottPlot.LegendItem { LabelText = T("churn.company-believes"), FillColor = CSand });
                Style(plot, T("chart.churn"), yMin: 0);
                plot.Axes.SetLimitsY(0, 100);
                plot.ShowLegend(ScottPlot.Alignment.UpperRight);
            }, 190f));
            Add(new Paragraph(T("chart.churn-caption", Count(now.ChurnTotal, culture)), Note) { SpaceAfter = 10f });

            Add(new Chart(plot =>
            {
                var bars = c.Trend.Select((t, i) => new ScottPlot.Bar { Position = i, Value = t.Complaints, FillColor = i == c.Trend.Count - 1 ? CCoral : CGrey, LineWidth = 0, Size = 0.6 }).ToList();
                plot.Add.Bars(bars);
                Ticks(plot, c.Trend.Select(t => QuarterLabel(t.Quarter)).ToArray());
                Style(plot, T("chart.complaints"), yMin: 0);
            }, 150f, T("chart.complaints-caption")));

            if (c.Channels.Count > 0)
            {
                Add(new Heading(T("customers.channels"), 2));
                Add(new Table(
                    [new(T("col.channel"), 2f), new(T("kf.nps"), 1f, CellAlign.Right), new(T("col.answers"), 1f, CellAlign.Right),
                     new(T("kf.csat"), 1f, CellAlign.Right), new(T("kf.ces"), 1f, CellAlign.Right), new(T("kf.complaints"), 1f, CellAlign.Right)],
                    c.Channels.Select(ch => new TableRow([
                        T("channel." + ch.Channel), new TableCell(Score(ch.Nps, culture), Bold: true), Count(ch.NpsResponses, culture),
                        Percent(ch.Csat, culture), Mean(ch.Ces, culture), Count(ch.Complaints, culture),
                    ])).ToList()) { SpaceAfter = 8f });
            }
            Add(new Paragraph(T("customers.reading", Percent(now.ChurnShare(ChurnReason.Service), culture)), Lead));
        }

        // ---------------------------------------------------------------- engagement × customers

        private void Comparison()
        {
            var cmp = data.Comparison;
            Section(T("comparison.title"), T("comparison.intro"));
            if (!cmp.EngagementAvailable || cmp.Points.Count == 0)
            {
                Add(new Paragraph(T("comparison.none"), Lead));
                return;
            }
            Add(new Chart(plot =>
            {
                var xs = cmp.Points.Select(p => p.EngagedShare).ToArray();
                var ys = cmp.Points.Select(p => p.Nps).ToArray();
                var current = cmp.Points.Where(p => p.Quarter == data.Quarter).ToList();
                var earlier = cmp.Points.Where(p => p.Quarter != data.Quarter).ToList();
                if (earlier.Count > 0)
                {
                    var m = plot.Add.Markers(earlier.Select(p => p.EngagedShare).ToArray(), earlier.Select(p => p.Nps).ToArray(), ScottPlot.MarkerShape.FilledCircle, 6, CGrey.WithAlpha(0.8));
                    m.LegendText = T("comparison.earlier");
                }
                if (current.Count > 0)
                {
                    var m = plot.Add.Markers(current.Select(p => p.EngagedShare).ToArray(), current.Select(p => p.Nps).ToArray(), ScottPlot.MarkerShape.FilledCircle, 8, CNavy);
                    m.LegendText = T("comparison.this-quarter", data.Quarter);
                    foreach (var p in current)
                    {
                        var label = plot.Add.Text(p.UnitName, p.EngagedShare, p.Nps);
                        label.LabelFontSize = 8;
                        label.LabelFontName = PdfFonts.ChartFamily;
                        label.LabelFontColor = CNavy;
                        label.OffsetX = 5;
                        label.OffsetY = -4;
                    }
                }
                if (xs.Length >= 2 && xs.Max() > xs.Min())
                {
                    var (slope, intercept) = Fit(xs, ys);
                    var fit = plot.Add.Line(xs.Min(), intercept + slope * xs.Min(), xs.Max(), intercept + slope * xs.Max());
                    fit.Color = CCoral;
                    fit.LineWidth = 1.5f;
                    fit.LinePattern = ScottPlot.LinePattern.Dashed;
                }
                var spanX = Math.Max(5, xs.Max() - xs.Min());
                var spanY = Math.Max(5, ys.Max() - ys.Min());
                plot.Axes.SetLimits(xs.Min() - spanX * 0.08, xs.Max() + spanX * 0.3, ys.Min() - spanY * 0.15, ys.Max() + spanY * 0.15);
                plot.XLabel(T("comparison.x"));
                plot.YLabel(T("comparison.y"));
                Style(plot, T("chart.scatter"));
                plot.ShowLegend(ScottPlot.Alignment.LowerRight);
            }, 300f, T("chart.scatter-caption", cmp.Points.Count, cmp.SuppressedCount)));

            Add(new KeyFigures([
                new KeyFigure(T("comparison.r"), cmp.R is { } r ? r.ToString("0.00", culture) : Missing, cmp.Strength is { } s ? T("strength." + s) : T("comparison.too-few"), Navy),
                new KeyFigure(T("comparison.points"), Count(cmp.Points.Count, culture), T("comparison.suppressed", cmp.SuppressedCount), Navy),
            ]) { SpaceAfter = 10f });
            Add(new Paragraph(cmp.R is not { } rv ? T("comparison.reading-none")
                : cmp.Strength == CorrelationStrength.None ? T("comparison.reading-unrelated")
                : T(rv >= 0 ? "comparison.reading-positive" : "comparison.reading-negative", T("strength." + cmp.Strength)), Lead));
            Add(new Paragraph(T("comparison.caveat"), Note));
        }

        private static (double Slope, double Intercept) Fit(double[] xs, double[] ys)
        {
            var mx = xs.Average();
            var my = ys.Average();
            var sxx = xs.Sum(x => (x - mx) * (x - mx));
            var slope = sxx == 0 ? 0 : xs.Zip(ys).Sum(p => (p.First - mx) * (p.Second - my)) / sxx;
            return (slope, my - slope * mx);
        }

        // ---------------------------------------------------------------- closing

        private void Closing()
        {
            Section(T("gaps.title"), T("gaps.intro"));
            if (data.Gaps.Count == 0)
            {
                Add(new Paragraph(T("gaps.none"), Lead));
            }
            for (var i = 0; i < data.Gaps.Count; i++)
            {
                var gap = data.Gaps[i];
                Add(new Heading($"{i + 1}. {GapTitle(gap)}", 2) { SpaceAfter = 4f });
                Add(new KeyFigures([new KeyFigure(GapKindText(gap), GapFigure(gap), null, RedInk)]) { SpaceAfter = 6f });
                Add(new Paragraph(T("gaps.owned-by", gap.Owner), new TextStyle(10.5f, true, Navy)) { SpaceAfter = 4f });
                Add(new Paragraph(T("gap-advice." + gap.Kind), Lead) { SpaceAfter = 14f });
            }
            Add(new Spacer(10f));
            Add(new Paragraph(T("gaps.method"), Note));
        }

        private string GapTitle(ScorecardGap gap) => gap.Kind switch
        {
            GapKind.UncoveredChannel => T("gap-title.UncoveredChannel", T("channel." + gap.Subject)),
            _ => T("gap-title." + gap.Kind, gap.Subject),
        };

        private string GapKindText(ScorecardGap gap) => T("gap-kind." + gap.Kind);

        private string GapFigure(ScorecardGap gap) => gap.Kind switch
        {
            GapKind.RedStandard => $"{Metric(gap.Actual, gap.Unit ?? MetricUnit.Score, culture)} / {Metric(gap.Target, gap.Unit ?? MetricUnit.Score, culture)}",
            GapKind.UnbackedPromise => T("gaps.complaints", Count((long)(gap.Actual ?? 0), culture)),
            GapKind.LowEngagement => $"{Percent(gap.Actual, culture)} / {Percent(gap.Target, culture)}",
            GapKind.NpsDrop => $"{Score(gap.Target, culture)} → {Score(gap.Actual, culture)}",
            _ => T("gaps.no-standard"),
        };

        // ---------------------------------------------------------------- helpers

        private string QuarterLabel(Quarter q) => $"{q.Year % 100:00}-Q{q.Number}";

        private static string Indent(int depth) => depth <= 0 ? string.Empty : new string('\u00A0', depth * 4);

        private static SKColor RagInk(double? value, double green, double amber) =>
            value is not { } v ? GreyInk : v >= green ? GreenInk : v >= amber ? AmberInk : RedInk;

        private static TableCell Rag(string text, RagStatus rag) => rag switch
        {
            RagStatus.Green => new TableCell(text, GreenFill, GreenInk, true),
            RagStatus.Amber => new TableCell(text, AmberFill, AmberInk, true),
            RagStatus.Red => new TableCell(text, RedFill, RedInk, true),
            _ => new TableCell(text, null, GreyInk),
        };

        private TableCell Verdict(PromiseVerdict verdict) => Rag(T("verdict." + verdict), verdict switch
        {
            PromiseVerdict.Backed => RagStatus.Green,
            PromiseVerdict.AtRisk => RagStatus.Amber,
            _ => RagStatus.Red,
        });

        private TableCell Heat(double? value, double green, double amber, Func<double?, CultureInfo, string> format) => value is not { } v
            ? new TableCell(Missing, null, GreyInk)
            : v >= green ? new TableCell(format(v, culture), GreenFill, GreenInk)
            : v >= amber ? new TableCell(format(v, culture), AmberFill, AmberInk)
            : new TableCell(format(v, culture), RedFill, RedInk);

        private static string WholeScore(double? value, CultureInfo culture) => value is { } v
            ? Math.Round(v) switch { > 0 => "+" + Math.Round(v).ToString("0", culture), < 0 => "\u2212" + Math.Round(-v).ToString("0", culture), _ => "0" }
            : Missing;

        private static void Line(ScottPlot.Plot plot, double[] xs, double[] ys, ScottPlot.Color colour, string label)
        {
            if (xs.Length == 0) return;
            var line = plot.Add.Scatter(xs, ys, colour);
            line.LineWidth = 2;
            line.MarkerSize = 6;
            line.LegendText = label;
        }

        private static void Ticks(ScottPlot.Plot plot, string[] labels) =>
            plot.Axes.Bottom.SetTicks(Enumerable.Range(0, labels.Length).Select(i => (double)i).ToArray(), labels);

        /// <summary>The common look: small type in the document's font, light grid, no frame on top and right.</summary>
        private static void Style(ScottPlot.Plot plot, string title, double? yMin = null)
        {
            plot.Title(title);
            plot.Axes.Title.Label.FontSize = 11;
            plot.Axes.Title.Label.Bold = true;
            plot.Axes.Title.Label.ForeColor = CNavy;
            foreach (var axis in new ScottPlot.IAxis[] { plot.Axes.Bottom, plot.Axes.Left })
            {
                axis.TickLabelStyle.FontSize = 8.5f;
                axis.Label.FontSize = 9;
                axis.Label.Bold = false;
            }
            plot.Axes.Top.FrameLineStyle.Width = 0;
            plot.Axes.Right.FrameLineStyle.Width = 0;
            plot.Grid.MajorLineColor = CGrid;
            plot.Grid.XAxisStyle.MajorLineStyle.Width = 0;
            plot.Legend.FontSize = 8.5f;
            plot.Legend.OutlineColor = CGrid;
            plot.Font.Set(PdfFonts.ChartFamily);
            if (yMin is { } min) plot.Axes.Margins(bottom: 0);
        }
    }
}
