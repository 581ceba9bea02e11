using StrategyPortal.Infrastructure.Persistence;
using StrategyPortal.IntegrationTests.Infrastructure;
using StrategyPortal.IntegrationTests.Operations;
using StrategyPortal.Web.Hosting;
using UglyToad.PdfPig;

namespace StrategyPortal.IntegrationTests.Scorecards;

/// <summary>
/// <c>dotnet run --project src/StrategyPortal.Web -- scorecard …</c>: the same entry point, in process, on a fresh
/// database with demo data (as on a fresh clone). Runs apart from the other suites, like the migrate command.
/// </summary>
public abstract class ScorecardCommandTests(DatabaseProvider provider)
{
    private static readonly string ApplicationName = $"--applicationName={typeof(PortalApp).Assembly.GetName().Name}";

    [Fact]
    public async Task The_command_writes_the_demo_scorecard_and_refuses_bad_arguments_with_a_non_zero_exit_code()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var output = Path.Combine(database.Folder, "out", "scorecard.pdf");
        string[] settings =
        [
            $"--Database:Provider={provider}",
            $"--Database:ConnectionString={database.ConnectionString}",
            $"--Database:DataFolder={database.Folder}",
            "--Portal:DemoData=true",
            "--Logging:LogLevel:Default=Warning",
            ApplicationName,
        ];
        var quarter = StrategyPortal.Domain.Common.Quarter.Of(DateTime.UtcNow).Previous.ToString();

        // A fresh database: the command migrates and seeds the demo company, then writes the unit's scorecard in English.
        Assert.Equal(0, await PortalApp.RunAsync(["scorecard", "--quarter", quarter, "--unit", "klantenservice", "--lang", "en", "--out", output, .. settings]));
        using (var document = PdfDocument.Open(await File.ReadAllBytesAsync(output)))
        {
            var first = string.Join(" ", document.GetPage(1).GetWords().Select(w => w.Text));
            Assert.Contains("Klantenservice, part of Noordlicht Retail B.V.", first);
            Assert.Contains($"Page 1 of {document.NumberOfPages}", first);
        }

        Assert.Equal(2, await PortalApp.RunAsync(["scorecard", "--quarter", quarter, "--unit", "Nowhere", "--out", output, .. settings]));
        Assert.Equal(2, await PortalApp.RunAsync(["scorecard", "--quarter", "2026-Q5", "--out", output, .. settings]));
        Assert.Equal(2, await PortalApp.RunAsync(["scorecard", "--quarter", "2999-Q1", "--out", output, .. settings]));
        Assert.Equal(2, await PortalApp.RunAsync(["scorecard", "--quarter", quarter, "--lang", "de", "--out", output, .. settings]));
        Assert.Equal(2, await PortalApp.RunAsync(["scorecard", "--quarter", quarter, .. settings]));
    }
}

[Collection(MigrateCommandCollection.Name)]
public sealed class ScorecardCommandTests_Sqlite() : ScorecardCommandTests(DatabaseProvider.Sqlite);

[Collection(MigrateCommandCollection.Name)]
public sealed class ScorecardCommandTests_PostgreSql() : ScorecardCommandTests(DatabaseProvider.PostgreSql);
