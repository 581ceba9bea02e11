using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Organisation;

namespace StrategyPortal.Application.Organisation;

/// <summary>One unit in tree order (parents before children), with its depth for indentation.</summary>
public sealed record OrgUnitNode(int Id, string Name, OrgUnitKind Kind, int? ParentId, bool IsActive, int Depth, int PeopleCount, int Version)
{
    public string Path { get; init; } = Name;
    public string? Code { get; init; }
}

public sealed class UnitInput
{
    public int Id { get; set; }
    public string Name { get; set; } = string.Empty;
    public OrgUnitKind Kind { get; set; } = OrgUnitKind.Other;
    public int? ParentId { get; set; }
    public string? Code { get; set; }
    public int Version { get; set; }
}

public sealed record PersonRow(int Id, string Name, string Email, int OrgUnitId, string OrgUnitName, PortalRole Role, bool IsActive, bool HasLogin, int Version)
{
    /// <summary>Invited: the local account waits for the person to choose a password with the e-mailed link.</summary>
    public bool InvitationPending { get; init; }
}

public sealed class PeopleQuery
{
    public string? Search { get; set; }
    public int? UnitId { get; set; }
    public PortalRole? Role { get; set; }
    public bool IncludeInactive { get; set; }
    public int Page { get; set; } = 1;
    public int PageSize { get; set; } = Common.Paging.DefaultPageSize;
}

public sealed class PersonInput
{
    public int Id { get; set; }
    public string Name { get; set; } = string.Empty;
    public string Email { get; set; } = string.Empty;
    public int OrgUnitId { get; set; }
    public PortalRole Role { get; set; } = PortalRole.Employee;
    /// <summary>Only when creating: gives the person a local sign-in account straight away (scripts and tests; the people page invites instead).</summary>
    public string? InitialPassword { get; set; }

    /// <summary>Only when creating: e-mail the person an invitation to choose their own password (a local account without a password until then).</summary>
    public bool SendInvitation { get; set; }
    public int Version { get; set; }
}
