"""A General Assembly where Seoul's and Makati's officers are their cities' delegates, with a
secret and a named motion under its first item."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from intercity.governance import services
from intercity.governance.models import AgendaItem, Decision, Meeting
from intercity.governance.services import live
from intercity.network.models import Network, Organisation

GA_DAY = dt.date(2026, 6, 1)


@dataclass
class Room:
    meeting: Meeting
    item: AgendaItem
    secret: Decision
    named: Decision
    seoul: Organisation
    makati: Organisation


def make_room(
    secretariat: Any, wego: Network, seoul_user: Any, makati_user: Any, day: dt.date = GA_DAY
) -> Room:
    meeting = services.create_meeting(
        secretariat, wego, "general-assembly", title=f"General Assembly {day.year}", date=day
    )
    item = services.add_agenda_item(secretariat, meeting, number="1", title="Host city 2028")
    secret = services.propose_motion(
        secretariat, item, title="Choose Makati as host", vote_mode=Decision.VoteMode.SECRET
    )
    named = services.propose_motion(secretariat, item, title="Adopt the budget")
    seoul = Organisation.objects.get(key="seoul")
    makati = Organisation.objects.get(key="makati")
    live.designate_delegate(secretariat, meeting, seoul, seoul_user)
    live.designate_delegate(secretariat, meeting, makati, makati_user)
    return Room(meeting, item, secret, named, seoul, makati)
