using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.CustomerScores;

namespace StrategyPortal.Application.CustomerScores;

/// <summary>The upload or API body could not be taken at all (empty, or over the size limit).</summary>
public sealed class ImportFileRejectedException(string message, bool tooLarge) : Exception(message)
{
    public bool TooLarge { get; } = tooLarge;
}

/// <summary>
/// Imports customer scores from a CSV or JSON file in two streaming passes over a server-side copy of it:
/// the first checks every row and builds the preview and the error report (nothing is written); the
/// second, only when the first found no error, reads the file again and hands the rows to the writer,
/// which writes them in one transaction. Two passes over a local file cost a second or two for a million
/// rows, need no staging tables, and never leave half an import behind: a row that fails in the second
/// pass (the units changed in between) throws before the transaction commits.
/// </summary>
public sealed class CustomerScoreImportService(
    IPortalDbFactory dbFactory,
    ICurrentUser currentUser,
    ICustomerScoreWriter writer,
    MessageText text,
    TimeProvider clock)
{
    /// <summary>200 MB: about 1.5 million CSV rows. Bigger files are refused before anything is read.</summary>
    public const long MaxFileBytes = 200L * 1024 * 1024;
    public const int PreviewRows = 10;

    public static string MaxFileText => $"{MaxFileBytes / (1024 * 1024)} MB";

    public static ImportFormat FormatOf(string fileName) =>
        fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? ImportFormat.Json : ImportFormat.Csv;

    /// <summary>Copies an upload to a temporary file and runs the checking pass. The caller disposes the result.</summary>
    public async Task<StagedImport> StageAsync(Stream content, string fileName, long? declaredBytes, CancellationToken cancellationToken = default)
    {
        (await currentUser.GetAsync(cancellationToken)).Demand(Permission.CustomerScoresImport);
        var staged = await CopyAsync(content, fileName, FormatOf(fileName), declaredBytes, cancellationToken);
        try
        {
            staged.Preview = await InspectAsync(staged, cancellationToken);
            return staged;
        }
        catch
        {
            staged.Dispose();
            throw;
        }
    }

    /// <summary>Writes a staged file whose preview showed no errors.</summary>
    public async Task<ImportResult> ImportAsync(StagedImport staged, CancellationToken cancellationToken = default)
    {
        (await currentUser.GetAsync(cancellationToken)).Demand(Permission.CustomerScoresImport);
        if (staged.Preview is not { CanImport: true }) throw new ValidationFailedException("", text["customerscore.import.fix-first"]);
        return await WriteAsync(staged, cancellationToken);
    }

    /// <summary>The API's path: the key is checked again here (not only by the endpoint), then check and write in one call.</summary>
    public async Task<(ImportPreview Preview, ImportResult? Result)> ImportWithApiKeyAsync(
        Stream body, ImportFormat format, int apiKeyId, long? declaredBytes, CancellationToken cancellationToken = default)
    {
        await using (var db = await dbFactory.CreateAsync(cancellationToken))
        {
            var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == apiKeyId, cancellationToken);
            if (key is null || key.IsRevoked || !key.HasScope(ApiScopes.CustomerScoresImport)) throw new ForbiddenException();
        }
        using var staged = await CopyAsync(body, format == ImportFormat.Json ? "body.json" : "body.csv", format, declaredBytes, cancellationToken);
        var preview = await InspectAsync(staged, cancellationToken);
        staged.Preview = preview;
        if (!preview.CanImport) return (preview, null);
        return (preview, await WriteAsync(staged, cancellationToken));
    }

    private async Task<StagedImport> CopyAsync(Stream content, string fileName, ImportFormat format, long? declaredBytes, CancellationToken cancellationToken)
    {
        if (declaredBytes > MaxFileBytes) throw TooLarge(declaredBytes.Value);
        if (declaredBytes == 0) throw new ImportFileRejectedException(text["customerscore.import.empty-file"], false);
        var path = Path.Combine(Path.GetTempPath(), $"sp-scores-{Guid.NewGuid():N}.tmp");
        var staged = new StagedImport(path, Path.GetFileName(fileName), format, 0);
        long total = 0;
        try
        {
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    total += read;
                    if (total > MaxFileBytes) throw TooLarge(total);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }
            if (total == 0) throw new ImportFileRejectedException(text["customerscore.import.empty-file"], false);
            return new StagedImport(path, Path.GetFileName(fileName), format, total);
        }
        catch
        {
            staged.Dispose();
            throw;
        }
    }

    private ImportFileRejectedException TooLarge(long bytes) =>
        new(text.Format("customerscore.import.too-large", Math.Round(bytes / (1024.0 * 1024.0), 1), MaxFileText), true);

    private async Task<ImportCatalog> LoadCatalogAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var units = await db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.Name, u.IsActive }).ToListAsync(cancellationToken);
        return new ImportCatalog(units.Select(u => (u.Id, u.Name, u.IsActive)), clock.Today());
    }

    private static FileStream OpenRead(StagedImport staged) =>
        new(staged.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous);

    /// <summary>First pass: reads and checks every row; writes nothing.</summary>
    private async Task<ImportPreview> InspectAsync(StagedImport staged, CancellationToken cancellationToken)
    {
        var catalog = await LoadCatalogAsync(cancellationToken);
        var errors = new ImportErrors();
        var reader = new ScoreFileReader(text);
        var checker = new ScoreRowChecker(catalog, text);
        var rows = 0;
        var first = new List<ScoreRowPreview>(PreviewRows);
        DateOnly? min = null, max = null;
        await using (var stream = OpenRead(staged))
        {
            await foreach (var raw in reader.ReadAsync(stream, staged.Format, errors, cancellationToken))
            {
                rows++;
                if (checker.Check(raw, errors) is not { } row) continue;
                if (min is null || row.Date < min) min = row.Date;
                if (max is null || row.Date > max) max = row.Date;
                if (first.Count < PreviewRows) first.Add(Preview(row, catalog));
            }
        }
        return new ImportPreview(staged.FileName, staged.Format, reader.Delimiter, rows, first, errors.Items, errors.Total,
            min is null ? null : Quarter.Of(min.Value), max is null ? null : Quarter.Of(max.Value));
    }

    private static ScoreRowPreview Preview(ScoreRow row, ImportCatalog catalog)
    {
        var counts = ToCounts(row.Counts);
        return new ScoreRowPreview(row.Row, row.Date, catalog.NameOf(row.UnitId), row.Channel, row.Source,
            counts.NpsResponses, CustomerScoreFormulas.Nps(counts), counts.CsatResponses, CustomerScoreFormulas.Csat(counts), counts.Complaints);
    }

    public static ScoreCounts ToCounts(int[] c) => new(
        [.. c[0..11].Select(v => (long)v)], [.. c[11..16].Select(v => (long)v)], [.. c[16..23].Select(v => (long)v)], c[23], [.. c[24..28].Select(v => (long)v)]);

    /// <summary>
    /// Second pass: reads and checks again while the writer writes; any error aborts the transaction.
    /// Reading runs on its own task and hands rows over through a bounded channel, so parsing and writing
    /// overlap on two cores while memory stays flat (at most <see cref="PipelineRows"/> rows in flight).
    /// </summary>
    private async Task<ImportResult> WriteAsync(StagedImport staged, CancellationToken cancellationToken)
    {
        var catalog = await LoadCatalogAsync(cancellationToken);
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pipe = System.Threading.Channels.Channel.CreateBounded<ScoreRow>(new System.Threading.Channels.BoundedChannelOptions(PipelineRows)
        {
            SingleReader = true,
            SingleWriter = true,
        });
        var producer = Task.Run(async () =>
        {
            try
            {
                await using var stream = OpenRead(staged);
                await foreach (var row in CheckedRows(stream, staged.Format, catalog, abort.Token))
                    await pipe.Writer.WriteAsync(row, abort.Token);
                pipe.Writer.Complete();
            }
            catch (Exception e)
            {
                pipe.Writer.Complete(e);
            }
        }, CancellationToken.None);
        try
        {
            return await writer.WriteAsync(pipe.Reader.ReadAllAsync(abort.Token), abort.Token);
        }
        finally
        {
            await abort.CancelAsync();
            await producer;
        }
    }

    private const int PipelineRows = 4096;

    private async IAsyncEnumerable<ScoreRow> CheckedRows(Stream stream, ImportFormat format, ImportCatalog catalog,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var errors = new ImportErrors(cap: 10);
        var reader = new ScoreFileReader(text);
        var checker = new ScoreRowChecker(catalog, text, trackDuplicates: false);
        await foreach (var raw in reader.ReadAsync(stream, format, errors, cancellationToken))
        {
            var row = checker.Check(raw, errors);
            if (row is null || errors.Any) throw new ValidationFailedException("", text["customerscore.import.changed"] + " " + string.Join(" ", errors.Items.Select(e => e.Message)));
            yield return row;
        }
        if (errors.Any) throw new ValidationFailedException("", text["customerscore.import.changed"] + " " + string.Join(" ", errors.Items.Select(e => e.Message)));
    }
}
