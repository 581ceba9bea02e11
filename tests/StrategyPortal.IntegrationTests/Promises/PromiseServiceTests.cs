using System.Globalization;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.Localization;
using StrategyPortal.Application.Promises;
using StrategyPortal.Application.Scorecards;
using StrategyPortal.Application.Standards;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Promises;
using StrategyPortal.Domain.Standards;
using StrategyPortal.IntegrationTests.Infrastructure;

namespace StrategyPortal.IntegrationTests.Promises;

/// <summary>
/// Promises, capabilities and signals on a real database, called as the demo people. Each test makes its own capability
/// and promise with unique names, so the tests share the demo company safely.
/// </summary>
public abstract class PromiseServiceTests : IDisposable
{
    private const string Marketer = "manager.marketing@noordlicht.example";
    private const string ServiceManager = "manager.klantenservice@noordlicht.example";
    private const string Director = "directeur@noordlicht.example";
    private const string Employee = "medewerker@noordlicht.example";

    private readonly PortalFactory _factory;
    private readonly CultureInfo _previous = CultureInfo.CurrentUICulture;

    protected PromiseServiceTests(PortalFactory factory)
    {
        _factory = factory;
        CultureInfo.CurrentUICulture = new CultureInfo("en");
    }

    public void Dispose()
    {
        CultureInfo.CurrentUICulture = _previous;
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Unkeepable_promise_is_unbacked_with_reasons_backed_after_the_capability_is_raised_and_at_risk_after_a_complaint_burst()
    {
        var name = Unique("WhatsApp");
        var capabilityId = await CreateCapabilityAsync(name, maturity: 2, hours: "Mon-Sat 08:00-22:00");

        int promiseId;
        await using (var marketer = await _factory.AsAsync(Marketer))
        {
            var service = marketer.Get<PromiseService>();
            var input = await service.NewAsync();
            input.Claim = Unique("24/7 bereikbaar via WhatsApp");
            input.Channels = [ServiceChannel.Chat];
            input.Campaign = "Altijd dichtbij";
            input.Requirements = [new RequirementInput { CapabilityId = capabilityId, MinMaturity = 3, Channels = [ServiceChannel.Chat], Hours = "24/7", CapacityPerDay = 300 }];
            promiseId = await service.CreateAsync(input);

            var detail = await service.GetAsync(promiseId);
            Assert.Equal(PromiseVerdict.Unbacked, detail.Promise.Verdict);
            Assert.Equal([$"requires Processes maturity 3; {name} is at 2", $"requires Chat 24/7; {name} covers Chat Mon-Sat 08:00-22:00"], detail.Promise.Reasons);
            Assert.True(detail.Promise.Flagged);
            Assert.Contains(await service.GetNoticesAsync(), n => n.PromiseId == promiseId);
        }

        await using (var manager = await _factory.AsAsync(ServiceManager))
        {
            // the service unit manager is told too, because the promise leans on a capability of their unit
            Assert.Contains(await manager.Get<PromiseService>().GetNoticesAsync(), n => n.PromiseId == promiseId);
            var capabilities = manager.Get<CapabilityService>();
            var input = CapabilityInput.From((await capabilities.ListAsync()).Single(c => c.Id == capabilityId));
            input.Maturity = 3;
            input.Hours = "24/7";
            await capabilities.UpdateAsync(input);
        }

        await using (var marketer = await _factory.AsAsync(Marketer))
        {
            var detail = await marketer.Get<PromiseService>().GetAsync(promiseId);
            Assert.Equal(PromiseVerdict.Backed, detail.Promise.Verdict);
            Assert.Empty(detail.Promise.Reasons);
        }

        await using (var employee = await _factory.AsAsync(Employee))
        {
            var signals = employee.Get<SignalService>();
            var log = await signals.NewAsync();
            log.Count = 6;
            log.Text = "Geen antwoord 's nachts";
            log.PromiseId = promiseId;
            log.Channel = ServiceChannel.Chat;
            await signals.LogAsync(log);
            log.Count = 4;
            log.Forward = true;
            await signals.LogAsync(log);
        }

        await using (var director = await _factory.AsAsync(Director))
        {
            var service = director.Get<PromiseService>();
            var board = await service.GetBoardAsync(new PromiseBoardQuery { Verdict = PromiseVerdict.AtRisk, PageSize = 200 });
            var row = Assert.Single(board.Page.Items, r => r.Id == promiseId);
            // 6 + 4 = 10 complaints, the default threshold
            Assert.Equal([$"10 complaints about this promise in {service.CurrentQuarter} (threshold 10)"], row.Reasons);
            var history = (await service.GetAsync(promiseId)).History;
            Assert.Equal(PromiseVerdict.AtRisk, Assert.Single(history).Verdict);
        }

        await using (var marketer = await _factory.AsAsync(Marketer))
        {
            var signals = marketer.Get<SignalService>();
            var inbox = await signals.ListAsync(new SignalQuery { PromiseId = promiseId });
            // marketing sees only what service forwarded, and may acknowledge it
            var forwarded = Assert.Single(inbox.Items);
            Assert.True(forwarded.CanAcknowledge);
            await signals.AcknowledgeAsync(forwarded.Id, forwarded.Version);
            Assert.NotNull((await signals.ListAsync(new SignalQuery { PromiseId = promiseId })).Items.Single().AcknowledgedAtUtc);
        }
    }

    [Fact]
    public async Task A_red_standard_result_puts_a_backed_promise_at_risk()
    {
        int standardId;
        var quarter = Quarter.Of(DateTime.UtcNow);
        var title = Unique("Reply on social media within 1 hour");
        await using (var manager = await _factory.AsAsync(ServiceManager))
        {
            standardId = await manager.Get<StandardsService>().CreateAsync(new StandardInput
            {
                OwnerUnitId = await UnitIdAsync("Webcare"), Title = title, Description = "d", Aspect = ServiceAspect.Behaviour,
                Channel = ServiceChannel.SocialMedia, Metric = "% within an hour", Unit = MetricUnit.Percent, Direction = MetricDirection.HigherIsBetter,
                Target = 90, EffectiveQuarter = quarter,
            });
        }
        var capabilityId = await CreateCapabilityAsync(Unique("Social"), maturity: 4, hours: "24/7");
        var promiseId = await CreatePromiseAsync(capabilityId, standardIds: [standardId]);

        await using (var manager = await _factory.AsAsync(ServiceManager))
            await manager.Get<StandardsService>().RecordResultAsync(new ResultInput { StandardId = standardId, Quarter = quarter, Value = 50 });

        await using var marketer = await _factory.AsAsync(Marketer);
        var detail = await marketer.Get<PromiseService>().GetAsync(promiseId);
        Assert.Equal(PromiseVerdict.AtRisk, detail.Promise.Verdict);
        Assert.Equal([$"standard '{title}' is off target in {quarter}"], detail.Promise.Reasons);
    }

    [Fact]
    public async Task Raising_a_capability_changes_the_current_quarter_only_and_leaves_an_ended_promises_verdict_as_it_was()
    {
        var capabilityId = await CreateCapabilityAsync(Unique("History"), maturity: 2, hours: "24/7");
        var now = Quarter.Of(DateTime.UtcNow);
        var previous = now.Previous;
        // ended last quarter, and live since last quarter: both unbacked then (maturity 3 required, 2 available)
        var ended = await CreatePromiseAsync(capabilityId, standardIds: [], liveFrom: previous.Start, liveTo: previous.End);
        var live = await CreatePromiseAsync(capabilityId, standardIds: [], liveFrom: previous.Start);
        Assert.Equal([(previous, PromiseVerdict.Unbacked)], await VerdictsAsync(ended));
        Assert.Equal([(now, PromiseVerdict.Unbacked), (previous, PromiseVerdict.Unbacked)], await VerdictsAsync(live));

        await using (var manager = await _factory.AsAsync(ServiceManager))
        {
            var capabilities = manager.Get<CapabilityService>();
            var input = CapabilityInput.From((await capabilities.ListAsync()).Single(c => c.Id == capabilityId));
            input.Maturity = 3;
            await capabilities.UpdateAsync(input);
        }

        // today's capability says nothing about last quarter: only the current quarter turns backed
        Assert.Equal([(previous, PromiseVerdict.Unbacked)], await VerdictsAsync(ended));
        Assert.Equal([(now, PromiseVerdict.Backed), (previous, PromiseVerdict.Unbacked)], await VerdictsAsync(live));
    }

    [Fact]
    public async Task A_standard_changed_from_last_quarter_on_recolours_last_quarters_verdict_too()
    {
        var now = Quarter.Of(DateTime.UtcNow);
        var previous = now.Previous;
        var (standardId, title) = await CreateStandardAsync(previous); // 90% or more, amber from 81%
        await using (var manager = await _factory.AsAsync(ServiceManager))
        {
            var standards = manager.Get<StandardsService>();
            await standards.RecordResultAsync(new ResultInput { StandardId = standardId, Quarter = previous, Value = 50 });
            await standards.RecordResultAsync(new ResultInput { StandardId = standardId, Quarter = now, Value = 95 });
        }
        var capabilityId = await CreateCapabilityAsync(Unique("Standard"), maturity: 4, hours: "24/7");
        var promiseId = await CreatePromiseAsync(capabilityId, standardIds: [standardId], liveFrom: previous.Start);
        Assert.Equal([(now, PromiseVerdict.Backed), (previous, PromiseVerdict.AtRisk)], await VerdictsAsync(promiseId));
        await using (var marketer = await _factory.AsAsync(Marketer))
            Assert.Equal([$"standard '{title}' is off target in {previous}"],
                (await marketer.Get<PromiseService>().GetAsync(promiseId)).History.Single(h => h.Quarter == previous).Reasons);

        await using (var manager = await _factory.AsAsync(ServiceManager))
        {
            var standards = manager.Get<StandardsService>();
            // target 40 from last quarter on: 50 is green there
            await standards.RetargetAsync(standardId, await StandardVersionAsync(standardId), 40, previous);
            Assert.Equal([(now, PromiseVerdict.Backed), (previous, PromiseVerdict.Backed)], await VerdictsAsync(promiseId));

            // target 60 from last quarter on (amber from 54): 50 is red again, 95 stays green
            await standards.UpdateAsync(new StandardInput
            {
                Id = standardId, Version = await StandardVersionAsync(standardId), OwnerUnitId = await UnitIdAsync("Webcare"), Title = title, Description = "d",
                Aspect = ServiceAspect.Behaviour, Channel = ServiceChannel.SocialMedia, Metric = "% within an hour", Unit = MetricUnit.Percent,
                Direction = MetricDirection.HigherIsBetter, Target = 60, EffectiveQuarter = previous,
            });
            Assert.Equal([(now, PromiseVerdict.Backed), (previous, PromiseVerdict.AtRisk)], await VerdictsAsync(promiseId));

            // retired from last quarter on: a standard not in force is not red
            await standards.SetStatusAsync(standardId, StandardStatus.Retired, previous, await StandardVersionAsync(standardId));
            Assert.Equal([(now, PromiseVerdict.Backed), (previous, PromiseVerdict.Backed)], await VerdictsAsync(promiseId));
        }
    }

    [Fact]
    public async Task A_results_import_rechecks_the_promises_that_need_the_standard_in_the_imported_quarters()
    {
        var now = Quarter.Of(DateTime.UtcNow);
        var previous = now.Previous;
        var (standardId, title) = await CreateStandardAsync(previous);
        var capabilityId = await CreateCapabilityAsync(Unique("Import"), maturity: 4, hours: "24/7");
        var promiseId = await CreatePromiseAsync(capabilityId, standardIds: [standardId], liveFrom: previous.Start);
        Assert.Equal([(now, PromiseVerdict.Backed), (previous, PromiseVerdict.Backed)], await VerdictsAsync(promiseId));

        await using (var manager = await _factory.AsAsync(ServiceManager))
        {
            using var csv = new MemoryStream(System.Text.Encoding.UTF8.GetBytes($"unit;standard;quarter;value\nWebcare;{title};{previous};50\nWebcare;{title};{now};95\n"));
            var report = await manager.Get<ResultsImportService>().ImportAsync(csv);
            Assert.Equal((2, 0), (report.Added, report.Errors.Count));
        }

        // 50% against 90% is red last quarter; 95% is green now
        Assert.Equal([(now, PromiseVerdict.Backed), (previous, PromiseVerdict.AtRisk)], await VerdictsAsync(promiseId));
    }

    [Fact]
    public async Task The_logging_unit_corrects_or_withdraws_a_signal_until_it_is_forwarded_and_the_verdicts_follow()
    {
        var capabilityId = await CreateCapabilityAsync(Unique("Signals"), maturity: 4, hours: "24/7");
        var first = await CreatePromiseAsync(capabilityId, standardIds: []);
        var second = await CreatePromiseAsync(capabilityId, standardIds: []);
        var now = Quarter.Of(DateTime.UtcNow);

        // a burst typed as 12 instead of 2: 12 complaints reach the threshold of 10
        int signalId;
        await using (var employee = await _factory.AsAsync(Employee))
        {
            var signals = employee.Get<SignalService>();
            var log = await signals.NewAsync();
            log.Count = 12;
            log.Text = "Geen antwoord";
            log.PromiseId = first;
            signalId = await signals.LogAsync(log);
        }
        Assert.Equal([(now, PromiseVerdict.AtRisk)], await VerdictsAsync(first));
        var row = await SignalRowAsync(Employee, signalId);
        Assert.True(row.CanCorrect);

        // marketing, the director, the administrator and another service unit's employee may not touch it
        foreach (var email in new[] { Marketer, Director, "beheerder@noordlicht.example", await WebcareEmployeeAsync() })
        {
            await using var other = await _factory.AsAsync(email);
            var signals = other.Get<SignalService>();
            var input = SignalInput.From(row);
            input.Count = 2;
            await Assert.ThrowsAsync<ForbiddenException>(() => signals.UpdateAsync(input));
            await Assert.ThrowsAsync<ForbiddenException>(() => signals.DeleteAsync(row.Id, row.Version));
        }

        await using (var employee = await _factory.AsAsync(Employee))
        {
            var signals = employee.Get<SignalService>();
            var input = SignalInput.From(row);
            input.Count = 2;
            input.Text = "Geen antwoord (twee klanten)";
            await signals.UpdateAsync(input);
            Assert.Equal([(now, PromiseVerdict.Backed)], await VerdictsAsync(first));

            // a stale form is a conflict, not a silent overwrite
            await Assert.ThrowsAsync<ConcurrencyConflictException>(() => signals.UpdateAsync(input));
        }

        // the service manager (Klantenservice and Webcare) moves it to the other promise, with the right count after all
        await using (var manager = await _factory.AsAsync(ServiceManager))
        {
            var input = SignalInput.From(await SignalRowAsync(ServiceManager, signalId));
            Assert.Equal((2, "Geen antwoord (twee klanten)"), (input.Count, input.Text));
            input.PromiseId = second;
            input.Count = 12;
            await manager.Get<SignalService>().UpdateAsync(input);
        }
        Assert.Equal([(now, PromiseVerdict.Backed)], await VerdictsAsync(first));
        Assert.Equal([(now, PromiseVerdict.AtRisk)], await VerdictsAsync(second));

        await using (var employee = await _factory.AsAsync(Employee))
        {
            var withdrawn = await SignalRowAsync(Employee, signalId);
            await employee.Get<SignalService>().DeleteAsync(withdrawn.Id, withdrawn.Version);
        }
        Assert.Equal([(now, PromiseVerdict.Backed)], await VerdictsAsync(second));
        await using (var db = _factory.NewDbContext())
        {
            Assert.False(await db.ServiceSignals.AnyAsync(s => s.Id == signalId));
            // the audit log has the whole story: logged, corrected twice, withdrawn
            var key = signalId.ToString(CultureInfo.InvariantCulture);
            Assert.Equal([AuditAction.Created, AuditAction.Changed, AuditAction.Changed, AuditAction.Deleted],
                await db.AuditEntries.Where(a => a.EntityType == nameof(ServiceSignal) && a.EntityId == key).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        }

        // once forwarded, it is part of what marketing was told: no correction, no withdrawal
        await using (var employee = await _factory.AsAsync(Employee))
        {
            var signals = employee.Get<SignalService>();
            var log = await signals.NewAsync();
            log.Text = "Doorgestuurd";
            log.Forward = true;
            var forwarded = await SignalRowAsync(Employee, await signals.LogAsync(log));
            Assert.False(forwarded.CanCorrect);
            var input = SignalInput.From(forwarded);
            input.Count = 3;
            var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => signals.UpdateAsync(input));
            Assert.Equal([Message("signal.forwarded-final")], refused.Errors[""]);
            refused = await Assert.ThrowsAsync<ValidationFailedException>(() => signals.DeleteAsync(forwarded.Id, forwarded.Version));
            Assert.Equal([Message("signal.forwarded-final")], refused.Errors[""]);
        }
    }

    [Fact]
    public async Task Only_the_logging_unit_forwards_a_signal_once_and_only_marketing_acknowledges_it_after_that()
    {
        int signalId;
        await using (var employee = await _factory.AsAsync(Employee))
        {
            var signals = employee.Get<SignalService>();
            var log = await signals.NewAsync();
            log.Kind = SignalKind.Question;
            log.Text = Unique("Kan ik ruilen");
            signalId = await signals.LogAsync(log);
        }
        var row = await SignalRowAsync(Employee, signalId);
        Assert.True(row.CanForward);
        Assert.Null(row.ForwardedAtUtc);

        // marketing cannot see it yet, nor acknowledge it: it was not forwarded
        await using (var marketer = await _factory.AsAsync(Marketer))
        {
            var signals = marketer.Get<SignalService>();
            Assert.DoesNotContain((await signals.ListAsync(new SignalQuery { PageSize = 200 })).Items, s => s.Id == signalId);
            var early = await Assert.ThrowsAsync<ValidationFailedException>(() => signals.AcknowledgeAsync(signalId, row.Version));
            Assert.Equal([Message("signal.not-forwarded")], early.Errors[""]);
        }

        // who may not forward: marketing, the director, the administrator (no unit of theirs logged it), another service unit
        foreach (var email in new[] { Marketer, Director, "beheerder@noordlicht.example", await WebcareEmployeeAsync() })
        {
            await using var other = await _factory.AsAsync(email);
            await Assert.ThrowsAsync<ForbiddenException>(() => other.Get<SignalService>().ForwardAsync(signalId, row.Version));
        }
        await using (var db = _factory.NewDbContext())
            Assert.Null((await db.ServiceSignals.SingleAsync(s => s.Id == signalId)).ForwardedAtUtc);

        await using (var employee = await _factory.AsAsync(Employee))
        {
            var signals = employee.Get<SignalService>();
            await signals.ForwardAsync(signalId, row.Version);
            var forwarded = await SignalRowAsync(Employee, signalId);
            Assert.Equal(("Lotte Visser", false, false), (forwarded.ForwardedByName, forwarded.CanForward, forwarded.CanAcknowledge));
            Assert.NotNull(forwarded.ForwardedAtUtc);

            // once is enough: a second click (from the same, now stale, row or a fresh one) is told it is done already
            foreach (var version in new[] { row.Version, forwarded.Version })
            {
                var again = await Assert.ThrowsAsync<ValidationFailedException>(() => signals.ForwardAsync(signalId, version));
                Assert.Equal([Message("signal.already-forwarded")], again.Errors[""]);
            }
        }

        await using (var marketer = await _factory.AsAsync(Marketer))
        {
            var signals = marketer.Get<SignalService>();
            var seen = (await signals.ListAsync(new SignalQuery { Status = SignalStatus.AwaitingAcknowledgement, PageSize = 200 })).Items.Single(s => s.Id == signalId);
            Assert.True(seen.CanAcknowledge);
            Assert.False(seen.CanForward);
            await signals.AcknowledgeAsync(seen.Id, seen.Version);
            var done = (await signals.ListAsync(new SignalQuery { Status = SignalStatus.Acknowledged, PageSize = 200 })).Items.Single(s => s.Id == signalId);
            Assert.Equal(("Joris Bakker", false), (done.AcknowledgedByName, done.CanAcknowledge));
        }
    }

    [Fact]
    public async Task A_marketing_manager_cannot_edit_or_delete_the_promise_of_another_marketing_unit()
    {
        // a second marketing unit beside Marketing, with a manager of its own and a promise
        string otherManager;
        await using (var admin = await _factory.AsAsync("beheerder@noordlicht.example"))
        {
            var organisation = admin.Get<StrategyPortal.Application.Organisation.OrganisationService>();
            var root = (await organisation.GetUnitsAsync()).Single(u => u.ParentId is null);
            var unitId = await organisation.CreateUnitAsync(new StrategyPortal.Application.Organisation.UnitInput
                { Name = Unique("Online marketing"), Kind = StrategyPortal.Domain.Organisation.OrgUnitKind.Marketing, ParentId = root.Id });
            otherManager = $"online.{Guid.NewGuid():N}@test.example";
            await organisation.CreatePersonAsync(new StrategyPortal.Application.Organisation.PersonInput
                { Name = "Online Manager", Email = otherManager, OrgUnitId = unitId, Role = PortalRole.Manager });
        }
        var capabilityId = await CreateCapabilityAsync(Unique("Other"), maturity: 3, hours: "24/7");
        int theirs;
        await using (var other = await _factory.AsAsync(otherManager))
        {
            var service = other.Get<PromiseService>();
            var input = await service.NewAsync();
            input.Claim = Unique("Online belofte");
            input.Channels = [ServiceChannel.Chat];
            input.Requirements = [new RequirementInput { CapabilityId = capabilityId, MinMaturity = 3 }];
            theirs = await service.CreateAsync(input);
        }
        var mine = await CreatePromiseAsync(capabilityId, standardIds: []);

        await using (var marketer = await _factory.AsAsync(Marketer))
        {
            var service = marketer.Get<PromiseService>();
            var detail = await service.GetAsync(theirs); // marketing reads every promise…
            Assert.False(detail.CanEdit);
            var input = detail.Input.Copy();
            input.Claim = "Overgenomen";
            await Assert.ThrowsAsync<ForbiddenException>(() => service.UpdateAsync(input)); // …but changes only its own units'
            await Assert.ThrowsAsync<ForbiddenException>(() => service.DeleteAsync(theirs, detail.Version));

            // nor hand its own promise to the other unit
            var own = (await service.GetAsync(mine)).Input.Copy();
            own.OwnerUnitId = detail.OwnerUnitId;
            await Assert.ThrowsAsync<ForbiddenException>(() => service.UpdateAsync(own));
        }
        await using (var db = _factory.NewDbContext())
        {
            Assert.StartsWith("Online belofte", await db.MarketingPromises.Where(p => p.Id == theirs).Select(p => p.Claim).SingleAsync());
            Assert.Equal(await UnitIdAsync("Marketing"), await db.MarketingPromises.Where(p => p.Id == mine).Select(p => p.OwnerUnitId).SingleAsync());
        }

        // and the other unit's manager cannot touch Marketing's promise either
        await using (var other = await _factory.AsAsync(otherManager))
        {
            var service = other.Get<PromiseService>();
            var detail = await service.GetAsync(mine);
            Assert.False(detail.CanEdit);
            await Assert.ThrowsAsync<ForbiddenException>(() => service.DeleteAsync(mine, detail.Version));
        }
    }

    [Fact]
    public async Task Bad_input_is_refused_with_the_field_and_reason()
    {
        await using var marketer = await _factory.AsAsync(Marketer);
        var service = marketer.Get<PromiseService>();
        var input = await service.NewAsync();
        input.Claim = Unique("Claim");
        input.Channels = [ServiceChannel.Phone];
        input.Requirements = [new RequirementInput { CapabilityId = 987654, MinMaturity = 3 }];
        var missing = await Assert.ThrowsAsync<ValidationFailedException>(() => service.CreateAsync(input));
        Assert.Equal([Message("promise.capability-unknown")], missing.Errors["Requirements[0].CapabilityId"]);

        var capabilityId = await CreateCapabilityAsync(Unique("Bad"), maturity: 3, hours: "Mon-Fri 08:00-20:00");
        input.Requirements = [new RequirementInput { CapabilityId = capabilityId, MinMaturity = 3, Hours = "Mon 25:00-26:00" }];
        var hours = await Assert.ThrowsAsync<ValidationFailedException>(() => service.CreateAsync(input));
        Assert.Equal([Message("hours.time-invalid")], hours.Errors["Requirements[0].Hours"]);

        input.Requirements = [new RequirementInput { CapabilityId = capabilityId, MinMaturity = 3, Hours = "Fri 22:00-02:00" }];
        input.LiveTo = input.LiveFrom!.Value.AddDays(-1);
        var period = await Assert.ThrowsAsync<ValidationFailedException>(() => service.CreateAsync(input));
        Assert.Equal([Message("promise.live-period")], period.Errors[nameof(PromiseInput.LiveTo)]);

        // an overnight window is fine, and a capability a promise leans on cannot be deleted
        input.LiveTo = null;
        var id = await service.CreateAsync(input);
        await using var manager = await _factory.AsAsync(ServiceManager);
        var capabilities = manager.Get<CapabilityService>();
        var row = (await capabilities.ListAsync()).Single(c => c.Id == capabilityId);
        Assert.Equal([id], row.Promises.Select(p => p.Id));
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => capabilities.DeleteAsync(capabilityId, row.Version));
        Assert.Contains(input.Claim, refused.Errors[""].Single());

        var bad = CapabilityInput.From(row);
        bad.Hours = "Mon-Fri 08:00-08:00";
        var empty = await Assert.ThrowsAsync<ValidationFailedException>(() => capabilities.UpdateAsync(bad));
        Assert.Equal([Message("hours.empty-window")], empty.Errors[nameof(CapabilityInput.Hours)]);
    }

