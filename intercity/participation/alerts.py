"""Named actions of the CPS's alerts: a citizen subscribes by e-mail to the new reports within
a radius of a point or in one cell of the area grid, confirms by the link mailed to them
(double opt-in), and unsubscribes in one click; a new report, once committed, is matched
against the confirmed alerts by the task worker. Also the one-click "stop following" of a
report's follower (the per-follow link of every update mail).

Matching is set-based: the database keeps the alerts whose stored box holds the report's point
(`Alert.min_latitude` in one band below it, an index range, then the other three edges), and
only those candidates are measured exactly (`rules.alert_matches`). Each match is one
`AlertMail` row (unique per alert and report) sent once by the worker.
See docs/decisions/0033-alerts-and-feeds.md."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from intercity.core import audit
from intercity.core.errors import DomainError, NotFound
from intercity.participation import dashboards, rules, tenancy
from intercity.participation.models import Alert, AlertMail, Follower, Jurisdiction, Report, Service

# How many alerts one report may mail at most: a bound on one worker task, far above what a
# city's street has (the matching query reads candidates in the index's order).
MAX_ALERTS_PER_REPORT = 10_000
UNFOLLOW_SALT = "intercity.participation.unfollow"
# An address with this many alerts awaiting confirmation in a city gets no further
# confirmation mail there: anyone can type anyone's address, and the form must not become a
# way to flood it (the per-client rate limit bounds one client, this bounds one address).
MAX_UNCONFIRMED = 3
# An alert nobody confirmed within this many days is deleted by the nightly purge
# (`purge_unconfirmed`); until then it counts towards MAX_UNCONFIRMED, after it no longer does,
# so an address someone else typed is never locked out for good.
UNCONFIRMED_DAYS = 7


def city_bounds(jurisdiction: Jurisdiction) -> rules.Bounds:
    return rules.Bounds(
        jurisdiction.min_latitude,
        jurisdiction.max_latitude,
        jurisdiction.min_longitude,
        jurisdiction.max_longitude,
    )


def area_labels() -> list[str]:
    return rules.grid_labels(dashboards.GRID, dashboards.ROW_NAMES)


def area_bounds(jurisdiction: Jurisdiction, label: str) -> rules.Bounds:
    """The bounds of one cell of the city's area grid, as the dashboard shows it today."""
    cell = rules.grid_cell(city_bounds(jurisdiction), label, dashboards.GRID, dashboards.ROW_NAMES)
    if cell is None:
        raise DomainError(
            _("No area %(label)s: the areas are %(first)s to %(last)s.")
            % {"label": label[:8], "first": area_labels()[0], "last": area_labels()[-1]}
        )
    return cell


@dataclass(frozen=True)
class Place:
    """Where an alert looks: a circle (`near`) or a grid cell (`area`)."""

    near: rules.Near | None = None
    area: str = ""

    @property
    def kind(self) -> str:
        return rules.AREA if self.area else rules.RADIUS


# --- Subscribing ---------------------------------------------------------------------------------


