using System.Globalization;
using System.Text;
using CsvHelper;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.CustomerScores;
using StrategyPortal.Domain.Access;

namespace StrategyPortal.Application.People;

/// <summary>A people file as read: its records and everything wrong with the file or a cell.</summary>
public sealed record PeopleFileContent(IReadOnlyList<PersonData> Records, char? Delimiter, IReadOnlyDictionary<PersonField, string> Columns);

/// <summary>
/// Reads a people file: CSV separated by commas or semicolons (found from the header), UTF-8 with or without BOM,
/// one person per row. The header names the columns (English or Dutch, any order, any case); every problem is
/// reported with its row (the header is row 1) and column. A file is at most a few megabytes, so it is read whole.
/// </summary>
public sealed class PeopleFileReader(MessageText text)
{
    public const string EmployeeNumberColumn = "employee_number";
    public const string FirstNameColumn = "first_name";
    public const string LastNameColumn = "last_name";
    public const string EmailColumn = "email";
    public const string UnitColumn = "unit";
    public const string ManagerColumn = "manager_employee_number";
    public const string RoleColumn = "role";
    public const string LanguageColumn = "language";
    public const string StartDateColumn = "start_date";
    public const string ActiveColumn = "active";

    /// <summary>Every column in the order of the sample file; the first five are required.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        [EmployeeNumberColumn, FirstNameColumn, LastNameColumn, EmailColumn, UnitColumn, ManagerColumn, RoleColumn, LanguageColumn, StartDateColumn, ActiveColumn];

