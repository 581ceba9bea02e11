using System.Text;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.CustomerScores;
using StrategyPortal.Application.Localization;
using StrategyPortal.Application.People;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.People;
using StrategyPortal.IntegrationTests.Infrastructure;

namespace StrategyPortal.IntegrationTests.People;

/// <summary>
/// People files against the demo company through <see cref="PeopleImportService"/> as the administrator: every kind of
/// bad input (a precise message, nothing changed), delta changes, moves and managers, the same file twice (no change,
/// no audit entry), the employee-number safeguard, and the audit log naming the import.
/// </summary>
public abstract class PeopleImportTests(PortalFactory factory)
{
    private const string Header = "employee_number;first_name;last_name;email;unit;manager_employee_number;role;language;start_date;active";

    /// <summary>A unique prefix per test: the tests of a class share the demo company.</summary>
    private static string Tag() => "T" + Guid.NewGuid().ToString("N")[..6];

    private static byte[] File(params string[] rows) => Encoding.UTF8.GetBytes(string.Join("\r\n", [Header, .. rows]) + "\r\n");

    private static string Row(string number, string first, string last, string email, string unit, string manager = "", string role = "", string language = "nl",
        string start = "2024-01-15", string active = "ja") => string.Join(';', number, first, last, email, unit, manager, role, language, start, active);

    private async Task<PersonScope> AdminAsync() => await factory.AsAsync(PortalFactory.DemoAccount(PortalRole.Administrator).Email);

    private static readonly PeopleImportRequest Delta = new(PeopleSyncMode.Delta, CreateUnits: false);

    // Audit entries by people only: the portal's own background work (the round scheduler) may write while a test runs.
    private async Task<(int People, int Units, long Audit, int Imports)> StateAsync()
    {
        await using var db = factory.NewDbContext();
        return (await db.People.CountAsync(), await db.OrgUnits.CountAsync(), await db.AuditEntries.LongCountAsync(e => e.ActorPersonId != null), await db.PeopleImports.CountAsync());
    }

    private const string Short = "employee_number;first_name;last_name;email;unit";
    private const string WithManager = Short + ";manager_employee_number";

