using StrategyPortal.Domain.Common;
using StrategyPortal.Domain.Engagement;
using V = StrategyPortal.Domain.Engagement.GroupVisibility;

namespace StrategyPortal.Domain.Tests.Engagement;

public class RoundAudienceTests
{
    // The demo company: 1 Noordlicht (root), 2 Klantenservice, 3 Webcare (under 2), 4 Winkels, 5 Winkels Noord, 6 Winkels Zuid,
    // 7 Directie, 8 Oud (inactive, under 4), 9 Onder oud (active, under the inactive 8).
    private static readonly AudienceUnit[] Units =
    [
        new(1, null, "Noordlicht", true), new(2, 1, "Klantenservice", true), new(3, 2, "Webcare", true), new(4, 1, "Winkels", true),
        new(5, 4, "Winkels Noord", true), new(6, 4, "Winkels Zuid", true), new(7, 1, "Directie", true), new(8, 4, "Oud", false),
        new(9, 8, "Onder oud", true),
    ];

    [Fact]
    public void A_round_records_the_audience_units_below_them_their_names_and_who_is_invited_where()
    {
        AudienceMember[] people = [new(10, 2), new(11, 3), new(12, 3), new(13, 5), new(14, 7), new(15, 9)];

        var (units, invitations) = RoundAudience.Record(42, Units, people, [2, 4]);

        // Klantenservice and Winkels with their active sub-units; the inactive unit and what hangs below it are left out.
        Assert.Equal([(2, (int?)null, "Klantenservice", 1), (3, 2, "Webcare", 2), (4, null, "Winkels", 0), (5, 4, "Winkels Noord", 1), (6, 4, "Winkels Zuid", 0)],
            units.Select(u => (u.UnitId, u.ParentUnitId, u.Name, u.Invited)).ToArray());
        Assert.All(units, u => Assert.Equal(42, u.RoundId));
        // Directie (7) and the unit under the inactive one (9) are not in the audience.
        Assert.Equal([(10, 2), (11, 3), (12, 3), (13, 5)], invitations.Select(i => (i.PersonId, i.UnitId)).ToArray());
    }

