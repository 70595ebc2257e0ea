"""The catalog projects the seeds describe, from `seed_data/projects.yaml`, each citing its
seed passage and carrying only the facts the seed gives.

Two kinds of rows (see the YAML file's head for what is left out, and why):
- the 18 winning projects of the 3rd WeGO Smart Sustainable City Awards (seed 002, "Winners
  of the 3rd WeGO Smart Sustainable City Awards"), published on the day of the Awarding
  Ceremony, each with `award_placement_ref` = the id of its Placement, found through the
  awards module's `published_placements` by organisation and project title. Without the
  awards module the projects are seeded all the same, without the reference; their summary
  says what they won either way;
- the city cases presented at the 4th WeGO General Assembly's sessions (seed 002), published
  on the day of their session.

Each city is looked up in the registry by name and country, as awards/seed.py does; a city
the registry does not know (Novosibirsk; Qingdao and Cape Town when the awards seed has not
added them) is added as an organisation citing seed 002, without a membership: the seed says
the city presented its case, not that it is a member.

Themes are the clusters' (seeded before these by `seed_clusters`); a cluster that does not
exist is skipped with a warning, so the projects load on their own.

Idempotent: a project is known by its network, organisation and title; one that exists is
left as it is, and a second load creates nothing. Demonstration projects come from
`demo_projects`, not from here.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from intercity.core import modules, seed_files
from intercity.knowledge.models import Cluster, Project, ProjectPartner
from intercity.knowledge.services import catalog
from intercity.network.models import Network, Organisation

logger = logging.getLogger(__name__)

SEED_DIR = Path(__file__).resolve().parent / "seed_data"
PROJECTS_FILE = "projects.yaml"

# The texts of the unified format a seed row may fill (the rest stays empty).
TEXT_FIELDS = (
    "summary",
    "background",
    "main_features",
    "technical_details",
    "challenges",
    "figures_and_impact",
    "budget_and_financing",
)
STATUSES = {choice.value for choice in Project.Status}


class SeedProblem(ValueError):
    """A seed file that cannot be loaded as it is: say which row and what."""


@dataclass(frozen=True)
class PartnerRow:
    name: str
    role: str = ""
    organisation_key: str = ""


@dataclass(frozen=True)
class ProjectRow:
    """One project as the seed gives it, ready to be written."""

    city: str
    country: str
    title: str
    source: str
    published_at: dt.datetime
    texts: dict[str, str] = field(default_factory=dict)
    status: str = ""
    themes: tuple[str, ...] = ()
    partners: tuple[PartnerRow, ...] = ()
    # (category code, place) of a winning project of 2017.
    award: tuple[str, str] | None = None
    award_placement_ref: int | None = None


def read(name: str = PROJECTS_FILE) -> dict[str, Any]:
    data = seed_files.read(SEED_DIR / name)
    if not isinstance(data, dict) or not isinstance(data.get("cases"), list):
        raise SeedProblem(f"{name} must hold a mapping with `awards` and `cases`.")
    return data


def published_at(day: Any) -> dt.datetime:
    """The day of the event, at noon UTC: the same calendar day wherever it is read."""
    on = day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day))
    return dt.datetime.combine(on, dt.time(12), tzinfo=dt.UTC)


def rows(network: Network, data: dict[str, Any] | None = None) -> list[ProjectRow]:
    """Every project of the seed file, with its award reference when the awards module is
    installed and has the 2017 placement (found by organisation and project title)."""
    data = data if data is not None else read()
    refs = _placement_refs(network) if modules.is_installed("awards") else None
    found: list[ProjectRow] = []
    for raw in data.get("awards") or []:
        row = _award_row(raw, data)
        if refs is not None:
            organisation = find_city(row.city, row.country)
            ref = refs.get((organisation.pk, row.title)) if organisation else None
            if ref is None:
                logger.warning(
                    "No published placement of %s for '%s': seeded without the reference.",
                    row.city,
                    row.title,
                )
            row = replace(row, award_placement_ref=ref)
        found.append(row)
    found.extend(_case_row(raw) for raw in data["cases"])
    keys = [(row.city, row.country, row.title) for row in found]
    doubled = sorted({key for key in keys if keys.count(key) > 1})
    if doubled:
        raise SeedProblem(f"{PROJECTS_FILE}: projects given twice: {doubled}.")
    return found


def _placement_refs(network: Network) -> dict[tuple[int, str], int]:
    from intercity.awards.services.results import published_placements

    return {
        (placement.organisation_id, placement.project): placement.id
        for placement in published_placements(network_id=network.pk)
        if placement.project
    }


def _texts(raw: dict[str, Any]) -> dict[str, str]:
    unknown = sorted(
        set(raw)
        - set(TEXT_FIELDS)
        - {"city", "country", "title", "source", "also_source", "date", "status", "themes"}
        - {"partners", "award"}
    )
    if unknown:
        raise SeedProblem(f"{PROJECTS_FILE}: '{raw.get('title')}' has unknown fields {unknown}.")
    return {name: " ".join(str(raw[name]).split()) for name in TEXT_FIELDS if raw.get(name)}


def _common(raw: dict[str, Any]) -> dict[str, Any]:
    for required in ("city", "country", "title"):
        if not str(raw.get(required) or "").strip():
            raise SeedProblem(f"{PROJECTS_FILE}: a project has no {required}: {raw}.")
    status = raw.get("status") or ""
    if status and status not in STATUSES:
        raise SeedProblem(f"{PROJECTS_FILE}: '{raw['title']}' has an unknown status {status}.")
    return {
        "city": raw["city"],
        "country": raw["country"],
        "title": raw["title"],
        "status": status,
        "themes": tuple(raw.get("themes") or ()),
        "partners": tuple(
            PartnerRow(p["name"], p.get("role", ""), p.get("organisation", ""))
            for p in raw.get("partners") or ()
        ),
    }


def _award_row(raw: dict[str, Any], data: dict[str, Any]) -> ProjectRow:
    common = _common(raw)
    code, place = raw["award"]
    categories, places = data["award_categories"], data["award_places"]
    if code not in categories or place not in places:
        raise SeedProblem(f"{PROJECTS_FILE}: '{raw['title']}' has an unknown award {code}/{place}.")
    what = f"{places[place]}, {categories[code]}"
    texts = _texts(raw)
    won = f"{what}, {data['awards_edition']}."
    texts["summary"] = f"{won} {texts['summary']}" if texts.get("summary") else won
    source = f"{data['awards_source']} ({what})"
    if raw.get("also_source"):
        source += f"; {raw['also_source']}"
    return ProjectRow(
        **common,
        source=source,
        published_at=published_at(data["awards_on"]),
        texts=texts,
        award=(code, place),
    )


def _case_row(raw: dict[str, Any]) -> ProjectRow:
    common = _common(raw)
    if not str(raw.get("source") or "").startswith("seed 0"):
        raise SeedProblem(f"{PROJECTS_FILE}: '{raw['title']}' cites no seed passage.")
    if not raw.get("date"):
        raise SeedProblem(f"{PROJECTS_FILE}: '{raw['title']}' has no date.")
    return ProjectRow(
        **common, source=raw["source"], published_at=published_at(raw["date"]), texts=_texts(raw)
    )


def find_city(name: str, country: str) -> Organisation | None:
    """The registry's organisation of that name in that country, if there is exactly one."""
    found = list(Organisation.objects.filter(name=name, country=country)[:2])
    if len(found) > 1:
        raise SeedProblem(f"The registry has more than one '{name}' ({country}).")
    return found[0] if found else None


