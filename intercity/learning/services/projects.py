"""Consultation and feasibility projects: what the network runs for member cities with a
business partner and a funder (seed 001's consultations 2011-2013 and the World Bank/KTF joint
project; seed 003's feasibility studies). Anyone reads them; the Secretariat changes a project's
status and records deliverables, each in one transaction with its audit event.

A project's cities are shown with the gaps of their latest self-assessment and their projects
in the catalog, read through `assessment.services` and `knowledge.services` when those modules
are installed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from intercity.accounts import permissions
from intercity.core import audit
from intercity.core.errors import DomainError, NotFound
from intercity.learning.models_projects import ConsultationProject, Deliverable


def projects() -> QuerySet[ConsultationProject]:
    return ConsultationProject.objects.prefetch_related("cities", "deliverables")


def get_project(slug: str) -> ConsultationProject:
    found = projects().filter(slug=slug[:100]).first()
    if found is None:
        raise NotFound(_("No consultation project has this address."))
    return found


@dataclass(frozen=True)
class CityContext:
    name: str
    gaps: list[str]  # "module: reason" of the city's latest self-assessment
    gaps_year: int | None
    catalog: list[str]  # titles of the city's published projects in the catalog


def city_context(project: ConsultationProject) -> list[CityContext]:
    found = []
    for city in project.cities.all():
        gaps: list[str] = []
        year = None
        if apps.is_installed("intercity.assessment"):
            from intercity.assessment import services as assessment_services

            module_gaps = assessment_services.module_gaps(city.pk)
            if module_gaps is not None:
                year = module_gaps.year
                gaps = [
                    f"{slug}: {module_gaps.reasons.get(slug, '')}".rstrip(": ")
                    for slug in module_gaps.modules
                ]
        catalog: list[str] = []
        if apps.is_installed("intercity.knowledge"):
            from intercity.knowledge.services import catalog as knowledge_catalog

            catalog = list(
                knowledge_catalog.published()
                .filter(organisation_id=city.pk)
                .order_by("title")
                .values_list("title", flat=True)[:10]
            )
        found.append(CityContext(city.name, gaps, year, catalog))
    return found


def set_status(actor: Any, project: ConsultationProject, status: str) -> ConsultationProject:
    permissions.require_secretariat(
        actor, refusal=_("Only Secretariat staff may change a project's status.")
    )
    if status not in ConsultationProject.Status.values:
        raise DomainError(_("Choose planned, ongoing or completed."))
    with transaction.atomic():
        locked = ConsultationProject.objects.select_for_update().get(pk=project.pk)
        before = locked.status
        locked.status = status
        locked.save(update_fields=["status"])
        audit.record(
            actor,
            "learning.project_status",
            locked,
            before={"status": before},
            after={"status": status},
        )
    return locked


def add_deliverable(
    actor: Any, project: ConsultationProject, *, title: str, report: str, delivered: bool
) -> Deliverable:
    permissions.require_secretariat(
        actor, refusal=_("Only Secretariat staff may record a deliverable.")
    )
    if not title.strip():
        raise DomainError(_("Give the deliverable a title."))
    with transaction.atomic():
        deliverable = Deliverable.objects.create(
            project=project,
            title=title.strip()[:300],
            report=report.strip(),
            delivered=delivered,
            position=project.deliverables.count(),
        )
        audit.record(
            actor,
            "learning.add_deliverable",
            deliverable,
            after={"title": deliverable.title, "delivered": delivered},
        )
    return deliverable


def get_deliverable(project: ConsultationProject, pk: int) -> Deliverable:
    found = Deliverable.objects.filter(project=project, pk=pk).first()
    if found is None:
        raise NotFound(_("This project has no deliverable with this number."))
    return found


DELIVERABLE_FIELDS = ["title", "report", "delivered"]


def edit_deliverable(
    actor: Any, deliverable: Deliverable, *, title: str, report: str, delivered: bool
) -> Deliverable:
    """The Secretariat corrects a deliverable's title or report, or marks it (not) delivered."""
    permissions.require_secretariat(
        actor, refusal=_("Only Secretariat staff may change a deliverable.")
    )
    if not title.strip():
        raise DomainError(_("Give the deliverable a title."))
    with transaction.atomic():
        locked = Deliverable.objects.select_for_update().get(pk=deliverable.pk)
        if locked.withdrawn_at is not None:
            raise DomainError(_("A withdrawn deliverable is no longer changed."))
        before = audit.snapshot(locked, DELIVERABLE_FIELDS)
        locked.title = title.strip()[:300]
        locked.report = report.strip()
        locked.delivered = delivered
        after = audit.snapshot(locked, DELIVERABLE_FIELDS)
        if after != before:
            locked.save(update_fields=DELIVERABLE_FIELDS)
            audit.record(actor, "learning.edit_deliverable", locked, before=before, after=after)
    return locked


def withdraw_deliverable(actor: Any, deliverable: Deliverable, *, reason: str) -> Deliverable:
    """The Secretariat withdraws a deliverable recorded by mistake or dropped, with its reason;
    the project's page still lists it as withdrawn, with the reason."""
    permissions.require_secretariat(
        actor, refusal=_("Only Secretariat staff may withdraw a deliverable.")
    )
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Give the reason of the withdrawal."))
    with transaction.atomic():
        updated = Deliverable.objects.filter(pk=deliverable.pk, withdrawn_at__isnull=True).update(
            withdrawn_at=timezone.now(), withdrawn_reason=reason[:300]
        )
        if not updated:
            raise DomainError(_("This deliverable is already withdrawn."))
        deliverable.refresh_from_db()
        audit.record(
            actor,
            "learning.withdraw_deliverable",
            deliverable,
            before={"withdrawn_at": None},
            after=audit.snapshot(deliverable, ["withdrawn_at", "withdrawn_reason"]),
            reason=deliverable.withdrawn_reason,
        )
    return deliverable
