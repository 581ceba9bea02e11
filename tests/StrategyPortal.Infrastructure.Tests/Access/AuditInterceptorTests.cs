using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.Infrastructure.Access;
using StrategyPortal.Infrastructure.Persistence;

namespace StrategyPortal.Infrastructure.Tests.Access;

public sealed class AuditInterceptorTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public AuditInterceptorTests()
    {
        _connection.Open();
        using var db = NewContext();
        db.Database.Migrate();
    }

    public void Dispose() => _connection.Dispose();

    private PortalDbContext NewContext(AuditActor? actor = null)
    {
        var builder = new DbContextOptionsBuilder<PortalDbContext>();
        builder.UseSqlite(_connection, o => o.MigrationsAssembly(DatabaseRegistration.SqliteMigrationsAssembly));
        builder.AddInterceptors(new VersionStampInterceptor(), new AuditInterceptor(TimeProvider.System));
        return new PortalDbContext(builder.Options) { Actor = actor ?? AuditActor.System };
    }

    private static readonly AuditActor Sanne = new(7, "Sanne de Vries");

    private int SeedCompany()
    {
        using var db = NewContext();
        var company = new OrgUnit("Noordlicht Retail B.V.", OrgUnitKind.Other, null);
        db.OrgUnits.Add(company);
        db.SaveChanges();
        return company.Id;
    }

    private List<AuditEntry> Log()
    {
        using var db = NewContext();
        return db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).ToList();
    }

    private static JsonElement Change(AuditEntry entry, string property) => JsonDocument.Parse(entry.Changes).RootElement.GetProperty(property);

    [Fact]
    public async Task A_create_is_recorded_with_the_new_key_values_and_the_actor()
    {
        var companyId = SeedCompany();
        int unitId;
        await using (var db = NewContext(Sanne))
        {
            var unit = new OrgUnit("Webcare", OrgUnitKind.CustomerService, companyId);
            db.OrgUnits.Add(unit);
            await db.SaveChangesAsync();
            unitId = unit.Id;
        }

        var entry = Log().Last();
        Assert.Equal(AuditAction.Created, entry.Action);
        Assert.Equal(nameof(OrgUnit), entry.EntityType);
        Assert.Equal(unitId.ToString(System.Globalization.CultureInfo.InvariantCulture), entry.EntityId);
        Assert.Equal(7, entry.ActorPersonId);
        Assert.Equal("Sanne de Vries", entry.ActorName);
        Assert.Equal("Webcare", Change(entry, "Name").GetProperty("new").GetString());
        Assert.Equal(JsonValueKind.Null, Change(entry, "Name").GetProperty("old").ValueKind);
        Assert.Equal(unitId, Change(entry, "Id").GetProperty("new").GetInt32());
    }

    [Fact]
    public async Task A_change_records_only_what_changed_with_old_and_new_values()
    {
        var companyId = SeedCompany();
        await using (var db = NewContext())
        {
            db.People.Add(new Person("Lotte Visser", "lotte@noordlicht.example", companyId, PortalRole.Employee));
            await db.SaveChangesAsync();
        }
        await using (var db = NewContext(Sanne))
        {
            var person = await db.People.SingleAsync();
            person.Update("Lotte Visser", "lotte@noordlicht.example", companyId, PortalRole.Manager);
            await db.SaveChangesAsync();
        }

        var entry = Log().Last();
        Assert.Equal(AuditAction.Changed, entry.Action);
        var changes = JsonDocument.Parse(entry.Changes).RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["Role"], changes);
        Assert.Equal("Employee", Change(entry, "Role").GetProperty("old").GetString());
        Assert.Equal("Manager", Change(entry, "Role").GetProperty("new").GetString());
    }

    [Fact]
    public async Task A_delete_is_recorded_with_the_old_values()
    {
        var companyId = SeedCompany();
        await using (var db = NewContext())
        {
            db.OrgUnits.Add(new OrgUnit("Tijdelijk", OrgUnitKind.Other, companyId));
            await db.SaveChangesAsync();
        }
        await using (var db = NewContext(Sanne))
        {
            db.OrgUnits.Remove(await db.OrgUnits.SingleAsync(u => u.Name == "Tijdelijk"));
            await db.SaveChangesAsync();
        }

        var entry = Log().Last();
        Assert.Equal(AuditAction.Deleted, entry.Action);
        Assert.Equal("Tijdelijk", Change(entry, "Name").GetProperty("old").GetString());
    }

    [Fact]
    public async Task A_failed_save_leaves_neither_the_change_nor_an_audit_entry()
    {
        var companyId = SeedCompany();
        await using (var db = NewContext())
        {
            db.People.Add(new Person("Lotte Visser", "lotte@noordlicht.example", companyId, PortalRole.Employee));
            await db.SaveChangesAsync();
        }
        var before = Log().Count;

        await using (var db = NewContext(Sanne))
        {
            db.OrgUnits.Add(new OrgUnit("Nieuw", OrgUnitKind.Other, companyId));
            db.People.Add(new Person("Dubbel", "lotte@noordlicht.example", companyId, PortalRole.Employee));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        Assert.Equal(before, Log().Count);
        await using var check = NewContext();
        Assert.False(await check.OrgUnits.AnyAsync(u => u.Name == "Nieuw"));
    }

    [Fact]
    public async Task The_log_is_append_only()
    {
        SeedCompany();
        await using var db = NewContext();
        var entry = await db.AuditEntries.FirstAsync();
        entry.Pseudonymise("someone else");

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Changes_in_a_rolled_back_transaction_leave_no_audit_entries()
    {
        var companyId = SeedCompany();
        var before = Log().Count;
        await using (var db = NewContext(Sanne))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.OrgUnits.Add(new OrgUnit("Teruggedraaid", OrgUnitKind.Other, companyId));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }
        Assert.Equal(before, Log().Count);
    }
}
