"""Balances computed in the database, payments, credit notes, statements and arrears."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import (
    Case,
    ExpressionWrapper,
    F,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from intercity.core import audit
from intercity.core.bounds import check_date, check_decimal
from intercity.core.errors import DomainError, PermissionDenied
from intercity.membership import rules
from intercity.membership.models import (
    CreditNote,
    Currency,
    Invoice,
    NumberCounter,
    Payment,
)
from intercity.membership.services.common import (
    MONEY_FIELD,
    ZERO,
    can_view_account,
    require_secretariat,
)
from intercity.membership.services.invoicing import take_numbers
from intercity.network.models import (
    Network,
    Organisation,
)


class _Total(Func):
    """SUM in a subquery over the rows of one invoice. Django's Sum would also group them
    by that invoice, one more plan node to run per invoice and to JIT-compile; a plain SUM
    gives the same total, and NULL when there are no rows, as the grouped one does."""

    function = "SUM"
    output_field = MONEY_FIELD


def _money(amount: Decimal) -> str:
    """An amount as the active language writes it: 1,000.00 in English, 1 000,00 in Russian."""
    return number_format(amount, 2, force_grouping=True)


def _paid(invoice: str) -> Coalesce:
    """What the payments of an invoice bring in, in its currency. `invoice` is the path to
    the invoice's id from the rows annotated: "pk" for invoices, "invoices__pk" for members."""
    total = (
        Payment.objects.filter(invoice=OuterRef(invoice))
        .order_by()
        .values(total=_Total("amount_applied"))
    )
    return Coalesce(Subquery(total), Value(ZERO), output_field=MONEY_FIELD)


def _credited(invoice: str) -> Case:
    """What the credit notes of an invoice take off, with the same path as `_paid`.

    Few invoices have a credit note, so PostgreSQL finds the table too small to use its
    index and scans all the notes for every invoice. The CASE looks the invoice up in the
    set of credited invoices instead, built and hashed once per query, and sums the notes
    only of the invoices in it; the result is the same."""
    total = (
        CreditNote.objects.filter(invoice=OuterRef(invoice))
        .order_by()
        .values(total=_Total("amount"))
    )
    return Case(
        When(
            **{f"{invoice}__in": CreditNote.objects.order_by().values("invoice")},
            then=Coalesce(Subquery(total), Value(ZERO), output_field=MONEY_FIELD),
        ),
        default=Value(ZERO),
        output_field=MONEY_FIELD,
    )


def with_balances(invoices: QuerySet[Invoice]) -> QuerySet[Invoice]:
    """Invoices annotated with `paid`, `credited` and `balance`, computed in the database."""
    return invoices.annotate(paid=_paid("pk"), credited=_credited("pk")).annotate(
        balance=F("amount") - F("paid") - F("credited")
    )


def invoice_balance(invoice: Invoice) -> Decimal:
    annotated = with_balances(Invoice.objects.filter(pk=invoice.pk)).get()
    # SQLite drops the scale in arithmetic on decimals; money is always shown to the cent.
    return Decimal(annotated.balance).quantize(Decimal("0.01"))  # type: ignore[attr-defined]


