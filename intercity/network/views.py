"""Registry pages: thin views that parse, call a service and render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from intercity.accounts import permissions
from intercity.core.errors import DomainError, PermissionDenied
from intercity.network import services
from intercity.network.forms import DirectoryFilterForm, OrganisationProfileForm
from intercity.network.models import Mandate, Network, Organisation


def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    networks = [
        (network, services.member_counts(network, today)) for network in Network.objects.all()
    ]
    return render(request, "network/home.html", {"networks": networks, "today": today})


def _bars(rows: list[tuple[str, int]]) -> list[tuple[str, int, int]]:
    """Rows with the bar width in percent of the largest, for the CSS bar chart."""
    top = max((n for _, n in rows), default=0) or 1
    return [(label, n, round(100 * n / top)) for label, n in rows]


def network_detail(request: HttpRequest, slug: str) -> HttpResponse:
    network = get_object_or_404(Network, slug=slug)
    today = timezone.localdate()
    counts = services.member_counts(network, today)
    mandates = list(services.mandates(network))
    terms: dict[str, list[Mandate]] = {}
    for mandate in mandates:
        label = f"{mandate.body.name}, from {mandate.start:%d %B %Y}"
        terms.setdefault(label, []).append(mandate)
    return render(
        request,
        "network/network_detail.html",
        {
            "network": network,
            "counts": counts,
            "headline_totals": services.headline_totals(network),
            "category_bars": _bars(counts.by_category),
            "region_bars": _bars(counts.by_region),
            "terms": terms,
            "bodies": network.bodies.all(),
            "regional_offices": network.regional_offices.select_related("region", "host"),
            "people": network.person_roles.select_related("person", "organisation"),
        },
    )


def directory(request: HttpRequest, slug: str) -> HttpResponse:
    network = get_object_or_404(Network, slug=slug)
    country_codes = sorted(
        {
            str(code)
            for code in network.memberships.values_list("organisation__country", flat=True)
            if code
        }
    )
    form = DirectoryFilterForm(network, request.GET or None, country_codes=country_codes)
    page = None
    error = ""
    if form.is_bound and not form.is_valid():
        error = "Please correct the filters below."
    else:
        data = form.cleaned_data if form.is_bound else {}
        wanted = services.MemberFilter(
            on=form.on_date(),
            category=data.get("category", ""),
            status=data.get("status", ""),
            region=data.get("region", ""),
            country=data.get("country", ""),
            search=data.get("q", ""),
        )
        try:
            periods = services.members(network, wanted)
        except DomainError as exc:
            error = exc.message
        else:
            page = Paginator(periods, 50).get_page(request.GET.get("page"))
    context = {
        "network": network,
        "form": form,
        "page": page,
        "error": error,
        "on": form.on_date(),
        "query": _query_without_page(request),
    }
    template = (
        "network/_directory_results.html"
        if request.headers.get("HX-Request")
        else "network/directory.html"
    )
    return render(request, template, context, status=400 if error else 200)


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    return render(
        request,
        "network/organisation_detail.html",
        {
            "organisation": organisation,
            "memberships": services.organisation_memberships(organisation),
            "mandates": organisation.mandates.select_related("body__network"),
            "can_edit": permissions.can_edit_organisation(request.user, organisation.pk),
        },
    )


@login_required
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    if not permissions.can_edit_organisation(request.user, organisation.pk):
        raise HttpForbidden(f"You may not edit the profile of {organisation}.")
    form = OrganisationProfileForm(
        request.POST or None,
        instance=organisation,
        staff=permissions.is_secretariat(request.user),
    )
    if request.method == "POST" and form.is_valid():
        # The form validated a copy; the service re-reads, checks and saves in one transaction.
        fresh = Organisation.objects.get(pk=organisation.pk)
        try:
            services.update_organisation(request.user, fresh, form.changes())
        except PermissionDenied:
            raise  # the edge (core.edge) answers 403 with the message
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Profile saved.")
            return redirect("organisation", pk=organisation.pk)
    return render(
        request, "network/organisation_edit.html", {"organisation": organisation, "form": form}
    )
