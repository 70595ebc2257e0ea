"""Registry pages: thin views that parse, call a service and render."""

from __future__ import annotations

from dataclasses import replace

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from intercity.accounts import permissions
from intercity.core.errors import DomainError, PermissionDenied
from intercity.core.modules import contributions
from intercity.network import services
from intercity.network.forms import ALL_STATUSES, DirectoryFilterForm, OrganisationProfileForm
from intercity.network.models import Mandate, MembershipStatus, Network, Organisation


def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    networks = [
        (network, services.member_counts(network, today)) for network in Network.objects.all()
    ]
    # What the modules show a visitor who lands here (events: the next upcoming events).
    sections = contributions("home_sections", request)
    return render(
        request,
        "network/home.html",
        {"networks": networks, "today": today, "sections": sections},
    )


def _bars(rows: list[tuple[str, int]]) -> list[tuple[str, int, int]]:
    """Rows with the bar width in percent of the largest, for the CSS bar chart."""
    top = max((n for _, n in rows), default=0) or 1
    return [(label, n, round(100 * n / top)) for label, n in rows]


def network_detail(request: HttpRequest, slug: str) -> HttpResponse:
    network = get_object_or_404(Network, slug=slug)
    today = timezone.localdate()
    counts = services.member_counts(network, today)
    current: list[Mandate] = []
    past: dict[str, list[Mandate]] = {}
    for mandate in services.mandates(network):
        if mandate.start <= today and (mandate.end is None or mandate.end > today):
            current.append(mandate)
        else:
            past.setdefault(_term_label(mandate), []).append(mandate)
    # Officers in the order the statute lists the offices; committee members as one list.
    rank = {office: i for i, office in enumerate(Mandate.Office.values)}
    current.sort(key=lambda m: (m.body.position, rank.get(m.office, 99), m.organisation.name))
    officers = [m for m in current if m.office != Mandate.Office.MEMBER]
    committee = [m for m in current if m.office == Mandate.Office.MEMBER]
    categories = list(network.categories.all())
    regional_offices = list(network.regional_offices.select_related("region", "host"))
    people = list(network.person_roles.select_related("person", "organisation"))
    bodies = list(network.bodies.all())
    sections = contributions("network_sections", request, network)
    headline = services.headline_totals(network)
    contents = [
        ("members", _("Current members")),
        ("map", _("Map of the members")),
        *([("officers", _("Current officers and committee"))] if current else []),
        *([("regional-offices", _("Regional offices"))] if regional_offices else []),
        *([("categories", _("Membership categories"))] if categories else []),
        *([("bodies", _("Bodies"))] if bodies else []),
        *[(section.anchor, section.title) for section in sections if section.anchor],
        *([("sources", _("What the sources count"))] if headline else []),
        *([("history", _("Past terms"))] if past else []),
        *([("people", _("People"))] if people else []),
    ]
    return render(
        request,
        "network/network_detail.html",
        {
            "network": network,
            "counts": counts,
            "member_map": services.member_map(network, today),
            "headline_totals": headline,
            "category_bars": _bars(counts.by_category),
            "region_bars": _bars(counts.by_region),
            "current_mandates": current,
            "officers": officers,
            "committee": committee,
            "committee_sources": sorted({m.source for m in committee if m.source}),
            # (body, start) when every committee member began together, as after an election.
            "committee_since": (
                (committee[0].body.name, committee[0].start)
                if len({(m.body_id, m.start) for m in committee}) == 1
                else None
            ),
            "past_terms": past,
            "categories": categories,
            # ASCN's concept note defines no voting rights: the columns only where some are known.
            "show_rights": any(
                c.may_vote is not None or c.may_hold_office is not None for c in categories
            ),
            "bodies": bodies,
            "regional_offices": regional_offices,
            "people": people,
            "sections": sections,
            "contents": contents,
        },
    )


def _term_label(mandate: Mandate) -> str:
    if mandate.end:
        return str(
            _("%(body)s, %(start)s to %(end)s")
            % {
                "body": mandate.body.name,
                "start": date_format(mandate.start, "DATE_FORMAT"),
                "end": date_format(mandate.end, "DATE_FORMAT"),
            }
        )
    return str(
        _("%(body)s, from %(start)s")
        % {"body": mandate.body.name, "start": date_format(mandate.start, "DATE_FORMAT")}
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
    former_matching = 0
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    if form.is_bound and not form.is_valid():
        error = str(_("Please correct the filters below."))
    else:
        wanted = services.MemberFilter(
            on=form.on_date(),
            category=data.get("category", ""),
            status=form.service_status(),
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
            if wanted.status == services.CURRENT:
                # The default lists current members only; say when former ones also match.
                former_matching = services.members(
                    network, replace(wanted, status=MembershipStatus.WITHDRAWN)
                ).count()
    status_choices = dict(form.fields["status"].choices)  # type: ignore[attr-defined]
    context = {
        "network": network,
        "form": form,
        "page": page,
        "error": error,
        "on": form.on_date(),
        "query": _query_without_page(request),
        "showing": str(status_choices.get(data.get("status", ""), "")).lower(),
        "search": data.get("q", ""),
        "filtered": any(request.GET.get(name) for name in form.fields),
        "former_matching": former_matching,
        "former_query": _query_without_page(request, status=ALL_STATUSES),
    }
    template = (
        "network/_directory_results.html"
        if request.headers.get("HX-Request")
        else "network/directory.html"
    )
    return render(request, template, context, status=400 if error else 200)


def _query_without_page(request: HttpRequest, **changes: str) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    for name, value in changes.items():
        query[name] = value
    return query.urlencode()


def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    return render(
        request,
        "network/organisation_detail.html",
        {
            "organisation": organisation,
            "has_profile": _has_profile(organisation),
            "location": services.location(organisation),
            "memberships": services.organisation_memberships(organisation),
            "mandates": organisation.mandates.select_related("body__network"),
            "sections": contributions("organisation_sections", request, organisation),
            "can_edit": permissions.can_edit_organisation(request.user, organisation.pk),
        },
    )


def _has_profile(organisation: Organisation) -> bool:
    """Whether the profile has anything to show beyond the name, kind and country."""
    known = [
        organisation.administering_body,
        organisation.leader_name,
        organisation.incumbent_term,
        organisation.official_languages,
        organisation.website,
        organisation.description,
        organisation.source,
        organisation.employees if organisation.kind == Organisation.Kind.COMPANY else None,
    ]
    return any(known) or organisation.area_km2 is not None or organisation.population is not None


@login_required
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    if not permissions.can_edit_organisation(request.user, organisation.pk):
        raise HttpForbidden(
            gettext("You may not edit the profile of %(name)s.") % {"name": organisation}
        )
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
            messages.success(request, gettext("Profile saved."))
            return redirect("organisation", pk=organisation.pk)
    return render(
        request, "network/organisation_edit.html", {"organisation": organisation, "form": form}
    )
