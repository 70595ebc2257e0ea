"""What the Civic Participation System puts on a person's start page: a city's staff see its
queue by status and what is overdue, department staff also their work by department and
what is assigned to them; a citizen sees the reports they filed, and only theirs."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import RequestFactory
from django.utils import timezone

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.participation import services
from intercity.participation.manifest import start_sections
from intercity.participation.models import Jurisdiction
from intercity.participation.tests.factories import IN_SEOUL, officer_of

pytestmark = pytest.mark.django_db


def shown_to(user: Any) -> dict[str, list[tuple[str, str, str]]]:
    request = RequestFactory().get("/start/")
    request.user = user
    return {
        section.anchor: [(link.label, link.url, link.description) for link in section.links]
        for section in start_sections(request)
    }


def filed(seoul: Jurisdiction, email: str = "", service: str = "pothole", days_ago: int = 0):
    return services.submit_report(
        seoul,
        services.Submission(
            service_code=service,
            description="A deep hole in the pavement",
            latitude=IN_SEOUL[0],
            longitude=IN_SEOUL[1],
            email=email,
        ),
        now=timezone.now() - dt.timedelta(days=days_ago),
    )


def test_a_city_officer_sees_the_queue_by_status_and_the_overdue_reports(
    seoul: Jurisdiction,
) -> None:
    officer = officer_of("seo-yeon", "seoul")
    filed(seoul, days_ago=10)  # a pothole is due in 72 hours: overdue
    filed(seoul)
    links = shown_to(officer)["cps"]
    assert links[0][:2] == ("Seoul: reports to work", "/cps/seoul/staff/")
    assert links[0][2] == "2 open reports (Submitted: 2), 1 overdue"
    assert links[1] == (
        "Seoul: overdue reports",
        "/cps/seoul/staff/?overdue=on",
        "1 report past its target date",
    )
    # Department work is for department staff; an officer has the queue.
    assert len(links) == 2


def test_department_staff_see_each_departments_open_reports_and_their_own(
    seoul: Jurisdiction, jiwoo: Any
) -> None:
    pothole = filed(seoul)
    filed(seoul, service="graffiti")
    services.assign(jiwoo, pothole, user=jiwoo)
    links = {label: (url, description) for label, url, description in shown_to(jiwoo)["cps"]}
    assert links["Seoul: reports assigned to you"] == ("/cps/seoul/staff/?mine=on", "1 open")
    road = seoul.departments.get(name="Road Management")
    assert links["Seoul, Road Management: open reports"] == (
        f"/cps/seoul/staff/?department={road.pk}",
        "1 open",
    )
    assert "Seoul, Sanitation: open reports" in links
    assert "Seoul, Parks and Greenery: open reports" not in links  # nothing open there


def test_an_empty_queue_says_so(seoul: Jurisdiction, jiwoo: Any) -> None:
    [queue, *_] = shown_to(jiwoo)["cps"]
    assert queue[2] == "no open report"


def test_the_secretariat_and_other_cities_never_see_seouls_queue(
    seoul: Jurisdiction, secretariat: Any, makati_officer: Any
) -> None:
    filed(seoul)
    assert "cps" not in shown_to(secretariat)
    assert shown_to(makati_officer) == {}


def test_a_citizen_sees_only_the_reports_they_filed(seoul: Jurisdiction) -> None:
    chris = person("chris", Role.CITIZEN)
    chris.email = "Chris@Example.org"
    chris.save()
    mine = filed(seoul, email="chris@example.org")
    filed(seoul, email="someone.else@example.org")
    filed(seoul)  # anonymous
    [(label, url, description), everything] = shown_to(chris)["my-reports"]
    assert everything[:2] == ("All my reports", "/cps/my-reports/")
    assert label == f"Pothole or damaged road, Seoul (report {mine.public_id})"
    assert url == f"/cps/seoul/reports/{mine.public_id}/"
    assert description.startswith("Submitted, filed on ")


def test_a_citizen_who_filed_nothing_is_shown_where_to_report(seoul: Jurisdiction) -> None:
    chris = person("chris", Role.CITIZEN)
    chris.email = "chris@example.org"
    chris.save()
    filed(seoul, email="someone.else@example.org")
    request = RequestFactory().get("/start/")
    request.user = chris
    [section] = start_sections(request)
    assert section.anchor == "my-reports"
    assert [(link.label, link.url) for link in section.links] == [
        ("Report a problem to your city", "/cps/")
    ]
    assert "have not reported a problem yet" in section.text


def test_a_login_without_an_email_address_has_no_reports(seoul: Jurisdiction) -> None:
    filed(seoul)  # a report given with no address is no one's
    chris = person("chris", Role.CITIZEN)
    request = RequestFactory().get("/start/")
    request.user = chris
    [section] = start_sections(request)
    assert section.links[0].url == "/cps/"


def test_a_person_without_the_citizen_role_still_sees_their_own_reports(
    seoul: Jurisdiction, secretariat: Any
) -> None:
    secretariat.email = "sam@example.org"
    secretariat.save()
    assert "my-reports" not in shown_to(secretariat)
    filed(seoul, email="sam@example.org")
    assert len(shown_to(secretariat)["my-reports"]) == 2  # the report, and "All my reports"
