"""Load the awards of the seeds: the 3rd WeGO Smart Sustainable City Awards (2017, seed 002)
as a finished, published edition."""

from __future__ import annotations

from collections import Counter


def load() -> Counter[str]:
    return Counter()
