"""Round 2 as services: a judge's ballot (exactly the edition's number of different
finalists, none of their conflicts, cast once), who has voted, closing the round (Gold and
Silver with their votes and rulings), the head of panel's order on a double tie."""

from __future__ import annotations

from typing import Any

import pytest

from intercity.awards.models import (
    Ballot,
    Conflict,
    Decision,
    Edition,
    Placement,
    Scorecard,
    Stage,
)
from intercity.awards.services import results, round2
from intercity.awards.tests.factories_round2 import Round2World, round2_edition, set_round1, vote
from intercity.core.errors import DomainError, PermissionDenied
from intercity.core.models import AuditEvent
from intercity.network.models import Organisation


def made_placements():
    """The placements the tests make: the seeded 2017 edition has its own, recorded from the
    seed (its `source` names the seed)."""
    return Placement.objects.exclude(edition__source__startswith="seed")


pytestmark = pytest.mark.django_db


@pytest.fixture
def world(wego: Any) -> Round2World:
    return round2_edition(wego)


def titles(applications: Any) -> list[str]:
    return [a.title for a in applications]


# --- What a judge sees ---------------------------------------------------------------------


def test_a_judge_sees_the_finalists_by_title_without_their_own_city(world: Round2World) -> None:
    [first, _second] = round2.ballot_sheets(world.users[0], world.edition)
    # Judge 0 is from Seoul: Seoul's "Open Data Plaza" (a finalist) is not on the sheet.
    assert titles(first.finalists) == [
        "Bus Finder",
        "Citizen Desk",
        "Kiosk Network",
        "Zero Waste Streets",
    ]
    [other, _] = round2.ballot_sheets(world.users[1], world.edition)
    assert len(other.finalists) == 5
    assert "Air Watch" not in titles(other.finalists)  # sixth in round 1: not a finalist


def test_a_declared_conflict_takes_the_city_off_the_sheet(world: Round2World) -> None:
    makati = Organisation.objects.get(key="makati")
    Conflict.objects.create(judge=world.judges[1], organisation=makati, reason="Adviser")
    [sheet, _] = round2.ballot_sheets(world.users[1], world.edition)
    assert "Kiosk Network" not in titles(sheet.finalists)
    with pytest.raises(DomainError, match="conflict of interest"):
        round2.cast_ballot(
            world.users[1], world.categories[0], [world.apps()[1].pk, world.apps()[2].pk]
        )
    assert not Ballot.objects.exists()


def test_someone_without_a_seat_has_no_ballot(world: Round2World, seoul_officer: Any) -> None:
    with pytest.raises(PermissionDenied):
        round2.ballot_sheets(seoul_officer, world.edition)
    with pytest.raises(PermissionDenied):
        round2.cast_ballot(seoul_officer, world.categories[0], [world.apps()[0].pk])


# --- Casting -------------------------------------------------------------------------------


def test_a_ballot_is_cast_at_once_and_recorded_in_the_history(world: Round2World) -> None:
    apps = world.apps()
    ballot = round2.cast_ballot(world.users[1], world.categories[0], [apps[0].pk, apps[3].pk])
    assert set(ballot.choices.all()) == {apps[0], apps[3]}
    event = AuditEvent.objects.get(verb="cast_ballot")
    assert event.object_id == str(ballot.pk)
    # The history says a ballot was cast, never for whom.
    assert event.after == {
        "category": world.categories[0].pk,
        "judge": world.judges[1].pk,
        "votes": 2,
    }
    assert round2.ballot_sheets(world.users[1], world.edition)[0].ballot == ballot


@pytest.mark.parametrize(
    ("picks", "message"),
    [
        ([0], "exactly 2 finalists; this ballot has 1"),
        ([0, 1, 2], "exactly 2 finalists; this ballot has 3"),
        ([0, 0], "chosen twice"),
        ([0, 5], "Air Watch \\(Nanjing\\) is not a finalist"),
    ],
)
def test_a_ballot_breaking_the_rules_is_refused_and_nothing_saved(
    world: Round2World, picks: list[int], message: str
) -> None:
    apps = world.apps()
    with pytest.raises(DomainError, match=message):
        round2.cast_ballot(world.users[1], world.categories[0], [apps[i].pk for i in picks])
    assert not Ballot.objects.exists()
    assert not AuditEvent.objects.filter(verb="cast_ballot").exists()


