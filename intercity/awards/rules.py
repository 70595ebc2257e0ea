"""The awards procedure as pure rules (seed 002, "Evaluation and Selection of Winners"): no
ORM, no request. Services load the rows, call these and save what they return; the rulings
API calls them on a body and stores nothing.

Round 1: each judge scores each application of a category on each criterion, from the
edition's lowest to its highest score (1 to 10 in 2017). A judge's score of an application is
the weighted mean of the criteria; an application's score is the mean over the judges who
scored it, so a judge's conflict of interest neither helps nor penalises it. The `finalists`
highest go on to round 2; applications sharing the last finalist's place are shown to the head
of panel, who chooses among them.

Round 2: each judge votes for exactly `votes_per_judge` different finalists, none of their
conflicts. Most votes: Gold; second: Silver. A tie on votes is broken by the round-1 scores;
a tie on both is left to the panel. An application nobody voted for is not placed.

Every number is exact (`Fraction`); every result says in words how it was reached.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

GOLD = "gold"
SILVER = "silver"
PLACES = (GOLD, SILVER)


@dataclass(frozen=True)
class Procedure:
    """The procedure's numbers, stored on each edition (the 2017 values are the defaults)."""

    score_min: int = 1
    score_max: int = 10
    finalists: int = 5
    votes_per_judge: int = 2


class RuleError(ValueError):
    """A score, a ballot or a decision the procedure refuses; `code` names the rule broken."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def shown(value: Fraction | Decimal | None) -> str:
    """A score as people read it: two decimals, "—" for none."""
    if value is None:
        return "—"
    exact = (
        Decimal(value.numerator) / Decimal(value.denominator)
        if isinstance(value, Fraction)
        else value
    )
    return str(exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN))


def place_name(place: str) -> str:
    return {GOLD: _("Gold"), SILVER: _("Silver")}.get(place, place)


def listed(ids: Sequence[str]) -> str:
    return ", ".join(ids)


# Round 1 ----------------------------------------------------------------------------------


def check_score(value: object, procedure: Procedure) -> int:
    """One criterion's score: a whole number on the edition's scale."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise RuleError(
            _("A score is a whole number from %(low)s to %(high)s.")
            % {"low": procedure.score_min, "high": procedure.score_max},
            "score-not-a-number",
        )
    if not procedure.score_min <= value <= procedure.score_max:
        raise RuleError(
            _("%(score)s is outside the scale: a score goes from %(low)s to %(high)s.")
            % {"score": value, "low": procedure.score_min, "high": procedure.score_max},
            "score-out-of-range",
        )
    return value


def check_scorecard(scores: Sequence[object], criteria: int, procedure: Procedure) -> None:
    """A complete scorecard: one score per criterion, each on the scale."""
    if len(scores) != criteria:
        raise RuleError(
            ngettext(
                "A scorecard needs %(count)s score, one per criterion; it has %(given)s.",
                "A scorecard needs %(count)s scores, one per criterion; it has %(given)s.",
                criteria,
            )
            % {"count": criteria, "given": len(scores)},
            "scorecard-incomplete",
        )
    for value in scores:
        check_score(value, procedure)


def weighted_mean(scores: Sequence[int], weights: Sequence[Fraction]) -> Fraction:
    """One judge's score of one application: the criteria's scores weighted."""
    total = sum(weights, Fraction(0))
    return sum((Fraction(s) * w for s, w in zip(scores, weights, strict=True)), Fraction(0)) / total


def application_score(
    cards: Sequence[Sequence[int] | None], weights: Sequence[Fraction]
) -> Fraction | None:
    """The mean over the judges who scored the application (None where a judge did not:
    a conflict, or a card not submitted); None when nobody scored it."""
    given = [weighted_mean(card, weights) for card in cards if card is not None]
    if not given:
        return None
    return sum(given, Fraction(0)) / len(given)


@dataclass(frozen=True)
class Ranked:
    id: str
    score: Fraction | None
    judges: int


@dataclass(frozen=True)
class FinalistTie:
    """Applications sharing the last finalist's place: the head of panel chooses `places`."""

    candidates: tuple[str, ...]
    places: int
    score: Fraction


@dataclass(frozen=True)
class Round1:
    ranking: tuple[Ranked, ...]  # best first; applications nobody scored last
    finalists: tuple[str, ...]  # the sure finalists, best first
    tie: FinalistTie | None
    explanation: str

    @property
    def scores(self) -> dict[str, Fraction | None]:
        return {r.id: r.score for r in self.ranking}


