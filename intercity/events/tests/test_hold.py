"""An unconfirmed registration holds its place for EVENTS_UNCONFIRMED_HOLD_HOURS only: the
places count confirmed registrations and unconfirmed ones younger than the hold; a late
confirmation gets its place back only if one is left. The public form is rate-limited per
client address."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from intercity.core.errors import DomainError
from intercity.events import rules, services
from intercity.events.models import Registration, SessionKind
from intercity.events.tests import factories as f

pytestmark = pytest.mark.django_db

HOLD = dt.timedelta(hours=48)


def visitor(event, category, email="ana@example.org"):
    return services.register(
        None, event, category, name="Ana", email=email, organisation="Madrid", send_mail=False
    )


def age(registration: Registration, hours: float) -> None:
    """Make the registration `hours` old (a test of time, without waiting)."""
    Registration.objects.filter(pk=registration.pk).update(
        created_at=timezone.now() - dt.timedelta(hours=hours)
    )
    registration.refresh_from_db()


NOW = dt.datetime(2031, 5, 1, 12, tzinfo=dt.UTC)


@given(st.booleans(), st.integers(0, 200))
def test_a_registration_holds_its_place_when_confirmed_or_younger_than_the_hold(confirmed, hours):
    made = NOW - dt.timedelta(hours=hours)
    assert rules.holds_place(confirmed, made, NOW, HOLD) == (confirmed or hours < 48)


def test_an_unconfirmed_registration_older_than_the_hold_frees_its_place():
    event = f.event(capacity=1)
    delegate = f.category(event, "delegate", ())
    first = visitor(event, delegate)
    with pytest.raises(DomainError, match="No place is left"):
        visitor(event, delegate, email="bo@example.org")
    age(first, 47.9)
    assert services.registered_count(event) == 1
    age(first, 48.1)
    assert services.registered_count(event) == 0
    assert visitor(event, delegate, email="bo@example.org").pk


def test_a_confirmed_registration_holds_its_place_however_old():
    event = f.event(capacity=1)
    delegate = f.category(event, "delegate", ())
    first = visitor(event, delegate)
    services.confirm(first.token)
    age(first, 1000)
    with pytest.raises(DomainError, match="No place is left"):
        visitor(event, delegate, email="bo@example.org")


def test_the_hold_is_a_setting(settings):
    settings.EVENTS_UNCONFIRMED_HOLD_HOURS = 2
    event = f.event(capacity=1)
    delegate = f.category(event, "delegate", ())
    age(visitor(event, delegate), 3)
    assert services.registered_count(event) == 0


def test_a_late_confirmation_gets_the_place_back_only_if_one_is_left():
    event = f.event(capacity=1)
    delegate = f.category(event, "delegate", ())
    late = visitor(event, delegate)
    age(late, 49)
    taker = visitor(event, delegate, email="bo@example.org")
    with pytest.raises(DomainError, match="not confirmed within 48 hours") as refusal:
        services.confirm(late.token)
    assert refusal.value.status_code == 409
    assert Registration.objects.get(pk=late.pk).confirmed_at is None
    services.cancel(taker)
    assert services.confirm(late.token).confirmed_at is not None
    assert services.registered_count(event) == 1


def test_an_expired_registrations_sessions_free_their_seats():
    event = f.event()
    delegate = f.category(event, "delegate", (SessionKind.CONFERENCE,))
    talk = f.session(event, "Talk", f.at(1, "10:00"), f.at(1, "11:00"), capacity=1)
    first = visitor(event, delegate)
    services.choose_session(first, talk)
    assert services.taken(talk) == 1
    age(first, 49)
    assert services.taken(talk) == 0


def test_the_pages_say_how_long_the_place_is_held(client: Client):
    event = f.event()
    delegate = f.category(event, "delegate", ())
    form = client.get(f"/events/{event.pk}/register/").content.decode()
    assert "Your place is held for 48 hours until you confirm" in form
    mine = client.get(f"/events/registration/{visitor(event, delegate).token}/").content.decode()
    assert "Your place is held until" in mine


def test_a_late_confirmation_without_a_place_is_refused_on_the_page(client: Client):
    event = f.event(capacity=1)
    delegate = f.category(event, "delegate", ())
    late = visitor(event, delegate)
    age(late, 49)
    visitor(event, delegate, email="bo@example.org")
    response = client.get(f"/events/registration/{late.token}/confirm/")
    assert response.status_code == 409
    assert "its place has since been taken" in response.content.decode()


def test_the_registration_form_is_rate_limited_per_client(client: Client, settings):
    settings.EVENTS_REGISTRATIONS_PER_CLIENT_HOUR = 2
    event = f.event()
    delegate = f.category(event, "delegate", ())
    url = f"/events/{event.pk}/register/"

    def send(n: int, address: str = "203.0.113.7"):
        return client.post(
            url,
            {
                "category": delegate.pk,
                "name": "P",
                "email": f"p{n}@example.org",
                "organisation": "X",
            },
            REMOTE_ADDR=address,
        )

    assert send(1).status_code == 302
    assert send(2).status_code == 302
    refused = send(3)
    assert refused.status_code == 429
    assert "Too many registrations from your connection" in refused.content.decode()
    assert not Registration.objects.filter(email="p3@example.org").exists()
    assert send(4, "198.51.100.9").status_code == 302  # another client counts on its own
    assert client.get(url, REMOTE_ADDR="203.0.113.7").status_code == 200  # reading is free