def subscribe(
    jurisdiction: Jurisdiction,
    *,
    email: str,
    place: Place,
    service: Service | None = None,
    language: str = "",
) -> tuple[Alert, bool]:
    """Subscribe an address to the new reports of a place; a confirmation link is mailed
    (after commit) and nothing else is sent until it is followed. (alert, False) when the
    address already has an alert for that place: nothing changes and nothing is mailed."""
    address = email.strip().lower()
    try:
        validate_email(address)
    except ValidationError:
        raise DomainError(_("Enter a valid e-mail address.")) from None
    if service is not None and service.jurisdiction_id != jurisdiction.pk:
        raise NotFound(_("No such kind of problem in %(city)s.") % {"city": jurisdiction})
    alert = Alert(
        jurisdiction=jurisdiction,
        email=address,
        kind=place.kind,
        service=service,
        language=language,
    )
    if place.area:
        box = area_bounds(jurisdiction, place.area)
        alert.area_label = place.area.strip().upper()
    elif place.near is not None:
        near = place.near
        problem = rules.location_problem(
            city_bounds(jurisdiction), near.latitude, near.longitude, ""
        )
        if problem:
            raise DomainError(problem)
        if not rules.NEAR_MIN_RADIUS_M <= near.radius_m <= rules.NEAR_MAX_RADIUS_M:
            raise DomainError(
                _("radius is between %(min)s and %(max)s metres.")
                % {"min": rules.NEAR_MIN_RADIUS_M, "max": f"{rules.NEAR_MAX_RADIUS_M:,}"}
            )
        box = rules.circle_box(near)
        alert.latitude, alert.longitude, alert.radius_m = (
            near.latitude,
            near.longitude,
            near.radius_m,
        )
    else:
        raise DomainError(_("Choose a point and a distance, or an area."))
    existing = _same_place(alert).first()
    if existing is not None:
        return existing, False
    waiting = Alert.objects.filter(
        jurisdiction=jurisdiction,
        email=address,
        confirmed_at__isnull=True,
        created_at__gte=timezone.now() - dt.timedelta(days=UNCONFIRMED_DAYS),
    ).count()
    if waiting >= MAX_UNCONFIRMED:
        raise DomainError(
            _(
                "%(email)s has %(count)s alerts waiting for confirmation: follow the links "
                "already sent before asking for another."
            )
            % {"email": address, "count": waiting},
            status=429,
        )
    alert.min_latitude, alert.max_latitude = box.min_latitude, box.max_latitude
    alert.min_longitude, alert.max_longitude = box.min_longitude, box.max_longitude
    try:
        with transaction.atomic():
            alert.save()
            audit.record(None, "alert_subscribe", alert, after=_described(alert))
            transaction.on_commit(functools.partial(_queue_confirmation, alert.pk))
    except IntegrityError:
        # The same address and place already (maybe a second click at the same moment).
        existing = _same_place(alert).first()
        if existing is None:
            raise
        return existing, False
    return alert, True


def _described(alert: Alert) -> dict[str, Any]:
    """What the audit trail keeps of an alert: its place, not its address."""
    return {
        "kind": alert.kind,
        "area": alert.area_label,
        "latitude": str(alert.latitude) if alert.latitude is not None else None,
        "longitude": str(alert.longitude) if alert.longitude is not None else None,
        "radius_m": alert.radius_m,
        "service": alert.service_id,
    }


def _same_place(alert: Alert) -> QuerySet[Alert]:
    found = Alert.objects.filter(
        jurisdiction=alert.jurisdiction, email=alert.email, kind=alert.kind
    )
    if alert.kind == rules.AREA:
        return found.filter(area_label=alert.area_label)
    return found.filter(latitude=alert.latitude, longitude=alert.longitude, radius_m=alert.radius_m)


def _queue_confirmation(alert_id: int) -> None:
    from intercity.participation.tasks import send_alert_confirmation

    send_alert_confirmation.enqueue(alert_id)


def purge_unconfirmed(now: dt.datetime) -> int:
    """Delete the alerts nobody confirmed within UNCONFIRMED_DAYS of subscribing; returns how
    many. Idempotent: a second run in the same slot finds nothing more."""
    stale = Alert.objects.filter(
        confirmed_at__isnull=True, created_at__lt=now - dt.timedelta(days=UNCONFIRMED_DAYS)
    )
    deleted = stale.count()
    if deleted:
        with transaction.atomic():
            stale.delete()
    return deleted


def alert_by_token(jurisdiction: Jurisdiction, token: str) -> Alert:
    """The alert a mailed link names, in this city only (another city's link is not found)."""
    found = Alert.objects.filter(jurisdiction=jurisdiction, token=token[:64]).first()
    if found is None:
        raise NotFound(_("This alert does not exist: it was unsubscribed, or the link is wrong."))
    return found


def confirm(jurisdiction: Jurisdiction, token: str) -> tuple[Alert, bool]:
    """The address confirms the alert (the link of the confirmation mail); (alert, False)
    when it was already confirmed. A conditional update: two clicks confirm once."""
    alert = alert_by_token(jurisdiction, token)
    with transaction.atomic():
        now = timezone.now()
        done = Alert.objects.filter(pk=alert.pk, confirmed_at__isnull=True).update(confirmed_at=now)
        if done:
            alert.confirmed_at = now
            audit.record(None, "alert_confirm", alert, after={"confirmed": True})
    if not done:
        alert.refresh_from_db()
    return alert, bool(done)


def unsubscribe(jurisdiction: Jurisdiction, token: str) -> bool:
    """The alert is deleted (one click, from any of its mails); False when it already was."""
    with transaction.atomic():
        alert = (
            Alert.objects.select_for_update().filter(jurisdiction=jurisdiction, token=token[:64])
        ).first()
        if alert is None:
            return False
        audit.record(None, "alert_unsubscribe", alert, before=_described(alert))
        alert.delete()
    return True


