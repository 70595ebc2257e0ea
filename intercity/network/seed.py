"""Load the real networks from the readable YAML files in `seed_data/`.

Idempotent: a row that exists is left as it is (the Secretariat may have edited it), so a
second load creates nothing and changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction

from intercity.core import seed_files
from intercity.network import rules, services
from intercity.network.models import (
    Body,
    Mandate,
    MembershipCategory,
    Network,
    Organisation,
    Person,
    PersonRole,
    Region,
    RegionalOffice,
    ReportedTotal,
)

SEED_DIR = Path(__file__).resolve().parent / "seed_data"


def read(relative: str) -> list[dict[str, Any]]:
    path = SEED_DIR / relative
    if not path.exists():
        return []
    data = seed_files.read(path) or []
    if not isinstance(data, list):
        raise ValueError(f"{path} must hold a list of records.")
    return data


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _right(item: dict[str, Any], key: str) -> bool | None:
    """A category's right: true, false, or None where the source defines none (null)."""
    value = item.get(key, False)
    return None if value is None else bool(value)


def _source(record: dict[str, Any]) -> str:
    return _text(record.get("source"))[:300]


def load_networks(created: Counter[str]) -> dict[str, Network]:
    networks: dict[str, Network] = {}
    for record in read("networks.yaml"):
        network, made = Network.objects.get_or_create(
            slug=record["slug"],
            defaults={
                "name": record["name"],
                "short_name": _text(record.get("short_name")),
                "description": _text(record.get("description")),
                "seat": _text(record.get("seat")),
                "founded_on": _date(record.get("founded_on")),
                "source": _source(record),
            },
        )
        created["network"] += made
        networks[network.slug] = network
        for position, item in enumerate(record.get("categories") or []):
            _, made = MembershipCategory.objects.get_or_create(
                network=network,
                slug=item["slug"],
                defaults={
                    "name": item["name"],
                    "may_vote": _right(item, "may_vote"),
                    "may_hold_office": _right(item, "may_hold_office"),
                    "description": _text(item.get("description")),
                    "article": _text(item.get("article"))[:120],
                    "eligible_kinds": list(item.get("eligible_kinds") or []),
                    "billable": bool(item.get("billable")),
                    "position": position,
                },
            )
            created["category"] += made
        for position, item in enumerate(record.get("regions") or []):
            _, made = Region.objects.get_or_create(
                network=network,
                slug=item["slug"],
                defaults={"name": item["name"], "position": position},
            )
            created["region"] += made
        for position, item in enumerate(record.get("bodies") or []):
            _, made = Body.objects.get_or_create(
                network=network,
                slug=item["slug"],
                defaults={
                    "name": item["name"],
                    "kind": item.get("kind", Body.Kind.COMMITTEE),
                    "description": _text(item.get("description")),
                    "article": _text(item.get("article"))[:120],
                    "position": position,
                },
            )
            created["body"] += made
        if not network.reported_totals.exists():
            for position, item in enumerate(record.get("reported_totals") or []):
                ReportedTotal.objects.create(
                    network=network,
                    figure=int(item["figure"]),
                    counts=_text(item["counts"])[:200],
                    as_of=_date(item["as_of"]) or dt.date.min,
                    organisation_kind=_text(item.get("organisation_kind")),
                    categories=[str(c) for c in item.get("categories") or []],
                    quote=_text(item.get("quote"))[:300],
                    note=_text(item.get("note")),
                    source=_source(item),
                    position=position,
                )
                created["reported total"] += 1
    return networks


def load_organisations(created: Counter[str]) -> dict[str, Organisation]:
    for record in read("organisations.yaml"):
        term_start, term_end = rules.parse_incumbent_term(_text(record.get("incumbent_term")))
        languages = record.get("official_languages") or []
        if isinstance(languages, str):
            languages = [languages]
        area = record.get("area_km2")
        _, made = Organisation.objects.get_or_create(
            key=record["key"],
            defaults={
                "name": record["name"],
                "kind": record.get("kind", Organisation.Kind.CITY),
                "country": _text(record.get("country")).upper(),
                "official_name": _text(record.get("official_name")),
                "administering_body": _text(record.get("administering_body")),
                "leader_name": _text(record.get("leader_name")),
                "leader_title": _text(record.get("leader_title")),
                "incumbent_term_start": term_start,
                "incumbent_term_end": term_end,
                "area_km2": Decimal(str(area)) if area not in (None, "") else None,
                "population": record.get("population"),
                "population_year": record.get("population_year"),
                "official_languages": [str(language) for language in languages],
                "website": _text(record.get("website")),
                "employees": record.get("employees"),
                "description": _text(record.get("description")),
                "source": _source(record),
            },
        )
        created["organisation"] += made
    return {o.key: o for o in Organisation.objects.all()}


def _organisation(organisations: dict[str, Organisation], key: str, where: str) -> Organisation:
    try:
        return organisations[key]
    except KeyError:
        raise ValueError(f"{where} names organisation '{key}', not in organisations.yaml") from None


def load_memberships(
    network: Network, organisations: dict[str, Organisation], created: Counter[str]
) -> None:
    regions = {r.slug: r for r in network.regions.all()}
    for record in read(f"{network.slug}/memberships.yaml"):
        organisation = _organisation(organisations, record["organisation"], "memberships")
        if network.memberships.filter(organisation=organisation, periods__isnull=False).exists():
            continue
        region = regions.get(_text(record.get("region")))
        for row in sorted(record["history"], key=lambda r: _date(r["on"]) or dt.date.min):
            services.change_membership(
                None,
                network,
                organisation,
                services.MembershipChange(
                    category=row["category"],
                    status=row.get("status", "active"),
                    valid_from=_date(row["on"]) or dt.date.min,
                    date_basis=row.get("date_basis", "exact"),
                    end_reason=_text(row.get("end_reason")),
                    evidence=_text(row.get("evidence"))[:300],
                    decision_reference=_text(row.get("decision"))[:300],
                    source=_source(row),
                    conflict=_text(row.get("conflict"))[:300],
                ),
                region=region,
            )
            created["membership period"] += 1


