using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using StrategyPortal.E2ETests.Infrastructure;
using StrategyPortal.Infrastructure.Persistence;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace StrategyPortal.E2ETests.Journeys;

internal static class ScoreSample
{
    public static string Path() => System.IO.Path.Combine(SolutionRoot(), "docs", "samples", "customer-scores.csv");

    public static string Text() => File.ReadAllText(Path());

    /// <summary>The NPS answers the sample holds for these units (columns nps_0 … nps_10), added up by hand from the file.</summary>
    public static long NpsAnswers(params string[] units) => Text().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
        .Select(l => l.Split(';'))
        .Where(f => units.Contains(f[1]))
        .Sum(f => f.Skip(4).Take(11).Sum(v => long.Parse(v, CultureInfo.InvariantCulture)));

    private static string SolutionRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "StrategyPortal.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Solution root not found.");
    }
}

/// <summary>"Done when", part 1: a director uploads a broken copy of the sample, reads the per-row report, fixes it, imports, and finds the scores in the quarter view and the engagement × customer scatter.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CustomerScoreImportJourneyTests(BrowserFixture browser, PortalFixture portal, ITestOutputHelper output)
    : BrowserTest(browser, portal, output), IClassFixture<PortalFixture>
{
    [Fact]
    public async Task Director_fixes_a_broken_file_imports_the_sample_and_finds_the_scores_in_the_quarter_view()
    {
        int klantenservice;
        await using (var db = await Portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
            klantenservice = (await db.OrgUnits.SingleAsync(u => u.Name == "Klantenservice")).Id;
        var view = $"/customer-scores?unit={klantenservice}&quarter=2026-Q3";
        var page = await NewPageAsync();
        await SignInAsAsync(page, "directeur@noordlicht.example");

        await page.GotoAsync(view);
        await WaitForInteractiveAsync(page);
        var before = await AnswersAsync(page);

        await page.GotoAsync("/customer-scores/import");
        await WaitForInteractiveAsync(page);
        await CheckPageAsync(page, "import-empty");
        var lines = ScoreSample.Text().Split('\n');
        lines[1] = lines[1].Replace(";Phone;", ";Fax;", StringComparison.Ordinal);
        lines[3] = lines[3].Replace(";CX-tool;1;", ";CX-tool;-1;", StringComparison.Ordinal).Replace(";CX-tool;0;", ";CX-tool;-1;", StringComparison.Ordinal);
        await Upload(page, "customer-scores-broken.csv", string.Join('\n', lines));

        await Expect(page.GetByTestId("error-summary")).ToContainTextAsync(string.Format(CultureInfo.InvariantCulture, Text.CustomerScores("Import.ErrorsFound", Text.English), "2"));
        var errors = page.GetByTestId("error-table").Locator("tbody tr");
        await Expect(errors).ToHaveCountAsync(2);
        await Expect(errors.Nth(0)).ToContainTextAsync("Channel 'Fax' does not exist");
        await Expect(errors.Nth(1)).ToContainTextAsync("'-1' is negative");
        await Expect(errors.Nth(1).Locator("td").Nth(0)).ToHaveTextAsync("4");
        await Expect(page.GetByTestId("import")).ToHaveCountAsync(0);
        await CheckPageAsync(page, "import-errors");

        await Upload(page, "customer-scores.csv", ScoreSample.Text());
        await Expect(page.GetByTestId("preview-summary")).ToContainTextAsync("28");
        await Expect(page.GetByTestId("preview-table").Locator("tbody tr")).ToHaveCountAsync(10);
        await CheckPageAsync(page, "import-preview");
        await page.GetByTestId("import").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = Text.CustomerScores("Import.ConfirmYes", Text.English), Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("import-done")).ToContainTextAsync("28");
        await CheckPageAsync(page, "import-done");

        await page.GotoAsync(view);
        await WaitForInteractiveAsync(page);
        await Expect(page.Locator("h1")).ToHaveTextAsync(Text.CustomerScores("Scores.Title", Text.English));
        // Klantenservice includes Webcare: its answers grew by exactly the sample's answers for both units.
        var expected = before + ScoreSample.NpsAnswers("Klantenservice", "Webcare");
        await Expect(page.GetByTestId("nps-margin")).ToContainTextAsync($"{expected.ToString("N0", Text.English)} answers");
        await Expect(page.GetByTestId("trend-table")).ToContainTextAsync("2026-Q3");
        await CheckPageAsync(page, "quarter-view");

        await page.GotoAsync("/customer-scores/engagement");
        await WaitForInteractiveAsync(page);
        // The pulses' Klantenservice results for 2026-Q3 beside its customer scores (the sample's included) as a point.
        await Expect(page.GetByTestId("engagement-empty")).ToHaveCountAsync(0);
        var points = page.GetByTestId("scatter-point");
        await Expect(points.Locator("title", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^Klantenservice, 2026-Q3: ") })).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("correlation")).ToContainTextAsync("r = ");
        await CheckPageAsync(page, "engagement-scatter");
    }

    private static async Task<long> AnswersAsync(IPage page)
    {
        var text = await page.GetByTestId("nps-margin").InnerTextAsync();
        var number = text.Split('·')[1].Trim().Split(' ')[0];
        return long.Parse(number, NumberStyles.AllowThousands, Text.English);
    }

    private static async Task Upload(IPage page, string name, string content) =>
        // MudFileUpload adds a fresh input after each pick; the newest one takes the next file.
        await page.Locator("input[type=file]").Last.SetInputFilesAsync(new FilePayload { Name = name, MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(content) });
}

/// <summary>"Done when", part 2: an administrator creates a key, a script posts the sample with it (twice: nothing doubles), the key is revoked and refused.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CustomerScoreApiJourneyTests(BrowserFixture browser, PortalFixture portal, ITestOutputHelper output)
    : BrowserTest(browser, portal, output), IClassFixture<PortalFixture>
{
    [Fact]
    public async Task A_script_posts_the_sample_with_a_key_that_is_shown_once_and_stops_working_when_revoked()
    {
        var page = await NewPageAsync();
        await SignInAsAsync(page, "beheerder@noordlicht.example");
        await page.GotoAsync("/admin/api-keys");
        await WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("keys-empty")).ToBeVisibleAsync();
        await page.Locator("input[data-testid=key-name], [data-testid=key-name] input").FillAsync("Nightly CX export");
        await page.GetByTestId("create-key").ClickAsync();
        var keyField = page.Locator("input[data-testid=new-key-value], [data-testid=new-key-value] input");
        await Expect(keyField).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^spk_[A-Za-z0-9_-]{43}$"));
        var key = await keyField.InputValueAsync();
        await CheckPageAsync(page, "key-shown-once");
        await page.GetByTestId("key-copied").ClickAsync();
        await Expect(page.GetByTestId("new-key")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("keys-table")).ToContainTextAsync(key[..12]);
        await Expect(page.GetByTestId("keys-table")).Not.ToContainTextAsync(key);

        using var http = new HttpClient { BaseAddress = Portal.BaseAddress };
        for (var i = 0; i < 2; i++)
        {
            using var response = await Post(http, key);
            Assert.Equal(200, (int)response.StatusCode);
            Assert.Contains("\"rows\":28", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        await using (var db = await Portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
            Assert.Equal(28, await db.CustomerScoreRecords.CountAsync(r => r.Source == "CX-tool"));
        using (var anonymous = await Post(http, null))
            Assert.Equal(401, (int)anonymous.StatusCode);

        await page.ReloadAsync();
        await WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("keys-table")).Not.ToContainTextAsync(Text.Ui("ApiKeys.NeverUsed", Text.English));
        await page.GetByRole(AriaRole.Button, new() { Name = $"{Text.Ui("ApiKeys.Revoke", Text.English)} Nightly CX export" }).ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = Text.Ui("ApiKeys.Revoke", Text.English), Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("keys-table")).ToContainTextAsync(Text.Ui("ApiKeys.Revoked", Text.English));
        await CheckPageAsync(page, "key-revoked");

        using var revoked = await Post(http, key);
        Assert.Equal(401, (int)revoked.StatusCode);
        Assert.Contains(Text.Message("api.key-revoked", Text.English), await revoked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> Post(HttpClient http, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/customer-scores")
        {
            Content = new StringContent(ScoreSample.Text(), Encoding.UTF8, "text/csv"),
        };
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        request.Headers.AcceptLanguage.ParseAdd("en");
        return await http.SendAsync(request);
    }
}
