"""The catalog projects the seeds describe (to be written)."""

from collections import Counter


def load() -> Counter[str]:
    return Counter()
