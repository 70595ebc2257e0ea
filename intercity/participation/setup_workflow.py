"""Named actions of a city's CPS administrator: the workflow (statuses and moves), the
response templates staff offer citizens, and the staff with their roles and departments.

Each action is for the city's administrator only (`tenancy.is_admin_of`), locks the
jurisdiction's row so that two administrators changing the same thing at once make one change
(the second is judged on what the first left), judges the result with the pure rules of
`rules.py`, saves in one transaction and writes one audit event. The intake catalogue of
every process is told to reload once the change is committed (`catalogue.forget`), so a change
takes effect for intake at once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from intercity.accounts import services as accounts
from intercity.accounts.models import Role, User
from intercity.accounts.permissions import CPS_ROLES
from intercity.core import audit
from intercity.core.errors import DomainError, NotFound, PermissionDenied, full_clean_or_refuse
from intercity.participation import catalogue, rules, tenancy
from intercity.participation.models import (
    Department,
    Event,
    Jurisdiction,
    Report,
    ResponseTemplate,
    Service,
    StaffDepartment,
    Status,
    Transition,
)

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def column(field: str, language: str) -> str:
    """`name`, `ko` -> `name_ko` (modeltranslation's column for that language)."""
    return f"{field}_{language.replace('-', '_')}"


def require_admin(actor: Any, jurisdiction: Jurisdiction) -> None:
    if not tenancy.is_admin_of(actor, jurisdiction):
        raise PermissionDenied(
            _("Only an administrator of %(city)s's Civic Participation System may do this.")
            % {"city": jurisdiction}
        )


def _lock(jurisdiction: Jurisdiction, actor: Any) -> None:
    """Hold the jurisdiction's row for the transaction: setup changes of one city are made
    one after the other (SQLite runs write transactions one at a time anyway). The actor is
    asked again once the row is held: an administrator removed a moment ago acts no more."""
    Jurisdiction.objects.select_for_update().filter(pk=jurisdiction.pk).first()
    require_admin(actor, jurisdiction)


def _changed() -> None:
    transaction.on_commit(catalogue.forget)


# --- Workflow ------------------------------------------------------------------------------------


def _graph(jurisdiction: Jurisdiction) -> tuple[list[rules.WorkflowStatus], set[tuple[str, str]]]:
    statuses = [
        rules.WorkflowStatus(code, open311 == "closed", initial)
        for code, open311, initial in jurisdiction.statuses.values_list(
            "code", "open311", "initial"
        )
    ]
    moves = set(jurisdiction.transitions.values_list("source__code", "target__code"))
    return statuses, moves


def _judge(statuses: list[rules.WorkflowStatus], moves: set[tuple[str, str]]) -> None:
    problem = rules.workflow_problem(statuses, moves)
    if problem:
        raise DomainError(problem)


def _status(jurisdiction: Jurisdiction, code: str) -> Status:
    try:
        return jurisdiction.statuses.get(code=code)
    except Status.DoesNotExist:
        known = ", ".join(jurisdiction.statuses.values_list("code", flat=True))
        raise NotFound(
            _("No status '%(code)s' in %(city)s; known: %(known)s.")
            % {"code": code, "city": jurisdiction, "known": known}
        ) from None


def _names(field: str, names: dict[str, str]) -> dict[str, str]:
    """The columns of a name written per language; English (the original column) is needed."""
    unknown = sorted(set(names) - set(LANGUAGE_CODES))
    if unknown:
        raise DomainError(_("Unknown language '%(code)s'.") % {"code": unknown[0]})
    english = names.get(settings.LANGUAGE_CODE, "").strip()
    if not english:
        raise DomainError(_("Give the name in English; the other languages are optional."))
    values = {field: english}
    values.update({column(field, code): text.strip() for code, text in names.items()})
    return values


def _assign(row: Any, values: dict[str, Any]) -> None:
    """Set a translated row's fields: `name` is the original (English) column whatever the
    request's language (modeltranslation would write `name` into the active language's
    column), each `name_<code>` its language's."""
    with translation.override(settings.LANGUAGE_CODE):
        for key, value in values.items():
            setattr(row, key, value)


def workflow_of(jurisdiction: Jurisdiction) -> tuple[list[Status], list[Transition]]:
    return (
        list(jurisdiction.statuses.all()),
        list(jurisdiction.transitions.select_related("source", "target")),
    )


def add_status(
    actor: Any,
    jurisdiction: Jurisdiction,
    *,
    code: str,
    names: dict[str, str],
    open311: str,
    after: str,
    move: dict[str, str],
) -> Status:
    """A new status, reached by a new move from the status `after` (a status nothing leads
    to could never be a report's, so the move comes with it), placed last."""
    require_admin(actor, jurisdiction)
    if open311 not in ("open", "closed"):
        raise DomainError(_("A status is open or closed (Open311)."))
    with transaction.atomic():
        _lock(jurisdiction, actor)
        if jurisdiction.statuses.filter(code=code).exists():
            raise DomainError(
                _("%(city)s already has a status '%(code)s'.")
                % {"city": jurisdiction, "code": code}
            )
        source = _status(jurisdiction, after)
        last = jurisdiction.statuses.order_by("-position").values_list("position", flat=True)
        status = Status(
            jurisdiction=jurisdiction, code=code, open311=open311, position=(last.first() or 0) + 1
        )
        _assign(status, _names("name", names))
        full_clean_or_refuse(status)
        status.save()
        transition = Transition(jurisdiction=jurisdiction, source=source, target=status)
        _assign(transition, _names("name", move))
        full_clean_or_refuse(transition)
        transition.save()
        audit.record(
            actor,
            "add_status",
            status,
            after={"code": code, "open311": open311, "from": after, "name": status.name},
        )
        _changed()
    return status


def rename_status(
    actor: Any, jurisdiction: Jurisdiction, code: str, names: dict[str, str]
) -> Status:
    """A status's name in each language (a status with reports may be renamed, never removed)."""
    require_admin(actor, jurisdiction)
    values = _names("name", names)
    with transaction.atomic():
        _lock(jurisdiction, actor)
        status = _status(jurisdiction, code)
        with translation.override(settings.LANGUAGE_CODE):
            before = {key: getattr(status, key) for key in values}
        _assign(status, values)
        full_clean_or_refuse(status)
        status.save()
        audit.record(actor, "rename_status", status, before=before, after=values)
        _changed()
    return status


def move_status(actor: Any, jurisdiction: Jurisdiction, code: str, offset: int) -> list[str]:
    """Move a status up (-1) or down (+1) the list staff and citizens see; the order of codes."""
    require_admin(actor, jurisdiction)
    if offset not in (-1, 1):
        raise DomainError(_("A status moves one place up or down."))
    with transaction.atomic():
        _lock(jurisdiction, actor)
        status = _status(jurisdiction, code)
        order = list(jurisdiction.statuses.order_by("position", "id"))
        before = [s.code for s in order]
        here = next(i for i, s in enumerate(order) if s.pk == status.pk)
        there = here + offset
        if not 0 <= there < len(order):
            where = (
                _("%(status)s is already first.")
                if offset < 0
                else _("%(status)s is already last.")
            )
            raise DomainError(where % {"status": status.name})
        order[here], order[there] = order[there], order[here]
        for position, each in enumerate(order):
            if each.position != position:
                each.position = position
                each.save(update_fields=["position"])
        after = [s.code for s in order]
        audit.record(
            actor,
            "reorder_statuses",
            jurisdiction,
            before={"order": before},
            after={"order": after},
        )
        _changed()
    return after


def set_initial(actor: Any, jurisdiction: Jurisdiction, code: str) -> Status:
    """The status every new report starts in: exactly one, and every other reachable from it."""
    require_admin(actor, jurisdiction)
    with transaction.atomic():
        _lock(jurisdiction, actor)
        status = _status(jurisdiction, code)
        statuses, moves = _graph(jurisdiction)
        before = next((s.code for s in statuses if s.initial), "")
        if before == code:
            raise DomainError(
                _("%(status)s is already the initial status.") % {"status": status.name}
            )
        _judge([rules.WorkflowStatus(s.code, s.closed, s.code == code) for s in statuses], moves)
        jurisdiction.statuses.filter(initial=True).update(initial=False)
        status.initial = True
        status.save(update_fields=["initial"])
        audit.record(
            actor, "set_initial_status", status, before={"initial": before}, after={"initial": code}
        )
        _changed()
    return status


def set_open311(actor: Any, jurisdiction: Jurisdiction, code: str, open311: str) -> Status:
    """Whether Open311 (and the queue's open work) counts a status as open or closed."""
    require_admin(actor, jurisdiction)
    if open311 not in ("open", "closed"):
        raise DomainError(_("A status is open or closed (Open311)."))
    with transaction.atomic():
        _lock(jurisdiction, actor)
        status = _status(jurisdiction, code)
        if status.open311 == open311:
            return status
        statuses, moves = _graph(jurisdiction)
        _judge(
            [
                rules.WorkflowStatus(
                    s.code, open311 == "closed" if s.code == code else s.closed, s.initial
                )
                for s in statuses
            ],
            moves,
        )
        before = status.open311
        status.open311 = open311
        status.save(update_fields=["open311"])
        audit.record(
            actor,
            "set_status_open311",
            status,
            before={"open311": before},
            after={"open311": open311},
        )
        _changed()
    return status


def remove_status(actor: Any, jurisdiction: Jurisdiction, code: str) -> None:
    """Remove a status no report has or had, with its moves, if the workflow stays whole."""
    require_admin(actor, jurisdiction)
    with transaction.atomic():
        _lock(jurisdiction, actor)
        status = _status(jurisdiction, code)
        used = (
            tenancy.reports_of(jurisdiction)
            .filter(
                Q(status=status)
                | Q(
                    pk__in=Event.objects.filter(Q(source=status) | Q(target=status)).values(
                        "report"
                    )
                )
            )
            .count()
        )
        problem = rules.status_removal_problem(code, used)
        if problem:
            raise DomainError(problem)
        statuses, moves = _graph(jurisdiction)
        _judge(
            [s for s in statuses if s.code != code],
            {(a, b) for a, b in moves if code not in (a, b)},
        )
        audit.record(actor, "remove_status", status, before={"code": code, "name": status.name})
        status.delete()
        _changed()


def add_transition(
    actor: Any, jurisdiction: Jurisdiction, source: str, target: str, names: dict[str, str]
) -> Transition:
    require_admin(actor, jurisdiction)
    with transaction.atomic():
        _lock(jurisdiction, actor)
        start, end = _status(jurisdiction, source), _status(jurisdiction, target)
        if start.pk == end.pk:
            raise DomainError(_("A move leads from one status to another."))
        if jurisdiction.transitions.filter(source=start, target=end).exists():
            raise DomainError(
                _("The workflow already has a move from %(source)s to %(target)s.")
                % {"source": start.name, "target": end.name}
            )
        transition = Transition(jurisdiction=jurisdiction, source=start, target=end)
        _assign(transition, _names("name", names))
        full_clean_or_refuse(transition)
        transition.save()
        audit.record(
            actor, "add_transition", transition, after={"source": source, "target": target}
        )
        _changed()
    return transition


def remove_transition(actor: Any, jurisdiction: Jurisdiction, source: str, target: str) -> None:
    """Remove a move, unless a status would be stranded (no longer reachable) by it."""
    require_admin(actor, jurisdiction)
    with transaction.atomic():
        _lock(jurisdiction, actor)
        found = jurisdiction.transitions.filter(source__code=source, target__code=target).first()
        if found is None:
            raise NotFound(
                _("The workflow has no move from %(source)s to %(target)s.")
                % {"source": source, "target": target}
            )
        statuses, moves = _graph(jurisdiction)
        _judge(statuses, moves - {(source, target)})
        audit.record(actor, "remove_transition", found, before={"source": source, "target": target})
        found.delete()
        _changed()


# --- Response templates ------------------------------------------------------------------------


@dataclass(frozen=True)
class TemplateText:
    """A template's title and body in one language."""

    title: str
    body: str


def templates_of(jurisdiction: Jurisdiction) -> QuerySet[ResponseTemplate]:
    return jurisdiction.response_templates.select_related("status", "service")


def template_of(jurisdiction: Jurisdiction, pk: int) -> ResponseTemplate:
    try:
        return templates_of(jurisdiction).get(pk=pk)
    except (ResponseTemplate.DoesNotExist, ValueError):
        raise NotFound(
            _("No response template %(id)s in %(city)s.") % {"id": pk, "city": jurisdiction}
        ) from None


def _service(jurisdiction: Jurisdiction, code: str | None) -> Service | None:
    if not code:
        return None
    try:
        return jurisdiction.services.get(code=code)
    except Service.DoesNotExist:
        known = ", ".join(jurisdiction.services.values_list("code", flat=True))
        raise DomainError(
            _("No service '%(code)s' in %(city)s; known: %(known)s.")
            % {"code": code, "city": jurisdiction, "known": known}
        ) from None


def _needs_english() -> str:
    return _("Give the template's title and text in English; the other languages are optional.")


def _texts(texts: dict[str, TemplateText]) -> dict[str, str]:
    unknown = sorted(set(texts) - set(LANGUAGE_CODES))
    if unknown:
        raise DomainError(_("Unknown language '%(code)s'.") % {"code": unknown[0]})
    english = texts.get(settings.LANGUAGE_CODE)
    if english is None or not english.title.strip() or not english.body.strip():
        raise DomainError(_needs_english())
    values = {"title": english.title.strip(), "body": english.body.strip()}
    for code, text in texts.items():
        problem = rules.placeholder_problem(text.title) or rules.placeholder_problem(text.body)
        if problem:
            raise DomainError(problem)
        values[column("title", code)] = text.title.strip()
        values[column("body", code)] = text.body.strip()
    return values


def _template_values(template: ResponseTemplate) -> dict[str, Any]:
    values: dict[str, Any] = {
        "status": template.status.code if template.status else None,
        "service": template.service.code if template.service else None,
        "active": template.active,
        "position": template.position,
    }
    for code in LANGUAGE_CODES:
        values[column("title", code)] = getattr(template, column("title", code))
        values[column("body", code)] = getattr(template, column("body", code))
    return values


def save_template(
    actor: Any,
    jurisdiction: Jurisdiction,
    template: ResponseTemplate | None = None,
    *,
    texts: dict[str, TemplateText] | None = None,
    status: str | object | None = ...,
    service: str | object | None = ...,
    active: bool | None = None,
    position: int | None = None,
) -> ResponseTemplate:
    """Add a response template (`template` None) or change the parts given of one (`...`
    leaves the status or service as it is; None means any). A placeholder other than
    {report_id}, {service} and {city} is refused."""
    require_admin(actor, jurisdiction)
    if template is not None and template.jurisdiction_id != jurisdiction.pk:
        raise NotFound(
            _("No response template %(id)s in %(city)s.")
            % {"id": template.pk, "city": jurisdiction}
        )
    with transaction.atomic():
        _lock(jurisdiction, actor)
        if template is None:
            if texts is None:
                raise DomainError(_needs_english())
            row = ResponseTemplate(jurisdiction=jurisdiction)
            before: dict[str, Any] = {}
        else:
            row = ResponseTemplate.objects.select_for_update().get(pk=template.pk)
            before = _template_values(row)
        if texts is not None:
            current = (
                {
                    code: TemplateText(
                        getattr(row, column("title", code)) or "",
                        getattr(row, column("body", code)) or "",
                    )
                    for code in LANGUAGE_CODES
                }
                if template is not None
                else {}
            )
            current.update(texts)
            _assign(row, _texts(current))
        if status is not ...:
            row.status = _status(jurisdiction, status) if status else None  # type: ignore[arg-type]
        if service is not ...:
            row.service = _service(jurisdiction, service)  # type: ignore[arg-type]
        if active is not None:
            row.active = active
        if position is not None:
            row.position = position
        full_clean_or_refuse(row)
        row.save()
        audit.record(
            actor,
            "add_response_template" if template is None else "change_response_template",
            row,
            before=before,
            after=_template_values(row),
        )
    return row


def templates_for(
    report: Report, targets: list[Status]
) -> list[tuple[Status, list[ResponseTemplate]]]:
    """The active templates staff may offer for a report's moves: for each target status,
    those for it or for any status, and for the report's service or any service."""
    found = list(
        report.jurisdiction.response_templates.filter(active=True)
        .filter(Q(service__isnull=True) | Q(service_id=report.service_id))
        .filter(Q(status__isnull=True) | Q(status__in=targets))
    )
    return [
        (target, [t for t in found if t.status_id in (None, target.pk)])
        for target in targets
        if any(t.status_id in (None, target.pk) for t in found)
    ]


def response_text(report: Report, template: ResponseTemplate) -> str:
    """The template's text for this report, in the reader's language, placeholders filled."""
    return rules.fill_response(
        template.body,
        {
            "report_id": report.public_id,
            "service": report.service.name,
            "city": report.jurisdiction.organisation.name,
        },
    )


def chosen_template(report: Report, pk: int, target: str) -> ResponseTemplate:
    """The template staff chose for a move: one of the city's active templates that fits the
    report's service and the move's target status."""
    template = (
        report.jurisdiction.response_templates.filter(pk=pk, active=True)
        .filter(Q(service__isnull=True) | Q(service_id=report.service_id))
        .filter(Q(status__isnull=True) | Q(status__code=target))
        .first()
    )
    if template is None:
        raise DomainError(
            _("That response template does not fit this report's service and its new status.")
        )
    return template


# --- Staff ---------------------------------------------------------------------------------------


@dataclass
class Member:
    """One person on a city's CPS staff: their roles there and their department, if any."""

    user: User
    roles: list[str]
    department: Department | None

    @property
    def cps_role(self) -> str:
        return next((r for r in CPS_ROLES if r in self.roles), "")

    @property
    def role_labels(self) -> list[str]:
        return [str(Role(r).label) for r in self.roles]


def _department_row(jurisdiction: Jurisdiction, user: User) -> StaffDepartment | None:
    return (
        StaffDepartment.objects.filter(jurisdiction=jurisdiction)
        .filter(Q(user=user) | Q(user__isnull=True, invitation__accepted_user=user))
        .select_related("department")
        .first()
    )


def staff_members(jurisdiction: Jurisdiction) -> list[Member]:
    members: dict[int, Member] = {}
    for grant in tenancy.staff_grants(jurisdiction).order_by("user__username"):
        member = members.setdefault(grant.user_id, Member(grant.user, [], None))
        member.roles.append(grant.role)
    rows = StaffDepartment.objects.filter(jurisdiction=jurisdiction).select_related(
        "department", "invitation"
    )
    for row in rows:
        user_id = row.user_id or (row.invitation.accepted_user_id if row.invitation else None)
        if user_id in members:
            members[user_id].department = row.department
    return list(members.values())


@dataclass
class Invited:
    """An invitation to the city's CPS staff not yet answered, with its department."""

    pk: int
    email: str
    role: str
    department: Department | None
    expires_at: Any

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label)


