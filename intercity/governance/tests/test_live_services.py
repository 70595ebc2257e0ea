"""Delegates check in and cast their member's ballot; a secret ballot keeps no link between a
member and a choice, and the statute engine counts it at the close."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.core.errors import DomainError, PermissionDenied
from intercity.core.models import AuditEvent
from intercity.governance import services
from intercity.governance.models import BallotReceipt, Decision, Participant, SecretTally, Vote
from intercity.governance.services import live
from intercity.governance.tests.live_fixtures import Room, make_room

pytestmark = pytest.mark.django_db


@pytest.fixture
def room(secretariat: Any, wego: Any, seoul_officer: Any, makati_officer: Any) -> Room:
    return make_room(secretariat, wego, seoul_officer, makati_officer)


def test_a_delegate_checks_in_with_the_room_code_and_their_member_is_present(room, seoul_officer):
    code = live.live_settings(room.meeting).checkin_code
    live.delegate_check_in(seoul_officer, room.meeting, code=code)
    participant = room.meeting.participants.get(organisation=room.seoul)
    assert participant.attendance == Participant.Attendance.IN_PERSON
    assert services.roll(room.meeting).voters[room.seoul.pk].present


def test_a_wrong_code_is_refused_and_remote_check_in_needs_none(room, seoul_officer):
    with pytest.raises(DomainError, match="not the code"):
        live.delegate_check_in(seoul_officer, room.meeting, code="nope")
    live.delegate_check_in(seoul_officer, room.meeting, remote=True)
    participant = room.meeting.participants.get(organisation=room.seoul)
    assert participant.attendance == Participant.Attendance.REMOTE


def test_someone_who_is_no_delegate_cannot_check_in_or_vote(room, judge):
    with pytest.raises(PermissionDenied):
        live.delegate_check_in(judge, room.meeting, remote=True)
    with pytest.raises(PermissionDenied):
        live.cast_ballot(judge, room.secret, "yes")


def test_an_officer_designates_only_their_own_member(room, seoul_officer, makati_officer):
    other = person("other", Role.CITIZEN)
    with pytest.raises(PermissionDenied):
        live.designate_delegate(seoul_officer, room.meeting, room.makati, other)
    delegate = live.designate_delegate(seoul_officer, room.meeting, room.seoul, other)
    assert delegate.organisation == room.seoul


def test_a_delegate_not_checked_in_may_not_vote(room, seoul_officer):
    with pytest.raises(DomainError) as refused:
        live.cast_ballot(seoul_officer, room.secret, "yes")
    assert refused.value.status_code == 409


def checked_in(room: Room, *users: Any) -> None:
    for user in users:
        live.delegate_check_in(user, room.meeting, remote=True)


def test_a_secret_ballot_is_counted_once_and_revealed_at_the_close(
    room, secretariat, seoul_officer, makati_officer
):
    checked_in(room, seoul_officer, makati_officer)
    state = live.cast_ballot(seoul_officer, room.secret, "yes")
    assert state.voted
    assert state.choice == ""
    live.cast_ballot(makati_officer, room.secret, "no")
    with pytest.raises(DomainError, match="final") as refused:
        live.cast_ballot(seoul_officer, room.secret, "no")
    assert refused.value.status_code == 409
    assert live.turnout(room.secret) == 2
    decided = services.close_motion(
        secretariat, services.get_decision(room.meeting.network, room.secret.pk)
    )
    assert (decided.yes, decided.no, decided.abstain) == (1, 1, 0)
    assert decided.present == 2
    assert decided.explanation


def test_a_secret_ballot_leaves_no_row_or_audit_event_with_a_member_and_a_choice(
    room, seoul_officer, makati_officer
):
    checked_in(room, seoul_officer, makati_officer)
    live.cast_ballot(seoul_officer, room.secret, "abstain")
    assert not Vote.objects.filter(decision=room.secret).exists()
    receipt_fields = {f.name for f in BallotReceipt._meta.get_fields()}
    assert "choice" not in receipt_fields
    tally_fields = {f.name for f in SecretTally._meta.get_fields()}
    assert not tally_fields & {"organisation", "user", "created_at", "recorded_at"}
    for event in AuditEvent.objects.filter(verb="cast_secret_ballot"):
        assert "abstain" not in json.dumps([event.before, event.after, str(event)])


def test_the_state_a_delegate_sees_of_a_secret_ballot_has_no_choice(room, seoul_officer):
    checked_in(room, seoul_officer)
    live.cast_ballot(seoul_officer, room.secret, "no")
    state = live.ballot_state(room.secret, room.seoul)
    assert state.voted
    assert state.choice == ""
    assert not state.may_change


def test_a_named_ballot_is_replaced_while_the_meeting_allows_it(room, secretariat, seoul_officer):
    checked_in(room, seoul_officer)
    live.cast_ballot(seoul_officer, room.named, "yes")
    live.cast_ballot(seoul_officer, room.named, "no")
    vote = Vote.objects.get(decision=room.named, organisation=room.seoul)
    assert (vote.choice, vote.source) == ("no", "device")
    live.set_ballots_changeable(secretariat, room.meeting, False)
    with pytest.raises(DomainError, match="does not allow") as refused:
        live.cast_ballot(seoul_officer, room.named, "yes")
    assert refused.value.status_code == 409


def test_the_clerk_records_a_ballot_for_a_member_without_a_device_and_the_record_says_so(
    room, secretariat
):
    services.check_in(
        secretariat,
        room.meeting.participants.get(organisation=room.makati),
        Participant.Attendance.IN_PERSON,
    )
    live.cast_ballot(secretariat, room.secret, "yes", organisation=room.makati)
    services.record_vote(secretariat, room.named, room.makati, "yes")
    assert BallotReceipt.objects.get(decision=room.secret).source == "clerk"
    assert Vote.objects.get(decision=room.named).source == "clerk"
    assert live.ballot_sources(room.secret) == {"device": 0, "clerk": 1}


def test_a_vote_after_the_close_is_refused(room, secretariat, seoul_officer):
    checked_in(room, seoul_officer)
    live.cast_ballot(seoul_officer, room.named, "yes")
    services.close_motion(secretariat, room.named)
    with pytest.raises(DomainError, match="closed"):
        live.cast_ballot(seoul_officer, room.named, "no")


def test_every_change_moves_the_meetings_live_version(room, seoul_officer):
    before = live.version(room.meeting.pk)
    checked_in(room, seoul_officer)
    after_check_in = live.version(room.meeting.pk)
    live.cast_ballot(seoul_officer, room.secret, "yes")
    assert before < after_check_in < live.version(room.meeting.pk)


def test_counts_are_refused_over_a_secret_ballot_members_voted_in(room, secretariat, seoul_officer):
    checked_in(room, seoul_officer)
    live.cast_ballot(seoul_officer, room.secret, "yes")
    with pytest.raises(DomainError, match="secret ballot"):
        services.record_counts(secretariat, room.secret, yes=1, no=0, abstain=0)


def test_no_table_row_joins_a_member_to_a_secret_choice(room, seoul_officer, makati_officer):
    """Read every table as a database reader would: no row holds both a voter of the secret
    ballot and a choice word."""
    checked_in(room, seoul_officer, makati_officer)
    live.cast_ballot(seoul_officer, room.secret, "yes")
    live.cast_ballot(makati_officer, room.secret, "no")
    ids = {str(room.seoul.pk), str(room.makati.pk), "seoul", "makati", "Seoul", "Makati"}
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        for table in tables:
            if not table.startswith("governance_"):
                continue
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608
            for row in cursor.fetchall():
                values = [str(v) for v in row]
                if any(v in ("yes", "no") for v in values):
                    assert not (
                        table.endswith("ballotreceipt") or table.endswith("secrettally")
                    ) or not (set(values) & ids), (table, row)
    assert not Decision.objects.get(pk=room.secret.pk).votes.exists()
