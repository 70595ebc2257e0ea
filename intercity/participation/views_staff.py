"""The staff's pages of a city's Civic Participation System: the queue and its map, a
report's staff page and the moves from it (status, department, merge, moderation), the
API keys. Split out of `participation.views`, which names every view as before."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from intercity.accounts import permissions
from intercity.accounts.models import Role
from intercity.core.bounds import MAX_DB_ID
from intercity.core.errors import DomainError, NotFound, PermissionDenied
from intercity.participation import forms, maps, services, setup_workflow, tenancy
from intercity.participation.models import APIClient, Jurisdiction, Report
from intercity.participation.views import (  # the shared lookups and helpers
    _detail,
    _form_problem,
    _original,
    _page,
    _report,
    staff_only,
)

QUEUE_PAGE_SIZE = 50

# --- Staff ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    report: Report
    overdue: bool
    reopened: bool = False  # its reporter said "not fixed" (shown while it is open)


@staff_only
def queue(request: HttpRequest, jurisdiction: Jurisdiction) -> HttpResponse:
    offered = list(jurisdiction.services.all())
    statuses = list(jurisdiction.statuses.all())
    departments = list(jurisdiction.departments.all())
    bulk = forms.BulkForm(statuses, request.POST if request.method == "POST" else None)
    if request.method == "POST" and bulk.is_valid():
        data = bulk.cleaned_data
        try:
            moved = services.bulk_change_status(
                request.user, jurisdiction, data["reports"], data["target"], note=data["note"]
            )
        except PermissionDenied:
            raise  # the edge (core.edge) answers 403 with the message
        except DomainError as exc:
            bulk.add_error(None, exc.message)
        else:
            name = next(s.name for s in statuses if s.code == data["target"])
            messages.success(
                request,
                ngettext(
                    "%(count)s report now %(status)s.",
                    "%(count)s reports now %(status)s.",
                    len(moved),
                )
                % {"count": len(moved), "status": name},
            )
            return redirect(request.get_full_path())

    now = timezone.now()
    form = forms.QueueFilterForm(offered, statuses, departments, request.GET or None)
    wanted = form.queue_filter(request.user.pk)
    rows = services.queue_reports(
        jurisdiction,
        wanted,
        now,
        first_departments=tenancy.departments_first(request.user, jurisdiction),
    )
    page = _page(request, rows, QUEUE_PAGE_SIZE)
    page.rows = [
        Row(report, services.is_overdue(report, now), getattr(report, "reopened", False))
        for report in page.rows
    ]
    context = {
        "jurisdiction": jurisdiction,
        "form": form,
        "bulk": bulk,
        "page": page,
        "selected": set(bulk.cleaned_data.get("reports", [])) if bulk.is_bound else set(),
        "is_staff": True,
        # Its administrators reach the city's set-up from the queue (the roles read once per
        # page spare the others a query).
        "is_admin": Role.CPS_ADMIN in permissions.roles_of(request.user)
        and tenancy.is_admin_of(request.user, jurisdiction),
        "open_work": wanted.only_open_work,
        "filtered": bool(request.GET.keys() - {"page"}),
        "all_url": _with_status(request, forms.QueueFilterForm.ALL_STATUSES),
        "open_url": _with_status(request, forms.QueueFilterForm.OPEN_WORK),
    }
    context["map_data_url"] = reverse("cps_queue_map", args=[jurisdiction.slug])
    context.update(maps.context())
    status = 400 if bulk.is_bound else 200
    if request.headers.get("HX-Request") == "true" and request.method == "GET":
        return render(request, "participation/_queue_results.html", context)
    return maps.allow_tiles(render(request, "participation/queue.html", context, status=status))


def queue_map(request: HttpRequest, slug: str) -> JsonResponse:
    """The staff queue's reports as GeoJSON for its map: the city's staff only, the same
    filters as the queue (the page number aside), the newest `services.MAP_LIMIT` placed
    ones, moderated reports included (staff see them), each linking to its staff page."""
    if not request.user.is_authenticated:
        return _detail(_("Log in as staff of this city to see its queue."), 401)
    try:
        jurisdiction = tenancy.staff_jurisdiction(request.user, slug)
    except NotFound as exc:
        return _detail(exc.message, 404)
    except PermissionDenied as exc:
        return _detail(exc.message, 403)
    form = forms.QueueFilterForm(
        list(jurisdiction.services.all()),
        list(jurisdiction.statuses.all()),
        list(jurisdiction.departments.all()),
        request.GET or None,
    )
    if form.is_bound and not form.is_valid():
        return _detail(_form_problem(form), 400)
    try:
        wanted = form.queue_filter(request.user.pk)
        rows = services.queue_reports(jurisdiction, wanted, timezone.now())
    except DomainError as exc:
        return _detail(exc.message, 400)
    points, more = services.map_points(rows, public=False)
    return JsonResponse(
        maps.feature_collection(
            points,
            more,
            services.MAP_LIMIT,
            lambda p: reverse("cps_staff_report", args=[jurisdiction.slug, p.public_id]),
        )
    )


def _with_status(request: HttpRequest, status: str) -> str:
    """The queue's address with the same filters and another status choice, from page 1."""
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("status", None)
    if status:
        query["status"] = status
    encoded = query.urlencode()
    return request.path + (f"?{encoded}" if encoded else "")


