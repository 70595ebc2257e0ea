"""Round 1 as the judges, the Secretariat and the head of panel live it, through the
services: what a judge sees, their conflicts, scores saved one by one, a complete card
submitted and locked, the progress without scores, the closing and the tie at the last
finalist's place."""

from __future__ import annotations

import pytest

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.awards.models import Application, Conflict, Decision, Scorecard, Stage
from intercity.awards.services import round1
from intercity.awards.tests.factories_round1 import round1_world, scorecard
from intercity.core.errors import DomainError, NotFound, PermissionDenied
from intercity.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(judge):
    return round1_world(judge)


def criteria(app):
    return list(app.category.criteria.order_by("position"))


def test_a_judge_sees_the_eligible_applications_of_their_categories_but_never_their_own_city(
    world,
):
    seen = set(round1.applications_for(world.jules))
    assert seen == {world.makati, world.edmonton, world.jakarta, world.miraflores}


def test_a_judge_named_on_one_category_sees_only_it(world):
    assert set(round1.applications_for(world.june)) == {
        world.seoul,
        world.makati,
        world.edmonton,
        world.jakarta,
    }


def test_applications_not_eligible_are_not_judged(world):
    Application.objects.filter(pk=world.makati.pk).update(status=Application.Status.INELIGIBLE)
    assert world.makati not in set(round1.applications_for(world.june))


def test_a_judge_cannot_open_or_score_their_own_citys_application(world, judge):
    with pytest.raises(NotFound):
        round1.get_application(judge, world.edition, world.seoul.pk)
    with pytest.raises(NotFound):
        round1.save_score(judge, world.edition, world.seoul.pk, criteria(world.seoul)[0].pk, 7)
    assert not Scorecard.objects.filter(application=world.seoul).exists()


def test_someone_without_a_seat_opens_nothing(world, secretariat):
    with pytest.raises(NotFound):
        round1.get_application(secretariat, world.edition, world.makati.pk)


def test_a_declared_conflict_hides_the_citys_applications_and_refuses_its_scores(world, judge):
    conflict = round1.declare_conflict(
        judge, world.edition, world.makati.organisation, "I advised Makati's open budget team."
    )

    assert world.makati not in set(round1.applications_for(world.jules))
    with pytest.raises(NotFound):
        round1.get_application(judge, world.edition, world.makati.pk)
    with pytest.raises(NotFound):
        round1.save_score(judge, world.edition, world.makati.pk, criteria(world.makati)[0].pk, 9)
    event = AuditEvent.objects.get(verb="declare_conflict", object_id=str(conflict.pk))
    assert (event.actor, event.reason) == (judge, "I advised Makati's open budget team.")


def test_a_conflict_needs_a_reason_and_a_city_that_applied(world, judge):
    with pytest.raises(DomainError, match="Say why"):
        round1.declare_conflict(judge, world.edition, world.makati.organisation, "  ")
    from intercity.network.models import Organisation

    with pytest.raises(DomainError, match="no application"):
        round1.declare_conflict(
            judge, world.edition, Organisation.objects.get(key="ulyanovsk-region"), "Old ties."
        )
    with pytest.raises(DomainError, match="your own city"):
        round1.declare_conflict(judge, world.edition, world.seoul.organisation, "Home.")
    assert not Conflict.objects.exists()


def test_a_conflict_is_declared_once(world, judge):
    round1.declare_conflict(judge, world.edition, world.makati.organisation, "Adviser.")
    with pytest.raises(DomainError, match="already declared"):
        round1.declare_conflict(judge, world.edition, world.makati.organisation, "Adviser.")


def test_only_a_judge_declares_a_conflict(world, seoul_officer):
    with pytest.raises(PermissionDenied):
        round1.declare_conflict(seoul_officer, world.edition, world.makati.organisation, "x")


def test_a_conflict_declared_while_scoring_withdraws_the_card_in_progress_into_the_history(
    world, judge
):
    first = criteria(world.makati)[0]
    round1.save_score(judge, world.edition, world.makati.pk, first.pk, 8)

    conflict = round1.declare_conflict(
        judge, world.edition, world.makati.organisation, "Reading it, I recognised my project."
    )

    assert not Scorecard.objects.filter(judge=world.jules, application=world.makati).exists()
    event = AuditEvent.objects.get(verb="declare_conflict", object_id=str(conflict.pk))
    assert event.before["withdrawn_scorecards"] == [
        {"application": world.makati.pk, "scores": {str(first.pk): 8}, "comment": ""}
    ]