def test_an_unknown_id_or_another_categorys_finalist_is_refused(world: Round2World) -> None:
    other = world.apps(1)[0]
    with pytest.raises(DomainError, match="is not a finalist"):
        round2.cast_ballot(world.users[1], world.categories[0], [world.apps()[0].pk, other.pk])
    with pytest.raises(DomainError, match="#999999 is not a finalist"):
        round2.cast_ballot(world.users[1], world.categories[0], [world.apps()[0].pk, 999999])


def test_a_judge_may_not_vote_for_their_own_citys_entry(world: Round2World) -> None:
    apps = world.apps()  # apps[0] is Seoul's; judge 0 is from Seoul
    with pytest.raises(DomainError, match="conflict of interest with Open Data Plaza"):
        round2.cast_ballot(world.users[0], world.categories[0], [apps[0].pk, apps[1].pk])


def test_a_ballot_is_final(world: Round2World) -> None:
    apps = world.apps()
    round2.cast_ballot(world.users[1], world.categories[0], [apps[0].pk, apps[1].pk])
    with pytest.raises(DomainError, match="already voted") as refused:
        round2.cast_ballot(world.users[1], world.categories[0], [apps[2].pk, apps[3].pk])
    assert refused.value.status_code == 409
    assert Ballot.objects.count() == 1


def test_a_judge_votes_only_in_their_categories(world: Round2World) -> None:
    judge = world.judges[1]
    judge.categories.set([world.categories[1]])
    apps = world.apps()
    with pytest.raises(PermissionDenied, match="do not judge"):
        round2.cast_ballot(world.users[1], world.categories[0], [apps[0].pk, apps[1].pk])
    assert [s.category for s in round2.ballot_sheets(world.users[1], world.edition)] == [
        world.categories[1]
    ]


def test_no_finalist_is_shown_before_round_2(world: Round2World) -> None:
    Edition.objects.filter(pk=world.edition.pk).update(stage=Stage.ROUND1)
    world.edition.refresh_from_db()
    assert all(s.finalists == [] for s in round2.ballot_sheets(world.users[1], world.edition))


@pytest.mark.parametrize("stage", [Stage.ROUND1, Stage.DECIDED, Stage.PUBLISHED])
def test_no_ballot_outside_round_2(world: Round2World, stage: str) -> None:
    Edition.objects.filter(pk=world.edition.pk).update(stage=stage)
    apps = world.apps()
    with pytest.raises(DomainError, match="Round 2 is not open"):
        round2.cast_ballot(world.users[1], world.categories[0], [apps[0].pk, apps[1].pk])


def test_the_start_page_lists_the_categories_left_to_vote(world: Round2World) -> None:
    apps = world.apps()
    [(edition, left)] = round2.ballots_left(world.users[1])
    assert edition == world.edition
    assert left == world.categories
    round2.cast_ballot(world.users[1], world.categories[0], [apps[0].pk, apps[1].pk])
    assert round2.ballots_left(world.users[1]) == [(world.edition, [world.categories[1]])]
    Edition.objects.filter(pk=world.edition.pk).update(stage=Stage.DECIDED)
    assert round2.ballots_left(world.users[1]) == []


# --- Progress ------------------------------------------------------------------------------


def test_the_secretariat_sees_who_voted_never_what(world: Round2World, secretariat: Any) -> None:
    apps = world.apps()
    round2.cast_ballot(world.users[1], world.categories[0], [apps[0].pk, apps[1].pk])
    [first, second] = round2.progress(secretariat, world.edition)
    assert [(v.judge.name, v.voted) for v in first.voters] == [
        ("Judge 0", False),
        ("Judge 1", True),
        ("Judge 2", False),
    ]
    assert first.voted == 1
    assert second.voted == 0
    assert not hasattr(first.voters[1], "choices")


def test_only_the_secretariat_follows_the_progress(world: Round2World) -> None:
    with pytest.raises(PermissionDenied):
        round2.progress(world.users[2], world.edition)


# --- Counting and closing ------------------------------------------------------------------


def test_round1_scores_are_the_weighted_means_of_the_submitted_cards(world: Round2World) -> None:
    from fractions import Fraction

    scores = round2.round1_scores(world.categories[0])
    apps = world.apps()
    assert [scores[a.pk] for a in apps[:5]] == [Fraction(37 - 4 * i, 4) for i in range(5)]
    # A card still in progress counts for nothing.
    card = apps[1].scorecards.first()
    assert card is not None
    Scorecard.objects.filter(pk=card.pk).update(status=Scorecard.Status.DRAFT)
    card.scores.update(value=1)
    assert round2.round1_scores(world.categories[0])[apps[1].pk] == Fraction(33, 4)