def _weights_for(
    applications: Mapping[str, Sequence[Sequence[int] | None]],
    weights: Sequence[Fraction] | None,
    procedure: Procedure,
) -> list[Fraction]:
    lengths = {len(card) for cards in applications.values() for card in cards if card is not None}
    if weights is not None:
        expected = len(weights)
    elif len(lengths) > 1:
        raise RuleError(
            _("Every scorecard of a category scores the same criteria; these have %(lengths)s.")
            % {"lengths": ", ".join(str(n) for n in sorted(lengths))},
            "scorecard-incomplete",
        )
    else:
        expected = lengths.pop() if lengths else 1
    if expected < 1:
        raise RuleError(_("A category needs at least one criterion."), "no-criteria")
    for cards in applications.values():
        for card in cards:
            if card is not None:
                check_scorecard(card, expected, procedure)
    if weights is None:
        return [Fraction(1)] * expected
    if any(w <= 0 for w in weights):
        raise RuleError(_("A criterion's weight is more than zero."), "weight-not-positive")
    return list(weights)


def rank_round1(
    applications: Mapping[str, Sequence[Sequence[int] | None]],
    weights: Sequence[Fraction] | None = None,
    procedure: Procedure | None = None,
) -> Round1:
    """Rank a category's applications by their round-1 scores and name the finalists.

    `applications` maps an application's id to one card per judge (the criteria's scores in
    order, or None where the judge did not score it); `weights` default to equal."""
    procedure = procedure or Procedure()
    chosen_weights = _weights_for(applications, weights, procedure)
    rows = [
        Ranked(
            id=key,
            score=application_score(cards, chosen_weights),
            judges=sum(card is not None for card in cards),
        )
        for key, cards in applications.items()
    ]
    scored = sorted((r for r in rows if r.score is not None), key=lambda r: (-(r.score or 0), r.id))
    unscored = sorted((r for r in rows if r.score is None), key=lambda r: r.id)
    ranking = tuple(scored + unscored)
    k = procedure.finalists
    parts = [
        ngettext(
            "%(count)s application ranked by the mean of its judges' weighted scores.",
            "%(count)s applications ranked by the mean of their judges' weighted scores.",
            len(rows),
        )
        % {"count": len(rows)}
    ]
    if unscored:
        parts.append(
            _("Nobody scored %(ids)s: it cannot go on.") % {"ids": listed([r.id for r in unscored])}
        )
    tie: FinalistTie | None = None
    if len(scored) <= k:
        finalists = tuple(r.id for r in scored)
    else:
        boundary = scored[k - 1].score
        assert boundary is not None
        if scored[k].score == boundary:
            above = [r for r in scored if r.score is not None and r.score > boundary]
            tied = [r for r in scored if r.score == boundary]
            finalists = tuple(r.id for r in above)
            tie = FinalistTie(
                candidates=tuple(r.id for r in tied), places=k - len(above), score=boundary
            )
        else:
            finalists = tuple(r.id for r in scored[:k])
    if finalists:
        parts.append(
            ngettext(
                "The highest goes on to round 2: %(list)s.",
                "The %(count)s highest go on to round 2: %(list)s.",
                len(finalists),
            )
            % {
                "count": len(finalists),
                "list": listed(
                    [f"{r.id} ({shown(r.score)})" for r in ranking if r.id in finalists]
                ),
            }
        )
    if tie is not None:
        parts.append(
            ngettext(
                "%(ids)s share the last finalist's place with %(score)s: the head of panel "
                "chooses %(count)s of them.",
                "%(ids)s share the last finalists' places with %(score)s: the head of panel "
                "chooses %(count)s of them.",
                tie.places,
            )
            % {"ids": listed(tie.candidates), "score": shown(tie.score), "count": tie.places}
        )
    return Round1(ranking=ranking, finalists=finalists, tie=tie, explanation=" ".join(parts))


def check_choice(candidates: Collection[str], places: int, chosen: Sequence[str]) -> None:
    """A decision on a tie: exactly `places` different applications among the tied ones."""
    if len(set(chosen)) != len(chosen):
        raise RuleError(_("An application is chosen once."), "choice-duplicate")
    outside = [c for c in chosen if c not in candidates]
    if outside:
        raise RuleError(
            _("%(ids)s is not among the tied applications.") % {"ids": listed(outside)},
            "choice-not-tied",
        )
    if len(chosen) != places:
        raise RuleError(
            ngettext(
                "Choose exactly %(count)s application.",
                "Choose exactly %(count)s applications.",
                places,
            )
            % {"count": places},
            "choice-count",
        )


