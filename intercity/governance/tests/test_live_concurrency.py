"""Ballots of one member sent together (two delegates of one city, a double tap, a retry)
count once; ballots racing the close are counted or refused, never lost. Threads run against
committed rows (SQLite and PostgreSQL)."""

from __future__ import annotations

from typing import Any

import pytest

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.core.errors import DomainError
from intercity.core.tests.concurrently import run_concurrently
from intercity.governance import services
from intercity.governance.models import BallotReceipt, SecretTally, Vote
from intercity.governance.services import live
from intercity.governance.tests.live_fixtures import make_room
from intercity.network.models import Network

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def room(committed_seed: None) -> Any:
    wego = Network.objects.get(slug="wego")
    clerk = person("clerk", Role.SECRETARIAT)
    seoul = person("seoul-one", Role.CITY_OFFICER, "seoul")
    makati = person("makati-one", Role.CITY_OFFICER, "makati")
    found = make_room(clerk, wego, seoul, makati)
    # Seoul designates seven more people: eight phones of one member.
    found.delegates = [seoul] + [person(f"seoul-{n}", Role.CITIZEN) for n in range(7)]
    for user in found.delegates[1:]:
        live.designate_delegate(clerk, found.meeting, found.seoul, user)
    live.delegate_check_in(seoul, found.meeting, remote=True)
    found.clerk = clerk
    return found


def test_eight_secret_ballots_of_one_member_at_once_count_once(room):
    choices = ["yes", "no"] * 4

    def act(i: int) -> Any:
        decision = services.get_decision(room.meeting.network, room.secret.pk)
        return live.cast_ballot(room.delegates[i], decision, choices[i])

    outcomes = run_concurrently(act, times=8)
    assert len(outcomes.results) == 1
    assert outcomes.count(DomainError) == 7
    assert BallotReceipt.objects.filter(decision=room.secret).count() == 1
    tally = SecretTally.objects.get(decision=room.secret)
    assert tally.yes + tally.no + tally.abstain == 1


def test_eight_named_ballots_of_one_member_at_once_leave_one_vote(room):
    def act(i: int) -> Any:
        decision = services.get_decision(room.meeting.network, room.named.pk)
        return live.cast_ballot(room.delegates[i], decision, "yes" if i % 2 else "no")

    outcomes = run_concurrently(act, times=8)
    assert not outcomes.errors
    assert Vote.objects.filter(decision=room.named).count() == 1


def test_secret_ballots_racing_the_close_are_counted_or_refused(room):
    live.delegate_check_in(room.delegates[0], room.meeting, remote=True)

    def act(i: int) -> Any:
        decision = services.get_decision(room.meeting.network, room.secret.pk)
        if i == 0:
            return services.close_motion(room.clerk, decision)
        return live.cast_ballot(room.delegates[i], decision, "yes")

    outcomes = run_concurrently(act, times=4)
    decided = services.get_decision(room.meeting.network, room.secret.pk)
    receipts = BallotReceipt.objects.filter(decision=room.secret).count()
    assert decided.status == "decided"
    assert decided.yes == receipts
    assert all(isinstance(e, DomainError) for e in outcomes.errors)
