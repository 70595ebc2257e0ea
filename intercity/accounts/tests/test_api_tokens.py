"""Personal API tokens: a script calls the API as its person, with the person's roles at each
call (decision 0019)."""

from __future__ import annotations

import datetime as dt
import hashlib
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone

from intercity.accounts import services
from intercity.accounts.models import ApiToken, Role, RoleGrant, User
from intercity.core.errors import DomainError, NotFound
from intercity.core.models import AuditEvent

pytestmark = pytest.mark.django_db

BALANCES = "/api/v1/networks/wego/balances"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_a_token_calls_the_api_as_its_person(client: Client, secretariat: User) -> None:
    _api_token, token = services.create_api_token(secretariat, "dues export")

    response = client.get(BALANCES, headers=bearer(token))

    assert response.status_code == 200


def test_without_a_token_or_session_the_api_asks_for_authentication(client: Client) -> None:
    response = client.get(BALANCES)

    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication required."}


def test_an_unknown_token_is_refused_with_401(client: Client, secretariat: User) -> None:
    response = client.get(BALANCES, headers=bearer("not-a-token"))

    assert response.status_code == 401
    assert response.json() == {"detail": "This API token is unknown, revoked or expired."}


def test_a_revoked_token_is_refused_at_once(client: Client, secretariat: User) -> None:
    api_token, token = services.create_api_token(secretariat, "dues export")
    assert client.get(BALANCES, headers=bearer(token)).status_code == 200

    services.revoke_api_token(secretariat, api_token.pk)
    response = client.get(BALANCES, headers=bearer(token))

    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]


def test_an_expired_token_is_refused(client: Client, secretariat: User) -> None:
    soon = timezone.now() + dt.timedelta(hours=1)
    _api_token, token = services.create_api_token(secretariat, "one hour", expires_at=soon)
    assert client.get(BALANCES, headers=bearer(token)).status_code == 200

    with mock.patch("django.utils.timezone.now", return_value=soon + dt.timedelta(seconds=1)):
        response = client.get(BALANCES, headers=bearer(token))

    assert response.status_code == 401


def test_a_token_loses_a_role_the_moment_its_person_does(client: Client, secretariat: User) -> None:
    _api_token, token = services.create_api_token(secretariat, "dues export")
    assert client.get(BALANCES, headers=bearer(token)).status_code == 200

    RoleGrant.objects.filter(user=secretariat, role=Role.SECRETARIAT).delete()
    response = client.get(BALANCES, headers=bearer(token))

    assert response.status_code == 403


def test_a_token_of_a_city_officer_gets_no_secretariat_data(
    client: Client, seoul_officer: User
) -> None:
    _api_token, token = services.create_api_token(seoul_officer, "my script")

    assert client.get(BALANCES, headers=bearer(token)).status_code == 403


def test_a_token_call_needs_no_csrf_token_but_a_session_call_does(secretariat: User) -> None:
    _api_token, token = services.create_api_token(secretariat, "meetings")
    client = Client(enforce_csrf_checks=True)
    meeting = {"body": "executive-committee", "title": "2018 Executive Committee"}

    with_token = client.post(
        "/api/v1/networks/wego/meetings",
        {**meeting, "date": "2018-06-01"},
        content_type="application/json",
        headers=bearer(token),
    )
    client.force_login(secretariat)
    with_session = client.post(
        "/api/v1/networks/wego/meetings",
        {**meeting, "date": "2018-06-02"},
        content_type="application/json",
    )

    assert with_token.status_code == 201, with_token.json()
    assert with_session.status_code == 403


def test_only_the_digest_is_stored(secretariat: User) -> None:
    api_token, token = services.create_api_token(secretariat, "dues export")

    api_token.refresh_from_db()
    assert api_token.digest == hashlib.sha256(token.encode()).hexdigest()
    assert api_token.prefix == token[:8]
    stored = [str(value) for value in ApiToken.objects.values_list().get(pk=api_token.pk)]
    assert token not in stored
    assert token not in str(AuditEvent.objects.filter(verb="create_api_token").values().get())


