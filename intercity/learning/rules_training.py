"""Rules of the training programme (seed 001, Agenda 3; seed 003, the Asia Regional Office's
programmes). Pure: plain values in, results with their reasons in words out; no ORM, no
request, no clock (`today` is passed in).

Selection (seed 001's review: "the training should continue and engage more cities"):
1. only applications the city has endorsed are considered;
2. no city has more than `per_city_limit` places;
3. every city gets its first place before any city gets its second (and so on);
4. within a round, cities that have never sent anyone to the programme come first when the
   call says so; then the earliest application;
5. places are given in that order until the session's capacity is reached; the rest wait.

Satisfaction (seed 001's survey of lecture contents, lecturers, accommodation and visits):
a rating of 4 or 5 out of 5 is "satisfied"; a respondent is satisfied when the mean of their
four ratings is at least 4. Shares are exact fractions, shown as a per cent rounded half up.

Certificates: a participant who was selected, attended, and completed every lesson of the
classroom as it is now. A lesson the Secretariat retired no longer counts, neither in the
lessons to complete nor in those completed; the completions recorded before it was retired stay
(and a certificate already issued stays valid), so retiring a lesson never takes away what a
participant did, and a participant who had completed every other lesson is done.

Closing a call early: the Secretariat may close an open call before its closing day, and
reopen it if it did so by mistake, as long as the closing day has not passed, the session is not
cancelled and nobody has been selected yet (a selection decided on a closed call stands).

Corrections by the Secretariat: a session's dates stay in order (it ends on or after the day it
starts) and its capacity never falls below the number of participants already selected.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

SELECTED = "selected"
WAITLISTED = "waitlisted"
NOT_SELECTED = "not_selected"
ASPECTS = ("lecture_contents", "lecturers", "accommodation", "visits")
SATISFIED_FROM = 4


@dataclass(frozen=True)
class Candidate:
    id: int
    city_id: int
    city: str
    endorsed: bool
    order: int  # the application's place in time: smaller is earlier
    city_is_new: bool  # the city has never sent anyone to the programme


@dataclass(frozen=True)
class Outcome:
    id: int
    decision: str  # SELECTED, WAITLISTED or NOT_SELECTED
    rank: int | None  # the place in the order of selection (1 = first), None if not considered
    reason: str


def select(
    candidates: Sequence[Candidate],
    *,
    capacity: int,
    per_city_limit: int,
    new_cities_first: bool,
) -> list[Outcome]:
    """Each candidate's outcome with its reason, in the order places were given."""
    outcomes: list[Outcome] = []
    considered = [c for c in candidates if c.endorsed]
    for c in candidates:
        if not c.endorsed:
            outcomes.append(
                Outcome(c.id, NOT_SELECTED, None, _("The city has not endorsed the application."))
            )
    # Each candidate's round: 1 for the earliest endorsed application of its city, 2 for the next.
    rounds: dict[int, int] = {}
    seen: dict[int, int] = {}
    for c in sorted(considered, key=lambda c: (c.order, c.id)):
        seen[c.city_id] = seen.get(c.city_id, 0) + 1
        rounds[c.id] = seen[c.city_id]

    def key(c: Candidate) -> tuple[int, int, int, int]:
        newness = 0 if (new_cities_first and c.city_is_new) else 1
        return (rounds[c.id], newness, c.order, c.id)

    taken = 0
    for rank, c in enumerate(sorted(considered, key=key), start=1):
        if rounds[c.id] > per_city_limit:
            outcomes.append(
                Outcome(
                    c.id,
                    WAITLISTED,
                    rank,
                    ngettext(
                        "%(city)s already has %(limit)s place, the most one city may have.",
                        "%(city)s already has %(limit)s places, the most one city may have.",
                        per_city_limit,
                    )
                    % {"city": c.city, "limit": per_city_limit},
                )
            )
        elif taken >= capacity:
            outcomes.append(
                Outcome(
                    c.id,
                    WAITLISTED,
                    rank,
                    _("All %(capacity)s places were given before this application's turn.")
                    % {"capacity": capacity},
                )
            )
        else:
            taken += 1
            values = {
                "place": taken,
                "capacity": capacity,
                "round": rounds[c.id],
                "city": c.city,
            }
            if new_cities_first and c.city_is_new:
                why = (
                    _(
                        "Place %(place)s of %(capacity)s: application %(round)s of %(city)s, "
                        "a city new to the programme."
                    )
                    % values
                )
            else:
                why = (
                    _("Place %(place)s of %(capacity)s: application %(round)s of %(city)s.")
                    % values
                )
            outcomes.append(Outcome(c.id, SELECTED, rank, why))
    return outcomes


@dataclass(frozen=True)
class Eligibility:
    allowed: bool
    reason: str
    field: str = ""  # the form field a refusal is about, when it is about one


