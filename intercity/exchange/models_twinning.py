"""Models of the twinning part (see models.py): the ASCN twinning programme (seed 004, Core
Elements (d)). A round gathers the pilot cities and the external partners taking part, their
rankings of each other, the pairs a stable matching proposes and the staff's decision on each;
the confirmed pairs are published."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from intercity.exchange import rules_twinning as rules

__all__ = ["TwinningPair", "TwinningParticipant", "TwinningPreference", "TwinningRound"]


class TwinningRound(models.Model):
    """One year's twinning of a network's pilot cities with external partners (seed 004:
    Singapore's "matchmaking" platform in July 2018, the list of pairings announced in
    August 2018)."""

    class Status(models.TextChoices):
        OPEN = rules.OPEN, _("Rankings open")
        MATCHED = rules.MATCHED, _("Pairs proposed")
        CONFIRMED = rules.CONFIRMED, _("Pairs confirmed")
        PUBLISHED = rules.PUBLISHED, _("Published")

    class Proposing(models.TextChoices):
        CITIES = "cities", _("The pilot cities propose")
        PARTNERS = "partners", _("The external partners propose")

    network = models.ForeignKey(
        "network.Network", on_delete=models.PROTECT, related_name="twinning_rounds"
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2018), MaxValueValidator(2100)]
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    proposing = models.CharField(
        _("proposing side"),
        max_length=10,
        choices=Proposing.choices,
        blank=True,
        help_text=_("Chosen by staff when the matching runs."),
    )
    partner_capacity = models.PositiveSmallIntegerField(
        _("cities per partner"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("How many pilot cities one external partner may pair with in this round."),
    )
    demonstration = models.BooleanField(
        _("demonstration data"),
        default=False,
        help_text=_("Made up to show the platform; not a real round."),
    )
    matched_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    stability = models.TextField(
        _("stability"), blank=True, help_text=_("What the check of the proposed pairs found.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("twinning round")
        verbose_name_plural = _("twinning rounds")
        ordering = ["-year", "network"]
        constraints = [
            models.UniqueConstraint(fields=["network", "year"], name="exchange_twinning_one_round"),
        ]

    def __str__(self) -> str:
        return f"{self.network} {self.year}"


class TwinningParticipant(models.Model):
    """A pilot city or an external partner in a round. Taking part is voluntary (seed 004):
    a city's officer may opt out while the rankings are open."""

    class Side(models.TextChoices):
        CITY = "city", _("Pilot city")
        PARTNER = "partner", _("External partner")

    round = models.ForeignKey(TwinningRound, on_delete=models.CASCADE, related_name="participants")
    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.PROTECT, related_name="twinning_participations"
    )
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    opted_out = models.BooleanField(_("opted out"), default=False)
    ranked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("twinning participant")
        verbose_name_plural = _("twinning participants")
        ordering = ["round", "side", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "organisation"], name="exchange_twinning_once_per_round"
            ),
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class TwinningPreference(models.Model):
    """One line of a ranking: `chooser` ranks `chosen` (of the other side) at `rank`, 1 first.
    A participant left out of a ranking is not acceptable to the chooser."""

    round = models.ForeignKey(TwinningRound, on_delete=models.CASCADE, related_name="preferences")
    chooser = models.ForeignKey(
        TwinningParticipant, on_delete=models.CASCADE, related_name="ranking"
    )
    chosen = models.ForeignKey(TwinningParticipant, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("twinning preference")
        verbose_name_plural = _("twinning preferences")
        ordering = ["chooser", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["chooser", "rank"], name="exchange_twinning_rank"),
            models.UniqueConstraint(fields=["chooser", "chosen"], name="exchange_twinning_once"),
        ]

    def __str__(self) -> str:
        return f"{self.chooser_id} #{self.rank}: {self.chosen_id}"


class TwinningPair(models.Model):
    """A pair the stable matching proposed, with why (each one's rank of the other), and the
    staff's decision: confirmed, or set aside."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        CONFIRMED = "confirmed", _("Confirmed")
        SET_ASIDE = "set_aside", _("Set aside")

    round = models.ForeignKey(TwinningRound, on_delete=models.CASCADE, related_name="pairs")
    city = models.ForeignKey(TwinningParticipant, on_delete=models.PROTECT, related_name="+")
    partner = models.ForeignKey(TwinningParticipant, on_delete=models.PROTECT, related_name="+")
    city_rank = models.PositiveSmallIntegerField(_("the city's rank of the partner"))
    partner_rank = models.PositiveSmallIntegerField(_("the partner's rank of the city"))
    city_ranked = models.PositiveSmallIntegerField(default=0)
    partner_ranked = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("twinning pair")
        verbose_name_plural = _("twinning pairs")
        ordering = ["round", "city__organisation__name"]
        constraints = [
            # Seed 004: each pilot city pairs with one external partner.
            models.UniqueConstraint(fields=["round", "city"], name="exchange_twinning_one_partner"),
            models.CheckConstraint(
                condition=Q(city_rank__gte=1) & Q(partner_rank__gte=1),
                name="exchange_twinning_ranked",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.city} – {self.partner}"
