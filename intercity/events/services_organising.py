"""The organiser's named actions: create and change an event, its rooms, tracks, sessions
(with their chairs, moderators and speakers) and registration categories (with the kinds of
session each may attend); cancel a session, or delete it while nobody has chosen it.

Every change of an event's programme locks the event row first (`select_for_update`), so two
organisers saving sessions of one event at once queue: the room and the days are checked
against committed rows. Each action asks `rules`, saves in one transaction and writes one
audit event; a refusal explains itself (`DomainError`) and leaves nothing half-saved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from intercity.accounts import permissions
from intercity.core import audit
from intercity.core.errors import DomainError, NotFound, PermissionDenied, full_clean_or_refuse
from intercity.events import rules
from intercity.events.models import (
    AgendaChoice,
    AllowedKind,
    Event,
    RegistrationCategory,
    Room,
    Session,
    SessionKind,
    SessionRole,
    Track,
)
from intercity.events.services import require_organiser
from intercity.network.models import Network

EVENT_FIELDS = ["network_id", "name", "kind", "place", "starts_on", "ends_on", "time_zone"]
EVENT_FIELDS += ["capacity", "description"]
SESSION_FIELDS = ["title", "kind", "starts_at", "ends_at", "room_id", "track_id", "capacity"]
SESSION_FIELDS += ["description", "cancelled_at"]


# --- Who and what ------------------------------------------------------------------------


def may_create(user: Any, network: Network | None = None) -> bool:
    """Who may create an event (of `network`): the organiser, the Secretariat."""
    return permissions.is_secretariat(user)


def require_creator(actor: Any, network: Network) -> None:
    if not may_create(actor, network):
        raise PermissionDenied(_("Only the Secretariat may create an event of this network."))


def networks_for(actor: Any) -> QuerySet[Network]:
    return Network.objects.all() if may_create(actor) else Network.objects.none()


def network_events(actor: Any, network: Network) -> QuerySet[Event]:
    """The network's events for its organiser, next first, then the past (latest first)."""
    require_creator(actor, network)
    return Event.objects.filter(network=network).order_by("-starts_on", "pk")


def tracks(event: Event) -> QuerySet[Track]:
    return Track.objects.filter(event=event).order_by("name", "pk")


def get_room(event: Event, pk: int) -> Room:
    found = Room.objects.filter(event=event, pk=pk).first()
    if found is None:
        raise NotFound(_("No such room in this event."))
    return found


def get_track(event: Event, pk: int) -> Track:
    found = Track.objects.filter(event=event, pk=pk).first()
    if found is None:
        raise NotFound(_("No such track in this event."))
    return found


def get_category(event: Event, pk: int) -> RegistrationCategory:
    found = RegistrationCategory.objects.filter(event=event, pk=pk).first()
    if found is None:
        raise NotFound(_("No such registration category in this event."))
    return found


def _refuse(ruling: rules.Ruling, status: int = 400) -> None:
    if not ruling.allowed:
        raise DomainError(ruling.explanation, status=status)


def _local_dates(event: Event, session: Session) -> rules.Held:
    zone = event.zone
    start = timezone.localtime(session.starts_at, zone).date()
    end = timezone.localtime(session.ends_at, zone).date() if session.ends_at else start
    return rules.Held(session.title, start, end)


def _save_unique(instance: Any, refusal: str) -> None:
    """Save a row whose name is unique in its event: a clash is a refusal, not a 500."""
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as exc:
        raise DomainError(refusal, status=409) from exc


# --- The event ---------------------------------------------------------------------------


@dataclass(frozen=True)
class EventData:
    network: Network
    name: str
    kind: str
    place: str
    starts_on: dt.date
    ends_on: dt.date
    time_zone: str
    capacity: int | None = None
    description: str = ""


def create_event(actor: Any, data: EventData) -> Event:
    require_creator(actor, data.network)
    _refuse(rules.days_in_order(data.starts_on, data.ends_on))
    with transaction.atomic():
        event = Event(**_event_values(data))
        full_clean_or_refuse(event)
        event.save()
        audit.record(actor, "create_event", event, after=audit.snapshot(event, EVENT_FIELDS))
    return event


def _event_values(data: EventData) -> dict[str, Any]:
    return {
        "network": data.network,
        "name": data.name.strip(),
        "kind": data.kind,
        "place": data.place.strip(),
        "starts_on": data.starts_on,
        "ends_on": data.ends_on,
        "time_zone": data.time_zone.strip(),
        "capacity": data.capacity,
        "description": data.description.strip(),
    }


