"""The pilot cities' action plans (seed 004, Core Elements 7a): who may read, edit and review
them, and the named actions that write them.

Who does what (decided here, the one place):
- reading a plan, its lines and their progress: Secretariat staff (the ASEAN Secretariat),
  National Representatives of the network, and the signed-in officers of the network's member
  organisations (a pilot city's officers, its Chief Smart City Officer);
- editing a city's plan and reporting its progress: that city's Chief Smart City Officer and
  officers (the city_officer role grant), and the Secretariat; an officer of another city
  cannot;
- reviewing (a comment, marked reviewed): the National Representative of the city's state, and
  the Secretariat.

Each action checks permission, runs in one transaction, and writes one audit event. A plan's
edit names the version it read; a conditional update refuses it when someone else's landed
first.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from intercity.accounts import permissions
from intercity.core import audit
from intercity.core.errors import DomainError, NotFound, PermissionDenied, full_clean_or_refuse
from intercity.network import services as network_services
from intercity.network.models import Network, Organisation
from intercity.plans import rules_plans as rules
from intercity.plans.models import (
    ActionLine,
    ActionPlan,
    FocusArea,
    Indicator,
    Milestone,
    Partner,
    PlanProject,
    PlanReview,
    PlanRevision,
    ProgressReport,
)
from intercity.plans.services import representation

PLAN_FIELDS = ["title", "summary", "stage", "version"]


# --- Who may ---------------------------------------------------------------------------------


def state_of(organisation: Organisation) -> str:
    """The ASEAN Member State of a city, as an ISO alpha-2 code ("" when unknown)."""
    return str(organisation.country.code or "") if organisation.country else ""


def member_ids(network: Network, on: dt.date | None = None) -> set[int]:
    wanted = network_services.MemberFilter(on=on or timezone.localdate(), status="current")
    return set(
        network_services.members(network, wanted).values_list(
            "membership__organisation_id", flat=True
        )
    )


def may_read(user: Any, network: Network) -> bool:
    if permissions.is_secretariat(user):
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    if representation.represented_states(user, network):
        return True
    if representation.csco_cities(user, network):
        return True
    return bool(permissions.officer_organisation_ids(user) & member_ids(network))


def may_edit(user: Any, network: Network, organisation_id: int) -> bool:
    if permissions.is_secretariat(user):
        return True
    if organisation_id in representation.csco_cities(user, network):
        return True
    return organisation_id in permissions.officer_organisation_ids(user)


def may_review(user: Any, network: Network, organisation: Organisation) -> bool:
    if permissions.is_secretariat(user):
        return True
    return state_of(organisation) in representation.represented_states(user, network)


def require_read(user: Any, network: Network) -> None:
    if not may_read(user, network):
        raise PermissionDenied(
            _(
                "The action plans are for the network's members, its National Representatives "
                "and the Secretariat."
            )
        )


def require_edit(user: Any, network: Network, organisation_id: int) -> None:
    if not may_edit(user, network, organisation_id):
        raise PermissionDenied(
            _(
                "Only the city's Chief Smart City Officer, its officers and the Secretariat may "
                "do this."
            )
        )


# --- Reading ---------------------------------------------------------------------------------


def focus_areas(network: Network, on: dt.date | None = None) -> QuerySet[FocusArea]:
    """The areas in use on a day (today by default)."""
    day = on or timezone.localdate()
    return FocusArea.objects.filter(network=network, valid_from__lte=day).exclude(valid_to__lte=day)


def pilot_cities(network: Network) -> list[Organisation]:
    """The network's current member cities, by name."""
    ids = member_ids(network)
    return list(Organisation.objects.filter(pk__in=ids).order_by("name"))


def plans(network: Network) -> QuerySet[ActionPlan]:
    return ActionPlan.objects.filter(network=network).select_related("organisation")


def plan_of(network: Network, organisation_id: int) -> ActionPlan | None:
    return plans(network).filter(organisation_id=organisation_id).first()


