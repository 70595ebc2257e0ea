"""The rules of an event's registration and personal agendas, pure (plain values in, a ruling
with its reason in words out; no ORM, no request, no clock):

- who may attend what: a registration category lists the kinds of session it may attend
  (rows kept by the organiser); a session of another kind is refused, naming both;
- places: an event, a room and a session may have a limit; the smallest known limit holds,
  and "no place left" says how many there were;
- a personal agenda may hold two sessions at the same time, but says which overlap (a
  warning, not a refusal: a delegate may leave one session for another);
- the organiser's programme: a session lies within the event's days (in the event's time
  zone) and ends after it starts; two sessions in one room do not overlap (the refusal names
  the other); a session offers no more places than its room has seats; the event's days are
  not shortened so that a session falls outside them;
- an unconfirmed registration holds its place for a limited time (`holds_place`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


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


# --- The organiser's programme -------------------------------------------------------------


def days_in_order(first: dt.date, last: dt.date) -> Ruling:
    if last < first:
        return Ruling(
            False,
            _("The last day (%(last)s) comes before the first day (%(first)s).")
            % {"first": first.isoformat(), "last": last.isoformat()},
        )
    return Ruling(True, "")


def times_in_order(title: str, starts_at: dt.datetime, ends_at: dt.datetime | None) -> Ruling:
    if ends_at is not None and ends_at <= starts_at:
        return Ruling(
            False,
            _("“%(title)s” must end after it starts.") % {"title": title},
        )
    return Ruling(True, "")


def within_days(
    title: str,
    starts_on: dt.date,
    ends_on: dt.date,
    first: dt.date,
    last: dt.date,
) -> Ruling:
    """Does a session held from `starts_on` to `ends_on` (its local dates, in the event's time
    zone) lie within the event's days `first`..`last`?"""
    if first <= starts_on <= last and first <= ends_on <= last:
        return Ruling(True, "")
    return Ruling(
        False,
        _(
            "“%(title)s” (%(day)s) falls outside the event's days, %(first)s to %(last)s: "
            "move the session or change the event's days."
        )
        % {
            "title": title,
            "day": starts_on.isoformat(),
            "first": first.isoformat(),
            "last": last.isoformat(),
        },
    )


def room_free(slot: Slot, room: str, others: Sequence[Slot]) -> Ruling:
    """May `slot` take `room`, where `others` are already held? Refused naming the first
    session it would overlap (touching ends do not overlap)."""
    clashes = sorted(overlapping(slot, others), key=lambda other: (other.starts_at, other.key))
    if not clashes:
        return Ruling(True, "")
    other = clashes[0]
    return Ruling(
        False,
        _(
            "%(room)s is taken at that time by “%(other)s” (%(start)s): choose another room "
            "or another time."
        )
        % {"room": room, "other": other.title, "start": other.starts_at.strftime("%H:%M")},
    )


def fits_room(title: str, capacity: int | None, room: str, seats: int | None) -> Ruling:
    """A session may not offer more places than its room has seats (unknown: no limit)."""
    if capacity is None or seats is None or capacity <= seats:
        return Ruling(True, "")
    return Ruling(
        False,
        _(
            "“%(title)s” offers %(capacity)d places but %(room)s has %(seats)d seats: lower "
            "the places or choose a larger room."
        )
        % {"title": title, "capacity": capacity, "room": room, "seats": seats},
    )


@dataclass(frozen=True)
class Held:
    """A session as the event's days see it: its title and local first and last dates."""

    title: str
    starts_on: dt.date
    ends_on: dt.date


def days_keep_sessions(first: dt.date, last: dt.date, sessions: Sequence[Held]) -> Ruling:
    """May the event's days become `first`..`last`? Not if a session would fall outside:
    the refusal names the first such session and how many there are."""
    ruling = days_in_order(first, last)
    if not ruling.allowed:
        return ruling
    outside = [s for s in sessions if s.starts_on < first or s.ends_on > last]
    if not outside:
        return Ruling(True, "")
    earliest = min(outside, key=lambda s: (s.starts_on, s.title))
    return Ruling(
        False,
        ngettext(
            "The days cannot be %(first)s to %(last)s: “%(title)s” (%(day)s) would fall "
            "outside them. Move or cancel it first.",
            "The days cannot be %(first)s to %(last)s: %(count)d sessions would fall outside "
            "them, the first “%(title)s” (%(day)s). Move or cancel them first.",
            len(outside),
        )
        % {
            "first": first.isoformat(),
            "last": last.isoformat(),
            "title": earliest.title,
            "day": earliest.starts_on.isoformat(),
            "count": len(outside),
        },
    )


# --- Places held by registrations ----------------------------------------------------------


def holds_place(
    confirmed: bool, registered_at: dt.datetime, now: dt.datetime, hold: dt.timedelta
) -> bool:
    """A registration holds its place once its address is confirmed; until then, only for
    `hold` after it was made (a mistyped or someone else's address does not keep a place)."""
    return confirmed or now - registered_at < hold