@dataclass(frozen=True)
class Normalised:
    id: str
    z: Decimal | None  # the mean of the judges' z-scores, three decimals
    raw_place: int  # 1-based place in the raw ranking


def normalised_ranking(
    applications: Mapping[str, Sequence[Sequence[int] | None]],
    weights: Sequence[Fraction] | None = None,
    procedure: Procedure | None = None,
) -> tuple[Normalised, ...]:
    """The ranking again with each judge's scores turned into z-scores over the applications
    that judge scored (a strict judge and a generous one weigh alike). Shown beside the raw
    ranking, never instead of it. A judge who gave one application a score, or the same
    score to all, says nothing about order and contributes 0."""
    procedure = procedure or Procedure()
    chosen_weights = _weights_for(applications, weights, procedure)
    raw = rank_round1(applications, chosen_weights, procedure)
    raw_place = {r.id: i + 1 for i, r in enumerate(raw.ranking)}
    judges = max((len(cards) for cards in applications.values()), default=0)
    per_app: dict[str, list[Decimal]] = {key: [] for key in applications}
    with localcontext() as context:
        context.prec = 28
        for j in range(judges):
            given = {
                key: weighted_mean(card, chosen_weights)
                for key, cards in applications.items()
                if j < len(cards) and (card := cards[j]) is not None
            }
            if not given:
                continue
            mean = sum(given.values(), Fraction(0)) / len(given)
            variance = sum(((v - mean) ** 2 for v in given.values()), Fraction(0)) / len(given)
            deviation = (
                (Decimal(variance.numerator) / Decimal(variance.denominator)).sqrt()
                if variance
                else Decimal(0)
            )
            for key, value in given.items():
                offset = value - mean
                per_app[key].append(
                    Decimal(offset.numerator) / Decimal(offset.denominator) / deviation
                    if deviation
                    else Decimal(0)
                )
        rows = [
            Normalised(
                id=key,
                z=(sum(zs, Decimal(0)) / len(zs)).quantize(Decimal("0.001")) if zs else None,
                raw_place=raw_place[key],
            )
            for key, zs in per_app.items()
        ]
    with_z = sorted((r for r in rows if r.z is not None), key=lambda r: (-(r.z or 0), r.raw_place))
    return tuple(with_z + sorted((r for r in rows if r.z is None), key=lambda r: r.raw_place))


# Round 2 ----------------------------------------------------------------------------------


def check_ballot(
    choices: Sequence[str],
    finalists: Collection[str],
    conflicted: Collection[str] = (),
    procedure: Procedure | None = None,
) -> None:
    """One judge's votes: exactly `votes_per_judge` different finalists, none conflicted."""
    procedure = procedure or Procedure()
    if len(set(choices)) != len(choices):
        raise RuleError(
            _("A judge votes for an application once; %(ids)s is chosen twice.")
            % {"ids": listed(sorted({c for c in choices if list(choices).count(c) > 1}))},
            "vote-twice",
        )
    if len(choices) != procedure.votes_per_judge:
        raise RuleError(
            ngettext(
                "A judge votes for exactly %(count)s finalist; this ballot has %(given)s.",
                "A judge votes for exactly %(count)s finalists; this ballot has %(given)s.",
                procedure.votes_per_judge,
            )
            % {"count": procedure.votes_per_judge, "given": len(choices)},
            "vote-count",
        )
    outside = [c for c in choices if c not in finalists]
    if outside:
        raise RuleError(
            _("%(ids)s is not a finalist of this category.") % {"ids": listed(outside)},
            "vote-not-finalist",
        )
    barred = [c for c in choices if c in conflicted]
    if barred:
        raise RuleError(
            _("The judge declared a conflict of interest with %(ids)s and may not vote for it.")
            % {"ids": listed(barred)},
            "vote-conflicted",
        )


@dataclass(frozen=True)
class PlaceTie:
    """Finalists equal on votes and on round-1 scores for `places`: left to the panel."""

    places: tuple[str, ...]
    candidates: tuple[str, ...]
    votes: int
    score: Fraction | None


@dataclass(frozen=True)
class Round2:
    votes: dict[str, int]  # per finalist, in the finalists' order
    gold: str | None
    silver: str | None
    ties: tuple[PlaceTie, ...]
    rulings: dict[str, str]  # the ruling in words, per placed application
    explanation: str


