"""Round 1's pages: a judge's list of applications and their conflicts, the scorecard (each
score saved as it is chosen, with htmx; the whole form saved by a plain submit without
JavaScript), the Secretariat's progress page and its closing of the round, the results of
round 1 for the Secretariat and the head of panel, and the head's decision on a tie. Each
view parses, calls `services.round1` and renders; a page a judge may not open is a 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intercity.accounts import permissions
from intercity.accounts.permissions import secretariat_only
from intercity.awards import rules
from intercity.awards.models import Category, Edition, Scorecard, Stage
from intercity.awards.services import round1
from intercity.core.errors import DomainError, NotFound, PermissionDenied
from intercity.core.modules import Link, Section


def _edition(edition_id: int) -> Edition:
    return get_object_or_404(Edition.objects.select_related("network"), pk=edition_id)


def _judge(request: HttpRequest, edition: Edition) -> Any:
    """The person's seat on the panel; anyone else finds no such page."""
    judge = round1.seat_of(request.user, edition)
    if judge is None:
        raise Http404(_("No such page."))
    return judge


# --- A judge's pages ---------------------------------------------------------------------------


@login_required
def judge_home(request: HttpRequest, edition_id: int) -> HttpResponse:
    edition = _edition(edition_id)
    judge = _judge(request, edition)
    lines = round1.card_lines(judge)
    categories: dict[Category, list[round1.CardLine]] = {}
    for line in lines:
        categories.setdefault(line.application.category, []).append(line)
    return render(
        request,
        "awards/round1/judge_home.html",
        {
            "edition": edition,
            "judge": judge,
            "categories": categories.items(),
            "open": edition.stage == Stage.ROUND1 and edition.round1_closed_at is None,
            "conflicts": judge.conflicts.select_related("organisation").order_by(
                "organisation__name"
            ),
            "ties": round1.pending_ties(request.user, edition),
            "sees_results": round1.may_see_results(request.user, edition)
            and edition.round1_closed_at is not None,
        },
    )


def _scorecard_context(edition: Edition, judge: Any, application: Any) -> dict[str, Any]:
    card = round1.card_of(judge, application)
    given = round1.scores_of(card)
    procedure = round1.procedure_of(edition)
    criteria = [
        {"criterion": c, "value": given.get(c.pk), "field": f"criterion-{c.pk}"}
        for c in round1.criteria_of(application.category)
    ]
    return {
        "edition": edition,
        "judge": judge,
        "application": application,
        "attachments": application.attachments.all(),
        "card": card,
        "criteria": criteria,
        "scale": range(procedure.score_min, procedure.score_max + 1),
        "submitted": card is not None and card.status == Scorecard.Status.SUBMITTED,
        "open": edition.stage == Stage.ROUND1 and edition.round1_closed_at is None,
        "scored": len(given),
    }


@login_required
def application(request: HttpRequest, edition_id: int, application_id: int) -> HttpResponse:
    """The application, read-only, and the judge's scorecard for it. POST saves the whole
    card (the page without JavaScript) and, with "submit", submits it."""
    edition = _edition(edition_id)
    judge, found = round1.get_application(request.user, edition, application_id)
    if request.method == "POST":
        scores = {
            c.pk: request.POST[f"criterion-{c.pk}"]
            for c in round1.criteria_of(found.category)
            if f"criterion-{c.pk}" in request.POST
        }
        try:
            round1.save_scorecard(
                request.user, edition, found.pk, scores, request.POST.get("comment", "")
            )
            if request.POST.get("action") == "submit":
                round1.submit_scorecard(request.user, edition, found.pk)
                messages.success(request, _("Scorecard submitted. Thank you."))
                return redirect("awards_round1_judge", edition_id=edition.pk)
            messages.success(request, _("Scorecard saved."))
        except DomainError as exc:
            if isinstance(exc, NotFound | PermissionDenied):
                raise
            messages.error(request, exc.message)
        return redirect("awards_round1_application", edition_id=edition.pk, application_id=found.pk)
    return render(
        request, "awards/round1/application.html", _scorecard_context(edition, judge, found)
    )


