"""The one place that decides which jurisdiction's data a person or a request may see.

Every page, export and API call of the Civic Participation System reaches reports through
`reports_of(jurisdiction)` after `staff_jurisdiction(user, slug)` or `public_jurisdiction(slug)`
has resolved the tenant; no query starts from `Report.objects` anywhere else.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, Q, QuerySet
from django.utils.translation import gettext as _

from intercity.accounts.models import Role, RoleGrant
from intercity.core.errors import NotFound, PermissionDenied
from intercity.participation import languages
from intercity.participation.models import Jurisdiction, Rating, Report


def public_jurisdiction(slug: str) -> Jurisdiction:
    try:
        jurisdiction = Jurisdiction.objects.select_related("organisation").get(
            slug=slug, enabled=True
        )
    except Jurisdiction.DoesNotExist:
        raise NotFound(_("No jurisdiction '%(slug)s'.") % {"slug": slug}) from None
    # Its services, statuses... are shown in the reader's language, else in the city's.
    languages.use_content_languages(jurisdiction)
    return jurisdiction


# The roles that work a city's reports: its officers, its CPS's department staff and city-wide
# supervisors, and the CPS's administrators (who set it up and may also work it).
STAFF_ROLES = [Role.DEPARTMENT_STAFF, Role.CITY_OFFICER, Role.CPS_SUPERVISOR, Role.CPS_ADMIN]


def staff_organisation_ids(user: Any) -> set[int]:
    """The cities whose reports a login may work: its grants of a `STAFF_ROLES` role.
    Secretariat staff of the network get none: a city's citizens' reports are the
    city's (SPEC: CPS data never crosses tenants)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        user.role_grants.filter(role__in=STAFF_ROLES, organisation__isnull=False).values_list(
            "organisation_id", flat=True
        )
    )


def staff_jurisdictions(user: Any) -> QuerySet[Jurisdiction]:
    return Jurisdiction.objects.filter(organisation_id__in=staff_organisation_ids(user))


def department_staff_jurisdictions(user: Any) -> QuerySet[Jurisdiction]:
    """The cities a login works reports for as department staff (not as a city officer)."""
    if not getattr(user, "is_authenticated", False):
        return Jurisdiction.objects.none()
    return Jurisdiction.objects.filter(
        organisation_id__in=user.role_grants.filter(
            role=Role.DEPARTMENT_STAFF, organisation__isnull=False
        ).values("organisation_id")
    )


def is_staff_of(user: Any, jurisdiction: Jurisdiction) -> bool:
    return jurisdiction.organisation_id in staff_organisation_ids(user)


def staff_jurisdiction(user: Any, slug: str) -> Jurisdiction:
    jurisdiction = public_jurisdiction(slug)
    if not is_staff_of(user, jurisdiction):
        raise PermissionDenied(_("You are not on the staff of %(city)s.") % {"city": jurisdiction})
    return jurisdiction


def is_admin_of(user: Any, jurisdiction: Jurisdiction) -> bool:
    """Whether a login administers this city's CPS (services, departments, workflow,
    response templates, staff): a grant of the CPS administrator role for the city."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(
        user.role_grants.filter(
            role=Role.CPS_ADMIN, organisation_id=jurisdiction.organisation_id
        ).exists()
    )


def admin_jurisdictions(user: Any) -> QuerySet[Jurisdiction]:
    """The enabled cities whose CPS a login administers."""
    if not getattr(user, "is_authenticated", False):
        return Jurisdiction.objects.none()
    return Jurisdiction.objects.filter(
        enabled=True,
        organisation_id__in=user.role_grants.filter(
            role=Role.CPS_ADMIN, organisation__isnull=False
        ).values("organisation_id"),
    )


def admin_jurisdiction(user: Any, slug: str) -> Jurisdiction:
    """The city whose CPS this login administers; anyone else is refused."""
    jurisdiction = public_jurisdiction(slug)
    if not is_admin_of(user, jurisdiction):
        raise PermissionDenied(
            _("You are not an administrator of %(city)s's Civic Participation System.")
            % {"city": jurisdiction}
        )
    return jurisdiction


def staff_grants(jurisdiction: Jurisdiction) -> QuerySet[RoleGrant]:
    """The grants that make people staff of this city's CPS (what its administrator lists)."""
    return RoleGrant.objects.filter(
        role__in=STAFF_ROLES, organisation_id=jurisdiction.organisation_id
    ).select_related("user")


def departments_first(user: Any, jurisdiction: Jurisdiction) -> list[int]:
    """The departments whose reports a login's queue shows first: the department a
    department staff member works for (set by the administrator, on the invitation or
    later). A supervisor, an administrator or an officer has none: they see every report in
    the usual order. An ordering, never a filter: the staff see the city's whole queue."""
    from intercity.participation.models import StaffDepartment

    if not getattr(user, "is_authenticated", False):
        return []
    # One query: the row, if the person holds the department staff role in this city.
    works_here = RoleGrant.objects.filter(
        user=user, role=Role.DEPARTMENT_STAFF, organisation_id=jurisdiction.organisation_id
    )
    return list(
        StaffDepartment.objects.filter(jurisdiction=jurisdiction)
        .filter(Q(user=user) | Q(user__isnull=True, invitation__accepted_user=user))
        .filter(Exists(works_here))
        .values_list("department_id", flat=True)
    )


def reports_of(jurisdiction: Jurisdiction) -> QuerySet[Report]:
    """Every report query starts here."""
    return Report.objects.filter(jurisdiction=jurisdiction)


def ratings_of(jurisdiction: Jurisdiction) -> QuerySet[Rating]:
    """A city's reporters' ratings of its responses (through its reports)."""
    return Rating.objects.filter(report__jurisdiction=jurisdiction)


def tallies_of(model: type[Any], jurisdiction: Jurisdiction) -> QuerySet[Any]:
    """A dashboard tally's rows (participation.tallies) of one city: counts of its reports,
    scoped as the reports are."""
    rows: QuerySet[Any] = model.objects.filter(jurisdiction=jurisdiction)
    return rows


def report_of(jurisdiction: Jurisdiction, *, public_id: str = "", pk: int | None = None) -> Report:
    """One report of this jurisdiction; a report of another city is 'not found' here."""
    found = reports_of(jurisdiction).select_related("service", "status", "department")
    try:
        if pk is not None:
            return found.get(pk=pk)
        return found.get(public_id=public_id)
    except (Report.DoesNotExist, ValueError):
        raise NotFound(
            _("No report '%(id)s' in %(city)s.") % {"id": public_id or pk, "city": jurisdiction}
        ) from None


def reports_filed_by(user: Any) -> QuerySet[Report]:
    """The reports a signed-in person filed, in every city: a report carries no account,
    only the e-mail address its reporter gave, so they are the reports given with the
    login's own address (the one its invitation went to). A login with no address has none.
    This is the one query of reports not bound to one jurisdiction: it is bound to a person,
    and shows them only what they themselves sent."""
    signed_in = getattr(user, "is_authenticated", False)
    email = (getattr(user, "email", "") or "").strip() if signed_in else ""
    if not email:
        return Report.objects.none()
    return Report.objects.filter(email__iexact=email, jurisdiction__enabled=True)
