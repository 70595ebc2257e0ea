"""End-to-end in Chromium: Bangkok's officer adds an action line on the city's plan page and
reports its progress; Thailand's National Representative reviews the plan from the same page.
The plan page with every editing form open passes axe and fits a 375 px phone."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.conftest import axe_violations, horizontal_overflow, log_in
from intercity.plans.models import ActionLine, PlanReview
from intercity.plans.tests.factories_plans import make_line, make_plan, natrep_of

pytestmark = pytest.mark.browser

OPEN_ALL = "document.querySelectorAll('details').forEach(d => { d.open = true; })"


def test_an_officer_adds_a_line_reports_it_and_the_national_representative_reviews(
    page: Any, phone: Any, browser: Any, site: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = make_plan("bangkok")
    first = make_line(plan, "Bus lanes")
    person("somchai", Role.CITY_OFFICER, "bangkok")
    natrep = person("nattaya", Role.NATIONAL_REPRESENTATIVE)
    plan_url = f"/plans/ascn/cities/{plan.organisation_id}/?year=2025"

    log_in(page, "somchai")
    page.goto(plan_url)
    page.evaluate(OPEN_ALL)
    assert axe_violations(page) == []
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = false; })")
    page.get_by_text("Add an action line to Bus lanes project").click()
    form = page.locator(f"form[action='/plans/ascn/projects/{first.project_id}/lines/add/']")
    form.get_by_label("Action line title").fill("Smart traffic lights")
    form.get_by_label("First year").select_option("2020")
    form.get_by_label("Budget").fill("2500000")
    form.get_by_label("Currency").fill("THB")
    form.get_by_label("Description").fill("Adaptive signals on the main corridors")
    form.get_by_role("button", name="Add the action line").click()
    expect(page.get_by_text("The action line is added.")).to_be_visible()
    line = ActionLine.objects.get(project__plan=plan, title="Smart traffic lights")
    expect(page.locator(f"#line-{line.pk}")).to_contain_text("2500000.00 THB")

    page.get_by_role("link", name="Report progress of Smart traffic lights").click()
    page.get_by_label("As of").fill("2025-06-30")
    page.get_by_label("Status").select_option("on_track")
    page.get_by_label("Percentage done").fill("40")
    page.get_by_role("button", name="Save the progress").click()
    expect(page.locator(f"#line-{line.pk} .line-latest")).to_contain_text("On track, 40%")

    with natrep_of(monkeypatch, natrep, "TH"):
        context = browser.new_context(base_url=site)
        rep = context.new_page()
        rep.set_default_timeout(10_000)
        log_in(rep, "nattaya")
        rep.goto(plan_url)
        expect(rep.locator(f"#line-{line.pk} .line-latest")).to_contain_text("On track, 40%")
        assert axe_violations(rep) == []
        rep.get_by_label("Year reviewed", exact=True).select_option("2025")
        rep.get_by_label("Review note").fill("Signals on track; budget confirmed")
        rep.get_by_label("Mark the year reviewed").check()
        rep.get_by_role("button", name="Record the review").click()
        expect(rep.get_by_text("The review is recorded.")).to_be_visible()
        expect(rep.locator("#reviews").locator("..")).to_contain_text(
            "Signals on track; budget confirmed"
        )
        context.close()
    review = PlanReview.objects.get(plan=plan)
    assert (review.year, review.marked_reviewed) == (2025, True)

    log_in(phone, "somchai")
    phone.goto(plan_url)
    phone.evaluate(OPEN_ALL)
    assert horizontal_overflow(phone) == 0
    phone.goto(f"/plans/ascn/lines/{line.pk}/edit/")
    assert horizontal_overflow(phone) == 0
