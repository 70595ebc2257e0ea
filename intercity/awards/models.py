"""Awards: an edition of a network's award, its categories and their criteria, the panel of
judges, the applications cities send, the two evaluation rounds (scorecards, then ballots) and
the placements the panel decides.

The procedure's numbers (the score scale, how many finalists, how many votes a judge casts)
are columns of the edition, seeded from seed 002 for 2017, so a later edition changes them
without a change of code. Only `awards.services` writes these rows.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from intercity.core.translated import TranslatedContent


class Stage(models.TextChoices):
    """Where an edition is in its procedure; each stage opens only after the one before it."""

    DRAFT = "draft", _("Being prepared")
    APPLICATIONS = "applications", _("Open for applications")
    SCREENING = "screening", _("Screening by the Secretariat")
    ROUND1 = "round1", _("Round 1: scoring")
    ROUND2 = "round2", _("Round 2: voting")
    DECIDED = "decided", _("Decided, not yet published")
    PUBLISHED = "published", _("Results published")


STAGE_ORDER = [stage.value for stage in Stage]


class Edition(TranslatedContent):
    network = models.ForeignKey(
        "network.Network", on_delete=models.PROTECT, related_name="award_editions"
    )
    number = models.PositiveSmallIntegerField(help_text=_("3 for the 3rd edition."))
    year = models.PositiveSmallIntegerField(help_text=_("The General Assembly's year."))
    title = models.CharField(max_length=200)
    terms = models.TextField(_("terms and conditions"), blank=True)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.DRAFT)
    applications_open_on = models.DateField(null=True, blank=True)
    applications_close_on = models.DateField(null=True, blank=True)
    round1_closes_on = models.DateField(null=True, blank=True)
    round2_closes_on = models.DateField(null=True, blank=True)
    ceremony_on = models.DateField(null=True, blank=True)
    # When the Secretariat closed round 1: no score changes after it. The stage moves on to
    # round 2 only once every category's finalists are settled (a tie waits for the head).
    round1_closed_at = models.DateTimeField(null=True, blank=True)
    # The procedure's numbers (seed 002, "Evaluation and Selection of Winners").
    score_min = models.PositiveSmallIntegerField(default=1)
    score_max = models.PositiveSmallIntegerField(default=10)
    finalists = models.PositiveSmallIntegerField(
        default=5, validators=[MinValueValidator(2)], help_text=_("Go on to round 2.")
    )
    votes_per_judge = models.PositiveSmallIntegerField(
        default=2, validators=[MinValueValidator(1)], help_text=_("Each judge's votes in round 2.")
    )
    special_mentions = models.PositiveSmallIntegerField(
        default=1, help_text=_("Special Mentions the panel may add per category.")
    )
    published_at = models.DateTimeField(null=True, blank=True)
    source = models.CharField(max_length=300, blank=True)
    # `make run`'s edition (demo_awards): its pages say it is demonstration data.
    demo = models.BooleanField(default=False, help_text=_("Demonstration data, labelled as such."))

    class Meta:
        verbose_name = _("award edition")
        verbose_name_plural = _("award editions")
        ordering = ["network", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["network", "year"], name="awards_one_edition_a_year"),
            models.CheckConstraint(
                condition=Q(score_min__gte=0) & Q(score_max__gt=models.F("score_min")),
                name="awards_score_scale_is_a_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def published(self) -> bool:
        return self.stage == Stage.PUBLISHED

    def reached(self, stage: str) -> bool:
        """Whether the edition is at `stage` or past it."""
        return STAGE_ORDER.index(self.stage) >= STAGE_ORDER.index(stage)


class Category(TranslatedContent):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="categories")
    code = models.SlugField(max_length=60)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("award category")
        verbose_name_plural = _("award categories")
        ordering = ["edition", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "code"], name="awards_category_code"),
        ]

    def __str__(self) -> str:
        return self.name


class Criterion(TranslatedContent):
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    weight = models.DecimalField(
        max_digits=6,
        decimal_places=3,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal("0.001"))],
        help_text=_("Relative weight; equal weights when all are 1."),
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("judging criterion")
        verbose_name_plural = _("judging criteria")
        ordering = ["category", "position", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(weight__gt=0), name="awards_weight_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class Judge(models.Model):
    """A member of an edition's panel. A judge with no login (the 2017 panel, recorded from
    the seed) is history only; a judge with one scores and votes."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="judges")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="judge_seats",
    )
    name = models.CharField(max_length=200)
    country = models.CharField(max_length=80, blank=True)
    affiliation = models.CharField(max_length=300, blank=True)
    is_head = models.BooleanField(_("head of panel"), default=False)
    # The judge's own city, if any: never shown its applications.
    organisation = models.ForeignKey(
        "network.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="award_judges",
    )
    categories = models.ManyToManyField(
        Category,
        blank=True,
        related_name="judges",
        help_text=_("The categories this judge judges; none means all of them."),
    )
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("judge")
        verbose_name_plural = _("judges")
        ordering = ["edition", "-is_head", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "user"],
                condition=Q(user__isnull=False),
                name="awards_one_seat_per_judge",
            ),
            models.UniqueConstraint(
                fields=["edition"], condition=Q(is_head=True), name="awards_one_head_of_panel"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Conflict(models.Model):
    """A judge's declared conflict of interest with a city: none of its applications is
    shown to the judge, and the judge's scores and votes never touch them."""

    judge = models.ForeignKey(Judge, on_delete=models.CASCADE, related_name="conflicts")
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.CASCADE, related_name="award_conflicts"
    )
    reason = models.CharField(max_length=300, blank=True)
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["judge", "organisation"], name="awards_conflict_once"),
        ]

    def __str__(self) -> str:
        return f"{self.judge} / {self.organisation}"


