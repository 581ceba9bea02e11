using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using StrategyPortal.Web.Components.Layout;

namespace StrategyPortal.Web.Engagement;

/// <summary>
/// The answer page opened from a personal link in a pulse invitation or reminder: no sign-in, the token proves only that its
/// holder was invited to this round (PulseAnswerService checks it and stores exactly what answering after sign-in stores).
/// </summary>
[Route("/pulses/{RoundId:int}/link/{Link}")]
[AllowAnonymous]
[ExcludeFromInteractiveRouting]
[Layout(typeof(LinkLayout))]
public sealed class AnswerPulseByLink : AnswerPulse
{
    public static string PathOf(int roundId, string link) =>
        $"/pulses/{roundId.ToString(CultureInfo.InvariantCulture)}/link/{Uri.EscapeDataString(link)}";
}
