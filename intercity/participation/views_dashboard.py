"""A city's dashboard of its citizens' reports (its staff only) and the public open-data
export. The numbers come from `dashboards`; this module parses the period and renders."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intercity.core.bounds import BoundedDateField
from intercity.participation import dashboards, maps, open311, rules, services, tenancy
from intercity.participation.models import Jurisdiction


class PeriodForm(forms.Form):
    """From and to dates, both included; either may be left out."""

    # Bounded (core.bounds): a year 9999 overflowed the day after the period, after a
    # streamed export had already answered 200.
    start = BoundedDateField(
        label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = BoundedDateField(
        label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            raise forms.ValidationError(_("The period ends before it starts."))
        return data


def _today(jurisdiction: Jurisdiction) -> dt.date:
    return timezone.localdate(timezone=ZoneInfo(jurisdiction.time_zone))


def _staff(request: HttpRequest, slug: str) -> Jurisdiction:
    return tenancy.staff_jurisdiction(request.user, slug)


def _bars(volumes: Iterable[dashboards.Volume]) -> list[tuple[str, int, int]]:
    """(label, count, bar width in percent of the largest) for the CSS bar chart."""
    rows = [(v.label, v.count) for v in volumes]
    top = max((n for _label, n in rows), default=0) or 1
    return [(label, n, round(100 * n / top)) for label, n in rows]


CHART_WIDTH = 640
CHART_HEIGHT = 200
CHART_LEFT = 48  # room for the scale's numbers
CHART_BOTTOM = 24  # room for the first and last week's date


def _week_chart(weeks: list[dashboards.Volume]) -> dict[str, Any]:
    """The weekly volume as an SVG bar chart drawn on the server: one bar per week, heights
    in proportion to the busiest week (the scale's top). Every number is also in the table
    that follows it, which stays for screen readers and for copying."""
    top = max((w.count for w in weeks), default=0)
    inner_width = CHART_WIDTH - CHART_LEFT
    inner_height = CHART_HEIGHT - CHART_BOTTOM
    step = inner_width / max(len(weeks), 1)
    bars = []
    for n, week in enumerate(weeks):
        height = round(inner_height * week.count / top, 1) if top else 0
        bars.append(
            {
                "x": round(CHART_LEFT + n * step + step * 0.1, 1),
                "y": round(inner_height - height, 1),
                "width": round(step * 0.8, 1),
                "height": height,
                "label": week.label,
                "count": week.count,
            }
        )
    peak = max(weeks, key=lambda w: w.count, default=None)
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "left": CHART_LEFT,
        "base": inner_height,
        "label_y": CHART_HEIGHT - 6,
        "right": CHART_WIDTH,
        "top": top,
        "bars": bars,
        "first": weeks[0].key if weeks else None,
        "last": weeks[-1].key if weeks else None,
        "peak": peak.key if peak is not None and peak.count else None,
        "total": sum(w.count for w in weeks),
    }


def _duration(value: dt.timedelta | None) -> str:
    if value is None:
        return "–"
    minutes = round(value.total_seconds() / 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    values = {"days": days, "hours": hours, "minutes": minutes}
    if days:
        # Translators: a duration, e.g. "2 d 5 h" (days and hours), as short as it can be.
        return _("%(days)s d %(hours)s h") % values
    if hours:
        return _("%(hours)s h %(minutes)s min") % values
    return _("%(minutes)s min") % values


@login_required
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    jurisdiction = _staff(request, slug)
    today = _today(jurisdiction)
    period = dashboards.Period.ending(today)
    form = PeriodForm(request.GET or None, initial={"start": period.start, "end": period.end})
    problem = ""
    if form.is_bound and form.is_valid():
        end = form.cleaned_data["end"] or today
        start = form.cleaned_data["start"] or end - dt.timedelta(days=dashboards.DEFAULT_DAYS - 1)
        wanted = dashboards.Period(start, end)
        problem = wanted.problem() or ""
        if not problem:
            period = wanted
    elif form.is_bound:
        problem = _("Please correct the dates below.")
    if problem:
        problem += " " + _("Showing the last %(days)s days instead.") % {
            "days": dashboards.DEFAULT_DAYS
        }
    board = dashboards.dashboard(jurisdiction, period, timezone.now())
    times = board.resolution
    slowest = max((s.times.median for s in times.by_service if s.times.median), default=None)
    service_times = [
        {
            "name": s.name,
            "count": s.times.count,
            "median": _duration(s.times.median),
            "p90": _duration(s.times.p90),
            "target": _("%(hours)s h") % {"hours": s.target_hours} if s.target_hours else "–",
            "width": round(100 * s.times.median / slowest) if s.times.median and slowest else 0,
        }
        for s in times.by_service
    ]
    top_cell = max((c.count for c in board.by_area.cells), default=0) or 1
    area_rows = [
        {
            "name": row[0].label[0],
            "min_latitude": row[0].min_latitude,
            "max_latitude": row[0].max_latitude,
            "cells": [(cell, round(100 * cell.count / top_cell)) for cell in row],
        }
        for row in board.by_area.rows
    ]
    area_columns = [
        (n, cell.min_longitude, cell.max_longitude)
        for n, cell in enumerate(board.by_area.rows[0], start=1)
    ]
    closed = times.overall.count
    # The grid as the dashboard's map draws it (only with a tile server): bounds as numbers
    # for Leaflet, counts as counted.
    area_cells = [
        {
            "label": cell.label,
            "count": cell.count,
            "south": float(cell.min_latitude),
            "north": float(cell.max_latitude),
            "west": float(cell.min_longitude),
            "east": float(cell.max_longitude),
        }
        for cell in board.by_area.cells
    ]
    response = render(
        request,
        "participation/dashboard.html",
        {
            "jurisdiction": jurisdiction,
            "is_staff": True,
            "form": form,
            "problem": problem,
            "board": board,
            "period": period,
            "closed": closed,
            "median": _duration(times.overall.median),
            "p90": _duration(times.overall.p90),
            "service_times": service_times,
            "status_bars": _bars(board.by_status),
            "service_bars": _bars(board.by_service),
            "department_bars": _bars(board.by_department),
            "week_bars": _bars(board.by_week),
            "week_chart": _week_chart(board.by_week),
            "area_rows": area_rows,
            "area_columns": area_columns,
            "area_cells": area_cells,
            "backlog": board.backlog,
            "max_days": dashboards.MAX_DAYS,
            **maps.context(),
            # Every rating the city's reporters gave (not only the period's): a few a week.
            "rating": services.rating_summary(jurisdiction),
        },
    )
    return maps.allow_tiles(response)


def open_data_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Where anyone finds a city's open data: the CSV export (all or a period) and the live
    Open311 GeoReport v2 endpoints, with what each holds and leaves out."""
    jurisdiction = tenancy.public_jurisdiction(slug)
    endpoint = request.build_absolute_uri(f"{open311.PREFIX}{jurisdiction.slug}/")
    return render(
        request,
        "participation/open_data.html",
        {
            "jurisdiction": jurisdiction,
            "is_staff": tenancy.is_staff_of(request.user, jurisdiction),
            "form": PeriodForm(),
            "columns": dashboards.OPEN_DATA_COLUMNS,
            "endpoint": endpoint,
            "discovery": request.build_absolute_uri(
                reverse("open311-discovery", kwargs={"fmt": "json"})
            ),
            "window_days": open311.WINDOW.days,
            "max_requests": open311.MAX_REQUESTS,
        },
    )


class _Echo:
    """A file-like object csv.writer can write to that hands each line back."""

    def write(self, value: str) -> str:
        return value


def open_data(request: HttpRequest, slug: str) -> HttpResponse | StreamingHttpResponse:
    """Every report of a city (or those filed between two dates) as CSV, without personal
    data, streamed row by row."""
    jurisdiction = tenancy.public_jurisdiction(slug)
    form = PeriodForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        problems = " ".join(str(e) for errors in form.errors.values() for e in errors)
        return HttpResponse(
            _("Bad dates: %(problems)s Use YYYY-MM-DD for start and end.") % {"problems": problems},
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    data = form.cleaned_data if form.is_bound else {}
    start, end = data.get("start"), data.get("end")
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield writer.writerow(dashboards.OPEN_DATA_COLUMNS)
        for row in dashboards.open_data_rows(jurisdiction, start=start, end=end):
            yield writer.writerow([rules.csv_cell(cell) for cell in row])

    name = "-".join(
        [jurisdiction.slug, "reports", *(d.isoformat() for d in (start, end) if d is not None)]
    )
    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response