def test_a_conflict_after_a_submitted_card_is_refused_and_the_card_stands(world, judge):
    for criterion in criteria(world.makati):
        round1.save_score(judge, world.edition, world.makati.pk, criterion.pk, 6)
    round1.submit_scorecard(judge, world.edition, world.makati.pk)

    with pytest.raises(DomainError, match="already submitted"):
        round1.declare_conflict(judge, world.edition, world.makati.organisation, "Late.")

    assert not Conflict.objects.exists()
    assert Scorecard.objects.get(judge=world.jules, application=world.makati).status == "submitted"


def test_scores_are_saved_one_by_one_and_an_empty_value_clears_one(world, judge):
    openness, impact = criteria(world.makati)
    round1.save_score(judge, world.edition, world.makati.pk, openness.pk, "7")
    round1.save_score(judge, world.edition, world.makati.pk, impact.pk, 9)
    round1.save_score(judge, world.edition, world.makati.pk, impact.pk, "")

    card = Scorecard.objects.get(judge=world.jules, application=world.makati)
    assert round1.scores_of(card) == {openness.pk: 7}
    assert card.status == Scorecard.Status.DRAFT
    events = AuditEvent.objects.filter(verb="score", object_id=str(card.pk)).order_by("pk")
    assert [e.after["value"] for e in events] == [7, 9, None]
    assert all(e.actor == judge for e in events)


@pytest.mark.parametrize("value", [0, 11, "seven", "7.5", True])
def test_a_score_off_the_scale_is_refused_and_nothing_saved(world, judge, value):
    with pytest.raises(DomainError):
        round1.save_score(
            judge, world.edition, world.makati.pk, criteria(world.makati)[0].pk, value
        )
    assert not Scorecard.objects.exists()


def test_the_editions_own_scale_is_used(world, judge):
    world.edition.score_min, world.edition.score_max = 0, 5
    world.edition.save()
    with pytest.raises(DomainError, match="from 0 to 5"):
        round1.save_score(judge, world.edition, world.makati.pk, criteria(world.makati)[0].pk, 6)
    round1.save_score(judge, world.edition, world.makati.pk, criteria(world.makati)[0].pk, 0)


def test_a_criterion_of_another_category_is_not_scored_here(world, judge):
    other = criteria(world.miraflores)[0]
    with pytest.raises(NotFound):
        round1.save_score(judge, world.edition, world.makati.pk, other.pk, 5)


def test_the_whole_card_saves_all_or_nothing(world, judge):
    openness, impact = criteria(world.makati)
    with pytest.raises(DomainError, match="Impact on citizens"):
        round1.save_scorecard(
            judge, world.edition, world.makati.pk, {openness.pk: "8", impact.pk: "12"}, "Good."
        )
    assert not Scorecard.objects.exists()

    card = round1.save_scorecard(
        judge, world.edition, world.makati.pk, {openness.pk: "8", impact.pk: "6"}, "Good."
    )
    assert round1.scores_of(card) == {openness.pk: 8, impact.pk: 6}
    assert card.comment == "Good."


def test_an_incomplete_card_is_not_submitted_and_names_what_is_missing(world, judge):
    openness, _impact = criteria(world.makati)
    round1.save_score(judge, world.edition, world.makati.pk, openness.pk, 8)
    with pytest.raises(DomainError, match="Not yet scored: Impact on citizens"):
        round1.submit_scorecard(judge, world.edition, world.makati.pk)
    assert Scorecard.objects.get().status == Scorecard.Status.DRAFT


