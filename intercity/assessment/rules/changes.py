"""Comparison over the years.

Part of the self-assessment rules (`assessment.rules`): pure, exact, no ORM."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

# --- Comparison over years ---------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    section: str
    before: Fraction | None
    after: Fraction | None

    @property
    def delta(self) -> Fraction | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


def compare(
    earlier: Mapping[str, Fraction | None],
    later: Mapping[str, Fraction | None],
    section_map: Mapping[str, str] | None = None,
) -> list[Change]:
    """Section scores of a later result against an earlier one of the same version, or of an
    earlier version through the later version's documented map (new slug -> old slug)."""
    mapping = section_map or {slug: slug for slug in later}
    return [
        Change(slug, earlier.get(mapping.get(slug, slug)), value) for slug, value in later.items()
    ]
