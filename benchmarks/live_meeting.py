"""Benchmark: a live General Assembly of 400 connected participants on this machine.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/intercity_live \
        .venv/bin/python benchmarks/live_meeting.py [--clients 400] [--votes 200] [--seconds 10]

It migrates and seeds the database DATABASE_URL names (default: a throwaway SQLite file),
makes a WeGO General Assembly in session with one secret and one named motion, one
delegate per member (100 members, each checked in) with a session and an API token, and
starts the real server (granian, as scripts/serve starts it, DEBUG off) on a free loopback
port. Then:

- --clients participants' pages poll their live regions every second, as htmx does (`?v=`,
  204 while nothing changed), each over its own keep-alive connection, from one asyncio
  loop: a delegate's phone polls its own region (with its session and signed ticket) and the
  room's board; the other pages poll the board (the projector's region);
- after 8 s (every page has had its first answer), the baseline under the same polling: as
  many GET /healthz (a view that does nothing) as there will be votes, over half the time;
- then --votes ballots are cast through the API (`POST .../ballots`, Bearer token) evenly
  over --seconds seconds, secret ballots first then named ones.

It prints the p50/p95 of a vote's acknowledgement, the p95 of the update reaching the
projector (for each projector client and each vote, from the vote's acknowledgement to the
first answer of that client whose turnout counts it: ballots are ranked by acknowledgement,
so the k-th acknowledged ballot is seen when turnout reaches k), the polls' rate, share of 204
and p95, errors, and the ratio of the vote's p95 to the baseline's.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from http.client import HTTPConnection
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
TURNOUT = re.compile(r"(\d+) of \d+ present members")
# Every page's first poll (at version 0) renders its region: 500 renders in the first second.
# That wave, which in a real room is spread over the minutes the pages are opened, passes
# before anything is measured.
WARM_UP_S = 8.0


def p(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Setup:
    slug: str
    key: str
    projector: str
    motions: list[int]
    tokens: list[str]
    cookies: list[str]
    tickets: list[str]


def prepare(votes: int) -> Setup:
    """The meeting, its delegates (sessions and tokens) and its two open motions."""
    import datetime as dt

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.utils import timezone

    from intercity.accounts import services as accounts
    from intercity.accounts.models import User
    from intercity.accounts.permissions import SYSTEM
    from intercity.governance import services
    from intercity.governance.models import Decision, Participant
    from intercity.governance.services import live
    from intercity.network.models import Network

    call_command("migrate", verbosity=0)
    wego = Network.objects.filter(slug="wego").first()
    if wego is None:
        call_command("seed", verbosity=0)
        wego = Network.objects.get(slug="wego")
    run = secrets.token_hex(3)
    meeting = services.create_meeting(
        SYSTEM,
        wego,
        "general-assembly",
        title=f"Benchmark assembly {run}",
        date=timezone.localdate() + dt.timedelta(days=1),
        key=f"bench-{run}",
    )
    item = services.add_agenda_item(SYSTEM, meeting, number="1", title="Votes")
    services.set_meeting_status(SYSTEM, meeting, "in_session")
    tokens, cookies, tickets = [], [], []
    for participant in meeting.participants.filter(organisation__isnull=False):
        services.check_in(SYSTEM, participant, Participant.Attendance.REMOTE)
    voters = services.roll(meeting)
    categories = services.voting_categories(wego)
    participants = [
        p
        for p in meeting.participants.select_related("organisation")
        if p.organisation is not None and voters.refusal(p.organisation, categories) is None
    ][:votes]
    # Enough motions for the votes, one ballot per member on each: secret, named, secret...
    motions = [
        services.propose_motion(
            SYSTEM, item, title=f"Motion {m + 1}", vote_mode="secret" if m % 2 == 0 else "roll_call"
        )
        for m in range(-(-votes // max(1, len(participants))))
    ]
    for n, participant in enumerate(participants):
        user = User.objects.create_user(f"bench-{run}-{n}")  # no password: no hashing
        assert participant.organisation is not None
        delegate = live.designate_delegate(SYSTEM, meeting, participant.organisation, user)
        tickets.append(quote(live.poll_ticket(delegate)))
        tokens.append(accounts.create_api_token(user, "benchmark")[1])
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
        cookies.append(f"{settings.SESSION_COOKIE_NAME}={session.session_key}")
    assert Decision.objects.filter(pk=motions[0].pk, status="open").exists()
    return Setup(
        wego.slug,
        meeting.key,
        live.live_settings(meeting).projector_key,
        [m.pk for m in motions],
        tokens,
        cookies,
        tickets,
    )


class Server:
    """granian serving intercity.wsgi:application, as scripts/serve starts it."""

    def __init__(self, database_url: str, workers: int, threads: int) -> None:
        self.port = free_port()
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 - closed by stop()
        environment = {
            **os.environ,
            "DATABASE_URL": database_url,
            "DEBUG": "false",
            "DJANGO_SETTINGS_MODULE": "intercity.settings",
        }
        self.process = subprocess.Popen(  # noqa: S603 - our server, our app
            [
                str(ROOT / ".venv" / "bin" / "granian"),
                "intercity.wsgi:application",
                "--interface",
                "wsgi",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--workers",
                str(workers),
                "--blocking-threads",
                str(threads),
                "--no-ws",
            ],
            cwd=ROOT,
            env=environment,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"granian exited: {self.output()}")
            with contextlib.suppress(OSError):
                conn = HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    return
            time.sleep(0.2)
        raise RuntimeError(f"granian did not answer within 60 s: {self.output()}")

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-2000:]

    def stop(self) -> None:
        self.process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(10)
        if self.process.poll() is None:
            self.process.kill()
        self.log.close()


@dataclass
class Results:
    polls: list[float] = field(default_factory=list)
    unchanged: int = 0
    poll_errors: int = 0
    # (client, moment the answer arrived, turnout it showed)
    seen: list[tuple[int, float, int]] = field(default_factory=list)
    acks: list[tuple[float, float]] = field(default_factory=list)  # (arrived, latency)
    vote_errors: list[str] = field(default_factory=list)
    baseline: list[float] = field(default_factory=list)


class Connection:
    """One keep-alive HTTP/1.1 connection, as a browser holds one: the load runs in one
    asyncio loop rather than 400 threads, so that the client takes as little as it can of the
    two cores it shares with the server."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(
        self, method: str, path: str, headers: dict[str, str], body: str = ""
    ) -> tuple[int, str]:
        try:
            return await asyncio.wait_for(self._request(method, path, headers, body), 30)
        except BaseException:
            self.close()
            raise

    async def _request(
        self, method: str, path: str, headers: dict[str, str], body: str
    ) -> tuple[int, str]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        assert self.reader is not None
        payload = body.encode()
        lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{self.port}"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        lines.append(f"Content-Length: {len(payload)}")
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + payload)
        head = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status = int(head[0].split()[1])
        fields = {
            name.strip().lower(): value.strip()
            for name, _sep, value in (line.partition(":") for line in head[1:] if line)
        }
        if status in (204, 304):
            content = b""
        elif fields.get("transfer-encoding", "").lower() == "chunked":
            content = b""
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                if size == 0:
                    await self.reader.readuntil(b"\r\n")  # the end of the (empty) trailers
                    break
                content += (await self.reader.readexactly(size + 2))[:-2]
        else:
            content = await self.reader.readexactly(int(fields.get("content-length", "0")))
        if fields.get("connection", "").lower() == "close":
            self.close()
        return status, content.decode(errors="replace")

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


