"""Consultation and feasibility projects (seed 001, Agenda 3 "e-Government Consultation" and its
Annex on the World Bank project; seed 003, "WeGO Feasibility Study"): a project the network runs
for one or more member cities with a business partner and a funder, its status, deliverables
and reports."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from intercity.network.models import Network, Organisation


class ConsultationProject(models.Model):
    class Kind(models.TextChoices):
        CONSULTATION = "consultation", _("e-Government consultation")
        FEASIBILITY = "feasibility", _("Feasibility study")
        JOINT = "joint", _("Joint project with a partner organisation")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ONGOING = "ongoing", _("Ongoing")
        COMPLETED = "completed", _("Completed")

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="+", verbose_name=_("network")
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    year = models.PositiveSmallIntegerField(_("year"))
    cities = models.ManyToManyField(
        Organisation, related_name="+", blank=True, verbose_name=_("cities")
    )
    partner = models.CharField(_("business partner"), max_length=200, blank=True)
    funder = models.CharField(_("funder"), max_length=200, blank=True)
    budget = models.DecimalField(
        _("budget"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    budget_note = models.CharField(
        _("budget note"),
        max_length=200,
        blank=True,
        help_text=_("When the budget covers several projects of the same year."),
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    duration = models.CharField(_("duration"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    summary = models.TextField(_("summary"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("consultation project")
        verbose_name_plural = _("consultation projects")
        ordering = ["year", "pk"]

    def __str__(self) -> str:
        return self.title


class Deliverable(models.Model):
    """What a project hands over: a report, a framework, a plan."""

    project = models.ForeignKey(
        ConsultationProject,
        on_delete=models.CASCADE,
        related_name="deliverables",
        verbose_name=_("project"),
    )
    title = models.CharField(_("title"), max_length=300)
    delivered = models.BooleanField(_("delivered"), default=False)
    report = models.TextField(_("report"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_reason = models.CharField(_("reason of the withdrawal"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")
        ordering = ["project", "position", "pk"]

    def __str__(self) -> str:
        return self.title