def record_payment(
    actor: Any,
    invoice: Invoice,
    *,
    received_on: dt.date,
    amount: Decimal,
    currency: str,
    exchange_rate: Decimal | None = None,
    reference: str = "",
    idempotency_key: str = "",
) -> Payment:
    """Record money received. A payment in another currency states the rate used; it may
    be partial but never more than what is still owed (fees are not refunded, Art. 9).

    The same form (its `idempotency_key`) sent again records nothing more and returns the
    payment it recorded; a reference already recorded on the invoice is refused."""
    require_secretariat(actor)
    check_date(received_on, "received_on")
    amount = check_decimal(amount, "amount", max_digits=14, decimal_places=2)
    if exchange_rate is not None:
        exchange_rate = check_decimal(
            exchange_rate, "exchange_rate", max_digits=16, decimal_places=6
        )
    reference, idempotency_key = reference.strip(), idempotency_key.strip()
    if len(idempotency_key) > 64:
        raise DomainError(_("The form's token is not one this site issued; reload the page."))
    if currency not in Currency.values:
        raise DomainError(
            _("Unknown currency '%(currency)s'; use %(known)s.")
            % {"currency": currency, "known": ", ".join(Currency.values)}
        )
    if currency == invoice.currency:
        if exchange_rate not in (None, Decimal(1)):
            raise DomainError(_("A payment in the invoice's own currency has no exchange rate."))
        exchange_rate = Decimal(1)
    elif exchange_rate is None:
        raise DomainError(
            _("Give the exchange rate used: how many %(currency)s make one %(invoice_currency)s.")
            % {"currency": currency, "invoice_currency": invoice.currency}
        )
    if received_on > timezone.localdate():
        raise DomainError(_("A payment cannot be received in the future."))
    try:
        applied = rules.applied_amount(amount, exchange_rate)
    except ValueError as exc:
        raise DomainError(str(exc)) from exc
    try:
        return _record_payment(
            actor,
            invoice,
            received_on,
            amount,
            currency,
            exchange_rate,
            applied,
            reference,
            idempotency_key,
        )
    except IntegrityError:
        # The checks below run under the invoice's lock; the constraints are the backstop.
        raise DomainError(
            _("This payment is already recorded on %(number)s (same form or reference).")
            % {"number": invoice.number}
        ) from None


def _record_payment(
    actor: Any,
    invoice: Invoice,
    received_on: dt.date,
    amount: Decimal,
    currency: str,
    exchange_rate: Decimal,
    applied: Decimal,
    reference: str,
    idempotency_key: str,
) -> Payment:
    with transaction.atomic():
        locked = Invoice.objects.select_for_update().get(pk=invoice.pk)
        if idempotency_key:
            repeated = Payment.objects.filter(idempotency_key=idempotency_key).first()
            if repeated is not None:
                if repeated.invoice_id != locked.pk:
                    raise DomainError(_("This form was sent for another invoice; reload the page."))
                return repeated
        if reference:
            earlier = Payment.objects.filter(invoice=locked, reference=reference).first()
            if earlier is not None:
                raise DomainError(
                    _(
                        "A payment with reference '%(reference)s' is already recorded on "
                        "%(number)s (%(amount)s received on %(date)s); a reference "
                        "identifies one payment."
                    )
                    % {
                        "reference": reference,
                        "number": invoice.number,
                        "amount": f"{earlier.currency} {_money(earlier.amount)}",
                        "date": date_format(earlier.received_on, "DATE_FORMAT"),
                    }
                )
        balance = invoice_balance(locked)
        if applied > balance:
            raise DomainError(
                _("%(amount)s is %(applied)s, more than the %(balance)s still owed on %(number)s.")
                % {
                    "amount": f"{currency} {_money(amount)}",
                    "applied": f"{invoice.currency} {_money(applied)}",
                    "balance": f"{invoice.currency} {_money(balance)}",
                    "number": invoice.number,
                }
            )
        payment = Payment.objects.create(
            invoice=locked,
            received_on=received_on,
            amount=amount,
            currency=currency,
            exchange_rate=exchange_rate,
            amount_applied=applied,
            reference=reference,
            idempotency_key=idempotency_key or None,
            recorded_by=actor,
        )
        audit.record(
            actor,
            "record_payment",
            locked,
            before={"balance": balance},
            after={
                "payment": payment.pk,
                "received_on": received_on,
                "reference": reference,
                "amount": amount,
                "currency": currency,
                "exchange_rate": exchange_rate,
                "applied": applied,
                "balance": balance - applied,
            },
        )
    return payment


