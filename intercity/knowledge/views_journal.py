"""The Best Practices Journal's pages: the list of issues, an issue, its PDF and the Atom feed
of published issues for everyone; the editing pages for the Secretariat. Thin: each view
parses the request, calls one service (`services.journal`) and renders."""

from __future__ import annotations

import re
from functools import partial
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intercity.accounts import permissions
from intercity.accounts.permissions import secretariat_only
from intercity.core.edge import attempt, onto_form
from intercity.core.links import absolute, absolute_url
from intercity.core.pdf import paragraphs
from intercity.knowledge import journal_pdf
from intercity.knowledge.forms_journal import EntryForm, IssueTextForm, NewIssueForm, NoteForm
from intercity.knowledge.models import JournalIssue
from intercity.knowledge.services import journal

FEED_SIZE = 50
FEED_CONTENT_TYPE = "application/atom+xml; charset=utf-8"
# The characters XML 1.0 forbids: a feed never carries them.
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml(text: str) -> str:
    return NOT_IN_XML.sub("", text)


# --- Reading ---------------------------------------------------------------------------------


def journal_list(request: HttpRequest) -> HttpResponse:
    staff = permissions.is_secretariat(request.user)
    issues = list(journal.issues_visible_to(request.user))
    return render(
        request,
        "knowledge/journal.html",
        {
            "published": [i for i in issues if i.state == JournalIssue.State.PUBLISHED],
            "drafts": [i for i in issues if i.state == JournalIssue.State.DRAFT],
            "staff": staff,
        },
    )


def issue_page(request: HttpRequest, pk: int) -> HttpResponse:
    issue = journal.get_issue(request.user, pk)
    return render(
        request,
        "knowledge/journal_issue.html",
        {
            "issue": issue,
            "entries": journal.entries(issue),
            "editorial": paragraphs(issue.editorial),
            "staff": permissions.is_secretariat(request.user),
        },
    )


def issue_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    issue = journal.get_issue(request.user, pk)
    document = journal_pdf.render(issue, journal.entries(issue))
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{journal_pdf.filename(issue)}"'
    return response


