using StrategyPortal.Domain.Common;

namespace StrategyPortal.Domain.Organisation;

/// <summary>A node of the organisation tree: the company at the root, departments and teams below it.</summary>
public class OrgUnit : IVersioned
{
    public const int NameMaxLength = 120;

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
    public int Version { get; set; }

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
