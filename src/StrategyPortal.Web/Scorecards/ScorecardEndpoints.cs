using StrategyPortal.Application.Common;
using StrategyPortal.Application.Scorecards;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;

namespace StrategyPortal.Web.Scorecards;

/// <summary>
/// PDF downloads: <c>GET /scorecards/files/{id}</c> (an issued scorecard, byte for byte as issued, with its
/// SHA-256 in <c>X-Content-SHA256</c> and as ETag) and <c>GET /scorecards/draft?quarter=2026-Q3&amp;unit=12&amp;lang=nl</c>
/// (a draft from today's data). Directors may fetch all, managers their own units' (not the company's).
/// </summary>
public static class ScorecardEndpoints
{
    public const string FilesPath = "/scorecards/files";
    public const string DraftPath = "/scorecards/draft";

    public static string FileUrl(int id) => $"{FilesPath}/{id}";

    public static string DraftUrl(Quarter quarter, int? unitId, string language) =>
        $"{DraftPath}?quarter={quarter}&lang={language}" + (unitId is { } u ? $"&unit={u}" : "");

    public static void MapScorecardEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(FilesPath + "/{id:int}", DownloadAsync).RequireAuthorization(Permission.ScorecardsRead);
        endpoints.MapGet(DraftPath, DraftAsync).RequireAuthorization(Permission.ScorecardsRead);
    }

    private static Task<IResult> DownloadAsync(int id, HttpContext context, ScorecardService scorecards, CancellationToken cancellationToken) =>
        PdfAsync(context, () => scorecards.GetIssuedAsync(id, cancellationToken));

    private static Task<IResult> DraftAsync(string? quarter, int? unit, string? lang, HttpContext context, ScorecardService scorecards, CancellationToken cancellationToken)
    {
        if (!Quarter.TryParse(quarter, out var q))
            return Task.FromResult(Results.Problem($"'{quarter}' is not a quarter; expected the form 2026-Q3.", statusCode: StatusCodes.Status400BadRequest));
        return PdfAsync(context, () => scorecards.RenderDraftAsync(q, unit, lang ?? "nl", cancellationToken));
    }

    private static async Task<IResult> PdfAsync(HttpContext context, Func<Task<ScorecardPdf>> load)
    {
        try
        {
            var pdf = await load();
            context.Response.Headers.CacheControl = "private, no-store";
            if (pdf.Sha256 is { } hash)
            {
                context.Response.Headers["X-Content-SHA256"] = hash;
                context.Response.Headers.ETag = $"\"{hash}\"";
            }
            return Results.File(pdf.Bytes, "application/pdf", pdf.FileName);
        }
        catch (ForbiddenException)
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        }
        catch (NotFoundException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }
        catch (ValidationFailedException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");
        }
    }
}
