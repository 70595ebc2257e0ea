"""Real web server processes for the several-servers tests: `manage.py runserver` on free
loopback ports, on the test database this test has committed its rows to, with whatever else
the test gives them (a shared Redis, a lower limit).

Each is waited for by asking its `/healthz` (a bounded number of short checks, each also
noticing a server that died), and stopped afterwards. What a server wrote to its console is
kept in a file and shown when it fails to start.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.parse import quote, urlencode
from urllib.request import HTTPCookieProcessor, HTTPRedirectHandler, Request, build_opener

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]
START_S = 90  # a loaded two-core machine takes seconds to import the site
REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/0")
# What the machine running the tests may have set that the servers must not inherit.
NOT_INHERITED = {
    "DATABASE_URL",
    "REDIS_URL",
    "CACHE_KEY_PREFIX",
    "STORAGE_URL",
    "AWS_STORAGE_BUCKET_NAME",
    "CPS_RATE_LIMIT_PER_MINUTE",
    "LOGIN_FAILURE_LIMIT",
    "LOGIN_LOCKOUT_MINUTES",
    "CLIENT_IP_HEADER",
}


@dataclass(frozen=True)
class Server:
    url: str
    process: subprocess.Popen[bytes]
    log: Path


@dataclass(frozen=True)
class SharedRedis:
    url: str
    prefix: str


@contextmanager
def shared_redis() -> Iterator[SharedRedis]:
    """A Redis for the servers to share, under a key prefix of this run's own (other runs
    and xdist workers may use the same Redis); its keys are deleted afterwards. Skips the test,
    saying why, when no Redis answers: sharing cannot be shown without one."""
    import redis

    client = redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError as error:
        client.close()
        pytest.skip(f"Redis is not reachable at {REDIS_TEST_URL} ({error}); sharing not tested")
    shared = SharedRedis(REDIS_TEST_URL, f"test-{uuid.uuid4().hex}")
    try:
        yield shared
    finally:
        for key in client.scan_iter(f"{shared.prefix}:*"):
            client.delete(key)
        client.close()


def database_url() -> str:
    """The test database, as DATABASE_URL says it: the servers read what the test committed."""
    found = connection.settings_dict
    if found["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{found['NAME']}"
    if found["ENGINE"] == "django.db.backends.postgresql" and found["HOST"]:
        who = quote(found["USER"] or "", safe="")
        if found["PASSWORD"]:
            who += ":" + quote(found["PASSWORD"], safe="")
        return f"postgres://{who}@{found['HOST']}:{found['PORT'] or 5432}/{found['NAME']}"
    pytest.skip(f"servers are started only on SQLite or PostgreSQL over TCP, not {found}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def servers(count: int, folder: Path, **variables: str) -> Iterator[list[Server]]:
    """`count` servers started at once on the test database with `variables`, each ready."""
    env = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    env |= {
        "DJANGO_SETTINGS_MODULE": "intercity.settings",
        "DATABASE_URL": database_url(),
        "PYTHONUNBUFFERED": "1",
        **variables,
    }
    with ExitStack() as stack:
        started = []
        for n in range(count):
            port = free_port()
            log = folder / f"server-{n}-{port}.log"
            output = stack.enter_context(log.open("wb"))
            command = [sys.executable, "manage.py", "runserver", "--noreload", "--skip-checks"]
            process = subprocess.Popen(  # noqa: S603 - our own manage.py, fixed arguments
                [*command, f"127.0.0.1:{port}"],
                cwd=ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
            stack.callback(stop, process)
            started.append(Server(f"http://127.0.0.1:{port}", process, log))
        for server in started:
            wait_until_healthy(server)
        yield started


def wait_until_healthy(server: Server) -> None:
    deadline = time.monotonic() + START_S
    while time.monotonic() < deadline:
        try:
            if fetch(server.url + "/healthz", timeout=1)[0] == 200:
                return
        except (URLError, ConnectionError, TimeoutError):
            pass
        # Between two checks, wait for the process to end rather than sleep: a server that
        # failed to start is reported at once.
        try:
            code = server.process.wait(timeout=0.2)
        except subprocess.TimeoutExpired:
            continue
        pytest.fail(f"{server.url} stopped ({code}) before serving:\n{server.log.read_text()}")
    pytest.fail(f"{server.url} did not answer /healthz in {START_S}s:\n{server.log.read_text()}")


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


class _NoRedirect(HTTPRedirectHandler):
    """A redirect is an answer to look at (a login's 302), not to follow."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class Browser:
    """Cookies and CSRF tokens across requests, as a browser keeps them; one per person."""

    def __init__(self) -> None:
        self.opener = build_opener(HTTPCookieProcessor(CookieJar()), _NoRedirect())

    def get(self, url: str) -> tuple[int, str]:
        return fetch(url, opener=self.opener)

    def post_form(self, page: str, data: Mapping[str, str]) -> tuple[int, str]:
        """Open the form's page, then post `data` with the page's CSRF token."""
        status, html = self.get(page)
        assert status == 200, html
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        assert token is not None, html
        return fetch(page, {**data, "csrfmiddlewaretoken": token.group(1)}, opener=self.opener)


def fetch(
    url: str,
    data: Mapping[str, str] | None = None,
    *,
    opener: Any = None,
    timeout: float = 30,
) -> tuple[int, str]:
    """GET, or POST `data` as a form; the status and the body, whatever the status."""
    body = urlencode(data).encode() if data is not None else None
    request = Request(url, data=body)  # noqa: S310 - http://127.0.0.1 only
    try:
        with (opener or build_opener(_NoRedirect())).open(request, timeout=timeout) as response:
            return int(response.status), response.read().decode()
    except HTTPError as answer:
        with answer:
            return answer.code, answer.read().decode()
