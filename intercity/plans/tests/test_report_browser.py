"""End-to-end in Chromium, the end of issue 21's journey: an officer of Bangkok reports
progress (through the plans part's services); the Secretariat compiles the year's report,
which shows it; the named Chair writes and freezes it; its PDF answers, and a visitor reads
it. The report's pages pass axe (WCAG 2.1 AA) and fit a 375 px phone."""

import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.conftest import axe_violations, horizontal_overflow, log_in
from intercity.plans.models_report import AnnualReport
from intercity.plans.services import progress
from intercity.plans.tests import factories_report as make

pytestmark = pytest.mark.browser


def test_reported_progress_reaches_the_report_the_chair_freezes(page, phone, site):
    person("sam", Role.SECRETARIAT)
    person("chair", Role.NATIONAL_REPRESENTATIVE)
    officer = person("chai", Role.CITY_OFFICER, "bangkok")
    line = make.line("bangkok", "Smart traffic lights")
    progress.report_progress(
        officer,
        line,
        as_of=dt.date(2024, 6, 30),
        status="on_track",
        percent=Decimal("45"),
        evidence="Forty junctions done.",
        today=dt.date(2024, 7, 1),
    )

    log_in(page, "sam")
    page.goto("/plans/ascn/reports/")
    page.get_by_role("spinbutton", name="Year").fill("2024")
    page.get_by_role("textbox", name="The year's Chair").fill("chair")
    page.get_by_role("button", name="Compile a draft").click()
    expect(page.get_by_text("The draft report is compiled.")).to_be_visible()
    table = page.get_by_role("table").last
    expect(table.get_by_role("row", name="Bangkok")).to_contain_text("45.0 %")
    assert axe_violations(page) == []

    log_in(page, "chair")
    page.goto("/plans/ascn/reports/2024/")
    page.get_by_role("link", name="Edit the report's text").click()
    page.get_by_label("Progress and key achievements").fill("Bangkok's traffic lights lead.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The report is saved.")).to_be_visible()
    page.get_by_role("button", name="Freeze and publish").click()
    expect(page.get_by_text("The report is frozen and published")).to_be_visible()
    expect(page.get_by_role("button", name="Freeze and publish")).to_have_count(0)
    assert AnnualReport.objects.get(year=2024).state == "frozen"

    pdf = page.request.get("/plans/ascn/reports/2024/pdf/")
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"

    phone.goto("/plans/ascn/reports/2024/")
    expect(phone.get_by_text("Bangkok's traffic lights lead.")).to_be_visible()
    expect(phone.get_by_role("row", name="Bangkok")).to_contain_text("45.0 %")
    assert horizontal_overflow(phone) == 0
    assert axe_violations(phone) == []
