"""The thematic clusters' pages: every network's clusters, a cluster's page with its members,
projects, events and feed (and the buttons each person may press), the Secretariat's activity
across clusters and an Atom feed of a cluster's activity. Thin: each view parses the request,
calls one service and renders or redirects."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intercity.accounts import permissions
from intercity.accounts.permissions import secretariat_only
from intercity.core.edge import attempt
from intercity.core.errors import NotFound, PermissionDenied
from intercity.core.links import absolute_url
from intercity.knowledge import forms_clusters as forms
from intercity.knowledge.models import Cluster
from intercity.knowledge.services import clusters as services
from intercity.network.models import Organisation

FEED_MAX = 200


def clusters(request: HttpRequest) -> HttpResponse:
    found = list(services.clusters())
    lead = services.leads([c.pk for c in found])
    networks: dict[int, dict[str, Any]] = {}
    for cluster in found:
        group = networks.setdefault(cluster.network_id, {"network": cluster.network, "rows": []})
        group["rows"].append({"cluster": cluster, "lead": lead.get(cluster.pk)})
    return render(
        request,
        "knowledge/clusters.html",
        {
            "networks": list(networks.values()),
            "secretariat": permissions.is_secretariat(request.user),
        },
    )


def _feed_size(request: HttpRequest) -> int:
    raw = request.GET.get("feed", "")
    size = int(raw) if raw.isdigit() and len(raw) < 5 else services.FEED_PAGE
    return max(services.FEED_PAGE, min(size, FEED_MAX))


def _page(
    request: HttpRequest,
    cluster: Cluster,
    *,
    error: str = "",
    status: int = 200,
    bound: dict[str, Any] | None = None,
) -> HttpResponse:
    """The cluster's page; `bound` holds a form sent back with its errors, `error` a
    service's refusal."""
    today = timezone.localdate()
    user = request.user
    secretariat = permissions.is_secretariat(user)
    editor = services.may_edit_page(user, cluster)
    size = _feed_size(request)
    lines = services.feed(cluster, size)
    upcoming, past = services.events(cluster, today)
    bound = bound or {}
    context: dict[str, Any] = {
        "cluster": cluster,
        "lead": services.lead_of(cluster),
        "members": services.current_members(cluster),
        "former": services.former_members(cluster)[:20],
        "projects": services.projects(cluster)[:50],
        "upcoming": upcoming,
        "past": past,
        "feed": [(line, services.describe(line)) for line in lines[:size]],
        "more": len(lines) > size,
        "next_size": min(size + services.FEED_PAGE, FEED_MAX),
        "choices": services.join_choices(user, cluster, today),
        "editor": editor,
        "secretariat": secretariat,
        "error": error,
    }
    if editor:
        context["description_form"] = bound.get("description") or forms.DescriptionForm(
            initial={"description": cluster.description_en},  # type: ignore[attr-defined]
            prefix="page",
        )
        context["event_form"] = bound.get("event") or forms.EventForm(prefix="event")
        context["news_form"] = bound.get("news") or forms.NewsForm(prefix="news")
    if secretariat:
        context["stakeholder_form"] = bound.get("stakeholder") or forms.StakeholderForm()
        context["city_form"] = bound.get("city") or forms.CityForm(
            choices=services.member_city_choices(cluster, today), prefix="city"
        )
        context["lead_form"] = bound.get("lead") or forms.CityForm(
            choices=services.lead_choices(cluster, today), prefix="lead"
        )
    return render(request, "knowledge/cluster.html", context, status=status)


def cluster(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, services.get_cluster(pk))


def _url(cluster: Cluster, anchor: str = "") -> str:
    return reverse("knowledge_cluster", args=[cluster.pk]) + anchor


def _run(
    request: HttpRequest,
    cluster: Cluster,
    action: Callable[[], Any],
    message: str,
    *,
    anchor: str = "",
    bound: dict[str, Any] | None = None,
) -> HttpResponse:
    """Call one service from the cluster's page (`core.edge.attempt`)."""
    return attempt(
        request,
        action,
        done=message,
        redirect_to=_url(cluster, anchor),
        on_refusal=partial(_page, request, cluster, bound=bound),
    )


def _organisation(request: HttpRequest) -> Organisation:
    raw = request.POST.get("organisation", "")
    found = (
        Organisation.objects.filter(pk=int(raw)).first()
        if raw.isdigit() and len(raw) < 10
        else None
    )
    if found is None:
        raise NotFound(_("No such city."))
    return found


