"""The plans API: the timeline part. `GET /api/v1/plans/{network}/timeline` (public) gives a
network's dated milestones, the earliest first, and its documents with their endorsement
dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from intercity.core.schemas import ErrorOut
from intercity.plans.models_timeline import NetworkMilestone
from intercity.plans.services import timeline as services

router = Router(tags=["plans"])

# 400: a NUL character in the path (core.middleware refuses it before any view).
ERRORS: dict[int, Any] = {400: ErrorOut, 404: ErrorOut}


class TimelineMilestoneOut(Schema):
    id: int
    kind: str = Field(description="meeting, endorsement, announcement, report or other.")
    on: dt.date = Field(description="The day; for a month-precise date, the month's first day.")
    precision: str = Field(description="day, or month when the source gives only the month.")
    status: str = Field(description="planned, happened or cancelled.")
    title: str
    outcome: str = Field(description="What the milestone (a meeting) decided or noted.")
    document: str = Field(description="The slug of the document it concerns; empty if none.")
    source: str = Field(description="The seed passage it comes from, if any.")
    passage: str = Field(description="The source's own words, if recorded.")


class TimelineDocumentOut(Schema):
    slug: str
    title: str
    purpose: str
    source: str
    endorsements: list[int] = Field(description="Ids of its endorsement milestones.")


class TimelineOut(Schema):
    network: str = Field(description="The network's slug, e.g. ascn.")
    milestones: list[TimelineMilestoneOut] = Field(
        description="Every milestone, the earliest first."
    )
    documents: list[TimelineDocumentOut]


def _milestone(milestone: NetworkMilestone) -> dict[str, Any]:
    return {
        "id": milestone.pk,
        "kind": milestone.kind,
        "on": milestone.on,
        "precision": milestone.precision,
        "status": milestone.status,
        "title": milestone.title,
        "outcome": milestone.outcome,
        "document": milestone.document.slug if milestone.document else "",
        "source": milestone.source,
        "passage": milestone.passage,
    }


@router.get(
    "/plans/{network}/timeline",
    response={200: TimelineOut, **ERRORS},
    summary="A network's timeline: its dated milestones and its documents' endorsement dates",
)
def timeline(request: HttpRequest, network: str) -> dict[str, Any]:
    found = services.get_network(network[:50])
    return {
        "network": found.slug,
        "milestones": [_milestone(m) for m in services.milestones(found)],
        "documents": [
            {
                "slug": d.slug,
                "title": d.title,
                "purpose": d.purpose,
                "source": d.source,
                "endorsements": [m.pk for m in d.endorsements],  # type: ignore[attr-defined]
            }
            for d in services.documents(found)
        ],
    }
