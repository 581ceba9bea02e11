using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Organisation;

namespace StrategyPortal.Domain.Tests.People;

public class ReportingLinesTests
{
    [Fact]
    public void A_line_without_a_circle_has_no_cycles()
    {
        // 2 → 1, 3 → 1, 4 → 3: a tree with 1 at the top.
        var managerOf = new Dictionary<int, int> { [2] = 1, [3] = 1, [4] = 3 };
        Assert.Empty(ReportingLines.FindCycles(managerOf));
    }

    [Fact]
    public void A_circle_is_found_once_in_reporting_order_and_people_hanging_below_it_are_not_part_of_it()
    {
        // 1 → 2 → 3 → 1 is the circle; 4 reports into it (4 → 2) but is not in it.
        var managerOf = new Dictionary<int, int> { [1] = 2, [2] = 3, [3] = 1, [4] = 2 };

        var cycle = Assert.Single(ReportingLines.FindCycles(managerOf));

        Assert.Equal([1, 2, 3], cycle);
    }

    [Fact]
    public void Two_separate_circles_are_both_found()
    {
        var managerOf = new Dictionary<string, string> { ["a"] = "b", ["b"] = "a", ["c"] = "d", ["d"] = "e", ["e"] = "c" };
        var cycles = ReportingLines.FindCycles(managerOf);
        Assert.Equal(2, cycles.Count);
        Assert.Equal(["a", "b"], cycles[0]);
        Assert.Equal(["c", "d", "e"], cycles[1]);
    }

    [Fact]
    public void Reports_are_everyone_below_directly_or_through_others()
    {
        var direct = new Dictionary<int, int[]> { [1] = [2, 3], [3] = [4], [4] = [5] };
        Assert.Equal([2, 3, 4, 5], ReportingLines.ReportsOf(1, m => direct.GetValueOrDefault(m, [])).Order());
        Assert.Equal([4, 5], ReportingLines.ReportsOf(3, m => direct.GetValueOrDefault(m, [])).Order());
        Assert.Empty(ReportingLines.ReportsOf(5, m => direct.GetValueOrDefault(m, [])));
    }

    [Fact]
    public void Reports_in_a_circle_never_include_the_manager_and_end()
    {
        var direct = new Dictionary<int, int[]> { [1] = [2], [2] = [1] };
        Assert.Equal([2], ReportingLines.ReportsOf(1, m => direct.GetValueOrDefault(m, [])));
    }

    //        1 (company)
    //      /    \
    //     2      3
    //    / \      \
    //   4   5      6
    private static readonly OrgTree Tree = new([(1, null), (2, 1), (3, 1), (4, 2), (5, 2), (6, 3)]);

    [Fact]
    public void A_manager_nobody_reports_to_sees_their_unit_and_everything_below_it()
    {
        Assert.Equal([2, 4, 5], ReportingLines.ManagerUnits(2, [], Tree).Order());
    }

    [Fact]
    public void Where_people_report_to_a_manager_their_units_decide_instead_of_the_tree()
    {
        // The manager sits in 2; their reports work in 4 and 6. Unit 5 (below 2, nobody of theirs) is not theirs;
        // unit 6 (elsewhere in the tree) is.
        Assert.Equal([2, 4, 6], ReportingLines.ManagerUnits(2, [4, 6], Tree).Order());
    }

    [Fact]
    public void A_manager_placed_at_the_company_sees_only_the_units_of_their_line_not_everything()
    {
        Assert.Equal([1, 3], ReportingLines.ManagerUnits(1, [3], Tree).Order());
    }
}

public class PersonHrFieldTests
{
    private static Person NewPerson() => new("Anna de Boer", "anna@example.nl", 1, Access.PortalRole.Employee);

    [Theory]
    [InlineData("nl", "nl")]
    [InlineData("NL", "nl")]
    [InlineData("nl-BE", "nl")]
    [InlineData("en-GB", "en")]
    [InlineData("", null)]
    [InlineData("  ", null)]
    public void Languages_are_the_portals_own(string given, string? stored)
    {
        Assert.Equal(stored, Person.NormaliseLanguage(given));
    }

    [Fact]
    public void A_language_the_portal_does_not_speak_is_refused()
    {
        var e = Assert.Throws<DomainException>(() => Person.NormaliseLanguage("fr"));
        Assert.Equal("person.language-unknown", e.Code);
    }

    [Fact]
    public void Employee_numbers_are_trimmed_and_limited()
    {
        Assert.Equal("E1001", Person.NormaliseEmployeeNumber("  E1001 "));
        Assert.Null(Person.NormaliseEmployeeNumber(""));
        Assert.Equal("person.employee-number-too-long", Assert.Throws<DomainException>(() => Person.NormaliseEmployeeNumber(new string('9', 41))).Code);
        Assert.Equal("person.employee-number-invalid", Assert.Throws<DomainException>(() => Person.NormaliseEmployeeNumber("E\t1")).Code);
    }

    [Fact]
    public void The_full_name_is_first_and_last_name()
    {
        Assert.Equal("Anna de Boer", Person.FullName(" Anna ", "de Boer "));
        Assert.Equal("Anna", Person.FullName("Anna", null));
        Assert.Null(Person.FullName(" ", null));
    }

    [Fact]
    public void A_person_cannot_report_to_themselves()
    {
        var person = NewPerson();
        Assert.Equal("person.manager-self", Assert.Throws<DomainException>(() => person.ReportTo(person)).Code);
    }

    [Fact]
    public void Erasure_forgets_the_HR_fields_too()
    {
        var person = NewPerson();
        person.SetEmployeeNumber("E1");
        person.SetNameParts("Anna", "de Boer");
        person.SetDirectoryUserName("Anna@Example.nl");
        person.SetStartDate(new DateOnly(2020, 1, 1));
        Assert.Equal("anna@example.nl", person.DirectoryUserName);

        person.Erase();

        Assert.Null(person.EmployeeNumber);
        Assert.Null(person.FirstName);
        Assert.Null(person.LastName);
        Assert.Null(person.DirectoryUserName);
        Assert.Null(person.StartDate);
    }
}

public class OrgUnitCodeTests
{
    [Theory]
    [InlineData(" KS-WEB ", "KS-WEB")]
    [InlineData("ks_web.2", "ks_web.2")]
    [InlineData("", null)]
    public void Codes_are_trimmed(string given, string? stored) => Assert.Equal(stored, OrgUnit.NormaliseCode(given));

    [Theory]
    [InlineData("KS/WEB")]
    [InlineData("KS WEB")]
    public void A_code_never_looks_like_a_path(string code) =>
        Assert.Equal("orgunit.code-invalid", Assert.Throws<DomainException>(() => OrgUnit.NormaliseCode(code)).Code);

    [Fact]
    public void A_path_is_split_into_trimmed_names_and_an_empty_name_makes_it_no_path()
    {
        Assert.Equal(["Klantenservice", "Webcare"], OrgUnit.SplitPath(" Klantenservice / Webcare "));
        Assert.Null(OrgUnit.SplitPath("Klantenservice//Webcare"));
        Assert.Null(OrgUnit.SplitPath("/Webcare"));
    }
}
