using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.CustomerScores;
using StrategyPortal.Application.Localization;
using StrategyPortal.Web.Access;

namespace StrategyPortal.Web.CustomerScores;

/// <summary><c>POST /api/v1/customer-scores</c>: CSV (<c>text/csv</c>) or JSON (<c>application/json</c>, an array of records) for CX tools and scripts.</summary>
public static class CustomerScoreEndpoints
{
    public const string Path = "/api/v1/customer-scores";

    public static void MapCustomerScoreEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, ImportAsync)
            .RequireAuthorization(ApiKeyAuthentication.CustomerScoresImportPolicy)
            .RequireRateLimiting(RateLimits.Api)
            .DisableAntiforgery();
    }

    private static async Task<IResult> ImportAsync(HttpContext context, CustomerScoreImportService imports, IStringLocalizer<Messages> text, CancellationToken cancellationToken)
    {
        var format = FormatOf(context.Request.ContentType);
        if (format is null)
            return Results.Problem($"Send the scores as text/csv or application/json (got '{context.Request.ContentType}').",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = CustomerScoreImportService.MaxFileBytes + 1;
        if (ApiKeyAuthentication.KeyId(context.User) is not { } keyId) return Results.Problem(statusCode: StatusCodes.Status401Unauthorized);

        try
        {
            var (preview, result) = await imports.ImportWithApiKeyAsync(context.Request.Body, format.Value, keyId, context.Request.ContentLength, cancellationToken);
            if (result is null)
            {
                return Results.Problem(
                    detail: text["customerscore.import.fix-first"],
                    statusCode: StatusCodes.Status422UnprocessableEntity,
                    title: "The scores have errors",
                    extensions: new Dictionary<string, object?>
                    {
                        ["rows"] = preview.Rows,
                        ["errorCount"] = preview.ErrorCount,
                        ["errors"] = preview.Errors.Select(e => new { row = e.Row, column = e.Column, message = e.Message }).ToList(),
                    });
            }
            return Results.Ok(new
            {
                rows = result.Rows,
                quarters = result.Quarters.Select(q => q.ToString()).ToList(),
                units = result.UnitIds,
            });
        }
        catch (ImportFileRejectedException e)
        {
            return Results.Problem(e.Message, statusCode: e.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest,
                title: e.TooLarge ? "Too large" : "Empty body");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Results.Problem(text["customerscore.import.too-large", ">" + CustomerScoreImportService.MaxFileBytes / (1024 * 1024), CustomerScoreImportService.MaxFileText],
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large");
        }
        catch (ForbiddenException)
        {
            return Results.Problem(text["api.key-revoked"], statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        }
        catch (ValidationFailedException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "Nothing was imported");
        }
    }

    private static ImportFormat? FormatOf(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media)) return null;
        var type = media.MediaType.Value ?? string.Empty;
        if (type.Equals("text/csv", StringComparison.OrdinalIgnoreCase) || type.Equals("application/csv", StringComparison.OrdinalIgnoreCase)) return ImportFormat.Csv;
        if (type.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase)) return ImportFormat.Json;
        return null;
    }
}
