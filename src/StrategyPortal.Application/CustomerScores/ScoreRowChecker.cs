using System.Globalization;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.CustomerScores;

namespace StrategyPortal.Application.CustomerScores;

/// <summary>What rows are checked against: the portal's units and today's date. Loaded once per import.</summary>
public sealed class ImportCatalog
{
    /// <summary>The first day the portal accepts scores for: older dates lie outside any quarter it reports.</summary>
    public static readonly DateOnly EarliestDate = new(2000, 1, 1);

    private readonly Dictionary<int, (string Name, bool IsActive)> _byId;
    private readonly Dictionary<string, List<int>> _byName;

    public ImportCatalog(IEnumerable<(int Id, string Name, bool IsActive)> units, DateOnly today)
    {
        var list = units.ToList();
        _byId = list.ToDictionary(u => u.Id, u => (u.Name, u.IsActive));
        _byName = list.GroupBy(u => u.Name.Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Select(u => u.Id).Order().ToList(), StringComparer.OrdinalIgnoreCase);
        Today = today;
    }

    public DateOnly Today { get; }

    public string NameOf(int id) => _byId.TryGetValue(id, out var u) ? u.Name : id.ToString(CultureInfo.InvariantCulture);

    internal bool TryGet(int id, out (string Name, bool IsActive) unit) => _byId.TryGetValue(id, out unit);

    internal IReadOnlyList<int> ByName(string name) => _byName.TryGetValue(name, out var ids) ? ids : [];
}