@login_required
@require_POST
def save_field(request: HttpRequest, edition_id: int, application_id: int) -> HttpResponse:
    """htmx saves one field as it changes: `field` names it (`criterion-<id>` or
    `comment`), its value is the form's. Answers a line of status either way."""
    edition = _edition(edition_id)
    field = request.POST.get("field", "")
    try:
        if field == "comment":
            round1.save_comment(request.user, edition, application_id, request.POST.get(field, ""))
        elif field.startswith("criterion-") and field[10:].isdigit():
            round1.save_score(
                request.user, edition, application_id, int(field[10:]), request.POST.get(field, "")
            )
        else:
            raise Http404(_("No such field."))
    except (NotFound, PermissionDenied):
        raise
    except DomainError as exc:
        # 200 so that htmx shows the refusal where the score was chosen.
        return render(request, "awards/round1/_saved.html", {"failed": exc.message})
    return render(request, "awards/round1/_saved.html", {"at": timezone.localtime()})


@login_required
def attachment(
    request: HttpRequest, edition_id: int, application_id: int, attachment_id: int
) -> FileResponse:
    found = round1.visible_attachment(
        request.user, _edition(edition_id), application_id, attachment_id
    )
    return FileResponse(found.file.open("rb"), as_attachment=True, filename=found.name)


@login_required
def conflicts(request: HttpRequest, edition_id: int) -> HttpResponse:
    edition = _edition(edition_id)
    judge = _judge(request, edition)
    error = ""
    if request.method == "POST":
        organisation = round1.conflict_candidates(judge).filter(
            pk=request.POST.get("organisation") or 0
        )
        reason = request.POST.get("reason", "")
        try:
            if not organisation.exists():
                raise DomainError(_("Choose a city from the list."))
            round1.declare_conflict(request.user, edition, organisation.get(), reason)
        except DomainError as exc:
            if isinstance(exc, PermissionDenied):
                raise
            error = exc.message
        else:
            messages.success(request, _("Conflict of interest recorded."))
            return redirect("awards_round1_conflicts", edition_id=edition.pk)
    return render(
        request,
        "awards/round1/conflicts.html",
        {
            "edition": edition,
            "judge": judge,
            "declared": judge.conflicts.select_related("organisation").order_by(
                "organisation__name"
            ),
            "candidates": round1.conflict_candidates(judge),
            "error": error,
            "chosen": request.POST.get("organisation", ""),
            "reason": request.POST.get("reason", ""),
        },
        status=400 if error else 200,
    )


# --- The Secretariat and the head of panel -----------------------------------------------------


@secretariat_only
def progress(request: HttpRequest, edition_id: int) -> HttpResponse:
    edition = _edition(edition_id)
    return render(
        request,
        "awards/round1/progress.html",
        {
            "edition": edition,
            "lines": round1.progress(request.user, edition),
            "may_close": edition.stage == Stage.ROUND1 and edition.round1_closed_at is None,
        },
    )


@secretariat_only
@require_POST
def close(request: HttpRequest, edition_id: int) -> HttpResponse:
    edition = _edition(edition_id)
    try:
        round1.close_round1(request.user, edition)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("awards_round1_progress", edition_id=edition.pk)
    edition.refresh_from_db()
    if edition.stage == Stage.ROUND2:
        messages.success(request, _("Round 1 is closed; the finalists go on to round 2."))
    else:
        messages.success(
            request,
            _("Round 1 is closed. A tie at the last finalist's place waits for the head of panel."),
        )
    return redirect("awards_round1_results", edition_id=edition.pk)


@login_required
def results(request: HttpRequest, edition_id: int) -> HttpResponse:
    edition = _edition(edition_id)
    try:
        rankings = round1.results(request.user, edition)
    except PermissionDenied:
        raise
    except DomainError as exc:
        raise Http404(exc.message) from None
    # The head of panel reads the rankings too, but never a row of their own city or of a
    # declared conflict, nor the explanation that names it.
    seat = round1.seat_of(request.user, edition)
    barred = (
        round1.barred_organisation_ids(seat)
        if seat is not None and not permissions.is_secretariat(request.user)
        else set()
    )
    shown = []
    for ranking in rankings:
        rows = ranking.rows()
        kept = [row for row in rows if row["application"].organisation_id not in barred]
        shown.append((ranking, kept, len(rows) - len(kept)))
    return render(
        request,
        "awards/round1/results.html",
        {
            "edition": edition,
            "rankings": shown,
            "deciding": [
                r.category.pk
                for r in rankings
                if r.waiting
                and edition.stage == Stage.ROUND1
                and round1.may_decide(request.user, r)
            ],
        },
    )