def test_a_submitted_card_is_locked(world, judge):
    openness, impact = criteria(world.makati)
    round1.save_score(judge, world.edition, world.makati.pk, openness.pk, 8)
    round1.save_score(judge, world.edition, world.makati.pk, impact.pk, 7)
    card = round1.submit_scorecard(judge, world.edition, world.makati.pk)
    assert card.status == Scorecard.Status.SUBMITTED
    assert AuditEvent.objects.filter(verb="submit_scorecard", object_id=str(card.pk)).count() == 1

    with pytest.raises(DomainError, match="can no longer be changed"):
        round1.save_score(judge, world.edition, world.makati.pk, openness.pk, 1)
    with pytest.raises(DomainError, match="can no longer be changed"):
        round1.save_comment(judge, world.edition, world.makati.pk, "Changed my mind.")
    with pytest.raises(DomainError, match="can no longer be changed"):
        round1.submit_scorecard(judge, world.edition, world.makati.pk)
    assert round1.scores_of(card) == {openness.pk: 8, impact.pk: 7}


def test_scoring_happens_only_while_round_1_is_open(world, judge):
    world.edition.stage = Stage.ROUND2
    world.edition.save()
    with pytest.raises(DomainError, match="not open for scoring"):
        round1.save_score(judge, world.edition, world.makati.pk, criteria(world.makati)[0].pk, 5)


def test_a_judges_list_says_where_each_card_stands(world, judge):
    openness, impact = criteria(world.makati)
    round1.save_score(judge, world.edition, world.makati.pk, openness.pk, 8)
    round1.save_score(judge, world.edition, world.edmonton.pk, openness.pk, 8)
    round1.save_score(judge, world.edition, world.edmonton.pk, impact.pk, 8)
    round1.submit_scorecard(judge, world.edition, world.edmonton.pk)

    lines = {line.application: line for line in round1.card_lines(world.jules)}
    assert (lines[world.makati].status, lines[world.makati].scored) == ("draft", 1)
    assert lines[world.edmonton].status == "submitted"
    assert lines[world.jakarta].label == "Not started"


def test_the_secretariat_sees_progress_as_counts_only(world, judge, secretariat):
    openness, impact = criteria(world.makati)
    round1.save_score(judge, world.edition, world.makati.pk, openness.pk, 8)
    round1.save_score(judge, world.edition, world.edmonton.pk, openness.pk, 8)
    round1.save_score(judge, world.edition, world.edmonton.pk, impact.pk, 8)
    round1.submit_scorecard(judge, world.edition, world.edmonton.pk)

    lines = {
        (p.judge.name, p.category.code): p for p in round1.progress(secretariat, world.edition)
    }
    jules_open = lines[("Jules Verne", "open-city")]
    assert (jules_open.submitted, jules_open.in_progress, jules_open.not_started) == (1, 1, 1)
    assert not jules_open.finished
    assert ("June Park", "digital-inclusion") not in lines
    assert lines[("June Park", "open-city")].not_started == 4
    assert not hasattr(jules_open, "scores")


def test_only_the_secretariat_follows_progress(world, judge):
    with pytest.raises(PermissionDenied):
        round1.progress(judge, world.edition)


# --- Closing and the tie --------------------------------------------------------------------


def score_everything(world, *, tie: bool):
    """Three judges' submitted cards. Open City (2 finalists): Edmonton first; Makati and
    Jakarta tied for the second place when `tie`, else Makati second. Jules (from Seoul)
    never scores Seoul."""
    jules, june, marc = world.jules, world.june, world.marc
    scorecard(jules, world.edmonton, [9, 9])
    scorecard(june, world.edmonton, [9, 8])
    scorecard(marc, world.edmonton, [10, 9])
    scorecard(jules, world.makati, [7, 7])
    scorecard(june, world.makati, [7, 7])
    scorecard(jules, world.jakarta, [7, 7] if tie else [6, 6])
    scorecard(marc, world.jakarta, [7, 7] if tie else [6, 6])
    scorecard(june, world.seoul, [5, 5])
    scorecard(marc, world.seoul, [6, 5])
    # Marc's card for Makati is still in progress: it does not count.
    scorecard(marc, world.makati, [1, 1], submitted=False)
    scorecard(jules, world.miraflores, [8, 8])


