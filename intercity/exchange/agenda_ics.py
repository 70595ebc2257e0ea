"""A delegation's matchmaking agenda as an iCalendar file (RFC 5545): one event per announced
meeting, in the event's own time zone (its VTIMEZONE included), with a UID that names the
meeting, not the run, so a calendar that imported the agenda updates a moved meeting instead
of adding a second one. Held meetings whose time is unknown are left out: a calendar needs a
time."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from intercity.exchange.models_matchmaking import MatchmakingParticipant
from intercity.exchange.services.matchmaking import AgendaItem

PRODID = "-//Intercity//Matchmaking agenda//EN"


def uid(item: AgendaItem) -> str:
    return f"matchmaking-{item.request.event_id}-meeting-{item.request.pk}@intercity"


def render(participant: MatchmakingParticipant, items: list[AgendaItem]) -> bytes:
    event = participant.event
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add(
        "x-wr-calname",
        _("Matchmaking agenda of %(name)s") % {"name": participant.organisation.name},
    )
    calendar.add("x-wr-timezone", event.time_zone)
    stamp = timezone.now()
    for item in items:
        if item.starts_at is None or item.ends_at is None:
            continue
        entry = Event()
        entry.add("uid", uid(item))
        entry.add("dtstamp", stamp)
        entry.add("dtstart", item.starts_at)
        entry.add("dtend", item.ends_at)
        entry.add(
            "summary",
            _("Matchmaking meeting with %(name)s") % {"name": item.other.organisation.name},
        )
        entry.add("location", ", ".join(part for part in (item.room, event.place) if part))
        if item.request.message:
            entry.add("description", item.request.message)
        calendar.add_component(entry)
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())
