"""Membership and dues: fee schedules and the dated figures they read, waivers, applications,
invoices, payments, credit notes, reminders, and the figures of the financial report.

Money is `Decimal` throughout; amounts are in the invoice's currency (USD for fees,
Statute 2017 Annexes 1-3) unless a field says otherwise.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from intercity.network.models import Network, Organisation


def money(verbose_name: str | None = None, **kwargs: Any) -> models.DecimalField[Any, Any]:
    """An exact amount of money, to the cent."""
    return models.DecimalField(verbose_name, max_digits=14, decimal_places=2, **kwargs)


class Currency(models.TextChoices):
    USD = "USD", _("US dollar")
    KRW = "KRW", _("Korean won")
    EUR = "EUR", _("Euro")


class FeeSchedule(models.Model):
    """One adopted fee table for a category, in force from `effective_year` until a later
    version of the same category. Published versions are never edited: staff add a new one."""

    class Basis(models.TextChoices):
        GDP_POPULATION = "gdp_population", _("GDP per capita × population (Annex 1)")
        GDP = "gdp", _("GDP per capita (Annex 2)")
        EMPLOYEES = "employees", _("Employees worldwide (Annex 3)")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="fee_schedules")
    category = models.SlugField(help_text=_("Membership category slug, e.g. full."))
    version = models.CharField(max_length=120)
    effective_year = models.PositiveSmallIntegerField()
    annex = models.CharField(max_length=40, blank=True)
    basis = models.CharField(max_length=20, choices=Basis.choices)
    table = models.JSONField(
        help_text="{'rows': [[lower, upper, label, [amounts]]], 'columns': [...]}"
    )
    currency = models.CharField(max_length=3, choices=Currency.choices, default=Currency.USD)
    source = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["network", "category", "-effective_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "category", "effective_year"], name="one_schedule_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.network}: {self.version} ({self.category}, from {self.effective_year})"


class Figure(models.Model):
    """A dated fact about a city or a country: population, or GDP per capita (PPP, USD,
    IMF International Financial Statistics, Annex note 1). Entered or imported from CSV."""

    class Measure(models.TextChoices):
        POPULATION = "population", _("Population")
        GDP_PER_CAPITA = "gdp_per_capita", _("GDP per capita (PPP, USD)")

    measure = models.CharField(max_length=20, choices=Measure.choices)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="figures"
    )
    country = CountryField(
        blank=True, help_text=_("For a national figure; empty for a city's own.")
    )
    year = models.PositiveSmallIntegerField()
    value = models.DecimalField(max_digits=20, decimal_places=2)
    source = models.CharField(max_length=300)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["measure", "-year"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(organisation__isnull=False) & Q(country=""))
                | (Q(organisation__isnull=True) & ~Q(country="")),
                name="figure_for_a_city_or_a_country",
            ),
            models.UniqueConstraint(
                "measure", Coalesce("organisation", 0), "country", "year", name="one_figure_a_year"
            ),
        ]

    def __str__(self) -> str:
        whose = self.organisation or self.country.name
        return f"{self.get_measure_display()} of {whose}, {self.year}: {self.value}"


class Waiver(models.Model):
    """Years in which a member owes nothing (GA host, Art. 10.6; inaugural cities, Art. 19)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="fee_waivers")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="fee_waivers"
    )
    first_year = models.PositiveSmallIntegerField()
    last_year = models.PositiveSmallIntegerField()
    reason = models.CharField(max_length=300)
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["network", "first_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_year__gte=models.F("first_year")), name="waiver_years_in_order"
            )
        ]

    def __str__(self) -> str:
        return str(
            _("%(organisation)s: no fee %(first)s-%(last)s (%(reason)s)")
            % {
                "organisation": self.organisation,
                "first": self.first_year,
                "last": self.last_year,
                "reason": self.reason,
            }
        )


