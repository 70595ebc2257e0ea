"""The journal's named actions: only the Secretariat makes an issue; numbers follow the
network's issues; only published projects of the issue's network go in, with clear refusals;
an issue is published once, with a project and an editorial, and then is a record."""

from __future__ import annotations

import pytest

from intercity.accounts.permissions import SYSTEM
from intercity.core.errors import DomainError, NotFound, PermissionDenied
from intercity.core.models import AuditEvent
from intercity.knowledge.models import JournalIssue, Project
from intercity.knowledge.services import journal
from intercity.knowledge.tests import factories_journal as make

pytestmark = pytest.mark.django_db


def test_the_secretariat_creates_the_first_issue_of_a_network_as_a_draft(secretariat, wego):
    issue = journal.create_issue(secretariat, wego, "  Smart  mobility  ")

    assert issue.number == 1
    assert issue.title == "Smart mobility"
    assert issue.state == JournalIssue.State.DRAFT
    assert issue.created_by == secretariat
    event = AuditEvent.objects.get(verb="create_journal_issue")
    assert event.after["number"] == 1


def test_each_network_numbers_its_own_issues(secretariat, wego, ascn):
    first = journal.create_issue(secretariat, wego, "One")
    second = journal.create_issue(secretariat, wego, "Two")
    other = journal.create_issue(secretariat, ascn, "ASCN one")

    assert (first.number, second.number, other.number) == (1, 2, 1)


def test_a_new_issue_takes_the_number_after_the_highest_even_after_a_gap(secretariat, wego):
    make.issue(number=7)

    assert journal.create_issue(secretariat, wego, "After seven").number == 8


@pytest.mark.parametrize("who", ["seoul_officer", "citizen", None])
def test_only_the_secretariat_creates_an_issue(request, wego, who):
    actor = request.getfixturevalue(who) if who else None

    with pytest.raises(PermissionDenied):
        journal.create_issue(actor, wego, "Not mine to make")
    assert not JournalIssue.objects.exists()


def test_an_issue_needs_a_title(secretariat, wego):
    with pytest.raises(DomainError, match="title"):
        journal.create_issue(secretariat, wego, "   ")
    with pytest.raises(DomainError, match="at most 200"):
        journal.create_issue(secretariat, wego, "x" * 201)


def test_published_projects_of_the_network_are_added_in_order_with_notes(secretariat, wego):
    issue = journal.create_issue(secretariat, wego, "Mobility")
    first, second = make.project(title="Bus"), make.project(city="madrid", title="Bikes")

    journal.add_entry(secretariat, issue, first.pk, "  Cheap and quick.  ")
    journal.add_entry(secretariat, issue, second.pk, "")

    shown = journal.entries(issue)
    assert [(e.position, e.project.title, e.city) for e in shown] == [
        (1, "Bus", "Seoul"),
        (2, "Bikes", "Madrid"),
    ]
    assert shown[0].entry.note == "Cheap and quick."
    assert shown[0].themes == ["Smart Mobility"]
    assert AuditEvent.objects.filter(verb="add_journal_entry").count() == 2


def test_an_unpublished_project_is_refused_with_its_title(secretariat, wego):
    issue = journal.create_issue(secretariat, wego, "Mobility")
    draft = make.project(title="Still a draft", state=Project.State.DRAFT)
    waiting = make.project(title="In review", state=Project.State.IN_REVIEW)

    with pytest.raises(DomainError, match="Still a draft is not published in the catalog"):
        journal.add_entry(secretariat, issue, draft.pk, "")
    with pytest.raises(DomainError, match="In review is not published"):
        journal.add_entry(secretariat, issue, waiting.pk, "")
    assert not issue.entries.exists()


def test_a_project_of_another_network_is_refused_naming_both_networks(secretariat, wego):
    issue = journal.create_issue(secretariat, wego, "Mobility")
    elsewhere = make.project(network="ascn", city="singapore", title="Lamp posts")

    with pytest.raises(DomainError) as refused:
        journal.add_entry(secretariat, issue, elsewhere.pk, "")
    assert "Lamp posts is a project of ASCN" in refused.value.message
    assert "projects of WeGO" in refused.value.message
    assert not issue.entries.exists()


