"""Generated citizens' reports, for the demo (a few thousand in Seoul, `demo_reports`) and the
scale benchmark (a million in one jurisdiction, `benchmarks/participation_scale.py`).

What makes them look real, and what the dashboards then show:

- services weighted (potholes and litter are common, graffiti rarer), each with its own
  description templates and its own time to resolve around its target time;
- locations inside the jurisdiction's bounds, three in four clustered around a few hotspots
  (a market, a station), the rest spread across the city;
- reports filed over the last N days, fewer at weekends and at night, in time order (as a
  live system stores them, so the table's pages follow `requested_at`);
- statuses that follow from the time elapsed: old reports are mostly resolved (some
  rejected, a few stuck and overdue), recent ones submitted, acknowledged or in progress;
  `updated_at` is the last change and `resolved_at` is set exactly for closed reports, as
  `services.change_status` sets them;
- a few duplicates of a recent report of the same service nearby, closed as such;
- contact details on about half (so exports can be checked for leaving them out), a few
  reports hidden by moderation.

History is kept minimal: each report has its 'submitted' event and, when its status moved
on, one event for its latest status (from the status it would have come from). No
followers, photos or notifications are generated.

It is deterministic: the same jurisdiction, count, seed, offset, days and end give the same
rows. Rows are written in chunks (`batch_size`), each in its own transaction, so memory
stays bounded at any count. On PostgreSQL the rows go in with COPY (ids reserved from the
table's sequence first), elsewhere with `bulk_create`; docs/participation-scale.md has the
measured difference.
"""

from __future__ import annotations

import base64
import bisect
import datetime as dt
import itertools
import math
import random
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple
from zoneinfo import ZoneInfo

from django.db import connection, transaction

from intercity.participation import rules, tallies
from intercity.participation.models import Event, Jurisdiction, Report, Service, Status

PUBLIC_ID_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # as models.new_public_id
HOTSPOTS = 6
HOTSPOT_SHARE = 0.75
DUPLICATE_SHARE = 0.04
STUCK_SHARE = 0.01  # never resolved: the old part of the backlog, all overdue
# The generated descriptions are English: so is the language each demo report was filed in.
DEMO_LANGUAGE = "en"
REJECTED_SHARE = 0.08
HIDDEN_SHARE = 0.005
EMAIL_SHARE = 0.55
PHONE_SHARE = 0.15
ADDRESS_SHARE = 0.25
# Relative number of reports by local hour of the day (0-23) and by weekday (Monday first).
HOUR_WEIGHTS = (1, 1, 1, 1, 1, 2, 4, 7, 10, 11, 11, 10, 9, 10, 10, 10, 9, 9, 8, 7, 6, 4, 3, 2)
WEEKDAY_WEIGHTS = (1.0, 1.0, 1.0, 1.0, 0.95, 0.7, 0.6)
DEFAULT_TARGET_HOURS = 96


@dataclass(frozen=True)
class Profile:
    """How often a service is reported and what people write."""

    weight: float
    templates: tuple[str, ...]
    resolved_note: str = "Fixed. Thank you for reporting it."


