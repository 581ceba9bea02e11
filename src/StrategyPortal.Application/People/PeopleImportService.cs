using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.CustomerScores;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.People;

namespace StrategyPortal.Application.People;

/// <summary>
/// People and organisation from an HR file: a preview that writes nothing, then an apply that reads the file and the
/// portal again and changes everything in one transaction — or nothing, when any row is wrong, nothing would change
/// (no audit noise either), or a safeguard applies without the confirmation of exactly that change. Every change is
/// in the audit log under the import's name.
/// </summary>
public sealed class PeopleImportService(
    IPortalDbFactory dbFactory,
    ICurrentUser currentUser,
    PeoplePlanner planner,
    PeoplePlanApplier applier,
    MessageText text,
    PeopleOptions options,
    TimeProvider clock)
{
    /// <summary>5 MB: some 50,000 people. Bigger files are refused before they are read.</summary>
    public const long MaxFileBytes = 5L * 1024 * 1024;

    public const int PreviewChangeRows = 500;

    public static string MaxFileText => $"{MaxFileBytes / (1024 * 1024)} MB";

    /// <summary>Reads an upload or request body into memory, refusing an empty or oversized one.</summary>
    public async Task<byte[]> ReadFileAsync(Stream content, long? declaredBytes, CancellationToken cancellationToken = default)
    {
        if (declaredBytes > MaxFileBytes) throw TooLarge(declaredBytes.Value);
        if (declaredBytes == 0) throw new ImportFileRejectedException(text["people.file.empty"], false);
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxFileBytes) throw TooLarge(buffer.Length + read);
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0) throw new ImportFileRejectedException(text["people.file.empty"], false);
        return buffer.ToArray();
    }

    public async Task<PeopleImportPreview> PreviewAsync(byte[] content, string fileName, PeopleImportRequest request, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.PeopleManage);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        return (await PlanAsync(db, content, fileName, request, user.PersonId, forChange: false, cancellationToken)).Preview;
    }

    /// <summary>Applies the file as the signed-in administrator; <paramref name="confirmation"/> is the preview's code when a safeguard applies.</summary>
    public async Task<PeopleImportOutcome> ApplyAsync(byte[] content, string fileName, PeopleImportRequest request, string? confirmation, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.PeopleManage);
        return await ApplyAsync(content, fileName, request, confirmation, user.PersonId, null, cancellationToken);
    }

    /// <summary>The API's path: the key is checked again here (not only by the endpoint); the key's name is the actor.</summary>
    public async Task<PeopleImportOutcome> ApplyWithApiKeyAsync(byte[] content, string fileName, PeopleImportRequest request, string? confirmation, int apiKeyId,
        CancellationToken cancellationToken = default)
    {
        await using (var db = await dbFactory.CreateAsync(cancellationToken))
        {
            var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == apiKeyId, cancellationToken);
            if (key is null || key.IsRevoked || !key.HasScope(ApiScopes.PeopleImport)) throw new ForbiddenException();
        }
        return await ApplyAsync(content, fileName, request, confirmation, null, apiKeyId, cancellationToken);
    }

    /// <summary>The imports applied so far, newest first.</summary>
    public async Task<IReadOnlyList<PeopleImportRow>> HistoryAsync(int take = 20, CancellationToken cancellationToken = default)
    {
        (await currentUser.GetAsync(cancellationToken)).Demand(Permission.PeopleManage);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var imports = await db.PeopleImports.AsNoTracking().OrderByDescending(i => i.Id).Take(take).ToListAsync(cancellationToken);
        var personIds = imports.Where(i => i.AppliedByPersonId is not null).Select(i => i.AppliedByPersonId!.Value).Distinct().ToList();
        var keyIds = imports.Where(i => i.ApiKeyId is not null).Select(i => i.ApiKeyId!.Value).Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var keys = await db.ApiKeys.AsNoTracking().Where(k => keyIds.Contains(k.Id)).ToDictionaryAsync(k => k.Id, k => k.Name, cancellationToken);
        return imports.Select(i => new PeopleImportRow(i.Id, i.FileName, i.Mode, i.AppliedAtUtc,
            i.AppliedByPersonId is { } p ? people.GetValueOrDefault(p, "?") : i.ApiKeyId is { } k ? $"API key '{keys.GetValueOrDefault(k, "?")}'" : "?",
            new PeopleImportCounts(i.Rows, i.Created, i.Changed, i.Moved, i.Deactivated, i.Reactivated, i.UnitsCreated), i.AuditName)).ToList();
    }

    private async Task<PeopleImportOutcome> ApplyAsync(byte[] content, string fileName, PeopleImportRequest request, string? confirmation, int? actingPersonId, int? apiKeyId,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        try
        {
            return await ApplyInTransactionAsync(db, content, fileName, request, confirmation, actingPersonId, apiKeyId, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone changed the same people (or took an e-mail address) while the import was being written.
            throw new ConcurrencyConflictException(text["people.import.changed"]);
        }
    }

    private Task<PeopleImportOutcome> ApplyInTransactionAsync(IPortalDb db, byte[] content, string fileName, PeopleImportRequest request, string? confirmation,
        int? actingPersonId, int? apiKeyId, CancellationToken cancellationToken) =>
        db.InTransactionAsync(async ct =>
        {
            // Read again inside the transaction: what the preview showed may have changed since.
            var (preview, plan, rows, roster) = await PlanAsync(db, content, fileName, request, actingPersonId, forChange: true, ct);
            if (preview.ErrorCount > 0) return new PeopleImportOutcome(preview, null, PeopleImportRefusal.HasErrors);
            if (!preview.HasChanges) return new PeopleImportOutcome(preview, null, PeopleImportRefusal.NothingToChange);
            if (preview.NeedsConfirmation && !string.Equals(confirmation?.Trim(), preview.ConfirmationCode, StringComparison.OrdinalIgnoreCase))
                return new PeopleImportOutcome(preview, null, PeopleImportRefusal.NeedsConfirmation);

            if (apiKeyId is { } keyId)
            {
                var keyName = await db.ApiKeys.AsNoTracking().Where(k => k.Id == keyId).Select(k => k.Name).FirstAsync(ct);
                db.ActFor($"API key '{keyName}'");
            }
            var counts = plan.Counts(rows);
            var record = new PeopleImport(fileName, Convert.ToHexStringLower(SHA256.HashData(content)), request.Mode, clock.GetUtcNow().UtcDateTime,
                actingPersonId, apiKeyId, counts);
            db.PeopleImports.Add(record);
            await db.SaveChangesAsync(ct);
            db.ActFor(record.AuditName);
            await applier.ApplyAsync(db, roster, plan, ct);
            return new PeopleImportOutcome(preview, new PeopleImportResult(record.Id, record.AuditName, counts), PeopleImportRefusal.None);
        }, cancellationToken);

    /// <summary>Reads the file and plans it against the portal: a full sync against everyone, a delta against who its rows can touch.</summary>
    private async Task<(PeopleImportPreview Preview, PeoplePlan Plan, int Rows, PeopleRoster Roster)> PlanAsync(IPortalDb db, byte[] content, string fileName,
        PeopleImportRequest request, int? actingPersonId, bool forChange, CancellationToken cancellationToken)
    {
        var errors = new ImportErrors();
        var file = new PeopleFileReader(text).Read(content, errors);
        var roster = request.Mode == PeopleSyncMode.Full
            ? await PeopleRoster.LoadAllAsync(db, tracking: forChange, cancellationToken)
            : await PeopleRoster.LoadForAsync(db, file.Records, cancellationToken);
        var plan = planner.Plan(roster, file.Records, new PlanOptions
        {
            Mode = request.Mode,
            Match = PersonMatch.ByEmployeeNumberThenEmail,
            CreateUnits = request.CreateUnits,
            ActingPersonId = actingPersonId,
            MaxDeactivationShare = options.MaxDeactivationShare,
        });
        // The reader's errors and the plan's, in row order; a row the reader refused is not planned again.
        var readerRows = errors.Items.Select(e => e.Row).ToHashSet();
        foreach (var error in plan.Errors.Where(e => e.Row == 0 || !readerRows.Contains(e.Row)))
            errors.Add(error.Row, ColumnOf(error.Field, file.Columns), error.Message);
        var ordered = errors.Items.OrderBy(e => e.Row).ToList();

        var changes = plan.People.Where(p => p.Change != PersonChange.None)
            .Select(p => new PeopleChangeRow(p.Record.Row, p.State.Name, p.State.EmployeeNumber, p.Change, FieldNames(p.ChangedFields, file.Columns)))
            .Concat(plan.Missing.Select(p => new PeopleChangeRow(0, p.Name, p.EmployeeNumber, PersonChange.Deactivated, [])))
            .ToList();
        var preview = new PeopleImportPreview(
            Path.GetFileName(fileName), request.Mode, request.CreateUnits, file.Delimiter, file.Records.Count,
            plan.Counts(file.Records.Count), plan.Unchanged,
            plan.NewUnits.Select(u => u.Path).ToList(),
            ordered, errors.Total,
            changes.Take(PreviewChangeRows).ToList(), changes.Count,
            plan.Missing.Select(p => p.Name).Concat(plan.People.Where(p => p.Change.HasFlag(PersonChange.Deactivated)).Select(p => p.State.Name))
                .Order(StringComparer.CurrentCultureIgnoreCase).ToList(),
            plan.DeactivationShare, plan.MaxDeactivationShare,
            plan.EmployeeNumberChanges,
            errors.Total == 0 ? plan.ConfirmationCode : null,
            plan.ActingPersonKept);
        return (preview, plan, file.Records.Count, roster);
    }

    private static string ColumnOf(PersonField field, IReadOnlyDictionary<PersonField, string> columns) =>
        field == PersonField.None ? string.Empty : columns.GetValueOrDefault(field, string.Empty);

    private static IReadOnlyList<string> FieldNames(PersonField fields, IReadOnlyDictionary<PersonField, string> columns) =>
        Enum.GetValues<PersonField>().Where(f => f != PersonField.None && fields.HasFlag(f))
            .Select(f => columns.GetValueOrDefault(f, f == PersonField.DisplayName ? "name" : f.ToString())).Distinct().ToList();

    private ImportFileRejectedException TooLarge(long bytes) =>
        new(text.Format("people.file.too-large", Math.Round(bytes / (1024.0 * 1024.0), 1), MaxFileText), true);
}