def test_closing_places_gold_and_silver_with_votes_and_rulings(
    world: Round2World, secretariat: Any
) -> None:
    apps = world.apps()
    j0, j1, j2 = world.judges
    category = world.categories[0]
    vote(j0, category, apps[3], apps[4])
    vote(j1, category, apps[3], apps[1])
    vote(j2, category, apps[4], apps[3])
    round2.close_round2(secretariat, world.edition)
    world.edition.refresh_from_db()
    assert world.edition.stage == Stage.DECIDED
    gold = made_placements().get(category=category, place="gold")
    silver = made_placements().get(category=category, place="silver")
    assert (gold.application, gold.votes, gold.organisation.key) == (apps[3], 3, "goyang")
    assert (silver.application, silver.votes) == (apps[4], 2)
    assert gold.ruling == "Gold: Bus Finder (Goyang) with 3 votes."
    assert silver.project == "Citizen Desk"
    # The second category had no ballot: no place there.
    assert not made_placements().filter(category=world.categories[1]).exists()
    event = AuditEvent.objects.get(verb="close_round2")
    assert event.before == {"stage": "round2"}
    assert "3 ballots counted" in event.after["counts"]["cat-0"]


def test_the_rulings_are_stored_in_the_source_language_whoever_closes(
    world: Round2World, secretariat: Any
) -> None:
    from django.utils import translation

    apps = world.apps()
    for judge in world.judges:
        vote(judge, world.categories[0], apps[1], apps[2])
    with translation.override("ko"):
        round2.close_round2(secretariat, world.edition)
    gold = made_placements().get(place="gold")
    assert (
        gold.ruling == "Gold: Kiosk Network (Makati) with 3 votes. Equal on votes with "
        "Zero Waste Streets (Gimpo); the tie is broken by the round-1 scores: 8.25 against 7.25."
    )


def test_a_refusal_to_count_is_in_the_readers_language(
    world: Round2World, secretariat: Any
) -> None:
    from django.utils import translation

    vote(world.judges[1], world.categories[0], world.apps()[1])
    with (
        translation.override("es"),
        pytest.raises(DomainError, match="vota exactamente por 2 finalistas"),
    ):
        round2.close_round2(secretariat, world.edition)


def test_a_tie_on_votes_is_broken_by_the_round1_scores(
    world: Round2World, secretariat: Any
) -> None:
    apps = world.apps()
    j0, j1, j2 = world.judges
    category = world.categories[0]
    vote(j0, category, apps[2], apps[3])
    vote(j1, category, apps[2], apps[3])
    vote(j2, category, apps[1], apps[4])
    round2.close_round2(secretariat, world.edition)
    gold = made_placements().get(category=category, place="gold")
    silver = made_placements().get(category=category, place="silver")
    assert (gold.application, silver.application) == (apps[2], apps[3])
    assert "the tie is broken by the round-1 scores: 7.25 against 6.25" in gold.ruling
    assert "whose round-1 score (7.25) is higher than its 6.25" in silver.ruling


def test_only_the_secretariat_closes_and_only_an_open_round(
    world: Round2World, secretariat: Any
) -> None:
    with pytest.raises(PermissionDenied):
        round2.close_round2(world.users[2], world.edition)
    round2.close_round2(secretariat, world.edition)
    with pytest.raises(DomainError, match="Round 2 is not open") as refused:
        round2.close_round2(secretariat, world.edition)
    assert refused.value.status_code == 409
    assert AuditEvent.objects.filter(verb="close_round2").count() == 1


def test_ballots_that_cannot_be_counted_leave_the_round_open(
    world: Round2World, secretariat: Any
) -> None:
    apps = world.apps()
    vote(world.judges[1], world.categories[0], apps[1])  # one vote where two are due
    with pytest.raises(DomainError, match="cannot be counted"):
        round2.close_round2(secretariat, world.edition)
    world.edition.refresh_from_db()
    assert world.edition.stage == Stage.ROUND2
    assert not made_placements().exists()


# --- A tie on votes and on round-1 scores --------------------------------------------------


@pytest.fixture
def double_tie(world: Round2World, secretariat: Any) -> Round2World:
    """Bus Finder and Citizen Desk: equal on votes (3) and on round-1 scores (6.25)."""
    apps = world.apps()
    set_round1(apps[4], 7, 6)  # (7 + 18) / 4 = 6.25, as Bus Finder's (7 + 3 * 6) / 4
    category = world.categories[0]
    for judge in world.judges:
        vote(judge, category, apps[3], apps[4])
    round2.close_round2(secretariat, world.edition)
    return world


