"""Amendments put to the delegates' ballots: voted before their motion, from the phones, in
the memorandum like any electronic vote."""

from __future__ import annotations

from typing import Any

import pytest

from intercity.core.errors import DomainError
from intercity.governance import services
from intercity.governance.minutes import memorandum
from intercity.governance.models import Participant
from intercity.governance.services import floor, live
from intercity.governance.tests.live_fixtures import Room, make_room

pytestmark = pytest.mark.django_db


@pytest.fixture
def room(secretariat: Any, wego: Any, seoul_officer: Any, makati_officer: Any) -> Room:
    made = make_room(secretariat, wego, seoul_officer, makati_officer)
    for user in (seoul_officer, makati_officer):
        live.delegate_check_in(user, made.meeting, remote=True)
    return made


def amend(secretariat: Any, room: Room) -> Any:
    return floor.propose_amendment(
        secretariat,
        room.secret,
        title="Name Makati and Cebu",
        change="Adds Cebu as co-host.",
        replacement="Makati and Cebu host the 2028 General Assembly.",
    )


def test_delegates_vote_on_an_amendment_before_its_motion(
    room, secretariat, seoul_officer, makati_officer
):
    # The room is quorate: the clerk checks in every other member.
    for participant in room.meeting.participants.exclude(attendance__in=Participant.PRESENT):
        services.check_in(secretariat, participant, Participant.Attendance.IN_PERSON)
    amendment = amend(secretariat, room)
    assert amendment.vote_mode == "secret"
    shown = [m.decision.pk for m in live.room_state(room.meeting).open_motions]
    assert amendment.pk in shown
    assert room.secret.pk not in shown  # its vote waits for the amendment
    with pytest.raises(DomainError, match="Name Makati and Cebu") as refused:
        live.cast_ballot(seoul_officer, room.secret, "yes")
    assert refused.value.status_code == 409
    live.cast_ballot(seoul_officer, amendment, "yes")
    live.cast_ballot(makati_officer, amendment, "yes")
    roll = services.roll(room.meeting)
    categories = services.voting_categories(room.meeting.network)
    for participant in room.meeting.participants.select_related("organisation"):
        member = participant.organisation
        if member is None or member in (room.seoul, room.makati):
            continue
        if roll.refusal(member, categories):
            continue
        live.cast_ballot(secretariat, amendment, "yes", organisation=member)
    decided = services.close_motion(
        secretariat, services.get_decision(room.meeting.network, amendment.pk)
    )
    assert decided.outcome == "adopted"
    motion = services.get_decision(room.meeting.network, room.secret.pk)
    assert motion.text == "Makati and Cebu host the 2028 General Assembly."
    assert room.secret.pk in [m.decision.pk for m in live.room_state(room.meeting).open_motions]
    live.cast_ballot(seoul_officer, motion, "no")
    assert live.turnout(motion) == 1


def test_the_memorandum_lists_an_amendments_secret_ballot_by_counts_only(
    room, secretariat, seoul_officer, makati_officer
):
    amendment = amend(secretariat, room)
    live.cast_ballot(seoul_officer, amendment, "no")
    live.cast_ballot(makati_officer, amendment, "no")
    services.close_motion(secretariat, services.get_decision(room.meeting.network, amendment.pk))
    record = memorandum(room.meeting)
    votes = {d.title: d.vote for d in record.electronic_votes}
    assert "Name Makati and Cebu" in votes
    vote = votes["Name Makati and Cebu"]
    assert vote is not None
    assert vote.ballots == []  # no member beside a choice
    assert (vote.from_devices, vote.by_clerk) == (2, 0)


def test_no_amendment_once_a_secret_ballot_on_the_motion_has_begun(
    room, secretariat, seoul_officer
):
    live.cast_ballot(seoul_officer, room.secret, "yes")
    with pytest.raises(DomainError, match="Voting on"):
        amend(secretariat, room)