def count_round2(
    finalists: Sequence[str],
    ballots: Sequence[Sequence[str]],
    round1_scores: Mapping[str, Fraction | None],
    procedure: Procedure | None = None,
    conflicted: Sequence[Collection[str]] | None = None,
) -> Round2:
    """Count the ballots (each checked; `conflicted[i]` are judge i's conflicts) and place
    Gold and Silver."""
    procedure = procedure or Procedure()
    for i, ballot in enumerate(ballots):
        check_ballot(ballot, finalists, conflicted[i] if conflicted else (), procedure)
    votes = dict.fromkeys(finalists, 0)
    for ballot in ballots:
        for choice in ballot:
            votes[choice] += 1

    def key(app: str) -> tuple[int, Fraction]:
        score = round1_scores.get(app)
        return (votes[app], score if score is not None else Fraction(-1))

    ordered = sorted((f for f in finalists if votes[f] > 0), key=lambda f: key(f), reverse=True)
    groups: list[list[str]] = []
    for app in ordered:
        if groups and key(groups[-1][0]) == key(app):
            groups[-1].append(app)
        else:
            groups.append([app])

    placed: dict[str, str] = {}
    rulings: dict[str, str] = {}
    ties: list[PlaceTie] = []
    remaining = list(PLACES)
    for group in groups:
        if not remaining:
            break
        if len(group) == 1:
            app = group[0]
            place = remaining.pop(0)
            placed[place] = app
            rulings[app] = _ruling(app, place, votes, round1_scores, ordered)
        else:
            taken = tuple(remaining[: len(group)])
            remaining = remaining[len(group) :]
            ties.append(
                PlaceTie(
                    places=taken,
                    candidates=tuple(sorted(group)),
                    votes=votes[group[0]],
                    score=round1_scores.get(group[0]),
                )
            )
    tally = listed([f"{f} {votes[f]}" for f in sorted(finalists, key=lambda f: -votes[f])])
    parts = [
        ngettext(
            "%(count)s ballot counted (%(tally)s).",
            "%(count)s ballots counted (%(tally)s).",
            len(ballots),
        )
        % {"count": len(ballots), "tally": tally}
    ]
    parts += [rulings[placed[p]] for p in PLACES if p in placed]
    for tie in ties:
        parts.append(
            _(
                "%(ids)s are equal on votes (%(votes)s) and on round-1 scores (%(score)s): "
                "the panel decides %(places)s."
            )
            % {
                "ids": listed(tie.candidates),
                "votes": tie.votes,
                "score": shown(tie.score),
                "places": _(" and ").join(place_name(p) for p in tie.places),
            }
        )
    unplaced = [p for p in PLACES if p not in placed and not any(p in t.places for t in ties)]
    if unplaced:
        nobody = (
            _("No other finalist received a vote: no %(places)s is awarded.")
            if ordered
            # No ballot at all: there is no "other" finalist.
            else _("No finalist received a vote: no %(places)s is awarded.")
        )
        parts.append(nobody % {"places": _(" and ").join(place_name(p) for p in unplaced)})
    return Round2(
        votes=votes,
        gold=placed.get(GOLD),
        silver=placed.get(SILVER),
        ties=tuple(ties),
        rulings=rulings,
        explanation=" ".join(parts),
    )


def _ruling(
    app: str,
    place: str,
    votes: Mapping[str, int],
    round1_scores: Mapping[str, Fraction | None],
    ordered: Sequence[str],
) -> str:
    """Why `app` has `place`: its votes, and the round-1 comparison where votes were equal."""
    position = list(ordered).index(app)
    above = [o for o in ordered[:position] if votes[o] == votes[app]]
    below = [o for o in ordered[position + 1 :] if votes[o] == votes[app]]
    text = ngettext(
        "%(place)s: %(id)s with %(count)s vote.",
        "%(place)s: %(id)s with %(count)s votes.",
        votes[app],
    ) % {"place": place_name(place), "id": app, "count": votes[app]}
    if above:
        text += " " + _(
            "Equal on votes with %(others)s, whose round-1 score (%(theirs)s) is higher than "
            "its %(score)s."
        ) % {
            "others": listed(above),
            "score": shown(round1_scores.get(app)),
            "theirs": listed([shown(round1_scores.get(o)) for o in above]),
        }
    if below:
        text += " " + _(
            "Equal on votes with %(others)s; the tie is broken by the round-1 scores: "
            "%(score)s against %(theirs)s."
        ) % {
            "others": listed(below),
            "score": shown(round1_scores.get(app)),
            "theirs": listed([shown(round1_scores.get(o)) for o in below]),
        }
    return text
