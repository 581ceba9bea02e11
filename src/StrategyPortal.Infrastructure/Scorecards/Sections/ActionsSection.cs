using StrategyPortal.Application.Actions;
using StrategyPortal.Application.Localization;
using StrategyPortal.Application.Scorecards;
using StrategyPortal.Domain.Actions;
using StrategyPortal.Infrastructure.Pdf;
using static StrategyPortal.Application.Scorecards.ScorecardFormat;
using static StrategyPortal.Infrastructure.Scorecards.Sections.ScorecardLook;

namespace StrategyPortal.Infrastructure.Scorecards.Sections;

/// <summary>
/// The quarter's actions of the scope as they stood at the quarter's end: completed (with their result impact), overdue
/// and open. A snapshot from before actions existed has none and shows no such page.
/// </summary>
internal sealed class ActionsSection(ScorecardComposition composition) : ScorecardSection(composition)
{
    public override void Compose()
    {
        if (Data.Actions is not { } actions) return;
        Section(T("actions.title"), T("actions.intro", Data.Quarter));
        var completed = actions.In(ScorecardActionState.Completed);
        var overdue = actions.In(ScorecardActionState.Overdue);
        var open = actions.In(ScorecardActionState.Open);
        Add(new KeyFigures([
            new KeyFigure(T("actions.completed"), Count(completed.Count, Culture), T("actions.improved", completed.Count(a => a.Verdict == ImpactVerdict.Improved)), GreenInk),
            new KeyFigure(T("actions.overdue"), Count(overdue.Count, Culture), null, overdue.Count > 0 ? RedInk : GreyInk),
            new KeyFigure(T("actions.open"), Count(open.Count, Culture), null, Navy),
        ]) { SpaceAfter = 12f });
        if (actions.Items.Count == 0)
        {
            Add(new Paragraph(T("actions.none"), Lead));
            return;
        }
        Group(T("actions.completed"), T("actions.none-completed"), completed, done: true);
        Group(T("actions.overdue"), T("actions.none-overdue"), overdue, done: false);
        Group(T("actions.open"), T("actions.none-open"), open, done: false);
    }

    private void Group(string title, string none, IReadOnlyList<ScorecardAction> actions, bool done)
    {
        Add(new Heading(title, 2));
        if (actions.Count == 0)
        {
            Add(new Paragraph(none, Lead) { SpaceAfter = 12f });
            return;
        }
        Add(new Table(
            [new(T("col.action"), 3.0f), new(T("col.unit"), 1.7f), new(T("col.owner"), 1.5f), new(done ? T("col.done-on") : T("col.due"), 1.1f),
             new(T("col.status"), 1.1f), new(T("col.impact"), 2.3f)],
            actions.Select(a => new TableRow([
                new TableCell($"{a.Title} — {CauseView.Name(a.CauseKind, a.CauseSubject(Language), Culture)}"),
                a.UnitName,
                a.OwnerName,
                new TableCell(Day(done ? a.ClosedOn ?? a.DueOn : a.DueOn), a.State == ScorecardActionState.Overdue ? RedFill : null,
                    a.State == ScorecardActionState.Overdue ? RedInk : null),
                Terms.Of(a.Status, Culture),
                Impact(a),
            ])).ToList()) { CellStyle = new TextStyle(8.5f), HeaderStyle = new TextStyle(8.5f, true), SpaceAfter = 14f });
    }

    private TableCell Impact(ScorecardAction action) => action.FiguresShown ? action.Verdict switch
    {
        ImpactVerdict.Improved => new TableCell(ImpactText(action), GreenFill, GreenInk),
        ImpactVerdict.Worsened => new TableCell(ImpactText(action), RedFill, RedInk),
        _ => new TableCell(ImpactText(action)),
    } : new TableCell(ImpactText(action), null, GreyInk);
}
