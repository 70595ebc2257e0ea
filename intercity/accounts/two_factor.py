"""Two-factor sign-in (decision 0019): an authenticator app's six-digit code (TOTP) after the
password, or one of ten single-use recovery codes. django-otp keeps the devices and throttles
wrong codes; the named actions here confirm, replace and remove them, each with its audit event.

A session remembers, from the moment of the password login, whether its person has a confirmed
device (`NEEDS_SECOND_STEP`), so that the middleware asks no question of the database on the
pages of the great majority who have none."""

from __future__ import annotations

import base64
import re
from typing import Any, cast

import django_otp
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from intercity.accounts.models import User
from intercity.accounts.permissions import is_secretariat, roles_of
from intercity.core import audit
from intercity.core.errors import DomainError

# In the session: this person has a confirmed device, so the password alone is half a sign-in.
NEEDS_SECOND_STEP = "intercity_two_factor"
RECOVERY_CODE_COUNT = 10
DEVICE_NAME = "authenticator"
RECOVERY_NAME = "recovery codes"
SIX_DIGITS = re.compile(r"^\d{6}$")


def has_confirmed_device(user: Any) -> bool:
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def required_for(user: Any) -> bool:
    """Whether this person must sign in with a second factor: they hold one of the roles in
    TWO_FACTOR_REQUIRED_ROLES (a superuser counts as Secretariat staff, as everywhere)."""
    required = set(settings.TWO_FACTOR_REQUIRED_ROLES)
    if not required or not getattr(user, "is_authenticated", False):
        return False
    if "secretariat" in required and is_secretariat(user):
        return True
    return bool(required & roles_of(user))


@receiver(user_logged_in)
def remember_second_step(
    sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any
) -> None:
    if request is None or not hasattr(request, "session"):
        return
    if has_confirmed_device(user):
        request.session[NEEDS_SECOND_STEP] = True
    else:
        request.session.pop(NEEDS_SECOND_STEP, None)


def normalised(code: str) -> str:
    """A code as people type it: spaces and hyphens dropped, any case."""
    return re.sub(r"[\s-]", "", code or "").lower()


def start_setup(user: User) -> TOTPDevice:
    """A new, unconfirmed authenticator for this person, replacing any unconfirmed one: it
    counts for nothing until a code from it confirms it."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        return cast(
            TOTPDevice, TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
        )


def pending_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


def base32_key(device: TOTPDevice) -> str:
    """The device's secret as an authenticator app asks it to be typed."""
    return base64.b32encode(device.bin_key).decode()


def confirm_device(user: User, code: str) -> list[str]:
    """Confirm the pending authenticator with a code from it; return the new recovery codes,
    shown once. Two confirmations at once confirm one device (conditional update)."""
    device = pending_device(user)
    if device is None:
        raise DomainError(_("Start the set-up again: there is no authenticator waiting."))
    if has_confirmed_device(user):
        raise DomainError(_("Two-factor sign-in is already on."))
    allowed, _details = device.verify_is_allowed()
    if not allowed or not device.verify_token(normalised(code)):
        raise DomainError(_("That code is not right. Enter the six digits the app shows now."))
    with transaction.atomic():
        confirmed = TOTPDevice.objects.filter(pk=device.pk, confirmed=False).update(confirmed=True)
        if not confirmed or TOTPDevice.objects.filter(user=user, confirmed=True).count() > 1:
            raise DomainError(_("Two-factor sign-in is already on."))
        codes = _replace_recovery_codes(user)
        audit.record(user, "confirm_two_factor_device", user, after={"device": device.pk})
    device.confirmed = True
    return codes


def _replace_recovery_codes(user: User) -> list[str]:
    static, _created = StaticDevice.objects.select_for_update().get_or_create(
        user=user, defaults={"name": RECOVERY_NAME, "confirmed": True}
    )
    static.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=c) for c in codes])
    return codes


def check_password(user: User, password: str) -> None:
    if not user.check_password(password or ""):
        raise DomainError(_("That is not your password."))


def regenerate_recovery_codes(user: User, password: str) -> list[str]:
    """Ten new recovery codes; the old ones stop working."""
    check_password(user, password)
    with transaction.atomic():
        if not TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).exists():
            raise DomainError(_("Set up two-factor sign-in first."))
        codes = _replace_recovery_codes(user)
        audit.record(user, "regenerate_recovery_codes", user)
    return codes


def turn_off(user: User, password: str) -> None:
    """Remove the authenticator and the recovery codes. Refused to those who must use it."""
    if required_for(user):
        raise DomainError(_("Secretariat staff must sign in with two factors; it stays on."))
    check_password(user, password)
    with transaction.atomic():
        removed, _counts = TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        if removed:
            audit.record(user, "turn_off_two_factor", user)


def verify(user: User, code: str) -> Device | None:
    """The device a second-step code belongs to, or None: six digits are asked of the
    authenticator, anything else is tried as a recovery code, which then works no more. Each
    device counts wrong codes and makes the next attempt wait (django-otp's throttle)."""
    code = normalised(code)
    if not code:
        return None
    if SIX_DIGITS.match(code):
        for device in TOTPDevice.objects.filter(user=user, confirmed=True):
            allowed, _details = device.verify_is_allowed()
            if allowed and device.verify_token(code):
                return cast(Device, device)
        return None
    static = StaticDevice.objects.filter(user=user, confirmed=True).first()
    if static is None or not static.verify_is_allowed()[0]:
        return None
    with transaction.atomic():
        # The delete is the check: two requests with one code, one sign-in.
        used, _counts = StaticToken.objects.filter(device=static, token=code).delete()
        if used:
            audit.record(user, "use_recovery_code", user, after={"left": static.token_set.count()})
    if used:
        static.throttle_reset()
        return cast(Device, static)
    static.throttle_increment()
    return None


def complete_sign_in(request: HttpRequest, device: Device) -> None:
    django_otp.login(request, device)
    request.session[NEEDS_SECOND_STEP] = True


def recovery_codes_left(user: User) -> int:
    return int(StaticToken.objects.filter(device__user=user, device__confirmed=True).count())


def demo_second_factor(user: User) -> tuple[str, list[str]]:
    """For `create_demo_users` only: a confirmed authenticator (kept across runs, so an app
    that has the key keeps working) and ten new recovery codes. Never on a real server."""
    with transaction.atomic():
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            TOTPDevice.objects.filter(user=user).delete()
            device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=True)
        codes = _replace_recovery_codes(user)
        audit.record(None, "regenerate_recovery_codes", user, reason="demo logins")
    return base32_key(device), codes
