"""Self-assessment and benchmarking (SPEC module 5): instruments kept as versioned data, the
sectoral modules and their guidelines, the master plan guideline, and each city's
assessments with their review.

An instrument version is edited while it is a draft and frozen once published: a change is
a new version (`services.draft_new_version`), and results are compared only within a
version or through the later version's documented `section_map`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from intercity.core.errors import DomainError
from intercity.core.translated import TranslatedContent, other_language_columns
from intercity.network.models import Network, Organisation

# Who wrote the content people read (seed 001's CeDS questions are not public): the pages, the
# API (`authored_by`, `authorship`) and the PDF say so wherever the content is shown.
AUTHORED_BY_PLATFORM = "platform"
WRITTEN_FOR_PLATFORM = {
    "instrument": _(
        "Written for this platform: the questions, answer labels, level descriptions and score "
        "thresholds are Intercity's own text and judgement, not the original instrument's "
        "(which is not public); the names of the sections are the seeds'."
    ),
    "module": _(
        "Written for this platform: the summaries and implementation guidelines are "
        "Intercity's own text; the names of the 12 sectoral modules are seed 001's."
    ),
    "master_plan": _(
        "Written for this platform: the phases and steps of the master plan guideline are "
        "Intercity's own text, after seed 001's outline."
    ),
    "result": _(
        "Written for this platform: the questions, level descriptions and score thresholds, "
        "the systems expected at each level, the module guidelines and the master plan "
        "guideline behind this result are Intercity's own text and judgement, not the "
        "original instrument's (which is not public)."
    ),
}


class Instrument(TranslatedContent):
    """A questionnaire a network offers its members: the CeDS diagnostic (seed 001) or the
    Smart City Maturity & Benchmark Model (seed 003)."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    source = models.CharField(max_length=300, blank=True)
    sets_targets = models.BooleanField(
        default=False,
        help_text=_(
            "The city sets a target level per section for two to five years ahead "
            "(seed 003's maturity model); submission needs them."
        ),
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class InstrumentVersion(TranslatedContent):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    effective_from = models.DateField()
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    levels = models.JSONField(
        default=list, help_text="[{level, name, min_score, description}], min_score as a fraction"
    )
    expectations = models.JSONField(
        default=dict,
        blank=True,
        help_text="{statuses: [...], levels: {level: {module: least status}}}: the systems a "
        "city at each level is expected to operate (CeDS).",
    )
    comparable_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    section_map = models.JSONField(
        default=dict, blank=True, help_text="{section of this version: section of comparable_to}"
    )
    notes = models.TextField(blank=True, help_text=_("What changed from the version before."))

    class Meta:
        ordering = ["instrument", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "number"], name="unique_version_number")
        ]

    def __str__(self) -> str:
        return gettext("%(instrument)s, version %(number)s") % {
            "instrument": self.instrument.name,
            "number": self.number,
        }

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk:
            stored = InstrumentVersion.objects.filter(pk=self.pk).values("state").first()
            if stored and stored["state"] == self.State.PUBLISHED:
                raise FrozenVersion(self)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if self.published:
            raise FrozenVersion(self)
        return super().delete(*args, **kwargs)

    @property
    def published(self) -> bool:
        return self.state == self.State.PUBLISHED


class FrozenVersion(DomainError):
    status_code = 409

    def __init__(self, version: InstrumentVersion) -> None:
        super().__init__(
            f"{version} is published and frozen; draft a new version to change it "
            "(results stay comparable within a version)."
        )