def may_apply(
    *,
    opens_on: dt.date,
    closes_on: dt.date,
    today: dt.date,
    is_member: bool,
    already: bool,
    cancelled: bool = False,
    closed_early: bool = False,
) -> Eligibility:
    if cancelled:
        return Eligibility(False, _("This session is cancelled."))
    if not is_member:
        return Eligibility(False, _("Only officials of the network's member cities may apply."))
    if today < opens_on:
        return Eligibility(False, _("The call is not open yet."))
    if today > closes_on or closed_early:
        return Eligibility(False, _("The call is closed."))
    if already:
        return Eligibility(False, _("You have already applied to this session."))
    return Eligibility(True, "")


def may_have_certificate(
    *, selected: bool, attended: bool | None, lessons: int, completed: int, cancelled: bool = False
) -> Eligibility:
    if cancelled:
        return Eligibility(False, _("This session is cancelled: it gives no certificate."))
    if not selected:
        return Eligibility(False, _("Only a selected participant receives a certificate."))
    if not attended:
        return Eligibility(False, _("The Secretariat has not recorded your attendance."))
    if completed < lessons:
        return Eligibility(
            False,
            ngettext(
                "%(left)s of the session's %(lessons)s lessons is still to complete.",
                "%(left)s of the session's %(lessons)s lessons are still to complete.",
                lessons - completed,
            )
            % {"left": lessons - completed, "lessons": lessons},
        )
    return Eligibility(True, "")


@dataclass(frozen=True)
class SurveyResult:
    respondents: int
    satisfied: Fraction  # share of respondents whose mean rating is at least 4
    by_aspect: dict[str, Fraction]  # share of ratings of 4 or 5, per aspect
    mean_by_aspect: dict[str, Fraction]


