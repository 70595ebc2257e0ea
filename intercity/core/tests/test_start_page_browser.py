"""Logging in lands on the person's start page: a city officer on their city's account,
assessments and queue; a Secretariat person on the to-do. Both pass axe and fit a phone."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import expect

from intercity.accounts.models import Role
from intercity.conftest import PASSWORD, axe_violations, horizontal_overflow, person
from intercity.membership.tests.factories import ApplicationFactory, InvoiceFactory
from intercity.network.models import Network, Organisation

pytestmark = pytest.mark.browser


def signs_in(tab: Any, username: str) -> None:
    tab.goto("/accounts/login/")
    tab.get_by_label("Username").fill(username)
    tab.get_by_label("Password").fill(PASSWORD)
    tab.get_by_role("button", name="Log in").click()
    tab.wait_for_url("**/start/")


def test_a_city_officer_lands_on_their_citys_start_page(page: Any) -> None:
    seoul = Organisation.objects.get(key="seoul")
    InvoiceFactory(
        network=Network.objects.get(slug="wego"),
        organisation=seoul,
        year=2025,
        amount=Decimal("1200.00"),
    )
    person("seo-yeon", Role.CITY_OFFICER, "seoul")
    signs_in(page, "seo-yeon")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, seo-yeon")
    expect(page.get_by_role("link", name="Your start page")).to_have_attribute(
        "aria-current", "page"
    )
    membership = page.get_by_role("region", name="Membership and dues")
    expect(membership).to_contain_text("1 open invoice, USD 1,200.00 owed")
    expect(page.get_by_role("region", name="Self-assessment")).to_contain_text(
        "Seoul: self-assessment"
    )
    expect(page.get_by_role("region", name="Citizens' reports")).to_contain_text(
        "Seoul: reports to work"
    )
    expect(page.get_by_role("region", name="Membership: applications and arrears")).to_have_count(0)
    assert axe_violations(page) == []
    membership.get_by_role("link", name="Seoul: WeGO membership account").click()
    page.wait_for_url(f"**/networks/wego/account/{seoul.pk}/")


def test_a_secretariat_person_lands_on_the_to_do(page: Any) -> None:
    ApplicationFactory(network=Network.objects.get(slug="wego"))
    person("sam", Role.SECRETARIAT)
    signs_in(page, "sam")
    todo = page.get_by_role("region", name="Membership: applications and arrears")
    expect(todo.get_by_role("link", name="WeGO: 1 application to decide")).to_be_visible()
    expect(page.get_by_role("region", name="Assessments to review")).to_be_visible()
    expect(page.get_by_role("navigation", name="On this page")).to_be_visible()
    assert axe_violations(page) == []
    todo.get_by_role("link", name="WeGO: 1 application to decide").click()
    page.wait_for_url("**/networks/wego/staff/applications/")


def test_the_start_page_fits_a_phone(phone: Any) -> None:
    person("seo-yeon", Role.CITY_OFFICER, "seoul")
    signs_in(phone, "seo-yeon")
    expect(phone.get_by_role("region", name="Membership and dues")).to_be_visible()
    assert horizontal_overflow(phone) == 0
    assert axe_violations(phone) == []


def test_a_person_with_no_role_lands_on_a_page_that_says_how_to_get_one(page: Any) -> None:
    from intercity.accounts.tests.factories import UserFactory

    UserFactory(username="nora")
    signs_in(page, "nora")
    expect(page.get_by_role("region", name="Welcome")).to_contain_text(
        "ask the Secretariat of your network for an invitation"
    )
    assert axe_violations(page) == []
