"""Rows the annual report's tests need: a pilot city's plan with action lines, and progress
on them (written directly: the plans part's services are not the subject here)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from intercity.network.models import Network, Organisation
from intercity.plans.models_plans import (
    ActionLine,
    ActionPlan,
    FocusArea,
    PlanProject,
    ProgressReport,
)


def line(city: str = "bangkok", title: str = "Smart traffic lights") -> ActionLine:
    ascn = Network.objects.get(slug="ascn")
    area, _ = FocusArea.objects.get_or_create(
        network=ascn,
        slug="report-test-transport",
        defaults={"name": "Transport", "valid_from": dt.date(2018, 1, 1)},
    )
    organisation = Organisation.objects.get(key=city)
    plan, _ = ActionPlan.objects.get_or_create(
        network=ascn, organisation=organisation, defaults={"title": f"{organisation.name} plan"}
    )
    project = PlanProject.objects.create(plan=plan, title="Mobility", focus_area=area)
    return ActionLine.objects.create(project=project, title=title)


def progress(
    action_line: ActionLine,
    percent: str,
    *,
    year: int = 2024,
    status: str = "on_track",
    as_of: dt.date | None = None,
) -> ProgressReport:
    return ProgressReport.objects.create(
        line=action_line,
        year=year,
        as_of=as_of or dt.date(year, 6, 30),
        status=status,
        percent=Decimal(percent),
        reported_at=timezone.now(),
    )


def rows(report: Any, by: str) -> dict[str, dict[str, Any]]:
    return {row["name"]: row for row in report.figures["rollup"][by]}
