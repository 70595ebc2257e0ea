"""End-to-end in Chromium: Makati's officer joins a thematic cluster and sees the "joined"
line in its feed; Seoul's officer, for the lead city, posts news that appears in the feed.
The list, the cluster page and the Secretariat's activity page pass axe and fit a phone."""

import pytest
from playwright.sync_api import expect

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.conftest import axe_violations, horizontal_overflow, log_in
from intercity.knowledge.models import Cluster

pytestmark = pytest.mark.browser


def test_an_officer_joins_a_cluster_and_the_lead_posts_news(page, phone, browser, site):
    person("miguel", Role.CITY_OFFICER, "makati")
    person("seoyeon", Role.CITY_OFFICER, "seoul")
    person("sam", Role.SECRETARIAT)
    labs = Cluster.objects.get(slug="living-labs-for-open-innovation")

    # Anyone reads the list: the lead cities and the proposed cluster.
    page.goto("/knowledge/clusters/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thematic clusters")
    row = page.get_by_role("row").filter(has_text="Living Labs for Open Innovation")
    expect(row).to_contain_text("Seoul")
    expect(page.get_by_role("row").filter(has_text="Smart Infrastructure")).to_contain_text(
        "Proposed"
    )
    assert axe_violations(page) == []

    # Makati's officer joins and sees the line in the feed.
    log_in(page, "miguel")
    page.goto("/knowledge/clusters/")
    page.get_by_role("link", name="Living Labs for Open Innovation").click()
    page.get_by_role("button", name="Join the cluster for Makati").click()
    expect(page.get_by_text("Makati joined Living Labs for Open Innovation.")).to_be_visible()
    feed = page.locator("#feed")
    expect(feed.locator("li").first).to_contain_text("Makati joined the cluster.")
    expect(page.locator("#members")).to_contain_text("Makati")
    expect(page.get_by_role("button", name="Leave the cluster for Makati")).to_be_visible()
    expect(page.get_by_role("button", name="Post the news")).to_have_count(0)
    assert axe_violations(page) == []

    # Seoul's officer, for the lead city, posts news; it tops the feed.
    lead = browser.new_context(base_url=site).new_page()
    lead.set_default_timeout(10_000)
    log_in(lead, "seoyeon")
    lead.goto(f"/knowledge/clusters/{labs.pk}/")
    lead.get_by_label("News", exact=True).fill("Bukchon living lab tour on Friday.")
    lead.get_by_role("button", name="Post the news").click()
    expect(lead.get_by_text("The news is posted.")).to_be_visible()
    expect(lead.locator("#feed li").first).to_contain_text("Bukchon living lab tour on Friday.")
    assert axe_violations(lead) == []
    lead.context.close()

    # Makati's officer sees the news too.
    page.reload()
    expect(page.locator("#feed li").first).to_contain_text("Bukchon living lab tour")

    # The Secretariat's activity across the clusters.
    staff = browser.new_context(base_url=site).new_page()
    staff.set_default_timeout(10_000)
    log_in(staff, "sam")
    staff.goto("/knowledge/clusters/activity/")
    expect(staff.get_by_role("heading", level=1)).to_have_text("Activity across the clusters")
    expect(staff.locator("main")).to_contain_text("Makati joined the cluster.")
    assert axe_violations(staff) == []
    staff.goto(f"/knowledge/clusters/{labs.pk}/")
    expect(staff.get_by_role("heading", name="The Secretariat's controls")).to_be_visible()
    assert axe_violations(staff) == []
    staff.context.close()

    # Phone: the list and the cluster page (with its buttons) fit 375 px.
    phone.goto("/knowledge/clusters/")
    expect(phone.get_by_role("heading", level=1)).to_be_visible()
    assert horizontal_overflow(phone) == 0
    log_in(phone, "seoyeon")
    phone.goto(f"/knowledge/clusters/{labs.pk}/")
    expect(phone.get_by_role("button", name="Post the news")).to_be_visible()
    assert horizontal_overflow(phone) == 0

    # ... and so do the Secretariat's controls and its activity across the clusters.
    log_in(phone, "sam")
    phone.goto(f"/knowledge/clusters/{labs.pk}/")
    expect(phone.get_by_role("button", name="Make it the lead city")).to_be_visible()
    assert horizontal_overflow(phone) == 0
    phone.goto("/knowledge/clusters/activity/")
    expect(phone.get_by_role("heading", name="Lines per cluster")).to_be_visible()
    assert horizontal_overflow(phone) == 0
