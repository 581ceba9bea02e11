using System.Text;

namespace StrategyPortal.Application.Common;

/// <summary>
/// Writes CSV that spreadsheets open safely: every export goes through here. A cell that starts with <c>=</c>, <c>+</c>,
/// <c>-</c>, <c>@</c>, a tab or a carriage return is a formula to Excel and LibreOffice (CSV injection: a unit named
/// <c>=HYPERLINK(…)</c> would run when the file is opened), so it gets a leading single quote and is shown as typed
/// text. Plain numbers (<c>-12.5</c>, <c>-12,5</c>) are left alone so they stay numbers. Fields holding the separator,
/// a quote or a line break are quoted.
/// </summary>
public static class CsvText
{
    public const char Separator = ';';

    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>Appends one line (fields joined by <see cref="Separator"/>, ended by CRLF).</summary>
    public static void AppendLine(StringBuilder csv, IEnumerable<string> fields)
    {
        var first = true;
        foreach (var field in fields)
        {
            if (!first) csv.Append(Separator);
            csv.Append(Field(field));
            first = false;
        }
        csv.Append("\r\n");
    }

    /// <summary>One cell as written: neutralised when it could be read as a formula, then quoted when needed.</summary>
    public static string Field(string? value)
    {
        var field = value ?? string.Empty;
        if (field.Length > 0 && Array.IndexOf(FormulaStarts, field[0]) >= 0 && !IsPlainNumber(field)) field = "'" + field;
        return field.IndexOfAny([Separator, '"', '\r', '\n']) >= 0 || field.StartsWith(' ') || field.EndsWith(' ')
            ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : field;
    }

    /// <summary>An optional sign, digits, and at most one decimal point or comma with digits after it.</summary>
    private static bool IsPlainNumber(string field)
    {
        var i = field[0] is '-' or '+' ? 1 : 0;
        var digits = 0;
        var separatorSeen = false;
        var digitsAfterSeparator = 0;
        for (; i < field.Length; i++)
        {
            var c = field[i];
            if (char.IsAsciiDigit(c))
            {
                digits++;
                if (separatorSeen) digitsAfterSeparator++;
            }
            else if ((c == '.' || c == ',') && !separatorSeen && digits > 0) separatorSeen = true;
            else return false;
        }
        return digits > 0 && (!separatorSeen || digitsAfterSeparator > 0);
    }
}
