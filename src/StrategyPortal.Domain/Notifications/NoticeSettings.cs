using StrategyPortal.Domain.Common;

namespace StrategyPortal.Domain.Notifications;

/// <summary>
/// One person's choices for e-mail: which kinds of notice they receive and in which language. A person without a row
/// receives every kind, in the language of their account (or the portal's default language).
/// </summary>
public class NoticeSettings : IVersioned
{
    public static IReadOnlyList<string> Languages { get; } = ["nl", "en"];

    private NoticeSettings() { }

    public NoticeSettings(int personId) => PersonId = personId;

    public int PersonId { get; private set; }

    /// <summary>"nl" or "en"; null: the language the person chose for the portal.</summary>
    public string? Language { get; private set; }

    /// <summary>The kinds switched off, as bits (1 &lt;&lt; kind).</summary>
    public int OffKinds { get; private set; }

    public int Version { get; set; }

    public bool Receives(NoticeKind kind) => !kind.CanSwitchOff() || (OffKinds & Bit(kind)) == 0;

    public void Set(NoticeKind kind, bool on)
    {
        if (!kind.CanSwitchOff())
        {
            if (on) return;
            throw new DomainException("notice.cannot-switch-off", "Personal invitations cannot be switched off.");
        }
        OffKinds = on ? OffKinds & ~Bit(kind) : OffKinds | Bit(kind);
    }

    public void SetLanguage(string? language) => Language = ValidLanguage(language);

    /// <summary>"nl", "en" or null (the portal language).</summary>
    public static string? ValidLanguage(string? language) =>
        language is null || Languages.Contains(language) ? language : throw new DomainException("notice.language-invalid", "Choose Dutch or English.");

    private static int Bit(NoticeKind kind) => 1 << (int)kind;
}
