"""In Chromium: a visitor searches the catalog, narrows the results with a facet, and opens a
project's "projects like this one", where each suggestion says why. Both pages pass axe and fit
a 375 px phone."""

import pytest
from playwright.sync_api import expect

from intercity.conftest import axe_violations, horizontal_overflow
from intercity.knowledge.tests.factories_search import catalog

pytestmark = pytest.mark.browser


def test_a_visitor_searches_filters_and_sees_why_projects_are_alike(page, phone) -> None:
    cat = catalog()
    net = cat.world.network.slug

    page.goto(f"/knowledge/projects/?network={net}&q=waste")
    expect(page.get_by_role("heading", level=1)).to_have_text("Search the projects catalog")
    expect(page.locator("#result-count")).to_contain_text("2 projects found.")
    expect(page.get_by_role("link", name="Smart waste collection", exact=True)).to_be_visible()
    expect(page.locator("mark").first).to_be_visible()
    assert axe_violations(page) == []

    # A facet: only the projects of Smalltown's country, Spain (the count said 1).
    # The filters are open already: the network is a filter.
    expect(page.locator("#search-facets")).to_have_attribute("open", "")
    spain = page.get_by_label("Spain (1)")
    spain.check()
    page.get_by_role("button", name="Apply the filters").click()
    expect(page.locator("#result-count")).to_contain_text("1 project found.")
    expect(page.get_by_role("link", name="Waste sensors for every bin", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Smart waste collection", exact=True)).to_have_count(0)
    assert "country=ES" in page.url
    assert axe_violations(page) == []

    # Projects like this one, each with why.
    page.get_by_role("link", name="Projects like “Waste sensors for every bin”").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Projects like “Waste sensors for every bin”"
    )
    first = page.locator("#similar-projects li").first
    expect(first.get_by_role("heading", name="Smart waste collection")).to_be_visible()
    expect(first).to_contain_text("Why: Shares the theme Environment; shares the words")
    expect(first).to_contain_text("“")
    expect(page.get_by_text("Waste sensors for every bin, draft")).to_have_count(0)
    assert axe_violations(page) == []

    # Both pages fit a phone.
    phone.goto(f"/knowledge/projects/?network={net}&q=waste&status=completed")
    expect(phone.locator("#result-count")).to_contain_text("2 projects found.")
    assert horizontal_overflow(phone) == 0
    phone.goto(f"/knowledge/projects/{cat.p5.pk}/similar/")
    expect(phone.locator("#similar-projects")).to_contain_text("Why:")
    assert horizontal_overflow(phone) == 0
    assert axe_violations(phone) == []
