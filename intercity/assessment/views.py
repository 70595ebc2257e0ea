"""Assessment pages: the instruments, sectoral modules and master plan guideline (public); a
city's assessments step by step with autosave, evidence, submission, the result with its
radar chart, PDF and peer benchmark (the city's officers and the Secretariat); the
Secretariat's review queue, network picture and CSV."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intercity.accounts import permissions
from intercity.accounts.permissions import secretariat_only
from intercity.assessment import charts, forms, report_pdf, results, rules, services
from intercity.assessment.models import (
    Assessment,
    EvidenceItem,
    Instrument,
    MasterPlanPhase,
    ReviewComment,
    SectoralModule,
)
from intercity.core.errors import DomainError, PermissionDenied
from intercity.network import services as registry
from intercity.network.models import Network, Organisation

View = Callable[..., HttpResponse]


def _assessment(request: HttpRequest, pk: int) -> Assessment:
    return services.get_assessment(request.user, pk)


# --- Public: instruments, modules, master plan ------------------------------------------------


def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    instruments = []
    for instrument in Instrument.objects.all():
        try:
            version = services.current_version(instrument, today)
        except DomainError:
            continue
        instruments.append((instrument, version))
    user = request.user
    cities = Organisation.objects.filter(pk__in=permissions.officer_organisation_ids(user))
    mine = (
        services.assessments_visible_to(user).filter(organisation__in=cities)
        if user.is_authenticated
        else Assessment.objects.none()
    )
    is_staff = permissions.is_secretariat(user)
    return render(
        request,
        "assessment/home.html",
        {
            "instruments": instruments,
            "cities": cities,
            "mine": mine,
            "is_staff": is_staff,
            "to_review": Assessment.objects.filter(status=Assessment.Status.SUBMITTED).count()
            if is_staff
            else 0,
            "networks": Network.objects.all(),
            "start_form": forms.StartForm(
                [(i.slug, i.name) for i, _ in instruments], initial={"year": today.year}
            ),
        },
    )


def instrument_detail(request: HttpRequest, slug: str) -> HttpResponse:
    instrument = get_object_or_404(Instrument, slug=slug)
    version = services.current_version(instrument, timezone.localdate())
    return render(
        request,
        "assessment/instrument.html",
        {
            "instrument": instrument,
            "version": version,
            "sections": version.sections.prefetch_related("questions"),
            "levels": version.levels,
        },
    )


def module_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "assessment/modules.html",
        {"modules": SectoralModule.objects.select_related("group")},
    )


def module_detail(request: HttpRequest, slug: str) -> HttpResponse:
    module = get_object_or_404(SectoralModule.objects.select_related("group"), slug=slug)
    return render(request, "assessment/module.html", {"module": module, "g": module.guideline})


def master_plan(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "assessment/master_plan.html",
        {"phases": MasterPlanPhase.objects.prefetch_related("steps")},
    )


# --- A city's assessments ------------------------------------------------------------------------


@login_required
@require_POST
def start(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    instruments = [(i.slug, i.name) for i in Instrument.objects.all()]
    form = forms.StartForm(instruments, request.POST)
    network_slug = request.POST.get("network", "wego")
    if not form.is_valid():
        messages.error(request, _("Choose an instrument and a year."))
        return redirect("assessment_city", organisation_id=organisation.pk)
    try:
        network = registry.get_network(network_slug)
        assessment = services.start_assessment(
            request.user,
            organisation,
            network,
            form.cleaned_data["instrument"],
            form.cleaned_data["year"],
        )
    except PermissionDenied:
        raise  # the edge (core.edge) answers 403 with the message
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("assessment_city", organisation_id=organisation.pk)
    return redirect("assessment_edit", pk=assessment.pk)


@login_required
def city(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    if not permissions.can_edit_organisation(request.user, organisation.pk):
        raise HttpForbidden(
            _("Only the officers of %(city)s and the Secretariat see this page.")
            % {"city": organisation}
        )
    today = timezone.localdate()
    instruments = list(Instrument.objects.all())
    memberships = [
        m
        for m in registry.organisation_memberships(organisation)
        if registry.current_period(m.network, organisation)
    ]
    return render(
        request,
        "assessment/city.html",
        {
            "organisation": organisation,
            "drafts": Assessment.objects.filter(
                organisation=organisation,
                status__in=[Assessment.Status.DRAFT, Assessment.Status.RETURNED],
            ).select_related("instrument"),
            "histories": [(i, results.history(organisation.pk, i.slug)) for i in instruments],
            "start_form": forms.StartForm(
                [(i.slug, i.name) for i in instruments], initial={"year": today.year}
            ),
            "networks": [m.network for m in memberships],
        },
    )


def _steps(assessment: Assessment, instrument: rules.Instrument) -> list[tuple[str, str]]:
    steps = [(s.slug, s.name) for s in instrument.sections]
    if services.expectations_of(assessment.version) is not None:
        steps.append((forms.SYSTEMS_STEP, _("Sectoral systems in operation")))
    if assessment.instrument.sets_targets:
        steps.append((forms.TARGETS_STEP, _("Targets for two to five years")))
    steps.append(("submit", _("Check and submit")))
    return steps


def _progress(instrument: rules.Instrument, answers: dict[str, Any]) -> dict[str, tuple[int, int]]:
    return {
        s.slug: (sum(1 for q in s.questions if q.code in answers), len(s.questions))
        for s in instrument.sections
    }


@login_required
def edit(request: HttpRequest, pk: int, step: str = "") -> HttpResponse:
    assessment = _assessment(request, pk)
    if not assessment.editable:
        return redirect("assessment_result", pk=assessment.pk)
    instrument = services.instrument_rules(assessment.version)
    steps = _steps(assessment, instrument)
    names = [slug for slug, _ in steps]
    step = step or names[0]
    if step not in names:
        raise Http404(f"No step '{step[:40]}' in this assessment.")
    if step == "submit":
        return _submit_page(request, assessment, instrument, steps)
    context: dict[str, Any] = {}
    if request.method == "POST":
        try:
            _save_step(request, assessment, instrument, step)
        except services.AnswerProblems as refused:
            if refused.saved:
                assessment.refresh_from_db()
            context = _refused_context(request, assessment, instrument, step, refused)
        else:
            messages.success(request, "Saved.")
            following = names[names.index(step) + 1] if request.POST.get("go") == "next" else step
            return redirect("assessment_step", pk=assessment.pk, step=following)
    if not context:
        context = _step_context(assessment, instrument, step, assessment.answers, {})
    return render(
        request,
        "assessment/edit.html",
        {
            **context,
            "assessment": assessment,
            "steps": steps,
            "step": step,
            "step_name": dict(steps)[step],
            "next_step": names[names.index(step) + 1],
            "progress": _progress(instrument, assessment.answers),
            "latest_review": assessment.reviews.last(),
            "comments": _comments_by_question(request, assessment),
        },
        status=422 if context.get("refused") else 200,
    )


def _save_step(
    request: HttpRequest, assessment: Assessment, instrument: rules.Instrument, step: str
) -> None:
    data = request.POST
    if step == forms.SYSTEMS_STEP:
        systems = {
            m.slug: data.get(f"sys-{m.slug}", "") for m in SectoralModule.objects.only("slug")
        }
        services.save_answers(request.user, assessment, systems=systems)
    elif step == forms.TARGETS_STEP:
        targets = {s.slug: data.get(f"target-{s.slug}", "") for s in instrument.sections}
        services.save_answers(
            request.user,
            assessment,
            targets=targets,
            target_year=data.get("target_year", ""),
        )
    else:
        section = next(s for s in instrument.sections if s.slug == step)
        services.save_answers(
            request.user, assessment, answers=forms.answers_from(section, data), keep_valid=True
        )


def _step_context(
    assessment: Assessment,
    instrument: rules.Instrument,
    step: str,
    values: dict[str, Any],
    errors: dict[str, str],
) -> dict[str, Any]:
    if step == forms.SYSTEMS_STEP:
        expectations = services.expectations_of(assessment.version)
        statuses = expectations.statuses if expectations else ()
        return {
            "systems": [
                (
                    m,
                    values.get(m.slug, assessment.systems.get(m.slug, statuses[0])),
                    errors.get(m.slug, ""),
                )
                for m in SectoralModule.objects.all()
            ],
            "statuses": [(s, rules.SYSTEM_STATUS_LABELS.get(s, s)) for s in statuses],
        }
    if step == forms.TARGETS_STEP:
        current = results.outcome(assessment)
        return {
            "targets": [
                (
                    line,
                    values.get(line.slug, assessment.targets.get(line.slug, "")),
                    errors.get(f"targets.{line.slug}", ""),
                )
                for line in current.sections
            ],
            "target_year": values.get("target_year", assessment.target_year or ""),
            "target_year_error": errors.get("target_year", ""),
            "levels": assessment.version.levels,
            "year_range": f"{assessment.year + 2} to {assessment.year + 5}",
        }
    section = next(s for s in instrument.sections if s.slug == step)
    stored = assessment.version.sections.get(slug=step)
    helps = dict(stored.questions.values_list("code", "help"))
    return {
        "section": section,
        "section_description": stored.description,
        "fields": forms.section_fields(section, helps, values, errors),
        "evidence": {e.question_code: e for e in assessment.evidence.all()},
    }


def _refused_context(
    request: HttpRequest,
    assessment: Assessment,
    instrument: rules.Instrument,
    step: str,
    refused: services.AnswerProblems,
) -> dict[str, Any]:
    """The step again with what was typed and each problem beside its field: nothing lost."""
    data = request.POST
    if step == forms.SYSTEMS_STEP:
        values: dict[str, Any] = {
            key[4:]: value for key, value in data.items() if key.startswith("sys-")
        }
        errors = {p.code.removeprefix("systems."): p.message for p in refused.problems}
    elif step == forms.TARGETS_STEP:
        values = {key[7:]: value for key, value in data.items() if key.startswith("target-")}
        values["target_year"] = data.get("target_year", "")
        errors = {p.code: p.message for p in refused.problems}
    else:
        section = next(s for s in instrument.sections if s.slug == step)
        values = {**assessment.answers, **forms.answers_from(section, data)}
        errors = {p.code: p.message for p in refused.problems}
    context = _step_context(assessment, instrument, step, values, errors)
    context["refused"] = refused.problems
    context["saved_others"] = refused.saved
    return context


@login_required
@require_POST
def autosave(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """htmx saves a step as it is filled in; the page keeps what was typed either way."""
    assessment = _assessment(request, pk)
    instrument = services.instrument_rules(assessment.version)
    problems: tuple[rules.Problem, ...] = ()
    saved = True
    try:
        if not assessment.editable:
            raise DomainError(_("This assessment can no longer be changed."))
        if step not in {slug for slug, _ in _steps(assessment, instrument)} - {"submit"}:
            raise Http404(f"No step '{step[:40]}'.")
        _save_step(request, assessment, instrument, step)
    except services.AnswerProblems as refused:
        problems = tuple(refused.problems)
        saved = refused.saved
    except DomainError as exc:
        return render(request, "assessment/_autosave.html", {"failed": exc.message}, status=409)
    if saved:
        assessment.refresh_from_db()
    return render(
        request,
        "assessment/_autosave.html",
        {
            "problems": problems,
            "refused_json": [{"code": p.code, "message": p.message} for p in problems],
            "saved": saved,
            "answered": len(assessment.answers),
            "total": len(list(instrument.questions())),
            "at": timezone.now(),
            "assessment": assessment,
        },
    )


def _submit_page(
    request: HttpRequest,
    assessment: Assessment,
    instrument: rules.Instrument,
    steps: list[tuple[str, str]],
) -> HttpResponse:
    _clean, problems = services.submission_problems(assessment)
    by_code = {q.code: s.slug for s in instrument.sections for q in s.questions}
    step_of = {
        p.code: by_code.get(p.code)
        or (forms.TARGETS_STEP if p.code.startswith("target") else forms.SYSTEMS_STEP)
        for p in problems
    }
    return render(
        request,
        "assessment/submit.html",
        {
            "assessment": assessment,
            "steps": steps,
            "step": "submit",
            "problems": problems,
            "step_of": step_of,
            "progress": _progress(instrument, assessment.answers),
            "sections": instrument.sections,
            "latest_review": assessment.reviews.last(),
        },
    )


@login_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    try:
        services.submit(request.user, assessment)
    except services.AnswerProblems:
        messages.error(request, _("Not submitted yet: see what is missing below."))
        return redirect("assessment_step", pk=assessment.pk, step="submit")
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("assessment_result", pk=assessment.pk)
    messages.success(
        request,
        _(
            "Submitted. The %(network)s Secretariat will review it; the result below is as "
            "scored now."
        )
        % {"network": assessment.network.short_name},
    )
    return redirect("assessment_result", pk=assessment.pk)


# --- Evidence ---------------------------------------------------------------------------------


@login_required
def evidence(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    instrument = services.instrument_rules(assessment.version)
    questions = [
        (
            q.code,
            f"{q.code}: {q.text[:90]}{'…' if len(q.text) > 90 else ''}"
            + (_(" (required)") if q.evidence == rules.Evidence.REQUIRED else ""),
        )
        for _section, q in instrument.questions()
        if q.evidence != rules.Evidence.NONE
    ]
    form = forms.EvidenceForm(
        questions,
        request.POST or None,
        request.FILES or None,
        initial={"question": request.GET.get("question", "")},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.attach_evidence(
                    request.user,
                    assessment,
                    form.cleaned_data["question"],
                    upload=form.cleaned_data.get("file"),
                    link=form.cleaned_data.get("link") or "",
                )
            except PermissionDenied:
                raise  # the edge (core.edge) answers 403 with the message
            except DomainError as exc:
                form.add_error(None, exc.message)
                status = exc.status_code if exc.status_code in (409, 413, 415) else 400
            else:
                messages.success(request, _("Evidence attached."))
                return redirect("assessment_evidence", pk=assessment.pk)
        else:
            status = 400
    return render(
        request,
        "assessment/evidence.html",
        {
            "assessment": assessment,
            "form": form,
            "items": assessment.evidence.all(),
            "questions": questions,
            "limit": settings.ASSESSMENT_EVIDENCE_MAX_BYTES,
        },
        status=status,
    )


@login_required
@require_POST
def evidence_delete(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    item = get_object_or_404(EvidenceItem, pk=item_id, assessment=assessment)
    try:
        services.remove_evidence(request.user, item)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Evidence removed."))
    return redirect("assessment_evidence", pk=assessment.pk)


@login_required
def evidence_file(request: HttpRequest, pk: int, item_id: int) -> FileResponse:
    assessment = _assessment(request, pk)
    item = get_object_or_404(EvidenceItem, pk=item_id, assessment=assessment)
    if not item.file:
        raise Http404("This evidence is a link.")
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404("The evidence file is missing.") from None
    response = FileResponse(handle, content_type=item.content_type)
    response["Content-Disposition"] = f'attachment; filename="{item.file.name.rsplit("/", 1)[-1]}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- The answers, read-only, with the reviewer's comments ----------------------------------------


def _comments_by_question(request: HttpRequest, assessment: Assessment) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = {}
    for comment in services.comments_visible_to(request.user, assessment):
        found.setdefault(comment.question_code, []).append(comment)
    return found


@login_required
def answers(request: HttpRequest, pk: int) -> HttpResponse:
    """Every answer with its evidence, by section: for the Secretariat reviewing it (with a
    comment box per question while it is under review) and for the city once submitted."""
    assessment = _assessment(request, pk)
    is_staff = permissions.is_secretariat(request.user)
    comments = services.comments_visible_to(request.user, assessment)
    return render(
        request,
        "assessment/answers.html",
        {
            "assessment": assessment,
            "sheet": results.answer_sheet(assessment, comments),
            "is_staff": is_staff,
            "may_comment": is_staff and assessment.status == Assessment.Status.SUBMITTED,
            "comment_form": forms.CommentForm(),
        },
    )


@secretariat_only
@require_POST
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    form = forms.CommentForm(request.POST)
    code = request.POST.get("question", "")[:20]
    if not form.is_valid():
        messages.error(
            request, _("%(code)s: write a comment of at most 5,000 characters.") % {"code": code}
        )
        return redirect(f"{reverse('assessment_answers', args=[assessment.pk])}#answer-{code}")
    try:
        services.comment_on_answer(request.user, assessment, code, form.cleaned_data["text"])
    except PermissionDenied:
        raise
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Comment on %(code)s saved; %(city)s reads it once the review is recorded.")
            % {"code": code, "city": assessment.organisation},
        )
    return redirect(f"{reverse('assessment_answers', args=[assessment.pk])}#answer-{code}")


@secretariat_only
@require_POST
def comment_delete(request: HttpRequest, pk: int, comment_id: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    found = get_object_or_404(ReviewComment, pk=comment_id, assessment=assessment)
    try:
        services.remove_comment(request.user, found)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Comment removed."))
    return redirect(
        f"{reverse('assessment_answers', args=[assessment.pk])}#answer-{found.question_code}"
    )


# --- Results -------------------------------------------------------------------------------------


def _radar(
    outcome: results.Outcome,
    benchmark: results.Benchmark | None = None,
    last_year: results.YearScores | None = None,
) -> str:
    """The chart twice, one shown by the stylesheet: 600 units wide with 19-unit text for a
    desktop column (16 px or more on screen), 360 wide with 14-unit text for a phone (a
    600-wide chart squeezed to 340 px would print its labels at 11 px)."""
    axes = [s.name for s in outcome.sections]
    series = results.radar_series(outcome, benchmark, last_year)
    title = _("%(name)s: scores by section, 0 to 100") % {
        "name": outcome.assessment.instrument.name
    }
    wide = charts.radar_svg(
        axes, series, title=title, size=600, font_size=19, chart_id="radar-wide"
    )
    narrow = charts.radar_svg(
        axes, series, title=title, size=360, font_size=14, chart_id="radar-narrow"
    )
    return f'<div class="radar-wide">{wide}</div><div class="radar-narrow">{narrow}</div>'


@login_required
def result(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    outcome = results.outcome(assessment)
    comparison = results.comparison(assessment)
    return render(
        request,
        "assessment/result.html",
        {
            "assessment": assessment,
            "outcome": outcome,
            "radar": _radar(outcome, comparison.benchmark, comparison.last_year),
            "comparison": comparison,
            "history": results.history(assessment.organisation_id, assessment.instrument.slug),
            "reviews": assessment.reviews.all(),
            "is_staff": permissions.is_secretariat(request.user),
            "review_form": forms.ReviewForm(),
            "pending_comments": assessment.review_comments.filter(review__isnull=True).count(),
        },
    )


@login_required
def report(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    outcome = results.outcome(assessment)
    pdf = report_pdf.render(
        outcome, results.history(assessment.organisation_id, assessment.instrument.slug)
    )
    name = f"{assessment.organisation.key}-{assessment.instrument.slug}-{assessment.year}.pdf"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def benchmark(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    # Only cities that share their results can be chosen (rules.release_peers).
    peers = results.latest_accepted(assessment.version).filter(share_with_peers=True)
    peers = peers.exclude(organisation=assessment.organisation)
    choices = sorted(
        {
            (
                p.organisation_id,
                _("%(city)s (demonstration data)") % {"city": p.organisation.name}
                if p.demo
                else p.organisation.name,
            )
            for p in peers
        },
        key=lambda c: c[1],
    )
    form = forms.BenchmarkForm(choices, request.GET or None)
    found = None
    problem = ""
    if form.is_valid():
        try:
            found = results.benchmark(
                assessment,
                form.cleaned_data["by"],
                [int(c) for c in form.cleaned_data["cities"]],
            )
        except DomainError as exc:
            problem = exc.message
    elif not request.GET:
        try:
            found = results.benchmark(assessment, "region")
        except DomainError:
            found = results.benchmark(assessment, "all")
    outcome = results.outcome(assessment)
    return render(
        request,
        "assessment/benchmark.html",
        {
            "assessment": assessment,
            "form": form,
            "found": found,
            "problem": problem,
            "radar": _radar(outcome, found) if found else "",
        },
        status=400 if problem or (request.GET and not form.is_valid()) else 200,
    )


@login_required
@require_POST
def sharing(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    share = request.POST.get("share") == "yes"
    services.set_sharing(request.user, assessment, share)
    messages.success(
        request,
        _("Peers will see your results by name in their benchmarks.")
        if share
        else _("Your results are now counted in peer figures only, never by name."),
    )
    return redirect("assessment_result", pk=assessment.pk)


# --- Secretariat ---------------------------------------------------------------------------------


@secretariat_only
def review_queue(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "assessment/review_queue.html",
        {
            "waiting": Assessment.objects.filter(status=Assessment.Status.SUBMITTED)
            .select_related("organisation", "instrument", "network")
            .order_by("submitted_at"),
            "recent": Assessment.objects.filter(
                status__in=[Assessment.Status.ACCEPTED, Assessment.Status.RETURNED]
            )
            .select_related("organisation", "instrument")
            .order_by("-decided_at")[:20],
        },
    )


@secretariat_only
@require_POST
def review(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    form = forms.ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to accept or return the assessment."))
        return redirect("assessment_result", pk=assessment.pk)
    try:
        services.review(
            request.user, assessment, form.cleaned_data["verdict"], form.cleaned_data["comment"]
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("The assessment of %(city)s is %(status)s.")
            % {"city": assessment.organisation, "status": assessment.get_status_display().lower()},
        )
    return redirect("assessment_result", pk=assessment.pk)


def _version_for(request: HttpRequest) -> Any:
    slug = request.GET.get("instrument", "ceds")
    return services.current_version(services.get_instrument(slug), timezone.localdate())


@secretariat_only
def network_overview(request: HttpRequest, slug: str) -> HttpResponse:
    network = get_object_or_404(Network, slug=slug)
    version = _version_for(request)
    picture = results.overview(network, version)
    top = max((count for _, _, count in picture.level_counts), default=0) or 1
    return render(
        request,
        "assessment/network.html",
        {
            "network": network,
            "picture": picture,
            "bars": [
                (f"{number}. {name}", count, round(count * 100 / top))
                for number, name, count in picture.level_counts
            ],
            "instruments": Instrument.objects.all(),
            "version": version,
        },
    )


@secretariat_only
def network_csv(request: HttpRequest, slug: str) -> HttpResponse:
    network = get_object_or_404(Network, slug=slug)
    version = _version_for(request)
    response = HttpResponse(
        results.csv_export(network, version), content_type="text/csv; charset=utf-8"
    )
    name = f"{network.slug}-{version.instrument.slug}-v{version.number}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
