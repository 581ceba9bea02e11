using System.Diagnostics;
using System.Reflection;

namespace StrategyPortal.ScaleOutTests.Harness;

/// <summary>
/// The portal as it is deployed: <c>dotnet publish</c> of the Web project, in the configuration these tests were built
/// in (Release in the test command), from that build's output (<c>--no-build</c>, a few seconds). Published once per
/// build: the folder is reused while the build output it came from is unchanged.
/// </summary>
public static class PublishedPortal
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _folder;

    public static string Configuration { get; } =
        typeof(PublishedPortal).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    /// <summary>The folder holding <c>StrategyPortal.Web.dll</c> and its <c>wwwroot</c>.</summary>
    public static async Task<string> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _folder ??= await PublishAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<string> PublishAsync()
    {
        var project = Repository.PathOf("src/StrategyPortal.Web/StrategyPortal.Web.csproj");
        var built = Repository.PathOf($"src/StrategyPortal.Web/bin/{Configuration}/net10.0");
        if (!File.Exists(Path.Combine(built, "StrategyPortal.Web.dll")))
            throw new InvalidOperationException($"No {Configuration} build of the portal in {built}: build the solution first (scripts/test.sh does).");
        var output = Path.Combine(AppContext.BaseDirectory, "published-portal");
        var stampFile = Path.Combine(output, ".built-from");
        var stamp = Stamp(built);
        if (File.Exists(stampFile) && await File.ReadAllTextAsync(stampFile) == stamp) return output;

        if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        var start = new ProcessStartInfo(DotnetHost())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        foreach (var argument in (string[])["publish", project, "-c", Configuration, "--no-build", "-nologo", "-v", "quiet", "-nodeReuse:false", "-o", output])
            start.ArgumentList.Add(argument);
        // The test host's MSBuild settings are not the publish's business.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        using var publish = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet publish.");
        var stdout = publish.StandardOutput.ReadToEndAsync();
        var stderr = publish.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await publish.WaitForExitAsync(timeout.Token);
        if (publish.ExitCode != 0)
            throw new InvalidOperationException($"dotnet publish failed ({publish.ExitCode}):\n{await stdout}\n{await stderr}");
        await File.WriteAllTextAsync(stampFile, stamp);
        return output;
    }

    /// <summary>What the build output was: every assembly's name, size and time.</summary>
    private static string Stamp(string folder) => string.Join('\n', Directory.EnumerateFiles(folder, "*.dll")
        .Order(StringComparer.Ordinal)
        .Select(f => $"{Path.GetFileName(f)} {new FileInfo(f).Length} {File.GetLastWriteTimeUtc(f):O}"));

    public static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
