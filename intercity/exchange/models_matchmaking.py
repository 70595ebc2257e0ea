"""Models of the matchmaking part (see models.py): an event's matchmaking (seed 002, "Matchmaking
Meetings at the 4th WeGO General Assembly": pre-arranged 30-minute meetings between cities,
companies and organisations, held privately in a matchmaking room), its rooms, its
participants with their availability windows, the meeting requests between them, and the
scheduler's runs with the placements each run made.

A `MatchmakingEvent` is a row of its own: the `events` module of a later issue places it into
an event's programme by pointing at it, nothing here points at an event programme.

Times are stored aware (UTC in the database); they are read and shown in the event's own time
zone, since a delegate's agenda is the local time of the place they meet in.
"""

from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from intercity.network.models import Network, Organisation

__all__ = [
    "Availability",
    "MatchmakingEvent",
    "MatchmakingParticipant",
    "MatchmakingRoom",
    "MeetingPlacement",
    "MeetingRequest",
    "ScheduleRun",
]


def validate_time_zone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise ValidationError(
            _("%(zone)s is not a time zone name (e.g. Asia/Seoul)."), params={"zone": value}
        ) from exc


class MatchmakingEvent(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open for requests")
        CLOSED = "closed", _("Requests closed")
        SCHEDULED = "scheduled", _("Scheduled")
        ANNOUNCED = "announced", _("Announced")

    network = models.ForeignKey(
        Network, on_delete=models.PROTECT, related_name="matchmaking_events"
    )
    name = models.CharField(_("name"), max_length=200)
    place = models.CharField(_("place"), max_length=200, blank=True)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    time_zone = models.CharField(
        _("time zone"), max_length=60, default="Asia/Seoul", validators=[validate_time_zone]
    )
    slot_minutes = models.PositiveSmallIntegerField(
        _("length of a meeting (minutes)"),
        default=30,
        validators=[MinValueValidator(5), MaxValueValidator(240)],
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    description = models.TextField(_("description"), blank=True)
    is_demo = models.BooleanField(_("demonstration data"), default=False)
    source = models.CharField(_("source"), max_length=300, blank=True)
    # How many scheduling runs were started: a run claims the next number by a conditional
    # update, so two staff pressing "schedule" together make one run.
    runs_started = models.PositiveIntegerField(default=0)
    current_run = models.ForeignKey(
        "ScheduleRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    announced_run = models.ForeignKey(
        "ScheduleRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    announced_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("matchmaking event")
        verbose_name_plural = _("matchmaking events")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="matchmaking_event_days_in_order"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


class MatchmakingRoom(models.Model):
    event = models.ForeignKey(MatchmakingEvent, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("meeting room")
        verbose_name_plural = _("meeting rooms")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "name"], name="matchmaking_room_name_once")
        ]

    def __str__(self) -> str:
        return self.name


class MatchmakingParticipant(models.Model):
    """A delegation at the event: a city's, a company's or an organisation's. The
    organisation's officers act for it; staff add a delegation whose organisation has no
    login and act for it themselves."""

    event = models.ForeignKey(
        MatchmakingEvent, on_delete=models.CASCADE, related_name="participants"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="matchmaking_participations"
    )
    delegation = models.CharField(_("head of the delegation"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("matchmaking participant")
        verbose_name_plural = _("matchmaking participants")
        ordering = ["organisation__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organisation"], name="matchmaking_participant_once"
            )
        ]

    def __str__(self) -> str:
        return self.organisation.name


class Availability(models.Model):
    """A window in which the delegation can meet: a whole number of slots inside the event's
    days (rules_matchmaking.window_problems)."""

    participant = models.ForeignKey(
        MatchmakingParticipant, on_delete=models.CASCADE, related_name="windows"
    )
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))

    class Meta:
        verbose_name = _("availability window")
        verbose_name_plural = _("availability windows")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="matchmaking_window_in_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant_id}: {self.starts_at:%Y-%m-%d %H:%M} – {self.ends_at:%H:%M}"


class MeetingRequest(models.Model):
    """One participant asks another for a meeting; the target accepts or declines, the
    requester may withdraw while it is pending. An accepted request is a meeting the scheduler
    places."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Priority(models.IntegerChoices):
        LOW = 1, _("Low")
        NORMAL = 2, _("Normal")
        HIGH = 3, _("High")

    event = models.ForeignKey(MatchmakingEvent, on_delete=models.CASCADE, related_name="requests")
    requester = models.ForeignKey(
        MatchmakingParticipant, on_delete=models.CASCADE, related_name="requests_sent"
    )
    target = models.ForeignKey(
        MatchmakingParticipant, on_delete=models.CASCADE, related_name="requests_received"
    )
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.NORMAL
    )
    message = models.CharField(_("message"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    # A meeting the record says took place (seed 002 lists the pairs, not their times): it
    # is on the participants' agendas with its time unknown when no run placed it.
    held = models.BooleanField(_("held"), default=False)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(requester=F("target")), name="matchmaking_request_not_to_oneself"
            ),
            # One pending request from one delegation to another at a time.
            models.UniqueConstraint(
                fields=["requester", "target"],
                condition=Q(status="pending"),
                name="matchmaking_request_one_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requester} – {self.target}"


class ScheduleRun(models.Model):
    """One press of "schedule": what the solver placed, what it could not and why, whether the
    placement is proven optimal, what a greedy pass would have placed, how long it took, and
    which announced meetings kept their place or moved."""

    class State(models.TextChoices):
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")

    event = models.ForeignKey(MatchmakingEvent, on_delete=models.CASCADE, related_name="runs")
    number = models.PositiveIntegerField()
    state = models.CharField(max_length=20, choices=State.choices, default=State.RUNNING)
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    meetings = models.PositiveIntegerField(default=0)
    placed = models.PositiveIntegerField(default=0)
    greedy_placed = models.PositiveIntegerField(default=0)
    optimal = models.BooleanField(default=False)
    explanation = models.TextField(blank=True)
    solve_seconds = models.FloatField(default=0)
    greedy_seconds = models.FloatField(default=0)
    # [{"request": id, "why": "..."}]: every accepted request the run could not place.
    unplaced = models.JSONField(default=list, blank=True)
    # Ids of the requests announced before this run: kept where they were, or moved/dropped.
    kept = models.JSONField(default=list, blank=True)
    moved = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("scheduling run")
        verbose_name_plural = _("scheduling runs")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["event", "number"], name="matchmaking_run_number_once")
        ]

    def __str__(self) -> str:
        return f"{self.event} #{self.number}"


class MeetingPlacement(models.Model):
    """Where and when a run placed an accepted request: one room, one slot."""

    run = models.ForeignKey(ScheduleRun, on_delete=models.CASCADE, related_name="placements")
    request = models.ForeignKey(MeetingRequest, on_delete=models.CASCADE, related_name="placements")
    room = models.ForeignKey(MatchmakingRoom, on_delete=models.PROTECT, related_name="+")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    class Meta:
        verbose_name = _("meeting placement")
        verbose_name_plural = _("meeting placements")
        ordering = ["starts_at", "room__name"]
        constraints = [
            models.UniqueConstraint(fields=["run", "request"], name="matchmaking_placed_once"),
            models.UniqueConstraint(
                fields=["run", "room", "starts_at"], name="matchmaking_room_slot_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request_id} @ {self.room_id} {self.starts_at:%Y-%m-%d %H:%M}"
