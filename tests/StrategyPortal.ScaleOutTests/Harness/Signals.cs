using System.Runtime.InteropServices;

namespace StrategyPortal.ScaleOutTests.Harness;

/// <summary>POSIX signals to a process or its whole process group (Linux numbering).</summary>
internal static class Signals
{
    public const int Kill = 9;
    public const int Terminate = 15;
    public const int Continue = 18;
    public const int Stop = 19;

    /// <summary>Sends <paramref name="signal"/> to the process group led by <paramref name="leader"/> (its workers included).</summary>
    public static bool ToGroup(int leader, int signal) => kill(-leader, signal) == 0;

    public static bool ToProcess(int pid, int signal) => kill(pid, signal) == 0;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