def get_plan(network: Network, organisation_id: int) -> ActionPlan:
    plan = plan_of(network, organisation_id)
    if plan is None:
        raise NotFound(_("This city has no action plan in %(network)s.") % {"network": network})
    return plan


def lines_of(plans_: QuerySet[ActionPlan] | list[ActionPlan]) -> QuerySet[ActionLine]:
    """Every action line of the plans, with its project, plan, city, reports (oldest first),
    indicators and their values, partners and milestones."""
    return (
        ActionLine.objects.filter(project__plan__in=list(plans_))
        .select_related("project__plan__organisation", "project__focus_area")
        .prefetch_related(
            Prefetch(
                "reports",
                queryset=ProgressReport.objects.select_related("reported_by")
                .prefetch_related("values")
                .order_by("year", "as_of", "pk"),
            ),
            "indicators",
            "partners__organisation",
            "milestones",
        )
        .order_by(
            "project__plan__organisation__name",
            "project__position",
            "project__pk",
            "position",
            "pk",
        )
    )


def get_line(line_id: int) -> ActionLine:
    line = lines_of(ActionPlan.objects.all()).filter(pk=line_id).first()
    if line is None:
        raise NotFound(_("No action line %(id)s.") % {"id": line_id})
    return line


def get_project(project_id: int) -> PlanProject:
    project = (
        PlanProject.objects.select_related("plan__organisation", "plan__network", "focus_area")
        .filter(pk=project_id)
        .first()
    )
    if project is None:
        raise NotFound(_("No project %(id)s.") % {"id": project_id})
    return project


def revisions(plan: ActionPlan) -> QuerySet[PlanRevision]:
    return plan.revisions.select_related("made_by").order_by("-number")


def reviews(plan: ActionPlan) -> QuerySet[PlanReview]:
    return plan.reviews.select_related("reviewer").order_by("-year", "-made_at", "-pk")


def twinning_partners(organisation: Organisation) -> list[tuple[int, str]]:
    """(pair id, partner name) of the city's confirmed pairs in published twinning rounds of
    the exchange module, read through its services; none if the module is not installed."""
    from django.apps import apps

    if not apps.is_installed("intercity.exchange"):
        return []
    from intercity.exchange.services import twinning

    found = []
    for round_ in twinning.rounds():
        for pair in twinning.published_pairs(round_):
            if pair.city.organisation_id == organisation.pk:
                found.append((pair.pk, pair.partner.organisation.name))
    return found


def _snapshot(plan: ActionPlan) -> dict[str, Any]:
    return {
        "title": plan.title,
        "summary": plan.summary,
        "stage": plan.stage,
        "focus_areas": sorted(plan.focus_areas.values_list("slug", flat=True)),
        "projects": [
            {
                "title": p.title,
                "focus_area": p.focus_area.slug,
                "lines": [line.title for line in p.lines.all()],
            }
            for p in plan.projects.select_related("focus_area").prefetch_related("lines")
        ],
    }


# --- Actions ---------------------------------------------------------------------------------


def _areas(network: Network, slugs: list[str]) -> list[FocusArea]:
    found = {a.slug: a for a in FocusArea.objects.filter(network=network, slug__in=slugs)}
    unknown = [s for s in slugs if s not in found]
    if unknown:
        raise DomainError(_("Unknown focus area: %(slugs)s.") % {"slugs": ", ".join(unknown)})
    return [found[s] for s in slugs]


