"""End-to-end in Chromium: a forgotten password reset from the e-mail's link, and an
invitation accepted from its e-mail; the new pages pass axe and fit a phone."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.conftest import axe_violations, horizontal_overflow, log_in

pytestmark = pytest.mark.browser

NEW_PASSWORD = "lanterns over the han"


@pytest.fixture(autouse=True)
def site_url(settings, site):
    """The e-mails link to the live server, as they link to SITE_URL in production."""
    settings.SITE_URL = site


def _first_link(text: str) -> str:
    found = re.search(r"https?://\S+", text)
    assert found, text
    return found.group(0)


def _link_in(message) -> str:
    return str(_first_link(message.body))


def test_a_person_resets_a_forgotten_password_from_the_mail_and_logs_in(page, site):
    seoyeon = person("seoyeon", Role.CITY_OFFICER, "seoul")
    seoyeon.email = "seoyeon@seoul.go.kr"
    seoyeon.save()
    page.goto("/accounts/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in to Intercity")
    page.get_by_role("link", name="Forgot your password?").click()
    page.get_by_label("Email").fill("seoyeon@seoul.go.kr")
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")

    [message] = mail.outbox
    link = _link_in(message)
    assert link.startswith(site)
    page.goto(link)
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password confirmation").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Save the new password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Password saved")

    page.get_by_role("link", name="Log in", exact=True).last.click()
    log_in(page, "seoyeon", NEW_PASSWORD)
    expect(page.get_by_role("button", name=re.compile("Log out"))).to_be_visible()


def test_the_secretariat_invites_a_city_officer_who_accepts_and_lands_logged_in(
    browser, page, site
):
    person("sam", Role.SECRETARIAT)
    log_in(page, "sam")
    page.get_by_role("link", name="Invitations").click()
    page.get_by_label("E-mail address").fill("minji@seoul.go.kr")
    page.get_by_label("Role").select_option("city_officer")
    page.get_by_label("Organisation").select_option(label="Seoul")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_role("status")).to_contain_text("Invitation sent to minji@seoul.go.kr")
    expect(page.locator("tr", has_text="minji@seoul.go.kr")).to_contain_text("open")

    [message] = mail.outbox
    context = browser.new_context(base_url=site)
    minji = context.new_page()
    minji.set_default_timeout(10_000)
    minji.goto(_link_in(message))
    expect(minji.get_by_text("invites you to Intercity as City officer for Seoul")).to_be_visible()
    minji.get_by_label("Username").fill("minji")
    minji.get_by_label("Full name").fill("Kim Minji")
    minji.get_by_label("Password", exact=True).fill(NEW_PASSWORD)
    minji.get_by_label("Password again").fill(NEW_PASSWORD)
    minji.get_by_role("button", name="Create my account").click()
    expect(minji.get_by_role("button", name=re.compile(r"Log out \(minji\)"))).to_be_visible()
    expect(minji.get_by_role("status")).to_contain_text("You now hold the role City officer")
    context.close()

    page.reload()
    expect(page.locator("tr", has_text="minji@seoul.go.kr")).to_contain_text("accepted")


def test_the_new_pages_pass_axe_and_fit_a_phone(phone):
    person("sam", Role.SECRETARIAT)
    for path in ("/accounts/login/", "/accounts/password/reset/", "/accounts/password/reset/sent/"):
        phone.goto(path)
        assert axe_violations(phone) == [], path
        assert horizontal_overflow(phone) <= 0, path
    log_in(phone, "sam")
    phone.goto("/accounts/invitations/")
    phone.get_by_label("E-mail address").fill("minji@seoul.go.kr")
    phone.get_by_label("Role").select_option("city_officer")
    phone.get_by_label("Organisation").select_option(label="Seoul")
    phone.get_by_role("button", name="Send the invitation").click()
    link = _link_in(mail.outbox[0])
    for path in ("/accounts/invitations/", "/accounts/password/change/"):
        phone.goto(path)
        assert axe_violations(phone) == [], path
        assert horizontal_overflow(phone) <= 0, path
    phone.get_by_role("button", name=re.compile("Log out")).click()
    phone.goto(link)
    assert axe_violations(phone) == [], link
    assert horizontal_overflow(phone) <= 0, link
