using System.Globalization;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Standards;
using static StrategyPortal.Application.Common.StrategyReader;

namespace StrategyPortal.Application.Standards;

/// <summary>
/// Imports results from a CSV file (unit, standard, quarter, value). All or nothing: one wrong row and
/// nothing is saved; the report names every problem by row and column. A result that already exists for the
/// standard and quarter is corrected.
/// </summary>
public sealed class ResultsImportService(
    IPortalDbFactory dbFactory,
    ICurrentUser currentUser,
    AccessScope accessScope,
    IResultsFileReader reader,
    MessageText text,
    TimeProvider clock,
    Promises.PromiseCheckRunner promiseChecks,
    Notifications.Notices notices)
{
    /// <summary>The largest file accepted: 1 MiB holds far more than <see cref="ResultImport.MaxRows"/> rows.</summary>
    public const long MaxFileBytes = 1024 * 1024;

    public async Task<ImportReport> ImportAsync(Stream content, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.ResultsRecord);
        var scope = await accessScope.ForAsync(user, cancellationToken);

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxFileBytes) return Report(new ImportError(0, ResultColumn.File, "import.too-large", (MaxFileBytes / 1024).ToString(CultureInfo.InvariantCulture)));
        }
        buffer.Position = 0;
        var (raw, readErrors) = await reader.ReadAsync(buffer, cancellationToken);
        if (readErrors.Any(e => e.RowNumber <= 1) || (readErrors.Count > 0 && raw.Count == 0)) return Report([.. readErrors]);

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var standards = await db.ServiceStandards.Include(s => s.Versions).ToListAsync(cancellationToken);
        var unitNames = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var targets = standards.Select(s => new ImportTarget(s.Id, s.OwnerUnitId, unitNames.GetValueOrDefault(s.OwnerUnitId, string.Empty), s.Title, s.Versions));
        var (rows, errors) = ResultImport.Check(raw, targets, scope.Includes);
        if (errors.Count + readErrors.Count > 0) return Report([.. readErrors.Concat(errors).OrderBy(e => e.RowNumber).ThenBy(e => e.Column)]);

        var ids = rows.Select(r => r.StandardId).Distinct().ToList();
        var existing = (await db.StandardResults.Where(r => ids.Contains(r.StandardId)).ToListAsync(cancellationToken))
            .ToDictionary(r => (r.StandardId, r.QuarterKey));
        var byId = standards.ToDictionary(s => s.Id);
        var editor = EditorOf(user, clock);
        int added = 0, updated = 0;
        var changes = new List<(ServiceStandard, Quarter, double?, double)>();
        foreach (var row in rows)
        {
            var standard = byId[row.StandardId];
            if (existing.TryGetValue((row.StandardId, row.Quarter.Key), out var result))
            {
                changes.Add((standard, row.Quarter, result.ActualValue, row.Value));
                standard.CorrectResult(result, row.Value, editor);
                updated++;
            }
            else
            {
                changes.Add((standard, row.Quarter, null, row.Value));
                db.StandardResults.Add(standard.RecordResult(row.Quarter, row.Value, editor));
                added++;
            }
        }
        // New results can turn a standard red, and a promise that needs it at risk: the results, the notices and the
        // verdicts they move commit together.
        await notices.StandardsTurnedRedAsync(db, changes, cancellationToken);
        await db.InTransactionAsync(async ct =>
        {
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                throw new ConcurrencyConflictException(text["conflict.import"]);
            }
            await promiseChecks.RefreshStandardsAsync(db, ids, rows.Select(r => r.Quarter).Distinct().ToList(), ct);
            return true;
        }, cancellationToken);
        notices.Wake();
        return new ImportReport(added, updated, []);
    }

    private ImportReport Report(params ImportError[] errors) =>
        new(0, 0, errors.Select(e => new ImportErrorRow(e.RowNumber, e.Column, text.Format(e.Code, e.Detail))).ToList());
}