    [Fact]
    public void The_structure_reads_only_the_record_whatever_the_organisation_does_later()
    {
        var (units, _) = RoundAudience.Record(1, Units, [new(10, 2), new(11, 3), new(12, 5)], [1]);
        var structure = new RoundStructure(units);

        Assert.Equal([1], structure.Roots);
        Assert.Equal("Webcare", structure.NameOf(3));
        Assert.Equal(2, structure.ParentOf(3));
        Assert.Null(structure.ParentOf(1));
        Assert.Equal(2, structure.DepthOf(3));
        Assert.Equal(0, structure.DepthOf(1));
        Assert.Equal(2, structure.InvitedIn(2));
        Assert.Equal(3, structure.InvitedIn(RoundStructure.WholeAudience));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], structure.SubtreeOf(RoundStructure.WholeAudience).Order().ToArray());
        Assert.False(structure.Contains(8));
        // Tree order: roots and siblings by name.
        Assert.Equal([(1, 0), (7, 1), (2, 1), (3, 2), (4, 1), (5, 2), (6, 2)],
            structure.InTreeOrder(StringComparer.Ordinal).ToArray());
    }

    /// <summary>The attack: Winkels 83.3 % of 24 − Noord 83.3 % of 12 − Zuid 81.8 % of 11 = its one direct member took part.</summary>
    [Fact]
    public void A_response_rate_that_would_single_out_a_direct_member_is_hidden_with_the_next_smallest_sibling()
    {
        var structure = Structure((1, null, 0), (4, 1, 1), (5, 4, 12), (6, 4, 11), (2, 1, 30));

        Assert.Equal(V.Shown, structure.RateVisibility[4]);
        Assert.Equal(V.Shown, structure.RateVisibility[5]);
        // Winkels' one own member is a hidden sibling of Noord and Zuid: the smaller, Zuid, is hidden with it (1 + 11 ≥ 5).
        Assert.Equal(V.ProtectsSibling, structure.RateVisibility[6]);
        Assert.Equal(V.Shown, structure.RateVisibility[RoundStructure.WholeAudience]);
    }

    [Fact]
    public void Several_audience_units_are_siblings_under_the_whole_audience()
    {
        // Two audience units: 4 invited and 20. The round's total (24) is shown on the pulses page, so the small one would be
        // total − the large one: the large one's rate is hidden with it.
        var structure = Structure((2, null, 4), (7, null, 20));

        Assert.Equal(V.Shown, structure.RateVisibility[RoundStructure.WholeAudience]);
        Assert.Equal(V.TooFew, structure.RateVisibility[2]);
        Assert.Equal(V.ProtectsSibling, structure.RateVisibility[7]);
    }

    [Fact]
    public void Scores_show_only_where_the_rate_shows_and_detail_and_comments_only_where_scores_show()
    {
        // Team 2: 4 invited, 4 answered; team 3: 20 invited, 12 answered, team 5: 9 invited, 9 answered; pulse 3 / 10 / detail 10.
        var structure = Structure((1, null, 0), (2, 1, 4), (3, 1, 20), (5, 1, 9));
        var v = structure.VisibilityOf(new Dictionary<int, int> { [2] = 4, [3] = 12, [5] = 9 }, new AnonymityThresholds(3, 10, 10));

        // Scores alone would show team 2 (4 ≥ 3), but its rate is hidden (4 < 5 invited): its scores would give away how many answered.
        Assert.Equal(V.TooFew, v.Rates[2]);
        Assert.Equal(V.TooFewInvited, v.Scores[2]);
        // Team 5's rate protects team 2 (the next smallest, 9), so its scores are hidden too.
        Assert.Equal(V.ProtectsSibling, v.Rates[5]);
        Assert.Equal(V.ProtectsSibling, v.Scores[5]);
        Assert.Equal(V.Shown, v.Scores[3]);
        // Detail and comments need 10 answers: team 3 has 12.
        Assert.Equal(V.Shown, v.Detail[3]);
        Assert.Equal(V.Shown, v.Comments[3]);
        Assert.Equal(V.Shown, v.Detail[1]);
    }

    [Fact]
    public void A_larger_group_for_detail_hides_per_item_figures_of_a_group_that_shows_its_headline()
    {
        var structure = Structure((1, null, 0), (2, 1, 8), (3, 1, 14));
        var v = structure.VisibilityOf(new Dictionary<int, int> { [2] = 6, [3] = 12 }, new AnonymityThresholds(5, 10, 8));

        Assert.Equal(V.Shown, v.Scores[2]);
        Assert.Equal(V.TooFew, v.Detail[2]);
        // The parent minus team 3 would give team 2's detail: team 3's detail is hidden to protect it.
        Assert.Equal(V.ProtectsSibling, v.Detail[3]);
        Assert.Equal(V.Shown, v.Detail[1]);
    }

    [Theory]
    [InlineData(0, 0, false, 5, false)]
    [InlineData(4, 0, false, 5, false)] // a batch smaller than the group waits
    [InlineData(5, 0, false, 5, true)]
    [InlineData(9, 5, false, 5, false)]
    [InlineData(10, 5, false, 5, true)]
    [InlineData(7, 5, true, 5, true)] // closed: the rest is mixed whatever its size
    [InlineData(7, 7, true, 5, false)]
    public void Answers_are_mixed_in_batches_of_at_least_the_group_and_a_last_time_after_closing(int responses, int mixed, bool closed, int batch, bool due) =>
        Assert.Equal(due, AnswerMix.IsDue(responses, mixed, closed, batch));

    [Fact]
    public void The_detail_threshold_defaults_to_the_minimum_group_size_and_may_not_be_smaller()
    {
        Assert.Equal(5, AnonymityThresholds.Default.DetailMinGroupSize);
        Assert.Equal(8, new AnonymityThresholds(5, 10, 8).DetailMinGroupSize);
        var e = Assert.Throws<DomainException>(() => new AnonymityThresholds(5, 10, 4));
        Assert.Equal("pulse.detail-threshold-too-low", e.Code);
    }

    [Fact]
    public void A_round_records_its_audience_once_and_not_before_it_opens()
    {
        var round = new PulseRound(1, 1, new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 9));
        Assert.Equal("pulse.round-not-open", Assert.Throws<DomainException>(() => round.RecordAudience(new DateOnly(2026, 3, 1))).Code);
        round.RecordAudience(new DateOnly(2026, 3, 2));
        Assert.Equal(new DateOnly(2026, 3, 2), round.AudienceRecordedOn);
        Assert.Equal("pulse.audience-already-recorded", Assert.Throws<DomainException>(() => round.RecordAudience(new DateOnly(2026, 3, 3))).Code);
    }

    [Fact]
    public void A_cycle_in_the_record_is_cut_at_its_lowest_unit()
    {
        // 2 under 3 and 3 under 2 (two moves at once): neither reaches the root; 2 becomes a root of its own.
        var structure = Structure((1, null, 5), (2, 3, 5), (3, 2, 5));

        Assert.Equal([1, 2], structure.Roots);
        Assert.Equal([2, 3], structure.SubtreeOf(2).Order().ToArray());
        Assert.Equal(15, structure.InvitedIn(RoundStructure.WholeAudience));
        Assert.Equal(V.Shown, structure.RateVisibility[3]);
    }

    internal static RoundStructure Structure(params (int Id, int? Parent, int Invited)[] units) =>
        new(units.Select(u => new PulseRoundUnit(1, u.Id, u.Parent, "Unit " + u.Id, u.Invited)));
}
