using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.Access;
using StrategyPortal.Web.Components.Layout;
using StrategyPortal.Web.Tests.Support;

namespace StrategyPortal.Web.Tests.Layout;

public class LanguageSwitchTests
{
    [Fact]
    public async Task Offers_both_languages_stores_the_choice_and_reloads_the_current_page_in_it()
    {
        await using var ctx = new PortalBunitContext();
        var director = ctx.SignInAs(DemoAccounts.Director);
        var nav = (BunitNavigationManager)ctx.Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo("/organisation/people?page=2");
        var preferences = ctx.Services.GetRequiredService<IUserPreferencesStore>();
        Assert.NotEqual("nl", (await preferences.GetAsync(director.PersonId!.Value)).Culture);

        var host = ctx.RenderWithProviders<LanguageSwitch>();
        host.Find("button").Click();
        Assert.Contains("Nederlands", host.Find("[data-testid=lang-nl]").TextContent);
        Assert.Contains("English", host.Find("[data-testid=lang-en]").TextContent);
        host.Find("[data-testid=lang-nl]").Click();

        // Stored on the account through the circuit; the GET then only sets the cookie on a full page load.
        host.WaitForAssertion(() => Assert.Equal("http://localhost/culture/set?culture=nl&redirectUri=%2Forganisation%2Fpeople%3Fpage%3D2", nav.Uri));
        Assert.True(nav.History.First().Options.ForceLoad);
        Assert.Equal("nl", (await preferences.GetAsync(director.PersonId.Value)).Culture);
    }
}
