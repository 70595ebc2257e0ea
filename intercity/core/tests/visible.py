"""What a person reads on a rendered page, and the English interface strings that must not be
among it once the page is in another language. Used by the language tests of every module."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[2]
CATALOGS = {
    "site": ROOT / "locale",
    "network": ROOT / "network" / "locale",
    "membership": ROOT / "membership" / "locale",
    "governance": ROOT / "governance" / "locale",
}
READ_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")
HIDDEN = {"script", "style", "template"}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HIDDEN:
            self._hidden += 1
        values = dict(attrs)
        for name in READ_ATTRIBUTES:
            if values.get(name):
                self.texts.append(str(values[name]).strip())
        if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
            self.texts.append(str(values["value"]).strip())

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden and data.strip():
            self.texts.append(" ".join(data.split()))


def visible_texts(html: str) -> list[str]:
    """Every text node a person sees or a screen reader reads, whitespace collapsed."""
    collector = _Collector()
    collector.feed(html)
    return collector.texts


def english_msgids(language: str = "ko", apps: tuple[str, ...] = tuple(CATALOGS)) -> set[str]:
    """The English msgids (and plurals) of the apps' catalogs that have a translation in
    `language`: none of them may be read on a page shown in that language. Placeholder-free
    msgids only, since a filled-in sentence cannot be matched to its msgid by text."""
    folder = "zh_Hans" if language == "zh-hans" else language
    found: set[str] = set()
    for app in apps:
        path = CATALOGS[app] / folder / "LC_MESSAGES" / "django.po"
        if not path.exists():
            continue
        for entry in polib.pofile(str(path)):
            translated = entry.msgstr or any(entry.msgstr_plural.values())
            if entry.obsolete or not translated or "%(" in entry.msgid:
                continue
            if entry.msgstr == entry.msgid:
                continue  # the same in both languages (a name such as "WeGO")
            found.add(" ".join(entry.msgid.split()))
    return found


def english_on_page(html: str, language: str = "ko") -> list[str]:
    """Texts of the page that are an English interface string (a whole text node equal to a
    msgid, or containing a msgid of more than three words)."""
    msgids = english_msgids(language)
    long_ones = [m for m in msgids if len(m.split()) > 3]
    return [
        text
        for text in visible_texts(html)
        if text.rstrip(":.") in msgids or text in msgids or any(m in text for m in long_ones)
    ]
