"""End-to-end in Chromium: the Secretariat creates an issue, adds two published projects with
notes, writes the editorial and publishes; a visitor finds it in the journal, follows the
table of contents to each project and gets the PDF. The journal, issue and editing pages
pass axe (WCAG 2.1 AA) and fit a 375 px phone."""

import pytest
from playwright.sync_api import expect

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.conftest import axe_violations, horizontal_overflow, log_in
from intercity.knowledge.models import JournalIssue
from intercity.knowledge.tests import factories_journal as make

pytestmark = pytest.mark.browser


def test_the_secretariat_publishes_an_issue_and_a_visitor_reads_it(page, phone, browser, site):
    person("sam", Role.SECRETARIAT)
    make.project(title="Smart bus stops", summary="Bus stops that tell the time.")
    make.project(city="madrid", title="Madrid Listens", summary="Citizens propose and vote.")

    log_in(page, "sam")
    page.goto("/knowledge/journal/")
    page.get_by_role("link", name="New issue").click()
    page.get_by_label("Network").select_option(label="WeGO")
    page.get_by_label("Title").fill("Cities that listen")
    page.get_by_role("button", name="Create the issue").click()
    expect(page.get_by_text("is created as a draft")).to_be_visible()
    issue = JournalIssue.objects.get(title="Cities that listen")

    page.get_by_label("Published project").select_option(label="Madrid Listens (Madrid)")
    page.get_by_label("The editors' note", exact=True).fill("Citizens write the proposals.")
    page.get_by_role("button", name="Add the project").click()
    expect(page.get_by_text("Madrid Listens is added to the issue.")).to_be_visible()
    page.get_by_label("Published project").select_option(label="Smart bus stops (Seoul)")
    page.get_by_label("The editors' note", exact=True).fill("Small screens, big effect.")
    page.get_by_role("button", name="Add the project").click()
    # Bus stops first: moved up one place.
    page.get_by_role("button", name="Up (Smart bus stops)").click()
    expect(page.get_by_text("The order of the projects is saved.")).to_be_visible()
    # Publishing before the editorial is written is refused, and says why.
    page.get_by_role("button", name="Publish the issue").click()
    expect(page.get_by_role("alert")).to_contain_text("Write the editorial before publishing")
    page.get_by_label("Editorial (English)").fill("Two cities that ask their people first.")
    page.get_by_role("button", name="Save the title and editorial").click()
    expect(page.get_by_text("The title and editorial are saved.")).to_be_visible()
    assert axe_violations(page) == []

    log_in(phone, "sam")
    phone.goto(f"/knowledge/journal/{issue.pk}/edit/")
    expect(phone.get_by_role("button", name="Publish the issue")).to_be_visible()
    assert horizontal_overflow(phone) == 0

    page.get_by_role("button", name="Publish the issue").click()
    expect(page.get_by_text("The issue is published.")).to_be_visible()

    # A visitor finds the issue in the journal.
    visitor = browser.new_context(base_url=site).new_page()
    visitor.set_default_timeout(10_000)
    visitor.goto("/knowledge/journal/")
    assert axe_violations(visitor) == []
    visitor.get_by_role("link", name=f"WeGO, issue {issue.number}: Cities that listen").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Cities that listen")
    contents = visitor.get_by_role("navigation", name="Contents")
    expect(contents.get_by_role("link")).to_have_text(
        ["Editorial", "Smart bus stops", "Madrid Listens"]
    )
    second = issue.entries.get(position=2)
    contents.get_by_role("link", name="Madrid Listens").click()
    expect(visitor).to_have_url(f"{site}/knowledge/journal/{issue.pk}/#entry-{second.pk}")
    target = visitor.locator(":target")
    expect(target.get_by_role("heading", level=2)).to_have_text("2. Madrid Listens")
    expect(target).to_contain_text("Citizens write the proposals.")
    expect(target).to_contain_text("Citizens propose and vote.")
    expect(target.get_by_role("link", name="Madrid Listens")).to_have_attribute(
        "href", f"/knowledge/projects/{second.project_id}/"
    )
    contents.get_by_role("link", name="Editorial").click()
    expect(visitor.locator(":target")).to_contain_text("Two cities that ask their people first.")
    assert axe_violations(visitor) == []

    pdf_href = visitor.get_by_role("link", name="This issue as a PDF").get_attribute("href")
    pdf = visitor.request.get(pdf_href)
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    visitor.context.close()

    # The journal and the issue fit a phone.
    for path in ("/knowledge/journal/", f"/knowledge/journal/{issue.pk}/"):
        phone.goto(path)
        expect(phone.get_by_role("heading", level=1)).to_be_visible()
        assert horizontal_overflow(phone) == 0


def test_the_new_issue_page_passes_axe_and_fits_a_phone(phone, site):
    person("sam", Role.SECRETARIAT)
    log_in(phone, "sam")
    phone.goto("/knowledge/journal/new/")
    expect(phone.get_by_role("button", name="Create the issue")).to_be_visible()
    assert axe_violations(phone) == []
    assert horizontal_overflow(phone) == 0
