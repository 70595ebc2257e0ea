"""The needs part's pages: an officer's needs and offers (post, edit, withdraw; suggestions
from the self-assessment; each need's match and why), the open needs and offers for signed-in
members, the Secretariat's matching page, and an exchange's page. Thin: each view parses the
request, calls one service and renders or redirects."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intercity.accounts import permissions
from intercity.accounts.permissions import secretariat_only
from intercity.core.edge import attempt, onto_form
from intercity.core.errors import PermissionDenied
from intercity.exchange import forms_needs as forms
from intercity.exchange.models_needs import Exchange, Need, Offer
from intercity.exchange.services import needs as services
from intercity.network.models import Network, Organisation

KINDS: dict[str, type[Need] | type[Offer]] = {"needs": Need, "offers": Offer}


def _model(kind: str) -> type[Need] | type[Offer]:
    if kind not in KINDS:
        raise Http404
    return KINDS[kind]


def _cities(request: HttpRequest) -> list[Organisation]:
    return services.own_cities(request.user)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """The officer's cities' needs and offers, each need's match, and the suggested needs."""
    cities = []
    for city in _cities(request):
        needs = list(Need.objects.filter(organisation=city).select_related("theme", "module"))
        cities.append(
            {
                "city": city,
                "needs": needs,
                "offers": list(
                    Offer.objects.filter(organisation=city).select_related("theme", "module")
                ),
                "matches": services.matches_of(needs),
                "suggestions": services.suggestions(city),
                "exchanges": services.visible_exchanges(request.user).filter(need_city=city)
                | services.visible_exchanges(request.user).filter(offer_city=city),
            }
        )
    return render(
        request,
        "exchange/needs/mine.html",
        {"cities": cities, "is_staff": permissions.is_secretariat(request.user)},
    )


def _form(
    request: HttpRequest, model: type[Need] | type[Offer], data: Any = None, **kwargs: Any
) -> forms.PostingForm:
    cities = _cities(request)
    networks = {n.pk: n for city in cities for n in services.member_networks(city)}
    return forms.PostingForm(
        data,
        cities=[(c.pk, c.name) for c in cities],
        networks=[(n.pk, n.short_name) for n in networks.values()],
        offer=model is Offer,
        **kwargs,
    )


def _values(form: forms.PostingForm) -> dict[str, Any]:
    data = form.cleaned_data
    values = {
        "title": data["title"],
        "description": data["description"],
        "theme": data["theme"],
        "module": data.get("module"),
        "forms": data["exchange_forms"],
        "languages": data["languages"],
        "available_from": data.get("available_from"),
        "available_to": data.get("available_to"),
        "from_assessment": data.get("from_assessment", False),
    }
    if "capacity" in data:
        values["capacity"] = data["capacity"]
    return values


def _edit_page(
    request: HttpRequest, kind: str, form: forms.PostingForm, posting: Any, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "exchange/needs/edit.html",
        {"form": form, "kind": kind, "posting": posting},
        status=status,
    )


@login_required
def new(request: HttpRequest, kind: str) -> HttpResponse:
    """Post a need or an offer; `?module=<slug>` starts from a suggestion of the assessment."""
    model = _model(kind)
    if not _cities(request):
        raise PermissionDenied(_("Only a city officer posts needs and offers for their city."))
    if request.method != "POST":
        initial: dict[str, Any] = {"languages": ["en"], "capacity": 1}
        slug = request.GET.get("module", "")[:80]
        module = services.modules().filter(slug=slug).first() if slug else None
        if module is not None:
            initial.update(
                module=module,
                theme=services.theme_of_module(module),
                title=module.name,
                from_assessment=True,
            )
        city = request.GET.get("city", "")
        if city.isdigit() and len(city) < 10:
            initial["organisation"] = int(city)
        return _edit_page(request, kind, _form(request, model, initial=initial), None)
    form = _form(request, model, request.POST)
    if not form.is_valid():
        return _edit_page(request, kind, form, None, status=400)
    organisation = Organisation.objects.get(pk=form.cleaned_data["organisation"])
    network = Network.objects.get(pk=form.cleaned_data["network"])
    return attempt(
        request,
        lambda: services.post(request.user, model, organisation, network, **_values(form)),
        done=_("Your need is posted.") if model is Need else _("Your offer is posted."),
        redirect_to=reverse("exchange_needs_mine"),
        on_refusal=onto_form(form, partial(_edit_page, request, kind, form, None)),
    )


@login_required
def edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    model = _model(kind)
    posting = services.get_posting(request.user, model, pk)
    if not permissions.can_edit_organisation(request.user, posting.organisation_id):
        raise PermissionDenied(_("Only an officer of the city may change this."))
    if request.method != "POST":
        initial = {
            "organisation": posting.organisation_id,
            "network": posting.network_id,
            "title": posting.title,
            "description": posting.description,
            "theme": posting.theme,
            "module": posting.module,
            "exchange_forms": posting.forms,
            "languages": posting.languages,
            "available_from": posting.available_from,
            "available_to": posting.available_to,
            "capacity": getattr(posting, "capacity", 1),
        }
        return _edit_page(request, kind, _form(request, model, initial=initial), posting)
    form = _form(request, model, request.POST)
    if not form.is_valid():
        return _edit_page(request, kind, form, posting, status=400)
    return attempt(
        request,
        lambda: services.update(request.user, posting, **_values(form)),
        done=_("Saved."),
        redirect_to=reverse("exchange_needs_mine"),
        on_refusal=onto_form(form, partial(_edit_page, request, kind, form, posting)),
    )


