"""Load the knowledge module's seeds: the 17 Sustainable Development Goals a project can
serve, the thematic clusters of seed 002 with their lead cities (`seed_clusters`), and the
catalog's projects that the seeds describe, each citing its passage (`seed_projects`).

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


def load_sdgs() -> int:
    data = seed_files.read(SEED_DIR / "sdgs.yaml")
    created = 0
    for number, name in data["goals"].items():
        _, made = Sdg.objects.get_or_create(number=int(number), defaults={"name": name})
        created += made
    return created


@transaction.atomic
def load() -> Counter[str]:
    """What was created, by kind: the seed command prints it."""
    created: Counter[str] = Counter()
    created["SDGs"] += load_sdgs()
    created.update(seed_clusters.load())
    created.update(seed_projects.load())
    return created
