"""End-to-end in Chromium, three browsers: Seoul's delegate on a phone, Makati's delegate on a
phone, and the room's projector. They check in, vote in a secret ballot, the projector's
turnout moves without a reload, the result shows at the close, and the memorandum lists the
vote by its counts only."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.conftest import axe_violations, horizontal_overflow, log_in
from intercity.governance import services
from intercity.governance.services import live
from intercity.governance.tests.live_fixtures import make_room
from intercity.network.models import Network

pytestmark = pytest.mark.browser

# Three browsers and a server polled every second share a busy test machine: pages get 30 s.


def phone_tab(browser: Any, site: str) -> Any:
    context = browser.new_context(
        base_url=site, viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True
    )
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    return tab


def test_two_delegates_vote_in_a_secret_ballot_and_the_projector_follows(browser, site):
    clerk = person("sam", Role.SECRETARIAT)
    seoul_user = person("seo", Role.CITY_OFFICER, "seoul")
    makati_user = person("mig", Role.CITY_OFFICER, "makati")
    room = make_room(clerk, Network.objects.get(slug="wego"), seoul_user, makati_user)
    settings = live.live_settings(room.meeting)
    base = f"/networks/wego/meetings/{room.meeting.key}/live/"

    projector = browser.new_context(base_url=site).new_page()
    projector.set_default_timeout(30_000)
    projector.goto(f"{base}projector/{settings.projector_key}/")
    turnout = projector.locator(f"#turnout-{room.secret.pk}")
    expect(turnout).to_contain_text("0 of 0 present members have voted")

    seoul = phone_tab(browser, site)
    log_in(seoul, "seo")
    seoul.goto(base)
    expect(seoul.get_by_text("You represent Seoul.")).to_be_visible()
    seoul.get_by_label("The code shown in the room").fill(settings.checkin_code)
    seoul.get_by_role("button", name="I am in the room").click()
    expect(seoul.locator("#my-attendance")).to_contain_text("You are checked in.")
    assert axe_violations(seoul) == []
    assert horizontal_overflow(seoul) == 0

    makati = phone_tab(browser, site)
    log_in(makati, "mig")
    makati.goto(base)
    makati.get_by_role("button", name="I take part remotely").click()
    expect(makati.locator("#my-attendance")).to_contain_text("You are checked in remotely.")

    expect(projector.locator(".live-quorum")).to_contain_text("Present: 2 of")
    seoul.locator(f"#ballot-{room.secret.pk}-yes").click()
    expect(seoul.locator(f"#ballot-{room.secret.pk}-state")).to_have_text("Your member has voted.")
    expect(turnout).to_contain_text("1 of 2 present members has voted")
    makati.locator(f"#ballot-{room.secret.pk}-no").click()
    expect(turnout).to_contain_text("2 of 2 present members have voted")
    # Seoul's phone follows too, and offers no second secret ballot.
    expect(seoul.locator(f"#ballot-{room.secret.pk}-no")).to_have_count(0)

    services.close_motion(clerk, services.get_decision(room.meeting.network, room.secret.pk))
    result = projector.locator(f"#result-{room.secret.pk}")
    expect(result).to_contain_text("1 yes, 1 no, 0 abstaining; 2 of")
    expect(turnout).to_have_count(0)
    assert axe_violations(projector) == []

    projector.goto(f"/networks/wego/meetings/{room.meeting.key}/memorandum/")
    votes = projector.locator(f"#votes-of-{room.secret.pk}")
    expect(votes).to_contain_text("Secret ballot")
    expect(votes).to_contain_text("2 from delegates' devices, 0 recorded by the clerk")
    expect(votes.locator("table")).to_have_count(0)
    for tab in (seoul, makati, projector):
        tab.context.close()