def test_a_project_goes_into_an_issue_once(secretariat, wego):
    issue = journal.create_issue(secretariat, wego, "Mobility")
    item = make.project(title="Bus")
    journal.add_entry(secretariat, issue, item.pk, "")

    with pytest.raises(DomainError, match="already in this issue") as refused:
        journal.add_entry(secretariat, issue, item.pk, "")
    assert refused.value.status_code == 409
    assert issue.entries.count() == 1


@pytest.mark.parametrize("project_id", [0, -1, 999_999_999, 2**63])
def test_an_unknown_project_is_refused(secretariat, wego, project_id):
    issue = journal.create_issue(secretariat, wego, "Mobility")

    with pytest.raises(DomainError, match="No catalog project"):
        journal.add_entry(secretariat, issue, project_id, "")


def test_a_note_too_long_is_refused(secretariat, wego):
    issue = journal.create_issue(secretariat, wego, "Mobility")
    item = make.project()

    with pytest.raises(DomainError, match="at most 4000"):
        journal.add_entry(secretariat, issue, item.pk, "x" * 4001)


def test_an_officer_cannot_add_remove_move_or_publish(seoul_officer, wego):
    item = make.project()
    issue = make.issue(projects=(item,), editorial="Why")
    entry = issue.entries.get()

    for action in (
        lambda: journal.add_entry(seoul_officer, issue, make.project().pk, ""),
        lambda: journal.remove_entry(seoul_officer, issue, entry.pk),
        lambda: journal.move_entry(seoul_officer, issue, entry.pk, "up"),
        lambda: journal.edit_note(seoul_officer, issue, entry.pk, "mine"),
        lambda: journal.edit_issue(seoul_officer, issue, title="Mine", editorial="Mine"),
        lambda: journal.publish_issue(seoul_officer, issue),
    ):
        with pytest.raises(PermissionDenied):
            action()
    issue.refresh_from_db()
    assert issue.state == JournalIssue.State.DRAFT
    assert issue.entries.count() == 1


def test_entries_move_up_and_down_and_are_removed(secretariat, wego):
    a, b, c = (make.project(title=t) for t in "ABC")
    issue = make.issue(projects=(a, b, c))
    entry_c = issue.entries.get(project=c)

    journal.move_entry(secretariat, issue, entry_c.pk, "up")
    assert [e.project.title for e in journal.entries(issue)] == ["A", "C", "B"]
    journal.move_entry(secretariat, issue, issue.entries.get(project=a).pk, "down")
    assert [e.project.title for e in journal.entries(issue)] == ["C", "A", "B"]
    journal.move_entry(secretariat, issue, entry_c.pk, "up")  # already first
    assert [e.project.title for e in journal.entries(issue)] == ["C", "A", "B"]
    assert AuditEvent.objects.filter(verb="reorder_journal_issue").count() == 2

    journal.remove_entry(secretariat, issue, issue.entries.get(project=a).pk)
    assert [e.project.title for e in journal.entries(issue)] == ["C", "B"]
    assert [e.position for e in journal.entries(issue)] == [1, 2]

    with pytest.raises(DomainError, match="up or down"):
        journal.move_entry(secretariat, issue, entry_c.pk, "sideways")
    with pytest.raises(NotFound):
        journal.remove_entry(secretariat, issue, 999_999)


def test_an_entry_of_another_issue_is_not_found(secretariat, wego):
    mine = make.issue(projects=(make.project(),))
    other = make.issue(projects=(make.project(),))

    with pytest.raises(NotFound):
        journal.remove_entry(secretariat, mine, other.entries.get().pk)
    assert other.entries.count() == 1


def test_publishing_needs_a_project_and_an_editorial(secretariat, wego):
    issue = journal.create_issue(secretariat, wego, "Mobility")

    with pytest.raises(DomainError, match="at least one project"):
        journal.publish_issue(secretariat, issue)
    journal.add_entry(secretariat, issue, make.project().pk, "Note")
    with pytest.raises(DomainError, match="Write the editorial"):
        journal.publish_issue(secretariat, issue)
    journal.edit_issue(secretariat, issue, title="Mobility", editorial="Why these projects.")

    published = journal.publish_issue(secretariat, issue)

    assert published.state == JournalIssue.State.PUBLISHED
    assert published.published_at is not None
    assert AuditEvent.objects.filter(verb="publish_journal_issue").count() == 1


