"""The demonstration issue the demo command loads (published, marked, idempotent, nothing
without published projects), and the admin where the Secretariat translates an issue's title
and editorial (other fields refused, audited)."""

from __future__ import annotations

import pytest
from django.test import Client

from intercity.core.models import AuditEvent
from intercity.knowledge import admin_journal  # noqa: F401 - registers the journal's admin
from intercity.knowledge.demo_journal import load_demo_issue
from intercity.knowledge.models import JournalIssue, Project
from intercity.knowledge.tests import factories_journal as make

pytestmark = pytest.mark.django_db


def test_the_demo_issue_is_published_marked_and_loaded_once(wego):
    for title in ("One", "Two", "Three", "Four"):
        make.project(title=title)
    make.project(title="Draft", state=Project.State.DRAFT)

    issue = load_demo_issue()

    assert issue is not None
    assert issue.demo is True
    assert issue.state == JournalIssue.State.PUBLISHED
    assert issue.network == wego
    # The first three published WeGO projects: the seeded ones of 2017 come before these.
    first = Project.objects.filter(network=wego, state=Project.State.PUBLISHED).order_by(
        "published_at", "pk"
    )[:3]
    assert [e.project_id for e in issue.entries.order_by("position")] == [p.pk for p in first]
    assert "Draft" not in [e.project.title for e in issue.entries.all()]
    assert issue.editorial.startswith("Demonstration data")
    assert load_demo_issue() == issue
    assert JournalIssue.objects.count() == 1
    page = Client(HTTP_ACCEPT_LANGUAGE="ko").get(f"/knowledge/journal/{issue.pk}/").content.decode()
    assert "서로에게 배우기 (시연용 호)" in page
    assert "시연용 데이터" in page  # "Demonstration data", the page's note


def test_without_published_projects_no_demo_issue_is_made(wego):
    Project.objects.filter(state=Project.State.PUBLISHED).delete()  # the seeded ones
    make.project(title="Draft", state=Project.State.DRAFT)

    assert load_demo_issue() is None
    assert not JournalIssue.objects.exists()


def test_the_secretariat_translates_an_issue_in_the_admin(secretariat, wego):
    secretariat.is_staff = True
    secretariat.save()
    issue = make.issue(
        projects=(make.project(),), title="Living labs", editorial="Why.", published=True
    )
    client = Client()
    client.force_login(secretariat)
    url = f"/admin/knowledge/journalissue/{issue.pk}/change/"
    form = client.get(url)
    assert form.status_code == 200

    response = client.post(
        url,
        {
            "title_ko": "리빙랩",
            "title_zh_hans": "",
            "title_ru": "",
            "title_es": "Laboratorios vivos",
            "editorial_ko": "왜.",
            "editorial_zh_hans": "",
            "editorial_ru": "",
            "editorial_es": "",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    issue.refresh_from_db()
    assert (issue.title_ko, issue.title_es, issue.editorial_ko) == (
        "리빙랩",
        "Laboratorios vivos",
        "왜.",
    )
    assert issue.title_en == "Living labs"
    assert AuditEvent.objects.filter(
        verb="translate_journal_issue", object_id=str(issue.pk)
    ).exists()
