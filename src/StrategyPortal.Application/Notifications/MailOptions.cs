namespace StrategyPortal.Application.Notifications;

public enum MailProvider
{
    /// <summary>Hand every message to an SMTP server (MailKit).</summary>
    Smtp,

    /// <summary>Write every message as an <c>.eml</c> file into a folder (the default in Development: no mail server needed).</summary>
    Folder,
}

/// <summary>How the connection to the SMTP server is secured (MailKit's SecureSocketOptions).</summary>
public enum SmtpSecurity
{
    /// <summary>TLS on connect for port 465, else STARTTLS when the server offers it.</summary>
    Auto,
    None,
    StartTls,
    SslOnConnect,
}

/// <summary>The <c>Mail</c> section (see docs/configuration.md).</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    public MailProvider Provider { get; set; } = MailProvider.Smtp;

    /// <summary>Folder provider: where the .eml files go; relative to <c>Database:DataFolder</c>.</summary>
    public string Folder { get; set; } = "mail";

    /// <summary>The Folder provider's folder as a full path (set at start-up).</summary>
    public string? ResolvedFolder { get; set; }

    /// <summary>The sender's address.</summary>
    public string From { get; set; } = "strategyportal@localhost";

    /// <summary>The sender's name; empty: "StrategyPortal".</summary>
    public string FromName { get; set; } = "StrategyPortal";

    /// <summary>The portal's public address, for the links in e-mails (e.g. https://portal.example.com).</summary>
    public string PortalUrl { get; set; } = "http://localhost:5124";

    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>The language of e-mails to people who chose none (set from <c>Portal:DefaultCulture</c>).</summary>
    public string DefaultLanguage { get; set; } = "nl";

    /// <summary>Send the outbox from this instance (safe on several instances at once).</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>How often an idle worker looks for messages queued on another instance (this instance's own wake it at once).</summary>
    public int PollSeconds { get; set; } = 5;

    /// <summary>How many messages a worker claims at a time (sent over one SMTP connection).</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>How many batches this instance sends at the same time (each over its own SMTP connection).</summary>
    public int Parallelism { get; set; } = 2;

    /// <summary>How often a message is tried before it fails for good.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failed try; it doubles after each further failure.</summary>
    public int RetryBaseSeconds { get; set; } = 30;

    /// <summary>The longest wait between two tries.</summary>
    public int RetryMaxMinutes { get; set; } = 60;

    /// <summary>How long a worker may hold claimed messages before another instance takes them over.</summary>
    public int LeaseMinutes { get; set; } = 5;

    /// <summary>Sent messages are kept this many days for the mail page, then removed.</summary>
    public int KeepSentDays { get; set; } = 30;

    /// <summary>Attach the scorecard PDFs to the scorecards-issued e-mail (each only when under <see cref="AttachmentMaxBytes"/>).</summary>
    public bool AttachScorecards { get; set; }

    public int AttachmentMaxBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>How long an account invitation's set-your-password link works.</summary>
    public int InvitationValidDays { get; set; } = 7;

    /// <summary>Whether local accounts are invited by e-mail (off when people sign in with Microsoft only; set at start-up).</summary>
    public bool AccountInvitations { get; set; } = true;

    /// <summary>Pulse reminders by e-mail (<c>Mail:Reminders</c>).</summary>
    public PulseReminderOptions Reminders { get; set; } = new();

    /// <summary>Reminders of due and overdue actions to their owners (<c>Mail:ActionReminders</c>).</summary>
    public ActionReminderOptions ActionReminders { get; set; } = new();

    public TimeSpan RetryBase => TimeSpan.FromSeconds(Math.Max(1, RetryBaseSeconds));
    public TimeSpan RetryMax => TimeSpan.FromMinutes(Math.Max(1, RetryMaxMinutes));

    /// <summary>The portal address without a trailing slash.</summary>
    public string BaseUrl => (string.IsNullOrWhiteSpace(PortalUrl) ? "http://localhost:5124" : PortalUrl.Trim()).TrimEnd('/');

    public string Link(string path) => BaseUrl + (path.StartsWith('/') ? path : "/" + path);
}

/// <summary>
/// Pulse reminders: the schedule new pulses start with (each pulse's owner may change its own), office hours in the company's
/// time zone, and the owner's manual reminder.
/// </summary>
public sealed class PulseReminderOptions
{
    /// <summary>New pulses remind automatically (halfway, then every 4 days, not at weekends, unless set otherwise below).</summary>
    public bool Enabled { get; set; } = true;

    public int FirstAtPercent { get; set; } = 50;
    public int EveryDays { get; set; } = 4;
    public bool SkipWeekends { get; set; } = true;

    /// <summary>The company's time zone (IANA id), for office hours and weekends.</summary>
    public string TimeZone { get; set; } = "Europe/Amsterdam";

    public TimeOnly OfficeStart { get; set; } = new(9, 0);
    public TimeOnly OfficeEnd { get; set; } = new(17, 0);

    /// <summary>The pulse owner's manual reminder: at most once per this many days per round.</summary>
    public int ManualEveryDays { get; set; } = 7;

    /// <summary>The schedule a new pulse starts with.</summary>
    public Domain.Notifications.PulseReminderSchedule Schedule => new Domain.Notifications.PulseReminderSchedule(Enabled, FirstAtPercent, EveryDays, SkipWeekends).Validate();

    public Domain.Notifications.OfficeHours OfficeHours => new(OfficeStart, OfficeEnd);

    public TimeZoneInfo Zone => TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
}

/// <summary>
/// When action owners are reminded by e-mail: a few days before the due date and once on the first day overdue, within the
/// office hours and time zone of <see cref="PulseReminderOptions"/> (see <see cref="Domain.Notifications.ActionReminderSchedule"/>).
/// </summary>
public sealed class ActionReminderOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>How many days before its due date an action's owner is reminded (0: on the due date itself).</summary>
    public int DaysBefore { get; set; } = Domain.Notifications.ActionReminderSchedule.DefaultDaysBefore;

    /// <summary>An overdue reminder that could not go out within this many days of the first overdue day is not sent any more.</summary>
    public int LateDays { get; set; } = Domain.Notifications.ActionReminderSchedule.DefaultLateDays;

    /// <summary>How often each instance looks for reminders that are due (each goes out once, whichever instance finds it).</summary>
    public int IntervalMinutes { get; set; } = 15;

    public Domain.Notifications.ActionReminderSchedule Schedule => new Domain.Notifications.ActionReminderSchedule(Enabled, DaysBefore, LateDays).Normalised();

    public TimeSpan Interval => TimeSpan.FromMinutes(Math.Max(1, IntervalMinutes));
}

public sealed class SmtpSettings
{
    /// <summary>Empty: no server configured; messages wait (the mail page says so).</summary>
    public string Host { get; set; } = string.Empty;

    public int Port { get; set; } = 587;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    /// <summary>Empty: no authentication.</summary>
    public string UserName { get; set; } = string.Empty;

    /// <summary>A secret: set it in the environment (<c>Mail__Smtp__Password</c>) or a secret store.</summary>
    public string Password { get; set; } = string.Empty;

    public int TimeoutSeconds { get; set; } = 30;
}

/// <summary>Wakes this instance's outbox worker at once after a change queued messages; other instances notice on their next poll.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount > 0) return;
        try { _signal.Release(); }
        catch (SemaphoreFullException) { }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
