"""Benchmark: invoicing and the arrears report for a synthetic network of 10,000 members
over 10 years, on PostgreSQL.

    .venv/bin/python benchmarks/membership_invoicing.py [--members N] [--years N]

It finds PostgreSQL as `scripts/postgres_url.py` does (DATABASE_URL when it names one, else
127.0.0.1:5432) and prints "skipped: ..." when none answers. It creates a throwaway database
`intercity_bench` on that server, migrates it, loads the seed networks, bulk-inserts a
synthetic network (fixture time is printed, not measured), then times the services:

1. `run_invoicing` for each year, against a baseline: bulk_create of the same Invoice rows;
2. a second run of one year, which must create nothing;
3. `record_payment` for a sample of invoices (the other payments are bulk-inserted as setup),
   then `arrears` and `balances`, against a baseline: a count and sum over the same invoices.

The fee rules read the real WeGO schedules (Statute 2017 Annexes 1-3, from the seed), copied
into the synthetic network. The database is dropped at the end, also on failure.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import datetime as dt
import io
import math
import os
import platform
import random
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

if TYPE_CHECKING:
    from intercity.accounts.models import User
    from intercity.network.models import Network

ROOT = Path(__file__).resolve().parent.parent
DB_NAME = "intercity_bench"
SOURCE = "synthetic: benchmarks/membership_invoicing.py"
CENT = Decimal("0.01")
# Payments recorded one by one through services.record_payment (timed); the rest are
# bulk-inserted as setup.
SERVICE_PAYMENTS = 1_000
REPORT_REPEATS = 3
# Django keeps at most 9,000 queries in connection.queries_log, which CaptureQueriesContext
# counts; the log is enlarged so that a service making a query per member is counted right.
QUERY_LOG_LIMIT = 1_000_000
# Countries with national GDP-per-capita figures, which cities without their own fall back on.
COUNTRIES = (
    *("KR", "JP", "CN", "PH", "ID", "MY", "TH", "VN", "SG", "IN", "MN", "KZ", "UZ", "RU"),
    *("TR", "DE", "FR", "ES", "IT", "NL", "SE", "PL", "GB", "US", "CA", "MX", "BR", "AR"),
    *("CL", "CO", "PE", "ZA", "NG", "KE", "ET", "EG", "MA", "AE", "SA", "AU"),
)
# Cities here with no GDP figures of their own have none at all: "cannot compute".
COUNTRY_WITHOUT_FIGURES = "NZ"

T = TypeVar("T")


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


def create_database(admin_url: str) -> None:
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=10) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(DB_NAME))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DB_NAME)))


def drop_database(admin_url: str) -> None:
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=10) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(DB_NAME))
        )


# --- Measuring ---------------------------------------------------------------------------


@dataclass
class Measure:
    seconds: float = 0.0
    queries: int = 0

    def add(self, other: Measure) -> None:
        self.seconds += other.seconds
        self.queries += other.queries


@contextlib.contextmanager
def measured() -> Iterator[Measure]:
    """Wall time (perf_counter) and the number of queries of the block."""
    from django.db import connections, reset_queries
    from django.test.utils import CaptureQueriesContext

    connection = connections["default"]
    result = Measure()
    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        start = time.perf_counter()
        yield result
        result.seconds = time.perf_counter() - start
    result.queries = len(captured)
    if len(connection.queries_log) >= QUERY_LOG_LIMIT:
        print(f"  (the query log is full: {result.queries:,} queries is a lower bound)")


def best_of(repeats: int, action: Callable[[], T]) -> tuple[Measure, list[float], T]:
    """Run a read-only action `repeats` times: the fastest run, every run's time, the result."""
    runs: list[Measure] = []
    value: T | None = None
    for _ in range(repeats):
        with measured() as measure:
            value = action()
        runs.append(measure)
    assert value is not None
    best = min(runs, key=lambda m: m.seconds)
    return best, [m.seconds for m in runs], value