def load_offices(
    network: Network, organisations: dict[str, Organisation], created: Counter[str]
) -> None:
    bodies = {b.slug: b for b in network.bodies.all()}
    for record in read(f"{network.slug}/offices.yaml"):
        start = _date(record.get("start"))
        if start is None:
            raise ValueError(f"offices.yaml: a mandate of {record['organisation']} has no start")
        _, made = Mandate.objects.get_or_create(
            body=bodies[record["body"]],
            organisation=_organisation(organisations, record["organisation"], "offices"),
            office=record["office"],
            start=start,
            defaults={"end": _date(record.get("end")), "source": _source(record)},
        )
        created["mandate"] += made


def load_regional_offices(
    network: Network, organisations: dict[str, Organisation], created: Counter[str]
) -> None:
    regions = {r.slug: r for r in network.regions.all()}
    for record in read(f"{network.slug}/regional_offices.yaml"):
        staff = record.get("staff") or []
        _, made = RegionalOffice.objects.get_or_create(
            network=network,
            region=regions[record["region"]],
            host=_organisation(organisations, record["host"], "regional_offices"),
            defaults={
                "name": record["name"],
                "term_start": _date(record.get("term_start")),
                "term_end": _date(record.get("term_end")),
                "director": _text(record.get("director")),
                "staff": [str(s) for s in staff],
                "source": _source(record),
            },
        )
        created["regional office"] += made


def load_people(
    networks: dict[str, Network], organisations: dict[str, Organisation], created: Counter[str]
) -> None:
    for record in read("people.yaml"):
        organisation = (
            _organisation(organisations, record["organisation"], "people")
            if record.get("organisation")
            else None
        )
        person, made = Person.objects.get_or_create(
            name=record["name"],
            organisation=organisation,
            defaults={"honorific": _text(record.get("honorific")), "source": _source(record)},
        )
        created["person"] += made
        if record.get("role"):
            _, made = PersonRole.objects.get_or_create(
                person=person,
                role=record["role"],
                network=networks.get(_text(record.get("network"))),
                organisation=organisation,
                defaults={
                    "title": _text(record.get("title"))[:250],
                    "start": _date(record.get("start")),
                    "end": _date(record.get("end")),
                    "source": _source(record),
                },
            )
            created["person role"] += made


def load_coordinates(organisations: dict[str, Organisation], created: Counter[str]) -> None:
    """Place the seed's cities from coordinates.yaml (GeoNames, written by
    scripts/geo/locate_members.py). Only an organisation not placed yet is placed, so a
    position the Secretariat corrected stays as it is."""
    for record in read("coordinates.yaml"):
        organisation = _organisation(organisations, record["organisation"], "coordinates.yaml")
        updated = Organisation.objects.filter(
            pk=organisation.pk, latitude__isnull=True, longitude__isnull=True
        ).update(
            latitude=Decimal(str(record["latitude"])),
            longitude=Decimal(str(record["longitude"])),
            coordinates_source=_text(record.get("source"))[:200],
        )
        created["organisation placed"] += updated


TRANSLATION_LANGUAGES = ("ko", "zh_hans", "ru", "es")


def _translate(obj: Any, field: str, texts: dict[str, str] | None, created: Counter[str]) -> None:
    """Write the seed's translations of one field where the column is still empty, so that a
    translation the Secretariat wrote in the admin is never overwritten by a later seed."""
    changes = {
        f"{field}_{language}": str(text)
        for language, text in (texts or {}).items()
        if language in TRANSLATION_LANGUAGES and text and not getattr(obj, f"{field}_{language}")
    }
    if changes:
        for name, value in changes.items():
            setattr(obj, name, value)
        obj.save(update_fields=list(changes))
        created["translation"] += len(changes)


def load_translations(created: Counter[str]) -> None:
    """seed_data/translations.yaml: the registry's texts in Korean, Chinese, Russian, Spanish."""
    path = SEED_DIR / "translations.yaml"
    data = seed_files.read(path) or {}
    for slug, record in (data.get("networks") or {}).items():
        network = Network.objects.get(slug=slug)
        for field in ("name", "short_name", "description"):
            _translate(network, field, record.get(field), created)
        related = (("categories", network.categories), ("bodies", network.bodies))
        for key, manager in related:
            for item_slug, item in (record.get(key) or {}).items():
                row = manager.get(slug=item_slug)
                for field in ("name", "description"):
                    _translate(row, field, item.get(field), created)
        for region_slug, names in (record.get("regions") or {}).items():
            _translate(network.regions.get(slug=region_slug), "name", names, created)
    for slug, offices in (data.get("regional_offices") or {}).items():
        for host, names in offices.items():
            for office in RegionalOffice.objects.filter(network__slug=slug, host__key=host):
                _translate(office, "name", names, created)
    for key, names in (data.get("organisations") or {}).items():
        _translate(Organisation.objects.get(key=key), "name", names, created)


def load() -> Counter[str]:
    created: Counter[str] = Counter()
    with transaction.atomic():
        networks = load_networks(created)
        organisations = load_organisations(created)
        for network in networks.values():
            load_memberships(network, organisations, created)
            load_offices(network, organisations, created)
            load_regional_offices(network, organisations, created)
        load_people(networks, organisations, created)
        load_coordinates(organisations, created)
        load_translations(created)
    return created
