"""The ASCN's annual report: compiled from the cities' progress and the year's meeting
outcomes, written by the Chair, then frozen (seed 004, "Reporting Mechanism").

Who acts (`rules_report.may_edit`): the ASEAN Secretariat creates a year's report and names
the year's Chair (a login); the Secretariat and that Chair edit its sections, recompile its
figures and freeze it. Everyone reads a frozen report (frozen is published: the report goes
to the Joint Consultative Meeting and the ASEAN sectorals); a draft is not found for anyone
but the Secretariat and the year's Chair.

The figures are a snapshot: compiling takes the progress roll-up (`services.progress.rollup`,
for the network, each state and each city) and the year's meeting outcomes, and keeps them in
the report as JSON with the moment they were taken. The page and the PDF show only that
snapshot, so progress reported later changes a frozen report in nothing.

Each action checks who acts, runs in one transaction on the locked report row and writes its
audit event. Freezing is a conditional update on the draft state, so of a freeze and an edit
at once one wins: an edit that comes second is refused because the report is frozen, a
freeze that comes second freezes what the edit saved."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from intercity.accounts import permissions
from intercity.core import audit
from intercity.core.errors import DomainError, NotFound, PermissionDenied
from intercity.network.models import Network
from intercity.plans import rules_report as rules
from intercity.plans.models_report import AnnualReport, ReportSection
from intercity.plans.services import representation

DRAFT, FROZEN = AnnualReport.State.DRAFT, AnnualReport.State.FROZEN


# --- Who ------------------------------------------------------------------------------------


def is_chair(actor: Any, report: AnnualReport) -> bool:
    return bool(
        getattr(actor, "is_authenticated", False)
        and report.chair_id is not None
        and report.chair_id == actor.pk
    )


def may_edit(actor: Any, report: AnnualReport) -> bool:
    return rules.may_edit(
        is_secretariat=permissions.is_secretariat(actor), is_chair=is_chair(actor, report)
    )


def _require_editor(actor: Any, report: AnnualReport) -> None:
    if not may_edit(actor, report):
        raise PermissionDenied(
            _("Only the ASEAN Secretariat and the year's Chair of the ASCN may edit this report.")
        )


def _require_secretariat(actor: Any) -> None:
    permissions.require_secretariat(
        actor, refusal=_("Only the ASEAN Secretariat may start an annual report or name its Chair.")
    )


# --- Reading --------------------------------------------------------------------------------


def reports_visible_to(actor: Any, network: Network) -> QuerySet[AnnualReport]:
    """The network's reports the actor may read, newest year first: frozen ones for everyone;
    drafts for the Secretariat, and for the Chair their own year's."""
    found = AnnualReport.objects.filter(network=network).select_related("network", "chair")
    if permissions.is_secretariat(actor):
        return found.order_by("-year")
    if getattr(actor, "is_authenticated", False):
        from django.db.models import Q

        return found.filter(Q(state=FROZEN) | Q(chair_id=actor.pk)).order_by("-year")
    return found.filter(state=FROZEN).order_by("-year")


def published(network: Network) -> QuerySet[AnnualReport]:
    return AnnualReport.objects.filter(network=network, state=FROZEN).order_by("-year")


def get_report(actor: Any, network: Network, year: int) -> AnnualReport:
    report = reports_visible_to(actor, network).filter(year=year).first()
    if report is None:
        raise NotFound(
            _("%(network)s has no annual report for %(year)s.")
            % {"network": network.short_name, "year": year}
        )
    return report


def sections(report: AnnualReport) -> list[ReportSection]:
    return list(report.sections.order_by("position", "pk"))


# --- Compiling the figures ------------------------------------------------------------------


