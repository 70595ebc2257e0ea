"""The catalog's pages: a project, writing and editing it, its images and documents, a city's
projects and the Secretariat's review queue. Thin: each parses the request, calls a service
of `services.catalog` and renders; a refusal is shown as a form error or a message. Every
button is a plain form (no JavaScript needed)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intercity.accounts import permissions
from intercity.accounts.permissions import secretariat_only
from intercity.core import modules
from intercity.core.edge import attempt
from intercity.core.errors import DomainError, NotFound
from intercity.knowledge import forms_catalog as forms
from intercity.knowledge import rules
from intercity.knowledge.models import Project, ProjectFile
from intercity.knowledge.services import catalog

State = Project.State

MOVES = {
    rules.SUBMIT: catalog.submit,
    rules.PUBLISH: catalog.publish,
}
MOVES_WITH_NOTE = {
    rules.SEND_BACK: catalog.send_back,
    rules.UNPUBLISH: catalog.unpublish,
}


def _sections(project: Project) -> list[tuple[str, str]]:
    """The texts of the unified format that have text, with their headings."""
    headings = {
        "background": _("Background"),
        "main_features": _("Main features"),
        "technical_details": _("Technical details"),
        "challenges": _("Challenges"),
        "figures_and_impact": _("Figures and impact"),
        "budget_and_financing": _("Budget and financing"),
    }
    return [
        (heading, getattr(project, name))
        for name, heading in headings.items()
        if getattr(project, name).strip()
    ]


def project(request: HttpRequest, pk: int) -> HttpResponse:
    found = catalog.get_project(request.user, pk)
    may_edit = catalog.may_edit(request.user, found)
    is_staff = permissions.is_secretariat(request.user)
    files = list(found.files.all())
    return render(
        request,
        "knowledge/project.html",
        {
            "project": found,
            "sections": _sections(found),
            "themes": found.themes.all(),
            "sdgs": found.sdgs.all(),
            "partners": found.partners.select_related("organisation"),
            "links": found.links.all(),
            "images": [f for f in files if f.kind == ProjectFile.Kind.IMAGE],
            "documents": [f for f in files if f.kind == ProjectFile.Kind.DOCUMENT],
            "placements": catalog.placements_of(found),
            "awards": modules.is_installed("awards"),
            "may_edit": may_edit,
            "may_submit": may_edit and found.state == State.DRAFT,
            "may_publish": is_staff and found.state in (State.DRAFT, State.IN_REVIEW),
            "may_send_back": is_staff and found.state == State.IN_REVIEW,
            "may_unpublish": is_staff and found.state == State.PUBLISHED,
            "problems": catalog.submission_problems(found)
            if found.state != State.PUBLISHED
            else [],
            "note_form": forms.NoteForm(),
            "history": _history(request, found) if is_staff else [],
        },
    )


def _history(request: HttpRequest, project: Project) -> list[tuple[Any, str]]:
    """What happened to the project, oldest first, each step in words."""
    words = {
        "create_catalog_project": _("draft created"),
        "add_winner_to_catalog": _("draft created from an award"),
        "update_catalog_project": _("edited"),
        "submit_catalog_project": _("sent for review"),
        "publish_catalog_project": _("published"),
        "send_back_catalog_project": _("sent back"),
        "unpublish_catalog_project": _("taken off the catalog"),
        "add_catalog_file": _("file added"),
        "remove_catalog_file": _("file removed"),
    }
    return [
        (event, str(words.get(event.verb, event.verb)))
        for event in catalog.history(request.user, project)
    ]


@login_required
def project_new(request: HttpRequest) -> HttpResponse:
    choices = {a.key: a for a in catalog.authorships(request.user)}
    if not choices:
        raise Http404(_("You are not an officer of a member city of a network."))
    form = forms.NewProjectForm(
        [(key, a.label) for key, a in choices.items()], request.POST or None
    )
    if request.method == "POST" and form.is_valid():
        chosen = choices[form.cleaned_data["authorship"]]
        try:
            made = catalog.create_draft(
                request.user,
                chosen.network,
                chosen.organisation,
                title=form.cleaned_data["title"],
                language=form.cleaned_data["language"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Draft created: now describe the project."))
            return redirect("knowledge_project_edit", pk=made.pk)
    return render(
        request,
        "knowledge/project_new.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@login_required
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    found = catalog.get_editable_project(request.user, pk)
    status = 200
    if request.method == "POST":
        form = forms.ProjectForm(found, request.POST)
        if form.is_valid():
            try:
                catalog.update_project(request.user, found, **form.service_values())
            except DomainError as exc:
                if exc.status_code == 409:
                    # The person's text stays; the copy they now start from is the stored one.
                    data: QueryDict = request.POST.copy()
                    data["version"] = str(Project.objects.get(pk=found.pk).version)
                    form = forms.ProjectForm(found, data)
                    form.is_valid()
                form.add_error(None, exc.message)
                status = exc.status_code
            else:
                messages.success(request, _("Project saved."))
                if "to_files" in request.POST:
                    return redirect("knowledge_project_files", pk=found.pk)
                return redirect("knowledge_project", pk=found.pk)
        else:
            status = 400
    else:
        form = forms.ProjectForm(found, initial=forms.ProjectForm.initial_for(found))
    return render(
        request, "knowledge/project_edit.html", {"project": found, "form": form}, status=status
    )


@login_required
def project_files(request: HttpRequest, pk: int) -> HttpResponse:
    found = catalog.get_editable_project(request.user, pk)
    form = forms.FileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            catalog.add_file(
                request.user,
                found,
                form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
                caption=form.cleaned_data["caption"],
            )
        except DomainError as exc:
            form.add_error("file", exc.message)
        else:
            messages.success(request, _("File added."))
            return redirect("knowledge_project_files", pk=found.pk)
    return render(
        request,
        "knowledge/project_files.html",
        {
            "project": found,
            "files": found.files.all(),
            "form": form,
            "image_limit": catalog.MAX_IMAGE_BYTES,
            "document_limit": catalog.MAX_DOCUMENT_BYTES,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def project_file_remove(request: HttpRequest, pk: int, file_id: int) -> HttpResponse:
    catalog.get_editable_project(request.user, pk)
    item = catalog.get_file(request.user, pk, file_id)
    files = reverse("knowledge_project_files", kwargs={"pk": pk})
    # A file removed meanwhile is said on the files page, not answered with a 404.
    return attempt(
        request,
        lambda: catalog.remove_file(request.user, item),
        done=_("File removed."),
        redirect_to=files,
        on_refusal=files,
        propagate=(),
    )


def project_file(request: HttpRequest, pk: int, file_id: int) -> FileResponse:
    """A project's image or document, only where the project may be seen."""
    item = catalog.get_file(request.user, pk, file_id)
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("The file is missing.")) from None
    response = FileResponse(handle, content_type=item.content_type)
    disposition = "inline" if item.kind == ProjectFile.Kind.IMAGE else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{_ascii_name(item.name)}"'
    response["X-Content-Type-Options"] = "nosniff"
    if item.project.state != State.PUBLISHED:
        response["Cache-Control"] = "private, no-store"
    return response