def test_an_issue_is_published_once_and_then_is_a_record(secretariat, wego):
    item = make.project()
    issue = make.issue(projects=(item,), editorial="Why")
    journal.publish_issue(secretariat, issue)
    entry = issue.entries.get()

    with pytest.raises(DomainError, match="already published") as refused:
        journal.publish_issue(secretariat, issue)
    assert refused.value.status_code == 409
    for action in (
        lambda: journal.add_entry(secretariat, issue, make.project().pk, ""),
        lambda: journal.remove_entry(secretariat, issue, entry.pk),
        lambda: journal.move_entry(secretariat, issue, entry.pk, "down"),
        lambda: journal.edit_note(secretariat, issue, entry.pk, "changed"),
    ):
        with pytest.raises(DomainError, match="This issue is published"):
            action()
    assert AuditEvent.objects.filter(verb="publish_journal_issue").count() == 1


def test_a_published_issue_s_editorial_is_corrected_and_the_correction_audited(secretariat, wego):
    issue = make.issue(
        projects=(make.project(),), title="Mobilty", editorial="Typo", published=True
    )

    journal.edit_issue(secretariat, issue, title="Mobility", editorial="Fixed")

    issue.refresh_from_db()
    assert (issue.title, issue.editorial) == ("Mobility", "Fixed")
    event = AuditEvent.objects.get(verb="correct_journal_issue")
    assert event.before == {"title": "Mobilty", "editorial": "Typo"}
    assert event.after == {"title": "Mobility", "editorial": "Fixed"}


def test_saving_the_same_text_writes_no_audit_event(secretariat, wego):
    issue = make.issue(title="Same", editorial="Same")

    journal.edit_issue(secretariat, issue, title="Same", editorial="Same")

    assert not AuditEvent.objects.filter(verb="edit_journal_issue").exists()


def test_a_draft_is_not_found_for_anyone_but_the_secretariat(secretariat, seoul_officer, citizen):
    draft = make.issue()
    published = make.issue(projects=(make.project(),), editorial="Why", published=True)

    for actor in (None, seoul_officer, citizen):
        with pytest.raises(NotFound):
            journal.get_issue(actor, draft.pk)
        assert journal.get_issue(actor, published.pk) == published
        assert list(journal.issues_visible_to(actor)) == [published]
    assert journal.get_issue(secretariat, draft.pk) == draft
    assert set(journal.issues_visible_to(secretariat)) == {draft, published}


def test_published_issues_are_listed_newest_first_with_their_counts(wego):
    older = make.issue(projects=(make.project(),), published=True)
    newer = make.issue(projects=(make.project(), make.project()), published=True)

    listed = list(journal.issues_visible_to(None))

    assert listed == [newer, older]
    assert [i.entry_count for i in listed] == [2, 1]


def test_a_project_taken_off_the_catalog_stays_in_the_issue_which_says_so(wego):
    item = make.project(title="Withdrawn later")
    issue = make.issue(projects=(item,), editorial="Why", published=True)
    Project.objects.filter(pk=item.pk).update(state=Project.State.DRAFT, published_at=None)

    shown = journal.entries(issue)

    assert [e.project.title for e in shown] == ["Withdrawn later"]
    assert shown[0].in_catalog is False


def test_the_candidates_are_the_network_s_published_projects_not_yet_in(secretariat, wego):
    inside = make.project(title="Inside")
    outside = make.project(title="Outside")
    make.project(title="Draft", state=Project.State.DRAFT)
    make.project(network="ascn", city="singapore", title="Elsewhere")
    issue = make.issue(projects=(inside,))

    titles = [p.title for p in journal.candidates(issue)]

    assert outside.title in titles
    assert "Inside" not in titles
    assert "Draft" not in titles
    assert "Elsewhere" not in titles


def test_the_platform_itself_may_act_as_the_secretariat(wego):
    issue = journal.create_issue(SYSTEM, wego, "By the platform")

    assert issue.created_by is None


def test_a_number_taken_all_the_same_is_refused_cleanly_and_nothing_saved(
    secretariat, wego, monkeypatch
):
    make.issue(number=1)
    # As if another writer took the number between the read and the insert.
    monkeypatch.setattr(journal.rules, "next_number", lambda existing: 1)

    with pytest.raises(DomainError, match="took this number at the same moment") as refused:
        journal.create_issue(secretariat, wego, "Racing")
    assert refused.value.status_code == 409
    assert JournalIssue.objects.filter(network=wego).count() == 1
    assert not AuditEvent.objects.filter(verb="create_journal_issue").exists()
