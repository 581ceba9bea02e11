using System.Globalization;
using System.Resources;

namespace StrategyPortal.Application.Localization;

/// <summary>
/// The portal's word for each value of its domain (a channel, a RAG status, a verdict, a discipline…): one text per value and
/// language (Terms.resx, Terms.nl.resx, key "{type}.{value}"), used by every page, PDF, CSV and legend, so they cannot drift
/// apart. A test checks that every value of every type in <see cref="Types"/> has both.
/// </summary>
public static class Terms
{
    private static readonly ResourceManager Resources = new("StrategyPortal.Application.Localization.Terms", typeof(Terms).Assembly);

    /// <summary>The enums whose values have a term.</summary>
    public static IReadOnlyList<Type> Types { get; } =
    [
        typeof(Domain.Common.ServiceChannel), typeof(Domain.Common.Band), typeof(Domain.Standards.RagStatus), typeof(Domain.Standards.ServiceAspect),
        typeof(Domain.Promises.PromiseVerdict), typeof(Domain.Promises.CapabilityArea), typeof(Domain.Strategy.ValueDiscipline),
        typeof(Domain.CustomerScores.ChurnReason), typeof(Domain.CustomerScores.CorrelationStrength),
        typeof(Domain.Engagement.EngagementClass), typeof(Domain.Engagement.NpsCategory), typeof(Domain.Engagement.EngagementMeasure),
        typeof(Domain.Actions.ActionStatus), typeof(Domain.Actions.ActionCauseKind), typeof(Domain.Actions.ImpactVerdict), typeof(Domain.Actions.CustomerScoreMeasure),
    ];

    /// <summary>The word for <paramref name="value"/> in <paramref name="culture"/> (default: the reader's language).</summary>
    public static string Of<TEnum>(TEnum value, CultureInfo? culture = null) where TEnum : struct, Enum =>
        Resources.GetString(Key(value), culture ?? CultureInfo.CurrentUICulture) ?? value.ToString();

    /// <summary>As above; nothing for no value.</summary>
    public static string Of<TEnum>(TEnum? value, CultureInfo? culture = null) where TEnum : struct, Enum =>
        value is { } v ? Of(v, culture) : string.Empty;

    /// <summary>The word inside a sentence: "3 standards are on target" (the term with a lower-case first letter).</summary>
    public static string InSentence<TEnum>(TEnum value, CultureInfo? culture = null) where TEnum : struct, Enum
    {
        var c = culture ?? CultureInfo.CurrentUICulture;
        var word = Of(value, c);
        return word.Length == 0 ? word : char.ToLower(word[0], c) + word[1..];
    }

    public static string Key<TEnum>(TEnum value) where TEnum : struct, Enum => $"{typeof(TEnum).Name}.{value}";

    /// <summary>
    /// The legend of colour bands, drawn from the bands themselves: "Green: favourable from 70%, eNPS from +10. Amber: in between.
    /// Red: favourable below 50%, eNPS below −10."
    /// </summary>
    public static string Legend(IEnumerable<(string Measure, Domain.Common.BandScale Scale, Func<double, string> Format)> measures, CultureInfo? culture = null)
    {
        var c = culture ?? CultureInfo.CurrentUICulture;
        var list = measures.ToList();
        string Line(Domain.Common.Band band, string what) => string.Format(c, Text("Legend.Line", c), Of(band, c), what);
        var good = string.Join(", ", list.Select(m => string.Format(c, Text("Legend.From", c), m.Measure, m.Format(m.Scale.GoodFrom))));
        var poor = string.Join(", ", list.Select(m => string.Format(c, Text("Legend.Below", c), m.Measure, m.Format(m.Scale.PoorBelow))));
        return string.Join(" ", Line(Domain.Common.Band.Good, good), Line(Domain.Common.Band.Middle, Text("Legend.Between", c)), Line(Domain.Common.Band.Poor, poor));
    }

    /// <summary>The legend of the engagement bands for <paramref name="measures"/>, with the figures written as everywhere else.</summary>
    public static string EngagementLegend(IEnumerable<Domain.Engagement.EngagementMeasure> measures, CultureInfo? culture = null) =>
        Legend(measures.Select(m => (Of(m, culture), Domain.Engagement.EngagementBands.For(m),
            m == Domain.Engagement.EngagementMeasure.Enps ? (Func<double, string>)(v => Common.Figures.Score(v, culture)) : v => Common.Figures.Percent(v, culture))), culture);

    /// <summary>
    /// The short labels of a round's items in their order, as heat maps and exports head their columns: "Q1", "Q2"… (Dutch "V1"…)
    /// for the scaled items, numbered without the eNPS item, which is "eNPS".
    /// </summary>
    public static IReadOnlyList<string> ItemLabels(IEnumerable<Domain.Engagement.QuestionKind> kinds, CultureInfo? culture = null)
    {
        var prefix = Text("Item.Prefix", culture ?? CultureInfo.CurrentUICulture);
        var number = 0;
        return kinds.Select(k => k == Domain.Engagement.QuestionKind.Enps ? "eNPS" : prefix + (++number).ToString(CultureInfo.InvariantCulture)).ToList();
    }

    private static string Text(string key, CultureInfo culture) => Resources.GetString(key, culture) ?? key;

    /// <summary>The raw lookup, for tests and for values known only at run time.</summary>
    public static string? Find(string key, CultureInfo culture) => Resources.GetString(key, culture);
}