def draft_plan(
    actor: Any,
    network: Network,
    organisation: Organisation,
    *,
    title: str,
    summary: str = "",
    areas: list[str],
    note: str = "",
    demonstration: bool = False,
) -> ActionPlan:
    """A city's plan as drafted at the Smart Cities Governance Workshop: version 1."""
    require_edit(actor, network, organisation.pk)
    if organisation.pk not in member_ids(network):
        raise DomainError(
            _("%(city)s is not a pilot city of %(network)s.")
            % {"city": organisation, "network": network}
        )
    with transaction.atomic():
        chosen = _areas(network, areas)
        if ActionPlan.objects.filter(network=network, organisation=organisation).exists():
            raise DomainError(_("%(city)s already has an action plan.") % {"city": organisation})
        plan = ActionPlan(
            network=network,
            organisation=organisation,
            title=title,
            summary=summary,
            demonstration=demonstration,
        )
        full_clean_or_refuse(plan, fields_only=True)
        plan.save()
        plan.focus_areas.set(chosen)
        PlanRevision.objects.create(
            plan=plan,
            number=1,
            stage=plan.stage,
            note=note,
            snapshot=_snapshot(plan),
            made_by=permissions.user_or_none(actor),
            made_at=timezone.now(),
        )
        audit.record(actor, "plans.draft_plan", plan, after=audit.snapshot(plan, PLAN_FIELDS))
    return plan


def revise_plan(
    actor: Any,
    plan: ActionPlan,
    *,
    version: int,
    title: str,
    summary: str,
    areas: list[str],
    note: str,
) -> ActionPlan:
    """A revision of the plan: a new version, kept with who made it, when and why. `version`
    is the one the editor read: if another revision landed since, this one is refused."""
    require_edit(actor, plan.network, plan.organisation_id)
    if not note.strip():
        raise DomainError(_("Say what the revision changes."))
    with transaction.atomic():
        chosen = _areas(plan.network, areas)
        before = audit.snapshot(plan, PLAN_FIELDS)
        moved = ActionPlan.objects.filter(pk=plan.pk, version=version).update(
            title=title,
            summary=summary,
            stage=ActionPlan.Stage.REVISED,
            version=F("version") + 1,
            updated_at=timezone.now(),
        )
        if not moved:
            raise DomainError(
                _("Someone else revised this plan since you opened it: reload it and try again."),
                status=409,
            )
        plan.refresh_from_db()
        plan.focus_areas.set(chosen)
        PlanRevision.objects.create(
            plan=plan,
            number=plan.revisions.count() + 1,
            stage=plan.stage,
            note=note,
            snapshot=_snapshot(plan),
            made_by=permissions.user_or_none(actor),
            made_at=timezone.now(),
        )
        audit.record(
            actor,
            "plans.revise_plan",
            plan,
            before=before,
            after=audit.snapshot(plan, PLAN_FIELDS),
            reason=note,
        )
    return plan


def add_project(
    actor: Any, plan: ActionPlan, *, title: str, area: str, description: str = ""
) -> PlanProject:
    require_edit(actor, plan.network, plan.organisation_id)
    with transaction.atomic():
        (focus,) = _areas(plan.network, [area])
        project = PlanProject(
            plan=plan,
            title=title,
            description=description,
            focus_area=focus,
            position=plan.projects.count(),
        )
        full_clean_or_refuse(project)
        project.save()
        audit.record(actor, "plans.add_project", project, after={"title": title, "area": area})
    return project


def add_line(
    actor: Any,
    project: PlanProject,
    *,
    title: str,
    description: str = "",
    first_year: int = 2018,
    last_year: int = 2025,
    budget: Decimal | None = None,
    currency: str = "",
) -> ActionLine:
    plan = project.plan
    require_edit(actor, plan.network, plan.organisation_id)
    if budget is not None and not currency:
        raise DomainError(_("A budget needs its currency."))
    if not plan.first_year <= first_year <= last_year <= plan.last_year:
        raise DomainError(
            _("An action line runs within the plan's years (%(first)s-%(last)s).")
            % {"first": plan.first_year, "last": plan.last_year}
        )
    with transaction.atomic():
        line = ActionLine(
            project=project,
            title=title,
            description=description,
            first_year=first_year,
            last_year=last_year,
            budget=budget,
            currency=currency.upper(),
            position=project.lines.count(),
        )
        full_clean_or_refuse(line)
        line.save()
        audit.record(
            actor,
            "plans.add_line",
            line,
            after={"title": title, "budget": budget, "currency": line.currency},
        )
    return line