def feed(request: HttpRequest) -> HttpResponse:
    """/knowledge/journal/feed.atom: the published issues, newest first."""
    issues = list(journal.issues_visible_to(None)[:FEED_SIZE])
    feed_url = absolute(request.path)
    atom = Atom1Feed(
        title=_("Best Practices Journal"),
        link=absolute_url("knowledge_journal"),
        feed_url=feed_url,
        description=_("The issues of the Best Practices Journal of the networks' cities."),
        language=translation.get_language() or "",
        feed_guid=feed_url,
    )
    for issue in issues:
        url = absolute_url("knowledge_journal_issue", issue.pk)
        summary = Truncator(" ".join(issue.editorial.split())).chars(600)
        atom.add_item(
            title=_xml(
                _("%(network)s, issue %(number)s: %(title)s")
                % {
                    "network": issue.network.short_name,
                    "number": issue.number,
                    "title": issue.title,
                }
            ),
            link=url,
            unique_id=url,
            description=_xml(summary),
            pubdate=issue.published_at,
            updateddate=max(issue.updated_at, issue.published_at or issue.updated_at),
            categories=[_xml(issue.network.short_name)],
        )
    response = HttpResponse(content_type=FEED_CONTENT_TYPE)
    atom.write(response, "utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response


# --- Editing (the Secretariat) ---------------------------------------------------------------


@secretariat_only
def new_issue(request: HttpRequest) -> HttpResponse:
    form = NewIssueForm(request.POST or None)

    def page(*, status: int = 200) -> HttpResponse:
        return render(request, "knowledge/journal_new.html", {"form": form}, status=status)

    if request.method != "POST":
        return page()
    if not form.is_valid():
        return page(status=400)
    return attempt(
        request,
        lambda: journal.create_issue(
            request.user, form.cleaned_data["network"], form.cleaned_data["title"]
        ),
        done=lambda issue: (
            _("Issue %(number)s of %(network)s is created as a draft.")
            % {"number": issue.number, "network": issue.network.short_name}
        ),
        redirect_to=_edit_url,
        on_refusal=onto_form(form, page),
    )


def _edit_url(issue: JournalIssue) -> str:
    return reverse("knowledge_journal_edit", kwargs={"pk": issue.pk})


def _edit_page(
    request: HttpRequest,
    issue: JournalIssue,
    *,
    text_form: IssueTextForm | None = None,
    entry_form: EntryForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    text_form = text_form or IssueTextForm(
        initial={"title": issue.title_en or issue.title, "editorial": issue.editorial_en or ""}  # type: ignore[attr-defined]
    )
    entry_form = entry_form or EntryForm(issue)
    entries = journal.entries(issue)
    return render(
        request,
        "knowledge/journal_edit.html",
        {
            "issue": issue,
            "text_form": text_form,
            "entry_form": entry_form,
            "entries": entries,
            "draft": issue.state == JournalIssue.State.DRAFT,
            "has_candidates": bool(entry_form.fields["project"].widget.choices),
            "error": error,
        },
        status=status,
    )


@secretariat_only
def edit_issue(request: HttpRequest, pk: int) -> HttpResponse:
    issue = journal.get_draft(request.user, pk)
    if request.method != "POST":
        return _edit_page(request, issue)
    form = IssueTextForm(request.POST)
    if not form.is_valid():
        return _edit_page(request, issue, text_form=form, status=400)
    return attempt(
        request,
        lambda: journal.edit_issue(
            request.user,
            issue,
            title=form.cleaned_data["title"],
            editorial=form.cleaned_data["editorial"],
        ),
        done=_("The title and editorial are saved."),
        redirect_to=_edit_url(issue),
        on_refusal=onto_form(form, partial(_edit_page, request, issue, text_form=form)),
    )


@secretariat_only
@require_POST
def add_entry(request: HttpRequest, pk: int) -> HttpResponse:
    issue = journal.get_draft(request.user, pk)
    form = EntryForm(issue, request.POST)
    if not form.is_valid():
        return _edit_page(request, issue, entry_form=form, status=400)
    return attempt(
        request,
        lambda: journal.add_entry(
            request.user, issue, form.cleaned_data["project"], form.cleaned_data["note"]
        ),
        done=lambda entry: (
            _("%(project)s is added to the issue.") % {"project": entry.project.title}
        ),
        redirect_to=_edit_url(issue),
        on_refusal=onto_form(form, partial(_edit_page, request, issue, entry_form=form)),
    )


def _entry_action(request: HttpRequest, pk: int, action: Any, success: str) -> HttpResponse:
    issue = journal.get_draft(request.user, pk)
    return attempt(
        request,
        lambda: action(issue),
        done=success,
        redirect_to=_edit_url(issue),
        on_refusal=partial(_edit_page, request, issue),
    )


@secretariat_only
@require_POST
def edit_note(request: HttpRequest, pk: int, entry_id: int) -> HttpResponse:
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else request.POST.get("note", "")
    return _entry_action(
        request,
        pk,
        lambda issue: journal.edit_note(request.user, issue, entry_id, note),
        _("The editors' note is saved."),
    )


@secretariat_only
@require_POST
def remove_entry(request: HttpRequest, pk: int, entry_id: int) -> HttpResponse:
    return _entry_action(
        request,
        pk,
        lambda issue: journal.remove_entry(request.user, issue, entry_id),
        _("The project is taken out of the issue."),
    )


@secretariat_only
@require_POST
def move_entry(request: HttpRequest, pk: int, entry_id: int) -> HttpResponse:
    direction = request.POST.get("direction", "")
    return _entry_action(
        request,
        pk,
        lambda issue: journal.move_entry(request.user, issue, entry_id, direction),
        _("The order of the projects is saved."),
    )


@secretariat_only
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    issue = journal.get_draft(request.user, pk)
    return attempt(
        request,
        lambda: journal.publish_issue(request.user, issue),
        done=_("The issue is published."),
        redirect_to=reverse("knowledge_journal_issue", kwargs={"pk": issue.pk}),
        on_refusal=partial(_edit_page, request, issue),
    )
