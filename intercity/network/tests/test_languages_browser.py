"""End-to-end in Chromium: a person switches to Korean in the header and reads the registry in
Korean; the switcher works by keyboard and on a phone in every language."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from intercity.conftest import axe_violations, horizontal_overflow
from intercity.core.tests.visible import english_on_page

pytestmark = pytest.mark.browser

SHOTS = Path("/work/shots/site")
NAMES = {"en": "English", "ko": "한국어", "zh-hans": "简体中文", "ru": "Русский", "es": "Español"}


def _shot(tab, name: str) -> None:
    if SHOTS.parent.exists():
        SHOTS.mkdir(exist_ok=True)
        tab.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def test_a_person_switches_to_korean_and_reads_the_registry_in_korean(page):
    page.goto("/")
    page.locator(".language-menu summary").click()
    page.get_by_role("button", name="한국어").click()
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    expect(page.get_by_role("heading", level=1)).to_have_text("공개적으로 운영되는 도시 네트워크")

    page.get_by_role("link", name="WeGO", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("세계스마트지속가능도시기구")
    assert english_on_page(page.content(), "ko") == []
    assert axe_violations(page) == []
    _shot(page, "network-ko")

    page.get_by_role("link", name="회원 명부").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("WeGO 회원 명부")
    expect(page.locator("#results")).to_contain_text("아부다비")  # first page, English order
    assert english_on_page(page.content(), "ko") == []
    assert axe_violations(page) == []
    _shot(page, "directory-ko")


def test_the_switcher_is_reachable_by_keyboard(page):
    page.goto("/networks/wego/")
    summary = page.locator(".language-menu summary")
    summary.focus()
    page.keyboard.press("Enter")
    russian = page.get_by_role("button", name="Русский")
    expect(russian).to_be_visible()
    russian.focus()
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    assert page.url.endswith("/networks/wego/")
    page.locator(".language-menu summary").click()
    assert axe_violations(page) == []


@pytest.mark.parametrize("language", list(NAMES))
def test_the_header_fits_a_phone_in_every_language(phone, language):
    phone.goto("/")
    phone.locator(".language-menu summary").click()
    phone.get_by_role("button", name=NAMES[language]).click()
    expect(phone.locator("html")).to_have_attribute("lang", language)
    phone.goto("/networks/wego/members/")
    phone.locator(".language-menu summary").click()
    expect(phone.get_by_role("button", name=NAMES["en"])).to_be_visible()
    assert horizontal_overflow(phone) <= 1
    _shot(phone, f"phone-directory-{language}")
