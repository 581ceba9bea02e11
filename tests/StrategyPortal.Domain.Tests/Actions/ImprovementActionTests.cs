using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Actions;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.Domain.Promises;
using StrategyPortal.Domain.Standards;

namespace StrategyPortal.Domain.Tests.Actions;

public class ImprovementActionTests
{
    private static readonly DateOnly Today = new(2026, 12, 7);
    private static readonly DateTime Now = new(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc);
    private static readonly ActionCause RedStandard = ActionCause.ForStandard(1, new Quarter(2026, 3), 70, RagStatus.Red, MetricDirection.HigherIsBetter);

    private static ImprovementAction NewAction(DateOnly? due = null) =>
        new("Wachttijd terug onder de minuut", "", 5, 3, due ?? Today.AddDays(30), RedStandard, 5, Now, Today);

    private static string CodeOf(Action act) => Assert.Throws<DomainException>(act).Code;

    [Fact]
    public void A_new_action_is_planned_and_open()
    {
        var action = NewAction();
        Assert.Equal(ActionStatus.Planned, action.Status);
        Assert.True(action.IsOpen);
        Assert.False(action.IsOverdueOn(Today.AddDays(30)));
        Assert.True(action.IsOverdueOn(Today.AddDays(31)));
        Assert.True(action.IsDueWithin(Today.AddDays(16), 14));
        Assert.False(action.IsDueWithin(Today.AddDays(15), 14));
    }

    [Fact]
    public void Without_owner_or_due_date_or_with_a_due_date_in_the_past_it_is_refused()
    {
        Assert.Equal("action.owner-required", CodeOf(() => new ImprovementAction("T", "", null, 3, Today, RedStandard, 5, Now, Today)));
        Assert.Equal("action.due-required", CodeOf(() => new ImprovementAction("T", "", 5, 3, null, RedStandard, 5, Now, Today)));
        Assert.Equal("action.due-in-past", CodeOf(() => NewAction(Today.AddDays(-1))));
        Assert.Equal("action.title-required", CodeOf(() => new ImprovementAction("  ", "", 5, 3, Today, RedStandard, 5, Now, Today)));
        Assert.Equal("action.title-too-long", CodeOf(() => new ImprovementAction(new string('x', 161), "", 5, 3, Today, RedStandard, 5, Now, Today)));
        NewAction(Today); // due today is fine
    }

    [Fact]
    public void A_due_date_may_stay_in_the_past_but_not_move_there()
    {
        var action = NewAction(Today);
        var later = Today.AddDays(10);
        action.Revise("Nieuwe titel", "", 5, Today, later); // unchanged (now overdue) due date is kept
        Assert.Equal("action.due-in-past", CodeOf(() => action.Revise("Nieuwe titel", "", 5, Today.AddDays(5), later)));
        action.Revise("Nieuwe titel", "", 5, later, later);
        Assert.Equal(later, action.DueOn);
    }

    [Fact]
    public void The_status_moves_forward_through_check_ins_and_a_closed_action_takes_no_more()
    {
        var action = NewAction();
        action.CheckIn(Today, "Gestart met coaching", ActionStatus.InProgress, null, 5, Now, Today);
        Assert.Equal("action.status-move", CodeOf(() => action.CheckIn(Today, "terug", ActionStatus.Planned, null, 5, Now, Today)));
        var done = action.CheckIn(Today, "Afgerond", ActionStatus.Done, null, 5, Now, Today);

        Assert.Equal(ActionStatus.Done, action.Status);
        Assert.Equal(ActionStatus.Done, done.NewStatus);
        Assert.Equal(Today, action.ClosedOn);
        Assert.Equal(2, action.CheckIns.Count);
        Assert.Equal("action.closed", CodeOf(() => action.CheckIn(Today, "nog iets", null, null, 5, Now, Today)));
        Assert.Equal("action.closed", CodeOf(() => action.Revise("T", "", 5, Today, Today)));
    }

    [Fact]
    public void Dropping_needs_a_reason_and_a_note_needs_text_and_a_date_not_in_the_future()
    {
        var action = NewAction();
        Assert.Equal("action.drop-reason-required", CodeOf(() => action.CheckIn(Today, "Stop", ActionStatus.Dropped, " ", 5, Now, Today)));
        Assert.Equal("action.note-required", CodeOf(() => action.CheckIn(Today, "", null, null, 5, Now, Today)));
        Assert.Equal("action.checkin-future", CodeOf(() => action.CheckIn(Today.AddDays(1), "Later", null, null, 5, Now, Today)));
        Assert.Equal(ActionStatus.Planned, action.Status);

        action.CheckIn(Today, "Stop", ActionStatus.Dropped, "Vervangen door het nieuwe belscript", 5, Now, Today);
        Assert.Equal(ActionStatus.Dropped, action.Status);
        Assert.Equal("Vervangen door het nieuwe belscript", action.DropReason);
    }

    [Fact]
    public void A_note_without_a_status_change_keeps_the_status()
    {
        var action = NewAction();
        var checkIn = action.CheckIn(Today, "Eerste overleg gepland", ActionStatus.Planned, null, 5, Now, Today);
        Assert.Null(checkIn.NewStatus);
        Assert.Equal(ActionStatus.Planned, action.Status);
    }

