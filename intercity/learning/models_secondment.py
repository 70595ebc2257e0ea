"""The Secondment Staff Program (seed 003: membership fees are used for the "WeGO Secondment
Staff Program"; officers seconded to the Secretariat by Seoul Metropolitan Government): calls
for officers, member cities' applications, the Secretariat's selection, and each seconded
officer's term at the Secretariat."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from intercity.network.models import Network, Organisation


class SecondmentCall(models.Model):
    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="+", verbose_name=_("network")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    places = models.PositiveSmallIntegerField(_("places"), default=1)
    term_months = models.PositiveSmallIntegerField(_("term in months"), default=12)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_reason = models.CharField(_("reason of the withdrawal"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("secondment call")
        verbose_name_plural = _("secondment calls")
        ordering = ["-opens_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="learning_secondment_call_dates",
            )
        ]

    def __str__(self) -> str:
        return self.title


class SecondmentApplication(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        SELECTED = "selected", _("Selected")
        NOT_SELECTED = "not_selected", _("Not selected")

    call = models.ForeignKey(
        SecondmentCall,
        on_delete=models.CASCADE,
        related_name="applications",
        verbose_name=_("call"),
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
    statement = models.TextField(_("statement"))
    status = models.CharField(
        _("status"), max_length=15, choices=Status.choices, default=Status.SUBMITTED
    )
    decision_reason = models.TextField(_("reason of the decision"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("secondment application")
        verbose_name_plural = _("secondment applications")
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "applicant"], name="learning_one_secondment_application"
            )
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.organisation})"


class Secondment(models.Model):
    """An officer's term at the Secretariat: from a selected application, or as a source names
    it (seed 003's signatories of the financial report, seconded by Seoul)."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="+", verbose_name=_("network")
    )
    application = models.OneToOneField(
        SecondmentApplication,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="secondment",
        verbose_name=_("application"),
    )
    officer = models.CharField(_("officer"), max_length=200)
    role_title = models.CharField(_("role at the Secretariat"), max_length=200)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("seconded by")
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("secondment")
        verbose_name_plural = _("secondments")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.officer} ({self.organisation})"
