"""The catalog's search page and a project's "projects like this one": thin views over
`services/search.py`. The search page is a GET form that works without JavaScript; with htmx
a change of the form swaps the results (and the facets) in place."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from intercity.core.errors import DomainError, NotFound
from intercity.knowledge.services import search as services

FACET_PARAMS = {
    "theme": "theme",
    "network": "network",
    "region": "region",
    "country": "country",
    "city_size": "city_size",
    "budget": "budget",
    "status": "status",
    "sdg": "sdg",
}
MAX_PAGE = 10_000


def _budget(value: str) -> Decimal | None:
    if not value.strip():
        return None
    try:
        amount = Decimal(value.strip().replace(",", ""))
    except InvalidOperation as exc:
        raise DomainError(_("A budget is a number of US dollars from 0 up."), 422) from exc
    return amount


def query_from(params: Any) -> services.Query:
    """The search's query from GET parameters (a filter may be given several times)."""

    def many(name: str) -> tuple[str, ...]:
        return tuple(v.strip() for v in params.getlist(name) if v.strip())[:20]

    sdgs = []
    for value in many("sdg"):
        if not value.isdigit() or len(value) > 3:
            raise DomainError(_("The SDGs are numbered 1 to 17."), 422)
        sdgs.append(int(value))
    return services.Query(
        text=params.get("q", "")[:300],
        themes=many("theme"),
        networks=many("network"),
        regions=many("region"),
        countries=many("country"),
        city_sizes=many("city_size"),
        budgets=many("budget"),
        budget_min=_budget(params.get("budget_min", "")),
        budget_max=_budget(params.get("budget_max", "")),
        statuses=many("status"),
        sdgs=tuple(sdgs),
    )


def _page_number(value: str) -> int:
    return int(value) if value.isdigit() and 1 <= int(value) <= MAX_PAGE else 1


def search(request: HttpRequest) -> HttpResponse:
    page = _page_number(request.GET.get("page", "1"))
    error = ""
    results = None
    try:
        query = query_from(request.GET)
        results = services.search(query, offset=(page - 1) * services.PAGE_SIZE)
    except DomainError as exc:
        error = exc.message
    kept = [(k, v) for k, values in request.GET.lists() if k != "page" for v in values]
    pages = 0
    if results:
        pages = (results.total + services.PAGE_SIZE - 1) // services.PAGE_SIZE
    context = {
        "results": results,
        "error": error,
        "q": request.GET.get("q", ""),
        "budget_min": request.GET.get("budget_min", ""),
        "budget_max": request.GET.get("budget_max", ""),
        "page": page,
        "pages": pages,
        "previous_url": "?" + urlencode([*kept, ("page", page - 1)]) if page > 1 else "",
        "next_url": "?" + urlencode([*kept, ("page", page + 1)]) if page < pages else "",
        "facet_titles": _facet_titles(),
        "filtered": bool([k for k, _v in kept if k != "q"]),
    }
    template = (
        "knowledge/search_results.html"
        if request.headers.get("HX-Request")
        else "knowledge/search.html"
    )
    return render(request, template, context, status=422 if error else 200)


def _facet_titles() -> dict[str, str]:
    return {
        "theme": _("Theme"),
        "network": _("Network"),
        "region": _("Region"),
        "country": _("Country"),
        "city_size": _("City size"),
        "budget": _("Budget"),
        "status": _("Status"),
        "sdg": _("Sustainable Development Goal"),
    }


def similar(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        project = services.get_published(pk)
    except NotFound as exc:
        return render(
            request, "knowledge/search_not_found.html", {"message": exc.message}, status=404
        )
    suggestions = services.similar(project)
    rows = [(s, services.explanation(s.likeness)) for s in suggestions]
    template = (
        "knowledge/_similar_list.html"
        if request.headers.get("HX-Request")
        else "knowledge/search_similar.html"
    )
    return render(request, template, {"project": project, "rows": rows})
