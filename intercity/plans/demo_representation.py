"""Demonstration data of the representation part for `make run`, marked as such: the demo login
`natrep` (made by `create_demo_users`) becomes the National Representative of Thailand, so that
it lands on Thailand's roll-up. The seeds name no National Representative."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.contrib.auth import get_user_model

from intercity.accounts.permissions import SYSTEM
from intercity.plans.models_representation import Designation, MemberState
from intercity.plans.services import representation as services

DEMO_STATE = "TH"
DEMO_NAME = "Demonstration National Representative of Thailand"
DEMO_SOURCE = "Demonstration data (not from the seeds)"


def load() -> Counter[str]:
    created: Counter[str] = Counter()
    user = get_user_model().objects.filter(username="natrep").first()
    state = MemberState.objects.filter(network__slug="ascn", country=DEMO_STATE).first()
    if user is None or state is None:
        return created
    in_office = Designation.objects.filter(
        network=state.network,
        role=Designation.Role.NATIONAL_REPRESENTATIVE,
        state=state,
        end__isnull=True,
    )
    if in_office.exists():
        return created
    services.designate(
        SYSTEM,
        state.network,
        Designation.Role.NATIONAL_REPRESENTATIVE,
        DEMO_NAME,
        state=state,
        user=user,
        start=dt.date(2018, 2, 28),
        demonstration=True,
        source=DEMO_SOURCE,
    )
    created["National Representatives"] += 1
    return created
