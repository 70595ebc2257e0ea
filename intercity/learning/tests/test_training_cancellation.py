"""The Secretariat cancels a session with its reason: the call closes, each applicant is told
by e-mail through the worker, the session shows as cancelled on its page, the programme's page
and the API, and nobody applies, is selected or has a certificate for it afterwards. The
programme's totals count only sessions that were not cancelled."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.core.errors import DomainError, PermissionDenied
from intercity.core.models import AuditEvent
from intercity.core.tests.queued import queued, run_queued
from intercity.learning.models_training import Application, Programme, TrainingSession
from intercity.learning.services import classroom
from intercity.learning.services import training as services
from intercity.learning.tasks import send_session_cancelled
from intercity.learning.tests.factories_training import application, open_session

pytestmark = pytest.mark.django_db

SLUG = "seoul-e-government-training"


def applicants(secretariat: Any, session: TrainingSession) -> list[Application]:
    made = []
    for key, name in (("seoul", "ana"), ("nairobi", "ben")):
        officer = person(name, Role.CITY_OFFICER, key)
        officer.email = f"{name}@{key}.example"
        officer.save()
        made.append(application(officer, session, key, name=name.title()))
    return made


def test_cancelling_closes_the_call_and_tells_each_applicant_once_through_the_worker(
    secretariat: Any, django_capture_on_commit_callbacks: Any, mailoutbox: list[Any]
) -> None:
    session = open_session()
    ana, ben = applicants(secretariat, session)
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_session(secretariat, session, reason="The venue is closed for works.")
    session.refresh_from_db()
    assert session.status == TrainingSession.Status.CANCELLED
    assert session.cancelled_reason == "The venue is closed for works."
    assert session.call.closed_early_at is not None
    assert sorted(args[0] for args in queued(send_session_cancelled)) == [ana.pk, ben.pk]
    assert mailoutbox == []  # nothing is sent in the request: the worker sends it
    assert run_queued() == 2
    assert sorted(m.to[0] for m in mailoutbox) == ["ana@seoul.example", "ben@nairobi.example"]
    assert "The venue is closed for works." in mailoutbox[0].body
    assert "Cancelled: Seoul e-Government Training 2027" in mailoutbox[0].subject
    assert send_session_cancelled.call(ana.pk) == 0  # a retried task does not send twice
    event = AuditEvent.objects.get(verb="learning.cancel_session", object_id=str(session.pk))
    assert event.before == {"status": "open"}
    assert event.after["applicants_told"] == 2
    assert event.reason == "The venue is closed for works."


def test_after_cancelling_nobody_applies_is_selected_endorsed_or_has_a_certificate(
    secretariat: Any,
) -> None:
    session = open_session(lessons=0)
    ana, _ben = applicants(secretariat, session)
    services.endorse(secretariat, ana)
    services.select(secretariat, session)
    services.cancel_session(secretariat, session, reason="No budget.")
    late = person("cleo", Role.CITY_OFFICER, "maputo")
    with pytest.raises(DomainError, match="cancelled"):
        application(late, session, "maputo")
    with pytest.raises(DomainError, match="cancelled"):
        services.select(secretariat, session)
    with pytest.raises(DomainError, match="cancelled"):
        services.endorse(secretariat, _ben)
    ana.refresh_from_db()
    with pytest.raises(DomainError, match="cancelled"):
        services.record_attendance(secretariat, ana, True)
    ruling = classroom.certificate_eligibility(ana)
    assert not ruling.allowed
    with pytest.raises(DomainError, match="no certificate"):
        classroom.issue_certificate(secretariat, ana)


def test_a_session_is_cancelled_once_never_after_it_was_held_or_attended(secretariat):
    session = open_session()
    with pytest.raises(DomainError, match="reason"):
        services.cancel_session(secretariat, session, reason="  ")
    with pytest.raises(PermissionDenied):
        services.cancel_session(person("ana", Role.CITY_OFFICER, "seoul"), session, reason="Mine.")
    services.cancel_session(secretariat, session, reason="No budget.")
    with pytest.raises(DomainError, match="already cancelled"):
        services.cancel_session(secretariat, session, reason="Again.")
    held = TrainingSession.objects.filter(status=TrainingSession.Status.HELD).first()
    with pytest.raises(DomainError, match="was held"):
        services.cancel_session(secretariat, held, reason="Too late.")
    attended = open_session()
    ana = application(person("bo", Role.CITY_OFFICER, "seoul"), attended, "seoul")
    services.endorse(secretariat, ana)
    services.select(secretariat, attended)
    services.record_attendance(secretariat, ana, True)
    with pytest.raises(DomainError, match="took place"):
        services.cancel_session(secretariat, attended, reason="Too late.")


def test_the_seeded_table_stays_four_sessions_57_people_22_cities_with_a_cancelled_one(
    secretariat: Any,
) -> None:
    session = open_session()
    ana, ben = applicants(secretariat, session)
    for found in (ana, ben):
        services.endorse(secretariat, found)
    services.select(secretariat, session)
    programme = Programme.objects.get(slug=SLUG)
    assert services.programme_totals(programme) == (59, 23)
    services.cancel_session(secretariat, session, reason="No budget.")
    programme = services.get_programme(SLUG)
    assert services.programme_totals(programme) == (57, 22)
    held = [s for s in programme.sessions.all() if s.status == TrainingSession.Status.HELD]
    assert len(held) == 4


def test_the_pages_and_the_api_show_the_session_cancelled(client, secretariat) -> None:
    session = open_session()
    client.force_login(secretariat)
    page = client.get(reverse("learning_cancel_session", args=[session.pk]))
    assert "0 applicants are told by e-mail" in page.content.decode()
    response = client.post(reverse("learning_cancel_session", args=[session.pk]), {"reason": ""})
    assert response.status_code == 400
    response = client.post(
        reverse("learning_cancel_session", args=[session.pk]), {"reason": "The venue is closed."}
    )
    assert response.status_code == 302
    client.logout()
    body = client.get(reverse("learning_session", args=[session.pk])).content.decode()
    assert "This session was cancelled on" in body
    assert "The venue is closed." in body
    assert "Apply to this session" not in body
    body = client.get(reverse("learning_programme", args=[SLUG])).content.decode()
    assert "Cancelled" in body
    assert "In all: 57 people from 22 cities. The cancelled session is not counted." in body
    data = client.get("/api/v1/learning/programmes").json()
    seoul = next(p for p in data if p["slug"] == SLUG)
    found = next(s for s in seoul["sessions"] if s["id"] == session.pk)
    assert found["status"] == "cancelled"
    assert found["cancelled_reason"] == "The venue is closed."
    assert (seoul["participants"], seoul["cities"]) == (57, 22)


def test_others_cannot_cancel_a_session(client, seoul_officer) -> None:
    session = open_session()
    client.force_login(seoul_officer)
    response = client.post(reverse("learning_cancel_session", args=[session.pk]), {"reason": "x"})
    assert response.status_code == 403
    session.refresh_from_db()
    assert session.status == TrainingSession.Status.OPEN


def test_the_applicants_start_page_says_the_session_is_cancelled(rf, secretariat) -> None:
    from intercity.learning import sections

    session = open_session()
    ana, _ben = applicants(secretariat, session)
    request = rf.get("/")
    request.user = ana.applicant
    (before,) = sections.start_sections(request)
    assert before.links[0].description != "Session cancelled"
    services.cancel_session(secretariat, session, reason="No budget.")
    (after,) = sections.start_sections(request)
    assert after.links[0].description == "Session cancelled"


def test_the_selection_page_of_a_cancelled_session_offers_no_selection(client, secretariat):
    session = open_session()
    services.cancel_session(secretariat, session, reason="No budget.")
    client.force_login(secretariat)
    body = client.get(reverse("learning_selection", args=[session.pk])).content.decode()
    assert "nobody is selected for it" in body
    assert "Select by the rule" not in body
