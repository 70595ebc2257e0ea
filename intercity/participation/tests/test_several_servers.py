"""Several server processes share the CPS rate limit and the intake catalogue's invalidation
through Redis (REDIS_URL), and do not without it.

The other process is a real one (a Python started with the site's settings and REDIS_URL);
this test's process talks to the same Redis under the same key prefix. Without a Redis at
127.0.0.1:6379 (or REDIS_TEST_URL) the Redis tests are skipped and say so; the tests that
show each process alone on its local-memory cache run either way.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis
from django.test import override_settings

from intercity.participation import catalogue, throttle
from intercity.participation.models import Jurisdiction, Service

ROOT = Path(__file__).resolve().parents[3]
REDIS_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/0")
# A window no test run straddles: both processes count in the same one.
WINDOW_S = 10**6


@dataclass(frozen=True)
class SharedCache:
    url: str
    prefix: str


@pytest.fixture
def shared_redis() -> Iterator[SharedCache]:
    """This process's default cache on Redis, under a prefix of its own (xdist workers and
    other runs may share the Redis); its keys are deleted afterwards."""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError as error:
        pytest.skip(f"Redis is not reachable at {REDIS_URL} ({error}); sharing is not tested")
    shared = SharedCache(REDIS_URL, f"test-{uuid.uuid4().hex}")
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": shared.url,
            "KEY_PREFIX": shared.prefix,
        }
    }
    try:
        with override_settings(CACHES=caches):
            yield shared
    finally:
        for key in client.scan_iter(f"{shared.prefix}:*"):
            client.delete(key)
        client.close()


def in_another_process(code: str, shared: SharedCache | None) -> None:
    """Run `code` in a new Python with the site's settings: on `shared` Redis, or (None) on
    its own local-memory cache as `make run` has it."""
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "CACHE_KEY_PREFIX"}}
    env["DJANGO_SETTINGS_MODULE"] = "intercity.settings"
    if shared is not None:
        env |= {"REDIS_URL": shared.url, "CACHE_KEY_PREFIX": shared.prefix}
    program = "import django\ndjango.setup()\n" + textwrap.dedent(code)
    done = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", program],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr


THREE_REPORTS = f"""
    from intercity.participation import throttle
    for _ in range(3):
        throttle.check("203.0.113.7", limit=3, window_s={WINDOW_S})
"""


def test_two_processes_on_redis_count_one_rate_limit(shared_redis):
    in_another_process(THREE_REPORTS, shared_redis)
    with pytest.raises(throttle.RateLimited):
        throttle.check("203.0.113.7", limit=3, window_s=WINDOW_S)
    # Another client keeps its own count.
    throttle.check("203.0.113.8", limit=3, window_s=WINDOW_S)


def test_without_redis_each_process_counts_alone():
    """Why REDIS_URL matters: here the limit is the setting times the processes."""
    in_another_process(THREE_REPORTS, None)
    throttle.check("203.0.113.7", limit=3, window_s=WINDOW_S)


FORGET = """
    from intercity.participation import catalogue
    catalogue.forget()
"""


def withdraw_pothole_unseen(seoul: Jurisdiction) -> None:
    """Withdraw a service without the signal that tells this process (as another process's
    change looks from here)."""
    Service.objects.filter(jurisdiction=seoul, code="pothole").update(active=False)


@override_settings(CPS_CATALOGUE_SECONDS=3600)  # no expiry may stand in for the invalidation
def test_a_change_announced_in_another_process_reaches_this_ones_catalogue(seoul, shared_redis):
    assert "pothole" in catalogue.of(seoul).services
    withdraw_pothole_unseen(seoul)
    assert "pothole" in catalogue.of(seoul).services  # this process's copy, not told yet
    in_another_process(FORGET, shared_redis)
    assert "pothole" not in catalogue.of(seoul).services


@override_settings(CPS_CATALOGUE_SECONDS=3600)
def test_without_redis_another_process_cannot_invalidate_this_ones_catalogue(seoul):
    assert "pothole" in catalogue.of(seoul).services
    withdraw_pothole_unseen(seoul)
    in_another_process(FORGET, None)
    assert "pothole" in catalogue.of(seoul).services  # stale until CPS_CATALOGUE_SECONDS


@override_settings(CPS_CATALOGUE_SECONDS=3600)
def test_a_change_through_the_models_tells_the_other_processes(seoul, shared_redis):
    """This process's own change writes a new mark in Redis that another process reads."""
    loaded = catalogue.of(seoul)
    service = Service.objects.get(jurisdiction=seoul, code="pothole")
    service.active = False
    service.save()  # post_save: forgotten here, and a new mark for everyone
    assert catalogue.shared.mark(catalogue.MARK) != loaded.mark
    in_another_process(
        f"""
        from intercity.core import shared
        from intercity.participation import catalogue
        assert shared.mark(catalogue.MARK) == {catalogue.shared.mark(catalogue.MARK)!r}
        """,
        shared_redis,
    )
