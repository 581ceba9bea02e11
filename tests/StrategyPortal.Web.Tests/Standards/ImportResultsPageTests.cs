using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.Standards;
using StrategyPortal.Domain.Common;
using StrategyPortal.Web.Standards;
using StrategyPortal.Web.Tests.Support;

namespace StrategyPortal.Web.Tests.Standards;

public class ImportResultsPageTests
{
    private const string Title = "Beloofde terugbelafspraken worden nagekomen";

    [Fact]
    public async Task A_file_with_a_bad_row_imports_nothing_and_lists_the_problem_by_row_and_column()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.CustomerServiceManager);
        var quarter = ctx.Services.GetRequiredService<StandardsService>().CurrentQuarter;
        var before = await ActualAsync(ctx, quarter);
        var host = ctx.RenderWithProviders<ImportResults>();

        host.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(
            $"unit;standard;quarter;value\nKlantenservice;{Title};{quarter};12,5\nWinkels Noord;Folder;{quarter};80\n", "results.csv"));

        var rows = host.WaitForElements("[data-testid=import-errors] tbody tr");
        var cells = Assert.Single(rows).QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal("3", cells[0]);
        Assert.Equal("unit", cells[1]);
        Assert.Contains("You may not record results for unit 'Winkels Noord'", cells[2]);
        Assert.Contains("nothing was imported", host.Find("[data-testid=import-failed]").TextContent);
        Assert.Equal(before, await ActualAsync(ctx, quarter));
    }

    [Fact]
    public async Task A_good_file_corrects_the_result_and_says_how_many()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.CustomerServiceManager);
        var quarter = ctx.Services.GetRequiredService<StandardsService>().CurrentQuarter;
        var host = ctx.RenderWithProviders<ImportResults>();

        host.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(
            $"unit,standard,quarter,value\nKlantenservice,{Title},{quarter},\"99,5\"\n", "results.csv"));

        host.WaitForAssertion(() => Assert.Contains("0 results added and 1 corrected", host.Find("[data-testid=import-succeeded]").TextContent));
        Assert.Equal(99.5, await ActualAsync(ctx, quarter));
    }

    private static async Task<double?> ActualAsync(PortalBunitContext ctx, Quarter quarter)
    {
        var page = await ctx.Services.GetRequiredService<StandardsService>().ListAsync(new StandardsQuery { Search = Title, Quarter = quarter });
        return page.Items.Single().Actual;
    }
}