def project_seen(project: PlanProject) -> str:
    """The fingerprint of what an editing page shows of a project (`rules.fingerprint`)."""
    return rules.fingerprint(
        {
            "title": project.title,
            "area": project.focus_area_id,
            "description": project.description,
        }
    )


def line_seen(line: ActionLine) -> str:
    """The fingerprint of what an editing page shows of an action line."""
    return rules.fingerprint(
        {
            "title": line.title,
            "project": line.project_id,
            "first_year": line.first_year,
            "last_year": line.last_year,
            "budget": line.budget,
            "currency": line.currency,
            "description": line.description,
        }
    )


def _refuse_if_changed(seen: str, now: str) -> None:
    if seen and seen != now:
        raise DomainError(
            _(
                "Someone saved a change here since you opened this page. What you typed is "
                "kept below: open the plan again to see their change before you save yours."
            ),
            status=409,
        )


def edit_project(
    actor: Any,
    project: PlanProject,
    *,
    title: str,
    area: str,
    description: str = "",
    seen: str = "",
) -> PlanProject:
    """A project's title, focus area and description, changed by the city's officers. `seen`
    is what the editing page showed (`project_seen`): refused when the project changed since."""
    plan = project.plan
    require_edit(actor, plan.network, plan.organisation_id)
    with transaction.atomic():
        locked = PlanProject.objects.select_for_update().get(pk=project.pk)
        _refuse_if_changed(seen, project_seen(locked))
        (focus,) = _areas(plan.network, [area])
        before = {"title": locked.title, "area": locked.focus_area.slug}
        locked.title, locked.description, locked.focus_area = title, description, focus
        full_clean_or_refuse(locked)
        locked.save()
        audit.record(
            actor, "plans.edit_project", locked, before=before, after={"title": title, "area": area}
        )
    return locked


def edit_line(
    actor: Any,
    line: ActionLine,
    *,
    title: str,
    description: str = "",
    first_year: int,
    last_year: int,
    budget: Decimal | None = None,
    currency: str = "",
    project: PlanProject | None = None,
    seen: str = "",
) -> ActionLine:
    """An action line's title, years, budget and description, changed by the city's officers;
    `project` moves it to another project of the same plan (and so another focus area). `seen`
    is what the editing page showed (`line_seen`): refused when the line changed since."""
    plan = line.project.plan
    require_edit(actor, plan.network, plan.organisation_id)
    if project is not None and project.plan_id != plan.pk:
        raise DomainError(_("An action line moves only between projects of its own plan."))
    if budget is not None and not currency:
        raise DomainError(_("A budget needs its currency."))
    if not plan.first_year <= first_year <= last_year <= plan.last_year:
        raise DomainError(
            _("An action line runs within the plan's years (%(first)s-%(last)s).")
            % {"first": plan.first_year, "last": plan.last_year}
        )
    with transaction.atomic():
        locked = ActionLine.objects.select_for_update().get(pk=line.pk)
        _refuse_if_changed(seen, line_seen(locked))
        before = audit.snapshot(locked, ["title", "first_year", "last_year", "budget", "currency"])
        locked.title, locked.description = title, description
        locked.first_year, locked.last_year = first_year, last_year
        locked.budget, locked.currency = budget, currency.upper()
        if project is not None:
            locked.project = project
        full_clean_or_refuse(locked)
        locked.save()
        audit.record(
            actor,
            "plans.edit_line",
            locked,
            before=before,
            after=audit.snapshot(
                locked, ["title", "first_year", "last_year", "budget", "currency"]
            ),
        )
    return locked


def add_indicator(
    actor: Any,
    line: ActionLine,
    *,
    name: str,
    unit: str,
    baseline: Decimal,
    baseline_year: int,
    target: Decimal,
    target_year: int,
) -> Indicator:
    plan = line.project.plan
    require_edit(actor, plan.network, plan.organisation_id)
    if target_year < baseline_year:
        raise DomainError(_("The target year cannot come before the baseline year."))
    with transaction.atomic():
        indicator = Indicator(
            line=line,
            name=name,
            unit=unit,
            baseline=baseline,
            baseline_year=baseline_year,
            target=target,
            target_year=target_year,
        )
        full_clean_or_refuse(indicator)
        indicator.save()
        audit.record(
            actor,
            "plans.add_indicator",
            indicator,
            after=audit.snapshot(indicator, ["name", "unit", "baseline", "target", "target_year"]),
        )
    return indicator


