"""End-to-end in Chromium: a citizen files a report with an e-mail address; the worker sends
the confirmation; its link opens the report's tracking page; its unsubscribe link asks, then
unsubscribes; its preferences page lists every kind. The mail pages pass axe and fit a phone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from intercity.conftest import axe_violations, horizontal_overflow
from intercity.core import mail
from intercity.core.models import MailKind
from intercity.core.tests.queued import run_queued
from intercity.participation.tests.test_browser import file_a_report

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def links_to_the_live_site(settings, site):
    settings.SITE_URL = site


def the_confirmation(mailoutbox, public_id):
    (message,) = [m for m in mailoutbox if m.to == ["minjun@example.org"]]
    assert public_id in message.subject
    return message


def test_the_confirmations_link_opens_the_reports_tracking_page(page, site, mailoutbox):
    public_id = file_a_report(page)
    assert mailoutbox == []  # the request did not send it: the worker does
    assert run_queued() >= 1

    message = the_confirmation(mailoutbox, public_id)
    link = re.search(r"https?://\S+/cps/seoul/reports/\S+/", message.body).group(0)
    assert link == f"{site}/cps/seoul/reports/{public_id}/"
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_contain_text(public_id)


def test_the_unsubscribe_and_preferences_pages(page, phone, mailoutbox):
    public_id = file_a_report(page)
    run_queued()
    message = the_confirmation(mailoutbox, public_id)
    unsubscribe = message.extra_headers["List-Unsubscribe"][1:-1]

    page.goto(unsubscribe)
    expect(page.get_by_role("heading", level=1)).to_have_text("Unsubscribe")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Unsubscribed")
    assert axe_violations(page) == []
    assert MailKind.REPORT_UPDATES in mail.declined_kinds("minjun@example.org")

    page.get_by_role("link", name="Choose which e-mails this address receives").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("E-mail preferences")
    updates = page.get_by_label("Updates on a report I filed or follow")
    expect(updates).not_to_be_checked()
    expect(page.get_by_label("Membership fee reminders")).to_be_checked()
    assert axe_violations(page) == []
    updates.check()
    page.get_by_role("button", name="Save preferences").click()
    expect(page.get_by_role("status")).to_contain_text("Your e-mail preferences are saved.")
    assert mail.declined_kinds("minjun@example.org") == set()

    phone.goto(mail.preferences_url("minjun@example.org"))
    expect(phone.get_by_role("heading", level=1)).to_have_text("E-mail preferences")
    assert horizontal_overflow(phone) == 0
