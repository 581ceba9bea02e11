using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Access;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.Infrastructure.Persistence;
using StrategyPortal.IntegrationTests.Infrastructure;
using StrategyPortal.Web.Access;
using StrategyPortal.Web.Localization;

namespace StrategyPortal.IntegrationTests.Access;

/// <summary>
/// A portal with Entra sign-in pointed at <see cref="LocalOidcProvider"/> on 127.0.0.1. The provider is
/// started before the portal reads its settings, and stopped with it.
/// </summary>
public abstract class EntraPortal(DatabaseProvider provider, UnknownEntraUsers unknownUsers, bool localAccounts, bool misstateMetadataIssuer = false)
    : PortalFactory(provider, demoData: true)
{
    public const string ProvisionUnit = "Webcare";

    public LocalOidcProvider Oidc { get; } = LocalOidcProvider.Start(misstateMetadataIssuer);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("AzureAd:ClientId", LocalOidcProvider.ClientId);
        builder.UseSetting("AzureAd:Instance", Oidc.Instance);
        builder.UseSetting("AzureAd:TenantId", Oidc.TenantId);
        builder.UseSetting("AzureAd:RoleMapping:Portal.Director", "Director");
        builder.UseSetting("AzureAd:RoleMapping:Portal.Manager", "Manager");
        builder.UseSetting("AzureAd:RoleMapping:Portal.Employee", "Employee");
        builder.UseSetting("AzureAd:UnknownUsers", unknownUsers.ToString());
        builder.UseSetting("AzureAd:ProvisionUnit", ProvisionUnit);
        builder.UseSetting("Portal:LocalAccounts:Enabled", localAccounts ? "true" : "false");
        // The provider's certificate is made by the test: the portal's Entra clients trust it (nothing else changes).
        builder.ConfigureTestServices(LocalOidcProvider.TrustIn);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Oidc.DisposeAsync();
    }
}

public sealed class SqliteEntraProvisioningPortal() : EntraPortal(DatabaseProvider.Sqlite, UnknownEntraUsers.Provision, localAccounts: true);
public sealed class PostgreSqlEntraProvisioningPortal() : EntraPortal(DatabaseProvider.PostgreSql, UnknownEntraUsers.Provision, localAccounts: true);
public sealed class SqliteEntraRefusingPortal() : EntraPortal(DatabaseProvider.Sqlite, UnknownEntraUsers.Refuse, localAccounts: false);
public sealed class SqliteEntraMisstatedIssuerPortal() : EntraPortal(DatabaseProvider.Sqlite, UnknownEntraUsers.Refuse, localAccounts: true, misstateMetadataIssuer: true);

/// <summary>The whole browser round trip: portal → provider's authorize endpoint → portal's callback (code redeemed over HTTP).</summary>
internal static class EntraFlow
{
    /// <summary>Signs in at the local provider as <paramref name="user"/>; returns the portal's answer to the callback.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(EntraPortal factory, PortalClient portal, OidcTestUser user, string? returnUrl = null)
    {
        factory.Oidc.NextUser = user;
        using var challenge = await portal.GetAsync("/account/login/entra" + (returnUrl is null ? string.Empty : "?returnUrl=" + Uri.EscapeDataString(returnUrl)));
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!;
        Assert.StartsWith(factory.Oidc.AuthorizationEndpoint + "?", authorize.AbsoluteUri, StringComparison.Ordinal);

        using var browser = LocalOidcProvider.CreateBrowserClient();
        using var answer = await browser.GetAsync(authorize);
        if (answer.StatusCode != HttpStatusCode.Redirect)
            Assert.Fail($"The provider answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
        var callback = answer.Headers.Location!;
        Assert.Equal("/signin-oidc", callback.AbsolutePath);
        return await portal.GetAsync(callback.AbsoluteUri);
    }
}

public abstract class EntraSignInTests(EntraPortal factory)
{
    [Fact]
    public async Task A_user_with_the_Director_app_role_lands_as_the_demo_director()
    {
        var director = PortalFactory.DemoAccount(PortalRole.Director);
        using var client = factory.CreatePortalClient();

        using var callback = await EntraFlow.SignInAsync(factory, client, new OidcTestUser("oid-director", director.Email, director.Name, "Portal.Director"));

        Assert.Equal("/", PortalClient.RedirectTarget(callback));
        var home = Page.Text(await client.GetPageAsync("/"));
        Assert.Contains(factory.Text<Ui>("Home.Welcome", "en", director.Name), home);
        Assert.Contains($"{factory.Text<Ui>("Role.Director")}: {factory.Text<Ui>("Home.RoleText.Director")}", home);
        // A page only a director (or administrator) may open.
        using var people = await client.GetAsync("/organisation/people");
        Assert.Equal(HttpStatusCode.OK, people.StatusCode);
        await using var db = factory.NewDbContext();
        var login = await db.UserLogins.SingleAsync(l => l.LoginProvider == EntraOptions.Scheme && l.ProviderKey == "oid-director");
        var user = await db.Users.SingleAsync(u => u.Id == login.UserId);
        Assert.Equal(await db.People.Where(p => p.Email == director.Email).Select(p => p.Id).SingleAsync(), user.PersonId);
    }

