using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using StrategyPortal.Domain.Access;
using StrategyPortal.IntegrationTests.Infrastructure;

namespace StrategyPortal.IntegrationTests.Access;

/// <summary>
/// The Blazor hub answers the portal's own pages only: a signed-in visitor's cookie does not open a circuit for a
/// page of another site (negotiate or WebSocket upgrade), while the portal's own origin and requests without an
/// Origin (no browser page) connect.
/// </summary>
public abstract class HubOriginTests(PortalFactory factory)
{
    private const string Negotiate = "/_blazor/negotiate?negotiateVersion=1";

    public static TheoryData<string> ForeignOrigins => new()
    {
        "https://evil.example",
        "http://localhost",          // same host, other scheme
        "https://localhost:8443",    // same host, other port
        "https://localhost.evil.example",
        "null",                      // a sandboxed frame or a file
    };

    [Theory]
    [MemberData(nameof(ForeignOrigins))]
    public async Task A_negotiate_from_another_origin_is_refused(string origin)
    {
        var cookie = await CookieAsync();
        var warnings = RefusalWarnings();

        using var response = await SendAsync(HttpMethod.Post, Negotiate, cookie, origin);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(factory.Log.Lines.Skip(warnings), l => l.Contains($"Blazor hub refused a request from another origin {origin}", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://localhost")]
    [InlineData("https://LOCALHOST:443")]
    [InlineData(null)]
    public async Task A_negotiate_from_the_portal_itself_or_without_origin_is_answered(string? origin)
    {
        var cookie = await CookieAsync();

        using var response = await SendAsync(HttpMethod.Post, Negotiate, cookie, origin);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.TryGetProperty("connectionToken", out _));
    }

    [Fact]
    public async Task A_WebSocket_upgrade_from_another_origin_is_refused_and_the_portal_origin_connects()
    {
        var cookie = await CookieAsync();

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(cookie, "https://evil.example"));
        Assert.Contains("403", refused.Message, StringComparison.Ordinal);

        using var socket = await ConnectAsync(cookie, "https://localhost");
        Assert.Equal(System.Net.WebSockets.WebSocketState.Open, socket.State);
        await socket.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    }

    /// <summary>A WebSocket handshake for a negotiated connection, as the browser sends it (cookie and Origin).</summary>
    private async Task<System.Net.WebSockets.WebSocket> ConnectAsync(string cookie, string origin)
    {
        string token;
        using (var negotiate = await SendAsync(HttpMethod.Post, Negotiate, cookie, "https://localhost"))
            token = JsonDocument.Parse(await negotiate.Content.ReadAsStringAsync()).RootElement.GetProperty("connectionToken").GetString()!;
        var client = factory.Server.CreateWebSocketClient();
        client.ConfigureRequest = request =>
        {
            request.Headers["Cookie"] = $"{PortalClient.AuthCookie}={cookie}";
            request.Headers["Origin"] = origin;
        };
        return await client.ConnectAsync(new Uri($"wss://localhost/_blazor?id={Uri.EscapeDataString(token)}"), CancellationToken.None);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string cookie, string? origin)
    {
        using var http = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = PortalFactory.BaseAddress, AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Cookie", $"{PortalClient.AuthCookie}={cookie}");
        if (origin is not null) request.Headers.Add("Origin", origin);
        return await http.SendAsync(request);
    }

    private async Task<string> CookieAsync()
    {
        using var client = factory.CreatePortalClient();
        using var response = await client.SignInAsync(PortalFactory.DemoAccount(PortalRole.Employee).Email, factory.DemoPassword);
        return PortalClient.AuthCookieOf(response);
    }

    private int RefusalWarnings() => factory.Log.Lines.Count;
}

public sealed class HubOriginTests_Sqlite(SqliteDemoPortal factory) : HubOriginTests(factory), IClassFixture<SqliteDemoPortal>;
public sealed class HubOriginTests_PostgreSql(PostgreSqlDemoPortal factory) : HubOriginTests(factory), IClassFixture<PostgreSqlDemoPortal>;
