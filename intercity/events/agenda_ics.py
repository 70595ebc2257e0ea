"""A registrant's personal agenda as an iCalendar file (RFC 5545): one event per chosen
session, in the event's own time zone (its VTIMEZONE included), with a UID naming the session,
so a calendar that imported the agenda updates a moved session instead of adding a second."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from intercity.events import services
from intercity.events.models import Registration, Session

PRODID = "-//Intercity//Event agenda//EN"


def uid(session: Session) -> str:
    return f"event-{session.event_id}-session-{session.pk}@intercity"


def render(registration: Registration, sessions: list[Session]) -> bytes:
    event = registration.event
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("%(event)s: my agenda") % {"event": event.name})
    calendar.add("x-wr-timezone", event.time_zone)
    stamp = timezone.now()
    for session in sessions:
        entry = CalendarEvent()
        entry.add("uid", uid(session))
        entry.add("dtstamp", stamp)
        entry.add("dtstart", services.local(event, session.starts_at))
        if session.ends_at:
            entry.add("dtend", services.local(event, session.ends_at))
        entry.add("summary", session.title)
        room = session.room.name if session.room else ""
        entry.add("location", ", ".join(part for part in (room, event.place) if part))
        if session.description:
            entry.add("description", session.description)
        if session.cancelled_at is not None:
            # The same UID with STATUS:CANCELLED: a calendar that imported it marks it off.
            entry.add("status", "CANCELLED")
        calendar.add_component(entry)
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())
