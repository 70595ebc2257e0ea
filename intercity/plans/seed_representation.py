"""Seeds of the representation part, each row citing its seed passage. Idempotent."""

from __future__ import annotations

from collections import Counter


def load() -> Counter[str]:
    return Counter()
