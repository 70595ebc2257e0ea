"""The site's chrome (base.html) as a visitor sees it: the brand is the product's name on
every page (the login page named the host), the programmes' menu holds programmes (the
API is the developers' link in the footer), and the menu fits a phone."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from intercity.accounts.models import Role
from intercity.conftest import axe_violations, horizontal_overflow, log_in, person

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["/accounts/login/", "/"])
def test_the_brand_is_the_sites_name_not_the_host(page, site, path):
    page.goto(path)
    host = site.split("://", 1)[1]
    brand = page.locator("header .brand")
    expect(brand).to_have_text(settings.SITE_NAME)
    assert host not in page.title()
    assert host not in page.locator("footer").inner_text()


def test_the_login_page_brand_after_a_failed_login(page, site):
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("nobody")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.locator("header .brand")).to_have_text(settings.SITE_NAME)


def test_the_menu_holds_the_programmes_and_the_api_is_in_the_footer(page):
    page.goto("/")
    menu = page.get_by_role("navigation", name="Main")
    expect(menu.get_by_role("link", name="WeGO")).to_be_visible()
    expect(menu.get_by_role("link", name="Citizens' reports")).to_be_visible()
    expect(menu.get_by_role("link", name="API")).to_have_count(0)
    assert "api" not in menu.inner_text().lower()
    footer = page.locator("footer")
    expect(footer.get_by_role("link", name="the API and its documentation")).to_have_attribute(
        "href", "/api/docs"
    )


def test_the_menu_fits_a_phone_even_with_a_long_user_name(phone):
    person("international.relations.department.officer", Role.CITIZEN)
    phone.goto("/accounts/login/")
    assert axe_violations(phone) == []
    log_in(phone, "international.relations.department.officer")
    phone.goto("/")
    menu = phone.get_by_role("navigation", name="Main")
    expect(menu.get_by_role("button", name="Log out")).to_be_visible()
    width = phone.evaluate("document.documentElement.clientWidth")
    right = phone.evaluate(
        "Math.max(...[...document.querySelectorAll('header .nav li')]"
        ".map(li => li.getBoundingClientRect().right))"
    )
    assert right <= width
    assert horizontal_overflow(phone) <= 0
    assert axe_violations(phone) == []
