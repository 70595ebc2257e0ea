"""The demonstration plans, and the plans API as members, officers and strangers use it."""

from __future__ import annotations

import pytest
from django.test import Client

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.plans import demo_plans
from intercity.plans.models import ActionPlan, ProgressReport
from intercity.plans.tests.factories_plans import make_line, make_plan, officer_of, report

pytestmark = pytest.mark.django_db


def signed_in(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_the_demo_gives_every_pilot_city_a_marked_plan_and_is_repeatable() -> None:
    first = demo_plans.load()
    assert first["plans"] == 26
    assert not ActionPlan.objects.filter(demonstration=False).exists()
    assert "(demonstration)" in ActionPlan.objects.first().title  # type: ignore[union-attr]
    assert ProgressReport.objects.filter(demonstration=True).count() == first["reports"]
    years = set(ProgressReport.objects.values_list("year", flat=True))
    assert min(years) == 2019
    assert demo_plans.load()["plans"] == 0


def test_a_member_reads_a_citys_plan_with_its_progress() -> None:
    line = make_line(make_plan("bangkok"), budget="100")
    report(line, 2020, percent="30")
    got = signed_in(officer_of("manila")).get(
        f"/api/v1/plans/ascn/cities/{line.project.plan.organisation_id}/plan"
    )
    assert got.status_code == 200
    body = got.json()
    assert body["state"] == "TH"
    assert body["lines"][0]["reports"][0]["percent"] == "30.00"


def test_someone_outside_the_network_is_refused_the_plan() -> None:
    plan = make_plan("bangkok")
    got = signed_in(person("cit", Role.CITIZEN)).get(
        f"/api/v1/plans/ascn/cities/{plan.organisation_id}/plan"
    )
    assert got.status_code == 403
    assert "detail" in got.json()


def test_the_citys_officer_posts_progress_and_another_citys_is_refused() -> None:
    line = make_line(make_plan("bangkok"))
    url = f"/api/v1/plans/ascn/lines/{line.pk}/progress"
    body = {"as_of": "2021-12-01", "status": "on_track", "percent": "45", "evidence": "Seen"}
    refused = signed_in(officer_of("manila")).post(url, body, content_type="application/json")
    assert refused.status_code == 403
    made = signed_in(officer_of("bangkok")).post(url, body, content_type="application/json")
    assert made.status_code == 201
    assert made.json()["reported_by"] == "officer-bangkok"
    bad = {**body, "as_of": "2022-12-01", "status": "completed"}
    wrong = signed_in(officer_of("bangkok", "b2")).post(url, bad, content_type="application/json")
    assert wrong.status_code == 422
    assert "100%" in wrong.json()["detail"]


def test_the_rollup_by_state_and_for_the_network() -> None:
    report(make_line(make_plan("bangkok")), 2020, percent="30")
    client = signed_in(officer_of("bangkok"))
    states = client.get("/api/v1/plans/ascn/rollup?by=state&year=2020").json()
    assert [(s["key"], s["percent"]) for s in states] == [("TH", "30.0")]
    assert states[0]["parts"][0]["lines"][0]["weight"] == "1"
    network = client.get("/api/v1/plans/ascn/rollup?by=network&year=2020").json()
    assert network[0]["percent"] == "30.0"
    assert "each city counts once" in network[0]["explanation"]


@pytest.mark.parametrize("query", ["by=region&year=2020", "by=state&year=2040", "by=state"])
def test_a_bad_grouping_or_year_is_a_422(query: str) -> None:
    got = signed_in(officer_of("bangkok")).get(f"/api/v1/plans/ascn/rollup?{query}")
    assert got.status_code == 422
    assert "detail" in got.json()
