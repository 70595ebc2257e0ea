"""Progress of the pilot cities' action lines, and its roll-up per city, per state and for the
network (the arithmetic and its words are in `rules_plans`).

`report_progress` records where a line stood on a day; `correct_report` edits a report, naming
the version it read (a conditional update: of two editors at once, the second is refused).
`rollup(network, year, by, key)` is the published way to read the figures (the annual report
builds on it)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from intercity.core import audit
from intercity.core.errors import DomainError, NotFound
from intercity.network.models import Network
from intercity.plans import rules_plans as rules
from intercity.plans.models import ActionLine, ActionPlan, IndicatorValue, ProgressReport
from intercity.plans.rules_plans import (
    BY_CITY,
    BY_NETWORK,
    BY_STATE,
    GROUPINGS,
    LineInput,
    ReportInput,
    Rollup,
)
from intercity.plans.services import plans as plan_services

REPORT_FIELDS = ["year", "as_of", "status", "percent", "evidence", "evidence_link", "version"]
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
PDF_MAGIC = b"%PDF-"


def _checked_evidence(upload: UploadedFile) -> str:
    """The evidence file's name, once its content says it is a PDF and its size is bounded."""
    name = (upload.name or "evidence.pdf").replace("/", "_").replace("\\", "_")[-200:]
    if upload.size is not None and upload.size > MAX_EVIDENCE_BYTES:
        raise DomainError(
            _("%(name)s is %(size)s; the limit is %(limit)s.")
            % {
                "name": name,
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(MAX_EVIDENCE_BYTES),
            },
            status=413,
        )
    head = upload.read(8)
    upload.seek(0)
    if not head.startswith(PDF_MAGIC):
        raise DomainError(
            _("%(name)s is not a PDF document (its content says otherwise).") % {"name": name},
            status=415,
        )
    return name


def _values(line: ActionLine, values: dict[int, Decimal]) -> dict[int, Decimal]:
    known = {i.pk for i in line.indicators.all()}
    unknown = sorted(set(values) - known)
    if unknown:
        raise DomainError(
            _("Indicator %(ids)s is not one of this line's.")
            % {"ids": ", ".join(str(i) for i in unknown)}
        )
    return values


def report_progress(
    actor: Any,
    line: ActionLine,
    *,
    as_of: dt.date,
    status: str,
    percent: Decimal,
    evidence: str = "",
    evidence_link: str = "",
    evidence_file: UploadedFile | None = None,
    values: dict[int, Decimal] | None = None,
    today: dt.date | None = None,
    demonstration: bool = False,
) -> ProgressReport:
    """Record where a line stood on `as_of` (its year is the year it reports on)."""
    plan = line.project.plan
    plan_services.require_edit(actor, plan.network, plan.organisation_id)
    values = _values(line, values or {})
    file_name = _checked_evidence(evidence_file) if evidence_file is not None else ""
    with transaction.atomic():
        # The line's row is the lock: two reports of one line at once are checked one after
        # the other against the line's last report.
        ActionLine.objects.select_for_update().filter(pk=line.pk).first()
        previous = (
            ProgressReport.objects.filter(line=line, as_of__lt=as_of).order_by("-as_of").first()
        )
        ruling = rules.check_report(
            status=status,
            percent=percent,
            year=as_of.year,
            as_of=as_of,
            first_year=plan.first_year,
            last_year=plan.last_year,
            today=today or timezone.localdate(),
            previous_status=previous.status if previous else None,
        )
        if not ruling.allowed:
            raise DomainError(ruling.reason)
        if ProgressReport.objects.filter(line=line, as_of=as_of).exists():
            raise DomainError(
                _("This line already has a report for %(day)s: correct that one.")
                % {"day": as_of.isoformat()},
                status=409,
            )
        report = ProgressReport(
            line=line,
            year=as_of.year,
            as_of=as_of,
            status=status,
            percent=percent,
            evidence=evidence,
            evidence_link=evidence_link,
            reported_by=actor if getattr(actor, "is_authenticated", False) else None,
            reported_at=timezone.now(),
            demonstration=demonstration,
        )
        if evidence_file is not None:
            report.evidence_file.save(file_name, evidence_file, save=False)
            report.evidence_file_name = file_name
            report.evidence_content_type = "application/pdf"
        full_clean_or_refuse_report(report)
        try:
            with transaction.atomic():
                report.save()
        except IntegrityError as exc:
            raise DomainError(
                _("This line already has a report for %(day)s: correct that one.")
                % {"day": as_of.isoformat()},
                status=409,
            ) from exc
        IndicatorValue.objects.bulk_create(
            IndicatorValue(report=report, indicator_id=pk, value=v) for pk, v in values.items()
        )
        audit.record(
            actor, "plans.report_progress", report, after=audit.snapshot(report, REPORT_FIELDS)
        )
    return report


def full_clean_or_refuse_report(report: ProgressReport) -> None:
    from intercity.core.errors import full_clean_or_refuse

    full_clean_or_refuse(report, fields_only=True)


def get_report(report_id: int) -> ProgressReport:
    found = (
        ProgressReport.objects.select_related("line__project__plan__organisation", "reported_by")
        .filter(pk=report_id)
        .first()
    )
    if found is None:
        raise NotFound(_("No progress report %(id)s.") % {"id": report_id})
    return found


