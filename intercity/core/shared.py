"""Telling every server process that something it keeps in memory has changed.

A process may keep rows it reads on every request for a few seconds (the CPS intake
catalogue). A change made in one process empties that process's copy at once; the others
learn of it through a *mark* kept in Django's default cache: whoever changes the data writes
a new random mark, and a process whose copy was loaded under another mark loads again.

With REDIS_URL set the cache, and so the mark, is one for every process on every machine;
with the local-memory cache (a local run) it reaches the process itself only, and the others
rely on their copy's expiry. A random mark rather than a counter: nothing to increment
atomically, and a mark the cache lost (None) differs from every mark written, so an evicted
or restarted Redis causes a reload, never a stale read. Read the mark *before* loading what
it guards: a change committed while loading then shows as a new mark on the next look.
"""

from __future__ import annotations

import secrets

from django.core.cache import cache

PREFIX = "changed:"


def mark(name: str) -> str | None:
    """The mark of `name` now: compare it with the one a copy was loaded under."""
    found = cache.get(PREFIX + name)
    return found if isinstance(found, str) else None


def changed(name: str) -> str:
    """Tell every process (sharing this cache) that what `name` guards has changed."""
    new = secrets.token_hex(8)
    cache.set(PREFIX + name, new, timeout=None)
    return new
