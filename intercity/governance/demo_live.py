"""Demonstration data for the live meeting room (for `make run`): an upcoming WeGO General
Assembly, marked as demonstration data, in session, with a secret motion open under its first
item; the demo logins `seoul` and `makati` are their cities' delegates, so each can check in
(the code is on the clerk's page) and vote from a phone. Idempotent: an existing meeting is
left as it is, and a second run creates nothing."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from intercity.accounts.models import User
from intercity.accounts.permissions import SYSTEM
from intercity.governance import services
from intercity.governance.models import Decision, Meeting
from intercity.governance.services import live
from intercity.network.models import Network, Organisation

SOURCE = "demonstration data (manage.py demo_governance)"
KEY = "demo-live-general-assembly"


def load() -> dict[str, int]:
    network = Network.objects.filter(slug="wego").first()
    if network is None or Meeting.objects.filter(network=network, key=KEY).exists():
        return {}
    made = {"meetings": 0, "motions": 0, "delegates": 0}
    with transaction.atomic():
        day = timezone.localdate() + dt.timedelta(days=14)
        meeting = services.create_meeting(
            SYSTEM,
            network,
            "general-assembly",
            title=f"General Assembly {day.year} (demonstration)",
            date=day,
            key=KEY,
            venue="Online and in the room",
            source=SOURCE,
        )
        made["meetings"] += 1
        item = services.add_agenda_item(
            SYSTEM, meeting, number="1", title="Host city of the next General Assembly"
        )
        services.propose_motion(
            SYSTEM,
            item,
            title="Choose Makati as host of the next General Assembly",
            vote_mode=Decision.VoteMode.SECRET,
        )
        services.propose_motion(SYSTEM, item, title="Adopt the work plan")
        made["motions"] += 2
        services.set_meeting_status(SYSTEM, meeting, Meeting.Status.IN_SESSION)
        for username in ("seoul", "makati"):
            user = User.objects.filter(username=username).first()
            organisation = Organisation.objects.filter(key=username).first()
            if user is None or organisation is None:
                continue
            live.designate_delegate(SYSTEM, meeting, organisation, user)
            made["delegates"] += 1
    return made
