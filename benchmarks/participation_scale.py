"""Benchmark: the Civic Participation System at a large city's scale, on PostgreSQL.

    .venv/bin/python benchmarks/participation_scale.py [--reports 1000000] [--clients 8]

It finds PostgreSQL as `scripts/postgres_url.py` does (DATABASE_URL when it names one, else
127.0.0.1:5432) and prints "skipped: ..." when none answers. It creates a throwaway database
`intercity_scale` (or BENCHMARK_DATABASE) on that server, migrates it and loads the seed
(Seoul's jurisdiction), and drops it at the end, also on failure. Then:

1. Generation: `participation.demo.generate` writes --reports reports (default 1,000,000) filed
   over --days days (default 730) into Seoul, by COPY; first the two ways of writing are
   compared on a sample (COPY and bulk_create, 50,000 reports each, deleted again). The
   dashboard's tallies are then counted again from the reports (`rebuild_cps_tallies`),
   timed, on every run (a kept database may predate them).
2. Reading, at that size, each query --runs times (default 20) after one warm-up run, its
   p95 against the 300 ms target:
   - the staff queue's first page, and a page filtered by status and service: the query of
     `participation.views.queue`, `services.queue_reports` with the same filters (a
     `QueueFilter`), order and page size (50 rows, one more fetched to know there is a next page);
   - the public request list: the newest 50;
   - every dashboard panel (`participation.dashboards.PANELS`, the functions the page
     calls) for the default period (the last 90 days) and for the longest allowed (366);
   - the whole pages as a browser gets them (the Django test client in this process:
     queue, filtered queue, public list, dashboard over 90 and over 366 days, Open311 GET
     requests.json for the last 90 days and for the 90 days from 366 days ago);
   - the open-data CSV of every report, streamed once: rows per second, and how much this
     process's memory grew meanwhile.
3. Intake: the real server (granian, as scripts/serve starts it, DEBUG off and
   CPS_RATE_LIMIT_PER_MINUTE=0) on a free loopback port, first with one web process, then
   with --workers (so the growth from one to two shows how to size a deployment);
   --clients threads (default 8) POST
   Open311 form-encoded service requests to /open311/v2/seoul/requests.json with an api_key
   issued by `services.issue_api_key`, for --duration seconds (default 20) after 2 s of
   warm-up, each client on one kept-alive connection (as each baseline client keeps its
   database connection), then again with a new connection per request; the sustained rate,
   p50/p99 latency and errors, and the server's memory (VmRSS of its processes, sampled).
   With `wrk` installed, the same POSTs from a load generator in C as well. The baseline, in
   the same run and against the same table: the same rows as plain single-row INSERTs
   (psycopg, autocommit) from the same number of Python clients for the same time, and with
   `pgbench` installed, prepared single-row INSERTs from pgbench. The ratios (Python clients
   to Python clients; wrk to pgbench) are printed for context (their former target of 0.5 was
   withdrawn in issue 17). For context, the rate of the server's `/healthz` (a view that does
   nothing) is measured too.

--explain prints EXPLAIN ANALYZE of each read query (docs/participation-scale.md quotes
them); --keep leaves the database in place and --reuse starts from a kept one.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import math
import os
import platform
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from http.client import HTTPConnection, HTTPException
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit
from zoneinfo import ZoneInfo

import psycopg
from psycopg import sql

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from intercity.accounts.models import User
    from intercity.participation.models import Jurisdiction, Report

ROOT = Path(__file__).resolve().parent.parent
DB_NAME = os.environ.get("BENCHMARK_DATABASE", "intercity_scale")
TARGET_MS = 300.0
TARGET_RATIO = 0.5
QUEUE_PAGE_SIZE = 50  # participation.views.QUEUE_PAGE_SIZE
PUBLIC_LIST_SIZE = 50
COMPARE_SAMPLE = 50_000
WARM_UP_S = 2.0


# --- PostgreSQL and the throwaway database ----------------------------------------------


def find_postgres() -> tuple[str, str]:
    """The URL `scripts/postgres_url.py` prints ("" when none answers) and its complaint."""
    result = subprocess.run(  # noqa: S603 - the project's own script, with this interpreter
        [sys.executable, str(ROOT / "scripts" / "postgres_url.py")],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    return result.stdout.strip(), " ".join(result.stderr.split())


def with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def drop_database(admin_url: str) -> None:
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=10) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(DB_NAME))
        )


def create_database(admin_url: str) -> None:
    drop_database(admin_url)
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=10) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DB_NAME)))


def database_exists(admin_url: str) -> bool:
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=10) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DB_NAME,))
        return found.fetchone() is not None


def vacuum_analyze(*tables: str) -> None:
    """Fresh statistics and visibility map after bulk loading, as autovacuum would give."""
    from django.db import connection

    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(
                sql.SQL("VACUUM ANALYZE {}").format(sql.Identifier(table)).as_string(None)
            )


# --- Measuring ---------------------------------------------------------------------------


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def duration(seconds: float) -> str:
    return f"{seconds:.1f} s" if seconds < 120 else f"{seconds / 60:.1f} min"


def percentile(values: list[float], fraction: float) -> float:
    """Nearest rank: the smallest value with at least `fraction` of the values at or below."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