    [Fact]
    public async Task The_app_role_sets_the_portal_role_and_the_highest_of_several_wins()
    {
        var person = await factory.AddPersonAsync("Role From Entra", PortalRole.Employee);
        using var client = factory.CreatePortalClient();

        using var callback = await EntraFlow.SignInAsync(factory, client,
            new OidcTestUser("oid-roles", person.Email, person.Name, "Portal.Employee", "Something.Else", "Portal.Manager"), returnUrl: "/organisation");

        Assert.Equal("/organisation", PortalClient.RedirectTarget(callback));
        await using var db = factory.NewDbContext();
        Assert.Equal(PortalRole.Manager, (await db.People.SingleAsync(p => p.Id == person.Id)).Role);
        var home = Page.Text(await client.GetPageAsync("/"));
        Assert.Contains($"{factory.Text<Ui>("Role.Manager")}: {factory.Text<Ui>("Home.RoleText.Manager")}", home);
    }

    [Fact]
    public async Task A_role_change_from_the_app_roles_is_audited_as_the_person_signing_in_with_Entra()
    {
        var person = await factory.AddPersonAsync("Audited Role Change", PortalRole.Employee);
        using var client = factory.CreatePortalClient();

        using var callback = await EntraFlow.SignInAsync(factory, client, new OidcTestUser($"oid-audit-{Guid.NewGuid():N}", person.Email, person.Name, "Portal.Director"));

        Assert.Equal("/", PortalClient.RedirectTarget(callback));
        await using var db = factory.NewDbContext();
        var id = person.Id.ToString(CultureInfo.InvariantCulture);
        var change = await db.AuditEntries.Where(a => a.EntityType == nameof(Person) && a.EntityId == id && a.Action == AuditAction.Changed)
            .OrderByDescending(a => a.Id).FirstAsync();
        Assert.Equal(person.Id, change.ActorPersonId);
        Assert.Equal($"{person.Name} (Entra ID sign-in)", change.ActorName);
        using var changes = System.Text.Json.JsonDocument.Parse(change.Changes);
        var role = changes.RootElement.GetProperty("Role");
        Assert.Equal(("Employee", "Director"), (role.GetProperty("old").GetString(), role.GetProperty("new").GetString()));
    }

