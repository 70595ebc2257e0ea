"""The training pages and API: the programme's table as seed 001 gives it, applying through
the page, the selection page's reasons, the certificate PDF and its public verification."""

from __future__ import annotations

import pytest
from django.urls import reverse

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.learning.models_training import Application, TrainingSession
from intercity.learning.services import classroom
from intercity.learning.services import training as services
from intercity.learning.tests.factories_training import application, open_session

pytestmark = pytest.mark.django_db


def test_the_seoul_programme_page_shows_the_table_and_the_survey(client):
    response = client.get(reverse("learning_programme", args=["seoul-e-government-training"]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "57 people from 22 cities" in text
    assert "Umelgoura" in text
    assert "About 97% of respondents are satisfied." in text
    assert "Round-trip airfare" in text


def test_the_home_page_lists_every_programme(client):
    text = client.get(reverse("learning_home")).content.decode()
    assert "Chengdu WeGO e-Government Training Program" in text
    assert "E-Government Webinar for WeGO members" in text


def test_an_officer_applies_through_the_page(client, seoul_officer):
    session = open_session()
    client.force_login(seoul_officer)
    assert (
        "Apply to this session"
        in client.get(reverse("learning_session", args=[session.pk])).content.decode()
    )
    response = client.post(
        reverse("learning_apply", args=[session.pk]),
        {
            "organisation": seoul_officer.role_grants.first().organisation_id,
            "full_name": "Seo-yeon Kim",
            "position_title": "Deputy director",
            "motivation": "Open data.",
        },
    )
    assert response.status_code == 302
    assert Application.objects.get(applicant=seoul_officer).full_name == "Seo-yeon Kim"


def test_a_visitor_is_sent_to_log_in_and_a_citizen_may_not_apply(client, citizen):
    session = open_session()
    assert client.get(reverse("learning_apply", args=[session.pk])).status_code == 302
    client.force_login(citizen)
    assert client.get(reverse("learning_apply", args=[session.pk])).status_code == 403


def test_the_selection_page_is_the_secretariats_and_states_the_rules_reasons(
    client, secretariat, seoul_officer
):
    session = open_session(capacity=1)
    found = application(seoul_officer, session, "seoul")
    services.endorse(secretariat, found)
    client.force_login(seoul_officer)
    assert client.get(reverse("learning_selection", args=[session.pk])).status_code == 403
    client.force_login(secretariat)
    text = client.get(reverse("learning_selection", args=[session.pk])).content.decode()
    assert "Place 1 of 1: application 1 of Seoul" in text
    client.post(reverse("learning_selection", args=[session.pk]))
    found.refresh_from_db()
    assert found.status == "selected"


def test_the_certificate_pdf_and_its_public_page_and_api(client, secretariat, seoul_officer):
    session = open_session(lessons=1)
    found = application(seoul_officer, session, "seoul", name="Seo-yeon Kim")
    services.endorse(secretariat, found)
    services.select(secretariat, session)
    found.refresh_from_db()
    services.record_attendance(secretariat, found, True)
    classroom.complete_lesson(seoul_officer, session.lessons.get())
    client.force_login(seoul_officer)
    response = client.get(reverse("learning_certificate", args=[found.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    code = found.certificate.code
    client.logout()
    page = client.get(reverse("learning_certificate_verify", args=[code]))
    assert page.status_code == 200
    assert f"Certificate {code} is valid." in page.content.decode()
    assert "Seo-yeon Kim" in page.content.decode()
    assert (
        client.get(reverse("learning_certificate_verify", args=["NOPE-NOPE-NOPE"])).status_code
        == 404
    )
    api = client.get(f"/api/v1/learning/certificates/{code}").json()
    assert api["valid"] is True
    assert api["holder"] == "Seo-yeon Kim"
    assert client.get("/api/v1/learning/certificates/XXXX").status_code == 404


def test_someone_else_cannot_download_a_participants_certificate(
    client, seoul_officer, makati_officer
):
    session = open_session()
    found = application(seoul_officer, session, "seoul")
    client.force_login(makati_officer)
    response = client.get(reverse("learning_certificate", args=[found.pk]))
    assert response.status_code == 302
    assert not hasattr(found, "certificate")


def test_the_programmes_api_gives_sessions_cities_and_counts(client):
    data = client.get("/api/v1/learning/programmes").json()
    seoul = next(p for p in data if p["slug"] == "seoul-e-government-training")
    assert (seoul["participants"], seoul["cities"]) == (57, 22)
    assert [s["participants"] for s in seoul["sessions"]] == [13, 7, 19, 18]
    assert seoul["budget_per_session"] == "36000.00"
    assert len(seoul["sessions"][0]["cities"]) == 9


def test_the_demo_gives_an_open_2027_session_the_demo_officer_applies_to(seoul_officer):
    from django.utils import timezone

    from intercity.learning import demo_training
    from intercity.network.models import Organisation

    assert demo_training.load()["learning.demo_session"] == 1
    assert sum(demo_training.load().values()) == 0
    session = TrainingSession.objects.get(title=demo_training.TITLE)
    assert session.lessons.count() == 2
    found = services.apply(
        seoul_officer,
        session,
        Organisation.objects.get(key="seoul"),
        full_name="Seo-yeon Kim",
        position_title="Director",
        motivation="Data.",
        today=timezone.localdate(),
    )
    assert found.status == Application.Status.SUBMITTED


def test_the_start_page_lists_an_officers_applications_and_a_colleagues_to_endorse(
    client, seoul_officer
):
    session = open_session()
    application(seoul_officer, session, "seoul")
    client.force_login(seoul_officer)
    text = client.get(reverse("start")).content.decode()
    assert "Your training" in text
    assert "Seoul e-Government Training 2027" in text
    colleague = person("minho", Role.CITY_OFFICER, "seoul")
    client.force_login(colleague)
    assert (
        "Applications of your city awaiting its endorsement"
        in client.get(reverse("start")).content.decode()
    )


def test_wegos_page_lists_its_training_programmes(client):
    text = client.get(reverse("network", args=["wego"])).content.decode()
    assert "Training programmes" in text
    assert "Seoul e-Government Training Programme" in text
