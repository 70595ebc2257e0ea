"""The site in the reader's language, as a person sees it in Chromium: one switch to Korean in
the header and the network page, the member directory, the CPS report form and the
self-assessment pages speak Korean; a Chinese, Russian or Spanish browser gets its language
from the first page on.

"Speaks Korean" is checked against the catalogs themselves: no visible text on the page (text
and the attributes people read or hear) is an English interface string that the catalog
translates into the page's language."""

from __future__ import annotations

import functools
import re
from typing import Any

import polib
import pytest
from playwright.sync_api import expect

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import PASSWORD, person
from intercity.assessment import services as assessment_services
from intercity.assessment.tests.helpers import TODAY
from intercity.conftest import axe_violations, horizontal_overflow
from intercity.core import catalogs
from intercity.network.models import Network, Organisation

pytestmark = pytest.mark.browser

HANGUL = re.compile(r"[\uac00-\ud7a3]")
SCRIPT = {
    "ko": HANGUL,
    "zh-hans": re.compile(r"[\u4e00-\u9fff]"),
    "ru": re.compile(r"[\u0400-\u04ff]"),
    "es": re.compile(r"[áéíóúñ¿¡]", re.IGNORECASE),
}
PUBLIC_PAGES = [
    "/networks/wego/",
    "/networks/wego/members/",
    "/cps/seoul/report/",
    "/assessment/",
]

VISIBLE_TEXT = """() => {
  const seen = [];
  const skip = "script, style, code, pre, [hidden], [translate=no], .language-menu ul";
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const text = node.textContent.replace(/\\s+/g, " ").trim();
    const element = node.parentElement;
    if (!text || !element || element.closest(skip) || !element.checkVisibility()) continue;
    seen.push(text);
  }
  for (const element of document.querySelectorAll("[aria-label], [title], [placeholder], [alt]")) {
    if (element.closest(skip)) continue;
    for (const name of ["aria-label", "title", "placeholder", "alt"]) {
      const value = (element.getAttribute(name) || "").replace(/\\s+/g, " ").trim();
      if (value) seen.push(value);
    }
  }
  seen.push(document.title);
  return seen;
}"""


@functools.cache
def translated_english(language: str) -> frozenset[str]:
    """The English interface strings whose translation into `language` differs from them."""
    folder = catalogs.locale_directory_name(language)
    found = set()
    for path in catalogs.catalogs():
        if path.parent.parent.name != folder:
            continue
        for entry in polib.pofile(str(path)):
            if entry.obsolete or entry.msgid_plural or not entry.msgstr:
                continue
            english = " ".join(entry.msgid.split())
            if english != " ".join(entry.msgstr.split()) and re.search(r"[A-Za-z]{3}", english):
                found.add(english)
    return frozenset(found)


def english_left(tab: Any, language: str) -> list[str]:
    """Visible strings that are an English interface string, or hold a long one."""
    english = translated_english(language)
    long_ones = [e for e in english if len(e.split()) >= 4 and "%" not in e and "{" not in e]
    left = []
    for text in tab.evaluate(VISIBLE_TEXT):
        if text in english or any(e in text for e in long_ones):
            left.append(text)
    return sorted(set(left))


def assert_speaks(tab: Any, language: str) -> None:
    expect(tab.locator("html")).to_have_attribute("lang", language)
    assert english_left(tab, language) == [], tab.url
    assert SCRIPT[language].search(tab.locator("main").inner_text()), tab.url


def log_in_by_fields(tab: Any, username: str) -> None:
    """The login form whatever its language: by the fields' names, not their labels."""
    tab.goto("/accounts/login/")
    tab.locator("input[name=username]").fill(username)
    tab.locator("input[name=password]").fill(PASSWORD)
    tab.locator("main form button[type=submit]").click()
    tab.wait_for_url("**/")


def test_a_person_switches_to_korean_in_the_header_and_every_page_speaks_korean(page):
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.locator(".language-menu summary").click()
    page.get_by_role("button", name="한국어").click()
    page.wait_for_url("**/")
    assert_speaks(page, "ko")

    for path in PUBLIC_PAGES:
        page.goto(path)
        assert_speaks(page, "ko")
        assert axe_violations(page) == [], path

    # The report form's own content: Seoul's services in Korean.
    page.goto("/cps/seoul/report/")
    assert HANGUL.search(page.locator("#report-form").inner_text())

    # Seoul's officer answers a self-assessment in Korean: the questions are Korean too.
    officer = person("seoyeon", Role.CITY_OFFICER, "seoul")
    draft = assessment_services.start_assessment(
        officer,
        Organisation.objects.get(key="seoul"),
        Network.objects.get(slug="wego"),
        "ceds",
        2026,
        today=TODAY,
    )
    log_in_by_fields(page, "seoyeon")
    page.goto(f"/assessment/{draft.pk}/")
    assert_speaks(page, "ko")
    assert HANGUL.search(page.locator(".question").first.inner_text())
    assert axe_violations(page) == []


def test_a_signed_in_persons_choice_follows_them_to_another_browser(browser, site):
    person("minji", Role.CITIZEN)
    first = browser.new_context(base_url=site)
    tab = first.new_page()
    log_in_by_fields(tab, "minji")
    tab.locator(".language-menu summary").click()
    tab.get_by_role("button", name="Español").click()
    expect(tab.locator("html")).to_have_attribute("lang", "es")
    first.close()

    # A new browser whose own language is Korean: the saved Spanish wins once signed in.
    second = browser.new_context(base_url=site, locale="ko-KR")
    tab = second.new_page()
    tab.goto("/")
    expect(tab.locator("html")).to_have_attribute("lang", "ko")
    log_in_by_fields(tab, "minji")
    tab.goto("/networks/wego/")
    assert_speaks(tab, "es")
    second.close()


@pytest.mark.parametrize(
    ("browser_locale", "language"), [("zh-CN", "zh-hans"), ("ru-RU", "ru"), ("es-MX", "es")]
)
def test_a_browser_in_another_language_gets_it_on_every_public_page(
    browser, site, browser_locale, language
):
    context = browser.new_context(
        base_url=site, locale=browser_locale, viewport={"width": 375, "height": 740}
    )
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    for path in ["/", *PUBLIC_PAGES]:
        tab.goto(path)
        assert_speaks(tab, language)
        assert horizontal_overflow(tab) <= 0, path
    context.close()
