using Microsoft.EntityFrameworkCore;
using StrategyPortal.Application.Access;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Access;
using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Engagement;

namespace StrategyPortal.Application.Engagement;

/// <summary>
/// The question bank: administrators add, reword and retire items. An item that has answers (in a
/// response or a comment) is never changed in place: saving it retires it and adds the next version.
/// </summary>
public sealed class QuestionBankService(IPortalDbFactory dbFactory, ICurrentUser currentUser, MessageText text)
{
    /// <summary>Items of the bank. Administrators and those who schedule pulses may read it.</summary>
    public async Task<IReadOnlyList<QuestionRow>> GetQuestionsAsync(bool includeRetired, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.GetAsync(cancellationToken);
        if (!user.Can(Permission.EngagementQuestions) && !user.Can(Permission.EngagementSchedule)) throw new ForbiddenException();
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var query = db.PulseQuestions.AsNoTracking();
        if (!includeRetired) query = query.Where(q => q.IsActive);
        var questions = await query.ToListAsync(cancellationToken);
        var answered = await AnsweredQuestionIdsAsync(db, cancellationToken);
        return questions
            .OrderBy(q => q.Kind).ThenBy(q => q.Code, StringComparer.Ordinal).ThenByDescending(q => q.Revision)
            .Select(q => new QuestionRow(q.Id, q.Code, q.Kind, q.TextNl, q.TextEn, q.Revision, q.IsActive, answered.Contains(q.Id), q.Version))
            .ToList();
    }

    public async Task<int> CreateAsync(QuestionInput input, CancellationToken cancellationToken = default)
    {
        (await currentUser.GetAsync(cancellationToken)).Demand(Permission.EngagementQuestions);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        PulseQuestion question;
        try { question = new PulseQuestion(input.Code, input.Kind, input.TextNl, input.TextEn); }
        catch (DomainException e) { throw text.Invalid(FieldOf(e.Code), e); }
        if (await db.PulseQuestions.AnyAsync(q => q.Code == question.Code, cancellationToken))
            throw new ValidationFailedException(nameof(QuestionInput.Code), text["pulse.question-code-taken"]);
        db.PulseQuestions.Add(question);
        await db.SaveChangesAsync(cancellationToken);
        return question.Id;
    }

    /// <summary>Saves new wording: in place when never answered, otherwise as the next version (the old one is retired).</summary>
    public async Task<(QuestionSaveOutcome Outcome, int Id)> UpdateAsync(QuestionInput input, CancellationToken cancellationToken = default)
    {
        (await currentUser.GetAsync(cancellationToken)).Demand(Permission.EngagementQuestions);
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var question = await db.PulseQuestions.FirstOrDefaultAsync(q => q.Id == input.Id, cancellationToken) ?? throw new NotFoundException("Question", input.Id);
        if (!question.IsActive) throw new ValidationFailedException("", text["pulse.question-retired"]);
        db.ExpectVersion(question, input.Version);
        var hasAnswers = await HasAnswersAsync(db, question.Id, cancellationToken);
        try
        {
            if (!hasAnswers)
            {
                question.Reword(input.TextNl, input.TextEn, hasAnswers: false);
                await db.SaveOrConflictAsync(text["conflict.question"], cancellationToken);
                return (QuestionSaveOutcome.EditedInPlace, question.Id);
            }
            var next = question.Revise(input.TextNl, input.TextEn);
            db.PulseQuestions.Add(next);
            await db.SaveOrConflictAsync(text["conflict.question"], cancellationToken);
            return (QuestionSaveOutcome.NewVersion, next.Id);
        }
        catch (DomainException e) { throw text.Invalid(FieldOf(e.Code), e); }
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

    private static async Task<bool> HasAnswersAsync(IPortalDb db, int questionId, CancellationToken cancellationToken) =>
        (await AnsweredQuestionIdsAsync(db, cancellationToken)).Contains(questionId);

    /// <summary>Items that appear in a pulse with at least one response: their wording has been answered.</summary>
    private static async Task<HashSet<int>> AnsweredQuestionIdsAsync(IPortalDb db, CancellationToken cancellationToken)
    {
        var surveysWithResponses = db.PulseRounds.Where(r => db.PulseResponses.Any(x => x.RoundId == r.Id)).Select(r => r.SurveyId);
        var ids = await db.PulseSurveys.Where(s => surveysWithResponses.Contains(s.Id))
            .SelectMany(s => s.Items.Select(i => i.QuestionId)).Distinct().ToListAsync(cancellationToken);
        return ids.ToHashSet();
    }

    private static string FieldOf(string code) => code switch
    {
        "pulse.question-code-required" or "pulse.question-code-invalid" => nameof(QuestionInput.Code),
        "pulse.question-kind-invalid" => nameof(QuestionInput.Kind),
        _ => "",
    };
}