PROFILES: dict[str, Profile] = {
    "pothole": Profile(
        24,
        (
            "Deep pothole in the road near {place}; cars swerve around it.",
            "Pothole in the bus lane by {place}, about {size} cm across.",
            "The asphalt is broken near {place} and water collects in the hole.",
            "Several potholes on the street next to {place}, dangerous for scooters.",
        ),
        "The road surface was repaired.",
    ),
    "streetlight": Profile(
        18,
        (
            "The street light outside {place} has been out for {days} nights.",
            "Street lamp flickering near {place}; the crossing is dark.",
            "Two lights are out on the path behind {place}.",
        ),
        "The lamp was replaced.",
    ),
    "graffiti": Profile(
        8,
        (
            "Graffiti sprayed on the wall at {place}.",
            "New tags on the underpass near {place}.",
            "Offensive graffiti on the bus shelter by {place}.",
        ),
        "The graffiti was removed.",
    ),
    "litter": Profile(
        26,
        (
            "Rubbish bags dumped on the pavement near {place}.",
            "Overflowing bins at {place}; litter blowing into the street.",
            "Someone left an old sofa and boxes by {place}.",
            "Construction waste dumped beside {place}.",
        ),
        "The waste was collected.",
    ),
    "park": Profile(
        12,
        (
            "Broken swing in the playground near {place}.",
            "A fallen branch blocks the path in the park by {place}.",
            "The bench near {place} is broken and has sharp edges.",
        ),
        "The park crew repaired it.",
    ),
    "bus-stop": Profile(
        12,
        (
            "The arrival display at the bus stop near {place} is blank.",
            "Broken glass panel at the bus shelter by {place}.",
            "The bus stop sign at {place} is missing.",
        ),
        "Repaired by the transport team.",
    ),
}
GENERIC_TEMPLATES = (
    "{service} near {place}.",
    "Please look at this near {place}: {service_lower}.",
    "{service} by {place}, reported by a passer-by.",
)
PLACES: dict[str, tuple[str, ...]] = {
    "seoul": (
        "Gangnam Station exit 10",
        "Jamsil Station",
        "Hongik University Station",
        "Sinchon rotary",
        "Yeouido Park",
        "Jongno 3-ga Station",
        "Myeongdong market",
        "Seoul Station bus transfer centre",
        "Konkuk University Station",
        "Sadang Station",
        "Wangsimni Station",
        "the Cheonggyecheon stream walk",
        "Dongdaemun Design Plaza",
        "Mangwon market",
        "Seoul Forest",
        "Nowon Station",
        "Teheran-ro",
        "Sejong-daero",
        "Olympic Park",
        "Namdaemun market",
        "the primary school gate",
        "the community service centre",
    ),
}
GENERIC_PLACES = (
    "the main station",
    "the market",
    "the city hall",
    "the central park",
    "the primary school gate",
    "the hospital entrance",
    "the bus terminal",
    "the river walk",
    "the sports centre",
    "the library",
)
FIRST_NAMES = ("Minjun", "Seoyeon", "Jiho", "Haeun", "Doyun", "Jiwoo", "Ana", "Tom", "Mei", "Raj")
LAST_NAMES = ("Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Santos", "Nguyen")
STREETS = ("Teheran-ro", "Sejong-daero", "Jong-ro", "Eulji-ro", "Olympic-ro", "Dosan-daero")


@dataclass(frozen=True)
class Hotspot:
    latitude: float
    longitude: float
    spread: float  # standard deviation, degrees of latitude
    weight: float


@dataclass
class Generated:
    """What a run wrote."""

    reports: int = 0
    events: int = 0
    duplicates: int = 0
    seconds: float = 0.0
    method: str = ""
    tally_seconds: float = 0.0  # rebuilding the dashboard's tallies afterwards (in `seconds`)

    @property
    def rate(self) -> float:
        return self.reports / self.seconds if self.seconds else 0.0


@dataclass(slots=True)
class Row:
    """One generated report and its minimal history, before it has an id."""

    index: int
    service: Service
    status: Status
    previous: Status | None  # the status the latest status event came from
    public_id: str
    token: str
    description: str
    latitude: str
    longitude: str
    address: str
    first_name: str
    last_name: str
    email: str
    phone: str
    hidden: bool
    requested_at: dt.datetime
    updated_at: dt.datetime
    expected_at: dt.datetime | None
    resolved_at: dt.datetime | None
    note: str
    duplicate_of: int | None = None  # index of the original
    id: int | None = None


@dataclass
class _Original:
    """A recent report others may duplicate."""

    index: int
    service_id: int
    latitude: float
    longitude: float
    description: str
    requested_at: dt.datetime
    public_id: str


@dataclass
class _Workflow:
    initial: Status
    acknowledged: Status
    in_progress: Status
    resolved: Status
    rejected: Status
    duplicate: Status

    @classmethod
    def of(cls, jurisdiction: Jurisdiction) -> _Workflow:
        """The default workflow's statuses; a city that renamed them gets the nearest of its
        own (its initial status, another open one, a closed one)."""
        statuses = list(jurisdiction.statuses.all())
        by_code = {s.code: s for s in statuses}
        initial = next((s for s in statuses if s.initial), None)
        closed = [s for s in statuses if s.open311 == "closed"]
        opened = [s for s in statuses if s.open311 == "open" and not s.initial]
        if initial is None or not closed:
            raise ValueError(f"{jurisdiction} needs an initial and a closed status to generate.")
        fallback_open = opened[0] if opened else initial
        return cls(
            initial=initial,
            acknowledged=by_code.get("acknowledged", fallback_open),
            in_progress=by_code.get("in_progress", fallback_open),
            resolved=by_code.get("resolved", closed[0]),
            rejected=by_code.get("rejected", closed[0]),
            duplicate=by_code.get("duplicate", closed[0]),
        )