/// <summary>
/// Second half of validation: resolves unit and channel, checks the date and the source, and refuses a key
/// (date, unit, channel, source) that appears twice in one file. One checker per pass over a file.
/// </summary>
/// <param name="trackDuplicates">False for the second pass over the same staged file: the first pass already refused duplicates, and the key set of a million rows is memory worth not holding twice.</param>
public sealed class ScoreRowChecker(ImportCatalog catalog, MessageText text, bool trackDuplicates = true)
{
    private static readonly Dictionary<string, ServiceChannel> ChannelNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Phone"] = ServiceChannel.Phone, ["Telefoon"] = ServiceChannel.Phone,
        ["Email"] = ServiceChannel.Email, ["E-mail"] = ServiceChannel.Email,
        ["Chat"] = ServiceChannel.Chat,
        ["SocialMedia"] = ServiceChannel.SocialMedia, ["Social media"] = ServiceChannel.SocialMedia, ["Sociale media"] = ServiceChannel.SocialMedia,
        ["Store"] = ServiceChannel.Store, ["Winkel"] = ServiceChannel.Store,
        ["SelfService"] = ServiceChannel.SelfService, ["Self-service"] = ServiceChannel.SelfService, ["Selfservice"] = ServiceChannel.SelfService,
    };

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-M-d", "dd-MM-yyyy", "d-M-yyyy"];

    private readonly Dictionary<(int Day, int Unit, int ChannelAndSource), int> _seen = [];
    private readonly Dictionary<string, int> _sources = new(StringComparer.Ordinal);

    public static string ChannelList => string.Join(", ", Enum.GetValues<ServiceChannel>().Where(c => c != ServiceChannel.Any));

    public ScoreRow? Check(RawScoreRow raw, ImportErrors errors)
    {
        var ok = !raw.HasErrors;
        if (raw.HasErrors && raw.Counts.Length == 0) return null; // the row could not be split into cells; already reported

        DateOnly date = default;
        var dateText = raw.Date.Trim();
        if (raw.ReportedFields.Contains(ScoreFileReader.DateColumn))
        {
            ok = false;
        }
        else if (dateText.Length == 0)
        {
            errors.Add(raw.Row, ScoreFileReader.DateColumn, text["customerscore.import.date-required"]);
            ok = false;
        }
        else if (!DateOnly.TryParseExact(dateText, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            errors.Add(raw.Row, ScoreFileReader.DateColumn, text.Format("customerscore.import.date-invalid", dateText));
            ok = false;
        }
        else if (date > catalog.Today)
        {
            errors.Add(raw.Row, ScoreFileReader.DateColumn, text.Format("customerscore.import.date-future", dateText, catalog.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            ok = false;
        }
        else if (date < ImportCatalog.EarliestDate)
        {
            errors.Add(raw.Row, ScoreFileReader.DateColumn, text.Format("customerscore.import.date-too-old", dateText, Quarter.Of(ImportCatalog.EarliestDate).ToString()));
            ok = false;
        }

        var unitId = ResolveUnit(raw, errors, ref ok);

        var channelText = raw.Channel.Trim();
        ServiceChannel channel = default;
        if (raw.ReportedFields.Contains(ScoreFileReader.ChannelColumn))
        {
            ok = false;
        }
        else if (channelText.Length == 0)
        {
            errors.Add(raw.Row, ScoreFileReader.ChannelColumn, text.Format("customerscore.import.channel-required", ChannelList));
            ok = false;
        }
        else if (string.Equals(channelText, nameof(ServiceChannel.Any), StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(raw.Row, ScoreFileReader.ChannelColumn, text.Format("customerscore.import.channel-any", ChannelList));
            ok = false;
        }
        else if (!ChannelNames.TryGetValue(channelText, out channel))
        {
            errors.Add(raw.Row, ScoreFileReader.ChannelColumn, text.Format("customerscore.import.channel-unknown", channelText, ChannelList));
            ok = false;
        }

        var source = raw.Source.Trim();
        if (raw.ReportedFields.Contains(ScoreFileReader.SourceColumn))
        {
            ok = false;
        }
        else if (source.Length == 0)
        {
            errors.Add(raw.Row, ScoreFileReader.SourceColumn, text["customerscore.import.source-required"]);
            ok = false;
        }
        else if (source.Length > CustomerScoreRecord.SourceMaxLength)
        {
            errors.Add(raw.Row, ScoreFileReader.SourceColumn, text.Format("customerscore.import.source-too-long", CustomerScoreRecord.SourceMaxLength));
            ok = false;
        }

        if (!ok) return null;
        if (!trackDuplicates) return new ScoreRow(raw.Row, date, unitId, channel, source, raw.Counts);

        if (!_sources.TryGetValue(source, out var sourceIndex)) _sources[source] = sourceIndex = _sources.Count;
        var key = (date.DayNumber, unitId, ((int)channel << 24) | sourceIndex);
        if (_seen.TryGetValue(key, out var firstRow))
        {
            errors.Add(raw.Row, "", text.Format("customerscore.import.duplicate-key", firstRow));
            return null;
        }
        _seen[key] = raw.Row;
        return new ScoreRow(raw.Row, date, unitId, channel, source, raw.Counts);
    }

    private int ResolveUnit(RawScoreRow raw, ImportErrors errors, ref bool ok)
    {
        var unitText = raw.Unit.Trim();
        if (raw.ReportedFields.Contains(ScoreFileReader.UnitColumn))
        {
            ok = false;
            return 0;
        }
        if (unitText.Length == 0)
        {
            errors.Add(raw.Row, ScoreFileReader.UnitColumn, text["customerscore.import.unit-required"]);
            ok = false;
            return 0;
        }
        int id;
        if (int.TryParse(unitText, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            id = number;
            if (!catalog.TryGet(id, out _))
            {
                errors.Add(raw.Row, ScoreFileReader.UnitColumn, text.Format("customerscore.import.unit-unknown", unitText));
                ok = false;
                return 0;
            }
        }
        else
        {
            var ids = catalog.ByName(unitText);
            if (ids.Count == 0)
            {
                errors.Add(raw.Row, ScoreFileReader.UnitColumn, text.Format("customerscore.import.unit-unknown", unitText));
                ok = false;
                return 0;
            }
            if (ids.Count > 1)
            {
                errors.Add(raw.Row, ScoreFileReader.UnitColumn, text.Format("customerscore.import.unit-ambiguous", unitText, string.Join(", ", ids)));
                ok = false;
                return 0;
            }
            id = ids[0];
        }
        catalog.TryGet(id, out var unit);
        if (!unit.IsActive)
        {
            errors.Add(raw.Row, ScoreFileReader.UnitColumn, text.Format("customerscore.import.unit-inactive", unit.Name));
            ok = false;
            return 0;
        }
        return id;
    }
}
