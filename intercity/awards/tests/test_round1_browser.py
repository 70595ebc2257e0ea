"""End-to-end in Chromium: Jules, a judge, scores Makati's application criterion by criterion
(each score saved as it is chosen: a reload shows them), comments and submits the card; after
declaring a conflict with Jakarta, its application is neither listed nor opened (404). The
scorecard passes axe and fits a phone."""

import re

import pytest
from playwright.sync_api import expect

from intercity.awards.models import Scorecard
from intercity.awards.services import round1
from intercity.awards.tests.factories_round1 import round1_world
from intercity.conftest import axe_violations, horizontal_overflow, log_in

pytestmark = pytest.mark.browser


def test_a_judge_scores_as_they_go_submits_and_never_sees_a_conflicted_city(page, site):
    world = round1_world()
    openness, impact = world.open_city.criteria.order_by("position")
    round1.declare_conflict(
        world.people["jules"], world.edition, world.jakarta.organisation, "I advised its team."
    )
    log_in(page, "jules")

    page.goto(f"/awards/{world.edition.pk}/round1/")
    expect(page.get_by_role("heading", name=re.compile("Your scorecards"))).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Makati Open Budget"))).to_be_visible()
    expect(page.get_by_text("Jakarta Smart City Portal")).to_have_count(0)
    expect(page.get_by_text("Seoul Open Data Plaza")).to_have_count(0)

    page.get_by_role("link", name=re.compile("Makati Open Budget")).click()
    expect(page.get_by_role("heading", name="The application")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("group", name="Openness").get_by_label("8", exact=True).check()
    expect(page.locator(f"#saved-criterion-{openness.pk}")).to_contain_text("Saved at")
    page.get_by_role("group", name="Impact on citizens").get_by_label("6", exact=True).check()
    expect(page.locator(f"#saved-criterion-{impact.pk}")).to_contain_text("Saved at")
    page.get_by_label("Comment").fill("Open budget data, well used by residents.")
    page.get_by_label("Comment").blur()
    expect(page.locator("#saved-comment")).to_contain_text("Saved at")

    page.reload()
    expect(page.get_by_role("group", name="Openness").get_by_label("8", exact=True)).to_be_checked()
    expect(
        page.get_by_role("group", name="Impact on citizens").get_by_label("6", exact=True)
    ).to_be_checked()
    expect(page.get_by_label("Comment")).to_have_value("Open budget data, well used by residents.")

    page.get_by_role("button", name="Submit scorecard").click()
    expect(page.get_by_text("Scorecard submitted. Thank you.")).to_be_visible()
    card = Scorecard.objects.get(judge=world.jules, application=world.makati)
    assert card.status == Scorecard.Status.SUBMITTED
    assert round1.scores_of(card) == {openness.pk: 8, impact.pk: 6}
    expect(
        page.get_by_role("listitem").filter(has_text="Makati Open Budget").get_by_text("Submitted")
    ).to_be_visible()

    response = page.goto(f"/awards/{world.edition.pk}/round1/applications/{world.jakarta.pk}/")
    assert response is not None
    assert response.status == 404
    expect(page.get_by_text("Jakarta Smart City Portal")).to_have_count(0)


def test_the_scorecard_fits_a_phone(phone, site):
    world = round1_world()
    log_in(phone, "jules")
    phone.goto(f"/awards/{world.edition.pk}/round1/applications/{world.makati.pk}/")
    phone.get_by_role("group", name="Openness").get_by_label("10", exact=True).check()
    expect(phone.locator("[id^=saved-criterion-]").first).to_contain_text("Saved at")
    assert horizontal_overflow(phone) == 0
    assert axe_violations(phone) == []
