using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using StrategyPortal.Application.Actions;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.Notifications;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Actions;
using StrategyPortal.Domain.Notifications;
using StrategyPortal.Domain.Standards;
using StrategyPortal.Infrastructure.Access;
using StrategyPortal.Infrastructure.Organisation;
using StrategyPortal.IntegrationTests.Infrastructure;

namespace StrategyPortal.IntegrationTests.Notifications;

/// <summary>
/// Action reminders on a real database with a controlled clock: the job (<see cref="ActionReminders"/>) run at chosen
/// company-local moments queues a due-soon reminder three days before the due date and an overdue one on the first day
/// after it, each once — also when two instances run at the same moment — and nothing for closed actions or owners who
/// switched the kind off. The mail reaches a real SMTP server in the owner's language, with the link to the action.
/// Each test makes its own actions, due on a Thursday well after today (the portal's own job, on the real clock, leaves
/// them alone), and looks only at those.
/// </summary>
public abstract class ActionReminderTests(MailPortal factory)
{
    private const string ServiceManager = "manager.klantenservice@noordlicht.example";
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    [Fact]
    public async Task Due_soon_three_days_before_and_overdue_the_day_after_each_queued_once()
    {
        var owner = await factory.AddPersonAsync("Eigenaar Eenmaal", PortalRole.Director);
        var due = Thursday();
        var id = await CreateActionAsync(owner.Id, due);

        // Monday (three days before Thursday) at 08:30 the office is closed; at 10:00 the reminder is due.
        await RunAsync(due.AddDays(-3), 8, 30);
        Assert.Empty(await RunsAsync(id));
        await RunAsync(due.AddDays(-3), 10);
        await RunAsync(due.AddDays(-3), 10, 15);
        await RunAsync(due.AddDays(-1), 14);
        Assert.Equal([(NoticeKind.ActionDueSoon, due, owner.Id)], await RunsAsync(id));
        Assert.Equal([NoticeKind.ActionDueSoon], await MessagesAsync(id));

        // Friday is the first day overdue: once, not again on Monday.
        await RunAsync(due.AddDays(1), 9, 5);
        await RunAsync(due.AddDays(1), 16);
        await RunAsync(due.AddDays(4), 10);
        Assert.Equal([(NoticeKind.ActionDueSoon, due, owner.Id), (NoticeKind.ActionOverdue, due, owner.Id)], await RunsAsync(id));
        Assert.Equal([NoticeKind.ActionDueSoon, NoticeKind.ActionOverdue], await MessagesAsync(id));
    }

    [Fact]
    public async Task Done_and_dropped_actions_get_nothing()
    {
        var owner = await factory.AddPersonAsync("Eigenaar Klaar", PortalRole.Director);
        var due = Thursday();
        var done = await CreateActionAsync(owner.Id, due);
        var dropped = await CreateActionAsync(owner.Id, due);
        await using (var manager = await factory.AsAsync(ServiceManager))
        {
            var service = manager.Get<ActionService>();
            foreach (var (id, status) in new[] { (done, ActionStatus.Done), (dropped, ActionStatus.Dropped) })
                await service.CheckInAsync(new CheckInInput
                {
                    ActionId = id, On = service.Today, Note = "Afgesloten", NewStatus = status,
                    DropReason = status == ActionStatus.Dropped ? "Niet meer nodig" : null, Version = (await service.GetAsync(id)).Version,
                });
        }
        await RunAsync(due.AddDays(-3), 10);
        await RunAsync(due.AddDays(1), 10);
        Assert.Empty(await RunsAsync(done));
        Assert.Empty(await RunsAsync(dropped));
        Assert.Empty(await MessagesAsync(done));
        Assert.Empty(await MessagesAsync(dropped));
    }