def correct_report(
    actor: Any,
    report: ProgressReport,
    *,
    version: int,
    status: str,
    percent: Decimal,
    evidence: str,
    evidence_link: str = "",
    values: dict[int, Decimal] | None = None,
    today: dt.date | None = None,
) -> ProgressReport:
    """Correct a report's status, percentage, evidence and values. `version` is the one the
    editor read: if someone else's correction landed since, this one is refused (409)."""
    line = report.line
    plan = line.project.plan
    plan_services.require_edit(actor, plan.network, plan.organisation_id)
    values = _values(line, values or {})
    with transaction.atomic():
        previous = (
            ProgressReport.objects.filter(line=line, as_of__lt=report.as_of)
            .order_by("-as_of")
            .first()
        )
        ruling = rules.check_report(
            status=status,
            percent=percent,
            year=report.year,
            as_of=report.as_of,
            first_year=plan.first_year,
            last_year=plan.last_year,
            today=today or timezone.localdate(),
            previous_status=previous.status if previous else None,
        )
        if not ruling.allowed:
            raise DomainError(ruling.reason)
        before = audit.snapshot(report, REPORT_FIELDS)
        moved = ProgressReport.objects.filter(pk=report.pk, version=version).update(
            status=status,
            percent=percent,
            evidence=evidence,
            evidence_link=evidence_link,
            version=F("version") + 1,
            reported_by=actor if getattr(actor, "is_authenticated", False) else None,
            reported_at=timezone.now(),
        )
        if not moved:
            raise DomainError(
                _(
                    "Someone else corrected this report since you opened it: reload it and try "
                    "again."
                ),
                status=409,
            )
        for pk, value in values.items():
            IndicatorValue.objects.update_or_create(
                report=report, indicator_id=pk, defaults={"value": value}
            )
        report.refresh_from_db()
        audit.record(
            actor,
            "plans.correct_report",
            report,
            before=before,
            after=audit.snapshot(report, REPORT_FIELDS),
        )
    return report


# --- Roll-up ---------------------------------------------------------------------------------


def _inputs(network: Network, plans: list[ActionPlan]) -> dict[int, list[LineInput]]:
    by_city: dict[int, list[LineInput]] = {p.organisation_id: [] for p in plans}
    for line in plan_services.lines_of(plans):
        organisation = line.project.plan.organisation
        by_city[organisation.pk].append(
            LineInput(
                line_id=line.pk,
                title=line.title,
                city_id=organisation.pk,
                city=organisation.name,
                state=plan_services.state_of(organisation),
                budget=line.budget,
                currency=line.currency,
                reports=tuple(
                    ReportInput(r.year, r.as_of, r.status, r.percent) for r in line.reports.all()
                ),
            )
        )
    return by_city


def state_name(code: str) -> str:
    return str(dict(countries).get(code, code)) if code else _("State unknown")


def _city_rollups(network: Network, year: int, plans: list[ActionPlan]) -> list[Rollup]:
    inputs = _inputs(network, plans)
    return [
        rules.city_rollup(p.organisation_id, p.organisation.name, year, inputs[p.organisation_id])
        for p in sorted(plans, key=lambda p: p.organisation.name)
    ]


def _check(year: int, by: str) -> None:
    if by not in GROUPINGS:
        raise DomainError(
            _("Roll up by one of: %(known)s.") % {"known": ", ".join(GROUPINGS)}, status=422
        )
    if not 2018 <= year <= 2025:
        raise DomainError(_("The action plans run from 2018 to 2025."), status=422)


def rollup(network: Network, year: int, by: str, key: str | int | None = None) -> Rollup:
    """The progress of `year` rolled up: for a city (key: its organisation id), a state (key:
    its ISO alpha-2 code; its cities as parts) or the network (its states as parts, each with
    its cities). Refuses an unknown grouping, a year outside 2018-2025 (422) and a missing
    key."""
    _check(year, by)
    plans = list(plan_services.plans(network))
    if by == BY_CITY:
        found = [p for p in plans if str(p.organisation_id) == str(key)]
        if not found:
            raise NotFound(_("This city has no action plan in %(network)s.") % {"network": network})
        return _city_rollups(network, year, found)[0]
    cities = _city_rollups(network, year, plans)
    if by == BY_STATE:
        code = str(key or "").upper()
        if not code:
            raise DomainError(_("Name the state by its ISO code, such as TH."), status=422)
        mine = [
            c
            for c, p in zip(cities, sorted(plans, key=lambda p: p.organisation.name), strict=True)
            if plan_services.state_of(p.organisation) == code
        ]
        return rules.group_rollup(BY_STATE, code, state_name(code), year, mine)
    states = by_state(network, year, cities=cities, plans=plans)
    return rules.group_rollup(BY_NETWORK, network.slug, network.short_name, year, cities, states)


def by_state(
    network: Network,
    year: int,
    *,
    cities: list[Rollup] | None = None,
    plans: list[ActionPlan] | None = None,
) -> list[Rollup]:
    """Each state's roll-up for the year, by state name."""
    _check(year, BY_STATE)
    plans = plans if plans is not None else list(plan_services.plans(network))
    ordered = sorted(plans, key=lambda p: p.organisation.name)
    cities = cities if cities is not None else _city_rollups(network, year, plans)
    grouped: dict[str, list[Rollup]] = {}
    for city, plan in zip(cities, ordered, strict=True):
        grouped.setdefault(plan_services.state_of(plan.organisation), []).append(city)
    found = [
        rules.group_rollup(BY_STATE, code, state_name(code), year, members)
        for code, members in grouped.items()
    ]
    return sorted(found, key=lambda r: r.label)


def series(network: Network, by: str, key: str | int | None) -> list[Rollup]:
    """The roll-up of every plan year, 2018 to 2025, for a chart over time."""
    return [rollup(network, year, by, key) for year in range(2018, 2026)]
