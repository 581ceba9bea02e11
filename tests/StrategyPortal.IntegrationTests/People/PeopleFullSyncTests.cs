using System.Text;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.People;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.People;
using StrategyPortal.IntegrationTests.Infrastructure;

namespace StrategyPortal.IntegrationTests.People;

/// <summary>
/// A new company's first day, in order (each step needs the state the one before left): setup, the 500-person sample
/// as a full sync creating its units, managers and their scopes; the same file again changing nothing; a full sync
/// that leaves out a quarter of the company refused until exactly that change is confirmed.
/// </summary>
public abstract class PeopleFullSyncTests(PortalFactory factory)
{
    private const string AdminEmail = "beheerder@noordlicht.example";

    public static byte[] Sample()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "StrategyPortal.sln"))) dir = dir.Parent;
        return File.ReadAllBytes(Path.Combine(dir!.FullName, "docs", "samples", "people.csv"));
    }

    private static readonly PeopleImportRequest Full = new(PeopleSyncMode.Full, CreateUnits: true);

    [Fact]
    public async Task The_sample_company_is_imported_in_full_and_kept_in_step()
    {
        await using (var anonymous = factory.AsAnonymous())
            await anonymous.Get<SetupService>().CreateFirstAdministratorAsync(new SetupInput
            {
                CompanyName = "Noordlicht Retail B.V.", Name = "Sanne de Vries", Email = AdminEmail,
                Password = PortalFactory.StrongPassword, ConfirmPassword = PortalFactory.StrongPassword,
            });
        await using var admin = await factory.AsAsync(AdminEmail);
        var imports = admin.Get<PeopleImportService>();
        var sample = Sample();

        // 1. The preview: 499 new people (two of them created inactive), the administrator (found by e-mail) changed and moved to IT, 9 units.
        var preview = await imports.PreviewAsync(sample, "people.csv", Full);
        Assert.Empty(preview.Errors);
        Assert.Equal(500, preview.Rows);
        Assert.Equal((499, 1, 1, 0, 0, 9), (preview.Counts.Created, preview.Counts.Changed, preview.Counts.Moved, preview.Counts.Deactivated,
            preview.Counts.Reactivated, preview.Counts.UnitsCreated));
        Assert.Equal(["Directie", "Marketing", "Klantenservice", "Klantenservice/Webcare", "Winkels", "Winkels/Winkels Noord", "Winkels/Winkels Zuid", "Logistiek", "IT"],
            preview.NewUnits);
        Assert.False(preview.NeedsConfirmation);

        // 2. Applied in one go.
        var applied = await imports.ApplyAsync(sample, "people.csv", Full, null);
        Assert.Equal(PeopleImportRefusal.None, applied.Refusal);
        await using (var db = factory.NewDbContext())
        {
            Assert.Equal(500, await db.People.CountAsync());
            Assert.Equal(498, await db.People.CountAsync(p => p.IsActive));
            Assert.Equal(10, await db.OrgUnits.CountAsync());
            var webcare = await db.OrgUnits.SingleAsync(u => u.Name == "Webcare");
            var service = await db.OrgUnits.SingleAsync(u => u.Name == "Klantenservice");
            Assert.Equal(service.Id, webcare.ParentId);
            var fatima = await db.People.SingleAsync(p => p.EmployeeNumber == "E1003");
            Assert.Equal(service.Id, fatima.OrgUnitId);
            Assert.Equal(await db.People.Where(p => p.EmployeeNumber == "E1001").Select(p => (int?)p.Id).SingleAsync(), fatima.ManagerId);
            var sanne = await db.People.SingleAsync(p => p.Email == AdminEmail);
            Assert.Equal(("E1010", PortalRole.Administrator, true), (sanne.EmployeeNumber, sanne.Role, sanne.IsActive));
        }

        // 3. The managers' scopes follow the reporting lines of the file.
        Assert.Equal(["Klantenservice", "Webcare"], await ScopeOfAsync("manager.klantenservice@noordlicht.example"));
        Assert.Equal(["Winkels", "Winkels Noord", "Winkels Zuid"], await ScopeOfAsync(await EmailOfAsync("E1005")));
        Assert.Equal(["Webcare"], await ScopeOfAsync(await EmailOfAsync("E1004")));

        // 4. The same file again: nothing to change, nothing written.
        long audit;
        await using (var db = factory.NewDbContext()) audit = await db.AuditEntries.LongCountAsync();
        var again = await imports.ApplyAsync(sample, "people.csv", Full, null);
        Assert.Equal(PeopleImportRefusal.NothingToChange, again.Refusal);
        await using (var db = factory.NewDbContext())
        {
            Assert.Equal(audit, await db.AuditEntries.LongCountAsync());
            Assert.Equal(1, await db.PeopleImports.CountAsync());
        }

        // 5. A file without the stores' 270 people: their 269 active ones of 498 would go (54 %) — refused until confirmed.
        var lines = Encoding.UTF8.GetString(sample).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var withoutStores = Encoding.UTF8.GetBytes(string.Join("\r\n", lines.Where(l => !l.Contains(";Winkels/", StringComparison.Ordinal))) + "\r\n");
        var shrink = await imports.PreviewAsync(withoutStores, "without-stores.csv", Full);
        Assert.True(shrink.DeactivatesTooMany);
        Assert.Equal(269, shrink.Counts.Deactivated);
        var refused = await imports.ApplyAsync(withoutStores, "without-stores.csv", Full, null);
        Assert.Equal(PeopleImportRefusal.NeedsConfirmation, refused.Refusal);
        await using (var db = factory.NewDbContext()) Assert.Equal(498, await db.People.CountAsync(p => p.IsActive));

        var confirmed = await imports.ApplyAsync(withoutStores, "without-stores.csv", Full, shrink.ConfirmationCode);
        Assert.Equal(PeopleImportRefusal.None, confirmed.Refusal);
        await using (var db = factory.NewDbContext()) Assert.Equal(229, await db.People.CountAsync(p => p.IsActive));
    }

    private async Task<string> EmailOfAsync(string number)
    {
        await using var db = factory.NewDbContext();
        return await db.People.Where(p => p.EmployeeNumber == number).Select(p => p.Email).SingleAsync();
    }

    private async Task<List<string>> ScopeOfAsync(string email)
    {
        await using var manager = await factory.AsAsync(email);
        var scope = await manager.Get<AccessScope>().ForAsync(await manager.Get<ICurrentUser>().GetAsync());
        await using var db = factory.NewDbContext();
        return (await db.OrgUnits.Where(u => scope.UnitIds.Contains(u.Id)).Select(u => u.Name).ToListAsync()).Order(StringComparer.Ordinal).ToList();
    }
}

public sealed class PeopleFullSyncTests_Sqlite(SqliteFirstStartPortal factory) : PeopleFullSyncTests(factory), IClassFixture<SqliteFirstStartPortal>;
public sealed class PeopleFullSyncTests_PostgreSql(PostgreSqlFirstStartPortal factory) : PeopleFullSyncTests(factory), IClassFixture<PostgreSqlFirstStartPortal>;
