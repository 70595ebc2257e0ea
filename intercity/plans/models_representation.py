"""Models of the representation part (see models.py): who represents whom in the ASEAN Smart
Cities Network, as dated data (seed 004, Scope and para. 8).

- `RepresentationRule`: how many pilot cities an ASEAN Member State may nominate, and whether
  its capital is among them, from a date (the inaugural year's rule: up to three, capital
  included; a later row is the "room for expansion when it matures").
- `MemberState`: an ASEAN Member State in a network, with its capital (each nomination of the
  state locks this row, so two nominations at once for the last place cannot both pass).
- `Nomination`: a state's pilot city.
- `Designation`: a Chief Smart City Officer (per city), a National Representative (per state)
  or the shepherd (per network), dated; one in office at a time (database constraints).
- `ChairYear`: the ASEAN Chair of a year, whose National Representative chairs and hosts the
  annual meeting.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from intercity.network.models import Network, Organisation, Region

__all__ = [
    "MOST_CITIES_PER_STATE",
    "ChairYear",
    "Designation",
    "MemberState",
    "Nomination",
    "RepresentationRule",
]

# The most pilot cities a rule may allow each state. The inaugural rule allows three and the
# concept note's "room for expansion" a few more (seed 004, para. 8); a number past this is a
# slip of the keyboard. The form, the admin, the service and the database all read this one.
MOST_CITIES_PER_STATE = 100


class RepresentationRule(models.Model):
    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="representation_rules"
    )
    effective_from = models.DateField(_("in force from"))
    max_cities_per_state = models.PositiveSmallIntegerField(
        _("pilot cities per Member State, at most"),
        validators=[MinValueValidator(1), MaxValueValidator(MOST_CITIES_PER_STATE)],
    )
    capital_included = models.BooleanField(
        _("the capital is one of them"),
        default=True,
        help_text=_("When set, the last place a state has left is kept for its capital."),
    )
    scope = models.CharField(
        _("scope"),
        max_length=200,
        blank=True,
        help_text=_("How long the seed says the rule lasts, in its words."),
    )
    quote = models.TextField(_("the seed's words"), blank=True)
    source = models.CharField(_("source"), max_length=300)

    class Meta:
        verbose_name = _("representation rule")
        verbose_name_plural = _("representation rules")
        ordering = ["network", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "effective_from"], name="one_representation_rule_per_day"
            ),
            models.CheckConstraint(
                condition=Q(max_cities_per_state__gte=1), name="representation_rule_allows_one"
            ),
            models.CheckConstraint(
                condition=Q(max_cities_per_state__lte=MOST_CITIES_PER_STATE),
                name="representation_rule_allows_at_most_the_most",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.network}: {self.max_cities_per_state} ({self.effective_from})"


class MemberState(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="member_states")
    country = CountryField(_("state"))
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    capital = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    capital_source = models.CharField(max_length=300, blank=True)
    # Bumped by every nomination of the state: the row each nomination locks first.
    nominations_version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("ASEAN Member State")
        verbose_name_plural = _("ASEAN Member States")
        ordering = ["network", "country"]
        constraints = [
            models.UniqueConstraint(fields=["network", "country"], name="one_member_state_row")
        ]

    def __str__(self) -> str:
        return str(self.country.name)


class Nomination(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="nominations")
    state = models.ForeignKey(MemberState, on_delete=models.CASCADE, related_name="nominations")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="ascn_nominations"
    )
    nominated_on = models.DateField(_("nominated on"))
    source = models.CharField(_("source"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("nomination of a pilot city")
        verbose_name_plural = _("nominations of pilot cities")
        ordering = ["state", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "organisation"], name="one_nomination_per_city"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.state})"


class Designation(models.Model):
    class Role(models.TextChoices):
        CSCO = "csco", _("Chief Smart City Officer")
        NATIONAL_REPRESENTATIVE = "national_representative", _("National Representative")
        SHEPHERD = "shepherd", _("Shepherd")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="designations")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    state = models.ForeignKey(
        MemberState, null=True, blank=True, on_delete=models.CASCADE, related_name="designations"
    )
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="ascn_designations",
    )
    person_name = models.CharField(_("name"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ascn_designations",
        verbose_name=_("login"),
    )
    start = models.DateField(_("in office from"))
    end = models.DateField(_("in office until"), null=True, blank=True)
    demonstration = models.BooleanField(_("demonstration data"), default=False)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("designation")
        verbose_name_plural = _("designations")
        ordering = ["role", "start"]
        constraints = [
            # One in office at a time: a city's officer, a state's representative, the shepherd.
            models.UniqueConstraint(
                fields=["network", "organisation"],
                condition=Q(role="csco", end__isnull=True),
                name="one_csco_in_office",
            ),
            models.UniqueConstraint(
                fields=["network", "state"],
                condition=Q(role="national_representative", end__isnull=True),
                name="one_national_representative_in_office",
            ),
            models.UniqueConstraint(
                fields=["network"],
                condition=Q(role="shepherd", end__isnull=True),
                name="one_shepherd_in_office",
            ),
            models.CheckConstraint(
                condition=Q(role="csco", organisation__isnull=False, state__isnull=True)
                | Q(role="national_representative", state__isnull=False, organisation__isnull=True)
                | Q(role="shepherd", state__isnull=True, organisation__isnull=True),
                name="designation_names_what_it_represents",
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="designation_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.person_name}"


class ChairYear(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="chair_years")
    year = models.PositiveSmallIntegerField(_("year"))
    state = models.ForeignKey(MemberState, on_delete=models.PROTECT, related_name="chair_years")
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("ASEAN Chair of a year")
        verbose_name_plural = _("ASEAN Chairs by year")
        ordering = ["network", "year"]
        constraints = [
            models.UniqueConstraint(fields=["network", "year"], name="one_asean_chair_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.state}"