@staff_only
def staff_report(request: HttpRequest, jurisdiction: Jurisdiction, public_id: str) -> HttpResponse:
    return _staff_page(request, jurisdiction, _report(jurisdiction, public_id))


def _staff_page(
    request: HttpRequest,
    jurisdiction: Jurisdiction,
    report: Report,
    *,
    status_form: forms.StatusForm | None = None,
    assign_form: forms.AssignForm | None = None,
    merge_error: str = "",
    status: int = 200,
) -> HttpResponse:
    moves = list(jurisdiction.transitions.filter(source=report.status).select_related("target"))
    events = list(report.events.select_related("actor", "source", "target"))
    can_merge = report.duplicate_of_id is None and any(
        move.target.code == "duplicate" for move in moves
    )
    assign_form = assign_form or forms.AssignForm(
        jurisdiction,
        initial={"department": report.department_id or "", "user": report.assigned_to_id or ""},
    )
    return render(
        request,
        "participation/staff_report.html",
        {
            "jurisdiction": jurisdiction,
            "report": report,
            "overdue": services.is_overdue(report, timezone.now()),
            "events": events,
            "comments": report.comments.select_related("author"),
            "photos": list(report.photos.all()),
            "followers": report.followers.count(),
            "moves": moves,
            "status_form": status_form or forms.StatusForm(),
            "responses": [
                (target, [(t, setup_workflow.response_text(report, t)) for t in offered])
                for target, offered in setup_workflow.templates_for(
                    report, [move.target for move in moves]
                )
            ],
            "assign_form": assign_form,
            "original": _original(jurisdiction, report),
            "merged_here": tenancy.reports_of(jurisdiction).filter(duplicate_of=report),
            "suggestions": services.suggest_duplicates(report) if can_merge else [],
            "can_merge": can_merge,
            "merge_error": merge_error,
            "answers": _answers(report),
            # Read from the history in hand: a rating exists only for a report once closed.
            "rating": services.rating_of(report)
            if any(e.target is not None and e.target.open311 == "closed" for e in events)
            else None,
            "reopening": next((e for e in reversed(events) if e.verb == "reopened"), None)
            if report.status.open311 == "open"
            else None,
            "is_staff": True,
        },
        status=status,
    )


def _answers(report: Report) -> list[tuple[str, str]]:
    """The answers to the service's extra questions, under their question."""
    if not report.attributes:
        return []
    asked = {a.code: a.description for a in report.service.attributes.all()}
    return [
        (asked.get(code, code), ", ".join(map(str, v)) if isinstance(v, list) else str(v))
        for code, v in report.attributes.items()
    ]


def _staff_url(report: Report) -> str:
    return reverse("cps_staff_report", args=[report.jurisdiction.slug, report.public_id])


