"""Cities compared and citizens closing the loop: a city sharing its performance with the
network, a citizen's reports, "not fixed" within the city's period and a rating. Split from
`services` along its seam; `services` still names each of these.
Import them through `services`, which loads these modules last."""

from __future__ import annotations

import datetime as dt
import functools
import secrets
import zoneinfo
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from intercity.accounts import permissions
from intercity.core import audit
from intercity.core.errors import DomainError, PermissionDenied
from intercity.participation import (
    rules,
    tenancy,
)
from intercity.participation.models import (
    Jurisdiction,
    Notification,
    PerformanceSharing,
    Rating,
    Report,
)
from intercity.participation.services import _locked, _move, _user

# --- Sharing performance with the network (cities compared) ---------------------------------


def may_set_sharing(actor: Any, jurisdiction: Jurisdiction) -> bool:
    """The city decides whether its figures are compared: its CPS administrator or one of
    its city officers; never another city's staff, nor the Secretariat for it."""
    return tenancy.is_admin_of(actor, jurisdiction) or (
        jurisdiction.organisation_id in permissions.officer_organisation_ids(actor)
    )


def _require_sharing_admin(actor: Any, jurisdiction: Jurisdiction) -> None:
    if not may_set_sharing(actor, jurisdiction):
        raise PermissionDenied(
            _(
                "Only the CPS administrator or a city officer of %(city)s decides whether "
                "its figures are shared."
            )
            % {"city": jurisdiction}
        )


def share_performance(actor: Any, jurisdiction: Jurisdiction, now: dt.datetime) -> bool:
    """The city shows its CPS performance beside the other sharing cities of its networks.
    The unique row is the consent: of two requests at once, one creates it and writes the
    audit event; True when this call did."""
    _require_sharing_admin(actor, jurisdiction)
    try:
        with transaction.atomic():
            _sharing, created = PerformanceSharing.objects.get_or_create(
                jurisdiction=jurisdiction,
                defaults={"shared_since": now, "shared_by": _user(actor)},
            )
            if created:
                audit.record(
                    actor,
                    "share_performance",
                    jurisdiction,
                    before={"shared": False},
                    after={"shared": True, "since": now},
                )
    except IntegrityError:
        return False  # the other request shared it first
    return created


def stop_sharing_performance(actor: Any, jurisdiction: Jurisdiction) -> bool:
    """The city leaves every comparison at once: its consent is deleted (a conditional
    delete, so of two requests one has the effect and the audit event); True when this call
    did."""
    _require_sharing_admin(actor, jurisdiction)
    with transaction.atomic():
        found = list(
            PerformanceSharing.objects.select_for_update().filter(jurisdiction=jurisdiction)
        )
        if not found:
            return False
        PerformanceSharing.objects.filter(pk=found[0].pk).delete()
        audit.record(
            actor,
            "stop_sharing_performance",
            jurisdiction,
            before={"shared": True, "since": found[0].shared_since},
            after={"shared": False},
        )
    return True


def performance_sharing(jurisdiction: Jurisdiction) -> PerformanceSharing | None:
    return (
        PerformanceSharing.objects.filter(jurisdiction=jurisdiction)
        .select_related("shared_by")
        .first()
    )


# --- Citizens close the loop: "not fixed" and a rating -----------------------------------------


def my_reports(actor: Any) -> QuerySet[Report]:
    """Every report a signed-in person filed, in every city, newest first
    (`tenancy.reports_filed_by`), with what the "My reports" page shows."""
    return (
        tenancy.reports_filed_by(actor)
        .select_related("jurisdiction__organisation", "service", "status")
        .order_by("-requested_at", "-pk")
    )


def is_reporter(report: Report, *, actor: Any = None, token: str = "") -> bool:
    """Whether this is the person who filed the report: they hold its secret token (the link
    of their confirmation e-mail) or are signed in with the address they gave with it."""
    if token:
        return secrets.compare_digest(token.encode(), report.token.encode())
    return tenancy.reports_filed_by(actor).filter(pk=report.pk).exists()


def _require_reporter(report: Report, actor: Any, token: str) -> None:
    if not is_reporter(report, actor=actor, token=token):
        raise PermissionDenied(
            _("Only the person who filed report %(id)s may do this.") % {"id": report.public_id}
        )


def reopen_window(report: Report, now: dt.datetime) -> rules.Reopening:
    """Whether the report's reporter may, at `now`, say "not fixed" or rate the response."""
    jurisdiction = report.jurisdiction
    if report.status.open311 != "closed":
        return rules.Reopening(
            False, None, _("Report %(id)s is still open.") % {"id": report.public_id}
        )
    return rules.may_reopen(report.resolved_at, now, jurisdiction.reopen_days, _zone(jurisdiction))


def _zone(jurisdiction: Jurisdiction) -> dt.tzinfo:
    try:
        return zoneinfo.ZoneInfo(jurisdiction.time_zone)
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        return dt.UTC


