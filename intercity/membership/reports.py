"""The financial report (seed 003, Agenda 4 "Review of WeGO Financial Report 2016-2017").

Fees collected per year, both as reported to the Executive Committee and as recorded in
Intercity; the President City's contributions, shown apart because they are not revenue
(Statute 2017 Art. 14.2(a)); membership-fee spending approved against actual by category,
with the savings; and the next year's collection projected as the average of the last five
complete years, which is how 003 projects 2018 ("five years collection average from
(2012 ~ 2016)").

Money is `Decimal` and every division is exact. 003 keeps its books in thousands of KRW and
gives USD estimates at 1 USD = 1,100 KRW; fees are collected in USD.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.db.models import Count, Sum

from intercity.membership.models import (
    ZERO,
    Contribution,
    Currency,
    Expenditure,
    Payment,
    ReportedCollection,
)
from intercity.network.models import Network, Organisation

SEED_DIR = Path(__file__).resolve().parent / "seed_data"

WINDOW = 5
"""Complete years averaged for a projection (003: "five years collection average")."""

CENT = Decimal("0.01")


def money_text(amount: Decimal) -> str:
    """1234.5 -> '1,234.50'; an amount finer than a cent keeps all its digits."""
    if amount == amount.quantize(CENT):
        return f"{amount:,.2f}"
    return f"{amount:,}"


# --- The projection: a pure rule ------------------------------------------------------------


@dataclass(frozen=True)
class Projection:
    """The collection projected for `year`, or why it cannot be projected."""

    year: int
    amount: Decimal | None
    years: tuple[int, ...]
    amounts: tuple[Decimal, ...]
    skipped: tuple[int, ...]
    explanation: str

    @property
    def possible(self) -> bool:
        return self.amount is not None

    @property
    def total(self) -> Decimal:
        return sum(self.amounts, ZERO)

    @property
    def divisor(self) -> int:
        return len(self.amounts)

    @property
    def years_and_amounts(self) -> list[tuple[int, Decimal]]:
        return list(zip(self.years, self.amounts, strict=True))

    @property
    def arithmetic(self) -> str:
        """'(a + b + c + d + e) / 5 = sum / 5 = average', or '' when not possible."""
        if self.amount is None:
            return ""
        terms = " + ".join(money_text(a) for a in self.amounts)
        return (
            f"({terms}) / {self.divisor} = {money_text(self.total)} / {self.divisor}"
            f" = {money_text(self.amount)}"
        )


def project_collection(collections: Sequence[tuple[int, Decimal, bool]], year: int) -> Projection:
    """Average of the last five complete years before `year`, from (year, amount, complete).

    A year still in progress is left out, so its part-year figure cannot pull the average
    down: 003 projects 2018 from 2012-2016 while 2017 is "in progress".
    """
    years = [y for y, _, _ in collections]
    if len(years) != len(set(years)):
        raise ValueError("Each year may appear only once.")
    before = sorted((row for row in collections if row[0] < year), key=lambda row: row[0])
    complete = [(y, amount) for y, amount, done in before if done]
    skipped = tuple(y for y, _, done in before if not done)
    used = complete[-WINDOW:]
    skipped_text = (
        f" Left out as still in progress: {', '.join(map(str, skipped))}." if skipped else ""
    )
    if len(used) < WINDOW:
        listed = f" ({', '.join(str(y) for y, _ in used)})" if used else ""
        return Projection(
            year=year,
            amount=None,
            years=tuple(y for y, _ in used),
            amounts=tuple(a for _, a in used),
            skipped=skipped,
            explanation=(
                f"Cannot project {year}: only {len(used)} complete "
                f"year{'' if len(used) == 1 else 's'} before it{listed}; the average needs "
                f"{WINDOW}.{skipped_text}"
            ),
        )
    amounts = tuple(a for _, a in used)
    with decimal.localcontext() as exact:
        # Dividing by five always terminates; the trap proves no digit is ever dropped.
        exact.traps[decimal.Inexact] = True
        exact.traps[decimal.Rounded] = True
        average = sum(amounts, ZERO) / WINDOW
    first, last = used[0][0], used[-1][0]
    return Projection(
        year=year,
        amount=average,
        years=tuple(y for y, _ in used),
        amounts=amounts,
        skipped=skipped,
        explanation=(
            f"Average of the fees collected in the {WINDOW} complete years before {year} "
            f"({first}-{last}): {money_text(sum(amounts, ZERO))} / {WINDOW} = "
            f"{money_text(average)}.{skipped_text}"
        ),
    )


# --- The report --------------------------------------------------------------------------


@dataclass(frozen=True)
class CollectionYear:
    """One fee year: what the Executive Committee was told, and what Intercity records."""

    year: int
    reported_usd: Decimal | None
    reported_krw_thousands: Decimal | None
    complete: bool
    source: str
    recorded: dict[str, Decimal]
    """Payments recorded in Intercity for invoices of this fee year, by invoice currency."""
    payers: int
    used_krw_thousands: Decimal
    """Membership fees spent this year (actual, final or so far)."""

    @property
    def reported(self) -> bool:
        return self.reported_usd is not None

    @property
    def status(self) -> str:
        if not self.reported:
            return "not reported"
        return "complete" if self.complete else "in progress"

    @property
    def recorded_usd(self) -> Decimal:
        return self.recorded.get(Currency.USD, ZERO)


@dataclass(frozen=True)
class ContributionLine:
    organisation: str
    year: int
    krw_thousands: Decimal
    usd_estimated: Decimal | None
    budget: bool
    source: str


@dataclass(frozen=True)
class ExpenditureLine:
    year: int
    category: str
    items: tuple[str, ...]
    approved_krw_thousands: Decimal
    approved_usd_estimated: Decimal | None
    actual_krw_thousands: Decimal | None
    actual_usd_estimated: Decimal | None
    actual_as_of: dt.date | None
    source: str

    @property
    def final(self) -> bool:
        """The actual is final once it is known and no longer dated 'as of'."""
        return self.actual_krw_thousands is not None and self.actual_as_of is None

    @property
    def savings_krw_thousands(self) -> Decimal | None:
        if not self.final or self.actual_krw_thousands is None:
            return None
        return self.approved_krw_thousands - self.actual_krw_thousands

    @property
    def savings_usd_estimated(self) -> Decimal | None:
        approved, actual = self.approved_usd_estimated, self.actual_usd_estimated
        if not self.final or approved is None or actual is None:
            return None
        return approved - actual


def _sum(amounts: Iterable[Decimal | None]) -> Decimal:
    return sum((a for a in amounts if a is not None), ZERO)


@dataclass(frozen=True)
class ExpenditureYear:
    year: int
    lines: tuple[ExpenditureLine, ...]

    @property
    def approved_krw_thousands(self) -> Decimal:
        return _sum(line.approved_krw_thousands for line in self.lines)

    @property
    def approved_usd_estimated(self) -> Decimal:
        return _sum(line.approved_usd_estimated for line in self.lines)

    @property
    def spent(self) -> bool:
        return any(line.actual_krw_thousands is not None for line in self.lines)

    @property
    def actual_krw_thousands(self) -> Decimal | None:
        return _sum(line.actual_krw_thousands for line in self.lines) if self.spent else None

    @property
    def actual_usd_estimated(self) -> Decimal | None:
        return _sum(line.actual_usd_estimated for line in self.lines) if self.spent else None

    @property
    def final(self) -> bool:
        return all(line.final for line in self.lines)

    @property
    def as_of(self) -> dt.date | None:
        return max((line.actual_as_of for line in self.lines if line.actual_as_of), default=None)

    @property
    def status(self) -> str:
        if self.final:
            return "final"
        if self.spent:
            return "in progress"
        return "approved, nothing spent yet"

    @property
    def savings_krw_thousands(self) -> Decimal | None:
        """Approved minus actual, only once every actual is final."""
        if not self.final:
            return None
        return _sum(line.savings_krw_thousands for line in self.lines)

    @property
    def savings_usd_estimated(self) -> Decimal | None:
        if not self.final:
            return None
        return _sum(line.savings_usd_estimated for line in self.lines)

    @property
    def unspent_krw_thousands(self) -> Decimal | None:
        """While in progress: approved minus spent so far (003's 'Savings ... (in progress)')."""
        actual = self.actual_krw_thousands
        if self.final or actual is None:
            return None
        return self.approved_krw_thousands - actual

    @property
    def unspent_usd_estimated(self) -> Decimal | None:
        actual = self.actual_usd_estimated
        if self.final or actual is None:
            return None
        return self.approved_usd_estimated - actual


@dataclass(frozen=True)
class PrintedProjection:
    """The projection as the handbook prints it, with its own note on how it was made."""

    year: int
    amount_usd: Decimal
    amount_krw_thousands: Decimal | None
    basis: str
    source: str


@dataclass(frozen=True)
class HandbookCheck:
    """A figure the handbook prints beside the one computed from the seeded rows."""

    label: str
    printed: Decimal
    computed: Decimal
    how: str
    source: str

    @property
    def difference(self) -> Decimal:
        return self.printed - self.computed

    @property
    def agrees(self) -> bool:
        return self.difference == 0


@dataclass(frozen=True)
class FinancialReport:
    network: Network
    collections: tuple[CollectionYear, ...]
    contributions: tuple[ContributionLine, ...]
    expenditures: tuple[ExpenditureYear, ...]
    projection_usd: Projection | None
    projection_krw_thousands: Projection | None
    printed_projection: PrintedProjection | None
    checks: tuple[HandbookCheck, ...]

    @property
    def has_figures(self) -> bool:
        return bool(self.collections or self.contributions or self.expenditures)

    @property
    def currencies(self) -> tuple[str, ...]:
        """Invoice currencies with payments recorded; USD first, as fees are set in USD."""
        found = {c for row in self.collections for c in row.recorded}
        return (Currency.USD, *sorted(found - {Currency.USD}))

    @property
    def collected_usd(self) -> Decimal:
        return _sum(row.reported_usd for row in self.collections)

    @property
    def collected_krw_thousands(self) -> Decimal:
        return _sum(row.reported_krw_thousands for row in self.collections)

    @property
    def used_krw_thousands(self) -> Decimal:
        return _sum(row.used_krw_thousands for row in self.collections)

    @property
    def used_usd_estimated(self) -> Decimal:
        return _sum(line.actual_usd_estimated for year in self.expenditures for line in year.lines)

    def recorded_total(self, currency: str) -> Decimal:
        return _sum(row.recorded.get(currency) for row in self.collections)

    @property
    def other_currencies(self) -> tuple[str, ...]:
        return self.currencies[1:]

    @property
    def collection_rows(self) -> list[tuple[CollectionYear, tuple[Decimal, ...]]]:
        """Each year with its recorded amounts in the other currencies, in column order."""
        return [
            (row, tuple(row.recorded.get(c, ZERO) for c in self.other_currencies))
            for row in self.collections
        ]

    @property
    def recorded_usd(self) -> Decimal:
        return self.recorded_total(Currency.USD)

    @property
    def recorded_other(self) -> tuple[Decimal, ...]:
        return tuple(self.recorded_total(c) for c in self.other_currencies)

    @property
    def contributions_krw_thousands(self) -> Decimal:
        return _sum(line.krw_thousands for line in self.contributions)

    @property
    def contributions_usd_estimated(self) -> Decimal:
        return _sum(line.usd_estimated for line in self.contributions)

    @property
    def projected_year(self) -> ExpenditureYear | None:
        """The approved spending of the projected year, if any."""
        if self.projection_usd is None:
            return None
        wanted = self.projection_usd.year
        return next((e for e in self.expenditures if e.year == wanted), None)

    @property
    def projected_savings_usd(self) -> Decimal | None:
        spending = self.projected_year
        if spending is None or self.projection_usd is None or self.projection_usd.amount is None:
            return None
        return self.projection_usd.amount - spending.approved_usd_estimated

    @property
    def projected_savings_krw_thousands(self) -> Decimal | None:
        spending, projection = self.projected_year, self.projection_krw_thousands
        if spending is None or projection is None or projection.amount is None:
            return None
        return projection.amount - spending.approved_krw_thousands

    @property
    def difference_from_printed_usd(self) -> Decimal | None:
        printed, projection = self.printed_projection, self.projection_usd
        if printed is None or projection is None or projection.amount is None:
            return None
        if printed.year != projection.year:
            return None
        return projection.amount - printed.amount_usd


def financial_report(network: Network) -> FinancialReport:
    """Gather the report in four queries, whatever the number of invoices and payments."""
    reported = {row.year: row for row in ReportedCollection.objects.filter(network=network)}
    recorded: dict[int, dict[str, Decimal]] = {}
    payers: Counter[int] = Counter()
    paid = (
        Payment.objects.filter(invoice__network=network)
        .values_list("invoice__year", "invoice__currency")
        .annotate(total=Sum("amount_applied"), payers=Count("invoice", distinct=True))
        .order_by()
    )
    for year, currency, total, count in paid:
        # SQLite sums decimals as floats and hands back their noise (84863.8900000000);
        # PostgreSQL's numeric is exact. To the cent, both agree.
        recorded.setdefault(year, {})[currency] = Decimal(total).quantize(CENT)
        # One invoice per member and year (one_invoice_per_member_year): invoices are payers.
        payers[year] += count
    lines = [
        ExpenditureLine(
            year=e.year,
            category=e.category,
            items=tuple(item for item in e.items.splitlines() if item.strip()),
            approved_krw_thousands=e.approved_krw_thousands,
            approved_usd_estimated=e.approved_usd_estimated,
            actual_krw_thousands=e.actual_krw_thousands,
            actual_usd_estimated=e.actual_usd_estimated,
            actual_as_of=e.actual_as_of,
            source=e.source,
        )
        for e in Expenditure.objects.filter(network=network).order_by("year", "category")
    ]
    expenditures = tuple(
        ExpenditureYear(year, tuple(line for line in lines if line.year == year))
        for year in sorted({line.year for line in lines})
    )
    used = {year.year: year.actual_krw_thousands or ZERO for year in expenditures}
    years = set(reported) | set(recorded) | {y for y, spent in used.items() if spent}
    collections = tuple(
        CollectionYear(
            year=year,
            reported_usd=reported[year].amount_usd if year in reported else None,
            reported_krw_thousands=(
                reported[year].amount_krw_thousands if year in reported else None
            ),
            complete=reported[year].complete if year in reported else False,
            source=reported[year].source if year in reported else "",
            recorded=recorded.get(year, {}),
            payers=payers[year],
            used_krw_thousands=used.get(year, ZERO),
        )
        for year in sorted(years)
    )
    contributions = tuple(
        ContributionLine(
            organisation=c.organisation.name,
            year=c.year,
            krw_thousands=c.amount_krw_thousands,
            usd_estimated=c.amount_usd_estimated,
            budget=c.budget,
            source=c.source,
        )
        for c in Contribution.objects.filter(network=network)
        .select_related("organisation")
        .order_by("year", "organisation__name")
    )
    projection_usd = projection_krw = None
    if reported:
        following = max(reported) + 1
        projection_usd = project_collection(
            [(r.year, r.amount_usd, r.complete) for r in reported.values()], following
        )
        projection_krw = project_collection(
            [
                (r.year, r.amount_krw_thousands, r.complete)
                for r in reported.values()
                if r.amount_krw_thousands is not None
            ],
            following,
        )
    printed = _read(network).get("printed") or {}
    report = FinancialReport(
        network=network,
        collections=collections,
        contributions=contributions,
        expenditures=expenditures,
        projection_usd=projection_usd,
        projection_krw_thousands=projection_krw,
        printed_projection=_printed_projection(printed.get("projection")),
        checks=(),
    )
    return _with_checks(report, printed.get("totals") or [])


def _printed_projection(row: dict[str, Any] | None) -> PrintedProjection | None:
    if not row:
        return None
    return PrintedProjection(
        year=int(row["year"]),
        amount_usd=_cents(row["amount_usd"]),
        amount_krw_thousands=_decimal(row.get("amount_krw_thousands")),
        basis=str(row.get("basis", "")),
        source=str(row["source"]),
    )


def _with_checks(report: FinancialReport, totals: list[dict[str, Any]]) -> FinancialReport:
    """Pair each total the handbook prints with the same total computed from the rows."""
    checks = []
    for row in totals:
        computed, how = _computed(report, str(row["key"]), row.get("year"))
        if computed is None:
            continue
        checks.append(
            HandbookCheck(
                label=str(row["label"]),
                printed=_cents(row["amount"]),
                computed=computed,
                how=how,
                source=str(row["source"]),
            )
        )
    return replace(report, checks=tuple(checks))


def _computed(report: FinancialReport, key: str, year: object) -> tuple[Decimal | None, str]:
    """The figure `key` of finance.yaml's printed totals, computed from the report's rows."""
    spending = next((e for e in report.expenditures if e.year == year), None)
    printed = report.printed_projection
    planned = report.projected_year
    match key:
        case "collected_usd":
            return report.collected_usd, "sum of the yearly collections"
        case "collected_krw_thousands":
            return report.collected_krw_thousands, "sum of the yearly collections"
        case "used_krw_thousands":
            return report.used_krw_thousands, "sum of the actual spending"
        case "used_usd_estimated":
            return report.used_usd_estimated, "sum of the actual spending"
        case "balance_krw_thousands":
            return (
                report.collected_krw_thousands - report.used_krw_thousands,
                "collected minus used",
            )
        case "balance_usd":
            return report.collected_usd - report.used_usd_estimated, "collected minus used"
        case "contributions_krw_thousands":
            return report.contributions_krw_thousands, "sum of the yearly contributions"
        case "contributions_usd_estimated":
            return report.contributions_usd_estimated, "sum of the yearly USD estimates"
        case "savings_krw_thousands" if spending:
            return spending.savings_krw_thousands, "approved minus actual"
        case "savings_usd_estimated" if spending:
            return spending.savings_usd_estimated, "approved minus actual"
        case "unspent_krw_thousands" if spending:
            return spending.unspent_krw_thousands, "approved minus actual so far"
        case "unspent_usd_estimated" if spending:
            return spending.unspent_usd_estimated, "approved minus actual so far"
        case "projected_savings_krw_thousands" if printed and planned:
            if printed.amount_krw_thousands is None:
                return None, ""
            return (
                printed.amount_krw_thousands - planned.approved_krw_thousands,
                f"the handbook's own projection {money_text(printed.amount_krw_thousands)} "
                f"minus the approved {planned.year} spending "
                f"{money_text(planned.approved_krw_thousands)}",
            )
        case "projected_savings_usd" if printed and planned:
            return (
                printed.amount_usd - planned.approved_usd_estimated,
                f"the handbook's own projection {money_text(printed.amount_usd)} "
                f"minus the approved {planned.year} spending "
                f"{money_text(planned.approved_usd_estimated)}",
            )
    return None, ""


# --- Seeding -----------------------------------------------------------------------------


def _read(network: Network) -> dict[str, Any]:
    path = SEED_DIR / network.slug / "finance.yaml"
    if not path.exists():
        return {}
    return dict(yaml.safe_load(path.read_text(encoding="utf-8")) or {})


def _decimal(value: object) -> Decimal | None:
    return None if value is None else _cents(value)


def _cents(value: object) -> Decimal:
    """An amount from finance.yaml, to the cent; refuses one that would need rounding."""
    amount = Decimal(str(value))
    cents = amount.quantize(CENT)
    if cents != amount:
        raise ValueError(f"{value} is finer than a cent")
    return cents


def _date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def load_finance(network: Network) -> Counter[str]:
    """Load the report's seeded figures for a network; returns what it created.

    Idempotent: a row already there is left as it is.
    """
    data = _read(network)
    created: Counter[str] = Counter()
    with transaction.atomic():
        for row in data.get("collections") or []:
            _, made = ReportedCollection.objects.get_or_create(
                network=network,
                year=row["year"],
                defaults={
                    "amount_usd": _cents(row["amount_usd"]),
                    "amount_krw_thousands": _decimal(row.get("amount_krw_thousands")),
                    "complete": bool(row.get("complete", True)),
                    "source": row["source"],
                },
            )
            created["reported collection"] += made
        for row in data.get("contributions") or []:
            _, made = Contribution.objects.get_or_create(
                network=network,
                organisation=Organisation.objects.get(key=row["organisation"]),
                year=row["year"],
                defaults={
                    "amount_krw_thousands": _cents(row["amount_krw_thousands"]),
                    "amount_usd_estimated": _decimal(row.get("amount_usd_estimated")),
                    "budget": bool(row.get("budget", False)),
                    "source": row["source"],
                },
            )
            created["contribution"] += made
        for row in data.get("expenditures") or []:
            _, made = Expenditure.objects.get_or_create(
                network=network,
                year=row["year"],
                category=row["category"],
                defaults={
                    "items": "\n".join(row.get("items") or []),
                    "approved_krw_thousands": _cents(row["approved_krw_thousands"]),
                    "approved_usd_estimated": _decimal(row.get("approved_usd_estimated")),
                    "actual_krw_thousands": _decimal(row.get("actual_krw_thousands")),
                    "actual_usd_estimated": _decimal(row.get("actual_usd_estimated")),
                    "actual_as_of": _date(row.get("actual_as_of")),
                    "source": row["source"],
                },
            )
            created["expenditure"] += made
    return created


# --- The report as tables, for the CSV and XLSX exports -----------------------------------

Cell = str | int | Decimal | dt.date | None
"""Money is a Decimal, a year or a count an int: the exports format them by type."""


@dataclass(frozen=True)
class Table:
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    notes: tuple[str, ...] = ()


ANNEX_1_NOTE = (
    "Fees billed in Intercity follow Statute 2017 Annexes 1-3 (seed 002). Annex 1's first "
    "population column, below 300,000, is written for this platform: the statute heads its "
    "columns from 300,000 people but gives eight amounts a row."
)

RATE_NOTE = (
    "KRW figures are in thousands; USD figures for KRW amounts are 003's estimates at its "
    "stated rate 1 USD = 1,100 KRW."
)


def tables(report: FinancialReport) -> tuple[Table, ...]:
    return (
        _collections_table(report),
        _projection_table(report),
        _contributions_table(report),
        _expenditures_table(report),
        _checks_table(report),
    )


def _collections_table(report: FinancialReport) -> Table:
    others = report.currencies[1:]
    header = (
        "Year",
        "Reported (USD)",
        "Reported (1000 KRW, estimated)",
        "Status",
        "Recorded in Intercity (USD)",
        *(f"Recorded in Intercity ({c}, not converted)" for c in others),
        "Invoices paid in Intercity",
        "Fees used (1000 KRW)",
        "Source",
    )
    rows: list[tuple[Cell, ...]] = [
        (
            row.year,
            row.reported_usd,
            row.reported_krw_thousands,
            row.status,
            row.recorded_usd,
            *(row.recorded.get(c, ZERO) for c in others),
            row.payers,
            row.used_krw_thousands,
            row.source,
        )
        for row in report.collections
    ]
    rows.append(
        (
            "Total",
            report.collected_usd,
            report.collected_krw_thousands,
            "",
            report.recorded_total(Currency.USD),
            *(report.recorded_total(c) for c in others),
            sum(row.payers for row in report.collections),
            report.used_krw_thousands,
            "",
        )
    )
    return Table(
        "Collections",
        header,
        tuple(rows),
        (
            "Reported: membership fees collected as reported to the Executive Committee.",
            "Recorded in Intercity: payments entered here against invoices of that fee year, "
            "in the invoice's currency; other currencies are not converted (no rate is recorded).",
            "Fees used: membership fees spent that year (actual, final or so far).",
            ANNEX_1_NOTE,
            RATE_NOTE,
        ),
    )


def _projection_table(report: FinancialReport) -> Table:
    usd, krw, printed = (
        report.projection_usd,
        report.projection_krw_thousands,
        report.printed_projection,
    )
    header = ("Item", "USD", "1000 KRW")
    if usd is None:
        return Table("Projection", header, (), ("No collections reported: nothing to project.",))
    krw_by_year = dict(zip(krw.years, krw.amounts, strict=True)) if krw else {}
    krw_amount = krw.amount if krw else None
    rows: list[tuple[Cell, ...]] = [
        (f"Collected in {year}", amount, krw_by_year.get(year))
        for year, amount in zip(usd.years, usd.amounts, strict=True)
    ]
    if usd.amount is not None:
        rows += [
            (f"Sum of {usd.divisor} years", usd.total, krw.total if krw else None),
            ("Divided by (years)", usd.divisor, krw.divisor if krw else None),
            (f"Projected collection {usd.year} (exact average)", usd.amount, krw_amount),
        ]
    if printed is not None and printed.year == usd.year:
        rows.append(
            (
                f"Projected collection {usd.year} as printed in the handbook",
                printed.amount_usd,
                printed.amount_krw_thousands,
            )
        )
        if usd.amount is not None:
            rows.append(
                (
                    "Exact average minus printed figure",
                    usd.amount - printed.amount_usd,
                    krw_amount - printed.amount_krw_thousands
                    if krw_amount is not None and printed.amount_krw_thousands is not None
                    else None,
                )
            )
    planned = report.projected_year
    if planned is not None:
        rows += [
            (
                f"Approved spending {planned.year}",
                planned.approved_usd_estimated,
                planned.approved_krw_thousands,
            ),
            (
                f"Projected savings {planned.year} (exact average minus approved spending)",
                report.projected_savings_usd,
                report.projected_savings_krw_thousands,
            ),
        ]
    notes = [usd.explanation]
    if krw is not None:
        notes.append(f"In 1000 KRW: {krw.explanation}")
    if printed is not None:
        notes.append(f"Handbook: {printed.basis} ({printed.source})")
    notes.append(RATE_NOTE)
    return Table("Projection", header, tuple(rows), tuple(notes))


def _contributions_table(report: FinancialReport) -> Table:
    rows: list[tuple[Cell, ...]] = [
        (
            line.year,
            line.organisation,
            line.krw_thousands,
            line.usd_estimated,
            "budget" if line.budget else "actual",
            line.source,
        )
        for line in report.contributions
    ]
    rows.append(
        (
            "Total",
            "",
            report.contributions_krw_thousands,
            report.contributions_usd_estimated,
            "",
            "",
        )
    )
    return Table(
        "Contributions",
        (
            "Year",
            "President City",
            "Contribution (1000 KRW)",
            "Contribution (USD, estimated)",
            "Budget or actual",
            "Source",
        ),
        tuple(rows),
        (
            "Not revenue (Statute 2017 Art. 14.2(a)): the President City's contributions are "
            "not counted in fees collected, savings or the projection.",
            RATE_NOTE,
        ),
    )


def _expenditures_table(report: FinancialReport) -> Table:
    rows: list[tuple[Cell, ...]] = []
    for year in report.expenditures:
        for line in year.lines:
            rows.append(
                (
                    line.year,
                    line.category,
                    "; ".join(line.items),
                    line.approved_krw_thousands,
                    line.approved_usd_estimated,
                    line.actual_krw_thousands,
                    line.actual_usd_estimated,
                    line.actual_as_of,
                    line.savings_krw_thousands,
                    line.savings_usd_estimated,
                    year.status,
                    line.source,
                )
            )
        rows.append(
            (
                year.year,
                "Total",
                "",
                year.approved_krw_thousands,
                year.approved_usd_estimated,
                year.actual_krw_thousands,
                year.actual_usd_estimated,
                year.as_of,
                year.savings_krw_thousands,
                year.savings_usd_estimated,
                year.status,
                "",
            )
        )
    return Table(
        "Expenditures",
        (
            "Year",
            "Category",
            "Items",
            "Approved (1000 KRW)",
            "Approved (USD, estimated)",
            "Actual (1000 KRW)",
            "Actual (USD, estimated)",
            "Actual as of",
            "Savings (1000 KRW)",
            "Savings (USD, estimated)",
            "Status",
            "Source",
        ),
        tuple(rows),
        (
            "Savings are approved minus actual, shown only once the actual is final "
            "(no 'as of' date).",
            RATE_NOTE,
        ),
    )


def _checks_table(report: FinancialReport) -> Table:
    return Table(
        "Handbook checks",
        ("Figure", "Printed in the handbook", "Computed", "Difference", "How computed", "Source"),
        tuple(
            (check.label, check.printed, check.computed, check.difference, check.how, check.source)
            for check in report.checks
        ),
        ("Difference: printed minus computed; 0 where the handbook reconciles.",),
    )