def analyze(*tables: str) -> None:
    """Fresh planner statistics after bulk setup, as autovacuum would give a live system."""
    from django.db import connection

    with connection.cursor() as cursor:
        if not tables:
            cursor.execute("VACUUM ANALYZE")
        for table in tables:
            cursor.execute(
                sql.SQL("VACUUM ANALYZE {}").format(sql.Identifier(table)).as_string(None)
            )


def seconds(value: float) -> str:
    return f"{value:.2f} s" if value < 10 else f"{value:.1f} s"


def queries(count: int) -> str:
    return f"{count:,} query" if count == 1 else f"{count:,} queries"


def ratio(measured_seconds: float, baseline_seconds: float) -> str:
    return f"{measured_seconds / baseline_seconds:.1f}" if baseline_seconds > 0 else "n/a"


# --- The synthetic network ---------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    members: int
    years: list[int]
    today: dt.date

    @property
    def first(self) -> int:
        return self.years[0]


@dataclass
class Fixture:
    network: Network
    actor: User
    counts: dict[str, int] = field(default_factory=dict)


def log_uniform(rng: random.Random, low: float, high: float) -> float:
    return math.exp(rng.uniform(math.log(low), math.log(high)))


def random_day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def history(rng: random.Random, plan: Plan) -> list[tuple[dt.date, str, str]]:
    """(from, category, status) of one member: admitted as a full member, or first as an
    associate, in the ten years before the first invoiced year; some are later suspended
    for a while or withdraw."""
    window_start, window_end = dt.date(plan.first, 1, 1), dt.date(plan.years[-1], 6, 30)
    admitted = random_day(rng, dt.date(plan.first - 10, 1, 1), dt.date(plan.first - 1, 12, 31))
    events = [(admitted, "full", "active")]
    if rng.random() < 0.10:
        approved = admitted + dt.timedelta(days=rng.randint(200, 1500))
        events = [(admitted, "associate", "active"), (approved, "full", "active")]
    since = events[-1][0]
    roll = rng.random()
    if roll < 0.05:
        withdrawn = random_day(rng, window_start, window_end)
        if withdrawn > since:
            events.append((withdrawn, "full", "withdrawn"))
    elif roll < 0.09:
        suspended = random_day(rng, window_start, window_end)
        if suspended > since:
            events.append((suspended, "full", "suspended"))
            events.append((suspended + dt.timedelta(days=rng.randint(200, 800)), "full", "active"))
    return events


