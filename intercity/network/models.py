"""The network registry: networks, their categories, regions and bodies, organisations,
people, regional offices, mandates, and each organisation's dated membership history."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from intercity.core.translated import TranslatedContent
from intercity.network.rules import fold


class Network(TranslatedContent):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=40)
    description = models.TextField(blank=True)
    seat = models.CharField(max_length=120, blank=True, help_text=_("Where the Secretariat sits."))
    founded_on = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.short_name or self.name


class MembershipCategory(TranslatedContent):
    """A category of membership and the rights it carries (WeGO Statute 2017 Art. 5-6)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="categories")
    slug = models.SlugField()
    name = models.CharField(max_length=80)
    # Empty (None) where the source defines no such right (ASCN, seed 004): unknown, not "no".
    may_vote = models.BooleanField(null=True, blank=True, default=False)
    may_hold_office = models.BooleanField(null=True, blank=True, default=False)
    description = models.TextField(blank=True)
    article = models.CharField(max_length=120, blank=True)
    eligible_kinds = models.JSONField(
        default=list,
        blank=True,
        help_text=_("Organisation kinds that may hold this category; empty means any."),
    )
    billable = models.BooleanField(
        default=False, help_text=_("Members of this category pay an annual fee (Art. 8).")
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["network", "position", "name"]
        verbose_name = _("membership category")
        verbose_name_plural = _("membership categories")
        constraints = [
            models.UniqueConstraint(fields=["network", "slug"], name="unique_category_slug")
        ]

    def __str__(self) -> str:
        return f"{self.network}: {self.name}"


class Region(TranslatedContent):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="regions")
    slug = models.SlugField()
    name = models.CharField(max_length=80)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["network", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["network", "slug"], name="unique_region_slug")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.network})"


