"""Demonstration data of the representation part for `make run`, marked as such."""

from __future__ import annotations

from collections import Counter


def load() -> Counter[str]:
    return Counter()
