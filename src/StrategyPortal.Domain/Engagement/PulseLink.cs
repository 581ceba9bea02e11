using System.Security.Cryptography;
using System.Text;
using StrategyPortal.Domain.Access;

namespace StrategyPortal.Domain.Engagement;

/// <summary>
/// A person's personal link to answer one round without a password. The database keeps the token's SHA-256 hash (to find
/// the link) and the token encrypted with the portal's Data Protection keys (so a reminder carries the same link); the token
/// in the clear exists only in the e-mail. The link proves only that its holder was invited to that round: answering through
/// it stores exactly what answering after sign-in stores. Written once, when the first e-mail with it is sent; never
/// changed, and nothing about answering is ever written to it ("already answered" is read from <see cref="Participation"/>).
/// </summary>
[NotAudited] // written by the outbox worker for everyone invited when the invitations go out; no person's act
public class PulseLink
{
    public const int TokenHashLength = 64;

    private PulseLink() { }

    public PulseLink(int roundId, int personId, string tokenHash, string protectedToken)
    {
        RoundId = roundId;
        PersonId = personId;
        TokenHash = tokenHash;
        ProtectedToken = protectedToken;
    }

    public int RoundId { get; private set; }
    public int PersonId { get; private set; }

    /// <summary>SHA-256 of the token, lowercase hex.</summary>
    public string TokenHash { get; private set; } = string.Empty;

    /// <summary>The token, encrypted (Infrastructure's Data Protection); only the sender can read it.</summary>
    public string ProtectedToken { get; private set; } = string.Empty;

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

/// <summary>
/// A pulse reminder that went out (automatic or by the pulse's owner): when, and how. It holds no person and no count of
/// people — a count of those reminded is a live count of who has not answered yet. Its (round, sequence) key lets only one
/// instance send each reminder.
/// </summary>
[NotAudited] // the automatic ones are the system's; a manual one is also the round's RemindedOn stamp
public class PulseReminderRun
{
    private PulseReminderRun() { }

    public PulseReminderRun(int roundId, int sequence, DateTime sentAtUtc, bool manual)
    {
        RoundId = roundId;
        Sequence = sequence;
        SentAtUtc = sentAtUtc;
        Manual = manual;
    }

    public int RoundId { get; private set; }

    /// <summary>1 for the round's first reminder, 2 for the next, …</summary>
    public int Sequence { get; private set; }

    public DateTime SentAtUtc { get; private set; }
    public bool Manual { get; private set; }
}
