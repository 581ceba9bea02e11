using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.Domain.People;

namespace StrategyPortal.Application.People;

/// <summary>
/// The one place that decides what records of people do to the portal — a people file, a SCIM request and the people
/// page all come through here: who a record is about, unique employee numbers, e-mail addresses and user names, the
/// unit by id, path or code (and which units to create), the manager and the reporting line without cycles, the last
/// administrator, full-sync deactivations and the safeguards. It only plans; <see cref="PeoplePlanApplier"/> applies.
/// </summary>
public sealed class PeoplePlanner(MessageText text)
{
    private static readonly StringComparer Ordinal = StringComparer.OrdinalIgnoreCase;

    public PeoplePlan Plan(PeopleRoster roster, IReadOnlyList<PersonData> records, PlanOptions options)
    {
        if (options.Mode == PeopleSyncMode.Full && !roster.Complete) throw new InvalidOperationException("A full sync needs every person in the roster.");
        var plan = new PeoplePlan { MaxDeactivationShare = options.MaxDeactivationShare, ActiveBefore = roster.ActivePeople };
        var byId = roster.People.ToDictionary(p => p.Id);
        var byEmail = roster.People.ToDictionary(p => p.Email, StringComparer.Ordinal);
        var byNumber = new Dictionary<string, Person>(Ordinal);
        var byUserName = new Dictionary<string, Person>(StringComparer.Ordinal);
        foreach (var person in roster.People)
        {
            if (person.EmployeeNumber is { } number) byNumber.TryAdd(number, person);
            if (person.DirectoryUserName is { } userName) byUserName.TryAdd(userName, person);
        }
        var units = new UnitDirectory(roster.Units, plan, text);

        // Within the records: each employee number, e-mail address and user name once; each person once.
        var firstRowOfNumber = new Dictionary<string, int>(Ordinal);
        var firstRowOfEmail = new Dictionary<string, int>(StringComparer.Ordinal);
        var firstRowOfUserName = new Dictionary<string, int>(StringComparer.Ordinal);
        var matched = new Dictionary<int, int>();

        for (var index = 0; index < records.Count; index++)
        {
            var record = records[index];
            var errors = plan.Errors.Count;
            var number = Normalised(record, PersonField.EmployeeNumber, () => Person.NormaliseEmployeeNumber(record.EmployeeNumber), plan);
            var email = record.Gives(PersonField.Email) && !string.IsNullOrWhiteSpace(record.Email) ? Person.NormaliseEmail(record.Email) : null;
            var userName = record.Gives(PersonField.UserName) && !string.IsNullOrWhiteSpace(record.UserName) ? record.UserName.Trim().ToLowerInvariant() : null;
            if (number is not null && !firstRowOfNumber.TryAdd(number, record.Row))
                plan.Errors.Add(new PlanError(record.Row, PersonField.EmployeeNumber, text.Format("people.duplicate-number", number, firstRowOfNumber[number])));
            if (email is not null && !firstRowOfEmail.TryAdd(email, record.Row))
                plan.Errors.Add(new PlanError(record.Row, PersonField.Email, text.Format("people.duplicate-email", email, firstRowOfEmail[email])));
            if (userName is not null && !firstRowOfUserName.TryAdd(userName, record.Row))
                plan.Errors.Add(new PlanError(record.Row, PersonField.UserName, text.Format("people.duplicate-username", userName, firstRowOfUserName[userName])));

            // Who the record is about.
            Person? existing = null;
            string? replacedNumber = null;
            if (record.PersonId is { } id)
            {
                if (!byId.TryGetValue(id, out existing))
                {
                    plan.Errors.Add(new PlanError(record.Row, PersonField.None, text.Format("people.not-found", id), PlanErrorKind.NotFound));
                    continue;
                }
            }
            else if (options.Match == PersonMatch.ByEmployeeNumberThenEmail)
            {
                if (number is not null && byNumber.TryGetValue(number, out var byNumberMatch)) existing = byNumberMatch;
                else if (email is not null && byEmail.TryGetValue(email, out var byEmailMatch))
                {
                    existing = byEmailMatch;
                    if (existing.EmployeeNumber is { } old && number is not null && !Ordinal.Equals(old, number)) replacedNumber = old;
                }
            }
            if (existing is not null && !matched.TryAdd(existing.Id, record.Row))
            {
                plan.Errors.Add(new PlanError(record.Row, PersonField.EmployeeNumber, text.Format("people.same-person", existing.Name, matched[existing.Id])));
                existing = null;
            }
            if (existing is { IsErased: true })
            {
                plan.Errors.Add(new PlanError(record.Row, PersonField.None, text["person.erased"]));
                continue;
            }

            var state = existing is null ? new PersonState { Role = PortalRole.Employee, Active = true } : StateOf(existing);
            if (record.Gives(PersonField.EmployeeNumber)) state.EmployeeNumber = number;
            if (record.Gives(PersonField.FirstName)) state.FirstName = Part(record, PersonField.FirstName, record.FirstName, plan);
            if (record.Gives(PersonField.LastName)) state.LastName = Part(record, PersonField.LastName, record.LastName, plan);
            var name = record.Gives(PersonField.DisplayName) && !string.IsNullOrWhiteSpace(record.DisplayName)
                ? record.DisplayName.Trim()
                : record.Gives(PersonField.FirstName) || record.Gives(PersonField.LastName) ? Person.FullName(state.FirstName, state.LastName) : null;
            if (name is not null)
            {
                if (name.Length > Person.NameMaxLength) plan.Errors.Add(new PlanError(record.Row, PersonField.DisplayName, text["person.name-too-long"]));
                state.Name = name;
            }
            else if (existing is null) plan.Errors.Add(new PlanError(record.Row, NameField(record), text["person.name-required"]));

            if (record.Gives(PersonField.Email))
            {
                if (email is null) plan.Errors.Add(new PlanError(record.Row, PersonField.Email, text["person.email-required"]));
                else if (!ValidEmail(email)) plan.Errors.Add(new PlanError(record.Row, PersonField.Email, text.Format("people.email-invalid", record.Email!.Trim())));
                else
                {
                    state.Email = email;
                    if (byEmail.TryGetValue(email, out var owner) && owner.Id != existing?.Id)
                        plan.Errors.Add(new PlanError(record.Row, PersonField.Email, Taken("person.email-taken", "people.email-taken", record, email, owner), PlanErrorKind.Uniqueness));
                }
            }
            else if (existing is null) plan.Errors.Add(new PlanError(record.Row, PersonField.Email, text["person.email-required"]));

            if (number is not null && byNumber.TryGetValue(number, out var numberOwner) && numberOwner.Id != existing?.Id)
                plan.Errors.Add(new PlanError(record.Row, PersonField.EmployeeNumber, Taken("people.number-taken", "people.number-taken", record, number, numberOwner), PlanErrorKind.Uniqueness));

            if (record.Gives(PersonField.UserName))
            {
                state.UserName = userName;
                if (userName is not null && byUserName.TryGetValue(userName, out var userNameOwner) && userNameOwner.Id != existing?.Id)
                    plan.Errors.Add(new PlanError(record.Row, PersonField.UserName, text.Format("people.username-taken", userName), PlanErrorKind.Uniqueness));
                if (userName is { Length: > Person.EmailMaxLength }) plan.Errors.Add(new PlanError(record.Row, PersonField.UserName, text["person.username-too-long"]));
            }

            if (record.Gives(PersonField.Unit) && record.Unit is { } unitReference)
            {
                if (units.Resolve(unitReference, options.CreateUnits, out var unitError) is { } unit) state.Unit = unit;
                else plan.Errors.Add(new PlanError(record.Row, PersonField.Unit, unitError!));
            }
            else if (existing is null) plan.Errors.Add(new PlanError(record.Row, PersonField.Unit, text["person.unit-required"]));

            if (record.Gives(PersonField.Role) && record.Role is { } role) state.Role = role;
            if (record.Gives(PersonField.Language)) state.Language = Normalised(record, PersonField.Language, () => Person.NormaliseLanguage(record.Language), plan);
            if (record.Gives(PersonField.StartDate)) state.StartDate = record.StartDate;
            if (record.Gives(PersonField.Active)) state.Active = record.Active;
            // Someone who comes back comes back into an active unit.
            if (state.Active && existing is { IsActive: false } && state.Unit.Id is { } unitId && !units.IsActive(unitId))
                plan.Errors.Add(new PlanError(record.Row, PersonField.Unit, text["person.unit-invalid"]));
            if (!state.Active && existing is not null && existing.Id == options.ActingPersonId && existing.IsActive)
                plan.Errors.Add(new PlanError(record.Row, PersonField.Active, text["person.cannot-deactivate-self"]));

            plan.People.Add(new PlannedPerson
            {
                Record = record,
                RecordIndex = index,
                Existing = existing,
                State = state,
                ReplacedEmployeeNumber = replacedNumber,
                HasErrors = plan.Errors.Count > errors,
            });
        }

        ResolveManagers(plan, byId, byNumber);
        if (options.Mode == PeopleSyncMode.Full)
        {
            var inRecords = plan.People.Where(p => p.Existing is not null).Select(p => p.Existing!.Id).ToHashSet();
            foreach (var person in roster.People.Where(p => p.IsActive && !inRecords.Contains(p.Id)))
            {
                if (person.Id == options.ActingPersonId) plan.ActingPersonKept = true;
                else plan.Missing.Add(person);
            }
        }
        CheckReportingLines(plan, roster);
        CheckAdministrators(plan, roster);
        foreach (var planned in plan.People) Classify(planned);
        return plan;
    }

