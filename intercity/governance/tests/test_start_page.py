"""What governance puts on the Secretariat's start page: the statute's deadlines of the
planned meetings that fall due in the coming weeks, the nearest first, with their days."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import RequestFactory
from django.utils import timezone
from django.utils.formats import date_format

from intercity.governance import services
from intercity.governance.manifest import start_sections
from intercity.network.models import Network

pytestmark = pytest.mark.django_db


def shown_to(user: Any) -> list[Any]:
    request = RequestFactory().get("/start/")
    request.user = user
    return start_sections(request)


def general_assembly(actor: Any, network: Network, in_days: int, title: str) -> Any:
    day = timezone.localdate() + dt.timedelta(days=in_days)
    return services.create_meeting(actor, network, "general-assembly", title=title, date=day)


def test_the_secretariat_sees_the_deadlines_coming_nearest_first(
    secretariat: Any, wego: Network
) -> None:
    later = general_assembly(secretariat, wego, 50, "Later GA")
    sooner = general_assembly(secretariat, wego, 40, "Sooner GA")
    general_assembly(secretariat, wego, 200, "Far GA")  # its deadlines are months away
    [section] = shown_to(secretariat)
    assert section.title == "Statute deadlines in the next 60 days"
    circulation = "WeGO: Statute amendment proposal circulated to all members"
    mine = [link for link in section.links if link.label == circulation]
    assert [link.description.split(", for ")[1] for link in mine] == ["Sooner GA", "Later GA"]
    due = next(
        d.due for d in services.deadlines_for(sooner) if d.key == "statute-amendment-circulation"
    )
    assert due is not None
    assert mine[0].description == f"due on {date_format(due)}, for Sooner GA"
    assert mine[0].url == "/networks/wego/deadlines/"
    assert "Far GA" not in " ".join(link.description for link in section.links)
    assert later.title == "Later GA"


def test_deadlines_already_passed_are_not_shown(secretariat: Any, wego: Network) -> None:
    general_assembly(secretariat, wego, 40, "Sooner GA")
    [section] = shown_to(secretariat)
    # A proposal to amend the statute is due three months before: for a GA forty days away,
    # that day has passed.
    assert all("amendment proposal submitted" not in link.label for link in section.links)
    assert section.links
    today = timezone.localdate()
    for ahead in services.deadlines_ahead(secretariat, today):
        assert ahead.deadline.due is not None
        assert today <= ahead.deadline.due <= today + dt.timedelta(days=60)


def test_nothing_due_is_said(secretariat: Any) -> None:
    [section] = shown_to(secretariat)
    assert section.links == ()
    assert section.text == "No statute deadline falls due in these days."


def test_no_one_but_the_secretariat_sees_the_deadlines(
    secretariat: Any, seoul_officer: Any, wego: Network
) -> None:
    general_assembly(secretariat, wego, 40, "Sooner GA")
    assert shown_to(seoul_officer) == []
    assert services.deadlines_ahead(seoul_officer, timezone.localdate()) == []
