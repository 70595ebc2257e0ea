"""Who may do what. Every page and API handler asks here; nothing else decides access."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext

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


def is_secretariat(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False)) or Role.SECRETARIAT in roles_of(user)


def require_secretariat(actor: Any, what: str = "") -> None:
    """Refuse an action to anyone but Secretariat staff; `what` names the action in the message
    ("publish an instrument version" -> "Only Secretariat staff may publish an instrument
    version."). Services call this; the edge turns the refusal into a 403."""
    if not is_secretariat(actor):
        if what:
            # Translators: %(action)s is an action named by the calling module, in English.
            raise PermissionDenied(
                gettext("Only Secretariat staff may %(action)s.") % {"action": what}
            )
        raise PermissionDenied(gettext("Only Secretariat staff may do this."))


def officer_organisation_ids(user: Any) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        user.role_grants.filter(role=Role.CITY_OFFICER).values_list("organisation_id", flat=True)
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
