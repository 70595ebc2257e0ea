"""Load the exchange module's seeds: what the seeds record of matchmaking (seed 002: the 23
meetings of the 4th General Assembly) and of the exchange programme (seed 001). Idempotent."""

from __future__ import annotations

from collections import Counter

from intercity.exchange import seed_matchmaking, seed_needs


def load() -> Counter[str]:
    created: Counter[str] = Counter()
    created.update(seed_needs.load())
    created.update(seed_matchmaking.load())
    return created