def progress_figures(network: Network, year: int) -> dict[str, Any]:
    """The progress roll-up of the plans part (`services.progress.rollup`) for the network,
    with its states and their cities, as the report keeps it: rows of
    `rules_report.figure_row` per network, state and city, each with the roll-up's own
    explanation in words and its weighting."""
    from intercity.plans import rules_plans
    from intercity.plans.services import progress

    def row(found: Any, **extra: Any) -> dict[str, Any]:
        return rules.figure_row(
            found.label,
            completion=found.percent,
            lines=len(found.lines),
            reported=found.count(rules_plans.REPORTED),
            statuses=found.statuses,
            extra={
                "key": str(found.key),
                "carried_forward": found.count(rules_plans.CARRIED_FORWARD),
                "weighting": found.weighting,
                "explanation": found.explanation,
                **extra,
            },
        )

    network_rollup = progress.rollup(network, year, rules_plans.BY_NETWORK)
    states = list(network_rollup.parts)
    cities = sorted(
        ((city, state) for state in states for city in state.parts), key=lambda pair: pair[0].label
    )
    return {
        "network": [row(network_rollup)],
        "state": [row(state) for state in states],
        "city": [row(city, state=state.label) for city, state in cities],
    }


def meeting_outcomes(network: Network, year: int) -> list[dict[str, Any]]:
    """The year's meetings: those on the network's timeline that took place (a milestone of
    kind meeting marked as happened, with the outcome the Secretariat recorded), and those the
    governance module keeps (when it is installed), each with what it decided; by date."""
    from intercity.core import modules
    from intercity.plans.services import timeline

    found: list[dict[str, Any]] = [
        {
            "date": held.on.isoformat(),
            "title": held.title,
            "venue": "",
            "outcomes": [{"title": held.title, "outcome": held.outcome}] if held.outcome else [],
        }
        for held in timeline.meeting_outcomes(network, year)
        if held.status == "happened"
    ]
    if not modules.is_installed("governance"):
        return found
    from intercity.governance import services as governance

    for meeting in governance.meetings(network).filter(date__year=year).order_by("date", "pk"):
        decided = meeting.decisions.filter(status="decided").order_by("date", "pk")
        found.append(
            {
                "date": meeting.date.isoformat(),
                "title": meeting.title,
                "venue": meeting.venue,
                "outcomes": [
                    {"title": d.title, "outcome": d.get_outcome_display()} for d in decided
                ],
            }
        )
    return sorted(found, key=lambda meeting: meeting["date"])


def compile_figures(network: Network, year: int) -> dict[str, Any]:
    """The snapshot a report keeps: the roll-ups, the meetings, and when they were taken."""
    now = timezone.now()
    return {
        "schema": rules.SCHEMA,
        "network": network.slug,
        "year": year,
        "taken_at": now.isoformat(),
        "rollup": progress_figures(network, year),
        "meetings": meeting_outcomes(network, year),
    }


# --- Acting ---------------------------------------------------------------------------------


def _clean(text: str, limit: int, *, required: bool = False) -> str:
    try:
        return rules.clean_text(text, limit, required=required)
    except ValueError as exc:
        raise DomainError(str(exc)) from exc


def default_title(network: Network, year: int) -> str:
    return _("%(network)s annual report %(year)s") % {"network": network.short_name, "year": year}


def create_report(
    actor: Any,
    network: Network,
    year: int,
    *,
    chair: Any = None,
    title: str = "",
    demo: bool = False,
) -> AnnualReport:
    """A draft report of `network` for `year`, its sections empty and its figures compiled
    now. One report a year: a second is refused (409). Without a `chair`, the year's Chair is
    the National Representative of the state holding the ASEAN chairmanship that year, when
    both are on record (`representation.chair_representative`); the Secretariat may name
    another."""
    _require_secretariat(actor)
    if chair is None:
        chair = representation.chair_representative(network, year)
    refusal = rules.year_refusal(year)
    if refusal:
        raise DomainError(refusal)
    title = _clean(title, rules.TITLE_LIMIT) or default_title(network, year)
    figures = compile_figures(network, year)
    try:
        with transaction.atomic():
            report = AnnualReport.objects.create(
                network=network,
                year=year,
                title=title,
                chair=chair,
                figures=figures,
                compiled_at=timezone.now(),
                demo=demo,
            )
            ReportSection.objects.bulk_create(
                ReportSection(report=report, key=key, position=index, heading=heading)
                for index, (key, heading) in enumerate(rules.SECTIONS)
            )
            audit.record(
                actor,
                "create_annual_report",
                report,
                after={"network": network.slug, "year": year, "chair": chair},
            )
    except IntegrityError as exc:
        raise DomainError(
            _("%(network)s already has an annual report for %(year)s.")
            % {"network": network.short_name, "year": year},
            status=409,
        ) from exc
    return report


