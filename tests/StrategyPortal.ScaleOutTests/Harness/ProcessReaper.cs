using System.Diagnostics;
using System.Globalization;

namespace StrategyPortal.ScaleOutTests.Harness;

/// <summary>
/// Every process the tests start (portals, nginx) leads a process group of its own (<c>setsid</c>). The tests stop them
/// when they finish, also when a test fails; should the test process be killed first, a detached watcher per process
/// (the same idea as PostgresServer's) kills the group once the test process is gone. It leaves a group alone that
/// has ended by itself.
/// </summary>
internal static class ProcessReaper
{
    public static void Watch(int groupLeader)
    {
        var me = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var leader = groupLeader.ToString(CultureInfo.InvariantCulture);
        var script = $"while kill -0 {me} 2>/dev/null; do kill -0 {leader} 2>/dev/null || exit 0; sleep 1; done; " +
                     $"kill -TERM -- -{leader} 2>/dev/null; sleep 2; kill -KILL -- -{leader} 2>/dev/null";
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        // The outer shell backgrounds the watcher and exits at once: the watcher is nobody's child in the test process tree.
        start.ArgumentList.Add("nohup /bin/sh -c \"$0\" </dev/null >/dev/null 2>&1 &");
        start.ArgumentList.Add(script);
        using var shell = Process.Start(start) ?? throw new InvalidOperationException("Could not start the process watcher.");
        shell.WaitForExit(TimeSpan.FromSeconds(30));
    }
}
