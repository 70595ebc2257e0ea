"""Logins and the roles they hold. A role may be bound to one organisation or one network."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A login. What it may do comes from its role grants, not from flags on the user."""

    # The language every page is shown in for this person, wherever they sign in; empty means
    # "the one the browser asks for" (accounts.middleware.PreferredLanguageMiddleware).
    language = models.CharField(
        _("language"), max_length=10, blank=True, choices=settings.LANGUAGES, default=""
    )

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Role(models.TextChoices):
    SECRETARIAT = "secretariat", _("Secretariat staff")
    CITY_OFFICER = "city_officer", _("City officer")
    JUDGE = "judge", _("Award judge")
    NATIONAL_REPRESENTATIVE = "national_representative", _("National representative")
    CITIZEN = "citizen", _("Citizen")
    DEPARTMENT_STAFF = (
        "department_staff",
        _("City department staff (Civic Participation System)"),
    )
    CPS_SUPERVISOR = (
        "cps_supervisor",
        _("City-wide supervisor (Civic Participation System)"),
    )
    CPS_ADMIN = "cps_admin", _("City's administrator (Civic Participation System)")


# Roles that act for one organisation and make no sense without it.
ROLES_BOUND_TO_ORGANISATION = {
    Role.CITY_OFFICER,
    Role.DEPARTMENT_STAFF,
    Role.CPS_SUPERVISOR,
    Role.CPS_ADMIN,
}


class RoleGrant(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(max_length=40, choices=Role.choices)
    organisation = models.ForeignKey(
        "network.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role_grants",
    )
    network = models.ForeignKey(
        "network.Network",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="role_grants",
        help_text=_("Limits the role to one network; empty means every network."),
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            # Coalesce so that "no organisation" counts as one value on SQLite and PostgreSQL.
            models.UniqueConstraint(
                "user",
                "role",
                Coalesce("organisation", 0),
                Coalesce("network", 0),
                name="unique_role_grant",
            ),
            models.CheckConstraint(
                condition=~Q(role="city_officer") | Q(organisation__isnull=False),
                name="city_officer_needs_organisation",
            ),
        ]

    def __str__(self) -> str:
        where = self.organisation or self.network or _("all networks")
        return f"{self.user} · {self.get_role_display()} · {where}"


class Invitation(models.Model):
    """An e-mail asking someone to take a role: they follow its link, choose a login and hold
    the role. Only a hash of the link's token is kept, so the table alone opens no account."""

    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=40, choices=Role.choices)
    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    network = models.ForeignKey(
        "network.Network",
        verbose_name=_("network"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    # The language the invitation's e-mail is written in and the new login starts with.
    language = models.CharField(
        _("language"), max_length=10, blank=True, choices=settings.LANGUAGES, default=""
    )
    invited_by = models.ForeignKey(
        User, null=True, on_delete=models.SET_NULL, related_name="invitations_sent"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_user = models.ForeignKey(
        User,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations_accepted",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    # Set by the nightly `expire_invitations`; an open invitation past `expires_at` is refused
    # before that already, this only records it.
    expired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One open invitation per person, role and organisation: the Secretariat pressing
            # "Invite" twice, or two of its staff at once, send one.
            models.UniqueConstraint(
                models.functions.Lower("email"),
                "role",
                Coalesce("organisation", 0),
                name="one_open_invitation",
                condition=Q(
                    accepted_at__isnull=True, revoked_at__isnull=True, expired_at__isnull=True
                ),
            ),
        ]

    class State(models.TextChoices):
        OPEN = "open", _("open")
        ACCEPTED = "accepted", _("accepted")
        EXPIRED = "expired", _("expired")
        REVOKED = "revoked", _("revoked")

    def __str__(self) -> str:
        return f"{self.email} · {self.get_role_display()}"

    def state(self, now: Any) -> str:
        if self.accepted_at:
            return self.State.ACCEPTED
        if self.revoked_at:
            return self.State.REVOKED
        if self.expired_at or self.expires_at <= now:
            return self.State.EXPIRED
        return self.State.OPEN


class ApiToken(models.Model):
    """A personal API token: the API treats its bearer as the person, with the roles the person
    holds at the time of each call. Only the token's SHA-256 digest is stored; the token itself
    is shown once, when it is made, and its first characters (`prefix`) name it in lists."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=8)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
