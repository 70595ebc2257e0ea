"""The journal's API: published issues for everyone, drafts too for the Secretariat with a
token; an issue with its editorial and its projects; drafts and unknown ids are 404s."""

from __future__ import annotations

import pytest
from django.test import Client

from intercity.accounts.services import create_api_token
from intercity.knowledge.models import Project
from intercity.knowledge.tests import factories_journal as make

pytestmark = pytest.mark.django_db

API = "/api/v1/knowledge/journal"


@pytest.fixture
def published(wego):
    first = make.project(title="Smart bus stops")
    second = make.project(city="madrid", title="Decide Madrid")
    return make.issue(
        projects=(first, second), title="Getting around", editorial="Why.", published=True
    )


def test_the_public_lists_published_issues(published, settings):
    make.issue(title="Draft")

    listed = Client().get(API).json()

    assert [i["title"] for i in listed] == ["Getting around"]
    item = listed[0]
    assert item["number"] == published.number
    assert item["entry_count"] == 2
    assert item["network"] == "wego"
    assert item["state"] == "published"
    assert item["published_at"]
    assert item["url"] == settings.SITE_URL + f"/knowledge/journal/{published.pk}/"
    assert item["pdf_url"] == settings.SITE_URL + f"/knowledge/journal/{published.pk}/pdf/"


def test_an_issue_gives_its_editorial_and_projects(published):
    found = Client().get(f"{API}/{published.pk}").json()

    assert found["editorial"] == "Why."
    assert [
        (e["position"], e["title"], e["city"], e["country"], e["note"]) for e in found["entries"]
    ] == [
        (1, "Smart bus stops", "Seoul", "KR", "Note 1"),
        (2, "Decide Madrid", "Madrid", "ES", "Note 2"),
    ]
    first = found["entries"][0]
    assert first["project_id"] == published.entries.get(position=1).project_id
    assert first["in_catalog"] is True
    assert first["url"].endswith(f"/knowledge/projects/{first['project_id']}/")


def test_a_withdrawn_project_has_no_link(published):
    withdrawn = published.entries.get(position=2).project
    Project.objects.filter(pk=withdrawn.pk).update(state=Project.State.DRAFT)

    entry = Client().get(f"{API}/{published.pk}").json()["entries"][1]

    assert (entry["in_catalog"], entry["url"]) == (False, None)


def test_a_draft_is_404_to_the_public_and_to_an_officer_and_seen_by_the_secretariat(
    published, secretariat, seoul_officer
):
    draft = make.issue(title="Draft", projects=(make.project(),))
    _stored, officer_token = create_api_token(seoul_officer, "journal")
    _stored, staff_token = create_api_token(secretariat, "journal")

    assert Client().get(f"{API}/{draft.pk}").status_code == 404
    assert (
        Client().get(f"{API}/{draft.pk}", HTTP_AUTHORIZATION=f"Bearer {officer_token}").status_code
        == 404
    )
    seen = Client().get(f"{API}/{draft.pk}", HTTP_AUTHORIZATION=f"Bearer {staff_token}")
    assert seen.status_code == 200
    assert seen.json()["state"] == "draft"
    listed = Client().get(API, HTTP_AUTHORIZATION=f"Bearer {staff_token}").json()
    assert {i["title"] for i in listed} == {"Getting around", "Draft"}


def test_unknown_ids_and_bad_tokens(db):
    missing = Client().get(f"{API}/999999")
    assert missing.status_code == 404
    assert missing.json()["detail"]
    assert Client().get(f"{API}/0").status_code == 422
    assert Client().get(f"{API}/abc").status_code == 422
    assert Client().get(API, HTTP_AUTHORIZATION="Bearer nonsense").status_code == 401


def test_the_operations_are_in_the_openapi_document(db):
    document = Client().get("/api/openapi.json").json()

    assert f"{API}" in document["paths"]
    assert f"{API}/{{issue_id}}" in document["paths"]
    for name in ("JournalIssueOut", "JournalIssueDetailOut", "JournalEntryOut"):
        assert name in document["components"]["schemas"]
    responses = document["paths"][f"{API}/{{issue_id}}"]["get"]["responses"]
    assert {"200", "400", "401", "404", "422"} <= set(responses)
