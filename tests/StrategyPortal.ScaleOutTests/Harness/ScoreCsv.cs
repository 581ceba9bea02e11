using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.CustomerScores;
using StrategyPortal.Domain.Common;

namespace StrategyPortal.ScaleOutTests.Harness;

/// <summary>Customer-score files for the import API, each under a source name of its own so its rows can be counted back.</summary>
public static class ScoreCsv
{
    public static readonly ServiceChannel[] Channels = [ServiceChannel.Phone, ServiceChannel.Email, ServiceChannel.Chat, ServiceChannel.SocialMedia, ServiceChannel.Store];

    /// <summary>One row per unit, channel, day and source: <c>units × 5 × days × sources</c> rows, ending yesterday.</summary>
    public static void Write(Stream output, IReadOnlyList<string> units, int days, IReadOnlyList<string> sources, int seed)
    {
        var random = new Random(seed);
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        writer.Write(string.Join(';', ScoreFileReader.Columns));
        writer.Write('\n');
        var last = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        var line = new StringBuilder(160);
        for (var day = last.AddDays(1 - days); day <= last; day = day.AddDays(1))
        {
            var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            foreach (var unit in units)
                foreach (var channel in Channels)
                    foreach (var source in sources)
                    {
                        line.Clear().Append(date).Append(';').Append(unit).Append(';').Append(channel).Append(';').Append(source);
                        for (var i = 0; i < ScoreFileReader.CountColumns.Count; i++) line.Append(';').Append(random.Next(0, i < 11 ? 4 : 3));
                        writer.Write(line.Append('\n'));
                    }
        }
    }

    public static byte[] Bytes(IReadOnlyList<string> units, int days, IReadOnlyList<string> sources, int seed)
    {
        using var buffer = new MemoryStream();
        Write(buffer, units, days, sources, seed);
        return buffer.ToArray();
    }

    /// <summary>Posts a file to <c>/api/v1/customer-scores</c> with the key; the status, or null when no answer came.</summary>
    public static async Task<HttpStatusCode?> PostAsync(HttpClient client, string apiKey, HttpContent file, CancellationToken cancellationToken = default)
    {
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/customer-scores") { Content = file };
        request.Headers.Add("X-Api-Key", apiKey);
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            return response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>A key for the import API, made by the administrator.</summary>
    public static async Task<string> CreateApiKeyAsync(PortalServices portal)
    {
        await using var admin = await portal.AsAsync(Company.Administrator);
        return (await admin.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(new ApiKeyInput { Name = "Scale-out tests" })).Key;
    }

    /// <summary>The names of the units a file may name (the active ones below the company).</summary>
    public static async Task<List<string>> UnitNamesAsync(PortalServices portal)
    {
        await using var db = portal.NewDbContext();
        return await db.OrgUnits.AsNoTracking().Where(u => u.IsActive && u.ParentId != null).OrderBy(u => u.Id).Select(u => u.Name).ToListAsync();
    }

    /// <summary>
    /// The quarter summaries are what the records add up to, for every quarter, unit and channel (each import recomputes
    /// them in its own transaction). Compared on the NPS responses and the complaints.
    /// </summary>
    public static async Task AssertSummariesMatchRecordsAsync(PortalServices portal)
    {
        await using var db = portal.NewDbContext();
        var records = (await db.CustomerScoreRecords.AsNoTracking()
            .GroupBy(r => new { r.OrgUnitId, r.Channel, r.Date.Year, r.Date.Month })
            .Select(g => new { g.Key.OrgUnitId, g.Key.Channel, g.Key.Year, g.Key.Month, Nps = g.Sum(r => (long)r.Nps0 + r.Nps10), Complaints = g.Sum(r => (long)r.Complaints) })
            .ToListAsync())
            .GroupBy(r => (Quarter.Of(new DateOnly(r.Year, r.Month, 1)).Key, r.OrgUnitId, r.Channel))
            .ToDictionary(g => g.Key, g => (Nps: g.Sum(r => r.Nps), Complaints: g.Sum(r => r.Complaints)));
        var summaries = (await db.CustomerScoreQuarters.AsNoTracking().ToListAsync())
            .ToDictionary(s => (s.QuarterKey, s.OrgUnitId, s.Channel), s => (Nps: s.Nps0 + s.Nps10, Complaints: s.Complaints));
        Assert.Equal(records.Where(r => r.Value != (0, 0)).OrderBy(r => r.Key), summaries.Where(s => s.Value != (0, 0)).OrderBy(s => s.Key));
    }
}
