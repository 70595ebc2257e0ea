"""A network's timeline: the public page of its dated milestones and its documents' endorsement
dates, and the Secretariat's pages to add and edit a milestone. Thin: parse, call the timeline's
service, render or redirect."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from intercity.accounts.permissions import secretariat_only
from intercity.core.edge import NOT_THE_FORMS_TO_FIX, attempt, onto_form
from intercity.core.errors import DomainError, NotFound
from intercity.network.models import Network
from intercity.plans import forms_timeline as forms
from intercity.plans.models_timeline import NetworkMilestone
from intercity.plans.services import timeline as services


def _network(slug: str) -> Network:
    try:
        return services.get_network(slug)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _years(found: list[NetworkMilestone]) -> list[dict[str, Any]]:
    years: dict[int, list[NetworkMilestone]] = {}
    for milestone in found:
        years.setdefault(milestone.on.year, []).append(milestone)
    return [{"year": year, "milestones": rows} for year, rows in years.items()]


def timeline(request: HttpRequest, slug: str) -> HttpResponse:
    network = _network(slug)
    found = list(services.milestones(network))
    return render(
        request,
        "plans/timeline/timeline.html",
        {
            "network": network,
            "years": _years(found),
            "documents": services.documents(network),
            "planned_only": bool(found)
            and all(m.status == NetworkMilestone.Status.PLANNED for m in found),
            "may_edit": services.may_edit(request.user),
        },
    )


def _data(form: forms.MilestoneForm) -> dict[str, Any]:
    return {k: v for k, v in form.cleaned_data.items() if k != "revision"}


def _form_round(
    request: HttpRequest,
    network: Network,
    form: forms.MilestoneForm,
    milestone: NetworkMilestone | None,
    action: Callable[[], Any],
    *,
    done: str,
    redirect_to: str | Callable[[Any], str],
    propagate: tuple[type[DomainError], ...] = NOT_THE_FORMS_TO_FIX,
) -> HttpResponse:
    """The milestone form: shown on a GET, again with its errors (400) when it does not
    validate, else the action through `core.edge.attempt` (a refusal among the form's errors)."""

    def page(*, status: int = 200) -> HttpResponse:
        return render(
            request,
            "plans/timeline/edit.html",
            {"network": network, "form": form, "milestone": milestone},
            status=status,
        )

    if request.method != "POST":
        return page()
    if not form.is_valid():
        return page(status=400)
    return attempt(
        request,
        action,
        done=done,
        redirect_to=redirect_to,
        on_refusal=onto_form(form, page),
        propagate=propagate,
    )


@secretariat_only
def add(request: HttpRequest, slug: str) -> HttpResponse:
    network = _network(slug)
    form = forms.MilestoneForm(request.POST or None, network=network)
    return _form_round(
        request,
        network,
        form,
        None,
        lambda: services.add_milestone(request.user, network, _data(form), timezone.localdate()),
        done=_("The milestone is on the timeline."),
        redirect_to=lambda milestone: _anchor(slug, milestone.pk),
    )


def _anchor(slug: str, pk: int) -> str:
    from django.urls import reverse

    return reverse("plans_timeline", args=[slug]) + f"#milestone-{pk}"


@secretariat_only
def edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    network = _network(slug)
    try:
        milestone = services.get_milestone(network, pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    initial = {
        "title": milestone.title,
        "kind": milestone.kind,
        "on": milestone.on,
        "precision": milestone.precision,
        "status": milestone.status,
        "outcome": milestone.outcome,
        "document": milestone.document_id,
        "source": milestone.source,
        "revision": milestone.revision,
    }
    form = forms.MilestoneForm(request.POST or None, initial=initial, network=network)
    return _form_round(
        request,
        network,
        form,
        milestone,
        lambda: services.edit_milestone(
            request.user,
            network,
            pk,
            _data(form),
            form.cleaned_data.get("revision") or 0,
            timezone.localdate(),
        ),
        done=_("The milestone is saved."),
        redirect_to=_anchor(slug, pk),
        # A milestone gone since the page was read is said on the form (404), as before.
        propagate=(),
    )
