"""Sign-in security in a browser: a Secretariat person is made to set up an authenticator, keeps
the recovery codes, and signs in again with the app's code; a person makes and revokes an API
token. Every page passes axe and fits a phone."""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from intercity.accounts.models import ApiToken, Role
from intercity.conftest import (
    PASSWORD,
    axe_violations,
    horizontal_overflow,
    log_in,
    person,
    totp_code,
)

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("two_factor_required")]


def test_secretariat_staff_set_up_an_authenticator_and_sign_in_with_it(page):
    sam = person("sam", Role.SECRETARIAT)
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("sam")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    # Sent to set it up, told why, from any page.
    page.wait_for_url("**/accounts/two-factor/?next=*")
    expect(page.get_by_text("Set it up now to continue")).to_be_visible()
    assert axe_violations(page) == []
    page.goto("/networks/wego/")
    page.wait_for_url("**/accounts/two-factor/?next=*")
    page.get_by_role("button", name="Set up two-factor sign-in").click()

    page.wait_for_url("**/accounts/two-factor/set-up/**")
    expect(
        page.get_by_role("img", name="QR code to scan with an authenticator app")
    ).to_be_visible()
    assert axe_violations(page) == []
    device = TOTPDevice.objects.get(user=sam, confirmed=False)
    typed_key = page.locator("code.secret").inner_text().replace(" ", "")
    assert typed_key.rstrip("=") != ""
    page.get_by_label("Code from the app").fill(totp_code(device))
    page.get_by_role("button", name="Confirm").click()

    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    expect(page.get_by_text("shown only this once")).to_be_visible()
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    assert axe_violations(page) == []
    page.get_by_role("link", name="I have stored them: continue").click()
    page.wait_for_url("**/networks/wego/")

    page.get_by_role("button", name="Log out").click()
    log_in(page, "sam", code=totp_code(device, 1))
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    page.goto("/accounts/two-factor/")
    expect(page.get_by_role("heading", name="Two-factor sign-in is on.")).to_be_visible()
    expect(page.get_by_text("cannot be turned off")).to_be_visible()
    assert axe_violations(page) == []


def test_the_second_step_page_refuses_a_wrong_code_and_passes_axe(page):
    seoyeon = person("seoyeon", Role.CITY_OFFICER, "seoul")
    device = TOTPDevice.objects.create(user=seoyeon, name="authenticator", confirmed=True)
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("seoyeon")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/accounts/two-factor/verify/**")
    wrong = f"{(int(totp_code(device)) + 1) % 1_000_000:06d}"
    page.get_by_label("Code").fill(wrong)
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_text("That code is not right")).to_be_visible()
    assert axe_violations(page) == []


def test_a_person_makes_a_token_sees_it_once_and_revokes_it(phone):
    person("seoyeon", Role.CITY_OFFICER, "seoul")
    log_in(phone, "seoyeon")
    phone.goto("/accounts/tokens/")
    phone.get_by_label("Name").fill("monthly dues export")
    phone.get_by_role("button", name="Make the token").click()

    token = phone.locator("#new-token").inner_text()
    assert ApiToken.objects.get().prefix == token[:8]
    assert axe_violations(phone) == []
    assert horizontal_overflow(phone) == 0
    phone.goto("/accounts/tokens/")
    expect(phone.locator("#new-token")).to_have_count(0)
    phone.get_by_role("button", name="Revoke the token monthly dues export").click()

    expect(phone.get_by_text("is revoked")).to_be_visible()
    assert ApiToken.objects.get().revoked_at is not None
