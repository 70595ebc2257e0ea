"""The records of other modules a programme points at: a governance meeting (the EXCOM
meeting, a General Assembly session), an awards edition (its ceremony), an exchange
matchmaking event. Each is read through that module's services, and only when the module is
installed: without it the session is shown without the link."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest

from intercity.core.modules import is_installed
from intercity.events.models import Event, Session
from intercity.events.services import LinkedRecord


def _governance(session: Session) -> LinkedRecord | None:
    from intercity.governance import services as governance

    found = governance.meeting_link(session.event.network.slug, session.record_ref)
    return LinkedRecord(*found) if found else None


def _awards(request: HttpRequest, session: Session) -> LinkedRecord | None:
    from intercity.awards.services import results

    year = int(session.record_ref) if session.record_ref.isdigit() else 0
    found = results.edition_link(request.user, session.event.network.slug, year)
    return LinkedRecord(*found) if found else None


def session_links(request: HttpRequest, sessions: Iterable[Session]) -> dict[int, LinkedRecord]:
    """The linked record of each session that has one (by session id)."""
    links: dict[int, LinkedRecord] = {}
    for session in sessions:
        if not session.record_module or not session.record_ref:
            continue
        if not is_installed(session.record_module):
            continue
        found: LinkedRecord | None = None
        if session.record_module == Session.Record.GOVERNANCE:
            found = _governance(session)
        elif session.record_module == Session.Record.AWARDS:
            found = _awards(request, session)
        if found is not None:
            links[session.pk] = found
    return links


def matchmaking_link(request: HttpRequest, event: Event) -> LinkedRecord | None:
    """The exchange module's matchmaking meetings held during the event."""
    if not event.matchmaking_ref or not is_installed("exchange"):
        return None
    from intercity.exchange.services import matchmaking

    found = matchmaking.event_link(event.network.slug, event.matchmaking_ref)
    return LinkedRecord(*found) if found else None