    [Fact]
    public async Task Marketing_edits_promises_service_managers_edit_their_capabilities_employees_see_only_their_unit()
    {
        var capabilityId = await CreateCapabilityAsync(Unique("Scope"), maturity: 3, hours: "");

        await using (var manager = await _factory.AsAsync(ServiceManager))
        {
            // a service manager reads promises but registers none: they manage no marketing unit
            var promises = manager.Get<PromiseService>();
            Assert.Empty(await promises.GetOwnerUnitsAsync());
            var input = new PromiseInput { Claim = "x", Channels = [ServiceChannel.Phone], OwnerUnitId = await UnitIdAsync("Marketing"), LiveFrom = DateOnly.FromDateTime(DateTime.UtcNow) };
            await Assert.ThrowsAsync<ForbiddenException>(() => promises.CreateAsync(input));
            await Assert.ThrowsAsync<ForbiddenException>(() => manager.Get<SignalService>().AcknowledgeAsync(1, 1));
        }

        await using (var marketer = await _factory.AsAsync(Marketer))
        {
            var capabilities = marketer.Get<CapabilityService>();
            var row = (await capabilities.ListAsync()).Single(c => c.Id == capabilityId);
            Assert.False(row.CanEdit);
            var input = CapabilityInput.From(row);
            input.Maturity = 5;
            await Assert.ThrowsAsync<ForbiddenException>(() => capabilities.UpdateAsync(input));
        }

        await using (var director = await _factory.AsAsync(Director))
        {
            Assert.NotEmpty((await director.Get<PromiseService>().GetBoardAsync(new PromiseBoardQuery())).Page.Items);
            await Assert.ThrowsAsync<ForbiddenException>(() => director.Get<CapabilityService>().CreateAsync(new CapabilityInput { Name = "x", OwnerUnitId = 1 }));
        }

        await using (var employee = await _factory.AsAsync(Employee))
        {
            await Assert.ThrowsAsync<ForbiddenException>(() => employee.Get<PromiseService>().GetBoardAsync(new PromiseBoardQuery()));
            var own = await UnitIdAsync("Klantenservice");
            var visible = await employee.Get<CapabilityService>().ListAsync();
            Assert.NotEmpty(visible);
            Assert.All(visible, c => Assert.Equal(own, c.OwnerUnitId));
            Assert.DoesNotContain(visible, c => c.Id == capabilityId); // that one is Webcare's
            await Assert.ThrowsAsync<ForbiddenException>(() => employee.Get<CapabilityService>().UpdateAsync(new CapabilityInput { Id = capabilityId }));
        }
    }

