using StrategyPortal.Domain.Common;
using StrategyPortal.Application.Localization;
using StrategyPortal.Application.Scorecards;
using StrategyPortal.Domain.Standards;
using StrategyPortal.Infrastructure.Pdf;
using static StrategyPortal.Application.Scorecards.ScorecardFormat;
using static StrategyPortal.Infrastructure.Scorecards.Sections.ScorecardLook;

namespace StrategyPortal.Infrastructure.Scorecards.Sections;

/// <summary>The closing page: the biggest gaps and who owns them.</summary>
internal sealed class ClosingSection(ScorecardComposition composition) : ScorecardSection(composition)
{
    public override void Compose()
    {
        Section(T("gaps.title"), T("gaps.intro"));
        if (Data.Gaps.Count == 0)
        {
            Add(new Paragraph(T("gaps.none"), Lead));
        }
        for (var i = 0; i < Data.Gaps.Count; i++)
        {
            var gap = Data.Gaps[i];
            Add(new Heading($"{i + 1}. {GapTitle(gap)}", 2) { SpaceAfter = 4f });
            Add(new KeyFigures([new KeyFigure(GapKindText(gap), GapFigure(gap), null, RedInk)]) { SpaceAfter = 6f });
            Add(new Paragraph(T("gaps.owned-by", gap.Owner), new TextStyle(10.5f, true, Navy)) { SpaceAfter = 4f });
            if (Data.Actions is { } actions) GapAction(actions.Find(gap.ActionId));
            Add(new Paragraph(T("gap-advice." + gap.Kind), Lead) { SpaceAfter = 14f });
        }
        Add(new Spacer(10f));
        Add(new Paragraph(T("gaps.method"), Note));
    }

    /// <summary>The gap's action (owner, due date, status, impact so far), or "no action" plainly marked. Old snapshots have no actions and no line.</summary>
    private void GapAction(ScorecardAction? action)
    {
        if (action is null)
        {
            Add(new Paragraph(T("gaps.no-action"), new TextStyle(10.5f, true, RedInk)) { SpaceAfter = 4f });
            return;
        }
        Add(new Paragraph(T("gaps.action", action.Title, action.OwnerName, Day(action.DueOn), Terms.Of(action.Status, Culture)),
            new TextStyle(10f, true, action.State == ScorecardActionState.Overdue ? RedInk : GreenInk)) { SpaceAfter = 2f });
        Add(new Paragraph(T("gaps.action-impact", ImpactText(action)), new TextStyle(10f, Color: Slate)) { SpaceAfter = 4f });
    }

    private string GapTitle(ScorecardGap gap) => gap.Kind switch
    {
        GapKind.UncoveredChannel => T("gap-title.UncoveredChannel", Enum.TryParse<ServiceChannel>(gap.Subject, out var channel) ? Terms.Of(channel, Culture) : gap.Subject),
        GapKind.RedStandard => T("gap-title.RedStandard", gap.Subject, Word(RagStatus.Red)),
        _ => T("gap-title." + gap.Kind, gap.Subject),
    };

    private string GapKindText(ScorecardGap gap) => T("gap-kind." + gap.Kind);

    private string GapFigure(ScorecardGap gap) => gap.Kind switch
    {
        GapKind.RedStandard => $"{Metric(gap.Actual, gap.Unit ?? MetricUnit.Score, Culture)} / {Metric(gap.Target, gap.Unit ?? MetricUnit.Score, Culture)}",
        GapKind.UnbackedPromise => T("gaps.complaints", Count((long)(gap.Actual ?? 0), Culture)),
        GapKind.LowEngagement => $"{Percent(gap.Actual, Culture)} / {Percent(gap.Target, Culture)}",
        GapKind.NpsDrop => $"{Score(gap.Target, Culture)} → {Score(gap.Actual, Culture)}",
        _ => T("gaps.no-standard"),
    };
}