    public static IReadOnlyList<string> RequiredColumns { get; } = [EmployeeNumberColumn, FirstNameColumn, LastNameColumn, EmailColumn, UnitColumn];

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["personeelsnummer"] = EmployeeNumberColumn, ["employeenumber"] = EmployeeNumberColumn, ["employee_id"] = EmployeeNumberColumn,
        ["voornaam"] = FirstNameColumn, ["firstname"] = FirstNameColumn, ["given_name"] = FirstNameColumn,
        ["achternaam"] = LastNameColumn, ["lastname"] = LastNameColumn, ["family_name"] = LastNameColumn,
        ["e_mail"] = EmailColumn, ["mail"] = EmailColumn,
        ["afdeling"] = UnitColumn, ["eenheid"] = UnitColumn, ["department"] = UnitColumn,
        ["manager"] = ManagerColumn, ["leidinggevende"] = ManagerColumn, ["manager_personeelsnummer"] = ManagerColumn,
        ["rol"] = RoleColumn, ["taal"] = LanguageColumn,
        ["startdatum"] = StartDateColumn, ["in_dienst"] = StartDateColumn, ["datum_in_dienst"] = StartDateColumn,
        ["actief"] = ActiveColumn,
    };

    private static readonly Dictionary<string, PersonField> FieldOf = new(StringComparer.Ordinal)
    {
        [EmployeeNumberColumn] = PersonField.EmployeeNumber, [FirstNameColumn] = PersonField.FirstName, [LastNameColumn] = PersonField.LastName,
        [EmailColumn] = PersonField.Email, [UnitColumn] = PersonField.Unit, [ManagerColumn] = PersonField.Manager, [RoleColumn] = PersonField.Role,
        [LanguageColumn] = PersonField.Language, [StartDateColumn] = PersonField.StartDate, [ActiveColumn] = PersonField.Active,
    };

    /// <summary>Role names a file may use: the portal's (English) and the Dutch ones.</summary>
    private static readonly Dictionary<string, PortalRole> RoleNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["employee"] = PortalRole.Employee, ["medewerker"] = PortalRole.Employee,
        ["manager"] = PortalRole.Manager, ["leidinggevende"] = PortalRole.Manager,
        ["director"] = PortalRole.Director, ["directeur"] = PortalRole.Director,
        ["administrator"] = PortalRole.Administrator, ["beheerder"] = PortalRole.Administrator,
    };

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "d-M-yyyy", "dd-MM-yyyy", "d/M/yyyy", "dd/MM/yyyy", "yyyy/MM/dd"];

    public static Encoding StrictUtf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public PeopleFileContent Read(byte[] content, ImportErrors errors)
    {
        var offset = content.Length >= 3 && content[0] == 0xEF && content[1] == 0xBB && content[2] == 0xBF ? 3 : 0;
        string all;
        try
        {
            all = StrictUtf8.GetString(content, offset, content.Length - offset);
        }
        catch (DecoderFallbackException)
        {
            errors.Add(0, "", text["people.file.not-utf8"]);
            return Empty;
        }
        var headerEnd = all.IndexOf('\n');
        var header = (headerEnd < 0 ? all : all[..headerEnd]).TrimEnd('\r');
        if (header.Trim().Length == 0)
        {
            errors.Add(1, "", text["people.file.no-header"]);
            return Empty;
        }
        var delimiter = header.Count(c => c == ';') >= header.Count(c => c == ',') && header.Contains(';') ? ';' : header.Contains(',') ? ',' : (char?)null;
        if (delimiter is null)
        {
            errors.Add(1, "", text.Format("people.file.single-column", string.Join(", ", Columns)));
            return Empty;
        }
        if (MapHeader(header, delimiter.Value, errors) is not { } map) return new PeopleFileContent([], delimiter, new Dictionary<PersonField, string>());

        var records = new List<PersonData>();
        var malformed = new List<long>();
        var options = CsvHeader.ReaderOptions(delimiter.Value, m => malformed.Add(m.LineNumber));
        using var stream = new MemoryStream(content, offset, content.Length - offset, writable: false);
        using var csv = CsvReader.Create(stream, options, leaveOpen: false);
        var given = map.Keys.Aggregate(PersonField.None, (all, column) => all | FieldOf[column]);
        while (csv.Read())
        {
            foreach (var line in malformed) errors.Add((int)line, "", text["people.file.bad-quotes"]);
            malformed.Clear();
            var row = (int)csv.LineNumber;
            if (csv.FieldCount != map.Count)
            {
                errors.Add(row, "", text.Format("people.file.field-count", csv.FieldCount, map.Count, delimiter == ';' ? "; (semicolon)" : ", (comma)"));
                continue;
            }
            string Cell(string column) => map.TryGetValue(column, out var i) && i < csv.FieldCount ? csv.GetString(i).Trim() : string.Empty;
            var record = new PersonData
            {
                Row = row,
                Given = given,
                EmployeeNumber = Cell(EmployeeNumberColumn),
                FirstName = Cell(FirstNameColumn),
                LastName = Cell(LastNameColumn),
                Email = Cell(EmailColumn),
            };
            if (record.EmployeeNumber.Length == 0) errors.Add(row, EmployeeNumberColumn, text["people.file.number-required"]);
            if (record.FirstName!.Length == 0 && record.LastName!.Length == 0) errors.Add(row, FirstNameColumn, text["person.name-required"]);
            if (record.Email!.Length == 0) errors.Add(row, EmailColumn, text["person.email-required"]);
            var unit = Cell(UnitColumn);
            if (unit.Length == 0) errors.Add(row, UnitColumn, text["person.unit-required"]);
            else record.Unit = UnitReference.ByText(unit);
            if (map.ContainsKey(ManagerColumn))
            {
                var manager = Cell(ManagerColumn);
                record.Manager = manager.Length == 0 ? null : new ManagerReference(null, manager);
            }
            if (map.ContainsKey(RoleColumn))
            {
                var role = Cell(RoleColumn);
                if (role.Length == 0) record.Given &= ~PersonField.Role;
                else if (RoleNames.TryGetValue(role, out var known)) record.Role = known;
                else errors.Add(row, RoleColumn, text.Format("people.file.role-unknown", role, "Employee, Manager, Director, Administrator (medewerker, manager, directeur, beheerder)"));
            }
            if (map.ContainsKey(LanguageColumn)) record.Language = Cell(LanguageColumn);
            if (map.ContainsKey(StartDateColumn))
            {
                var date = Cell(StartDateColumn);
                if (date.Length > 0)
                {
                    if (DateOnly.TryParseExact(date, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)) record.StartDate = start;
                    else errors.Add(row, StartDateColumn, text.Format("people.file.date-invalid", date));
                }
            }
            if (map.ContainsKey(ActiveColumn))
            {
                var active = Cell(ActiveColumn);
                if (ParseActive(active) is { } value) record.Active = value;
                else errors.Add(row, ActiveColumn, text.Format("people.file.active-invalid", active));
            }
            records.Add(record);
        }
        foreach (var line in malformed) errors.Add((int)line, "", text["people.file.bad-quotes"]);
        if (records.Count == 0 && !errors.Any) errors.Add(2, "", text["people.file.no-rows"]);
        var columns = map.Keys.ToDictionary(c => FieldOf[c], c => c);
        columns[PersonField.DisplayName] = FirstNameColumn;
        return new PeopleFileContent(records, delimiter, columns);
    }

    private static readonly PeopleFileContent Empty = new([], null, new Dictionary<PersonField, string>());

    /// <summary>Empty counts as active: a file lists the people who work there.</summary>
    public static bool? ParseActive(string value) => value.Trim().ToLowerInvariant() switch
    {
        "" or "1" or "true" or "yes" or "y" or "ja" or "j" or "waar" => true,
        "0" or "false" or "no" or "n" or "nee" or "onwaar" => false,
        _ => null,
    };

    private static readonly CsvHeader Header = new(Columns, RequiredColumns, Aliases);

    private Dictionary<string, int>? MapHeader(string header, char delimiter, ImportErrors errors) => Header.Map(header, delimiter, errors, text);
}
