"""Login throttling (django-axes): who a failed login is counted against, and what a locked
out person is told.

Failures are counted per account and per client address, in the database, so every server
process sees the same count (`make run` serves with several)."""

from __future__ import annotations

import hashlib
import ipaddress
import time
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse


def client_address(request: HttpRequest) -> str | None:
    """The address a request came from: `REMOTE_ADDR`, or behind a proxy the header named by
    `CLIENT_IP_HEADER`, which the proxy must set itself. For a list (`X-Forwarded-For`) the
    right-most address counts: the one the nearest proxy added, which a client cannot forge.
    Not an IP address (a garbled header, a request made in code): REMOTE_ADDR, else None."""
    configured = str(request.META.get(settings.CLIENT_IP_HEADER) or "").split(",")[-1]
    for candidate in (configured, str(request.META.get("REMOTE_ADDR") or "")):
        try:
            return str(ipaddress.ip_address(candidate.strip()))
        except ValueError:
            continue
    return None


def within_limit(scope: str, who: str, limit: int, seconds: int = 3600) -> bool:
    """Count one more attempt of `who` at `scope` in the current window of `seconds` and say
    whether it is still within `limit`. The count lives in the cache: with REDIS_URL it is
    one count for every server process (an add then an atomic increment)."""
    digest = hashlib.sha256(who.strip().lower().encode()).hexdigest()[:32]
    key = f"throttle:{scope}:{digest}:{int(time.time()) // seconds}"
    cache.add(key, 0, timeout=seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between the add and the increment: a new window
        cache.add(key, 1, timeout=seconds)
        count = 1
    return count <= limit


def lockout_minutes() -> int:
    cool_off: timedelta = settings.AXES_COOLOFF_TIME
    return max(1, round(cool_off.total_seconds() / 60))


def lockout_response(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """The login page again, saying why the login was refused and for how long (429)."""
    form = AuthenticationForm(request, data=None)
    context = {
        "form": form,
        "locked_out": True,
        "lockout_minutes": lockout_minutes(),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "next": request.POST.get("next", request.GET.get("next", "")),
    }
    response = TemplateResponse(request, "registration/login.html", context, status=429)
    response["Retry-After"] = str(lockout_minutes() * 60)
    return response.render()
