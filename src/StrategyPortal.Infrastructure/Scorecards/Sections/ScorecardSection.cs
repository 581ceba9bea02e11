using System.Globalization;
using Microsoft.Extensions.Localization;
using StrategyPortal.Application.Actions;
using StrategyPortal.Application.Localization;
using StrategyPortal.Application.Scorecards;
using StrategyPortal.Domain.Common;
using StrategyPortal.Infrastructure.Pdf;
using static StrategyPortal.Application.Scorecards.ScorecardFormat;

namespace StrategyPortal.Infrastructure.Scorecards.Sections;

/// <summary>One scorecard being composed: its frozen data, the culture and its texts, and the document the sections add to.</summary>
internal sealed class ScorecardComposition(ScorecardData data, CultureInfo culture, IStringLocalizer localizer, PdfDocumentSpec document)
{
    public ScorecardData Data => data;
    public CultureInfo Culture => culture;
    public string Language { get; } = culture.TwoLetterISOLanguageName == "nl" ? "nl" : "en";
    public PdfDocumentSpec Document => document;
    public string T(string key) => localizer[key].Value;
    public string T(string key, params object[] args) => string.Format(culture, localizer[key].Value, args);
}

/// <summary>A part of the scorecard (the cover, or a theme that starts on a new page); it adds its blocks to the document.</summary>
internal abstract class ScorecardSection(ScorecardComposition composition)
{
    public abstract void Compose();

    protected ScorecardData Data => composition.Data;
    protected CultureInfo Culture => composition.Culture;
    protected string Language => composition.Language;

    /// <summary>What the scorecard is about: the unit, or the company.</summary>
    protected string Scope => Data.UnitName ?? Data.CompanyName;

    protected string T(string key) => composition.T(key);
    protected string T(string key, params object[] args) => composition.T(key, args);

    /// <summary>A domain value's term inside a sentence ("on target"), from <see cref="Terms"/>.</summary>
    protected string Word<TEnum>(TEnum value) where TEnum : struct, Enum => Terms.InSentence(value, Culture);

    protected void Add(Block block) => composition.Document.Add(block);

    /// <summary>Starts a theme on a new page with its title and introduction.</summary>
    protected void Section(string title, string intro)
    {
        Add(new PageBreak());
        Add(new Heading(title) { SpaceAfter = 6f });
        Add(new Paragraph(intro, ScorecardLook.Lead) { SpaceAfter = 12f });
    }

    protected static string QuarterLabel(Quarter q) => $"{q.Year % 100:00}-Q{q.Number}";

    protected string Day(DateOnly date) => date.ToString("d MMM yyyy", Culture);

    /// <summary>A value of an action's cause in its own terms: a standard's unit, a verdict, a %, a signed score, a mean, a count.</summary>
    protected string CauseValue(ScorecardAction action, double? value) => value is not { } v ? Missing : action.ValueKind switch
    {
        CauseValueKind.Metric => Metric(v, action.MetricUnit ?? Domain.Standards.MetricUnit.Score, Culture),
        CauseValueKind.Verdict => Terms.Of((Domain.Promises.PromiseVerdict)(int)Math.Round(v), Culture),
        CauseValueKind.Percent => Percent(v, Culture),
        CauseValueKind.Score => Score(v, Culture),
        CauseValueKind.Mean => Mean(v, Culture),
        _ => Count((long)Math.Round(v), Culture),
    };

    /// <summary>The result impact so far: "82% → 91% (improved)", or why there is none to show.</summary>
    protected string ImpactText(ScorecardAction action) =>
        !action.FiguresShown ? T("actions.figures-hidden")
        : action.Verdict == Domain.Actions.ImpactVerdict.NotYetMeasured ? T("actions.impact-not-yet", CauseValue(action, action.Baseline), action.CauseQuarter)
        : T("actions.impact", CauseValue(action, action.Baseline), CauseValue(action, action.Now), Terms.Of(action.Verdict, Culture).ToLower(Culture));

    /// <summary>"+2.1 pt vs Q2", or that there is no previous quarter to compare with.</summary>
    protected string VsLast(string delta) => delta == Missing ? T("kf.no-previous") : T("kf.vs-last", delta, $"Q{Data.Quarter.Previous.Number}");
}
