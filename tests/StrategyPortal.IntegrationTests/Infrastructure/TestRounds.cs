using StrategyPortal.Application.Engagement;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Engagement;
using StrategyPortal.Domain.Organisation;
using StrategyPortal.Infrastructure.Persistence;

namespace StrategyPortal.IntegrationTests.Infrastructure;

/// <summary>For tests that build pulse rounds by hand (in the past, with answers written directly).</summary>
public static class TestRounds
{
    /// <summary>Adds <paramref name="count"/> employees to a unit: the people a round that opens after this will invite there.</summary>
    public static async Task StaffAsync(PortalDbContext db, int unitId, int count)
    {
        for (var i = 0; i < count; i++)
            db.People.Add(new Person($"Staff {unitId}-{i}", $"staff.{Guid.NewGuid():N}@test.example", unitId, PortalRole.Employee));
        await db.SaveChangesAsync();
    }

    /// <summary>Records a round's audience as the organisation is now, as it would have been recorded on its opening day.</summary>
    public static Task RecordAsync(PortalDbContext db, PulseRound round) => RoundAudienceRecorder.RecordAsync(db, round, round.OpensOn);
}
