"""Governance: statute versions and their rules as data, meetings of the statute bodies,
their agendas and participants, and the decisions they take (motions, elections, written
consents, announcements), each with the ruling that decided it.

Only `governance.services` writes these rows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from intercity.network.models import Body, Network, Organisation, Region, RegionalOffice


class StatuteVersion(models.Model):
    """One text of a network's statute and the decision rules it sets, in force from
    `effective_from` (from the moment `adopted_by` was decided, when that is recorded) until
    the next version takes effect. Amending the statute adds a row."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="statutes")
    name = models.CharField(max_length=120)
    effective_from = models.DateField()
    source = models.CharField(max_length=300, blank=True)
    rules = models.JSONField(
        default=dict,
        help_text="{decision: {body slug: {article, attendance, concurrence, tie}}}; "
        "thresholds are {fraction: '1/4', comparison: at_least|more_than, "
        "base: total|present|cast}.",
    )
    deadlines = models.JSONField(
        default=list,
        blank=True,
        help_text="[{key, name, anchor, offset: {months|days}, article, quote}]",
    )
    composition = models.JSONField(
        default=dict,
        blank=True,
        help_text="{body slug: {article, max_members, not_counted, min_vice_presidents}}",
    )
    candidacy = models.JSONField(
        default=dict,
        blank=True,
        help_text="{office: {article, full_member, fees_paid, notice_months}}",
    )
    terms = models.JSONField(
        default=dict, blank=True, help_text="{office: {years, article}}, e.g. regional-office: 5"
    )
    # The text takes effect when it is adopted: decisions of the adopting meeting before this
    # decision, and this decision itself, are judged by the earlier text (Art. 17).
    adopted_by = models.OneToOneField(
        "Decision",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adopted_statute",
        help_text=_("The decision that adopted this text; it is in force from the moment after."),
    )

    class Meta:
        ordering = ["network", "effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "effective_from"], name="one_statute_version_per_day"
            ),
            models.UniqueConstraint(fields=["network", "name"], name="unique_statute_name"),
        ]

    def __str__(self) -> str:
        return f"{self.network}: {self.name}"


class StatuteArticle(models.Model):
    """One article of a statute text, as the sources hold it: its paragraphs copied from the
    seeds, never written. `status` says whether the whole article is on record, only the
    paragraphs a source quotes, or none of it ("text not in the sources")."""

    class Status(models.TextChoices):
        COMPLETE = "complete", _("Complete")
        PARTIAL = "partial", _("Only the paragraphs quoted in the sources")
        MISSING = "missing", _("Text not in the sources")

    version = models.ForeignKey(StatuteVersion, on_delete=models.CASCADE, related_name="articles")
    number = models.CharField(max_length=10)
    title = models.CharField(max_length=200, blank=True)
    part = models.CharField(max_length=120, blank=True, help_text=_("The Part it stands in."))
    position = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.COMPLETE)
    paragraphs = models.JSONField(
        default=list,
        blank=True,
        help_text='[{"n": "1", "text": "...", "same_as": "<version whose text it is>"}]; '
        "sub-items on their own lines.",
    )
    source = models.CharField(max_length=300, blank=True)
    note = models.TextField(blank=True, help_text=_("How the text was assembled from its sources."))

    class Meta:
        ordering = ["version", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="one_article_per_number")
        ]

    def __str__(self) -> str:
        return f"{self.version.name}, Art. {self.number}"


class Meeting(models.Model):
    class Kind(models.TextChoices):
        REGULAR = "regular", _("Regular")
        SPECIAL = "special", _("Special")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_SESSION = "in_session", _("In session")
        CLOSED = "closed", _("Closed")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="meetings")
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    key = models.SlugField(max_length=80)
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.REGULAR)
    date = models.DateField()
    venue = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    source = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "title"]
        constraints = [
            models.UniqueConstraint(fields=["network", "key"], name="unique_meeting_key")
        ]

    def __str__(self) -> str:
        return self.title


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    number = models.CharField(max_length=20)
    title = models.CharField(max_length=250)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "position", "id"]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class AgendaDocument(models.Model):
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(max_length=250)
    reference = models.CharField(max_length=300, blank=True, help_text=_("Where the text is."))
    url = models.URLField(blank=True)

    class Meta:
        ordering = ["item", "id"]

    def __str__(self) -> str:
        return self.title


