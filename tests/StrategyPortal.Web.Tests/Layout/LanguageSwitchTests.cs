using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Web.Components.Layout;
using StrategyPortal.Web.Tests.Support;

namespace StrategyPortal.Web.Tests.Layout;

public class LanguageSwitchTests
{
    [Fact]
    public async Task Offers_both_languages_and_returns_to_the_current_page()
    {
        await using var ctx = new PortalBunitContext();
        ctx.SignInAs(DemoAccounts.Director);
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/organisation/people?page=2");

        var host = ctx.RenderWithProviders<LanguageSwitch>();
        host.Find("button").Click();

        var nl = host.Find("[data-testid=lang-nl]");
        var en = host.Find("[data-testid=lang-en]");
        Assert.Contains("Nederlands", nl.TextContent);
        Assert.Contains("English", en.TextContent);
        Assert.Equal("/culture/set?culture=nl&redirectUri=%2Forganisation%2Fpeople%3Fpage%3D2", nl.GetAttribute("href") ?? nl.QuerySelector("a")?.GetAttribute("href"));
    }
}