def _lock_draft(report: AnnualReport) -> AnnualReport:
    """The report's row, locked; refused in words when it is frozen."""
    locked = AnnualReport.objects.select_for_update().filter(pk=report.pk).first()
    if locked is None:
        raise NotFound(_("This annual report no longer exists."))
    refusal = rules.edit_refusal(locked.state)
    if refusal:
        raise DomainError(refusal, status=409)
    return locked


def name_chair(actor: Any, report: AnnualReport, chair: Any) -> AnnualReport:
    """The Secretariat names (or clears, with None) the login that acts as the year's Chair."""
    _require_secretariat(actor)
    if chair is not None and not get_user_model().objects.filter(pk=chair.pk).exists():
        raise DomainError(_("No such login."))
    with transaction.atomic():
        locked = _lock_draft(report)
        before = {"chair": locked.chair_id}
        locked.chair = chair
        locked.save(update_fields=["chair", "updated_at"])
        audit.record(
            actor, "name_annual_report_chair", locked, before=before, after={"chair": chair}
        )
    return locked


def edit_report(
    actor: Any, report: AnnualReport, *, title: str, bodies: Mapping[str, str]
) -> AnnualReport:
    """Write the report's title and its sections' texts (by section key). A frozen report is
    refused whole; nothing is half-saved."""
    _require_editor(actor, report)
    title = _clean(title, rules.TITLE_LIMIT, required=True)
    cleaned = {key: _clean(text, rules.BODY_LIMIT) for key, text in bodies.items()}
    with transaction.atomic():
        locked = _lock_draft(report)
        known = {s.key: s for s in locked.sections.all()}
        unknown = sorted(set(cleaned) - set(known))
        if unknown:
            raise DomainError(
                _("This report has no section %(keys)s.") % {"keys": ", ".join(unknown)}
            )
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        if locked.title != title:
            before["title"], after["title"] = locked.title, title
            locked.title = title
        for key, text in cleaned.items():
            section = known[key]
            if section.body != text:
                before[key], after[key] = section.body, text
                section.body = text
                section.save(update_fields=["body"])
        locked.save(update_fields=["title", "updated_at"])
        if after:
            audit.record(actor, "edit_annual_report", locked, before=before, after=after)
    return locked


def recompile(actor: Any, report: AnnualReport) -> AnnualReport:
    """Take the draft's figures again from the progress as it stands now."""
    _require_editor(actor, report)
    with transaction.atomic():
        locked = _lock_draft(report)
        before = {"taken_at": (locked.figures or {}).get("taken_at")}
        locked.figures = compile_figures(locked.network, locked.year)
        locked.compiled_at = timezone.now()
        locked.save(update_fields=["figures", "compiled_at", "updated_at"])
        audit.record(
            actor,
            "recompile_annual_report",
            locked,
            before=before,
            after={"taken_at": locked.figures["taken_at"]},
        )
    return locked


def freeze(actor: Any, report: AnnualReport) -> AnnualReport:
    """Freeze the report as it stands, with the figures it was built from: from now on it
    never changes, and it is public. Once: a conditional update on the draft state."""
    _require_editor(actor, report)
    with transaction.atomic():
        locked = AnnualReport.objects.select_for_update().filter(pk=report.pk).first()
        if locked is None:
            raise NotFound(_("This annual report no longer exists."))
        refusal = rules.freeze_refusal(locked.state, has_figures=bool(locked.figures))
        if refusal:
            raise DomainError(refusal, status=409)
        now = timezone.now()
        user = permissions.user_or_none(actor)
        moved = AnnualReport.objects.filter(pk=locked.pk, state=DRAFT).update(
            state=FROZEN, frozen_at=now, frozen_by=user, updated_at=now
        )
        if not moved:  # pragma: no cover - the row lock makes this the only writer
            raise DomainError(_("This annual report is already frozen."), status=409)
        locked.state, locked.frozen_at, locked.frozen_by = FROZEN, now, user
        audit.record(
            actor,
            "freeze_annual_report",
            locked,
            before={"state": DRAFT},
            after={"state": FROZEN, "frozen_at": now, "taken_at": locked.figures.get("taken_at")},
        )
    return locked
