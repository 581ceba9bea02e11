using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Infrastructure.Persistence;
using StrategyPortal.Web.People;
using StrategyPortal.Web.Tests.Support;

namespace StrategyPortal.Web.Tests.People;

public class PeopleImportPageTests
{
    private const string Header = "employee_number;first_name;last_name;email;unit;manager_employee_number;role";

    private static int PeopleWithNumber(PortalBunitContext ctx, string prefix)
    {
        using var db = ctx.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();
        return db.People.Count(p => p.EmployeeNumber != null && p.EmployeeNumber.StartsWith(prefix));
    }

    [Fact]
    public async Task A_file_with_errors_lists_each_with_row_and_column_and_offers_no_apply()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Administrator);
        var host = ctx.RenderWithProviders<PeopleImport>();

        host.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(
            Header + "\nX1;Anna;Boer;anna.x1@x.nl;Klantenservice;X2;\nX2;Bob;Vos;bob.x2@x.nl;Klantenservice;X1;Baas\n", "broken.csv"));

        host.WaitForAssertion(() => Assert.Contains("problems found", host.Find("[data-testid=error-summary]").TextContent), TimeSpan.FromSeconds(10));
        var rows = host.FindAll("[data-testid=error-table] tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).Take(2).ToList()).ToList();
        Assert.Contains(["3", "role"], rows);
        Assert.Contains(["2", "manager_employee_number"], rows);
        Assert.Empty(host.FindAll("[data-testid=apply]"));
        Assert.Equal(0, PeopleWithNumber(ctx, "X"));
    }

    [Fact]
    public async Task A_good_file_previews_applies_once_and_then_has_nothing_to_change()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Administrator);
        var host = ctx.RenderWithProviders<PeopleImport>();
        var file = Header + "\nY1;Anna;Boer;anna.y1@x.nl;Klantenservice;;Manager\nY2;Bob;Vos;bob.y2@x.nl;Klantenservice/Webcare;Y1;\n";

        host.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(file, "people.csv"));
        host.WaitForAssertion(() => Assert.Equal("2", host.Find("[data-testid=count-created]").TextContent.Trim()), TimeSpan.FromSeconds(10));
        Assert.Equal(2, host.FindAll("[data-testid=change-table] tbody tr").Count);
        host.Find("[data-testid=apply]").Click();
        host.WaitForElement(".mud-dialog");
        host.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Apply").Click();

        host.WaitForAssertion(() => Assert.Contains("2 created", host.Find("[data-testid=import-done]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Equal(2, PeopleWithNumber(ctx, "Y"));
        Assert.Single(host.FindAll("[data-testid=history] tbody tr"));

        host.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(file, "people.csv"));
        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll("[data-testid=nothing-to-change]")), TimeSpan.FromSeconds(10));
        Assert.Empty(host.FindAll("[data-testid=apply]"));
    }

    [Fact]
    public async Task A_full_sync_that_deactivates_most_of_the_company_asks_for_a_confirmation_first()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Administrator);
        var host = ctx.RenderWithProviders<PeopleImport>();
        var mode = host.FindComponent<MudBlazor.MudRadioGroup<StrategyPortal.Domain.People.PeopleSyncMode>>().Instance;
        await host.InvokeAsync(() => mode.ValueChanged.InvokeAsync(StrategyPortal.Domain.People.PeopleSyncMode.Full));

        host.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(Header + "\nZ1;Anna;Boer;anna.z1@x.nl;Klantenservice;;\n", "tiny.csv"));

        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll("[data-testid=safeguard-deactivations]")), TimeSpan.FromSeconds(10));
        Assert.True(host.Find("[data-testid=apply]").HasAttribute("disabled"));
    }
}

public class PeopleSampleTests
{
    [Fact]
    public void The_sample_the_import_page_offers_is_the_one_in_the_docs()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "StrategyPortal.sln"))) dir = dir.Parent;
        var docs = File.ReadAllBytes(Path.Combine(dir!.FullName, "docs", "samples", "people.csv"));
        var served = File.ReadAllBytes(Path.Combine(dir.FullName, "src", "StrategyPortal.Web", "wwwroot", "samples", "people.csv"));
        Assert.Equal(docs, served);
    }
}
