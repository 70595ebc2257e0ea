"""The meeting floor API: an agenda item's speakers list (public read; requests by the
delegation's city officer or the Secretariat; the chair's actions by the Secretariat), the
amendments to a motion, and an item's documents with their versions (read)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from intercity.accounts.api_auth import signed_in
from intercity.core.bounds import DbId
from intercity.core.errors import NotFound
from intercity.governance import services
from intercity.governance.api import ERRORS, STAFF_ERRORS, Id, Input, Text, Title
from intercity.governance.api import _agenda_item as agenda_item_of
from intercity.governance.models import AgendaItem, Decision, Speech
from intercity.governance.services import floor
from intercity.network import services as registry

router = Router(tags=["governance"])


class FloorSpeechOut(Schema):
    id: int
    participant: str
    status: str = Field(description="waiting, speaking, done or withdrawn.")
    spoken_before: int = Field(0, description="Times this participant has spoken on the item.")
    started_at: dt.datetime | None
    ended_at: dt.datetime | None


class FloorOut(Schema):
    is_open: bool
    speech_seconds: int = Field(description="The meeting's time limit of one speech.")
    first_time_first: bool
    current: FloorSpeechOut | None
    remaining_seconds: int | None = Field(
        description="Whole seconds left of the current speech, from the server's clock; "
        "negative when the speaker runs over; null when no one has the floor."
    )
    queue: list[FloorSpeechOut] = Field(description="Waiting requests, in the order called.")
    done: list[FloorSpeechOut]


class FloorRequestIn(Input):
    participant: Id = Field(description="The participant's id at this meeting.")


class FloorStartIn(Input):
    speech: Id | None = Field(None, description="A waiting request; null: the next in order.")


class FloorAmendmentIn(Input):
    title: Title
    change: Text = Field("", description="What the amendment changes, in words.")
    replacement: Text = Field(description="The motion's text as amended.")
    mover: Id | None = Field(None, description="The moving member organisation's id.")


class FloorAmendmentOut(Schema):
    id: int
    motion: int
    title: str
    change: str
    replacement: str
    text_before: str
    mover: str | None
    status: str
    outcome: str
    explanation: str


class FloorMotionTextOut(Schema):
    motion: int
    original: str
    current: str
    amendments: list[FloorAmendmentOut]


class FloorVersionOut(Schema):
    number: int
    filename: str
    content_type: str
    size: int
    note: str
    uploaded_at: dt.datetime
    url: str


class FloorDocumentOut(Schema):
    id: int
    title: str
    reference: str
    url: str
    versions: list[FloorVersionOut] = Field(description="Newest first.")


def _item(slug: str, key: str, item_id: int) -> AgendaItem:
    meeting = services.get_meeting(registry.get_network(slug), key)
    item = agenda_item_of(meeting, item_id)
    item.meeting = meeting
    return item


def _speech(speech: Speech) -> dict[str, Any]:
    return {
        "id": speech.pk,
        "participant": str(speech.participant),
        "status": speech.status,
        "spoken_before": getattr(speech, "spoken_before", 0),
        "started_at": speech.started_at,
        "ended_at": speech.ended_at,
    }


def _floor(item: AgendaItem) -> dict[str, Any]:
    state = floor.floor_of(item)
    return {
        "is_open": state.is_open,
        "speech_seconds": state.speech_seconds,
        "first_time_first": state.first_time_first,
        "current": _speech(state.current) if state.current else None,
        "remaining_seconds": state.remaining,
        "queue": [_speech(s) for s in state.queue],
        "done": [_speech(s) for s in state.done],
    }


ITEM = "/networks/{slug}/meetings/{key}/agenda/{item_id}"


@router.get(
    ITEM + "/speakers",
    response={200: FloorOut, **ERRORS},
    summary="An agenda item's speakers list and the time left of the current speech",
)
def speakers(request: HttpRequest, slug: str, key: str, item_id: DbId) -> dict[str, Any]:
    return _floor(_item(slug, key, item_id))


@router.post(
    ITEM + "/speakers/requests",
    response={201: FloorOut, **STAFF_ERRORS},
    auth=signed_in,
    summary="Ask to speak on an item (a city officer for their delegation, or the Secretariat)",
)
def request_to_speak(
    request: HttpRequest, slug: str, key: str, item_id: DbId, payload: FloorRequestIn
) -> Status[dict[str, Any]]:
    item = _item(slug, key, item_id)
    participant = services.get_participant(item.meeting, payload.participant)
    floor.request_to_speak(request.user, item, participant)
    return Status(201, _floor(item))


@router.post(
    ITEM + "/speakers/start",
    response={200: FloorOut, **STAFF_ERRORS},
    auth=signed_in,
    summary="Give the floor to a waiting request or the next in order (Secretariat)",
)
def start_speech(
    request: HttpRequest, slug: str, key: str, item_id: DbId, payload: FloorStartIn
) -> dict[str, Any]:
    item = _item(slug, key, item_id)
    floor.start_speech(request.user, item, payload.speech)
    return _floor(item)


@router.post(
    ITEM + "/speakers/end",
    response={200: FloorOut, **STAFF_ERRORS},
    auth=signed_in,
    summary="End the current speech (Secretariat)",
)
def end_speech(request: HttpRequest, slug: str, key: str, item_id: DbId) -> dict[str, Any]:
    item = _item(slug, key, item_id)
    floor.end_speech(request.user, item)
    return _floor(item)


def _amendment(amendment: Any) -> dict[str, Any]:
    decision: Decision = amendment.decision
    return {
        "id": decision.pk,
        "motion": amendment.motion_id,
        "title": decision.title,
        "change": decision.text,
        "replacement": amendment.replacement,
        "text_before": amendment.text_before,
        "mover": amendment.mover.name if amendment.mover else None,
        "status": decision.status,
        "outcome": decision.outcome,
        "explanation": decision.explanation,
    }


def _motion(slug: str, decision_id: int) -> Decision:
    motion = services.get_decision(registry.get_network(slug), decision_id)
    if motion.kind != Decision.Kind.MOTION:
        raise NotFound(_("Decision %(id)s is not a motion.") % {"id": decision_id})
    return motion


def _text(motion: Decision) -> dict[str, Any]:
    text = floor.motion_text(motion)
    return {
        "motion": motion.pk,
        "original": text.original,
        "current": text.current,
        "amendments": [_amendment(a) for a in floor.amendments_of(motion)],
    }


@router.get(
    "/networks/{slug}/motions/{decision_id}/amendments",
    response={200: FloorMotionTextOut, **ERRORS},
    summary="A motion's text as moved and as amended, and its amendments",
)
def amendments(request: HttpRequest, slug: str, decision_id: DbId) -> dict[str, Any]:
    return _text(_motion(slug, decision_id))


@router.post(
    "/networks/{slug}/motions/{decision_id}/amendments",
    response={201: FloorMotionTextOut, **STAFF_ERRORS},
    auth=signed_in,
    summary="Move an amendment to an open motion, voted before it (Secretariat)",
)
def propose_amendment(
    request: HttpRequest, slug: str, decision_id: DbId, payload: FloorAmendmentIn
) -> Status[dict[str, Any]]:
    motion = _motion(slug, decision_id)
    services.require_secretariat(request.user)
    mover = registry.get_organisation(payload.mover) if payload.mover else None
    floor.propose_amendment(
        request.user,
        motion,
        title=payload.title,
        change=payload.change,
        replacement=payload.replacement,
        mover=mover,
    )
    return Status(201, _text(motion))


@router.get(
    ITEM + "/documents",
    response={200: list[FloorDocumentOut], **ERRORS},
    summary="An agenda item's documents, each with its versions, newest first",
)
def documents(request: HttpRequest, slug: str, key: str, item_id: DbId) -> list[dict[str, Any]]:
    item = _item(slug, key, item_id)
    meeting = item.meeting
    return [
        {
            "id": document.pk,
            "title": document.title,
            "reference": document.reference,
            "url": document.url,
            "versions": [
                {
                    "number": v.number,
                    "filename": v.filename,
                    "content_type": v.content_type,
                    "size": v.size,
                    "note": v.note,
                    "uploaded_at": v.uploaded_at,
                    "url": reverse(
                        "governance_version_file",
                        args=[meeting.network.slug, meeting.key, item.pk, v.pk],
                    ),
                }
                for v in document.versions.all()
            ],
        }
        for document in floor.documents_of(item)
    ]
