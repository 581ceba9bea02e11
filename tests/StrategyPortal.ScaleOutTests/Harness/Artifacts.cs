namespace StrategyPortal.ScaleOutTests.Harness;

/// <summary>
/// Where each scenario keeps its files: portal and nginx logs, the nginx configuration as rendered, the test
/// certificate, temporary files. Under the build output (<c>TestResults/scaleout/</c>), emptied when a run starts, so
/// the logs of a failed run stay to be read.
/// </summary>
public static class Artifacts
{
    private static readonly Lock Gate = new();
    private static bool _reset;

    public static string Root { get; } = Environment.GetEnvironmentVariable("SCALEOUT_ARTIFACTS") is { Length: > 0 } folder
        ? folder
        : Path.Combine(AppContext.BaseDirectory, "TestResults", "scaleout");

    public static string FolderFor(string scenario)
    {
        lock (Gate)
        {
            if (!_reset)
            {
                if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
                _reset = true;
            }
        }
        var folder = Path.Combine(Root, $"{scenario}-{DateTime.UtcNow:HHmmss}");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
