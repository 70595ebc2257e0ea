"""End-to-end in Chromium: Seoul's officer writes a project with an image and sends it for
review; the Secretariat publishes it from the review queue; the officer then finds it by
searching the catalog. Every page passes axe (WCAG 2.1 AA) and fits a 375 px phone.

The last step uses the search page, which the search part of the module builds: on the
catalog's branch alone that page is a placeholder, so that step passes only once the parts
are merged (it is marked below)."""

from __future__ import annotations

import pytest
from django.urls import resolve
from playwright.sync_api import expect

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.conftest import axe_violations, horizontal_overflow, log_in
from intercity.knowledge import views
from intercity.knowledge.models import ClusterActivity, Project
from intercity.knowledge.tests import factories_catalog as make
from intercity.network.models import Network

pytestmark = pytest.mark.browser

TITLE = "Hangang Riverside Smart Lighting"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_an_officer_publishes_a_project_with_an_image_and_finds_it_by_search(
    page, browser, site, tmp_path
):
    person("seoyeon", Role.CITY_OFFICER, "seoul")
    person("sam", Role.SECRETARIAT)
    theme = make.cluster(Network.objects.get(slug="wego"), "Smart Infrastructure")
    # Another published project, which a search for "Hangang" must not find.
    other = make.project(state=Project.State.PUBLISHED, title="Seoul Open Data Plaza")
    photo = tmp_path / "riverside.png"
    photo.write_bytes(make.png_bytes((40, 30)))

    # The officer writes the project.
    log_in(page, "seoyeon")
    page.goto("/knowledge/my-projects/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your city's projects")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Write a new project").click()
    page.get_by_label("City").select_option(label="Seoul (WeGO)")
    page.get_by_label("Title").fill(TITLE)
    assert axe_violations(page) == []
    page.get_by_role("button", name="Create the draft").click()
    expect(page.get_by_text("Draft created: now describe the project.")).to_be_visible()

    page.get_by_label("Summary", exact=True).fill("LED street lights that dim when nobody is near.")
    page.get_by_label("Background", exact=True).fill("The riverside parks were dark at night.")
    page.get_by_label("Main features", exact=True).fill("Motion sensors and a control centre.")
    page.get_by_label("Budget in US dollars").fill("1250000")
    page.get_by_label("Smart Infrastructure").check()
    page.get_by_label("Partners", exact=True).fill("Seoul Energy Corporation | operator")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Save and add images or documents").click()
    expect(page.get_by_text("Project saved.")).to_be_visible()

    page.get_by_label("Image", exact=True).check()
    page.get_by_label("File", exact=True).set_input_files(str(photo))
    page.get_by_label("Caption").fill("The lights along the river at night")
    page.get_by_role("button", name="Add the file").click()
    expect(page.get_by_text("File added.")).to_be_visible()
    expect(page.get_by_role("img", name="The lights along the river at night")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Back to the project").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    assert axe_violations(page) == []
    page.get_by_role("button", name="Send for review").click()
    expect(page.get_by_text("Sent to the Secretariat for review.")).to_be_visible()
    project = Project.objects.get(title=TITLE)
    assert project.state == Project.State.IN_REVIEW

    # The Secretariat publishes it from the review queue.
    page.context.clear_cookies()
    log_in(page, "sam")
    page.goto("/start/")
    page.get_by_role("link", name="1 project waiting for review").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Projects waiting for review")
    assert axe_violations(page) == []
    page.get_by_role("button", name=f"Publish {TITLE}").click()
    expect(page.get_by_text("Published in the catalog.")).to_be_visible()
    project.refresh_from_db()
    assert project.state == Project.State.PUBLISHED
    assert ClusterActivity.objects.filter(project=project, cluster=theme).count() == 1

    # Everyone sees it, with its image.
    page.context.clear_cookies()
    page.goto(f"/knowledge/projects/{project.pk}/")
    image = page.get_by_role("img", name="The lights along the river at night")
    expect(image).to_be_visible()
    assert image.evaluate("img => img.naturalWidth") == 40
    expect(page.get_by_role("link", name="Smart Infrastructure")).to_be_visible()
    assert axe_violations(page) == []

    # On a phone every page of the catalog fits the screen's width.
    phone = browser.new_context(
        base_url=site, viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True
    )
    tab = phone.new_page()
    log_in(tab, "sam")
    for url in (
        f"/knowledge/projects/{project.pk}/",
        f"/knowledge/projects/{project.pk}/edit/",
        f"/knowledge/projects/{project.pk}/files/",
        "/knowledge/projects/new/",
        "/knowledge/my-projects/",
        "/knowledge/review/",
    ):
        tab.goto(url)
        assert horizontal_overflow(tab) == 0, url
        assert axe_violations(tab) == [], url
    phone.close()

    # --- LAST STEP: needs the search part's page (passes only once the parts are merged) ---
    # The officer searches the catalog for a word of the title and finds it, and only it.
    if resolve("/knowledge/projects/").func is views.home:
        pytest.skip("the search page is still the skeleton's placeholder on this branch")
    page.context.clear_cookies()
    log_in(page, "seoyeon")
    page.goto("/knowledge/projects/?q=hangang")
    expect(page.get_by_role("link", name=TITLE, exact=True)).to_be_visible()
    expect(page.get_by_role("link", name=other.title, exact=True)).to_have_count(0)


def test_a_project_sent_back_shows_the_note_and_a_winner_is_added_from_a_phone(page, phone, site):
    person("seoyeon", Role.CITY_OFFICER, "seoul")
    person("sam", Role.SECRETARIAT)
    waiting = make.project(state=Project.State.IN_REVIEW, title="Seoul Smart Parking")
    placement = make.placement(project_title="Seoul Smart Bus")

    # The Secretariat sends the project back with a note, from its page.
    log_in(page, "sam")
    page.goto(f"/knowledge/projects/{waiting.pk}/")
    page.get_by_label("Note to the city").fill("Add the number of parking spaces, please.")
    page.get_by_role("button", name="Send back to the city").click()
    expect(page.get_by_text("Sent back to the city with your note.")).to_be_visible()
    assert axe_violations(page) == []

    # The officer, on a phone, reads the note and adds the city's award winner.
    log_in(phone, "seoyeon")
    phone.goto("/knowledge/my-projects/")
    expect(phone.get_by_text("Add the number of parking spaces, please.")).to_be_visible()
    assert axe_violations(phone) == []
    assert horizontal_overflow(phone) == 0
    phone.get_by_role("button", name="Add to the catalog Seoul Smart Bus").click()
    expect(phone.get_by_text("Draft created from the award")).to_be_visible()
    expect(phone.get_by_label("Title")).to_have_value("Seoul Smart Bus")
    assert Project.objects.filter(award_placement_ref=placement.pk).count() == 1
    phone.goto(f"/knowledge/projects/{waiting.pk}/")
    expect(phone.get_by_text("The Secretariat's note")).to_be_visible()
    assert axe_violations(phone) == []
    assert horizontal_overflow(phone) == 0
