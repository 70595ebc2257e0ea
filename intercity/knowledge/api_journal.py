"""The Best Practices Journal under /api/v1/knowledge/journal: published issues for everyone,
drafts too for the Secretariat (with a token or a verified session). Each handler calls one
service and answers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Router, Schema

from intercity.accounts.api_auth import ApiTokenAuth, VerifiedSessionAuth
from intercity.core.bounds import DbId
from intercity.core.links import absolute
from intercity.core.schemas import ErrorOut
from intercity.knowledge.models import JournalIssue
from intercity.knowledge.services import journal

router = Router(tags=["knowledge"])

# 400: a NUL character in the query (core.middleware refuses it before any view).
ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut}

# A token or a verified session names the caller (an unknown or revoked token is a 401,
# never read as the public); without either, the caller is the public.
_METHODS = (ApiTokenAuth(), VerifiedSessionAuth())


def _caller(request: HttpRequest) -> Any:
    for method in _METHODS:
        user = method(request)
        if user:
            return user
    return AnonymousUser()


class JournalIssueOut(Schema):
    id: int
    network: str = Field(description="The network's slug, e.g. wego.")
    number: int = Field(description="The issue's number in its network's journal: 1, 2, ...")
    title: str = Field(description="In the language of the request where translated.")
    state: str = Field(description="published, or draft (the Secretariat only sees drafts).")
    published_at: dt.datetime | None = Field(description="When it was published; null before.")
    entry_count: int = Field(description="How many catalog projects the issue gathers.")
    demo: bool = Field(description="True for demonstration data, not a real issue.")
    url: str = Field(description="The issue's page.")
    pdf_url: str = Field(description="The issue as a PDF.")


class JournalEntryOut(Schema):
    position: int = Field(description="1, 2, ... in the editors' order.")
    project_id: int
    title: str = Field(description="The project's title, in the language its city wrote it in.")
    city: str
    country: str = Field(description="ISO 3166-1 alpha-2 code; empty when unknown.")
    themes: list[str]
    note: str = Field(description="The editors' note on why the project is in the issue.")
    in_catalog: bool = Field(
        description="False when the project was taken off the catalog after publication."
    )
    url: str | None = Field(description="The project's page in the catalog; null once off it.")


class JournalIssueDetailOut(JournalIssueOut):
    editorial: str
    entries: list[JournalEntryOut]


def _issue(issue: JournalIssue, entry_count: int | None = None) -> dict[str, Any]:
    count = entry_count if entry_count is not None else getattr(issue, "entry_count", 0)
    return {
        "id": issue.pk,
        "network": issue.network.slug,
        "number": issue.number,
        "title": issue.title,
        "state": issue.state,
        "published_at": issue.published_at,
        "entry_count": count,
        "demo": issue.demo,
        "url": absolute(reverse("knowledge_journal_issue", args=[issue.pk])),
        "pdf_url": absolute(reverse("knowledge_journal_pdf", args=[issue.pk])),
    }


@router.get(
    "/knowledge/journal",
    response={200: list[JournalIssueOut], **ERRORS},
    summary="Issues of the Best Practices Journal: the published ones, newest first",
    description="The Secretariat (with a token or a signed-in session) also sees drafts.",
)
def list_issues(request: HttpRequest) -> list[dict[str, Any]]:
    return [_issue(issue) for issue in journal.issues_visible_to(_caller(request))[:200]]


@router.get(
    "/knowledge/journal/{issue_id}",
    response={200: JournalIssueDetailOut, **ERRORS},
    summary="An issue of the Best Practices Journal: its editorial and its projects",
    description="A draft, or an unknown id, is a 404 for anyone but the Secretariat.",
)
def get_issue(request: HttpRequest, issue_id: DbId) -> dict[str, Any]:
    issue = journal.get_issue(_caller(request), issue_id)
    entries = journal.entries(issue)
    out = _issue(issue, len(entries))
    out["editorial"] = issue.editorial
    out["entries"] = [
        {
            "position": e.position,
            "project_id": e.project.pk,
            "title": e.project.title,
            "city": e.city,
            "country": e.country,
            "themes": e.themes,
            "note": e.entry.note,
            "in_catalog": e.in_catalog,
            "url": absolute(reverse("knowledge_project", args=[e.project.pk]))
            if e.in_catalog
            else None,
        }
        for e in entries
    ]
    return out