def open_invitations(jurisdiction: Jurisdiction) -> list[Invited]:
    found = accounts.open_invitations(jurisdiction.organisation_id, CPS_ROLES, timezone.now())
    departments = dict(
        StaffDepartment.objects.filter(invitation__in=[i.pk for i in found]).values_list(
            "invitation_id", "department_id"
        )
    )
    by_id = {d.pk: d for d in jurisdiction.departments.all()} if departments else {}
    return [
        Invited(i.pk, i.email, i.role, by_id.get(departments.get(i.pk, 0)), i.expires_at)
        for i in found
    ]


def revoke_staff_invitation(actor: Any, jurisdiction: Jurisdiction, invitation_id: int) -> str:
    """Withdraw an unanswered invitation to the city's CPS staff (its link stops working);
    returns the address it was sent to. Only the city's own open CPS invitations qualify."""
    require_admin(actor, jurisdiction)
    found = {
        i.pk: i
        for i in accounts.open_invitations(jurisdiction.organisation_id, CPS_ROLES, timezone.now())
    }
    invitation = found.get(invitation_id)
    if invitation is None:
        raise NotFound(
            _("No open invitation %(id)s to the staff of %(city)s.")
            % {"id": invitation_id, "city": jurisdiction}
        )
    accounts.revoke_invitation(actor, invitation)
    return invitation.email


