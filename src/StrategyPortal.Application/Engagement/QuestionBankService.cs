using FluentValidation;
using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Engagement;

namespace StrategyPortal.Application.Engagement;

/// <summary>
/// The question bank: administrators add, reword and retire items. An item that is in use — asked in a
/// pulse round that has opened, whether or not anyone answered yet — is never changed in place: saving it
/// retires it and adds the next version, so nobody answers a wording that differs from what others answered.
/// </summary>
public sealed class QuestionBankService(IPortalDbFactory dbFactory, ICurrentUser currentUser, IValidator<QuestionInput> validator, MessageText text,
    TimeProvider clock)
{
    private DateOnly Today => clock.Today();

    /// <summary>Items of the bank. Administrators and those who schedule pulses may read it.</summary>
    public async Task<IReadOnlyList<QuestionRow>> GetQuestionsAsync(bool includeRetired, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        if (!user.Can(Permission.EngagementQuestions) && !user.Can(Permission.EngagementSchedule)) throw new ForbiddenException();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var query = db.PulseQuestions.AsNoTracking();
        if (!includeRetired) query = query.Where(q => q.IsActive);
        var questions = await query.ToListAsync(cancellationToken);
        var inUse = await InUseQuestionIdsAsync(db, Today, cancellationToken);
        return questions
            .OrderBy(q => q.Kind).ThenBy(q => q.Code, StringComparer.Ordinal).ThenByDescending(q => q.Revision)
            .Select(q => new QuestionRow(q.Id, q.Code, q.Kind, q.TextNl, q.TextEn, q.Revision, q.IsActive, inUse.Contains(q.Id), q.Version))
            .ToList();
    }

    public async Task<int> CreateAsync(QuestionInput input, CancellationToken cancellationToken = default)
    {
        (await currentUser.GetAsync(cancellationToken)).Demand(Permission.EngagementQuestions);
        await text.EnsureValidAsync(validator, input, cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        PulseQuestion question;
        try { question = new PulseQuestion(input.Code, input.Kind, input.TextNl, input.TextEn); }
        catch (DomainException e) { throw text.Invalid(e); }
        if (await db.PulseQuestions.AnyAsync(q => q.Code == question.Code, cancellationToken))
            throw text.Invalid<QuestionInput>(q => q.Code, "pulse.question-code-taken");
        db.PulseQuestions.Add(question);
        await db.SaveChangesAsync(cancellationToken);
        return question.Id;
    }

    /// <summary>Saves new wording: in place while no round with the item has opened, otherwise as the next version (the old one is retired).</summary>
    public async Task<(QuestionSaveOutcome Outcome, int Id)> UpdateAsync(QuestionInput input, CancellationToken cancellationToken = default)
    {
        (await currentUser.GetAsync(cancellationToken)).Demand(Permission.EngagementQuestions);
        await text.EnsureValidAsync(validator, input, cancellationToken);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var question = await db.PulseQuestions.FirstOrDefaultAsync(q => q.Id == input.Id, cancellationToken) ?? throw new NotFoundException("Question", input.Id);
        if (!question.IsActive) throw new ValidationFailedException("", text["pulse.question-retired"]);
        db.ExpectVersion(question, input.Version);
        var inUse = (await InUseQuestionIdsAsync(db, Today, cancellationToken)).Contains(question.Id);
        try
        {
            if (!inUse)
            {
                question.Reword(input.TextNl, input.TextEn, inUse: false);
                await db.SaveOrConflictAsync(text["conflict.question"], cancellationToken);
                return (QuestionSaveOutcome.EditedInPlace, question.Id);
            }
            var next = question.Revise(input.TextNl, input.TextEn);
            db.PulseQuestions.Add(next);
            await db.SaveOrConflictAsync(text["conflict.question"], cancellationToken);
            return (QuestionSaveOutcome.NewVersion, next.Id);
        }
        catch (DomainException e) { throw text.Invalid(e); }
    }

    public async Task SetActiveAsync(int questionId, bool active, int version, CancellationToken cancellationToken = default)
    {
        (await currentUser.GetAsync(cancellationToken)).Demand(Permission.EngagementQuestions);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var question = await db.PulseQuestions.FirstOrDefaultAsync(q => q.Id == questionId, cancellationToken) ?? throw new NotFoundException("Question", questionId);
        if (active && await db.PulseQuestions.AnyAsync(q => q.Code == question.Code && q.Revision > question.Revision, cancellationToken))
            throw new ValidationFailedException("", text["pulse.question-superseded"]);
        db.ExpectVersion(question, version);
        if (active) question.Reactivate(); else question.Retire();
        await db.SaveOrConflictAsync(text["conflict.question"], cancellationToken);
    }

    /// <summary>
    /// Items in a pulse with a round that has opened (or that holds a response): people may have read or answered their
    /// wording, so it is fixed. An item only in rounds that open later can still be reworded in place.
    /// </summary>
    private static async Task<HashSet<int>> InUseQuestionIdsAsync(IPortalDb db, DateOnly today, CancellationToken cancellationToken)
    {
        var surveysInUse = db.PulseRounds.Where(r => r.OpensOn <= today || db.PulseResponses.Any(x => x.RoundId == r.Id)).Select(r => r.SurveyId);
        var ids = await db.PulseSurveys.Where(s => surveysInUse.Contains(s.Id))
            .SelectMany(s => s.Items.Select(i => i.QuestionId)).Distinct().ToListAsync(cancellationToken);
        return ids.ToHashSet();
    }
}
