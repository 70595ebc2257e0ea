"""Template filters of the assessment pages."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

from django import template
from django.utils import dateformat
from django.utils.html import format_html
from django.utils.safestring import SafeString

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
def written_for_platform(kind: str) -> SafeString:
    """The note that says the content on the page was written for this platform."""
    return format_html(
        '<p class="source written-for-platform" role="note">{}</p>', WRITTEN_FOR_PLATFORM[kind]
    )


@register.simple_tag
def city_time(moment: dt.datetime | None, organisation: Any, fmt: str = "j F Y, H:i") -> SafeString:
    """A moment in the city's time zone, the zone said beside it:
    "3 December 2026, 23:15 (Asia/Seoul, UTC+09:00)"."""
    local = zones.in_city_time(moment, organisation)
    if local is None:
        return format_html("{}", "—")
    return format_html(
        '<time datetime="{}" title="{}">{} <span class="muted">({})</span></time>',
        local.at.isoformat(),
        local.zone.explanation,
        dateformat.format(local.at, fmt),
        local.label,
    )
