"""The awards API under /api/v1/awards/: the procedure's rulings on any scores and votes sent
(pure: nothing is read or stored, no login needed), so a panel can check a count by hand."""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from ninja import Field, Router, Schema, Status
from pydantic import BaseModel, ConfigDict, Strict, StringConstraints

from intercity.awards import rules

router = Router(tags=["awards"])

# Bounds that keep one ruling small (2017: 76 applications over six categories, six judges,
# three to five criteria): exact fractions cost about 10 microseconds a score, so the largest
# body (30,000 scores) is ruled in about a third of a second on the small machine.
MAX_APPLICATIONS = 100
MAX_JUDGES = 25
MAX_CRITERIA = 12
MAX_NUMBER = 1000
NO_NUL = r"^[^\x00]*$"

ApplicationId = Annotated[str, StringConstraints(min_length=1, max_length=100, pattern=NO_NUL)]
# Strict: `true` and `8.5` are not scores. The scale is the body's own, checked by the rules.
Score = Annotated[int, Strict()]
Scorecard = Annotated[list[Score], Field(max_length=MAX_CRITERIA)]
Ballot = Annotated[list[ApplicationId], Field(max_length=MAX_APPLICATIONS)]


class Input(BaseModel):
    """A request body: a JSON object (ninja's `Schema` would read attributes of any value)."""


class RulingApplicationIn(Input):
    id: ApplicationId = Field(description="The application's id, unique in the body.")
    round1: list[Scorecard | None] = Field(
        min_length=1,
        max_length=MAX_JUDGES,
        description=(
            "One scorecard per judge, in the same judge order for every application: the "
            "criteria's whole-number scores, in the same criteria order (equal weights); null "
            "where the judge had a conflict of interest (not counted in the mean, and the "
            "judge may not vote for it in round 2)."
        ),
    )


# The example: three judges, two criteria; the second judge had a conflict with a1.
EXAMPLE: dict[str, Any] = {
    "finalists": 5,
    "votes_per_judge": 2,
    "applications": [
        {"id": "a1", "round1": [[9, 8], None, [7, 7]]},
        {"id": "a2", "round1": [[10, 10], [9, 9], [9, 10]]},
        {"id": "a3", "round1": [[5, 5], [5, 6], [6, 6]]},
        {"id": "a4", "round1": [[8, 8], [8, 7], [8, 8]]},
        {"id": "a5", "round1": [[4, 4], [3, 3], None]},
        {"id": "a6", "round1": [[7, 7], [7, 7], [7, 7]]},
    ],
    "round2": [["a2", "a4"], ["a4", "a6"], ["a2", "a1"]],
}


class RulingsIn(Input):
    model_config = ConfigDict(json_schema_extra={"examples": [EXAMPLE]})

    finalists: Annotated[int, Strict(), Field(ge=2, le=MAX_APPLICATIONS)] = Field(
        description="How many applications go on to round 2 (5 in 2017)."
    )
    votes_per_judge: Annotated[int, Strict(), Field(ge=1, le=MAX_APPLICATIONS)] = Field(
        description="How many different finalists each judge votes for in round 2 (2 in 2017)."
    )
    score_min: Annotated[int, Strict(), Field(ge=0, le=MAX_NUMBER)] = Field(
        1, description="The lowest score of the scale."
    )
    score_max: Annotated[int, Strict(), Field(ge=1, le=MAX_NUMBER)] = Field(
        10, description="The highest score of the scale (more than score_min)."
    )
    applications: list[RulingApplicationIn] = Field(
        min_length=1, max_length=MAX_APPLICATIONS, description="One category's applications."
    )
    round2: list[Ballot] = Field(
        default_factory=list,
        max_length=MAX_JUDGES,
        description=(
            "Each judge's votes (application ids), in the judge order of round1; at most one "
            "ballot per judge. Empty or absent: round 2 is not counted."
        ),
    )


