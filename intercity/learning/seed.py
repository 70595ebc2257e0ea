"""Load the learning module's seeds (seeds 001 and 003). Idempotent."""

from __future__ import annotations

from collections import Counter

from intercity.learning import seed_projects, seed_training


def load() -> Counter[str]:
    created: Counter[str] = Counter()
    for part in (seed_training, seed_projects):
        created.update(part.load())
    return created
