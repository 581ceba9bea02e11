namespace StrategyPortal.ScaleOutTests.Harness;

/// <summary>The repository these tests were built from: the nginx sample and the Web project are read from it.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "StrategyPortal.sln"))) return folder.FullName;
        throw new InvalidOperationException($"No StrategyPortal.sln above {AppContext.BaseDirectory}: the scale-out tests run from the repository's build output.");
    }
}