class RulingRankOut(Schema):
    id: str
    score: str | None = Field(
        description='The round-1 score, two decimals ("7.75"); null: nobody scored it.'
    )
    exact: str | None = Field(
        description='The exact score the ranking uses, as a fraction ("31/4") or a whole number.'
    )
    judges: int = Field(description="The judges whose scores make the mean.")


class RulingVotesOut(Schema):
    id: str
    votes: int


class RulingRound1TieOut(Schema):
    round: Literal[1]
    candidates: list[str] = Field(description="The applications sharing the last places.")
    places: int = Field(description="How many of them the head of panel chooses as finalists.")
    score: str = Field(description="Their equal round-1 score, two decimals.")


class RulingRound2TieOut(Schema):
    round: Literal[2]
    candidates: list[str] = Field(description="Finalists equal on votes and round-1 scores.")
    places: list[Literal["gold", "silver"]] = Field(description="The places the panel decides.")
    votes: int = Field(description="Their equal number of votes.")
    score: str | None = Field(description="Their equal round-1 score, two decimals.")


RulingTieOut = Annotated[RulingRound1TieOut | RulingRound2TieOut, Field(discriminator="round")]


class RulingsOut(Schema):
    finalists: list[str] = Field(
        description="The sure finalists, best first (a tie at the last place is in `ties`)."
    )
    gold: str | None = Field(description="null: round 2 not counted, or left to the panel.")
    silver: str | None = Field(description="null: not counted, left to the panel or no vote.")
    ties: list[RulingTieOut] = Field(
        description=(
            "Decisions left to people: round 1, applications sharing the last finalist's place "
            "(the head of panel chooses `places` of them); round 2, finalists equal on votes "
            "and on round-1 scores (the panel decides the `places`)."
        )
    )
    ranking: list[RulingRankOut] = Field(
        description="Every application by its round-1 score, best first; unscored last."
    )
    votes: list[RulingVotesOut] | None = Field(
        description="Each finalist's votes in the finalists' order; null: round 2 not counted."
    )
    explanation: str = Field(description="The ruling in words, with the numbers it used.")


class RulingErrorOut(Schema):
    detail: str | list[dict[str, str]] = Field(
        description="What is wrong: a sentence, or the list of invalid fields."
    )
    code: str | None = Field(
        None,
        description=(
            "The rule broken, e.g. score-out-of-range, scorecard-incomplete, "
            "vote-not-finalist, vote-twice, vote-count, vote-conflicted, "
            "application-duplicate, judges-differ, ballots-too-many, scale-invalid."
        ),
    )


@router.post(
    "/awards/rulings",
    response={200: RulingsOut, 400: RulingErrorOut, 422: RulingErrorOut},
    summary="Rank applications and count round-2 votes by the awards procedure",
    description=(
        "Nothing is read or saved, and no login is needed. Round 1: an application's score is "
        "the mean over the judges who scored it of the mean of its criteria; the `finalists` "
        "highest go on, and applications sharing the last finalist's place are a tie the head "
        "of panel decides (round 2 is then not counted; its ballots are still checked against "
        "the sure and tied finalists). Round 2: each judge votes for exactly `votes_per_judge` "
        "different finalists, none they had a conflict with; most votes is Gold, second "
        "Silver; a tie on votes is broken by the round-1 scores, a tie on both is left to the "
        "panel; a finalist without a vote is not placed. A score off the scale, a vote for a "
        "non-finalist, two votes for one application, the wrong number of votes, duplicate "
        'ids or judges that differ are a 422 with `{"detail": ..., "code": ...}`; a body that is '
        "not a JSON object of this shape is a 422 listing the fields (a 400 when it is not JSON)."
    ),
)
def rulings(request: HttpRequest, payload: RulingsIn) -> Any:
    try:
        return rule_on(payload)
    except rules.RuleError as error:
        return Status(422, {"detail": error.message, "code": error.code})


