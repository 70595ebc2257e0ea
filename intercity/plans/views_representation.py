"""The ASCN's representation page (public) and the ASEAN Secretariat's forms on it: nominate a
pilot city, designate a Chief Smart City Officer, a National Representative or the shepherd."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib.auth import get_user_model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intercity.accounts import permissions
from intercity.accounts.permissions import secretariat_only
from intercity.core.edge import attempt
from intercity.core.errors import NotFound
from intercity.network.models import Network, Organisation
from intercity.plans import forms_representation as forms
from intercity.plans.models_representation import Designation, MemberState
from intercity.plans.services import representation as services


def _network(slug: str) -> Network:
    try:
        network = services.get_network(slug)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    if not MemberState.objects.filter(network=network).exists():
        raise Http404(_("This network has no representation rules."))
    return network


def _choices(network: Network) -> tuple[list[tuple[str, str]], list[tuple[int, str]]]:
    states = sorted(
        (
            (s.country.code, str(s.country.name))
            for s in MemberState.objects.filter(network=network)
        ),
        key=lambda pair: pair[1],
    )
    codes = [code for code, _name in states]
    cities = [
        (o.pk, f"{o.name} ({o.country.code})")
        for o in Organisation.objects.filter(kind=Organisation.Kind.CITY, country__in=codes)
    ]
    return states, cities


def _page(
    request: HttpRequest,
    network: Network,
    *,
    error: str = "",
    status: int = 200,
    bound: dict[str, Any] | None = None,
) -> HttpResponse:
    bound = bound or {}
    context: dict[str, Any] = {
        "network": network,
        "data": services.representation(network),
        "error": error,
        "secretariat": permissions.is_secretariat(request.user),
    }
    if context["secretariat"]:
        states, cities = _choices(network)
        today = timezone.localdate()
        context["nominate_form"] = bound.get("nominate") or forms.NominationForm(
            states=states, cities=cities, prefix="n", initial={"nominated_on": today}
        )
        pilots = [
            (c.organisation.pk, c.organisation.name)
            for row in context["data"].states
            for c in row.cities
        ]
        context["designate_form"] = bound.get("designate") or forms.DesignationForm(
            states=states, cities=pilots, prefix="d", initial={"start": today}
        )
        context["rule_form"] = bound.get("rule") or forms.RuleForm(
            prefix="r", initial={"effective_from": today, "capital_included": True}
        )
        context["chair_form"] = bound.get("chair") or forms.ChairForm(
            states=states,
            first_year=services.earliest_chair_year(network),
            prefix="c",
            initial={"year": today.year + 1},
        )
    return render(request, "plans/representation/page.html", context, status=status)


def representation(request: HttpRequest, slug: str) -> HttpResponse:
    return _page(request, _network(slug))


def _run(
    request: HttpRequest,
    network: Network,
    action: Callable[[], Any],
    message: str,
    bound: dict[str, Any],
) -> HttpResponse:
    """Call one service from the representation page (`core.edge.attempt`)."""
    return attempt(
        request,
        action,
        done=message,
        redirect_to=reverse("plans_representation", args=[network.slug]),
        on_refusal=partial(_page, request, network, bound=bound),
    )


@secretariat_only
@require_POST
def nominate(request: HttpRequest, slug: str) -> HttpResponse:
    network = _network(slug)
    states, cities = _choices(network)
    form = forms.NominationForm(request.POST, states=states, cities=cities, prefix="n")
    if not form.is_valid():
        return _page(request, network, status=400, bound={"nominate": form})
    city = Organisation.objects.get(pk=form.cleaned_data["organisation"])
    return _run(
        request,
        network,
        lambda: services.nominate(
            request.user,
            network,
            form.cleaned_data["state"],
            city,
            form.cleaned_data["nominated_on"],
        ),
        _("%(city)s is now a pilot city.") % {"city": city.name},
        {"nominate": form},
    )


@secretariat_only
@require_POST
def designate(request: HttpRequest, slug: str) -> HttpResponse:
    network = _network(slug)
    states, _cities = _choices(network)
    data = services.representation(network)
    pilots = [(c.organisation.pk, c.organisation.name) for row in data.states for c in row.cities]
    form = forms.DesignationForm(request.POST, states=states, cities=pilots, prefix="d")
    if not form.is_valid():
        return _page(request, network, status=400, bound={"designate": form})
    cleaned = form.cleaned_data
    user = None
    if cleaned["username"]:
        user = get_user_model().objects.filter(username=cleaned["username"]).first()
        if user is None:
            form.add_error("username", _("There is no login with this name."))
            return _page(request, network, status=400, bound={"designate": form})
    state = (
        MemberState.objects.filter(network=network, country=cleaned["state"]).first()
        if cleaned["state"]
        else None
    )
    organisation = (
        Organisation.objects.filter(pk=cleaned["organisation"]).first()
        if cleaned["organisation"]
        else None
    )
    role = cleaned["role"]
    return _run(
        request,
        network,
        lambda: services.designate(
            request.user,
            network,
            role,
            cleaned["person_name"],
            state=state,
            organisation=organisation,
            user=user,
            start=cleaned["start"],
        ),
        _("%(name)s is now designated %(role)s.")
        % {"name": cleaned["person_name"], "role": Designation.Role(role).label},
        {"designate": form},
    )


@secretariat_only
@require_POST
def record_rule(request: HttpRequest, slug: str) -> HttpResponse:
    network = _network(slug)
    form = forms.RuleForm(request.POST, prefix="r")
    if not form.is_valid():
        return _page(request, network, status=400, bound={"rule": form})
    cleaned = form.cleaned_data
    return _run(
        request,
        network,
        lambda: services.record_rule(request.user, network, **cleaned),
        _("The rule in force from %(day)s is recorded.")
        % {"day": cleaned["effective_from"].isoformat()},
        {"rule": form},
    )


@secretariat_only
@require_POST
def record_chair(request: HttpRequest, slug: str) -> HttpResponse:
    network = _network(slug)
    states, _cities = _choices(network)
    form = forms.ChairForm(
        request.POST,
        states=states,
        first_year=services.earliest_chair_year(network),
        prefix="c",
    )
    if not form.is_valid():
        return _page(request, network, status=400, bound={"chair": form})
    cleaned = form.cleaned_data
    state = MemberState.objects.get(network=network, country=cleaned["state"])
    return _run(
        request,
        network,
        lambda: services.record_chair(
            request.user, network, cleaned["year"], state, cleaned["source"]
        ),
        _("%(state)s holds the ASEAN chairmanship in %(year)s.")
        % {"state": state.country.name, "year": cleaned["year"]},
        {"chair": form},
    )
