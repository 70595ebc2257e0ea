"""The financial report as tables, for the CSV and XLSX exports (and the page's notes)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from intercity.membership.models import ZERO, Currency

if TYPE_CHECKING:
    from intercity.membership.reports import FinancialReport

Cell = str | int | Decimal | dt.date | None
"""Money is a Decimal, a year or a count an int: the exports format them by type."""


@dataclass(frozen=True)
class Table:
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    notes: tuple[str, ...] = ()


ANNEX_1_NOTE = gettext_lazy(
    "Fees billed in Intercity follow Statute 2017 Annexes 1-3 (seed 002). Annex 1's first "
    "population column, below 300,000, is written for this platform: the statute heads its "
    "columns from 300,000 people but gives eight amounts a row."
)

RATE_NOTE = gettext_lazy(
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
        _("Year"),
        _("Reported (USD)"),
        _("Reported (1000 KRW, estimated)"),
        _("Status"),
        _("Recorded in Intercity (USD)"),
        *(
            _("Recorded in Intercity (%(currency)s, not converted)") % {"currency": c}
            for c in others
        ),
        _("Invoices paid in Intercity"),
        _("Fees used (1000 KRW)"),
        _("Source"),
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
            _("Total"),
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
        _("Collections"),
        header,
        tuple(rows),
        (
            _("Reported: membership fees collected as reported to the Executive Committee."),
            _(
                "Recorded in Intercity: payments entered here against invoices of that fee year, "
                "in the invoice's currency; other currencies are not converted (no rate is "
                "recorded)."
            ),
            _("Fees used: membership fees spent that year (actual, final or so far)."),
            str(ANNEX_1_NOTE),
            str(RATE_NOTE),
        ),
    )


def _projection_table(report: FinancialReport) -> Table:
    usd, krw, printed = (
        report.projection_usd,
        report.projection_krw_thousands,
        report.printed_projection,
    )
    header = (_("Item"), "USD", _("1000 KRW"))
    if usd is None:
        return Table(
            _("Projection"), header, (), (_("No collections reported: nothing to project."),)
        )
    krw_by_year = dict(zip(krw.years, krw.amounts, strict=True)) if krw else {}
    krw_amount = krw.amount if krw else None
    rows: list[tuple[Cell, ...]] = [
        (_("Collected in %(year)s") % {"year": year}, amount, krw_by_year.get(year))
        for year, amount in zip(usd.years, usd.amounts, strict=True)
    ]
    if usd.amount is not None:
        rows += [
            (
                ngettext("Sum of %(count)s year", "Sum of %(count)s years", usd.divisor)
                % {"count": usd.divisor},
                usd.total,
                krw.total if krw else None,
            ),
            (_("Divided by (years)"), usd.divisor, krw.divisor if krw else None),
            (
                _("Projected collection %(year)s (exact average)") % {"year": usd.year},
                usd.amount,
                krw_amount,
            ),
        ]
    if printed is not None and printed.year == usd.year:
        rows.append(
            (
                _("Projected collection %(year)s as printed in the handbook") % {"year": usd.year},
                printed.amount_usd,
                printed.amount_krw_thousands,
            )
        )
        if usd.amount is not None:
            rows.append(
                (
                    _("Exact average minus printed figure"),
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
                _("Approved spending %(year)s") % {"year": planned.year},
                planned.approved_usd_estimated,
                planned.approved_krw_thousands,
            ),
            (
                _("Projected savings %(year)s (exact average minus approved spending)")
                % {"year": planned.year},
                report.projected_savings_usd,
                report.projected_savings_krw_thousands,
            ),
        ]
    notes = [usd.explanation]
    if krw is not None:
        notes.append(_("In 1000 KRW: %(explanation)s") % {"explanation": krw.explanation})
    if printed is not None:
        notes.append(
            _("Handbook: %(basis)s (%(source)s)")
            % {"basis": printed.basis, "source": printed.source}
        )
    notes.append(str(RATE_NOTE))
    return Table(_("Projection"), header, tuple(rows), tuple(notes))


def _contributions_table(report: FinancialReport) -> Table:
    rows: list[tuple[Cell, ...]] = [
        (
            line.year,
            line.organisation,
            line.krw_thousands,
            line.usd_estimated,
            _("budget") if line.budget else _("actual"),
            line.source,
        )
        for line in report.contributions
    ]
    rows.append(
        (
            _("Total"),
            "",
            report.contributions_krw_thousands,
            report.contributions_usd_estimated,
            "",
            "",
        )
    )
    return Table(
        _("Contributions"),
        (
            _("Year"),
            _("President City"),
            _("Contribution (1000 KRW)"),
            _("Contribution (USD, estimated)"),
            _("Budget or actual"),
            _("Source"),
        ),
        tuple(rows),
        (
            _(
                "Not revenue (Statute 2017 Art. 14.2(a)): the President City's contributions "
                "are not counted in fees collected, savings or the projection."
            ),
            str(RATE_NOTE),
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
                _("Total"),
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
        _("Expenditures"),
        (
            _("Year"),
            _("Category"),
            _("Items"),
            _("Approved (1000 KRW)"),
            _("Approved (USD, estimated)"),
            _("Actual (1000 KRW)"),
            _("Actual (USD, estimated)"),
            _("Actual as of"),
            _("Savings (1000 KRW)"),
            _("Savings (USD, estimated)"),
            _("Status"),
            _("Source"),
        ),
        tuple(rows),
        (
            _(
                "Savings are approved minus actual, shown only once the actual is final "
                "(no 'as of' date)."
            ),
            str(RATE_NOTE),
        ),
    )


def _checks_table(report: FinancialReport) -> Table:
    return Table(
        _("Handbook checks"),
        (
            _("Figure"),
            _("Printed in the handbook"),
            _("Computed"),
            _("Difference"),
            _("How computed"),
            _("Source"),
        ),
        tuple(
            (check.label, check.printed, check.computed, check.difference, check.how, check.source)
            for check in report.checks
        ),
        (_("Difference: printed minus computed; 0 where the handbook reconciles."),),
    )
