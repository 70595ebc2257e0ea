"""The live meeting room's API: a delegate casts their member's ballot on an open motion
(session login or personal token), and reads where their member's ballot stands. A secret
ballot's answer never carries a choice."""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from pydantic import BaseModel

from intercity.accounts.api_auth import signed_in
from intercity.core.bounds import DbId
from intercity.core.errors import DomainError
from intercity.core.schemas import ErrorOut
from intercity.governance import services
from intercity.governance.models import Decision
from intercity.governance.services import live
from intercity.network import services as registry

router = Router(tags=["governance"])

ERRORS = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
}


class LiveBallotIn(BaseModel):
    choice: Literal["yes", "no", "abstain"]


class LiveBallotOut(Schema):
    decision: int
    organisation: int = Field(description="The member the delegate represents.")
    vote_mode: str = Field(description="roll_call (named) or secret.")
    voted: bool
    choice: str = Field(description="The member's vote on a named ballot; empty on a secret one.")
    source: str = Field(description="device (the delegate's) or clerk; empty before a ballot.")
    may_change: bool = Field(
        description="Whether another ballot replaces this one (named votes, when the meeting "
        "allows it); a secret ballot is final."
    )


def _out(state: live.BallotState, organisation_id: int) -> LiveBallotOut:
    secret = state.decision.vote_mode == Decision.VoteMode.SECRET
    return LiveBallotOut(
        decision=state.decision.pk,
        organisation=organisation_id,
        vote_mode=state.decision.vote_mode,
        voted=state.voted,
        choice="" if secret else state.choice,
        source=state.source,
        may_change=False if secret else state.may_change,
    )


def _meeting_decision(slug: str, decision_id: int) -> Decision:
    decision = services.get_decision(registry.get_network(slug), decision_id)
    if decision.meeting is None:
        raise DomainError(_("Votes are taken at a meeting."), status=409)
    return decision


@router.post(
    "/networks/{slug}/decisions/{decision_id}/ballots",
    response={200: LiveBallotOut, **ERRORS},
    auth=signed_in,
    summary="Cast your member's ballot on an open motion (its designated delegate)",
    description=(
        "The member is the one the caller represents at the motion's meeting; someone who is "
        "no delegate there is refused (403). Once per member: a second ballot on a named vote "
        "replaces the first while the vote is open if the meeting allows it, else it is "
        "refused (409); a secret ballot is final (409). The answer of a secret ballot says "
        "that the member has voted, never how."
    ),
)
def cast_ballot(
    request: HttpRequest, slug: str, decision_id: DbId, payload: LiveBallotIn
) -> LiveBallotOut:
    decision = _meeting_decision(slug, decision_id)
    assert decision.meeting is not None
    delegate = live.require_delegation(request.user, decision.meeting)
    state = live.cast_ballot(request.user, decision, payload.choice)
    return _out(state, delegate.organisation_id)


@router.get(
    "/networks/{slug}/decisions/{decision_id}/ballots/mine",
    response={200: LiveBallotOut, **ERRORS},
    auth=signed_in,
    summary="Where your member's ballot on a motion stands (its designated delegate)",
)
def my_ballot(request: HttpRequest, slug: str, decision_id: DbId) -> LiveBallotOut:
    decision = _meeting_decision(slug, decision_id)
    assert decision.meeting is not None
    delegate = live.require_delegation(request.user, decision.meeting)
    return _out(live.ballot_state(decision, delegate.organisation), delegate.organisation_id)
