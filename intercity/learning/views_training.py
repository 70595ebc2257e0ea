"""Training pages: programmes and sessions (public), applying (a city officer), endorsing (a
colleague of the same city or the Secretariat), selection and attendance (the Secretariat), the
classroom and survey (selected participants), certificates and their public verification.
Thin: parse, call the training service, render or redirect."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intercity.accounts import permissions
from intercity.accounts.permissions import secretariat_only
from intercity.core.errors import DomainError, NotFound
from intercity.learning import certificate_pdf
from intercity.learning import forms_training as forms
from intercity.learning import rules_training as rules
from intercity.learning.models_training import Application, TrainingSession
from intercity.learning.services import classroom as lessons
from intercity.learning.services import training as services


def _session(pk: int) -> TrainingSession:
    try:
        return services.get_session(pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _application(pk: int) -> Application:
    try:
        return services.get_application(pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def home(request: HttpRequest) -> HttpResponse:
    rows = []
    for programme in services.programmes():
        people, cities = services.programme_totals(programme)
        rows.append({"programme": programme, "people": people, "cities": cities})
    return render(
        request,
        "learning/home.html",
        {"rows": rows, "extra": _home_extras()},
    )


def _home_extras() -> list[tuple[str, str]]:
    return []


def programme(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        found = services.get_programme(slug)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    sessions = [{"session": s, "taken": services.participation(s)} for s in found.sessions.all()]
    people, cities = services.programme_totals(found)
    return render(
        request,
        "learning/programme.html",
        {
            "programme": found,
            "sessions": sessions,
            "people": people,
            "cities": cities,
            "cancelled": sum(services.is_cancelled(s) for s in found.sessions.all()),
            "reported_surveys": services.reported_surveys(found),
            "is_secretariat": permissions.is_secretariat(request.user),
        },
    )


def session(request: HttpRequest, pk: int) -> HttpResponse:
    found = _session(pk)
    call = services.call_of(found)
    today = timezone.localdate()
    mine = services.application_of(request.user, found)
    result = services.survey(found)
    return render(
        request,
        "learning/session.html",
        {
            "session": found,
            "call": call,
            "call_open": services.call_is_open(found, call, today),
            "may_reopen": services.call_reopenable(found, call, today),
            "taken": services.participation(found),
            "mine": mine,
            "may_apply": bool(services.applicant_cities(request.user)) and mine is None,
            "is_secretariat": permissions.is_secretariat(request.user),
            "classroom": lessons.may_enter_classroom(request.user, found),
            "survey": result,
            "survey_percent": rules.percent(result.satisfied) if result.respondents else None,
            "aspects": _aspects(result),
        },
    )


def _aspects(result: rules.SurveyResult) -> list[dict[str, Any]]:
    labels = {
        "lecture_contents": _("Lecture contents"),
        "lecturers": _("Lecturers"),
        "accommodation": _("Hotel accommodation and facilities"),
        "visits": _("Technical and cultural visits"),
    }
    if not result.respondents:
        return []
    return [
        {
            "label": labels[a],
            "percent": rules.percent(result.by_aspect[a]),
            "mean": f"{float(result.mean_by_aspect[a]):.2f}",
        }
        for a in rules.ASPECTS
    ]


@login_required
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    found = _session(pk)
    cities = services.applicant_cities(request.user)
    if not cities:
        raise HttpForbidden(_("Only an officer of a member city may apply."))
    form = forms.ApplyForm(
        request.POST or None,
        cities=cities,
        initial={"full_name": getattr(request.user, "get_full_name", str)()},
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            city = next(c for c in cities if c.pk == form.cleaned_data["organisation"])
            try:
                services.apply(
                    request.user,
                    found,
                    city,
                    full_name=form.cleaned_data["full_name"],
                    position_title=form.cleaned_data["position_title"],
                    motivation=form.cleaned_data["motivation"],
                    today=timezone.localdate(),
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
                status = exc.status_code
            else:
                messages.success(
                    request,
                    _("Your application is received. It now needs your city's endorsement."),
                )
                return redirect("learning_session", pk=found.pk)
    return render(request, "learning/apply.html", {"session": found, "form": form}, status=status)


@login_required
def endorsements(request: HttpRequest) -> HttpResponse:
    return render(
        request, "learning/endorsements.html", {"waiting": services.to_endorse(request.user)}
    )


@login_required
@require_POST
def endorse(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(pk)
    try:
        services.endorse(request.user, application)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The application is endorsed for the city."))
    back = request.POST.get("next", "")
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect("learning_endorsements")


@secretariat_only
def selection(request: HttpRequest, pk: int) -> HttpResponse:
    found = _session(pk)
    call = services.call_of(found)
    if request.method == "POST":
        try:
            services.select(request.user, found)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The participants are selected by the call's rule."))
        return redirect("learning_selection", pk=found.pk)
    return render(
        request,
        "learning/selection.html",
        {
            "session": found,
            "call": call,
            "rows": services.preview_selection(found),
            "selected_before": call is not None and call.selected_at is not None,
        },
    )


@secretariat_only
@require_POST
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(pk)
    try:
        services.record_attendance(request.user, application, request.POST.get("attended") == "yes")
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Attendance of %(name)s is recorded.") % {"name": application.full_name},
        )
    return redirect("learning_selection", pk=application.call.session_id)


@login_required
def classroom(request: HttpRequest, pk: int) -> HttpResponse:
    found = _session(pk)
    if not lessons.may_enter_classroom(request.user, found):
        raise HttpForbidden(_("The classroom is open to the session's selected participants."))
    mine = services.application_of(request.user, found)
    done = lessons.completed_lesson_ids(mine)
    is_secretariat = permissions.is_secretariat(request.user)
    eligibility = lessons.certificate_eligibility(mine) if mine else None
    retired = [
        {"lesson": lesson, "done": lesson.pk in done}
        for lesson in lessons.retired_lessons(found)
        if is_secretariat or lesson.pk in done
    ]
    return render(
        request,
        "learning/classroom.html",
        {
            "session": found,
            "lessons": [
                {"lesson": lesson, "done": lesson.pk in done}
                for lesson in lessons.current_lessons(found)
            ],
            "retired": retired,
            "progress": lessons.progress(found, mine),
            "is_secretariat": is_secretariat,
            "mine": mine,
            "eligibility": eligibility,
            "answered": mine is not None and hasattr(mine, "survey"),
        },
    )


@login_required
def lesson(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        found = lessons.get_lesson(pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    if not lessons.may_enter_classroom(request.user, found.session):
        raise HttpForbidden(_("The classroom is open to the session's selected participants."))
    if request.method == "POST":
        try:
            lessons.complete_lesson(request.user, found)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The lesson is marked as completed."))
        return redirect("learning_classroom", pk=found.session_id)
    mine = services.application_of(request.user, found.session)
    done = found.pk in lessons.completed_lesson_ids(mine)
    if found.retired_at is not None and not (done or permissions.is_secretariat(request.user)):
        raise Http404(_("This lesson is retired."))
    return render(
        request,
        "learning/lesson.html",
        {"lesson": found, "done": done, "mine": mine},
    )


@login_required
def survey(request: HttpRequest, pk: int) -> HttpResponse:
    found = _session(pk)
    form = forms.SurveyForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = dict(form.cleaned_data)
            comment = data.pop("comment", "")
            try:
                lessons.answer_survey(request.user, found, data, comment)
            except DomainError as exc:
                form.add_error(None, exc.message)
                status = exc.status_code
            else:
                messages.success(request, _("Thank you: your answers are recorded."))
                return redirect("learning_classroom", pk=found.pk)
    return render(request, "learning/survey.html", {"session": found, "form": form}, status=status)


def _verify_url(request: HttpRequest, code: str) -> str:
    return request.build_absolute_uri(reverse("learning_certificate_verify", args=[code]))


@login_required
def certificate(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(pk)
    try:
        issued = lessons.issue_certificate(request.user, application)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("learning_classroom", pk=application.call.session_id)
    response = HttpResponse(
        certificate_pdf.render(issued, _verify_url(request, issued.code)),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'attachment; filename="{certificate_pdf.filename(issued)}"'
    return response


def verify_form(request: HttpRequest) -> HttpResponse:
    form = forms.VerifyForm(request.GET or None)
    if form.is_valid():
        return redirect(
            "learning_certificate_verify",
            code=lessons.normalise_code(form.cleaned_data["code"]),
        )
    return render(request, "learning/verify_form.html", {"form": form})


def verify(request: HttpRequest, code: str) -> HttpResponse:
    found = lessons.find_certificate(code)
    revoke = forms.RevokeForm() if permissions.is_secretariat(request.user) else None
    return _verify_page(request, found, code, revoke)


def _verify_page(
    request: HttpRequest, found: Any, code: str, revoke: forms.RevokeForm | None
) -> HttpResponse:
    return render(
        request,
        "learning/verify.html",
        {"certificate": found, "code": code[:40], "revoke": revoke},
        status=200 if found else 404,
    )


@secretariat_only
@require_POST
def revoke(request: HttpRequest, code: str) -> HttpResponse:
    found = lessons.find_certificate(code)
    if found is None:
        raise Http404(_("No certificate has this verification code."))
    form = forms.RevokeForm(request.POST)
    if form.is_valid():
        try:
            lessons.revoke_certificate(request.user, found, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The certificate is revoked."))
            return redirect("learning_certificate_verify", code=found.code)
    return _verify_page(request, found, code, form)


# The Secretariat plans: a session of a programme, its call, the lessons of its classroom.


@secretariat_only
def new_session(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        found = services.get_programme(slug)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    form = forms.SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = services.add_session(request.user, found, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The session is planned; now open its call."))
            return redirect("learning_open_call", pk=made.pk)
    return render(request, "learning/new_session.html", {"programme": found, "form": form})


@secretariat_only
def open_call(request: HttpRequest, pk: int) -> HttpResponse:
    found = _session(pk)
    form = forms.CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.open_call(request.user, found, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The call for participants is open."))
            return redirect("learning_session", pk=found.pk)
    return render(request, "learning/open_call.html", {"session": found, "form": form})


@secretariat_only
def new_lesson(request: HttpRequest, pk: int) -> HttpResponse:
    found = _session(pk)
    form = forms.LessonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            lessons.add_lesson(request.user, found, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The lesson is added to the classroom."))
            return redirect("learning_classroom", pk=found.pk)
    return render(request, "learning/new_lesson.html", {"session": found, "form": form})


@secretariat_only
def edit_session(request: HttpRequest, pk: int) -> HttpResponse:
    found = _session(pk)
    form = forms.EditSessionForm(
        request.POST or None,
        initial={name: getattr(found, name) for name in services.SESSION_FIELDS},
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.edit_session(request.user, found, **form.cleaned_data)
            except DomainError as exc:
                form.add_error(services.error_field(exc), exc.message)
                status = exc.status_code
            else:
                messages.success(request, _("The session is updated."))
                return redirect("learning_session", pk=found.pk)
    return render(
        request, "learning/edit_session.html", {"session": found, "form": form}, status=status
    )


@secretariat_only
def cancel_session(request: HttpRequest, pk: int) -> HttpResponse:
    found = _session(pk)
    form = forms.CancelSessionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.cancel_session(request.user, found, reason=form.cleaned_data["reason"])
            except DomainError as exc:
                form.add_error(None, exc.message)
                status = exc.status_code
            else:
                messages.success(
                    request, _("The session is cancelled; its applicants are told by e-mail.")
                )
                return redirect("learning_session", pk=found.pk)
    return render(
        request,
        "learning/cancel_session.html",
        {"session": found, "form": form, "to_tell": services.applicants_to_tell(found)},
        status=status,
    )


@secretariat_only
@require_POST
def close_call(request: HttpRequest, pk: int) -> HttpResponse:
    found = _session(pk)
    reopen = request.POST.get("action") == "reopen"
    try:
        if reopen:
            services.reopen_call(request.user, found, today=timezone.localdate())
        else:
            services.close_call_early(request.user, found, today=timezone.localdate())
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("The call is open again until its closing day.")
            if reopen
            else _("The call is closed: nobody can apply any more."),
        )
    return redirect("learning_session", pk=found.pk)


def _lesson(pk: int) -> Any:
    try:
        return lessons.get_lesson(pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


@secretariat_only
def edit_lesson(request: HttpRequest, pk: int) -> HttpResponse:
    found = _lesson(pk)
    form = forms.LessonForm(
        request.POST or None,
        initial={name: getattr(found, name) for name in lessons.LESSON_FIELDS},
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                lessons.edit_lesson(request.user, found, **form.cleaned_data)
            except DomainError as exc:
                form.add_error(None, exc.message)
                status = exc.status_code
            else:
                messages.success(request, _("The lesson is updated."))
                return redirect("learning_classroom", pk=found.session_id)
    return render(
        request, "learning/edit_lesson.html", {"lesson": found, "form": form}, status=status
    )


@secretariat_only
@require_POST
def retire_lesson(request: HttpRequest, pk: int) -> HttpResponse:
    found = _lesson(pk)
    try:
        lessons.retire_lesson(request.user, found)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("%(lesson)s is retired: it no longer counts; completions recorded stay.")
            % {"lesson": found.title},
        )
    return redirect("learning_classroom", pk=found.session_id)


@secretariat_only
@require_POST
def move_lesson(request: HttpRequest, pk: int) -> HttpResponse:
    found = _lesson(pk)
    try:
        lessons.move_lesson(request.user, found, -1 if request.POST.get("to") == "up" else 1)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The order of the lessons is saved."))
    return redirect("learning_classroom", pk=found.session_id)