@dataclass
class _Plan:
    jurisdiction: Jurisdiction
    services: list[Service]
    cumulative_weights: list[float]
    workflow: _Workflow
    hotspots: list[Hotspot]
    hotspot_weights: list[float]
    places: tuple[str, ...]
    bounds: tuple[float, float, float, float]  # min/max latitude, min/max longitude
    zone: ZoneInfo
    recent: deque[_Original] = field(default_factory=lambda: deque(maxlen=400))


def hotspots_of(jurisdiction: Jurisdiction, seed: int) -> list[Hotspot]:
    """A few places where reports cluster, inside the central 80% of the city's box; the
    same for every run with this seed, so a top-up clusters where the first run did."""
    rng = random.Random(f"{seed}:{jurisdiction.slug}:hotspots")  # noqa: S311 - demo data
    lat0, lat1 = float(jurisdiction.min_latitude), float(jurisdiction.max_latitude)
    lon0, lon1 = float(jurisdiction.min_longitude), float(jurisdiction.max_longitude)
    height = lat1 - lat0
    return [
        Hotspot(
            latitude=rng.uniform(lat0 + 0.1 * height, lat1 - 0.1 * height),
            longitude=rng.uniform(lon0 + 0.1 * (lon1 - lon0), lon1 - 0.1 * (lon1 - lon0)),
            spread=height * rng.uniform(0.015, 0.05),
            weight=rng.uniform(1, 4),
        )
        for _ in range(HOTSPOTS)
    ]


def _plan(jurisdiction: Jurisdiction, seed: int) -> _Plan:
    services = list(jurisdiction.services.filter(active=True).order_by("position", "code"))
    if not services:
        raise ValueError(f"{jurisdiction} has no active services to report.")
    weights = [PROFILES[s.code].weight if s.code in PROFILES else 10.0 for s in services]
    hotspots = hotspots_of(jurisdiction, seed)
    margin = 1e-6  # stay strictly inside after rounding to six decimals
    return _Plan(
        jurisdiction=jurisdiction,
        services=services,
        cumulative_weights=list(itertools.accumulate(weights)),
        workflow=_Workflow.of(jurisdiction),
        hotspots=hotspots,
        hotspot_weights=list(itertools.accumulate(h.weight for h in hotspots)),
        places=PLACES.get(jurisdiction.slug, GENERIC_PLACES),
        bounds=(
            float(jurisdiction.min_latitude) + margin,
            float(jurisdiction.max_latitude) - margin,
            float(jurisdiction.min_longitude) + margin,
            float(jurisdiction.max_longitude) - margin,
        ),
        zone=ZoneInfo(jurisdiction.time_zone),
    )


# --- Time ------------------------------------------------------------------------------------


def _per_day(count: int, days: list[dt.date]) -> list[int]:
    """Split `count` over the days by weekday and season (largest remainder: exact total)."""
    weights = [
        WEEKDAY_WEIGHTS[d.weekday()]
        * (1 + 0.15 * math.sin(2 * math.pi * d.timetuple().tm_yday / 365))
        for d in days
    ]
    total = sum(weights)
    shares = [count * w / total for w in weights]
    counts = [int(s) for s in shares]
    missing = count - sum(counts)
    by_remainder = sorted(range(len(days)), key=lambda day: (counts[day] - shares[day], day))
    for i in by_remainder[:missing]:
        counts[i] += 1
    return counts


HOUR_CUMULATIVE = list(itertools.accumulate(HOUR_WEIGHTS))


