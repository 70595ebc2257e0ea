"""The named actions of the events module: read an event's programme, register (a visitor or a
signed-in person), confirm the address, choose and drop sessions of a personal agenda, cancel;
the organiser's participant list. Each action checks who may do it, asks `rules`, saves in one
transaction and writes one audit event.

Places are counted inside the transaction with the counted row locked (`select_for_update` on
the event for a registration, on the session for an agenda choice; SQLite's transactions are
IMMEDIATE, so they queue): two requests for the last place, one gets it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from intercity.accounts import permissions
from intercity.core import audit, links, mail
from intercity.core.errors import DomainError, NotFound, PermissionDenied
from intercity.events import rules
from intercity.events.models import (
    AgendaChoice,
    Event,
    Registration,
    RegistrationCategory,
    Room,
    Session,
    SessionKind,
)

ACTIVE = Registration.Status.REGISTERED


# --- Reading -----------------------------------------------------------------------------


def events() -> QuerySet[Event]:
    return Event.objects.select_related("network").order_by("-starts_on", "pk")


def get_event(pk: int) -> Event:
    found = events().filter(pk=pk).first()
    if found is None:
        raise NotFound(_("No such event."))
    return found


def sessions(event: Event) -> QuerySet[Session]:
    return (
        Session.objects.filter(event=event)
        .select_related("room", "track")
        .prefetch_related("people")
        .order_by("starts_at", "room__name", "pk")
    )


def get_session(event: Event, pk: int) -> Session:
    found = sessions(event).filter(pk=pk).first()
    if found is None:
        raise NotFound(_("No such session in this event."))
    return found


def rooms(event: Event) -> QuerySet[Room]:
    return Room.objects.filter(event=event).order_by("name", "pk")


def categories(event: Event) -> QuerySet[RegistrationCategory]:
    return RegistrationCategory.objects.filter(event=event).prefetch_related("allowed")


def allowed_kinds(category: RegistrationCategory) -> set[str]:
    return {row.kind for row in category.allowed.all()}


@dataclass
class Day:
    day: dt.date
    sessions: list[Session] = field(default_factory=list)


def local(event: Event, moment: dt.datetime) -> dt.datetime:
    return timezone.localtime(moment, event.zone)


def programme(event: Event) -> list[Day]:
    """The event's days, first to last (a day without a session is listed empty), each with
    its sessions in time order; days and times in the event's time zone."""
    days: dict[dt.date, Day] = {}
    current = event.starts_on
    while current <= event.ends_on:
        days[current] = Day(current)
        current += dt.timedelta(days=1)
    for session in sessions(event):
        day = local(event, session.starts_at).date()
        if session.cancelled_at is not None and day not in days:
            continue  # cancelled, then the days changed: no day of its own
        days.setdefault(day, Day(day)).sessions.append(session)
    return [days[key] for key in sorted(days)]


def seats(session: Session) -> int | None:
    """How many may attend: the smallest of the session's and its room's limits."""
    return rules.limit(session.capacity, session.room.capacity if session.room else None)


def hold() -> dt.timedelta:
    """How long an unconfirmed registration holds its place (EVENTS_UNCONFIRMED_HOLD_HOURS)."""
    return dt.timedelta(hours=settings.EVENTS_UNCONFIRMED_HOLD_HOURS)


def holding(now: dt.datetime, prefix: str = "") -> Q:
    """The registrations that hold a place at `now`, as a query: active, and confirmed or
    younger than the hold (`rules.holds_place`, in SQL)."""
    return Q(**{f"{prefix}status": ACTIVE}) & (
        Q(**{f"{prefix}confirmed_at__isnull": False})
        | Q(**{f"{prefix}created_at__gt": now - hold()})
    )


def holds_place(registration: Registration, now: dt.datetime | None = None) -> bool:
    return registration.status == ACTIVE and rules.holds_place(
        registration.confirmed_at is not None,
        registration.created_at,
        now or timezone.now(),
        hold(),
    )


def hold_ends(registration: Registration) -> dt.datetime:
    return registration.created_at + hold()


def taken(session: Session, now: dt.datetime | None = None) -> int:
    """The places of `session` taken: chosen by registrations that hold their place."""
    return AgendaChoice.objects.filter(
        holding(now or timezone.now(), "registration__"), session=session
    ).count()


def registered_count(event: Event, now: dt.datetime | None = None) -> int:
    """The event's places taken: confirmed registrations, and unconfirmed ones younger than
    the hold."""
    return Registration.objects.filter(holding(now or timezone.now()), event=event).count()


def get_registration(token: str) -> Registration:
    """The registration whose secret link this is: the registrant's own page."""
    found = (
        Registration.objects.select_related("event__network", "category")
        .filter(token=token)
        .first()
        if token and len(token) <= 64
        else None
    )
    if found is None:
        raise NotFound(_("No registration has this link."))
    return found


