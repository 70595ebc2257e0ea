"""Consultation projects as seeds 001 and 003 give them, the Secretariat's changes to them, and
the Secondment Staff Program's call, applications and selection within its places."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.core.errors import DomainError, PermissionDenied
from intercity.core.models import AuditEvent
from intercity.learning.models_projects import ConsultationProject
from intercity.learning.models_secondment import Secondment
from intercity.learning.services import projects as services
from intercity.learning.services import secondment as secondment_services
from intercity.network.models import Network, Organisation

pytestmark = pytest.mark.django_db


def test_the_consultations_of_2011_2013_and_the_world_bank_project_are_seeded():
    by_year = {}
    for p in ConsultationProject.objects.filter(source__startswith="001"):
        by_year.setdefault(p.year, []).append(sorted(c.name for c in p.cities.all()))
    assert sorted(by_year[2012]) == [["Buenos Aires"], ["Dar es Salaam"], ["Ulaanbaatar"]]
    assert sorted(by_year[2013]) == [["Addis Ababa"], ["Maputo"]]
    bank = ConsultationProject.objects.get(slug="world-bank-urban-egov-framework")
    assert bank.budget == 300000
    assert "KTF" in bank.funder
    assert bank.deliverables.get().title == "Urban e-Gov. Diagnostic & Solution Framework"
    assert ConsultationProject.objects.get(slug="consultation-2011-dar-es-salaam").budget == 85000


def test_the_project_page_shows_partner_funder_and_deliverables(client):
    response = client.get(reverse("learning_project", args=["world-bank-urban-egov-framework"]))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Korea Trust Fund (KTF), KTF-ICT4D" in text
    assert "Urban e-Gov. Diagnostic &amp; Solution Framework" in text
    assert client.get(reverse("learning_projects")).status_code == 200
    assert client.get(reverse("learning_project", args=["nothing"])).status_code == 404


def test_only_the_secretariat_changes_a_projects_status(secretariat, seoul_officer):
    project = ConsultationProject.objects.get(slug="consultation-2013-maputo")
    with pytest.raises(PermissionDenied):
        services.set_status(seoul_officer, project, "completed")
    services.set_status(secretariat, project, "completed")
    project.refresh_from_db()
    assert project.status == "completed"
    assert AuditEvent.objects.filter(verb="learning.project_status").exists()
    services.add_deliverable(
        secretariat, project, title="Final report", report="Done.", delivered=True
    )
    assert project.deliverables.get().title == "Final report"


def test_a_secondment_call_selects_within_its_places(secretariat, seoul_officer):
    wego = Network.objects.get(slug="wego")
    today = dt.date(2027, 2, 1)
    call = secondment_services.open_call(
        secretariat,
        wego,
        title="Programme officer",
        description="",
        places=1,
        term_months=12,
        opens_on=dt.date(2027, 1, 1),
        closes_on=dt.date(2027, 3, 31),
    )
    first = secondment_services.apply(
        seoul_officer,
        call,
        Organisation.objects.get(key="seoul"),
        full_name="Seo-yeon Kim",
        statement="I run Seoul's data office.",
        today=today,
    )
    nairobi = person("nia", Role.CITY_OFFICER, "nairobi")
    second = secondment_services.apply(
        nairobi,
        call,
        Organisation.objects.get(key="nairobi"),
        full_name="Nia Otieno",
        statement="I run Nairobi's e-services.",
        today=today,
    )
    with pytest.raises(DomainError, match="closed"):
        secondment_services.apply(
            person("late", Role.CITY_OFFICER, "maputo"),
            call,
            Organisation.objects.get(key="maputo"),
            full_name="Late",
            statement="Late.",
            today=dt.date(2027, 4, 1),
        )
    secondment_services.decide(
        secretariat, first, selected=True, reason="Experience.", starts_on=dt.date(2027, 5, 1)
    )
    with pytest.raises(DomainError, match="places of the call are taken"):
        secondment_services.decide(secretariat, second, selected=True, reason="Also good.")
    term = Secondment.objects.get(application=first)
    assert (term.starts_on, term.ends_on) == (dt.date(2027, 5, 1), dt.date(2028, 4, 30))


def test_the_secondments_page_lists_the_officers_seconded_by_seoul(client):
    text = client.get(reverse("learning_secondments")).content.decode()
    assert "Sophie Jung" in text
    assert "Belmasio Kwon" in text