class Participant(models.Model):
    """Someone at a meeting: a member organisation's delegation, or a named observer/guest.
    Remote attendance counts as present (Statute 2017 Art. 20)."""

    class Role(models.TextChoices):
        DELEGATE = "delegate", _("Delegate")
        OBSERVER = "observer", _("Observer")
        SECRETARIAT = "secretariat", _("Secretariat")
        GUEST = "guest", _("Guest")

    class Attendance(models.TextChoices):
        UNKNOWN = "unknown", _("Not checked in")
        IN_PERSON = "in_person", _("In person")
        REMOTE = "remote", _("Remote")
        ABSENT = "absent", _("Absent")

    PRESENT = (Attendance.IN_PERSON, Attendance.REMOTE)

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participants")
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(max_length=200, blank=True, help_text=_("When not an organisation."))
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.DELEGATE)
    attendance = models.CharField(
        max_length=20, choices=Attendance.choices, default=Attendance.UNKNOWN
    )
    checked_in_at = models.DateTimeField(null=True, blank=True)
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["meeting", "role", "organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "organisation"],
                condition=Q(organisation__isnull=False),
                name="one_participant_per_organisation",
            ),
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | ~Q(name=""),
                name="participant_is_someone",
            ),
        ]

    def __str__(self) -> str:
        return str(self.organisation or self.name)

    @property
    def present(self) -> bool:
        return self.attendance in self.PRESENT


class Decision(models.Model):
    """Something a body decided or is deciding: a motion put to the vote, an election, a
    resolution by written consent, or an announcement it received. A decided one keeps the
    statute version, the rule and the arithmetic that decided it."""

    class Kind(models.TextChoices):
        MOTION = "motion", _("Motion")
        ELECTION = "election", _("Election")
        WRITTEN_CONSENT = "written_consent", _("Resolution by written consent")
        ANNOUNCEMENT = "announcement", _("Announcement")
        AMENDMENT = "amendment", _("Amendment")

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("decision status", "Open")
        DECIDED = "decided", pgettext_lazy("decision status", "Decided")
        WITHDRAWN = "withdrawn", pgettext_lazy("decision status", "Withdrawn")

    class Outcome(models.TextChoices):
        ADOPTED = "adopted", _("Adopted")
        REJECTED = "rejected", pgettext_lazy("a motion's outcome", "Rejected")
        NOT_QUORATE = "not-quorate", _("Not quorate")
        TIE = "tie", _("Tie")
        ELECTED = "elected", _("Elected")
        RECORDED = "recorded", _("Recorded")

    class VoteMode(models.TextChoices):
        ROLL_CALL = "roll_call", _("Vote of each member")
        COUNTS = "counts", _("Counts only")
        SECRET = "secret", _("Secret ballot")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="decisions")
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="decisions")
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.CASCADE, related_name="decisions"
    )
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    rule = models.SlugField(
        max_length=60,
        blank=True,
        help_text=_("The statute rule that decides it, e.g. ordinary-motion, written-consent."),
    )
    title = models.CharField(max_length=250)
    text = models.TextField(blank=True)
    date = models.DateField(
        help_text=_("The day it is judged by: the meeting's, or consent close.")
    )
    opens_on = models.DateField(null=True, blank=True, help_text=_("Written consent window."))
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    vote_mode = models.CharField(
        max_length=20, choices=VoteMode.choices, default=VoteMode.ROLL_CALL
    )
    members_total = models.PositiveIntegerField(null=True, blank=True)
    present = models.PositiveIntegerField(null=True, blank=True)
    yes = models.PositiveIntegerField(null=True, blank=True)
    no = models.PositiveIntegerField(null=True, blank=True)
    abstain = models.PositiveIntegerField(null=True, blank=True)
    casting_vote = models.CharField(max_length=3, blank=True)
    statute_version = models.ForeignKey(
        StatuteVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rule_applied = models.JSONField(default=dict, blank=True)
    explanation = models.TextField(blank=True)
    office = models.CharField(max_length=40, blank=True, help_text=_("Elections: the office."))
    seats = models.PositiveSmallIntegerField(
        default=1, help_text=_("Elections: how many seats it fills.")
    )
    winner = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    effects = models.JSONField(default=list, blank=True)
    effects_applied = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)
    source = models.CharField(max_length=300, blank=True)
    conflict = models.CharField(max_length=300, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "meeting", "position", "id"]
        indexes = [models.Index(fields=["network", "date"])]

    def __str__(self) -> str:
        return self.title

    @property
    def reference(self) -> str:
        """How other records (a membership status change) cite this decision."""
        return f"{self.body.name}, {self.date.isoformat()}: {self.title} (decision {self.pk})"


