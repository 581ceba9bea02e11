using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using StrategyPortal.Application.Common;
using StrategyPortal.Domain.Notifications;

namespace StrategyPortal.Application.Notifications;

/// <summary>What became of rendering one outbox message.</summary>
public sealed record RenderedMessage(long Id, MailContent? Content, string? Cancelled = null, string? Error = null);

/// <summary>
/// Renders claimed outbox messages just before they are sent: in each recipient's language as it is now (their notice
/// settings, else their account's language, else the portal's default), with the company's name, the "why" line and —
/// for everything but personal invitations — the one-click unsubscribe link. A recipient who was deactivated or switched
/// the kind off in the meantime is not written to (the message is cancelled).
/// </summary>
public sealed class NoticeRenderer(IPortalDbFactory dbFactory, IAccountCultures accountCultures, MailTemplates templates, INoticeLinks links,
    IStringLocalizer<MailText> text, MailOptions options)
{
    public async Task<IReadOnlyList<RenderedMessage>> RenderAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken = default)
    {
        var personIds = messages.Where(m => m.PersonId is not null).Select(m => m.PersonId!.Value).Distinct().ToList();
        string company;
        Dictionary<int, (bool Active, string Name, string Email)> people = [];
        Dictionary<int, NoticeSettings> settings = [];
        await using (var db = await dbFactory.CreateAsync(cancellationToken))
        {
            company = await db.OrgUnits.AsNoTracking().Where(u => u.ParentId == null).OrderBy(u => u.Id).Select(u => u.Name).FirstOrDefaultAsync(cancellationToken) ?? "";
            foreach (var chunk in personIds.Chunk(1000))
            {
                foreach (var p in await db.People.AsNoTracking().Where(p => chunk.Contains(p.Id)).Select(p => new { p.Id, p.IsActive, p.IsErased, p.Name, p.Email }).ToListAsync(cancellationToken))
                    people[p.Id] = (p.IsActive && !p.IsErased, p.Name, p.Email);
                foreach (var s in await db.NoticeSettings.AsNoTracking().Where(s => chunk.Contains(s.PersonId)).ToListAsync(cancellationToken))
                    settings[s.PersonId] = s;
            }
        }
        var cultures = await accountCultures.PreferredCulturesAsync(personIds, cancellationToken);
        await PreparePulseLinksAsync(messages, people, cancellationToken);

        var result = new List<RenderedMessage>(messages.Count);
        foreach (var message in messages)
        {
            if (message.PersonId is not { } personId || !people.TryGetValue(personId, out var person) || !person.Active)
            {
                result.Add(new RenderedMessage(message.Id, null, Cancelled: "The recipient is no longer active."));
                continue;
            }
            var own = settings.GetValueOrDefault(personId);
            if (own is not null && !own.Receives(message.Kind))
            {
                result.Add(new RenderedMessage(message.Id, null, Cancelled: "The recipient switched this kind of e-mail off."));
                continue;
            }
            var language = own?.Language ?? cultures.GetValueOrDefault(personId) ?? options.DefaultLanguage;
            try
            {
                var content = await RenderOneAsync(message, new NoticeRecipient(personId, person.Name, message.ToAddress, Normalise(language), company), cancellationToken);
                result.Add(content is null
                    ? new RenderedMessage(message.Id, null, Cancelled: "Nothing to send any more (an invitation used or no longer valid, an action closed, handed on or moved).")
                    : new RenderedMessage(message.Id, content));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                result.Add(new RenderedMessage(message.Id, null, Error: $"Could not render: {e.GetType().Name}: {e.Message}"));
            }
        }
        return result;
    }

    /// <summary>Renders one message in the recipient's language; null when there is nothing to send any more.</summary>
    public async Task<MailContent?> RenderOneAsync(OutboxMessage message, NoticeRecipient to, CancellationToken cancellationToken)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(to.Language);
            var payload = NoticePayload.Deserialize(message.Kind, message.Payload);
            var draft = await templates.DraftAsync(message.Kind, payload, to, cancellationToken);
            if (draft is null) return null;
            var unsubscribe = message.Kind.CanSwitchOff() ? links.Unsubscribe(to.PersonId, message.Kind) : null;
            var footer = new MailFooter(to.CompanyName, draft.Body.Reason, unsubscribe, options.Link("/account/notices"), message.Kind.IsPersonalInvitation());
            var (html, plain) = MailLayout.Render(draft.Body, footer, to.Language, key => text[key]);
            return new MailContent(draft.Body.Subject, html, plain, unsubscribe, draft.Attachments);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }

    /// <summary>The personal links of the batch's pulse invitations and reminders, made together (see <see cref="INoticeLinks.PreparePulseAnswersAsync"/>).</summary>
    private async Task PreparePulseLinksAsync(IReadOnlyList<OutboxMessage> messages, Dictionary<int, (bool Active, string Name, string Email)> people,
        CancellationToken cancellationToken)
    {
        var byRound = new Dictionary<int, List<int>>();
        foreach (var message in messages)
        {
            if (message.Kind is not (NoticeKind.PulseInvitation or NoticeKind.PulseReminder)) continue;
            if (message.PersonId is not { } personId || !people.TryGetValue(personId, out var person) || !person.Active) continue;
            if (NoticePayload.Deserialize(message.Kind, message.Payload) is not PulseNotice pulse) continue;
            if (!byRound.TryGetValue(pulse.RoundId, out var ids)) byRound[pulse.RoundId] = ids = [];
            ids.Add(personId);
        }
        foreach (var (roundId, ids) in byRound) await links.PreparePulseAnswersAsync(roundId, ids, cancellationToken);
    }

    private static string Normalise(string? language) => NoticeSettings.Languages.Contains(language) ? language! : "nl";
}
