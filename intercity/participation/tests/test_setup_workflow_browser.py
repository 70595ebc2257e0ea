"""In Chromium: Seoul's CPS administrator adds a response template for "resolved"; a staff
member resolving a report picks it, and the citizen's tracking page shows its text. The
setup pages pass axe and fit a phone."""

import pytest
from playwright.sync_api import expect

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.conftest import axe_violations, horizontal_overflow, log_in
from intercity.participation import services, setup_workflow
from intercity.participation.models import Jurisdiction
from intercity.participation.setup_workflow import TemplateText
from intercity.participation.tests.factories import IN_SEOUL, staff_of

pytestmark = pytest.mark.browser


def file_a_report():
    seoul = Jurisdiction.objects.get(slug="seoul")
    return services.submit_report(
        seoul,
        services.Submission(
            service_code="pothole",
            description="Deep pothole in the bus lane outside exit 3",
            latitude=IN_SEOUL[0],
            longitude=IN_SEOUL[1],
            email="minjun@example.org",
        ),
    )


def test_a_template_added_by_the_administrator_reaches_the_citizen(page, browser, site):
    person("hyejin", Role.CPS_ADMIN, "seoul")
    log_in(page, "hyejin")
    page.goto("/cps/seoul/setup/templates/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Response templates")
    page.get_by_label("For a move to").select_option("resolved")
    page.get_by_label("Title (English)").fill("Fixed")
    page.get_by_label("Text (English)").fill(
        "Report {report_id} ({service}) is fixed. {city} thanks you."
    )
    page.get_by_role("button", name="Add the template").click()
    expect(page.get_by_role("status")).to_contain_text("Response template added.")
    expect(page.get_by_role("link", name="Fixed")).to_be_visible()

    report = file_a_report()
    staff_of("jiwoo", "seoul")
    office = browser.new_context(base_url=site)
    staff = office.new_page()
    staff.set_default_timeout(10_000)
    log_in(staff, "jiwoo")
    staff.goto(f"/cps/seoul/staff/reports/{report.public_id}/")
    staff.get_by_role("button", name="Acknowledge", exact=True).click()
    expect(staff.get_by_role("status")).to_contain_text("is now Acknowledged")
    staff.get_by_label("Response template").select_option(label="Fixed")
    note = staff.get_by_label("Note")
    expected = f"Report {report.public_id} (Pothole or damaged road) is fixed. Seoul thanks you."
    expect(note).to_have_value(expected)
    staff.get_by_role("button", name="Resolve", exact=True).click()
    expect(staff.get_by_role("status")).to_contain_text("is now Resolved")
    office.close()

    citizen = browser.new_context(base_url=site)
    tab = citizen.new_page()
    tab.goto(f"/cps/seoul/reports/{report.public_id}/")
    expect(tab.locator(".cps-history")).to_contain_text(expected)
    citizen.close()


def test_the_setup_pages_pass_axe_and_fit_a_phone(phone):
    hyejin = person("hyejin", Role.CPS_ADMIN, "seoul")
    seoul = Jurisdiction.objects.get(slug="seoul")
    setup_workflow.save_template(
        hyejin, seoul, texts={"en": TemplateText("Fixed", "Fixed, {city}")}, status="resolved"
    )
    setup_workflow.invite_staff(
        hyejin,
        seoul,
        "sumin@example.org",
        Role.DEPARTMENT_STAFF,
        department=seoul.departments.first(),
    )
    staff_of("jiwoo", "seoul")
    log_in(phone, "hyejin")
    for path in ("workflow", "templates", "staff"):
        phone.goto(f"/cps/seoul/setup/{path}/")
        assert axe_violations(phone) == [], path
        assert horizontal_overflow(phone) <= 0, path
    phone.goto("/cps/seoul/setup/templates/")
    phone.get_by_role("link", name="Fixed").click()
    assert axe_violations(phone) == []
    assert horizontal_overflow(phone) <= 0