def rule_on(payload: RulingsIn) -> dict[str, Any]:
    """The rulings on one body, as the response's data; a refusal raises `RuleError`."""
    procedure = _procedure(payload)
    judges = _judges(payload)
    applications = {app.id: list(app.round1) for app in payload.applications}
    round1 = rules.rank_round1(applications, procedure=procedure)
    ties: list[dict[str, Any]] = []
    parts = [round1.explanation]
    if round1.tie is not None:
        tie = round1.tie
        ties.append(
            {
                "round": 1,
                "candidates": list(tie.candidates),
                "places": tie.places,
                "score": rules.shown(tie.score),
            }
        )
    ballots = [list(ballot) for ballot in payload.round2]
    if len(ballots) > judges:
        raise rules.RuleError(
            ngettext(
                "There is %(judges)s judge but %(ballots)s round-2 ballots.",
                "There are %(judges)s judges but %(ballots)s round-2 ballots.",
                judges,
            )
            % {"judges": judges, "ballots": len(ballots)},
            "ballots-too-many",
        )
    conflicted = [
        {key for key, cards in applications.items() if cards[judge] is None}
        for judge in range(judges)
    ]
    votes: list[dict[str, Any]] | None = None
    gold = silver = None
    if round1.tie is not None:
        eligible = [*round1.finalists, *round1.tie.candidates]
        for judge, ballot in enumerate(ballots):
            rules.check_ballot(ballot, eligible, conflicted[judge], procedure)
        parts.append(
            ngettext(
                "The head of panel must first choose %(count)s finalist among %(ids)s: "
                "round 2 is counted after that choice.",
                "The head of panel must first choose %(count)s finalists among %(ids)s: "
                "round 2 is counted after that choice.",
                round1.tie.places,
            )
            % {"count": round1.tie.places, "ids": rules.listed(round1.tie.candidates)}
        )
    elif not ballots:
        parts.append(_("No round-2 ballot was given: Gold and Silver are not placed."))
    else:
        round2 = rules.count_round2(
            round1.finalists, ballots, round1.scores, procedure, conflicted[: len(ballots)]
        )
        gold, silver = round2.gold, round2.silver
        votes = [{"id": key, "votes": count} for key, count in round2.votes.items()]
        ties += [
            {
                "round": 2,
                "candidates": list(tie.candidates),
                "places": list(tie.places),
                "votes": tie.votes,
                "score": None if tie.score is None else rules.shown(tie.score),
            }
            for tie in round2.ties
        ]
        parts.append(round2.explanation)
    return {
        "finalists": list(round1.finalists),
        "gold": gold,
        "silver": silver,
        "ties": ties,
        "ranking": [
            {
                "id": row.id,
                "score": None if row.score is None else rules.shown(row.score),
                "exact": None if row.score is None else str(row.score),
                "judges": row.judges,
            }
            for row in round1.ranking
        ],
        "votes": votes,
        "explanation": " ".join(parts),
    }


def _procedure(payload: RulingsIn) -> rules.Procedure:
    if payload.score_max <= payload.score_min:
        raise rules.RuleError(
            _("The highest score (%(high)s) must be more than the lowest (%(low)s).")
            % {"high": payload.score_max, "low": payload.score_min},
            "scale-invalid",
        )
    return rules.Procedure(
        score_min=payload.score_min,
        score_max=payload.score_max,
        finalists=payload.finalists,
        votes_per_judge=payload.votes_per_judge,
    )


def _judges(payload: RulingsIn) -> int:
    """The panel's size: every application has one round-1 entry per judge; ids are unique."""
    sent = Counter(app.id for app in payload.applications)
    twice = sorted(key for key, times in sent.items() if times > 1)
    if twice:
        raise rules.RuleError(
            _("Each application is sent once; %(ids)s is sent more than once.")
            % {"ids": rules.listed(twice)},
            "application-duplicate",
        )
    sizes = sorted({len(app.round1) for app in payload.applications})
    if len(sizes) > 1:
        raise rules.RuleError(
            _(
                "Every application has one round-1 entry per judge, in the same order; "
                "these have %(sizes)s."
            )
            % {"sizes": ", ".join(str(size) for size in sizes)},
            "judges-differ",
        )
    return sizes[0]
