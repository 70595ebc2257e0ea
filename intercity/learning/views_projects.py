"""Consultation projects and secondments: public lists and pages; the Secretariat changes a
project's status, records deliverables and decides secondment applications; a city officer
applies to a secondment call. Thin: parse, call the service, render or redirect."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intercity.accounts import permissions
from intercity.accounts.permissions import secretariat_only
from intercity.core.errors import DomainError, NotFound
from intercity.learning import forms_projects as forms
from intercity.learning.models_projects import ConsultationProject
from intercity.learning.models_secondment import SecondmentApplication, SecondmentCall
from intercity.learning.services import projects as services
from intercity.learning.services import secondment as secondment_services
from intercity.learning.services import training as training_services


def projects(request: HttpRequest) -> HttpResponse:
    return render(request, "learning/projects.html", {"projects": services.projects()})


def _project(slug: str) -> ConsultationProject:
    try:
        return services.get_project(slug)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def project(request: HttpRequest, slug: str) -> HttpResponse:
    found = _project(slug)
    staff = permissions.is_secretariat(request.user)
    return render(
        request,
        "learning/project.html",
        {
            "project": found,
            "cities": services.city_context(found),
            "staff": staff,
            "status_form": forms.StatusForm(initial={"status": found.status}) if staff else None,
            "deliverable_form": forms.DeliverableForm() if staff else None,
        },
    )


@secretariat_only
@require_POST
def project_status(request: HttpRequest, slug: str) -> HttpResponse:
    found = _project(slug)
    form = forms.StatusForm(request.POST)
    if form.is_valid():
        services.set_status(request.user, found, form.cleaned_data["status"])
        messages.success(request, _("The project's status is saved."))
    return redirect("learning_project", slug=found.slug)


@secretariat_only
@require_POST
def project_deliverable(request: HttpRequest, slug: str) -> HttpResponse:
    found = _project(slug)
    form = forms.DeliverableForm(request.POST)
    if form.is_valid():
        try:
            services.add_deliverable(request.user, found, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The deliverable is recorded."))
    else:
        messages.error(request, _("Give the deliverable a title."))
    return redirect("learning_project", slug=found.slug)


def secondments(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "learning/secondments.html",
        {
            "calls": secondment_services.calls(),
            "secondments": secondment_services.secondments(),
            "today": timezone.localdate(),
        },
    )


def _call(pk: int) -> SecondmentCall:
    try:
        return secondment_services.get_call(pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def secondment_call(request: HttpRequest, pk: int) -> HttpResponse:
    call = _call(pk)
    staff = permissions.is_secretariat(request.user)
    cities = training_services.applicant_cities(request.user)
    form = None
    status = 200
    if cities and not call.applications.filter(applicant_id=request.user.pk).exists():
        form = forms.SecondmentApplyForm(request.POST or None, cities=cities)
        if request.method == "POST":
            status = 400
            if form.is_valid():
                city = next(c for c in cities if c.pk == form.cleaned_data["organisation"])
                try:
                    secondment_services.apply(
                        request.user,
                        call,
                        city,
                        full_name=form.cleaned_data["full_name"],
                        statement=form.cleaned_data["statement"],
                        today=timezone.localdate(),
                    )
                except DomainError as exc:
                    form.add_error(None, exc.message)
                    status = exc.status_code
                else:
                    messages.success(request, _("Your application is received."))
                    return redirect("learning_secondment_call", pk=call.pk)
    elif request.method == "POST":
        raise HttpForbidden(_("Only an officer of a member city may apply."))
    mine = (
        call.applications.filter(applicant_id=request.user.pk).first()
        if request.user.is_authenticated
        else None
    )
    return render(
        request,
        "learning/secondment_call.html",
        {
            "call": call,
            "form": form,
            "mine": mine,
            "staff": staff,
            "applications": call.applications.select_related("organisation") if staff else [],
            "decision_form": forms.DecisionForm() if staff else None,
        },
        status=status,
    )


@secretariat_only
@require_POST
def secondment_decide(request: HttpRequest, pk: int) -> HttpResponse:
    application = SecondmentApplication.objects.filter(pk=pk).first()
    if application is None:
        raise Http404(_("No application has this number."))
    form = forms.DecisionForm(request.POST)
    if form.is_valid():
        try:
            secondment_services.decide(request.user, application, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The decision is recorded."))
    else:
        messages.error(request, _("Give the decision and its reason."))
    return redirect("learning_secondment_call", pk=application.call_id)


@secretariat_only
def deliverable(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The Secretariat corrects a deliverable (POST action=save) or withdraws it with a reason
    (action=withdraw)."""
    found = _project(slug)
    try:
        item = services.get_deliverable(found, pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    posted = request.POST if request.method == "POST" else None
    action = request.POST.get("action", "save")
    form = forms.DeliverableForm(
        posted if action == "save" else None,
        initial={name: getattr(item, name) for name in services.DELIVERABLE_FIELDS},
    )
    withdraw = forms.WithdrawForm(posted if action == "withdraw" else None)
    status = 200
    if posted is not None:
        status = 400
        chosen: Any = form if action == "save" else withdraw
        if chosen.is_valid():
            try:
                if action == "save":
                    services.edit_deliverable(request.user, item, **form.cleaned_data)
                else:
                    services.withdraw_deliverable(
                        request.user, item, reason=withdraw.cleaned_data["reason"]
                    )
            except DomainError as exc:
                chosen.add_error(None, exc.message)
                status = exc.status_code
            else:
                messages.success(
                    request,
                    _("The deliverable is saved.")
                    if action == "save"
                    else _("The deliverable is withdrawn."),
                )
                return redirect("learning_project", slug=found.slug)
    return render(
        request,
        "learning/deliverable.html",
        {"project": found, "deliverable": item, "form": form, "withdraw": withdraw},
        status=status,
    )


@secretariat_only
def edit_secondment_call(request: HttpRequest, pk: int) -> HttpResponse:
    """The Secretariat corrects a secondment call (action=save) or withdraws it (withdraw)."""
    call = _call(pk)
    posted = request.POST if request.method == "POST" else None
    action = request.POST.get("action", "save")
    form = forms.SecondmentCallForm(
        posted if action == "save" else None,
        initial={name: getattr(call, name) for name in secondment_services.CALL_FIELDS},
    )
    withdraw = forms.WithdrawForm(posted if action == "withdraw" else None)
    status = 200
    if posted is not None:
        status = 400
        chosen: Any = form if action == "save" else withdraw
        if chosen.is_valid():
            try:
                if action == "save":
                    secondment_services.edit_call(request.user, call, **form.cleaned_data)
                else:
                    secondment_services.withdraw_call(
                        request.user, call, reason=withdraw.cleaned_data["reason"]
                    )
            except DomainError as exc:
                chosen.add_error(training_services.error_field(exc), exc.message)
                status = exc.status_code
            else:
                messages.success(
                    request,
                    _("The call is saved.") if action == "save" else _("The call is withdrawn."),
                )
                return redirect("learning_secondment_call", pk=call.pk)
    return render(
        request,
        "learning/edit_secondment_call.html",
        {"call": call, "form": form, "withdraw": withdraw},
        status=status,
    )