def member_of(jurisdiction: Jurisdiction, user_id: int) -> User:
    grant = tenancy.staff_grants(jurisdiction).filter(user_id=user_id).first()
    if grant is None:
        raise NotFound(
            _("No staff member %(id)s in %(city)s.") % {"id": user_id, "city": jurisdiction}
        )
    return grant.user


def _department(jurisdiction: Jurisdiction, role: str, department: Department | None) -> None:
    if role == Role.DEPARTMENT_STAFF and department is None:
        raise DomainError(_("Department staff work for a department: choose one."))
    if department is not None and department.jurisdiction_id != jurisdiction.pk:
        raise DomainError(
            _("%(department)s is a department of another city.") % {"department": department}
        )


def _check_role(role: str) -> None:
    if role not in CPS_ROLES:
        raise DomainError(
            _("A city's administrator gives one of these roles: %(roles)s.")
            % {"roles": ", ".join(str(Role(r).label) for r in CPS_ROLES)}
        )


def invite_staff(
    actor: Any,
    jurisdiction: Jurisdiction,
    email: str,
    role: str,
    *,
    department: Department | None = None,
    language: str = "",
) -> accounts.Issued:
    """Invite someone to the city's CPS staff (the accounts invitation: an e-mail with a link);
    department staff are invited for a department, which their queue will show first."""
    require_admin(actor, jurisdiction)
    _check_role(role)
    _department(jurisdiction, role, department)
    with transaction.atomic():
        issued = accounts.invite(actor, email, role, jurisdiction.organisation, language=language)
        if role == Role.DEPARTMENT_STAFF and department is not None:
            StaffDepartment.objects.create(
                jurisdiction=jurisdiction, department=department, invitation=issued.invitation
            )
    return issued


