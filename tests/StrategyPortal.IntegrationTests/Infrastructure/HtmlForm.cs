using System.Net;
using System.Text.RegularExpressions;

namespace StrategyPortal.IntegrationTests.Infrastructure;

/// <summary>
/// A form as the server rendered it: where it posts and its hidden fields (Blazor's <c>_handler</c>,
/// the antiforgery token). Enough HTML reading for Blazor's predictable markup, without a browser.
/// </summary>
public sealed partial class HtmlForm
{
    private HtmlForm(string? action, string method, IReadOnlyDictionary<string, string> hiddenFields, IReadOnlyList<string> fieldNames)
    {
        Action = action;
        Method = method;
        HiddenFields = hiddenFields;
        FieldNames = fieldNames;
    }

    /// <summary>The action attribute; null when absent (the browser posts to the page's own address).</summary>
    public string? Action { get; }
    public string Method { get; }
    public IReadOnlyDictionary<string, string> HiddenFields { get; }

    /// <summary>The names of every input, in document order (hidden ones included).</summary>
    public IReadOnlyList<string> FieldNames { get; }

    public string? Handler => HiddenFields.GetValueOrDefault("_handler");

    public static IReadOnlyList<HtmlForm> All(string html) =>
        FormPattern().Matches(html).Select(m => Parse(m.Groups["attrs"].Value, m.Groups["body"].Value)).ToList();

    /// <summary>The Blazor form with this <c>FormName</c> (its <c>_handler</c> field); fails when the page has none.</summary>
    public static HtmlForm WithHandler(string html, string handler) =>
        All(html).SingleOrDefault(f => f.Handler == handler)
        ?? throw new Xunit.Sdk.XunitException($"The page has no form '{handler}'. Forms: [{string.Join(", ", All(html).Select(f => f.Handler ?? f.Action))}]");

    /// <summary>The plain form that posts to <paramref name="action"/>; fails when the page has none.</summary>
    public static HtmlForm WithAction(string html, string action) =>
        All(html).FirstOrDefault(f => f.Action == action)
        ?? throw new Xunit.Sdk.XunitException($"The page has no form posting to {action}.");

    /// <summary>The hidden fields plus the given values: what a browser would send.</summary>
    public FormUrlEncodedContent Fill(IEnumerable<KeyValuePair<string, string>> values)
    {
        var fields = new Dictionary<string, string>(HiddenFields);
        foreach (var (name, value) in values)
        {
            if (!FieldNames.Contains(name)) throw new Xunit.Sdk.XunitException($"The form has no field '{name}'. Fields: [{string.Join(", ", FieldNames)}]");
            fields[name] = value;
        }
        return new FormUrlEncodedContent(fields);
    }

    private static HtmlForm Parse(string formAttributes, string body)
    {
        var action = Attribute(formAttributes, "action");
        var method = Attribute(formAttributes, "method") ?? "get";
        var hidden = new Dictionary<string, string>();
        var names = new List<string>();
        foreach (Match input in InputPattern().Matches(body))
        {
            var attributes = input.Groups["attrs"].Value;
            if (Attribute(attributes, "name") is not { } name) continue;
            names.Add(name);
            if (string.Equals(Attribute(attributes, "type"), "hidden", StringComparison.OrdinalIgnoreCase))
                hidden[name] = Attribute(attributes, "value") ?? string.Empty;
        }
        return new HtmlForm(action, method.ToLowerInvariant(), hidden, names);
    }

    private static string? Attribute(string attributes, string name)
    {
        var match = Regex.Match(attributes, $@"(?:^|\s){Regex.Escape(name)}=""(?<v>[^""]*)""", RegexOptions.IgnoreCase);
        return match.Success ? WebUtility.HtmlDecode(match.Groups["v"].Value) : null;
    }

    [GeneratedRegex(@"<form\b(?<attrs>[^>]*)>(?<body>.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FormPattern();

    [GeneratedRegex(@"<(?:input|select|textarea)\b(?<attrs>[^>]*)>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InputPattern();
}
