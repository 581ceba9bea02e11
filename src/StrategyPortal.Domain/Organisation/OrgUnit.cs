using StrategyPortal.Domain.Common;

namespace StrategyPortal.Domain.Organisation;

/// <summary>A node of the organisation tree: the company at the root, departments and teams below it.</summary>
public class OrgUnit : IVersioned
{
    public const int NameMaxLength = 120;
    public const int CodeMaxLength = 40;

    /// <summary>Separates the units of a path in a people file: <c>Klantenservice/Webcare</c> (below the company).</summary>
    public const char PathSeparator = '/';

    private OrgUnit() { Name = string.Empty; }

    public OrgUnit(string name, OrgUnitKind kind, int? parentId)
    {
        Name = ValidName(name);
        Kind = kind;
        ParentId = parentId;
        IsActive = true;
    }

    public int Id { get; private set; }
    public string Name { get; private set; }
    public OrgUnitKind Kind { get; private set; }
    public int? ParentId { get; private set; }
    public bool IsActive { get; private set; }

    /// <summary>A short code HR systems know the unit by (unique, compared without case), e.g. <c>KS-WEB</c>; optional.</summary>
    public string? Code { get; private set; }
    public int Version { get; set; }

    public void SetCode(string? code) => Code = NormaliseCode(code);

    /// <summary>Trimmed, null when empty; letters, digits, '-', '_' and '.' only, so a code never looks like a path.</summary>
    public static string? NormaliseCode(string? code)
    {
        var trimmed = (code ?? string.Empty).Trim();
        if (trimmed.Length == 0) return null;
        if (trimmed.Length > CodeMaxLength) throw new DomainException("orgunit.code-too-long", $"A unit code has at most {CodeMaxLength} characters.");
        if (!trimmed.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw new DomainException("orgunit.code-invalid", "A unit code holds only letters, digits, '-', '_' and '.'.");
        return trimmed;
    }

    /// <summary>The names of a path (<c>Klantenservice/Webcare</c> → Klantenservice, Webcare), trimmed; null when a name is empty.</summary>
    public static IReadOnlyList<string>? SplitPath(string path)
    {
        var parts = path.Split(PathSeparator).Select(p => p.Trim()).ToList();
        return parts.Count == 0 || parts.Any(p => p.Length == 0) ? null : parts;
    }

    public void Rename(string name) => Name = ValidName(name);

    public void ChangeKind(OrgUnitKind kind) => Kind = kind;

    /// <summary>Moves this unit under <paramref name="newParentId"/>; the tree is needed to refuse a cycle.</summary>
    public void MoveTo(int newParentId, OrgTree tree)
    {
        if (ParentId is null) throw new DomainException("orgunit.root-cannot-move", "The company (root unit) cannot be moved.");
        if (newParentId == Id || tree.IsDescendantOf(newParentId, Id))
            throw new DomainException("orgunit.cycle", "A unit cannot be moved below itself or one of its own sub-units.");
        ParentId = newParentId;
    }

    public void Deactivate()
    {
        if (ParentId is null) throw new DomainException("orgunit.root-cannot-deactivate", "The company (root unit) cannot be deactivated.");
        IsActive = false;
    }

    public void Reactivate() => IsActive = true;

    public static string ValidName(string? name) => TextRules.Required(name, NameMaxLength, "orgunit.name");
}
