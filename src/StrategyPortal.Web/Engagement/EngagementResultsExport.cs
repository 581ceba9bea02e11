using System.Globalization;
using System.Text;
using Microsoft.Extensions.Localization;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.Engagement;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Engagement;

namespace StrategyPortal.Web.Engagement;

/// <summary>
/// <c>GET /engagement/results/{roundId}/export</c>: the heat map of a round as CSV (per unit × item favourable %, engagement
/// shares, eNPS split, response rate), for the units the reader may see. It is built from the same
/// <see cref="EngagementResultsService.GetResultsAsync"/> result the results page shows, so the same groups are hidden:
/// a hidden group's cells say "suppressed" and carry no figure, and no count (respondents, invited) is written at all,
/// so nothing hidden can be derived by subtraction. A round that has not closed is refused (409): it has no results yet.
/// </summary>
public static class EngagementResultsExport
{
    public const string Route = "/engagement/results/{roundId:int}/export";

    public static string PathFor(int roundId) => $"/engagement/results/{roundId.ToString(CultureInfo.InvariantCulture)}/export";

    public static void MapEngagementEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Route, ExportAsync).RequireAuthorization(Permission.EngagementResults);

    private static async Task<IResult> ExportAsync(int roundId, EngagementResultsService results, IStringLocalizer<EngagementText> text, CancellationToken cancellationToken)
    {
        RoundResults round;
        try
        {
            round = await results.GetResultsAsync(roundId, null, cancellationToken);
        }
        catch (ForbiddenException)
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        catch (NotFoundException)
        {
            return Results.NotFound();
        }
        // An open round has no results to export (only its response rate, on the page): refused, nothing written.
        if (round.ResultsPending)
            return Results.Text(PendingMessage(round.Round, text), "text/plain; charset=utf-8", Encoding.UTF8, StatusCodes.Status409Conflict);
        var csv = Write(round, text);
        var name = string.Create(CultureInfo.InvariantCulture, $"pulse-results-round-{round.Round.Number}-{round.Round.OpensOn:yyyy-MM-dd}.csv");
        // UTF-8 with BOM and semicolons: opens as columns in Excel in both languages.
        return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", name);
    }

    /// <summary>"Results appear when the round closes on …", in the reader's language.</summary>
    public static string PendingMessage(ResultsRoundOption round, IStringLocalizer<EngagementText> text) =>
        string.Format(CultureInfo.CurrentCulture, text["Results.Pending"], round.ClosesOn.ToString("d MMMM yyyy", CultureInfo.CurrentCulture));

    /// <summary>The CSV text: a header, then one row per unit in tree order. Only for a closed round's results.</summary>
    public static string Write(RoundResults round, IStringLocalizer<EngagementText> text)
    {
        if (round.ResultsPending) throw new InvalidOperationException("An open round has no results to export.");
        var culture = CultureInfo.CurrentCulture;
        string suppressed = text["Export.Suppressed"];
        var names = round.Units.ToDictionary(u => u.UnitId, u => u.Name);
        var csv = new StringBuilder();
        var header = new List<string>
        {
            text["Results.Unit"], text["Export.ParentUnit"], text["Export.Status"], text["Results.ResponseRate"] + " %",
            text["Class.Engaged"] + " %", text["Class.NotEngaged"] + " %", text["Class.ActivelyDisengaged"] + " %",
            "eNPS", text["Export.Promoters"] + " %", text["Export.Passives"] + " %", text["Export.Detractors"] + " %",
        };
        header.AddRange(round.Items.Select(i => i.Kind == QuestionKind.Enps ? i.Code + " (eNPS)" : i.Code + " " + text["Export.FavourableShort"] + " %"));
        Line(csv, header);

        foreach (var unit in round.Units)
        {
            var row = new List<string>
            {
                unit.Name,
                unit.ParentId is { } parent && names.TryGetValue(parent, out var parentName) ? parentName : string.Empty,
                unit.IsShown ? text["Export.Shown"] : Hidden(unit.Visibility),
                // The screen's rule for response rates (at least 5 invited, under the sibling rule): already null where hidden.
                unit.ResponseRate is { } rate ? Number(rate) : suppressed,
            };
            if (!unit.IsShown)
            {
                // Nothing of a hidden group: not a share, not an eNPS, not an item.
                row.AddRange(Enumerable.Repeat(suppressed, 7 + round.Items.Count));
            }
            else
            {
                var shares = unit.Shares;
                var enps = unit.Enps;
                row.Add(Number(shares?.Engaged));
                row.Add(Number(shares?.NotEngaged));
                row.Add(Number(shares?.ActivelyDisengaged));
                row.Add(Number(unit.EnpsScore));
                // The eNPS split and the items are detail: shown only where the pulse's detail threshold lets them.
                var detail = unit.IsDetailShown ? null : suppressed;
                row.Add(detail ?? (enps is null ? string.Empty : Number(enps.PromoterPercent)));
                row.Add(detail ?? (enps is null ? string.Empty : Number(enps.PassivePercent)));
                row.Add(detail ?? (enps is null ? string.Empty : Number(enps.DetractorPercent)));
                row.AddRange(round.Items.Select(i => detail ?? Number(unit.ItemScores.GetValueOrDefault(i.QuestionId))));
            }
            Line(csv, row);
        }
        return csv.ToString();

        string Number(double? value) => value is { } v ? Math.Round(v, 1).ToString("0.#", culture) : string.Empty;

        string Hidden(GroupVisibility visibility) => visibility switch
        {
            GroupVisibility.TooFewInvited => text["Results.HiddenFewInvitedShort"],
            GroupVisibility.ProtectsSibling => text["Results.HiddenSiblingShort"],
            GroupVisibility.ParentHidden => text["Results.HiddenParentShort"],
            _ => string.Format(culture, text["Results.HiddenFewShort"], round.MinGroupSize),
        };
    }

    /// <summary>Through the shared writer: a unit name or item typed as a formula (<c>=…</c>, <c>+…</c>, <c>@…</c>) is written as text.</summary>
    private static void Line(StringBuilder csv, IEnumerable<string> fields) => CsvText.AppendLine(csv, fields);
}
