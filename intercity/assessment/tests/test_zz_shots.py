"""Screenshots for looking at the pages (not committed)."""

import pytest

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.assessment import services
from intercity.assessment.tests.test_browser import draft, finished
from intercity.conftest import log_in
from intercity.network.models import Organisation

pytestmark = pytest.mark.browser
OUT = "/work/shots/assess"


def test_shots(browser, site):
    officer = person("seoyeon", Role.CITY_OFFICER, "seoul")
    staff = person("sam", Role.SECRETARIAT)
    before = finished(officer, staff, year=2025)
    for peer in ("makati", "goyang", "gimpo", "jakarta"):
        finished(staff, staff, key=peer, share=peer in ("makati", "jakarta"))
    last = finished(officer, year=2026)
    services.comment_on_answer(staff, last, "STR-01", "Attach the council's adoption decision.")
    services.review(staff, last, "accepted")
    current = draft(officer, year=2024)
    services.save_answers(officer, current, answers={"ECO-01": "32000", "ECO-06": 4})
    seoul = Organisation.objects.get(key="seoul")
    pages = {
        "result": f"/assessment/{last.pk}/result/",
        "answers": f"/assessment/{last.pk}/answers/",
        "benchmark": f"/assessment/{last.pk}/benchmark/?by=cities&cities={Organisation.objects.get(key='makati').pk}",
        "step": f"/assessment/{current.pk}/steps/information-strategy/",
        "city": f"/assessment/cities/{seoul.pk}/",
        "organisation": f"/organisations/{seoul.pk}/",
    }
    for width in (1280, 375):
        context = browser.new_context(base_url=site, viewport={"width": width, "height": 900})
        tab = context.new_page()
        log_in(tab, "seoyeon")
        for name, path in pages.items():
            tab.goto(path)
            tab.screenshot(path=f"{OUT}/{name}-{width}.png", full_page=name != "answers")
        tab.goto(f"/assessment/{current.pk}/steps/economic-stability/")
        tab.get_by_label("ECO-01", exact=False).first.fill("lots")
        tab.locator("#q-ECO-05-wrap input[type=radio]").first.check()
        tab.locator("#autosave .autosave-failed").wait_for()
        tab.wait_for_timeout(300)
        tab.screenshot(path=f"{OUT}/refused-{width}.png")
        context.close()
    del before
