"""A fixed-window rate limit per client (an API key or an address), kept in Django's cache.

With the default local-memory cache each server process counts on its own, so the real
limit is the setting times the number of processes; with REDIS_URL set every process on every
machine adds to one count (Redis's INCR is atomic; docs/deploy.md).
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from intercity.core.errors import DomainError


class RateLimited(DomainError):
    status_code = 429


def check(client: str, *, limit: int | None = None, window_s: int = 60) -> None:
    """Count one request of `client`; refuse it when the window's limit is reached."""
    limit = limit if limit is not None else settings.CPS_RATE_LIMIT_PER_MINUTE
    if limit <= 0:
        return
    window = int(time.time() // window_s)
    key = f"cps-rate:{client}:{window}"
    if cache.add(key, 1, timeout=window_s + 1):
        return
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window_s + 1)
        return
    if count > limit:
        raise RateLimited(
            _("Too many reports from this client: at most %(limit)s a minute. Try again shortly.")
            % {"limit": limit}
        )
