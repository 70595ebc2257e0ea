"""End-to-end: people using the registry pages in Chromium."""

import re

import pytest
from playwright.sync_api import expect

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.conftest import axe_violations, horizontal_overflow, log_in
from intercity.network.models import Organisation

pytestmark = pytest.mark.browser


def test_visitor_filters_the_directory_by_status_and_date_then_searches(page):
    page.goto("/networks/wego/members/")
    page.get_by_label("Members on").fill("2017-06-28")
    page.get_by_label("Status").select_option("withdrawn")
    results = page.locator("#results")
    expect(results).to_contain_text("4 organisations on 28 June 2017")
    for name in ("Nanjing", "Mosman", "Issy-les-Moulineaux", "Edmonton"):
        expect(results.get_by_role("link", name=name)).to_be_visible()
    assert "status=withdrawn" in page.url

    page.get_by_label("Status").select_option("")
    page.get_by_label("Name").fill("Gaziant")
    expect(results).to_contain_text("1 organisation on 28 June 2017: current members")
    expect(results.get_by_role("link", name="Gaziantep")).to_be_visible()


def test_directory_works_without_javascript(browser, site):
    context = browser.new_context(base_url=site, java_script_enabled=False)
    tab = context.new_page()
    tab.goto("/networks/ascn/members/")
    tab.get_by_label("Country", exact=True).select_option("TH")
    tab.get_by_role("button", name="Filter").click()
    expect(tab.locator("#results")).to_contain_text("Bangkok")
    context.close()


def test_visitor_opens_a_profile_with_its_membership_history(page):
    page.goto("/networks/wego/members/?q=goyang")
    page.get_by_role("link", name="Goyang").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Goyang")
    history = page.locator("table").filter(has_text="Associate member")
    expect(history).to_contain_text("17 October 2016")
    expect(history).to_contain_text("27 June 2017")


def test_a_member_logs_in_and_out(page):
    person("seoyeon", Role.CITY_OFFICER, "seoul")
    log_in(page, "seoyeon")
    expect(page.get_by_role("button", name=re.compile("Log out"))).to_be_visible()
    page.get_by_role("button", name=re.compile("Log out")).click()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()


def test_wrong_password_is_refused_with_a_message(page):
    person("seoyeon", Role.CITY_OFFICER, "seoul")
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("seoyeon")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text("correct username and password")


def test_city_officer_edits_own_city_and_is_refused_on_another(page):
    person("seoyeon", Role.CITY_OFFICER, "seoul")
    seoul = Organisation.objects.get(key="seoul")
    makati = Organisation.objects.get(key="makati")
    log_in(page, "seoyeon")

    page.goto(f"/organisations/{seoul.pk}/")
    page.get_by_role("link", name="Edit profile").click()
    page.get_by_label("Leader's name").fill("Won-soon Park")
    page.get_by_label("Leader's title").fill("Mayor")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_role("status")).to_contain_text("Profile saved")
    expect(page.locator("dl.facts")).to_contain_text("Won-soon Park, Mayor")

    page.goto(f"/organisations/{makati.pk}/")
    expect(page.get_by_role("link", name="Edit profile")).to_have_count(0)
    response = page.goto(f"/organisations/{makati.pk}/edit/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_contain_text("not allowed")


def test_officer_sees_form_errors_and_nothing_is_saved(page):
    person("seoyeon", Role.CITY_OFFICER, "seoul")
    seoul = Organisation.objects.get(key="seoul")
    log_in(page, "seoyeon")
    page.goto(f"/organisations/{seoul.pk}/edit/")
    page.get_by_label("Incumbent term from (year)").fill("2018")
    page.get_by_label("Incumbent term to (year)").fill("2014")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_role("alert")).to_contain_text("The profile was not saved")
    expect(page.locator("main form")).to_contain_text("The term cannot end before it starts.")
    seoul.refresh_from_db()
    assert seoul.incumbent_term_start != 2018


@pytest.mark.parametrize(
    "path",
    ["/", "/networks/wego/", "/networks/ascn/", "/networks/wego/members/", "/accounts/login/"],
)
def test_public_pages_pass_axe_and_fit_a_phone(phone, path):
    phone.goto(path)
    assert axe_violations(phone) == []
    overflow = horizontal_overflow(phone)
    assert overflow <= 0, f"{path} scrolls sideways on a phone by {overflow}px"


