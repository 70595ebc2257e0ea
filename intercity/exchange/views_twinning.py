"""Pages of the ASCN twinning programme: the rounds, a round's published pairs (public), the
staff's page of a round (participants, rankings received, the matching, the proposed pairs,
confirming and publishing), and a pilot city's (or partner's) ranking page. Each view parses,
calls one service and renders; a refusal the person can fix is shown on the page."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intercity.accounts import permissions
from intercity.accounts.permissions import secretariat_only
from intercity.core.edge import attempt
from intercity.core.errors import NotFound, PermissionDenied
from intercity.exchange import forms_twinning as forms
from intercity.exchange.models_twinning import TwinningParticipant, TwinningRound
from intercity.exchange.services import twinning as services
from intercity.network.models import Network, Organisation


def _networks() -> list[tuple[int, str]]:
    return [(n.pk, n.name) for n in Network.objects.order_by("slug")]


def _open_form(data: Any = None) -> forms.OpenRoundForm:
    ascn = Network.objects.filter(slug="ascn").first()
    return forms.OpenRoundForm(
        data,
        networks=_networks(),
        partners=services.partner_choices(),
        initial={"network": ascn.pk if ascn else None},
    )


def _rounds_page(
    request: HttpRequest,
    form: forms.OpenRoundForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    staff = permissions.is_secretariat(request.user)
    return render(
        request,
        "exchange/twinning/rounds.html",
        {
            "rounds": services.rounds(),
            "staff": staff,
            "form": (form or _open_form()) if staff else None,
            "mine": services.my_participations(request.user),
            "error": error,
        },
        status=status,
    )


def rounds(request: HttpRequest) -> HttpResponse:
    return _rounds_page(request)


@secretariat_only
@require_POST
def open_round(request: HttpRequest) -> HttpResponse:
    form = _open_form(request.POST)
    if not form.is_valid():
        return _rounds_page(request, form, status=400)
    data = form.cleaned_data
    return attempt(
        request,
        lambda: services.open_round(
            request.user,
            Network.objects.get(pk=data["network"]),
            data["year"],
            Organisation.objects.filter(pk__in=data["partners"]).order_by("name"),
            partner_capacity=data["partner_capacity"],
        ),
        done=_("The twinning round is open for rankings."),
        redirect_to=lambda twinning: reverse("exchange_twinning_manage", args=[twinning.pk]),
        on_refusal=partial(_rounds_page, request, form),
    )


def round_pairs(request: HttpRequest, pk: int) -> HttpResponse:
    """The public list of a round's confirmed pairs, once published."""
    twinning = services.get_round(pk)
    found = services.published_pairs(twinning)
    return render(
        request,
        "exchange/twinning/pairs.html",
        {
            "round": twinning,
            "pairs": [(pair, services.reason(pair)) for pair in found],
            "staff": permissions.is_secretariat(request.user),
        },
    )


def _manage_page(
    request: HttpRequest,
    twinning: TwinningRound,
    *,
    error: str = "",
    status: int = 200,
    run_form: forms.RunForm | None = None,
) -> HttpResponse:
    cities = services.participants(twinning, TwinningParticipant.Side.CITY)
    partners = services.participants(twinning, TwinningParticipant.Side.PARTNER)
    ranked = services.rankings(twinning)
    found = services.pairs(twinning)
    return render(
        request,
        "exchange/twinning/manage.html",
        {
            "round": twinning,
            "cities": [(c, ranked.get(c.pk, [])) for c in cities],
            "partners": [(p, ranked.get(p.pk, [])) for p in partners],
            "received": sum(1 for c in cities if c.pk in ranked)
            + sum(1 for p in partners if p.pk in ranked),
            "pairs": [(pair, services.reason(pair)) for pair in found],
            "run_form": run_form or forms.RunForm(),
            "error": error,
        },
        status=status,
    )


@secretariat_only
def manage(request: HttpRequest, pk: int) -> HttpResponse:
    return _manage_page(request, services.get_round(pk))


def _run(
    request: HttpRequest, twinning: TwinningRound, action: Callable[[], Any], message: str
) -> HttpResponse:
    """Call one service from the round's staff page (`core.edge.attempt`)."""
    return attempt(
        request,
        action,
        done=message,
        redirect_to=reverse("exchange_twinning_manage", args=[twinning.pk]),
        on_refusal=partial(_manage_page, request, twinning),
    )