def agenda(registration: Registration) -> list[Session]:
    return [
        choice.session
        for choice in AgendaChoice.objects.filter(registration=registration).select_related(
            "session__room", "session__track"
        )
    ]


def slot(session: Session) -> rules.Slot:
    return rules.Slot(session.pk, session.title, session.starts_at, session.ends_at)


def agenda_warnings(registration: Registration) -> list[str]:
    pairs = rules.overlaps([slot(session) for session in agenda(registration)])
    return [rules.overlap_warning(first, second) for first, second in pairs]


def attendance_ruling(registration: Registration, session: Session) -> rules.Ruling:
    return rules.may_attend(
        registration.category.name,
        allowed_kinds(registration.category),
        session.kind,
        str(SessionKind(session.kind).label),
        session.title,
    )


def may_organise(user: Any, event: Event) -> bool:
    return permissions.is_secretariat(user)


def require_organiser(actor: Any, event: Event) -> None:
    if not may_organise(actor, event):
        raise PermissionDenied(_("Only the event's organiser (the Secretariat) may do this."))


def participants(actor: Any, event: Event) -> QuerySet[Registration]:
    require_organiser(actor, event)
    return (
        Registration.objects.filter(event=event)
        .select_related("category")
        .annotate(sessions_chosen=Count("choices"))
        .order_by("status", "name", "pk")
    )


def upcoming(today: dt.date, network: Any = None) -> QuerySet[Event]:
    """The events not over by `today`, those open for registration first, then the next to
    start first (one query)."""
    found = events().filter(ends_on__gte=today)
    if network is not None:
        found = found.filter(network=network)
    return found.order_by("-registration_open", "starts_on", "pk")


def events_with_counts() -> QuerySet[Event]:
    return events().annotate(
        session_count=Count("sessions", distinct=True),
        registered=Count("registrations", filter=Q(registrations__status=ACTIVE), distinct=True),
    )


# --- Acting ------------------------------------------------------------------------------


def _snapshot(registration: Registration) -> dict[str, Any]:
    return audit.snapshot(
        registration, ["event_id", "category_id", "name", "organisation", "status"]
    )


def register(
    actor: Any,
    event: Event,
    category: RegistrationCategory,
    *,
    name: str,
    email: str,
    organisation: str,
    today: dt.date | None = None,
    send_mail: bool = True,
) -> Registration:
    """Register for `event` as `category`; the private link is mailed to `email`, and the
    address counts as confirmed once that link is followed. Until then the registration holds
    its place for EVENTS_UNCONFIRMED_HOLD_HOURS only."""
    name, email, organisation = name.strip(), email.strip(), organisation.strip()
    if not (name and email and organisation):
        raise DomainError(_("Give your name, e-mail address and organisation."))
    if category.event_id != event.pk:
        raise DomainError(_("This category belongs to another event."))
    today = today or timezone.localdate()
    now = timezone.now()
    user = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        ruling = rules.registration_open(
            locked.name, locked.registration_open, locked.ends_on, today
        )
        if not ruling.allowed:
            raise DomainError(ruling.explanation, status=409)
        if Registration.objects.filter(event=locked, status=ACTIVE, email__iexact=email).exists():
            raise DomainError(
                _(
                    "This e-mail address is already registered for this event: follow the link "
                    "in the mail you received."
                ),
                status=409,
            )
        # Places taken: confirmed registrations and unconfirmed ones still within their hold.
        ruling = rules.place_left(locked.name, locked.capacity, registered_count(locked, now))
        if not ruling.allowed:
            raise DomainError(ruling.explanation, status=409)
        registration = Registration(
            event=locked,
            category=category,
            name=name[:200],
            email=email[:254],
            organisation=organisation[:200],
            user=user,
        )
        from intercity.core.errors import full_clean_or_refuse

        full_clean_or_refuse(registration)
        registration.save()
        audit.record(actor, "register_for_event", registration, after=_snapshot(registration))
        if send_mail:
            transaction.on_commit(lambda: send_link(registration))
    return registration


def send_link(registration: Registration) -> None:
    """The mail with the private link (its following confirms the address)."""
    from django.urls import reverse

    link = links.absolute(reverse("events_confirm", args=[registration.token]))
    event = registration.event

    def context() -> dict[str, Any]:
        return {
            "subject": _("Your registration for %(event)s") % {"event": event.name},
            "paragraphs": [
                _("You registered for %(event)s (%(place)s) as %(category)s.")
                % {"event": event.name, "place": event.place, "category": registration.category},
                _(
                    "Follow this link to confirm your address, choose your sessions and print "
                    "your badge. Keep it private: whoever has it can see your registration."
                ),
            ],
            "link_line": link,
        }

    mail.send("core/mail/message", context, [registration.email], kind=None)