    private void ResolveManagers(PeoplePlan plan, Dictionary<int, Person> byId, Dictionary<string, Person> byNumber)
    {
        var numbersInRecords = new Dictionary<string, PlannedPerson>(Ordinal);
        foreach (var planned in plan.People)
            if (planned.State.EmployeeNumber is { } number && planned.Record.Gives(PersonField.EmployeeNumber)) numbersInRecords.TryAdd(number, planned);
        foreach (var planned in plan.People.Where(p => p.Record.Gives(PersonField.Manager)))
        {
            var record = planned.Record;
            if (record.Manager is not { } reference || (reference.PersonId is null && string.IsNullOrWhiteSpace(reference.EmployeeNumber)))
            {
                planned.State.Manager = null;
                continue;
            }
            PersonKey? key = null;
            if (reference.PersonId is { } managerId)
            {
                if (byId.ContainsKey(managerId)) key = new PersonKey(managerId, null);
            }
            else
            {
                var number = reference.EmployeeNumber!.Trim();
                if (numbersInRecords.TryGetValue(number, out var inFile)) key = inFile.Key;
                else if (byNumber.TryGetValue(number, out var inPortal) && !inPortal.IsErased) key = new PersonKey(inPortal.Id, null);
            }
            if (key is null)
            {
                plan.Errors.Add(new PlanError(record.Row, PersonField.Manager, text.Format("people.manager-unknown", reference.ToString())));
                planned.HasErrors = true;
            }
            else if (key == planned.Key)
            {
                plan.Errors.Add(new PlanError(record.Row, PersonField.Manager, text["person.manager-self"]));
                planned.HasErrors = true;
            }
            else planned.State.Manager = key;
        }
    }