VERSION = re.compile(r'data-version="([\d-]+)"')


async def poller(
    port: int,
    path: str,
    query: str,
    cookie: str,
    client: int | None,
    stop: asyncio.Event,
    out: Results,
) -> None:
    """A region of a participant's page: it asks every second with the version it shows, as
    htmx's `every 1s` does (the next question a second after the last answer)."""
    conn = Connection(port)
    headers = {"HX-Request": "true", **({"Cookie": cookie} if cookie else {})}
    version = "0"
    await asyncio.sleep(random.random())  # noqa: S311 - pages are opened at different moments
    while not stop.is_set():
        began = time.perf_counter()
        try:
            status, body = await conn.request("GET", f"{path}?{query}v={version}", headers)
        except Exception:  # a failed poll is counted, not fatal
            status, body = 0, ""
        arrived = time.perf_counter()
        out.polls.append(arrived - began)
        if status == 204:
            out.unchanged += 1
        elif status != 200:
            out.poll_errors += 1
        if status == 200:
            found = VERSION.search(body)
            version = found.group(1) if found else version
            if client is not None:  # the board: what its turnout shows, and when
                out.seen.append((client, arrived, sum(int(n) for n in TURNOUT.findall(body))))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), 1.0)
    conn.close()


async def scheduled(count: int, seconds: float, start: float, act: Any, pool: list[Any]) -> None:
    """`count` calls of act(conn, i) evenly over `seconds` from `start`, each on a free
    connection of the pool."""
    free: asyncio.Queue[Any] = asyncio.Queue()
    for conn in pool:
        free.put_nowait(conn)

    async def one(i: int) -> None:
        delay = start + i * seconds / count - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        conn = await free.get()
        try:
            await act(conn, i)
        except Exception:  # act counted the failure; the connection reopens on its next use
            conn.close()
        finally:
            free.put_nowait(conn)

    await asyncio.gather(*(one(i) for i in range(count)))


