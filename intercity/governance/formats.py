"""Dates and times of governance in the reader's language.

English keeps the network's own day-month-year style ("27 June 2017"); every other language
uses its locale's named formats (Django's `DATE_FORMAT`, `SHORT_DATE_FORMAT`), so a Korean
reader sees "2017년 6월 27일". Times are shown in the network's zone with the zone named.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import formats, translation
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext

# The zone of each network's Secretariat; a network not listed uses the site's zone.
NETWORK_ZONES = {"wego": "Asia/Seoul", "ascn": "Asia/Jakarta"}

ENGLISH = {"long": "j F Y", "short": "j M Y", "full": "l j F Y"}


def network_zone(network: object) -> ZoneInfo:
    slug = str(getattr(network, "slug", "") or "")
    return ZoneInfo(NETWORK_ZONES.get(slug, settings.TIME_ZONE))


def local_date(value: dt.date | None, style: str = "long") -> str:
    """A date in the active language: `style` is "long", "short" or "full" (with weekday)."""
    if value is None or value == "":
        return ""
    language = translation.get_language() or "en"
    if language.startswith("en"):
        return date_format(value, ENGLISH.get(style, ENGLISH["long"]))
    text = date_format(value, formats.get_format("DATE_FORMAT"))
    if style == "full":
        weekday = date_format(value, "l")
        return f"{text} {weekday}" if language in ("ko", "zh-hans") else f"{weekday}, {text}"
    return text


def local_datetime(value: dt.datetime, network: object = None) -> str:
    """A moment in the network's zone with the zone shown, e.g. "20 Jun 2018 14:05 KST"."""
    local = value.astimezone(network_zone(network))
    return f"{local_date(local.date(), 'short')} {local:%H:%M} {local.tzname()}"


# The seeded names of the statute's texts ("Statute 2017", "Statute as amended 2014-11-05"),
# said in the reader's language; a name the Secretariat gave otherwise is shown as written.
_STATUTE_OF_YEAR = re.compile(r"Statute (\d{4})")
_STATUTE_AMENDED = re.compile(r"Statute as amended (\d{4}-\d{2}-\d{2})")


def statute_name(name: object) -> str:
    """A statute text's name in the active language, e.g. "2014-11-05 개정 정관"."""
    text = str(name or "")
    if found := _STATUTE_OF_YEAR.fullmatch(text):
        return gettext("Statute %(year)s") % {"year": found[1]}
    if found := _STATUTE_AMENDED.fullmatch(text):
        return gettext("Statute as amended %(day)s") % {"day": found[1]}
    return text
