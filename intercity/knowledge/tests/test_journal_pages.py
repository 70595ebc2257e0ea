"""The journal's pages: everyone reads published issues (newest first), the Secretariat also
sees drafts and edits; a draft is a 404 to anyone else and the editing pages refuse them; the
issue page has its cover, contents linking to each project and each project's parts; the
Atom feed lists published issues only."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from intercity.core.models import AuditEvent
from intercity.knowledge.models import JournalIssue, Project
from intercity.knowledge.tests import factories_journal as make

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def published(wego):
    item = make.project(title="Smart bus stops", summary="Bus stops that tell the time.")
    return make.issue(
        projects=(item,), title="Getting around", editorial="Why buses.", published=True
    )


def test_a_visitor_reads_published_issues_and_never_a_draft(published):
    draft = make.issue(title="Secret draft")

    page = Client().get("/knowledge/journal/")

    assert page.status_code == 200
    text = page.content.decode()
    assert "Getting around" in text
    assert "Secret draft" not in text
    assert "New issue" not in text
    assert (
        '<link rel="alternate" type="application/atom+xml" href="/knowledge/journal/feed.atom"'
        in text
    )
    assert Client().get(f"/knowledge/journal/{draft.pk}/").status_code == 404


def test_an_officer_gets_a_404_for_a_draft_and_403_on_the_editing_pages(seoul_officer, published):
    draft = make.issue(projects=(make.project(),))
    client = logged_in(seoul_officer)

    assert client.get(f"/knowledge/journal/{draft.pk}/").status_code == 404
    assert client.get("/knowledge/journal/new/").status_code == 403
    assert client.get(f"/knowledge/journal/{draft.pk}/edit/").status_code == 403
    assert client.post(f"/knowledge/journal/{draft.pk}/publish/").status_code == 403
    entry = draft.entries.get()
    assert (
        client.post(f"/knowledge/journal/{draft.pk}/entries/{entry.pk}/remove/").status_code == 403
    )
    draft.refresh_from_db()
    assert draft.state == JournalIssue.State.DRAFT
    assert draft.entries.count() == 1


def test_a_visitor_is_sent_to_log_in_from_the_editing_pages(published):
    response = Client().get("/knowledge/journal/new/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_secretariat_sees_drafts_and_the_new_issue_link(secretariat, published):
    make.issue(title="Work in hand")

    text = logged_in(secretariat).get("/knowledge/journal/").content.decode()

    assert "Work in hand" in text
    assert "New issue" in text
    assert "Getting around" in text


def test_the_issue_page_has_its_cover_contents_and_projects(published):
    entry = published.entries.select_related("project").get()

    text = Client().get(f"/knowledge/journal/{published.pk}/").content.decode()

    assert f"Issue {published.number}" in text
    assert "<h1>Getting around</h1>" in text
    assert f'<a href="#entry-{entry.pk}" lang="en">Smart bus stops</a> · Seoul' in text
    assert f'id="entry-{entry.pk}"' in text
    assert f'href="/knowledge/projects/{entry.project.pk}/"' in text
    assert "Bus stops that tell the time." in text
    assert "Note 1" in text
    assert "<p>Why buses.</p>" in text
    assert f'href="/knowledge/journal/{published.pk}/pdf/"' in text


def test_a_project_taken_off_the_catalog_is_shown_unlinked_with_a_notice(published):
    project = published.entries.get().project
    Project.objects.filter(pk=project.pk).update(state=Project.State.DRAFT)

    text = Client().get(f"/knowledge/journal/{published.pk}/").content.decode()

    assert "This project is no longer in the catalog." in text
    assert f'href="/knowledge/projects/{project.pk}/"' not in text
    assert "Bus stops that tell the time." not in text


def test_the_secretariat_makes_an_issue_through_the_pages(secretariat, wego):
    first, second = make.project(title="First"), make.project(city="madrid", title="Second")
    client = logged_in(secretariat)

    created = client.post("/knowledge/journal/new/", {"network": wego.pk, "title": "Open data"})
    issue = JournalIssue.objects.get(title="Open data")
    assert created["Location"] == f"/knowledge/journal/{issue.pk}/edit/"
    edit = f"/knowledge/journal/{issue.pk}/edit/"
    assert (
        client.post(
            f"/knowledge/journal/{issue.pk}/entries/", {"project": first.pk, "note": "One"}
        ).status_code
        == 302
    )
    assert (
        client.post(
            f"/knowledge/journal/{issue.pk}/entries/", {"project": second.pk, "note": "Two"}
        ).status_code
        == 302
    )
    second_entry = issue.entries.get(project=second)
    client.post(
        f"/knowledge/journal/{issue.pk}/entries/{second_entry.pk}/move/", {"direction": "up"}
    )
    client.post(
        f"/knowledge/journal/{issue.pk}/entries/{second_entry.pk}/note/", {"note": "Two, better"}
    )
    refused = client.post(f"/knowledge/journal/{issue.pk}/publish/")
    assert refused.status_code == 400
    assert "Write the editorial before publishing the issue." in refused.content.decode()
    assert (
        client.post(edit, {"title": "Open data", "editorial": "Why open data."}).status_code == 302
    )

    published = client.post(f"/knowledge/journal/{issue.pk}/publish/")

    assert published["Location"] == f"/knowledge/journal/{issue.pk}/"
    issue.refresh_from_db()
    assert issue.state == JournalIssue.State.PUBLISHED
    assert [e.project.title for e in issue.entries.order_by("position")] == ["Second", "First"]
    assert issue.entries.get(project=second).note == "Two, better"
    verbs = set(AuditEvent.objects.filter(object_id=str(issue.pk)).values_list("verb", flat=True))
    assert {
        "create_journal_issue",
        "add_journal_entry",
        "reorder_journal_issue",
        "edit_journal_note",
        "edit_journal_issue",
        "publish_journal_issue",
    } <= verbs


def test_the_add_form_says_why_a_project_is_refused(secretariat, wego):
    issue = make.issue()
    draft = make.project(title="Unfinished", state=Project.State.DRAFT)
    elsewhere = make.project(network="ascn", city="singapore", title="Far away")
    client = logged_in(secretariat)

    refused = client.post(f"/knowledge/journal/{issue.pk}/entries/", {"project": draft.pk})
    assert refused.status_code == 400
    assert "Unfinished is not published in the catalog" in refused.content.decode()
    refused = client.post(f"/knowledge/journal/{issue.pk}/entries/", {"project": elsewhere.pk})
    assert "Far away is a project of ASCN" in refused.content.decode()
    refused = client.post(f"/knowledge/journal/{issue.pk}/entries/", {"project": "nonsense"})
    assert refused.status_code == 400
    assert not issue.entries.exists()


def test_a_bad_new_issue_form_is_shown_again_with_its_errors(secretariat, wego):
    response = logged_in(secretariat).post(
        "/knowledge/journal/new/", {"network": wego.pk, "title": ""}
    )

    assert response.status_code == 400
    assert not JournalIssue.objects.exists()


def test_a_published_issue_s_edit_page_corrects_the_editorial_only(secretariat, published):
    client = logged_in(secretariat)
    page = client.get(f"/knowledge/journal/{published.pk}/edit/").content.decode()
    assert "Save the correction" in page
    assert "Publish the issue" not in page
    assert "Add the project" not in page

    client.post(
        f"/knowledge/journal/{published.pk}/edit/",
        {"title": "Getting around", "editorial": "Why buses, corrected."},
    )

    published.refresh_from_db()
    assert published.editorial == "Why buses, corrected."
    assert AuditEvent.objects.filter(verb="correct_journal_issue").count() == 1
    entry = published.entries.get()
    refused = client.post(f"/knowledge/journal/{published.pk}/entries/{entry.pk}/remove/")
    assert refused.status_code == 409
    assert published.entries.count() == 1


def test_the_demonstration_issue_says_so(secretariat, wego):
    issue = make.issue(projects=(make.project(),), editorial="Why", published=True)
    JournalIssue.objects.filter(pk=issue.pk).update(demo=True)

    text = Client().get(f"/knowledge/journal/{issue.pk}/").content.decode()

    assert "Demonstration data" in text


# --- The Atom feed ---------------------------------------------------------------------------


def test_the_feed_is_valid_atom_with_published_issues_only(published, settings):
    make.issue(title="Secret draft")
    older = make.issue(
        projects=(make.project(),), title="Older", editorial="Old news.", published=True
    )
    JournalIssue.objects.filter(pk=older.pk).update(
        published_at=published.published_at.replace(year=2020)
    )

    response = Client().get("/knowledge/journal/feed.atom")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}title") == "Best Practices Journal"
    assert root.findtext(f"{ATOM}id")
    assert root.findtext(f"{ATOM}updated")
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links["self"] == settings.SITE_URL + "/knowledge/journal/feed.atom"
    assert links["alternate"] == settings.SITE_URL + "/knowledge/journal/"
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        f"WeGO, issue {published.number}: Getting around",
        f"WeGO, issue {older.number}: Older",
    ]
    first = entries[0]
    assert first.findtext(f"{ATOM}id") == settings.SITE_URL + f"/knowledge/journal/{published.pk}/"
    assert (
        first.find(f"{ATOM}link").get("href")
        == settings.SITE_URL + f"/knowledge/journal/{published.pk}/"
    )
    assert first.findtext(f"{ATOM}summary") == "Why buses."
    assert first.findtext(f"{ATOM}updated")
    assert "Secret draft" not in response.content.decode()


def test_the_feed_of_an_empty_journal_is_still_valid_atom(db):
    root = ET.fromstring(Client().get("/knowledge/journal/feed.atom").content)  # noqa: S314 - our own feed

    assert root.tag == f"{ATOM}feed"
    assert root.findall(f"{ATOM}entry") == []
