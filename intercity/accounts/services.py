"""Named actions on logins and roles."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from intercity.accounts.models import ROLES_BOUND_TO_ORGANISATION, ApiToken, Role, RoleGrant, User
from intercity.core import audit
from intercity.core.errors import DomainError, NotFound


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


# --- Personal API tokens (decision 0019) ---------------------------------------------------

TOKEN_BYTES = 32
# last_used_at is written at most this often: a busy script does not write on every call.
LAST_USED_EVERY = dt.timedelta(minutes=1)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_api_token(
    user: User, name: str, *, expires_at: dt.datetime | None = None
) -> tuple[ApiToken, str]:
    """A new token for this person; the token itself is returned once and never stored."""
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Give the token a name, to tell it apart later."))
    if expires_at is not None and expires_at <= timezone.now():
        raise DomainError(_("Choose an expiry date in the future."))
    token = secrets.token_urlsafe(TOKEN_BYTES)
    with transaction.atomic():
        api_token = ApiToken.objects.create(
            user=user,
            name=name,
            prefix=token[:8],
            digest=token_digest(token),
            expires_at=expires_at,
        )
        audit.record(
            user,
            "create_api_token",
            api_token,
            after={"name": name, "prefix": api_token.prefix, "expires_at": expires_at},
        )
    return api_token, token


def revoke_api_token(user: User, token_id: int) -> ApiToken:
    """Revoke one of this person's own tokens; the next call with it is refused. Revoking twice
    (two clicks at once) revokes once."""
    with transaction.atomic():
        api_token = ApiToken.objects.select_for_update().filter(pk=token_id, user=user).first()
        if api_token is None:
            raise NotFound(_("No such token."))
        now = timezone.now()
        # The conditional update is the check: of two revocations at once, one takes effect.
        revoked = ApiToken.objects.filter(pk=api_token.pk, revoked_at__isnull=True).update(
            revoked_at=now
        )
        if revoked:
            audit.record(user, "revoke_api_token", api_token, after={"prefix": api_token.prefix})
    api_token.refresh_from_db(fields=["revoked_at"])
    return api_token


def user_for_api_token(token: str) -> User | None:
    """The person a presented token acts for, or None when it is unknown, revoked or expired.
    Marks the token used, at most once a minute."""
    if not token:
        return None
    now = timezone.now()
    api_token = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(token), revoked_at__isnull=True, user__is_active=True)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .first()
    )
    if api_token is None:
        return None
    if api_token.last_used_at is None or api_token.last_used_at <= now - LAST_USED_EVERY:
        ApiToken.objects.filter(pk=api_token.pk).filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - LAST_USED_EVERY)
        ).update(last_used_at=now)
    return api_token.user


def api_tokens_of(user: User) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user=user))
