"""Models of the needs part: the themes, cities' needs and offers, the Secretariat's matching
runs with their proposals, and the exchanges that accepted proposals become (seed 001, "A
Framework for an Exchange Program for Member Cities", Nairobi's proposal: "identify the needs
of those who require help and those willing to give help ... the secretariat matches the needs
of both cities -> advanced cities invite the members for training or visit the cities for
skill/knowledge transfer").

Only `exchange.services.needs` writes these rows."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from intercity.core.translated import TranslatedContent

__all__ = ["Exchange", "ExchangeForm", "MatchingRun", "Need", "Offer", "Proposal", "Theme"]


class Theme(TranslatedContent):
    """A theme of the exchange programme: at first the five groups of common challenges of
    seed 001, Phase 2. Data the Secretariat edits in the admin; `version` and `effective_from`
    say which wording a need or an offer was posted under."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    # The slug of the assessment's challenge group with the same scope, so that a sectoral
    # module (which belongs to a group) leads to its theme.
    challenge_group = models.SlugField(max_length=60, blank=True)
    version = models.PositiveSmallIntegerField(default=1)
    effective_from = models.DateField()
    retired_on = models.DateField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("exchange theme")
        verbose_name_plural = _("exchange themes")
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return self.name


class ExchangeForm(models.TextChoices):
    """How the help is given (seed 001: "invite the members for training or visit the cities
    for skill/knowledge transfer")."""

    STUDY_VISIT = "study_visit", _("Study visit")
    EXPERT_MISSION = "expert_mission", _("Expert mission")
    TRAINING = "training", _("Training")
    SOFTWARE_OR_DATA = "software_or_data", _("Software or data")
    SECONDMENT = "secondment", _("Secondment")


class _Posting(models.Model):
    """What a need and an offer share: the city, its network, what it is about, how, in which
    languages and when."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        MATCHED = "matched", _("Matched")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        CLOSED = "closed", _("Closed")

    organisation = models.ForeignKey(
        "network.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    network = models.ForeignKey("network.Network", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=5000)
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="+")
    theme_version = models.PositiveSmallIntegerField(default=1)
    module = models.ForeignKey(
        "assessment.SectoralModule",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sectoral module"),
    )
    forms = models.JSONField(default=list, help_text="Forms of exchange (ExchangeForm values).")
    languages = models.JSONField(default=list, help_text="ISO 639-1 codes, e.g. en, ko.")
    available_from = models.DateField(_("from"), null=True, blank=True)
    available_to = models.DateField(_("to"), null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    from_assessment = models.BooleanField(
        default=False, help_text=_("Posted from a gap the city's self-assessment found.")
    )
    demo = models.BooleanField(default=False, help_text=_("Demonstration data, labelled as such."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.title}"


class Need(_Posting):
    """What a city needs help with."""

    class Meta(_Posting.Meta):
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        constraints = [
            models.CheckConstraint(
                condition=Q(available_to__isnull=True)
                | Q(available_from__isnull=True)
                | Q(available_to__gte=models.F("available_from")),
                name="exchange_need_period_in_order",
            ),
        ]


class Offer(_Posting):
    """What a city can give, to at most `capacity` cities at once."""

    capacity = models.PositiveSmallIntegerField(_("capacity"), default=1)

    class Meta(_Posting.Meta):
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        constraints = [
            models.CheckConstraint(
                condition=Q(available_to__isnull=True)
                | Q(available_from__isnull=True)
                | Q(available_to__gte=models.F("available_from")),
                name="exchange_offer_period_in_order",
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1) & Q(capacity__lte=50),
                name="exchange_offer_capacity_range",
            ),
        ]


class MatchingRun(models.Model):
    """One run of the matching by the Secretariat over a network's open needs and offers."""

    network = models.ForeignKey("network.Network", on_delete=models.PROTECT, related_name="+")
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    run_at = models.DateTimeField()
    needs_considered = models.PositiveIntegerField(default=0)
    offers_considered = models.PositiveIntegerField(default=0)
    candidate_pairs = models.PositiveIntegerField(default=0)
    total_score = models.PositiveIntegerField(default=0)
    # The unmatched needs and why: [{need, code}] (rules_needs words them).
    unmatched = models.JSONField(default=list, blank=True)
    demo = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("matching run")
        verbose_name_plural = _("matching runs")
        ordering = ["-run_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.network} · {self.run_at:%Y-%m-%d %H:%M}"


class Proposal(models.Model):
    """A need-offer pair a run proposes, with its score and its reasons; staff accept it (it
    becomes an exchange) or reject it. A later run supersedes the proposals still pending."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")
        SUPERSEDED = "superseded", _("Superseded by a later run")

    run = models.ForeignKey(MatchingRun, on_delete=models.CASCADE, related_name="proposals")
    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="proposals")
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="proposals")
    score = models.PositiveIntegerField()
    # [{code, points, params}]: rules_needs.reason_text words each in the reader's language.
    reasons = models.JSONField(default=list)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("matching proposal")
        verbose_name_plural = _("matching proposals")
        ordering = ["run", "-score", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["run", "need"], name="exchange_one_proposal_per_need"),
        ]

    def __str__(self) -> str:
        return f"{self.need.organisation} ← {self.offer.organisation} ({self.score})"


class Exchange(models.Model):
    """An exchange between two cities that came from an accepted proposal: proposed -> agreed
    -> under way -> done (with a short report) | cancelled."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        AGREED = "agreed", _("Agreed")
        UNDER_WAY = "under_way", _("Under way")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    need = models.ForeignKey(Need, on_delete=models.PROTECT, related_name="exchanges")
    offer = models.ForeignKey(Offer, on_delete=models.PROTECT, related_name="exchanges")
    proposal = models.OneToOneField(
        Proposal, on_delete=models.PROTECT, null=True, blank=True, related_name="exchange"
    )
    need_city = models.ForeignKey(
        "network.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    offer_city = models.ForeignKey(
        "network.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    network = models.ForeignKey("network.Network", on_delete=models.PROTECT, related_name="+")
    form = models.CharField(max_length=20, choices=ExchangeForm.choices)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PROPOSED)
    score = models.PositiveIntegerField(default=0)
    reasons = models.JSONField(default=list)
    report = models.TextField(blank=True, max_length=4000)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reported_at = models.DateTimeField(null=True, blank=True)
    demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("exchange")
        verbose_name_plural = _("exchanges")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # A need is met by one exchange at a time; a cancelled one frees it.
            models.UniqueConstraint(
                fields=["need"],
                condition=~Q(status="cancelled"),
                name="exchange_one_live_exchange_per_need",
            ),
            models.CheckConstraint(
                condition=~Q(need_city=models.F("offer_city")),
                name="exchange_two_different_cities",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.offer_city} → {self.need_city}: {self.need.title}"