class Application(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        ELIGIBLE = "eligible", _("Eligible")
        INELIGIBLE = "ineligible", _("Ineligible")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="applications")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="applications")
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.PROTECT, related_name="award_applications"
    )
    title = models.CharField(_("project"), max_length=250)
    summary = models.TextField(blank=True)
    context = models.TextField(
        blank=True, help_text=_("How the project came about: the need, who started it, when.")
    )
    impact = models.TextField(blank=True)
    budget = models.CharField(max_length=200, blank=True)
    website = models.URLField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="award_applications",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    screened_at = models.DateTimeField(null=True, blank=True)
    screening_reason = models.TextField(blank=True)
    # Round 1's outcome: the place in the category's ranking once the round closes, and
    # whether the application went on to round 2.
    finalist = models.BooleanField(default=False)
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("award application")
        verbose_name_plural = _("award applications")
        ordering = ["edition", "category", "title"]
        indexes = [models.Index(fields=["edition", "status"])]

    def __str__(self) -> str:
        return self.title

    @property
    def editable(self) -> bool:
        return self.status == self.Status.DRAFT


class Attachment(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to="awards/%Y/")
    name = models.CharField(max_length=200)
    size = models.PositiveIntegerField(default=0)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name


class Scorecard(models.Model):
    """One judge's round-1 scores for one application, saved as they go and submitted when
    every criterion has a score."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("In progress")
        SUBMITTED = "submitted", _("Submitted")

    judge = models.ForeignKey(Judge, on_delete=models.PROTECT, related_name="scorecards")
    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="scorecards"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    comment = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["judge", "application"], name="awards_one_scorecard"),
        ]

    def __str__(self) -> str:
        return f"{self.judge} / {self.application}"


class Score(models.Model):
    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    value = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scorecard", "criterion"], name="awards_score_once"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"


class Ballot(models.Model):
    """A judge's round-2 votes in one category, cast at once: exactly the edition's number of
    distinct finalists, none of them conflicted."""

    judge = models.ForeignKey(Judge, on_delete=models.PROTECT, related_name="ballots")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="ballots")
    choices = models.ManyToManyField(Application, related_name="votes")
    cast_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["judge", "category"], name="awards_one_ballot"),
        ]

    def __str__(self) -> str:
        return f"{self.judge} / {self.category}"


class Decision(models.Model):
    """What the head of panel or the panel decided where the numbers could not: the fifth
    place tied in round 1, a place tied in round 2 on votes and on round-1 scores."""

    class Kind(models.TextChoices):
        FINALISTS = "finalists", _("Round 1: the tie at the last finalist's place")
        PLACES = "places", _("Round 2: a tie on votes and on round-1 scores")

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # The tied applications' ids, and the ids chosen in order (finalists; gold then silver).
    candidates = models.JSONField(default=list)
    chosen = models.JSONField(default=list)
    reason = models.TextField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["category", "kind"], name="awards_decide_once"),
        ]

    def __str__(self) -> str:
        return f"{self.category}: {self.get_kind_display()}"


class Placement(models.Model):
    class Place(models.TextChoices):
        GOLD = "gold", _("Gold")
        SILVER = "silver", _("Silver")
        SPECIAL_MENTION = "special-mention", _("Special Mention")
        SPECIAL_ACHIEVEMENT = "special-achievement", _("Special Achievement Award")

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="placements")
    # Empty for an award of the whole edition (the Special Achievement Awards of 2017).
    category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.CASCADE, related_name="placements"
    )
    place = models.CharField(max_length=30, choices=Place.choices)
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.PROTECT, related_name="award_placements"
    )
    application = models.OneToOneField(
        Application, null=True, blank=True, on_delete=models.PROTECT, related_name="placement"
    )
    project = models.CharField(max_length=250, blank=True)
    votes = models.PositiveSmallIntegerField(null=True, blank=True)
    ruling = models.TextField(blank=True, help_text=_("Why this place, in words."))
    source = models.CharField(max_length=300, blank=True)
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["edition", "category__position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["category", "place"],
                condition=Q(place__in=["gold", "silver"]),
                name="awards_one_gold_one_silver",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_place_display()}: {self.project or self.organisation}"


class JudgeReminder(models.Model):
    """An e-mail reminding a judge that a round closes soon while their part of it is
    unfinished: one per judge, round and closing date, so the daily run reminds once."""

    judge = models.ForeignKey(Judge, on_delete=models.CASCADE, related_name="reminders")
    round = models.PositiveSmallIntegerField()
    due_on = models.DateField()
    queued_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["judge", "round", "due_on"], name="awards_remind_a_judge_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.judge}: round {self.round}, {self.due_on}"
