"""Factories for governance records: meetings, agenda items, participants and motions;
other apps' tests import them.

A meeting is never a bare row: planning one invites the body's members of that day, and a
motion is checked against the statute when it is put. So these factories call the named
actions of `governance.services`, as the Secretariat would; `actor` is the Secretariat
member who acts (a new one unless given), and a meeting is WeGO's Executive Committee of
20 June 2018 unless told otherwise.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.governance import services
from intercity.governance.models import AgendaItem, Decision, Meeting, Participant
from intercity.network.models import Network

EXCOM_2018 = dt.date(2018, 6, 20)


def secretary(n: int) -> Any:
    return person(f"secretary-{n}", Role.SECRETARIAT)


class MeetingFactory(factory.base.Factory[Meeting]):
    """A planned meeting of a body, its members on that day invited as delegates."""

    class Meta:
        model = Meeting

    actor = factory.Sequence(secretary)
    network = factory.LazyFunction(lambda: Network.objects.get(slug="wego"))
    body_slug = "executive-committee"
    title = factory.Sequence(lambda n: f"Executive Committee Meeting {n}")
    date = EXCOM_2018
    kind = Meeting.Kind.REGULAR
    venue = ""
    key = ""
    invite_members = True

    @classmethod
    def _create(
        cls, model_class: type[Meeting], actor: Any, network: Network, **kwargs: Any
    ) -> Meeting:
        body_slug = kwargs.pop("body_slug")
        return services.create_meeting(actor, network, body_slug, **kwargs)


class AgendaItemFactory(factory.base.Factory[AgendaItem]):
    class Meta:
        model = AgendaItem

    actor = factory.Sequence(secretary)
    meeting = factory.SubFactory(MeetingFactory, actor=factory.SelfAttribute("..actor"))
    number = factory.Sequence(lambda n: str(n + 1))
    title = factory.Sequence(lambda n: f"Agenda item {n + 1}")
    description = ""

    @classmethod
    def _create(
        cls, model_class: type[AgendaItem], actor: Any, meeting: Meeting, **kwargs: Any
    ) -> AgendaItem:
        return services.add_agenda_item(actor, meeting, **kwargs)


class ParticipantFactory(factory.base.Factory[Participant]):
    """Someone at a meeting besides the invited delegates: by default a named observer."""

    class Meta:
        model = Participant

    actor = factory.Sequence(secretary)
    meeting = factory.SubFactory(MeetingFactory, actor=factory.SelfAttribute("..actor"))
    organisation = None
    name = factory.Sequence(lambda n: f"Observer {n}")
    role = Participant.Role.OBSERVER
    attendance = Participant.Attendance.UNKNOWN

    @classmethod
    def _create(
        cls, model_class: type[Participant], actor: Any, meeting: Meeting, **kwargs: Any
    ) -> Participant:
        return services.add_participant(actor, meeting, **kwargs)


class MotionFactory(factory.base.Factory[Decision]):
    """A motion put to the body under an agenda item, open for votes (a `Decision`)."""

    class Meta:
        model = Decision

    actor = factory.Sequence(secretary)
    item = factory.SubFactory(AgendaItemFactory, actor=factory.SelfAttribute("..actor"))
    title = factory.Sequence(lambda n: f"Motion {n}")
    text = ""
    rule = "ordinary-motion"
    effects = None
    vote_mode = Decision.VoteMode.ROLL_CALL

    @classmethod
    def _create(
        cls, model_class: type[Decision], actor: Any, item: AgendaItem, **kwargs: Any
    ) -> Decision:
        return services.propose_motion(actor, item, **kwargs)
