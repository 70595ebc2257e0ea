"""The rules of an event's registration and personal agendas, pure (plain values in, a ruling
with its reason in words out; no ORM, no request, no clock):

- who may attend what: a registration category lists the kinds of session it may attend
  (rows kept by the organiser); a session of another kind is refused, naming both;
- places: an event, a room and a session may have a limit; the smallest known limit holds,
  and "no place left" says how many there were;
- a personal agenda may hold two sessions at the same time, but says which overlap (a
  warning, not a refusal: a delegate may leave one session for another).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Ruling:
    allowed: bool
    explanation: str


def may_attend(
    category: str, allowed_kinds: Iterable[str], kind: str, kind_label: str, title: str
) -> Ruling:
    """May a registrant of `category` put a session of `kind` into their agenda?"""
    if kind in set(allowed_kinds):
        return Ruling(True, "")
    return Ruling(
        False,
        _(
            "%(category)s registrations may not attend “%(title)s”: it is a %(kind)s, "
            "which this category does not include."
        )
        % {"category": category, "title": title, "kind": kind_label},
    )


def limit(*limits: int | None) -> int | None:
    """The smallest of the known limits (None: no limit known)."""
    known = [value for value in limits if value is not None]
    return min(known) if known else None


def place_left(what: str, capacity: int | None, taken: int) -> Ruling:
    """Is there a place left in `what` (an event, a session) of `capacity` with `taken`?"""
    if capacity is None or taken < capacity:
        return Ruling(True, "")
    return Ruling(
        False,
        _("No place is left in %(what)s: all %(capacity)d are taken.")
        % {"what": what, "capacity": capacity},
    )


def registration_open(name: str, is_open: bool, last_day: dt.date, today: dt.date) -> Ruling:
    if not is_open:
        return Ruling(False, _("Registration for %(name)s is closed.") % {"name": name})
    if today > last_day:
        return Ruling(False, _("%(name)s is over.") % {"name": name})
    return Ruling(True, "")


@dataclass(frozen=True)
class Slot:
    key: int
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime | None


def _end(slot: Slot) -> dt.datetime:
    # A session whose end is not recorded (a transfer) is taken as a moment.
    return slot.ends_at or slot.starts_at


def overlapping(slot: Slot, others: Sequence[Slot]) -> list[Slot]:
    """The sessions of `others` that overlap `slot` (touching ends do not overlap)."""
    found = []
    for other in others:
        if other.key == slot.key:
            continue
        if slot.starts_at == other.starts_at or (
            slot.starts_at < _end(other) and other.starts_at < _end(slot)
        ):
            found.append(other)
    return found


def overlaps(slots: Sequence[Slot]) -> list[tuple[Slot, Slot]]:
    """Every pair of overlapping sessions of an agenda, each pair once, in time order."""
    ordered = sorted(slots, key=lambda slot: (slot.starts_at, slot.key))
    pairs = []
    for index, slot in enumerate(ordered):
        for other in overlapping(slot, ordered[index + 1 :]):
            pairs.append((slot, other))
    return pairs


def overlap_warning(first: Slot, second: Slot) -> str:
    return _("“%(first)s” and “%(second)s” take place at the same time.") % {
        "first": first.title,
        "second": second.title,
    }