def _admins(jurisdiction: Jurisdiction) -> set[int]:
    return set(
        tenancy.staff_grants(jurisdiction)
        .filter(role=Role.CPS_ADMIN)
        .values_list("user_id", flat=True)
    )


def set_member_role(
    actor: Any,
    jurisdiction: Jurisdiction,
    user: User,
    role: str,
    department: Department | None = None,
) -> Member:
    """Give a staff member one CPS role (department staff with their department, city-wide
    supervisor, or administrator) in place of the CPS role they held. The last administrator
    keeps the role: someone must be able to set the city up."""
    require_admin(actor, jurisdiction)
    _check_role(role)
    _department(jurisdiction, role, department)
    organisation_id = jurisdiction.organisation_id
    with transaction.atomic():
        _lock(jurisdiction, actor)
        user = member_of(jurisdiction, user.pk)
        held = set(
            tenancy.staff_grants(jurisdiction).filter(user=user).values_list("role", flat=True)
        )
        if Role.CPS_ADMIN in held and role != Role.CPS_ADMIN and _admins(jurisdiction) == {user.pk}:
            raise DomainError(
                _(
                    "Rule “the city keeps an administrator”: %(user)s is the last "
                    "administrator of %(city)s; make someone else administrator first."
                )
                % {"user": user, "city": jurisdiction}
            )
        row = _department_row(jurisdiction, user)
        before = {"roles": sorted(held), "department": row.department_id if row else None}
        for other in CPS_ROLES:
            if other != role and other in held:
                accounts.revoke_role(actor, user, other, organisation_id=organisation_id)
        accounts.grant_role(actor, user, role, organisation_id=organisation_id)
        if role == Role.DEPARTMENT_STAFF and department is not None:
            if row is None:
                row = StaffDepartment(jurisdiction=jurisdiction, user=user, department=department)
            row.user = user
            row.department = department
            row.save()
        elif row is not None:
            row.delete()
        roles = sorted((held - set(CPS_ROLES)) | {role})
        after = {"roles": roles, "department": department.pk if department else None}
        audit.record(actor, "set_staff_role", user, before=before, after=after)
    return Member(user, roles, department if role == Role.DEPARTMENT_STAFF else None)