    /// <summary>No cycle in the reporting line as the plan leaves it; reported at every record in a cycle.</summary>
    private void CheckReportingLines(PeoplePlan plan, PeopleRoster roster)
    {
        var managerOf = new Dictionary<PersonKey, PersonKey>();
        foreach (var person in roster.People)
            if (person.ManagerId is { } managerId) managerOf[new PersonKey(person.Id, null)] = new PersonKey(managerId, null);
        var byKey = new Dictionary<PersonKey, PlannedPerson>();
        foreach (var planned in plan.People)
        {
            byKey[planned.Key] = planned;
            if (planned.State.Manager is { } manager) managerOf[planned.Key] = manager;
            else managerOf.Remove(planned.Key);
        }
        var names = roster.People.ToDictionary(p => new PersonKey(p.Id, null), p => p.Name);
        foreach (var planned in plan.People) names[planned.Key] = planned.State.Name;
        foreach (var cycle in ReportingLines.FindCycles(managerOf))
        {
            var line = string.Join(" → ", cycle.Append(cycle[0]).Select(k => names.GetValueOrDefault(k, "?")));
            foreach (var key in cycle)
                if (byKey.TryGetValue(key, out var planned) && planned.Record.Gives(PersonField.Manager))
                {
                    plan.Errors.Add(new PlanError(planned.Record.Row, PersonField.Manager, text.Format("people.manager-cycle", line)));
                    planned.HasErrors = true;
                }
        }
    }