def _times(
    rng: random.Random, day: dt.date, n: int, zone: ZoneInfo, end: dt.datetime
) -> list[dt.datetime]:
    """n moments of a local day, by the hour profile, sorted, none after `end`."""
    midnight = dt.datetime.combine(day, dt.time(), tzinfo=zone)
    limit = (end - midnight).total_seconds()
    found = []
    for _ in range(n):
        for _attempt in range(8):
            hour = bisect.bisect_right(HOUR_CUMULATIVE, rng.random() * HOUR_CUMULATIVE[-1])
            second = hour * 3600 + rng.randrange(3600)
            if second < limit:
                break
        else:
            second = rng.randrange(max(1, int(limit)))
        found.append(second)
    found.sort()
    # Whole seconds keep the values equal on every database (SQLite keeps microseconds too,
    # but a round number reads better in the exports).
    return [(midnight + dt.timedelta(seconds=s)).astimezone(dt.UTC) for s in found]


def _hours(rng: random.Random, median: float, sigma: float = 0.9) -> dt.timedelta:
    """A log-normal delay around a median, at least ten minutes."""
    hours = max(1 / 6, median * math.exp(rng.gauss(0, sigma)))
    return dt.timedelta(seconds=round(hours * 3600))


# --- One report ------------------------------------------------------------------------------


def _public_id(rng: random.Random) -> str:
    bits = rng.getrandbits(50)
    return "".join(PUBLIC_ID_ALPHABET[(bits >> (5 * i)) & 31] for i in range(10))


def _token(rng: random.Random) -> str:
    return base64.urlsafe_b64encode(rng.getrandbits(128).to_bytes(16, "big")).rstrip(b"=").decode()


def _where(rng: random.Random, plan: _Plan) -> tuple[float, float]:
    lat0, lat1, lon0, lon1 = plan.bounds
    for _ in range(10):
        if rng.random() < HOTSPOT_SHARE:
            spot = plan.hotspots[
                bisect.bisect_right(plan.hotspot_weights, rng.random() * plan.hotspot_weights[-1])
            ]
            # A degree of longitude is shorter than one of latitude away from the equator.
            squeeze = max(0.2, math.cos(math.radians(spot.latitude)))
            lat = rng.gauss(spot.latitude, spot.spread)
            lon = rng.gauss(spot.longitude, spot.spread / squeeze)
        else:
            lat, lon = rng.uniform(lat0, lat1), rng.uniform(lon0, lon1)
        if lat0 <= lat <= lat1 and lon0 <= lon <= lon1:
            return lat, lon
    return min(max(lat, lat0), lat1), min(max(lon, lon0), lon1)


def _describe(rng: random.Random, plan: _Plan, service: Service) -> str:
    profile = PROFILES.get(service.code)
    template = rng.choice(profile.templates if profile else GENERIC_TEMPLATES)
    return template.format(
        place=rng.choice(plan.places),
        size=rng.randrange(20, 90, 10),
        days=rng.randint(2, 9),
        service=service.name,
        service_lower=service.name.lower(),
    )


