"""Template filters for dates and times in the reader's language (`governance.formats`)."""

from __future__ import annotations

import datetime as dt

from django import template

from intercity.governance.explanations import shown_explanation
from intercity.governance.formats import local_date, local_datetime
from intercity.governance.formats import statute_name as _statute_name

register = template.Library()


@register.filter
def ldate(value: dt.date | None, style: str = "long") -> str:
    return local_date(value, style)


@register.filter
def ldatetime(value: dt.datetime | None, network: object = None) -> str:
    """A moment in the network's zone with the zone shown, e.g. "20 Jun 2018 14:05 KST"."""
    if value is None or value == "":
        return ""
    return local_datetime(value, network)


@register.filter
def statute_name(value: object) -> str:
    """A statute text's name in the reader's language (`governance.formats.statute_name`)."""
    return _statute_name(getattr(value, "name", value))


@register.filter
def explanation(decision: object) -> str:
    """A decision's explanation in the reader's language (`governance.explanations`)."""
    return shown_explanation(decision)  # type: ignore[arg-type]
