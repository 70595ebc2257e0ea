"""Named actions on logins and roles."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from intercity.accounts.models import ROLES_BOUND_TO_ORGANISATION, Role, RoleGrant, User
from intercity.core import audit
from intercity.core.errors import DomainError


def grant_role(
    actor: Any,
    user: User,
    role: str,
    *,
    organisation_id: int | None = None,
    network_id: int | None = None,
) -> RoleGrant:
    if role not in Role.values:
        raise DomainError(_("Unknown role '%(role)s'.") % {"role": role})
    if role in ROLES_BOUND_TO_ORGANISATION and organisation_id is None:
        raise DomainError(
            _("The role '%(role)s' must name the organisation it acts for.") % {"role": role}
        )
    with transaction.atomic():
        grant, created = RoleGrant.objects.get_or_create(
            user=user, role=role, organisation_id=organisation_id, network_id=network_id
        )
        if created:
            audit.record(
                actor,
                "grant_role",
                user,
                after={"role": role, "organisation": organisation_id, "network": network_id},
            )
    return grant


def choose_language(user: User, language: str) -> None:
    """Save the language a person reads the site in; every later page follows it."""
    if language not in dict(settings.LANGUAGES):
        raise DomainError(_("Unknown language '%(code)s'.") % {"code": language})
    with transaction.atomic():
        before = User.objects.select_for_update().values_list("language", flat=True).get(pk=user.pk)
        if before == language:
            return
        User.objects.filter(pk=user.pk).update(language=language)
        user.language = language
        audit.record(
            user, "choose_language", user, before={"language": before}, after={"language": language}
        )


def roles_held(user: Any) -> list[str]:
    """The roles a login holds, one line each in the reader's language, with what each is
    for ("City officer: Seoul"); a superuser without a grant is the site's administrator."""
    if not getattr(user, "is_authenticated", False):
        return []
    lines = []
    for grant in user.role_grants.select_related("organisation", "network").order_by("pk"):
        where = grant.organisation or grant.network
        role = grant.get_role_display()
        # Translators: a role a person holds and the city or network it is for.
        lines.append(_("%(role)s: %(where)s") % {"role": role, "where": where} if where else role)
    if not lines and user.is_superuser:
        lines.append(str(_("Site administrator")))
    return lines
