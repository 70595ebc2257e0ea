"""Named actions on logins and roles."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any, cast

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intercity.accounts import permissions
from intercity.accounts.models import (
    ROLES_BOUND_TO_ORGANISATION,
    ApiToken,
    Invitation,
    Role,
    RoleGrant,
    User,
)
from intercity.core import audit
from intercity.core.errors import DomainError, NotFound, PermissionDenied
from intercity.core.links import absolute_url


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


def revoke_role(actor: Any, user: User, role: str, *, organisation_id: int | None = None) -> bool:
    """Take a role from a login (the caller has decided the actor may); whether it held it."""
    with transaction.atomic():
        grants = RoleGrant.objects.filter(user=user, role=role)
        if organisation_id is None:
            grants = grants.filter(organisation__isnull=True)
        else:
            grants = grants.filter(organisation_id=organisation_id)
        deleted, _counts = grants.delete()
        if deleted:
            audit.record(
                actor, "revoke_role", user, before={"role": role, "organisation": organisation_id}
            )
    return bool(deleted)


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


# --- Passwords ---------------------------------------------------------------------------


def set_password(user: User, password: str, *, verb: str) -> None:
    """Save a new password for `user` ("change_password" when they typed their old one,
    "reset_password" when they came from a reset e-mail); the password itself is never audited."""
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        audit.record(user, verb, user)


# --- Invitations -------------------------------------------------------------------------

INVITE_REFUSAL = gettext_lazy("Only Secretariat staff may invite people.")
REVOKE_REFUSAL = gettext_lazy(
    "Only the Secretariat, or the city's administrator for its own staff, may revoke this "
    "invitation."
)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _expire(invitations: Any, now: dt.datetime) -> list[Invitation]:
    """Mark the open invitations among `invitations` whose time is up; inside a transaction."""
    due = list(
        invitations.select_for_update()
        .filter(
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expired_at__isnull=True,
            expires_at__lte=now,
        )
        .order_by("pk")
    )
    for invitation in due:
        # Conditional: a row another process marked meanwhile is not marked (or audited) twice.
        if (
            Invitation.objects.filter(pk=invitation.pk, expired_at__isnull=True).update(
                expired_at=now
            )
            == 1
        ):
            invitation.expired_at = now
            audit.record(None, "expire_invitation", invitation, after={"expired_at": now})
    return due


def expire_invitations(now: dt.datetime) -> int:
    """Mark every open invitation whose link has run out as expired; returns how many were
    marked. Run nightly; running it twice marks nothing the second time."""
    with transaction.atomic():
        return len(_expire(Invitation.objects.all(), now))


@dataclass(frozen=True)
class Issued:
    """An invitation just made and the token its link carries (shown nowhere else)."""

    invitation: Invitation
    token: str


def invite(
    actor: Any,
    email: str,
    role: str,
    organisation: Any = None,
    network: Any = None,
    *,
    language: str = "",
    now: dt.datetime | None = None,
) -> Issued:
    """Invite `email` to hold `role` (in `organisation`, limited to `network`); the e-mail
    with the link leaves once the invitation is saved. Secretariat staff invite to any role;
    a city's CPS administrator to its CPS roles (`permissions.may_invite`)."""
    if not permissions.may_invite(actor, role, organisation):
        raise PermissionDenied(str(INVITE_REFUSAL))
    email = User.objects.normalize_email(email.strip())
    if not email or "@" not in email:
        raise DomainError(_("Enter the e-mail address of the person to invite."))
    if role not in Role.values:
        raise DomainError(_("Unknown role '%(role)s'.") % {"role": role})
    if role in ROLES_BOUND_TO_ORGANISATION and organisation is None:
        raise DomainError(
            _("The role '%(role)s' must name the organisation it acts for.")
            % {"role": Role(role).label}
        )
    if language and language not in dict(settings.LANGUAGES):
        raise DomainError(_("Unknown language '%(code)s'.") % {"code": language})
    now = now or timezone.now()
    token = secrets.token_urlsafe(32)
    same = Q(email__iexact=email, role=role, organisation=organisation)
    try:
        with transaction.atomic():
            _expire(Invitation.objects.filter(same), now)
            invitation = Invitation.objects.create(
                email=email,
                role=role,
                organisation=organisation,
                network=network,
                language=language,
                invited_by=actor,
                token_hash=token_hash(token),
                expires_at=now + dt.timedelta(days=settings.INVITATION_DAYS),
            )
            audit.record(
                actor,
                "invite",
                invitation,
                after={
                    "email": email,
                    "role": role,
                    "organisation": organisation,
                    "network": network,
                    "expires_at": invitation.expires_at,
                },
            )
            transaction.on_commit(functools.partial(send_invitation, invitation, token))
    except IntegrityError:
        raise DomainError(
            _(
                "%(email)s already has an open invitation for this role and organisation: "
                "revoke it first to send a new one."
            )
            % {"email": email}
        ) from None
    return Issued(invitation, token)


def open_invitations(organisation_id: int, roles: Any, now: dt.datetime) -> list[Invitation]:
    """The invitations to these roles of an organisation still waiting for an answer (neither
    accepted, revoked nor expired), oldest first."""
    return list(
        Invitation.objects.filter(
            organisation_id=organisation_id,
            role__in=list(roles),
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expired_at__isnull=True,
            expires_at__gt=now,
        ).order_by("created_at", "pk")
    )


