"""The awards pages up to round 1: an edition, its set-up by the Secretariat (the edition,
categories, criteria, panel and stages), a city's application and the screening queue.
Thin: each parses the request, calls a service and renders; a refusal is shown as a form
error or a message."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intercity.accounts import permissions
from intercity.accounts.permissions import secretariat_only
from intercity.awards import forms
from intercity.awards.models import Application, Attachment, Category, Criterion, Judge, Stage
from intercity.awards.services import applications, editions, round1
from intercity.core.errors import DomainError
from intercity.network import services as registry
from intercity.network.models import Organisation

STAGE_ACTIONS = {
    "open_applications": editions.open_applications,
    "close_applications": editions.close_applications,
    "open_round1": editions.open_round1,
}


# --- An edition -------------------------------------------------------------------------------


def _officer_cities(request: HttpRequest, edition: Any) -> list[tuple[int, str]]:
    """The cities the person may apply for: those they are an officer of that are members of
    the edition's network (the Secretariat applies for none from this page)."""
    ids = permissions.officer_organisation_ids(request.user)
    cities = Organisation.objects.filter(pk__in=ids).order_by("name")
    return [
        (city.pk, city.name)
        for city in cities
        if registry.current_period(edition.network, city) is not None
    ]


def edition(request: HttpRequest, pk: int) -> HttpResponse:
    found = editions.get_edition(request.user, pk)
    is_staff = permissions.is_secretariat(request.user)
    mine = (
        applications.own_cities_applications(request.user).filter(edition=found)
        if request.user.is_authenticated
        else Application.objects.none()
    )
    cities = _officer_cities(request, found) if request.user.is_authenticated else []
    may_apply = (
        bool(cities)
        and found.stage == Stage.APPLICATIONS
        and not editions.is_past_deadline(found, timezone.localdate())
    )
    context: dict[str, Any] = {
        "edition": found,
        "categories": found.categories.prefetch_related("criteria"),
        "judges": found.judges.select_related("organisation").prefetch_related("categories"),
        "mine": mine,
        "may_apply": may_apply,
        "is_staff": is_staff,
        # A seated judge with a login is led to their scorecards or their ballot.
        "seat": round1.seat_of(request.user, found) if request.user.is_authenticated else None,
    }
    if is_staff:
        counts = dict.fromkeys(Application.Status.values, 0)
        for status in found.applications.values_list("status", flat=True):
            counts[status] += 1
        context.update(
            counts=[(label, counts[value]) for value, label in Application.Status.choices],
            round1_problems=(
                editions.open_round1_problems(found) if found.stage == Stage.SCREENING else []
            ),
            before_round1=not found.reached(Stage.ROUND1),
        )
    return render(request, "awards/edition.html", context)


