"""The time zone a city's pages speak in: organisations record no time zone, so it is
derived from the country with the IANA time zone database (the `tzdata` package's
`zone.tab`, maintained with the database itself; docs/decisions/0014-city-time-zones.md).

One zone per city: a country with one zone has it; a country with several (Brazil,
Indonesia, the United States, ...) gets the zone named after the city when there is one
(São Paulo -> America/Sao_Paulo, Jakarta -> Asia/Jakarta), else the first zone the database
lists for the country. Without a country, the site's zone (settings.TIME_ZONE)."""

from __future__ import annotations

import datetime as dt
import functools
import importlib.resources
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class CityZone:
    name: str  # an IANA name, e.g. "Asia/Seoul"
    explanation: str

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.name)


@functools.cache
def country_zones() -> dict[str, tuple[str, ...]]:
    """ISO 3166 code -> its IANA zones, in the database's order."""
    found: dict[str, list[str]] = defaultdict(list)
    table = importlib.resources.files("tzdata").joinpath("zoneinfo", "zone.tab")
    for line in table.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) >= 3:
            found[parts[0].upper()].append(parts[2])
    return {code: tuple(zones) for code, zones in found.items()}


def _plain(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text)
    return "".join(c for c in folded if not unicodedata.combining(c)).lower().replace(" ", "_")


def pick_zone(country: str, city: str, zones: dict[str, tuple[str, ...]]) -> CityZone:
    """The zone of a city from its country's zones (pure: the table is given)."""
    fallback = settings.TIME_ZONE
    listed = zones.get((country or "").upper(), ())
    if not listed:
        return CityZone(
            fallback,
            _("No time zone is known for the country; times are in %(zone)s.") % {"zone": fallback},
        )
    if len(listed) == 1:
        return CityZone(
            listed[0], _("The time zone of the country (%(zone)s).") % {"zone": listed[0]}
        )
    wanted = _plain(city)
    named = next((z for z in listed if wanted and _plain(z.rsplit("/", 1)[-1]) in wanted), None)
    if named:
        return CityZone(
            named,
            _("The country has %(count)s time zones; %(zone)s is the city's.")
            % {"count": len(listed), "zone": named},
        )
    return CityZone(
        listed[0],
        _(
            "The country has %(count)s time zones; %(zone)s, the first the time zone database "
            "lists for it, is used."
        )
        % {"count": len(listed), "zone": listed[0]},
    )


def city_zone(organisation: object) -> CityZone:
    country = str(getattr(organisation, "country", "") or "")
    return pick_zone(country, str(getattr(organisation, "name", "")), country_zones())


@dataclass(frozen=True)
class LocalTime:
    at: dt.datetime
    zone: CityZone

    @property
    def label(self) -> str:
        """The zone as people read it: its name and its offset at that moment."""
        return f"{self.zone.name}, {self.utc_offset}"

    @property
    def utc_offset(self) -> str:
        offset = self.at.strftime("%z")
        return f"UTC{offset[:3]}:{offset[3:]}"

    @property
    def abbreviation(self) -> str:
        """The zone's abbreviation at that moment ("KST", "CET"), or its offset where the
        database has none ("+07" becomes "UTC+07:00")."""
        name = self.at.tzname() or ""
        return name if name.isalpha() else self.utc_offset


def in_city_time(moment: dt.datetime | None, organisation: object) -> LocalTime | None:
    if moment is None:
        return None
    zone = city_zone(organisation)
    return LocalTime(timezone.localtime(moment, zone.zone), zone)
