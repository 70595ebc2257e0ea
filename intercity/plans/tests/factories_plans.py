"""Plans, lines and reports for tests, made through the real services (as the platform
itself), and the people who read, edit and review them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import pytest

from intercity.accounts import permissions
from intercity.accounts.models import Role, User
from intercity.accounts.tests.factories import person
from intercity.network.models import Network, Organisation
from intercity.plans.models import ActionLine, ActionPlan, Designation
from intercity.plans.services import plans as plan_services
from intercity.plans.services import progress, representation

PLATFORM = permissions.SYSTEM


def ascn() -> Network:
    return Network.objects.get(slug="ascn")


def city(key: str) -> Organisation:
    return Organisation.objects.get(key=key)


def make_plan(key: str, areas: tuple[str, ...] = ("transport", "energy")) -> ActionPlan:
    return plan_services.draft_plan(
        PLATFORM,
        ascn(),
        city(key),
        title=f"{city(key).name} action plan",
        areas=list(areas),
        note="Drafted at the Smart Cities Governance Workshop",
    )


def make_line(
    plan: ActionPlan, title: str = "Bus lanes", budget: str | None = None, currency: str = "THB"
) -> ActionLine:
    project = plan_services.add_project(PLATFORM, plan, title=f"{title} project", area="transport")
    return plan_services.add_line(
        PLATFORM,
        project,
        title=title,
        budget=Decimal(budget) if budget else None,
        currency=currency if budget else "",
    )


def report(line: ActionLine, year: int, status: str = "on_track", percent: str = "40") -> Any:
    return progress.report_progress(
        PLATFORM,
        line,
        as_of=dt.date(year, 12, 1),
        status=status,
        percent=Decimal(percent),
        evidence="Seen on site",
        today=dt.date(2025, 12, 31),
    )


def officer_of(key: str, username: str | None = None) -> User:
    return person(username or f"officer-{key}", Role.CITY_OFFICER, key)


@contextmanager
def natrep_of(monkeypatch: pytest.MonkeyPatch, user: Any, *states: str) -> Iterator[None]:
    """`user` designated National Representative of `states` in the ASCN, through the
    representation services as the Secretariat would (`monkeypatch` is kept for the callers'
    signature; nothing is patched: the real `represented_states` answers)."""
    network = ascn()
    for code in states:
        representation.designate(
            PLATFORM,
            network,
            Designation.Role.NATIONAL_REPRESENTATIVE,
            user.get_full_name() or user.get_username(),
            state=representation.get_state(network, code),
            user=user,
            start=dt.date(2018, 1, 1),
        )
    assert representation.represented_states(user, network) >= set(states)
    yield