@dataclass
class Timing:
    name: str
    runs: list[float]
    note: str = ""

    @property
    def p95(self) -> float:
        return percentile(self.runs, 0.95)

    @property
    def median(self) -> float:
        return percentile(self.runs, 0.5)

    def line(self) -> str:
        verdict = "under 300 ms" if self.p95 * 1000 < TARGET_MS else "OVER 300 ms"
        note = f"  ({self.note})" if self.note else ""
        return (
            f"  {self.name:<56} p95 {ms(self.p95):>9}  median {ms(self.median):>9}  {verdict}{note}"
        )


def timed(name: str, runs: int, action: Callable[[], object], note: str = "") -> Timing:
    action()  # warm-up, not counted
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return Timing(name, times, note)


def rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        with contextlib.suppress(OSError):
            found += [int(p) for p in task.read_text().split()]
    return found


# --- Setup ---------------------------------------------------------------------------------


def load_average() -> str:
    """Other work on the machine skews every figure; printed so a reader can tell."""
    return ", ".join(f"{n:.2f}" for n in os.getloadavg()) + " (1, 5, 15 min)"


def machine_facts() -> str:
    from django.db import connection

    settings = {}
    with connection.cursor() as cursor:
        for name in ("server_version", "shared_buffers", "work_mem", "jit", "synchronous_commit"):
            cursor.execute(sql.SQL("SHOW {}").format(sql.Identifier(name)).as_string(None))
            settings[name] = (cursor.fetchone() or ("?",))[0]
    return (
        f"machine: Python {platform.python_version()}, PostgreSQL {settings['server_version']} "
        f"(shared_buffers {settings['shared_buffers']}, work_mem {settings['work_mem']}, "
        f"jit {settings['jit']}, synchronous_commit {settings['synchronous_commit']}), "
        f"{os.cpu_count()} CPUs, {platform.platform()}"
    )


def staff_user() -> User:
    from intercity.accounts.models import Role, User
    from intercity.accounts.services import grant_role
    from intercity.network.models import Organisation

    user, created = User.objects.get_or_create(username="bench-cps-staff")
    if created:
        seoul = Organisation.objects.get(key="seoul")
        grant_role(None, user, Role.DEPARTMENT_STAFF, organisation_id=seoul.pk)
    return user


def compare_methods(jurisdiction: Jurisdiction, end: dt.datetime) -> None:
    from intercity.participation import tenancy
    from intercity.participation.demo import generate

    rates = []
    for method in ("copy", "bulk_create"):
        made = generate.generate(
            jurisdiction, COMPARE_SAMPLE, days=30, end=end, method=method, seed=11
        )
        rates.append(made.rate)
        print(
            f"  {made.method:<12} {made.reports:,} reports and {made.events:,} events in "
            f"{duration(made.seconds)}: {made.rate:,.0f} reports/s"
        )
        tenancy.reports_of(jurisdiction).delete()
    print(f"  COPY is {rates[0] / rates[1]:.1f} times as fast as bulk_create")


