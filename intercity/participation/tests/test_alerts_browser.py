"""End-to-end in Chromium: a citizen asks for alerts of new reports near a point, follows the
confirmation link the worker mailed, is mailed when a report is filed nearby, and stops the
alert from that mail's one-click link. The new pages pass axe and fit a phone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from intercity.conftest import axe_violations, horizontal_overflow
from intercity.core.tests.queued import run_queued
from intercity.participation.models import Alert
from intercity.participation.tests.factories import IN_SEOUL
from intercity.participation.tests.test_browser import file_a_report

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def links_to_the_live_site(settings, site):
    settings.SITE_URL = site


def mails_to(mailoutbox, address):
    return [m for m in mailoutbox if m.to == [address]]


def test_a_citizen_subscribes_confirms_is_alerted_and_unsubscribes(page, site, mailoutbox):
    page.goto("/cps/seoul/reports/")
    page.get_by_role("link", name="Get alerts").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Get alerts")
    assert axe_violations(page) == []
    page.get_by_label("Your e-mail").fill("sora@example.org")
    page.get_by_label("Within a distance of a point").check()
    page.get_by_label("Latitude").fill(str(IN_SEOUL[0]))
    page.get_by_label("Longitude").fill(str(IN_SEOUL[1]))
    page.get_by_label("Within (metres)").fill("500")
    page.get_by_role("button", name="Get alerts").click()
    expect(page.locator(".messages")).to_contain_text("we sent a link to sora@example.org")
    assert mailoutbox == []  # the worker sends it

    assert run_queued() == 1
    (confirmation,) = mails_to(mailoutbox, "sora@example.org")
    link = re.search(r"https?://\S+/alerts/confirm/\S+/", confirmation.body).group(0)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm the alert")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Confirm the alert").click()
    expect(page.get_by_role("status")).to_contain_text("The alert is confirmed")
    assert axe_violations(page) == []

    public_id = file_a_report(page)
    expect(page.get_by_role("button", name="Get alerts of new reports near here")).to_be_visible()
    assert axe_violations(page) == []  # the report page with its feed link and alert form
    run_queued()  # the reporter's confirmation, the department's notice, the matching
    run_queued()  # the alert's mail the matching queued
    (_confirmation, alert_mail) = mails_to(mailoutbox, "sora@example.org")
    assert public_id in alert_mail.subject
    assert f"{site}/cps/seoul/reports/{public_id}/" in alert_mail.body
    assert "minjun@example.org" not in alert_mail.body

    page.goto(alert_mail.extra_headers["List-Unsubscribe"][1:-1])
    expect(page.get_by_role("heading", level=1)).to_have_text("Unsubscribe")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Unsubscribed")
    assert axe_violations(page) == []
    assert not Alert.objects.exists()


def test_the_alerts_page_and_the_near_me_list_fit_a_phone(phone):
    phone.goto("/cps/seoul/alerts/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Get alerts")
    assert horizontal_overflow(phone) == 0
    phone.goto(f"/cps/seoul/reports/?lat={IN_SEOUL[0]}&long={IN_SEOUL[1]}&radius=300")
    expect(phone.get_by_role("button", name="Get alerts of new reports near here")).to_be_visible()
    assert horizontal_overflow(phone) == 0
    assert axe_violations(phone) == []
