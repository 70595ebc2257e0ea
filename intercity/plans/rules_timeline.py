"""Rules of a network's timeline (seed 004, "Timeline"; Core Elements para. 7(b)). Pure: plain
values in, a result with its reasons out; no ORM, no request, no clock (`today` is passed in).

- A date given as a month ("July 2018") is a month, not a day: it is kept as the month's first
  day with precision "month", and shown as the month.
- A milestone can be recorded as having happened only once its date has come: for a month,
  once the month has begun.
- Meetings carry their outcomes: the annual report is compiled from them (para. 7(c), "ASEC
  will produce an annual report based on the outcomes of this meeting").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

DAY = "day"
MONTH = "month"
PLANNED = "planned"
HAPPENED = "happened"
CANCELLED = "cancelled"
KINDS = ("meeting", "endorsement", "announcement", "report", "other")


@dataclass(frozen=True)
class Ruling:
    """Whether a milestone as proposed may be recorded, the date it is stored under, and why
    not if it may not (one sentence per problem)."""

    allowed: bool
    on: dt.date
    problems: list[str] = field(default_factory=list)


def normalise(on: dt.date, precision: str) -> dt.date:
    """The day a milestone is stored under: the month's first day for a month."""
    return on.replace(day=1) if precision == MONTH else on


def has_begun(on: dt.date, precision: str, today: dt.date) -> bool:
    """Whether the milestone's day (or month) has come by `today`."""
    return normalise(on, precision) <= today


def check(
    *, kind: str, on: dt.date, precision: str, status: str, outcome: str, today: dt.date
) -> Ruling:
    """Check a milestone before it is saved. `problems` holds keys; the service words each in
    the reader's language."""
    problems: list[str] = []
    if kind not in KINDS:
        problems.append("kind")
    if precision not in (DAY, MONTH):
        problems.append("precision")
    if status not in (PLANNED, HAPPENED, CANCELLED):
        problems.append("status")
    stored = normalise(on, precision)
    if status == HAPPENED and not has_begun(on, precision, today):
        problems.append("happened-in-future")
    if kind == "meeting" and outcome.strip() and not has_begun(on, precision, today):
        # What is written before a meeting is its plan, not its outcome.
        problems.append("outcome-before-meeting")
    return Ruling(allowed=not problems, on=stored, problems=problems)


def in_year(on: dt.date, year: int) -> bool:
    return on.year == year