    [Fact]
    public async Task An_owner_who_switched_due_soon_off_gets_only_the_overdue_one_and_with_the_feature_off_nothing_is_decided()
    {
        var owner = await factory.AddPersonAsync("Eigenaar Uit", PortalRole.Director);
        await using (var me = await factory.AsAsync(owner.Email))
        {
            var settings = me.Get<NoticeSettingsService>();
            var mine = await settings.GetMineAsync();
            Assert.True(mine.Kinds[NoticeKind.ActionDueSoon]);
            mine.Kinds[NoticeKind.ActionDueSoon] = false;
            await settings.SaveMineAsync(mine);
        }
        var due = Thursday();
        var id = await CreateActionAsync(owner.Id, due);

        // Switched off for the whole portal: nothing is decided, so nothing waits to go out later either.
        await RunAsync(due.AddDays(-3), 10, configure: o => o.ActionReminders.Enabled = false);
        await RunAsync(due.AddDays(1), 10, configure: o => o.ActionReminders.Enabled = false);
        Assert.Empty(await RunsAsync(id));

        await RunAsync(due.AddDays(-3), 10);
        await RunAsync(due.AddDays(1), 10);
        Assert.Equal([NoticeKind.ActionOverdue], await MessagesAsync(id));
    }

    [Fact]
    public async Task Two_instances_running_at_the_same_moment_queue_each_reminder_once()
    {
        var owner = await factory.AddPersonAsync("Eigenaar Dubbel", PortalRole.Director);
        var due = Thursday();
        var ids = new List<int>();
        for (var i = 0; i < 6; i++) ids.Add(await CreateActionAsync(owner.Id, due));

        for (var round = 0; round < 3; round++)
            await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => RunAsync(due.AddDays(-3), 10, round))));
        foreach (var id in ids)
        {
            Assert.Equal([(NoticeKind.ActionDueSoon, due, owner.Id)], await RunsAsync(id));
            Assert.Equal([NoticeKind.ActionDueSoon], await MessagesAsync(id));
        }
    }

    [Fact]
    public async Task A_moved_due_date_or_a_new_owner_is_reminded_again()
    {
        var first = await factory.AddPersonAsync("Eigenaar Eerst", PortalRole.Director);
        var second = await factory.AddPersonAsync("Eigenaar Daarna", PortalRole.Director);
        var due = Thursday();
        var id = await CreateActionAsync(first.Id, due);
        await RunAsync(due.AddDays(-3), 10);

        // Postponed by a week: nothing about the old date (not overdue on the Friday), a new due-soon three days before the new one.
        var later = due.AddDays(7);
        await ReviseAsync(id, i => i.DueOn = later);
        await RunAsync(due.AddDays(1), 10);
        await RunAsync(later.AddDays(-3), 10);
        Assert.Equal([(NoticeKind.ActionDueSoon, due, first.Id), (NoticeKind.ActionDueSoon, later, first.Id)], await RunsAsync(id));

        // Handed to someone else: the new owner hears of the same due date too; the first owner not again.
        await ReviseAsync(id, i => i.OwnerPersonId = second.Id);
        await RunAsync(later.AddDays(-2), 10);
        Assert.Equal([(NoticeKind.ActionDueSoon, due, first.Id), (NoticeKind.ActionDueSoon, later, first.Id), (NoticeKind.ActionDueSoon, later, second.Id)],
            await RunsAsync(id));
    }

    [Fact]
    public async Task A_reminder_queued_before_its_action_was_closed_or_moved_is_not_sent()
    {
        var owner = await factory.AddPersonAsync("Eigenaar Tussendoor", PortalRole.Director);
        var due = Thursday();
        var closed = await CreateActionAsync(owner.Id, due);
        var moved = await CreateActionAsync(owner.Id, due);
        var kept = await CreateActionAsync(owner.Id, due);
        await RunAsync(due.AddDays(-3), 10);
        foreach (var id in new[] { closed, moved, kept }) Assert.Equal([NoticeKind.ActionDueSoon], await MessagesAsync(id));

        // Between queueing and sending: one action done, one postponed by a week.
        await using (var manager = await factory.AsAsync(ServiceManager))
        {
            var service = manager.Get<ActionService>();
            await service.CheckInAsync(new CheckInInput
            {
                ActionId = closed, On = service.Today, Note = "Al gedaan", NewStatus = ActionStatus.Done, Version = (await service.GetAsync(closed)).Version,
            });
        }
        await ReviseAsync(moved, i => i.DueOn = due.AddDays(7));
        await ReleaseAsync();

        var title = await TitleAsync(kept);
        var mail = (await factory.Smtp.WaitForAsync(m => To(m, owner.Email))).Single();
        Assert.Contains(title, mail.Subject);
        await using var db = factory.NewDbContext();
        foreach (var id in new[] { closed, moved })
        {
            var marker = $"\"actionId\":{id},";
            await WaitUntilAsync(async () => await db.OutboxMessages.AsNoTracking().AnyAsync(m => m.Payload.Contains(marker) && m.Status == OutboxStatus.Cancelled));
        }
        Assert.Single(factory.Smtp.To(owner.Email));
    }

    [Fact]
    public async Task The_mail_reaches_the_owner_in_their_language_with_the_link_to_the_action_and_names_no_one_else()
    {
        var dutch = await factory.AddPersonAsync("Eigenaar Nederlands", PortalRole.Director);
        var english = await factory.AddPersonAsync("Owner English", PortalRole.Director);
        foreach (var (person, language) in new[] { (dutch, "nl"), (english, "en") })
        {
            await using var me = await factory.AsAsync(person.Email);
            var settings = me.Get<NoticeSettingsService>();
            var mine = await settings.GetMineAsync();
            mine.Language = language;
            await settings.SaveMineAsync(mine);
        }
        var due = Thursday();
        var nl = await CreateActionAsync(dutch.Id, due);
        var en = await CreateActionAsync(english.Id, due);
        string title, unit, manager;
        await using (var db = factory.NewDbContext())
        {
            title = await db.ImprovementActions.Where(a => a.Id == nl).Select(a => a.Title).SingleAsync();
            unit = await db.OrgUnits.Where(u => db.ImprovementActions.Any(a => a.Id == nl && a.UnitId == u.Id)).Select(u => u.Name).SingleAsync();
            manager = await db.People.Where(p => p.Email == ServiceManager).Select(p => p.Name).SingleAsync();
        }
        await RunAsync(due.AddDays(1), 10);
        await ReleaseAsync();

        var dueNl = due.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("nl"));
        var dueEn = due.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en"));
        var toDutch = (await factory.Smtp.WaitForAsync(m => To(m, dutch.Email))).Single();
        Assert.Equal($"Actie te laat: {title}", toDutch.Subject);
        Assert.Contains($"Hallo {dutch.Name},", toDutch.TextBody);
        Assert.Contains($"was {due.ToString("dddd", CultureInfo.GetCultureInfo("nl"))} {dueNl}", toDutch.TextBody);
        Assert.Contains($"{MailPortal.PortalUrl}/actions/{nl}", toDutch.TextBody);
        Assert.Contains($"href=\"{MailPortal.PortalUrl}/actions/{nl}\"", toDutch.HtmlBody);
        Assert.Contains("Je ontvangt deze e-mail omdat je eigenaar bent van deze actie.", toDutch.TextBody);
        Assert.Contains(OrganisationDemoSeed.CompanyName, toDutch.TextBody);
        Assert.Contains(unit, toDutch.TextBody);
        Assert.Contains("Norm: ", toDutch.TextBody);
        Assert.Contains("unsubscribe", toDutch.Headers["List-Unsubscribe"] ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain(manager, toDutch.TextBody);

        var toEnglish = (await factory.Smtp.WaitForAsync(m => To(m, english.Email))).Single();
        Assert.StartsWith("Action overdue: ", toEnglish.Subject);
        Assert.Contains($"was due on {due.ToString("dddd", CultureInfo.GetCultureInfo("en"))} {dueEn}", toEnglish.TextBody);
        Assert.Contains($"{MailPortal.PortalUrl}/actions/{en}", toEnglish.TextBody);
        Assert.Contains("You receive this e-mail because you own this action.", toEnglish.TextBody);
        Assert.Contains("Standard: ", toEnglish.TextBody);
        Assert.DoesNotContain(manager, toEnglish.TextBody);
    }

    [Fact]
    public async Task A_reminder_of_an_engagement_action_names_its_unit_and_item_and_no_figure_or_person()
    {
        var owner = await factory.AddPersonAsync("Eigenaar Betrokken", PortalRole.Director);
        var due = Thursday();
        int id;
        string creator;
        await using (var db = factory.NewDbContext())
        {
            // A demo action started from an engagement cell, handed (in the database) to the test's owner with a due date ahead.
            var action = await db.ImprovementActions.AsNoTracking().Where(a => a.Cause.Kind == ActionCauseKind.Engagement).OrderBy(a => a.Id).FirstAsync();
            id = action.Id;
            creator = await db.People.Where(p => p.Id == action.CreatedByPersonId).Select(p => p.Name).SingleAsync();
            await db.ImprovementActions.Where(a => a.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(a => a.OwnerPersonId, owner.Id).SetProperty(a => a.DueOn, due).SetProperty(a => a.Status, ActionStatus.InProgress));
        }
        await RunAsync(due.AddDays(-3), 10);
        await ReleaseAsync();

        var mail = (await factory.Smtp.WaitForAsync(m => To(m, owner.Email))).Single();
        await using (var db = factory.NewDbContext())
        {
            var action = await db.ImprovementActions.AsNoTracking().SingleAsync(a => a.Id == id);
            var question = await db.PulseQuestions.AsNoTracking().SingleAsync(q => q.Id == action.Cause.QuestionId);
            var unit = await db.OrgUnits.Where(u => u.Id == action.Cause.UnitId).Select(u => u.Name).SingleAsync();
            Assert.Contains($"Betrokkenheid: {question.TextFor("nl")} ({unit}, {action.Cause.Quarter})", mail.TextBody);
        }
        Assert.DoesNotContain("%", mail.TextBody);
        Assert.DoesNotContain(creator, mail.TextBody);
        Assert.DoesNotContain(creator, mail.HtmlBody);
    }

    // ------------------------------------------------------------------ helpers

    /// <summary>The first Thursday at least five weeks from today: far enough that the portal's own job leaves it alone.</summary>
    private static DateOnly Thursday()
    {
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(35);
        while (day.DayOfWeek != DayOfWeek.Thursday) day = day.AddDays(1);
        return day;
    }

    /// <summary>Runs the job as one instance would at <paramref name="day"/> <paramref name="hour"/>:<paramref name="minute"/> in Amsterdam.</summary>
    private async Task RunAsync(DateOnly day, int hour, int minute = 0, Action<MailOptions>? configure = null)
    {
        var local = day.ToDateTime(new TimeOnly(hour, minute));
        var clock = new FakeTimeProvider(new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, Amsterdam), TimeSpan.Zero));
        await using var scope = SystemScope.Create(factory.Services);
        var services = scope.ServiceProvider;
        var options = services.GetRequiredService<MailOptions>();
        if (configure is not null)
        {
            var copy = new MailOptions { Reminders = options.Reminders, ActionReminders = new ActionReminderOptions
            {
                Enabled = options.ActionReminders.Enabled, DaysBefore = options.ActionReminders.DaysBefore, LateDays = options.ActionReminders.LateDays,
            } };
            configure(copy);
            options = copy;
        }
        var job = new ActionReminders(services.GetRequiredService<IPortalDbFactory>(), services.GetRequiredService<ActionCauses>(), options,
            services.GetRequiredService<OutboxSignal>(), clock);
        await job.SendDueAsync();
    }

    /// <summary>
    /// The job ran on a clock weeks ahead, so its messages wait until then; the outbox worker runs on the real clock. Makes
    /// them due now and wakes the worker.
    /// </summary>
    private async Task ReleaseAsync()
    {
        var now = DateTime.UtcNow;
        await using (var db = factory.NewDbContext())
            await db.OutboxMessages.Where(m => (m.Kind == NoticeKind.ActionDueSoon || m.Kind == NoticeKind.ActionOverdue) && m.Status == OutboxStatus.Queued
                    && m.NextAttemptAtUtc > now).ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAtUtc, now));
        factory.Services.GetRequiredService<OutboxSignal>().Notify();
    }

    private async Task<string> TitleAsync(int actionId)
    {
        await using var db = factory.NewDbContext();
        return await db.ImprovementActions.Where(a => a.Id == actionId).Select(a => a.Title).SingleAsync();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("The outbox did not settle the message within 60 s.");
            await Task.Delay(100);
        }
    }

    private async Task<List<(NoticeKind Kind, DateOnly DueOn, int PersonId)>> RunsAsync(int actionId)
    {
        await using var db = factory.NewDbContext();
        return (await db.ActionReminderRuns.AsNoTracking().Where(r => r.ActionId == actionId).ToListAsync())
            .OrderBy(r => r.SentAtUtc).ThenBy(r => r.PersonId).Select(r => (r.Kind, r.DueOn, r.PersonId)).ToList();
    }

    private async Task<List<NoticeKind>> MessagesAsync(int actionId)
    {
        await using var db = factory.NewDbContext();
        var marker = $"\"actionId\":{actionId},";
        return (await db.OutboxMessages.AsNoTracking().Where(m => (m.Kind == NoticeKind.ActionDueSoon || m.Kind == NoticeKind.ActionOverdue) && m.Payload.Contains(marker))
            .ToListAsync()).OrderBy(m => m.Id).Select(m => m.Kind).ToList();
    }

    private async Task<int> CreateActionAsync(int ownerId, DateOnly due)
    {
        await using var manager = await factory.AsAsync(ServiceManager);
        var service = manager.Get<ActionService>();
        var form = await service.NewAsync(await RedStandardAsync());
        var input = form.Input;
        input.Title = $"Herinneractie {Guid.NewGuid():N}"[..24];
        input.OwnerPersonId = ownerId;
        input.DueOn = due;
        return await service.CreateAsync(input);
    }

    private async Task ReviseAsync(int id, Action<ActionInput> change)
    {
        await using var manager = await factory.AsAsync(ServiceManager);
        var service = manager.Get<ActionService>();
        var detail = await service.GetAsync(id);
        var input = new ActionInput
        {
            Id = id, Title = detail.Action.Title, Description = detail.Description, UnitId = detail.Action.UnitId,
            OwnerPersonId = detail.Action.OwnerPersonId, DueOn = detail.Action.DueOn, Version = detail.Version,
        };
        change(input);
        await service.UpdateAsync(input);
    }

    /// <summary>A standard of Klantenservice that was red in the last closed quarter.</summary>
    private async Task<ActionCauseRef> RedStandardAsync()
    {
        await using var db = factory.NewDbContext();
        var unitId = await db.OrgUnits.Where(u => u.Name == "Klantenservice").Select(u => u.Id).SingleAsync();
        var quarter = Domain.Common.Quarter.Of(DateTime.UtcNow).Previous;
        foreach (var standard in await db.ServiceStandards.Include(s => s.Versions).Where(s => s.OwnerUnitId == unitId && s.Status == StandardStatus.Active).ToListAsync())
        {
            var result = await db.StandardResults.FirstOrDefaultAsync(r => r.StandardId == standard.Id && r.QuarterKey == quarter.Key);
            if (result is not null && standard.Judge(quarter, result.ActualValue) == RagStatus.Red) return ActionCauseRef.OfStandard(standard.Id, quarter);
        }
        throw new InvalidOperationException($"No red standard in Klantenservice in {quarter}.");
    }

    private static bool To(MimeMessage message, string email) =>
        message.To.Mailboxes.Any(m => string.Equals(m.Address, email, StringComparison.OrdinalIgnoreCase));
}

public sealed class ActionReminderTests_Sqlite(SqliteMailPortal factory) : ActionReminderTests(factory), IClassFixture<SqliteMailPortal>;
public sealed class ActionReminderTests_PostgreSql(PostgreSqlMailPortal factory) : ActionReminderTests(factory), IClassFixture<PostgreSqlMailPortal>;
