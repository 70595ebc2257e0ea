"""Meetings where the delegates take part themselves (issue: the live meeting room): who
represents each member at a meeting, how the room checks in, and the ballots delegates cast
from their phones, named or secret.

A secret ballot is two rows that nothing joins: a `BallotReceipt` says a member has voted
(unique per decision and member, so the database itself refuses a second ballot) and the
decision's `SecretTally` holds the running counts, with no row per choice at all. See
docs/live-meetings.md for why there is no row per secret choice and what a reader of the
database's files could still infer.

Only `governance.services.live` writes these rows.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from intercity.governance.models import AgendaItem, Decision, Meeting, Participant, Vote
from intercity.network.models import Organisation


def new_code() -> str:
    """Six digits shown in the room: a delegate who types them is there in person."""
    return f"{secrets.randbelow(10**6):06d}"


def new_key() -> str:
    """The projector's secret, part of its URL."""
    return secrets.token_urlsafe(18)


class LiveSettings(models.Model):
    """How a meeting runs in the room and online: the code shown in the room, the projector's
    secret URL, whether a delegate may change a named ballot until the vote closes, and the
    meeting's version, bumped in the transaction of every change the live pages show."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="live")
    ballots_changeable = models.BooleanField(
        _("named ballots may be changed until the vote closes"), default=True
    )
    checkin_code = models.CharField(_("check-in code"), max_length=12, default=new_code)
    projector_key = models.CharField(_("projector key"), max_length=40, default=new_key)
    # Everything the projector and the clerk show (every ballot, every check-in moves it).
    version = models.PositiveBigIntegerField(default=1)
    # What every delegate's own region shows besides its member's rows: the meeting, its
    # agenda and motions, and the settings. Other members' ballots do not move it, so a
    # delegate's phone polls unchanged through a burst of votes (`MemberVersion` below).
    shared_version = models.PositiveBigIntegerField(default=1)
    # Who is present: the roll and the quorum (check-ins, not ballots, move it).
    attendance_version = models.PositiveBigIntegerField(default=1)

    class Meta:
        verbose_name = _("live meeting settings")
        verbose_name_plural = _("live meeting settings")

    def __str__(self) -> str:
        return str(self.meeting)


class Delegate(models.Model):
    """A person a member designated to represent it at one meeting (the statute's
    "representative"); a member may designate more than one, and they share its one vote."""

    class Attendance(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        REMOTE = "remote", _("Remote")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="delegates")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    designated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    designated_at = models.DateTimeField(auto_now_add=True)
    checked_in = models.CharField(
        _("checked in"), max_length=12, choices=Attendance.choices, blank=True
    )
    checked_in_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["meeting", "organisation__name", "id"]
        verbose_name = _("delegate")
        verbose_name_plural = _("delegates")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="one_delegation_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.user}"


class BallotSource(models.TextChoices):
    DEVICE = "device", _("the delegate's device")
    CLERK = "clerk", _("recorded by the clerk")


class BallotReceipt(models.Model):
    """That a member has voted in a secret ballot, and how the ballot came; never the choice.
    Unique per decision and member: a second ballot of the member is refused by the database."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="receipts")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    source = models.CharField(max_length=10, choices=BallotSource.choices)

    class Meta:
        ordering = ["decision", "organisation__name"]
        verbose_name = _("ballot receipt")
        verbose_name_plural = _("ballot receipts")
        constraints = [
            models.UniqueConstraint(fields=["decision", "organisation"], name="one_ballot_each")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} voted on {self.decision_id}"


class SecretTally(models.Model):
    """The running counts of a secret ballot: one row per decision, changed by an UPDATE that
    adds one, so no row ever holds one member's choice. Revealed when the vote closes."""

    decision = models.OneToOneField(Decision, on_delete=models.CASCADE, related_name="secret_tally")
    yes = models.PositiveIntegerField(default=0)
    no = models.PositiveIntegerField(default=0)
    abstain = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("secret tally")
        verbose_name_plural = _("secret tallies")

    def __str__(self) -> str:
        return f"{self.decision_id}: {self.yes}/{self.no}/{self.abstain}"


class MemberVersion(models.Model):
    """The version of one member's own rows at a meeting (its delegates, its attendance, its
    ballots and receipts): with `LiveSettings.shared_version` it makes the version of that
    member's delegates' region. Holds a counter only, never a choice."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    version = models.PositiveBigIntegerField(default=1)

    class Meta:
        verbose_name = _("member's live version")
        verbose_name_plural = _("members' live versions")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "organisation"], name="one_live_version_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}/{self.organisation_id}: {self.version}"


def bump(
    meeting_id: int | None,
    *,
    shared: bool = False,
    member: int | None = None,
    attendance: bool = False,
) -> None:
    """The meeting's live pages have something new: its version moves on, in the caller's
    transaction (so a page that reads the new version reads the change too). `shared`: every
    delegate's own region changes too; `member`: that member's delegates' region changes;
    `attendance`: the roll changes."""
    if meeting_id is None:
        return
    moves: dict[str, Any] = {"version": F("version") + 1}
    if shared:
        moves["shared_version"] = F("shared_version") + 1
    if attendance:
        moves["attendance_version"] = F("attendance_version") + 1
    if not LiveSettings.objects.filter(meeting_id=meeting_id).update(**moves):
        LiveSettings.objects.get_or_create(meeting_id=meeting_id)
    if member is not None and not (
        MemberVersion.objects.filter(meeting_id=meeting_id, organisation_id=member).update(
            version=F("version") + 1
        )
    ):
        MemberVersion.objects.get_or_create(meeting_id=meeting_id, organisation_id=member)


def _changed(sender: type[models.Model], instance: models.Model, **kwargs: object) -> None:
    """Every saved or deleted row the live pages show moves its meeting's version."""
    if kwargs.get("raw"):
        return
    if isinstance(instance, Meeting):
        if kwargs.get("signal") is not None and "created" not in kwargs:
            return  # a deleted meeting takes its settings with it
        bump(instance.pk, shared=True)
        return
    meeting_id = getattr(instance, "meeting_id", None)
    if meeting_id is None and hasattr(instance, "item_id"):
        # A speakers list or a speech: of its agenda item's meeting.
        meeting_id = (
            AgendaItem.objects.filter(pk=instance.item_id)
            .values_list("meeting_id", flat=True)
            .first()
        )
    # A ballot's decision is usually at hand already: then no query for its meeting.
    at_hand = getattr(type(instance), "decision", None)
    if meeting_id is None and at_hand is not None and at_hand.is_cached(instance):
        meeting_id = instance.decision.meeting_id  # type: ignore[attr-defined]
    if meeting_id is None and hasattr(instance, "decision_id"):
        meeting_id = (
            Decision.objects.filter(pk=instance.decision_id)
            .values_list("meeting_id", flat=True)
            .first()
        )
    # A row of one member (a ballot, a receipt, an attendance, a delegation) changes that
    # member's delegates' region; an agenda item or a motion changes everyone's.
    member = getattr(instance, "organisation_id", None)
    if isinstance(instance, (Participant, Vote, BallotReceipt, Delegate)):
        bump(meeting_id, member=member, attendance=isinstance(instance, Participant))
        return
    bump(meeting_id, shared=True)


def _connect() -> None:
    from django.db.models.signals import post_delete, post_save

    from intercity.governance.models import SpeakersList, Speech

    watched = (Meeting, AgendaItem, Participant, Decision, Vote, Delegate, BallotReceipt)
    for model in (*watched, SpeakersList, Speech):
        post_save.connect(_changed, sender=model, dispatch_uid=f"live-{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"live-del-{model.__name__}")


_connect()