def test_closing_marks_the_sure_finalists_and_moves_to_round_2(world, secretariat):
    score_everything(world, tie=False)

    rankings = round1.close_round1(secretariat, world.edition)

    finalists = set(Application.objects.filter(finalist=True))
    assert finalists == {world.edmonton, world.makati, world.miraflores}
    world.edition.refresh_from_db()
    assert world.edition.stage == Stage.ROUND2
    assert world.edition.round1_closed_at is not None
    open_city = next(r for r in rankings if r.category == world.open_city)
    rows = open_city.rows()
    assert [r["application"] for r in rows] == [
        world.edmonton,
        world.makati,
        world.jakarta,
        world.seoul,
    ]
    # Makati: Marc's card in progress does not count, so two judges, (2*7+7)/3 = 7.00.
    assert (rows[1]["score"], rows[1]["judges"]) == ("7.00", 2)
    assert "go on to round 2" in open_city.result.explanation
    assert AuditEvent.objects.filter(verb="close_round1").count() == 1
    assert AuditEvent.objects.filter(verb="open_round2").count() == 1


def test_a_tie_at_the_last_place_waits_for_the_head_of_panel(world, secretariat):
    score_everything(world, tie=True)

    round1.close_round1(secretariat, world.edition)

    world.edition.refresh_from_db()
    assert world.edition.stage == Stage.ROUND1
    assert world.edition.round1_closed_at is not None
    assert set(Application.objects.filter(finalist=True)) == {world.edmonton, world.miraflores}
    assert round1.pending_ties(world.people["marc"], world.edition) == [world.open_city]
    assert round1.pending_ties(world.people["june"], world.edition) == []


def test_the_head_decides_the_tie_with_a_reason_and_round_2_opens(world, secretariat):
    score_everything(world, tie=True)
    round1.close_round1(secretariat, world.edition)
    marc = world.people["marc"]

    tie = round1.get_tie(marc, world.open_city)
    tied = {tie.applications[label] for label in tie.result.tie.candidates}
    assert (tied, tie.result.tie.places) == ({world.makati, world.jakarta}, 1)

    decision = round1.decide_finalists(
        marc, world.open_city, [world.jakarta.pk], "Its context shows how to replicate it."
    )

    assert decision.kind == Decision.Kind.FINALISTS
    assert decision.chosen == [world.jakarta.pk]
    assert sorted(decision.candidates) == sorted([world.makati.pk, world.jakarta.pk])
    assert set(Application.objects.filter(finalist=True)) == {
        world.edmonton,
        world.jakarta,
        world.miraflores,
    }
    world.edition.refresh_from_db()
    assert world.edition.stage == Stage.ROUND2
    event = AuditEvent.objects.get(verb="decide_finalists")
    assert (event.actor, event.reason) == (marc, "Its context shows how to replicate it.")


@pytest.mark.parametrize(
    ("pick", "reason", "message"),
    [
        ("both", "Both are good.", "Choose exactly 1 application"),
        ("none", "Neither.", "Choose exactly 1 application"),
        ("edmonton", "Already in.", "not among the tied"),
        ("jakarta", "  ", "Write the reason"),
    ],
)
def test_the_heads_choice_must_fill_exactly_the_places_with_a_reason(
    world, secretariat, pick, reason, message
):
    score_everything(world, tie=True)
    round1.close_round1(secretariat, world.edition)
    chosen = {
        "both": [world.makati.pk, world.jakarta.pk],
        "none": [],
        "edmonton": [world.edmonton.pk],
        "jakarta": [world.jakarta.pk],
    }[pick]

    with pytest.raises(DomainError, match=message):
        round1.decide_finalists(world.people["marc"], world.open_city, chosen, reason)

    assert not Decision.objects.exists()
    world.edition.refresh_from_db()
    assert world.edition.stage == Stage.ROUND1


def test_only_the_head_of_panel_decides_a_tie(world, secretariat, judge):
    score_everything(world, tie=True)
    round1.close_round1(secretariat, world.edition)
    for someone in (secretariat, judge, world.people["june"]):
        with pytest.raises(PermissionDenied):
            round1.decide_finalists(someone, world.open_city, [world.jakarta.pk], "Mine.")
        with pytest.raises(PermissionDenied):
            round1.get_tie(someone, world.open_city)