@require_POST
@staff_only
def staff_status(request: HttpRequest, jurisdiction: Jurisdiction, public_id: str) -> HttpResponse:
    report = _report(jurisdiction, public_id)
    form = forms.StatusForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            note = data["note"]
            if data["template"] and not note.strip():
                chosen = setup_workflow.chosen_template(report, data["template"], data["target"])
                note = setup_workflow.response_text(report, chosen)
            moved = services.change_status(
                request.user,
                report,
                data["target"],
                note=note,
                public=data["visibility"] == "public",
                expected=data["expected"] or None,
            )
        except PermissionDenied:
            raise  # the edge (core.edge) answers 403 with the message
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _("Report %(id)s is now %(status)s.")
                % {"id": moved.public_id, "status": moved.status.name},
            )
            return redirect(_staff_url(report))
    return _staff_page(request, jurisdiction, report, status_form=form, status=400)


@require_POST
@staff_only
def staff_assign(request: HttpRequest, jurisdiction: Jurisdiction, public_id: str) -> HttpResponse:
    report = _report(jurisdiction, public_id)
    form = forms.AssignForm(jurisdiction, request.POST)
    if form.is_valid():
        department, user = form.chosen()
        try:
            services.assign(request.user, report, department=department, user=user)
        except PermissionDenied:
            raise  # the edge (core.edge) answers 403 with the message
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Assignment saved."))
            return redirect(_staff_url(report))
    return _staff_page(request, jurisdiction, report, assign_form=form, status=400)


@require_POST
@staff_only
def staff_merge(request: HttpRequest, jurisdiction: Jurisdiction, public_id: str) -> HttpResponse:
    report = _report(jurisdiction, public_id)
    form = forms.MergeForm(request.POST)
    problem = _("Choose the report to merge into.")
    if form.is_valid():
        try:
            into = tenancy.report_of(jurisdiction, public_id=form.cleaned_data["into"])
            services.merge(request.user, report, into, note=form.cleaned_data["note"])
        except PermissionDenied:
            raise  # the edge (core.edge) answers 403 with the message
        except DomainError as exc:
            problem = exc.message
        else:
            messages.success(
                request,
                _("Report %(id)s is merged into this one; its followers now follow this report.")
                % {"id": report.public_id},
            )
            return redirect(_staff_url(into))
    return _staff_page(request, jurisdiction, report, merge_error=problem, status=400)


@require_POST
@staff_only
def staff_moderate(
    request: HttpRequest, jurisdiction: Jurisdiction, public_id: str
) -> HttpResponse:
    report = _report(jurisdiction, public_id)
    form = forms.ModerateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was changed: the moderation request was incomplete."))
        return redirect(_staff_url(report))
    hidden = form.cleaned_data["hidden"]
    comment_id = form.cleaned_data.get("comment")
    comment = None
    if comment_id is not None:
        comment = report.comments.filter(pk=comment_id).first()
        if comment is None:
            raise Http404(f"No comment {comment_id} on report {report.public_id}.")
    services.moderate(request.user, report, hidden=hidden, comment=comment)
    if comment is not None:
        done = _("The comment is hidden from the public page.") if hidden else None
        done = done or _("The comment is shown again on the public page.")
    elif hidden:
        done = _("The report's text and photos are hidden from the public page.")
    else:
        done = _("The report's text and photos are shown again on the public page.")
    messages.success(request, done)
    return redirect(_staff_url(report))


@staff_only
def api_keys(request: HttpRequest, jurisdiction: Jurisdiction) -> HttpResponse:
    """Staff issue an Open311 key per client application; the key is shown once."""
    new_key = ""
    name = ""
    error = ""
    if request.method == "POST":
        name = request.POST.get("name", "")
        revoke = request.POST.get("revoke", "")
        try:
            if revoke:
                pk = int(revoke)
                if not 1 <= pk <= MAX_DB_ID:
                    raise ValueError(revoke)
                client = services.api_clients(jurisdiction).get(pk=pk)
                services.revoke_api_key(request.user, client)
                messages.success(
                    request, _("The key of %(name)s no longer works.") % {"name": client.name}
                )
                return redirect("cps_api_keys", jurisdiction.slug)
            client, new_key = services.issue_api_key(request.user, jurisdiction, name[:200])
            name = ""
        except DomainError as exc:
            error = exc.message
        except (ValueError, APIClient.DoesNotExist):
            error = _("No such key.")
    return render(
        request,
        "participation/api_keys.html",
        {
            "jurisdiction": jurisdiction,
            "is_staff": True,
            "clients": services.api_clients(jurisdiction),
            "new_key": new_key,
            "name": name,
            "error": error,
        },
        status=400 if error else 200,
    )
