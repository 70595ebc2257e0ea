"""The ASCN twinning programme's rules, pure (no ORM, no request): which rankings count, what a
proposed matching must keep, when a pair would rather have each other (a blocking pair), and
how a pair is explained.

Seed 004 (ASEAN Smart Cities Network concept note), Core Elements (d), Twinning Programme:
"The ASCN member cities will each pair up with one of ASEAN's external partners on a voluntary
basis"; para. 5(c): "Member cities will pair up with specific external partners on a voluntary
basis". So a pilot city has at most one partner and pairs only with a partner it ranked (and
that ranked it). How many cities one partner may take the note does not say: a round's setting,
one by default.

The two sides are written `a` (the pilot cities) and `b` (the external partners). A ranking is
a list of the other side's names, the most wanted first; leaving a name out means "not
acceptable". A matching is a mapping from a city to its partner (unmatched cities are absent).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

Prefs = Mapping[str, Sequence[str]]
Matching = Mapping[str, str]


@dataclass(frozen=True)
class BlockingPair:
    """A city and a partner who ranked each other and would both rather be together than
    with what the matching gave them: the matching is not stable while one exists."""

    city: str
    partner: str
    explanation: str


@dataclass(frozen=True)
class Ranks:
    """Why a pair was proposed: where each ranked the other (1 is first), out of how many."""

    city_rank: int
    city_ranked: int
    partner_rank: int
    partner_ranked: int


def ordinal_ranks(prefs_a: Prefs, prefs_b: Prefs, city: str, partner: str) -> Ranks:
    """Where the city ranked the partner and the partner the city (both must have)."""
    a_list, b_list = list(prefs_a[city]), list(prefs_b[partner])
    return Ranks(
        city_rank=a_list.index(partner) + 1,
        city_ranked=len(a_list),
        partner_rank=b_list.index(city) + 1,
        partner_ranked=len(b_list),
    )


def ranking_problems(ranking: Sequence[str], others: Sequence[str]) -> list[str]:
    """What makes one ranking unusable, in words: a name twice, a name not on the other side."""
    problems: list[str] = []
    known = set(others)
    for name, times in Counter(ranking).items():
        if times > 1:
            problems.append(
                _("%(name)s is ranked %(times)s times; rank each one once.")
                % {"name": name, "times": times}
            )
        if name not in known:
            problems.append(_("%(name)s is not taking part on the other side.") % {"name": name})
    return problems


def acceptable_lists(
    prefs_a: Prefs, prefs_b: Prefs
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Each ranking cut to the names that ranked it back, in the same order; who is left with
    nobody is left out. A pair only one side wants can never pair nor block a matching, so the
    stable matchings of the cut lists are those of the whole ones."""
    wants_a = {a: set(lst) for a, lst in prefs_a.items()}
    wants_b = {b: set(lst) for b, lst in prefs_b.items()}
    cut_a = {a: [b for b in lst if a in wants_b.get(b, set())] for a, lst in prefs_a.items()}
    cut_b = {b: [a for a in lst if b in wants_a.get(a, set())] for b, lst in prefs_b.items()}
    return (
        {a: lst for a, lst in cut_a.items() if lst},
        {b: lst for b, lst in cut_b.items() if lst},
    )


def _capacity(capacities: Mapping[str, int] | int, partner: str) -> int:
    return capacities if isinstance(capacities, int) else capacities.get(partner, 1)


