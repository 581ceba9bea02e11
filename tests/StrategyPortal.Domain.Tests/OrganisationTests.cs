using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Organisation;

namespace StrategyPortal.Domain.Tests;

public class OrgTreeTests
{
    //        1
    //      /   \
    //     2     3
    //    / \     \
    //   4   5     6
    private static readonly OrgTree Tree = new([(1, null), (2, 1), (3, 1), (4, 2), (5, 2), (6, 3)]);

    [Fact]
    public void Subtree_holds_the_unit_and_everything_below_it()
    {
        Assert.Equal([2, 4, 5], Tree.SubtreeOf(2).Order());
        Assert.Equal([1, 2, 3, 4, 5, 6], Tree.SubtreeOf(1).Order());
        Assert.Equal([6], Tree.SubtreeOf(6));
        Assert.Empty(Tree.SubtreeOf(99));
    }

    [Fact]
    public void Descendant_means_strictly_below()
    {
        Assert.True(Tree.IsDescendantOf(4, 1));
        Assert.True(Tree.IsDescendantOf(4, 2));
        Assert.False(Tree.IsDescendantOf(4, 3));
        Assert.False(Tree.IsDescendantOf(2, 2));
        Assert.False(Tree.IsDescendantOf(1, 4));
    }

    [Fact]
    public void Path_runs_from_the_root_down()
    {
        Assert.Equal([1, 2, 5], Tree.PathTo(5));
        Assert.Equal(2, Tree.DepthOf(5));
        Assert.Equal(0, Tree.DepthOf(1));
    }

    [Fact]
    public void A_corrupt_cycle_does_not_loop_forever()
    {
        var cyclic = new OrgTree([(1, 2), (2, 1)]);
        Assert.False(cyclic.IsDescendantOf(1, 3));
        Assert.Equal(2, cyclic.PathTo(1).Count);
    }
}

public class OrgUnitTests
{
    private static readonly OrgTree Tree = new([(1, null), (2, 1), (3, 2)]);

    private static OrgUnit UnitWithId(int id, int? parent)
    {
        var unit = new OrgUnit("Unit " + id, OrgUnitKind.Other, parent);
        typeof(OrgUnit).GetProperty(nameof(OrgUnit.Id))!.SetValue(unit, id);
        return unit;
    }

    [Fact]
    public void Moving_below_its_own_sub_unit_is_refused()
    {
        var unit = UnitWithId(2, 1);
        var e = Assert.Throws<DomainException>(() => unit.MoveTo(3, Tree));
        Assert.Equal("orgunit.cycle", e.Code);
        Assert.Equal(1, unit.ParentId);
    }

    [Fact]
    public void Moving_below_itself_is_refused() =>
        Assert.Equal("orgunit.cycle", Assert.Throws<DomainException>(() => UnitWithId(2, 1).MoveTo(2, Tree)).Code);

    [Fact]
    public void The_company_cannot_move_or_be_deactivated()
    {
        var root = UnitWithId(1, null);
        Assert.Equal("orgunit.root-cannot-move", Assert.Throws<DomainException>(() => root.MoveTo(3, Tree)).Code);
        Assert.Equal("orgunit.root-cannot-deactivate", Assert.Throws<DomainException>(root.Deactivate).Code);
    }

    [Fact]
    public void A_legal_move_changes_the_parent()
    {
        var unit = UnitWithId(3, 2);
        unit.MoveTo(1, Tree);
        Assert.Equal(1, unit.ParentId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_unit_needs_a_name(string name) =>
        Assert.Equal("orgunit.name-required", Assert.Throws<DomainException>(() => new OrgUnit(name, OrgUnitKind.IT, 1)).Code);

    [Fact]
    public void Names_are_trimmed_and_limited()
    {
        Assert.Equal("IT", new OrgUnit("  IT ", OrgUnitKind.IT, 1).Name);
        Assert.Throws<DomainException>(() => new OrgUnit(new string('x', OrgUnit.NameMaxLength + 1), OrgUnitKind.IT, 1));
    }
}

public class PersonTests
{
    [Fact]
    public void E_mail_is_stored_trimmed_and_lower_case()
    {
        var person = new Person("Lotte Visser", "  Lotte.Visser@Noordlicht.Example ", 1, PortalRole.Employee);
        Assert.Equal("lotte.visser@noordlicht.example", person.Email);
    }

    [Theory]
    [InlineData("", "person.email-required")]
    [InlineData("   ", "person.email-required")]
    [InlineData("lotte", "person.email-invalid")]
    [InlineData("lotte@", "person.email-invalid")]
    [InlineData("Lotte Visser <lotte@noordlicht.example>", "person.email-invalid")]
    public void A_missing_or_invalid_e_mail_is_refused(string email, string code) =>
        Assert.Equal(code, Assert.Throws<DomainException>(() => new Person("Lotte", email, 1, PortalRole.Employee)).Code);

    [Fact]
    public void Deactivating_keeps_the_person()
    {
        var person = new Person("Lotte", "lotte@noordlicht.example", 1, PortalRole.Employee);
        person.Deactivate();
        Assert.False(person.IsActive);
        person.Reactivate();
        Assert.True(person.IsActive);
    }
}

public class RolePermissionsTests
{
    [Fact]
    public void Only_administrators_manage_the_organisation_and_people()
    {
        Assert.True(RolePermissions.Allows(PortalRole.Administrator, Permission.OrganisationManage));
        Assert.True(RolePermissions.Allows(PortalRole.Administrator, Permission.PeopleManage));
        foreach (var role in new[] { PortalRole.Director, PortalRole.Manager, PortalRole.Employee })
        {
            Assert.False(RolePermissions.Allows(role, Permission.OrganisationManage));
            Assert.False(RolePermissions.Allows(role, Permission.PeopleManage));
        }
    }

    [Fact]
    public void Employees_read_no_people_lists()
    {
        Assert.False(RolePermissions.Allows(PortalRole.Employee, Permission.PeopleRead));
        Assert.True(RolePermissions.Allows(PortalRole.Manager, Permission.PeopleRead));
        Assert.True(RolePermissions.Allows(PortalRole.Director, Permission.PeopleRead));
    }

    [Fact]
    public void Every_granted_permission_is_a_known_permission()
    {
        foreach (var role in Enum.GetValues<PortalRole>())
            Assert.All(RolePermissions.For(role), p => Assert.Contains(p, Permission.All));
    }
}
