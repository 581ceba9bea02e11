using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Localization;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.CustomerScores;
using StrategyPortal.Application.Localization;
using StrategyPortal.Application.People;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.People;
using StrategyPortal.Web.Access;

namespace StrategyPortal.Web.People;

/// <summary>
/// <c>POST /api/v1/people/import?mode=full|delta&amp;createUnits=true&amp;confirm=CODE</c>: a people file (<c>text/csv</c>) from an
/// HR system or script, checked and applied in one call — the same rules, safeguards and audit as the import page.
/// </summary>
public static class PeopleImportEndpoints
{
    public const string Path = "/api/v1/people/import";

    public static void MapPeopleImportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, ImportAsync)
            .RequireAuthorization(ApiKeyAuthentication.PeopleImportPolicy)
            .RequireRateLimiting(RateLimits.Api)
            .WithMetadata(new RequiredApiScope(ApiScopes.PeopleImport))
            .DisableAntiforgery();
    }

    private static async Task<IResult> ImportAsync(HttpContext context, PeopleImportService imports, IStringLocalizer<Messages> text,
        string? mode, bool? createUnits, string? confirm, string? fileName, CancellationToken cancellationToken)
    {
        if (ApiKeyAuthentication.KeyId(context.User) is not { } keyId) return Results.Problem(statusCode: StatusCodes.Status401Unauthorized);
        PeopleSyncMode sync;
        if (string.IsNullOrEmpty(mode) || string.Equals(mode, "delta", StringComparison.OrdinalIgnoreCase)) sync = PeopleSyncMode.Delta;
        else if (string.Equals(mode, "full", StringComparison.OrdinalIgnoreCase)) sync = PeopleSyncMode.Full;
        else return Results.Problem($"Unknown mode '{mode}': use full or delta.", statusCode: StatusCodes.Status400BadRequest, title: "Bad mode");
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = PeopleImportService.MaxFileBytes + 1;
        try
        {
            var content = await imports.ReadFileAsync(context.Request.Body, context.Request.ContentLength, cancellationToken);
            var outcome = await imports.ApplyWithApiKeyAsync(content, string.IsNullOrWhiteSpace(fileName) ? "api.csv" : fileName, new PeopleImportRequest(sync, createUnits ?? false),
                confirm, keyId, cancellationToken);
            var preview = outcome.Preview;
            var counts = new
            {
                rows = preview.Rows, created = preview.Counts.Created, changed = preview.Counts.Changed, moved = preview.Counts.Moved,
                deactivated = preview.Counts.Deactivated, reactivated = preview.Counts.Reactivated, unitsCreated = preview.Counts.UnitsCreated,
            };
            return outcome.Refusal switch
            {
                PeopleImportRefusal.None => Results.Ok(new { applied = true, importId = outcome.Result!.ImportId, auditName = outcome.Result.AuditName, counts }),
                PeopleImportRefusal.NothingToChange => Results.Ok(new { applied = false, counts }),
                PeopleImportRefusal.NeedsConfirmation => Results.Problem(
                    detail: $"This import deactivates {preview.Counts.Deactivated} people ({preview.DeactivationShare:P0}) and changes {preview.NumberChanges.Count} employee numbers; " +
                            $"send it again with confirm={preview.ConfirmationCode} to apply exactly this change.",
                    statusCode: StatusCodes.Status409Conflict, title: "Confirmation needed",
                    extensions: new Dictionary<string, object?>
                    {
                        ["confirmationCode"] = preview.ConfirmationCode,
                        ["counts"] = counts,
                        ["deactivating"] = preview.Deactivating.Take(100).ToList(),
                        ["employeeNumberChanges"] = preview.NumberChanges.Select(c => new { name = c.Name, from = c.OldNumber, to = c.NewNumber }).ToList(),
                    }),
                _ => Results.Problem(
                    detail: text["people.import.fix-first"],
                    statusCode: StatusCodes.Status422UnprocessableEntity,
                    title: "The file has errors",
                    extensions: new Dictionary<string, object?>
                    {
                        ["rows"] = preview.Rows,
                        ["errorCount"] = preview.ErrorCount,
                        ["errors"] = preview.Errors.Select(e => new { row = e.Row, column = e.Column, message = e.Message }).ToList(),
                    }),
            };
        }
        catch (ImportFileRejectedException e)
        {
            return Results.Problem(e.Message, statusCode: e.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest, title: e.TooLarge ? "Too large" : "Empty body");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Results.Problem($"The body is larger than {PeopleImportService.MaxFileText}.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large");
        }
        catch (ForbiddenException)
        {
            return Results.Problem(text["api.key-revoked"], statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        }
        catch (ConcurrencyConflictException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "Nothing was imported");
        }
    }
}
