"""Invitations: the Secretariat invites someone to a role, they accept from the e-mail's link
and hold it. A link works once, until it expires or is revoked; only its hash is stored."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from intercity.accounts import services
from intercity.accounts.models import Invitation, Role, RoleGrant, User
from intercity.core.errors import DomainError, NotFound, PermissionDenied
from intercity.core.models import AuditEvent
from intercity.core.tests.concurrently import run_concurrently
from intercity.network.models import Organisation

pytestmark = pytest.mark.django_db

SITE_URL = "https://intercity.example.org"
GOOD = "lanterns over the han"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE_URL
    settings.ALLOWED_HOSTS = ["*"]


@pytest.fixture
def seoul(db):
    return Organisation.objects.get(key="seoul")


def _invite_officer(secretariat, seoul, email="minji@seoul.go.kr", **extra):
    return services.invite(secretariat, email, Role.CITY_OFFICER, seoul, **extra)


def _accept(token, username="minji", password=GOOD, **extra):
    return services.accept_invitation(token, username, password, **extra)


# --- Inviting ----------------------------------------------------------------------------


def test_an_invitation_mails_an_absolute_link_from_site_url_and_stores_only_a_hash(
    client, secretariat, seoul, django_capture_on_commit_callbacks
):
    client.force_login(secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("invitations"),
            {
                "email": "minji@seoul.go.kr",
                "role": "city_officer",
                "organisation": seoul.pk,
                "language": "en",
            },
            HTTP_HOST="evil.example.com",
        )
    [message] = mail.outbox
    link = re.search(r"https?://\S+", message.body).group(0)
    assert link.startswith(f"{SITE_URL}/accounts/invitations/")
    assert "evil.example.com" not in message.body + message.alternatives[0][0]
    assert f'href="{link}"' in message.alternatives[0][0]
    assert message.to == ["minji@seoul.go.kr"]
    assert "City officer" in message.body
    assert "Seoul" in message.body
    token = link.rstrip("/").rsplit("/", 1)[1]
    invitation = Invitation.objects.get()
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(Invitation.objects.values().get())
    assert AuditEvent.objects.filter(verb="invite", actor=secretariat).count() == 1


def test_an_invitation_expires_after_invitation_days(secretariat, seoul, settings):
    settings.INVITATION_DAYS = 3
    now = timezone.now()
    issued = _invite_officer(secretariat, seoul, now=now)
    assert issued.invitation.expires_at == now + dt.timedelta(days=3)


def test_only_the_secretariat_invites(seoul_officer, seoul):
    with pytest.raises(PermissionDenied):
        _invite_officer(seoul_officer, seoul)
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_the_invitations_page_is_refused_to_others(client, seoul_officer):
    client.force_login(seoul_officer)
    assert client.get(reverse("invitations")).status_code == 403


def test_a_city_officer_must_be_invited_for_an_organisation(secretariat):
    with pytest.raises(DomainError, match="must name the organisation"):
        services.invite(secretariat, "minji@seoul.go.kr", Role.CITY_OFFICER)
    assert not Invitation.objects.exists()


def test_the_page_shows_the_organisation_requirement_as_a_form_error(client, secretariat):
    client.force_login(secretariat)
    response = client.post(
        reverse("invitations"),
        {"email": "x@seoul.go.kr", "role": "department_staff", "language": "en"},
    )
    assert response.status_code == 400
    assert "must name the organisation it acts for" in response.content.decode()


def test_a_second_open_invitation_for_the_same_person_and_role_is_refused(
    secretariat, seoul, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _invite_officer(secretariat, seoul)
    with pytest.raises(DomainError, match="already has an open invitation"):
        _invite_officer(secretariat, seoul, email="MINJI@seoul.go.kr")
    assert Invitation.objects.count() == 1
    assert len(mail.outbox) == 1


def test_once_revoked_or_expired_the_person_can_be_invited_again(secretariat, seoul):
    first = _invite_officer(secretariat, seoul)
    services.revoke_invitation(secretariat, first.invitation)
    second = _invite_officer(secretariat, seoul)
    later = timezone.now() + dt.timedelta(days=30)
    _invite_officer(secretariat, seoul, now=later)
    second.invitation.refresh_from_db()
    assert second.invitation.expired_at == later
    assert Invitation.objects.count() == 3


def test_the_page_lists_invitations_with_their_state(client, secretariat, seoul):
    open_one = _invite_officer(secretariat, seoul, email="a@seoul.go.kr")
    revoked = _invite_officer(secretariat, seoul, email="b@seoul.go.kr")
    services.revoke_invitation(secretariat, revoked.invitation)
    accepted = _invite_officer(secretariat, seoul, email="c@seoul.go.kr")
    _accept(accepted.token, username="c")
    Invitation.objects.filter(pk=open_one.invitation.pk).update(
        expires_at=timezone.now() - dt.timedelta(days=1)
    )
    _invite_officer(secretariat, seoul, email="d@seoul.go.kr")
    client.force_login(secretariat)
    page = client.get(reverse("invitations")).content.decode()
    rows = {
        email: re.search(rf"{re.escape(email)}.*?</tr>", page, re.S).group(0)
        for email in ("a@seoul.go.kr", "b@seoul.go.kr", "c@seoul.go.kr", "d@seoul.go.kr")
    }
    assert "expired" in rows["a@seoul.go.kr"]
    assert "revoked" in rows["b@seoul.go.kr"]
    assert "accepted" in rows["c@seoul.go.kr"]
    assert "open" in rows["d@seoul.go.kr"]
    assert "Revoke" in rows["d@seoul.go.kr"]
    assert "Revoke" not in rows["b@seoul.go.kr"]


def test_the_header_links_to_invitations_for_the_secretariat_only(client, secretariat, citizen):
    client.force_login(secretariat)
    assert f'href="{reverse("invitations")}"' in client.get("/").content.decode()
    other = Client()
    other.force_login(citizen)
    assert f'href="{reverse("invitations")}"' not in other.get("/").content.decode()


# --- Accepting ---------------------------------------------------------------------------


def test_accepting_creates_a_login_with_the_email_and_the_role(secretariat, seoul):
    issued = _invite_officer(secretariat, seoul)
    user = _accept(issued.token, full_name="Kim Minji")
    assert user.email == "minji@seoul.go.kr"
    assert user.check_password(GOOD)
    assert (user.first_name, user.last_name) == ("Kim", "Minji")
    assert RoleGrant.objects.filter(user=user, role=Role.CITY_OFFICER, organisation=seoul).exists()
    issued.invitation.refresh_from_db()
    assert issued.invitation.accepted_user == user
    assert AuditEvent.objects.filter(verb="accept_invitation").count() == 1


def test_the_accept_page_says_who_invited_to_what_then_logs_the_person_in(
    client, secretariat, seoul
):
    secretariat.first_name, secretariat.last_name = "Sam", "Lee"
    secretariat.save()
    issued = _invite_officer(secretariat, seoul)
    url = reverse("accept_invitation", args=[issued.token])
    page = client.get(url).content.decode()
    assert "Sam Lee invites you to Intercity as City officer for Seoul." in page
    response = client.post(
        url,
        {"username": "minji", "full_name": "Kim Minji", "password1": GOOD, "password2": GOOD},
    )
    assert response["Location"] == reverse("start")
    assert client.get(reverse("password_change")).status_code == 200  # signed in


def test_two_different_passwords_are_refused_and_nothing_is_saved(client, secretariat, seoul):
    issued = _invite_officer(secretariat, seoul)
    response = client.post(
        reverse("accept_invitation", args=[issued.token]),
        {"username": "minji", "password1": GOOD, "password2": GOOD + "!"},
    )
    assert response.status_code == 400
    assert "The two passwords differ" in response.content.decode()
    assert not User.objects.filter(username="minji").exists()


def test_a_weak_password_is_refused_by_djangos_validators(client, secretariat, seoul):
    issued = _invite_officer(secretariat, seoul)
    response = client.post(
        reverse("accept_invitation", args=[issued.token]),
        {"username": "minji", "password1": "password", "password2": "password"},
    )
    assert response.status_code == 400
    assert "too common" in response.content.decode()
    with pytest.raises(DomainError, match="too common"):
        _accept(issued.token, password="password")
    assert not User.objects.filter(username="minji").exists()


def test_a_taken_username_is_refused(secretariat, seoul):
    issued = _invite_officer(secretariat, seoul)
    with pytest.raises(DomainError, match="username is taken"):
        _accept(issued.token, username="SAM")
    issued.invitation.refresh_from_db()
    assert issued.invitation.accepted_at is None


def test_a_used_link_is_refused(client, secretariat, seoul):
    issued = _invite_officer(secretariat, seoul)
    _accept(issued.token)
    with pytest.raises(DomainError, match="already accepted"):
        _accept(issued.token, username="minji2")
    page = client.get(reverse("accept_invitation", args=[issued.token]))
    assert page.status_code == 410
    assert "already accepted" in page.content.decode()
    assert User.objects.filter(email="minji@seoul.go.kr").count() == 1


def test_a_revoked_link_is_refused(client, secretariat, seoul):
    issued = _invite_officer(secretariat, seoul)
    client.force_login(secretariat)
    client.post(reverse("revoke_invitation", args=[issued.invitation.pk]))
    with pytest.raises(DomainError, match="revoked"):
        _accept(issued.token)
    assert not User.objects.filter(username="minji").exists()
    assert AuditEvent.objects.filter(verb="revoke_invitation", actor=secretariat).count() == 1


def test_revoking_twice_is_refused(secretariat, seoul):
    issued = _invite_officer(secretariat, seoul)
    services.revoke_invitation(secretariat, issued.invitation)
    with pytest.raises(DomainError, match="already accepted or revoked"):
        services.revoke_invitation(secretariat, issued.invitation)


def test_only_the_secretariat_revokes(secretariat, seoul_officer, seoul):
    issued = _invite_officer(secretariat, seoul)
    with pytest.raises(PermissionDenied):
        services.revoke_invitation(seoul_officer, issued.invitation)
    issued.invitation.refresh_from_db()
    assert issued.invitation.revoked_at is None


def test_an_expired_link_is_refused_even_before_the_nightly_run(client, secretariat, seoul):
    issued = _invite_officer(secretariat, seoul, now=timezone.now() - dt.timedelta(days=15))
    with pytest.raises(DomainError, match="expired"):
        _accept(issued.token)
    page = client.get(reverse("accept_invitation", args=[issued.token]))
    assert page.status_code == 410
    assert "expired" in page.content.decode()


def test_an_unknown_token_is_not_found(client):
    with pytest.raises(NotFound):
        _accept("not-a-token")
    assert client.get(reverse("accept_invitation", args=["not-a-token"])).status_code == 404


def test_expiring_marks_the_overdue_once_and_leaves_the_others(secretariat, seoul):
    now = timezone.now()
    old = _invite_officer(
        secretariat, seoul, email="old@seoul.go.kr", now=now - dt.timedelta(days=20)
    )
    fresh = _invite_officer(secretariat, seoul, email="new@seoul.go.kr", now=now)
    assert services.expire_invitations(now) == 1
    assert services.expire_invitations(now) == 0
    old.invitation.refresh_from_db()
    fresh.invitation.refresh_from_db()
    assert old.invitation.expired_at == now
    assert fresh.invitation.expired_at is None
    assert AuditEvent.objects.filter(verb="expire_invitation").count() == 1


def test_an_existing_login_with_the_email_must_sign_in_to_add_the_role(secretariat, seoul):
    minji = User.objects.create_user("minji", "minji@seoul.go.kr", GOOD)
    issued = _invite_officer(secretariat, seoul)
    with pytest.raises(DomainError, match="already a login"):
        _accept(issued.token, username="minji-new")
    added = services.accept_invitation(issued.token, user=minji)
    assert added == minji
    assert RoleGrant.objects.filter(user=minji, role=Role.CITY_OFFICER).exists()
    assert User.objects.filter(email__iexact="minji@seoul.go.kr").count() == 1


def test_a_signed_in_holder_accepts_with_one_button(client, secretariat, seoul):
    minji = User.objects.create_user("minji", "minji@seoul.go.kr", GOOD)
    issued = _invite_officer(secretariat, seoul)
    client.force_login(minji)
    url = reverse("accept_invitation", args=[issued.token])
    assert "added to the account you are logged in with" in client.get(url).content.decode()
    assert client.post(url)["Location"] == reverse("start")
    assert RoleGrant.objects.filter(user=minji, organisation=seoul).exists()


def test_someone_signed_in_with_another_email_cannot_take_the_role(client, secretariat, seoul):
    issued = _invite_officer(secretariat, seoul)
    with pytest.raises(DomainError, match="another e-mail address"):
        services.accept_invitation(issued.token, user=secretariat)
    client.force_login(secretariat)
    page = client.get(reverse("accept_invitation", args=[issued.token])).content.decode()
    assert "you are logged in with another account" in page
    assert not RoleGrant.objects.filter(role=Role.CITY_OFFICER, user=secretariat).exists()


@pytest.mark.django_db(transaction=True)
def test_two_accepts_of_one_link_at_once_make_one_account(committed_seed):
    from intercity.accounts.tests.factories import person

    sam = person("sam", Role.SECRETARIAT)
    issued = _invite_officer(sam, Organisation.objects.get(key="seoul"))
    outcomes = run_concurrently(lambda i: _accept(issued.token, username=f"minji{i}"), times=4)
    assert len(outcomes.results) == 1
    assert outcomes.count(DomainError) == 3
    assert User.objects.filter(email="minji@seoul.go.kr").count() == 1
    assert RoleGrant.objects.filter(role=Role.CITY_OFFICER, organisation__key="seoul").count() == 1


def test_the_invitation_mail_is_written_in_the_language_chosen_for_it(
    secretariat, seoul, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _invite_officer(secretariat, seoul, language="ko")
    [message] = mail.outbox
    assert message.subject == "Intercity 에 초대합니다"
    assert "도시 담당관" in message.body
    assert _html_lang(message.alternatives[0][0]) == "ko"


def _html_lang(html: str) -> str:
    found = re.search(r'<html lang="([^"]+)"', html)
    assert found, html
    return found.group(1)


def test_the_new_login_reads_the_site_in_the_invitations_language(secretariat, seoul):
    issued = _invite_officer(secretariat, seoul, language="es")
    assert _accept(issued.token).language == "es"


def test_a_signed_out_holder_is_offered_to_log_in_first(client, secretariat, seoul):
    issued = _invite_officer(secretariat, seoul)
    url = reverse("accept_invitation", args=[issued.token])
    page = client.get(url).content.decode()
    assert f'href="{reverse("login")}?next={url}"' in page


@pytest.mark.django_db(transaction=True)
def test_the_same_invitation_sent_four_times_at_once_is_sent_once(committed_seed):
    from intercity.accounts.tests.factories import person

    sam = person("sam", Role.SECRETARIAT)
    seoul = Organisation.objects.get(key="seoul")
    outcomes = run_concurrently(lambda i: _invite_officer(sam, seoul), times=4)
    assert len(outcomes.results) == 1
    assert outcomes.count(DomainError) == 3
    assert Invitation.objects.count() == 1
    assert len(mail.outbox) == 1


def test_the_hourly_job_expires_through_the_scheduler_once_per_slot(secretariat, seoul):
    from intercity.accounts.manifest import INVITATION_EXPIRY
    from intercity.core import schedules

    slot = dt.datetime(2026, 12, 4, 10, 5, tzinfo=dt.UTC)
    _invite_officer(secretariat, seoul, email="old@seoul.go.kr", now=slot - dt.timedelta(days=20))
    assert schedules.find("accounts.invitation-expiry") is INVITATION_EXPIRY
    assert INVITATION_EXPIRY.run(slot) == {"expired": 1}
    assert INVITATION_EXPIRY.run(slot) == {"expired": 0}
    assert INVITATION_EXPIRY.describe({"expired": 1}) == "1 invitation expired"
    assert AuditEvent.objects.filter(verb="expire_invitation").count() == 1
