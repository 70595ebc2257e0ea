"""The statute's text in the API (public reads): a network's texts, one text's articles, and
what changed between two texts, word by word (`services.statute_text`)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from intercity.core.bounds import IsoDate
from intercity.core.schemas import ErrorOut
from intercity.governance.models import StatuteArticle, StatuteVersion
from intercity.governance.services import statute_text
from intercity.network import services as registry

router = Router(tags=["governance"])

ERRORS: dict[int, Any] = {400: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class StatuteTextOut(Schema):
    name: str
    effective_from: dt.date = Field(description="The day the text took effect; names it in URLs.")
    source: str = Field(description="Where the seeds hold the text.")
    complete_articles: int
    partial_articles: int = Field(description="Articles of which the sources quote only part.")
    missing_articles: int = Field(description="Articles listed whose text is not in the sources.")
    whole: bool = Field(description="Whether the sources hold the whole text.")


class ParagraphOut(Schema):
    n: str = Field(description='The paragraph number, "" for an unnumbered article.')
    text: str = Field(description="Sub-items on their own lines.")
    same_as: str = Field(
        "", description='The text it is taken from ("[No Change]" in an amendment table).'
    )


class StatuteArticleOut(Schema):
    number: str
    title: str
    part: str
    status: Literal["complete", "partial", "missing"]
    paragraphs: list[ParagraphOut]
    source: str
    note: str


class StatuteTextDetailOut(StatuteTextOut):
    articles: list[StatuteArticleOut]


class DiffPieceOut(Schema):
    kind: Literal["same", "del", "ins"]
    text: str


class ArticleChangeOut(Schema):
    number: str
    title: str
    change: Literal["added", "removed", "changed", "unchanged", "not-comparable"]
    explanation: str
    before: list[DiffPieceOut] = Field(description="The earlier text; `del` is only there.")
    after: list[DiffPieceOut] = Field(description="The later text; `ins` is only there.")


class StatuteComparisonOut(Schema):
    before: StatuteTextOut
    after: StatuteTextOut
    articles: list[ArticleChangeOut]


class CompareQuery(Schema):
    a: IsoDate = Field(description="The day one text took effect.")
    b: IsoDate = Field(description="The day the other took effect (either order).")


def _text(version: StatuteVersion, rows: list[StatuteArticle]) -> dict[str, Any]:
    statuses = [row.status for row in rows]
    return {
        "name": version.name,
        "effective_from": version.effective_from,
        "source": version.source,
        "complete_articles": statuses.count(StatuteArticle.Status.COMPLETE),
        "partial_articles": statuses.count(StatuteArticle.Status.PARTIAL),
        "missing_articles": statuses.count(StatuteArticle.Status.MISSING),
        "whole": statute_text.is_whole(version, rows),
    }


@router.get(
    "/networks/{slug}/statute",
    response={200: list[StatuteTextOut], **ERRORS},
    summary="A network's statute texts, oldest first, with how much of each the sources hold",
)
def list_statute_texts(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    network = registry.get_network(slug)
    return [_text(v, statute_text.articles_of(v)) for v in statute_text.versions(network)]


@router.get(
    "/networks/{slug}/statute/compare",
    response={200: StatuteComparisonOut, **ERRORS},
    summary="What changed between two statute texts, article by article, word by word",
)
def compare_statute_texts(
    request: HttpRequest, slug: str, query: Query[CompareQuery]
) -> dict[str, Any]:
    network = registry.get_network(slug)
    found = statute_text.compare(network, query.a.isoformat(), query.b.isoformat())
    return {
        "before": _text(found.before, statute_text.articles_of(found.before)),
        "after": _text(found.after, statute_text.articles_of(found.after)),
        "articles": [
            {
                "number": c.number,
                "title": c.title,
                "change": c.change,
                "explanation": c.explanation,
                "before": [{"kind": p.kind, "text": p.text} for p in c.before],
                "after": [{"kind": p.kind, "text": p.text} for p in c.after],
            }
            for c in found.changes
        ],
    }


@router.get(
    "/networks/{slug}/statute/{day}",
    response={200: StatuteTextDetailOut, **ERRORS},
    summary="One statute text, named by the day it took effect, with its articles",
)
def get_statute_text(request: HttpRequest, slug: str, day: IsoDate) -> dict[str, Any]:
    version = statute_text.get_version(registry.get_network(slug), day.isoformat())
    rows = statute_text.articles_of(version)
    return {
        **_text(version, rows),
        "articles": [
            {
                "number": r.number,
                "title": r.title,
                "part": r.part,
                "status": r.status,
                "paragraphs": r.paragraphs,
                "source": r.source,
                "note": r.note,
            }
            for r in rows
        ],
    }
