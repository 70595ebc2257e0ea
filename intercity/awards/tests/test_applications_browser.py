"""End-to-end in Chromium: Seoul's officer starts an application to an open edition of the
WeGO award, fills it in, attaches a document and submits it, and sees it submitted; the
Secretariat screens it eligible from the queue. Each page passes axe and fits a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.awards.models import Application
from intercity.awards.tests import factories_apps as make
from intercity.conftest import axe_violations, horizontal_overflow, log_in
from intercity.network.models import Network

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_seoul_applies_and_the_secretariat_screens_it_eligible(page, browser, site, tmp_path):
    person("seoyeon", Role.CITY_OFFICER, "seoul")
    person("sam", Role.SECRETARIAT)
    edition = make.edition(Network.objects.get(slug="wego"), judges=2, title="WeGO Awards 2030")
    plan = tmp_path / "open-data-plan.pdf"
    plan.write_bytes(b"%PDF-1.4\n% Seoul open data plan\n%%EOF\n")

    log_in(page, "seoyeon")
    page.goto("/awards/")
    page.get_by_role("link", name="WeGO Awards 2030").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("WeGO Awards 2030")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Start an application").click()

    page.get_by_label("Category").select_option(label="Digital Inclusion")
    page.get_by_label("Project title").fill("Seoul Digital Foundation")
    page.get_by_label("Summary").fill("Digital skills for every older citizen.")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Save as a draft").click()
    expect(page.get_by_text("Application saved as a draft.")).to_be_visible()

    # The draft lacks the context and the impact: the check names them.
    page.get_by_role("button", name="Save and check before submitting").click()
    expect(page.get_by_role("alert")).to_contain_text("how the project came about")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Edit the draft").click()
    page.get_by_label("How the project came about").fill("Citizens over 65 asked for help.")
    page.get_by_label("Impact").fill("200,000 people trained since 2019.")
    page.get_by_label("Document").set_input_files(str(plan))
    page.get_by_role("button", name="Save and attach").click()
    expect(page.get_by_role("link", name="open-data-plan.pdf")).to_be_visible()
    expect(page.get_by_label("Impact")).to_have_value("200,000 people trained since 2019.")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Save and check before submitting").click()
    page.get_by_role("button", name="Submit the application").click()
    expect(page.get_by_text("Application submitted to the Secretariat.")).to_be_visible()
    expect(page.locator(".badge").first).to_have_text("Submitted")
    assert axe_violations(page) == []
    application = Application.objects.get(title="Seoul Digital Foundation")
    assert application.status == Application.Status.SUBMITTED

    # The Secretariat finds it on the start page and screens it eligible.
    page.context.clear_cookies()
    log_in(page, "sam")
    page.goto("/start/")
    page.get_by_role("link", name="WeGO Awards 2030").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Screening against the terms")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Seoul Digital Foundation").click()
    page.get_by_label("Eligible", exact=True).check()
    page.get_by_role("button", name="Record the screening").click()
    expect(page.get_by_text("Seoul Digital Foundation screened: Eligible.")).to_be_visible()
    application.refresh_from_db()
    assert application.status == Application.Status.ELIGIBLE
    page.goto(f"/awards/{edition.pk}/")
    assert axe_violations(page) == []

    # On a phone the application and the screening queue fit the screen's width.
    phone = browser.new_context(
        base_url=site, viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True
    )
    tab = phone.new_page()
    log_in(tab, "sam")
    for url in (f"/awards/applications/{application.pk}/", f"/awards/{edition.pk}/screening/"):
        tab.goto(url)
        assert horizontal_overflow(tab) == 0, url
    phone.close()