    [Fact]
    public async Task Scorecard_source_reads_verdicts_and_history_without_a_signed_in_user()
    {
        await using var anonymous = _factory.AsAnonymous();
        var source = anonymous.Get<IScorecardPromiseSource>();
        Assert.IsType<PromiseScorecardSource>(source);
        var now = Quarter.Of(DateTime.UtcNow);
        var first = now.Previous.Previous.Previous.Previous.Previous.Previous.Previous;
        var company = await source.GetAsync(now, null, first);

        Assert.Equal(8, company.History.Count);
        var whatsapp = company.Promises.Single(p => p.Claim == "24/7 bereikbaar via WhatsApp");
        Assert.Equal(PromiseVerdict.Unbacked, whatsapp.Verdict);
        Assert.Equal(PromiseVerdict.Unbacked, whatsapp.PreviousQuarterVerdict);
        Assert.Equal(4, whatsapp.LinkedComplaints);
        Assert.Contains(whatsapp.Reasons, r => r.StartsWith("requires Chat 24/7;", StringComparison.Ordinal));
        // the demo's first quarter: only "call back within an hour" was live, and service could keep it
        Assert.Equal(new PromiseVerdictCount(first, 1, 0, 0), company.History[0]);

        // Logistiek's capability (Saturday delivery) carries two demo promises; the WhatsApp promise leans on Webcare only
        var logistiek = await source.GetAsync(now, await UnitIdAsync("Logistiek"), first);
        Assert.Contains(logistiek.Promises, p => p.Claim == "Op zaterdag om 15.00 uur bezorgd");
        Assert.DoesNotContain(logistiek.Promises, p => p.Claim == "24/7 bereikbaar via WhatsApp");
        var saturday = logistiek.Promises.Single(p => p.Claim == "Op zaterdag om 15.00 uur bezorgd");
        Assert.Equal((PromiseVerdict.AtRisk, PromiseVerdict.Backed, 12), (saturday.Verdict, saturday.PreviousQuarterVerdict, saturday.LinkedComplaints));
    }

