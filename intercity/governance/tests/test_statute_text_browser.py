"""End-to-end: a visitor reads WeGO's statute, compares the 2014 and 2017 texts, and follows
a ruling's article to the text it applied, in Chromium."""

import re

import pytest
from playwright.sync_api import expect

from intercity.conftest import axe_violations, horizontal_overflow
from intercity.governance.models import Decision

pytestmark = pytest.mark.browser

OLD = "Statute as amended 2014-11-05"


def test_a_visitor_reads_the_statute_and_compares_2014_with_2017(page):
    page.goto("/networks/wego/")
    page.get_by_role("link", name="Statute", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("WeGO statute")
    expect(page.get_by_role("heading", name="Statute 2017", exact=True)).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Article 16", exact=True).click()
    expect(page).to_have_url(re.compile(r"/networks/wego/statute/#art-16$"))
    expect(page.locator("#art-16")).to_contain_text("one fourth or more of the total members")

    page.get_by_label("Compare the text of").select_option("2014-11-05")
    page.get_by_label("with the text of").select_option("2017-06-28")
    page.get_by_role("button", name="Compare").click()
    expect(page.get_by_role("heading", level=2, name=f"{OLD} and Statute 2017")).to_be_visible()
    quorum = page.locator("section#art-16")
    expect(quorum.locator("del")).to_contain_text(["third"])
    expect(quorum.locator("ins").first).to_contain_text("fourth")
    # Unchanged or unknown articles are folded: Article 2's 2014 text is not in the sources.
    expect(page.locator("details#art-2")).not_to_have_attribute("open", "")
    assert axe_violations(page) == []


def test_the_comparison_stacks_its_columns_on_a_phone(phone):
    phone.goto("/networks/wego/statute/compare/?a=2014-11-05&b=2017-06-28")
    columns = phone.locator("section#art-16 .diff-col")
    first, second = columns.nth(0).bounding_box(), columns.nth(1).bounding_box()
    assert first is not None
    assert second is not None
    assert second["y"] > first["y"] + first["height"] - 1  # one under the other
    assert horizontal_overflow(phone) == 0
    phone.goto("/networks/wego/statute/")
    assert horizontal_overflow(phone) == 0


def test_a_rulings_article_link_opens_the_text_it_applied_at_the_article(page):
    decision = Decision.objects.filter(
        network__slug="wego", statute_version__name=OLD, rule="regional-office-establishment"
    ).first()
    assert decision is not None
    page.goto(f"/networks/wego/decisions/{decision.pk}/")
    page.get_by_role("link", name="13.6(a)").click()
    expect(page).to_have_url(re.compile(r"/networks/wego/statute/2014-11-05/#art-13-6$"))
    expect(page.get_by_role("heading", level=2, name=OLD)).to_be_attached()
    target = page.locator("#art-13-6")
    expect(target).to_be_in_viewport()
    expect(target).to_contain_text("(a) The Executive Committee shall approve the establishment")
    assert axe_violations(page) == []