    [Theory]
    [InlineData(RagStatus.Green)]
    [InlineData(RagStatus.NoData)]
    public void A_standard_on_target_or_without_a_result_cannot_be_a_cause(RagStatus rag) =>
        Assert.Equal("action.cause-standard-on-target", CodeOf(() => ActionCause.ForStandard(1, new Quarter(2026, 3), 95, rag, MetricDirection.HigherIsBetter)));

    [Fact]
    public void Only_causes_that_are_off_track_and_shown_can_start_an_action()
    {
        var q = new Quarter(2026, 3);
        Assert.Equal("action.cause-promise-backed", CodeOf(() => ActionCause.ForPromise(1, q, PromiseVerdict.Backed)));
        ActionCause.ForPromise(1, q, PromiseVerdict.AtRisk);
        Assert.Equal("action.cause-hidden", CodeOf(() => ActionCause.ForEngagement(1, q, 2, 3, QuestionKind.Engagement, GroupVisibility.TooFew, null)));
        Assert.Equal("action.cause-hidden", CodeOf(() => ActionCause.ForEngagement(1, q, 2, 3, QuestionKind.Engagement, GroupVisibility.ProtectsSibling, 55)));
        Assert.Equal("action.cause-not-scored", CodeOf(() => ActionCause.ForEngagement(1, q, 2, 3, QuestionKind.FreeText, GroupVisibility.Shown, 55)));
        Assert.Equal("action.cause-no-value", CodeOf(() => ActionCause.ForCustomerScore(2, ServiceChannel.Any, CustomerScoreMeasure.Csat, q, null)));
        Assert.Equal("action.cause-compliment", CodeOf(() => ActionCause.ForSignal(1, 2, ServiceChannel.Chat, SignalKind.Compliment, q, 3)));
    }

    [Fact]
    public void The_reach_of_a_unit_is_its_people_its_managers_above_and_directors()
    {
        // Company 1 → Klantenservice 2 → Webcare 3; Logistiek 4 under the company.
        var tree = new OrgTree([(1, null), (2, 1), (3, 2), (4, 1)]);
        Assert.True(ActionReach.MayOwn(PortalRole.Employee, 2, true, 2, tree));
        Assert.True(ActionReach.MayOwn(PortalRole.Employee, 3, true, 2, tree));   // in a sub-unit
        Assert.False(ActionReach.MayOwn(PortalRole.Employee, 4, true, 2, tree));  // another unit
        Assert.False(ActionReach.MayOwn(PortalRole.Employee, 2, false, 2, tree)); // deactivated
        Assert.True(ActionReach.MayOwn(PortalRole.Manager, 2, true, 3, tree));    // manager above
        Assert.False(ActionReach.MayOwn(PortalRole.Employee, 2, true, 3, tree));  // an employee above is not
        Assert.False(ActionReach.MayOwn(PortalRole.Manager, 4, true, 2, tree));
        Assert.True(ActionReach.MayOwn(PortalRole.Director, 1, true, 4, tree));
    }

    [Theory]
    [InlineData(13, false, false)]
    [InlineData(14, false, true)]
    [InlineData(30, true, false)]
    public void Off_track_is_listed_as_unowned_after_the_grace_days_without_an_action(int days, bool owned, bool listed) =>
        Assert.Equal(listed, UnownedRule.IsUnowned(Today.AddDays(-days), Today, 14, owned));

    [Fact]
    public void An_open_action_owns_its_cause_a_done_one_until_the_next_measurement_a_dropped_one_never()
    {
        var measured = new DateOnly(2026, 10, 6);
        Assert.True(UnownedRule.Owns(ActionStatus.Planned, null, measured));
        Assert.True(UnownedRule.Owns(ActionStatus.InProgress, null, measured));
        Assert.True(UnownedRule.Owns(ActionStatus.Done, measured, measured));            // done after the red result: not measured since
        Assert.False(UnownedRule.Owns(ActionStatus.Done, measured.AddDays(-1), measured)); // done, and red again afterwards
        Assert.False(UnownedRule.Owns(ActionStatus.Dropped, measured.AddDays(5), measured));
    }
}

public class ActionStatusOnTests
{
    [Fact]
    public void The_status_on_a_day_is_the_last_move_on_or_before_it()
    {
        var created = new DateOnly(2026, 7, 1);
        var action = new ImprovementAction("T", "", 5, 3, new DateOnly(2026, 9, 30),
            ActionCause.ForPromise(1, new Quarter(2026, 2), StrategyPortal.Domain.Promises.PromiseVerdict.Unbacked), 5,
            created.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), created);
        action.CheckIn(new DateOnly(2026, 7, 10), "Begonnen", ActionStatus.InProgress, null, 5, DateTime.UtcNow, new DateOnly(2026, 12, 1));
        action.CheckIn(new DateOnly(2026, 8, 1), "Tussenstand", null, null, 5, DateTime.UtcNow, new DateOnly(2026, 12, 1));
        action.CheckIn(new DateOnly(2026, 10, 5), "Klaar", ActionStatus.Done, null, 5, DateTime.UtcNow, new DateOnly(2026, 12, 1));

        Assert.Equal(ActionStatus.Planned, action.StatusOn(new DateOnly(2026, 7, 9)));
        Assert.Equal(ActionStatus.InProgress, action.StatusOn(new DateOnly(2026, 9, 30))); // the end of Q3: not done yet
        Assert.Equal(ActionStatus.Done, action.StatusOn(new DateOnly(2026, 10, 5)));
    }
}