def fill(jurisdiction: Jurisdiction, count: int, days: int, end: dt.datetime) -> None:
    from intercity.participation.demo import generate
    from intercity.participation.models import Event, Report

    step = max(count // 4, 1)
    marks = iter(range(step, count + step, step))
    mark = next(marks)

    def progress(done: generate.Generated) -> None:
        nonlocal mark
        if done.reports >= mark:
            print(f"    {done.reports:,} reports after {duration(done.seconds)}", flush=True)
            mark = next(marks, count + 1)

    made = generate.generate(jurisdiction, count, days=days, end=end, progress=progress)
    print(
        f"  generated {made.reports:,} reports ({made.duplicates:,} duplicates) and "
        f"{made.events:,} events by {made.method} in {duration(made.seconds)} "
        f"({made.rate:,.0f} reports/s), of which counting the dashboard's tallies again "
        f"{duration(made.tally_seconds)}"
    )
    start = time.perf_counter()
    vacuum_analyze(Report._meta.db_table, Event._meta.db_table)
    print(f"  VACUUM ANALYZE in {duration(time.perf_counter() - start)}")


def rebuild_tallies(jurisdiction: Jurisdiction) -> None:
    """The dashboard's tallies counted again from the reports (`rebuild_cps_tallies`), timed:
    what the generator does after writing, and what a kept database may need."""
    from intercity.participation import tallies

    start = time.perf_counter()
    rebuilt = tallies.rebuild(jurisdiction)
    print(
        f"  tallies rebuilt from {rebuilt.reports:,} reports: {rebuilt.rows:,} rows in "
        f"{duration(time.perf_counter() - start)}"
    )
    vacuum_analyze(*(table.model._meta.db_table for table in tallies.TABLES))


# --- Reading --------------------------------------------------------------------------------


def queue_page(jurisdiction: Jurisdiction, wanted: Any, now: dt.datetime) -> QuerySet[Report]:
    """participation.views.queue's query: first page, one row more than shown."""
    from intercity.participation import services

    return services.queue_reports(jurisdiction, wanted, now)[: QUEUE_PAGE_SIZE + 1]


def public_list(jurisdiction: Jurisdiction) -> QuerySet[Report]:
    from intercity.participation import tenancy

    return (
        tenancy.reports_of(jurisdiction)
        .select_related("service", "status")
        .order_by("-requested_at", "-id")[:PUBLIC_LIST_SIZE]
    )


def explain(title: str, queryset: QuerySet[Any]) -> None:
    print(f"\n-- EXPLAIN ANALYZE: {title}\n{queryset.explain(analyze=True)}")


def read_queries(
    jurisdiction: Jurisdiction, runs: int, show_plans: bool, now: dt.datetime
) -> list[Timing]:
    from intercity.participation import dashboards
    from intercity.participation.services import QueueFilter

    pages = {
        "staff queue, first page": QueueFilter(),
        "staff queue, resolved potholes": QueueFilter(service="pothole", status="resolved"),
        "staff queue, acknowledged graffiti (rare)": QueueFilter(
            service="graffiti", status="acknowledged"
        ),
    }
    timings = []
    for name, wanted in pages.items():
        query = queue_page(jurisdiction, wanted, now)
        timings.append(timed(name, runs, lambda q=query: list(q.all())))  # type: ignore[misc]
        if show_plans:
            explain(name, query)
    timings.append(
        timed("public request list, newest 50", runs, lambda: list(public_list(jurisdiction)))
    )
    if show_plans:
        explain("public request list", public_list(jurisdiction))
    today = now.astimezone(ZoneInfo(jurisdiction.time_zone)).date()
    for days in (dashboards.DEFAULT_DAYS, dashboards.MAX_DAYS):
        period = dashboards.Period.ending(today, days)
        filed = dashboards.filed(jurisdiction, period).count()
        for name, panel in dashboards.PANELS.items():
            timings.append(
                timed(
                    f"dashboard {days} days: {name}",
                    runs,
                    lambda p=panel, pe=period: p(jurisdiction, pe, now),  # type: ignore[misc]
                    note=f"{filed:,} reports in the period"
                    if name.startswith("volume by s")
                    else "",
                )
            )
        if show_plans:
            show_panel_plans(jurisdiction, period, now)
    return timings


def show_panel_plans(jurisdiction: Jurisdiction, period: Any, now: dt.datetime) -> None:
    """The SQL of each panel, explained, captured as the panel runs."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from intercity.participation import dashboards

    for name, panel in dashboards.PANELS.items():
        with CaptureQueriesContext(connection) as captured:
            panel(jurisdiction, period, now)
        for query in captured.captured_queries:
            text = query["sql"]
            if "participation_report" not in text:
                continue  # the small lookups of names
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN ANALYZE {text}")
                plan = "\n".join(row[0] for row in cursor.fetchall())
            print(f"\n-- EXPLAIN ANALYZE: {period.days} days, {name}\n{plan}")


def whole_pages(jurisdiction: Jurisdiction, user: User, runs: int, today: dt.date) -> list[Timing]:
    """The pages as a browser gets them, rendered, through the test client."""
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    client = Client()
    client.force_login(user)
    slug = jurisdiction.slug
    wanted = [
        ("page: staff queue", "cps_queue", {"slug": slug}, {}),
        (
            "page: staff queue, resolved potholes",
            "cps_queue",
            {"slug": slug},
            {"status": "resolved", "service": "pothole"},
        ),
        ("page: public list of reports", "cps_reports", {"slug": slug}, {}),
        ("page: dashboard, last 90 days", "cps_dashboard", {"slug": slug}, {}),
        (
            "page: dashboard, last 366 days",
            "cps_dashboard",
            {"slug": slug},
            {"start": (today - dt.timedelta(days=365)).isoformat(), "end": today.isoformat()},
        ),
        (
            "Open311 GET requests.json (the last 90 days, 1,000 max)",
            "open311-requests",
            {"jurisdiction_id": slug, "fmt": "json"},
            {},
        ),
        (
            # Open311 allows a window of 90 days at most: this one starts 366 days ago.
            "Open311 GET requests.json (90 days from 366 days ago, 1,000 max)",
            "open311-requests",
            {"jurisdiction_id": slug, "fmt": "json"},
            {"start_date": f"{today - dt.timedelta(days=365)}T00:00:00Z"},
        ),
    ]
    timings = []
    for name, route, kwargs, params in wanted:
        try:
            url = reverse(route, kwargs=kwargs)
        except NoReverseMatch:
            print(f"  {name}: not measured, no route '{route}' yet")
            continue

        def get(u: str = url, p: dict[str, str] = params) -> None:
            response = client.get(u, p)
            assert response.status_code == 200, (u, response.status_code)

        try:
            timings.append(timed(name, max(5, runs // 2), get))
        except AssertionError as exc:
            print(f"  {name}: not measured, the page answered {exc}")
    return timings


def export_everything(jurisdiction: Jurisdiction) -> str:
    from intercity.participation import dashboards

    start_rss = rss_kib(os.getpid())
    peak = start_rss
    rows = 0
    began = time.perf_counter()
    first = 0.0
    for _ in dashboards.open_data_rows(jurisdiction):
        rows += 1
        if rows == 1:
            first = time.perf_counter() - began
        if rows % 50_000 == 0:
            peak = max(peak, rss_kib(os.getpid()))
    took = time.perf_counter() - began
    return (
        f"  open data CSV rows, all {rows:,} reports: {duration(took)} "
        f"({rows / took:,.0f} rows/s), first row after {ms(first)}; this process grew by "
        f"{(peak - start_rss) / 1024:.0f} MiB while streaming"
    )


# --- Intake ---------------------------------------------------------------------------------


@dataclass
class Load:
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float, error: str | None) -> None:
        with self.lock:
            if error:
                self.errors[error] = self.errors.get(error, 0) + 1
            else:
                self.latencies.append(seconds)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def submissions(jurisdiction: Jurisdiction, count: int) -> list[dict[str, str]]:
    """Form fields of realistic requests, from the generator."""
    from django.utils import timezone

    from intercity.participation.demo import generate

    found = []
    for row in generate.rows(
        jurisdiction, count, seed=5, offset=10**9, days=30, end=timezone.now()
    ):
        fields = {
            "service_code": row.service.code,
            "description": row.description,
            "lat": row.latitude,
            "long": row.longitude,
        }
        if row.email:
            fields.update(email=row.email, first_name=row.first_name, last_name=row.last_name)
        if row.phone:
            fields["phone"] = row.phone
        if row.address:
            fields["address_string"] = row.address
        found.append(fields)
    return found


def hammer(
    clients: int,
    seconds: float,
    work: Callable[[int, int], str | None],
) -> tuple[Load, float]:
    """`clients` threads calling work(client, n) until the time is up, after a warm-up;
    returns the measured calls and the measured seconds."""
    load = Load()
    started = time.perf_counter()
    measure_from = started + WARM_UP_S
    stop_at = measure_from + seconds

    def run(client: int) -> None:
        n = 0
        while (now := time.perf_counter()) < stop_at:
            try:
                error = work(client, n)
            except Exception as exc:  # a failed call is counted, not fatal
                error = type(exc).__name__
            n += 1
            if now >= measure_from:
                load.add(time.perf_counter() - now, error)

    threads = [threading.Thread(target=run, args=(c,), daemon=True) for c in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return load, seconds


class Server:
    """granian serving intercity.wsgi:application, as scripts/serve starts it."""

    def __init__(self, database_url: str, workers: int, threads: int) -> None:
        self.port = free_port()
        self.workers = workers
        self.threads = threads
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 - closed by stop()
        environment = {
            **os.environ,
            "DATABASE_URL": database_url,
            "DEBUG": "false",
            "CPS_RATE_LIMIT_PER_MINUTE": "0",
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
        self.connections = threading.local()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"granian exited: {self.output()}")
            with contextlib.suppress(OSError):
                if self.get("/healthz", keep=False) == 200:
                    return
            time.sleep(0.2)
        raise RuntimeError(f"granian did not answer within 60 s: {self.output()}")

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-2000:]

    def _connection(self, keep: bool) -> HTTPConnection:
        """One persistent connection per client thread (as each baseline client keeps its
        database connection), or a new one per request."""
        if not keep:
            return HTTPConnection("127.0.0.1", self.port, timeout=30)
        conn = getattr(self.connections, "conn", None)
        if conn is None:
            conn = self.connections.conn = HTTPConnection("127.0.0.1", self.port, timeout=30)
        return conn

    def _call(self, method: str, path: str, body: str | None, keep: bool) -> tuple[int, bytes]:
        conn = self._connection(keep)
        headers = {"Content-Type": "application/x-www-form-urlencoded"} if body else {}
        try:
            conn.request(method, path, body, headers)
            response = conn.getresponse()
            return response.status, response.read()
        except (OSError, HTTPException):
            self.connections.conn = None
            raise
        finally:
            if not keep:
                conn.close()

    def get(self, path: str, keep: bool = True) -> int:
        return self._call("GET", path, None, keep)[0]

    def post(self, path: str, body: str, keep: bool = True) -> tuple[int, bytes]:
        return self._call("POST", path, body, keep)

    def rss(self) -> tuple[int, list[int]]:
        """VmRSS in KiB of the server's main process and of each worker."""
        main = self.process.pid
        return rss_kib(main), [rss_kib(p) for p in children(main)]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def sample_rss(server: Server, stop: threading.Event) -> list[tuple[int, list[int]]]:
    found: list[tuple[int, list[int]]] = []

    def run() -> None:
        while not stop.is_set():
            found.append(server.rss())
            stop.wait(0.25)

    threading.Thread(target=run, daemon=True).start()
    return found


def latency_line(load: Load, seconds: float) -> str:
    done = len(load.latencies)
    errors = sum(load.errors.values())
    rate = done / seconds
    if not done:
        return f"no request succeeded; errors {load.errors}"
    failed = f", {errors:,} failed {load.errors}" if errors else ", none failed"
    return (
        f"{rate:,.0f}/s sustained ({done:,} in {seconds:.0f} s{failed}), "
        f"p50 {ms(percentile(load.latencies, 0.5))}, p99 {ms(percentile(load.latencies, 0.99))}"
    )


def insert_baseline(
    database_url: str,
    rows: list[dict[str, str]],
    jurisdiction: Jurisdiction,
    clients: int,
    seconds: float,
) -> tuple[Load, float]:
    """The same rows as plain single-row INSERTs into the reports table, autocommit."""
    from django.utils import timezone

    from intercity.participation import rules
    from intercity.participation.models import Report

    service_of = {s.code: s for s in jurisdiction.services.all()}
    initial = jurisdiction.statuses.get(initial=True)
    table = Report._meta.db_table
    insert = sql.SQL(
        "INSERT INTO {} (jurisdiction_id, service_id, public_id, token, status_id, "
        "description, latitude, longitude, address, address_id, zipcode, first_name, "
        "last_name, email, phone, device_id, account_id, attributes, department_id, hidden, "
        "requested_at, updated_at, expected_at, language) VALUES (%s, %s, %s, %s, %s, %s, %s, "
        "%s, %s, '', '', %s, %s, %s, %s, '', '', '{{}}', %s, false, %s, %s, %s, '')"
    ).format(sql.Identifier(table))
    connections = [psycopg.connect(database_url, autocommit=True) for _ in range(clients)]

    def work(client: int, n: int) -> str | None:
        row = rows[(client * 7919 + n) % len(rows)]
        service = service_of[row["service_code"]]
        now = timezone.now()
        connections[client].execute(
            insert,
            (
                jurisdiction.pk,
                service.pk,
                secrets.token_hex(5).upper(),
                secrets.token_urlsafe(16),
                initial.pk,
                row["description"],
                row["lat"],
                row["long"],
                row.get("address_string", ""),
                row.get("first_name", ""),
                row.get("last_name", ""),
                row.get("email", ""),
                row.get("phone", ""),
                service.department_id,
                now,
                now,
                rules.expected_at(now, service.target_hours),
            ),
        )
        return None

    try:
        return hammer(clients, seconds, work)
    finally:
        for conn in connections:
            conn.close()


def intake(
    database_url: str, jurisdiction: Jurisdiction, user: User, args: argparse.Namespace
) -> None:
    from django.urls import reverse

    from intercity.participation import services

    rows = submissions(jurisdiction, 5_000)
    _, key = services.issue_api_key(user, jurisdiction, "participation_scale benchmark")
    path = reverse("open311-requests", kwargs={"jurisdiction_id": jurisdiction.slug, "fmt": "json"})
    bodies = [urllib.parse.urlencode({**row, "api_key": key}) for row in rows]
    rates: dict[str, float] = {}
    by_workers: dict[int, float] = {}
    # One web process, then the configured number: how intake grows with processes, so a
    # reader can size a deployment (the last count also gets wrk and /healthz).
    counts = sorted({1, args.workers})
    for workers in counts:
        last = workers == counts[-1]
        by_workers[workers] = _intake_on(
            Server(database_url, workers, args.threads), path, bodies, args, rates, last
        )
    if len(by_workers) > 1:
        one, more = by_workers[1], by_workers[counts[-1]]
        print(
            f"  intake from 1 web process to {counts[-1]}: {one:,.0f}/s to {more:,.0f}/s "
            f"({more / one if one else 0:.2f} times)",
            flush=True,
        )
    print(submit_cost(jurisdiction, rows))
    baseline, seconds = insert_baseline(
        database_url, rows, jurisdiction, args.clients, args.duration
    )
    base_rate = len(baseline.latencies) / seconds
    print(
        f"  baseline, plain single-row INSERTs of the same rows, {args.clients} Python clients "
        f"(psycopg, one connection each): {latency_line(baseline, seconds)}"
    )
    verdicts = [("Python clients against Python clients", rates["python-keep"], base_rate)]
    native_base = pgbench_inserts(database_url, jurisdiction, args.clients, args.duration)
    if native_base:
        print(
            f"  baseline from pgbench (C), {args.clients} clients, prepared single-row INSERTs: "
            f"{native_base:,.0f}/s"
        )
        if "native" in rates:
            verdicts.append(("wrk against pgbench", rates["native"], native_base))
    for name, rate, base in verdicts:
        ratio = rate / base if base else 0.0
        # The target of TARGET_RATIO was withdrawn (issue 17): the ratio is kept for context.
        print(f"  ratio, {name}: {ratio:.2f} of the baseline (the former target: {TARGET_RATIO})")


def _intake_on(
    server: Server,
    path: str,
    bodies: list[str],
    args: argparse.Namespace,
    rates: dict[str, float],
    last: bool,
) -> float:
    """Open311 POSTs against one server; its keep-alive rate."""
    kept = 0.0
    try:
        status, body = server.post(path, bodies[0])
        if status != 200:
            raise RuntimeError(f"Open311 POST answered {status}: {body[:300]!r}")
        described = f"granian, {server.workers} workers x {server.threads} threads"
        for keep in (True, False):

            def post(client: int, n: int, keep: bool = keep) -> str | None:
                status, _ = server.post(path, bodies[(client * 7919 + n) % len(bodies)], keep)
                return None if status == 200 else f"HTTP {status}"

            stop = threading.Event()
            samples = sample_rss(server, stop)
            load, seconds = hammer(args.clients, args.duration, post)
            stop.set()
            how = "one connection each (keep-alive)" if keep else "a new connection per request"
            print(
                f"  Open311 POST {path}, {args.clients} Python clients, {how}, {described}: "
                f"{latency_line(load, seconds)}",
                flush=True,
            )
            rates["python-keep" if keep else "python-new"] = len(load.latencies) / seconds
            if keep:
                kept = len(load.latencies) / seconds
            if keep:
                peak = max(samples, key=lambda s: s[0] + sum(s[1])) if samples else (0, [])
                main, workers = peak
                print(
                    f"  server memory under that load (VmRSS at its peak): "
                    f"{(main + sum(workers)) / 1024:.0f} MiB = main {main / 1024:.0f} MiB + "
                    f"{len(workers)} workers {', '.join(f'{w / 1024:.0f}' for w in workers)} MiB"
                )
        if not last:
            return kept
        native = wrk_posts(server.port, path, bodies, args.clients, args.duration)
        if native:
            rates["native"] = native[0]
            print(
                f"  the same POSTs from wrk (a load generator in C), {args.clients} connections: "
                f"{native[0]:,.0f}/s, p50 {native[1]}, p99 {native[2]}",
                flush=True,
            )
        ceiling, ceiling_s = hammer(
            args.clients, 5.0, lambda c, n: None if server.get("/healthz") == 200 else "bad"
        )
        print(
            f"  for context, GET /healthz (a view that does nothing) on the same server, Python "
            f"clients with keep-alive: {len(ceiling.latencies) / ceiling_s:,.0f}/s"
        )
    finally:
        server.stop()
    return kept


def wrk_posts(
    port: int, path: str, bodies: list[str], clients: int, seconds: float
) -> tuple[float, str, str] | None:
    """Requests/s, p50 and p99 of wrk posting the same bodies, or None without wrk."""
    wrk = shutil.which("wrk")
    if wrk is None:
        print("  (wrk is not installed: no native-client figure; apt-get install wrk)")
        return None
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        quoted = ",\n".join(json.dumps(b) for b in bodies[:1000])
        script.write(
            'wrk.method = "POST"\n'
            'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
            f"local bodies = {{{quoted}}}\n"
            "local n = 0\n"
            "request = function()\n  n = n + 1\n"
            "  return wrk.format(nil, nil, nil, bodies[(n % #bodies) + 1])\nend\n"
        )
    try:
        command = [
            wrk,
            "-t2",
            f"-c{clients}",
            f"-d{seconds:.0f}s",
            "--latency",
            "-s",
            script.name,
            f"http://127.0.0.1:{port}{path}",
        ]
        warm_up = [*command[:3], "-d2s", *command[4:]]
        subprocess.run(warm_up, capture_output=True, check=False, timeout=60)  # noqa: S603
        out = subprocess.run(  # noqa: S603 - wrk from PATH, our arguments
            command, capture_output=True, text=True, check=False, timeout=seconds + 60
        ).stdout
    finally:
        os.unlink(script.name)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    p50 = re.search(r"\s50%\s+(\S+)", out)
    p99 = re.search(r"\s99%\s+(\S+)", out)
    failed = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if rate is None:
        print(f"  wrk gave no rate: {out[-300:]}")
        return None
    if failed:
        print(f"  wrk: {failed.group(1)} responses were not 200")
    return float(rate.group(1)), p50.group(1) if p50 else "?", p99.group(1) if p99 else "?"


def pgbench_inserts(
    database_url: str, jurisdiction: Jurisdiction, clients: int, seconds: float
) -> float | None:
    """Transactions/s of pgbench inserting one report row per transaction, or None."""
    from intercity.participation.models import Report

    pgbench = shutil.which("pgbench")
    if pgbench is None:
        print("  (pgbench is not installed: no native-client baseline)")
        return None
    service = jurisdiction.services.get(code="pothole")
    initial = jurisdiction.statuses.get(initial=True)
    # Our own ids and literals, no outside input.
    statement = (
        f"INSERT INTO {Report._meta.db_table} (jurisdiction_id, service_id, public_id, token, "  # noqa: S608
        "status_id, description, latitude, longitude, address, address_id, zipcode, "
        "first_name, last_name, email, phone, device_id, account_id, attributes, "
        "department_id, hidden, requested_at, updated_at, expected_at) VALUES "
        f"({jurisdiction.pk}, {service.pk}, upper(substr(md5(random()::text), 1, 10)), "
        f"md5(random()::text), {initial.pk}, 'Deep pothole in the bus lane outside exit 3', "
        "37.566500, 126.978000, '', '', '', 'Min-jun', 'Kim', 'minjun@example.org', '', '', "
        f"'', '{{}}', {service.department_id}, false, now(), now(), now() + interval '72 hours');\n"
    )
    parts = urlsplit(database_url)
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as script:
        script.write(statement)
    try:
        command = [
            pgbench,
            "-n",
            "-M",
            "prepared",
            "-c",
            str(clients),
            "-j",
            "2",
            "-T",
            f"{seconds:.0f}",
            "-f",
            script.name,
            "-h",
            parts.hostname or "127.0.0.1",
            "-p",
            str(parts.port or 5432),
            "-U",
            parts.username or "postgres",
            (parts.path or "/").lstrip("/"),
        ]
        out = subprocess.run(  # noqa: S603 - pgbench from PATH, our arguments
            command,
            capture_output=True,
            text=True,
            check=False,
            timeout=seconds + 60,
            env={**os.environ, "PGPASSWORD": parts.password or ""},
        ).stdout
    finally:
        os.unlink(script.name)
    found = re.search(r"tps = ([\d.]+)", out)
    return float(found.group(1)) if found else None


def submit_cost(jurisdiction: Jurisdiction, rows: list[dict[str, str]]) -> str:
    """Where a POST's time goes: the intake service alone, in this process, one thread."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    count = 300
    for row in rows[:20]:
        _submit_in_process(jurisdiction, row)
    start, cpu = time.perf_counter(), time.process_time()
    for row in rows[20 : 20 + count]:
        _submit_in_process(jurisdiction, row)
    each = (time.perf_counter() - start) / count
    each_cpu = (time.process_time() - cpu) / count
    with CaptureQueriesContext(connection) as captured:
        _submit_in_process(jurisdiction, rows[-1])
    return (
        f"  of which services.submit_report alone (in this process, one thread): "
        f"{ms(each)} per report ({ms(each_cpu)} of it this process's CPU), "
        f"{len(captured)} statements through Django's cursor besides the one intake statement"
    )


def _submit_in_process(jurisdiction: Jurisdiction, row: dict[str, str]) -> str | None:
    from django.db import connection

    from intercity.participation import services

    try:
        services.submit_report(
            jurisdiction,
            services.Submission(
                service_code=row["service_code"],
                description=row["description"],
                latitude=row["lat"],
                longitude=row["long"],
                email=row.get("email", ""),
                first_name=row.get("first_name", ""),
                last_name=row.get("last_name", ""),
                phone=row.get("phone", ""),
                address=row.get("address_string", ""),
            ),
        )
    finally:
        connection.close_if_unusable_or_obsolete()
    return None


# --- Main -----------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--reports", type=int, default=1_000_000, help="default 1000000")
    parser.add_argument("--days", type=int, default=730, help="filed over (default 730)")
    parser.add_argument("--runs", type=int, default=20, help="timed runs per query")
    parser.add_argument("--clients", type=int, default=8, help="concurrent intake clients")
    parser.add_argument("--duration", type=float, default=20.0, help="intake seconds")
    parser.add_argument(
        "--workers",
        type=int,
        default=int(os.environ.get("WEB_CONCURRENCY", "2")),
        help="server processes (default WEB_CONCURRENCY, else 2, as scripts/serve)",
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=int(os.environ.get("WEB_THREADS", "4")),
        help="threads per server process (default WEB_THREADS, else 4, as scripts/serve)",
    )
    parser.add_argument("--explain", action="store_true", help="print the query plans")
    parser.add_argument("--keep", action="store_true", help="keep the database")
    parser.add_argument("--reuse", action="store_true", help="start from a kept database")
    parser.add_argument("--skip-intake", action="store_true")
    parser.add_argument("--skip-reading", action="store_true")
    args = parser.parse_args(argv)
    if args.reports < 1 or args.days < 1 or args.runs < 1 or args.clients < 1:
        parser.error("counts must be at least 1")
    return args


def benchmark(args: argparse.Namespace, bench_url: str, reused: bool) -> None:
    from django.core.management import call_command
    from django.utils import timezone

    from intercity.participation import tenancy
    from intercity.participation.models import Jurisdiction

    print(machine_facts())
    print(f"load average at the start: {load_average()}")
    parts = urlsplit(bench_url)
    print(
        f"database: {DB_NAME} on {parts.hostname}:{parts.port or 5432} "
        f"({'kept from an earlier run' if reused else 'created for this run'})"
    )
    if not reused:
        start = time.perf_counter()
        call_command("migrate", verbosity=0)
        call_command("seed", stdout=io.StringIO())
        print(f"setup: migrate and seed in {duration(time.perf_counter() - start)}")
    else:
        call_command("migrate", verbosity=0)  # a kept database may predate a table
    seoul = Jurisdiction.objects.get(slug="seoul")
    user = staff_user()
    now = timezone.now()
    have = tenancy.reports_of(seoul).count()
    if have < args.reports:
        if have == 0:
            print(f"\n1. Generation (writing compared on {COMPARE_SAMPLE:,} reports each)")
            compare_methods(seoul, now)
        print(f"  {args.reports - have:,} reports over {args.days} days into {seoul}:")
        fill(seoul, args.reports - have, args.days, now)
    total = tenancy.reports_of(seoul).count()
    rebuild_tallies(seoul)

    if not args.skip_reading:
        print(
            f"\n2. Reading, {total:,} reports in {seoul}; p95 of {args.runs} runs after a warm-up"
        )
        for timing in read_queries(seoul, args.runs, args.explain, now):
            print(timing.line(), flush=True)
        today = now.astimezone(ZoneInfo(seoul.time_zone)).date()
        for timing in whole_pages(seoul, user, args.runs, today):
            print(timing.line(), flush=True)
        print(export_everything(seoul), flush=True)

    if not args.skip_intake:
        print(f"\n3. Intake, into a table of {total:,} reports; {args.duration:.0f} s each")
        intake(bench_url, seoul, user, args)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    url, complaint = find_postgres()
    if not url:
        print(
            "skipped: no PostgreSQL answers "
            f"({complaint or 'set DATABASE_URL or start one on 127.0.0.1:5432'})"
        )
        return 0
    admin_url, bench_url = with_database(url, "postgres"), with_database(url, DB_NAME)
    reused = args.reuse and database_exists(admin_url)
    if not reused:
        create_database(admin_url)
    try:
        os.environ["DJANGO_SETTINGS_MODULE"] = "intercity.settings"
        os.environ["DATABASE_URL"] = bench_url
        os.environ["DEBUG"] = "false"
        os.environ["CPS_RATE_LIMIT_PER_MINUTE"] = "0"
        # The test client asks for 'testserver'.
        os.environ["ALLOWED_HOSTS"] = "127.0.0.1,localhost,testserver"
        # 'testserver' is not loopback, so the settings want a key of the run's own.
        os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
        import django

        # The server's static files are not collected for a benchmark; whitenoise says so.
        warnings.filterwarnings("ignore", message="No directory at")
        django.setup()
        benchmark(args, bench_url, reused)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            drop_database(admin_url)
    print(f"\nload average at the end: {load_average()}")
    print(f"wall time: {duration(time.perf_counter() - started)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
