using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using StrategyPortal.IntegrationTests.Infrastructure;

namespace StrategyPortal.ScaleOutTests.Harness;

public enum AnswerOutcome
{
    /// <summary>302 to the thanks page: the portal confirmed the answer.</summary>
    Confirmed,

    /// <summary>The form said (or a post was refused because) this person already answered.</summary>
    AlreadyAnswered,

    /// <summary>No confirmation: an error status, a broken connection. Whether it was stored is for the database to say.</summary>
    Unconfirmed,
}

/// <summary>An employee answering a pulse as a browser without JavaScript does: GET the form, POST every item.</summary>
public static partial class PulseAnswers
{
    public static async Task<(AnswerOutcome Outcome, string Detail)> AnswerAsync(PortalSession session, int roundId, Random random, CancellationToken cancellationToken = default)
    {
        var path = $"/pulses/{roundId.ToString(CultureInfo.InvariantCulture)}";
        try
        {
            string html;
            using (var form = await session.GetAsync(path, cancellationToken))
            {
                html = await form.Content.ReadAsStringAsync(cancellationToken);
                if (form.StatusCode != HttpStatusCode.OK) return (AnswerOutcome.Unconfirmed, $"form {(int)form.StatusCode}");
            }
            if (html.Contains("data-status=\"already-answered\"", StringComparison.Ordinal)) return (AnswerOutcome.AlreadyAnswered, "form");
            using var post = await session.PostFormAsync(path, Fields(html, random), cancellationToken);
            return post.StatusCode switch
            {
                HttpStatusCode.Found when post.Headers.Location?.OriginalString.Contains("thanks=true", StringComparison.Ordinal) == true => (AnswerOutcome.Confirmed, "302"),
                HttpStatusCode.Conflict => (AnswerOutcome.AlreadyAnswered, "409"),
                _ => (AnswerOutcome.Unconfirmed, $"post {(int)post.StatusCode}"),
            };
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (AnswerOutcome.Unconfirmed, e.GetType().Name);
        }
    }

    /// <summary>The form's hidden fields and a plausible answer to every scale item; now and then a comment.</summary>
    public static List<KeyValuePair<string, string>> Fields(string html, Random random)
    {
        var start = html.IndexOf("data-testid=\"pulse-form\"", StringComparison.Ordinal);
        if (start < 0) throw new HttpRequestException("The page has no pulse form.");
        var form = HtmlForm.All(html).Single(f => f.Handler == "pulse-answer" && f.FieldNames.Count > 2);
        var fields = form.HiddenFields.ToList();
        var level = random.Next(2, 6);
        foreach (var group in Radio().Matches(html, start).GroupBy(m => m.Groups["name"].Value))
        {
            var values = group.Select(m => int.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture)).ToList();
            var pick = Math.Clamp(values.Min() + (values.Max() - values.Min()) * level / 5 + random.Next(-1, 2), values.Min(), values.Max());
            fields.Add(new(group.Key, pick.ToString(CultureInfo.InvariantCulture)));
        }
        foreach (Match textarea in Textarea().Matches(html, start))
            if (random.NextDouble() < 0.2) fields.Add(new(textarea.Groups[1].Value, "Meer tijd voor klanten, minder voor formulieren."));
        return fields;
    }

    [GeneratedRegex("<input type=\"radio\" id=\"q\\d+-\\d+\" name=\"(?<name>q\\d+)\" value=\"(?<value>\\d+)\"")]
    private static partial Regex Radio();

    [GeneratedRegex("<textarea id=\"(q\\d+)\"")]
    private static partial Regex Textarea();
}
