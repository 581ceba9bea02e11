using StrategyPortal.Infrastructure.Persistence;
using StrategyPortal.IntegrationTests.Infrastructure;

namespace StrategyPortal.IntegrationTests.Notifications;

/// <summary>
/// The demo portal sending its mail to a real SMTP server of its own on 127.0.0.1 (<see cref="Smtp"/>), with short
/// retry pauses (1 s, doubling, at most six tries: about half a minute) so faults play out within a test.
/// </summary>
public abstract class MailPortal(DatabaseProvider provider) : PortalFactory(provider, demoData: true)
{
    public LocalSmtpServer Smtp { get; } = new LocalSmtpServer().Start();

    /// <summary>Where the e-mails' links point (the test clients' own address).</summary>
    public const string PortalUrl = "https://localhost";

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["Mail:Provider"] = "Smtp",
        ["Mail:Smtp:Host"] = "127.0.0.1",
        ["Mail:Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:Smtp:Security"] = "None",
        ["Mail:Smtp:TimeoutSeconds"] = "5",
        ["Mail:From"] = "portal@noordlicht.example",
        ["Mail:PortalUrl"] = PortalUrl,
        ["Mail:RetryBaseSeconds"] = "1",
        ["Mail:RetryMaxMinutes"] = "1",
        ["Mail:MaxAttempts"] = "6",
        ["Mail:AttachScorecards"] = "true",
    };

    protected override ValueTask CleanUpAsync() => Smtp.DisposeAsync();
}

public sealed class SqliteMailPortal() : MailPortal(DatabaseProvider.Sqlite);
public sealed class PostgreSqlMailPortal() : MailPortal(DatabaseProvider.PostgreSql);
