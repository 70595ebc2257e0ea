"""Load the plans module's seeds (seed 004): the ASCN's representation rules, the focus areas
seed 004 names, and the network's timeline. Idempotent."""

from __future__ import annotations

from collections import Counter

from intercity.plans import seed_plans, seed_representation, seed_timeline


def load() -> Counter[str]:
    created: Counter[str] = Counter()
    for part in (seed_representation, seed_plans, seed_timeline):
        created.update(part.load())
    return created