class Application(models.Model):
    """A request to join, from the public form (Statute 2017 Art. 7.1)."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        ACCEPTED = "accepted", _("Accepted as associate member")
        REJECTED = "rejected", _("Rejected")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="applications")
    organisation_name = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=Organisation.Kind.choices)
    country = CountryField(_("country"))
    requested_category = models.SlugField(_("requested category"))
    contact_name = models.CharField(_("contact name"), max_length=200)
    contact_email = models.EmailField(_("contact email"))
    contact_title = models.CharField(_("contact's title"), max_length=200, blank=True)
    website = models.URLField(_("website"), blank=True)
    population = models.PositiveBigIntegerField(null=True, blank=True)
    employees = models.PositiveIntegerField(null=True, blank=True)
    motivation = models.TextField()
    submitted_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RECEIVED)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="applications"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return f"{self.organisation_name} → {self.network} ({self.get_status_display()})"


class Invoice(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="invoices")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="invoices"
    )
    year = models.PositiveSmallIntegerField()
    number = models.CharField(max_length=40, unique=True)
    category = models.SlugField()
    amount = money()
    currency = models.CharField(max_length=3, choices=Currency.choices, default=Currency.USD)
    issued_on = models.DateField()
    due_on = models.DateField()
    explanation = models.TextField(help_text=_("How the amount was computed, or 'as billed'."))
    basis = models.JSONField(default=dict, blank=True)
    source = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "organisation", "year"], name="one_invoice_per_member_year"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="invoice_amount_positive"),
        ]
        indexes = [models.Index(fields=["network", "year"])]

    def __str__(self) -> str:
        return f"{self.number} {self.organisation} {self.year}: {self.currency} {self.amount}"


class PaymentInstructions(models.Model):
    """How a network's members pay their fees (bank, account, reference to quote), printed on
    its invoices. Entered by the Secretariat in the admin; an invoice without them says so."""

    network = models.OneToOneField(
        Network, on_delete=models.CASCADE, related_name="payment_instructions"
    )
    text = models.TextField(help_text=_("Printed on every invoice, e.g. bank, account, SWIFT."))
    source = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name_plural = _("payment instructions")

    def __str__(self) -> str:
        return str(_("Payment instructions of %(network)s") % {"network": self.network})


class Payment(models.Model):
    """Money received against an invoice, in any currency, with the rate used (fees are
    collected in USD and spent in KRW, seed 003)."""

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="payments")
    received_on = models.DateField()
    amount = money(help_text=_("In the currency received."))
    currency = models.CharField(max_length=3, choices=Currency.choices)
    exchange_rate = models.DecimalField(
        max_digits=16,
        decimal_places=6,
        help_text=_("Units of the currency received that make one unit of the invoice currency."),
    )
    amount_applied = money(
        help_text=_("The amount in the invoice's currency, credited to the invoice.")
    )
    reference = models.CharField(max_length=200, blank=True)
    # The single-use token of the form (or the API's Idempotency-Key) the payment came from:
    # the same form posted twice records one payment.
    idempotency_key = models.CharField(max_length=64, null=True, blank=True, unique=True)
    source = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["received_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_positive"),
            models.CheckConstraint(condition=Q(exchange_rate__gt=0), name="payment_rate_positive"),
            # A bank or transfer reference identifies one payment of an invoice.
            models.UniqueConstraint(
                fields=["invoice", "reference"],
                condition=~Q(reference=""),
                name="one_payment_per_reference",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.currency} {self.amount} on {self.received_on} for {self.invoice.number}"


class CreditNote(models.Model):
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="credit_notes")
    number = models.CharField(max_length=40, unique=True)
    amount = money(help_text=_("In the invoice's currency."))
    reason = models.CharField(max_length=300)
    issued_on = models.DateField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["issued_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="credit_amount_positive")
        ]

    def __str__(self) -> str:
        return f"{self.number}: {self.amount} on {self.invoice.number}"


class NumberCounter(models.Model):
    """The last number given to a kind of document (invoice, credit note) in a network and
    year. Numbers are taken under a lock on this row, never counted, so two documents issued
    at once never share one."""

    class Kind(models.TextChoices):
        INVOICE = "invoice", _("Invoice")
        CREDIT_NOTE = "credit_note", _("Credit note")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["network", "kind", "year"], name="one_counter_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.network} {self.kind} {self.year}: {self.last}"


class Reminder(models.Model):
    """A reminder of an unpaid invoice, queued for the task worker to e-mail."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        NO_ADDRESS = "no-address", _("No e-mail address")

    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="reminders")
    recipients = models.JSONField(default=list)
    queued_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # What the worker did: a failed send keeps its error and is sent again by the next
    # queueing; an address that declined fee reminders is left out and listed here.
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True)
    declined = models.JSONField(default=list, blank=True)
    queued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-queued_at"]
        constraints = [
            # One reminder waiting to be sent per invoice: queueing again adds nothing.
            models.UniqueConstraint(
                fields=["invoice"], condition=Q(sent_at__isnull=True), name="one_pending_reminder"
            )
        ]

    def __str__(self) -> str:
        return str(_("Reminder for %(number)s") % {"number": self.invoice.number})


# --- Figures of the financial report (seed 003, Agenda 4) --------------------------------


class ReportedCollection(models.Model):
    """Membership fees collected in a year as reported to the Executive Committee."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    amount_usd = money()
    amount_krw_thousands = money(null=True, blank=True)
    complete = models.BooleanField(
        default=True, help_text=_("False while the year is in progress.")
    )
    source = models.CharField(max_length=300)

    class Meta:
        ordering = ["network", "year"]
        constraints = [
            models.UniqueConstraint(fields=["network", "year"], name="one_collection_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.network} fees {self.year}: USD {self.amount_usd}"


class Contribution(models.Model):
    """A President City's contribution to operations; not revenue (Statute 2017 Art. 14.2)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    amount_krw_thousands = money()
    amount_usd_estimated = money(null=True, blank=True)
    budget = models.BooleanField(default=False, help_text=_("True when the figure is a budget."))
    source = models.CharField(max_length=300)

    class Meta:
        ordering = ["network", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "organisation", "year"], name="one_contribution_a_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}: KRW {self.amount_krw_thousands} thousand"


class Expenditure(models.Model):
    """Approved and actual spending of membership fees in a year, by category."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    category = models.CharField(max_length=120)
    items = models.TextField(blank=True, help_text=_("What the category covers."))
    approved_krw_thousands = money()
    approved_usd_estimated = money(null=True, blank=True)
    actual_krw_thousands = money(null=True, blank=True)
    actual_usd_estimated = money(null=True, blank=True)
    actual_as_of = models.DateField(null=True, blank=True, help_text=_("Set while in progress."))
    source = models.CharField(max_length=300)

    class Meta:
        ordering = ["network", "year", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "year", "category"], name="one_expenditure_line"
            )
        ]

    def __str__(self) -> str:
        return f"{self.network} {self.year} {self.category}"


ZERO = Decimal("0.00")