class Vote(models.Model):
    class Choice(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")
        ABSTAIN = "abstain", _("Abstain")

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="votes")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(max_length=10, choices=Choice.choices)
    recorded_at = models.DateTimeField(auto_now=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # How the vote came: cast by the member's delegate on their device, or recorded by the clerk.
    source = models.CharField(
        max_length=10,
        choices=[("device", _("the delegate's device")), ("clerk", _("recorded by the clerk"))],
        default="clerk",
    )

    class Meta:
        ordering = ["decision", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "organisation"], name="one_vote_each")
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.choice}"


class Candidate(models.Model):
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="candidates")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    declared_on = models.DateField(null=True, blank=True)
    votes = models.PositiveIntegerField(null=True, blank=True)
    elected = models.BooleanField(default=False)
    warnings = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["decision", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "organisation"], name="one_candidacy")
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class Consent(models.Model):
    """A member's written answer to a resolution by written consent (Art. 16.3)."""

    class Answer(models.TextChoices):
        CONSENT = "yes", _("Consents")
        OBJECT = "no", _("Objects")

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="consents")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    answer = models.CharField(max_length=3, choices=Answer.choices)
    given_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["decision", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "organisation"], name="one_consent_each")
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.answer}"


# --- Regional offices (Statute 2017 Art. 13.6; seed 003 Agenda 1) ------------------------


class RegionalOfficeBid(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        NOT_APPROVED = "not_approved", _("Not approved")
        NOT_RECORDED = "not_recorded", _("Outcome not recorded")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    submitted_on = models.DateField(
        null=True, blank=True, help_text=_("Empty when the record gives no date.")
    )
    tabled_on = models.DateField(
        null=True, blank=True, help_text=_("The Executive Committee meeting it was put to.")
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    note = models.TextField(blank=True)
    decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["network", "region", "tabled_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "region", "organisation", "tabled_on"], name="one_bid"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} for {self.region.name}"


class AssessmentCriterion(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    key = models.SlugField(max_length=60)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["network", "position"]
        verbose_name_plural = _("assessment criteria")
        constraints = [
            models.UniqueConstraint(fields=["network", "key"], name="unique_criterion_key")
        ]

    def __str__(self) -> str:
        return self.name


class RegionalOfficeReport(models.Model):
    """A regional office's annual report, due two months before the EXCOM meeting."""

    office = models.ForeignKey(RegionalOffice, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    submitted_on = models.DateField()
    summary = models.TextField(blank=True)
    url = models.URLField(blank=True)

    class Meta:
        ordering = ["office", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["office", "year"], name="one_report_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.office} {self.year}"


class RegionalOfficeAssessment(models.Model):
    class Recommendation(models.TextChoices):
        CONTINUE = "continue", _("Continue")
        PROBATION = "probation", _("Continue under review")
        DISSOLVE = "dissolve", _("Dissolve")

    office = models.ForeignKey(RegionalOffice, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    findings = models.JSONField(default=dict, blank=True, help_text="{criterion key: note}")
    recommendation = models.CharField(max_length=20, choices=Recommendation.choices)
    note = models.TextField(blank=True)
    decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["office", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["office", "year"], name="one_assessment_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.office} {self.year}: {self.recommendation}"


class DeadlineReminder(models.Model):
    """A reminder of a statute deadline of a meeting, queued once for the task worker."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        NO_ADDRESS = "no-address", _("No e-mail address")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="reminders")
    key = models.SlugField(max_length=60)
    due_on = models.DateField()
    recipients = models.JSONField(default=list)
    queued_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # What the worker did, as for a fee reminder (membership.Reminder).
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True)
    declined = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["due_on"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "key"], name="one_reminder_per_deadline")
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.key} by {self.due_on}"


# The meeting floor (amendments, speakers, agenda document versions) and the live meeting room
# (delegates, check-in, ballots) live in their own files, imported last as they refer to the above.
from intercity.governance.models_floor import Amendment as Amendment  # noqa: E402
from intercity.governance.models_floor import DocumentVersion as DocumentVersion  # noqa: E402
from intercity.governance.models_floor import FloorSettings as FloorSettings  # noqa: E402
from intercity.governance.models_floor import SpeakersList as SpeakersList  # noqa: E402
from intercity.governance.models_floor import Speech as Speech  # noqa: E402
from intercity.governance.models_live import BallotReceipt as BallotReceipt  # noqa: E402
from intercity.governance.models_live import BallotSource as BallotSource  # noqa: E402
from intercity.governance.models_live import Delegate as Delegate  # noqa: E402
from intercity.governance.models_live import LiveSettings as LiveSettings  # noqa: E402
from intercity.governance.models_live import MemberVersion as MemberVersion  # noqa: E402
from intercity.governance.models_live import SecretTally as SecretTally  # noqa: E402
