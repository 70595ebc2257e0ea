"""A city's set-up pages, for its CPS administrator only: its services and their questions,
its departments (the workflow, response templates and staff have pages of their own).

Thin views: `tenancy.admin_jurisdiction` resolves the city (anyone else: 403, anonymous: the
login page), each change is one action of `setup`, and a refusal comes back as a form error
with nothing saved. The questions of a service are edited in place with htmx (the forms post
and the page is drawn again without JavaScript).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intercity.core.errors import DomainError, PermissionDenied
from intercity.core.modules import Link
from intercity.participation import forms_setup, setup, tenancy
from intercity.participation.models import Jurisdiction, Service

View = Callable[..., HttpResponse]


def admin_only(view: View) -> View:
    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
        jurisdiction = tenancy.admin_jurisdiction(request.user, slug)
        return view(request, jurisdiction, *args, **kwargs)

    return wrapped


def _context(jurisdiction: Jurisdiction, **more: Any) -> dict[str, Any]:
    return {"jurisdiction": jurisdiction, "is_staff": True, "is_admin": True, **more}


def setup_links(jurisdiction: Jurisdiction) -> list[Link]:
    """What a city administrator sets up, each a page of its own."""
    slug = jurisdiction.slug
    return [
        Link(
            _("Services"),
            reverse("cps_setup_services", args=[slug]),
            description=_(
                "What citizens can report: names in the city's languages, groups, keywords, "
                "the department each is routed to, target times and their questions."
            ),
        ),
        Link(
            _("Departments"),
            reverse("cps_setup_departments", args=[slug]),
            description=_("Who works the reports, and the e-mail address each is told at."),
        ),
        Link(
            _("Workflow"),
            reverse("cps_setup_workflow", args=[slug]),
            description=_(
                "The statuses a report goes through, the moves between them, which one a new "
                "report starts in and which count as closed."
            ),
        ),
        Link(
            _("Response templates"),
            reverse("cps_setup_templates", args=[slug]),
            description=_(
                "Ready answers to citizens, per status and service, offered to staff when "
                "they change a report's status."
            ),
        ),
        Link(
            _("Staff"),
            reverse("cps_setup_staff", args=[slug]),
            description=_(
                "Who works the reports: department staff, city-wide supervisors and "
                "administrators; invite, change a role or department, remove."
            ),
        ),
        Link(
            _("Citizens closing the loop"),
            reverse("cps_setup_citizens", args=[slug]),
            description=_(
                "For how long after a report is closed its reporter may say it is not fixed "
                "or rate the response."
            ),
        ),
        Link(
            _("Sharing figures with the network"),
            reverse("cps_sharing", args=[slug]),
            description=_(
                "Whether the city's performance is shown beside other cities' on its "
                "networks' pages: figures only, never a report or a person."
            ),
        ),
    ]


@admin_only
def index(request: HttpRequest, jurisdiction: Jurisdiction) -> HttpResponse:
    return render(
        request,
        "participation/setup/index.html",
        _context(jurisdiction, links=setup_links(jurisdiction)),
    )


# --- Services --------------------------------------------------------------------------------


@admin_only
def service_list(request: HttpRequest, jurisdiction: Jurisdiction) -> HttpResponse:
    return render(
        request,
        "participation/setup/services.html",
        _context(jurisdiction, services=setup.services_of(jurisdiction)),
    )


@admin_only
def service_new(request: HttpRequest, jurisdiction: Jurisdiction) -> HttpResponse:
    form = forms_setup.ServiceForm(jurisdiction, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            service = setup.create_service(request.user, jurisdiction, form.fields_for_service())
        except PermissionDenied:
            raise
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _("%(name)s is offered. Add its questions below, if it asks any.")
                % {"name": service.name},
            )
            return redirect("cps_setup_service", jurisdiction.slug, service.code)
    return render(
        request,
        "participation/setup/service_form.html",
        _context(jurisdiction, form=form, service=None),
        status=400 if form.errors else 200,
    )


def _service_page(
    request: HttpRequest,
    jurisdiction: Jurisdiction,
    service: Service,
    *,
    form: forms_setup.ServiceForm | None = None,
    new_question: forms_setup.AttributeForm | None = None,
    editing: tuple[int, forms_setup.AttributeForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    questions = list(service.attributes.order_by("order", "pk"))
    context = _context(
        jurisdiction,
        service=service,
        form=form or forms_setup.ServiceForm(jurisdiction, service=service),
        questions=[
            (
                q,
                editing[1]
                if editing and editing[0] == q.pk
                else forms_setup.AttributeForm(attribute=q, prefix=f"q{q.pk}"),
            )
            for q in questions
        ],
        new_question=new_question or forms_setup.AttributeForm(prefix="new"),
    )
    if request.headers.get("HX-Request") == "true" and request.method == "POST":
        # htmx swaps only a 2xx answer in: a refused question comes back as 200 with its
        # errors in the form (`role=alert`), as the page without JavaScript shows them.
        return render(request, "participation/setup/_questions.html", {**context, "htmx": True})
    return render(request, "participation/setup/service_form.html", context, status=status)


@admin_only
def service_edit(request: HttpRequest, jurisdiction: Jurisdiction, code: str) -> HttpResponse:
    service = setup.service_of(jurisdiction, code)
    if request.method != "POST":
        return _service_page(request, jurisdiction, service)
    form = forms_setup.ServiceForm(jurisdiction, request.POST, service=service)
    if form.is_valid():
        try:
            service = setup.update_service(request.user, service, **form.changes())
        except PermissionDenied:
            raise
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("%(name)s is saved.") % {"name": service.name})
            return redirect("cps_setup_service", jurisdiction.slug, service.code)
    return _service_page(request, jurisdiction, service, form=form, status=400)


def _after_question(
    request: HttpRequest, jurisdiction: Jurisdiction, service: Service
) -> HttpResponse:
    if request.headers.get("HX-Request") == "true":
        return _service_page(request, jurisdiction, setup.service_of(jurisdiction, service.code))
    return redirect(
        reverse("cps_setup_service", args=[jurisdiction.slug, service.code]) + "#questions"
    )


@require_POST
@admin_only
def question_add(request: HttpRequest, jurisdiction: Jurisdiction, code: str) -> HttpResponse:
    service = setup.service_of(jurisdiction, code)
    form = forms_setup.AttributeForm(request.POST, prefix="new")
    if form.is_valid():
        try:
            setup.add_attribute(request.user, service, form.attribute_fields())
        except PermissionDenied:
            raise
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The question is added."))
            return _after_question(request, jurisdiction, service)
    return _service_page(request, jurisdiction, service, new_question=form, status=400)


@require_POST
@admin_only
def question_edit(
    request: HttpRequest, jurisdiction: Jurisdiction, code: str, pk: int
) -> HttpResponse:
    service = setup.service_of(jurisdiction, code)
    attribute = setup.attribute_of(service, pk)
    action = request.POST.get("action", "save")
    try:
        if action == "remove":
            setup.remove_attribute(request.user, attribute)
            messages.success(
                request,
                _("The question is removed; reports that answered it keep their answers."),
            )
            return _after_question(request, jurisdiction, service)
        if action in ("up", "down"):
            setup.move_attribute(request.user, attribute, -1 if action == "up" else 1)
            return _after_question(request, jurisdiction, service)
    except PermissionDenied:
        raise
    except DomainError as exc:
        messages.error(request, exc.message)
        return _after_question(request, jurisdiction, service)
    form = forms_setup.AttributeForm(request.POST, prefix=f"q{attribute.pk}")
    if form.is_valid():
        try:
            setup.update_attribute(request.user, attribute, form.attribute_fields())
        except PermissionDenied:
            raise
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The question is saved."))
            return _after_question(request, jurisdiction, service)
    return _service_page(request, jurisdiction, service, editing=(attribute.pk, form), status=400)


# --- Departments -----------------------------------------------------------------------------


@admin_only
def department_list(request: HttpRequest, jurisdiction: Jurisdiction) -> HttpResponse:
    form = forms_setup.DepartmentForm(jurisdiction, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            department = setup.create_department(
                request.user, jurisdiction, form.names(), form.cleaned_data["email"]
            )
        except PermissionDenied:
            raise
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("%(name)s is added.") % {"name": department.name})
            return redirect("cps_setup_departments", jurisdiction.slug)
    return render(
        request,
        "participation/setup/departments.html",
        _context(jurisdiction, departments=setup.departments_of(jurisdiction), form=form),
        status=400 if form.errors else 200,
    )


@admin_only
def department_edit(request: HttpRequest, jurisdiction: Jurisdiction, pk: int) -> HttpResponse:
    department = setup.department_of(jurisdiction, pk)
    form = forms_setup.DepartmentForm(jurisdiction, request.POST or None, department=department)
    if request.method == "POST" and form.is_valid():
        try:
            department = setup.update_department(
                request.user, department, names=form.names(), email=form.cleaned_data["email"]
            )
        except PermissionDenied:
            raise
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("%(name)s is saved.") % {"name": department.name})
            return redirect("cps_setup_departments", jurisdiction.slug)
    return render(
        request,
        "participation/setup/department_form.html",
        _context(jurisdiction, department=department, form=form),
        status=400 if form.errors else 200,
    )
