using System.Text.RegularExpressions;

namespace StrategyPortal.Infrastructure.Tests.Access;

/// <summary>
/// <c>ExecuteUpdate</c>, <c>ExecuteDelete</c> and raw SQL pass the audit interceptor by. Every use in Application and
/// Infrastructure is listed here with how its change reaches the audit log, or why it need not (docs/security.md,
/// "Changes outside the change tracker"). A new one fails this test until it is audited (load and save through the
/// change tracker, or <c>IPortalDb.AuditDirectChange</c> in the same transaction) or shown to be bookkeeping.
/// </summary>
public sealed partial class DirectWritesTests
{
    private static readonly Dictionary<string, (int Calls, string Why)> Known = new()
    {
        ["src/StrategyPortal.Application/Access/ApiKeyService.cs"] =
            (1, "an API key's last use: usage written on every API call, not a change of the key"),
        ["src/StrategyPortal.Application/Scorecards/ScorecardIssueRunner.cs"] =
            (4, "leases, attempts and errors of issue items ([NotAudited] job bookkeeping); publishing or failing an issue writes its entry with AuditDirectChange"),
        ["src/StrategyPortal.Application/Scorecards/ScorecardService.cs"] =
            (2, "retrying a failed issue writes its entry with AuditDirectChange; the items' new attempts are bookkeeping"),
        ["src/StrategyPortal.Infrastructure/Access/PersonErasure.cs"] =
            (11, "an erased person's name in history rows, their e-mails and e-mail settings removed: the erasure is recorded as the change of the person (name to pseudonym, erased)"),
        ["src/StrategyPortal.Application/Notifications/MailAdminService.cs"] =
            (3, "an administrator queuing failed e-mails again ([NotAudited] outbox bookkeeping)"),
        ["src/StrategyPortal.Infrastructure/Notifications/OutboxStore.cs"] =
            (8, "the outbox worker's claims, leases, tries, outcomes and clean-up ([NotAudited] outbox bookkeeping; the claim is one statement so only one instance sends a message)"),
        ["src/StrategyPortal.Infrastructure/Access/AuditLogGuard.cs"] =
            (2, "the erasure's marker row that lets its own transaction pseudonymise the audit log (never committed)"),
        ["src/StrategyPortal.Infrastructure/Engagement/AnswerMixer.cs"] =
            (7, "a round's anonymous responses and comments rewritten in random order (PostgreSQL) and the tables or the file rebuilt in key order (CLUSTER, VACUUM), content unchanged ([NotAudited] pulse data)"),
        ["src/StrategyPortal.Application/Engagement/RoundAudienceRecorder.cs"] =
            (1, "an open round's once-a-day participation count per unit ([NotAudited] bookkeeping of the round's record)"),
        ["src/StrategyPortal.Infrastructure/Identity/AccountService.cs"] =
            (2, "a user's language and dark mode: preferences of the sign-in account (Identity's tables are not audited)"),
        ["src/StrategyPortal.Infrastructure/Identity/SignInSession.cs"] =
            (4, "server-side sign-in sessions: last use, sign-out and clean-up (session bookkeeping of the sign-in account; Identity's tables are not audited)"),
        ["src/StrategyPortal.Infrastructure/Persistence/DatabaseInitializer.cs"] =
            (1, "PRAGMA journal_mode=WAL on SQLite: no data"),
    };

    [GeneratedRegex(@"\.Execute(Update|Delete|SqlRaw|SqlInterpolated|Sql)(Async)?\(")]
    private static partial Regex DirectWrite();

    private static string SolutionRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "StrategyPortal.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Solution root not found.");
    }

    [Fact]
    public void Every_write_that_passes_the_audit_interceptor_by_is_known()
    {
        var root = SolutionRoot();
        var found = new[] { "src/StrategyPortal.Application", "src/StrategyPortal.Infrastructure" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(path => (File: Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/'), Calls: DirectWrite().Matches(File.ReadAllText(path)).Count))
            .Where(f => f.Calls > 0)
            .ToDictionary(f => f.File, f => f.Calls);

        Assert.Equal(Known.ToDictionary(k => k.Key, k => k.Value.Calls).OrderBy(k => k.Key, StringComparer.Ordinal),
            found.OrderBy(k => k.Key, StringComparer.Ordinal));
    }
}
