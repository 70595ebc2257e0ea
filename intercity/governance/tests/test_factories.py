"""The governance factories make what the services make: a meeting with its members
invited, an agenda item, an observer, a motion open for votes."""

import pytest

from intercity.governance.models import Decision, Participant
from intercity.governance.tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    MotionFactory,
    ParticipantFactory,
)

pytestmark = pytest.mark.django_db


def test_a_meeting_invites_the_members_of_its_body(wego):
    meeting = MeetingFactory()
    assert meeting.network == wego
    assert meeting.participants.filter(role=Participant.Role.DELEGATE).count() == 19


def test_one_secretary_plans_the_meeting_and_puts_the_motion(secretariat):
    motion = MotionFactory(actor=secretariat, title="Approve the 2017 accounts")
    assert motion.status == Decision.Status.OPEN
    assert motion.agenda_item.meeting.agenda.get() == motion.agenda_item


def test_an_observer_joins_a_meeting_already_planned(secretariat):
    item = AgendaItemFactory(actor=secretariat)
    observer = ParticipantFactory(actor=secretariat, meeting=item.meeting, name="Ana Observer")
    assert (observer.role, observer.organisation) == (Participant.Role.OBSERVER, None)