def _ascii_name(name: str) -> str:
    cleaned = "".join(
        c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in name
    )
    return cleaned or "file"


@login_required
@require_POST
def project_move(request: HttpRequest, pk: int) -> HttpResponse:
    found = catalog.get_project(request.user, pk)
    action = request.POST.get("action", "")
    back = request.POST.get("next", "")

    def act() -> None:
        if action in MOVES:
            MOVES[action](request.user, found)
        elif action in MOVES_WITH_NOTE:
            MOVES_WITH_NOTE[action](request.user, found, request.POST.get("note", ""))
        else:
            raise DomainError(_("This is not a step of a project's publication."))

    done = {
        rules.SUBMIT: _("Sent to the Secretariat for review."),
        rules.PUBLISH: _("Published in the catalog."),
        rules.SEND_BACK: _("Sent back to the city with your note."),
        rules.UNPUBLISH: _("Taken off the catalog; the city sees your reason."),
    }
    # The person goes back to where they pressed the button, refused (any refusal, said
    # there) or not.
    to = (
        reverse("knowledge_review")
        if back == "review" and permissions.is_secretariat(request.user)
        else reverse("knowledge_project", kwargs={"pk": found.pk})
    )
    return attempt(
        request,
        act,
        done=lambda _moved: done[action],
        redirect_to=to,
        on_refusal=to,
        propagate=(),
    )


@login_required
def my_projects(request: HttpRequest) -> HttpResponse:
    """A city officer's projects, by state, and their city's award winners not yet in the
    catalog."""
    mine = list(catalog.city_projects(request.user))
    context: dict[str, Any] = {
        "drafts": [p for p in mine if p.state == State.DRAFT],
        "in_review": [p for p in mine if p.state == State.IN_REVIEW],
        "published": [p for p in mine if p.state == State.PUBLISHED],
        "winners": catalog.winners_to_add(request.user),
        "may_create": bool(catalog.authorships(request.user)),
        "is_staff": permissions.is_secretariat(request.user),
    }
    return render(request, "knowledge/catalog_mine.html", context)


@login_required
@require_POST
def add_winner(request: HttpRequest, placement_id: int) -> HttpResponse:
    # A placement that is not there is a 404; one the person may not add is said on their page.
    return attempt(
        request,
        lambda: catalog.add_winner(request.user, placement_id),
        done=_("Draft created from the award: now describe the project."),
        redirect_to=lambda made: reverse("knowledge_project_edit", kwargs={"pk": made.pk}),
        on_refusal=reverse("knowledge_my_projects"),
        propagate=(NotFound,),
    )


@secretariat_only
def review(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "knowledge/catalog_review.html",
        {
            "waiting": catalog.review_queue(request.user),
            "note_form": forms.NoteForm(),
            "search_url": reverse("knowledge_search"),
        },
    )