def _row(
    rng: random.Random, plan: _Plan, index: int, requested: dt.datetime, end: dt.datetime
) -> Row:
    workflow = plan.workflow
    service = plan.services[
        bisect.bisect_right(plan.cumulative_weights, rng.random() * plan.cumulative_weights[-1])
    ]
    original: _Original | None = None
    if rng.random() < DUPLICATE_SHARE:
        original = next(
            (
                o
                for o in reversed(plan.recent)
                if o.service_id == service.pk and requested - o.requested_at < dt.timedelta(days=3)
            ),
            None,
        )
    if original is not None:
        # Someone else reports the same thing a few dozen metres away, in their own words.
        lat = min(max(original.latitude + rng.gauss(0, 0.0002), plan.bounds[0]), plan.bounds[1])
        lon = min(max(original.longitude + rng.gauss(0, 0.0002), plan.bounds[2]), plan.bounds[3])
        description = f"Still there: {original.description}"
    else:
        lat, lon = _where(rng, plan)
        description = _describe(rng, plan, service)
    target = service.target_hours
    expected = rules.expected_at(requested, target)
    median = 0.5 * (target or DEFAULT_TARGET_HOURS)
    elapsed = end - requested
    status, previous, note = workflow.initial, None, ""
    updated, resolved = requested, None
    duplicate_of = None
    if original is not None:
        merged = requested + _hours(rng, 6, 0.8)
        if merged <= end:
            status, previous, updated, resolved = (
                workflow.duplicate,
                workflow.initial,
                merged,
                merged,
            )
            note = f"Same concern as report {original.public_id}."
            duplicate_of = original.index
    else:
        acknowledged = _hours(rng, 4, 0.8)
        stuck = rng.random() < STUCK_SHARE
        rejected = rng.random() < REJECTED_SHARE
        closing = _hours(rng, median * (0.5 if rejected else 1.0))
        closing = max(closing, acknowledged + dt.timedelta(minutes=5))
        if not stuck and closing <= elapsed:
            resolved = updated = requested + closing
            if rejected:
                status, previous = workflow.rejected, workflow.acknowledged
                note = "This is on private land; we passed it to the owner."
            else:
                status = workflow.resolved
                previous = workflow.in_progress if rng.random() < 0.7 else workflow.acknowledged
                note = PROFILES[service.code].resolved_note if service.code in PROFILES else ""
        elif acknowledged <= elapsed:
            started = acknowledged + (closing - acknowledged) * 0.3
            if started <= elapsed:
                status, previous = workflow.in_progress, workflow.acknowledged
                updated = requested + started
            else:
                status, previous = workflow.acknowledged, workflow.initial
                updated = requested + acknowledged
    named = rng.random() < EMAIL_SHARE
    first = rng.choice(FIRST_NAMES) if named else ""
    last = rng.choice(LAST_NAMES) if named else ""
    row = Row(
        index=index,
        service=service,
        status=status,
        previous=previous,
        public_id=_public_id(rng),
        token=_token(rng),
        description=description,
        latitude=f"{lat:.6f}",
        longitude=f"{lon:.6f}",
        address=(
            f"{rng.randint(1, 400)} {rng.choice(STREETS)}" if rng.random() < ADDRESS_SHARE else ""
        ),
        first_name=first,
        last_name=last,
        email=f"{first}.{last}{index % 97}@example.org".lower() if named else "",
        phone=f"+82 10-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
        if rng.random() < PHONE_SHARE
        else "",
        hidden=rng.random() < HIDDEN_SHARE,
        requested_at=requested,
        updated_at=updated,
        expected_at=expected,
        resolved_at=resolved,
        note=note,
        duplicate_of=duplicate_of,
    )
    if original is None:
        plan.recent.append(
            _Original(index, service.pk, lat, lon, description, requested, row.public_id)
        )
    return row


def rows(
    jurisdiction: Jurisdiction,
    count: int,
    *,
    seed: int = 2026,
    offset: int = 0,
    days: int = 365,
    end: dt.datetime,
) -> Iterator[Row]:
    """The generated reports in time order, without writing anything."""
    return _rows(_plan(jurisdiction, seed), count, seed=seed, offset=offset, days=days, end=end)


def _rows(
    plan: _Plan, count: int, *, seed: int, offset: int, days: int, end: dt.datetime
) -> Iterator[Row]:
    if count < 0 or days < 1:
        raise ValueError("count must be at least 0 and days at least 1.")
    slug = plan.jurisdiction.slug
    rng = random.Random(f"{seed}:{slug}:{offset}")  # noqa: S311 - demo data
    last_day = end.astimezone(plan.zone).date()
    day_list = [last_day - dt.timedelta(days=n) for n in range(days - 1, -1, -1)]
    index = offset
    for day, n in zip(day_list, _per_day(count, day_list), strict=True):
        for requested in _times(rng, day, n, plan.zone, end):
            yield _row(rng, plan, index, requested, end)
            index += 1


# --- Writing ---------------------------------------------------------------------------------


class EventValues(NamedTuple):
    report_id: int
    verb: str
    source_id: int | None
    target_id: int
    note: str
    public: bool
    at: dt.datetime


def _event_tuples(row: Row, initial_id: int) -> list[EventValues]:
    """A row's history: its 'submitted' event and the event of its latest status."""
    assert row.id is not None
    found = [EventValues(row.id, "submitted", None, initial_id, "", True, row.requested_at)]
    if row.previous is not None:
        found.append(
            EventValues(
                row.id, "status", row.previous.pk, row.status.pk, row.note, True, row.updated_at
            )
        )
    return found


