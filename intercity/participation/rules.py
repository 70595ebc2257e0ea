"""Pure rules of the Civic Participation System: where a report may be, when it is overdue,
which workflow moves are allowed, and how alike two reports are. No ORM, no clock."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

EARTH_RADIUS_M = 6_371_000
# A degree of latitude on the sphere `distance_m` measures on (111,195 m); a smaller
# figure (the 111,320 m of a degree of longitude at the equator on WGS 84) made the box of
# `degrees_around` miss points within its distance, e.g. 149.9 m due north of 150 m.
METRES_PER_DEGREE = math.pi * EARTH_RADIUS_M / 180
MICRODEGREE = Decimal("0.000001")
WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Runs of Chinese characters or kana, or of Hangul syllables (after NFKC, which composes
# Hangul letters into syllables).
CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[\uac00-\ud7a3]+")
HANGUL = re.compile(r"[\uac00-\ud7a3]")


@dataclass(frozen=True)
class Bounds:
    min_latitude: Decimal
    max_latitude: Decimal
    min_longitude: Decimal
    max_longitude: Decimal

    def contains(self, latitude: Decimal, longitude: Decimal) -> bool:
        return (
            self.min_latitude <= latitude <= self.max_latitude
            and self.min_longitude <= longitude <= self.max_longitude
        )


def location_problem(
    bounds: Bounds, latitude: Decimal | None, longitude: Decimal | None, address: str
) -> str | None:
    """Why a report cannot be placed, or None: it needs coordinates inside the city's
    bounds, or an address."""
    if (latitude is None) != (longitude is None):
        return _("Give both latitude and longitude, or neither.")
    if latitude is None or longitude is None:
        return None if address.strip() else _("Say where it is: a point on the map or an address.")
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return _("Latitude is between -90 and 90 and longitude between -180 and 180.")
    if not bounds.contains(latitude, longitude):
        return outside_message(bounds, latitude, longitude)
    return None


def outside_message(bounds: Bounds, latitude: object, longitude: object) -> str:
    """What a point outside the city's bounds is told: by the server, and by the report
    form's map (which passes `{latitude}` and `{longitude}` placeholders to fill in)."""
    return _(
        "%(latitude)s, %(longitude)s is outside this city's area (latitude %(min_lat)s "
        "to %(max_lat)s, longitude %(min_lon)s to %(max_lon)s)."
    ) % {
        "latitude": latitude,
        "longitude": longitude,
        "min_lat": bounds.min_latitude,
        "max_lat": bounds.max_latitude,
        "min_lon": bounds.min_longitude,
        "max_lon": bounds.max_longitude,
    }


def distance_m(lat1: Decimal, lon1: Decimal, lat2: Decimal, lon2: Decimal) -> float:
    """Great-circle distance in metres (haversine). Geometry, not money: floats are fine."""
    p1, p2 = math.radians(float(lat1)), math.radians(float(lat2))
    dp = p2 - p1
    dl = math.radians(float(lon2) - float(lon1))
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def degrees_around(latitude: Decimal, metres: int) -> tuple[Decimal, Decimal]:
    """Half-widths in degrees (latitude, longitude) of a box `metres` around a point, to
    pre-filter candidates with an index before measuring distances exactly: every point
    within `metres` of it (by `distance_m`) is inside the box, so both are rounded up.

    The widest longitude on the circle is asin(sin(d) / cos(latitude)) away, not
    d / cos(latitude); a circle that reaches over a pole holds every longitude (180)."""
    angle = metres / EARTH_RADIUS_M
    dlat = math.degrees(angle)
    across, height = math.sin(angle), math.cos(math.radians(float(latitude)))
    dlon = 180.0 if across >= height else math.degrees(math.asin(across / height))
    return _up(dlat), _up(dlon)


def _up(degrees: float) -> Decimal:
    """Degrees to the six places coordinates are stored with, rounded away from the point
    (one more microdegree for the float's own rounding)."""
    return Decimal(repr(degrees)).quantize(MICRODEGREE, rounding=ROUND_CEILING) + MICRODEGREE


