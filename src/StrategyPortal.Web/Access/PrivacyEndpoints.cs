using System.Text.Json;
using System.Text.Json.Serialization;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.Common;

namespace StrategyPortal.Web.Access;

public static class PrivacyEndpoints
{
    public static string ExportPath(int personId) => $"/organisation/people/{personId}/export";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary><c>GET /organisation/people/{id}/export</c>: everything the portal holds about a person, as a JSON download (administrators).</summary>
    public static void MapPrivacyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/organisation/people/{id:int}/export", async (int id, PrivacyService privacy, ILoggerFactory logs, CancellationToken cancellationToken) =>
        {
            try
            {
                var export = await privacy.ExportAsync(id, cancellationToken);
                logs.CreateLogger(typeof(PrivacyEndpoints)).LogInformation("Privacy export of person {PersonId}", id);
                var bytes = JsonSerializer.SerializeToUtf8Bytes(export, Json);
                return Results.File(bytes, "application/json", $"person-{id}.json");
            }
            catch (NotFoundException)
            {
                return Results.NotFound();
            }
        }).RequireAuthorization(Domain.Access.Permission.PrivacyManage);
    }
}