def percent(share: Fraction) -> Decimal:
    """A share as a per cent with one decimal, rounded half up (2/3 -> 66.7)."""
    return (Decimal(share.numerator) * 100 / Decimal(share.denominator)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


def survey_result(responses: Sequence[dict[str, int]]) -> SurveyResult:
    """The survey's results from each respondent's four ratings (1-5)."""
    n = len(responses)
    if n == 0:
        zero = {a: Fraction(0) for a in ASPECTS}
        return SurveyResult(0, Fraction(0), zero, dict(zero))
    for r in responses:
        for a in ASPECTS:
            if not 1 <= r[a] <= 5:
                raise ValueError(f"{a} must be 1 to 5")
    satisfied = sum(
        1 for r in responses if Fraction(sum(r[a] for a in ASPECTS), len(ASPECTS)) >= SATISFIED_FROM
    )
    return SurveyResult(
        respondents=n,
        satisfied=Fraction(satisfied, n),
        by_aspect={
            a: Fraction(sum(1 for r in responses if r[a] >= SATISFIED_FROM), n) for a in ASPECTS
        },
        mean_by_aspect={a: Fraction(sum(r[a] for r in responses), n) for a in ASPECTS},
    )


def verification_code(raw: bytes) -> str:
    """A certificate's code: 12 letters and digits from random bytes, in groups of four, from an
    alphabet without look-alikes (no 0/O, 1/I/L), e.g. "7KQX-M2PD-9HFA"."""
    alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    number = int.from_bytes(raw, "big")
    letters = []
    for _i in range(12):
        number, digit = divmod(number, len(alphabet))
        letters.append(alphabet[digit])
    code = "".join(letters)
    return f"{code[:4]}-{code[4:8]}-{code[8:]}"


def may_change_session(
    *,
    cancelled: bool,
    starts_on: dt.date,
    ends_on: dt.date | None,
    capacity: int,
    selected: int,
) -> Eligibility:
    """Whether the Secretariat may give a session these dates and this capacity, with the
    reason when not: a cancelled session stays as it was cancelled, it ends on or after the
    day it starts, and it keeps a place for everyone already selected."""
    if cancelled:
        return Eligibility(False, _("A cancelled session is no longer changed."))
    if ends_on is not None and ends_on < starts_on:
        return Eligibility(False, _("A session ends on or after the day it starts."), "ends_on")
    if capacity < 1:
        return Eligibility(False, _("A session has at least one place."), "capacity")
    if capacity < selected:
        return Eligibility(
            False,
            ngettext(
                "%(selected)s participant is already selected: the capacity cannot be less "
                "than %(selected)s.",
                "%(selected)s participants are already selected: the capacity cannot be less "
                "than %(selected)s.",
                selected,
            )
            % {"selected": selected},
            "capacity",
        )
    return Eligibility(True, "")


HELD = "held"
CANCELLED = "cancelled"


def may_cancel_session(*, status: str, attended: int) -> Eligibility:
    """A session is cancelled once, before it is held: not when it is recorded as held, nor
    once someone's attendance is recorded (it took place, so certificates may follow)."""
    if status == CANCELLED:
        return Eligibility(False, _("This session is already cancelled."))
    if status == HELD:
        return Eligibility(False, _("A session that was held cannot be cancelled."))
    if attended:
        return Eligibility(
            False,
            ngettext(
                "The attendance of %(attended)s participant is recorded: the session took "
                "place and cannot be cancelled.",
                "The attendance of %(attended)s participants is recorded: the session took "
                "place and cannot be cancelled.",
                attended,
            )
            % {"attended": attended},
        )
    return Eligibility(True, "")


def may_close_call_early(
    *, cancelled: bool, closes_on: dt.date, closed_early: bool, today: dt.date
) -> Eligibility:
    if cancelled:
        return Eligibility(False, _("This session is cancelled: its call is closed already."))
    if closed_early:
        return Eligibility(False, _("The call is already closed."))
    if today > closes_on:
        return Eligibility(
            False,
            _("The call closed on %(day)s already.") % {"day": date_format(closes_on)},
        )
    return Eligibility(True, "")


def may_reopen_call(
    *, cancelled: bool, closes_on: dt.date, closed_early: bool, selected: bool, today: dt.date
) -> Eligibility:
    if cancelled:
        return Eligibility(False, _("This session is cancelled: its call stays closed."))
    if not closed_early:
        return Eligibility(False, _("The call was not closed early: there is nothing to reopen."))
    if today > closes_on:
        return Eligibility(
            False,
            _("The call's closing day, %(day)s, has passed: it can no longer be reopened.")
            % {"day": date_format(closes_on)},
        )
    if selected:
        return Eligibility(
            False, _("The participants are already selected: the call stays closed.")
        )
    return Eligibility(True, "")


@dataclass(frozen=True)
class Progress:
    lessons: int  # the lessons that count: those not retired
    completed: int  # of those, the ones the participant completed

    @property
    def done(self) -> bool:
        return self.completed >= self.lessons


def classroom_progress(lessons: Sequence[tuple[int, bool]], completed: Collection[int]) -> Progress:
    """A participant's progress from the classroom's lessons, each as (id, retired), and the
    ids of the lessons they completed (retired ones included: they are simply not counted)."""
    counting = [lesson_id for lesson_id, retired in lessons if not retired]
    done = set(completed)
    return Progress(len(counting), sum(1 for lesson_id in counting if lesson_id in done))


@dataclass(frozen=True)
class Reorder:
    allowed: bool
    order: list[int]
    reason: str


def move(order: Sequence[int], item: int, step: int) -> Reorder:
    """The order of the classroom's lessons once `item` moves one place up (step -1) or down
    (step +1); refused at either end."""
    current = list(order)
    if item not in current or step not in (-1, 1):
        return Reorder(False, current, _("This lesson is not in the classroom."))
    index = current.index(item)
    target = index + step
    if target < 0:
        return Reorder(False, current, _("This lesson is already the first."))
    if target >= len(current):
        return Reorder(False, current, _("This lesson is already the last."))
    current[index], current[target] = current[target], current[index]
    return Reorder(True, current, "")


def may_change_secondment_call(
    *,
    withdrawn: bool,
    opens_on: dt.date,
    closes_on: dt.date,
    places: int,
    term_months: int,
    selected: int,
) -> Eligibility:
    """Whether the Secretariat may give a secondment call (seed 003, the Secondment Staff
    Program) these dates, places and term: it closes on or after it opens, keeps a place for
    every officer already selected, and a withdrawn call is no longer changed."""
    if withdrawn:
        return Eligibility(False, _("A withdrawn call is no longer changed."))
    if closes_on < opens_on:
        return Eligibility(False, _("A call closes on or after the day it opens."), "closes_on")
    if places < 1 or term_months < 1:
        return Eligibility(False, _("A call has at least one place and a term of one month."))
    if places < selected:
        return Eligibility(
            False,
            ngettext(
                "%(selected)s officer is already selected: the call cannot have fewer than "
                "%(selected)s place.",
                "%(selected)s officers are already selected: the call cannot have fewer than "
                "%(selected)s places.",
                selected,
            )
            % {"selected": selected},
            "places",
        )
    return Eligibility(True, "")


def may_withdraw_secondment_call(*, withdrawn: bool, selected: int) -> Eligibility:
    """A call is withdrawn once, and not after an officer was selected (their secondment
    stands; the call can still be changed)."""
    if withdrawn:
        return Eligibility(False, _("This call is already withdrawn."))
    if selected:
        return Eligibility(
            False,
            _("An officer is already selected through this call: it can no longer be withdrawn."),
        )
    return Eligibility(True, "")