def reopen_by_citizen(
    report: Report,
    reason: str,
    *,
    actor: Any = None,
    token: str = "",
    now: dt.datetime | None = None,
) -> Report:
    """The reporter says a closed report is not fixed: it goes back to the workflow's initial
    status with their reason, public in its history, so the city's staff see why.

    Allowed from any closed status (resolved, rejected, a duplicate...) to the initial one,
    whatever moves the city's workflow gives its staff: those say how staff work a report,
    while this is the reporter's own say within the period the city chose
    (`Jurisdiction.reopen_days`, `rules.may_reopen`). The state and the period are judged on
    the report's row locked inside the transaction, so two clicks (or two tabs) reopen it
    once; the move takes the same path as a staff member's (`_move`)."""
    _require_reporter(report, actor, token)
    problem = rules.reopen_reason_problem(reason)
    if problem:
        raise DomainError(problem)
    now = now or timezone.now()
    jurisdiction = report.jurisdiction
    initial = jurisdiction.statuses.filter(initial=True).order_by("position").first()
    if initial is None:
        raise DomainError(
            _("%(city)s has no initial status in its workflow.") % {"city": jurisdiction}
        )
    with transaction.atomic():
        locked = _locked(report)
        window = reopen_window(locked, now)
        if not window.allowed:
            raise DomainError(window.reason, status=409)
        step = _move(
            actor,
            locked,
            initial,
            note=reason.strip(),
            public=True,
            now=now,
            verb="reopened",
            audit_verb="reopen_report_by_citizen",
        )
        # Its department is told too, as of an escalation: the report is back on its desk.
        if locked.department is not None and locked.department.email:
            from intercity.participation.tasks import send_reopen_notice

            notice = Notification.objects.create(event=step, email=locked.department.email)
            transaction.on_commit(functools.partial(send_reopen_notice.enqueue, notice.pk))
    return locked


def rate_response(
    report: Report,
    stars: int,
    comment: str = "",
    *,
    actor: Any = None,
    token: str = "",
    now: dt.datetime | None = None,
) -> Rating:
    """The reporter rates the city's response to their closed report, 1 to 5 with an
    optional comment, once, within the city's period. Judged on the locked row; the unique
    constraint keeps a second rating sent at the same moment out."""
    _require_reporter(report, actor, token)
    problem = rules.rating_problem(stars, comment)
    if problem:
        raise DomainError(problem)
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked(report)
        window = reopen_window(locked, now)
        if not window.allowed:
            raise DomainError(window.reason, status=409)
        if Rating.objects.filter(report=locked).exists():
            raise DomainError(_("You have already rated this response."), status=409)
        try:
            with transaction.atomic():
                rating = Rating.objects.create(
                    report=locked, stars=stars, comment=comment.strip(), at=now
                )
        except IntegrityError:
            raise DomainError(_("You have already rated this response."), status=409) from None
        audit.record(actor, "rate_report_response", locked, after={"stars": stars})
    return rating


def rating_of(report: Report) -> Rating | None:
    """The reporter's rating of a report, for its staff page."""
    return Rating.objects.filter(report=report).first()


def rating_summary(jurisdiction: Jurisdiction) -> rules.RatingSummary:
    """A city's citizens' ratings: how many and their average (for its dashboard:
    "citizens' rating: 4.2 of 5 from 37 ratings"); no rater is named."""
    found = tenancy.ratings_of(jurisdiction).aggregate(count=Count("pk"), total=Sum("stars"))
    return rules.RatingSummary(found["count"] or 0, found["total"] or 0)


def set_reopen_days(actor: Any, jurisdiction: Jurisdiction, days: int) -> Jurisdiction:
    """The city's CPS administrator sets how long its reporters may say "not fixed" or rate
    a response after resolution (0: never)."""
    if not tenancy.is_admin_of(actor, jurisdiction):
        raise PermissionDenied(
            _("You are not an administrator of %(city)s's Civic Participation System.")
            % {"city": jurisdiction}
        )
    if not 0 <= days <= rules.MAX_REOPEN_DAYS:
        raise DomainError(
            _("Give a number of days from 0 to %(max)s.") % {"max": rules.MAX_REOPEN_DAYS}
        )
    with transaction.atomic():
        locked = Jurisdiction.objects.select_for_update().get(pk=jurisdiction.pk)
        before = locked.reopen_days
        if before == days:
            return locked
        locked.reopen_days = days
        locked.save(update_fields=["reopen_days"])
        audit.record(
            actor,
            "set_reopen_days",
            locked,
            before={"reopen_days": before},
            after={"reopen_days": days},
        )
    jurisdiction.reopen_days = days
    return locked


def rated_among(report_ids: list[int]) -> set[int]:
    """Which of these reports their reporter has rated (one query, for a page of rows)."""
    return set(Rating.objects.filter(report_id__in=report_ids).values_list("report_id", flat=True))