def words(text: str) -> set[str]:
    """The distinct words of a text, compared without case and in one Unicode form (NFKC):
    a phone may send 'é' as one character or two, a Korean syllable as one character or its
    letters, a CJK keyboard full-width Latin letters; they are the same words."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    found: set[str] = set()
    for word in WORD.findall(folded):
        # Alphabetic scripts (Latin, Cyrillic...): words of three letters or more, so that
        # "a", "of", "на" do not make two English or Russian reports look alike.
        found.update(part for part in CJK_RUN.sub(" ", word).split() if len(part) > 2)
        for run in CJK_RUN.findall(word):
            found.update(_cjk_terms(run))
    return found


def _cjk_terms(run: str) -> set[str]:
    """Terms of a run of Korean or of Chinese (Japanese) characters.

    Korean: most nouns are two syllables (보도 pavement, 파손 damage), and particles and
    endings are written on to the end of the word (보도가, 보도에, 파손되었습니다). A Korean
    word is kept whole and as its first two syllables, so 보도가 and 보도에 share 보도 while
    the endings (습니다) do not make every two reports alike.
    Chinese has no spaces between words: its terms are the pairs of characters (bigrams),
    the usual way to compare it without a dictionary.
    A lone character is no term: it would match far too much."""
    if len(run) < 2:
        return set()
    if HANGUL.match(run):
        return {run, run[:2]}
    return {run[i : i + 2] for i in range(len(run) - 1)}


def text_similarity(a: str, b: str) -> float:
    """Share of distinct words two descriptions have in common (Jaccard, 0..1)."""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)


@dataclass(frozen=True)
class DuplicatePolicy:
    radius_m: int = 150
    within: dt.timedelta = dt.timedelta(days=30)
    min_similarity: float = 0.2


@dataclass(frozen=True)
class Candidate:
    report_id: int
    distance_m: float | None
    similarity: float
    age: dt.timedelta

    @property
    def score(self) -> float:
        """Higher is likelier: close, alike and recent."""
        near = 1.0 if self.distance_m is None else max(0.0, 1 - self.distance_m / 500)
        recent = max(0.0, 1 - self.age / dt.timedelta(days=60))
        return round(0.5 * self.similarity + 0.3 * near + 0.2 * recent, 4)

    def reason(self) -> str:
        values = {
            "metres": f"{self.distance_m or 0:.0f}",
            "shared": f"{self.similarity:.0%}",
            "days": self.age.days,
        }
        if self.distance_m is None:
            return (
                _("same service, no location, %(shared)s of words shared, %(days)s days apart")
                % values
            )
        return (
            _("same service, %(metres)s m away, %(shared)s of words shared, %(days)s days apart")
            % values
        )


def is_duplicate_candidate(candidate: Candidate, policy: DuplicatePolicy) -> bool:
    if candidate.age > policy.within:
        return False
    if candidate.distance_m is not None and candidate.distance_m > policy.radius_m:
        return False
    return candidate.similarity >= policy.min_similarity


def expected_at(requested_at: dt.datetime, target_hours: int | None) -> dt.datetime | None:
    return None if target_hours is None else requested_at + dt.timedelta(hours=target_hours)


def is_overdue(expected: dt.datetime | None, closed: bool, now: dt.datetime) -> bool:
    return expected is not None and not closed and now > expected


def transition_problem(source: str, target: str, allowed: set[tuple[str, str]]) -> str | None:
    if source == target:
        return _("The report is already %(status)s.") % {"status": source}
    if (source, target) not in allowed:
        options = sorted(t for s, t in allowed if s == source)
        if not options:
            return _(
                "A report that is %(source)s cannot become %(target)s; it can become: none."
            ) % {
                "source": source,
                "target": target,
            }
        return _(
            "A report that is %(source)s cannot become %(target)s; it can become: %(listed)s."
        ) % {"source": source, "target": target, "listed": ", ".join(options)}
    return None


# --- Closing the loop: "not fixed" and the reporter's rating -----------------------------------

# A city gives its reporters between 0 (never) and a year after resolution to say "not fixed".
MAX_REOPEN_DAYS = 365
# The reason a reporter gives with "not fixed", and the comment with a rating: a few lines.
MAX_REOPEN_REASON = 1000
MAX_RATING_COMMENT = 1000
MIN_STARS, MAX_STARS = 1, 5


@dataclass(frozen=True)
class Reopening:
    """Whether a resolved report's reporter may still say "not fixed" (or rate the response),
    until when, and, when not, why."""

    allowed: bool
    until: dt.datetime | None
    reason: str = ""


def reopen_until(resolved_at: dt.datetime, days: int) -> dt.datetime | None:
    """The last moment of the period: `days` whole days after the resolution, to the second
    (resolved at 10:00 on the 1st with 14 days: until 10:00 on the 15th); None when the city
    gives no period (0 days)."""
    return resolved_at + dt.timedelta(days=days) if days > 0 else None


def may_reopen(
    resolved_at: dt.datetime | None, now: dt.datetime, days: int, zone: dt.tzinfo = dt.UTC
) -> Reopening:
    """The city's period to say "not fixed" (`Jurisdiction.reopen_days`), judged at `now`:
    allowed from the resolution up to and including its end; the reason, when not, names the
    date the period ended (in the city's `zone`)."""
    from django.utils.formats import date_format

    if resolved_at is None:
        return Reopening(False, None, _("This report is not resolved or closed."))
    until = reopen_until(resolved_at, days)
    if until is None:
        return Reopening(
            False,
            None,
            _('This city does not take "not fixed" or ratings after a report is closed.'),
        )
    if now > until:
        return Reopening(
            False,
            until,
            _(
                "The period to say this report is not fixed or to rate the response ended on "
                "%(date)s (%(days)s days after it was closed). If the problem is still there, "
                "report it again."
            )
            % {"date": date_format(until.astimezone(zone), "DATE_FORMAT"), "days": days},
        )
    return Reopening(True, until)


def reopen_reason_problem(reason: str) -> str | None:
    """Why a "not fixed" reason cannot be taken, or None: it is required and bounded."""
    if not reason.strip():
        return _("Say what is still wrong, so the city's staff know what to look at.")
    if len(reason) > MAX_REOPEN_REASON:
        return _("The reason is at most %(max)s characters.") % {"max": f"{MAX_REOPEN_REASON:,}"}
    return text_problem(reason, _("The reason"))


def rating_problem(stars: int, comment: str) -> str | None:
    """Why a rating cannot be taken, or None: 1 to 5 stars, a bounded comment."""
    if not MIN_STARS <= stars <= MAX_STARS:
        return _("Rate from %(min)s to %(max)s.") % {"min": MIN_STARS, "max": MAX_STARS}
    if len(comment) > MAX_RATING_COMMENT:
        return _("The comment is at most %(max)s characters.") % {"max": f"{MAX_RATING_COMMENT:,}"}
    return text_problem(comment, _("The comment"))


@dataclass(frozen=True)
class RatingSummary:
    """A city's ratings: how many and their total, so the average is exact (a Fraction) and
    shown rounded to one place, half up, with how it was computed."""

    count: int
    total: int

    @property
    def average(self) -> Fraction | None:
        return Fraction(self.total, self.count) if self.count else None

    @property
    def shown(self) -> Decimal | None:
        """The average to one decimal place (4.25 -> 4.3)."""
        average = self.average
        if average is None:
            return None
        exact = Decimal(average.numerator) / Decimal(average.denominator)
        return exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    def explanation(self) -> str:
        if not self.count:
            return _("No ratings yet.")
        return _(
            "The mean of %(count)s ratings from 1 to 5: %(total)s stars in all, divided by "
            "%(count)s, rounded to one decimal place."
        ) % {"count": self.count, "total": self.total}


# The default workflow (SPEC module 4), created for a new jurisdiction and then its data. Its
# labels have their own context: "Submitted" or "Reject" in another app's catalog reads otherwise.
DEFAULT_STATUSES = [
    # code, name, open311, initial
    ("submitted", pgettext_lazy("workflow of a citizen's report", "Submitted"), "open", True),
    (
        "acknowledged",
        pgettext_lazy("workflow of a citizen's report", "Acknowledged"),
        "open",
        False,
    ),
    ("in_progress", pgettext_lazy("workflow of a citizen's report", "In progress"), "open", False),
    ("resolved", pgettext_lazy("workflow of a citizen's report", "Resolved"), "closed", False),
    ("rejected", pgettext_lazy("workflow of a citizen's report", "Rejected"), "closed", False),
    ("duplicate", pgettext_lazy("workflow of a citizen's report", "Duplicate"), "closed", False),
]
DEFAULT_TRANSITIONS = [
    ("submitted", "acknowledged", pgettext_lazy("workflow of a citizen's report", "Acknowledge")),
    ("submitted", "in_progress", pgettext_lazy("workflow of a citizen's report", "Start work")),
    ("submitted", "rejected", pgettext_lazy("workflow of a citizen's report", "Reject")),
    (
        "submitted",
        "duplicate",
        pgettext_lazy("workflow of a citizen's report", "Mark as duplicate"),
    ),
    ("acknowledged", "in_progress", pgettext_lazy("workflow of a citizen's report", "Start work")),
    ("acknowledged", "resolved", pgettext_lazy("workflow of a citizen's report", "Resolve")),
    ("acknowledged", "rejected", pgettext_lazy("workflow of a citizen's report", "Reject")),
    (
        "acknowledged",
        "duplicate",
        pgettext_lazy("workflow of a citizen's report", "Mark as duplicate"),
    ),
    ("in_progress", "resolved", pgettext_lazy("workflow of a citizen's report", "Resolve")),
    ("in_progress", "rejected", pgettext_lazy("workflow of a citizen's report", "Reject")),
    (
        "in_progress",
        "duplicate",
        pgettext_lazy("workflow of a citizen's report", "Mark as duplicate"),
    ),
    ("resolved", "acknowledged", pgettext_lazy("workflow of a citizen's report", "Reopen")),
    ("rejected", "acknowledged", pgettext_lazy("workflow of a citizen's report", "Reopen")),
    ("duplicate", "acknowledged", pgettext_lazy("workflow of a citizen's report", "Reopen")),
]


# --- What the public sees ----------------------------------------------------------------------

# Hiding a report (moderation) withholds what its author wrote and where it is: an address or
# a point on the map can name a neighbour as surely as the text. Its id, service, status and
# dates stay public, so that the city's record of work stays whole.
WITHHELD_WHEN_HIDDEN: dict[str, Any] = {
    "description": "",
    "address": "",
    "address_id": "",
    "zipcode": "",
    "latitude": None,
    "longitude": None,
}


def public_values(hidden: bool, values: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of a report as anyone may see them: those of a hidden report blanked. The
    one rule every public reader applies (pages, Open311, open data, e-mails)."""
    shown = dict(values)
    if hidden:
        for name, blank in WITHHELD_WHEN_HIDDEN.items():
            if name in shown:
                shown[name] = blank
    return shown


# --- Text a person sends -----------------------------------------------------------------------

# XML 1.0 forbids C0 controls other than tab, line feed and carriage return, and the
# non-characters U+FFFE and U+FFFF; a lone surrogate cannot be encoded at all. One of them in
# a description made requests.xml unparseable for every client.
# Tabs and line breaks stay allowed: Open311 clients send multi-line addresses.
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def text_problem(text: str, field: str) -> str | None:
    """Why a text cannot be taken, or None: control characters (invisible, and forbidden in
    the XML the city publishes)."""
    found = NOT_IN_XML.search(text)
    if found is None:
        return None
    code = ord(found.group())
    if code == 0:
        return _(
            "%(field)s contains a NUL character, which no field accepts; remove it and send again."
        ) % {"field": field}
    return _(
        "%(field)s contains a control character (U+%(code)s), which no field accepts; "
        "remove it and send again."
    ) % {"field": field, "code": f"{code:04X}"}


def xml_safe(text: str) -> str:
    """The text without the characters XML 1.0 forbids (the writer's own guard)."""
    return NOT_IN_XML.sub("", text)


# Spreadsheet software runs a cell that starts with one of these as a formula (CSV
# injection); a leading single quote makes it text, as OWASP advises.
# A plain number (a negative longitude) is left as it is: no spreadsheet runs it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def csv_cell(value: str) -> str:
    """A cell of a CSV the city publishes, never read as a formula."""
    if value.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def tile_origin(url: str) -> list[str]:
    """The origin a map's tile URL template loads from, for the page's Content-Security-Policy
    (`{s}` subdomains become a wildcard); nothing when the URL names no origin."""
    from urllib.parse import urlsplit

    parts = urlsplit(url.replace("{s}", "*"))
    return [f"{parts.scheme}://{parts.netloc}"] if parts.scheme and parts.netloc else []


# --- Near a point ------------------------------------------------------------------------------

# "Near me" (the public list and Open311 `requests`): a radius in whole metres, from a step
# away to a city's breadth; a wider one would make the bounding box a whole country.
NEAR_MIN_RADIUS_M = 1
NEAR_MAX_RADIUS_M = 20_000
# At most this many reports near a point, nearest first (Open311's own cap on a search).
NEAR_LIMIT = 1000


# Duplicates before submitting: while a citizen fills the report form, the open reports of the
# same service this close to the point are shown, newest first, at most this many.
NEARBY_DUPLICATE_M = 150
NEARBY_DUPLICATE_LIMIT = 5


@dataclass(frozen=True)
class Near:
    latitude: Decimal
    longitude: Decimal
    radius_m: int


def near_point(latitude: str, longitude: str, radius: str) -> Near | None:
    """The point and radius of a "near me" search from the three raw parameters (`lat`,
    `long`, `radius`), or None when none is given. Raises ValueError with the reason when
    only some are given or one is not a number in its range."""
    given = [value.strip() for value in (latitude, longitude, radius)]
    if not any(given):
        return None
    if not all(given):
        raise ValueError(_("Give lat, long and radius together to search near a point."))
    try:
        lat, lon = Decimal(given[0]), Decimal(given[1])
        metres = int(given[2])
    except (ArithmeticError, ValueError):
        raise ValueError(
            _("lat and long are decimal degrees and radius a whole number of metres.")
        ) from None
    if not (lat.is_finite() and lon.is_finite() and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(_("Latitude is between -90 and 90 and longitude between -180 and 180."))
    if not NEAR_MIN_RADIUS_M <= metres <= NEAR_MAX_RADIUS_M:
        raise ValueError(
            _("radius is between %(min)s and %(max)s metres.")
            % {"min": NEAR_MIN_RADIUS_M, "max": f"{NEAR_MAX_RADIUS_M:,}"}
        )
    return Near(lat.quantize(MICRODEGREE), lon.quantize(MICRODEGREE), metres)


def box_around(near: Near) -> tuple[tuple[Decimal, Decimal], tuple[Decimal, Decimal]]:
    """The latitude and longitude ranges holding every point within the radius (an index can
    answer them); exact distances are then measured on what they hold. A box that crosses
    the antimeridian is widened to every longitude (no city straddles it)."""
    dlat, dlon = degrees_around(near.latitude, near.radius_m)
    longitudes = (near.longitude - dlon, near.longitude + dlon)
    if longitudes[0] < -180 or longitudes[1] > 180:
        longitudes = (Decimal(-180), Decimal(180))
    return (near.latitude - dlat, near.latitude + dlat), longitudes


def nearest_first(
    near: Near, points: list[tuple[Any, Decimal, Decimal]], limit: int = NEAR_LIMIT
) -> list[tuple[Any, float]]:
    """The items whose point is within the radius, with their distance in metres, nearest
    first (ties in the order given), at most `limit`."""
    measured = [
        (item, distance_m(near.latitude, near.longitude, lat, lon)) for item, lat, lon in points
    ]
    within = [pair for pair in measured if pair[1] <= near.radius_m]
    return sorted(within, key=lambda pair: pair[1])[:limit]


# --- A city's own set-up: its services, their questions, its departments (setup.py) -------

SERVICE_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,59}$")
# A year: a target longer than that is no target a citizen can hold the city to.
MAX_TARGET_HOURS = 8760
MAX_KEYWORDS = 20
MAX_KEYWORD_LENGTH = 50
LIST_DATATYPES = ("singlevaluelist", "multivaluelist")
DATATYPES = ("string", "number", "datetime", "text", *LIST_DATATYPES)


def code_problem(code: str) -> str | None:
    """An Open311 `service_code` (or a question's `code`) is a slug: what a client sends back
    and a URL carries, so letters, digits, '-' and '_', at most 60."""
    if not SERVICE_CODE.match(code or ""):
        return _(
            "'%(code)s' is not a valid code: use letters, digits, '-' and '_' (at most 60), "
            "starting with a letter or a digit."
        ) % {"code": (code or "")[:70]}
    return None


def target_hours_problem(hours: int | None) -> str | None:
    """The time a service promises to resolve a report in: none, or 1 hour to a year."""
    if hours is None:
        return None
    if not 1 <= hours <= MAX_TARGET_HOURS:
        return _("The target time is between 1 and %(max)s hours (a year).") % {
            "max": f"{MAX_TARGET_HOURS:,}"
        }
    return None


def clean_keywords(keywords: list[str]) -> tuple[list[str], str | None]:
    """The keywords a search matches a service by: trimmed, blanks and repeats dropped (case
    ignored, the first spelling kept), each at most 50 characters, at most 20."""
    kept: list[str] = []
    seen: set[str] = set()
    for keyword in keywords:
        word = " ".join(str(keyword).split())
        if not word or word.casefold() in seen:
            continue
        if len(word) > MAX_KEYWORD_LENGTH:
            return kept, _("A keyword is at most %(max)s characters: '%(word)s…'.") % {
                "max": MAX_KEYWORD_LENGTH,
                "word": word[:MAX_KEYWORD_LENGTH],
            }
        seen.add(word.casefold())
        kept.append(word)
    if len(kept) > MAX_KEYWORDS:
        return kept, _("At most %(max)s keywords.") % {"max": MAX_KEYWORDS}
    return kept, None


def attribute_values_problem(datatype: str, values: list[dict[str, str]]) -> str | None:
    """A list question (Open311 singlevaluelist, multivaluelist) offers at least one choice,
    each with a key of its own and a name; any other datatype offers none."""
    if datatype not in DATATYPES:
        return _("'%(datatype)s' is not an Open311 datatype (%(known)s).") % {
            "datatype": datatype[:40],
            "known": ", ".join(DATATYPES),
        }
    if datatype not in LIST_DATATYPES:
        return (
            None
            if not values
            else _("Only a list question (%(lists)s) has choices.")
            % {"lists": ", ".join(LIST_DATATYPES)}
        )
    if not values:
        return _("A list question needs at least one choice.")
    keys = [str(v.get("key", "")).strip() for v in values]
    if any(not key for key in keys) or any(not str(v.get("name", "")).strip() for v in values):
        return _("Each choice has a key and a name.")
    if len(set(keys)) != len(keys):
        return _("Each choice has a key of its own.")
    return None


# --- A city's own workflow (its CPS administrator edits it) ----------------------------------


@dataclass(frozen=True)
class WorkflowStatus:
    """A status as the workflow rules see it: its code, Open311's open/closed, initial."""

    code: str
    closed: bool
    initial: bool = False


def reachable(start: str, moves: set[tuple[str, str]]) -> set[str]:
    """The statuses a report in `start` can come to by the workflow's moves (start included)."""
    seen = {start}
    frontier = [start]
    while frontier:
        here = frontier.pop()
        for source, target in moves:
            if source == here and target not in seen:
                seen.add(target)
                frontier.append(target)
    return seen


def workflow_problem(statuses: list[WorkflowStatus], moves: set[tuple[str, str]]) -> str | None:
    """Why a workflow cannot be a city's, naming the rule it breaks, or None.

    Rules (SPEC, CPS workflow): exactly one status is initial (every report starts there);
    every status can be reached from it (a status nothing leads to is a status no report can
    ever have, and a move's removal must not strand one); at least one reachable status is
    closed (a report can be finished). Each refusal names its rule."""
    initial = [s.code for s in statuses if s.initial]
    if len(initial) != 1:
        return _(
            "Rule “exactly one initial status”: the workflow would have %(count)s (%(codes)s)."
        ) % {"count": len(initial), "codes": ", ".join(initial) or "–"}
    came = reachable(initial[0], moves)
    stranded = [s.code for s in statuses if s.code not in came]
    if stranded:
        return _(
            "Rule “every status reachable from the initial one”: no move would lead from "
            "%(initial)s to %(codes)s."
        ) % {"initial": initial[0], "codes": ", ".join(stranded)}
    if not any(s.closed for s in statuses if s.code in came):
        return _(
            "Rule “a closed status is reachable”: no report starting at %(initial)s could "
            "ever be closed."
        ) % {"initial": initial[0]}
    return None


def status_removal_problem(code: str, reports: int) -> str | None:
    """A status some report has (or had: its history names it) stays; it may be renamed."""
    if reports:
        return _(
            "Rule “a status with reports is kept”: %(code)s has %(count)s; rename it instead."
        ) % {"code": code, "count": reports}
    return None


# --- Response templates ------------------------------------------------------------------------

PLACEHOLDERS = ("report_id", "service", "city")
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def placeholder_problem(text: str) -> str | None:
    """A template may name only {report_id}, {service} and {city}: any other name in braces
    would reach the citizen as written, so it is refused when the template is saved."""
    unknown = sorted({name for name in PLACEHOLDER.findall(text) if name not in PLACEHOLDERS})
    if unknown:
        return _(
            "Unknown placeholder %(names)s: a response template may use {report_id}, "
            "{service} and {city}."
        ) % {"names": ", ".join("{" + name + "}" for name in unknown)}
    return None


def fill_response(text: str, values: Mapping[str, str]) -> str:
    """The template's text for one report: each known placeholder replaced by its value
    (a value is inserted as it is, never read again for placeholders)."""
    return PLACEHOLDER.sub(lambda found: values.get(found.group(1), found.group(0)), text)


# --- Alerts ------------------------------------------------------------------------------------

# A radius alert's radius is bounded like "near me" (NEAR_MIN_RADIUS_M..NEAR_MAX_RADIUS_M).
RADIUS = "radius"
AREA = "area"


def grid_cell(bounds: Bounds, label: str, grid: int, row_names: str) -> Bounds | None:
    """The bounds of one cell ("B3") of the dashboards' area grid over a city's bounds, row A
    the northernmost, column 1 the westernmost; None when there is no such cell. The same
    arithmetic as `dashboards.volume_by_area` (a test holds them together)."""
    label = label.strip().upper()
    if len(label) < 2 or label[0] not in row_names[:grid] or not label[1:].isdigit():
        return None
    row, column = row_names.index(label[0]), int(label[1:]) - 1
    if not 0 <= column < grid:
        return None
    y = grid - 1 - row
    lat_step = (bounds.max_latitude - bounds.min_latitude) / grid
    lon_step = (bounds.max_longitude - bounds.min_longitude) / grid
    return Bounds(
        (bounds.min_latitude + y * lat_step).quantize(MICRODEGREE),
        (bounds.min_latitude + (y + 1) * lat_step).quantize(MICRODEGREE),
        (bounds.min_longitude + column * lon_step).quantize(MICRODEGREE),
        (bounds.min_longitude + (column + 1) * lon_step).quantize(MICRODEGREE),
    )


def grid_labels(grid: int, row_names: str) -> list[str]:
    """Every cell's label, north to south, each row west to east: A1, A2, ... E5."""
    return [f"{row_names[r]}{c + 1}" for r in range(grid) for c in range(grid)]


def circle_box(near: Near) -> Bounds:
    """The box a radius alert is stored with: every point within the radius is in it."""
    (south, north), (west, east) = box_around(near)
    return Bounds(south, north, west, east)


def alert_band(city: Bounds, grid: int) -> Decimal:
    """How far south of a point the southern edge of an alert's box holding it can be: the
    tallest box an alert of this city can have (the widest circle's, or a grid cell's). With
    it the database reads one band of its index instead of every alert south of the point."""
    widest = 2 * degrees_around(Decimal(0), NEAR_MAX_RADIUS_M)[0]
    cell = ((city.max_latitude - city.min_latitude) / grid).quantize(
        MICRODEGREE, rounding=ROUND_CEILING
    )
    return max(widest, cell) + MICRODEGREE


def alert_matches(
    kind: str,
    box: Bounds,
    centre: Near | None,
    latitude: Decimal | None,
    longitude: Decimal | None,
) -> bool:
    """Whether a report at the point is for an alert: in its cell's bounds (edges included),
    or within its radius of its centre measured by `distance_m`. A report without a point is
    in no place."""
    if latitude is None or longitude is None or not box.contains(latitude, longitude):
        return False
    if kind == AREA:
        return True
    if centre is None:
        return False
    return distance_m(centre.latitude, centre.longitude, latitude, longitude) <= centre.radius_m


# --- Dashboard tallies: the day, the area cell and the time-to-resolve bucket of a report ------


def local_day(at: dt.datetime, zone: dt.tzinfo) -> dt.date:
    """The day a moment falls on in the city's time zone: what a dashboard's period counts."""
    return at.astimezone(zone).date()


def area_cell(
    latitude: Decimal | None, longitude: Decimal | None, bounds: Bounds, grid: int
) -> tuple[int, int] | None:
    """The (row from the south, column from the west) of a grid x grid grid over the bounds
    that holds the point, or None without one. Exact (rationals, not floats): a point on a
    line between two cells is in the northern or eastern one, and points on (or past) the
    northern and eastern edges are in the last row and column, as are points past the
    southern and western ones in the first."""
    if latitude is None or longitude is None:
        return None

    def index(value: Decimal, low: Decimal, high: Decimal) -> int:
        offset = Fraction(value - low) * grid / Fraction(high - low)
        return min(max(math.floor(offset), 0), grid - 1)

    return (
        index(latitude, bounds.min_latitude, bounds.max_latitude),
        index(longitude, bounds.min_longitude, bounds.max_longitude),
    )


# Time to resolve is kept as a histogram: bucket k holds the times from RESOLUTION_EDGES[k-1]
# (included) to RESOLUTION_EDGES[k] (excluded), in seconds; bucket 0 those under the first
# edge. Each edge is the one before plus a tenth of it (rounded up to a whole second), so a
# percentile read as its bucket's upper edge is a true bound ("half were resolved within
# it") and at most a tenth, plus a second, above the exact value. 208 edges reach 158 years.
RESOLUTION_FIRST_EDGE = 10
RESOLUTION_STEP = 10  # each bucket is 1/RESOLUTION_STEP of its lower edge wide


def _resolution_edges() -> tuple[int, ...]:
    edges = [RESOLUTION_FIRST_EDGE]
    while edges[-1] < 5 * 10**9:
        edges.append(edges[-1] + -(-edges[-1] // RESOLUTION_STEP))
    return tuple(edges)


RESOLUTION_EDGES = _resolution_edges()


def resolution_bucket(duration: dt.timedelta) -> int:
    """The histogram bucket of a time to resolve: how many edges are at or below it (as
    PostgreSQL's width_bucket(seconds, edges) counts them). A negative time is bucket 0."""
    micro = (duration.days * 86_400 + duration.seconds) * 1_000_000 + duration.microseconds
    low, high = 0, len(RESOLUTION_EDGES)
    while low < high:  # bisect_right on edges in microseconds, exactly
        middle = (low + high) // 2
        if RESOLUTION_EDGES[middle] * 1_000_000 <= micro:
            low = middle + 1
        else:
            high = middle
    return low


def bucket_upper_edge(bucket: int) -> dt.timedelta:
    """The time a bucket's durations are all under (the last bucket: its lower edge)."""
    return dt.timedelta(seconds=RESOLUTION_EDGES[min(bucket, len(RESOLUTION_EDGES) - 1)])


def histogram_percentile(counts: Mapping[int, int], fraction: Fraction) -> dt.timedelta | None:
    """The percentile of a histogram {bucket: count}, nearest rank: the upper edge of the
    bucket holding the ceil(fraction x n)-th shortest time, so at least that fraction of the
    times are under it. None for no times at all."""
    total = sum(counts.values())
    if total <= 0:
        return None
    rank = max(math.ceil(fraction * total), 1)
    seen = 0
    for bucket in sorted(counts):
        seen += counts[bucket]
        if seen >= rank:
            return bucket_upper_edge(bucket)
    return bucket_upper_edge(max(counts))


def nearest_rank(values: list[dt.timedelta], fraction: Fraction) -> dt.timedelta | None:
    """The exact nearest-rank percentile of a list of times (what the histogram rounds up)."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(math.ceil(fraction * len(ordered)), 1) - 1]


def whole_months(
    start: dt.date, end: dt.date
) -> tuple[list[tuple[dt.date, dt.date]], list[tuple[dt.date, dt.date]]]:
    """The days from `start` to `end` (both included) as runs of days outside whole calendar
    months, and the run of whole months (each month as its first day), so a sum over days can
    read the months' totals: ([(first day, last day), ...], [(first month, last month)] or [])."""
    if end < start:
        return [], []
    first = start if start.day == 1 else _next_month(start)
    after = (
        _next_month(end) if _next_month(end) - dt.timedelta(days=1) == end else end.replace(day=1)
    )
    # `after` is the first day not in a whole month at the end: the period's whole months are
    # those from `first` up to the month before `after`.
    if first >= after:
        return [(start, end)], []
    days = []
    if start < first:
        days.append((start, first - dt.timedelta(days=1)))
    if after <= end:
        days.append((after, end))
    last_month = (after - dt.timedelta(days=1)).replace(day=1)
    return days, [(first, last_month)]


def _next_month(day: dt.date) -> dt.date:
    """The first day of the month after the one `day` is in."""
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


# Cities compared: its rules live in rules_compared.py, named here as every other rule is.
from intercity.participation import rules_compared  # noqa: E402

COMPARISON_MINIMUM = rules_compared.COMPARISON_MINIMUM
PerThousand = rules_compared.PerThousand
WithinTarget = rules_compared.WithinTarget
comparison_problem = rules_compared.comparison_problem
reports_per_thousand = rules_compared.reports_per_thousand
share_within_target = rules_compared.share_within_target
top_services = rules_compared.top_services
