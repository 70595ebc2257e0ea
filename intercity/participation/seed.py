"""Load the demo jurisdiction of the Civic Participation System (Seoul) with its
departments and services. Idempotent: an existing jurisdiction is left as it is.
Generated demo reports come from the `demo_reports` command, not from here, so tests and
`make test` start without them."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from intercity.core import seed_files
from intercity.network.models import Organisation
from intercity.participation import services
from intercity.participation.models import Department, Jurisdiction, Service

SEED_DIR = Path(__file__).resolve().parent / "seed_data"


def _d(value: Any) -> Decimal:
    return Decimal(str(value))


def _translations(row: dict[str, Any], *fields: str) -> dict[str, str]:
    """`name_ko=...` and the like from a row's per-language maps (`ko: {name: ...}`)."""
    found = {}
    for code, _name in settings.LANGUAGES:
        texts = row.get(code) or {}
        for field in fields:
            if texts.get(field):
                found[f"{field}_{code.replace('-', '_')}"] = str(texts[field])
    return found


def load() -> Counter[str]:
    created: Counter[str] = Counter()
    rows = seed_files.read(SEED_DIR / "jurisdictions.yaml") or []
    with transaction.atomic():
        for row in rows:
            if Jurisdiction.objects.filter(slug=row["slug"]).exists():
                continue
            bounds = row["bounds"]
            jurisdiction = Jurisdiction.objects.create(
                organisation=Organisation.objects.get(key=row["organisation"]),
                slug=row["slug"],
                name=row["name"],
                **_translations(row, "name"),
                time_zone=row.get("time_zone", "UTC"),
                languages=row.get("languages", []),
                centre_latitude=_d(row["centre"][0]),
                centre_longitude=_d(row["centre"][1]),
                **{k: _d(v) for k, v in bounds.items()},
            )
            created["jurisdiction"] += 1
            services.install_default_workflow(jurisdiction)
            departments = {
                d["name"]: Department.objects.create(
                    jurisdiction=jurisdiction,
                    name=d["name"],
                    email=d.get("email", ""),
                    **_translations(d, "name"),
                )
                for d in row.get("departments", [])
            }
            created["department"] += len(departments)
            for n, s in enumerate(row.get("services", [])):
                Service.objects.create(
                    jurisdiction=jurisdiction,
                    code=s["code"],
                    name=s["name"],
                    group=s.get("group", ""),
                    description=s.get("description", ""),
                    department=departments.get(s.get("department", "")),
                    target_hours=s.get("target_hours"),
                    keywords=s.get("keywords", []),
                    position=n,
                    **_translations(s, "name", "group", "description"),
                )
                created["service"] += 1
    return created