# --- A new report ------------------------------------------------------------------------------


def report_filed(report: Report) -> None:
    """Hook of `services.submit_report`: once the report is committed (a rolled-back report
    queues nothing), the worker matches it against the city's confirmed alerts. A report
    without a point, or hidden, is in no alert's place; nothing is queued for a city whose
    alerts cannot hold the point (one indexed query, after the commit)."""
    if report.latitude is None or report.longitude is None or report.hidden:
        return
    transaction.on_commit(functools.partial(_queue_matching, report.pk))


def _queue_matching(report_id: int) -> None:
    from intercity.participation.tasks import match_alerts

    report = Report.objects.select_related("jurisdiction").get(pk=report_id)
    if candidates(report).exists():
        match_alerts.enqueue(report_id)


def candidates(report: Report) -> QuerySet[Alert]:
    """The confirmed alerts of the report's city whose box holds its point: the database
    reads one band of the `alert_place` index (`rules.alert_band`) and checks the other
    edges on those rows. Never the report's own reporter."""
    latitude, longitude = report.latitude, report.longitude
    if latitude is None or longitude is None:
        return Alert.objects.none()
    band = rules.alert_band(city_bounds(report.jurisdiction), dashboards.GRID)
    found = Alert.objects.filter(
        jurisdiction_id=report.jurisdiction_id,
        min_latitude__gte=latitude - band,
        min_latitude__lte=latitude,
        max_latitude__gte=latitude,
        min_longitude__lte=longitude,
        max_longitude__gte=longitude,
        confirmed_at__isnull=False,
    )
    if report.email:
        found = found.exclude(email=report.email.strip().lower())
    return found


def matching(report: Report) -> list[Alert]:
    """The confirmed alerts the report is for: in the box (the database), then in the place
    exactly (`rules.alert_matches`), and of its service when the alert names one."""
    if report.hidden:
        return []
    found = []
    for alert in candidates(report).order_by("min_latitude", "id")[:MAX_ALERTS_PER_REPORT]:
        if alert.service_id is not None and alert.service_id != report.service_id:
            continue
        centre = (
            rules.Near(alert.latitude, alert.longitude, alert.radius_m)
            if alert.latitude is not None
            and alert.longitude is not None
            and alert.radius_m is not None
            else None
        )
        box = rules.Bounds(
            alert.min_latitude, alert.max_latitude, alert.min_longitude, alert.max_longitude
        )
        if rules.alert_matches(alert.kind, box, centre, report.latitude, report.longitude):
            found.append(alert)
    return found


def queue_mails(report: Report) -> list[int]:
    """One `AlertMail` per matching alert (the constraint: a second run adds none); the ids
    of those not yet sent, for the worker to send."""
    alerts = matching(report)
    AlertMail.objects.bulk_create(
        [AlertMail(alert=alert, report=report) for alert in alerts], ignore_conflicts=True
    )
    return list(
        AlertMail.objects.filter(
            report=report, alert__in=[a.pk for a in alerts], sent_at__isnull=True
        ).values_list("pk", flat=True)
    )


# --- One-click "stop following" of a report ------------------------------------------------------


def unfollow_token(report: Report, email: str) -> str:
    return signing.Signer(salt=UNFOLLOW_SALT).sign_object(
        {"r": report.pk, "e": email.strip().lower()}
    )


def read_unfollow_token(jurisdiction: Jurisdiction, token: str) -> tuple[Report, str]:
    """(report, address) of a link this site signed for a report of this city."""
    try:
        value = signing.Signer(salt=UNFOLLOW_SALT).unsign_object(token)
        report_id, email = int(value["r"]), str(value["e"])
    except (signing.BadSignature, TypeError, KeyError, ValueError):
        raise DomainError(_("This link is not valid: it may have been cut short.")) from None
    return tenancy.report_of(jurisdiction, pk=report_id), email


def unfollow(report: Report, email: str) -> bool:
    """The address stops following the report; False when it did not follow it."""
    with transaction.atomic():
        found = Follower.objects.select_for_update().filter(report=report, email__iexact=email)
        removed = len(list(found))
        if removed:
            # The report, not the follower, is the object: the trail keeps no address.
            audit.record(None, "unfollow_report", report, after={"followers_removed": removed})
            found.delete()
    return bool(removed)


def point_of(latitude: Decimal | None, longitude: Decimal | None) -> str:
    return "" if latitude is None or longitude is None else f"{latitude}, {longitude}"
