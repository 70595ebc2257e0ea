"""Pure rules of the Civic Participation System: where a report may be, when it is overdue,
which workflow moves are allowed, and how alike two reports are. No ORM, no clock."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
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
    return None


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
