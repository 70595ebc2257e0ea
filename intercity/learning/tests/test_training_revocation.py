"""Revoking a certificate: the Secretariat's action with its reason and audit event, the form on
the certificate's page, and the public page and the API then saying it is not valid."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from intercity.core.errors import DomainError, PermissionDenied
from intercity.core.models import AuditEvent
from intercity.learning.models_training import Certificate
from intercity.learning.services import classroom
from intercity.learning.services import training as services
from intercity.learning.tests.factories_training import application, open_session

pytestmark = pytest.mark.django_db


def issued(secretariat, officer) -> Certificate:
    session = open_session(lessons=0)
    found = application(officer, session, "seoul", name="Seo-yeon Kim")
    services.endorse(secretariat, found)
    services.select(secretariat, session)
    found.refresh_from_db()
    services.record_attendance(secretariat, found, True)
    return classroom.issue_certificate(officer, found)


def test_the_secretariat_revokes_a_certificate_once_with_its_reason(secretariat, seoul_officer):
    certificate = issued(secretariat, seoul_officer)
    with pytest.raises(PermissionDenied):
        classroom.revoke_certificate(seoul_officer, certificate, reason="Mine.")
    with pytest.raises(DomainError, match="reason"):
        classroom.revoke_certificate(secretariat, certificate, reason="  ")
    classroom.revoke_certificate(secretariat, certificate, reason="Issued to the wrong person.")
    certificate.refresh_from_db()
    assert certificate.revoked_at is not None
    assert certificate.revoked_reason == "Issued to the wrong person."
    event = AuditEvent.objects.get(verb="learning.revoke_certificate")
    assert event.reason == "Issued to the wrong person."
    with pytest.raises(DomainError, match="already revoked"):
        classroom.revoke_certificate(secretariat, certificate, reason="Again.")
    assert AuditEvent.objects.filter(verb="learning.revoke_certificate").count() == 1


def test_the_revocation_form_is_the_secretariats_and_the_page_and_api_then_say_not_valid(
    client, secretariat, seoul_officer
):
    certificate = issued(secretariat, seoul_officer)
    page = reverse("learning_certificate_verify", args=[certificate.code])
    url = reverse("learning_certificate_revoke", args=[certificate.code])
    assert "Revoke the certificate" not in client.get(page).content.decode()
    client.force_login(seoul_officer)
    assert client.post(url, {"reason": "Mine."}).status_code == 403
    client.force_login(secretariat)
    assert "Revoke the certificate" in client.get(page).content.decode()
    empty = client.post(url, {"reason": ""})
    assert empty.status_code == 200
    assert "Nothing was saved" in empty.content.decode()
    done = client.post(url, {"reason": "Did not attend after all."})
    assert done.status_code == 302
    client.logout()
    text = client.get(page).content.decode()
    today = timezone.localdate()
    assert f"Certificate {certificate.code} was revoked on" in text
    assert "it is not valid" in text
    assert "Did not attend after all." in text
    api = client.get(f"/api/v1/learning/certificates/{certificate.code}").json()
    assert api["valid"] is False
    assert api["revoked_on"] == today.isoformat()
    assert api["revoked_reason"] == "Did not attend after all."
