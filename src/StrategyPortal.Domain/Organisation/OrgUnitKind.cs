namespace StrategyPortal.Domain.Organisation;

public enum OrgUnitKind
{
    Other = 0,
    Marketing = 1,
    CustomerService = 2,
    Sales = 3,
    Operations = 4,
    IT = 5,
}
