"""Pure rules of the registry: no ORM, no request, no clock."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_TERM = re.compile(r"^\s*(\d{4})\s*(?:[-–]\s*(\d{4}))?\s*$")


def parse_incumbent_term(text: str | None) -> tuple[int | None, int | None]:
    """'2014-2018' -> (2014, 2018); '2016' -> (2016, None); '' -> (None, None).

    The seeds write a leader's incumbent term as a span of years (seed 003, Agenda 3 Annex A).
    """
    if not text:
        return None, None
    match = _TERM.match(str(text))
    if not match:
        raise ValueError(f"An incumbent term is written as 'YYYY-YYYY', not {text!r}.")
    start, end = int(match.group(1)), match.group(2)
    end_year = int(end) if end else None
    if end_year is not None and end_year < start:
        raise ValueError(f"The term {text!r} ends before it starts.")
    return start, end_year


@dataclass(frozen=True)
class PeriodState:
    valid_from: dt.date
    category: str
    status: str


def refuse_membership_change(current: PeriodState | None, new: PeriodState) -> str | None:
    """Why a new period cannot follow the current one, or None when it can.

    History only grows forward: a change takes effect after the period it closes began,
    and must change something (a category or a status).
    """
    if current is None:
        if new.status != "active":
            return "A membership starts as an active membership."
        return None
    if new.valid_from <= current.valid_from:
        return (
            f"The change must take effect after {current.valid_from.isoformat()}, "
            f"when the current {current.category} ({current.status}) period began."
        )
    if (new.category, new.status) == (current.category, current.status):
        return f"The membership is already {current.category} ({current.status})."
    return None
