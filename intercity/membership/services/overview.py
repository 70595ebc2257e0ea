"""What a person's start page shows of membership: the applications and arrears waiting for
the Secretariat, a member's account in brief, and a country's members and their dues. Each
query answers only what the actor may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Min

from intercity.accounts import permissions
from intercity.membership.models import Application, Invoice
from intercity.membership.services.common import ZERO, can_view_account
from intercity.membership.services.payments import arrears, with_balances
from intercity.network import services as registry
from intercity.network.models import Network, Organisation


@dataclass(frozen=True)
class WaitingApplications:
    network: Network
    count: int
    oldest: dt.datetime


def applications_waiting(actor: Any) -> list[WaitingApplications]:
    """The applications to join that no one has decided yet, per network, the network whose
    oldest application waits longest first. Only the Secretariat decides them (Art. 7.1)."""
    if not permissions.is_secretariat(actor):
        return []
    rows = (
        Application.objects.filter(status=Application.Status.RECEIVED)
        .order_by()
        .values("network")
        .annotate(count=Count("pk"), oldest=Min("submitted_at"))
        .order_by("oldest")
    )
    networks = {network.pk: network for network in Network.objects.all()}
    return [
        WaitingApplications(networks[row["network"]], row["count"], row["oldest"]) for row in rows
    ]


@dataclass(frozen=True)
class NetworkArrears:
    network: Network
    members: int
    owed: Decimal  # USD, past due
    largest: Organisation


def arrears_by_network(actor: Any, today: dt.date) -> list[NetworkArrears]:
    """Per network, how many members owe fees past due and how much (USD), for the
    Secretariat; networks with no arrears are left out."""
    if not permissions.is_secretariat(actor):
        return []
    found = []
    for network in Network.objects.order_by("short_name"):
        rows = list(arrears(network, today))
        if rows:
            found.append(
                NetworkArrears(
                    network,
                    members=len(rows),
                    owed=sum((row.owed for row in rows), start=ZERO),  # type: ignore[attr-defined]
                    largest=rows[0],
                )
            )
    return found


@dataclass(frozen=True)
class AccountSummary:
    network: Network
    organisation: Organisation
    open_invoices: int
    overdue_invoices: int
    balance_by_currency: dict[str, Decimal]
    oldest_due: dt.date | None  # the due date of the oldest invoice still open


def account_summary(
    actor: Any, network: Network, organisation: Organisation, today: dt.date
) -> AccountSummary | None:
    """A member's account in a few figures: its open invoices and what it owes, for those
    who may see the account (its officers, the Secretariat); None for anyone else."""
    if not can_view_account(actor, organisation):
        return None
    open_invoices = list(
        with_balances(Invoice.objects.filter(network=network, organisation=organisation))
        .filter(balance__gt=0)  # type: ignore[misc]
        .order_by("due_on", "pk")
    )
    owed: dict[str, Decimal] = {}
    for invoice in open_invoices:
        owed[invoice.currency] = owed.get(invoice.currency, ZERO) + invoice.balance  # type: ignore[attr-defined]
    return AccountSummary(
        network=network,
        organisation=organisation,
        open_invoices=len(open_invoices),
        overdue_invoices=sum(1 for invoice in open_invoices if invoice.due_on < today),
        balance_by_currency=owed,
        oldest_due=open_invoices[0].due_on if open_invoices else None,
    )


@dataclass(frozen=True)
class MemberDues:
    organisation: Organisation
    owed: Decimal  # USD past due
    open_invoices: int


def country_members_dues(
    actor: Any, network: Network, country: str, today: dt.date
) -> list[MemberDues]:
    """The current members of a network in one country with what each owes past due (USD),
    for a national representative of that network (or the Secretariat)."""
    allowed = permissions.is_secretariat(actor) or any(
        network_id in (None, network.pk)
        for network_id, _organisation in permissions.national_representative_grants(actor)
    )
    if not allowed or not country:
        return []
    periods = registry.members(
        network, registry.MemberFilter(on=today, status=registry.CURRENT, country=country)
    )
    members = [period.membership.organisation for period in periods]
    behind = {row.pk: row.owed for row in arrears(network, today).filter(country=country)}  # type: ignore[attr-defined]
    open_counts: dict[int, int] = {}
    for organisation_id in (
        with_balances(Invoice.objects.filter(network=network, organisation__in=members))
        .filter(balance__gt=0)  # type: ignore[misc]
        .values_list("organisation_id", flat=True)
    ):
        open_counts[organisation_id] = open_counts.get(organisation_id, 0) + 1
    return [
        MemberDues(
            organisation,
            owed=behind.get(organisation.pk, ZERO),
            open_invoices=open_counts.get(organisation.pk, 0),
        )
        for organisation in members
    ]
