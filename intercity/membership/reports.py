"""The financial report (seed 003, Agenda 4). Placeholder until the report is built."""

from __future__ import annotations

from collections import Counter

from intercity.network.models import Network


def load_finance(network: Network) -> Counter[str]:
    """Load the report's seeded figures for a network; returns what it created."""
    return Counter()
