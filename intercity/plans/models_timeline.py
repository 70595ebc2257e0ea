"""Models of the timeline part (see models.py): a network's dated milestones and the documents
they concern (seed 004, "Timeline" and Core Elements para. 7(b): the ASEAN Smart Cities
Framework and the dates it was to be endorsed)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class NetworkDocument(models.Model):
    """A document the network crafts and endorses, e.g. the ASEAN Smart Cities Framework (seed
    004, para. 7(b)). Its endorsement dates are its milestones of kind "endorsement"."""

    network = models.ForeignKey(
        "network.Network", on_delete=models.PROTECT, related_name="plans_documents"
    )
    slug = models.SlugField(max_length=80)
    title = models.CharField(_("title"), max_length=200)
    purpose = models.TextField(_("what it sets out"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("network document")
        verbose_name_plural = _("network documents")
        ordering = ["network", "title"]
        constraints = [
            models.UniqueConstraint(fields=["network", "slug"], name="plans_document_slug"),
        ]

    def __str__(self) -> str:
        return self.title


class NetworkMilestone(models.Model):
    """One dated milestone of a network: a meeting, an endorsement, an announcement, a report.

    `on` is the day; when the source gives only a month ("July 2018"), `precision` is "month"
    and `on` is the month's first day, shown as the month alone. `status` says whether the
    milestone was planned (as every date of seed 004, a concept note written before them) or
    happened. `revision` counts the edits: an edit names the revision it was made from, and one
    made from an older one is refused (two editors at once)."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        ENDORSEMENT = "endorsement", _("Endorsement")
        ANNOUNCEMENT = "announcement", _("Announcement")
        REPORT = "report", _("Report")
        OTHER = "other", _("Other")

    class Precision(models.TextChoices):
        DAY = "day", _("Day")
        MONTH = "month", _("Month")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HAPPENED = "happened", _("Happened")
        CANCELLED = "cancelled", _("Cancelled")

    network = models.ForeignKey(
        "network.Network", on_delete=models.PROTECT, related_name="plans_milestones"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    on = models.DateField(_("date"))
    precision = models.CharField(
        _("precision"), max_length=10, choices=Precision.choices, default=Precision.DAY
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    title = models.CharField(_("title"), max_length=300)
    outcome = models.TextField(_("outcome"), blank=True, max_length=5000)
    document = models.ForeignKey(
        NetworkDocument,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="milestones",
        verbose_name=_("document"),
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    passage = models.TextField(_("the seed's words"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    revision = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["network", "on", "position", "pk"]
        indexes = [models.Index(fields=["network", "on"], name="plans_netmilestone_when")]
        constraints = [
            # A month-precise date is kept as the month's first day, so two editors and the
            # seed agree on how "July 2018" is stored and sorted.
            models.CheckConstraint(
                condition=models.Q(precision="day") | models.Q(on__day=1),
                name="plans_netmilestone_month_first",
            ),
        ]

    def __str__(self) -> str:
        return self.title
