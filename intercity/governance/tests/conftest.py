"""Fixtures of the governance tests, on the seeded WeGO (EXCOM 2017-2020 in office)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from intercity.governance.models import AgendaItem, Meeting
from intercity.governance.tests.factories import AgendaItemFactory
from intercity.network.models import Network


@pytest.fixture
def excom(wego: Network, secretariat: Any) -> tuple[Meeting, AgendaItem]:
    """WeGO's Executive Committee of 20 June 2018, planned by the Secretariat with its
    members invited, and the first item of its agenda."""
    item = AgendaItemFactory.create(
        actor=secretariat,
        meeting__network=wego,
        meeting__title="EXCOM 2018",
        meeting__date=dt.date(2018, 6, 20),
        number="1",
        title="Work plan 2019",
    )
    return item.meeting, item
