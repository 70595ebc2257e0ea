"""Accounts: logins and the roles that every module shares (the Secretariat, a city's officer,
a country's representative). Roles that belong to one module are declared in its manifest;
`accounts.models.Role` lists them all, since a grant is stored with its code."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from intercity.core.modules import Job, Link, Manifest, Section


def menu(request: HttpRequest) -> list[Link]:
    """Secretariat staff invite people from the header."""
    # Imported here: the manifest is read while the apps load, before models may be.
    from intercity.accounts.permissions import is_secretariat

    # A page rendered before the authentication middleware ran (an early error) has no user.
    user = getattr(request, "user", None)
    if user is None or not is_secretariat(user):
        return []
    return [Link(gettext("Invitations"), reverse("invitations"))]


def start_sections(request: HttpRequest) -> list[Section]:
    """Who the person is here (their roles, one line each), or, with no role yet, what they
    can do and how to get a role: the Secretariat invites people to one."""
    from intercity.accounts import services

    held = services.roles_held(request.user)
    if held:
        return [
            Section(
                gettext("Your roles"),
                template="accounts/_start_roles.html",
                context={"roles": held},
                anchor="roles",
                order=0,
            )
        ]
    if not getattr(request.user, "is_authenticated", False) or request.user.is_superuser:
        return []
    return [
        Section(
            gettext("Welcome"),
            template="accounts/_start_no_role.html",
            anchor="no-role",
            order=0,
        )
    ]


def expire_invitations(now: dt.datetime) -> dict[str, Any]:
    from intercity.accounts import services

    return {"expired": services.expire_invitations(now)}


def describe_expiry(details: dict[str, Any]) -> str:
    count = details.get("expired", 0)
    return ngettext("%(count)d invitation expired", "%(count)d invitations expired", count) % {
        "count": count
    }


INVITATION_EXPIRY = Job(
    name="accounts.invitation-expiry",
    cron="5 * * * *",
    label=cast(str, _("Invitation expiry")),
    rhythm=cast(str, _("Every hour, at five past.")),
    description=cast(
        str,
        _(
            "Marks every open invitation whose link has run out as expired, so that the "
            "invitations page shows it and nobody can accept it."
        ),
    ),
    run=expire_invitations,
    describe=describe_expiry,
)


manifest = Manifest(
    name="accounts",
    label=_("Accounts and roles"),  # type: ignore[arg-type]
    urls=("intercity.accounts.urls",),
    menu=menu,
    roles=("secretariat", "city_officer", "national_representative"),
    start_sections=start_sections,
    schedules=(INVITATION_EXPIRY,),
)
