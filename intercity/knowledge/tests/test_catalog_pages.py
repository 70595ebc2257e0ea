"""The catalog's pages: who sees a project, writing and editing it through the forms (the
version check gives the person's text back), files served only where the project may be
seen, a city's projects, the review queue and the sections on other pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from intercity.core.models import AuditEvent
from intercity.knowledge.models import Project
from intercity.knowledge.services import catalog
from intercity.knowledge.tests import factories_catalog as make

pytestmark = pytest.mark.django_db

State = Project.State


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _page(pk: int) -> str:
    return reverse("knowledge_project", args=[pk])


# --- The project page ------------------------------------------------------------------------


def test_a_published_project_shows_its_unified_format_to_everyone(client, wego):
    theme = make.cluster(wego)
    project = make.project(
        state=State.PUBLISHED,
        background="Citizens asked for the data.",
        challenges="",
        source="seed 002, Thematic session",
        status="completed",
    )
    project.themes.add(theme)
    project.sdgs.add(11)
    project.partners.create(name="Ecube Labs", role="sensors")
    project.links.create(label="Portal", url="https://data.seoul.go.kr")
    response = client.get(_page(project.pk))
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Seoul Open Data Plaza",
        "Citizens asked for the data.",
        "Main features",
        "Ecube Labs",
        "https://data.seoul.go.kr",
        "Source: seed 002, Thematic session",
        "Completed",
        "SDG 11:",
        reverse("knowledge_cluster", args=[theme.pk]),
        reverse("organisation", args=[project.organisation_id]),
        reverse("knowledge_project_similar", args=[project.pk]),
    ):
        assert text in html, text
    assert "Challenges" not in html  # a section without text is left out
    assert "Edit the project" not in html


def test_a_draft_is_not_found_by_strangers_and_seen_by_its_city(
    client, makati_officer, seoul_officer, secretariat
):
    draft = make.project()
    assert client.get(_page(draft.pk)).status_code == 404
    client.force_login(makati_officer)
    assert client.get(_page(draft.pk)).status_code == 404
    client.force_login(seoul_officer)
    response = client.get(_page(draft.pk))
    assert response.status_code == 200
    assert "Send for review" in response.content.decode()
    assert "Publish" not in response.content.decode()
    client.force_login(secretariat)
    assert "Publish" in client.get(_page(draft.pk)).content.decode()


def test_a_winner_shows_its_award_placement(client):
    placement = make.placement()
    project = make.project(state=State.PUBLISHED, award_placement_ref=placement.pk)
    html = client.get(_page(project.pk)).content.decode()
    assert "Special Mention, Open City, 3rd WeGO Smart Sustainable City Awards 2017" in html
    assert reverse("awards_results", args=[placement.edition_id]) in html


def test_a_demonstration_project_says_so(client):
    project = make.project(state=State.PUBLISHED, demo=True)
    assert "Demonstration data" in client.get(_page(project.pk)).content.decode()


# --- Writing ---------------------------------------------------------------------------------


def test_an_officer_creates_a_draft_from_the_new_project_page(client, seoul_officer, wego):
    client.force_login(seoul_officer)
    page = client.get(reverse("knowledge_project_new"))
    assert page.status_code == 200
    key = next(a.key for a in catalog.authorships(seoul_officer) if a.network == wego)
    response = client.post(
        reverse("knowledge_project_new"),
        {"authorship": key, "title": "Mapo Night Owl Buses", "language": "en"},
    )
    made = Project.objects.get(title="Mapo Night Owl Buses")
    assert response.status_code == 302
    assert response["Location"] == reverse("knowledge_project_edit", args=[made.pk])
    assert made.organisation.key == "seoul"


def test_a_citizen_has_no_new_project_page(client, citizen):
    client.force_login(citizen)
    assert client.get(reverse("knowledge_project_new")).status_code == 404
    assert client.post(reverse("knowledge_project_new"), {"title": "x"}).status_code == 404
    assert not Project.objects.filter(title="x").exists()


def _form(project: Project, **changes) -> dict:
    data = {
        "version": project.version,
        "title": project.title,
        "language": "en",
        "summary": project.summary,
        "main_features": project.main_features,
        "partners": "Ecube Labs | sensors\n\n",
        "links": "Portal | https://data.seoul.go.kr",
        "sdgs": ["11"],
    }
    data.update(changes)
    return data


def test_the_edit_page_saves_the_form(client, seoul_officer):
    project = make.project()
    client.force_login(seoul_officer)
    assert client.get(reverse("knowledge_project_edit", args=[project.pk])).status_code == 200
    response = client.post(
        reverse("knowledge_project_edit", args=[project.pk]),
        _form(project, budget_usd="1200.50", status="planned"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    stored = Project.objects.get(pk=project.pk)
    assert stored.version == 2
    assert str(stored.budget_usd) == "1200.50"
    assert [(p.name, p.role) for p in stored.partners.all()] == [("Ecube Labs", "sensors")]
    assert [link.url for link in stored.links.all()] == ["https://data.seoul.go.kr"]


def test_an_edit_from_a_stale_copy_comes_back_with_the_persons_text(
    client, seoul_officer, secretariat
):
    project = make.project()
    catalog.update_project(secretariat, project, version=1, summary="Secretariat's summary")
    client.force_login(seoul_officer)
    stale = _form(Project.objects.get(pk=project.pk), version=1, summary="My careful summary")
    response = client.post(reverse("knowledge_project_edit", args=[project.pk]), stale)
    assert response.status_code == 409
    html = response.content.decode()
    assert "since you opened it" in html
    assert "My careful summary" in html
    assert 'name="version" value="2"' in html
    assert Project.objects.get(pk=project.pk).summary == "Secretariat's summary"
    # Saving again from the page it came back with goes through.
    again = client.post(
        reverse("knowledge_project_edit", args=[project.pk]),
        _form(Project.objects.get(pk=project.pk), summary="My careful summary"),
    )
    assert again.status_code == 302
    assert Project.objects.get(pk=project.pk).summary == "My careful summary"


def test_a_bad_budget_comes_back_as_a_form_error(client, seoul_officer):
    project = make.project()
    client.force_login(seoul_officer)
    response = client.post(
        reverse("knowledge_project_edit", args=[project.pk]), _form(project, budget_usd="-5")
    )
    assert response.status_code == 400
    assert Project.objects.get(pk=project.pk).version == 1


def test_a_bad_link_comes_back_as_a_form_error(client, seoul_officer):
    project = make.project()
    client.force_login(seoul_officer)
    response = client.post(
        reverse("knowledge_project_edit", args=[project.pk]),
        _form(project, links="Bad | ftp://example.org"),
    )
    assert response.status_code == 400
    assert "https://" in response.content.decode()


def test_another_citys_officer_cannot_open_the_edit_page(client, makati_officer):
    draft = make.project()
    published = make.project(state=State.PUBLISHED, title="Published")
    client.force_login(makati_officer)
    assert client.get(reverse("knowledge_project_edit", args=[draft.pk])).status_code == 404
    assert client.get(reverse("knowledge_project_edit", args=[published.pk])).status_code == 403
    response = client.post(
        reverse("knowledge_project_edit", args=[published.pk]), _form(published, summary="x")
    )
    assert response.status_code == 403
    assert Project.objects.get(pk=published.pk).summary != "x"


# --- Moves -----------------------------------------------------------------------------------


def test_the_officer_sends_for_review_and_the_secretariat_publishes_from_the_queue(
    client, seoul_officer, secretariat
):
    project = make.project()
    client.force_login(seoul_officer)
    move = reverse("knowledge_project_move", args=[project.pk])
    assert client.post(move, {"action": "submit"}).status_code == 302
    client.force_login(secretariat)
    queue = client.get(reverse("knowledge_review"))
    assert project.title in queue.content.decode()
    response = client.post(move, {"action": "publish", "next": "review"})
    assert response["Location"] == reverse("knowledge_review")
    assert Project.objects.get(pk=project.pk).state == State.PUBLISHED


def test_an_officer_pressing_publish_is_refused(client, seoul_officer):
    project = make.project(state=State.IN_REVIEW)
    client.force_login(seoul_officer)
    response = client.post(
        reverse("knowledge_project_move", args=[project.pk]), {"action": "publish"}, follow=True
    )
    assert "Only the Secretariat" in response.content.decode()
    assert Project.objects.get(pk=project.pk).state == State.IN_REVIEW


def test_an_unknown_step_is_refused(client, secretariat):
    project = make.project()
    client.force_login(secretariat)
    response = client.post(
        reverse("knowledge_project_move", args=[project.pk]), {"action": "delete"}, follow=True
    )
    assert "not a step" in response.content.decode()
    assert Project.objects.filter(pk=project.pk).exists()


def test_the_review_queue_is_for_the_secretariat(client, seoul_officer):
    client.force_login(seoul_officer)
    assert client.get(reverse("knowledge_review")).status_code == 403


# --- Files -----------------------------------------------------------------------------------


def test_files_are_uploaded_and_served_with_their_type(client, seoul_officer):
    project = make.project(state=State.PUBLISHED)
    client.force_login(seoul_officer)
    files_page = reverse("knowledge_project_files", args=[project.pk])
    assert client.get(files_page).status_code == 200
    ok = client.post(files_page, {"kind": "image", "file": make.png(), "caption": "The plaza"})
    assert ok.status_code == 302
    client.post(files_page, {"kind": "document", "file": make.pdf()})
    image, document = project.files.order_by("position")
    client.logout()
    served = client.get(reverse("knowledge_project_file", args=[project.pk, image.pk]))
    assert served["Content-Type"] == "image/png"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert served["Content-Disposition"].startswith("inline")
    assert b"".join(served.streaming_content).startswith(b"\x89PNG")
    served = client.get(reverse("knowledge_project_file", args=[project.pk, document.pk]))
    assert served["Content-Type"] == "application/pdf"
    assert served["Content-Disposition"] == 'attachment; filename="plan.pdf"'
    html = client.get(_page(project.pk)).content.decode()
    assert 'alt="The plaza"' in html
    assert reverse("knowledge_project_file", args=[project.pk, document.pk]) in html


def test_a_fake_png_comes_back_as_a_form_error(client, seoul_officer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    project = make.project()
    client.force_login(seoul_officer)
    response = client.post(
        reverse("knowledge_project_files", args=[project.pk]),
        {"kind": "image", "file": SimpleUploadedFile("x.png", b"hello", "image/png")},
    )
    assert response.status_code == 400
    assert "not a PNG, JPEG or WebP" in response.content.decode()
    assert not project.files.exists()


def test_a_drafts_files_are_not_served_to_strangers(client, seoul_officer, makati_officer):
    project = make.project()
    item = catalog.add_file(seoul_officer, project, make.pdf(), kind="document")
    url = reverse("knowledge_project_file", args=[project.pk, item.pk])
    assert client.get(url).status_code == 404
    client.force_login(makati_officer)
    assert client.get(url).status_code == 404
    client.force_login(seoul_officer)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    # A file asked for under another project's address is not found.
    other = make.project(state=State.PUBLISHED, title="Other")
    assert (
        client.get(reverse("knowledge_project_file", args=[other.pk, item.pk])).status_code == 404
    )


def test_removing_a_file(client, seoul_officer, makati_officer):
    project = make.project(state=State.PUBLISHED)
    item = catalog.add_file(seoul_officer, project, make.pdf(), kind="document")
    remove = reverse("knowledge_project_file_remove", args=[project.pk, item.pk])
    client.force_login(makati_officer)
    assert client.post(remove).status_code == 403
    client.force_login(seoul_officer)
    assert client.post(remove).status_code == 302
    assert not project.files.exists()


# --- A city's projects and the winners -------------------------------------------------------


def test_my_projects_lists_the_citys_projects_by_state_and_its_winners(client, seoul_officer):
    make.project(title="A draft")
    make.project(title="Waiting", state=State.IN_REVIEW)
    make.project(title="Out there", state=State.PUBLISHED)
    make.project("makati", "ascn", title="Makati's own")
    placement = make.placement()
    client.force_login(seoul_officer)
    html = client.get(reverse("knowledge_my_projects")).content.decode()
    for text in ("A draft", "Waiting", "Out there", "Seoul Smart Bus", "Add to the catalog"):
        assert text in html, text
    assert "Makati's own" not in html
    response = client.post(reverse("knowledge_add_winner", args=[placement.pk]))
    made = Project.objects.get(award_placement_ref=placement.pk)
    assert response["Location"] == reverse("knowledge_project_edit", args=[made.pk])
    again = client.post(reverse("knowledge_add_winner", args=[placement.pk]), follow=True)
    assert "already in the catalog" in again.content.decode()
    assert Project.objects.filter(award_placement_ref=placement.pk).count() == 1


def test_another_citys_winner_cannot_be_added_from_a_page(client, makati_officer):
    placement = make.placement()
    client.force_login(makati_officer)
    response = client.post(reverse("knowledge_add_winner", args=[placement.pk]), follow=True)
    assert "winning city" in response.content.decode()
    assert not Project.objects.filter(award_placement_ref=placement.pk).exists()
    assert client.post(reverse("knowledge_add_winner", args=[999999])).status_code == 404


# --- Sections on other pages ------------------------------------------------------------------


def test_an_organisation_page_lists_its_published_projects(client):
    make.project(title="Published one", state=State.PUBLISHED)
    make.project(title="Secret draft")
    html = client.get(reverse("organisation", args=[make.city("seoul").pk])).content.decode()
    assert "Published one" in html
    assert "Secret draft" not in html


def test_the_start_pages_show_the_officers_work_and_the_secretariats_queue(
    client, seoul_officer, secretariat
):
    make.project(title="My draft")
    make.project(title="In the queue", state=State.IN_REVIEW)
    make.placement()
    client.force_login(seoul_officer)
    html = client.get(reverse("start")).content.decode()
    assert "My draft" in html
    assert "1 award winner to add to the catalog" in html
    client.force_login(secretariat)
    html = client.get(reverse("start")).content.decode()
    assert "1 project waiting for review" in html
    assert reverse("knowledge_review") in html


def test_page_actions_write_one_audit_event_each(client, seoul_officer):
    project = make.project()
    client.force_login(seoul_officer)
    client.post(reverse("knowledge_project_move", args=[project.pk]), {"action": "submit"})
    assert AuditEvent.objects.filter(verb="submit_catalog_project").count() == 1


def test_the_edit_page_speaks_the_readers_language(client, seoul_officer):
    project = make.project()
    client.force_login(seoul_officer)
    response = client.get(
        reverse("knowledge_project_edit", args=[project.pk]), HTTP_ACCEPT_LANGUAGE="ko"
    )
    html = response.content.decode()
    assert "주요 특징" in html  # Main features
    assert "저장" in html  # Save
