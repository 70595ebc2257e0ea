"""The catalog's projects under /api/v1/knowledge/projects: the search (the same as the page:
accent- and case-insensitive, best match first, facets counted with the other filters), a
project in the unified format, and "projects like this one" with the reasons. Public, and
published projects only: a draft is a 404 as an unknown id is."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router, Schema

from intercity.core.bounds import DbId
from intercity.core.schemas import ErrorOut, OrganisationRef
from intercity.knowledge.models import Project
from intercity.knowledge.services import search as services

router = Router(tags=["knowledge"])

# 400: a NUL character in the query (core.middleware refuses it before any view).
ERRORS: dict[int, Any] = {400: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class ProjectSearchQuery(Schema):
    q: str = Field("", max_length=300, description="Words, in any language of the catalog.")
    theme: str | None = Field(
        None, max_length=80, description="A thematic cluster's slug or id (422 when unknown)."
    )
    network: str | None = Field(
        None, max_length=50, description="A network's slug (e.g. wego) or id."
    )
    region: DbId | None = Field(None, description="A network region's id.")
    country: str | None = Field(
        None, min_length=2, max_length=2, description="ISO 3166-1 alpha-2 code of the city."
    )
    city_size: str | None = Field(
        None,
        max_length=20,
        description="under-500k, 500k-1m, 1m-5m, 5m-10m, over-10m or unknown (population).",
    )
    budget: str | None = Field(
        None,
        max_length=20,
        description="under-100k, 100k-1m, 1m-10m, 10m-100m, over-100m or unknown (US$).",
    )
    budget_min: Decimal | None = Field(
        None,
        ge=0,
        le=services.MAX_BUDGET,
        max_digits=16,
        decimal_places=2,
        description="Budget at least (US$).",
    )
    budget_max: Decimal | None = Field(
        None,
        ge=0,
        le=services.MAX_BUDGET,
        max_digits=16,
        decimal_places=2,
        description="Budget at most (US$).",
    )
    status: str | None = Field(
        None, max_length=20, description="planned, under_way, completed or unknown."
    )
    sdg: int | None = Field(None, ge=1, le=17, description="A Sustainable Development Goal.")
    limit: int = Field(services.PAGE_SIZE, ge=1, le=services.MAX_LIMIT)
    offset: int = Field(0, ge=0, le=1_000_000)
    facets: bool = Field(True, description="Count the facets (false: faster).")


class ThemeOut(Schema):
    id: int
    slug: str
    name: str


class ProjectItemOut(Schema):
    id: int
    title: str
    city: OrganisationRef
    themes: list[ThemeOut]
    status: str = Field(description="planned, under_way, completed, or empty when not said.")
    summary: str
    url: str = Field(description="The project's page.")


class FacetValueOut(Schema):
    key: str = Field(description="The value to pass as the filter's parameter.")
    label: str
    count: int = Field(description="Results with this value, the other filters applied.")
    selected: bool


class ProjectSearchOut(Schema):
    total: int
    offset: int
    limit: int
    items: list[ProjectItemOut]
    facets: dict[str, list[FacetValueOut]] = Field(
        description="theme, network, region, country, city_size, budget, status, sdg; empty "
        "when facets=false."
    )


class SdgOut(Schema):
    number: int
    name: str


class PartnerOut(Schema):
    name: str
    role: str
    organisation: OrganisationRef | None


class LinkOut(Schema):
    label: str
    url: str


class FileOut(Schema):
    kind: str
    name: str
    caption: str
    content_type: str
    size: int
    url: str


class ProjectOut(ProjectItemOut):
    network: str = Field(description="The network's slug.")
    language: str = Field(description="The language the city wrote the project in.")
    background: str
    main_features: str
    technical_details: str
    challenges: str
    figures_and_impact: str
    budget_and_financing: str
    budget_usd: str | None = Field(description="The budget in US dollars, as a decimal string.")
    started_on: dt.date | None
    completed_on: dt.date | None
    published_at: dt.datetime | None
    sdgs: list[SdgOut]
    partners: list[PartnerOut]
    links: list[LinkOut]
    files: list[FileOut]
    similar_url: str


class SimilarOut(Schema):
    project: ProjectItemOut
    score: float = Field(description="0 to 1: themes 0.5, rarer words 0.4, SDGs 0.1.")
    shared_themes: list[str]
    shared_terms: list[str]
    shared_sdgs: list[int]
    why: str = Field(description="The reasons in a sentence.")


def _city(organisation: Any) -> dict[str, Any]:
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "country": str(organisation.country or ""),
    }


def _item(project: Project) -> dict[str, Any]:
    return {
        "id": project.pk,
        "title": project.title,
        "city": _city(project.organisation),
        "themes": [{"id": t.pk, "slug": t.slug, "name": t.name} for t in project.themes.all()],
        "status": project.status,
        "summary": project.summary,
        "url": reverse("knowledge_project", args=[project.pk]),
    }


def _one(value: Any) -> tuple[str, ...]:
    return (str(value),) if value not in (None, "") else ()


@router.get(
    "/knowledge/projects",
    response={200: ProjectSearchOut, **ERRORS},
    summary="Search the published catalog projects",
    description=(
        "Accent- and case-insensitive words in every language of the catalog, best match first "
        "then newest; filters; facets counted over the results with the other filters applied. "
        "An unknown theme, network, region, country, status or band, or a budget_min above "
        "budget_max, is a 422."
    ),
)
def search_projects(request: HttpRequest, filters: Query[ProjectSearchQuery]) -> dict[str, Any]:
    query = services.Query(
        text=filters.q,
        themes=_one(filters.theme),
        networks=_one(filters.network),
        regions=_one(filters.region),
        countries=_one(filters.country),
        city_sizes=_one(filters.city_size),
        budgets=_one(filters.budget),
        budget_min=filters.budget_min,
        budget_max=filters.budget_max,
        statuses=_one(filters.status),
        sdgs=(filters.sdg,) if filters.sdg else (),
    )
    found = services.search(
        query, offset=filters.offset, limit=filters.limit, facets=filters.facets
    )
    return {
        "total": found.total,
        "offset": found.offset,
        "limit": found.limit,
        "items": [_item(hit.project) for hit in found.hits],
        "facets": {
            name: [
                {"key": v.key, "label": v.label, "count": v.count, "selected": v.selected}
                for v in values
            ]
            for name, values in found.facets.items()
        },
    }


@router.get(
    "/knowledge/projects/{project_id}",
    response={200: ProjectOut, **ERRORS},
    summary="A published catalog project in the unified format",
)
def get_project(request: HttpRequest, project_id: DbId) -> dict[str, Any]:
    project = services.get_published(project_id)
    page = reverse("knowledge_project", args=[project.pk])
    return {
        **_item(project),
        "network": project.network.slug,
        "language": project.language,
        "background": project.background,
        "main_features": project.main_features,
        "technical_details": project.technical_details,
        "challenges": project.challenges,
        "figures_and_impact": project.figures_and_impact,
        "budget_and_financing": project.budget_and_financing,
        "budget_usd": str(project.budget_usd) if project.budget_usd is not None else None,
        "started_on": project.started_on,
        "completed_on": project.completed_on,
        "published_at": project.published_at,
        "sdgs": [{"number": s.number, "name": s.name} for s in project.sdgs.all()],
        "partners": [
            {
                "name": p.name,
                "role": p.role,
                "organisation": _city(p.organisation) if p.organisation_id else None,
            }
            for p in project.partners.select_related("organisation")
        ],
        "links": [{"label": link.label, "url": link.url} for link in project.links.all()],
        "files": [
            {
                "kind": f.kind,
                "name": f.name,
                "caption": f.caption,
                "content_type": f.content_type,
                "size": f.size,
                # The catalog part serves the files; its page lists them under #files.
                "url": f"{page}#files",
            }
            for f in project.files.all()
        ],
        "similar_url": reverse("knowledge_project_similar", args=[project.pk]),
    }


@router.get(
    "/knowledge/projects/{project_id}/similar",
    response={200: list[SimilarOut], **ERRORS},
    summary="Published projects like this one, each with why",
    description=(
        "Ranked by shared themes, shared rarer words and shared SDGs; ties by id. Never the "
        "project itself, never an unpublished project."
    ),
)
def similar_projects(
    request: HttpRequest,
    project_id: DbId,
    limit: int = Query(services.SIMILAR_LIMIT, ge=1, le=services.MAX_LIMIT),  # type: ignore[type-arg]
) -> list[dict[str, Any]]:
    project = services.get_published(project_id)
    return [
        {
            "project": _item(s.project),
            "score": s.likeness.score,
            "shared_themes": list(s.likeness.shared_themes),
            "shared_terms": list(s.likeness.shared_terms),
            "shared_sdgs": list(s.likeness.shared_sdgs),
            "why": services.explanation(s.likeness),
        }
        for s in services.similar(project, limit)
    ]