    [Fact]
    public async Task An_unknown_user_is_provisioned_as_employee_in_the_configured_unit()
    {
        var email = $"new.{Guid.NewGuid():N}@entra.example";
        using var client = factory.CreatePortalClient();

        using var callback = await EntraFlow.SignInAsync(factory, client, new OidcTestUser("oid-new-" + email, email, "Nieuwe Collega", "Portal.Employee"));

        Assert.Equal("/", PortalClient.RedirectTarget(callback));
        await using var db = factory.NewDbContext();
        var person = await db.People.SingleAsync(p => p.Email == email);
        Assert.Equal("Nieuwe Collega", person.Name);
        Assert.Equal(PortalRole.Employee, person.Role);
        Assert.Equal(EntraPortal.ProvisionUnit, (await db.OrgUnits.SingleAsync(u => u.Id == person.OrgUnitId)).Name);
        var created = await db.AuditEntries.SingleAsync(a => a.EntityType == nameof(Person) && a.EntityId == person.Id.ToString(CultureInfo.InvariantCulture) && a.Action == AuditAction.Created);
        Assert.Equal((null, "Entra ID sign-in"), (created.ActorPersonId, created.ActorName));
        Assert.Contains(factory.Text<Ui>("Home.Welcome", "en", "Nieuwe Collega"), Page.Text(await client.GetPageAsync("/")));
    }

    [Fact]
    public async Task A_role_the_mapping_does_not_know_is_refused_and_changes_nothing()
    {
        var person = await factory.AddPersonAsync("Unknown Role", PortalRole.Employee);
        using var client = factory.CreatePortalClient();

        using var callback = await EntraFlow.SignInAsync(factory, client, new OidcTestUser("oid-unknown-role", person.Email, person.Name, "Portal.Superuser"));

        await AssertRefusedAsync(client, callback, EntraRefusal.NoRole, "oid-unknown-role");
        await using var db = factory.NewDbContext();
        Assert.False(await db.UserLogins.AnyAsync(l => l.ProviderKey == "oid-unknown-role"));
        Assert.Equal(PortalRole.Employee, (await db.People.SingleAsync(p => p.Id == person.Id)).Role);
    }

    [Fact]
    public async Task Sign_out_ends_the_portal_session_and_the_provider_session()
    {
        var person = await factory.AddPersonAsync("Signs Out", PortalRole.Employee);
        using var client = factory.CreatePortalClient();
        using (var callback = await EntraFlow.SignInAsync(factory, client, new OidcTestUser("oid-signout", person.Email, person.Name, "Portal.Employee")))
            Assert.Equal("/", PortalClient.RedirectTarget(callback));
        var before = factory.Oidc.EndSessionRequests;

        using var signOut = await client.SignOutAsync();

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var endSession = signOut.Headers.Location!;
        Assert.StartsWith(factory.Oidc.EndSessionEndpoint + "?", endSession.AbsoluteUri, StringComparison.Ordinal);
        using var browser = LocalOidcProvider.CreateBrowserClient();
        using var providerAnswer = await browser.GetAsync(endSession);
        Assert.Equal(before + 1, factory.Oidc.EndSessionRequests);
        Assert.Equal(HttpStatusCode.Redirect, providerAnswer.StatusCode);
        using var back = await client.GetAsync(providerAnswer.Headers.Location!.AbsoluteUri);
        Assert.Equal(AccessEndpoints.SignedOutPath, PortalClient.RedirectTarget(back));
        using var home = await client.GetAsync("/");
        Assert.Equal("/account/login?ReturnUrl=%2F", PortalClient.RedirectTarget(home));
    }

    [Fact]
    public async Task An_erased_person_signing_in_again_is_refused_and_nothing_changes()
    {
        var person = await factory.AddPersonAsync("Erased Later", PortalRole.Employee);
        using (var first = factory.CreatePortalClient())
        using (var callback = await EntraFlow.SignInAsync(factory, first, new OidcTestUser("oid-erased", person.Email, person.Name, "Portal.Employee")))
            Assert.Equal("/", PortalClient.RedirectTarget(callback));
        await using (var admin = await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Administrator).Email))
            await admin.Get<PrivacyService>().EraseAsync(person.Id);
        int peopleBefore;
        await using (var db = factory.NewDbContext()) peopleBefore = await db.People.CountAsync();
        using var client = factory.CreatePortalClient();

        // Same object id (the login was removed with the erasure) and the old e-mail: both lead to the erased person.
        using var callbackAgain = await EntraFlow.SignInAsync(factory, client, new OidcTestUser("oid-erased", person.Email, person.Name, "Portal.Employee"));

