"""Forgotten and changed passwords: the reset e-mail links from SITE_URL whatever Host the
request named, tells nobody whether an address has an account, and every new password is
audited."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from intercity.accounts.tests.factories import PASSWORD, UserFactory
from intercity.core.models import AuditEvent

pytestmark = pytest.mark.django_db

SITE_URL = "https://intercity.example.org"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE_URL
    settings.ALLOWED_HOSTS = ["*"]


@pytest.fixture
def seoyeon(seoul_officer):
    seoul_officer.email = "seoyeon@seoul.go.kr"
    seoul_officer.save()
    return seoul_officer


def _ask_reset(client: Client, email: str, host: str = "intercity.example.org"):
    return client.post(reverse("password_reset"), {"email": email}, HTTP_HOST=host)


def _password_is(user, password: str) -> bool:
    user.refresh_from_db()
    return bool(user.check_password(password))


def _first_link(text: str) -> str:
    found = re.search(r"https?://\S+", text)
    assert found, text
    return found.group(0)


def _link(message) -> str:
    return _first_link(message.body)


def test_the_login_page_names_the_site_and_offers_a_reset_link(client):
    page = client.get(reverse("login")).content.decode()
    assert "Log in to Intercity" in page
    assert f'href="{reverse("password_reset")}"' in page
    assert "Forgot your password?" in page


def test_a_reset_mail_carries_a_link_built_from_site_url_not_the_host_header(client, seoyeon):
    _ask_reset(client, "seoyeon@seoul.go.kr", host="evil.example.com")
    [message] = mail.outbox
    assert message.to == ["seoyeon@seoul.go.kr"]
    assert "evil.example.com" not in message.body
    assert "evil.example.com" not in message.alternatives[0][0]
    assert "evil.example.com" not in message.subject
    assert _link(message).startswith(f"{SITE_URL}/accounts/password/reset/")
    assert f'href="{_link(message)}"' in message.alternatives[0][0]
    assert message.subject == "Choose a new password for Intercity"


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, seoyeon):
    known = _ask_reset(client, "seoyeon@seoul.go.kr")
    unknown = _ask_reset(client, "nobody@nowhere.example")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1


def test_following_the_link_sets_a_new_password_that_logs_in(client, seoyeon):
    _ask_reset(client, "seoyeon@seoul.go.kr")
    path = _link(mail.outbox[0]).removeprefix(SITE_URL)
    form = client.get(path, follow=True)
    assert form.status_code == 200
    assert "Choose a new password" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "lanterns over the han", "new_password2": "lanterns over the han"},
    )
    assert done["Location"] == reverse("password_reset_complete")
    assert _password_is(seoyeon, "lanterns over the han")
    assert not _password_is(seoyeon, PASSWORD)
    assert AuditEvent.objects.filter(verb="reset_password", actor=seoyeon).count() == 1


def test_a_used_reset_link_no_longer_works(client, seoyeon):
    _ask_reset(client, "seoyeon@seoul.go.kr")
    path = _link(mail.outbox[0]).removeprefix(SITE_URL)
    form = client.get(path, follow=True)
    new = {"new_password1": "lanterns over the han", "new_password2": "lanterns over the han"}
    client.post(form.redirect_chain[-1][0], new)
    again = Client().get(path, follow=True).content.decode()
    assert "does not work any more" in again


def test_a_weak_new_password_is_refused_and_nothing_changes(client, seoyeon):
    _ask_reset(client, "seoyeon@seoul.go.kr")
    form = client.get(_link(mail.outbox[0]).removeprefix(SITE_URL), follow=True)
    refused = client.post(
        form.redirect_chain[-1][0], {"new_password1": "1234", "new_password2": "1234"}
    )
    assert refused.status_code == 200
    assert "too short" in refused.content.decode()
    assert _password_is(seoyeon, PASSWORD)
    assert not AuditEvent.objects.filter(verb="reset_password").exists()


def test_the_reset_mail_is_in_the_language_of_the_page_it_was_asked_from(client, seoyeon):
    client.post(reverse("choose_language"), {"language": "es", "next": "/"})
    _ask_reset(client, "seoyeon@seoul.go.kr")
    assert "contraseña" in mail.outbox[0].subject


def test_a_signed_in_person_changes_their_password_from_the_header(client, seoyeon):
    client.force_login(seoyeon)
    assert f'href="{reverse("password_change")}"' in client.get("/").content.decode()
    done = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "lanterns over the han",
            "new_password2": "lanterns over the han",
        },
    )
    assert done["Location"] == reverse("password_change_done")
    # Still signed in on this browser after the change.
    assert client.get(reverse("password_change")).status_code == 200
    assert _password_is(seoyeon, "lanterns over the han")
    event = AuditEvent.objects.get(verb="change_password")
    assert event.actor == seoyeon
    assert "lanterns" not in str(event.after) + str(event.before)


def test_a_wrong_current_password_changes_nothing(client, seoyeon):
    client.force_login(seoyeon)
    refused = client.post(
        reverse("password_change"),
        {
            "old_password": "not it",
            "new_password1": "lanterns over the han",
            "new_password2": "lanterns over the han",
        },
    )
    assert refused.status_code == 200
    assert _password_is(seoyeon, PASSWORD)
    assert not AuditEvent.objects.filter(verb="change_password").exists()


def test_changing_a_password_needs_a_login(client):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_resets_past_the_hourly_limit_for_an_address_send_nothing_and_say_the_same(
    client, seoyeon, settings
):
    settings.PASSWORD_RESET_PER_ADDRESS = 3
    answers = [_ask_reset(client, "seoyeon@seoul.go.kr") for _ in range(5)]
    assert len(mail.outbox) == 3
    assert {a["Location"] for a in answers} == {reverse("password_reset_done")}
    # Another person's reset is not held up by hers.
    other = UserFactory(username="minji", email="minji@seoul.go.kr")
    _ask_reset(client, other.email)
    assert len(mail.outbox) == 4


def test_resets_past_the_hourly_limit_for_one_client_send_nothing(client, seoyeon, settings):
    settings.PASSWORD_RESET_PER_CLIENT = 2
    for n in range(3):
        UserFactory(username=f"person{n}", email=f"person{n}@seoul.go.kr")
        _ask_reset(client, f"person{n}@seoul.go.kr")
    assert len(mail.outbox) == 2
