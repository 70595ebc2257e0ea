"""Training programmes (seed 001, Agenda 3 "e-Government Training"; seed 003, the Asia Regional
Office's programmes in Chengdu): a programme with its host and who pays what, its sessions with
their curriculum, calls for participants, applications endorsed by the city, selection,
attendance, a satisfaction survey, self-paced lessons and certificates.

The seeded past sessions (2011-2013) name their participant cities and the number of people,
never the people: a session keeps its reported number and its cities as `SessionCity` rows;
a new session's participants are real applications."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from intercity.network.models import Network, Organisation


class Programme(models.Model):
    """A training programme: who hosts it (a city or a regional office), who funds it, its
    budget per session, and what the host and the participants each pay (seed 001: "Participants
    are responsible for airfare while Seoul city support them with hotel accommodation, airport
    transfer, lectures and tours, meals, and local transport")."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="+", verbose_name=_("network")
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    host = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("host"),
        help_text=_("The city whose government hosts the programme."),
    )
    organiser = models.CharField(
        _("organiser"),
        max_length=200,
        blank=True,
        help_text=_("Who runs it, when not the host city itself: e.g. a regional office."),
    )
    funder = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("funder"),
    )
    objectives = models.TextField(_("objectives"), blank=True)
    frequency = models.CharField(_("frequency"), max_length=200, blank=True)
    budget_per_session = models.DecimalField(
        _("budget per session"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    budget_people = models.PositiveSmallIntegerField(
        _("people the budget is for"), null=True, blank=True
    )
    host_pays = models.JSONField(
        _("the host pays"), default=list, blank=True, help_text=_("One item a line.")
    )
    participants_pay = models.JSONField(
        _("the participants pay"), default=list, blank=True, help_text=_("One item a line.")
    )
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("training programme")
        verbose_name_plural = _("training programmes")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class TrainingSession(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        OPEN = "open", _("Open for applications")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    class Precision(models.TextChoices):
        DAY = "day", _("Day")
        MONTH = "month", _("Month")

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("programme")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    precision = models.CharField(
        _("precision"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    capacity = models.PositiveSmallIntegerField(_("capacity"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancelled_reason = models.CharField(_("reason of the cancellation"), max_length=300, blank=True)
    reported_participants = models.PositiveSmallIntegerField(
        _("participants reported"),
        null=True,
        blank=True,
        help_text=_("The number a source reports, for a session without individual records."),
    )
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "number"], name="learning_unique_session_number"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="learning_session_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class SessionCity(models.Model):
    """A city that sent participants to a session, as a source reports it (seed 001 names the
    cities and the session's total, not the people nor each city's count)."""

    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="cities", verbose_name=_("session")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("city")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("participant city")
        verbose_name_plural = _("participant cities")
        ordering = ["session", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "organisation"], name="learning_unique_session_city"
            )
        ]

    def __str__(self) -> str:
        return f"{self.session}: {self.organisation}"


class CurriculumItem(models.Model):
    """A lecture or a technical or cultural visit of a session ("morning lectures and afternoon
    tours to technical/cultural site")."""

    class Kind(models.TextChoices):
        LECTURE = "lecture", _("Lecture")
        TECHNICAL_VISIT = "technical_visit", _("Technical visit")
        CULTURAL_VISIT = "cultural_visit", _("Cultural visit")

    session = models.ForeignKey(
        TrainingSession,
        on_delete=models.CASCADE,
        related_name="curriculum",
        verbose_name=_("session"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=250)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("curriculum item")
        verbose_name_plural = _("curriculum items")
        ordering = ["session", "position", "pk"]

    def __str__(self) -> str:
        return self.title


class Call(models.Model):
    """A call for participants of one session, with its fair selection rule: at most
    `per_city_limit` people from one city, cities that have not yet taken part first."""

    session = models.OneToOneField(
        TrainingSession, on_delete=models.CASCADE, related_name="call", verbose_name=_("session")
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    per_city_limit = models.PositiveSmallIntegerField(_("places per city at most"), default=2)
    new_cities_first = models.BooleanField(_("cities new to the programme first"), default=True)
    text = models.TextField(_("text"), blank=True)
    closed_early_at = models.DateTimeField(
        _("closed early at"),
        null=True,
        blank=True,
        help_text=_("When the Secretariat closed the call before its closing day."),
    )
    selected_at = models.DateTimeField(_("selected at"), null=True, blank=True)

    class Meta:
        verbose_name = _("call for participants")
        verbose_name_plural = _("calls for participants")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="learning_call_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=models.Q(per_city_limit__gte=1), name="learning_call_limit_positive"
            ),
        ]

    def __str__(self) -> str:
        return str(self.session)


class Application(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted, awaiting the city's endorsement")
        ENDORSED = "endorsed", _("Endorsed by the city")
        SELECTED = "selected", _("Selected")
        WAITLISTED = "waitlisted", _("On the waiting list")
        NOT_SELECTED = "not_selected", _("Not selected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="applications", verbose_name=_("call")
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("applicant"),
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("city")
    )
    full_name = models.CharField(_("full name"), max_length=200)
    position_title = models.CharField(_("position"), max_length=200)
    motivation = models.TextField(_("motivation"))
    status = models.CharField(
        _("status"), max_length=15, choices=Status.choices, default=Status.SUBMITTED
    )
    endorsed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("endorsed by"),
    )
    endorsed_at = models.DateTimeField(_("endorsed at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason of the decision"), blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    # Claimed by the worker before it sends the e-mail telling the applicant that the session
    # is cancelled, so a retried task never sends it twice.
    cancellation_mailed_at = models.DateTimeField(
        _("told of the cancellation at"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "applicant"], name="learning_one_application_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.organisation})"


class Lesson(models.Model):
    """A short self-paced lesson of a session's online classroom, or a material to read."""

    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="lessons", verbose_name=_("session")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    minutes = models.PositiveSmallIntegerField(_("minutes"), default=10)
    # A retired lesson leaves the classroom and no longer counts towards completing it; the
    # completions recorded before stay (rules_training.classroom_progress).
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True)

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        ordering = ["session", "position", "pk"]

    def __str__(self) -> str:
        return self.title


class LessonCompletion(models.Model):
    lesson = models.ForeignKey(
        Lesson, on_delete=models.CASCADE, related_name="completions", verbose_name=_("lesson")
    )
    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="completions",
        verbose_name=_("participant"),
    )
    completed_at = models.DateTimeField(_("completed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("lesson completion")
        verbose_name_plural = _("lesson completions")
        constraints = [
            models.UniqueConstraint(
                fields=["lesson", "application"], name="learning_one_completion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.lesson}: {self.application}"


class SurveyResponse(models.Model):
    """A participant's ratings, 1 (poor) to 5 (excellent), of the four aspects seed 001's survey
    asks about: lecture contents, lecturers, accommodation and facilities, visits."""

    application = models.OneToOneField(
        Application,
        on_delete=models.CASCADE,
        related_name="survey",
        verbose_name=_("participant"),
    )
    lecture_contents = models.PositiveSmallIntegerField(_("lecture contents"))
    lecturers = models.PositiveSmallIntegerField(_("lecturers"))
    accommodation = models.PositiveSmallIntegerField(_("hotel accommodation and facilities"))
    visits = models.PositiveSmallIntegerField(_("technical and cultural visits"))
    comment = models.TextField(_("comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(lecture_contents__range=(1, 5))
                & models.Q(lecturers__range=(1, 5))
                & models.Q(accommodation__range=(1, 5))
                & models.Q(visits__range=(1, 5)),
                name="learning_ratings_one_to_five",
            )
        ]

    def __str__(self) -> str:
        return str(self.application)


class ReportedSurvey(models.Model):
    """A survey result a source reports without the responses (seed 001: "about 97% of
    respondents are satisfied")."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="reported_surveys",
        verbose_name=_("programme"),
    )
    satisfied_percent = models.DecimalField(
        _("satisfied (per cent)"), max_digits=5, decimal_places=2
    )
    approximate = models.BooleanField(_("approximate"), default=True)
    aspects = models.CharField(_("aspects asked about"), max_length=300, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("reported survey result")
        verbose_name_plural = _("reported survey results")

    def __str__(self) -> str:
        return f"{self.programme}: {self.satisfied_percent}%"


class Certificate(models.Model):
    """A participant's certificate; anyone confirms it on the public page of its code. What it
    certifies is copied at issue, so a later rename does not change a certificate already
    handed out."""

    application = models.OneToOneField(
        Application,
        on_delete=models.PROTECT,
        related_name="certificate",
        verbose_name=_("participant"),
    )
    code = models.CharField(_("verification code"), max_length=20, unique=True)
    holder = models.CharField(_("holder"), max_length=200)
    city = models.CharField(_("city"), max_length=200)
    session_title = models.CharField(_("session"), max_length=200)
    programme_title = models.CharField(_("programme"), max_length=200)
    issued_at = models.DateTimeField(_("issued at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason of the revocation"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self) -> str:
        return self.code
