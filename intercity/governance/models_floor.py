"""The meeting floor: amendments to a motion, the speakers list of an agenda item with the
meeting's time limit, and the versions of an agenda item's documents.

Only `governance.services` writes these rows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from intercity.network.models import Organisation


class Amendment(models.Model):
    """An amendment to a motion: a decision of its own (kind "amendment"), voted by the same
    rule before the motion. `text` of its decision says what it changes; `replacement` is the
    motion's text as the amendment would make it. Adopted, it replaces the motion's text;
    `text_before` keeps the text it replaced."""

    decision = models.OneToOneField(
        "governance.Decision", on_delete=models.CASCADE, related_name="amendment"
    )
    motion = models.ForeignKey(
        "governance.Decision", on_delete=models.CASCADE, related_name="amendments"
    )
    mover = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    replacement = models.TextField(help_text=_("The motion's text as amended."))
    text_before = models.TextField(blank=True, help_text=_("The motion's text it replaced."))

    class Meta:
        ordering = ["motion", "decision__position", "id"]
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")

    def __str__(self) -> str:
        return str(self.decision)


class FloorSettings(models.Model):
    """How a meeting runs its speakers lists: the time limit of a speech, and whether those
    who have not spoken on an item go before those who have."""

    meeting = models.OneToOneField(
        "governance.Meeting", on_delete=models.CASCADE, related_name="floor_settings"
    )
    speech_seconds = models.PositiveIntegerField(
        default=180, help_text=_("Time limit of one speech, in seconds.")
    )
    first_time_first = models.BooleanField(
        default=True, help_text=_("Those who have not spoken on the item speak first.")
    )

    class Meta:
        verbose_name = _("floor settings")
        verbose_name_plural = _("floor settings")

    def __str__(self) -> str:
        return str(self.meeting)


class SpeakersList(models.Model):
    """An agenda item's speakers list; its row is the lock that orders who speaks."""

    item = models.OneToOneField(
        "governance.AgendaItem", on_delete=models.CASCADE, related_name="speakers_list"
    )
    is_open = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("speakers list")
        verbose_name_plural = _("speakers lists")

    def __str__(self) -> str:
        return str(self.item)


class Speech(models.Model):
    """A request to speak on an agenda item, and the speech when it is given."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        SPEAKING = "speaking", _("Speaking")
        DONE = "done", _("Spoken")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    item = models.ForeignKey(
        "governance.AgendaItem", on_delete=models.CASCADE, related_name="speeches"
    )
    participant = models.ForeignKey(
        "governance.Participant", on_delete=models.CASCADE, related_name="speeches"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    position = models.IntegerField(default=0)
    requested_at = models.DateTimeField()
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    seconds_allowed = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["item", "position", "id"]
        verbose_name = _("speech")
        verbose_name_plural = _("speeches")
        constraints = [
            models.UniqueConstraint(
                fields=["item"], condition=Q(status="speaking"), name="one_speaker_per_item"
            ),
            models.UniqueConstraint(
                fields=["item", "participant"],
                condition=Q(status="waiting"),
                name="one_waiting_request_each",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} ({self.status})"


class DocumentVersion(models.Model):
    """One uploaded version of an agenda item's document; a new version keeps the old ones."""

    document = models.ForeignKey(
        "governance.AgendaDocument", on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField()
    file = models.FileField(upload_to="governance/%Y/%m/")
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField()
    note = models.CharField(max_length=300, blank=True)
    uploaded_at = models.DateTimeField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["document", "-number"]
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="one_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"
