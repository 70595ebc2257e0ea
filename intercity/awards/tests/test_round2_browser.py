"""End-to-end in Chromium: a judge finds their round-2 vote on their start page, reads the
finalists (never a round-1 score) and casts a ballot; the Secretariat follows who has voted,
closes round 2 and publishes; the public results page shows Gold and Silver with the
explanation. The ballot and results pages pass axe and fit a phone."""

import pytest
from playwright.sync_api import expect

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.awards.tests.factories_round2 import round2_edition, vote
from intercity.conftest import axe_violations, horizontal_overflow, log_in
from intercity.network.models import Network

pytestmark = pytest.mark.browser

ROUND1_SCORES = ("9.25", "8.25", "7.25", "6.25", "5.25")


def test_a_judge_votes_blind_and_the_secretariat_closes_and_publishes(page, phone, browser, site):
    world = round2_edition(Network.objects.get(slug="wego"))
    person("sam", Role.SECRETARIAT)
    apps = world.apps()
    category = world.categories[0]
    # Two judges have voted in Open City already: Bus Finder twice, Kiosk Network once.
    vote(world.judges[0], category, apps[3], apps[4])
    vote(world.judges[2], category, apps[3], apps[1])

    # Judge 1 finds the vote on the start page and opens the ballot.
    log_in(page, "judge1")
    page.goto("/start/")
    page.get_by_role("link", name="Vote in 2 categories").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Round 2: your votes")
    open_city = page.locator(f"#category-{category.pk}")
    expect(open_city.get_by_role("heading", name="Bus Finder")).to_be_visible()
    content = page.locator("main").inner_text()
    for score in ROUND1_SCORES:
        assert score not in content
    assert "score" not in content.lower()
    assert "rank" not in content.lower()
    for score in ROUND1_SCORES:
        assert score not in page.content()
    assert axe_violations(page) == []

    # One vote is not a ballot: the refusal is shown on the form, nothing is cast.
    open_city.get_by_label("Vote for Bus Finder").check()
    open_city.get_by_role("button", name="Cast my ballot in Open City").click()
    expect(page.get_by_role("alert")).to_contain_text("votes for exactly 2 finalists")
    open_city = page.locator(f"#category-{category.pk}")
    expect(open_city.get_by_label("Vote for Bus Finder")).to_be_checked()
    open_city.get_by_label("Vote for Citizen Desk").check()
    open_city.get_by_role("button", name="Cast my ballot in Open City").click()
    expect(page.get_by_text("Your ballot in Open City is cast.")).to_be_visible()
    expect(page.locator(f"#category-{category.pk}")).to_contain_text("You voted on")

    # The ballot page fits a phone: the finalists of the category left, nothing sideways.
    log_in(phone, "judge1")
    phone.goto(f"/awards/editions/{world.edition.pk}/ballot/")
    expect(phone.get_by_role("button", name="Cast my ballot in Digital Inclusion")).to_be_visible()
    assert horizontal_overflow(phone) == 0

    # The Secretariat sees who has voted, closes round 2 and publishes.
    staff = browser.new_context(base_url=site).new_page()
    staff.set_default_timeout(10_000)
    log_in(staff, "sam")
    staff.goto(f"/awards/editions/{world.edition.pk}/round2/")
    expect(staff.get_by_text("3 of 3 judges have voted; 5 finalists.")).to_be_visible()
    staff.get_by_role("button", name="Close round 2 and count").click()
    expect(staff.get_by_text("Not yet published.")).to_be_visible()
    staff.get_by_role("button", name="Publish the results").click()
    expect(staff.get_by_text("The results are published.")).to_be_visible()

    # Anyone reads the results: Gold, Silver and why.
    page.goto(f"/awards/editions/{world.edition.pk}/results/")
    results = page.locator(f"#category-{category.pk}")
    expect(results.get_by_role("heading", name="Gold: Goyang")).to_be_visible()
    expect(results).to_contain_text("Gold: Bus Finder (Goyang) with 3 votes.")
    expect(results.get_by_role("heading", name="Silver: Edmonton")).to_be_visible()
    expect(results).to_contain_text("Silver: Citizen Desk (Edmonton) with 2 votes.")
    expect(results.get_by_role("link", name="Certificate (PDF): Gold, Goyang")).to_be_visible()
    assert axe_violations(page) == []
    staff.context.close()

    # The results fit a phone too.
    phone.goto(f"/awards/editions/{world.edition.pk}/results/")
    expect(phone.get_by_role("heading", name="Gold: Goyang")).to_be_visible()
    assert horizontal_overflow(phone) == 0
