using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StrategyPortal.Infrastructure.Engagement;
using StrategyPortal.Infrastructure.Persistence;
using StrategyPortal.Web.Tests.Support;

namespace StrategyPortal.Web.Tests.Engagement;

internal static class EngagementTestData
{
    public static PortalDbContext Db(this PortalBunitContext ctx) =>
        ctx.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext();

    /// <summary>The demo pulse's round that is open today (the last one).</summary>
    public static int OpenRoundId(this PortalBunitContext ctx)
    {
        using var db = ctx.Db();
        var survey = db.PulseSurveys.Single(s => s.Title == EngagementDemoSeed.PulseTitle);
        return db.PulseRounds.Where(r => r.SurveyId == survey.Id).OrderByDescending(r => r.Number).First().Id;
    }

    public static int UnitId(this PortalBunitContext ctx, string name)
    {
        using var db = ctx.Db();
        return db.OrgUnits.Single(u => u.Name == name).Id;
    }
}