def issue_credit_note(
    actor: Any, invoice: Invoice, *, amount: Decimal, reason: str, issued_on: dt.date
) -> CreditNote:
    require_secretariat(actor)
    check_date(issued_on, "issued_on")
    amount = check_decimal(amount, "amount", max_digits=14, decimal_places=2)
    if amount <= 0:
        raise DomainError(_("A credit note is a positive amount."))
    if not reason.strip():
        raise DomainError(_("Say why the credit note is issued."))
    with transaction.atomic():
        locked = Invoice.objects.select_for_update().get(pk=invoice.pk)
        balance = invoice_balance(locked)
        if amount > balance:
            raise DomainError(
                _("The credit of %(amount)s exceeds the %(balance)s still owed on %(number)s.")
                % {"amount": _money(amount), "balance": _money(balance), "number": invoice.number}
            )
        network, year = invoice.network, issued_on.year
        prefix = f"{network.slug.upper()}-CN-{year}-"
        number = 1 + take_numbers(
            network,
            NumberCounter.Kind.CREDIT_NOTE,
            year,
            1,
            existing=lambda: CreditNote.objects.filter(number__startswith=prefix).count(),
        )
        note = CreditNote.objects.create(
            invoice=locked,
            number=f"{prefix}{number:05d}",
            amount=amount,
            reason=reason,
            issued_on=issued_on,
            created_by=actor,
        )
        audit.record(
            actor,
            "issue_credit_note",
            locked,
            before={"balance": balance},
            after={
                "credit_note": note.number,
                "issued_on": issued_on,
                "credit": amount,
                "balance": balance - amount,
                "reason": reason,
            },
        )
    return note


@dataclass(frozen=True)
class Statement:
    organisation: Organisation
    invoices: list[Invoice]
    payments: list[Payment]
    credit_notes: list[CreditNote]
    balance_by_currency: dict[str, Decimal]


def statement(actor: Any, network: Network, organisation: Organisation) -> Statement:
    if not can_view_account(actor, organisation):
        raise PermissionDenied(
            _("You may not see the account of %(organisation)s.") % {"organisation": organisation}
        )
    invoices = list(
        with_balances(Invoice.objects.filter(network=network, organisation=organisation)).order_by(
            "year"
        )
    )
    totals: dict[str, Decimal] = {}
    for invoice in invoices:
        totals[invoice.currency] = totals.get(invoice.currency, ZERO) + invoice.balance  # type: ignore[attr-defined]
    return Statement(
        organisation=organisation,
        invoices=invoices,
        payments=list(Payment.objects.filter(invoice__in=invoices).select_related("invoice")),
        credit_notes=list(
            CreditNote.objects.filter(invoice__in=invoices).select_related("invoice")
        ),
        balance_by_currency=totals,
    )


def arrears(network: Network, today: dt.date) -> QuerySet[Organisation]:
    """Members with unpaid invoices past due, with the amounts in each ageing bucket (USD),
    computed in the database whatever the number of invoices.

    One query over the invoices past due, grouped by member: an invoice's balance is
    computed for the filter, then for its bucket and for the total. The buckets are those
    of `rules.age_bucket`, from the same `rules.AGEING_LIMITS_DAYS`."""
    one, two = rules.AGEING_LIMITS_DAYS
    year_ago, two_years_ago = today - dt.timedelta(days=one), today - dt.timedelta(days=two)

    def owed(bucket: Q | None = None) -> Coalesce:
        return Coalesce(
            Sum("invoice_balance", filter=bucket), Value(ZERO), output_field=MONEY_FIELD
        )

    return (
        # The invoice conditions in one filter() call make one join, which all the
        # invoices__ expressions below reuse.
        Organisation.objects.filter(
            invoices__network=network, invoices__currency=Currency.USD, invoices__due_on__lt=today
        )
        .alias(
            invoice_balance=ExpressionWrapper(
                F("invoices__amount") - _paid("invoices__pk") - _credited("invoices__pk"),
                output_field=MONEY_FIELD,
            )
        )
        .filter(invoice_balance__gt=0)
        .annotate(
            owed_0_1=owed(Q(invoices__due_on__gte=year_ago)),
            owed_1_2=owed(Q(invoices__due_on__lt=year_ago, invoices__due_on__gte=two_years_ago)),
            owed_2_plus=owed(Q(invoices__due_on__lt=two_years_ago)),
            # The sum of the three buckets, as they share out the invoices past due.
            owed=owed(),
        )
        .order_by("-owed", "name")
    )


def balances(network: Network) -> QuerySet[Organisation]:
    """Every organisation with an invoice in the network, with its totals in USD.

    One query over the network's invoices, grouped by member: an invoice's payments and
    credit notes are summed for `paid` and `credited`, and again for `balance`."""
    in_usd = Q(invoices__currency=Currency.USD)

    def total(of: str | Coalesce | Case) -> Coalesce:
        return Coalesce(Sum(of, filter=in_usd), Value(ZERO), output_field=MONEY_FIELD)

    return (
        Organisation.objects.filter(invoices__network=network)
        .annotate(
            invoiced=total("invoices__amount"),
            paid=total(_paid("invoices__pk")),
            credited=total(_credited("invoices__pk")),
        )
        .annotate(balance=F("invoiced") - F("paid") - F("credited"))
        .order_by("name", "pk")
    )


