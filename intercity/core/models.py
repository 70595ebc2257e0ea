"""The audit trail shared by every app: who changed what, when, from what to what, and why."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext, gettext_lazy


class AuditEvent(models.Model):
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=gettext_lazy(
            "Empty when the platform itself acted (seed loading, a scheduled task)."
        ),
    )
    # Who acted, as they were named then: kept when the login is deleted and `actor` empties.
    actor_username = models.CharField(max_length=150, blank=True)
    actor_name = models.CharField(max_length=300, blank=True)
    verb = models.CharField(max_length=80, db_index=True)
    object_type = models.CharField(max_length=80)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=200, blank=True)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.verb} {self.object_repr}"

    @property
    def actor_label(self) -> str:
        """Who acted, for pages: the name kept with the event, or the platform itself."""
        if not self.actor_username:
            # Translators: who acted, when no person did (seed loading, a scheduled task).
            return gettext("the platform")
        if self.actor_name and self.actor_name != self.actor_username:
            return f"{self.actor_name} ({self.actor_username})"
        return self.actor_username


class JobRun(models.Model):
    """One run of a scheduled job (core/schedules.py) for one slot: the time the calendar
    called for, or the minute someone pressed "Run now". The slot is unique per job, so two
    schedulers (or a double click) that claim the same slot make one run."""

    class Outcome(models.TextChoices):
        QUEUED = "queued", gettext_lazy("Queued")
        RUNNING = "running", gettext_lazy("Running")
        OK = "ok", gettext_lazy("Done")
        FAILED = "failed", gettext_lazy("Failed")

    job = models.CharField(max_length=80)
    slot = models.DateTimeField()
    manual = models.BooleanField(default=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    queued_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.QUEUED)
    # What the job counted (e.g. {"queued": 3, "without_email": 1}), worded by the job for
    # each reader; `summary` is that wording in the site's language when the run ended, or
    # the error of a failed run.
    details = models.JSONField(default=dict, blank=True)
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["-slot", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["job", "slot"], name="one_run_per_job_and_slot")
        ]

    def __str__(self) -> str:
        return f"{self.job} {self.slot:%Y-%m-%d %H:%M}"


class MailKind(models.TextChoices):
    """The kinds of notification an address can decline (core/mail.py). Mail that must arrive
    (password reset, an invitation) has no kind and cannot be declined."""

    REPORT_UPDATES = "report-updates", gettext_lazy("Updates on a report I filed or follow")
    FEE_REMINDERS = "fee-reminders", gettext_lazy("Membership fee reminders")
    MEETING_DEADLINES = "meeting-deadlines", gettext_lazy("Statute deadlines before meetings")
    DEPARTMENT_REPORTS = "department-reports", gettext_lazy("New reports routed to a department")


class MailOptOut(models.Model):
    """An address that does not want one kind of notification. Keyed by the address, not by
    a login: citizens who file a report have no account. One row per address and kind, so
    two clicks at once make one row."""

    email = models.EmailField()  # stored lower-cased
    kind = models.CharField(max_length=40, choices=MailKind.choices)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["email", "kind"], name="one_opt_out_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.email}: no {self.kind}"
