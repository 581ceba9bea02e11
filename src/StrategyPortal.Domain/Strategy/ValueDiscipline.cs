namespace StrategyPortal.Domain.Strategy;

/// <summary>
/// The value discipline a company leads in (Treacy &amp; Wiersema). It leads in one and holds
/// threshold performance in the other two.
/// </summary>
public enum ValueDiscipline
{
    /// <summary>Everything revolves around the customer: know them, follow up personally, tailor the service.</summary>
    CustomerIntimacy = 0,

    /// <summary>Operational excellence: as cheap and smooth as possible, self-service first.</summary>
    CostLeadership = 1,

    /// <summary>The product is the focus: expert support, fast knowledge of new products and issues.</summary>
    ProductLeadership = 2,
}
