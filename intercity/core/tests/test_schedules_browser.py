"""The Secretariat's page of scheduled jobs in a browser: reachable from the header, readable
(axe), on a phone without sideways scrolling, and "Run now" queues a run that the page then
shows done."""

import pytest
from playwright.sync_api import expect

from intercity.accounts.models import Role
from intercity.conftest import axe_violations, horizontal_overflow, log_in, person
from intercity.core import schedules
from intercity.core.models import JobRun

pytestmark = pytest.mark.browser


def test_the_secretariat_runs_a_job_now_and_sees_what_it_did(page):
    person("sam", Role.SECRETARIAT)
    log_in(page, "sam")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Schedules").click()
    expect(page.get_by_role("heading", name="Scheduled jobs", level=1)).to_be_visible()
    assert axe_violations(page) == []
    job = page.locator("#job-participation\\.overdue-escalation")
    expect(job).to_contain_text("Not run yet.")
    job.get_by_role("button", name="Run now: Escalation of overdue reports").click()
    expect(page.get_by_text("is queued; the worker runs it in a moment")).to_be_visible()
    # The worker's part, done here: the queued run is performed.
    schedules.perform(JobRun.objects.get(job="participation.overdue-escalation").pk)
    page.reload()
    job = page.locator("#job-participation\\.overdue-escalation")
    expect(job).to_contain_text("(run by hand): Done")
    expect(job).to_contain_text("overdue reports escalated")
    assert axe_violations(page) == []


def test_the_page_fits_a_phone(phone):
    person("sam", Role.SECRETARIAT)
    log_in(phone, "sam")
    phone.goto("/operations/schedules/")
    expect(phone.get_by_role("heading", name="Scheduled jobs", level=1)).to_be_visible()
    assert horizontal_overflow(phone) == 0
    assert axe_violations(phone) == []
