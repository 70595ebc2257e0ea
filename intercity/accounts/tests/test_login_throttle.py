"""Logins are throttled per account and per client address (django-axes)."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from intercity.accounts.tests.factories import UserFactory
from intercity.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LIMIT = settings.AXES_FAILURE_LIMIT


class Clock:
    """The time django-axes stamps each login attempt with, moved by the test."""

    def __init__(self) -> None:
        self.now = timezone.now()

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, delta: dt.timedelta) -> None:
        self.now += delta


@pytest.fixture
def clock():
    clock = Clock()
    with (
        mock.patch("axes.handlers.proxy.now", clock),
        mock.patch("axes.attempts.now", clock),
    ):
        yield clock


def attempt(client: Client, username: str, password: str, url: str = "/accounts/login/"):
    return client.post(url, {"username": username, "password": password})


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_the_login_page_is_open(client):
    assert client.get("/accounts/login/").status_code == 200


def test_after_the_limit_of_wrong_passwords_the_right_one_is_refused_with_a_message(client, clock):
    UserFactory(username="ana")
    for _ in range(LIMIT - 1):
        assert attempt(client, "ana", "wrong").status_code == 200  # the form again, an error
    locked = attempt(client, "ana", "wrong")
    assert locked.status_code == 429

    refused = attempt(client, "ana", PASSWORD)
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "Too many failed attempts to log in" in page
    assert f"paused for {settings.AXES_COOLOFF_TIME.seconds // 60} minutes" in page
    assert '<form method="post"' in page  # the login page, not a bare refusal
    assert not logged_in(client)


def test_the_account_is_locked_from_another_address_too(clock):
    UserFactory(username="ana")
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(LIMIT):
        attempt(attacker, "ana", "wrong")

    elsewhere = Client(REMOTE_ADDR="198.51.100.20")
    assert attempt(elsewhere, "ana", PASSWORD).status_code == 429
    assert not logged_in(elsewhere)


def test_the_address_is_locked_for_other_accounts_too(clock):
    UserFactory(username="ana")
    UserFactory(username="ben")
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    for number in range(LIMIT):
        attempt(attacker, f"guess{number}", "wrong")

    assert attempt(attacker, "ben", PASSWORD).status_code == 429
    assert not logged_in(attacker)
    # ...while the same account from elsewhere logs in.
    elsewhere = Client(REMOTE_ADDR="198.51.100.20")
    attempt(elsewhere, "ben", PASSWORD)
    assert logged_in(elsewhere)


def test_the_lock_lifts_after_the_cool_off(client, clock):
    UserFactory(username="ana")
    for _ in range(LIMIT):
        attempt(client, "ana", "wrong")
    clock.advance(settings.AXES_COOLOFF_TIME - dt.timedelta(seconds=1))
    assert attempt(client, "ana", PASSWORD).status_code == 429  # restarts the wait

    clock.advance(settings.AXES_COOLOFF_TIME + dt.timedelta(seconds=1))
    response = attempt(client, "ana", PASSWORD)
    assert response.status_code == 302
    assert logged_in(client)


def test_fewer_failures_than_the_limit_let_the_right_password_in(client, clock):
    UserFactory(username="ana")
    for _ in range(LIMIT - 1):
        attempt(client, "ana", "wrong")
    assert attempt(client, "ana", PASSWORD).status_code == 302
    assert logged_in(client)


def test_the_admin_login_is_throttled_too(client, clock):
    UserFactory(username="root", is_staff=True, is_superuser=True)
    for _ in range(LIMIT):
        attempt(client, "root", "wrong", url="/admin/login/")

    refused = attempt(client, "root", PASSWORD, url="/admin/login/")
    assert refused.status_code == 429
    assert "Too many failed attempts to log in" in refused.content.decode()
    assert not logged_in(client)


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({"REMOTE_ADDR": "10.0.0.5"}, "10.0.0.5"),
        ({"REMOTE_ADDR": "10.0.0.5", "HTTP_X_FORWARDED_FOR": "203.0.113.7"}, "10.0.0.5"),
    ],
)
def test_the_client_address_is_the_peer_unless_a_proxy_header_is_configured(rf, meta, expected):
    from intercity.accounts.throttle import client_address

    assert client_address(rf.get("/", **meta)) == expected


def test_behind_a_proxy_the_address_it_appended_counts(rf, settings):
    from intercity.accounts.throttle import client_address

    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    forged = rf.get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7"
    )  # the client wrote 1.2.3.4; the proxy appended the address it saw
    assert client_address(forged) == "203.0.113.7"


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "not-an-address"}, "10.0.0.1"),
        ({"HTTP_X_FORWARDED_FOR": "'; drop table"}, None),
        ({}, None),
    ],
)
def test_a_garbled_or_missing_address_is_not_stored(rf, settings, meta, expected):
    """The login log keeps addresses in an IP column (PostgreSQL's inet refuses anything else):
    an unusable header falls back to the peer, and no address at all is stored as none."""
    from intercity.accounts.throttle import client_address

    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    request = rf.get("/")
    request.META.pop("REMOTE_ADDR", None)
    request.META.update(meta)
    assert client_address(request) == expected


def test_a_login_made_in_code_is_logged_without_an_address(client, secretariat):
    """force_login has no request address: the suite's logins must not fail on it."""
    client.force_login(secretariat)
    assert client.get("/").status_code == 200
