namespace StrategyPortal.E2ETests.Infrastructure;

/// <summary>
/// Where the browser tests leave what a reader needs after a run: full-page screenshots of every page a journey
/// visits and the portal's logs. Default <c>{test output}/TestResults/e2e</c>; <c>E2E_ARTIFACTS</c> overrides it.
/// </summary>
public static class Artifacts
{
    public static string Root { get; } = Path.GetFullPath(
        Environment.GetEnvironmentVariable("E2E_ARTIFACTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "TestResults", "e2e"));

    public static string ScreenshotsFolder => Path.Combine(Root, "screenshots");

    public static string LogsFolder => Path.Combine(Root, "logs");

    /// <summary>Starts a run with empty folders, so every file in them belongs to this run.</summary>
    public static void Reset()
    {
        foreach (var folder in new[] { ScreenshotsFolder, LogsFolder })
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            Directory.CreateDirectory(folder);
        }
    }

    /// <summary>A file name from free text: letters, digits and dashes.</summary>
    public static string Slug(string text)
    {
        var chars = text.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray();
        var slug = new string(chars);
        while (slug.Contains("--", StringComparison.Ordinal)) slug = slug.Replace("--", "-", StringComparison.Ordinal);
        return slug.Trim('-');
    }
}
