using System.Globalization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.Common;
using StrategyPortal.Application.Standards;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Standards;
using StrategyPortal.Domain.Strategy;
using static StrategyPortal.Application.Common.StrategyReader;

namespace StrategyPortal.Application.Strategy;

/// <summary>
/// The company's service strategy: the value discipline (chosen by a director or administrator, history kept),
/// the coverage of active standards per aspect and channel, and the proposal that follows a change of discipline.
/// </summary>
public sealed class StrategyService(
    IPortalDbFactory dbFactory,
    ICurrentUser currentUser,
    AccessScope accessScope,
    IValidator<StrategyChoiceInput> choiceValidator,
    MessageText text,
    TimeProvider clock)
{
    public async Task<StrategyOverview> GetOverviewAsync(CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.StandardsRead);
        var scope = await accessScope.ForAsync(user, cancellationToken);
        var quarter = CurrentQuarter(clock);

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var strategy = await LoadStrategyAsync(db, cancellationToken);
        var inForce = strategy.ChoiceFor(quarter);
        var latest = strategy.Latest;
        var history = strategy.History.Select(c => Row(c, c == inForce)).ToList();
        var active = await StandardsService.ScopedStandards(db, scope)
            .Where(s => s.Status == StandardStatus.Active)
            .Select(s => new { s.Aspect, s.Channel })
            .ToListAsync(cancellationToken);
        return new StrategyOverview(
            quarter,
            inForce is null ? null : Row(inForce, true),
            latest is not null && latest != inForce ? Row(latest, false) : null,
            history,
            CoverageMatrix.From(active.Select(a => (a.Aspect, a.Channel))),
            user.Can(Permission.StrategyChoose),
            scope.All);
    }

    /// <summary>Records a new choice; earlier ones stay in the history. Standards are not touched: see <see cref="GetProposalAsync"/>.</summary>
    public async Task<int> ChooseAsync(StrategyChoiceInput input, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.StrategyChoose);
        await text.EnsureValidAsync(choiceValidator, input, cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        ServiceStrategyChoice choice;
        try
        {
            choice = new ServiceStrategyChoice(input.Discipline!.Value, input.Rationale, input.EffectiveQuarter!.Value, user.PersonId ?? 0, user.Name ?? string.Empty,
                clock.GetUtcNow().UtcDateTime);
        }
        catch (DomainException e) { throw text.Invalid(e); }
        db.ServiceStrategyChoices.Add(choice);
        await db.SaveChangesAsync(cancellationToken);
        return choice.Id;
    }

    /// <summary>
    /// What the latest choice asks of the standards the reader can see: templates to add, targets to move,
    /// lead-only standards to consider retiring. Each item is applied (or not) by a manager.
    /// </summary>
    public async Task<StrategyProposal> GetProposalAsync(CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        user.Demand(Permission.StandardsRead);
        var scope = await accessScope.ForAsync(user, cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var strategy = await LoadStrategyAsync(db, cancellationToken);
        if (strategy.Latest is not { } latest) return new StrategyProposal(null, null, null, []);

        var standards = await StandardsService.ScopedStandards(db, scope)
            .Where(s => s.Status != StandardStatus.Retired)
            .ToListAsync(cancellationToken);
        var adopted = standards.Select(s => new AdoptedStandard(s.Id, s.OwnerUnitId, s.TemplateCode, s.Status, s.Unit, s.Direction, s.Target));
        var items = DisciplineProposal.For(latest.Discipline, strategy.PreviousDiscipline, adopted);
        var byId = standards.ToDictionary(s => s.Id);
        var unitNames = await db.OrgUnits.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var culture = CultureInfo.CurrentUICulture.Name;
        var canManage = user.Can(Permission.StandardsManage);
        var rows = items.Select(i =>
        {
            var template = StandardCatalogue.Find(i.TemplateCode)!;
            var standard = i.StandardId is { } id ? byId[id] : null;
            return new ProposalRow(i.Kind, template.Code, template.TextFor(culture).Title, template.Discipline,
                standard?.Id, standard?.Title, standard?.Version, i.OwnerUnitId, i.OwnerUnitId is { } u ? unitNames.GetValueOrDefault(u) : null,
                template.Unit, i.CurrentTarget, i.ProposedTarget,
                canManage && (i.OwnerUnitId is null || scope.Includes(i.OwnerUnitId.Value)));
        }).ToList();
        var effective = latest.EffectiveQuarter > CurrentQuarter(clock) ? latest.EffectiveQuarter : CurrentQuarter(clock);
        return new StrategyProposal(latest.Discipline, strategy.PreviousDiscipline, effective, rows);
    }

    private static StrategyChoiceRow Row(ServiceStrategyChoice c, bool inForce) =>
        new(c.Id, c.Discipline, c.Rationale, c.EffectiveQuarter, c.ChosenByName, c.ChosenAtUtc, inForce);
}
