using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using StrategyPortal.Application.Localization;
using StrategyPortal.Web.Localization;

namespace StrategyPortal.E2ETests.Infrastructure;

/// <summary>
/// Finds English in a Dutch page, and the formal "u". English is recognised two ways: a text that is exactly the English value
/// of one of the app's own resources (every .resx of Web and Application, MudBlazor's English defaults included through
/// MudText.resx) that no Dutch resource also says; and whole English words that Dutch never uses ("the", "and", "your"…),
/// outside quoted titles. Text marked lang="en" (an item's English wording shown on purpose) is not read. The formal address
/// is the words u, uw and uzelf.
/// </summary>
public static partial class EnglishDetector
{
    private static readonly string[] MarkerWords =
    [
        "the", "and", "with", "your", "you", "this", "that", "from", "are", "please", "required", "rows", "loading", "previous",
        "which", "there", "have", "has", "been", "will", "should", "could", "only", "than", "when", "where", "what", "cancel", "save",
    ];

    private static readonly Lazy<IReadOnlyList<Regex>> EnglishOnly = new(Load);

    /// <summary>What in <paramref name="texts"/> reads English or formal, with the reason; empty when the page is Dutch in one voice.</summary>
    public static IReadOnlyList<string> Problems(IEnumerable<string> texts)
    {
        var problems = new List<string>();
        foreach (var text in texts.Select(t => Spaces().Replace(t, " ").Trim()).Where(t => t.Length > 1).Distinct())
        {
            if (EnglishOnly.Value.FirstOrDefault(r => r.IsMatch(text)) is { } resource) problems.Add($"English resource text \"{text}\" (matches {resource})");
            // A quoted title ("The loyalty connection") is a name, not the portal speaking English.
            else if (Words().Matches(Quoted().Replace(text, " ")).Select(m => m.Value.ToLowerInvariant()).FirstOrDefault(MarkerWords.Contains) is { } word) problems.Add($"English word \"{word}\" in \"{text}\"");
            if (Formal().IsMatch(text)) problems.Add($"formal address in \"{text}\"");
        }
        return problems;
    }

    private static IReadOnlyList<Regex> Load()
    {
        Type[] markers =
        [
            typeof(Ui), typeof(MudText), typeof(Messages), typeof(Terms), typeof(StrategyPortal.Web.Access.AccessText),
            typeof(StrategyPortal.Web.CustomerScores.CustomerScoresText), typeof(StrategyPortal.Web.Engagement.EngagementText),
            typeof(StrategyPortal.Web.Organisation.OrganisationText), typeof(StrategyPortal.Web.Promises.PromisesText),
            typeof(StrategyPortal.Web.Scorecards.ScorecardsPageText), typeof(StrategyPortal.Web.Standards.StandardsText),
            typeof(StrategyPortal.Web.Strategy.StrategyText),
        ];
        var managers = markers.Select(m => m == typeof(Terms)
            ? new ResourceManager("StrategyPortal.Application.Localization.Terms", m.Assembly)
            : new ResourceManager(m)).ToList();
        // Whatever the Dutch resources say is Dutch, also when an English resource says the same ("Open", "Status").
        var dutchValues = managers.SelectMany(m => m.GetResourceSet(CultureInfo.GetCultureInfo("nl"), true, false)!.Cast<DictionaryEntry>())
            .Select(e => e.Value as string).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var patterns = new List<Regex>();
        foreach (var manager in managers)
        {
            foreach (DictionaryEntry entry in manager.GetResourceSet(CultureInfo.InvariantCulture, true, false)!)
            {
                if (entry.Value is not string value || value.Length < 4 || dutchValues.Contains(value)) continue;
                // {0} stands for anything; the rest must match exactly, as the whole text. A format that is mostly placeholders
                // ("{0}-{1} of {2}") says too little to recognise English by.
                var literals = Placeholder().Split(value);
                if (literals.Sum(l => l.Count(char.IsLetter)) < 6) continue;
                patterns.Add(new Regex("^" + string.Join(".+?", literals.Select(Regex.Escape)) + "$", RegexOptions.CultureInvariant));
            }
        }
        return patterns;
    }

    [GeneratedRegex("[\"“][^\"”]*[\"”]")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Words();

    [GeneratedRegex(@"(?<![\p{L}-])(U|u|Uw|uw|Uzelf|uzelf)(?![\p{L}-])")]
    private static partial Regex Formal();
}