@login_required
def decide(request: HttpRequest, edition_id: int, category_id: int) -> HttpResponse:
    edition = _edition(edition_id)
    category = get_object_or_404(Category, pk=category_id, edition=edition)
    ranking = round1.get_tie(request.user, category)
    error = ""
    chosen: list[int] = []
    if request.method == "POST":
        chosen = [int(v) for v in request.POST.getlist("chosen") if v.isdigit()]
        try:
            round1.decide_finalists(request.user, category, chosen, request.POST.get("reason", ""))
        except DomainError as exc:
            if isinstance(exc, PermissionDenied):
                raise
            error = exc.message
        else:
            messages.success(request, _("Your decision is recorded."))
            return redirect("awards_round1_results", edition_id=edition.pk)
    assert ranking.result is not None
    assert ranking.result.tie is not None
    tie = ranking.result.tie
    rows = [r for r in ranking.rows() if r["tied"] or r["application"].pk in chosen]
    # The explanation names every application of the category: not shown to a head of panel
    # who may not see one of them (their own city, a declared conflict).
    seat = round1.seat_of(request.user, edition)
    barred = round1.barred_organisation_ids(seat) if seat is not None else set()
    explain = not any(a.organisation_id in barred for a in ranking.applications.values())
    return render(
        request,
        "awards/round1/decide.html",
        {
            "edition": edition,
            "category": category,
            "ranking": ranking,
            "tie": tie,
            "score": rules.shown(tie.score),
            "explain": explain,
            "rows": rows,
            "chosen": chosen,
            "reason": request.POST.get("reason", ""),
            "error": error,
        },
        status=400 if error else 200,
    )


# --- The start page ----------------------------------------------------------------------------


def start_sections(request: HttpRequest) -> list[Section]:
    """A judge's scorecards (each application with its card's state) while round 1 is open,
    the head's ties to decide; the Secretariat's progress pages of the rounds open."""
    sections: list[Section] = []
    for judge in round1.seats_of(request.user):
        edition = judge.edition
        links: list[Link] = []
        if edition.stage == Stage.ROUND1 and edition.round1_closed_at is None:
            links += [
                Link(
                    f"{line.application.organisation.name}: {line.application.title}",
                    reverse("awards_round1_application", args=[edition.pk, line.application.pk]),
                    description=f"{line.application.category.name} · {line.label}",
                )
                for line in round1.card_lines(judge)
            ]
        links += [
            Link(
                _("Decide the tie in %(category)s") % {"category": category.name},
                reverse("awards_round1_decide", args=[edition.pk, category.pk]),
            )
            for category in round1.pending_ties(request.user, edition)
        ]
        if links or edition.stage in round1.CONFLICT_STAGES:
            links.append(
                Link(
                    _("Conflicts of interest"),
                    reverse("awards_round1_conflicts", args=[edition.pk]),
                )
            )
            sections.append(
                Section(
                    _("Your scorecards: %(edition)s") % {"edition": edition.title},
                    links=tuple(links),
                    anchor=f"awards-scorecards-{edition.pk}",
                    order=30,
                )
            )
    if permissions.is_secretariat(request.user):
        links = []
        for edition in Edition.objects.filter(stage=Stage.ROUND1):
            links.append(
                Link(
                    _("%(edition)s: round 1 progress") % {"edition": edition.title},
                    reverse("awards_round1_progress", args=[edition.pk]),
                )
            )
            links += [
                Link(
                    _("Decide the tie in %(category)s") % {"category": category.name},
                    reverse("awards_round1_decide", args=[edition.pk, category.pk]),
                    description=_("The head of panel may not see a tied application."),
                )
                for category in round1.pending_ties(request.user, edition)
            ]
        if links:
            sections.append(
                Section(_("Awards: round 1"), links=tuple(links), anchor="awards-round1", order=50)
            )
    return sections