def change_event(actor: Any, event: Event, data: EventData) -> Event:
    """Change an event's details; its days may not be shortened (nor its time zone changed)
    so that a session falls outside them."""
    require_organiser(actor, event)
    if data.network.pk != event.network_id:
        raise DomainError(_("An event stays with its network."))
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        before = audit.snapshot(locked, EVENT_FIELDS)
        for name, value in _event_values(data).items():
            setattr(locked, name, value)
        full_clean_or_refuse(locked)
        held = [
            _local_dates(locked, s)
            for s in Session.objects.filter(event=locked, cancelled_at__isnull=True)
        ]
        _refuse(rules.days_keep_sessions(locked.starts_on, locked.ends_on, held), 409)
        locked.save()
        audit.record(
            actor, "change_event", locked, before=before, after=audit.snapshot(locked, EVENT_FIELDS)
        )
    return locked


# --- Rooms and tracks --------------------------------------------------------------------


def save_room(
    actor: Any,
    event: Event,
    room: Room | None,
    *,
    name: str,
    capacity: int | None,
    interpretation: str = "",
) -> Room:
    """Add a room (`room` None) or change one; its seats may not fall below the places a
    session in it offers."""
    require_organiser(actor, event)
    fields = ["name", "capacity", "interpretation"]
    with transaction.atomic():
        locked_event = Event.objects.select_for_update().get(pk=event.pk)
        if room is None:
            target, before = Room(event=locked_event), None
        else:
            target = get_room(locked_event, room.pk)
            before = audit.snapshot(target, fields)
        target.name = name.strip()
        target.capacity = capacity
        target.interpretation = interpretation.strip()
        if target.pk is not None:
            for session in Session.objects.filter(room=target, cancelled_at__isnull=True):
                _refuse(
                    rules.fits_room(session.title, session.capacity, target.name, capacity), 409
                )
        full_clean_or_refuse(target, fields_only=True)
        _save_unique(target, _("This event already has a room of that name."))
        audit.record(
            actor,
            "change_event_room" if before else "add_event_room",
            target,
            before=before,
            after=audit.snapshot(target, fields),
        )
    return target


def save_track(actor: Any, event: Event, track: Track | None, *, name: str) -> Track:
    require_organiser(actor, event)
    with transaction.atomic():
        locked_event = Event.objects.select_for_update().get(pk=event.pk)
        if track is None:
            target, before = Track(event=locked_event), None
        else:
            target = get_track(locked_event, track.pk)
            before = {"name": target.name}
        target.name = name.strip()
        full_clean_or_refuse(target, fields_only=True)
        _save_unique(target, _("This event already has a track of that name."))
        audit.record(
            actor,
            "rename_event_track" if before else "add_event_track",
            target,
            before=before,
            after={"name": target.name},
        )
    return target


# --- Sessions ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    role: str
    name: str
    affiliation: str = ""


@dataclass(frozen=True)
class SessionData:
    title: str
    kind: str
    starts_at: dt.datetime
    ends_at: dt.datetime | None
    room: Room | None = None
    track: Track | None = None
    capacity: int | None = None
    description: str = ""
    people: Sequence[Person] = ()


def _check_programme(event: Event, session: Session) -> None:
    """The organiser's rules for one session of `event` (its row locked by the caller)."""
    _refuse(rules.times_in_order(session.title, session.starts_at, session.ends_at))
    held = _local_dates(event, session)
    _refuse(rules.within_days(session.title, held.starts_on, held.ends_on, *_days(event)))
    if session.room is None:
        return
    room = session.room
    _refuse(rules.fits_room(session.title, session.capacity, room.name, room.capacity))
    others = Session.objects.filter(room=room, cancelled_at__isnull=True).exclude(pk=session.pk)
    slot = rules.Slot(session.pk or 0, session.title, session.starts_at, session.ends_at)
    # The others' times in the event's time zone: the refusal names the clash's local start.
    zone = event.zone
    in_room = [
        rules.Slot(o.pk, o.title, timezone.localtime(o.starts_at, zone), o.ends_at) for o in others
    ]
    _refuse(rules.room_free(slot, room.name, in_room), 409)


def _days(event: Event) -> tuple[dt.date, dt.date]:
    return event.starts_on, event.ends_on


