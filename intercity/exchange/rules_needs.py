"""How well an offer meets a need, and the matching that maximises the total (seed 001,
Nairobi's proposal: "the secretariat matches the needs of both cities").

Pure: plain values in, results that carry their reasons out; no ORM, no clock. Points are
whole numbers, so totals are exact and a tie is a tie.

A pair is a candidate only if the two cities differ, share a language, their periods (when both
give one) overlap, and they agree on the theme or on the sectoral module. A candidate's
quality is the sum of the points below, each a reason said in words."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

# Points of each reason; the order is the order reasons are told.
POINTS: dict[str, int] = {
    "theme": 30,
    "module": 25,
    "gap": 20,
    "language": 10,
    "form": 10,
    "region": 5,
    "period": 5,
}

# Why a pair is not a candidate.
SAME_CITY = "same_city"
NO_LANGUAGE = "no_language"
NO_OVERLAP = "no_overlap"
UNRELATED = "unrelated"
# Why a need stays without an offer after the matching.
NO_CANDIDATE = "no_candidate"
TAKEN = "taken"


@dataclass(frozen=True)
class Side:
    """A need or an offer as the rules see it. `gap_modules` (a need's only) are the sectoral
    modules in which the need city's latest self-assessment found a gap."""

    id: int
    city: int
    theme: str
    module: str = ""
    region: str = ""
    languages: frozenset[str] = frozenset()
    forms: frozenset[str] = frozenset()
    start: dt.date | None = None
    end: dt.date | None = None
    capacity: int = 1
    gap_modules: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Reason:
    code: str
    points: int
    params: Mapping[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "points": self.points, "params": dict(self.params)}


@dataclass(frozen=True)
class Quality:
    """A pair's quality: a candidate with its score and reasons, or not one, and why."""

    candidate: bool
    score: int
    reasons: tuple[Reason, ...]
    refusal: str = ""


def _overlap(need: Side, offer: Side) -> bool | None:
    """Whether the periods overlap; None when either side leaves its period open."""
    if None in (need.start, need.end, offer.start, offer.end):
        starts = [d for d in (need.start, offer.start) if d is not None]
        ends = [d for d in (need.end, offer.end) if d is not None]
        if starts and ends and max(starts) > min(ends):
            return False
        return None
    assert need.start
    assert need.end
    assert offer.start
    assert offer.end
    return max(need.start, offer.start) <= min(need.end, offer.end)


def quality(need: Side, offer: Side) -> Quality:
    """Score one need-offer pair (see the module's docstring)."""
    if need.city == offer.city:
        return Quality(False, 0, (), SAME_CITY)
    shared = need.languages & offer.languages
    if not shared:
        return Quality(False, 0, (), NO_LANGUAGE)
    overlap = _overlap(need, offer)
    if overlap is False:
        return Quality(False, 0, (), NO_OVERLAP)
    same_module = bool(need.module) and need.module == offer.module
    if need.theme != offer.theme and not same_module:
        return Quality(False, 0, (), UNRELATED)
    reasons: list[Reason] = []
    if need.theme == offer.theme:
        reasons.append(Reason("theme", POINTS["theme"], {"theme": need.theme}))
    if same_module:
        reasons.append(Reason("module", POINTS["module"], {"module": need.module}))
    if offer.module and offer.module in need.gap_modules:
        reasons.append(Reason("gap", POINTS["gap"], {"module": offer.module}))
    reasons.append(Reason("language", POINTS["language"], {"languages": sorted(shared)}))
    forms = need.forms & offer.forms
    if forms:
        reasons.append(Reason("form", POINTS["form"], {"forms": sorted(forms)}))
    if need.region and need.region == offer.region:
        reasons.append(Reason("region", POINTS["region"], {"region": need.region}))
    if overlap:
        reasons.append(Reason("period", POINTS["period"], {}))
    return Quality(True, sum(r.points for r in reasons), tuple(reasons))


@dataclass(frozen=True)
class Pair:
    need: int
    offer: int
    score: int
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class Matching:
    """The pairs chosen, their total quality, the needs left without an offer (and why), and
    the whole in words."""

    pairs: tuple[Pair, ...]
    total: int
    unmatched: Mapping[int, str]
    candidates: int
    explanation: str


def candidates(needs: Sequence[Side], offers: Sequence[Side]) -> dict[tuple[int, int], Quality]:
    """Every candidate pair (need id, offer id) with its quality."""
    found: dict[tuple[int, int], Quality] = {}
    for need in needs:
        for offer in offers:
            q = quality(need, offer)
            if q.candidate:
                found[(need.id, offer.id)] = q
    return found


def _solve(
    needs: Sequence[Side], offers: Sequence[Side], pairs: Mapping[tuple[int, int], Quality]
) -> list[tuple[int, int]]:
    """The pairs of greatest total score: a min-cost flow (OR-Tools). Every need sends one
    unit from the source, either through a candidate offer (cost: minus the pair's score) or
    straight to the sink (cost 0, the need left unmatched); each offer passes at most its
    capacity to the sink. Because leaving a need unmatched costs nothing, the least cost is
    the greatest total score, not the most pairs."""
    from ortools.graph.python import min_cost_flow

    if not pairs:
        return []
    flow = min_cost_flow.SimpleMinCostFlow()
    source, sink = 0, 1
    need_node = {n.id: 2 + i for i, n in enumerate(needs)}
    offer_node = {o.id: 2 + len(needs) + i for i, o in enumerate(offers)}
    for need in needs:
        flow.add_arc_with_capacity_and_unit_cost(source, need_node[need.id], 1, 0)
        flow.add_arc_with_capacity_and_unit_cost(need_node[need.id], sink, 1, 0)
    pair_arcs: dict[int, tuple[int, int]] = {}
    for (need_id, offer_id), q in sorted(pairs.items()):
        arc = flow.add_arc_with_capacity_and_unit_cost(
            need_node[need_id], offer_node[offer_id], 1, -q.score
        )
        pair_arcs[arc] = (need_id, offer_id)
    for offer in offers:
        flow.add_arc_with_capacity_and_unit_cost(
            offer_node[offer.id], sink, max(offer.capacity, 0), 0
        )
    flow.set_node_supply(source, len(needs))
    flow.set_node_supply(sink, -len(needs))
    status = flow.solve()
    if status != flow.OPTIMAL:  # cannot happen: the direct arcs always carry every unit
        raise RuntimeError(f"min-cost flow ended with status {status}")
    return [pair for arc, pair in pair_arcs.items() if flow.flow(arc) > 0]


def match(needs: Sequence[Side], offers: Sequence[Side]) -> Matching:
    """The matching of greatest total quality: each need at most one offer, each offer at most
    its capacity."""
    pairs = candidates(needs, offers)
    chosen = sorted(_solve(needs, offers, pairs), key=lambda p: (-pairs[p].score, p))
    result = tuple(Pair(n, o, pairs[(n, o)].score, pairs[(n, o)].reasons) for n, o in chosen)
    matched = {p.need for p in result}
    with_candidate = {n for n, _o in pairs}
    unmatched = {
        n.id: (TAKEN if n.id in with_candidate else NO_CANDIDATE)
        for n in needs
        if n.id not in matched
    }
    total = sum(p.score for p in result)
    explanation = _(
        "%(needs)s open needs and %(offers)s open offers gave %(candidates)s possible pairs; "
        "the matching proposes %(pairs)s pairs of total quality %(total)s, the most any "
        "choice reaches with each need given at most one offer and no offer beyond its "
        "capacity. %(none)s needs had no possible offer; %(taken)s lost theirs to pairs of "
        "higher quality."
    ) % {
        "needs": len(needs),
        "offers": len(offers),
        "candidates": len(pairs),
        "pairs": len(result),
        "total": total,
        "none": sum(1 for c in unmatched.values() if c == NO_CANDIDATE),
        "taken": sum(1 for c in unmatched.values() if c == TAKEN),
    }
    return Matching(result, total, unmatched, len(pairs), explanation)


def brute_force_total(needs: Sequence[Side], offers: Sequence[Side]) -> int:
    """The greatest total by trying every assignment (for tests on small cases only)."""
    pairs = candidates(needs, offers)
    options = [[None, *[o.id for o in offers if (n.id, o.id) in pairs]] for n in needs]
    capacity = {o.id: o.capacity for o in offers}
    best = 0
    for choice in itertools.product(*options):
        used: dict[int, int] = {}
        for offer_id in choice:
            if offer_id is not None:
                used[offer_id] = used.get(offer_id, 0) + 1
        if any(used[o] > capacity[o] for o in used):
            continue
        total = sum(
            pairs[(n.id, o)].score for n, o in zip(needs, choice, strict=True) if o is not None
        )
        best = max(best, total)
    return best


# --- Words -------------------------------------------------------------------------------------


def reason_text(
    reason: Mapping[str, Any],
    names: Mapping[str, Mapping[str, str]] | None = None,
) -> str:
    """One stored reason ({code, points, params}) in the reader's language. `names` gives the
    display names of themes, modules, regions, forms and languages by their slug or code."""
    names = names or {}
    params = reason.get("params") or {}
    points = reason.get("points", 0)

    def name(kind: str, key: str) -> str:
        return names.get(kind, {}).get(key, key)

    code = reason.get("code")
    if code == "theme":
        text = _("Both are about the theme %(theme)s.") % {
            "theme": name("theme", params.get("theme", ""))
        }
    elif code == "module":
        text = _("Both name the sectoral module %(module)s.") % {
            "module": name("module", params.get("module", ""))
        }
    elif code == "gap":
        text = _(
            "The offer is in %(module)s, where the needing city's self-assessment found a gap."
        ) % {"module": name("module", params.get("module", ""))}
    elif code == "language":
        text = _("They share a language: %(languages)s.") % {
            "languages": ", ".join(name("language", c) for c in params.get("languages", []))
        }
    elif code == "form":
        text = _("The offer takes a form the need accepts: %(forms)s.") % {
            "forms": ", ".join(name("form", f) for f in params.get("forms", []))
        }
    elif code == "region":
        text = _("Both cities are in the region %(region)s.") % {
            "region": name("region", params.get("region", ""))
        }
    elif code == "period":
        text = _("Their periods overlap.")
    else:
        text = str(code)
    return _("%(text)s (+%(points)s)") % {"text": text, "points": points}


def refusal_text(code: str) -> str:
    """Why a pair is not a candidate, or a need stayed unmatched, in words."""
    return {
        SAME_CITY: _("The need and the offer are the same city's."),
        NO_LANGUAGE: _("The two cities share no language."),
        NO_OVERLAP: _("Their periods do not overlap."),
        UNRELATED: _("They share neither the theme nor the sectoral module."),
        NO_CANDIDATE: _("No open offer could meet this need."),
        TAKEN: _("The offers that could meet it went to pairs of higher quality."),
    }.get(code, code)
