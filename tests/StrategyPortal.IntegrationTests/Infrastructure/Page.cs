using System.Net;
using System.Text.RegularExpressions;

namespace StrategyPortal.IntegrationTests.Infrastructure;

/// <summary>Reading rendered HTML the way a person would read the page: its text, without markup.</summary>
public static partial class Page
{
    /// <summary>The visible text (markup and scripts removed, entities decoded, white space collapsed).</summary>
    public static string Text(string html)
    {
        var withoutScripts = ScriptPattern().Replace(html, " ");
        var withoutTags = TagPattern().Replace(withoutScripts, " ");
        return Whitespace().Replace(WebUtility.HtmlDecode(withoutTags), " ").Trim();
    }

    /// <summary>The value of <c>&lt;html lang&gt;</c>.</summary>
    public static string? Language(string html) => LangPattern().Match(html) is { Success: true } m ? m.Groups[1].Value : null;

    /// <summary>The text of the first <c>&lt;h1&gt;</c>.</summary>
    public static string? Heading(string html) => H1Pattern().Match(html) is { Success: true } m ? Text(m.Groups[1].Value) : null;

    public static bool HasTestId(string html, string testId) => html.Contains($"data-testid=\"{testId}\"", StringComparison.Ordinal);

    [GeneratedRegex(@"<(script|style)\b.*?</\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ScriptPattern();

    [GeneratedRegex(@"<!--.*?-->|<[^>]+>", RegexOptions.Singleline)]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"<html\b[^>]*\blang=""([^""]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex LangPattern();

    [GeneratedRegex(@"<h1\b[^>]*>(.*?)</h1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex H1Pattern();
}