    private async Task<int> CreateCapabilityAsync(string name, int maturity, string hours)
    {
        await using var manager = await _factory.AsAsync(ServiceManager);
        return await manager.Get<CapabilityService>().CreateAsync(new CapabilityInput
        {
            Name = name, OwnerUnitId = await UnitIdAsync("Webcare"), Area = CapabilityArea.Processes, Maturity = maturity,
            Channels = [ServiceChannel.Chat, ServiceChannel.SocialMedia], Hours = hours, CapacityPerDay = 400,
        });
    }

    private async Task<int> CreatePromiseAsync(int capabilityId, List<int> standardIds, DateOnly? liveFrom = null, DateOnly? liveTo = null)
    {
        await using var marketer = await _factory.AsAsync(Marketer);
        var service = marketer.Get<PromiseService>();
        var input = await service.NewAsync();
        input.LiveFrom = liveFrom ?? input.LiveFrom;
        input.LiveTo = liveTo;
        input.Claim = Unique("Belofte");
        input.Channels = [ServiceChannel.SocialMedia];
        input.RequiredStandardIds = standardIds;
        input.Requirements = [new RequirementInput { CapabilityId = capabilityId, MinMaturity = 3 }];
        return await service.CreateAsync(input);
    }

    private async Task<SignalRow> SignalRowAsync(string email, int signalId)
    {
        await using var person = await _factory.AsAsync(email);
        return (await person.Get<SignalService>().ListAsync(new SignalQuery { PageSize = 200 })).Items.Single(s => s.Id == signalId);
    }