async def load(args: argparse.Namespace, setup: Setup, port: int, out: Results) -> float:
    """The room: every page polling, then the baseline, then the votes; the votes' duration."""
    stop = asyncio.Event()
    base = f"/networks/{setup.slug}/meetings/{setup.key}/live/"
    board = f"{base}projector/{setup.projector}/fragment/"
    members = len(setup.tokens)
    delegates = min(len(setup.cookies), args.clients)
    regions = []
    for c in range(args.clients):
        if c < delegates:
            # A delegate's phone: its own region (with its session and ticket) and the board.
            own = f"t={setup.tickets[c]}&"
            regions.append(poller(port, f"{base}fragment/", own, setup.cookies[c], None, stop, out))
        regions.append(poller(port, board, "l=en&", "", c, stop, out))
    pollers = [asyncio.ensure_future(region) for region in regions]
    await asyncio.sleep(WARM_UP_S)

    async def health(conn: Connection, i: int) -> None:
        began = time.perf_counter()
        status, _body = await conn.request("GET", "/healthz", {})
        if status == 200:
            out.baseline.append(time.perf_counter() - began)

    pool = [Connection(port) for _ in range(50)]
    await scheduled(args.votes, args.seconds / 2, time.perf_counter(), health, pool)

    async def vote(conn: Connection, i: int) -> None:
        decision = setup.motions[i // members]
        token = setup.tokens[i % members]
        began = time.perf_counter()
        try:
            status, body = await conn.request(
                "POST",
                f"/api/v1/networks/{setup.slug}/decisions/{decision}/ballots",
                {"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
                json.dumps({"choice": random.choice(["yes", "no", "abstain"])}),  # noqa: S311
            )
        except Exception as exc:
            out.vote_errors.append(type(exc).__name__)
            raise
        arrived = time.perf_counter()
        if status == 200:
            out.acks.append((arrived, arrived - began))
        else:
            out.vote_errors.append(f"{status} {body[:120]}")

    votes_began = time.perf_counter()
    await scheduled(args.votes, args.seconds, votes_began, vote, pool)
    votes_took = time.perf_counter() - votes_began
    await asyncio.sleep(2.5)  # every page polls again after the last vote
    stop.set()
    await asyncio.gather(*pollers, return_exceptions=True)
    for conn in pool:
        conn.close()
    return votes_took


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=400)
    parser.add_argument("--votes", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2")))
    parser.add_argument("--threads", type=int, default=int(os.environ.get("WEB_THREADS", "8")))
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{tmp.name}/live.sqlite3"
    os.environ.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="intercity.settings",
        DEBUG="false",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
    )
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    sys.path.insert(0, str(ROOT))
    import warnings

    warnings.filterwarnings("ignore")
    import django

    django.setup()
    setup = prepare(args.votes)
    members = len(setup.tokens)
    if not members:
        print("skipped: the seeded General Assembly has no voting member")
        return 0
    server = Server(url, args.workers, args.threads)
    out = Results()
    try:
        votes_took = asyncio.run(load(args, setup, server.port, out))
    finally:
        server.stop()
        tmp.cleanup()

    acked = sorted(out.acks)
    by_client: dict[int, list[tuple[float, int]]] = {}
    for client, arrived, turnout in out.seen:
        by_client.setdefault(client, []).append((arrived, turnout))
    reach: list[float] = []
    for answers in by_client.values():
        answers.sort()
        for rank, (ack_at, _latency) in enumerate(acked, start=1):
            first = next((at for at, turnout in answers if turnout >= rank and at >= ack_at), None)
            if first is not None:
                reach.append(first - ack_at)
    ack_latencies = [latency for _at, latency in acked]
    polls_per_s = len(out.polls) / max(1e-9, votes_took + WARM_UP_S + 2.5 + args.seconds / 2)
    print(
        f"live meeting: {args.clients} clients polling every 1 s, {args.votes} votes over "
        f"{args.seconds:g} s; granian {args.workers} workers x {args.threads} threads; "
        f"database {url.split(':', 1)[0]}"
    )
    print(
        f"  votes acknowledged: {len(acked)} of {args.votes} in {votes_took:.1f} s; "
        f"errors: {len(out.vote_errors)} {sorted(set(out.vote_errors))[:3]}"
    )
    print(
        f"  vote acknowledgement: p50 {p(ack_latencies, 0.5) * 1000:.0f} ms, "
        f"p95 {p(ack_latencies, 0.95) * 1000:.0f} ms"
    )
    print(
        f"  update reaching the projector: p50 {p(reach, 0.5) * 1000:.0f} ms, "
        f"p95 {p(reach, 0.95) * 1000:.0f} ms ({len(reach)} observations)"
    )
    print(
        f"  polls: {len(out.polls)} ({polls_per_s:.0f}/s), {out.unchanged} answered 204, "
        f"p95 {p(out.polls, 0.95) * 1000:.0f} ms, errors {out.poll_errors}"
    )
    base95 = p(out.baseline, 0.95)
    print(
        f"  baseline GET /healthz under the same polling: p95 {base95 * 1000:.0f} ms; "
        f"ratio vote p95 / baseline p95: {p(ack_latencies, 0.95) / base95:.2f}"
    )
    return 0 if len(acked) == args.votes and not out.poll_errors else 1


if __name__ == "__main__":
    raise SystemExit(main())