def test_the_token_is_shown_once_on_the_page(client: Client, seoul_officer: User) -> None:
    client.force_login(seoul_officer)

    response = client.post("/accounts/tokens/", {"name": "my script", "expires_on": ""})
    token = response.content.decode().split('id="new-token">')[1].split("</code>")[0]
    assert services.user_for_api_token(token) == seoul_officer
    assert "no-store" in response["Cache-Control"]

    again = client.get("/accounts/tokens/").content.decode()
    assert token not in again
    assert token[:8] in again


def test_a_token_needs_a_name_and_a_future_expiry(client: Client, seoul_officer: User) -> None:
    client.force_login(seoul_officer)

    response = client.post("/accounts/tokens/", {"name": "late", "expires_on": "2001-01-01"})

    assert "Choose an expiry date in the future." in response.content.decode()
    assert not ApiToken.objects.exists()
    with pytest.raises(DomainError):
        services.create_api_token(seoul_officer, "  ")


def test_a_person_revokes_only_their_own_tokens(
    client: Client, seoul_officer: User, makati_officer: User
) -> None:
    api_token, _token = services.create_api_token(seoul_officer, "my script")
    client.force_login(makati_officer)

    assert client.post(f"/accounts/tokens/{api_token.pk}/revoke/").status_code == 404
    with pytest.raises(NotFound):
        services.revoke_api_token(makati_officer, api_token.pk)
    api_token.refresh_from_db()
    assert api_token.revoked_at is None

    client.force_login(seoul_officer)
    assert client.post(f"/accounts/tokens/{api_token.pk}/revoke/").status_code == 302
    api_token.refresh_from_db()
    assert api_token.revoked_at is not None


def test_revoking_twice_revokes_once(seoul_officer: User) -> None:
    api_token, _token = services.create_api_token(seoul_officer, "my script")

    first = services.revoke_api_token(seoul_officer, api_token.pk)
    second = services.revoke_api_token(seoul_officer, api_token.pk)

    assert first.revoked_at == second.revoked_at
    assert AuditEvent.objects.filter(verb="revoke_api_token").count() == 1


def test_last_used_is_written_at_most_once_a_minute(client: Client, secretariat: User) -> None:
    api_token, token = services.create_api_token(secretariat, "dues export")
    start = timezone.now()

    with mock.patch("django.utils.timezone.now", return_value=start):
        client.get(BALANCES, headers=bearer(token))
    with mock.patch("django.utils.timezone.now", return_value=start + dt.timedelta(seconds=30)):
        client.get(BALANCES, headers=bearer(token))
    api_token.refresh_from_db()
    assert api_token.last_used_at == start

    later = start + dt.timedelta(seconds=61)
    with mock.patch("django.utils.timezone.now", return_value=later):
        client.get(BALANCES, headers=bearer(token))
    api_token.refresh_from_db()
    assert api_token.last_used_at == later


def test_the_api_documents_the_bearer_token(client: Client) -> None:
    schema = client.get("/api/openapi.json").json()

    schemes = schema["components"]["securitySchemes"]
    assert schemes["ApiTokenAuth"]["type"] == "http"
    assert schemes["ApiTokenAuth"]["scheme"] == "bearer"
    operation = schema["paths"]["/api/v1/networks/{slug}/balances"]["get"]
    assert {"ApiTokenAuth": []} in operation["security"]


def test_an_expiry_in_the_year_9999_is_a_form_error(client: Client, seoul_officer: User) -> None:
    client.force_login(seoul_officer)

    response = client.post("/accounts/tokens/", {"name": "forever", "expires_on": "9999-12-31"})

    assert "outside the dates accepted" in response.content.decode()
    assert not ApiToken.objects.exists()