class Body(TranslatedContent):
    class Kind(models.TextChoices):
        ASSEMBLY = "assembly", _("Assembly")
        COMMITTEE = "committee", _("Committee")
        SECRETARIAT = "secretariat", _("Secretariat")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="bodies")
    slug = models.SlugField()
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.TextField(blank=True)
    article = models.CharField(max_length=120, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["network", "position"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        constraints = [models.UniqueConstraint(fields=["network", "slug"], name="unique_body_slug")]

    def __str__(self) -> str:
        return f"{self.network}: {self.name}"


class Organisation(TranslatedContent):
    class Kind(models.TextChoices):
        CITY = "city", _("City or local government")
        NATIONAL_AGENCY = "national_agency", _("National agency")
        REGIONAL_ASSOCIATION = "regional_association", _("Regional association")
        COMPANY = "company", _("Company")
        EXTERNAL_PARTNER = "external_partner", _("External partner")
        OTHER = "other", _("Other organisation")

    key = models.SlugField(
        max_length=80, unique=True, help_text=_("Stable identifier used by seed files and links.")
    )
    name = models.CharField(max_length=200, db_index=True)
    kind = models.CharField(max_length=30, choices=Kind.choices, default=Kind.CITY)
    country = CountryField(blank=True, db_index=True)
    official_name = models.CharField(max_length=250, blank=True)
    administering_body = models.CharField(max_length=250, blank=True)
    leader_name = models.CharField(max_length=200, blank=True)
    leader_title = models.CharField(max_length=200, blank=True)
    incumbent_term_start = models.PositiveSmallIntegerField(null=True, blank=True)
    incumbent_term_end = models.PositiveSmallIntegerField(null=True, blank=True)
    area_km2 = models.DecimalField(
        _("area (km²)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    population = models.PositiveBigIntegerField(null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(null=True, blank=True)
    official_languages = models.JSONField(default=list, blank=True)
    website = models.URLField(blank=True)
    employees = models.PositiveIntegerField(
        _("employees worldwide"), null=True, blank=True, help_text=_("Companies only.")
    )
    description = models.TextField(blank=True)
    source = models.CharField(max_length=300, blank=True)
    # Where the organisation is (its seat for a city), for the member map. Five decimals of a
    # degree is about a metre: more than a gazetteer knows, enough for any map.
    latitude = models.DecimalField(
        max_digits=7,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-90)), MaxValueValidator(Decimal(90))],
    )
    longitude = models.DecimalField(
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-180)), MaxValueValidator(Decimal(180))],
    )
    coordinates_source = models.CharField(
        _("source of the coordinates"), max_length=200, blank=True
    )
    # The name and official name folded (rules.fold: no accents, no case), kept by save() so
    # every writer (services, seed, admin) keeps it and search reads the same on SQLite and
    # PostgreSQL.
    search_text = models.CharField(max_length=500, blank=True, editable=False, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(incumbent_term_end__isnull=True)
                | Q(incumbent_term_start__isnull=True)
                | Q(incumbent_term_end__gte=models.F("incumbent_term_start")),
                name="incumbent_term_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Search finds a member by its name in any language ("서울", "Сеул" or "Seoul").
        with translation.override(settings.LANGUAGE_CODE):
            translated = [getattr(self, f"name_{suffix}", None) or "" for suffix in NAME_SUFFIXES]
            self.search_text = folded_names(self.name, self.official_name, *translated)
        update_fields = kwargs.get("update_fields")
        searched = {"name", "official_name", *(f"name_{suffix}" for suffix in NAME_SUFFIXES)}
        if update_fields is not None and searched & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    @property
    def located(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def incumbent_term(self) -> str:
        if self.incumbent_term_start and self.incumbent_term_end:
            return f"{self.incumbent_term_start}–{self.incumbent_term_end}"
        return str(self.incumbent_term_start or self.incumbent_term_end or "")


# The languages other than English, as modeltranslation suffixes its columns (zh-hans -> zh_hans).
NAME_SUFFIXES = [code.replace("-", "_") for code, _name in settings.LANGUAGES if code != "en"]


def folded_names(*names: str) -> str:
    folded: list[str] = []
    for name in names:
        part = fold(name)
        if part and part not in folded:
            folded.append(part)
    return " | ".join(folded)[:500]


class Membership(models.Model):
    """An organisation's membership of one network. Its state on any date is in `history`."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.SET_NULL, related_name="memberships"
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["network", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "organisation"], name="one_membership_per_network"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.network}"


class MembershipStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    SUSPENDED = "suspended", _("Suspended")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class DateBasis(models.TextChoices):
    EXACT = "exact", _("Exact date")
    NOT_LATER_THAN = "not_later_than", _("No later than (earliest evidence)")
    # The date a table gives is the application (e.g. for a withdrawal), not the day the change
    # took effect (Art. 7.2: when the President announces it to the Executive Committee).
    APPLICATION = "application", _("Application date")
    # The source says only that it happened after this day, not when: `valid_from` is the
    # first day it can have happened.
    AFTER = "after", _("Some day after (date not stated)")
    # The source is silent on the date: `valid_from` is only the latest it can have been.
    UNKNOWN = "unknown", _("Date unknown")


class EndReason(models.TextChoices):
    """How a membership ended, on a period whose status is withdrawn."""

    WITHDRAWAL = "withdrawal", _("Withdrawal (Art. 7.2)")
    UNKNOWN = "unknown", _("Unknown")


class MembershipPeriod(models.Model):
    """One stretch of a membership's history: from `valid_from` (inclusive) to `valid_to`
    (exclusive; empty while it lasts) the organisation is in `category` with `status`.

    Periods of one membership never overlap, so "who was a member on date D" is a range
    query. Only `network.services.change_membership` writes them.
    """

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="periods")
    category = models.ForeignKey(MembershipCategory, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=20, choices=MembershipStatus.choices)
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)
    date_basis = models.CharField(max_length=20, choices=DateBasis.choices, default=DateBasis.EXACT)
    end_reason = models.CharField(
        max_length=20,
        choices=EndReason.choices,
        blank=True,
        help_text=_("For a withdrawn period: how the membership ended, or unknown."),
    )
    evidence = models.CharField(max_length=300, blank=True)
    decision_reference = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("The decision that made this change, e.g. an Executive Committee agenda item."),
    )
    source = models.CharField(max_length=300, blank=True)
    conflict = models.CharField(
        max_length=300, blank=True, help_text=_("Another source that gives a different value.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership period")
        verbose_name_plural = _("membership periods")
        ordering = ["membership", "valid_from"]
        indexes = [models.Index(fields=["valid_from", "valid_to"])]
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "valid_from"], name="one_period_start_per_day"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="period_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.membership}: {self.category.name}, {self.status} from {self.valid_from}"

    def covers(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day < self.valid_to)

    @property
    def ended(self) -> bool:
        return self.status == MembershipStatus.WITHDRAWN

    @property
    def status_label(self) -> str:
        """A withdrawn period whose ending the sources do not explain reads as "ended
        (reason unknown)", never as a withdrawal."""
        if self.ended and self.end_reason == EndReason.UNKNOWN:
            return gettext("Membership ended (reason unknown)")
        return self.get_status_display()

    @property
    def date_label(self) -> str:
        day = _day(self.valid_from)
        basis = DateBasis(self.date_basis)
        if basis == DateBasis.NOT_LATER_THAN:
            return gettext("by %(day)s") % {"day": day}
        if basis == DateBasis.APPLICATION:
            return gettext("%(day)s (application date)") % {"day": day}
        if basis == DateBasis.AFTER:
            return gettext("after %(day)s (day not stated)") % {
                "day": _day(self.valid_from - ONE_DAY)
            }
        if basis == DateBasis.UNKNOWN:
            return gettext("unknown (no later than %(day)s)") % {"day": day}
        return day


ONE_DAY = dt.timedelta(days=1)


def _day(day: dt.date) -> str:
    return date_format(day, "DATE_FORMAT")


class ReportedTotal(models.Model):
    """A headline figure a source states about the network ("126 WeGO members in total"),
    kept beside the register's own count so a partial register is not read as the whole."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="reported_totals")
    figure = models.PositiveIntegerField()
    counts = models.CharField(max_length=200, help_text=_("What the figure counts."))
    as_of = models.DateField(
        help_text=_("The day the figure describes (as near as the source says).")
    )
    organisation_kind = models.CharField(
        max_length=30, blank=True, help_text=_("Count only organisations of this kind (e.g. city).")
    )
    categories = models.JSONField(
        default=list, blank=True, help_text=_("Count only these category slugs; empty means all.")
    )
    quote = models.CharField(max_length=300, blank=True)
    note = models.TextField(blank=True, help_text=_("Why the register's count differs."))
    source = models.CharField(max_length=300)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("reported total")
        verbose_name_plural = _("reported totals")
        ordering = ["network", "position"]

    def __str__(self) -> str:
        return f"{self.network}: {self.figure} {self.counts} ({self.source})"


class Person(models.Model):
    name = models.CharField(max_length=200)
    honorific = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return f"{self.honorific} {self.name}".strip()


class PersonRole(models.Model):
    class Role(models.TextChoices):
        MAYOR = "mayor", _("Mayor or leader")
        REPRESENTATIVE = "representative", _("Representative of a member")
        CIO = "cio", _("Chief Information Officer")
        JUDGE = "judge", _("Award judge")
        NATIONAL_REPRESENTATIVE = "national_representative", _("National Representative")
        CHIEF_SMART_CITY_OFFICER = "chief_smart_city_officer", _("Chief Smart City Officer")
        SECRETARY_GENERAL = "secretary_general", _("Secretary General")
        REGIONAL_DIRECTOR = "regional_director", _("Regional Director")
        STAFF = "staff", _("Staff")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=40, choices=Role.choices)
    title = models.CharField(max_length=250, blank=True)
    network = models.ForeignKey(
        Network, null=True, blank=True, on_delete=models.CASCADE, related_name="person_roles"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="person_roles"
    )
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("role of a person")
        verbose_name_plural = _("roles of people")
        ordering = ["role", "person__name"]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_role_display()}"


class Mandate(models.Model):
    """An office in a body held by a member organisation for a term (Statute 2017 Art. 11-12)."""

    class Office(models.TextChoices):
        PRESIDENT = "president", _("President")
        EXECUTIVE_VICE_PRESIDENT = "executive_vice_president", _("Executive Vice President")
        VICE_PRESIDENT = "vice_president", _("Vice President")
        MEMBER = "member", _("Member")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="mandates")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="mandates"
    )
    office = models.CharField(max_length=30, choices=Office.choices)
    start = models.DateField()
    end = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("mandate")
        verbose_name_plural = _("mandates")
        ordering = ["body", "-start", "office", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "organisation", "office", "start"], name="unique_mandate"
            )
        ]

    def __str__(self) -> str:
        office = self.get_office_display()
        return f"{self.organisation}: {office} of {self.body.name} from {self.start}"


class RegionalOffice(TranslatedContent):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="regional_offices")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="regional_offices")
    name = models.CharField(max_length=200)
    host = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="hosted_regional_offices"
    )
    term_start = models.DateField(null=True, blank=True)
    term_end = models.DateField(null=True, blank=True)
    director = models.CharField(max_length=200, blank=True)
    staff = models.JSONField(default=list, blank=True)
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("regional office")
        verbose_name_plural = _("regional offices")
        ordering = ["network", "region__position"]

    def __str__(self) -> str:
        return self.name
