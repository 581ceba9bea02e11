using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using StrategyPortal.Application.Engagement;
using StrategyPortal.Application.Notifications;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Domain.Notifications;
using StrategyPortal.Infrastructure.Access;
using StrategyPortal.Infrastructure.Engagement;
using StrategyPortal.Infrastructure.Persistence;
using StrategyPortal.IntegrationTests.Infrastructure;

namespace StrategyPortal.IntegrationTests.Notifications;

/// <summary>
/// The mail portal on a clock the test sets (<see cref="FakeTimeProvider"/>, starting at the real now so the demo company is
/// seeded as usual). Its own pulse scheduler is off: the test runs the scheduler's reminder step itself, at moments it chose.
/// </summary>
public abstract class ClockMailPortal(DatabaseProvider provider) : MailPortal(provider)
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>(base.ExtraSettings)
    {
        ["Engagement:SchedulerEnabled"] = "false",
        ["Mail:Reminders:TimeZone"] = "Europe/Amsterdam",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class SqliteClockMailPortal() : ClockMailPortal(DatabaseProvider.Sqlite);
public sealed class PostgreSqlClockMailPortal() : ClockMailPortal(DatabaseProvider.PostgreSql);

/// <summary>
/// The automatic reminder run on a controlled clock, against the real database and SMTP server: each pulse's schedule, office
/// hours and weekends of the company's time zone (Europe/Amsterdam), only people without a participation, nothing after the
/// close, nothing when the pulse's schedule is off, and each reminder once when two instances run at the same moment.
/// Every moment below is company-local; "M" is a Monday the test picks after the clock's current day.
/// </summary>
public abstract class ReminderClockTests(ClockMailPortal factory)
{
    private const string Employee = EngagementDemoSeed.DemoEmployeeEmail;
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    [Fact]
    public async Task Halfway_then_every_four_days_in_office_hours_never_at_weekends_only_to_those_who_have_not_taken_part_and_none_after_the_close()
    {
        var monday = NextMonday();
        SetLocal(monday, 8, 0);
        // Open Monday M to Wednesday M+23: a 24-day window; halfway is Saturday M+12 00:00, so the first reminder waits for
        // Monday M+14 09:00; then Friday M+18 09:00; then Tuesday M+22 09:00; the one after (M+26) would fall after the close.
        var title = Unique("Klok");
        var roundId = await OpenRoundAsync(title, monday, monday.AddDays(23), reminders: null);
        var offTitle = Unique("Stil");
        var offRoundId = await OpenRoundAsync(offTitle, monday, monday.AddDays(23), PulseReminderSchedule.Off);
        var invited = await InvitedAsync(roundId);
        Assert.Contains(Employee, invited);
        await factory.Smtp.WaitForAsync(m => Subject(m).EndsWith(": " + title, StringComparison.Ordinal), count: invited.Count);
        await AnswerAsync(Employee, roundId);

        // The owner's page plans the first reminder for Monday M+14 (09:00), and none for the pulse switched off.
        await using (var owner = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Director).Email))
        {
            var rows = (await owner.Get<PulseScheduleService>().GetPulsesAsync()).SelectMany(p => p.Rounds).ToList();
            Assert.Equal(monday.AddDays(14), rows.Single(r => r.Id == roundId).NextReminderOn);
            Assert.Null(rows.Single(r => r.Id == offRoundId).NextReminderOn);
        }

        await RunAtAsync(monday.AddDays(11), 16, 0);   // Friday before halfway
        await RunAtAsync(monday.AddDays(12), 10, 0);   // Saturday, past halfway
        await RunAtAsync(monday.AddDays(13), 12, 0);   // Sunday
        await RunAtAsync(monday.AddDays(14), 8, 59);   // Monday before the office opens
        Assert.Equal(0, await RunsAsync(roundId));

        await RunAtAsync(monday.AddDays(14), 9, 0);    // Monday at the opening: the first reminder
        Assert.Equal(1, await RunsAsync(roundId));
        var others = invited.Where(e => e != Employee).Order().ToList();
        var first = await factory.Smtp.WaitForAsync(m => IsReminder(m, title), count: others.Count);
        Assert.Equal(others, first.Select(m => m.To.Mailboxes.Single().Address).Order());

        await RunAtAsync(monday.AddDays(14), 15, 0);   // later the same day
        await RunAtAsync(monday.AddDays(17), 16, 0);   // Thursday: three days only
        await RunAtAsync(monday.AddDays(18), 8, 59);
        Assert.Equal(1, await RunsAsync(roundId));
        await RunAtAsync(monday.AddDays(18), 9, 0);    // Friday, four days after the first
        Assert.Equal(2, await RunsAsync(roundId));
        await factory.Smtp.WaitForAsync(m => IsReminder(m, title), count: 2 * others.Count);

        await RunAtAsync(monday.AddDays(22), 17, 0);   // Tuesday: due since 09:00, but the office closed at 17:00
        await RunAtAsync(monday.AddDays(22), 23, 30);
        await RunAtAsync(monday.AddDays(24), 10, 0);   // Thursday: the round closed on Wednesday
        await RunAtAsync(monday.AddDays(25), 10, 0);
        Assert.Equal(2, await RunsAsync(roundId));

        // The pulse switched off never reminded; nobody got more than two reminders, the one who took part none.
        Assert.Equal(0, await RunsAsync(offRoundId));
        await WaitForOutboxEmptyAsync(roundId);
        Assert.DoesNotContain(factory.Smtp.Received, m => IsReminder(m, offTitle));
        var all = factory.Smtp.Received.Where(m => IsReminder(m, title)).Select(m => m.To.Mailboxes.Single().Address).ToList();
        Assert.Equal(2 * others.Count, all.Count);
        Assert.DoesNotContain(Employee, all);
        Assert.All(all.GroupBy(a => a), g => Assert.Equal(2, g.Count()));
    }

    [Fact]
    public async Task The_owner_changes_a_pulses_schedule_and_the_run_follows_it()
    {
        var monday = NextMonday();
        SetLocal(monday, 8, 0);
        // Open Monday M to Sunday M+13 (14 days). Default: first at Monday M+7 09:00. Changed to 25%, every 2 days, weekends
        // included: 25% of 14 days is Thursday M+3 12:00, then Saturday M+5 12:00.
        var title = Unique("Schema");
        var roundId = await OpenRoundAsync(title, monday, monday.AddDays(13), reminders: null);
        await using (var owner = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Administrator).Email))
        {
            var schedule = owner.Get<PulseScheduleService>();
            var pulse = (await schedule.GetPulsesAsync()).Single(p => p.Title == title);
            Assert.Equal(PulseReminderSchedule.Default, pulse.ReminderSchedule);
            Assert.Equal(monday.AddDays(7), pulse.Rounds.Single().NextReminderOn);

            // Out of the domain's range: refused per field, nothing stored.
            var wrong = PulseRemindersInput.For(pulse);
            wrong.FirstAtPercent = 95;
            wrong.EveryDays = 0;
            var refused = await Assert.ThrowsAsync<Application.Common.ValidationFailedException>(() => schedule.ChangeRemindersAsync(wrong));
            Assert.Contains(nameof(PulseRemindersInput.FirstAtPercent), refused.Errors.Keys);
            Assert.Contains(nameof(PulseRemindersInput.EveryDays), refused.Errors.Keys);

            var input = PulseRemindersInput.For(pulse);
            input.FirstAtPercent = 25;
            input.EveryDays = 2;
            input.SkipWeekends = false;
            await schedule.ChangeRemindersAsync(input);
            // The same version again: someone else's change is never overwritten.
            await Assert.ThrowsAsync<Application.Common.ConcurrencyConflictException>(() => schedule.ChangeRemindersAsync(input));

            pulse = (await schedule.GetPulsesAsync()).Single(p => p.Title == title);
            Assert.Equal(new PulseReminderSchedule(true, 25, 2, SkipWeekends: false), pulse.ReminderSchedule);
            Assert.Equal(monday.AddDays(3), pulse.Rounds.Single().NextReminderOn);
        }

        await RunAtAsync(monday.AddDays(3), 11, 59);
        Assert.Equal(0, await RunsAsync(roundId));
        await RunAtAsync(monday.AddDays(3), 12, 0);
        Assert.Equal(1, await RunsAsync(roundId));
        await RunAtAsync(monday.AddDays(5), 12, 0);    // Saturday: weekends are included now
        Assert.Equal(2, await RunsAsync(roundId));
        await WaitForOutboxEmptyAsync(roundId);
    }

    [Fact]
    public async Task Two_instances_running_the_reminders_at_the_same_moment_send_each_reminder_once()
    {
        var monday = NextMonday();
        SetLocal(monday, 8, 0);
        // Open Monday M to Sunday M+13: the first reminder is due Monday M+7 09:00.
        var title = Unique("Samen");
        var roundId = await OpenRoundAsync(title, monday, monday.AddDays(13), reminders: null);
        var invited = await InvitedAsync(roundId);
        await factory.Smtp.WaitForAsync(m => Subject(m).EndsWith(": " + title, StringComparison.Ordinal), count: invited.Count);

        SetLocal(monday.AddDays(7), 10, 0);
        // Two instances share the database: two scopes with their own contexts, started together.
        using var start = new Barrier(2);
        var runs = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            await using var scope = SystemScope.Create(factory.Services);
            start.SignalAndWait(TimeSpan.FromSeconds(30));
            return await scope.ServiceProvider.GetRequiredService<PulseReminders>().SendDueAsync();
        })).ToList();
        await Task.WhenAll(runs);

        Assert.Equal(1, await RunsAsync(roundId));
        await WaitForOutboxEmptyAsync(roundId);
        var reminded = factory.Smtp.Received.Where(m => IsReminder(m, title)).Select(m => m.To.Mailboxes.Single().Address).Order().ToList();
        Assert.Equal(invited.Order(), reminded);
    }

    /// <summary>A Monday at least two days after the clock's current company-local day (tests of a class share the clock, which only moves on).</summary>
    private DateOnly NextMonday()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(factory.Clock.GetUtcNow(), Amsterdam).DateTime).AddDays(2);
        while (today.DayOfWeek != DayOfWeek.Monday) today = today.AddDays(1);
        return today;
    }

    private static DateTime Local(DateOnly day, int hour, int minute) => day.ToDateTime(new TimeOnly(hour, minute));

    private void SetLocal(DateOnly day, int hour, int minute) =>
        factory.Clock.SetUtcNow(new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(Local(day, hour, minute), Amsterdam), TimeSpan.Zero));

    /// <summary>Sets the clock and runs the scheduler's reminder step once, as the pulse scheduler does (as the system).</summary>
    private async Task RunAtAsync(DateOnly day, int hour, int minute)
    {
        SetLocal(day, hour, minute);
        await using var scope = SystemScope.Create(factory.Services);
        await scope.ServiceProvider.GetRequiredService<PulseReminders>().SendDueAsync();
    }

    private async Task<int> RunsAsync(int roundId)
    {
        await using var db = factory.NewDbContext();
        return await db.PulseReminderRuns.CountAsync(r => r.RoundId == roundId);
    }

    /// <summary>Waits until the outbox has sent every reminder of the round (sent reminders are deleted): after that, nothing more arrives.</summary>
    private Task WaitForOutboxEmptyAsync(int roundId) => MailDeliveryTests.PollAsync(async () =>
    {
        await using var db = factory.NewDbContext();
        return await db.OutboxMessages.AnyAsync(m => m.Kind == NoticeKind.PulseReminder && m.Payload.Contains($"\"roundId\":{roundId},")) ? null : "sent";
    });

    /// <summary>A one-off pulse for the demo employee's unit, opening on <paramref name="opens"/> (the clock's day: invited at once).</summary>
    private async Task<int> OpenRoundAsync(string title, DateOnly opens, DateOnly closes, PulseReminderSchedule? reminders)
    {
        await using var admin = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Administrator).Email);
        await using var db = factory.NewDbContext();
        var unitId = await db.People.Where(p => p.Email == Employee).Select(p => p.OrgUnitId).SingleAsync();
        var demo = await db.PulseSurveys.Include(s => s.Items).SingleAsync(s => s.Title == EngagementDemoSeed.PulseTitle);
        var schedule = admin.Get<PulseScheduleService>();
        var surveyId = await schedule.ScheduleAsync(new PulseInput
        {
            Title = title, Cadence = PulseCadence.Once, OpensOn = opens, ClosesOn = closes,
            QuestionIds = demo.Items.OrderBy(i => i.Position).Select(i => i.QuestionId).ToList(), AudienceUnitIds = [unitId],
            MinGroupSize = 5, CommentThreshold = 10,
        });
        if (reminders is not null)
        {
            var pulse = (await schedule.GetPulsesAsync()).Single(p => p.Id == surveyId);
            var input = PulseRemindersInput.For(pulse);
            (input.Enabled, input.FirstAtPercent, input.EveryDays, input.SkipWeekends) = (reminders.Enabled, reminders.FirstAtPercent, reminders.EveryDays, reminders.SkipWeekends);
            await schedule.ChangeRemindersAsync(input);
        }
        return (await db.PulseRounds.SingleAsync(r => r.SurveyId == surveyId)).Id;
    }

    /// <summary>The person answers the round signed in (a participation, and a response apart from it).</summary>
    private async Task AnswerAsync(string email, int roundId)
    {
        await using var person = await factory.AsAsync(email);
        var answers = person.Get<PulseAnswerService>();
        var form = await answers.GetFormAsync(roundId);
        var values = form.Items.ToDictionary(i => i.QuestionId, i => i.Kind switch
        {
            QuestionKind.Enps => "9",
            _ when i.Required => "4",
            _ => (string?)null,
        });
        Assert.Equal(SubmitStatus.Stored, (await answers.SubmitAsync(roundId, values)).Status);
    }

    private async Task<List<string>> InvitedAsync(int roundId)
    {
        await using var db = factory.NewDbContext();
        return await db.PulseInvitations.Where(i => i.RoundId == roundId).Join(db.People, i => i.PersonId, p => p.Id, (i, p) => p.Email).ToListAsync();
    }

    private static string Unique(string prefix) => $"{prefix} {Guid.NewGuid():N}"[..20];

    private static string Subject(MimeMessage m) => m.Subject ?? string.Empty;

    private static bool IsReminder(MimeMessage m, string title) => Subject(m).Contains(title + " ", StringComparison.Ordinal);
}

public sealed class ReminderClockTests_Sqlite(SqliteClockMailPortal factory) : ReminderClockTests(factory), IClassFixture<SqliteClockMailPortal>;
public sealed class ReminderClockTests_PostgreSql(PostgreSqlClockMailPortal factory) : ReminderClockTests(factory), IClassFixture<PostgreSqlClockMailPortal>;