def validity_problems(
    prefs_a: Prefs, prefs_b: Prefs, matching: Matching, capacities: Mapping[str, int] | int = 1
) -> list[str]:
    """What a matching breaks, in words: a name not taking part, a pair one side did not rank
    (nobody is paired against their will), a partner given more cities than it takes (a city
    has one partner by the shape of `matching`)."""
    problems: list[str] = []
    taken: Counter[str] = Counter()
    for city, partner in matching.items():
        if city not in prefs_a:
            problems.append(_("%(city)s is not a city taking part.") % {"city": city})
            continue
        if partner not in prefs_b:
            problems.append(_("%(partner)s is not a partner taking part.") % {"partner": partner})
            continue
        if partner not in prefs_a[city]:
            problems.append(
                _("%(city)s is paired with %(partner)s, which it did not rank.")
                % {"city": city, "partner": partner}
            )
        if city not in prefs_b[partner]:
            problems.append(
                _("%(partner)s is paired with %(city)s, which it did not rank.")
                % {"city": city, "partner": partner}
            )
        taken[partner] += 1
    for partner, count in sorted(taken.items()):
        if count > _capacity(capacities, partner):
            problems.append(
                ngettext(
                    "%(partner)s is paired with %(count)s city; it takes at most %(capacity)s.",
                    "%(partner)s is paired with %(count)s cities; it takes at most %(capacity)s.",
                    count,
                )
                % {"partner": partner, "count": count, "capacity": _capacity(capacities, partner)}
            )
    return problems


def blocking_pairs(
    prefs_a: Prefs,
    prefs_b: Prefs,
    matching: Matching,
    capacities: Mapping[str, int] | int = 1,
    names: Mapping[str, str] | None = None,
) -> list[BlockingPair]:
    """Every city and partner who ranked each other, where the city is unpaired or ranked the
    partner above its own, and the partner has room or ranked the city above one of its
    cities. None means the matching is stable. `names` words the explanations (a name for
    each id), the ids themselves by default."""
    named = names or {}

    def n(key: str) -> str:
        return named.get(key, key)

    cities_of: dict[str, list[str]] = {}
    for city, partner in matching.items():
        cities_of.setdefault(partner, []).append(city)
    found: list[BlockingPair] = []
    for city, ranking in prefs_a.items():
        own = matching.get(city)
        for partner in ranking:
            if partner == own:
                break  # every partner further down the list the city likes less than its own
            if city not in prefs_b.get(partner, ()):
                continue
            b_list = list(prefs_b[partner])
            held = cities_of.get(partner, [])
            if len(held) < _capacity(capacities, partner):
                why_b = _("%(partner)s has room for another city") % {"partner": n(partner)}
            else:
                worse = [c for c in held if c not in b_list or b_list.index(c) > b_list.index(city)]
                if not worse:
                    continue
                why_b = _("%(partner)s ranked %(city)s above %(other)s") % {
                    "partner": n(partner),
                    "city": n(city),
                    "other": n(worse[0]),
                }
            why_a = (
                _("%(city)s has no partner") % {"city": n(city)}
                if own is None
                else _("%(city)s ranked %(partner)s above %(other)s")
                % {"city": n(city), "partner": n(partner), "other": n(own)}
            )
            # Translators: two reasons joined, e.g. "Da Nang has no partner, and Partner A
            # has room for another city."
            explanation = _("%(first)s, and %(second)s.") % {"first": why_a, "second": why_b}
            found.append(BlockingPair(city, partner, explanation))
    return found


def stability_summary(
    prefs_a: Prefs,
    prefs_b: Prefs,
    matching: Matching,
    capacities: Mapping[str, int] | int = 1,
    names: Mapping[str, str] | None = None,
) -> str:
    """One sentence for the round's page: is the proposal stable, and if not, why not."""
    problems = validity_problems(prefs_a, prefs_b, matching, capacities)
    if problems:
        return _("Not a valid matching: %(problems)s") % {"problems": " ".join(problems)}
    blocking = blocking_pairs(prefs_a, prefs_b, matching, capacities, names)
    if blocking:
        return ngettext(
            "Not stable: %(count)s blocking pair. %(example)s",
            "Not stable: %(count)s blocking pairs. %(example)s",
            len(blocking),
        ) % {"count": len(blocking), "example": blocking[0].explanation}
    return _("No blocking pair: stable.")


# --- The round's life ------------------------------------------------------------------------

OPEN, MATCHED, CONFIRMED, PUBLISHED = "open", "matched", "confirmed", "published"
NEXT = {OPEN: MATCHED, MATCHED: CONFIRMED, CONFIRMED: PUBLISHED}


def may_move(current: str, to: str) -> bool:
    """A round moves one step forward: preferences open -> matched -> confirmed -> published."""
    return NEXT.get(current) == to
