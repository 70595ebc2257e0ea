"""Which language a city's content is shown in, and which language a report was filed in.

A jurisdiction's services, their questions, its statuses, moves and departments have a text
per language (`participation/translation.py`, django-modeltranslation). A jurisdiction lists
the languages it offers (`Jurisdiction.languages`, Seoul: ``["ko", "en"]``); its content is
shown in the reader's language, else in the jurisdiction's first language, else in English.

The reader's language is the request's (the saved preference, the switcher, Accept-Language:
`LocaleMiddleware`); the jurisdiction's languages are the fallbacks of the translated fields
while its pages or API answers are made (`content_languages`, set by `tenancy`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils.translation import get_supported_language_variant

if TYPE_CHECKING:
    from intercity.participation.models import Jurisdiction, Report

_fallbacks: ContextVar[tuple[str, ...]] = ContextVar("cps_content_languages", default=())


def supported(code: str | None) -> str | None:
    """A language code as the site knows it (``ko-KR`` -> ``ko``, ``zh-CN`` -> ``zh-hans``),
    or None when the site has no such language."""
    if not code:
        return None
    code = code.strip().replace("_", "-").lower()
    if code.startswith("zh") and code not in ("zh-hant", "zh-tw", "zh-hk", "zh-mo"):
        code = "zh-hans"
    try:
        return get_supported_language_variant(code)
    except LookupError:
        return None


def offered(jurisdiction: Jurisdiction) -> list[str]:
    """The jurisdiction's languages that the site has, in its order; English when none."""
    found = [c for c in (supported(str(x)) for x in jurisdiction.languages or []) if c]
    return list(dict.fromkeys(found)) or [settings.LANGUAGE_CODE]


def first_language(jurisdiction: Jurisdiction) -> str:
    return offered(jurisdiction)[0]


def report_language(report: Report) -> str:
    """The language a report was filed in, else its city's first language."""
    return supported(report.language) or first_language(report.jurisdiction)


def use_content_languages(jurisdiction: Jurisdiction) -> None:
    """From here on (this request or task), the jurisdiction's content falls back to its own
    languages before English."""
    _fallbacks.set(tuple(offered(jurisdiction)))


def forget(**_kwargs: Any) -> None:
    """No city's languages in force (at the end of each request: `apps.ready` connects it to
    `request_finished`, so a thread's next page does not inherit them)."""
    _fallbacks.set(())


@contextmanager
def content_languages(jurisdiction: Jurisdiction) -> Iterator[None]:
    token = _fallbacks.set(tuple(offered(jurisdiction)))
    try:
        yield
    finally:
        _fallbacks.reset(token)


class JurisdictionFallbacks(dict[str, Any]):
    """The `fallback_languages` of every translated CPS field: after the reader's language,
    the languages of the jurisdiction being shown, then English. modeltranslation asks
    ``.get(language)`` and ``.get("default")`` when it resolves a field."""

    def get(self, key: str, default: Any = None) -> tuple[str, ...]:
        if key == "default":
            return (*_fallbacks.get(), settings.LANGUAGE_CODE)
        return ()
