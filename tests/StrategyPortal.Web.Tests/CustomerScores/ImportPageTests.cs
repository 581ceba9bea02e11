using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Infrastructure.Persistence;
using StrategyPortal.Web.CustomerScores;
using StrategyPortal.Web.Tests.Support;

namespace StrategyPortal.Web.Tests.CustomerScores;

public class ImportPageTests
{
    private static string Sample() => File.ReadAllText(Path.Combine(SolutionRoot(), "docs", "samples", "customer-scores.csv"));

    private static string SolutionRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "StrategyPortal.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Solution root not found.");
    }

    private static int CxToolRows(PortalBunitContext ctx)
    {
        using var db = ctx.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();
        return db.CustomerScoreRecords.Count(r => r.Source == "CX-tool");
    }

    [Fact]
    public async Task A_broken_copy_shows_every_problem_and_imports_nothing()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Director);
        var lines = Sample().Split('\n');
        lines[1] = lines[1].Replace(";Phone;", ";Fax;", StringComparison.Ordinal);
        lines[2] = lines[2].Replace("Klantenservice", "Klantenzorg", StringComparison.Ordinal);
        var host = ctx.RenderWithProviders<CustomerScoreImport>();

        host.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(string.Join('\n', lines), "broken.csv"));

        host.WaitForAssertion(() => Assert.Contains("2 problems found", host.Find("[data-testid=error-summary]").TextContent), TimeSpan.FromSeconds(10));
        var rows = host.FindAll("[data-testid=error-table] tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(["2", "channel"], rows[0].Take(2));
        Assert.StartsWith("Channel 'Fax' does not exist", rows[0][2]);
        Assert.Equal(["3", "unit"], rows[1].Take(2));
        Assert.StartsWith("Unit 'Klantenzorg' does not exist", rows[1][2]);
        Assert.Empty(host.FindAll("[data-testid=import]"));
        Assert.Equal(0, CxToolRows(ctx));
    }

    [Fact]
    public async Task The_sample_previews_then_imports_and_a_second_import_replaces_instead_of_doubling()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Director);

        var host = ctx.RenderWithProviders<CustomerScoreImport>();
        for (var round = 1; round <= 2; round++)
        {
            host.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(Sample(), "customer-scores.csv"));

            host.WaitForAssertion(() => Assert.Contains("28 rows, separated by semicolons", host.Find("[data-testid=preview-summary]").TextContent), TimeSpan.FromSeconds(10));
            Assert.Equal(10, host.FindAll("[data-testid=preview-table] tbody tr").Count);
            host.Find("[data-testid=import]").Click();
            host.WaitForElement(".mud-dialog");
            host.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Import").Click();
            host.WaitForAssertion(() => Assert.Empty(host.FindAll(".mud-dialog")));

            host.WaitForAssertion(() => Assert.Contains("28 rows imported", host.Find("[data-testid=import-done]").TextContent), TimeSpan.FromSeconds(10));
            Assert.Equal(28, CxToolRows(ctx));
        }
    }

    [Fact]
    public async Task An_empty_file_is_refused_with_a_clear_message()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Director);
        var host = ctx.RenderWithProviders<CustomerScoreImport>();

        host.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary([], "empty.csv"));

        host.WaitForAssertion(() => Assert.Contains("The file is empty (0 bytes)", host.Find("[data-testid=file-error]").TextContent));
    }
}