def build_fixture(plan: Plan, rng: random.Random) -> Fixture:
    """Bulk-insert the synthetic network: organisations, memberships, dated periods, dated
    population and GDP-per-capita figures (own and national), and a few waivers."""
    from django.db import transaction

    from intercity.accounts.models import Role, User
    from intercity.accounts.services import grant_role
    from intercity.membership.models import FeeSchedule, Figure, Waiver
    from intercity.network.models import (
        Membership,
        MembershipCategory,
        MembershipPeriod,
        Network,
        Organisation,
    )

    batch = 2_000
    counts: dict[str, int] = {}
    with transaction.atomic():
        actor = User.objects.create_user(username="bench-secretariat")
        grant_role(None, actor, Role.SECRETARIAT)
        wego = Network.objects.get(slug="wego")
        network = Network.objects.create(
            slug="bench", name="Synthetic benchmark network", short_name="Bench", source=SOURCE
        )
        categories = list(wego.categories.all())
        for category in categories:
            category.pk = None
            category.network = network
        MembershipCategory.objects.bulk_create(categories)
        by_slug = {c.slug: c for c in categories}
        schedules = list(FeeSchedule.objects.filter(network=wego))
        for schedule in schedules:
            schedule.pk = None
            schedule.network = network
        FeeSchedule.objects.bulk_create(schedules)
        counts["fee schedules (copied from WeGO)"] = len(schedules)

        countries = [*COUNTRIES, COUNTRY_WITHOUT_FIGURES]
        populations = [int(log_uniform(rng, 50_000, 20_000_000)) for _ in range(plan.members)]
        organisations = Organisation.objects.bulk_create(
            [
                Organisation(
                    key=f"bench-city-{i:05d}",
                    name=f"Bench City {i:05d}",
                    kind=Organisation.Kind.CITY,
                    country=rng.choice(countries),
                    population=populations[i],
                    population_year=plan.first - 5,
                    source=SOURCE,
                )
                for i in range(plan.members)
            ],
            batch_size=batch,
        )
        memberships = Membership.objects.bulk_create(
            [Membership(network=network, organisation=o) for o in organisations], batch_size=batch
        )
        periods: list[MembershipPeriod] = []
        for membership in memberships:
            events = history(rng, plan)
            for (start, slug, status), following in zip(events, [*events[1:], None], strict=True):
                periods.append(
                    MembershipPeriod(
                        membership=membership,
                        category=by_slug[slug],
                        status=status,
                        valid_from=start,
                        valid_to=following[0] if following else None,
                        decision_reference="synthetic",
                        source=SOURCE,
                    )
                )
        MembershipPeriod.objects.bulk_create(periods, batch_size=batch)
        counts["members"] = len(memberships)
        counts["membership periods"] = len(periods)

        # GDP per capita of Y-2 is what the fee for Y reads; population on record.
        gdp_years = range(plan.first - 2, plan.years[-1] - 1)
        figures: list[Figure] = []

        def gdp_series(base: float) -> list[tuple[int, Decimal]]:
            return [
                (year, Decimal(base * 1.02 ** (year - gdp_years[0]) * rng.uniform(0.97, 1.03)))
                for year in gdp_years
            ]

        for country in COUNTRIES:
            for year, value in gdp_series(log_uniform(rng, 800, 60_000)):
                figures.append(
                    Figure(
                        measure=Figure.Measure.GDP_PER_CAPITA,
                        country=country,
                        year=year,
                        value=value.quantize(CENT),
                        source=SOURCE,
                    )
                )
        for organisation, population in zip(organisations, populations, strict=True):
            for year, growth in ((plan.first - 3, 1.0), (plan.first + len(plan.years) // 2, 1.08)):
                figures.append(
                    Figure(
                        measure=Figure.Measure.POPULATION,
                        organisation=organisation,
                        year=year,
                        value=Decimal(int(population * growth)),
                        source=SOURCE,
                    )
                )
            if rng.random() < 0.85:  # the others fall back on their country's figures
                for year, value in gdp_series(log_uniform(rng, 600, 70_000)):
                    figures.append(
                        Figure(
                            measure=Figure.Measure.GDP_PER_CAPITA,
                            organisation=organisation,
                            year=year,
                            value=value.quantize(CENT),
                            source=SOURCE,
                        )
                    )
        Figure.objects.bulk_create(figures, batch_size=batch)
        counts["figures"] = len(figures)

        waivers = [
            Waiver(
                network=network,
                organisation=organisations[i],
                first_year=(first := rng.choice(plan.years)),
                last_year=first + 1,
                reason="Synthetic General Assembly host (Statute 2017 Art. 10.6)",
                source=SOURCE,
            )
            for i in rng.sample(range(plan.members), k=min(20, plan.members))
        ]
        Waiver.objects.bulk_create(waivers)
        counts["waivers"] = len(waivers)
    return Fixture(network=network, actor=actor, counts=counts)


# --- The measurements ----------------------------------------------------------------------


@dataclass
class YearRun:
    year: int
    measure: Measure
    created: int
    waived: int
    cannot_compute: int


def measure_invoicing(fixture: Fixture, plan: Plan) -> list[YearRun]:
    from intercity.membership import services

    runs = []
    for year in plan.years:
        with measured() as measure:
            run = services.run_invoicing(fixture.actor, fixture.network, year, dt.date(year, 1, 15))
        runs.append(
            YearRun(year, measure, len(run.created), len(run.waived), len(run.cannot_compute))
        )
    return runs


def measure_baseline_insert(fixture: Fixture, plan: Plan) -> tuple[Measure, int]:
    """bulk_create of copies of the invoices just issued (same fields, same batch size, one
    transaction a year) into another network; the copies are deleted afterwards."""
    from django.db import transaction

    from intercity.membership.models import Invoice
    from intercity.network.models import Network

    copies = Network.objects.create(
        slug="bench-baseline", name="Baseline copies", short_name="Baseline", source=SOURCE
    )
    total, written = Measure(), 0
    columns = [
        "organisation_id",
        "year",
        "number",
        "category",
        "amount",
        "currency",
        "issued_on",
        "due_on",
        "explanation",
        "basis",
        "created_by_id",
    ]
    for year in plan.years:
        rows = [
            Invoice(network=copies, **{**row, "number": f"BASE-{row['number']}"})
            for row in Invoice.objects.filter(network=fixture.network, year=year).values(*columns)
        ]
        with measured() as measure, transaction.atomic():
            Invoice.objects.bulk_create(rows, batch_size=1000)
        total.add(measure)
        written += len(rows)
    Invoice.objects.filter(network=copies).delete()
    copies.delete()
    analyze(Invoice._meta.db_table)
    return total, written


@dataclass(frozen=True)
class PlannedPayment:
    invoice_id: int
    received_on: dt.date
    applied: Decimal


def plan_payments(
    fixture: Fixture, plan: Plan, rng: random.Random
) -> tuple[list[PlannedPayment], dict[int, Decimal], Decimal]:
    """Who pays what: older invoices are more often paid; some are paid in part. Returns the
    payments, credit-note amounts by invoice, and the USD past due the arrears must show."""
    from intercity.membership.models import Invoice

    last = plan.years[-1]
    payments: list[PlannedPayment] = []
    credits: dict[int, Decimal] = {}
    expected_arrears = Decimal("0.00")
    invoices = Invoice.objects.filter(network=fixture.network).values_list(
        "pk", "year", "amount", "due_on", "currency"
    )
    for pk, year, amount, due_on, currency in invoices:
        paid_share = {0: 0.45, 1: 0.65, 2: 0.8}.get(last - year, 0.9)
        roll = rng.random()
        applied = Decimal("0.00")
        if roll < paid_share:
            applied = amount
        elif roll < paid_share + 0.10:
            applied = (amount * Decimal(rng.choice(["0.25", "0.5"]))).quantize(CENT)
        elif roll < paid_share + 0.11:
            credits[pk] = (amount / 10).quantize(CENT)
        if applied:
            received = random_day(rng, dt.date(year, 2, 1), dt.date(year, 12, 31))
            payments.append(PlannedPayment(pk, min(received, plan.today), applied))
        owed = amount - applied - credits.get(pk, Decimal("0.00"))
        if currency == "USD" and due_on < plan.today and owed > 0:
            expected_arrears += owed
    rng.shuffle(payments)
    return payments, credits, expected_arrears


def bulk_payments(payments: list[PlannedPayment], credits: dict[int, Decimal]) -> None:
    from intercity.membership.models import CreditNote, Currency, Payment

    Payment.objects.bulk_create(
        [
            Payment(
                invoice_id=p.invoice_id,
                received_on=p.received_on,
                amount=p.applied,
                currency=Currency.USD,
                exchange_rate=Decimal(1),
                amount_applied=p.applied,
                reference="bulk setup",
                source=SOURCE,
            )
            for p in payments
        ],
        batch_size=2_000,
    )
    CreditNote.objects.bulk_create(
        [
            CreditNote(
                invoice_id=invoice_id,
                number=f"BENCH-CN-{n:06d}",
                amount=amount,
                reason="synthetic",
                issued_on=dt.date(2020, 1, 1),
            )
            for n, (invoice_id, amount) in enumerate(credits.items(), start=1)
        ],
        batch_size=2_000,
    )


def measure_service_payments(fixture: Fixture, payments: list[PlannedPayment]) -> Measure:
    """Each payment through services.record_payment; one in five in KRW at 1,100 to the USD."""
    from intercity.membership import services
    from intercity.membership.models import Invoice

    invoices = Invoice.objects.in_bulk([p.invoice_id for p in payments])
    krw = Decimal(1100)
    with measured() as measure:
        for n, payment in enumerate(payments):
            in_krw = n % 5 == 0
            services.record_payment(
                fixture.actor,
                invoices[payment.invoice_id],
                received_on=payment.received_on,
                amount=payment.applied * krw if in_krw else payment.applied,
                currency="KRW" if in_krw else "USD",
                exchange_rate=krw if in_krw else None,
            )
    return measure


# --- Main ------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--members", type=int, default=10_000, help="default 10000")
    parser.add_argument(
        "--years", type=int, default=10, help="invoiced years, ending this year (default 10)"
    )
    parser.add_argument("--seed", type=int, default=2026, help="of the synthetic data")
    args = parser.parse_args(argv)
    if args.members < 1 or args.years < 1:
        parser.error("--members and --years must be at least 1")
    return args


def machine_facts() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        (version,) = cursor.fetchone() or ("?",)
        cursor.execute("SHOW shared_buffers")
        (buffers,) = cursor.fetchone() or ("?",)
        cursor.execute("SHOW jit")
        (jit,) = cursor.fetchone() or ("?",)
    return (
        f"machine: Python {platform.python_version()}, PostgreSQL {version} "
        f"(shared_buffers {buffers}, jit {jit}), {os.cpu_count()} CPUs, {platform.platform()}"
    )


def benchmark(args: argparse.Namespace, where: str) -> None:
    from django.core.management import call_command
    from django.db import connections
    from django.db.models import Count, Sum
    from django.utils import timezone

    from intercity.membership import services
    from intercity.membership.models import CreditNote, Invoice, Payment

    connections["default"].queries_log = collections.deque(maxlen=QUERY_LOG_LIMIT)
    print(machine_facts())
    print(f"database: {where} (created for this run, dropped at the end)")

    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrated = time.perf_counter() - start
    call_command("seed", stdout=io.StringIO())
    seeded = time.perf_counter() - start - migrated
    print(f"setup: migrate {seconds(migrated)}, seed {seconds(seeded)}")

    today = timezone.localdate()
    plan = Plan(
        members=args.members,
        years=list(range(today.year - args.years + 1, today.year + 1)),
        today=today,
    )
    rng = random.Random(args.seed)  # noqa: S311 - synthetic data, not secrets

    start = time.perf_counter()
    fixture = build_fixture(plan, rng)
    analyze()
    made = ", ".join(f"{n:,} {what}" for what, n in fixture.counts.items())
    print(
        f"fixture: {made}; admitted {plan.first - 10}-{plan.first - 1}; "
        f"bulk_create in {seconds(time.perf_counter() - start)} (not measured)"
    )

    # 1. Invoicing, year by year, against bulk inserting the same rows.
    runs = measure_invoicing(fixture, plan)
    invoicing = Measure()
    for run in runs:
        invoicing.add(run.measure)
    created = sum(r.created for r in runs)
    baseline, copied = measure_baseline_insert(fixture, plan)
    assert copied == created, (copied, created)
    print(
        f"invoicing {len(plan.years)} years x {plan.members} members: "
        f"{seconds(invoicing.seconds)}, {queries(invoicing.queries)}, {created:,} invoices; "
        f"baseline bulk insert {seconds(baseline.seconds)} ({queries(baseline.queries)}); "
        f"ratio {ratio(invoicing.seconds, baseline.seconds)}"
    )
    for run in runs:
        print(
            f"  {run.year}: {seconds(run.measure.seconds)}, {queries(run.measure.queries)}, "
            f"{run.created:,} invoices, {run.waived:,} waived, "
            f"{run.cannot_compute:,} cannot compute"
        )

    # 2. Running a year again creates nothing.
    year = plan.years[-1]
    with measured() as again:
        second = services.run_invoicing(fixture.actor, fixture.network, year, dt.date(year, 2, 1))
    assert not second.created, f"a second run of {year} created {len(second.created)} invoices"
    print(
        f"second run of {year}: {seconds(again.seconds)}, {queries(again.queries)}, "
        f"{len(second.created)} invoices created ({second.already_invoiced:,} already invoiced)"
    )

    # 3. Payments, then the arrears report and the balances against a plain aggregate.
    payments, credits, expected_arrears = plan_payments(fixture, plan, rng)
    through_service, bulk = payments[:SERVICE_PAYMENTS], payments[SERVICE_PAYMENTS:]
    bulk_payments(bulk, credits)
    paid = measure_service_payments(fixture, through_service)
    analyze(Invoice._meta.db_table, Payment._meta.db_table, CreditNote._meta.db_table)
    per_payment = paid.seconds / len(through_service) * 1000 if through_service else 0.0
    print(
        f"payments: {len(through_service):,} through services.record_payment "
        f"(one in five in KRW) in {seconds(paid.seconds)}, {queries(paid.queries)} "
        f"({per_payment:.1f} ms and {paid.queries / max(len(through_service), 1):.1f} queries "
        f"each); {len(bulk):,} more payments and {len(credits):,} credit notes bulk-inserted "
        f"for setup (not measured)"
    )

    def aggregate() -> dict[str, Any]:
        return Invoice.objects.filter(network=fixture.network).aggregate(
            n=Count("pk"), total=Sum("amount")
        )

    base, base_runs, totals = best_of(REPORT_REPEATS, aggregate)
    report, report_runs, owing = best_of(
        REPORT_REPEATS, lambda: list(services.arrears(fixture.network, today))
    )
    owed = sum((o.owed for o in owing), Decimal("0.00"))  # type: ignore[attr-defined]
    assert owed == expected_arrears, (owed, expected_arrears)
    listed, listed_runs, accounts = best_of(
        REPORT_REPEATS, lambda: list(services.balances(fixture.network))
    )
    balance = sum((a.balance for a in accounts), Decimal("0.00"))  # type: ignore[attr-defined]

    def runs_of(times: list[float]) -> str:
        return ", ".join(f"{t:.3f}" for t in times)

    print(
        f"arrears report on {today}: {seconds(report.seconds)}, {queries(report.queries)}, "
        f"{len(owing):,} members owing USD {owed:,.2f}; baseline aggregate "
        f"{seconds(base.seconds)} ({queries(base.queries)} over {totals['n']:,} invoices); "
        f"ratio {ratio(report.seconds, base.seconds)}"
    )
    print(
        f"balances: {seconds(listed.seconds)}, {queries(listed.queries)}, {len(accounts):,} "
        f"members, USD {balance:,.2f} outstanding; ratio to the baseline aggregate "
        f"{ratio(listed.seconds, base.seconds)}"
    )
    print(
        f"  best of {REPORT_REPEATS} runs (s): arrears {runs_of(report_runs)}; balances "
        f"{runs_of(listed_runs)}; aggregate {runs_of(base_runs)}"
    )


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
    create_database(admin_url)
    try:
        os.environ["DJANGO_SETTINGS_MODULE"] = "intercity.settings"
        os.environ["DATABASE_URL"] = bench_url
        import django

        django.setup()
        parts = urlsplit(bench_url)
        benchmark(args, f"{DB_NAME} on {parts.hostname}:{parts.port or 5432}")
    finally:
        from django.db import connections

        connections.close_all()
        drop_database(admin_url)
    print(f"wall time: {seconds(time.perf_counter() - started)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
