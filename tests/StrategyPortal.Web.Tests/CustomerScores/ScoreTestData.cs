using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Application.CustomerScores;
using StrategyPortal.Domain.Common;
using StrategyPortal.Infrastructure.Persistence;
using StrategyPortal.Web.Tests.Support;

namespace StrategyPortal.Web.Tests.CustomerScores;

public static class ScoreTestData
{
    public static Quarter PreviousQuarter => Quarter.Of(DateOnly.FromDateTime(DateTime.UtcNow)).Previous;

    public static int UnitId(PortalBunitContext ctx, string name)
    {
        using var db = ctx.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();
        return db.OrgUnits.AsNoTracking().Single(u => u.Name == name).Id;
    }

    /// <summary>
    /// One day's counts: NPS 0 once, 6 once, 7 twice, 9 and 10 three times each (10 answers: NPS +40);
    /// CSAT 1,1,2,3,3 per value (6 of 10 top-2); CES one 4 and one 5; 4 complaints; churn 3 service, 1 price.
    /// </summary>
    public static int[] Day() =>
    [
        1, 0, 0, 0, 0, 0, 1, 2, 0, 3, 3,
        1, 1, 2, 3, 3,
        0, 0, 0, 1, 1, 0, 0,
        4,
        3, 1, 0, 0,
    ];

    /// <summary>Writes two identical days at the start of <paramref name="quarter"/> for the unit, through the import's writer.</summary>
    public static async Task WriteTwoDaysAsync(PortalBunitContext ctx, int unitId, Quarter quarter)
    {
        var writer = ctx.Services.GetRequiredService<ICustomerScoreWriter>();
        ScoreRow[] rows =
        [
            new(1, quarter.Start, unitId, ServiceChannel.Phone, "test", Day()),
            new(2, quarter.Start.AddDays(1), unitId, ServiceChannel.Phone, "test", Day()),
        ];
        await writer.WriteAsync(rows.ToAsyncEnumerable());
    }
}
