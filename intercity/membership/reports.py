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
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from intercity.membership import seed

# The tables moved to `exports`; the finance pages still read them here.
from intercity.membership.exports import ANNEX_1_NOTE as ANNEX_1_NOTE
from intercity.membership.exports import RATE_NOTE as RATE_NOTE
from intercity.membership.exports import Cell as Cell
from intercity.membership.exports import Table as Table
from intercity.membership.exports import tables as tables
from intercity.membership.models import (
    ZERO,
    Contribution,
    Currency,
    Expenditure,
    Payment,
    ReportedCollection,
)
from intercity.membership.rules import (
    CENT,
    Projection,
    cents,
    money_text,
    optional_cents,
    project_collection,
)
from intercity.network.models import Network

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
            return _("not reported")
        return _("complete") if self.complete else _("in progress")

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
            return _("final")
        if self.spent:
            return _("in progress")
        return _("approved, nothing spent yet")

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
    printed = seed.finance_data(network).get("printed") or {}
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
        amount_usd=cents(row["amount_usd"]),
        amount_krw_thousands=optional_cents(row.get("amount_krw_thousands")),
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
                printed=cents(row["amount"]),
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
            return report.collected_usd, _("sum of the yearly collections")
        case "collected_krw_thousands":
            return report.collected_krw_thousands, _("sum of the yearly collections")
        case "used_krw_thousands":
            return report.used_krw_thousands, _("sum of the actual spending")
        case "used_usd_estimated":
            return report.used_usd_estimated, _("sum of the actual spending")
        case "balance_krw_thousands":
            return (
                report.collected_krw_thousands - report.used_krw_thousands,
                _("collected minus used"),
            )
        case "balance_usd":
            return report.collected_usd - report.used_usd_estimated, _("collected minus used")
        case "contributions_krw_thousands":
            return report.contributions_krw_thousands, _("sum of the yearly contributions")
        case "contributions_usd_estimated":
            return report.contributions_usd_estimated, _("sum of the yearly USD estimates")
        case "savings_krw_thousands" if spending:
            return spending.savings_krw_thousands, _("approved minus actual")
        case "savings_usd_estimated" if spending:
            return spending.savings_usd_estimated, _("approved minus actual")
        case "unspent_krw_thousands" if spending:
            return spending.unspent_krw_thousands, _("approved minus actual so far")
        case "unspent_usd_estimated" if spending:
            return spending.unspent_usd_estimated, _("approved minus actual so far")
        case "projected_savings_krw_thousands" if printed and planned:
            if printed.amount_krw_thousands is None:
                return None, ""
            return (
                printed.amount_krw_thousands - planned.approved_krw_thousands,
                _(
                    "the handbook's own projection %(projection)s minus the approved %(year)s "
                    "spending %(approved)s"
                )
                % {
                    "projection": money_text(printed.amount_krw_thousands),
                    "year": planned.year,
                    "approved": money_text(planned.approved_krw_thousands),
                },
            )
        case "projected_savings_usd" if printed and planned:
            return (
                printed.amount_usd - planned.approved_usd_estimated,
                _(
                    "the handbook's own projection %(projection)s minus the approved %(year)s "
                    "spending %(approved)s"
                )
                % {
                    "projection": money_text(printed.amount_usd),
                    "year": planned.year,
                    "approved": money_text(planned.approved_usd_estimated),
                },
            )
    return None, ""
