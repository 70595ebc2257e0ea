"""Factories for membership rows: figures, waivers, applications, invoices, payments and
credit notes; other apps' tests import them.

They write rows as a test needs them, for a state no action reaches directly (an invoice
of 2020 billed at a given amount, a payment in won). Tests that are about issuing or
paying call `membership.services` instead.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from intercity.membership.models import (
    Application,
    CreditNote,
    Currency,
    Figure,
    Invoice,
    Payment,
    Waiver,
)
from intercity.network.models import Organisation
from intercity.network.tests.factories import NetworkFactory, OrganisationFactory

CENT = Decimal("0.01")


class FigureFactory(factory.django.DjangoModelFactory):
    """A city's GDP per capita (PPP, USD); pass `country=` and `organisation=None` for a
    national figure, `measure=Figure.Measure.POPULATION` for a population."""

    class Meta:
        model = Figure

    measure = Figure.Measure.GDP_PER_CAPITA
    organisation = factory.SubFactory(OrganisationFactory)
    country = ""
    year = 2016
    value = Decimal("36000")
    source = "test figure"


class WaiverFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Waiver

    network = factory.SubFactory(NetworkFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    first_year = 2018
    last_year = factory.SelfAttribute("first_year")
    reason = "Host of the General Assembly"


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A request to join as it arrives from the public form, not yet decided."""

    class Meta:
        model = Application

    network = factory.SubFactory(NetworkFactory)
    organisation_name = factory.Sequence(lambda n: f"Applicant City {n}")
    kind = Organisation.Kind.CITY
    country = "KR"
    requested_category = "associate"
    contact_name = "Dana Applicant"
    contact_email = factory.Sequence(lambda n: f"mayor{n}@applicant.example")
    motivation = "We want to share what our city learnt."


class InvoiceFactory(factory.django.DjangoModelFactory):
    """A member's invoice for a year: 1,000 USD, issued on 15 January, due on 31 March."""

    class Meta:
        model = Invoice

    network = factory.SubFactory(NetworkFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    year = 2018
    number = factory.Sequence(lambda n: f"TEST-{n:05d}")
    category = "full"
    amount = Decimal("1000.00")
    currency = Currency.USD
    issued_on = factory.LazyAttribute(lambda invoice: dt.date(invoice.year, 1, 15))
    due_on = factory.LazyAttribute(lambda invoice: dt.date(invoice.year, 3, 31))
    explanation = "as billed"


class PaymentFactory(factory.django.DjangoModelFactory):
    """Money received against an invoice: by default all of it, in its currency, a month
    after it was issued. Give `currency` and `exchange_rate` for a payment in another
    currency; `amount` follows from what is applied."""

    class Meta:
        model = Payment

    invoice = factory.SubFactory(InvoiceFactory)
    received_on = factory.LazyAttribute(lambda p: p.invoice.issued_on + dt.timedelta(days=31))
    amount_applied = factory.SelfAttribute("invoice.amount")
    currency = factory.SelfAttribute("invoice.currency")
    exchange_rate = Decimal(1)
    amount = factory.LazyAttribute(lambda p: (p.amount_applied * p.exchange_rate).quantize(CENT))


class CreditNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CreditNote

    invoice = factory.SubFactory(InvoiceFactory)
    number = factory.Sequence(lambda n: f"TEST-CN-{n:05d}")
    amount = Decimal("100.00")
    reason = "Billed in error"
    issued_on = factory.LazyAttribute(lambda note: note.invoice.issued_on + dt.timedelta(days=10))
