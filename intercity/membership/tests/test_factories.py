"""The membership factories make consistent rows: a payment pays its invoice in full
unless told otherwise, in the invoice's currency or at a given rate."""

from decimal import Decimal

import pytest

from intercity.membership.models import Currency
from intercity.membership.tests.factories import (
    ApplicationFactory,
    CreditNoteFactory,
    FigureFactory,
    PaymentFactory,
    WaiverFactory,
)

pytestmark = pytest.mark.django_db


def test_a_payment_pays_its_invoice_in_full():
    payment = PaymentFactory()
    assert payment.amount == payment.amount_applied == payment.invoice.amount
    assert payment.received_on > payment.invoice.issued_on


def test_a_payment_in_won_is_converted_at_its_rate():
    payment = PaymentFactory(currency=Currency.KRW, exchange_rate=Decimal("1100.5"))
    assert payment.amount == Decimal("1100500.00")
    assert payment.amount_applied == Decimal("1000.00")


def test_the_other_rows_save():
    note = CreditNoteFactory()
    assert note.amount < note.invoice.amount
    assert FigureFactory(organisation=None, country="KR").country == "KR"
    assert WaiverFactory().first_year == 2018
    assert ApplicationFactory().status == "received"