def test_a_tie_is_decided_once(world, secretariat):
    score_everything(world, tie=True)
    round1.close_round1(secretariat, world.edition)
    marc = world.people["marc"]
    round1.decide_finalists(marc, world.open_city, [world.jakarta.pk], "Context.")
    with pytest.raises(DomainError):
        round1.decide_finalists(marc, world.open_city, [world.makati.pk], "Changed.")
    assert Decision.objects.get().chosen == [world.jakarta.pk]


def test_no_tie_no_decision(world, secretariat):
    score_everything(world, tie=False)
    round1.close_round1(secretariat, world.edition)
    with pytest.raises(DomainError):
        round1.decide_finalists(world.people["marc"], world.open_city, [world.jakarta.pk], "x")


def test_closing_is_for_the_secretariat_while_round_1_is_open(world, secretariat, judge):
    with pytest.raises(PermissionDenied):
        round1.close_round1(judge, world.edition)
    round1.close_round1(secretariat, world.edition)
    with pytest.raises(DomainError):
        round1.close_round1(secretariat, world.edition)
    assert AuditEvent.objects.filter(verb="close_round1").count() == 1


def test_after_closing_no_score_changes(world, secretariat, judge):
    round1.close_round1(secretariat, world.edition)
    with pytest.raises(DomainError):
        round1.save_score(judge, world.edition, world.makati.pk, criteria(world.makati)[0].pk, 5)


def test_the_results_are_hidden_until_the_round_closes_and_then_only_for_staff_and_head(
    world, secretariat, judge
):
    score_everything(world, tie=False)
    with pytest.raises(DomainError, match="not closed yet"):
        round1.results(secretariat, world.edition)
    round1.close_round1(secretariat, world.edition)

    assert round1.results(secretariat, world.edition)
    assert round1.results(world.people["marc"], world.edition)
    with pytest.raises(PermissionDenied):
        round1.results(judge, world.edition)
    with pytest.raises(PermissionDenied):
        round1.results(person("carla", Role.CITY_OFFICER, "makati"), world.edition)


def test_the_normalised_ranking_is_shown_beside_the_raw_one_and_changes_no_finalist(
    world, secretariat
):
    score_everything(world, tie=False)
    rankings = round1.close_round1(secretariat, world.edition)
    open_city = next(r for r in rankings if r.category == world.open_city)
    rows = open_city.rows()
    assert all(r["z"] is not None for r in rows)
    assert [r["finalist"] for r in rows] == [True, True, False, False]


def test_a_head_conflicted_with_a_tied_city_leaves_the_tie_to_the_secretariat(world, secretariat):
    marc = world.people["marc"]
    round1.declare_conflict(marc, world.edition, world.jakarta.organisation, "Former adviser.")
    score_everything(world, tie=True)
    round1.close_round1(secretariat, world.edition)

    with pytest.raises(PermissionDenied, match="the Secretariat decides"):
        round1.get_tie(marc, world.open_city)
    with pytest.raises(PermissionDenied):
        round1.decide_finalists(marc, world.open_city, [world.makati.pk], "Mine.")
    assert round1.pending_ties(marc, world.edition) == []
    assert round1.pending_ties(secretariat, world.edition) == [world.open_city]

    round1.decide_finalists(secretariat, world.open_city, [world.makati.pk], "Head conflicted.")
    assert Decision.objects.get().decided_by == secretariat


def test_a_card_of_a_judges_own_city_never_counts_even_if_the_seat_changed_after(
    world, secretariat
):
    scorecard(world.june, world.makati, [9, 9])
    scorecard(world.marc, world.makati, [5, 5])
    world.june.organisation = world.makati.organisation
    world.june.save()

    round1.close_round1(secretariat, world.edition)

    ranking = round1.rank_category(world.open_city)
    makati = next(r for r in ranking.rows() if r["application"] == world.makati)
    assert (makati["score"], makati["judges"]) == ("5.00", 1)


def test_judges_see_no_application_before_round_1_opens(world, judge):
    world.edition.stage = Stage.SCREENING
    world.edition.save()
    judge_seat = round1.seat_of(judge, world.edition)
    assert list(round1.applications_for(judge_seat)) == []
    with pytest.raises(NotFound):
        round1.get_application(judge, world.edition, world.makati.pk)