    private async Task<string> WebcareEmployeeAsync()
    {
        await using var db = _factory.NewDbContext();
        var webcare = await UnitIdAsync("Webcare");
        return await db.People.Where(p => p.OrgUnitId == webcare && p.Role == PortalRole.Employee).Select(p => p.Email).FirstAsync();
    }

    /// <summary>A Webcare standard in force from <paramref name="from"/>: 90% or more of social media replies within an hour.</summary>
    private async Task<(int Id, string Title)> CreateStandardAsync(Quarter from)
    {
        var title = Unique("Reply within the hour");
        await using var manager = await _factory.AsAsync(ServiceManager);
        var id = await manager.Get<StandardsService>().CreateAsync(new StandardInput
        {
            OwnerUnitId = await UnitIdAsync("Webcare"), Title = title, Description = "d", Aspect = ServiceAspect.Behaviour,
            Channel = ServiceChannel.SocialMedia, Metric = "% within an hour", Unit = MetricUnit.Percent, Direction = MetricDirection.HigherIsBetter,
            Target = 90, EffectiveQuarter = from,
        });
        return (id, title);
    }

    private async Task<int> StandardVersionAsync(int standardId)
    {
        await using var db = _factory.NewDbContext();
        return await db.ServiceStandards.Where(s => s.Id == standardId).Select(s => s.Version).SingleAsync();
    }

    /// <summary>The stored verdicts of a promise, newest quarter first.</summary>
    private async Task<List<(Quarter, PromiseVerdict)>> VerdictsAsync(int promiseId)
    {
        await using var db = _factory.NewDbContext();
        return (await db.PromiseCheckResults.AsNoTracking().Where(r => r.PromiseId == promiseId).OrderByDescending(r => r.QuarterKey).ToListAsync())
            .Select(r => (r.Quarter, r.Verdict)).ToList();
    }

    private async Task<int> UnitIdAsync(string name)
    {
        await using var db = _factory.NewDbContext();
        return await db.OrgUnits.Where(u => u.Name == name).Select(u => u.Id).SingleAsync();
    }

    private string Message(string key) => _factory.Text<Messages>(key);

    private static string Unique(string prefix) => $"{prefix} {Guid.NewGuid():N}"[..(prefix.Length + 9)];
}

public sealed class PromiseServiceTests_Sqlite(SqliteDemoPortal factory) : PromiseServiceTests(factory), IClassFixture<SqliteDemoPortal>;
public sealed class PromiseServiceTests_PostgreSql(PostgreSqlDemoPortal factory) : PromiseServiceTests(factory), IClassFixture<PostgreSqlDemoPortal>;
