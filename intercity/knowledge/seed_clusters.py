"""The thematic clusters of seed 002 with their lead cities (to be written)."""

from collections import Counter


def load() -> Counter[str]:
    return Counter()
