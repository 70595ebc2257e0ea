"""Models of the plans part (see models.py): the pilot cities' action plans 2018-2025 (seed
004, Core Elements 7a) in their focus areas (seed 004, paragraph 6), their projects and action
lines with targets, budgets, partners and milestones, and the yearly progress of each line.

Rows are written only by `intercity.plans.services.plans` and `services.progress`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from intercity.network.models import Network, Organisation

__all__ = [
    "ActionLine",
    "ActionPlan",
    "FocusArea",
    "Indicator",
    "IndicatorValue",
    "LineStatus",
    "Milestone",
    "Partner",
    "PlanProject",
    "PlanReview",
    "PlanRevision",
    "ProgressReport",
]


class FocusArea(models.Model):
    """An area a city may choose for its plan, as data: seed 004 paragraph 6 names the sectors
    smart city development cuts across; a network may add or retire areas (dated)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="focus_areas")
    slug = models.SlugField()
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    valid_from = models.DateField(_("in use from"))
    valid_to = models.DateField(_("in use until"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["network", "position", "slug"]
        constraints = [
            models.UniqueConstraint(fields=["network", "slug"], name="plans_focus_area_unique"),
        ]
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")

    def __str__(self) -> str:
        return self.name


class ActionPlan(models.Model):
    """A pilot city's action plan for smart city development (seed 004, 7a: 2018-2025, to
    coincide with the ASEAN Community Vision 2025), first drafted at the Smart Cities
    Governance Workshop, then revised; each version is kept as a `PlanRevision`."""

    class Stage(models.TextChoices):
        WORKSHOP_DRAFT = "workshop_draft", _("Drafted at the workshop")
        REVISED = "revised", _("Revised")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="action_plans")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="action_plans"
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    first_year = models.PositiveSmallIntegerField(_("first year"), default=2018)
    last_year = models.PositiveSmallIntegerField(_("last year"), default=2025)
    focus_areas = models.ManyToManyField(FocusArea, related_name="plans", blank=True)
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.WORKSHOP_DRAFT
    )
    # Bumped by every edit of the plan (a conditional update on the number read): two editors
    # at once cannot both win.
    version = models.PositiveIntegerField(default=1)
    demonstration = models.BooleanField(
        _("demonstration data"),
        default=False,
        help_text=_("Made up for the demonstration: the seeds give no plan content."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["network", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["network", "organisation"], name="plans_plan_per_city"),
            models.CheckConstraint(
                condition=Q(first_year__lte=models.F("last_year")), name="plans_plan_years"
            ),
        ]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")

    def __str__(self) -> str:
        return self.title


class PlanRevision(models.Model):
    """One version of a plan: who made it, when, why, and what the plan then said."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    stage = models.CharField(max_length=20, choices=ActionPlan.Stage.choices)
    note = models.TextField(_("what changed"), blank=True)
    snapshot = models.JSONField(default=dict)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    made_at = models.DateTimeField()

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plans_revision_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.plan} v{self.number}"


class PlanProject(models.Model):
    """A project of a plan (seed 004, 7a: "specific projects and action lines")."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="projects")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    focus_area = models.ForeignKey(
        FocusArea, on_delete=models.PROTECT, related_name="projects", verbose_name=_("focus area")
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["plan", "position", "pk"]

    def __str__(self) -> str:
        return self.title


class ActionLine(models.Model):
    """An action line of a project: what the city will do, when, at what cost."""

    project = models.ForeignKey(PlanProject, on_delete=models.CASCADE, related_name="lines")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    first_year = models.PositiveSmallIntegerField(_("first year"), default=2018)
    last_year = models.PositiveSmallIntegerField(_("last year"), default=2025)
    budget = models.DecimalField(
        _("budget"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["project", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | (Q(budget__gte=0) & ~Q(currency="")),
                name="plans_line_budget_has_currency",
            ),
            models.CheckConstraint(
                condition=Q(first_year__lte=models.F("last_year")), name="plans_line_years"
            ),
        ]
        verbose_name = _("action line")
        verbose_name_plural = _("action lines")

    def __str__(self) -> str:
        return self.title


class Indicator(models.Model):
    """A target of an action line: an indicator with its unit, its baseline and the value it
    should reach by a year."""

    line = models.ForeignKey(ActionLine, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40)
    baseline = models.DecimalField(_("baseline"), max_digits=16, decimal_places=4)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"))
    target = models.DecimalField(_("target value"), max_digits=16, decimal_places=4)
    target_year = models.PositiveSmallIntegerField(_("target year"))

    class Meta:
        ordering = ["line", "pk"]

    def __str__(self) -> str:
        return self.name


class Partner(models.Model):
    """Who works with the city on an action line (seed 004, paragraph 5b-c and 7d): an
    external partner, its twinning partner, a private-sector solution provider; a registry
    organisation where there is one, else a name."""

    class Kind(models.TextChoices):
        EXTERNAL_PARTNER = "external_partner", _("External partner")
        TWINNING = "twinning", _("Twinning partner")
        SOLUTION_PROVIDER = "solution_provider", _("Private-sector solution provider")
        OTHER = "other", _("Other partner")

    line = models.ForeignKey(ActionLine, on_delete=models.CASCADE, related_name="partners")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    # The exchange module's published twinning pair this partnership comes from, if any: an id
    # read through `intercity.exchange.services.twinning`, not a foreign key into its models.
    twinning_pair_id = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["line", "kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | ~Q(name=""),
                name="plans_partner_named",
            ),
        ]

    def __str__(self) -> str:
        return self.name or str(self.organisation)


class Milestone(models.Model):
    line = models.ForeignKey(ActionLine, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("title"), max_length=200)
    due_on = models.DateField(_("due on"))
    reached_on = models.DateField(_("reached on"), null=True, blank=True)

    class Meta:
        ordering = ["line", "due_on", "pk"]

    def __str__(self) -> str:
        return self.title


class LineStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    ON_TRACK = "on_track", _("On track")
    DELAYED = "delayed", _("Delayed")
    COMPLETED = "completed", _("Completed")
    DROPPED = "dropped", _("Dropped")


class ProgressReport(models.Model):
    """Where an action line stood on a day (a yearly report, or more often): its status, how
    far along it is, the evidence, who reported it and when. The roll-up for a year reads the
    line's last report of that year."""

    line = models.ForeignKey(ActionLine, on_delete=models.CASCADE, related_name="reports")
    year = models.PositiveSmallIntegerField(_("year"))
    as_of = models.DateField(_("as of"))
    status = models.CharField(_("status"), max_length=20, choices=LineStatus.choices)
    percent = models.DecimalField(_("percentage done"), max_digits=5, decimal_places=2)
    evidence = models.TextField(_("evidence"), blank=True)
    evidence_link = models.URLField(_("evidence link"), blank=True)
    evidence_file = models.FileField(upload_to="plans/%Y/%m/", blank=True)
    evidence_file_name = models.CharField(max_length=200, blank=True)
    evidence_content_type = models.CharField(max_length=100, blank=True)
    # Bumped by every edit: an edit names the version it read, and loses if it moved.
    version = models.PositiveIntegerField(default=1)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reported_at = models.DateTimeField()
    demonstration = models.BooleanField(default=False)

    class Meta:
        ordering = ["line", "as_of", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["line", "as_of"], name="plans_report_per_day"),
            models.CheckConstraint(
                condition=Q(percent__gte=0) & Q(percent__lte=100), name="plans_report_percent"
            ),
        ]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")

    def __str__(self) -> str:
        return f"{self.line} {self.as_of}"


class IndicatorValue(models.Model):
    """An indicator's value as a progress report gives it."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=4)

    class Meta:
        ordering = ["report", "indicator"]
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="plans_value_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"


class PlanReview(models.Model):
    """A National Representative's (or the Secretariat's) review of a city's progress for a
    year: a comment, and whether it is marked reviewed."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="reviews")
    year = models.PositiveSmallIntegerField(_("year"))
    comment = models.TextField(_("comment"), blank=True)
    marked_reviewed = models.BooleanField(_("reviewed"), default=False)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    made_at = models.DateTimeField()

    class Meta:
        ordering = ["plan", "year", "made_at", "pk"]

    def __str__(self) -> str:
        return f"{self.plan} {self.year}"