def _report_values(row: Row, jurisdiction_id: int) -> dict[str, object]:
    return {
        "jurisdiction_id": jurisdiction_id,
        "service_id": row.service.pk,
        "public_id": row.public_id,
        "token": row.token,
        "status_id": row.status.pk,
        "description": row.description,
        "latitude": row.latitude,
        "longitude": row.longitude,
        "address": row.address,
        "first_name": row.first_name,
        "last_name": row.last_name,
        "email": row.email,
        "phone": row.phone,
        "department_id": row.service.department_id,
        "hidden": row.hidden,
        "requested_at": row.requested_at,
        "updated_at": row.updated_at,
        "expected_at": row.expected_at,
        "resolved_at": row.resolved_at,
        "language": DEMO_LANGUAGE,
    }


class _Writer:
    method = ""

    def __init__(self, jurisdiction: Jurisdiction, initial_id: int) -> None:
        self.jurisdiction_id = jurisdiction.pk
        self.initial_id = initial_id
        self.ids: dict[int, int] = {}  # generated index -> id, for duplicates to point at

    def write(self, chunk: list[Row]) -> int:
        raise NotImplementedError

    def forget_before(self, index: int) -> None:
        for key in [k for k in self.ids if k < index]:
            del self.ids[key]


class _OrmWriter(_Writer):
    """bulk_create: any database Django supports."""

    method = "bulk_create"

    def write(self, chunk: list[Row]) -> int:
        reports = []
        for row in chunk:
            values = _report_values(row, self.jurisdiction_id)
            values["latitude"] = Decimal(row.latitude)
            values["longitude"] = Decimal(row.longitude)
            if row.duplicate_of is not None and row.duplicate_of in self.ids:
                values["duplicate_of_id"] = self.ids[row.duplicate_of]
            reports.append(Report(**values))
        Report.objects.bulk_create(reports)
        if any(r.pk is None for r in reports):  # a database that does not return ids
            found = dict(
                Report.objects.filter(public_id__in=[r.public_id for r in reports]).values_list(
                    "public_id", "pk"
                )
            )
            for report in reports:
                report.pk = found[report.public_id]
        for row, report in zip(chunk, reports, strict=True):
            row.id = report.pk
            self.ids[row.index] = report.pk
        # Duplicates of a report of the same chunk: its id is known only now.
        late = [
            (report, self.ids[row.duplicate_of])
            for row, report in zip(chunk, reports, strict=True)
            if row.duplicate_of is not None and report.duplicate_of_id is None
        ]
        for report, original in late:
            report.duplicate_of_id = original
        if late:
            Report.objects.bulk_update([r for r, _ in late], ["duplicate_of"])
        events = [
            Event(**values._asdict())
            for row in chunk
            for values in _event_tuples(row, self.initial_id)
        ]
        Event.objects.bulk_create(events)
        return len(events)


