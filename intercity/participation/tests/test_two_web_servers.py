"""Two real web servers (two `manage.py runserver` processes on two loopback ports, one test
database) count one CPS rate limit when they share a Redis (REDIS_URL), and one each when
they do not: an Open311 app that has used its reports on server A is refused on server B.

Skipped, saying why, when no Redis answers at 127.0.0.1:6379 (or REDIS_TEST_URL); the test
without Redis runs either way.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable

import pytest

from intercity.core.tests.servers import Server, fetch, servers, shared_redis
from intercity.participation import services
from intercity.participation.models import Jurisdiction, Report
from intercity.participation.tests.factories import IN_SEOUL, staff_of

LIMIT = 3


def seoul() -> Jurisdiction:
    return Jurisdiction.objects.get(slug="seoul")


@pytest.fixture
def seoul_fix_app(committed_seed: None) -> Callable[[], str]:
    """Issues Seoul's 'Seoul Fix' app a new key (each key is a new client with its own count),
    committed where the servers read it."""
    jiwoo = staff_of("jiwoo", "seoul")

    def issue() -> str:
        return services.issue_api_key(jiwoo, seoul(), "Seoul Fix app")[1]

    return issue


def file_report(server: Server, api_key: str) -> int:
    status, body = fetch(
        server.url + "/open311/v2/seoul/requests.json",
        {
            "api_key": api_key,
            "service_code": "pothole",
            "lat": str(IN_SEOUL[0]),
            "long": str(IN_SEOUL[1]),
            "description": "A large pothole in the right lane",
        },
    )
    if status == 429:
        assert "Too many reports" in json.loads(body)[0]["description"]
    return status


def statuses_in_one_minute(
    a: Server, b: Server, issue: Callable[[], str]
) -> tuple[str, list[int], list[int]]:
    """Three reports through A, B, A, then one through each again, all in one minute of the
    fixed-window limit. A run that crossed into the next minute (the count starts again) is
    repeated once with a new key; it cannot cross again within seconds."""
    for _ in range(2):
        api_key = issue()
        minute = int(time.time() // 60)
        allowed = [file_report(server, api_key) for server in (a, b, a)]
        after = [file_report(server, api_key) for server in (b, a)]
        if int(time.time() // 60) == minute:
            return api_key, allowed, after
    pytest.fail("two runs in a row crossed a minute boundary")


def test_servers_sharing_redis_refuse_on_b_what_was_used_up_on_a(seoul_fix_app, tmp_path):
    with (
        shared_redis() as redis,
        servers(
            2,
            tmp_path,
            REDIS_URL=redis.url,
            CACHE_KEY_PREFIX=redis.prefix,
            CPS_RATE_LIMIT_PER_MINUTE=str(LIMIT),
        ) as (a, b),
    ):
        api_key, allowed, after = statuses_in_one_minute(a, b, seoul_fix_app)
    assert allowed == [200, 200, 200]
    assert after == [429, 429]
    # The refused reports were not saved.
    assert Report.objects.filter(client=services.client_for_key(seoul(), api_key)).count() == 3


def test_servers_without_redis_each_count_alone(seoul_fix_app, tmp_path):
    """What REDIS_URL changes: here B accepts what A would refuse."""
    with servers(2, tmp_path, CPS_RATE_LIMIT_PER_MINUTE=str(LIMIT)) as (a, b):
        api_key, allowed, after = statuses_in_one_minute(a, b, seoul_fix_app)
    # A counted three and B two: neither reached the limit one shared count passed.
    assert allowed == [200, 200, 200]
    assert after == [200, 200]
    assert Report.objects.filter(client=services.client_for_key(seoul(), api_key)).count() == 5
