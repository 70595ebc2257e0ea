"""Who represents whom in the ASCN: stub until the representation branch lands (the lead keeps
the real one at the merge)."""

from __future__ import annotations

from typing import Any


def represented_states(user: Any, network: Any) -> set[str]:
    """The ASEAN Member States (ISO alpha-2 codes) the user is National Representative of in
    the network: stub until the representation branch lands."""
    return set()


def csco_cities(user: Any, network: Any) -> set[int]:
    """The cities (organisation ids) the user is Chief Smart City Officer of in the network:
    stub until the representation branch lands."""
    return set()