    public static TheoryData<string, string, string> BadFiles => new()
    {
        // name, file, where the error is expected ("row:column")
        { "duplicate number", Short + "\nD1;A;B;a.dup@x.nl;Klantenservice\nD1;C;D;c.dup@x.nl;Klantenservice", "3:employee_number" },
        { "duplicate e-mail", Short + "\nD2;A;B;same@x.nl;Klantenservice\nD3;C;D;SAME@x.nl;Klantenservice", "3:email" },
        { "manager cycle", WithManager + "\nD4;A;B;a.cyc@x.nl;Klantenservice;D5\nD5;C;D;c.cyc@x.nl;Klantenservice;D4", "2:manager_employee_number" },
        { "own manager", WithManager + "\nD10;A;B;a.self@x.nl;Klantenservice;D10", "2:manager_employee_number" },
        { "unknown manager", WithManager + "\nD6;A;B;a.man@x.nl;Klantenservice;NOBODY", "2:manager_employee_number" },
        { "unknown unit", Short + "\nD7;A;B;a.unit@x.nl;Klantenservice/Nieuw team", "2:unit" },
        { "unknown role", Short + ";role\nD8;A;B;a.role@x.nl;Klantenservice;Baas", "2:role" },
        { "wrong header", "date;unit;channel;source\n2026-01-01;Klantenservice;Phone;survey", "1:date" },
        { "bad e-mail", Short + "\nD9;A;B;not-an-address;Klantenservice", "2:email" },
        { "field missing", Short + "\nD11;A;B;a.short@x.nl", "2:" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Bad_input_gets_a_precise_message_and_changes_nothing(string name, string file, string expected)
    {
        await using var admin = await AdminAsync();
        var imports = admin.Get<PeopleImportService>();
        var before = await StateAsync();
        var content = Encoding.UTF8.GetBytes(file);

        var preview = await imports.PreviewAsync(content, name + ".csv", Delta);
        var outcome = await imports.ApplyAsync(content, name + ".csv", Delta, null);

        Assert.Contains(preview.Errors, e => $"{e.Row}:{e.Column}" == expected);
        Assert.All(preview.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
        Assert.False(preview.CanApply);
        Assert.Equal(PeopleImportRefusal.HasErrors, outcome.Refusal);
        Assert.Null(outcome.Result);
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task An_empty_or_oversized_file_is_refused_before_it_is_read()
    {
        await using var admin = await AdminAsync();
        var imports = admin.Get<PeopleImportService>();

        var empty = await Assert.ThrowsAsync<ImportFileRejectedException>(() => imports.ReadFileAsync(new MemoryStream(), 0));
        var large = await Assert.ThrowsAsync<ImportFileRejectedException>(() => imports.ReadFileAsync(new MemoryStream(), PeopleImportService.MaxFileBytes + 1));
        var largeStream = await Assert.ThrowsAsync<ImportFileRejectedException>(() => imports.ReadFileAsync(new MemoryStream(new byte[PeopleImportService.MaxFileBytes + 10]), null));

        Assert.Equal(factory.Text<Messages>("people.file.empty"), empty.Message);
        Assert.True(large.TooLarge);
        Assert.True(largeStream.TooLarge);
    }

    [Fact]
    public async Task A_delta_creates_changes_and_moves_people_with_their_managers_then_the_same_file_changes_nothing()
    {
        var tag = Tag();
        await using var admin = await AdminAsync();
        var imports = admin.Get<PeopleImportService>();
        var file = File(
            Row($"{tag}-1", "Iris", "Kok", $"{tag}.iris@x.nl", "Klantenservice", role: "Manager"),
            Row($"{tag}-2", "Koen", "Bos", $"{tag}.koen@x.nl", "Klantenservice/Webcare", manager: $"{tag}-1", language: "en", start: "2025-09-01"),
            Row($"{tag}-3", "Romy", "Vos", $"{tag}.romy@x.nl", "Marketing", manager: $"{tag}-1"));

        var preview = await imports.PreviewAsync(file, "delta.csv", Delta);
        Assert.True(preview.CanApply, string.Join("; ", preview.Errors.Select(e => e.Message)));
        Assert.Equal((3, 0, 0, 0), (preview.Counts.Created, preview.Counts.Changed, preview.Counts.Moved, preview.Counts.Deactivated));

        var applied = await imports.ApplyAsync(file, "delta.csv", Delta, null);
        Assert.Equal(PeopleImportRefusal.None, applied.Refusal);
        await using (var db = factory.NewDbContext())
        {
            var people = await db.People.AsNoTracking().Where(p => p.EmployeeNumber!.StartsWith(tag)).OrderBy(p => p.EmployeeNumber).ToListAsync();
            Assert.Equal(["Iris Kok", "Koen Bos", "Romy Vos"], people.Select(p => p.Name));
            Assert.Equal([null, people[0].Id, people[0].Id], people.Select(p => p.ManagerId));
            Assert.Equal((PortalRole.Manager, "en", new DateOnly(2025, 9, 1)), (people[0].Role, people[1].Language, people[1].StartDate));
            Assert.Equal("Webcare", (await db.OrgUnits.SingleAsync(u => u.Id == people[1].OrgUnitId)).Name);
        }

        // Again: nothing to change, nothing written, not even an import record or an audit entry.
        var before = await StateAsync();
        var again = await imports.ApplyAsync(file, "delta.csv", Delta, null);
        Assert.Equal(PeopleImportRefusal.NothingToChange, again.Refusal);
        Assert.Equal(3, again.Preview.Unchanged);
        Assert.Equal(before, await StateAsync());

        // Romy moves to Klantenservice and gets another surname; Koen leaves.
        var next = File(
            Row($"{tag}-3", "Romy", "Vos-Bakker", $"{tag}.romy@x.nl", "Klantenservice", manager: $"{tag}-1"),
            Row($"{tag}-2", "Koen", "Bos", $"{tag}.koen@x.nl", "Klantenservice/Webcare", manager: $"{tag}-1", language: "en", start: "2025-09-01", active: "nee"));
        var moved = await imports.ApplyAsync(next, "delta-2.csv", Delta, null);
        Assert.Equal((0, 1, 1, 1), (moved.Preview.Counts.Created, moved.Preview.Counts.Changed, moved.Preview.Counts.Moved, moved.Preview.Counts.Deactivated));
        await using (var db = factory.NewDbContext())
        {
            Assert.False((await db.People.SingleAsync(p => p.EmployeeNumber == $"{tag}-2")).IsActive);
            Assert.Equal("Romy Vos-Bakker", (await db.People.SingleAsync(p => p.EmployeeNumber == $"{tag}-3")).Name);
        }
    }

    [Fact]
    public async Task Every_change_is_in_the_audit_log_as_part_of_the_named_import()
    {
        var tag = Tag();
        await using var admin = await AdminAsync();
        var file = File(Row($"{tag}-1", "Bram", "Smit", $"{tag}.bram@x.nl", "IT"), Row($"{tag}-2", "Eva", "Smit", $"{tag}.eva@x.nl", "IT", manager: $"{tag}-1"));

        var outcome = await admin.Get<PeopleImportService>().ApplyAsync(file, "audit.csv", Delta, null);

        var result = outcome.Result!;
        Assert.StartsWith($"people import #{result.ImportId} audit.csv, delta", result.AuditName, StringComparison.Ordinal);
        await using var db = factory.NewDbContext();
        var ids = await db.People.Where(p => p.EmployeeNumber!.StartsWith(tag)).Select(p => p.Id.ToString()).ToListAsync();
        var entries = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == "Person" && ids.Contains(a.EntityId)).ToListAsync();
        Assert.Equal(2, entries.Count);
        var adminName = PortalFactory.DemoAccount(PortalRole.Administrator).Name;
        Assert.All(entries, e => Assert.Equal($"{adminName} ({result.AuditName})", e.ActorName));
        Assert.All(entries, e => Assert.Equal(AuditAction.Created, e.Action));
        // The new manager's id is in the entry of the person reporting to them (not EF's temporary key).
        var eva = entries.Single(e => e.Changes.Contains("\"Eva Smit\"", StringComparison.Ordinal));
        var bramId = ids.Single(id => id != eva.EntityId);
        Assert.Contains($"\"ManagerId\":{{\"old\":null,\"new\":{bramId}}}", eva.Changes, StringComparison.Ordinal);
        // The import itself is recorded, by the administrator.
        var record = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.EntityType == nameof(PeopleImport) && a.EntityId == result.ImportId.ToString());
        Assert.Equal(adminName, record.ActorName);
    }

    [Fact]
    public async Task A_new_employee_number_for_someone_found_by_e_mail_is_applied_only_with_the_confirmation_of_that_change()
    {
        var tag = Tag();
        await using var admin = await AdminAsync();
        var imports = admin.Get<PeopleImportService>();
        await imports.ApplyAsync(File(Row($"{tag}-1", "Noor", "Meijer", $"{tag}.noor@x.nl", "Logistiek")), "first.csv", Delta, null);
        var renumbered = File(Row($"{tag}-NEW", "Noor", "Meijer", $"{tag}.noor@x.nl", "Logistiek"));

        var preview = await imports.PreviewAsync(renumbered, "renumber.csv", Delta);
        Assert.True(preview.NeedsConfirmation);
        Assert.Equal(($"{tag}-1", $"{tag}-NEW"), (preview.NumberChanges.Single().OldNumber, preview.NumberChanges.Single().NewNumber));
        var before = await StateAsync();

        Assert.Equal(PeopleImportRefusal.NeedsConfirmation, (await imports.ApplyAsync(renumbered, "renumber.csv", Delta, null)).Refusal);
        Assert.Equal(PeopleImportRefusal.NeedsConfirmation, (await imports.ApplyAsync(renumbered, "renumber.csv", Delta, "000000000000")).Refusal);
        Assert.Equal(before, await StateAsync());

        var applied = await imports.ApplyAsync(renumbered, "renumber.csv", Delta, preview.ConfirmationCode);
        Assert.Equal(PeopleImportRefusal.None, applied.Refusal);
        await using var db = factory.NewDbContext();
        Assert.Equal($"{tag}-NEW", (await db.People.SingleAsync(p => p.Email == $"{tag}.noor@x.nl".ToLowerInvariant())).EmployeeNumber);
    }

    [Fact]
    public async Task A_manager_with_reports_sees_their_units_from_the_reporting_line()
    {
        var tag = Tag();
        await using (var admin = await AdminAsync())
        {
            // A manager placed in Marketing whose team works in Logistiek.
            var outcome = await admin.Get<PeopleImportService>().ApplyAsync(File(
                Row($"{tag}-1", "Gijs", "Dekker", $"{tag}.gijs@x.nl", "Marketing", role: "Manager"),
                Row($"{tag}-2", "Tim", "Groen", $"{tag}.tim@x.nl", "Logistiek", manager: $"{tag}-1"),
                Row($"{tag}-3", "Lynn", "Groen", $"{tag}.lynn@x.nl", "Winkels/Winkels Noord", manager: $"{tag}-2")), "line.csv", Delta, null);
            Assert.Equal(PeopleImportRefusal.None, outcome.Refusal);
        }
        await using var manager = await factory.AsAsync($"{tag}.gijs@x.nl");
        var user = await manager.Get<ICurrentUser>().GetAsync();

        var scope = await manager.Get<AccessScope>().ForAsync(user);

        await using var db = factory.NewDbContext();
        var names = await db.OrgUnits.Where(u => scope.UnitIds.Contains(u.Id)).Select(u => u.Name).ToListAsync();
        Assert.Equal(["Logistiek", "Marketing", "Winkels Noord"], names.Order(StringComparer.Ordinal));
    }
}

public sealed class PeopleImportTests_Sqlite(SqliteDemoPortal factory) : PeopleImportTests(factory), IClassFixture<SqliteDemoPortal>;
public sealed class PeopleImportTests_PostgreSql(PostgreSqlDemoPortal factory) : PeopleImportTests(factory), IClassFixture<PostgreSqlDemoPortal>;
