"""Who may do what. Every page and API handler asks here; nothing else decides access."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import HttpRequest, HttpResponse
from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy

from intercity.accounts.models import Role
from intercity.core.errors import PermissionDenied


def roles_of(user: Any) -> set[str]:
    if not getattr(user, "is_authenticated", False):
        return set()
    cached: set[str] | None = getattr(user, "_intercity_roles", None)
    if cached is None:
        cached = set(user.role_grants.values_list("role", flat=True))
        user._intercity_roles = cached
    return cached


class SystemActor:
    """The platform itself, acting on a schedule (core/schedules.py): it may do what the
    Secretariat may, and its audit events name no person ("the platform"). It is never a
    request's user, so no one can act as it from a page or the API."""

    is_authenticated = False
    is_superuser = False
    pk = None

    def __str__(self) -> str:
        return gettext("the platform")


SYSTEM = SystemActor()


def is_system(actor: Any) -> bool:
    return isinstance(actor, SystemActor)


def user_or_none(actor: Any) -> Any:
    """The person who acted, for a column that names one; None for the platform itself."""
    return actor if getattr(actor, "is_authenticated", False) else None


def is_secretariat(user: Any) -> bool:
    if is_system(user):
        return True
    return bool(getattr(user, "is_superuser", False)) or Role.SECRETARIAT in roles_of(user)


# What a person who is not Secretariat staff is told, one whole sentence per action, so that
# each is translated as a sentence (never an English fragment inside a translated frame).
# Callers name the action by its key; a caller with a sentence of its own passes `refusal`.
REFUSALS: dict[str, str | Promise] = {
    "publish an instrument version": gettext_lazy(
        "Only Secretariat staff may publish an instrument version."
    ),
    "draft an instrument version": gettext_lazy(
        "Only Secretariat staff may draft an instrument version."
    ),
    "edit an instrument version": gettext_lazy(
        "Only Secretariat staff may edit an instrument version."
    ),
    "adopt a peer policy": gettext_lazy("Only Secretariat staff may adopt a peer policy."),
    "translate assessment content": gettext_lazy(
        "Only Secretariat staff may translate assessment content."
    ),
    "translate award content": gettext_lazy("Only Secretariat staff may translate award content."),
    "review an assessment": gettext_lazy("Only Secretariat staff may review an assessment."),
    "comment on an assessment's answers": gettext_lazy(
        "Only Secretariat staff may comment on an assessment's answers."
    ),
    "remove a review comment": gettext_lazy("Only Secretariat staff may remove a review comment."),
}


# The roles of a city's Civic Participation System that the city's own CPS administrator
# hands out; the Secretariat hands out every role.
CPS_ROLES = (Role.DEPARTMENT_STAFF, Role.CPS_SUPERVISOR, Role.CPS_ADMIN)


def may_invite(actor: Any, role: str, organisation: Any) -> bool:
    """Secretariat staff invite anyone to any role; a city's CPS administrator invites people
    to the CPS roles of that city only (its department staff, supervisors, administrators)."""
    if is_secretariat(actor):
        return True
    if role not in CPS_ROLES or organisation is None:
        return False
    if not getattr(actor, "is_authenticated", False):
        return False
    return bool(
        actor.role_grants.filter(role=Role.CPS_ADMIN, organisation_id=organisation.pk).exists()
    )


def require_secretariat(actor: Any, action: str = "", *, refusal: str | Promise = "") -> None:
    """Refuse an action to anyone but Secretariat staff. The person is told `refusal`, a whole
    translated sentence, else the sentence `REFUSALS` holds for `action`, else that only the
    Secretariat may do this. Services call this; the edge turns the refusal into a 403."""
    if not is_secretariat(actor):
        message = refusal or REFUSALS.get(action) or gettext("Only Secretariat staff may do this.")
        raise PermissionDenied(str(message))


def officer_organisation_ids(user: Any) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        user.role_grants.filter(role=Role.CITY_OFFICER).values_list("organisation_id", flat=True)
    )


def national_representative_grants(user: Any) -> list[tuple[int | None, int | None]]:
    """(network id, organisation id) of each national representative role a login holds; a
    grant's organisation names the country it represents (its country), its network the
    network it represents it in (none: every network)."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        user.role_grants.filter(role=Role.NATIONAL_REPRESENTATIVE)
        .order_by("pk")
        .values_list("network_id", "organisation_id")
    )


def can_edit_organisation(user: Any, organisation_id: int) -> bool:
    """Secretariat staff edit any profile; a city officer edits only their own organisation's."""
    return is_secretariat(user) or organisation_id in officer_organisation_ids(user)


def secretariat_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page for Secretariat staff: others are sent to log in, or refused (403)."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_secretariat(request.user):
            raise HttpForbidden(gettext("This page is for Secretariat staff."))
        return view(request, *args, **kwargs)

    return wrapped
