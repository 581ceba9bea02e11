using System.Globalization;
using Microsoft.Extensions.Localization;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.Localization;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Promises;
using StrategyPortal.Domain.Standards;
using StrategyPortal.Domain.Strategy;
using StrategyPortal.Web.Engagement;
using StrategyPortal.Web.Localization;
using StrategyPortal.Web.Organisation;
using StrategyPortal.Web.Promises;
using StrategyPortal.Web.Standards;

namespace StrategyPortal.Web.Access;

/// <summary>
/// How the audit page tells an entry: a sentence about a named thing ("Sanne de Vries changed the standard “Terugbellen zoals
/// beloofd”"), each field by its label, ids by the names they point at, choices in the portal's own words, moments as the reader's
/// date and time.
/// </summary>
public sealed class AuditFormat(
    IStringLocalizer<AccessText> text,
    IStringLocalizer<Ui> ui,
    IStringLocalizer<StandardsText> standards,
    IStringLocalizer<OrganisationText> organisation,
    IStringLocalizer<EngagementText> engagement,
    IStringLocalizer<PromisesText> promises)
{
    public string Sentence(AuditRow row)
    {
        var actor = row.ActorPersonId is null && row.ActorName == "system" ? text["Audit.System"].Value : row.ActorName;
        var kind = Kind(row.EntityType);
        var subject = row.Subject is { } name ? $"“{name}”" : "#" + row.EntityId;
        return string.Format(CultureInfo.CurrentCulture, text[$"Audit.Sentence.{row.Action}"], actor, kind, subject);
    }

    /// <summary>The kind of thing an entry is about, in words ("the standard").</summary>
    public string Kind(string entityType) => text[$"Audit.Kind.{entityType}"] is { ResourceNotFound: false } kind ? kind.Value : entityType;

    public string Field(string property) =>
        CountField(property) ?? (text[$"Audit.Field.{property}"] is { ResourceNotFound: false } label ? label.Value : property);

    /// <summary>The old or new value as the reader should see it; null when there is none.</summary>
    public string? Value(AuditRow row, AuditChange change, bool old)
    {
        var raw = old ? change.Old : change.New;
        if (raw is null) return null;
        if (change.IsReference) return (old ? change.OldName : change.NewName) ?? "#" + raw;
        if (change.Property.EndsWith("QuarterKey", StringComparison.Ordinal) && int.TryParse(raw, out var key)) return Quarter.FromKey(key).ToString();
        if (raw is "true" or "false") return ui[raw == "true" ? "Common.Yes" : "Common.No"];
        return Word(row.EntityType, change.Property, raw) ?? Moment(raw, CultureInfo.CurrentCulture);
    }

    /// <summary>A stored choice (a role, a channel, a status…) in the words the pages use for it.</summary>
    private string? Word(string entityType, string property, string raw)
    {
        string? From(IStringLocalizer localizer, string key) => localizer[key] is { ResourceNotFound: false } word ? word.Value : null;
        string? Term<TEnum>() where TEnum : struct, Enum => Enum.TryParse<TEnum>(raw, out var value) ? Terms.Of(value) : null;
        return property switch
        {
            "Role" => From(ui, $"Role.{raw}"),
            "Channel" => Term<ServiceChannel>(),
            "ChannelsText" => string.Join(", ", raw.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(c => Enum.TryParse<ServiceChannel>(c.Trim(), out var ch) ? Terms.Of(ch) : c)),
            "Aspect" => Term<ServiceAspect>(),
            "Discipline" => Term<ValueDiscipline>(),
            "Verdict" => Term<PromiseVerdict>(),
            "Area" => Term<CapabilityArea>(),
            "Status" when entityType.StartsWith("ServiceStandard", StringComparison.Ordinal) => From(standards, $"Status.{raw}"),
            "Status" or "NewStatus" when entityType is "ImprovementAction" or "ActionCheckIn" => Term<Domain.Actions.ActionStatus>(),
            "Unit" => From(standards, $"Unit.{raw}"),
            "Direction" => From(standards, $"Direction.{raw}"),
            "Rater" => From(standards, $"Rater.{raw}"),
            "Kind" => entityType switch
            {
                "OrgUnit" => From(organisation, $"Kind.{raw}"),
                "PulseQuestion" => From(engagement, $"Kind.{raw}"),
                "ServiceSignal" => From(promises, $"Kind.{raw}"),
                "ImprovementAction" or "ActionCause" => Term<Domain.Actions.ActionCauseKind>(),
                _ => null,
            },
            "Cadence" => From(engagement, $"Cadence.{raw}"),
            "BaselineStanding" => Enum.TryParse<Domain.Actions.CauseStanding>(raw, out var standing) ? Terms.Of(standing switch
            {
                Domain.Actions.CauseStanding.Good => RagStatus.Green,
                Domain.Actions.CauseStanding.Watch => RagStatus.Amber,
                Domain.Actions.CauseStanding.Bad => RagStatus.Red,
                _ => RagStatus.NoData,
            }) : null,
            _ => null,
        };
    }

    /// <summary>
    /// A round-trip date-time (<c>2026-11-23T13:44:06.4341982Z</c>, as the log stores it) becomes local time in the
    /// culture's long form; dates without a time, numbers and texts stay unchanged.
    /// </summary>
    public static string Moment(string value, CultureInfo culture)
    {
        if (value.Length < 19 || value[4] != '-' || value[7] != '-' || value[10] != 'T') return value;
        if (!DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var moment)) return value;
        var local = moment.Kind == DateTimeKind.Unspecified ? moment : moment.ToLocalTime();
        return local.ToString("G", culture);
    }

    /// <summary>Answer counts of a customer-score record ("Nps9" → "NPS 9"): the same in both languages.</summary>
    private static string? CountField(string property)
    {
        foreach (var prefix in new[] { "Nps", "Csat", "Ces" })
            if (property.StartsWith(prefix, StringComparison.Ordinal) && property.Length > prefix.Length && property[prefix.Length..].All(char.IsAsciiDigit))
                return prefix.ToUpperInvariant() + " " + property[prefix.Length..];
        return null;
    }
}