@login_required
@require_POST
def withdraw(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    posting = services.get_posting(request.user, _model(kind), pk)
    mine = reverse("exchange_needs_mine")
    return attempt(
        request,
        lambda: services.withdraw(request.user, posting),
        done=_("Withdrawn: %(title)s.") % {"title": posting.title},
        redirect_to=mine,
        on_refusal=mine,
    )


@login_required
def browse(request: HttpRequest) -> HttpResponse:
    """Open needs and offers of every city, for signed-in members; filter by theme."""
    theme = request.GET.get("theme", "")[:60]
    needs = services.visible_postings(request.user, Need).filter(status=Need.Status.OPEN)
    offers = services.visible_postings(request.user, Offer).filter(status=Offer.Status.OPEN)
    if theme:
        needs, offers = needs.filter(theme__slug=theme), offers.filter(theme__slug=theme)
    return render(
        request,
        "exchange/needs/browse.html",
        {
            "needs": needs[:200],
            "offers": offers[:200],
            "themes": services.themes(),
            "theme": theme,
            "languages": services.LANGUAGES,
        },
    )


@secretariat_only
def matching(request: HttpRequest) -> HttpResponse:
    """Run the matching for a network; the latest run's proposals with their reasons."""
    networks = list(Network.objects.order_by("slug"))
    choices = [(n.pk, n.short_name) for n in networks]
    raw = request.POST.get("network") or request.GET.get("network", "")
    network = next((n for n in networks if str(n.pk) == raw), None) or next(
        (n for n in networks if n.slug == "wego"), networks[0] if networks else None
    )
    if network is None:
        raise Http404
    if request.method == "POST":
        form = forms.RunForm(request.POST, networks=choices)
        if form.is_valid():
            done = services.run_matching(request.user, network)
            messages.success(request, services.explain_run(done))
            return redirect(reverse("exchange_matching") + f"?network={network.pk}")
    run = services.latest_run(network)
    words = services.names()
    proposals = [
        {"proposal": p, "reasons": services.reasons_in_words(p.reasons, words)}
        for p in (services.proposals_of(run) if run else [])
    ]
    return render(
        request,
        "exchange/needs/matching.html",
        {
            "form": forms.RunForm(initial={"network": network.pk}, networks=choices),
            "network": network,
            "run": run,
            "explanation": services.explain_run(run) if run else "",
            "proposals": proposals,
            "open_needs": services.open_need_count(network),
            "reject_form": forms.RejectForm(),
        },
    )


@secretariat_only
@require_POST
def decide(request: HttpRequest, pk: int, verdict: str) -> HttpResponse:
    proposal = services.get_proposal(pk)
    back = reverse("exchange_matching") + f"?network={proposal.run.network_id}"

    def act() -> str:
        if verdict == "accept":
            exchange = services.accept_proposal(request.user, proposal)
            return _("Accepted: %(offer)s will help %(need)s.") % {
                "offer": exchange.offer_city.name,
                "need": exchange.need_city.name,
            }
        form = forms.RejectForm(request.POST)
        note = form.cleaned_data["note"] if form.is_valid() else ""
        services.reject_proposal(request.user, proposal, note)
        return _("The proposal is rejected.")

    return attempt(request, act, done=lambda said: said, redirect_to=back, on_refusal=back)


def _exchange_page(
    request: HttpRequest, exchange: Exchange, form: Any = None, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "exchange/needs/exchange.html",
        {
            "exchange": exchange,
            "reasons": services.reasons_in_words(exchange.reasons),
            "moves": [
                (s, Exchange.Status(s).label) for s in services.next_states(request.user, exchange)
            ],
            "report_form": form or forms.ReportForm(),
        },
        status=status,
    )


@login_required
def exchange(request: HttpRequest, pk: int) -> HttpResponse:
    found = services.get_exchange(request.user, pk)
    if request.method != "POST":
        return _exchange_page(request, found)
    to = request.POST.get("to", "")[:20]
    form = forms.ReportForm(request.POST) if to == Exchange.Status.DONE else None
    if form is not None and not form.is_valid():
        return _exchange_page(request, found, form, status=400)
    page = reverse("exchange_exchange", kwargs={"pk": found.pk})
    return attempt(
        request,
        lambda: services.move(
            request.user, found, to, form.cleaned_data["report"] if form is not None else ""
        ),
        # Worded after the move: an unknown `to` is refused by the service first.
        done=lambda _moved: (
            _("The exchange is now %(status)s.") % {"status": Exchange.Status(to).label}
        ),
        redirect_to=page,
        on_refusal=page,
    )
