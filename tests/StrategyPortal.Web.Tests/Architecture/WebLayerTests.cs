using System.Text.RegularExpressions;

namespace StrategyPortal.Web.Tests.Architecture;

/// <summary>
/// Web calls application services, never the DbContext (docs/architecture.md). Only the composition root
/// (<c>Hosting/</c>) names the context, to wire Data Protection's key store to it.
/// </summary>
public sealed partial class WebLayerTests
{
    [GeneratedRegex(@"\bPortalDbContext\b|\bIDbContextFactory\b|Microsoft\.EntityFrameworkCore")]
    private static partial Regex DataAccess();

    [Fact]
    public void Pages_and_endpoints_reach_the_database_only_through_application_services()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "StrategyPortal.sln"))) dir = dir.Parent;
        var web = Path.Combine(dir!.FullName, "src", "StrategyPortal.Web");
        var offenders = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".cs", StringComparison.Ordinal) || path.EndsWith(".razor", StringComparison.Ordinal))
            .Select(path => Path.GetRelativePath(web, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(path => !path.StartsWith("obj/", StringComparison.Ordinal) && !path.StartsWith("bin/", StringComparison.Ordinal) && !path.StartsWith("Hosting/", StringComparison.Ordinal))
            .Where(path => DataAccess().IsMatch(File.ReadAllText(Path.Combine(web, path))))
            .ToList();

        Assert.True(offenders.Count == 0, "Web files that use the DbContext or EF Core directly: " + string.Join(", ", offenders));
    }
}
