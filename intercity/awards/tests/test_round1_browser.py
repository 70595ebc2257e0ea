"""End-to-end in Chromium: Jules, a judge, scores Makati's application criterion by criterion
(each score saved as it is chosen: a reload shows them), comments and submits the card; after
declaring a conflict with Jakarta, its application is neither listed nor opened (404). The
Secretariat follows progress and closes the round; the head of panel decides the tie at the
last finalist's place. Each page passes axe; the scorecard fits a phone."""

import re

import pytest
from playwright.sync_api import expect

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.awards.models import Decision, Edition, Scorecard, Stage
from intercity.awards.services import round1
from intercity.awards.tests.factories_round1 import round1_world, scorecard
from intercity.conftest import axe_violations, horizontal_overflow, log_in

pytestmark = pytest.mark.browser


def test_a_judge_scores_as_they_go_submits_and_never_sees_a_conflicted_city(page, site):
    world = round1_world()
    openness, impact = world.open_city.criteria.order_by("position")
    log_in(page, "jules")

    page.goto(f"/awards/{world.edition.pk}/round1/")
    expect(page.get_by_role("heading", name=re.compile("Your scorecards"))).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Jakarta Smart City Portal"))).to_be_visible()
    expect(page.get_by_text("Seoul Open Data Plaza")).to_have_count(0)
    assert axe_violations(page) == []

    page.get_by_role("link", name="Declare a conflict of interest").click()
    page.get_by_label("City").select_option(label="Jakarta Test")
    page.get_by_label("Reason").fill("I advised its team in 2024.")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Declare the conflict").click()
    expect(page.get_by_text("Conflict of interest recorded.")).to_be_visible()
    page.get_by_role("link", name="Your scorecards").click()
    expect(page.get_by_role("link", name=re.compile("Makati Open Budget"))).to_be_visible()
    expect(page.get_by_text("Jakarta Smart City Portal")).to_have_count(0)

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


def test_the_secretariat_closes_round_1_and_the_head_of_panel_decides_the_tie(page, site):
    world = round1_world()
    person("sam", Role.SECRETARIAT)
    scorecard(world.jules, world.edmonton, [9, 9])
    scorecard(world.jules, world.makati, [7, 7])
    scorecard(world.june, world.jakarta, [7, 7])
    scorecard(world.jules, world.miraflores, [8, 8])
    log_in(page, "sam")

    page.get_by_role("link", name=re.compile("round 1 progress")).click()
    expect(page.get_by_role("heading", name=re.compile("Round 1 progress"))).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("June Park Open City"))).to_contain_text(
        "Not finished"
    )
    assert axe_violations(page) == []
    page.get_by_role("button", name="Close round 1").click()
    expect(page.get_by_text("waits for the head of panel")).to_be_visible()
    expect(
        page.get_by_role("columnheader", name="Normalised (z), for information").first
    ).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("button", name=re.compile("Log out")).click()
    log_in(page, "marc")
    page.get_by_role("link", name="Decide the tie in Open City").click()
    expect(page.get_by_text("score 7.00, 1 judge").first).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("checkbox", name=re.compile("Jakarta Smart City Portal")).check()
    page.get_by_label("Reason").fill("Its context makes it easy for other cities to replicate.")
    page.get_by_role("button", name="Record the decision").click()

    expect(page.get_by_text("Your decision is recorded.")).to_be_visible()
    expect(page.get_by_text("easy for other cities to replicate")).to_be_visible()
    assert Decision.objects.get().chosen == [world.jakarta.pk]
    assert Edition.objects.get(pk=world.edition.pk).stage == Stage.ROUND2
