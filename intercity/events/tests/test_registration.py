"""A visitor registers for an event and builds a personal agenda: what their category may
attend, the places left, overlapping sessions warned; the private link by mail; the organiser
alone sees the participants."""

from __future__ import annotations

import pytest
from django.core import mail

from intercity.core.errors import DomainError
from intercity.core.models import AuditEvent
from intercity.events import services
from intercity.events.models import Registration, SessionKind
from intercity.events.tests import factories as f

pytestmark = pytest.mark.django_db


def visitor(event, category, name="Ana", email="ana@example.org"):
    return services.register(None, event, category, name=name, email=email, organisation="Madrid")


def test_a_visitor_registers_and_is_mailed_the_private_link(django_capture_on_commit_callbacks):
    event = f.event()
    delegate = f.category(event, "delegate", (SessionKind.CONFERENCE,))
    with django_capture_on_commit_callbacks(execute=True):
        registration = visitor(event, delegate)
    assert registration.status == Registration.Status.REGISTERED
    assert registration.confirmed_at is None
    assert len(mail.outbox) == 1
    assert registration.token in mail.outbox[0].body
    assert AuditEvent.objects.filter(verb="register_for_event").count() == 1
    assert services.confirm(registration.token).confirmed_at is not None


def test_a_closed_event_refuses_registration_in_words():
    event = f.event(registration_open=False)
    delegate = f.category(event, "delegate", ())
    with pytest.raises(DomainError, match="closed"):
        visitor(event, delegate)


def test_the_same_address_registers_once():
    event = f.event()
    delegate = f.category(event, "delegate", ())
    visitor(event, delegate)
    with pytest.raises(DomainError, match="already registered"):
        visitor(event, delegate, email="ANA@example.org")


def test_the_last_place_of_the_event_is_taken_then_refused():
    event = f.event(capacity=1)
    delegate = f.category(event, "delegate", ())
    visitor(event, delegate)
    with pytest.raises(DomainError, match="No place is left") as refusal:
        visitor(event, delegate, email="bo@example.org")
    assert refusal.value.status_code == 409


def test_an_observer_may_not_choose_the_excom_meeting():
    event = f.event()
    observer = f.category(event, "observer", (SessionKind.CONFERENCE,))
    excom = f.session(event, "EXCOM", f.at(1, "10:00"), f.at(1, "11:00"), kind=SessionKind.EXCOM)
    registration = visitor(event, observer)
    with pytest.raises(DomainError, match="Observer registrations may not attend") as refusal:
        services.choose_session(registration, excom)
    assert refusal.value.status_code == 403
    assert services.agenda(registration) == []


def test_choosing_two_sessions_at_once_is_kept_with_a_warning():
    event = f.event()
    delegate = f.category(event, "delegate", (SessionKind.CONFERENCE,))
    one = f.session(event, "Session 1", f.at(1, "10:00"), f.at(1, "11:30"))
    two = f.session(event, "Session 2", f.at(1, "11:00"), f.at(1, "12:00"))
    registration = visitor(event, delegate)
    assert services.choose_session(registration, one) == []
    warnings = services.choose_session(registration, two)
    assert len(warnings) == 1
    assert "Session 1" in warnings[0]
    assert "Session 2" in warnings[0]
    assert services.agenda(registration) == [one, two]
    services.drop_session(registration, two)
    assert services.agenda_warnings(registration) == []


def test_a_full_room_refuses_the_next_registrant():
    event = f.event()
    delegate = f.category(event, "delegate", (SessionKind.CONFERENCE,))
    room = event.rooms.create(name="Room 201", capacity=1)
    talk = f.session(event, "Talk", f.at(1, "10:00"), f.at(1, "11:00"), room=room)
    services.choose_session(visitor(event, delegate), talk)
    late = visitor(event, delegate, email="late@example.org")
    with pytest.raises(DomainError, match="No place is left"):
        services.choose_session(late, talk)


def test_a_cancelled_registration_frees_its_places_and_may_not_choose():
    event = f.event()
    delegate = f.category(event, "delegate", (SessionKind.CONFERENCE,))
    talk = f.session(event, "Talk", f.at(1, "10:00"), f.at(1, "11:00"), capacity=1)
    first = visitor(event, delegate)
    services.choose_session(first, talk)
    services.cancel(first)
    assert services.taken(talk) == 0
    with pytest.raises(DomainError, match="cancelled"):
        services.choose_session(first, talk)


def test_only_the_organiser_sees_the_participants(secretariat, seoul_officer):
    event = f.event()
    visitor(event, f.category(event, "delegate", ()))
    assert [r.name for r in services.participants(secretariat, event)] == ["Ana"]
    with pytest.raises(DomainError):
        services.participants(seoul_officer, event)


def test_an_unknown_link_finds_no_registration():
    with pytest.raises(DomainError):
        services.get_registration("not-a-token")