def test_a_double_tie_places_nobody_and_waits_for_the_panel(
    double_tie: Round2World, secretariat: Any
) -> None:
    category = double_tie.categories[0]
    assert not made_placements().filter(category=category).exists()
    tie = round2.pending_tie(category)
    assert tie is not None
    assert tie.places == ("gold", "silver")
    with pytest.raises(DomainError, match="still to decide a tie on places in Open City"):
        results.publish(secretariat, double_tie.edition)


def test_the_head_of_panel_records_the_order_with_a_reason(
    double_tie: Round2World, secretariat: Any
) -> None:
    apps = double_tie.apps()
    category = double_tie.categories[0]
    head = double_tie.users[2]
    from django.utils import translation

    with translation.override("ko"):  # the ruling is stored in the source language all the same
        decision = round2.decide_places(
            head, category, [apps[4].pk, apps[3].pk], "Wider reach among older residents."
        )
    assert (decision.kind, decision.chosen) == (Decision.Kind.PLACES, [apps[4].pk, apps[3].pk])
    assert sorted(decision.candidates) == sorted([apps[3].pk, apps[4].pk])
    gold = made_placements().get(category=category, place="gold")
    silver = made_placements().get(category=category, place="silver")
    assert (gold.application, silver.application, gold.votes) == (apps[4], apps[3], 3)
    assert "the head of panel decided the order: Wider reach among older residents." in (
        gold.ruling
    )
    assert gold.ruling.startswith("Gold: Citizen Desk (Edmonton) with 3 votes, equal on votes")
    assert AuditEvent.objects.get(verb="decide_places").reason.startswith("Wider reach")
    assert round2.pending_tie(category) is None
    with pytest.raises(DomainError, match="already decided"):
        round2.decide_places(head, category, [apps[3].pk, apps[4].pk], "Again")
    results.publish(secretariat, double_tie.edition)


@pytest.mark.parametrize(
    ("picks", "message"),
    [
        ([4], "Choose exactly 2 applications"),
        ([4, 4], "chosen once"),
        ([4, 1], "Kiosk Network \\(Makati\\) is not among the tied"),
    ],
)
def test_an_order_that_breaks_the_rules_is_refused(
    double_tie: Round2World, picks: list[int], message: str
) -> None:
    apps = double_tie.apps()
    with pytest.raises(DomainError, match=message):
        round2.decide_places(
            double_tie.users[2], double_tie.categories[0], [apps[i].pk for i in picks], "Why"
        )
    assert not Decision.objects.exists()
    assert not made_placements().exists()


def test_only_the_head_decides_and_with_a_reason(double_tie: Round2World, secretariat: Any) -> None:
    apps = double_tie.apps()
    chosen = [apps[3].pk, apps[4].pk]
    for someone in (double_tie.users[1], secretariat):
        with pytest.raises(PermissionDenied, match="head of panel"):
            round2.decide_places(someone, double_tie.categories[0], chosen, "Why")
    with pytest.raises(DomainError, match="reason"):
        round2.decide_places(double_tie.users[2], double_tie.categories[0], chosen, "  ")
    with pytest.raises(DomainError, match="no tie on places"):
        round2.decide_places(double_tie.users[2], double_tie.categories[1], chosen, "Why")


def test_no_order_is_decided_before_the_close(world: Round2World) -> None:
    apps = world.apps()
    with pytest.raises(DomainError, match="after round 2 closes"):
        round2.decide_places(world.users[2], world.categories[0], [apps[0].pk], "Why")


def test_the_secretariat_records_the_order_when_the_head_has_a_conflicted_finalist(
    double_tie: Round2World, secretariat: Any
) -> None:
    apps = double_tie.apps()
    head = double_tie.judges[2]
    assert head.is_head
    Conflict.objects.create(judge=head, organisation=apps[0].organisation, reason="Advisor")
    chosen = [apps[3].pk, apps[4].pk]
    with pytest.raises(PermissionDenied, match="Secretariat records the panel's order"):
        round2.decide_places(head.user, double_tie.categories[0], chosen, "Why")
    decision = round2.decide_places(secretariat, double_tie.categories[0], chosen, "Panel's call")
    assert decision.decided_by == secretariat
    assert (
        made_placements().get(category=double_tie.categories[0], place="gold").application
        == (apps[3])
    )
