"""Events (seed 002, "Program at a Glance" of the 4th WeGO General Assembly): an event with its
rooms, tracks and programme of sessions, the people who speak or moderate, the registration
categories and the session kinds each may attend (rows, not code), the registrations and each
registrant's personal agenda.

A session may point at a record another module keeps (a governance meeting, an awards
edition, a matchmaking event) by a plain reference (`record_module`, `record_ref`), read
through that module's services when it is installed: no foreign key into those modules, so
the programme stands without them.

Times are stored aware (UTC in the database) and shown in the event's own time zone (the
city's, decision 0014): a programme is read in the local time of the place it happens in.
"""

from __future__ import annotations

import secrets
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from intercity.network.models import Network

__all__ = [
    "AgendaChoice",
    "AllowedKind",
    "Event",
    "Registration",
    "RegistrationCategory",
    "Room",
    "Session",
    "SessionKind",
    "SessionRole",
    "Track",
]


def validate_time_zone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError(
            _("%(zone)s is not a time zone name (e.g. Asia/Seoul)."), params={"zone": value}
        ) from exc


class SessionKind(models.TextChoices):
    """What a session is; a registration category lists the kinds it may attend."""

    EXCOM = "excom", _("Executive Committee meeting")
    ASSEMBLY = "assembly", _("General Assembly session")
    CEREMONY = "ceremony", _("Ceremony")
    CONFERENCE = "conference", _("Conference session or forum")
    WORKSHOP = "workshop", _("Workshop")
    MATCHMAKING = "matchmaking", _("Matchmaking meetings")
    PRESS = "press", _("Press conference")
    MEAL = "meal", _("Meal")
    BREAK = "break", _("Break")
    VISIT = "visit", _("Visit or tour")
    LOGISTICS = "logistics", _("Logistics")


class Event(models.Model):
    class Kind(models.TextChoices):
        GENERAL_ASSEMBLY = "general_assembly", _("General Assembly")
        EXCOM = "excom", _("Executive Committee meeting")
        WEBINAR = "webinar", _("Webinar")
        TRAINING = "training", _("Training session")
        CONFERENCE = "conference", _("Conference")

    network = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="events")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    place = models.CharField(_("place"), max_length=200, blank=True)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    time_zone = models.CharField(
        _("time zone"), max_length=60, default="Asia/Seoul", validators=[validate_time_zone]
    )
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    registration_open = models.BooleanField(_("registration open"), default=False)
    description = models.TextField(_("description"), blank=True)
    # A matchmaking event of the exchange module held during this event (its id), read
    # through exchange.services when exchange is installed.
    matchmaking_ref = models.CharField(_("matchmaking reference"), max_length=200, blank=True)
    is_demo = models.BooleanField(_("demonstration data"), default=False)
    source = models.CharField(_("source"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="events_event_days_in_order"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


class Room(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(_("name"), max_length=100)
    capacity = models.PositiveIntegerField(
        _("seats"), null=True, blank=True, help_text=_("Empty: not recorded, no limit.")
    )
    interpretation = models.CharField(
        _("interpretation"),
        max_length=200,
        blank=True,
        help_text=_("The languages interpreted in this room, e.g. English, Russian."),
    )

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "name"], name="events_room_name_once")
        ]

    def __str__(self) -> str:
        return self.name


class Track(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="tracks")
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("track")
        verbose_name_plural = _("tracks")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "name"], name="events_track_name_once")
        ]

    def __str__(self) -> str:
        return self.name


class Session(models.Model):
    class Record(models.TextChoices):
        NONE = "", _("none")
        GOVERNANCE = "governance", _("a governance meeting")
        AWARDS = "awards", _("an awards edition")
        EXCHANGE = "exchange", _("a matchmaking event")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=SessionKind.choices)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    room = models.ForeignKey(
        Room, null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions"
    )
    track = models.ForeignKey(
        Track, null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions"
    )
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty: the room's seats, if known.")
    )
    description = models.TextField(_("description"), blank=True)
    record_module = models.CharField(
        _("record in"), max_length=20, choices=Record.choices, blank=True, default=""
    )
    record_ref = models.CharField(_("record reference"), max_length=100, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    # A session someone chose is cancelled, not deleted: their agenda says it is off.
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "room__name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=F("starts_at")),
                name="events_session_times_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.title


class SessionRole(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        MODERATOR = "moderator", _("Moderator")
        SPEAKER = "speaker", _("Speaker")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(_("name"), max_length=200)
    affiliation = models.CharField(_("affiliation"), max_length=300, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("speaker or moderator")
        verbose_name_plural = _("speakers and moderators")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class RegistrationCategory(models.Model):
    """Delegate, observer, company, speaker...: who registers as what, and (its
    `allowed` rows) which kinds of session that category may attend."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="categories")
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=100)
    description = models.CharField(_("description"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("registration category")
        verbose_name_plural = _("registration categories")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "code"], name="events_category_code_once")
        ]

    def __str__(self) -> str:
        return self.name


class AllowedKind(models.Model):
    category = models.ForeignKey(
        RegistrationCategory, on_delete=models.CASCADE, related_name="allowed"
    )
    kind = models.CharField(_("kind of session"), max_length=20, choices=SessionKind.choices)

    class Meta:
        verbose_name = _("kind of session a category may attend")
        verbose_name_plural = _("kinds of session a category may attend")
        constraints = [
            models.UniqueConstraint(fields=["category", "kind"], name="events_allowed_kind_once")
        ]

    def __str__(self) -> str:
        return f"{self.category}: {self.kind}"


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Registration(models.Model):
    """A person registered for an event: signed in or not (name, e-mail, organisation). The
    private page is reached by `token` (a secret link, mailed); the address is confirmed by
    following the link in that mail."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    category = models.ForeignKey(
        RegistrationCategory, on_delete=models.PROTECT, related_name="registrations"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), max_length=254)
    organisation = models.CharField(_("organisation"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REGISTERED
    )
    confirmed_at = models.DateTimeField(_("e-mail confirmed"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["event", "status"], name="events_reg_event_status")]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


class AgendaChoice(models.Model):
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="choices")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="choices")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("session in a personal agenda")
        verbose_name_plural = _("sessions in personal agendas")
        ordering = ["session__starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "session"], name="events_agenda_choice_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.registration_id}: {self.session_id}"
