"""A city's plan page, the progress form (a new report, a correction with its version) and the
links to the plan from other pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.plans import sections_plans
from intercity.plans.models import ProgressReport
from intercity.plans.services import plans as plan_services
from intercity.plans.tests.factories_plans import (
    PLATFORM,
    city,
    make_line,
    make_plan,
    officer_of,
    report,
)

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_plan_page_shows_lines_targets_progress_and_the_city_rollup() -> None:
    plan = make_plan("bangkok")
    line = make_line(plan, "Bus lanes", budget="1000")
    plan_services.add_indicator(
        PLATFORM,
        line,
        name="Bus lane length",
        unit="km",
        baseline=Decimal("0"),
        baseline_year=2018,
        target=Decimal("40"),
        target_year=2025,
    )
    report(line, 2019, percent="25")
    page = _client(officer_of("manila")).get(
        f"/plans/ascn/cities/{plan.organisation_id}/?year=2020"
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "Bus lanes" in text
    assert "Bus lane length (km)" in text
    assert "1000.00 THB" in text
    assert "25.0%" in text  # the city's figure, carried forward from 2019
    assert "carried forward from 2019" in text
    # an officer of another city reads it, but is offered no progress form
    assert f"/plans/ascn/lines/{line.pk}/progress/" not in text


def test_a_citizen_cannot_read_a_plan() -> None:
    plan = make_plan("bangkok")
    page = _client(person("cit", Role.CITIZEN)).get(f"/plans/ascn/cities/{plan.organisation_id}/")
    assert page.status_code == 403


def test_the_citys_officer_reports_progress_through_the_form() -> None:
    line = make_line(make_plan("bangkok"))
    client = _client(officer_of("bangkok"))
    form = client.get(f"/plans/ascn/lines/{line.pk}/progress/")
    assert form.status_code == 200
    done = client.post(
        f"/plans/ascn/lines/{line.pk}/progress/",
        {"as_of": "2024-06-30", "status": "on_track", "percent": "55", "evidence": "Opened"},
    )
    assert done.status_code == 302
    made = ProgressReport.objects.get(line=line)
    assert (made.status, made.percent, made.evidence) == ("on_track", Decimal("55"), "Opened")


def test_an_officer_of_another_city_cannot_report_progress() -> None:
    line = make_line(make_plan("bangkok"))
    client = _client(officer_of("manila"))
    assert client.get(f"/plans/ascn/lines/{line.pk}/progress/").status_code == 403
    posted = client.post(
        f"/plans/ascn/lines/{line.pk}/progress/",
        {"as_of": "2024-06-30", "status": "on_track", "percent": "55"},
    )
    assert posted.status_code == 403
    assert not ProgressReport.objects.filter(line=line).exists()


def test_a_percentage_over_100_is_a_form_error_keeping_what_was_typed() -> None:
    line = make_line(make_plan("bangkok"))
    page = _client(officer_of("bangkok")).post(
        f"/plans/ascn/lines/{line.pk}/progress/",
        {"as_of": "2024-06-30", "status": "on_track", "percent": "150", "evidence": "Typed"},
    )
    assert page.status_code == 400
    assert "Typed" in page.content.decode()
    assert not ProgressReport.objects.filter(line=line).exists()


def test_a_stale_correction_is_refused_in_words_and_keeps_what_was_typed() -> None:
    line = make_line(make_plan("bangkok"))
    made = report(line, 2020, percent="30")
    client = _client(officer_of("bangkok"))
    url = f"/plans/ascn/progress/{made.pk}/edit/"
    first = {"version": "1", "status": "on_track", "percent": "35", "evidence": "First"}
    assert client.post(url, first).status_code == 302
    second = {"version": "1", "status": "delayed", "percent": "20", "evidence": "Second try"}
    page = client.post(url, second)
    assert page.status_code == 409
    text = page.content.decode()
    assert "Someone else corrected this report" in text
    assert "Second try" in text
    made.refresh_from_db()
    assert (made.percent, made.evidence, made.version) == (Decimal("35"), "First", 2)


def test_the_organisation_page_and_the_officers_start_page_link_the_plan(rf: Any) -> None:
    plan = make_plan("bangkok")
    request = rf.get("/")
    request.user = officer_of("bangkok")
    url = f"/plans/ascn/cities/{plan.organisation_id}/"
    (section,) = sections_plans.organisation_sections(request, city("bangkok"))
    assert section.links[0].url == url
    assert [link.url for s in sections_plans.start_sections(request) for link in s.links] == [url]
    request.user = person("cit", Role.CITIZEN)
    assert sections_plans.organisation_sections(request, city("bangkok")) == []


def test_the_state_rollup_links_its_cities_plans(monkeypatch: pytest.MonkeyPatch) -> None:
    plan = make_plan("bangkok")
    report(make_line(plan), 2020, percent="30")
    page = _client(officer_of("manila")).get("/plans/ascn/states/TH/?year=2020")
    assert f"/plans/ascn/cities/{plan.organisation_id}/?year=2020" in page.content.decode()
