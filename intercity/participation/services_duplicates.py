"""Duplicates of the Civic Participation System: the open reports near a citizen who is
starting one ("this is my problem too"), the staff's suggestions and merges. Split from
`services` along its seam; `services` still names each of these.
Import them through `services`, which loads these modules last."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from intercity.core import audit
from intercity.core.errors import DomainError
from intercity.participation import (
    rules,
    tenancy,
)
from intercity.participation.models import (
    Event,
    Follower,
    Jurisdiction,
    Report,
    Supporter,
)
from intercity.participation.services import (
    _locked,
    _user,
    change_status,
    check_text,
    reports_near,
    require_staff,
)
from intercity.participation.services_reading import _merged_note

# --- Duplicates before submitting ----------------------------------------------------------------


def open_reports_nearby(
    jurisdiction: Jurisdiction, service_code: str, latitude: Decimal, longitude: Decimal
) -> list[tuple[Report, float]]:
    """What a citizen about to file a report may be reporting again: the open reports of the
    same service within `rules.NEARBY_DUPLICATE_M` of the point, newest first (never a
    hidden one, never a merged duplicate), each with its distance in metres."""
    near = rules.Near(latitude, longitude, rules.NEARBY_DUPLICATE_M)
    rows: QuerySet[Report] = (
        tenancy.reports_of(jurisdiction)
        .filter(service__code=service_code, status__open311="open", duplicate_of__isnull=True)
        .select_related("service", "status")
    )
    found = reports_near(rows, near)
    found.sort(key=lambda pair: (pair[0].requested_at, pair[0].pk), reverse=True)
    return found[: rules.NEARBY_DUPLICATE_LIMIT]


def support(report: Report, *, email: str = "", session_key: str = "") -> tuple[Supporter, bool]:
    """ "This is my problem too": the citizen supports an open report instead of filing a new
    one, and, with an e-mail address, follows it. One supporter per address and per session:
    the report is locked while it is judged, and the unique constraints keep a second
    request at the same moment from counting twice. True when this one counted."""
    email = email.strip()
    if not email and not session_key:
        raise DomainError(_("Give an e-mail address, or allow the site's session cookie."))
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise DomainError(_("Enter a valid e-mail address, or none.")) from None
    with transaction.atomic():
        locked = _locked(report)
        if locked.hidden or locked.status.open311 != "open":
            raise DomainError(
                _("Report %(id)s is closed; report the problem again if it is still there.")
                % {"id": locked.public_id}
            )
        same = Q(email__iexact=email) if email else Q(pk__in=[])
        if session_key:
            same |= Q(session_key=session_key)
        supporter = Supporter.objects.filter(same, report=locked).first()
        created = supporter is None
        if supporter is None:
            try:
                with transaction.atomic():
                    supporter = Supporter.objects.create(
                        report=locked, email=email, session_key=session_key
                    )
            except IntegrityError:  # the same person a moment earlier: counted once
                supporter = Supporter.objects.filter(same, report=locked).first()
                created = False
        if supporter is not None and email and not supporter.email:
            supporter.email = email
            supporter.save(update_fields=["email"])
        if email:
            Follower.objects.get_or_create(report=locked, email=email)
        if created:
            audit.record(None, "support", locked, after={"supporters": supporters_of(locked)})
    assert supporter is not None
    return supporter, created


def supporters_of(report: Report) -> int:
    return Supporter.objects.filter(report=report).count()


# --- Duplicates ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DuplicateSuggestion:
    report: Report
    score: float
    reason: str


def suggest_duplicates(
    report: Report, policy: rules.DuplicatePolicy | None = None, limit: int = 5
) -> list[DuplicateSuggestion]:
    """Likely duplicates of a report: same city and service, nearby, recent, alike."""
    policy = policy or rules.DuplicatePolicy()
    candidates = (
        tenancy.reports_of(report.jurisdiction)
        .filter(
            service_id=report.service_id,
            requested_at__gte=report.requested_at - policy.within,
            requested_at__lte=report.requested_at + policy.within,
            duplicate_of__isnull=True,
        )
        .exclude(pk=report.pk)
        .select_related("status")
    )
    if report.latitude is not None and report.longitude is not None:
        dlat, dlon = rules.degrees_around(report.latitude, policy.radius_m)
        candidates = candidates.filter(
            latitude__range=(report.latitude - dlat, report.latitude + dlat),
            longitude__range=(report.longitude - dlon, report.longitude + dlon),
        )
    found = []
    for other in candidates[:200]:
        distance = None
        points = (report.latitude, report.longitude, other.latitude, other.longitude)
        if all(p is not None for p in points):
            lat1, lon1, lat2, lon2 = (Decimal(p) for p in points)  # type: ignore[arg-type]
            distance = rules.distance_m(lat1, lon1, lat2, lon2)
        candidate = rules.Candidate(
            other.pk,
            distance,
            rules.text_similarity(report.description, other.description),
            abs(report.requested_at - other.requested_at),
        )
        if rules.is_duplicate_candidate(candidate, policy):
            found.append(DuplicateSuggestion(other, candidate.score, candidate.reason()))
    return sorted(found, key=lambda suggestion: -suggestion.score)[:limit]


def merge(actor: Any, duplicate: Report, into: Report, note: str = "") -> Report:
    """Close a report as a duplicate of another; its followers now follow the original.

    Both rows are locked (in id order) and judged as they are inside the transaction, so two
    staff merging A into B and B into A at once make one merge, never a cycle."""
    jurisdiction = duplicate.jurisdiction
    require_staff(actor, jurisdiction)
    if into.jurisdiction_id != jurisdiction.pk:
        raise DomainError(_("Reports of two different cities cannot be merged."))
    if into.pk == duplicate.pk:
        raise DomainError(_("A report cannot be a duplicate of itself."))
    check_text(note, _("The note"))
    with transaction.atomic():
        rows = {
            r.pk: r
            for r in Report.objects.select_for_update()
            .filter(pk__in=[duplicate.pk, into.pk])
            .order_by("pk")
        }
        if rows[into.pk].duplicate_of_id is not None:
            raise DomainError(
                _("%(id)s is itself a duplicate; merge into its original.") % {"id": into.public_id}
            )
        if rows[duplicate.pk].duplicate_of_id is not None:
            raise DomainError(
                _("%(id)s is already merged into another report.") % {"id": duplicate.public_id}
            )
        duplicate = change_status(
            actor,
            duplicate,
            "duplicate",
            note=note or _merged_note(duplicate, into),
        )
        duplicate.duplicate_of = into
        duplicate.save(update_fields=["duplicate_of"])
        for email in duplicate.followers.values_list("email", flat=True):
            Follower.objects.get_or_create(report=into, email=email)
        Event.objects.create(
            report=into,
            verb="merged",
            note=f"Report {duplicate.public_id} merged into this one.",
            public=True,
            actor=_user(actor),
            at=timezone.now(),
        )
    return duplicate
