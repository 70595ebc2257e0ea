"""Round 1's state changes happen once however many requests arrive together: a judge's
double click on "submit", a score racing the submit, two staff closing the round, two
decisions on one tie. Threads run against committed rows (SQLite and PostgreSQL)."""

from __future__ import annotations

from typing import Any

import pytest

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.awards.models import Application, Decision, Edition, Scorecard, Stage
from intercity.awards.services import round1
from intercity.awards.tests.factories_round1 import round1_world, scorecard
from intercity.core.errors import DomainError
from intercity.core.models import AuditEvent
from intercity.core.tests.concurrently import run_concurrently

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world(committed_seed: None) -> Any:
    return round1_world()


@pytest.fixture
def staff(committed_seed: None) -> Any:
    return person("sam", Role.SECRETARIAT)


def fill_card(world: Any) -> None:
    user = world.people["jules"]
    for criterion in world.open_city.criteria.all():
        round1.save_score(user, world.edition, world.makati.pk, criterion.pk, 7)


def test_eight_submits_of_one_card_submit_it_once(world):
    fill_card(world)
    user = world.people["jules"]

    outcomes = run_concurrently(
        lambda _i: round1.submit_scorecard(user, world.edition, world.makati.pk), times=8
    )

    assert len(outcomes.results) == 1
    assert outcomes.count(DomainError) == 7, outcomes.errors
    assert AuditEvent.objects.filter(verb="submit_scorecard").count() == 1
    assert Scorecard.objects.get().status == Scorecard.Status.SUBMITTED


def test_a_score_racing_the_submit_is_saved_before_it_or_refused_after_it(world):
    fill_card(world)
    user = world.people["jules"]
    openness = world.open_city.criteria.order_by("position").first()

    def act(index: int) -> Any:
        if index == 0:
            return round1.submit_scorecard(user, world.edition, world.makati.pk)
        return round1.save_score(user, world.edition, world.makati.pk, openness.pk, 10)

    outcomes = run_concurrently(act, times=6)

    card = Scorecard.objects.get()
    assert card.status == Scorecard.Status.SUBMITTED
    submitted = AuditEvent.objects.get(verb="submit_scorecard")
    # What was submitted is what the card holds: no score changed after the submit.
    assert submitted.after["scores"] == {str(k): v for k, v in round1.scores_of(card).items()}
    saved = AuditEvent.objects.filter(verb="score", after__value=10).count()
    assert saved + outcomes.count(DomainError) == 5, outcomes.errors


def test_two_closings_close_once(world, staff):
    scorecard(world.jules, world.edmonton, [9, 9])
    scorecard(world.june, world.makati, [6, 6])

    outcomes = run_concurrently(lambda _i: round1.close_round1(staff, world.edition), times=2)

    assert len(outcomes.results) == 1
    assert outcomes.count(DomainError) == 1, outcomes.errors
    assert AuditEvent.objects.filter(verb="close_round1").count() == 1
    assert AuditEvent.objects.filter(verb="open_round2").count() == 1
    assert Edition.objects.get(pk=world.edition.pk).stage == Stage.ROUND2


def test_two_decisions_on_one_tie_record_one(world, staff):
    scorecard(world.jules, world.edmonton, [9, 9])
    scorecard(world.jules, world.makati, [7, 7])
    scorecard(world.june, world.jakarta, [7, 7])
    round1.close_round1(staff, world.edition)
    marc = world.people["marc"]
    picks = [world.makati.pk, world.jakarta.pk]

    outcomes = run_concurrently(
        lambda i: round1.decide_finalists(marc, world.open_city, [picks[i % 2]], f"Choice {i}."),
        times=4,
    )

    assert len(outcomes.results) == 1
    assert outcomes.count(DomainError) == 3, outcomes.errors
    decision = Decision.objects.get()
    finalists = set(Application.objects.filter(finalist=True).values_list("pk", flat=True))
    assert finalists == {world.edmonton.pk, *decision.chosen}
    assert AuditEvent.objects.filter(verb="open_round2").count() == 1
