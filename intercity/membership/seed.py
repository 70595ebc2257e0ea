"""Load WeGO's fee schedules (Statute 2017 Annexes 1-3), the GA-host waiver of Makati, the
2012/2013 fee payments as billed (seed 001), and the financial report's figures (seed 003),
which `reports` also reads for the totals the handbook prints.

Idempotent: existing rows are left as they are.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction

from intercity.core import seed_files
from intercity.membership.models import (
    Contribution,
    Expenditure,
    FeeSchedule,
    Invoice,
    Payment,
    ReportedCollection,
    Waiver,
)
from intercity.membership.rules import cents, optional_cents
from intercity.network.models import Network, Organisation

SEED_DIR = Path(__file__).resolve().parent / "seed_data"

# 001 reports both years' payments in its financial report of the EXCOM of 2013-09-03 and
# gives no payment dates, so that report date is the one date the seed supports.
REPORTED_BY = dt.date(2013, 9, 3)


def read(relative: str) -> list[dict[str, Any]]:
    path = SEED_DIR / relative
    if not path.exists():
        return []
    return list(seed_files.read(path) or [])


def load_fee_schedules(network: Network, created: Counter[str]) -> None:
    for table in read(f"{network.slug}/fee_schedules.yaml"):
        _, made = FeeSchedule.objects.get_or_create(
            network=network,
            category=table["category"],
            effective_year=table["effective_year"],
            defaults={
                "version": table["version"],
                "annex": table.get("annex", ""),
                "basis": table["basis"],
                "table": {"rows": table["rows"], "columns": table.get("columns", [])},
                "currency": table.get("currency", "USD"),
                "source": table.get("source", ""),
            },
        )
        created["fee schedule"] += made


def load_waivers(network: Network, created: Counter[str]) -> None:
    for row in read(f"{network.slug}/waivers.yaml"):
        _, made = Waiver.objects.get_or_create(
            network=network,
            organisation=Organisation.objects.get(key=row["organisation"]),
            first_year=row["first_year"],
            defaults={
                "last_year": row["last_year"],
                "reason": row["reason"],
                "source": row.get("source", ""),
            },
        )
        created["waiver"] += made


def load_billed_payments(network: Network, created: Counter[str]) -> None:
    """Supplementary Art. 2: 2012-2014 fees followed older criteria, so the amounts are
    recorded as billed and paid, never recomputed from the Annexes."""
    for row in read(f"{network.slug}/fee_payments_2012_2013.yaml"):
        organisation = Organisation.objects.get(key=row["organisation"])
        amount = Decimal(str(row["amount"]))
        invoice, made = Invoice.objects.get_or_create(
            network=network,
            organisation=organisation,
            year=row["year"],
            defaults={
                "number": f"{network.slug.upper()}-{row['year']}-{organisation.key}",
                "category": "full",
                "amount": amount,
                "currency": row["currency"],
                "issued_on": dt.date(row["year"], 1, 1),
                "due_on": dt.date(row["year"], 12, 31),
                "explanation": (
                    "As billed under the criteria before 2015 (Statute 2017 Supplementary "
                    "Art. 2); not recomputed."
                ),
                "source": row.get("source", ""),
            },
        )
        created["invoice"] += made
        if made:
            Payment.objects.create(
                invoice=invoice,
                received_on=REPORTED_BY,
                amount=amount,
                currency=row["currency"],
                exchange_rate=Decimal(1),
                amount_applied=amount,
                source=f"{row.get('source', '')}; reported paid by {REPORTED_BY.isoformat()}",
            )
            created["payment"] += 1


# --- The financial report's figures (seed 003) ------------------------------------------


def finance_data(network: Network) -> dict[str, Any]:
    path = SEED_DIR / network.slug / "finance.yaml"
    if not path.exists():
        return {}
    return dict(seed_files.read(path) or {})


def _date(value: object) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def load_finance(network: Network) -> Counter[str]:
    """Load the report's seeded figures for a network; returns what it created.

    Idempotent: a row already there is left as it is.
    """
    data = finance_data(network)
    created: Counter[str] = Counter()
    with transaction.atomic():
        for row in data.get("collections") or []:
            _, made = ReportedCollection.objects.get_or_create(
                network=network,
                year=row["year"],
                defaults={
                    "amount_usd": cents(row["amount_usd"]),
                    "amount_krw_thousands": optional_cents(row.get("amount_krw_thousands")),
                    "complete": bool(row.get("complete", True)),
                    "source": row["source"],
                },
            )
            created["reported collection"] += made
        for row in data.get("contributions") or []:
            _, made = Contribution.objects.get_or_create(
                network=network,
                organisation=Organisation.objects.get(key=row["organisation"]),
                year=row["year"],
                defaults={
                    "amount_krw_thousands": cents(row["amount_krw_thousands"]),
                    "amount_usd_estimated": optional_cents(row.get("amount_usd_estimated")),
                    "budget": bool(row.get("budget", False)),
                    "source": row["source"],
                },
            )
            created["contribution"] += made
        for row in data.get("expenditures") or []:
            _, made = Expenditure.objects.get_or_create(
                network=network,
                year=row["year"],
                category=row["category"],
                defaults={
                    "items": "\n".join(row.get("items") or []),
                    "approved_krw_thousands": cents(row["approved_krw_thousands"]),
                    "approved_usd_estimated": optional_cents(row.get("approved_usd_estimated")),
                    "actual_krw_thousands": optional_cents(row.get("actual_krw_thousands")),
                    "actual_usd_estimated": optional_cents(row.get("actual_usd_estimated")),
                    "actual_as_of": _date(row.get("actual_as_of")),
                    "source": row["source"],
                },
            )
            created["expenditure"] += made
    return created


def load() -> Counter[str]:
    created: Counter[str] = Counter()
    with transaction.atomic():
        for network in Network.objects.all():
            load_fee_schedules(network, created)
            load_waivers(network, created)
            load_billed_payments(network, created)
            created.update(load_finance(network))
    return created