def confirm(token: str, now: dt.datetime | None = None) -> Registration:
    """The registrant followed the mailed link: the address is theirs. Past the hold, their
    place was free for others: it is theirs again only if one is left (the event row locked,
    as `register` locks it)."""
    now = now or timezone.now()
    with transaction.atomic():
        registration = get_registration(token)
        if registration.confirmed_at is not None:
            return registration
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        fresh = Registration.objects.get(pk=registration.pk)
        if fresh.confirmed_at is not None:
            return fresh
        if fresh.status == ACTIVE and not holds_place(fresh, now):
            ruling = rules.place_left(event.name, event.capacity, registered_count(event, now))
            if not ruling.allowed:
                raise DomainError(
                    _(
                        "Your address was not confirmed within %(hours)d hours, and its place "
                        "has since been taken. %(reason)s"
                    )
                    % {
                        "hours": settings.EVENTS_UNCONFIRMED_HOLD_HOURS,
                        "reason": ruling.explanation,
                    },
                    status=409,
                )
        Registration.objects.filter(pk=fresh.pk).update(confirmed_at=now)
        fresh.refresh_from_db()
        audit.record(None, "confirm_event_registration", fresh)
    registration.confirmed_at = fresh.confirmed_at
    return registration


def _require_active(registration: Registration) -> None:
    if registration.status != ACTIVE:
        raise DomainError(_("This registration is cancelled."), status=409)


def choose_session(registration: Registration, session: Session) -> list[str]:
    """Put `session` into the registrant's agenda; returns the overlaps it now has (warnings)."""
    if session.event_id != registration.event_id:
        raise NotFound(_("No such session in this event."))
    with transaction.atomic():
        # Only the session row is locked: PostgreSQL refuses FOR UPDATE on an outer join
        # (its room may be empty), and the room is read after.
        locked = Session.objects.select_for_update().filter(pk=session.pk).order_by().first()
        if locked is None:  # deleted by the organiser meanwhile
            raise NotFound(_("No such session in this event."))
        fresh = Registration.objects.select_related("category").get(pk=registration.pk)
        _require_active(fresh)
        if locked.cancelled_at is not None:
            raise DomainError(_("“%(title)s” is cancelled.") % {"title": locked.title}, status=409)
        ruling = attendance_ruling(fresh, locked)
        if not ruling.allowed:
            raise DomainError(ruling.explanation, status=403)
        if AgendaChoice.objects.filter(registration=fresh, session=locked).exists():
            return agenda_warnings(fresh)
        ruling = rules.place_left(f"“{locked.title}”", seats(locked), taken(locked))
        if not ruling.allowed:
            raise DomainError(ruling.explanation, status=409)
        choice = AgendaChoice.objects.create(registration=fresh, session=locked)
        audit.record(fresh.user, "choose_event_session", choice, after={"session": locked.pk})
    return agenda_warnings(registration)


def drop_session(registration: Registration, session: Session) -> None:
    with transaction.atomic():
        choice = AgendaChoice.objects.filter(registration=registration, session=session).first()
        if choice is None:
            return
        audit.record(
            registration.user, "drop_event_session", choice, before={"session": session.pk}
        )
        choice.delete()


def cancel(registration: Registration) -> Registration:
    with transaction.atomic():
        updated = Registration.objects.filter(pk=registration.pk, status=ACTIVE).update(
            status=Registration.Status.CANCELLED
        )
        if not updated:
            raise DomainError(_("This registration is already cancelled."), status=409)
        registration.refresh_from_db()
        audit.record(
            registration.user,
            "cancel_event_registration",
            registration,
            before={"status": ACTIVE},
            after={"status": registration.status},
        )
    return registration


# --- Organising --------------------------------------------------------------------------


def open_registration(actor: Any, event: Event, is_open: bool) -> Event:
    require_organiser(actor, event)
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if is_open and not RegistrationCategory.objects.filter(event=locked).exists():
            raise DomainError(
                _(
                    "Add a registration category first (delegate, observer...): a visitor "
                    "registers as one of them."
                ),
                status=409,
            )
        before = locked.registration_open
        locked.registration_open = is_open
        locked.save(update_fields=["registration_open"])
        audit.record(
            actor,
            "open_event_registration" if is_open else "close_event_registration",
            locked,
            before={"registration_open": before},
            after={"registration_open": is_open},
        )
    return locked


# A record of another module a session points at, as the programme shows it.
@dataclass(frozen=True)
class LinkedRecord:
    label: str
    url: str