def city(name: str, country: str, source: str, created: Counter[str]) -> Organisation:
    """The registry's organisation for the city, or a new one citing the seed (no
    membership), keyed as awards/seed.py keys the cities it adds."""
    organisation = find_city(name, country)
    if organisation is not None:
        return organisation
    base = slugify(name)[:70] or "city"
    key, n = base, 1
    while Organisation.objects.filter(key=key).exists():
        n += 1
        key = f"{base}-{n}"
    organisation = Organisation.objects.create(
        key=key, name=name, kind=Organisation.Kind.CITY, country=country, source=source[:300]
    )
    created["organisation"] += 1
    return organisation


def load(data: dict[str, Any] | None = None) -> Counter[str]:
    """Create the seed's projects that do not exist yet: {"projects": n, "partners": m, and
    "organisation" for each city added to the registry}."""
    created: Counter[str] = Counter()
    data = data if data is not None else read()
    network = Network.objects.get(slug=data["network"])
    with transaction.atomic():
        for row in rows(network, data):
            _project(network, row, created)
    return created


def _project(network: Network, row: ProjectRow, created: Counter[str]) -> None:
    organisation = city(row.city, row.country, row.source, created)
    if Project.objects.filter(network=network, organisation=organisation, title=row.title).exists():
        return
    project = Project.objects.create(
        network=network,
        organisation=organisation,
        title=row.title,
        language="en",
        status=row.status,
        state=Project.State.PUBLISHED,
        published_at=row.published_at,
        award_placement_ref=row.award_placement_ref,
        source=row.source[:500],
        **row.texts,
    )
    created["projects"] += 1
    for position, partner in enumerate(row.partners):
        ProjectPartner.objects.create(
            project=project,
            name=partner.name,
            role=partner.role,
            organisation=(
                Organisation.objects.filter(key=partner.organisation_key).first()
                if partner.organisation_key
                else None
            ),
            position=position,
        )
        created["partners"] += 1
    themes = list(Cluster.objects.filter(network=network, slug__in=row.themes))
    missing = sorted(set(row.themes) - {theme.slug for theme in themes})
    if missing:
        logger.warning("'%s': no cluster %s yet; the theme is left out.", row.title, missing)
    project.themes.set(themes)
    catalog.refresh_search_text(project)