def save_session(actor: Any, event: Event, session: Session | None, data: SessionData) -> Session:
    """Add a session (`session` None) or change one, with its chairs, moderators and
    speakers (the rows are replaced by `data.people`, in order)."""
    require_organiser(actor, event)
    for part in (data.room, data.track):
        if part is not None and part.event_id != event.pk:
            raise DomainError(_("That room or track belongs to another event."))
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if session is None:
            target, before = Session(event=locked), None
        else:
            target = _session_of(locked, session.pk)
            if target.cancelled_at is not None:
                raise DomainError(_("This session is cancelled: it cannot be changed."), 409)
            before = _session_snapshot(target)
        target.title = data.title.strip()
        target.kind = data.kind
        target.starts_at = data.starts_at
        target.ends_at = data.ends_at
        target.room = data.room
        target.track = data.track
        target.capacity = data.capacity
        target.description = data.description.strip()
        full_clean_or_refuse(target, fields_only=True)
        _check_programme(locked, target)
        target.save()
        SessionRole.objects.filter(session=target).delete()
        SessionRole.objects.bulk_create(
            SessionRole(
                session=target,
                role=person.role,
                name=person.name.strip()[:200],
                affiliation=person.affiliation.strip()[:300],
                order=index,
            )
            for index, person in enumerate(data.people)
            if person.name.strip()
        )
        audit.record(
            actor,
            "change_event_session" if before else "add_event_session",
            target,
            before=before,
            after=_session_snapshot(target),
        )
    return target


def _session_of(event: Event, pk: int) -> Session:
    found = Session.objects.select_related("room").filter(event=event, pk=pk).first()
    if found is None:
        raise NotFound(_("No such session in this event."))
    return found


def _session_snapshot(session: Session) -> dict[str, Any]:
    values = audit.snapshot(session, SESSION_FIELDS)
    values["people"] = [
        [p.role, p.name, p.affiliation] for p in SessionRole.objects.filter(session=session)
    ]
    return values


def cancel_session(actor: Any, event: Event, session: Session) -> Session:
    """The session is off: it stays in the agendas that hold it, marked cancelled, and may no
    longer be chosen; its room is free again."""
    require_organiser(actor, event)
    with transaction.atomic():
        Event.objects.select_for_update().get(pk=event.pk)
        target = _session_of(event, session.pk)
        updated = Session.objects.filter(pk=target.pk, cancelled_at__isnull=True).update(
            cancelled_at=timezone.now()
        )
        if not updated:
            raise DomainError(_("This session is already cancelled."), status=409)
        target.refresh_from_db()
        audit.record(
            actor,
            "cancel_event_session",
            target,
            before={"cancelled_at": None},
            after={
                "cancelled_at": target.cancelled_at.isoformat() if target.cancelled_at else None
            },
        )
    return target


def delete_session(actor: Any, event: Event, session: Session) -> None:
    """Delete a session nobody has put into their agenda; once chosen, it can only be
    cancelled. The session row is locked, as a registrant choosing it locks it."""
    require_organiser(actor, event)
    with transaction.atomic():
        Event.objects.select_for_update().get(pk=event.pk)
        # No ordering: the default one joins the room (an outer join PostgreSQL will not lock).
        target = (
            Session.objects.select_for_update()
            .filter(event=event, pk=session.pk)
            .order_by()
            .first()
        )
        if target is None:
            raise NotFound(_("No such session in this event."))
        chosen = AgendaChoice.objects.filter(session=target).count()
        if chosen:
            raise DomainError(
                _(
                    "“%(title)s” is in %(count)d personal agendas: cancel it instead, so that "
                    "those registrants see it is off."
                )
                % {"title": target.title, "count": chosen},
                status=409,
            )
        audit.record(actor, "delete_event_session", target, before=_session_snapshot(target))
        target.delete()


# --- Registration categories -------------------------------------------------------------


def save_category(
    actor: Any,
    event: Event,
    category: RegistrationCategory | None,
    *,
    code: str,
    name: str,
    description: str,
    kinds: Iterable[str],
) -> RegistrationCategory:
    """Add or change a registration category and the kinds of session it may attend."""
    require_organiser(actor, event)
    wanted = sorted(set(kinds))
    unknown = [kind for kind in wanted if kind not in SessionKind.values]
    if unknown:
        raise DomainError(_("Unknown kind of session: %(kind)s.") % {"kind": unknown[0]})
    fields = ["code", "name", "description"]
    with transaction.atomic():
        locked_event = Event.objects.select_for_update().get(pk=event.pk)
        if category is None:
            count = RegistrationCategory.objects.filter(event=locked_event).count()
            target, before = RegistrationCategory(event=locked_event, order=count), None
        else:
            target = get_category(locked_event, category.pk)
            before = {
                **audit.snapshot(target, fields),
                "kinds": sorted(a.kind for a in target.allowed.all()),
            }
        target.code = code.strip()
        target.name = name.strip()
        target.description = description.strip()
        full_clean_or_refuse(target, fields_only=True)
        _save_unique(target, _("This event already has a category with that code."))
        AllowedKind.objects.filter(category=target).delete()
        AllowedKind.objects.bulk_create(AllowedKind(category=target, kind=k) for k in wanted)
        audit.record(
            actor,
            "change_event_category" if before else "add_event_category",
            target,
            before=before,
            after={**audit.snapshot(target, fields), "kinds": wanted},
        )
    return target