@secretariat_only
def edition_create(request: HttpRequest, network: str) -> HttpResponse:
    found = registry.get_network(network)
    form = forms.EditionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = editions.create_edition(request.user, found, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Edition created: now add its categories."))
            return redirect("awards_categories", pk=made.pk)
    return render(
        request,
        "awards/form_page.html",
        {
            "title": _("New award edition of %(network)s") % {"network": found.short_name},
            "form": form,
            "button": _("Create the edition"),
            "back": reverse("awards_home", args=[]),
        },
        status=400 if form.errors else 200,
    )


@secretariat_only
def edition_edit(request: HttpRequest, pk: int) -> HttpResponse:
    found = editions.get_edition(request.user, pk)
    form = forms.EditionForm(request.POST or None, instance=found)
    if request.method == "POST" and form.is_valid():
        try:
            editions.update_edition(request.user, found, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Edition saved."))
            return redirect("awards_edition", pk=found.pk)
    return render(
        request,
        "awards/form_page.html",
        {
            "title": _("Edit %(edition)s") % {"edition": found.title},
            "form": form,
            "button": _("Save"),
            "back": reverse("awards_edition", args=[found.pk]),
            "edition": found,
        },
        status=400 if form.errors else 200,
    )


@secretariat_only
@require_POST
def edition_stage(request: HttpRequest, pk: int) -> HttpResponse:
    found = editions.get_edition(request.user, pk)
    action = STAGE_ACTIONS.get(request.POST.get("action", ""))
    if action is None:
        messages.error(request, _("Choose a step."))
    else:
        try:
            action(request.user, found)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("The edition is now at: %(stage)s.") % {"stage": found.get_stage_display()},
            )
    return redirect("awards_edition", pk=found.pk)


# --- Categories and criteria ----------------------------------------------------------------


@secretariat_only
def categories(request: HttpRequest, pk: int) -> HttpResponse:
    found = editions.get_edition(request.user, pk)
    form = forms.CategoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            editions.add_category(request.user, found, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Category added."))
            return redirect("awards_categories", pk=found.pk)
    return render(
        request,
        "awards/categories.html",
        {
            "edition": found,
            "categories": found.categories.prefetch_related("criteria").annotate(
                used=Count("applications")
            ),
            "form": form,
            "open": not found.reached(Stage.ROUND1),
        },
        status=400 if form.errors else 200,
    )


def _category(pk: int) -> Category:
    return get_object_or_404(Category.objects.select_related("edition"), pk=pk)


@secretariat_only
def category(request: HttpRequest, pk: int) -> HttpResponse:
    found = _category(pk)
    form = forms.CategoryForm(
        request.POST if "save_category" in request.POST else None,
        initial={"name": found.name, "description": found.description},
    )
    criterion_form = forms.CriterionForm(
        request.POST if "add_criterion" in request.POST else None, prefix="criterion"
    )
    if request.method == "POST":
        try:
            if "save_category" in request.POST and form.is_valid():
                editions.update_category(request.user, found, **form.cleaned_data)
                messages.success(request, _("Category saved."))
                return redirect("awards_category", pk=found.pk)
            if "add_criterion" in request.POST and criterion_form.is_valid():
                editions.add_criterion(request.user, found, **criterion_form.cleaned_data)
                messages.success(request, _("Criterion added."))
                return redirect("awards_category", pk=found.pk)
        except DomainError as exc:
            (form if "save_category" in request.POST else criterion_form).add_error(
                None, exc.message
            )
    return render(
        request,
        "awards/category.html",
        {
            "category": found,
            "edition": found.edition,
            "criteria": found.criteria.all(),
            "form": form,
            "criterion_form": criterion_form,
            "open": not found.edition.reached(Stage.ROUND1),
        },
        status=400 if form.errors or criterion_form.errors else 200,
    )


@secretariat_only
@require_POST
def category_move(request: HttpRequest, pk: int) -> HttpResponse:
    found = _category(pk)
    try:
        editions.move_category(request.user, found, -1 if request.POST.get("step") == "up" else 1)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("awards_categories", pk=found.edition_id)


@secretariat_only
@require_POST
def category_remove(request: HttpRequest, pk: int) -> HttpResponse:
    found = _category(pk)
    try:
        editions.remove_category(request.user, found)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Category removed."))
    return redirect("awards_categories", pk=found.edition_id)


def _criterion(pk: int) -> Criterion:
    return get_object_or_404(Criterion.objects.select_related("category__edition"), pk=pk)


@secretariat_only
def criterion(request: HttpRequest, pk: int) -> HttpResponse:
    found = _criterion(pk)
    form = forms.CriterionForm(
        request.POST or None,
        initial={"name": found.name, "description": found.description, "weight": found.weight},
    )
    if request.method == "POST" and form.is_valid():
        try:
            editions.update_criterion(request.user, found, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Criterion saved."))
            return redirect("awards_category", pk=found.category_id)
    return render(
        request,
        "awards/form_page.html",
        {
            "title": _("Criterion of %(category)s") % {"category": found.category.name},
            "form": form,
            "button": _("Save"),
            "back": reverse("awards_category", args=[found.category_id]),
            "edition": found.category.edition,
        },
        status=400 if form.errors else 200,
    )


@secretariat_only
@require_POST
def criterion_remove(request: HttpRequest, pk: int) -> HttpResponse:
    found = _criterion(pk)
    try:
        editions.remove_criterion(request.user, found)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Criterion removed."))
    return redirect("awards_category", pk=found.category_id)


# --- The panel ------------------------------------------------------------------------------


@secretariat_only
def panel(request: HttpRequest, pk: int) -> HttpResponse:
    found = editions.get_edition(request.user, pk)
    cities = registry.member_city_choices(found.network)
    form = forms.SeatJudgeForm(found, cities, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        user = get_user_model().objects.filter(username=data.pop("username")).first()
        organisation_id = data.pop("organisation")
        try:
            if user is None:
                raise DomainError(_("No login has this username."))
            editions.seat_judge(
                request.user,
                found,
                user,
                organisation=(
                    registry.get_organisation(organisation_id) if organisation_id else None
                ),
                **data,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Judge seated."))
            return redirect("awards_panel", pk=found.pk)
    return render(
        request,
        "awards/panel.html",
        {
            "edition": found,
            "judges": found.judges.select_related("organisation", "user").prefetch_related(
                "categories"
            ),
            "form": form,
            "open": not found.reached(Stage.ROUND1),
        },
        status=400 if form.errors else 200,
    )


def _judge(pk: int) -> Judge:
    return get_object_or_404(Judge.objects.select_related("edition__network"), pk=pk)


@secretariat_only
def judge(request: HttpRequest, pk: int) -> HttpResponse:
    found = _judge(pk)
    cities = registry.member_city_choices(found.edition.network)
    form = forms.JudgeForm(
        found.edition,
        cities,
        request.POST or None,
        initial={
            "name": found.name,
            "country": found.country,
            "affiliation": found.affiliation,
            "organisation": found.organisation_id,
            "categories": list(found.categories.all()),
        },
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organisation_id = data.pop("organisation")
        try:
            editions.update_judge(
                request.user,
                found,
                organisation=(
                    registry.get_organisation(organisation_id) if organisation_id else None
                ),
                **data,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Judge saved."))
            return redirect("awards_panel", pk=found.edition_id)
    return render(
        request,
        "awards/form_page.html",
        {
            "title": _("Judge: %(name)s") % {"name": found.name},
            "form": form,
            "button": _("Save"),
            "back": reverse("awards_panel", args=[found.edition_id]),
            "edition": found.edition,
        },
        status=400 if form.errors else 200,
    )


@secretariat_only
@require_POST
def judge_head(request: HttpRequest, pk: int) -> HttpResponse:
    found = _judge(pk)
    try:
        editions.name_head(request.user, found)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("%(name)s is head of panel.") % {"name": found.name})
    return redirect("awards_panel", pk=found.edition_id)


@secretariat_only
@require_POST
def judge_unseat(request: HttpRequest, pk: int) -> HttpResponse:
    found = _judge(pk)
    try:
        editions.unseat_judge(request.user, found)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("%(name)s left the panel.") % {"name": found.name})
    return redirect("awards_panel", pk=found.edition_id)


# --- A city's application -------------------------------------------------------------------


@login_required
def application_start(request: HttpRequest, pk: int) -> HttpResponse:
    found = editions.get_edition(request.user, pk)
    cities = _officer_cities(request, found)
    if not cities:
        raise Http404(_("You are not an officer of a member city of this network."))
    form = forms.StartApplicationForm(found, cities, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        organisation = registry.get_organisation(data.pop("organisation"))
        chosen = data.pop("category")
        try:
            made = applications.start_application(request.user, found, organisation, chosen, **data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Application saved as a draft."))
            return redirect("awards_application_edit", pk=made.pk)
    return render(
        request,
        "awards/application_form.html",
        {"edition": found, "form": form, "application": None},
        status=400 if form.errors else 200,
    )


def _application(request: HttpRequest, pk: int) -> Application:
    return applications.get_application(request.user, pk)


@login_required
def application(request: HttpRequest, pk: int) -> HttpResponse:
    found = _application(request, pk)
    is_staff = permissions.is_secretariat(request.user)
    return render(
        request,
        "awards/application.html",
        {
            "application": found,
            "edition": found.edition,
            "attachments": found.attachments.all(),
            "problems": applications.submission_problems(found) if found.editable else [],
            "may_withdraw": found.status in (Application.Status.DRAFT, Application.Status.SUBMITTED)
            and not found.edition.reached(Stage.SCREENING),
            "may_screen": is_staff
            and found.status != Application.Status.DRAFT
            and found.status != Application.Status.WITHDRAWN
            and found.edition.stage in (Stage.APPLICATIONS, Stage.SCREENING),
            "screen_form": forms.ScreenForm(),
            "history": applications.history(request.user, found),
        },
    )


@login_required
def application_edit(request: HttpRequest, pk: int) -> HttpResponse:
    found = _application(request, pk)
    if not found.editable:
        return redirect("awards_application", pk=found.pk)
    form = forms.ApplicationForm(found.edition, request.POST or None, instance=found)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            applications.update_application(request.user, found, **data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Draft saved."))
            upload = request.FILES.get("file")
            if upload is not None:
                # The document goes with the text typed before it, saved first.
                try:
                    applications.attach(request.user, found, upload)
                except DomainError as exc:
                    messages.error(request, exc.message)
                    return redirect("awards_application_edit", pk=found.pk)
                messages.success(request, _("Document attached."))
            if "to_submit" in request.POST:
                return redirect("awards_application_submit", pk=found.pk)
            return redirect("awards_application_edit", pk=found.pk)
    return render(
        request,
        "awards/application_form.html",
        {
            "edition": found.edition,
            "form": form,
            "application": found,
            "attachments": found.attachments.all(),
            "attachment_form": forms.AttachmentForm(),
            "limit": applications.MAX_BYTES,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    found = _application(request, pk)
    form = forms.AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a document to attach."))
    else:
        try:
            applications.attach(request.user, found, form.cleaned_data["file"])
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Document attached."))
    return redirect("awards_application_edit", pk=found.pk)


@login_required
@require_POST
def attachment_remove(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    found = _application(request, pk)
    item = get_object_or_404(Attachment, pk=item_id, application=found)
    try:
        applications.remove_attachment(request.user, item)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Document removed."))
    return redirect("awards_application_edit", pk=found.pk)


@login_required
def attachment_file(request: HttpRequest, pk: int, item_id: int) -> FileResponse:
    found = _application(request, pk)
    item = get_object_or_404(Attachment, pk=item_id, application=found)
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404("The document's file is missing.") from None
    response = FileResponse(handle, content_type=applications.content_type_of(item))
    response["Content-Disposition"] = f'attachment; filename="{item.file.name.rsplit("/", 1)[-1]}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def application_submit(request: HttpRequest, pk: int) -> HttpResponse:
    found = _application(request, pk)
    if request.method == "POST":
        try:
            applications.submit(request.user, found)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Application submitted to the Secretariat."))
            return redirect("awards_application", pk=found.pk)
    if not found.editable:
        return redirect("awards_application", pk=found.pk)
    return render(
        request,
        "awards/submit.html",
        {
            "application": found,
            "edition": found.edition,
            "problems": applications.submission_problems(found),
            "attachments": found.attachments.all(),
        },
    )


@login_required
@require_POST
def application_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    found = _application(request, pk)
    try:
        applications.withdraw(request.user, found, request.POST.get("reason", ""))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Application withdrawn."))
    return redirect("awards_application", pk=found.pk)


# --- Screening ------------------------------------------------------------------------------


@secretariat_only
def screening(request: HttpRequest, pk: int) -> HttpResponse:
    found = editions.get_edition(request.user, pk)
    queue = list(applications.screening_queue(request.user, found))
    return render(
        request,
        "awards/screening.html",
        {
            "edition": found,
            "waiting": [a for a in queue if a.status == Application.Status.SUBMITTED],
            "screened": [a for a in queue if a.status != Application.Status.SUBMITTED],
            "open": found.stage in (Stage.APPLICATIONS, Stage.SCREENING),
        },
    )


@secretariat_only
@require_POST
def application_screen(request: HttpRequest, pk: int) -> HttpResponse:
    found = _application(request, pk)
    form = forms.ScreenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose eligible or ineligible."))
        return redirect("awards_application", pk=found.pk)
    try:
        applications.screen(
            request.user,
            found,
            eligible=form.cleaned_data["verdict"] == "eligible",
            reason=form.cleaned_data["reason"],
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("awards_application", pk=found.pk)
    messages.success(
        request,
        _("%(title)s screened: %(status)s.")
        % {"title": found.title, "status": found.get_status_display()},
    )
    return redirect("awards_screening", pk=found.edition_id)