    private void CheckAdministrators(PeoplePlan plan, PeopleRoster roster)
    {
        var before = roster.OtherActiveAdministrators + roster.People.Count(p => p.IsActive && p.Role == PortalRole.Administrator);
        if (before == 0) return;
        var planned = plan.People.Where(p => p.Existing is not null).Select(p => p.Existing!.Id).ToHashSet();
        var missing = plan.Missing.Select(p => p.Id).ToHashSet();
        var after = roster.OtherActiveAdministrators
                    + roster.People.Count(p => p.IsActive && p.Role == PortalRole.Administrator && !planned.Contains(p.Id) && !missing.Contains(p.Id))
                    + plan.People.Count(p => p.State.Active && p.State.Role == PortalRole.Administrator);
        if (after == 0) plan.Errors.Add(new PlanError(0, PersonField.Role, text["person.last-administrator"]));
    }

    private static void Classify(PlannedPerson planned)
    {
        var state = planned.State;
        if (planned.Existing is not { } person)
        {
            planned.Change = PersonChange.Created;
            return;
        }
        var changed = PersonField.None;
        if (!string.Equals(person.EmployeeNumber, state.EmployeeNumber, StringComparison.Ordinal)) changed |= PersonField.EmployeeNumber;
        if (person.FirstName != state.FirstName) changed |= PersonField.FirstName;
        if (person.LastName != state.LastName) changed |= PersonField.LastName;
        if (person.Name != state.Name) changed |= PersonField.DisplayName;
        if (person.Email != state.Email) changed |= PersonField.Email;
        if (state.Unit.Id != person.OrgUnitId) changed |= PersonField.Unit;
        if (!Equals(state.Manager, person.ManagerId is { } m ? new PersonKey(m, null) : (PersonKey?)null)) changed |= PersonField.Manager;
        if (person.Role != state.Role) changed |= PersonField.Role;
        if (person.Language != state.Language) changed |= PersonField.Language;
        if (person.StartDate != state.StartDate) changed |= PersonField.StartDate;
        if (person.DirectoryUserName != state.UserName) changed |= PersonField.UserName;
        if (person.IsActive != state.Active) changed |= PersonField.Active;
        planned.ChangedFields = changed;
        var change = PersonChange.None;
        if ((changed & ~(PersonField.Unit | PersonField.Active)) != 0) change |= PersonChange.Changed;
        if (changed.HasFlag(PersonField.Unit)) change |= PersonChange.Moved;
        if (changed.HasFlag(PersonField.Active)) change |= state.Active ? PersonChange.Reactivated : PersonChange.Deactivated;
        planned.Change = change;
    }

    public static PersonState StateOf(Person person) => new()
    {
        EmployeeNumber = person.EmployeeNumber,
        FirstName = person.FirstName,
        LastName = person.LastName,
        Name = person.Name,
        Email = person.Email,
        Unit = new UnitKey(person.OrgUnitId, null),
        Manager = person.ManagerId is { } managerId ? new PersonKey(managerId, null) : null,
        Role = person.Role,
        Language = person.Language,
        StartDate = person.StartDate,
        Active = person.IsActive,
        UserName = person.DirectoryUserName,
    };

    private string Taken(string plainKey, string fileKey, PersonData record, string value, Person owner) =>
        record.Row > 0 || plainKey == fileKey
            ? text.Format(fileKey, value, owner.EmployeeNumber is { } n ? $"{owner.Name}, {n}" : owner.Name)
            : text[plainKey];

    private static PersonField NameField(PersonData record) =>
        record.Gives(PersonField.FirstName) || record.Gives(PersonField.LastName) ? PersonField.FirstName : PersonField.DisplayName;

