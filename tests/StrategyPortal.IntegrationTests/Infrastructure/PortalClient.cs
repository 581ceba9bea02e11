using System.Net;

namespace StrategyPortal.IntegrationTests.Infrastructure;

/// <summary>
/// An HTTP client that behaves like a browser without JavaScript: it keeps cookies and fills in the
/// server-rendered forms (antiforgery token and Blazor's form handler included). It does not follow
/// redirects, so tests can assert them.
/// </summary>
public sealed class PortalClient(HttpClient http) : IDisposable
{
    public const string LoginPath = "/account/login";
    public const string AuthCookie = "sp.auth";

    public HttpClient Http { get; } = http;

    public Task<HttpResponseMessage> GetAsync(string url) => Http.GetAsync(url);

    /// <summary>GETs a page that must answer 200 and returns its HTML.</summary>
    public async Task<string> GetPageAsync(string url)
    {
        using var response = await Http.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
            throw new Xunit.Sdk.XunitException($"GET {url} answered {(int)response.StatusCode} {response.Headers.Location}, expected 200.");
        return html;
    }

    /// <summary>
    /// Loads <paramref name="pageUrl"/>, fills the form named <paramref name="handler"/> (Blazor's
    /// <c>FormName</c>) with <paramref name="values"/> and posts it where a browser would.
    /// </summary>
    public async Task<HttpResponseMessage> SubmitFormAsync(string pageUrl, string handler, IEnumerable<KeyValuePair<string, string>> values)
    {
        var form = HtmlForm.WithHandler(await GetPageAsync(pageUrl), handler);
        return await Http.PostAsync(form.Action ?? pageUrl, form.Fill(values));
    }

    /// <summary>Posts the sign-in form as a person would; the response is 302 on success, the form with a message otherwise.</summary>
    public Task<HttpResponseMessage> SignInAsync(string email, string password, string? returnUrl = null) =>
        SubmitFormAsync(returnUrl is null ? LoginPath : $"{LoginPath}?returnUrl={Uri.EscapeDataString(returnUrl)}", "login",
        [
            new("Input.Email", email),
            new("Input.Password", password),
        ]);

    public async Task SignInOrFailAsync(string email, string password)
    {
        using var response = await SignInAsync(email, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var text = Page.Text(await response.Content.ReadAsStringAsync());
            throw new Xunit.Sdk.XunitException($"Sign-in as {email} answered {(int)response.StatusCode}, expected a redirect. Page: {text[..Math.Min(600, text.Length)]}");
        }
    }

    /// <summary>Signs out the way the layout's button does: the form on the page, with its antiforgery token.</summary>
    public async Task<HttpResponseMessage> SignOutAsync()
    {
        var form = HtmlForm.WithAction(await GetPageAsync("/"), "/account/logout");
        return await Http.PostAsync("/account/logout", form.Fill([]));
    }

    /// <summary>
    /// Asserts a 302 and returns where it leads as path and query. An absolute target must be this
    /// portal (localhost): a redirect to another site fails here.
    /// </summary>
    public static string RedirectTarget(HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString;
        if (response.StatusCode != HttpStatusCode.Redirect || location is null)
            throw new Xunit.Sdk.XunitException($"Expected a redirect, got {(int)response.StatusCode} {location}.");
        if (!location.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !location.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            if (!location.StartsWith('/') || location.StartsWith("//", StringComparison.Ordinal) || location.StartsWith("/\\", StringComparison.Ordinal))
                throw new Xunit.Sdk.XunitException($"Redirect to {location} does not stay on this site.");
            return location;
        }
        var uri = new Uri(location);
        if (uri.Host != "localhost") throw new Xunit.Sdk.XunitException($"Redirect to {location} leaves the portal.");
        return uri.PathAndQuery;
    }

    /// <summary>The value of the sign-in cookie a response sets (a successful sign-in's).</summary>
    public static string AuthCookieOf(HttpResponseMessage response)
    {
        var header = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(AuthCookie + "=", StringComparison.Ordinal));
        return header[(AuthCookie.Length + 1)..header.IndexOf(';')];
    }

    public static bool SetsCookie(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(name + "=", StringComparison.Ordinal));

    public void Dispose() => Http.Dispose();
}
