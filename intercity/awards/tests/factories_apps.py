"""Editions for tests: an edition with categories, criteria and a panel, at the stage a test
needs, built with the model (fast) rather than the services; and applications of a city."""

from __future__ import annotations

import datetime as dt
from itertools import count
from typing import Any

from django.utils import timezone

from intercity.accounts.models import Role
from intercity.accounts.services import grant_role
from intercity.accounts.tests.factories import UserFactory
from intercity.awards.models import Application, Category, Criterion, Edition, Judge, Stage
from intercity.network.models import Network, Organisation

_years = count(2030)

CATEGORIES = (("open-city", "Open City"), ("digital-inclusion", "Digital Inclusion"))
CRITERIA = ("Innovation", "Impact", "Sustainability")


def edition(
    network: Network,
    *,
    stage: str = Stage.APPLICATIONS,
    year: int | None = None,
    categories: tuple[tuple[str, str], ...] = CATEGORIES,
    criteria: tuple[str, ...] = CRITERIA,
    judges: int = 0,
    head: bool = True,
    closes_in_days: int | None = 30,
    **values: Any,
) -> Edition:
    """An edition of `network`'s award at `stage`, with `categories` (each with `criteria`,
    weight 1) and `judges` judges with logins (the first one head of panel when `head`)."""
    today = timezone.localdate()
    year = year or next(_years)
    made = Edition.objects.create(
        network=network,
        number=values.pop("number", year - 2011),
        year=year,
        title=values.pop("title", f"WeGO Smart Sustainable City Awards {year}"),
        terms=values.pop("terms", "Open to member cities; one project per category."),
        stage=stage,
        applications_open_on=today - dt.timedelta(days=10),
        applications_close_on=(
            today + dt.timedelta(days=closes_in_days) if closes_in_days is not None else None
        ),
        **values,
    )
    for position, (code, name) in enumerate(categories):
        category = Category.objects.create(edition=made, code=code, name=name, position=position)
        for place, criterion in enumerate(criteria):
            Criterion.objects.create(category=category, name=criterion, position=place)
    for n in range(judges):
        seat(made, head=head and n == 0)
    return made


def seat(made: Edition, *, head: bool = False, username: str = "", **values: Any) -> Judge:
    user: Any = UserFactory(username=username) if username else UserFactory()
    grant_role(None, user, Role.JUDGE, network_id=made.network_id)
    return Judge.objects.create(
        edition=made, user=user, name=values.pop("name", f"Judge {user.pk}"), is_head=head, **values
    )


def application(
    made: Edition,
    organisation: Organisation | str = "seoul",
    *,
    category: Category | None = None,
    status: str = Application.Status.DRAFT,
    **values: Any,
) -> Application:
    """An application of a city (an Organisation or its seed key), complete enough to submit."""
    if isinstance(organisation, str):
        organisation = Organisation.objects.get(key=organisation)
    defaults = {
        "title": "Smart Seoul Open Data Plaza",
        "summary": "Every dataset of the city, open.",
        "context": "Citizens asked for the data behind decisions.",
        "impact": "Two thousand datasets, a million downloads.",
    }
    defaults.update(values)
    submitted = status != Application.Status.DRAFT
    return Application.objects.create(
        edition=made,
        category=category or made.categories.order_by("position").first(),
        organisation=organisation,
        status=status,
        submitted_at=timezone.now() if submitted else None,
        **defaults,
    )