    private string? Part(PersonData record, PersonField field, string? value, PeoplePlan plan)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return null;
        if (trimmed.Length > Person.PartNameMaxLength)
        {
            plan.Errors.Add(new PlanError(record.Row, field, text["person.name-part-too-long"]));
            return null;
        }
        return trimmed;
    }

    private string? Normalised(PersonData record, PersonField field, Func<string?> normalise, PeoplePlan plan)
    {
        if (!record.Gives(field)) return null;
        try { return normalise(); }
        catch (DomainException e)
        {
            plan.Errors.Add(new PlanError(record.Row, field, text.Of(e)));
            return null;
        }
    }

    private static bool ValidEmail(string normalised) =>
        normalised.Length <= Person.EmailMaxLength && System.Net.Mail.MailAddress.TryCreate(normalised, out var parsed) && parsed.Address == normalised;

    /// <summary>Units by path below the company (or from the company's name down) and by code; plans the units a path lacks.</summary>
    private sealed class UnitDirectory
    {
        private readonly Dictionary<string, OrgUnit> _byPath = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, OrgUnit> _byCode = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, int> _newByPath = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<int, OrgUnit> _byId;
        private readonly OrgUnit? _root;
        private readonly PeoplePlan _plan;
        private readonly MessageText _text;

        public UnitDirectory(IReadOnlyList<OrgUnit> units, PeoplePlan plan, MessageText text)
        {
            _plan = plan;
            _text = text;
            _byId = units.ToDictionary(u => u.Id);
            _root = units.FirstOrDefault(u => u.ParentId is null);
            var tree = OrgTree.From(units);
            foreach (var unit in units)
            {
                if (unit.Code is { } code) _byCode.TryAdd(code, unit);
                var path = tree.PathTo(unit.Id).Skip(1).Select(id => _byId[id].Name);
                _byPath.TryAdd(string.Join(OrgUnit.PathSeparator, path), unit);
            }
        }

        public UnitKey? Resolve(UnitReference reference, bool create, out string? error)
        {
            error = null;
            if (reference.Id is { } id)
            {
                if (_byId.TryGetValue(id, out var byId) && byId.IsActive) return new UnitKey(id, null);
                error = _text["person.unit-invalid"];
                return null;
            }
            var raw = (reference.Text ?? string.Empty).Trim();
            if (raw.Length == 0)
            {
                error = _text["person.unit-required"];
                return null;
            }
            if (!raw.Contains(OrgUnit.PathSeparator) && _byCode.TryGetValue(raw, out var byCode)) return Active(byCode, raw, out error);
            if (OrgUnit.SplitPath(raw) is not { } parts)
            {
                error = _text.Format("people.unit-path-invalid", raw);
                return null;
            }
            if (_root is not null && parts.Count >= 1 && string.Equals(parts[0], _root.Name, StringComparison.OrdinalIgnoreCase)
                && !_byPath.ContainsKey(string.Join(OrgUnit.PathSeparator, parts)))
                parts = parts.Skip(1).ToList();
            if (parts.Count == 0 && _root is not null) return new UnitKey(_root.Id, null);
            var path = string.Join(OrgUnit.PathSeparator, parts);
            if (_byPath.TryGetValue(path, out var byPath)) return Active(byPath, raw, out error);
            if (_newByPath.TryGetValue(path, out var planned)) return new UnitKey(null, planned);
            if (!create || _root is null)
            {
                error = _text.Format(parts.Count == 1 ? "people.unit-unknown-or-code" : "people.unit-unknown", raw);
                return null;
            }
            // Create what the path lacks, from the first missing unit down; a new unit takes its parent's kind.
            var parent = new UnitKey(_root.Id, null);
            var parentKind = OrgUnitKind.Other;
            for (var i = 0; i < parts.Count; i++)
            {
                var prefix = string.Join(OrgUnit.PathSeparator, parts.Take(i + 1));
                if (_byPath.TryGetValue(prefix, out var existing))
                {
                    if (!existing.IsActive)
                    {
                        error = _text.Format("people.unit-inactive", prefix);
                        return null;
                    }
                    parent = new UnitKey(existing.Id, null);
                    parentKind = existing.ParentId is null ? OrgUnitKind.Other : existing.Kind;
                    continue;
                }
                if (_newByPath.TryGetValue(prefix, out var plannedIndex))
                {
                    parent = new UnitKey(null, plannedIndex);
                    parentKind = _plan.NewUnits[plannedIndex].Kind;
                    continue;
                }
                if (parts[i].Length > OrgUnit.NameMaxLength)
                {
                    error = _text["orgunit.name-too-long"];
                    return null;
                }
                _plan.NewUnits.Add(new PlannedUnit(prefix, parts[i], parent, parentKind));
                _newByPath[prefix] = _plan.NewUnits.Count - 1;
                parent = new UnitKey(null, _plan.NewUnits.Count - 1);
            }
            return parent;
        }

        public bool IsActive(int unitId) => _byId.TryGetValue(unitId, out var unit) && unit.IsActive;

        private UnitKey? Active(OrgUnit unit, string raw, out string? error)
        {
            error = unit.IsActive ? null : _text.Format("people.unit-inactive", raw);
            return unit.IsActive ? new UnitKey(unit.Id, null) : null;
        }
    }
}
