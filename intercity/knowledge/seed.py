"""Load the knowledge module's seeds: the 17 Sustainable Development Goals a project can
serve (their names translated from `seed_data/translations/<lang>/sdgs.yaml`), the thematic
clusters of seed 002 with their lead cities (`seed_clusters`), and the catalog's projects that
the seeds describe, each citing its passage (`seed_projects`).

Idempotent: what exists is left as it is; a second load creates nothing.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from django.db import transaction

from intercity.core import seed_files
from intercity.knowledge import seed_clusters, seed_projects
from intercity.knowledge.models import Sdg

SEED_DIR = Path(__file__).resolve().parent / "seed_data"


def load_sdgs(folder: Path | None = None) -> Counter[str]:
    """The 17 goals, with their names in each language of
    `seed_data/translations/<lang>/sdgs.yaml` (filling only the columns still empty, so a
    translation corrected in the admin stays)."""
    data = seed_files.read(SEED_DIR / "sdgs.yaml")
    goals = {int(number): name for number, name in data["goals"].items()}
    copies = seed_clusters.translations(set(goals), "sdgs.yaml", "goals", folder)
    created: Counter[str] = Counter()
    for number, name in goals.items():
        words = {
            suffix: {int(k): v for k, v in names.items()}[number]
            for suffix, names in copies.items()
        }
        sdg, made = Sdg.objects.get_or_create(
            number=number,
            defaults={
                "name": name,
                "name_en": name,
                **{f"name_{suffix}": text for suffix, text in words.items()},
            },
        )
        created["SDGs"] += made
        if not made:
            seed_clusters.fill_empty(sdg, "name", words, created)
    return created


@transaction.atomic
def load() -> Counter[str]:
    """What was created, by kind: the seed command prints it."""
    created: Counter[str] = Counter()
    created.update(load_sdgs())
    created.update(seed_clusters.load())
    created.update(seed_projects.load())
    return created
