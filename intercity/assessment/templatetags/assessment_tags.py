"""Template filters of the assessment pages."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

from django import template
from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from intercity.assessment import rules, zones
from intercity.assessment.models import WRITTEN_FOR_PLATFORM

register = template.Library()


@register.filter
def score(value: Fraction | None) -> str:
    """A 0-100 score to one decimal, or a dash when there is none."""
    return rules.show(value)


@register.filter
def signed(value: Fraction | int | None) -> str:
    """A change with its sign: +4.5, -2.0, 0.0."""
    if value is None:
        return "-"
    text = rules.show(Fraction(value))
    return f"+{text}" if value > 0 else text


@register.filter
def get(mapping: Any, key: Any) -> Any:
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.simple_tag
def sources(kind: str, *notes: str) -> SafeString:
    """The "Sources" disclosure at the end of a page: where its content comes from (seed
    documents, the note that the text was written for this platform), out of the main text."""
    lines = [str(WRITTEN_FOR_PLATFORM[kind]), *(str(n) for n in notes if n)]
    return format_html(
        '<details class="sources"><summary>{}</summary><ul>{}</ul></details>',
        _("Sources"),
        format_html_join("", "<li>{}</li>", ((line,) for line in lines)),
    )


@register.filter
def system_status(value: str) -> str:
    """A sectoral module's status (none, planned, pilot, operating) in the reader's language."""
    return str(rules.SYSTEM_STATUS_LABELS.get(value, value))


@register.simple_tag
def city_time(
    moment: dt.datetime | None, organisation: Any, fmt: str = "DATETIME_FORMAT"
) -> SafeString:
    """A moment in the city's time zone, in the reader's locale, the zone said beside it:
    "3 December 2026, 23:15 (Asia/Seoul, UTC+09:00)"."""
    local = zones.in_city_time(moment, organisation)
    if local is None:
        return format_html("{}", "—")
    return format_html(
        '<time datetime="{}" title="{}">{} <span class="muted">({})</span></time>',
        local.at.isoformat(),
        local.zone.explanation,
        formats.date_format(local.at, fmt),
        local.label,
    )


@register.simple_tag
def city_clock(moment: dt.datetime | None, organisation: Any) -> SafeString:
    """The time of day in the city's zone with the zone's abbreviation: "14:05 KST"."""
    local = zones.in_city_time(moment, organisation)
    if local is None:
        return format_html("{}", "—")
    return format_html(
        '<time datetime="{}" title="{} ({})">{} {}</time>',
        local.at.isoformat(),
        local.zone.name,
        local.label,
        formats.time_format(local.at, "TIME_FORMAT"),
        local.abbreviation,
    )
