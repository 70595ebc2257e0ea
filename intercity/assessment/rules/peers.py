"""Peers and benchmarks (statistics, positions, what may be released) and common challenges.

Part of the self-assessment rules (`assessment.rules`): pure, exact, no ORM."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _

from intercity.assessment.rules.answers import HUNDRED
from intercity.assessment.rules.scoring import show
from intercity.assessment.rules.systems import Recommendation

# --- Peers and benchmarks -------------------------------------------------------------------


@dataclass(frozen=True)
class PeerStats:
    count: int
    minimum: Fraction
    lower_quartile: Fraction
    median: Fraction
    upper_quartile: Fraction
    maximum: Fraction


def quantile(ordered: Sequence[Fraction], p: Fraction) -> Fraction:
    """Linear interpolation between closest ranks, h = (n - 1) p (the 'inclusive' method of
    spreadsheets' QUARTILE.INC), exact."""
    if not ordered:
        raise ValueError("no values")
    h = (len(ordered) - 1) * p
    low = int(h)  # floor: h is never negative
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (h - low) * (ordered[high] - ordered[low])


def peer_stats(values: Iterable[Fraction]) -> PeerStats:
    ordered = sorted(values)
    return PeerStats(
        count=len(ordered),
        minimum=ordered[0],
        lower_quartile=quantile(ordered, Fraction(1, 4)),
        median=quantile(ordered, Fraction(1, 2)),
        upper_quartile=quantile(ordered, Fraction(3, 4)),
        maximum=ordered[-1],
    )


@dataclass(frozen=True)
class Position:
    below: int  # peers scoring lower
    equal: int
    above: int  # peers scoring higher
    percentile: Fraction  # share of peers the city scores above, ties counting half, x 100
    words: str


def position(value: Fraction, peers: Sequence[Fraction], stats: PeerStats) -> Position:
    below = sum(1 for p in peers if p < value)
    equal = sum(1 for p in peers if p == value)
    above = len(peers) - below - equal
    percentile = (Fraction(below) + Fraction(equal, 2)) / len(peers) * HUNDRED
    if value > stats.upper_quartile:
        words = _("in the top quarter of the peers")
    elif value >= stats.median:
        words = _("at or above the peer median")
    elif value >= stats.lower_quartile:
        words = _("below the peer median")
    else:
        words = _("in the bottom quarter of the peers")
    return Position(below, equal, above, percentile, words)


@dataclass(frozen=True)
class Peer:
    """A peer's latest accepted result, as the benchmark rule sees it: `named` when the city
    opted in to be shown by name (its scores are then in the response anyway)."""

    key: int
    named: bool
    scores: Mapping[str, Fraction | None]


@dataclass(frozen=True)
class SectionRelease:
    slug: str
    stats: PeerStats | None
    position: Position | None
    withheld: str = ""


@dataclass(frozen=True)
class PeerRelease:
    """What a benchmark may show: the peers compared, those named, and per section the
    statistics and the city's position, or why they are withheld."""

    compared: tuple[Peer, ...]
    named: tuple[Peer, ...]
    sections: tuple[SectionRelease, ...]
    withheld: str = ""


def release_peers(
    own: Mapping[str, Fraction | None],
    sections: Sequence[str],
    peers: Sequence[Peer],
    minimum: int,
    *,
    chosen_by_caller: bool,
) -> PeerRelease:
    """The privacy rule of peer benchmarks (docs/assessment-method.md, "Peers and privacy").

    1. Peers chosen by the caller (`by=cities`) are compared only if they opted in: a city
       that did not is never in a set the caller shapes, so no pair of chosen sets (A, and A
       plus that city) can be differenced to read it.
    2. Otherwise (region, population band, every city: sets the caller does not choose), a
       section's statistics are shown only when the peers with a score number at least
       `minimum` and the scores of the peers not named hold at least `minimum` *distinct*
       values. The response depends on the unnamed peers only through the multiset of their
       scores (nothing in it tells them apart), so whatever the named scores, the quartiles
       and the city's own position reveal, each unnamed city could hold any of those
       `minimum` values: none is pinned, even when the order statistics give the whole
       multiset away (few peers) or several unnamed cities share one score.
    3. With fewer than `minimum` peers compared, nothing but the count and the named peers.
    """
    compared = tuple(p for p in peers if p.named) if chosen_by_caller else tuple(peers)
    named = tuple(p for p in compared if p.named)
    if len(compared) < minimum:
        reason = _(
            "aggregates are shown for %(minimum)s or more peers, so that no city's own result "
            "can be read from them"
        ) % {"minimum": minimum}
        return PeerRelease(
            compared,
            named,
            tuple(SectionRelease(slug, None, None, reason) for slug in sections),
            reason,
        )
    released = []
    for slug in sections:
        # "No score" counts as one more value: the count of scored peers is shown. This test
        # comes first, so that a section withheld says nothing else about the unnamed peers.
        hidden = {p.scores.get(slug) for p in compared if not p.named}
        if hidden and len(hidden) < minimum:
            released.append(
                SectionRelease(
                    slug,
                    None,
                    None,
                    _(
                        "the peers not shown by name hold fewer than %(minimum)s different "
                        "scores here, so statistics could reveal one"
                    )
                    % {"minimum": minimum},
                )
            )
            continue
        values = [v for p in compared if (v := p.scores.get(slug)) is not None]
        if len(values) < minimum:
            released.append(
                SectionRelease(
                    slug,
                    None,
                    None,
                    _("fewer than %(minimum)s peers scored this") % {"minimum": minimum},
                )
            )
            continue
        stats = peer_stats(values)
        mine = own.get(slug)
        where = position(mine, values, stats) if mine is not None else None
        released.append(SectionRelease(slug, stats, where))
    return PeerRelease(compared, named, tuple(released))


@dataclass(frozen=True)
class PopulationBand:
    slug: str
    name: str
    below: int | None


def population_band_problems(bands: Any) -> list[str]:
    """Bands as a peer policy keeps them: [{slug, name, below}], `below` rising, the last
    one open-ended (no `below`), so every population falls in exactly one."""
    if not isinstance(bands, list) or not bands:
        return ["give a list of at least one band."]
    problems = []
    previous = 0
    for index, band in enumerate(bands):
        label = f"band {index + 1}"
        if not isinstance(band, Mapping):
            return [f"{label} is not an object with slug, name and below."]
        if not str(band.get("slug", "")).strip() or not str(band.get("name", "")).strip():
            problems.append(f"{label} needs a slug and a name.")
        below = band.get("below")
        last = index == len(bands) - 1
        if last and below is not None:
            problems.append("the last band has no upper bound (leave out below).")
        elif not last:
            if isinstance(below, bool) or not isinstance(below, int) or below <= previous:
                problems.append(f"{label}: below must be a whole number above {previous:,}.")
            elif below > 10**10:
                problems.append(f"{label}: below is larger than any city.")
            else:
                previous = below
    return problems


def population_band(
    population: int | None, bands: Sequence[PopulationBand]
) -> PopulationBand | None:
    if population is None:
        return None
    for band in bands:
        if band.below is None or population < band.below:
            return band
    return None


# --- Common challenges (seed 001 Phase 2) ------------------------------------------------------


@dataclass(frozen=True)
class ChallengeGroup:
    slug: str
    name: str
    factors: tuple[str, ...]
    modules: tuple[str, ...]


@dataclass(frozen=True)
class CityChallenge:
    group: str
    shortfall: Fraction  # 100 - mean score of the group's factors
    gaps: int  # recommended modules of the group (overdue or expected)
    explanation: str


def challenges(
    groups: Sequence[ChallengeGroup],
    factor_scores: Mapping[str, Fraction | None],
    recommended: Iterable[Recommendation],
) -> list[CityChallenge]:
    """A city's challenge in each group, largest first: the shortfall of its factors from 100,
    then the number of the group's modules it is behind on, then the groups' order."""
    behind = {r.module for r in recommended if r.tier in ("overdue", "expected")}
    found = []
    for order, group in enumerate(groups):
        scores = [v for f in group.factors if (v := factor_scores.get(f)) is not None]
        if not scores:
            continue
        mean = sum(scores, Fraction(0)) / len(scores)
        count = sum(1 for m in group.modules if m in behind)
        found.append(
            (
                (-(HUNDRED - mean), -count, order),
                CityChallenge(
                    group.slug,
                    HUNDRED - mean,
                    count,
                    f"mean of its factors {show(mean)}, {count} module(s) behind expectation",
                ),
            )
        )
    found.sort(key=lambda item: item[0])
    return [challenge for _, challenge in found]


def lead_city(strengths: Mapping[str, Fraction]) -> str | None:
    """The group's suggested head city (seed 001 Phase 2: "A head city of each group is
    determined"): the strongest on the group's factors, so it can share its practice
    (Nairobi's proposal: advanced cities share, others request help). Ties go to the name."""
    if not strengths:
        return None
    return min(strengths, key=lambda name: (-strengths[name], name))
