"""The whole way in, as issue 16 asks: Secretariat staff (signed in with two factors, as they
must be) invite a city officer; the officer accepts the e-mail's link, chooses a password,
sets up a second factor, and from then on signing in lands on their city's start page."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from intercity.accounts.models import Role, User
from intercity.conftest import axe_violations, log_in, person, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("two_factor_required")]

MINJI_PASSWORD = "lanterns over the han"


@pytest.fixture(autouse=True)
def site_url(settings: Any, site: str) -> None:
    """The e-mails link to the live server, as they link to SITE_URL in production."""
    settings.SITE_URL = site


def test_an_invited_city_officer_accepts_sets_two_factors_and_lands_on_seouls_start_page(
    browser: Any, page: Any, site: str
) -> None:
    sam = person("sam", Role.SECRETARIAT)
    sams_device = TOTPDevice.objects.create(user=sam, name="authenticator", confirmed=True)
    log_in(page, "sam", code=totp_code(sams_device))
    page.get_by_role("link", name="Invitations").click()
    page.get_by_label("E-mail address").fill("minji@seoul.go.kr")
    page.get_by_label("Role").select_option("city_officer")
    page.get_by_label("Organisation").select_option(label="Seoul")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_role("status")).to_contain_text("Invitation sent to minji@seoul.go.kr")

    [invitation] = mail.outbox
    link = re.search(r"https?://\S+", str(invitation.body))
    assert link
    assert link.group(0).startswith(site)
    minji_context = browser.new_context(base_url=site)
    minji = minji_context.new_page()
    minji.set_default_timeout(10_000)
    minji.goto(link.group(0))
    minji.get_by_label("Username").fill("minji")
    minji.get_by_label("Full name").fill("Kim Minji")
    minji.get_by_label("Password", exact=True).fill(MINJI_PASSWORD)
    minji.get_by_label("Password again").fill(MINJI_PASSWORD)
    minji.get_by_role("button", name="Create my account").click()
    minji.wait_for_url("**/start/")
    expect(minji.get_by_role("region", name="Citizens' reports")).to_contain_text(
        "Seoul: reports to work"
    )

    # Her second factor, from the header's "Sign-in security".
    minji.get_by_role("banner").get_by_role("link", name="Sign-in security").click()
    minji.get_by_role("button", name="Set up two-factor sign-in").click()
    minji.wait_for_url("**/accounts/two-factor/set-up/**")
    device = TOTPDevice.objects.get(user__username="minji", confirmed=False)
    minji.get_by_label("Code from the app").fill(totp_code(device))
    minji.get_by_role("button", name="Confirm").click()
    expect(minji.locator(".recovery-codes li")).to_have_count(10)
    assert axe_violations(minji) == []
    minji.get_by_role("link", name="I have stored them: continue").click()

    # Signing in again takes the password and the app's code, and lands on Seoul's start page.
    minji.get_by_role("button", name=re.compile("Log out")).click()
    minji.goto("/accounts/login/")
    minji.get_by_label("Username").fill("minji")
    minji.get_by_label("Password").fill(MINJI_PASSWORD)
    minji.get_by_role("button", name="Log in").click()
    minji.wait_for_url("**/accounts/two-factor/verify/**")
    device.refresh_from_db()
    minji.get_by_label("Code").fill(totp_code(device, 1))
    minji.get_by_role("button", name="Sign in").click()
    minji.wait_for_url("**/start/")
    expect(minji.get_by_role("heading", level=1)).to_have_text("Welcome, Kim Minji")
    expect(minji.get_by_role("region", name="Self-assessment")).to_contain_text(
        "Seoul: self-assessment"
    )
    expect(minji.get_by_role("region", name="Citizens' reports")).to_contain_text(
        "Seoul: reports to work"
    )
    assert axe_violations(minji) == []
    minji_context.close()

    officer = User.objects.get(username="minji")
    assert officer.email == "minji@seoul.go.kr"
    grant = officer.role_grants.get()
    assert grant.role == Role.CITY_OFFICER
    assert grant.organisation is not None
    assert grant.organisation.key == "seoul"