def fees_fully_paid(network: Network, organisation: Organisation, on: dt.date) -> bool | None:
    """Whether every invoice of the member due by `on` is paid (Statute 2017 Art. 11.5: a
    President candidate "has fully paid membership fees"). None when no invoice was ever
    issued to it: the record cannot tell, and the caller says so rather than guess."""
    invoices = with_balances(
        Invoice.objects.filter(network=network, organisation=organisation, due_on__lte=on)
    )
    if not invoices.exists():
        return None
    return not invoices.filter(balance__gt=0).exists()  # type: ignore[misc]


# --- The list of all invoices ------------------------------------------------------------


class InvoiceStatus:
    """What the list filters by: an invoice's standing, from its balance and due date."""

    UNPAID = "unpaid"  # nothing received or credited yet
    PART_PAID = "part-paid"  # something received or credited, something still owed
    SETTLED = "settled"  # nothing owed
    CHOICES = (UNPAID, PART_PAID, SETTLED)


@dataclass(frozen=True)
class InvoiceFilter:
    """What the invoices page (or its CSV export) asks for; empty values ask for everything.
    `overdue` keeps the invoices with something owed after their due date, judged on `on`."""

    on: dt.date
    year: int | None = None
    status: str = ""
    search: str = ""
    overdue: bool = False


def find_invoices(actor: Any, network: Network, wanted: InvoiceFilter) -> QuerySet[Invoice]:
    """A network's invoices with `paid`, `credited` and `balance`, filtered, newest year
    first then by number. An unknown status is refused with the known ones."""
    require_secretariat(actor)
    # Typed loosely: the type checker knows the model's fields, not the annotations.
    found: Any = with_balances(
        Invoice.objects.filter(network=network).select_related("organisation", "network")
    )
    if wanted.year is not None:
        found = found.filter(year=wanted.year)
    if wanted.status:
        if wanted.status not in InvoiceStatus.CHOICES:
            raise DomainError(
                _("Unknown status '%(status)s'; known statuses: %(known)s.")
                % {"status": wanted.status, "known": ", ".join(InvoiceStatus.CHOICES)}
            )
        if wanted.status == InvoiceStatus.SETTLED:
            found = found.filter(balance__lte=0)
        elif wanted.status == InvoiceStatus.UNPAID:
            found = found.filter(balance__gt=0, paid=0, credited=0)
        else:
            found = found.filter(Q(paid__gt=0) | Q(credited__gt=0), balance__gt=0)
    if wanted.overdue:
        found = found.filter(balance__gt=0, due_on__lt=wanted.on)
    term = wanted.search.strip()
    if term:
        found = found.filter(
            Q(organisation__name__icontains=term)
            | Q(organisation__key__icontains=term)
            | Q(number__icontains=term)
        )
    ordered: QuerySet[Invoice] = found.order_by("-year", "number")
    return ordered


@dataclass(frozen=True)
class InvoiceTotals:
    currency: str
    count: int
    amount: Decimal
    paid: Decimal
    credited: Decimal
    balance: Decimal


def invoice_totals(invoices: Any) -> list[InvoiceTotals]:
    """The sums of a filtered set of invoices, one line per currency (amounts in different
    currencies are never added together)."""
    sums: dict[str, list[Any]] = {}
    for currency, amount, paid, credited, balance in invoices.values_list(
        "currency", "amount", "paid", "credited", "balance"
    ):
        line = sums.setdefault(currency, [0, ZERO, ZERO, ZERO, ZERO])
        line[0] += 1
        for index, value in enumerate((amount, paid, credited, balance), start=1):
            line[index] += Decimal(value)
    cent = Decimal("0.01")
    return [
        InvoiceTotals(
            currency,
            line[0],
            *(Decimal(v).quantize(cent) for v in line[1:]),
        )
        for currency, line in sorted(sums.items())
    ]
