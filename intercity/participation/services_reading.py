"""Reading the Civic Participation System: overdue reports and their escalation, the staff
queue, what the public sees of a report, API keys, and what a person's start page shows.
Split from `services` along its seam; `services` still names each of these.
Import them through `services`, which loads these modules last."""

from __future__ import annotations

import copy
import datetime as dt
import functools
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Case, Count, Exists, OuterRef, QuerySet, When
from django.utils import translation
from django.utils.translation import gettext as _

from intercity.accounts import permissions
from intercity.core import audit
from intercity.core.errors import DomainError, NotFound
from intercity.participation import (
    catalogue,
    languages,
    rules,
    tenancy,
)
from intercity.participation.models import (
    APIClient,
    Department,
    Event,
    Jurisdiction,
    Notification,
    Report,
    Status,
)
from intercity.participation.services import _user, require_staff

# --- Reading -------------------------------------------------------------------------------------


def is_overdue(report: Report, now: dt.datetime) -> bool:
    return rules.is_overdue(report.expected_at, report.status.open311 == "closed", now)


def overdue(reports: QuerySet[Report], now: dt.datetime) -> QuerySet[Report]:
    """`is_overdue` as a query: past the target time and still open."""
    return reports.filter(expected_at__lt=now, status__open311="open")


def escalate_overdue(actor: Any, now: dt.datetime) -> dict[str, int]:
    """Escalate every report still open past its expected time to its department, once: the
    report is flagged (`escalated_at`), its staff history gains a private "escalated" step and
    the audit trail an event. The scheduled job (participation's manifest) calls this; run
    twice, the second run finds every overdue report already escalated."""
    from intercity.participation.tasks import send_escalation

    permissions.require_secretariat(
        actor, refusal=_("Only Secretariat staff may escalate overdue reports.")
    )
    escalated = without_department = 0
    waiting = overdue(Report.objects.filter(escalated_at__isnull=True), now)
    for report in waiting.select_related("department").order_by("pk"):
        with transaction.atomic():
            # A conditional UPDATE claims the report: two runs at once escalate it once.
            if not Report.objects.filter(pk=report.pk, escalated_at__isnull=True).update(
                escalated_at=now
            ):
                continue
            step = Event.objects.create(
                report=report,
                verb="escalated",
                note=str(report.department or ""),
                public=False,
                actor=_user(actor),
                at=now,
            )
            if report.department is not None and report.department.email:
                # The department is told by e-mail (sent by the worker, claimed once).
                notice = Notification.objects.create(event=step, email=report.department.email)
                transaction.on_commit(functools.partial(send_escalation.enqueue, notice.pk))
            audit.record(
                actor,
                "escalate_overdue_report",
                report,
                after={
                    "expected_at": report.expected_at,
                    "department": report.department_id,
                    "escalated_at": now,
                },
            )
        escalated += 1
        without_department += report.department_id is None
    return {"escalated": escalated, "without_department": without_department}


@dataclass(frozen=True)
class QueueFilter:
    """What the staff queue asks for; an empty field asks for any. The service and status
    are codes (as in Open311), the department its id, `assigned_to` a user's id ("mine").

    By default the queue is the open work: reports whose status Open311 calls open (not
    resolved, rejected, closed as a duplicate...), since that is what staff come to do;
    `open_only=False` asks for every report. A status asked by its code is shown whatever
    `open_only` says: asking for "resolved" means the resolved reports."""

    service: str = ""
    status: str = ""
    department: int | None = None
    zipcode: str = ""
    overdue: bool = False
    assigned_to: int | None = None
    open_only: bool = True

    @property
    def only_open_work(self) -> bool:
        """Whether the open-work default narrows this filter (no status was named)."""
        return self.open_only and not self.status