class _PartOfVersion(TranslatedContent):
    """Sections and questions may change only while their version is a draft."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._only_translations_changed():
            self._refuse_if_frozen()
        super().save(*args, **kwargs)

    def _only_translations_changed(self) -> bool:
        """A published version's words may be translated (the Secretariat adds a language in
        the admin); its English text, codes, weights and structure may not change."""
        if self.pk is None:
            return False
        stored: dict[str, Any] | None = (
            type(self)._default_manager.filter(pk=self.pk).values().first()  # type: ignore[assignment]
        )
        if stored is None:
            return False
        others = other_language_columns(type(self))
        return all(
            stored[f.attname] == getattr(self, f.attname)
            for f in self._meta.concrete_fields
            if f.attname not in others
        )

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        self._refuse_if_frozen()
        return super().delete(*args, **kwargs)

    def _version(self) -> InstrumentVersion:
        raise NotImplementedError

    def _refuse_if_frozen(self) -> None:
        version = self._version()
        stored = InstrumentVersion.objects.filter(pk=version.pk).values("state").first()
        if stored and stored["state"] == InstrumentVersion.State.PUBLISHED:
            raise FrozenVersion(version)


class Section(_PartOfVersion):
    """A factor (CeDS) or dimension (maturity model) of one version."""

    version = models.ForeignKey(
        InstrumentVersion, on_delete=models.CASCADE, related_name="sections"
    )
    slug = models.SlugField(max_length=60)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    weight = models.DecimalField(max_digits=6, decimal_places=3, default=1)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "slug"], name="unique_section_slug"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="section_weight_positive"),
        ]

    def __str__(self) -> str:
        return self.name

    def _version(self) -> InstrumentVersion:
        return self.version


class Question(_PartOfVersion):
    class Type(models.TextChoices):
        SCALE = "scale", _("Scale")
        YES_NO = "yes-no", _("Yes or no")
        SINGLE = "single-choice", _("Single choice")
        MULTIPLE = "multiple-choice", _("Multiple choice")
        NUMBER = "number", _("Number with unit")
        TEXT = "text", _("Text")

    class Evidence(models.TextChoices):
        NONE = "none", _("None")
        OPTIONAL = "optional", _("Optional")
        REQUIRED = "required", _("Required")

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    code = models.CharField(max_length=20)
    position = models.PositiveSmallIntegerField(default=0)
    type = models.CharField(max_length=20, choices=Type.choices)
    text = models.TextField()
    help = models.TextField(blank=True)
    weight = models.DecimalField(max_digits=6, decimal_places=3, default=1)
    required = models.BooleanField(default=True)
    evidence = models.CharField(max_length=10, choices=Evidence.choices, default=Evidence.NONE)
    config = models.JSONField(
        default=dict,
        blank=True,
        help_text="scale {min, max, labels}; options [{value, label, score, exclusive}]; "
        "unit, min, max and bands [{below, score}] for numbers; invert for yes/no.",
    )

    class Meta:
        ordering = ["section", "position"]
        constraints = [
            models.UniqueConstraint(fields=["section", "code"], name="unique_question_code"),
            models.CheckConstraint(condition=Q(weight__gte=0), name="question_weight_not_negative"),
        ]

    def __str__(self) -> str:
        return self.code

    def _version(self) -> InstrumentVersion:
        return self.section.version


class ChallengeGroup(TranslatedContent):
    """One of seed 001 Phase 2's five groups of common challenges."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    factors = models.JSONField(
        default=list, help_text="CeDS sections whose weakness puts a city here"
    )
    workshop_topics = models.JSONField(default=list, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name


class SectoralModule(TranslatedContent):
    """One of the 12 sectoral modules of seed 001, with its implementation guideline."""

    slug = models.SlugField(max_length=80, unique=True)
    number = models.PositiveSmallIntegerField(unique=True)
    name = models.CharField(max_length=120)
    summary = models.TextField()
    related_factors = models.JSONField(default=list)
    group = models.ForeignKey(
        ChallengeGroup, on_delete=models.PROTECT, related_name="modules", null=True, blank=True
    )
    guideline = models.JSONField(
        default=dict,
        help_text="purpose, prerequisites, components, steps [{title, detail}], duration, "
        "cost_drivers, indicators, risks",
    )

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return self.name


class MasterPlanPhase(TranslatedContent):
    """A phase of the master plan guideline (seed 001, Annex, Phase 3)."""

    number = models.PositiveSmallIntegerField(unique=True)
    name = models.CharField(max_length=120)
    purpose = models.TextField(blank=True)

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class MasterPlanStep(TranslatedContent):
    phase = models.ForeignKey(MasterPlanPhase, on_delete=models.CASCADE, related_name="steps")
    code = models.CharField(max_length=20, unique=True)
    title = models.CharField(max_length=200)
    detail = models.TextField()
    outputs = models.JSONField(default=list, blank=True)
    applies_to = models.JSONField(
        default=list, blank=True, help_text="Module slugs; empty for every plan."
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["phase__number", "position"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class PeerPolicy(TranslatedContent):
    """How peers are grouped and protected, from a date: population bands, and the fewest
    peers an aggregate may be shown for (fewer would expose a city's own results)."""

    effective_from = models.DateField(unique=True)
    minimum_peers = models.PositiveSmallIntegerField(default=3)
    population_bands = models.JSONField(default=list, help_text="[{slug, name, below}]")

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = _("peer policy")
        verbose_name_plural = _("peer policies")

    def __str__(self) -> str:
        return gettext("Peer policy from %(date)s") % {"date": self.effective_from}


class Assessment(models.Model):
    """One city's answers to one instrument version for one year, through its review."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        RETURNED = "returned", _("Returned for changes")
        # A context of its own: the membership module's "Accepted" (an application) is 수락 in
        # Korean, an assessment the Secretariat accepted is 승인됨.
        ACCEPTED = "accepted", pgettext_lazy("state of a self-assessment", "Accepted")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="assessments"
    )
    network = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="assessments")
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="assessments")
    version = models.ForeignKey(
        InstrumentVersion, on_delete=models.PROTECT, related_name="assessments"
    )
    year = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    answers = models.JSONField(default=dict, blank=True, help_text="{question code: answer}")
    systems = models.JSONField(default=dict, blank=True, help_text="{module slug: status}")
    targets = models.JSONField(default=dict, blank=True, help_text="{section slug: level}")
    target_year = models.PositiveSmallIntegerField(null=True, blank=True)
    share_with_peers = models.BooleanField(
        default=False, help_text=_("Peers may see this city's results by name in benchmarks.")
    )
    demo = models.BooleanField(default=False, help_text=_("Demonstration data, labelled as such."))
    result = models.JSONField(
        default=dict, blank=True, help_text=_("The scoring at submission, kept as it was.")
    )
    level = models.PositiveSmallIntegerField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organisation__name", "instrument__position", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "instrument", "year"], name="one_city_assessment_per_year"
            )
        ]
        indexes = [models.Index(fields=["network", "instrument", "status", "year"])]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.instrument.name} {self.year}"

    @property
    def editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class EvidenceItem(models.Model):
    """A document or link a city gives for one answer."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="evidence")
    question_code = models.CharField(max_length=20)
    file = models.FileField(upload_to="assessment/%Y/", blank=True)
    link = models.URLField(max_length=500, blank=True)
    name = models.CharField(max_length=200)
    size = models.PositiveIntegerField(default=0)
    content_type = models.CharField(max_length=100, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["assessment", "question_code", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(link="")) | (~Q(file="") & Q(link="")),
                name="evidence_file_or_link",
            )
        ]

    def __str__(self) -> str:
        return f"{self.question_code}: {self.name}"


class Review(models.Model):
    """The Secretariat's verdict on a submission: accepted, or returned with comments."""

    class Verdict(models.TextChoices):
        RETURNED = "returned", _("Returned for changes")
        ACCEPTED = "accepted", pgettext_lazy("state of a self-assessment", "Accepted")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="reviews")
    verdict = models.CharField(max_length=20, choices=Verdict.choices)
    comment = models.TextField(blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField()

    class Meta:
        ordering = ["assessment", "at", "id"]

    def __str__(self) -> str:
        return f"{self.get_verdict_display()} {self.at:%Y-%m-%d}"


class ReviewComment(models.Model):
    """The Secretariat's comment on one answer of a submission.

    Who sees what: the Secretariat sees every comment as soon as it is written; the city sees
    a comment once the review it belongs to is recorded (`review` set when the assessment is
    returned or accepted), so a reviewer can read the whole submission and revise comments
    before the city reads any of them."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="review_comments"
    )
    question_code = models.CharField(max_length=20)
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField()
    review = models.ForeignKey(
        Review,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
        help_text=_("The review that released the comment to the city; empty while pending."),
    )

    class Meta:
        ordering = ["assessment", "question_code", "at", "id"]
        indexes = [models.Index(fields=["assessment", "question_code"])]

    def __str__(self) -> str:
        return f"{self.question_code}: {self.text[:40]}"

    @property
    def released(self) -> bool:
        return self.review_id is not None