@login_required
@require_POST
def join(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = services.get_cluster(pk)
    city = _organisation(request)
    return _run(
        request,
        cluster,
        lambda: services.join(request.user, cluster, city),
        _("%(city)s joined %(cluster)s.") % {"city": city.name, "cluster": cluster.name},
        anchor="#members",
    )


@login_required
@require_POST
def leave(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = services.get_cluster(pk)
    city = _organisation(request)
    return _run(
        request,
        cluster,
        lambda: services.leave(request.user, cluster, city),
        _("%(city)s left %(cluster)s.") % {"city": city.name, "cluster": cluster.name},
        anchor="#members",
    )


@secretariat_only
@require_POST
def add_stakeholder(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = services.get_cluster(pk)
    form = forms.StakeholderForm(request.POST)
    if not form.is_valid():
        return _page(request, cluster, status=400, bound={"stakeholder": form})
    name = form.cleaned_data["stakeholder_name"]
    return _run(
        request,
        cluster,
        lambda: services.add_stakeholder(
            request.user, cluster, name, form.cleaned_data["stakeholder_kind"]
        ),
        _("%(name)s is now a member of the cluster.") % {"name": name},
        anchor="#members",
        bound={"stakeholder": form},
    )


@secretariat_only
@require_POST
def add_city(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = services.get_cluster(pk)
    today = timezone.localdate()
    form = forms.CityForm(
        request.POST, choices=services.member_city_choices(cluster, today), prefix="city"
    )
    if not form.is_valid():
        return _page(request, cluster, status=400, bound={"city": form})
    city = Organisation.objects.get(pk=form.cleaned_data["organisation"])
    return _run(
        request,
        cluster,
        lambda: services.add_member_city(request.user, cluster, city),
        _("%(name)s is now a member of the cluster.") % {"name": city.name},
        anchor="#members",
        bound={"city": form},
    )


@secretariat_only
@require_POST
def set_lead(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = services.get_cluster(pk)
    today = timezone.localdate()
    form = forms.CityForm(
        request.POST, choices=services.lead_choices(cluster, today), prefix="lead"
    )
    if not form.is_valid():
        return _page(request, cluster, status=400, bound={"lead": form})
    city = Organisation.objects.get(pk=form.cleaned_data["organisation"])
    return _run(
        request,
        cluster,
        lambda: services.set_lead(request.user, cluster, city),
        _("%(name)s is now the lead city.") % {"name": city.name},
        anchor="#members",
        bound={"lead": form},
    )


@secretariat_only
@require_POST
def remove_member(request: HttpRequest, pk: int, member_id: int) -> HttpResponse:
    cluster = services.get_cluster(pk)
    member = services.get_member(cluster, member_id)
    return _run(
        request,
        cluster,
        lambda: services.remove_member(request.user, member),
        _("%(name)s is no longer a member of the cluster.") % {"name": member},
        anchor="#members",
    )


@login_required
@require_POST
def edit_description(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = services.get_cluster(pk)
    if not services.may_edit_page(request.user, cluster):
        raise PermissionDenied(_("Only the lead city's officers and the Secretariat may do this."))
    form = forms.DescriptionForm(request.POST, prefix="page")
    if not form.is_valid():
        return _page(request, cluster, status=400, bound={"description": form})
    return _run(
        request,
        cluster,
        lambda: services.edit_description(request.user, cluster, form.cleaned_data["description"]),
        _("The description is saved."),
        bound={"description": form},
    )


@login_required
@require_POST
def add_event(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = services.get_cluster(pk)
    if not services.may_edit_page(request.user, cluster):
        raise PermissionDenied(_("Only the lead city's officers and the Secretariat may do this."))
    form = forms.EventForm(request.POST, prefix="event")
    if not form.is_valid():
        return _page(request, cluster, status=400, bound={"event": form})
    return _run(
        request,
        cluster,
        lambda: services.add_event(request.user, cluster, **form.cleaned_data),
        _("The event is added."),
        anchor="#events",
        bound={"event": form},
    )


@login_required
def edit_event(request: HttpRequest, pk: int, event_id: int) -> HttpResponse:
    cluster = services.get_cluster(pk)
    event = services.get_event(cluster, event_id)
    if not services.may_edit_page(request.user, cluster):
        raise PermissionDenied(_("Only the lead city's officers and the Secretariat may do this."))

    def page(form: forms.EventForm, *, error: str = "", status: int = 200) -> HttpResponse:
        return render(
            request,
            "knowledge/cluster_event.html",
            {"cluster": cluster, "event": event, "form": form, "error": error},
            status=status,
        )

    if request.method != "POST":
        return page(forms.EventForm(initial={f: getattr(event, f) for f in services.EVENT_FIELDS}))
    form = forms.EventForm(request.POST)
    if not form.is_valid():
        return page(form, status=400)
    return attempt(
        request,
        lambda: services.edit_event(request.user, event, **form.cleaned_data),
        done=_("The event is saved."),
        redirect_to=_url(cluster, "#events"),
        on_refusal=partial(page, form),
    )


@login_required
@require_POST
def remove_event(request: HttpRequest, pk: int, event_id: int) -> HttpResponse:
    cluster = services.get_cluster(pk)
    event = services.get_event(cluster, event_id)
    return _run(
        request,
        cluster,
        lambda: services.remove_event(request.user, event),
        _("The event is removed."),
        anchor="#events",
    )


@login_required
@require_POST
def post_news(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = services.get_cluster(pk)
    if not services.may_edit_page(request.user, cluster):
        raise PermissionDenied(_("Only the lead city's officers and the Secretariat may do this."))
    form = forms.NewsForm(request.POST, prefix="news")
    if not form.is_valid():
        return _page(request, cluster, status=400, bound={"news": form})
    return _run(
        request,
        cluster,
        lambda: services.post_news(request.user, cluster, form.cleaned_data["text"]),
        _("The news is posted."),
        anchor="#feed",
        bound={"news": form},
    )


@secretariat_only
@require_POST
def open_cluster(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = services.get_cluster(pk)
    return _run(
        request,
        cluster,
        lambda: services.open_cluster(request.user, cluster),
        _("The cluster is open."),
    )


@secretariat_only
@require_POST
def close_cluster(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = services.get_cluster(pk)
    return _run(
        request,
        cluster,
        lambda: services.close_cluster(request.user, cluster),
        _("The cluster is closed."),
    )


@secretariat_only
def activity(request: HttpRequest) -> HttpResponse:
    """Every cluster's recent activity, filtered by cluster or kind, and each cluster's count
    of lines over the last 30 and 90 days."""
    found = list(services.clusters())
    form = forms.ActivityFilterForm(
        request.GET or None,
        clusters=[(c.pk, f"{c.name} ({c.network.short_name})") for c in found],
    )
    cluster_id, kind = None, ""
    status = 200
    if form.is_bound:
        if form.is_valid():
            cluster_id = form.cleaned_data["cluster"] or None
            kind = form.cleaned_data["kind"]
        else:
            status = 400
    lines = services.activity_across(request.user, cluster_id=cluster_id, kind=kind)
    return render(
        request,
        "knowledge/cluster_activity.html",
        {
            "form": form,
            "lines": [(line, services.describe(line)) for line in lines],
            "counts": services.counts_per_cluster(request.user, timezone.now()),
        },
        status=status,
    )


def atom(request: HttpRequest, pk: int) -> HttpResponse:
    """The cluster's activity as an Atom feed: its latest lines, newest first."""
    cluster = services.get_cluster(pk)
    url = absolute_url("knowledge_cluster", cluster.pk)
    feed_url = absolute_url("knowledge_cluster_atom", cluster.pk)
    feed = Atom1Feed(
        title=_("%(cluster)s: activity") % {"cluster": cluster.name},
        link=url,
        feed_url=feed_url,
        description="",
        language=translation.get_language() or "",
        feed_guid=feed_url,
    )
    for line in services.feed(cluster, 50)[:50]:
        text = services.describe(line)
        feed.add_item(
            title=_xml_safe(text[:120]),
            link=f"{url}#activity-{line.pk}",
            unique_id=f"{feed_url}#{line.pk}",
            description=_xml_safe(text),
            pubdate=line.at,
            categories=[str(line.get_kind_display())],
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response


def _xml_safe(text: str) -> str:
    """Characters XML 1.0 cannot carry (control characters) are left out of the feed."""
    return "".join(c for c in text if c in "\t\n\r" or ord(c) >= 32)
