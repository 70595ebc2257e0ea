"""SVG bar chart of a roll-up's parts (a state's cities, the network's states), drawn on the
server: a title for screen readers, and the same figures in a table beside it."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from intercity.plans.rules_plans import Rollup

ROW = 22
WIDTH = 300


@dataclass(frozen=True)
class Bar:
    label: str
    y: int
    width: int
    shown: str


@dataclass(frozen=True)
class Chart:
    title: str
    height: int
    bars: list[Bar]


def bars(rollup: Rollup) -> Chart:
    rows = []
    for i, part in enumerate(rollup.parts):
        value = part.shown
        rows.append(
            Bar(
                label=part.label,
                y=i * ROW,
                width=int(WIDTH * value / 100) if value is not None else 0,
                shown=f"{value}%" if value is not None else _("not reported"),
            )
        )
    title = _("Percentage done in %(year)s, by part of %(label)s") % {
        "year": rollup.year,
        "label": rollup.label,
    }
    return Chart(title=title, height=max(ROW, ROW * len(rows)), bars=rows)
