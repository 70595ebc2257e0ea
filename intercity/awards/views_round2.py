"""Round 2 and the results: a judge's ballots, the Secretariat's progress and close, the
panel's tie decision and Special Mentions, publication, the results page and certificates.
Thin: each view parses the request, calls one service and renders."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intercity.accounts import permissions
from intercity.accounts.permissions import secretariat_only
from intercity.awards import certificate_pdf
from intercity.awards.models import Stage
from intercity.awards.services import results as results_service
from intercity.awards.services import round2
from intercity.core.errors import DomainError, NotFound, PermissionDenied


def _ids(values: list[str]) -> list[int]:
    """The ids posted; anything that is not a whole number becomes an id no row has."""
    return [int(v) if v.isdigit() and len(v) < 10 else 0 for v in values]


# --- A judge's ballots ----------------------------------------------------------------------


def _ballot_page(
    request: HttpRequest,
    edition_id: int,
    *,
    error: str = "",
    error_category: int | None = None,
    kept: list[int] | None = None,
    status: int = 200,
) -> HttpResponse:
    edition = round2.get_edition(edition_id)
    sheets = round2.ballot_sheets(request.user, edition)
    return render(
        request,
        "awards/round2/ballot.html",
        {
            "edition": edition,
            "sheets": sheets,
            "open": edition.stage == Stage.ROUND2,
            "votes": edition.votes_per_judge,
            "error": error,
            "error_category": error_category,
            "kept": kept or [],
        },
        status=status,
    )


@login_required
def ballot(request: HttpRequest, edition_id: int) -> HttpResponse:
    return _ballot_page(request, edition_id)


@login_required
@require_POST
def cast(request: HttpRequest, category_id: int) -> HttpResponse:
    category = round2.get_category(category_id)
    chosen = _ids(request.POST.getlist("choice"))
    try:
        round2.cast_ballot(request.user, category, chosen)
    except (NotFound, PermissionDenied):
        raise
    except DomainError as exc:
        return _ballot_page(
            request,
            category.edition_id,
            error=exc.message,
            error_category=category.pk,
            kept=chosen,
            status=exc.status_code,
        )
    messages.success(
        request,
        _("Your ballot in %(category)s is cast. Thank you.") % {"category": category.name},
    )
    return redirect("awards_round2_ballot", edition_id=category.edition_id)


# --- The Secretariat's progress and close -------------------------------------------------


@secretariat_only
def progress(request: HttpRequest, edition_id: int) -> HttpResponse:
    edition = round2.get_edition(edition_id)
    return render(
        request,
        "awards/round2/progress.html",
        {
            "edition": edition,
            "rows": round2.progress(request.user, edition),
            "open": edition.stage == Stage.ROUND2,
        },
    )


@secretariat_only
@require_POST
def close(request: HttpRequest, edition_id: int) -> HttpResponse:
    edition = round2.get_edition(edition_id)
    try:
        round2.close_round2(request.user, edition)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("awards_round2_progress", edition_id=edition.pk)
    messages.success(request, _("Round 2 is closed and the places are counted."))
    return redirect("awards_results", edition_id=edition.pk)


# --- Results ---------------------------------------------------------------------------------


def _results_page(
    request: HttpRequest,
    edition_id: int,
    *,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    edition = round2.get_edition(edition_id)
    found = results_service.results(request.user, edition)
    errors = errors or {}
    for c in found.categories:
        c.tie_error = errors.get(f"tie-{c.category.pk}", "")
        c.mention_error = errors.get(f"mention-{c.category.pk}", "")
    decided = edition.stage == Stage.DECIDED
    return render(
        request,
        "awards/results/results.html",
        {
            "edition": edition,
            "results": found,
            "is_staff": permissions.is_secretariat(request.user),
            "may_decide": decided and round2.may_decide_places(request.user, edition),
            "may_mention": decided and results_service.may_mention(request.user, edition),
            "may_publish": decided and permissions.is_secretariat(request.user),
            "errors": errors,
        },
        status=status,
    )


def results(request: HttpRequest, edition_id: int) -> HttpResponse:
    return _results_page(request, edition_id)


@login_required
@require_POST
def decide(request: HttpRequest, category_id: int) -> HttpResponse:
    category = round2.get_category(category_id)
    places = sorted(k for k in request.POST if k.startswith("place-"))
    chosen = _ids([request.POST.get(k, "") for k in places])
    try:
        round2.decide_places(request.user, category, chosen, request.POST.get("reason", ""))
    except (NotFound, PermissionDenied):
        raise
    except DomainError as exc:
        return _results_page(
            request,
            category.edition_id,
            errors={f"tie-{category.pk}": exc.message},
            status=exc.status_code,
        )
    messages.success(
        request, _("The panel's order in %(category)s is recorded.") % {"category": category.name}
    )
    return redirect(
        reverse("awards_results", args=[category.edition_id]) + f"#category-{category.pk}"
    )


@login_required
@require_POST
def mention(request: HttpRequest, category_id: int) -> HttpResponse:
    category = round2.get_category(category_id)
    [application_id] = _ids([request.POST.get("application", "")])
    try:
        results_service.add_special_mention(
            request.user, category, application_id, request.POST.get("reason", "")
        )
    except (NotFound, PermissionDenied):
        raise
    except DomainError as exc:
        return _results_page(
            request,
            category.edition_id,
            errors={f"mention-{category.pk}": exc.message},
            status=exc.status_code,
        )
    messages.success(
        request, _("Special Mention recorded in %(category)s.") % {"category": category.name}
    )
    return redirect(
        reverse("awards_results", args=[category.edition_id]) + f"#category-{category.pk}"
    )


@secretariat_only
@require_POST
def publish(request: HttpRequest, edition_id: int) -> HttpResponse:
    edition = round2.get_edition(edition_id)
    try:
        results_service.publish(request.user, edition)
    except DomainError as exc:
        return _results_page(
            request, edition.pk, errors={"publish": exc.message}, status=exc.status_code
        )
    messages.success(request, _("The results are published."))
    return redirect("awards_results", edition_id=edition.pk)


def certificate(request: HttpRequest, placement_id: int) -> HttpResponse:
    placement = results_service.get_certificate_placement(request.user, placement_id)
    response = HttpResponse(certificate_pdf.render(placement), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{certificate_pdf.filename(placement)}"'
    )
    return response
