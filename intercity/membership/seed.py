"""Load WeGO's fee schedules (Statute 2017 Annexes 1-3), the GA-host waiver of Makati, the
2012/2013 fee payments as billed (seed 001), and the financial report's figures (seed 003).

Idempotent: existing rows are left as they are.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from intercity.membership import reports
from intercity.membership.models import FeeSchedule, Invoice, Payment, Waiver
from intercity.network.models import Network, Organisation

SEED_DIR = Path(__file__).resolve().parent / "seed_data"

# 001 reports both years' payments in its financial report of the EXCOM of 2013-09-03 and
# gives no payment dates, so that report date is the one date the seed supports.
REPORTED_BY = dt.date(2013, 9, 3)


def read(relative: str) -> list[dict[str, Any]]:
    path = SEED_DIR / relative
    if not path.exists():
        return []
    return list(yaml.safe_load(path.read_text(encoding="utf-8")) or [])


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


def load() -> Counter[str]:
    created: Counter[str] = Counter()
    with transaction.atomic():
        for network in Network.objects.all():
            load_fee_schedules(network, created)
            load_waivers(network, created)
            load_billed_payments(network, created)
            created.update(reports.load_finance(network))
    return created
