"""The yearly invoicing run and the numbering of invoices and credit notes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import (
    QuerySet,
)
from django.utils import translation
from django.utils.translation import gettext as _

from intercity.core import audit
from intercity.core.bounds import check_date, check_year
from intercity.core.errors import DomainError
from intercity.membership import rules
from intercity.membership.models import (
    Figure,
    Invoice,
    NumberCounter,
    PaymentInstructions,
)
from intercity.membership.services.common import (
    require_secretariat,
)
from intercity.membership.services.fees import FeeRecords, schedules_for
from intercity.network import services as registry
from intercity.network.models import (
    MembershipPeriod,
    MembershipStatus,
    Network,
    Organisation,
)

# --- Invoices, payments, credit notes --------------------------------------------------


@dataclass(frozen=True)
class LeftOut:
    """A member the run could not invoice: why, in a sentence, and each figure it lacks."""

    organisation: Organisation
    category: str
    explanation: str
    needed: tuple[rules.NeededFigure, ...] = ()

    @property
    def importable(self) -> tuple[rules.NeededFigure, ...]:
        """The lacking figures the figures import can bring (not the employee count, which
        is kept on the organisation's profile)."""
        return tuple(n for n in self.needed if n.measure in Figure.Measure.values)


@dataclass
class InvoicingRun:
    year: int
    created: list[Invoice] = field(default_factory=list)
    already_invoiced: int = 0
    waived: list[tuple[Organisation, str]] = field(default_factory=list)
    cannot_compute: list[tuple[Organisation, str]] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)


def billable_periods(network: Network, on: dt.date) -> QuerySet[MembershipPeriod]:
    return (
        registry.members(network, registry.MemberFilter(on=on))
        .filter(category__billable=True)
        .exclude(status=MembershipStatus.WITHDRAWN)
    )


def _stored_explanation(facts: rules.FeeFacts, schedules: list[rules.FeeSchedule]) -> str:
    """How the fee was computed, as the invoice keeps it: written once, when the invoice is
    issued, in the network's official language (English, Statute 2017), whatever language
    the person running the invoicing reads the page in."""
    with translation.override(settings.LANGUAGE_CODE):
        return rules.quote_fee(facts, schedules).explanation


def run_invoicing(actor: Any, network: Network, year: int, issued_on: dt.date) -> InvoicingRun:
    """Invoice every fee-paying member for `year`. Running it again creates nothing new."""
    require_secretariat(actor)
    check_year(year)
    check_date(issued_on, "issued_on")
    run = InvoicingRun(year=year)
    with transaction.atomic():
        # The year's counter row is locked first: a second run of the same year waits here,
        # then sees the invoices the first one made and adds none of them again.
        sequence = take_numbers(
            network,
            NumberCounter.Kind.INVOICE,
            year,
            0,
            existing=lambda: Invoice.objects.filter(network=network, year=year).count(),
        )
        invoiced = set(
            Invoice.objects.filter(network=network, year=year).values_list(
                "organisation_id", flat=True
            )
        )
        schedules = schedules_for(network)
        periods = [
            p
            for p in billable_periods(network, issued_on)
            if p.membership.organisation_id not in invoiced
        ]
        run.already_invoiced = len(invoiced)
        records = FeeRecords(network, [p.membership.organisation for p in periods])
        new: list[Invoice] = []
        for period in periods:
            organisation = period.membership.organisation
            facts = records.facts(organisation, year, period.category.slug)
            quote = rules.quote_fee(facts, schedules)
            if not quote.computable:
                run.cannot_compute.append((organisation, quote.explanation))
                run.left_out.append(
                    LeftOut(organisation, period.category.slug, quote.explanation, quote.needed)
                )
                continue
            if quote.waived or not quote.amount:
                run.waived.append((organisation, quote.explanation))
                continue
            sequence += 1
            new.append(
                Invoice(
                    network=network,
                    organisation=organisation,
                    year=year,
                    number=f"{network.slug.upper()}-{year}-{sequence:05d}",
                    category=period.category.slug,
                    amount=quote.amount,
                    currency=quote.currency,
                    issued_on=issued_on,
                    due_on=dt.date(year, 12, 31),
                    explanation=_stored_explanation(facts, schedules),
                    basis=quote.basis,
                    created_by=actor if getattr(actor, "is_authenticated", False) else None,
                )
            )
        if new:
            NumberCounter.objects.filter(
                network=network, kind=NumberCounter.Kind.INVOICE, year=year
            ).update(last=sequence)
        run.created = Invoice.objects.bulk_create(new, batch_size=1000)
        audit.record(
            actor,
            "run_invoicing",
            network,
            after={
                "year": year,
                "created": len(run.created),
                "already_invoiced": run.already_invoiced,
                "waived": len(run.waived),
                "cannot_compute": len(run.cannot_compute),
            },
        )
    return run


def left_out(actor: Any, network: Network, year: int, on: dt.date) -> list[LeftOut]:
    """The members a run of `year` on `on` would leave out for want of figures, each with
    the figures it lacks: what the missing-figures export lists. Reads only; the members
    already invoiced for the year are not listed."""
    require_secretariat(actor)
    check_year(year)
    check_date(on, "on")
    invoiced = set(
        Invoice.objects.filter(network=network, year=year).values_list("organisation_id", flat=True)
    )
    periods = [
        p for p in billable_periods(network, on) if p.membership.organisation_id not in invoiced
    ]
    schedules = schedules_for(network)
    records = FeeRecords(network, [p.membership.organisation for p in periods])
    found: list[LeftOut] = []
    for period in periods:
        organisation = period.membership.organisation
        quote = rules.quote_fee(records.facts(organisation, year, period.category.slug), schedules)
        if not quote.computable:
            found.append(
                LeftOut(organisation, period.category.slug, quote.explanation, quote.needed)
            )
    return found


def take_numbers(
    network: Network, kind: str, year: int, how_many: int, *, existing: Callable[[], int]
) -> int:
    """Lock the counter of `kind` for the network and year (made on first use, from the
    `existing` count of documents numbered before counters were kept), move it on by
    `how_many`, and return the last number given before. Call it inside a transaction."""
    NumberCounter.objects.get_or_create(
        network=network, kind=kind, year=year, defaults={"last": existing()}
    )
    counter = NumberCounter.objects.select_for_update().get(network=network, kind=kind, year=year)
    last = counter.last
    if how_many:
        counter.last = last + how_many
        counter.save(update_fields=["last"])
    return last


def set_payment_instructions(
    actor: Any, network: Network, text: str, source: str = ""
) -> PaymentInstructions:
    """Record how the network's members pay (printed on its invoices); replaces the last."""
    require_secretariat(actor)
    if not text.strip():
        raise DomainError(_("Write the payment instructions (bank, account, reference to quote)."))
    with transaction.atomic():
        before = (
            PaymentInstructions.objects.select_for_update()
            .filter(network=network)
            .values_list("text", flat=True)
            .first()
        )
        instructions, _created = PaymentInstructions.objects.update_or_create(
            network=network, defaults={"text": text.strip(), "source": source}
        )
        audit.record(
            actor,
            "set_payment_instructions",
            instructions,
            before={"text": before} if before is not None else None,
            after={"text": instructions.text},
        )
    return instructions


def payment_instructions(network: Network) -> str:
    """The network's payment instructions, or "" when none are recorded."""
    return (
        PaymentInstructions.objects.filter(network=network).values_list("text", flat=True).first()
        or ""
    )