def add_partner(
    actor: Any,
    line: ActionLine,
    *,
    kind: str,
    organisation: Organisation | None = None,
    name: str = "",
    twinning_pair_id: int | None = None,
) -> Partner:
    plan = line.project.plan
    require_edit(actor, plan.network, plan.organisation_id)
    if twinning_pair_id is not None:
        pairs = dict(twinning_partners(plan.organisation))
        if twinning_pair_id not in pairs:
            raise DomainError(_("That twinning pair is not one of this city's published pairs."))
        name = name.strip() or pairs[twinning_pair_id]
    with transaction.atomic():
        partner = Partner(
            line=line,
            kind=kind,
            organisation=organisation,
            name=name,
            twinning_pair_id=twinning_pair_id,
        )
        full_clean_or_refuse(partner)
        partner.save()
        audit.record(
            actor, "plans.add_partner", partner, after={"kind": kind, "name": str(partner)}
        )
    return partner


def add_milestone(actor: Any, line: ActionLine, *, title: str, due_on: dt.date) -> Milestone:
    plan = line.project.plan
    require_edit(actor, plan.network, plan.organisation_id)
    with transaction.atomic():
        milestone = Milestone(line=line, title=title, due_on=due_on)
        full_clean_or_refuse(milestone)
        milestone.save()
        audit.record(
            actor, "plans.add_milestone", milestone, after={"title": title, "due_on": due_on}
        )
    return milestone


def review(
    actor: Any, plan: ActionPlan, *, year: int, comment: str, mark_reviewed: bool
) -> PlanReview:
    """A National Representative's review of the city's progress for a year."""
    if not may_review(actor, plan.network, plan.organisation):
        raise PermissionDenied(
            _("Only the National Representative of the city's state and the Secretariat review it.")
        )
    if not comment.strip() and not mark_reviewed:
        raise DomainError(_("Write a comment or mark the year reviewed."))
    if not plan.first_year <= year <= plan.last_year:
        raise DomainError(_("The plan has no year %(year)s.") % {"year": year})
    with transaction.atomic():
        made = PlanReview.objects.create(
            plan=plan,
            year=year,
            comment=comment.strip(),
            marked_reviewed=mark_reviewed,
            reviewer=permissions.user_or_none(actor),
            made_at=timezone.now(),
        )
        audit.record(
            actor,
            "plans.review",
            plan,
            after={"year": year, "comment": made.comment, "reviewed": mark_reviewed},
        )
    return made


FOCUS_AREA_FIELDS = ("slug", "name", "description", "source", "valid_from", "valid_to", "position")


def save_focus_area(actor: Any, area: FocusArea, changed: list[str], *, created: bool) -> FocusArea:
    """The ASEAN Secretariat adds a focus area or edits one in the admin (its name, the dates
    it is in use). A plan that chose an area keeps it after the area is retired; a retired area
    is no longer offered to a new choice."""
    permissions.require_secretariat(
        actor, refusal=_("Only the ASEAN Secretariat keeps the focus areas.")
    )
    if area.valid_to and area.valid_to < area.valid_from:
        raise DomainError(_("An area cannot leave use before it comes into use."))
    with transaction.atomic():
        before = (
            {}
            if created
            else audit.snapshot(
                FocusArea.objects.select_for_update().get(pk=area.pk), [*FOCUS_AREA_FIELDS]
            )
        )
        full_clean_or_refuse(area)
        area.save()
        audit.record(
            actor,
            "plans.add_focus_area" if created else "plans.edit_focus_area",
            area,
            before=before,
            after=audit.snapshot(area, [*FOCUS_AREA_FIELDS]),
            reason=", ".join(sorted(changed)),
        )
    return area