class _CopyWriter(_Writer):
    """PostgreSQL COPY, with the reports' ids taken from their sequence beforehand so the
    events and duplicates can point at them in the same pass."""

    method = "COPY"
    REPORT_COLUMNS = (
        "id",
        "jurisdiction_id",
        "service_id",
        "public_id",
        "token",
        "status_id",
        "description",
        "latitude",
        "longitude",
        "address",
        "address_id",
        "zipcode",
        "first_name",
        "last_name",
        "email",
        "phone",
        "device_id",
        "account_id",
        "attributes",
        "department_id",
        "assigned_to_id",
        "duplicate_of_id",
        "client_id",
        "hidden",
        "requested_at",
        "updated_at",
        "expected_at",
        "resolved_at",
        "language",
        "escalated_at",
    )
    EVENT_COLUMNS = ("report_id", "verb", "source_id", "target_id", "note", "public", "at")

    def __init__(self, jurisdiction: Jurisdiction, initial_id: int) -> None:
        super().__init__(jurisdiction, initial_id)
        columns = {f.column for f in Report._meta.concrete_fields}
        if columns != set(self.REPORT_COLUMNS):
            # A new column would get no value from COPY: use bulk_create until it is listed.
            raise _NoCopy(f"report columns changed: {sorted(columns ^ set(self.REPORT_COLUMNS))}")

    def write(self, chunk: list[Row]) -> int:
        raw = connection.connection
        assert raw is not None
        report_table = Report._meta.db_table
        with raw.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                (report_table, len(chunk)),
            )
            reserved = [r[0] for r in cursor.fetchall()]
            for row, pk in zip(chunk, reserved, strict=True):
                row.id = pk
                self.ids[row.index] = pk
            with cursor.copy(
                f"COPY {report_table} ({', '.join(self.REPORT_COLUMNS)}) FROM STDIN"
            ) as copy:
                for row in chunk:
                    copy.write_row(
                        (
                            row.id,
                            self.jurisdiction_id,
                            row.service.pk,
                            row.public_id,
                            row.token,
                            row.status.pk,
                            row.description,
                            row.latitude,
                            row.longitude,
                            row.address,
                            "",
                            "",
                            row.first_name,
                            row.last_name,
                            row.email,
                            row.phone,
                            "",
                            "",
                            "{}",
                            row.service.department_id,
                            None,
                            self.ids.get(row.duplicate_of)
                            if row.duplicate_of is not None
                            else None,
                            None,
                            row.hidden,
                            row.requested_at,
                            row.updated_at,
                            row.expected_at,
                            row.resolved_at,
                            DEMO_LANGUAGE,
                            None,  # escalated_at: the scheduler escalates overdue ones later
                        )
                    )
            written = 0
            with cursor.copy(
                f"COPY {Event._meta.db_table} ({', '.join(self.EVENT_COLUMNS)}) FROM STDIN"
            ) as copy:
                for row in chunk:
                    for event in _event_tuples(row, self.initial_id):
                        copy.write_row(event)
                        written += 1
        return written


class _NoCopy(Exception):
    pass


def generate(
    jurisdiction: Jurisdiction,
    count: int,
    *,
    seed: int = 2026,
    offset: int = 0,
    days: int = 365,
    end: dt.datetime,
    batch_size: int = 10_000,
    method: str = "auto",
    progress: Callable[[Generated], None] | None = None,
) -> Generated:
    """Write `count` generated reports of a jurisdiction filed over the `days` days up to
    `end`. `offset` is where this run continues a longer history (a top-up passes the number
    already there), so two runs never make the same reports. `method` is "copy" (PostgreSQL),
    "bulk_create" or "auto" (COPY on PostgreSQL)."""
    started = time.perf_counter()
    plan = _plan(jurisdiction, seed)
    workflow = plan.workflow
    writer: _Writer
    use_copy = method == "copy" or (method == "auto" and connection.vendor == "postgresql")
    if use_copy and connection.vendor != "postgresql":
        raise ValueError("COPY needs PostgreSQL.")
    try:
        writer = (
            _CopyWriter(jurisdiction, workflow.initial.pk)
            if use_copy
            else _OrmWriter(jurisdiction, workflow.initial.pk)
        )
    except _NoCopy:
        if method == "copy":
            raise
        writer = _OrmWriter(jurisdiction, workflow.initial.pk)
    done = Generated(method=writer.method)
    chunk: list[Row] = []

    def flush() -> None:
        with transaction.atomic():
            done.events += writer.write(chunk)
        done.reports += len(chunk)
        done.duplicates += sum(1 for r in chunk if r.duplicate_of is not None)
        # Only the originals still in the plan's recent window can be duplicated later.
        writer.forget_before(min((o.index for o in plan.recent), default=chunk[-1].index + 1))
        chunk.clear()
        done.seconds = time.perf_counter() - started
        if progress is not None:
            progress(done)

    for row in _rows(plan, count, seed=seed, offset=offset, days=days, end=end):
        chunk.append(row)
        if len(chunk) >= batch_size:
            flush()
    if chunk:
        flush()
    # The rows went in around the services, so the dashboard's tallies are counted again
    # from the reports, set-based (participation.tallies).
    counted = time.perf_counter()
    tallies.rebuild(jurisdiction)
    done.tally_seconds = time.perf_counter() - counted
    done.seconds = time.perf_counter() - started
    return done
