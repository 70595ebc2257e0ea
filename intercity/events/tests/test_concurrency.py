"""Two requests at once for the last place: one gets it (threads released together against
committed rows, SQLite and PostgreSQL alike)."""

from __future__ import annotations

import pytest

from intercity.core.errors import DomainError
from intercity.core.tests.concurrently import run_concurrently
from intercity.events import services
from intercity.events.models import AgendaChoice, Registration, SessionKind
from intercity.events.tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True)


def test_eight_visitors_at_once_for_the_last_place_of_an_event_one_gets_it(committed_seed):
    event = f.event(capacity=1)
    delegate = f.category(event, "delegate", ())

    outcomes = run_concurrently(
        lambda i: services.register(
            None,
            event,
            delegate,
            name=f"P{i}",
            email=f"p{i}@example.org",
            organisation="Seoul",
            send_mail=False,
        ),
        times=8,
    )

    assert len(outcomes.results) == 1
    assert outcomes.count(DomainError) == 7, outcomes.errors
    assert Registration.objects.filter(event=event).count() == 1


def test_two_registrants_at_once_for_the_last_seat_of_a_room_one_gets_it(committed_seed):
    event = f.event()
    delegate = f.category(event, "delegate", (SessionKind.CONFERENCE,))
    room = event.rooms.create(name="Small room", capacity=1)
    talk = f.session(event, "Talk", f.at(1, "10:00"), f.at(1, "11:00"), room=room)
    registrants = [
        services.register(
            None,
            event,
            delegate,
            name=f"P{i}",
            email=f"p{i}@example.org",
            organisation="Seoul",
            send_mail=False,
        )
        for i in range(2)
    ]

    outcomes = run_concurrently(lambda i: services.choose_session(registrants[i], talk), times=2)

    assert len(outcomes.results) == 1
    assert outcomes.count(DomainError) == 1, outcomes.errors
    assert AgendaChoice.objects.filter(session=talk).count() == 1
