using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Access;
using StrategyPortal.Infrastructure.Persistence;

namespace StrategyPortal.Infrastructure.Identity;

/// <summary>Reads the signed-in person through the raw context factory: <c>IPortalDbFactory</c> asks who acts.</summary>
public sealed class UserContextSource(IDbContextFactory<PortalDbContext> dbFactory) : IUserContextSource
{
    public async Task<UserContext> ForPersonAsync(int personId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, cancellationToken);
        return person is { IsActive: true } ? new UserContext(person.Id, person.Name, person.Role, person.OrgUnitId) : UserContext.Anonymous;
    }
}
