using System.Globalization;
using System.Text;
using Bogus;
using StrategyPortal.Application.CustomerScores;
using StrategyPortal.Domain.Common;

namespace StrategyPortal.Benchmarks.CustomerScores;

/// <summary>Writes a customer score CSV of exactly <c>rows</c> rows (one per unit, channel, day and source), streaming.</summary>
public static class ScoreCsvGenerator
{
    public static readonly string[] Sources = ["Klantonderzoek", "Klachtenregistratie"];
    public static readonly ServiceChannel[] Channels = [ServiceChannel.Phone, ServiceChannel.Email, ServiceChannel.Chat, ServiceChannel.SocialMedia, ServiceChannel.Store];

    /// <summary>Eight quarters ending with the last complete one, so no date is in the future.</summary>
    public static (Quarter First, Quarter Last) Quarters()
    {
        var last = Quarter.Of(DateOnly.FromDateTime(DateTime.UtcNow)).Previous;
        var first = last;
        for (var i = 1; i < 8; i++) first = first.Previous;
        return (first, last);
    }

    public static int UnitsNeeded(int rows)
    {
        var (first, last) = Quarters();
        var days = last.End.DayNumber - first.Start.DayNumber + 1;
        return (int)Math.Ceiling(rows / (double)(days * Channels.Length * Sources.Length));
    }

    public static void Write(string path, int rows, IReadOnlyList<string> unitNames)
    {
        var faker = new Randomizer(20261123);
        var (first, last) = Quarters();
        using var writer = new StreamWriter(path, false, new UTF8Encoding(true), 1 << 16);
        writer.Write(string.Join(';', ScoreFileReader.Columns));
        writer.Write('\n');
        var written = 0;
        var counts = new int[28];
        var line = new StringBuilder(256);
        for (var day = first.Start; day <= last.End && written < rows; day = day.AddDays(1))
        {
            var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            foreach (var unit in unitNames)
                foreach (var channel in Channels)
                    foreach (var source in Sources)
                    {
                        if (written == rows) goto done;
                        for (var i = 0; i < 28; i++) counts[i] = i < 11 ? faker.Number(0, i >= 7 ? 9 : 2) : i < 23 ? faker.Number(0, 5) : faker.Number(0, 2);
                        line.Clear().Append(date).Append(';').Append(unit).Append(';').Append(channel).Append(';').Append(source);
                        foreach (var c in counts) line.Append(';').Append(c);
                        writer.Write(line.Append('\n'));
                        written++;
                    }
        }
        done:;
    }
}
