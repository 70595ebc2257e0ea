"""Demonstration data of the plans part for `make run`, marked as such: seed 004 gives no plan
content, so each of the 26 pilot cities gets a made-up plan (every plan and report carries
`demonstration=True` and says so in its title), a few action lines in two or three focus areas,
and progress from 2019 to 2025 with some years left unreported. Deterministic: one seeded
random generator per city."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from decimal import Decimal

from django.utils import timezone

from intercity.accounts import permissions
from intercity.network.models import Network
from intercity.plans.models import ActionLine, ActionPlan
from intercity.plans.services import plans as plan_services
from intercity.plans.services import progress

LINES = {
    "transport": ("Bus rapid transit corridor", "Smart traffic signals"),
    "water-quality": ("River water sensors", "Leak detection in the mains"),
    "energy": ("LED street lighting", "Rooftop solar on public buildings"),
    "health-care": ("Telemedicine for district clinics", "Digital health records"),
    "education": ("Connected classrooms", "Digital skills for teachers"),
    "public-services": ("One-stop online permits", "Citizen service app"),
    "data": ("Open data portal", "City operations dashboard"),
    "ict": ("Public Wi-Fi in markets", "Fibre backbone for city offices"),
}


def load() -> Counter[str]:
    created: Counter[str] = Counter()
    network = Network.objects.filter(slug="ascn").first()
    if network is None:
        return created
    today = timezone.localdate()
    actor = permissions.SYSTEM
    for city in plan_services.pilot_cities(network):
        if ActionPlan.objects.filter(network=network, organisation=city).exists():
            continue
        rng = random.Random(f"ascn-plan-{city.key}")  # noqa: S311 (made-up data, repeatable)
        areas = rng.sample(sorted(LINES), rng.choice((2, 3)))
        plan = plan_services.draft_plan(
            actor,
            network,
            city,
            title=f"{city.name}: action plan 2018-2025 (demonstration)",
            summary="Demonstration data: seed 004 gives no plan content.",
            areas=areas,
            note="Demonstration: drafted at the Smart Cities Governance Workshop, May 2018.",
            demonstration=True,
        )
        created["plans"] += 1
        with_budgets = rng.random() < 0.6
        for area in areas:
            project = plan_services.add_project(
                actor, plan, title=f"{area.replace('-', ' ').capitalize()} programme", area=area
            )
            for title in LINES[area][: rng.choice((1, 2))]:
                budget = Decimal(rng.randrange(5, 200) * 100_000) if with_budgets else None
                line = plan_services.add_line(
                    actor, project, title=title, budget=budget, currency="USD" if budget else ""
                )
                created["action lines"] += 1
                plan_services.add_indicator(
                    actor,
                    line,
                    name="Share of the district covered",
                    unit="%",
                    baseline=Decimal(0),
                    baseline_year=2018,
                    target=Decimal(100),
                    target_year=2025,
                )
                plan_services.add_milestone(
                    actor,
                    line,
                    title="Pilot running",
                    due_on=dt.date(rng.choice((2020, 2021)), 6, 30),
                )
                created["reports"] += _progress(line, rng, today)
    return created


def _progress(line: ActionLine, rng: random.Random, today: dt.date) -> int:
    made, percent, status = 0, Decimal(0), "not_started"
    for year in range(2019, 2026):
        as_of = dt.date(year, 12, 1)
        if as_of > today or rng.random() < 0.2:  # some years unreported
            continue
        percent = min(Decimal(100), percent + Decimal(rng.randrange(5, 25)))
        status = "completed" if percent == 100 else rng.choice(("on_track", "on_track", "delayed"))
        indicator = line.indicators.first()
        progress.report_progress(
            permissions.SYSTEM,
            line,
            as_of=as_of,
            status=status,
            percent=percent,
            evidence="Demonstration data.",
            values={indicator.pk: percent} if indicator else {},
            today=today,
            demonstration=True,
        )
        made += 1
        if status == "completed":
            break
    return made
