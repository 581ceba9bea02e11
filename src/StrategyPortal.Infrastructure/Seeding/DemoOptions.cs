namespace StrategyPortal.Infrastructure.Seeding;

/// <summary>Settings of the demo company (<c>Portal</c> section): only used when <c>Portal:DemoData</c> is true.</summary>
public sealed class DemoOptions
{
    /// <summary>Seed the fictional company into an empty database and show the demo accounts on the sign-in page.</summary>
    public bool DemoData { get; set; }

    /// <summary>The password of every demo account. Demo accounts exist only with demo data on; the sign-in page shows it.</summary>
    [Microsoft.Extensions.Configuration.ConfigurationKeyName("DemoPassword")]
    public string Password { get; set; } = "Noordlicht-Demo-2026";
}