def test_profile_and_edit_pages_pass_axe_and_fit_a_phone(phone):
    person("seoyeon", Role.CITY_OFFICER, "seoul")
    seoul = Organisation.objects.get(key="seoul")
    log_in(phone, "seoyeon")
    for path in (f"/organisations/{seoul.pk}/", f"/organisations/{seoul.pk}/edit/"):
        phone.goto(path)
        assert axe_violations(phone) == [], path
        overflow = horizontal_overflow(phone)
        assert overflow <= 0, f"{path} scrolls sideways on a phone by {overflow}px"


def test_api_docs_render_without_any_outside_network(page, site):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto("/api/docs")
    expect(page.get_by_text("/api/v1/networks/{slug}/members", exact=True)).to_be_visible()
    assert requested
    assert [url for url in requested if not url.startswith(site)] == []


def test_an_empty_directory_result_says_so_and_resets(page):
    page.goto("/networks/wego/members/")
    results = page.locator("#results")
    page.get_by_label("Name or country").fill("atlantis")
    expect(results).to_contain_text("No members match these filters")
    assert "q=atlantis" in page.url
    page.get_by_role("link", name="Reset the filters").click()
    expect(results).to_contain_text("organisations on")
    expect(results).to_contain_text(": current members.")
    expect(page.get_by_label("Name or country")).to_have_value("")
    assert "q=" not in page.url


def test_search_ignores_accents_and_case_and_finds_country_names(page):
    page.goto("/networks/wego/members/")
    results = page.locator("#results")
    search = page.get_by_label("Name or country")
    search.fill("sao")
    expect(results.get_by_role("link", name="São Paulo")).to_be_visible()
    search.fill("SEOUL")
    expect(results.get_by_role("link", name="Seoul")).to_be_visible()
    search.fill("korea")
    expect(results.get_by_role("link", name="Seoul")).to_be_visible()
    expect(results.get_by_role("link", name="São Paulo")).to_have_count(0)


def test_the_network_page_maps_its_members_and_a_city_page_shows_where_it_is(page):
    page.goto("/networks/wego/")
    member_map = page.get_by_role("img", name="Map of the current members of WeGO")
    expect(member_map).to_be_visible()
    assert member_map.locator("circle.map-point").count() > 50
    expect(page.locator(".map-legend li").first).to_be_visible()
    expect(page.locator(".map-legend")).to_contain_text("Asia")
    page.get_by_text("members on the map, as a list").click()
    listing = page.locator("details.map-list table")
    expect(listing.get_by_role("link", name="Seoul")).to_be_visible()
    expect(page.locator("#not-on-the-map")).to_be_visible()

    listing.get_by_role("link", name="Seoul").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Seoul")
    expect(page.get_by_role("img", name="Where Seoul is")).to_be_visible()
    expect(page.locator(".location-map figcaption")).to_contain_text("GeoNames")


def test_the_page_contents_link_to_sections_and_past_terms_unfold(page):
    page.goto("/networks/wego/")
    page.locator(".page-contents").get_by_role("link", name="Past terms").click()
    assert page.url.endswith("#history")
    term = page.locator("details.term").first
    expect(term.locator("table")).to_be_hidden()
    term.locator("> summary").click()
    expect(term.locator("table")).to_be_visible()


@pytest.mark.parametrize(
    "path", ["/networks/wego/members/?q=atlantis", "/networks/ascn/members/?q=viet"]
)
def test_directory_results_pass_axe_and_fit_a_phone(phone, path):
    phone.goto(path)
    assert axe_violations(phone) == []
    assert horizontal_overflow(phone) <= 0


def test_a_visitor_sees_a_city_profile_that_passes_axe_and_fits_a_phone(phone):
    for key in ("seoul", "dakar", "nita-uganda"):
        organisation = Organisation.objects.get(key=key)
        phone.goto(f"/organisations/{organisation.pk}/")
        assert axe_violations(phone) == [], key
        assert horizontal_overflow(phone) <= 0, key
