using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Domain.Access;
using StrategyPortal.Infrastructure.Identity;
using StrategyPortal.Infrastructure.Persistence;

namespace StrategyPortal.Infrastructure.Tests.Access;

/// <summary>
/// Every field of the stored model that looks as if it names a person (a name, an e-mail, a phone number,
/// "…By…", an actor, an owner, a person's id) must be known here, in exactly one list: what erasure
/// pseudonymises or removes, what points at the person by id (kept; the person behind it is pseudonymised),
/// or what is not about a person. A new field such as <c>ApprovedByName</c> fails this test until someone
/// decides which list it belongs to — and, when it names a person, makes <c>PersonErasure</c> pseudonymise it
/// and <c>PrivacyService</c> export it (PrivacyTests then check that the name is gone from every table).
/// </summary>
public sealed partial class PersonalDataModelTests
{
    /// <summary>Names and contact details of a person: erasure replaces them by the pseudonym (or removes them from the account).</summary>
    public static readonly IReadOnlySet<string> PersonalText = new HashSet<string>
    {
        "Person.Name", "Person.Email", "Person.FirstName", "Person.LastName", "Person.DirectoryUserName",
        "ServiceStrategyChoice.ChosenByName",
        "ServiceStandardVersion.ChangedByName",
        "StandardResult.RecordedByName",
        "ServiceSignal.LoggedByName", "ServiceSignal.ForwardedByName", "ServiceSignal.AcknowledgedByName",
        "ScorecardIssue.RequestedByName",
        "IssuedScorecard.IssuedByName",
        "AuditEntry.ActorName",
        "OutboxMessage.ToName",
        "PortalUser.UserName", "PortalUser.NormalizedUserName", "PortalUser.Email", "PortalUser.NormalizedEmail", "PortalUser.PhoneNumber",
    };

    /// <summary>Ids that point at a person: kept by erasure (history stays linked), exported by the privacy export.</summary>
    public static readonly IReadOnlySet<string> PersonReferences = new HashSet<string>
    {
        "ServiceStrategyChoice.ChosenById",
        "ServiceStandardVersion.ChangedById",
        "StandardResult.RecordedById",
        "ServiceSignal.LoggedById", "ServiceSignal.ForwardedById", "ServiceSignal.AcknowledgedById",
        "ScorecardIssue.RequestedByPersonId",
        "MarketingPromise.OwnerPersonId",
        "ApiKey.CreatedByPersonId",
        "Participation.PersonId",
        "PulseInvitation.PersonId",
        "AuditEntry.ActorPersonId",
        "PortalUser.PersonId",
        "ImprovementAction.OwnerPersonId", "ImprovementAction.CreatedByPersonId",
        "ActionCheckIn.ByPersonId",
        "OutboxMessage.PersonId", "NoticeSettings.PersonId", "PulseLink.PersonId", "ActionReminderRun.PersonId",
        "PeopleImport.AppliedByPersonId",
    };

    /// <summary>Fields the pattern catches that do not name a person, each with why.</summary>
    public static readonly IReadOnlyDictionary<string, string> NotAboutAPerson = new Dictionary<string, string>
    {
        ["OrgUnit.Name"] = "a unit's name",
        ["Capability.Name"] = "a capability's name",
        ["ApiKey.Name"] = "the label an administrator gave the key",
        ["PeopleImport.FileName"] = "the name of the uploaded HR file",
        ["IssuedScorecard.UnitName"] = "the unit the scorecard is about",
        ["PulseRoundUnit.Name"] = "a unit's name as a pulse round recorded it",
        ["ScorecardIssueItem.LeaseOwner"] = "the portal instance generating the scorecard",
        ["OutboxMessage.LeaseOwner"] = "the portal instance sending the message",
        ["PortalUser.ErasedEmailHash"] = "kept on purpose after erasure: a SHA-256 that only refuses a new sign-in with the old e-mail (privacy.md)",
    };

    [GeneratedRegex("Name$|Email|Phone|By|Actor|Owner|User")]
    private static partial Regex TextPattern();

    [GeneratedRegex("PersonId$|ById$|^Actor")]
    private static partial Regex IdPattern();

    private static List<string> NameLikeFieldsOfTheModel()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        var builder = new DbContextOptionsBuilder<PortalDbContext>();
        builder.UseSqlite(connection, o => o.MigrationsAssembly(DatabaseRegistration.SqliteMigrationsAssembly));
        using var db = new PortalDbContext(builder.Options);
        var domain = typeof(AuditEntry).Assembly;
        return db.Model.GetEntityTypes()
            .Where(e => e.ClrType.Assembly == domain || e.ClrType == typeof(PortalUser))
            .SelectMany(e => e.GetProperties().Where(p => !p.IsShadowProperty()).Select(p => (Entity: e.ClrType.Name, Property: p)))
            .Where(f => MayNameAPerson(f.Property.Name, Nullable.GetUnderlyingType(f.Property.ClrType) ?? f.Property.ClrType))
            .Select(f => $"{f.Entity}.{f.Property.Name}")
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static bool MayNameAPerson(string name, Type type) =>
        type == typeof(string) ? TextPattern().IsMatch(name)
        : (type == typeof(int) || type == typeof(long)) && IdPattern().IsMatch(name);

    [Fact]
    public void Every_field_that_may_name_a_person_is_known_and_classified_once()
    {
        var model = NameLikeFieldsOfTheModel();
        var known = PersonalText.Concat(PersonReferences).Concat(NotAboutAPerson.Keys).ToList();

        Assert.Equal(known.Count, known.Distinct().Count());
        var unknown = model.Except(known).ToList();
        Assert.True(unknown.Count == 0,
            "Fields that may name a person but are in no list of PersonalDataModelTests (add each to PersonErasure and the privacy export, then here): "
            + string.Join(", ", unknown));
        // A field that left the model must leave the lists too, so they keep describing what is stored.
        Assert.Empty(known.Except(model));
    }

    [Fact]
    public void The_pattern_catches_a_new_name_field()
    {
        Assert.Matches(TextPattern(), "ApprovedByName");
        Assert.Matches(TextPattern(), "ReviewerName");
        Assert.Matches(TextPattern(), "ContactEmail");
        Assert.Matches(IdPattern(), "ApprovedById");
        Assert.Matches(IdPattern(), "ReviewerPersonId");
        Assert.DoesNotMatch(IdPattern(), "OwnerUnitId");
    }
}
