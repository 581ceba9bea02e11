using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using StrategyPortal.Application.Localization;
using StrategyPortal.Web.Localization;

namespace StrategyPortal.Web.Tests.Localization;

/// <summary>Every string exists in English and Dutch, and every key the pages ask for exists.</summary>
public partial class ResourceTests
{
    public static TheoryData<string, string> ResourceBases()
    {
        var data = new TheoryData<string, string>();
        foreach (var assembly in new[] { typeof(Ui).Assembly, typeof(Messages).Assembly })
            foreach (var name in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".resources", StringComparison.Ordinal) && n.StartsWith("StrategyPortal", StringComparison.Ordinal)))
                data.Add(assembly.GetName().Name!, name[..^".resources".Length]);
        return data;
    }

    [Theory]
    [MemberData(nameof(ResourceBases))]
    public void Dutch_has_the_same_keys_as_English_and_no_empty_text(string assemblyName, string baseName)
    {
        var assembly = AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == assemblyName);
        var manager = new ResourceManager(baseName, assembly);
        var english = Read(manager, CultureInfo.InvariantCulture);
        var dutch = Read(manager, new CultureInfo("nl"));

        Assert.NotEmpty(english);
        Assert.Equal(english.Keys.Order(), dutch.Keys.Order());
        Assert.All(english.Concat(dutch), kv => Assert.False(string.IsNullOrWhiteSpace(kv.Value), kv.Key));
    }

    [Fact]
    public void Every_literal_key_used_in_a_page_exists()
    {
        var root = SolutionRoot();
        var web = Path.Combine(root, "src", "StrategyPortal.Web");
        var missing = new List<string>();
        foreach (var file in Directory.EnumerateFiles(web, "*.razor", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            foreach (Match m in LocalizerUse().Matches(text))
            {
                var localizer = m.Groups[1].Value;
                var key = m.Groups[2].Value;
                var resource = localizer == "L" ? Path.Combine(web, "Localization", "Ui.resx") : FeatureResource(file, text, localizer);
                if (resource is null || !File.ReadAllText(resource).Contains($"name=\"{key}\"", StringComparison.Ordinal))
                    missing.Add($"{Path.GetRelativePath(root, file)}: {localizer}[\"{key}\"]");
            }
        }
        Assert.Empty(missing);
    }

    private static string? FeatureResource(string file, string text, string localizer)
    {
        var inject = Regex.Match(text, @"@inject IStringLocalizer<(\w+)> " + localizer + @"\b");
        if (!inject.Success) return null;
        var resx = Directory.EnumerateFiles(Path.Combine(SolutionRoot(), "src"), inject.Groups[1].Value + ".resx", SearchOption.AllDirectories).FirstOrDefault();
        return resx;
    }

    /// <summary>
    /// The scorecard's writer and sections ask ScorecardsText for their words with T("key"); a missing key prints its name in the
    /// PDF without failing anything, so every literal key (and every prefix a key is built from) must exist in both languages.
    /// </summary>
    [Fact]
    public void Every_key_the_scorecard_asks_for_exists_in_English_and_Dutch()
    {
        var folder = Path.Combine(SolutionRoot(), "src", "StrategyPortal.Infrastructure", "Scorecards");
        var english = ResxKeys(Path.Combine(folder, "ScorecardsText.resx"));
        var dutch = ResxKeys(Path.Combine(folder, "ScorecardsText.nl.resx"));
        var missing = new List<string>();
        var asked = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            foreach (Match m in ScorecardKeyUse().Matches(text))
            {
                var keys = m.Groups["key"].Captures;
                for (var i = 0; i < keys.Count; i++)
                {
                    asked++;
                    var key = keys[i].Value;
                    var isPrefix = i == keys.Count - 1 && m.Groups["plus"].Success;
                    foreach (var (language, known) in new[] { ("en", english), ("nl", dutch) })
                        if (isPrefix ? !known.Any(k => k.StartsWith(key, StringComparison.Ordinal)) : !known.Contains(key))
                            missing.Add($"{Path.GetFileName(file)}: T(\"{key}\"{(isPrefix ? " + …" : "")}) not in {language}");
                }
            }
        }
        Assert.True(asked > 100, $"only {asked} keys found: the pattern no longer matches how the sections ask");
        Assert.Empty(missing);
    }

    private static HashSet<string> ResxKeys(string path) =>
        Regex.Matches(File.ReadAllText(path), "<data name=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    // T("key"), T("key", args), T("prefix." + value) and both branches of T(condition ? "a" : "b", …).
    [GeneratedRegex("""\bT\((?:[^;()"]*\?\s*"(?<key>[\w.-]+)"\s*:\s*|)"(?<key>[\w.-]+)"(?<plus>\s*\+)?""")]
    private static partial Regex ScorecardKeyUse();

    private static Dictionary<string, string?> Read(ResourceManager manager, CultureInfo culture)
    {
        var set = manager.GetResourceSet(culture, createIfNotExists: true, tryParents: false) ?? throw new InvalidOperationException($"No {culture.Name} resources for {manager.BaseName}");
        return set.Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => e.Value as string);
    }

    internal static string SolutionRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "StrategyPortal.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("StrategyPortal.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("""\b(L|T|[A-Z]\w*Text)\["([^"\]$]+)"\]""")]
    private static partial Regex LocalizerUse();
}
