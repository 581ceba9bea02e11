using StrategyPortal.Domain.Access;
using StrategyPortal.Web.Access;
using StrategyPortal.Web.Components.Layout;
using StrategyPortal.Web.Tests.Localization;

namespace StrategyPortal.Web.Tests.Access;

/// <summary>
/// The permission matrix in docs/security.md is generated from <see cref="PermissionMatrix"/>, the
/// data the authorization matrix test walks. When they differ this test fails and prints the table;
/// run it with <c>UPDATE_DOCS=1</c> to write the table into the doc.
/// </summary>
public class PermissionMatrixDocTests
{
    private static string DocPath => Path.Combine(ResourceTests.SolutionRoot(), "docs", "security.md");

    [Fact]
    public void The_table_in_the_security_doc_is_the_one_generated_from_the_matrix()
    {
        var doc = File.ReadAllText(DocPath).ReplaceLineEndings("\n");
        var start = doc.IndexOf(PermissionMatrix.TableStart, StringComparison.Ordinal);
        var end = doc.IndexOf(PermissionMatrix.TableEnd, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"docs/security.md needs the markers {PermissionMatrix.TableStart} and {PermissionMatrix.TableEnd}.");
        var current = doc[(start + PermissionMatrix.TableStart.Length)..end].Trim('\n');
        var expected = PermissionMatrix.Markdown().Trim('\n');
        if (current == expected) return;

        if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
        {
            File.WriteAllText(DocPath, doc[..(start + PermissionMatrix.TableStart.Length)] + "\n" + expected + "\n" + doc[end..]);
            return;
        }
        Assert.Fail("docs/security.md is out of date with PermissionMatrix. Run this test with UPDATE_DOCS=1, or paste between the markers:\n\n" + expected);
    }

    [Fact]
    public void Every_menu_page_is_a_row_and_every_address_is_listed_once_per_method()
    {
        var rows = PermissionMatrix.All.Select(r => (r.Method, r.Address)).ToList();
        Assert.Equal(rows.Distinct().Count(), rows.Count);
        Assert.All(Navigation.Items, item => Assert.Contains(("GET", item.Href), rows));
    }

    [Fact]
    public void Cells_follow_the_gate_and_the_role_permissions()
    {
        var audit = PermissionMatrix.All.Single(r => r.Address == "/audit");
        Assert.Equal([false, false, false, true, true], Visitors.Select(audit.Allows));

        var login = PermissionMatrix.All.Single(r => r.Address == "/account/login");
        Assert.All(Visitors, v => Assert.True(login.Allows(v)));

        var home = PermissionMatrix.All.Single(r => r.Address == "/");
        Assert.Equal([false, true, true, true, true], Visitors.Select(home.Allows));

        // The API takes a key, never a cookie; a command runs on the host, never through a role.
        // The OpenID Connect callbacks answer everyone (the handler decides), and are rows of the table.
        Assert.Equal(["/signin-oidc", "/signout-callback-oidc"], PermissionMatrix.Callbacks.Select(c => c.Address));
        Assert.All(PermissionMatrix.Callbacks, c => Assert.All(Visitors, v => Assert.True(c.Allows(v))));

        var apis = PermissionMatrix.All.Where(r => r.Gate == MatrixGate.ApiKey).ToList();
        Assert.Contains(apis, r => r.Address == "/api/v1/customer-scores");
        Assert.Contains(apis, r => r.Address.StartsWith("/scim/v2/", StringComparison.Ordinal));
        Assert.All(apis, api => Assert.All(Visitors, v => Assert.False(api.Allows(v))));
        Assert.All(PermissionMatrix.Commands, c => Assert.All(Visitors, v => Assert.False(c.Allows(v))));
    }

    [Fact]
    public void The_generated_table_has_one_line_per_row_and_per_permission()
    {
        var lines = PermissionMatrix.Markdown().Split('\n');
        Assert.Equal(PermissionMatrix.All.Count(), lines.Count(l => l.StartsWith("| Page |", StringComparison.Ordinal)
            || l.StartsWith("| Endpoint |", StringComparison.Ordinal) || l.StartsWith("| Callback |", StringComparison.Ordinal)
            || l.StartsWith("| Command |", StringComparison.Ordinal)));
        Assert.Contains("| `/audit` | `audit.read` | — | — | — | ✓ | ✓ |", PermissionMatrix.Markdown(), StringComparison.Ordinal);
        Assert.Equal(Permission.All.Count, lines.Count(l => l.StartsWith("| `", StringComparison.Ordinal) && !l.Contains("| Page", StringComparison.Ordinal)));
    }

    private static IEnumerable<PortalRole?> Visitors => [null, PortalRole.Employee, PortalRole.Manager, PortalRole.Director, PortalRole.Administrator];
}