def remove_member(actor: Any, jurisdiction: Jurisdiction, user: User) -> None:
    """Take a person off the city's CPS staff (their CPS roles and department; a city
    officer stays an officer of the network). The last administrator cannot be removed."""
    require_admin(actor, jurisdiction)
    organisation_id = jurisdiction.organisation_id
    with transaction.atomic():
        _lock(jurisdiction, actor)
        user = member_of(jurisdiction, user.pk)
        held = set(
            tenancy.staff_grants(jurisdiction).filter(user=user).values_list("role", flat=True)
        )
        if Role.CPS_ADMIN in held and _admins(jurisdiction) == {user.pk}:
            raise DomainError(
                _(
                    "Rule “the city keeps an administrator”: %(user)s is the last "
                    "administrator of %(city)s and cannot be removed."
                )
                % {"user": user, "city": jurisdiction}
            )
        cps = held & set(CPS_ROLES)
        if not cps:
            raise DomainError(
                _(
                    "%(user)s is on the staff as a city officer, a role the Secretariat "
                    "gives and takes; they hold no role of the Civic Participation System."
                )
                % {"user": user}
            )
        for role in cps:
            accounts.revoke_role(actor, user, role, organisation_id=organisation_id)
        row = _department_row(jurisdiction, user)
        if row is not None:
            row.delete()
        audit.record(actor, "remove_staff_member", user, before={"roles": sorted(cps)})
