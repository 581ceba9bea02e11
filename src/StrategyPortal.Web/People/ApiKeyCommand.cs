using StrategyPortal.Application.Access;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Access;
using StrategyPortal.Infrastructure.Access;
using StrategyPortal.Infrastructure.Persistence;
using StrategyPortal.Infrastructure.Seeding;

namespace StrategyPortal.Web.People;

/// <summary>
/// <c>dotnet run --project src/StrategyPortal.Web -- api-key create --name NAME --scope SCOPE [--scope SCOPE…]</c>: makes an API key
/// without the UI, for provisioning scripts and infrastructure as code, and prints it once (only its hash is kept).
/// Audited like a key made on the page. Exit codes: 0 created, 2 bad arguments (an unknown scope among them), 1 failure.
/// </summary>
public static class ApiKeyCommand
{
    public const string Name = "api-key";
    public const int BadArguments = 2;

    public static string Usage => $"Usage: api-key create --name NAME --scope SCOPE [--scope SCOPE ...]   (scopes: {string.Join(", ", ApiKey.KnownScopes)})";

    /// <summary>Reads the command's own options; any other <c>--Key=value</c> or <c>--Key value</c> is configuration and is skipped.</summary>
    public static (ApiKeyInput? Input, string? Error) Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0] != "create") return (null, "Say what to do: api-key create.");
        string? name = null;
        var scopes = new List<string>();
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            string? Value() => i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
            switch (arg)
            {
                case "--name": name = Value() ?? ""; break;
                case "--scope": scopes.Add(Value() ?? ""); break;
                default:
                    if (arg.StartsWith("--", StringComparison.Ordinal) && !arg.Contains('=') && i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal)) i++;
                    break;
            }
        }
        if (string.IsNullOrWhiteSpace(name)) return (null, "--name NAME is required: say who or what uses the key.");
        if (scopes.Count == 0) return (null, "--scope SCOPE is required.");
        if (scopes.FirstOrDefault(s => !ApiKey.KnownScopes.Contains(s)) is { } unknown)
            return (null, $"Unknown scope '{unknown}'. Scopes: {string.Join(", ", ApiKey.KnownScopes)}.");
        return (new ApiKeyInput { Name = name, Scopes = scopes }, null);
    }

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var (input, problem) = Parse(args);
        if (input is null)
        {
            await error.WriteLineAsync(problem);
            await error.WriteLineAsync(Usage);
            return BadArguments;
        }
        try
        {
            await services.GetRequiredService<DatabaseInitializer>().InitialiseAsync(services.GetRequiredService<DemoOptions>().DemoData, cancellationToken);
            await using var scope = SystemScope.Create(services);
            var created = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateFromCommandLineAsync(input, cancellationToken);
            await error.WriteLineAsync($"API key '{created.Name}' (#{created.Id}) with scope {string.Join(", ", input.Scopes)}. It is shown this once; only its hash is kept.");
            // The key alone on standard output, so a script can capture it: KEY=$(… api-key create …).
            await output.WriteLineAsync(created.Key);
            return 0;
        }
        catch (ValidationFailedException e)
        {
            await error.WriteLineAsync(e.Message);
            return BadArguments;
        }
        catch (Exception e)
        {
            await error.WriteLineAsync($"The key was not created: {e.Message}");
            return 1;
        }
    }
}
