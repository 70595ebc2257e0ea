"""Pure rules of the registry: no ORM, no request, no clock."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext

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
            return gettext("A membership starts as an active membership.")
        return None
    if new.valid_from <= current.valid_from:
        return gettext(
            "The change must take effect after %(day)s, "
            "when the current %(category)s (%(status)s) period began."
        ) % {
            "day": current.valid_from.isoformat(),
            "category": current.category,
            "status": current.status,
        }
    if (new.category, new.status) == (current.category, current.status):
        return gettext("The membership is already %(category)s (%(status)s).") % {
            "category": current.category,
            "status": current.status,
        }
    return None


# --- Search ----------------------------------------------------------------------------------


def fold(text: str | None) -> str:
    """Text as search compares it: accents dropped, case folded, spaces collapsed.

    'São Paulo' -> 'sao paulo', 'SEOUL' -> 'seoul', 'Đà Nẵng' -> 'da nang'. Folding in Python
    (not in the database) gives SQLite and PostgreSQL the same answer: the registry stores the
    folded text beside the name and compares folded query with folded column.
    """
    if not text:
        return ""
    # Letters NFKD does not split into base + accent (Vietnamese đ, Nordic ø, German ß, ...).
    text = text.translate(_UNSPLIT)
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


_UNSPLIT = str.maketrans(
    {"đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ı": "i", "æ": "ae", "Æ": "AE"}
)


def countries_matching(query: str, names: dict[str, str]) -> set[str]:
    """The codes of the countries whose name (in the page's language) contains the folded
    query: {'KR': 'South Korea', ...} and 'korea' -> {'KR', 'KP'}. A query of fewer than three
    letters matches no country, so 'a' does not list every member whose country has an a."""
    wanted = fold(query)
    if len(wanted) < 3:
        return set()
    return {code for code, name in names.items() if wanted in fold(name)}


# --- Map ---------------------------------------------------------------------------------------

# The member map is an equirectangular projection cut to the inhabited latitudes: one unit of
# the SVG is one degree, x from 180°W, y from 84°N down to 58°S (Antarctica left out).
MAP_NORTH = 84
MAP_SOUTH = -58
MAP_WIDTH = 360
MAP_HEIGHT = MAP_NORTH - MAP_SOUTH


@dataclass(frozen=True)
class MapPoint:
    x: float
    y: float


def project(latitude: float, longitude: float) -> MapPoint:
    """Where a place falls on the member map (SVG units, rounded to a hundredth)."""
    if not -90 <= latitude <= 90 or not -180 <= longitude <= 180:
        raise ValueError(f"({latitude}, {longitude}) is not a place on Earth.")
    y = min(max(MAP_NORTH - latitude, 0), MAP_HEIGHT)
    return MapPoint(round(longitude + 180, 2), round(y, 2))


@dataclass(frozen=True)
class ViewBox:
    x: float
    y: float
    width: float
    height: float

    def __str__(self) -> str:
        return f"{self.x:g} {self.y:g} {self.width:g} {self.height:g}"


def view_around(point: MapPoint, width: float = 60, height: float = 36) -> ViewBox:
    """A window of the world map centred on a point, kept inside the map: a city's own
    small map shows its region, not the whole world."""
    x = min(max(point.x - width / 2, 0), MAP_WIDTH - width)
    y = min(max(point.y - height / 2, 0), MAP_HEIGHT - height)
    return ViewBox(round(x, 2), round(y, 2), width, height)


def fit_view(points: list[MapPoint], *, margin: float = 8, min_width: float = 90) -> ViewBox:
    """The part of the world map that holds every point, with a margin, at the whole map's
    proportions and at least `min_width` degrees wide: ASCN's map shows South-East Asia, not an
    empty world; a network spread over the globe gets the whole map."""
    if not points:
        return ViewBox(0, 0, MAP_WIDTH, MAP_HEIGHT)
    ratio = MAP_HEIGHT / MAP_WIDTH
    left = min(p.x for p in points) - margin
    right = max(p.x for p in points) + margin
    top = min(p.y for p in points) - margin
    bottom = max(p.y for p in points) + margin
    width = min(max(right - left, (bottom - top) / ratio, min_width), MAP_WIDTH)
    height = width * ratio
    x = min(max((left + right - width) / 2, 0), MAP_WIDTH - width)
    y = min(max((top + bottom - height) / 2, 0), MAP_HEIGHT - height)
    return ViewBox(round(x, 2), round(y, 2), round(width, 2), round(height, 2))