def queue_reports(
    jurisdiction: Jurisdiction,
    wanted: QueueFilter,
    now: dt.datetime,
    *,
    first_departments: list[int] | None = None,
) -> QuerySet[Report]:
    """The jurisdiction's reports the staff queue shows, filtered, newest first; the reports
    of `first_departments` (a department staff member's own, `tenancy.departments_first`)
    come before the others, each part newest first.

    A code or department the city does not have is refused with what it has, rather than
    answered with an empty queue that looks like "nothing to do". Each filter is on one
    indexed column of the reports: a code is looked up first, and only when it is asked."""
    rows: QuerySet[Report] = (
        tenancy.reports_of(jurisdiction)
        .select_related("service", "status", "department", "assigned_to")
        # Whether its reporter said "not fixed" (the queue's badge): a lookup on the events'
        # report index for each row of the page, not another query.
        .annotate(reopened=Exists(Event.objects.filter(report=OuterRef("pk"), verb="reopened")))
    )
    if wanted.service:
        service = jurisdiction.services.filter(code=wanted.service).first()
        if service is None:
            known = ", ".join(jurisdiction.services.values_list("code", flat=True))
            raise DomainError(
                _("No service '%(code)s' in %(city)s; known: %(known)s.")
                % {"code": wanted.service, "city": jurisdiction, "known": known}
            )
        rows = rows.filter(service=service)
    if wanted.status:
        status = jurisdiction.statuses.filter(code=wanted.status).first()
        if status is None:
            known = ", ".join(jurisdiction.statuses.values_list("code", flat=True))
            raise DomainError(
                _("No status '%(code)s' in %(city)s; known: %(known)s.")
                % {"code": wanted.status, "city": jurisdiction, "known": known}
            )
        rows = rows.filter(status=status)
    elif wanted.open_only:
        # The open statuses' ids, so the filter is the indexed status column as above.
        open_ids = list(jurisdiction.statuses.filter(open311="open").values_list("pk", flat=True))
        rows = rows.filter(status__in=open_ids)
    if wanted.department is not None:
        department = jurisdiction.departments.filter(pk=wanted.department).first()
        if department is None:
            raise DomainError(
                _("No department %(id)s in %(city)s.")
                % {"id": wanted.department, "city": jurisdiction}
            )
        rows = rows.filter(department=department)
    if wanted.zipcode.strip():
        rows = rows.filter(zipcode__startswith=wanted.zipcode.strip())
    if wanted.overdue:
        rows = overdue(rows, now)
    if wanted.assigned_to is not None:
        rows = rows.filter(assigned_to_id=wanted.assigned_to)
    if first_departments:
        mine = Case(When(department_id__in=first_departments, then=0), default=1)
        rows = rows.order_by(mine, "-requested_at", "-id")
    return rows


def _merged_note(duplicate: Report, into: Report) -> str:
    """The public note of a merge: the citizen reads it on the page and in the e-mail, so it is
    written in the language the report was filed in."""
    with translation.override(languages.report_language(duplicate)):
        return _("Same concern as report %(id)s.") % {"id": into.public_id}


def for_public(report: Report) -> Report:
    """The report as anyone may see it (a page, a list, Open311, an e-mail): a moderated
    report keeps its id, service, status and dates, and shows no text, place or photo
    (`rules.public_values`). A copy, never saved: the stored report is unchanged."""
    if not report.hidden:
        return report
    shown = copy.copy(report)
    values = rules.public_values(True, {name: getattr(report, name) for name in WITHHELD})
    for name, value in values.items():
        setattr(shown, name, value)
    shown.save = _never_saved  # type: ignore[method-assign]
    return shown


WITHHELD: tuple[str, ...] = tuple(rules.WITHHELD_WHEN_HIDDEN)


def _never_saved(*args: Any, **kwargs: Any) -> None:
    raise RuntimeError("The public view of a moderated report is not saved.")


def public_history(report: Report) -> QuerySet[Event]:
    return report.events.filter(public=True).select_related("target")


def get_report(jurisdiction: Jurisdiction, public_id: str) -> Report:
    return tenancy.report_of(jurisdiction, public_id=public_id)


def report_by_token(jurisdiction: Jurisdiction, token: str) -> Report:
    try:
        return tenancy.reports_of(jurisdiction).get(token=token)
    except Report.DoesNotExist:
        raise NotFound(_("No request with token '%(token)s'.") % {"token": token[:40]}) from None


def api_clients(jurisdiction: Jurisdiction) -> QuerySet[APIClient]:
    return APIClient.objects.filter(jurisdiction=jurisdiction).order_by("-created_at")


