"""End-to-end in Chromium: Bangkok's officer reports a line's progress on the city's plan page;
Thailand's National Representative then sees the new figure in the state roll-up. The plan
page, the progress form and the roll-up pass axe (WCAG 2.1 AA) and fit a 375 px phone.

The representation branch's `represented_states` is monkeypatched where the services and the
views look it up (the module attribute of `intercity.plans.services.representation`): the
live server runs in this process."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import expect

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.conftest import axe_violations, horizontal_overflow, log_in
from intercity.plans.models import ProgressReport
from intercity.plans.services import plans as plan_services
from intercity.plans.tests.factories_plans import PLATFORM, make_line, make_plan, natrep_of, report

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def test_an_officer_updates_progress_and_the_national_representative_sees_it(
    page: Any, phone: Any, browser: Any, site: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = make_plan("bangkok")
    line = make_line(plan, "Bus lanes")
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
    report(line, 2024, percent="30")
    person("somchai", Role.CITY_OFFICER, "bangkok")
    natrep = person("nattaya", Role.NATIONAL_REPRESENTATIVE)
    plan_url = f"/plans/ascn/cities/{plan.organisation_id}/?year=2025"

    # The officer finds the plan from the start page and reports 2025's progress.
    log_in(page, "somchai")
    page.get_by_role("link", name="Bangkok", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bangkok action plan")
    page.goto(plan_url)
    expect(page.locator("#city-figure")).to_have_text("30.0%")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Report progress of Bus lanes").click()
    assert axe_violations(page) == []
    page.get_by_label("As of").fill("2025-06-30")
    page.get_by_label("Status").select_option("delayed")
    page.get_by_label("Percentage done").fill("55")
    page.get_by_label("Bus lane length (km): target 40 by 2025").fill("22")
    page.get_by_label("Evidence", exact=True).fill("Twelve more kilometres opened")
    page.get_by_role("button", name="Save the progress").click()
    expect(page.get_by_text("The progress is saved.")).to_be_visible()
    expect(page.locator("#city-figure")).to_have_text("55.0%")
    expect(page.locator(f"#line-{line.pk} .line-latest")).to_contain_text("Delayed, 55%")
    made = ProgressReport.objects.get(line=line, year=2025)
    assert made.values.get().value == Decimal("22")

    # Thailand's National Representative sees it in the state roll-up.
    with natrep_of(monkeypatch, natrep, "TH"):
        context = browser.new_context(base_url=site)
        rep = context.new_page()
        rep.set_default_timeout(10_000)
        log_in(rep, "nattaya")
        rep.get_by_role("link", name="Progress of your state's pilot cities (TH)").click()
        rep.get_by_label("Year").select_option("2025")
        rep.get_by_role("button", name="Show").click()
        expect(rep.get_by_role("row", name="Bangkok")).to_contain_text("55.0%")
        assert axe_violations(rep) == []
        context.close()

        # On a phone: the plan page, the progress form and the roll-up fit the screen.
        log_in(phone, "somchai")
        for url in (
            plan_url,
            f"/plans/ascn/lines/{line.pk}/progress/",
            "/plans/ascn/states/TH/?year=2025",
            "/plans/ascn/progress/?year=2025",
        ):
            phone.goto(url)
            assert horizontal_overflow(phone) == 0, url