        await AssertRefusedAsync(client, callbackAgain, EntraRefusal.Erased, "oid-erased");
        await using var check = factory.NewDbContext();
        Assert.Equal(peopleBefore, await check.People.CountAsync());
        Assert.False(await check.People.AnyAsync(p => p.Email == person.Email));
        Assert.False(await check.UserLogins.AnyAsync(l => l.ProviderKey == "oid-erased"));
    }

    [Fact]
    public async Task A_deactivated_person_is_refused()
    {
        var person = await factory.AddPersonAsync("Deactivated", PortalRole.Employee);
        await using (var db = factory.NewDbContext())
            await db.People.Where(p => p.Id == person.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.IsActive, false));
        using var client = factory.CreatePortalClient();

        using var callback = await EntraFlow.SignInAsync(factory, client, new OidcTestUser("oid-deactivated", person.Email, person.Name, "Portal.Manager"));

        await AssertRefusedAsync(client, callback, EntraRefusal.Inactive, "oid-deactivated");
        await using var check = factory.NewDbContext();
        Assert.Equal(PortalRole.Employee, (await check.People.SingleAsync(p => p.Id == person.Id)).Role);
        Assert.False(await check.UserLogins.AnyAsync(l => l.ProviderKey == "oid-deactivated"));
    }

    [Fact]
    public async Task A_code_the_provider_did_not_issue_is_refused()
    {
        var person = await factory.AddPersonAsync("Forged Code", PortalRole.Employee);
        using var client = factory.CreatePortalClient();
        factory.Oidc.NextUser = new OidcTestUser("oid-forged", person.Email, person.Name, "Portal.Director");
        using var challenge = await client.GetAsync("/account/login/entra");
        using var browser = LocalOidcProvider.CreateBrowserClient();
        using var answer = await browser.GetAsync(challenge.Headers.Location!);
        var query = System.Web.HttpUtility.ParseQueryString(answer.Headers.Location!.Query);

        var warnings = NotValidatedWarnings().Count;

        using var callback = await client.GetAsync($"/signin-oidc?code=forged-{Guid.NewGuid():N}&state={Uri.EscapeDataString(query["state"]!)}");

        Assert.Equal("/account/signin-refused?reason=failed", PortalClient.RedirectTarget(callback));
        using var home = await client.GetAsync("/");
        Assert.Equal("/account/login?ReturnUrl=%2F", PortalClient.RedirectTarget(home));
        // The provider refused to redeem the code (the tests of a class run one after another).
        Assert.Contains("invalid_grant", Assert.Single(NotValidatedWarnings().Skip(warnings)), StringComparison.Ordinal);
        await using var db = factory.NewDbContext();
        Assert.False(await db.UserLogins.AnyAsync(l => l.ProviderKey == "oid-forged"));
        Assert.Equal(PortalRole.Employee, (await db.People.SingleAsync(p => p.Id == person.Id)).Role);
    }

    [Fact]
    public async Task An_expired_id_token_is_refused()
    {
        var person = await factory.AddPersonAsync("Expired Token", PortalRole.Employee);
        using var client = factory.CreatePortalClient();
        var warnings = NotValidatedWarnings().Count;

        using var callback = await EntraFlow.SignInAsync(factory, client,
            new OidcTestUser("oid-expired", person.Email, person.Name, "Portal.Director") { IdentityTokenLifetime = TimeSpan.FromHours(-1) });

        Assert.Equal("/account/signin-refused?reason=failed", PortalClient.RedirectTarget(callback));
        // IDX10223: the token's lifetime check failed.
        Assert.Contains("IDX10223", Assert.Single(NotValidatedWarnings().Skip(warnings)), StringComparison.Ordinal);
        await using var db = factory.NewDbContext();
        Assert.False(await db.UserLogins.AnyAsync(l => l.ProviderKey == "oid-expired"));
        Assert.Equal(PortalRole.Employee, (await db.People.SingleAsync(p => p.Id == person.Id)).Role);
    }

    /// <summary>Signs in once through Entra as <paramref name="person"/> with <paramref name="objectId"/>: the account is then linked to it.</summary>
    private async Task LinkAsync(TestPerson person, string objectId)
    {
        using var client = factory.CreatePortalClient();
        using var callback = await EntraFlow.SignInAsync(factory, client, new OidcTestUser(objectId, person.Email, person.Name, "Portal.Employee"));
        Assert.Equal("/", PortalClient.RedirectTarget(callback));
    }

    /// <summary>The refusal page for <paramref name="reason"/>, the warning in the log naming the object id, and nobody signed in.</summary>
    private async Task AssertRefusedAsync(PortalClient client, HttpResponseMessage callback, string reason, string objectId)
    {
        Assert.Equal($"/account/signin-refused?reason={reason}", PortalClient.RedirectTarget(callback));
        Assert.Contains(factory.Text<Ui>($"SignIn.Refused.{reason}"), Page.Text(await client.GetPageAsync($"/account/signin-refused?reason={reason}")));
        Assert.Contains(factory.Log.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal)
            && l.Contains($"Entra sign-in refused ({reason}) for object id {objectId}", StringComparison.Ordinal));
        using var home = await client.GetAsync("/");
        Assert.Equal("/account/login?ReturnUrl=%2F", PortalClient.RedirectTarget(home));
    }

    private async Task<(int Logins, string Roles)> SnapshotAsync()
    {
        await using var db = factory.NewDbContext();
        var roles = await db.People.OrderBy(p => p.Id).Select(p => p.Id + ":" + p.Role).ToListAsync();
        return (await db.UserLogins.CountAsync(), string.Join(",", roles));
    }

    [Fact]
    public async Task A_new_object_id_with_the_e_mail_of_a_linked_person_is_refused_and_changes_nothing()
    {
        var person = await factory.AddPersonAsync("Linked Owner", PortalRole.Employee);
        var ownerId = $"oid-owner-{Guid.NewGuid():N}";
        await LinkAsync(person, ownerId);
        var before = await SnapshotAsync();
        var attackerId = $"oid-takeover-{Guid.NewGuid():N}";
        using var attacker = factory.CreatePortalClient();

        // Another Entra account that carries the linked person's e-mail address (and asks for more than they have).
        using var callback = await EntraFlow.SignInAsync(factory, attacker, new OidcTestUser(attackerId, person.Email, "Someone Else", "Portal.Director"));

        await AssertRefusedAsync(attacker, callback, EntraRefusal.Ambiguous, attackerId);
        Assert.Equal(before, await SnapshotAsync());
        await using var db = factory.NewDbContext();
        Assert.False(await db.UserLogins.AnyAsync(l => l.ProviderKey == attackerId));
        var owner = await db.Users.SingleAsync(u => u.PersonId == person.Id);
        Assert.Equal([ownerId], await db.UserLogins.Where(l => l.UserId == owner.Id).Select(l => l.ProviderKey).ToListAsync());
    }

    [Fact]
    public async Task An_object_id_linked_to_one_person_with_the_e_mail_of_another_is_refused_and_changes_nothing()
    {
        var linked = await factory.AddPersonAsync("Object Id Owner", PortalRole.Employee);
        var other = await factory.AddPersonAsync("E-mail Owner", PortalRole.Employee);
        var objectId = $"oid-linked-{Guid.NewGuid():N}";
        await LinkAsync(linked, objectId);
        var before = await SnapshotAsync();
        using var client = factory.CreatePortalClient();

        using var callback = await EntraFlow.SignInAsync(factory, client, new OidcTestUser(objectId, other.Email, other.Name, "Portal.Manager"));

        await AssertRefusedAsync(client, callback, EntraRefusal.Ambiguous, objectId);
        Assert.Equal(before, await SnapshotAsync());
        await using var db = factory.NewDbContext();
        var otherUser = await db.Users.SingleAsync(u => u.PersonId == other.Id);
        Assert.False(await db.UserLogins.AnyAsync(l => l.UserId == otherUser.Id));
    }

    [Fact]
    public async Task A_preferred_username_or_an_unverified_e_mail_never_matches_a_person()
    {
        var person = await factory.AddPersonAsync("Known By E-mail", PortalRole.Employee);
        var before = await SnapshotAsync();
        var byUsername = $"oid-upn-{Guid.NewGuid():N}";
        var byUnverified = $"oid-unverified-{Guid.NewGuid():N}";
        using var first = factory.CreatePortalClient();
        using var second = factory.CreatePortalClient();

        // preferred_username is the UPN, which a user can edit in some tenants; no email claim at all.
        using var viaUsername = await EntraFlow.SignInAsync(factory, first,
            new OidcTestUser(byUsername, person.Email, person.Name, "Portal.Employee") { SendEmail = false, PreferredUsername = person.Email });
        // An email claim the tenant says its domain owner did not verify.
        using var viaUnverified = await EntraFlow.SignInAsync(factory, second,
            new OidcTestUser(byUnverified, person.Email, person.Name, "Portal.Employee") { EmailDomainVerified = false });

        await AssertRefusedAsync(first, viaUsername, EntraRefusal.MissingClaims, byUsername);
        await AssertRefusedAsync(second, viaUnverified, EntraRefusal.MissingClaims, byUnverified);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_linked_person_signs_in_by_object_id_without_an_e_mail_claim()
    {
        var person = await factory.AddPersonAsync("Linked No Mail", PortalRole.Employee);
        var objectId = $"oid-nomail-{Guid.NewGuid():N}";
        await LinkAsync(person, objectId);
        using var client = factory.CreatePortalClient();

        using var callback = await EntraFlow.SignInAsync(factory, client, new OidcTestUser(objectId, person.Email, person.Name, "Portal.Employee") { SendEmail = false });

        Assert.Equal("/", PortalClient.RedirectTarget(callback));
        Assert.Contains(factory.Text<Ui>("Home.Welcome", "en", person.Name), Page.Text(await client.GetPageAsync("/")));
    }

    [Fact]
    public async Task A_token_of_another_tenant_is_refused_and_changes_nothing()
    {
        var person = await factory.AddPersonAsync("Other Tenant", PortalRole.Employee);
        var before = await SnapshotAsync();
        var objectId = $"oid-foreign-{Guid.NewGuid():N}";
        using var client = factory.CreatePortalClient();

        // Signed by the configured provider, with its issuer, but for a user of another tenant (tid).
        using var callback = await EntraFlow.SignInAsync(factory, client,
            new OidcTestUser(objectId, person.Email, person.Name, "Portal.Director") { TenantId = Guid.NewGuid().ToString() });

        await AssertRefusedAsync(client, callback, EntraRefusal.Failed, objectId);
        Assert.Equal(before, await SnapshotAsync());
        await using var db = factory.NewDbContext();
        Assert.False(await db.UserLogins.AnyAsync(l => l.ProviderKey == objectId));
    }

    [Fact]
    public async Task Microsoft_Identity_Web_checks_the_issuer_against_the_providers_own_metadata_and_calls_no_other_host()
    {
        // A person of its own: the demo accounts get linked to the object ids other tests use.
        var person = await factory.AddPersonAsync("Offline Check", PortalRole.Director);
        using var client = factory.CreatePortalClient();
        using var outbound = OutboundRequests.Record();

        using var callback = await EntraFlow.SignInAsync(factory, client, new OidcTestUser($"oid-offline-{Guid.NewGuid():N}", person.Email, person.Name, "Portal.Director"));

        Assert.Equal("/", PortalClient.RedirectTarget(callback));
        // Microsoft.Identity.Web's AadIssuerValidator read the issuer from {authority}/.well-known/openid-configuration,
        // through its own (named) client: no instance discovery, no Microsoft host.
        Assert.Contains(new Uri($"{factory.Oidc.Issuer}/.well-known/openid-configuration"), LocalOidcProvider.IssuerValidatorRequests);
        Assert.NotEmpty(outbound.Requests);
        Assert.All(outbound.Requests, uri => Assert.True(System.Net.IPAddress.TryParse(uri.Host, out var address) && System.Net.IPAddress.IsLoopback(address),
            $"the sign-in sent a request off this machine: {uri}"));
    }

    private List<string> NotValidatedWarnings() =>
        factory.Log.Lines.Where(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("the provider's answer did not validate", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task The_login_page_offers_Microsoft_sign_in_next_to_the_form()
    {
        using var client = factory.CreatePortalClient();
        using var response = await client.GetAsync("/account/login");
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"sign-in-entra\"", page);
        Assert.Contains(factory.Text<Ui>("Login.Entra"), Page.Text(page));
        // The sign-out form's answer redirects to the provider: the policy must allow that form target.
        Assert.Contains($"form-action 'self' {factory.Oidc.Origin};", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("data-testid=\"sign-in\"", page);
    }
}

public sealed class EntraSignInTests_Sqlite(SqliteEntraProvisioningPortal factory) : EntraSignInTests(factory), IClassFixture<SqliteEntraProvisioningPortal>;
public sealed class EntraSignInTests_PostgreSql(PostgreSqlEntraProvisioningPortal factory) : EntraSignInTests(factory), IClassFixture<PostgreSqlEntraProvisioningPortal>;

/// <summary>Unknown users refused and local accounts off (SQLite: the refusals touch no provider-specific SQL).</summary>
public sealed class EntraRefusalTests(SqliteEntraRefusingPortal factory) : IClassFixture<SqliteEntraRefusingPortal>
{
    [Fact]
    public async Task An_unknown_user_is_refused_with_a_clear_page_and_nothing_is_stored()
    {
        var email = $"stranger.{Guid.NewGuid():N}@entra.example";
        using var client = factory.CreatePortalClient();

        using var callback = await EntraFlow.SignInAsync(factory, client, new OidcTestUser("oid-stranger", email, "Stranger", "Portal.Employee"));

        Assert.Equal("/account/signin-refused?reason=unknown", PortalClient.RedirectTarget(callback));
        Assert.Contains(factory.Text<Ui>("SignIn.Refused.unknown"), Page.Text(await client.GetPageAsync("/account/signin-refused?reason=unknown")));
        Assert.Contains(factory.Log.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("Entra sign-in refused (unknown) for object id oid-stranger", StringComparison.Ordinal));
        await using var db = factory.NewDbContext();
        Assert.False(await db.People.AnyAsync(p => p.Email == email));
        Assert.False(await db.UserLogins.AnyAsync(l => l.ProviderKey == "oid-stranger"));
    }

    [Fact]
    public async Task A_known_director_still_signs_in_when_unknown_users_are_refused()
    {
        var director = PortalFactory.DemoAccount(PortalRole.Director);
        using var client = factory.CreatePortalClient();

        using var callback = await EntraFlow.SignInAsync(factory, client, new OidcTestUser("oid-director-2", director.Email, director.Name, "Portal.Director"));

        Assert.Equal("/", PortalClient.RedirectTarget(callback));
        Assert.Contains($"{factory.Text<Ui>("Role.Director")}: {factory.Text<Ui>("Home.RoleText.Director")}", Page.Text(await client.GetPageAsync("/")));
    }

    [Fact]
    public async Task With_local_accounts_off_the_form_is_hidden_and_a_password_post_is_refused()
    {
        using var client = factory.CreatePortalClient();
        var page = await client.GetPageAsync("/account/login");
        Assert.Contains("data-testid=\"sign-in-entra\"", page);
        Assert.DoesNotContain("data-testid=\"sign-in\"", page);

        // The page's own (empty) sign-in form with its antiforgery token, plus a right password: a complete,
        // valid post, so only the setting can refuse it.
        var form = HtmlForm.WithHandler(page, "login");
        Assert.DoesNotContain("Input.Password", form.FieldNames);
        Assert.Contains("__RequestVerificationToken", form.HiddenFields.Keys);
        var director = PortalFactory.DemoAccount(PortalRole.Director);
        var fields = new Dictionary<string, string>(form.HiddenFields) { ["Input.Email"] = director.Email, ["Input.Password"] = factory.DemoPassword };
        using var post = await client.Http.PostAsync(form.Action ?? PortalClient.LoginPath, new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Contains(factory.Text<Ui>("Login.LocalOff"), Page.Text(await post.Content.ReadAsStringAsync()));
        Assert.False(PortalClient.SetsCookie(post, PortalClient.AuthCookie));
        Assert.Contains(factory.Log.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("Sign-in refused: local accounts are switched off", StringComparison.Ordinal));
        using var home = await client.GetAsync("/");
        Assert.Equal("/account/login?ReturnUrl=%2F", PortalClient.RedirectTarget(home));
    }
}

/// <summary>
/// Microsoft.Identity.Web's issuer validation is on and is what refuses: the provider signs correct tokens for the
/// configured tenant, but its metadata names another issuer (as a provider that is not the configured one would).
/// </summary>
public sealed class EntraIssuerValidationTests(SqliteEntraMisstatedIssuerPortal factory) : IClassFixture<SqliteEntraMisstatedIssuerPortal>
{
    [Fact]
    public async Task A_token_whose_issuer_the_authoritys_metadata_does_not_name_is_refused_by_the_issuer_validator()
    {
        var director = PortalFactory.DemoAccount(PortalRole.Director);
        using (var browser = LocalOidcProvider.CreateBrowserClient())
        {
            var metadata = await browser.GetStringAsync($"{factory.Oidc.Issuer}/.well-known/openid-configuration");
            Assert.Contains($"\"{factory.Oidc.MisstatedIssuer}\"", metadata, StringComparison.Ordinal);
        }
        using var client = factory.CreatePortalClient();

        using var callback = await EntraFlow.SignInAsync(factory, client, new OidcTestUser("oid-misstated", director.Email, director.Name, "Portal.Director"));

        Assert.Equal("/account/signin-refused?reason=failed", PortalClient.RedirectTarget(callback));
        // IDX40001: AadIssuerValidator (Microsoft.IdentityModel.Validators), installed by Microsoft.Identity.Web.
        Assert.Contains(factory.Log.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal)
            && l.Contains("the provider's answer did not validate", StringComparison.Ordinal) && l.Contains("IDX40001", StringComparison.Ordinal));
        using var home = await client.GetAsync("/");
        Assert.Equal("/account/login?ReturnUrl=%2F", PortalClient.RedirectTarget(home));
        await using var db = factory.NewDbContext();
        Assert.False(await db.UserLogins.AnyAsync(l => l.ProviderKey == "oid-misstated"));
    }
}

/// <summary>Every HTTP request this process sends over the network (HttpClient's diagnostics), while recording.</summary>
internal sealed class OutboundRequests : IDisposable, IObserver<System.Diagnostics.DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private readonly List<IDisposable> _subscriptions = [];
    private readonly System.Collections.Concurrent.ConcurrentQueue<Uri> _requests = new();

    public IReadOnlyCollection<Uri> Requests => _requests;

    public static OutboundRequests Record()
    {
        var recorder = new OutboundRequests();
        recorder._subscriptions.Add(System.Diagnostics.DiagnosticListener.AllListeners.Subscribe(recorder));
        return recorder;
    }

    public void OnNext(System.Diagnostics.DiagnosticListener listener)
    {
        if (listener.Name == "HttpHandlerDiagnosticListener")
            lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key != "System.Net.Http.HttpRequestOut.Start" || value.Value is null) return;
        if (value.Value.GetType().GetProperty("Request")?.GetValue(value.Value) is HttpRequestMessage { RequestUri: { } uri }) _requests.Enqueue(uri);
    }

    public void OnCompleted() { }

    public void OnError(Exception error) { }

    public void Dispose()
    {
        lock (_subscriptions) foreach (var subscription in _subscriptions) subscription.Dispose();
    }
}
