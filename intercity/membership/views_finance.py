"""The financial report as a page, a CSV file and an XLSX workbook; Secretariat staff only."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from io import BytesIO

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext

# openpyxl ships no types and types-openpyxl is not among the dev dependencies yet.
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from intercity.accounts import permissions
from intercity.membership import reports
from intercity.network.models import Network

MONEY_FORMAT = "#,##0.00"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _report(request: HttpRequest, slug: str) -> reports.FinancialReport:
    if not permissions.is_secretariat(request.user):
        raise PermissionDenied(gettext("The financial report is for Secretariat staff."))
    return reports.financial_report(get_object_or_404(Network, slug=slug))


def _bars(rows: list[tuple[str, Decimal]]) -> list[tuple[str, Decimal, int]]:
    """Rows with the bar width in percent of the largest, for the CSS bar chart."""
    top = max((n for _, n in rows), default=Decimal(0)) or Decimal(1)
    return [(label, n, int((100 * n / top).to_integral_value(ROUND_HALF_UP))) for label, n in rows]


@login_required
def financial_report(request: HttpRequest, slug: str) -> HttpResponse:
    report = _report(request, slug)
    fees = [
        (
            str(row.year)
            if row.complete
            else gettext("%(year)s (in progress)") % {"year": row.year},
            row.reported_usd,
        )
        for row in report.collections
        if row.reported_usd is not None
    ]
    spending = [
        (label % {"year": year.year}, amount)
        for year in report.expenditures
        for label, amount in (
            (gettext("%(year)s approved"), year.approved_krw_thousands),
            (
                gettext("%(year)s actual") if year.final else gettext("%(year)s actual so far"),
                year.actual_krw_thousands,
            ),
        )
        if amount is not None
    ]
    return render(
        request,
        "membership/financial_report.html",
        {
            "network": report.network,
            "report": report,
            "annex_1_note": str(reports.ANNEX_1_NOTE),
            "charts": [
                (
                    gettext("Fees collected per year, as reported"),
                    gettext("Year"),
                    "USD",
                    _bars(fees),
                ),
                (
                    gettext("Membership fees spent: approved and actual"),
                    gettext("Year"),
                    gettext("1000 KRW"),
                    _bars(spending),
                ),
            ],
        },
    )


@login_required
def financial_report_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """Every table one after another: its title, its header row, its rows, its notes."""
    report = _report(request, slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug}-financial-report.csv"'
    writer = csv.writer(response)
    for table in reports.tables(report):
        writer.writerow([table.title])
        writer.writerow(table.header)
        writer.writerows([_text(cell) for cell in row] for row in table.rows)
        writer.writerows([note] for note in table.notes)
        writer.writerow([])
    return response


def _text(cell: reports.Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return str(cell)


@login_required
def financial_report_xlsx(request: HttpRequest, slug: str) -> HttpResponse:
    """A sheet per table: a header row, numbers as numbers, then the table's notes."""
    report = _report(request, slug)
    workbook = Workbook()
    for default_sheet in list(workbook.worksheets):
        workbook.remove(default_sheet)
    for table in reports.tables(report):
        sheet = workbook.create_sheet(table.title)
        sheet.append(list(table.header))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in table.rows:
            sheet.append(list(row))
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, Decimal):
                    cell.number_format = MONEY_FORMAT
                elif isinstance(cell.value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
        if table.notes:
            sheet.append([])
            for note in table.notes:
                sheet.append([note])
        sheet.freeze_panes = "A2"
        for column, title in zip(sheet.iter_cols(max_row=1), table.header, strict=True):
            letter = column[0].column_letter
            sheet.column_dimensions[letter].width = (
                40 if title in (gettext("Item"), gettext("Figure")) else 18
            )
    body = BytesIO()
    workbook.save(body)
    response = HttpResponse(body.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{slug}-financial-report.xlsx"'
    return response
