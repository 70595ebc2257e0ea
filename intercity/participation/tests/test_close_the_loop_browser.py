"""End-to-end in Chromium (issue 17): a citizen whose report Seoul resolved says it is not
fixed, signed in or by the private link of his e-mail, and it is back in the staff queue with
his reason; the pages pass axe and fit a phone, the queue's filters fold on it."""

import pytest
from playwright.sync_api import expect

from intercity.accounts.models import Role
from intercity.conftest import axe_violations, horizontal_overflow, log_in, person
from intercity.participation import services
from intercity.participation.models import Jurisdiction
from intercity.participation.tests.factories import IN_SEOUL, staff_of

pytestmark = pytest.mark.browser


def _resolved_report(email="minjun@example.org"):
    seoul = Jurisdiction.objects.get(slug="seoul")
    jiwoo = staff_of("jiwoo", "seoul")
    report = services.submit_report(
        seoul,
        services.Submission(
            "pothole",
            "Deep pothole in the bus lane outside exit 3",
            IN_SEOUL[0],
            IN_SEOUL[1],
            email=email,
        ),
    )
    services.change_status(jiwoo, report, "acknowledged")
    return services.change_status(jiwoo, report, "resolved", note="Patched and rolled")


def _minjun():
    citizen = person("minjun", Role.CITIZEN)
    citizen.email = "minjun@example.org"
    citizen.save()
    return citizen


def _staff_see_it_reopened(browser, site, report, reason):
    office = browser.new_context(base_url=site)
    staff = office.new_page()
    staff.set_default_timeout(10_000)
    log_in(staff, "jiwoo")
    staff.goto("/cps/seoul/staff/")
    row = staff.get_by_role("row").filter(has_text=report.public_id)
    expect(row).to_contain_text("Submitted")
    expect(row).to_contain_text("Reopened: not fixed")
    staff.get_by_role("link", name=report.public_id).click()
    expect(staff.get_by_role("note")).to_contain_text("Reopened by its reporter")
    expect(staff.get_by_role("note")).to_contain_text(reason)
    office.close()


def test_a_signed_in_citizen_says_not_fixed_and_the_report_is_back_in_the_queue(
    page, browser, site
):
    report = _resolved_report()
    _minjun()
    log_in(page, "minjun")
    page.get_by_role("link", name="My reports").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My reports")
    assert axe_violations(page) == []
    page.get_by_role("link", name=f"Not fixed? Say so (report {report.public_id})").click()
    page.get_by_label("What is still wrong?").fill("The hole is back after the rain")
    page.get_by_role("button", name="It is not fixed: reopen the report").click()
    expect(page.get_by_role("status")).to_contain_text(f"Report {report.public_id} is open again")
    expect(page.locator(".lead")).to_contain_text("Submitted")
    expect(page.locator(".cps-history")).to_contain_text("The hole is back after the rain")
    _staff_see_it_reopened(browser, site, report, "The hole is back after the rain")


def test_by_the_private_link_the_citizen_says_not_fixed_and_rates(phone, browser, site):
    report = _resolved_report(email="")
    phone.goto(f"/cps/seoul/track/{report.token}/")
    expect(phone.get_by_role("heading", name="Is it fixed?")).to_be_visible()
    assert axe_violations(phone) == []
    assert horizontal_overflow(phone) <= 0
    # A reason is required: said, and nothing changes.
    phone.get_by_role("button", name="It is not fixed: reopen the report").click()
    expect(phone.get_by_role("alert")).to_contain_text("Nothing was saved.")
    assert axe_violations(phone) == []
    phone.get_by_label("4: well").check()
    phone.get_by_label("Your comment on the response").fill("Quick, but it did not last")
    phone.get_by_role("button", name="Send the rating").click()
    expect(phone.get_by_role("status")).to_contain_text("Thank you for rating")
    expect(phone.get_by_text("You rated the city's response 4 of 5.")).to_be_visible()
    phone.get_by_label("What is still wrong?").fill("Cracked again by the bus stop")
    phone.get_by_role("button", name="It is not fixed: reopen the report").click()
    expect(phone.get_by_role("status")).to_contain_text("is open again")
    assert f"/cps/seoul/track/{report.token}/" in phone.url
    _staff_see_it_reopened(browser, site, report, "Cracked again by the bus stop")


def test_the_queue_and_the_new_pages_fit_a_phone(phone):
    report = _resolved_report()
    services.reopen_by_citizen(report, "Still there", token=report.token)
    _minjun()
    person("seoul-cps-admin", Role.CPS_ADMIN, "seoul")

    log_in(phone, "minjun")
    for path in ["/cps/my-reports/", f"/cps/seoul/reports/{report.public_id}/"]:
        phone.goto(path)
        assert axe_violations(phone) == [], path
        assert horizontal_overflow(phone) <= 0, path

    phone.context.clear_cookies()
    log_in(phone, "seoul-cps-admin")
    phone.goto("/cps/seoul/setup/citizens/")
    phone.get_by_label('Days to say "not fixed"').fill("30")
    phone.get_by_role("button", name="Save").click()
    expect(phone.get_by_role("status")).to_contain_text("Saved.")
    assert axe_violations(phone) == []
    assert horizontal_overflow(phone) <= 0

    phone.context.clear_cookies()
    log_in(phone, "jiwoo")
    phone.goto("/cps/seoul/staff/")
    # The filters fold under their summary on a phone; the results come first.
    filters = phone.get_by_role("search", name="Filter the queue")
    expect(filters).to_be_hidden()
    row = phone.get_by_role("row").filter(has_text=report.public_id)
    expect(row).to_contain_text("Reopened: not fixed")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert horizontal_overflow(phone) <= 0
    assert axe_violations(phone) == []
    phone.get_by_text("Filters", exact=True).click()
    expect(filters).to_be_visible()
    phone.get_by_label("Status", exact=True).select_option("all")
    expect(phone.get_by_role("status").filter(has_text="newest first")).to_contain_text(
        "1 report, newest first."
    )
    assert horizontal_overflow(phone) <= 0
    assert axe_violations(phone) == []
