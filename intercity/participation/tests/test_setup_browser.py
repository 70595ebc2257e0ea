"""End-to-end in Chromium: Min-su, Seoul's CPS administrator, adds a service with a Korean
name and one question, on a phone; Min-jun, whose browser asks for Korean, files a report in
it straight away by dropping a pin on the map (tiles from a pretend tile server answered in
the test). The set-up pages pass axe and fit a 375 px screen."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from intercity.conftest import axe_violations, horizontal_overflow, log_in
from intercity.participation.models import Report
from intercity.participation.tests.factories import admin_of
from intercity.participation.tests.test_maps_browser import ONE_PIXEL, tiles, watch

__all__ = ["tiles"]  # the pretend tile server, a fixture

pytestmark = pytest.mark.browser


def fits_and_passes_axe(tab, what):
    assert axe_violations(tab) == [], what
    overflow = horizontal_overflow(tab)
    assert overflow <= 0, f"{what} scrolls sideways on a phone by {overflow}px"


def test_an_administrator_adds_a_service_and_a_korean_citizen_reports_in_it(
    browser, site, phone, tiles
):
    admin_of("minsu", "seoul")
    log_in(phone, "minsu")
    phone.goto("/start/")
    phone.get_by_role("link", name="Seoul: set up the Civic Participation System").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Set-up of the Civic Participation System"
    )
    fits_and_passes_axe(phone, "set-up index")
    phone.get_by_role("link", name="Services", exact=True).click()
    fits_and_passes_axe(phone, "services")
    phone.get_by_role("link", name="Add a service").click()
    fits_and_passes_axe(phone, "new service")

    phone.get_by_label("Service code").fill("sinkhole")
    phone.get_by_label("Name (한국어)").fill("싱크홀")
    phone.get_by_label("Name (English)").fill("Sinkhole")
    phone.get_by_label("Group (한국어)").fill("도로")
    phone.get_by_label("Routed to the department").select_option(label="Road Management")
    phone.get_by_label("Target time, in hours").fill("24")
    phone.get_by_role("button", name="Add the service").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Service: Sinkhole")

    new = phone.locator("#new-question")
    new.get_by_label("Question code").fill("size")
    new.get_by_label("Question", exact=True).fill("얼마나 큰가요?")
    new.get_by_label("Kind of answer").select_option("singlevaluelist")
    new.get_by_label("An answer is needed").check()
    new.get_by_label("Choices").fill("small: 손바닥보다 작음\nbig: 손바닥보다 큼")
    new.get_by_role("button", name="Add the question").click()
    # htmx draws the questions again in place.
    expect(phone.locator("#questions h3").first).to_have_text("Question 1: size")
    fits_and_passes_axe(phone, "service with a question")

    # The form with its errors shown.
    phone.locator("#new-question").get_by_role("button", name="Add the question").click()
    expect(phone.locator("#new-question [role=alert]")).to_contain_text("Nothing was saved.")
    fits_and_passes_axe(phone, "question form with errors")
    phone.goto("/cps/seoul/setup/departments/")
    fits_and_passes_axe(phone, "departments")

    citizen = browser.new_context(
        base_url=site, locale="ko-KR", viewport={"width": 375, "height": 740}, is_mobile=True
    )
    tab = citizen.new_page()
    tab.set_default_timeout(10_000)
    problems = watch(tab, tiles)
    tab.goto("/cps/seoul/report/")
    expect(tab.locator("html")).to_have_attribute("lang", "ko")
    tab.get_by_label("어떤 문제입니까?").select_option(label="싱크홀")
    tab.get_by_label("내용").fill("버스정류장 옆 보도가 꺼졌습니다")
    tab.get_by_label("얼마나 큰가요?").select_option(label="손바닥보다 큼")
    tab.get_by_label("주소 또는 장소").fill("서울 중구 세종대로 110")
    # The pin, dropped on the map a little right of and below the city's centre.
    area = tab.locator("#cps-map")
    expect(area).to_be_visible()
    width, height = area.evaluate("el => [el.clientWidth, el.clientHeight]")
    area.click(position={"x": width / 2 + 30, "y": height / 2 + 20})
    expect(tab.locator(".leaflet-marker-icon")).to_have_count(1)
    pinned = (
        float(tab.get_by_label("위도").input_value()),
        float(tab.get_by_label("경도").input_value()),
    )
    tab.get_by_role("button", name="신고하기").click()
    message = tab.get_by_role("status").filter(has_text="접수번호")
    expect(message).to_be_visible()
    public_id = re.search(r"([0-9A-Z]{10})", message.inner_text()).group(1)
    expect(tab.locator("main")).to_contain_text("싱크홀")
    citizen.close()

    report = Report.objects.get(public_id=public_id)
    assert report.service.code == "sinkhole"
    assert report.attributes == {"size": "big"}
    assert report.department.name == "Road Management"
    # Where the pin fell: what the form showed, south-east of the centre by about the tap.
    seoul = report.jurisdiction
    assert abs(float(report.latitude) - pinned[0]) <= ONE_PIXEL
    assert abs(float(report.longitude) - pinned[1]) <= ONE_PIXEL
    assert float(report.latitude) < float(seoul.centre_latitude)
    assert float(report.longitude) > float(seoul.centre_longitude)
    assert tiles, "no tile was asked of the configured server"
    assert problems == []