def revoke_api_key(actor: Any, client: APIClient) -> APIClient:
    """Stop a key working: a conditional update, so revoking twice records one event."""
    if client.jurisdiction is None:
        raise DomainError(_("This key belongs to no city."))
    require_staff(actor, client.jurisdiction)
    with transaction.atomic():
        if not APIClient.objects.filter(pk=client.pk, active=True).update(active=False):
            raise DomainError(_("The key of %(name)s was already revoked.") % {"name": client.name})
        client.active = False
        audit.record(actor, "revoke_api_key", client, after={"active": False})
        # An update sends no post_save: the cached keys are forgotten here, and again once
        # the revocation is committed.
        catalogue.forget()
        transaction.on_commit(catalogue.forget)
    return client


# --- What a person's start page shows -------------------------------------------------------


@dataclass(frozen=True)
class QueueSummary:
    jurisdiction: Jurisdiction
    open_by_status: list[tuple[Status, int]]  # the workflow's open statuses, in its order
    overdue: int

    @property
    def open(self) -> int:
        return sum(count for _status, count in self.open_by_status)


def queue_summary(actor: Any, jurisdiction: Jurisdiction, now: dt.datetime) -> QueueSummary:
    """A city's open reports counted by status, and how many are overdue, for its staff."""
    require_staff(actor, jurisdiction)
    open_reports = tenancy.reports_of(jurisdiction).filter(status__open311="open")
    counts = dict(
        open_reports.order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return QueueSummary(
        jurisdiction,
        [
            (status, counts[status.pk])
            for status in jurisdiction.statuses.filter(open311="open")
            if counts.get(status.pk)
        ],
        overdue(open_reports, now).count(),
    )


@dataclass(frozen=True)
class DepartmentWork:
    department: Department
    open: int
    overdue: int


def department_work(
    actor: Any, jurisdiction: Jurisdiction, now: dt.datetime
) -> list[DepartmentWork]:
    """Each department of a city with its open and overdue reports, for the city's staff."""
    require_staff(actor, jurisdiction)
    open_reports = tenancy.reports_of(jurisdiction).filter(status__open311="open")
    opened = dict(
        open_reports.order_by()
        .values_list("department")
        .annotate(n=Count("pk"))
        .values_list("department", "n")
    )
    late = dict(
        overdue(open_reports, now)
        .order_by()
        .values_list("department")
        .annotate(n=Count("pk"))
        .values_list("department", "n")
    )
    return [
        DepartmentWork(department, opened.get(department.pk, 0), late.get(department.pk, 0))
        for department in jurisdiction.departments.all()
    ]


def assigned_open(actor: Any, jurisdiction: Jurisdiction) -> int:
    """How many of a city's open reports are assigned to this staff member."""
    require_staff(actor, jurisdiction)
    return (
        tenancy.reports_of(jurisdiction)
        .filter(status__open311="open", assigned_to_id=_user(actor).pk)
        .count()
    )


def own_reports(actor: Any, limit: int = 20) -> list[Report]:
    """The newest reports a signed-in person filed (`tenancy.reports_filed_by`), with what
    their tracking pages show."""
    return list(
        tenancy.reports_filed_by(actor)
        .select_related("jurisdiction__organisation", "service", "status")
        .order_by("-requested_at", "-pk")[:limit]
    )


# --- API clients (Open311 api_key) -----------------------------------------------------------


def _hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def issue_api_key(actor: Any, jurisdiction: Jurisdiction, name: str) -> tuple[APIClient, str]:
    """A key for one client application; the key itself is shown once and not stored."""
    require_staff(actor, jurisdiction)
    if not name.strip():
        raise DomainError(_("Name the application the key is for."))
    key = secrets.token_urlsafe(24)
    with transaction.atomic():
        client = APIClient.objects.create(
            name=name.strip(),
            key_hash=_hash_key(key),
            key_prefix=key[:6],
            jurisdiction=jurisdiction,
            created_by=_user(actor),
        )
        audit.record(actor, "issue_api_key", client, after={"name": name})
    return client, key


def client_for_key(jurisdiction: Jurisdiction, key: str) -> APIClient | None:
    """The active client of this key (cached for seconds: `catalogue`; a revoked key is
    refused where the report is written even before the cache knows)."""
    if not key:
        return None
    return catalogue.client(jurisdiction, _hash_key(key))