def send_invitation(invitation: Invitation, token: str) -> None:
    """The invitation e-mail, in the invitation's language, its link built from SITE_URL."""
    language = invitation.language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "invitation": invitation,
            "inviter": invitation.invited_by,
            "role": invitation.get_role_display(),
            "link": absolute_url("accept_invitation", token),
            "site_name": settings.SITE_NAME,
            "days": settings.INVITATION_DAYS,
        }
        subject = " ".join(render_to_string("accounts/invitation_subject.txt", context).split())
        text = render_to_string("accounts/invitation_email.txt", context)
        html = render_to_string("accounts/invitation_email.html", context)
    message = EmailMultiAlternatives(subject, text, to=[invitation.email])
    message.attach_alternative(html, "text/html")
    message.send()


def revoke_invitation(actor: Any, invitation: Invitation, now: dt.datetime | None = None) -> None:
    """Withdraw an open invitation: its link no longer works. Whoever may issue it may
    withdraw it: the Secretariat any, a city's CPS administrator those to its CPS roles."""
    if not permissions.may_invite(actor, invitation.role, invitation.organisation):
        raise PermissionDenied(str(REVOKE_REFUSAL))
    now = now or timezone.now()
    with transaction.atomic():
        revoked = Invitation.objects.filter(
            pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True
        ).update(revoked_at=now)
        if not revoked:
            raise DomainError(_("This invitation was already accepted or revoked."))
        invitation.revoked_at = now
        audit.record(actor, "revoke_invitation", invitation, after={"revoked_at": now})


def find_invitation(token: str) -> Invitation:
    """The invitation a link's token opens, whatever its state; NotFound if none."""
    invitation = (
        Invitation.objects.select_related("organisation", "network", "invited_by")
        .filter(token_hash=token_hash(token))
        .first()
    )
    if invitation is None:
        raise NotFound(_("This invitation link is not valid. Check that you copied all of it."))
    return invitation


def refusal(invitation: Invitation, now: dt.datetime) -> str:
    """Why this invitation can no longer be accepted, or "" if it can."""
    state = invitation.state(now)
    if state == Invitation.State.ACCEPTED:
        return _("This invitation was already accepted. Log in with the account it created.")
    if state == Invitation.State.REVOKED:
        return _("This invitation was revoked. Ask the Secretariat for a new one if you need it.")
    if state == Invitation.State.EXPIRED:
        return _("This invitation has expired. Ask the Secretariat to send you a new one.")
    return ""


def accept_invitation(
    token: str,
    username: str = "",
    password: str = "",
    *,
    full_name: str = "",
    user: Any = None,
    now: dt.datetime | None = None,
) -> User:
    """Accept an invitation: a new login (`username`, `password`) with the invitation's e-mail,
    or, when `user` is the signed-in holder of that e-mail, the role added to their login.
    Two accepts of one link at once make one account."""
    now = now or timezone.now()
    with transaction.atomic():
        invitation = find_invitation(token)
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        problem = refusal(invitation, now)
        if problem:
            raise DomainError(problem, status=409)
        signed_in = user is not None and getattr(user, "is_authenticated", False)
        if signed_in:
            if user.email.lower() != invitation.email.lower():
                raise DomainError(
                    _(
                        "This invitation is for %(email)s; you are logged in with another "
                        "e-mail address. Log out, then open the link again."
                    )
                    % {"email": invitation.email},
                    status=403,
                )
            person = cast(User, user)
        else:
            person = _new_login(invitation, username, password, full_name)
        # The conditional update is what makes a second accept of the same link fail, even
        # where the database ignores the row lock above.
        claimed = Invitation.objects.filter(
            pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True
        ).update(accepted_at=now, accepted_user=person)
        if not claimed:
            raise DomainError(refusal(Invitation.objects.get(pk=invitation.pk), now), status=409)
        grant_role(
            invitation.invited_by,
            person,
            invitation.role,
            organisation_id=invitation.organisation_id,
            network_id=invitation.network_id,
        )
        audit.record(
            person,
            "accept_invitation",
            invitation,
            after={"user": person.pk, "new_login": not signed_in},
        )
    return person


def _new_login(invitation: Invitation, username: str, password: str, full_name: str) -> User:
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise DomainError(
            _(
                "There is already a login for %(email)s. Log in with it, then open the link "
                "again to add the role to it."
            )
            % {"email": invitation.email},
            status=409,
        )
    username = username.strip()
    if not username:
        raise DomainError(_("Choose a username."))
    try:
        User._meta.get_field("username").run_validators(username)
    except ValidationError as error:
        raise DomainError(" ".join(error.messages)) from None
    if User.objects.filter(username__iexact=username).exists():
        raise DomainError(_("That username is taken; choose another."), status=409)
    first, _space, last = full_name.strip().partition(" ")
    person = User(
        username=username,
        email=invitation.email,
        first_name=first[:150],
        last_name=last[:150],
        language=invitation.language,
    )
    try:
        validate_password(password, person)
    except ValidationError as error:
        raise DomainError(" ".join(error.messages)) from None
    person.set_password(password)
    person.save()
    audit.record(person, "create_login", person, after={"username": username, "via": "invitation"})
    return person


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
