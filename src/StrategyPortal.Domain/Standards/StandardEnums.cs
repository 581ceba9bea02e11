namespace StrategyPortal.Domain.Standards;

/// <summary>The three aspects a service strategy acts on (seed 001).</summary>
public enum ServiceAspect
{
    /// <summary>How employees behave towards the customer.</summary>
    Behaviour = 0,

    /// <summary>How the organisation steers its employees (targets, coaching, routines).</summary>
    Steering = 1,

    /// <summary>How ICT supports the service.</summary>
    Systems = 2,
}

/// <summary>The RATER dimensions of service quality, used as a tag.</summary>
public enum RaterDimension
{
    Reliability = 0,
    Assurance = 1,
    Tangibles = 2,
    Empathy = 3,
    Responsiveness = 4,
}

public enum MetricDirection
{
    HigherIsBetter = 0,
    LowerIsBetter = 1,
}

public enum StandardStatus
{
    Draft = 0,
    Active = 1,
    Retired = 2,
}

public enum RagStatus
{
    Green = 0,
    Amber = 1,
    Red = 2,

    /// <summary>No result for the quarter: never green.</summary>
    NoData = 3,
}
