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


def test_two_organisers_put_sessions_into_one_room_at_once_one_is_refused(
    committed_seed, secretariat
):
    from intercity.events import services_organising as organising

    event = f.event()
    hall = organising.save_room(secretariat, event, None, name="Hall", capacity=None)

    outcomes = run_concurrently(
        lambda i: organising.save_session(
            secretariat,
            event,
            None,
            organising.SessionData(
                f"Talk {i}", SessionKind.CONFERENCE, f.at(1, "10:00"), f.at(1, "11:00"), hall
            ),
        ),
        times=2,
    )

    assert len(outcomes.results) == 1
    assert outcomes.count(DomainError) == 1, outcomes.errors
    assert event.sessions.filter(room=hall).count() == 1


def test_deleting_a_session_while_it_is_chosen_leaves_no_agenda_pointing_nowhere(
    committed_seed, secretariat
):
    from intercity.events import services_organising as organising

    event = f.event()
    delegate = f.category(event, "delegate", (SessionKind.CONFERENCE,))
    talk = f.session(event, "Talk", f.at(1, "10:00"), f.at(1, "11:00"))
    ana = services.register(
        None,
        event,
        delegate,
        name="Ana",
        email="ana@example.org",
        organisation="X",
        send_mail=False,
    )

    outcomes = run_concurrently(
        lambda i: (
            organising.delete_session(secretariat, event, talk)
            if i == 0
            else services.choose_session(ana, talk)
        ),
        times=2,
    )

    # Either the choice came first (the delete is refused) or the delete (the choice fails):
    # one succeeds, the other is refused in words (no database error).
    assert len(outcomes.results) == 1, outcomes.errors
    assert len(outcomes.errors) == 1
    assert isinstance(outcomes.errors[0], DomainError), outcomes.errors
    still = event.sessions.filter(pk=talk.pk).exists()
    assert still == AgendaChoice.objects.filter(session=talk).exists()


def test_two_visitors_at_once_for_the_last_place_left_by_an_expired_hold_one_gets_it(
    committed_seed,
):
    # Two places: one held by a young unconfirmed registration, one freed by an unconfirmed
    # registration older than the hold. Two visitors at once: one gets the freed place.
    import datetime as dt

    from django.utils import timezone

    event = f.event(capacity=2)
    delegate = f.category(event, "delegate", ())

    def visitor(i: int):
        return services.register(
            None,
            event,
            delegate,
            name=f"P{i}",
            email=f"p{i}@example.org",
            organisation="Seoul",
            send_mail=False,
        )

    young, old = visitor(100), visitor(101)
    Registration.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - dt.timedelta(hours=49)
    )

    outcomes = run_concurrently(visitor, times=2)

    assert len(outcomes.results) == 1
    assert outcomes.count(DomainError) == 1, outcomes.errors
    assert services.registered_count(event) == 2
    assert young.pk in Registration.objects.filter(services.holding(timezone.now())).values_list(
        "pk", flat=True
    )
