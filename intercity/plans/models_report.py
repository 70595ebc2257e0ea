"""The ASCN's annual report (seed 004, "Reporting Mechanism"; issue 21 item 4).

After each annual meeting the Chair of the ASCN (the National Representative of the ASEAN
Chair) and the shepherd submit a report of the network's progress and key achievements; the
ASEAN Secretariat assists with its drafting. Here a report is one network's for one year: the
figures it was built from (a JSON snapshot of the progress roll-up per network, state and
city, with the moment it was taken), the year's meeting outcomes, and the sections the Chair
writes. A draft is edited and may be recompiled; frozen, it never changes again and is public.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["AnnualReport", "ReportSection"]


class AnnualReport(models.Model):
    class State(models.TextChoices):
        # Translators: an annual report still being written
        DRAFT = "draft", _("Draft")
        # Translators: an annual report that can no longer change (and is published)
        FROZEN = "frozen", _("Frozen and published")

    network = models.ForeignKey(
        "network.Network", on_delete=models.PROTECT, related_name="annual_reports"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("the year's Chair"),
        help_text=_("The login that edits and freezes this report besides the ASEAN Secretariat."),
    )
    figures = models.JSONField(_("figures"), default=dict, blank=True)
    compiled_at = models.DateTimeField(_("compiled at"), null=True, blank=True)
    frozen_at = models.DateTimeField(_("frozen at"), null=True, blank=True)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("frozen by"),
    )
    demo = models.BooleanField(_("demonstration data"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        ordering = ["network", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["network", "year"], name="one_annual_report_a_year"),
            models.CheckConstraint(
                condition=models.Q(year__gte=2018, year__lte=2100), name="annual_report_year_sane"
            ),
            models.CheckConstraint(
                condition=models.Q(state="draft") | models.Q(frozen_at__isnull=False),
                name="frozen_report_has_its_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def frozen(self) -> bool:
        return self.state == self.State.FROZEN


class ReportSection(models.Model):
    """A part of the report the Chair writes, in the report's order."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="sections")
    key = models.SlugField(max_length=40)
    position = models.PositiveSmallIntegerField(default=0)
    heading = models.CharField(_("heading"), max_length=200)
    body = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("report section")
        verbose_name_plural = _("report sections")
        ordering = ["report", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["report", "key"], name="one_report_section_per_key")
        ]

    def __str__(self) -> str:
        return self.heading

    @property
    def anchor(self) -> str:
        return f"section-{self.key}"