@secretariat_only
@require_POST
def run(request: HttpRequest, pk: int) -> HttpResponse:
    twinning = services.get_round(pk)
    form = forms.RunForm(request.POST)
    if not form.is_valid():
        return _manage_page(request, twinning, status=400, run_form=form)
    return _run(
        request,
        twinning,
        lambda: services.run_matching(request.user, twinning, form.cleaned_data["proposing"]),
        _("The matching has run; the proposed pairs are below."),
    )


@secretariat_only
@require_POST
def decide(request: HttpRequest, pk: int, pair_id: int, decision: str) -> HttpResponse:
    twinning = services.get_round(pk)
    pair = services.get_pair(twinning, pair_id)
    if decision == "confirm":
        return _run(
            request,
            twinning,
            lambda: services.confirm_pair(request.user, pair),
            _("The pair %(pair)s is confirmed.") % {"pair": str(pair)},
        )
    if decision == "set-aside":
        return _run(
            request,
            twinning,
            lambda: services.set_pair_aside(request.user, pair),
            _("The pair %(pair)s is set aside.") % {"pair": str(pair)},
        )
    raise NotFound(_("No such decision."))


@secretariat_only
@require_POST
def confirm_all(request: HttpRequest, pk: int) -> HttpResponse:
    twinning = services.get_round(pk)
    return _run(
        request,
        twinning,
        lambda: services.confirm_all(request.user, twinning),
        _("Every proposed pair is confirmed."),
    )


@secretariat_only
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    twinning = services.get_round(pk)
    return _run(
        request,
        twinning,
        lambda: services.publish(request.user, twinning),
        _("The pairs are published."),
    )


def _participant(request: HttpRequest, pk: int, participant_id: int) -> TwinningParticipant:
    twinning = services.get_round(pk)
    participant = services.get_participant(twinning, participant_id)
    if not services.may_rank(request.user, participant):
        raise PermissionDenied(
            _("Only an officer of %(name)s or Secretariat staff may rank for it.")
            % {"name": participant.organisation.name}
        )
    return participant


@login_required
def rank(request: HttpRequest, pk: int, participant_id: int) -> HttpResponse:
    participant = _participant(request, pk, participant_id)
    twinning = participant.round
    other_side = (
        TwinningParticipant.Side.PARTNER
        if participant.side == TwinningParticipant.Side.CITY
        else TwinningParticipant.Side.CITY
    )
    others = [o for o in services.participants(twinning, other_side) if not o.opted_out]
    current = [o.pk for o in services.rankings(twinning).get(participant.pk, [])]

    def page(form: forms.RankingForm, *, error: str = "", status: int = 200) -> HttpResponse:
        return render(
            request,
            "exchange/twinning/rank.html",
            {
                "round": twinning,
                "participant": participant,
                "form": form,
                "current": services.rankings(twinning).get(participant.pk, []),
                "error": error,
                "open": twinning.status == TwinningRound.Status.OPEN,
            },
            status=status,
        )

    if request.method != "POST":
        return page(forms.RankingForm(others=others, current=current))
    form = forms.RankingForm(request.POST, others=others, current=current)
    if not form.is_valid():
        return page(form, status=400)
    return attempt(
        request,
        lambda: services.rank(request.user, participant, form.ranked_ids()),
        done=_("The ranking of %(name)s is saved.") % {"name": participant.organisation.name},
        redirect_to=reverse("exchange_twinning_rank", args=[twinning.pk, participant.pk]),
        on_refusal=partial(page, form),
    )


@login_required
@require_POST
def taking_part(request: HttpRequest, pk: int, participant_id: int) -> HttpResponse:
    participant = _participant(request, pk, participant_id)
    joining = request.POST.get("taking_part") == "yes"
    text = (
        _("%(name)s takes part in the twinning round.")
        if joining
        else _("%(name)s has opted out of the twinning round.")
    )
    back = reverse("exchange_twinning_rank", args=[participant.round_id, participant.pk])
    return attempt(
        request,
        lambda: services.set_taking_part(request.user, participant, joining),
        done=text % {"name": participant.organisation.name},
        redirect_to=back,
        on_refusal=back,
    )
