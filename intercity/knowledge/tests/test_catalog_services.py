"""The catalog's named actions: who may write, edit and move a project, the version check,
files checked by their content, and adding an award winner once."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from intercity.core.errors import DomainError, NotFound, PermissionDenied
from intercity.core.models import AuditEvent
from intercity.knowledge.models import ClusterActivity, Project, ProjectFile
from intercity.knowledge.services import catalog
from intercity.knowledge.tests import factories_catalog as make
from intercity.network.models import Network

pytestmark = pytest.mark.django_db

State = Project.State


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


# --- Creating a draft ------------------------------------------------------------------------


def test_an_officer_creates_a_draft_of_their_own_city(seoul_officer, wego):
    made = catalog.create_draft(
        seoul_officer, wego, make.city("seoul"), title="  Bukchon   Living Lab ", language="ko"
    )
    assert (made.title, made.state, made.language, made.version) == (
        "Bukchon Living Lab",
        State.DRAFT,
        "ko",
        1,
    )
    assert made.created_by == seoul_officer
    assert "bukchon living lab" in Project.objects.get(pk=made.pk).search_text
    assert AuditEvent.objects.filter(verb="create_catalog_project", object_id=str(made.pk)).exists()


def test_an_officer_cannot_create_a_project_of_another_city(seoul_officer, wego):
    with pytest.raises(PermissionDenied):
        catalog.create_draft(seoul_officer, wego, make.city("makati"), title="Not mine")
    assert not Project.objects.filter(title="Not mine").exists()


def test_an_officer_cannot_create_a_project_in_a_network_their_city_is_not_in(seoul_officer, ascn):
    with pytest.raises(DomainError, match="not a member"):
        catalog.create_draft(seoul_officer, ascn, make.city("seoul"), title="Wrong network")


def test_a_citizen_cannot_create_a_project(citizen, wego):
    with pytest.raises(PermissionDenied):
        catalog.create_draft(citizen, wego, make.city("seoul"), title="Mine")
    assert catalog.authorships(citizen) == []


def test_the_secretariat_creates_a_project_for_any_city(secretariat, wego):
    made = catalog.create_draft(secretariat, wego, make.city("makati"), title="Makati case")
    assert made.organisation.key == "makati"


def test_a_draft_needs_a_title_and_a_known_language(seoul_officer, wego):
    with pytest.raises(DomainError, match="title"):
        catalog.create_draft(seoul_officer, wego, make.city("seoul"), title="   ")
    with pytest.raises(DomainError, match="languages"):
        catalog.create_draft(seoul_officer, wego, make.city("seoul"), title="X", language="xx")


def test_an_officer_may_write_for_their_city_in_its_networks_only(seoul_officer):
    pairs = {(a.network.slug, a.organisation.key) for a in catalog.authorships(seoul_officer)}
    assert ("wego", "seoul") in pairs
    assert {key for _net, key in pairs} == {"seoul"}


# --- Editing ---------------------------------------------------------------------------------


def _edit(actor, project, **values):
    return catalog.update_project(actor, project, version=project.version, **values)


def test_an_edit_saves_every_field_of_the_unified_format(seoul_officer, wego):
    theme = make.cluster(wego)
    project = make.project()
    saved = _edit(
        seoul_officer,
        project,
        title="Seoul Open Data Plaza",
        background="Citizens asked for the city's data.",
        technical_details="CKAN",
        challenges="Privacy",
        figures_and_impact="5,000 datasets",
        budget_and_financing="KRW 1 billion, city budget",
        budget_usd="850000.50",
        status="under_way",
        started_on=dt.date(2012, 1, 1),
        completed_on=None,
        themes=[theme.pk],
        sdgs=[9, 11],
        partners=[{"name": "Ecube Labs", "role": "sensors"}, {"name": "Seoul", "role": "host"}],
        links=[{"label": "Portal", "url": "https://data.seoul.go.kr"}],
    )
    saved = Project.objects.get(pk=saved.pk)
    assert saved.version == 2
    assert saved.budget_usd == Decimal("850000.50")
    assert saved.status == "under_way"
    assert list(saved.themes.all()) == [theme]
    assert sorted(saved.sdgs.values_list("number", flat=True)) == [9, 11]
    partners = list(saved.partners.all())
    assert [(p.name, p.role) for p in partners] == [("Ecube Labs", "sensors"), ("Seoul", "host")]
    # A partner named as an organisation of the registry is linked to it.
    assert partners[0].organisation_id is None
    assert partners[1].organisation == make.city("seoul")
    assert [(link.label, link.url) for link in saved.links.all()] == [
        ("Portal", "https://data.seoul.go.kr")
    ]
    assert "ecube labs" in saved.search_text
    assert "smart government" in saved.search_text
    event = AuditEvent.objects.get(verb="update_catalog_project", object_id=str(saved.pk))
    assert event.after["version"] == 2
    assert event.after["budget_usd"] == "850000.50"


def test_an_edit_from_an_older_copy_is_refused_and_saves_nothing(seoul_officer, secretariat):
    project = make.project()
    opened_by_officer = Project.objects.get(pk=project.pk)
    _edit(secretariat, Project.objects.get(pk=project.pk), summary="The Secretariat's words.")
    with pytest.raises(DomainError, match="since you opened it") as refused:
        catalog.update_project(
            seoul_officer, opened_by_officer, version=1, summary="The officer's words."
        )
    assert refused.value.status_code == 409
    stored = Project.objects.get(pk=project.pk)
    assert (stored.summary, stored.version) == ("The Secretariat's words.", 2)


def test_an_officer_cannot_edit_another_citys_project(makati_officer):
    draft = make.project()
    published = make.project(state=State.PUBLISHED, title="Published")
    with pytest.raises(NotFound):
        _edit(makati_officer, draft, summary="x")
    with pytest.raises(PermissionDenied):
        _edit(makati_officer, published, summary="x")
    with pytest.raises(NotFound):
        catalog.get_editable_project(makati_officer, draft.pk)
    with pytest.raises(PermissionDenied):
        catalog.get_editable_project(makati_officer, published.pk)


@pytest.mark.parametrize(
    ("values", "problem"),
    [
        ({"budget_usd": "-1"}, "below 0"),
        ({"budget_usd": "NaN"}, "finite"),
        ({"budget_usd": "1.234"}, "decimal places"),
        ({"status": "dreaming"}, "status"),
        ({"started_on": dt.date(2020, 1, 1), "completed_on": dt.date(2019, 1, 1)}, "before"),
        ({"started_on": dt.date(1, 1, 1)}, "outside"),
        ({"links": [{"label": "x", "url": "javascript:alert(1)"}]}, "https://"),
        ({"partners": [{"name": " ", "role": "x"}]}, "partner"),
        ({"sdgs": [18]}, "1 and 17"),
        ({"title": ""}, "title"),
        ({"colour": "red"}, "Unknown"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(seoul_officer, values, problem):
    project = make.project()
    with pytest.raises(DomainError, match=problem):
        _edit(seoul_officer, project, **values)
    stored = Project.objects.get(pk=project.pk)
    assert stored.version == 1
    assert not AuditEvent.objects.filter(verb="update_catalog_project").exists()


def test_themes_are_the_clusters_of_the_projects_network(seoul_officer, ascn):
    other = make.cluster(ascn, "Smart Mobility")
    project = make.project()
    with pytest.raises(DomainError, match="clusters of the project's network"):
        _edit(seoul_officer, project, themes=[other.pk])
    assert not project.themes.exists()


def test_editing_a_published_project_keeps_it_published(seoul_officer):
    project = make.project(state=State.PUBLISHED)
    _edit(seoul_officer, project, summary="Now with more datasets.")
    assert Project.objects.get(pk=project.pk).state == State.PUBLISHED


# --- Publication -----------------------------------------------------------------------------


def test_a_project_goes_from_draft_to_review_to_published(seoul_officer, secretariat, wego):
    theme = make.cluster(wego)
    project = make.project()
    project.themes.add(theme)
    catalog.submit(seoul_officer, project)
    stored = Project.objects.get(pk=project.pk)
    assert stored.state == State.IN_REVIEW
    assert stored.submitted_at is not None
    catalog.publish(secretariat, stored)
    stored = Project.objects.get(pk=project.pk)
    assert stored.state == State.PUBLISHED
    assert stored.published_at is not None
    line = ClusterActivity.objects.get(project=stored)
    assert (line.cluster, line.kind, line.actor) == (theme, "project", secretariat)
    verbs = list(
        AuditEvent.objects.filter(object_id=str(project.pk), object_type="knowledge.project")
        .order_by("pk")
        .values_list("verb", flat=True)
    )
    assert verbs == ["submit_catalog_project", "publish_catalog_project"]


def test_an_officer_cannot_publish(seoul_officer):
    project = make.project(state=State.IN_REVIEW)
    with pytest.raises(DomainError, match="Only the Secretariat") as refused:
        catalog.publish(seoul_officer, project)
    assert refused.value.status_code == 403
    assert Project.objects.get(pk=project.pk).state == State.IN_REVIEW


def test_another_citys_officer_cannot_send_a_draft_for_review(makati_officer):
    project = make.project()
    with pytest.raises(NotFound):
        catalog.submit(makati_officer, project)


def test_a_project_in_review_cannot_be_sent_again(seoul_officer):
    project = make.project(state=State.IN_REVIEW)
    with pytest.raises(DomainError, match="already waiting") as refused:
        catalog.submit(seoul_officer, project)
    assert refused.value.status_code == 409


def test_a_project_without_its_main_texts_cannot_go_for_review(seoul_officer):
    project = make.project(summary="", main_features="")
    with pytest.raises(DomainError, match="the summary, the main features"):
        catalog.submit(seoul_officer, project)
    assert Project.objects.get(pk=project.pk).state == State.DRAFT


def test_sending_back_needs_a_note_that_the_city_then_reads(secretariat):
    project = make.project(state=State.IN_REVIEW)
    with pytest.raises(DomainError, match="Say why"):
        catalog.send_back(secretariat, project, "  ")
    catalog.send_back(secretariat, project, "Add the figures, please.")
    stored = Project.objects.get(pk=project.pk)
    assert (stored.state, stored.review_note) == (State.DRAFT, "Add the figures, please.")
    event = AuditEvent.objects.get(verb="send_back_catalog_project")
    assert event.reason == "Add the figures, please."


def test_a_draft_cannot_be_sent_back(secretariat):
    with pytest.raises(DomainError, match="nothing to send back"):
        catalog.send_back(secretariat, make.project(), "Why")


def test_unpublishing_needs_a_reason_and_takes_the_project_off(secretariat):
    project = make.project(state=State.PUBLISHED)
    with pytest.raises(DomainError, match="Say why"):
        catalog.unpublish(secretariat, project, "")
    catalog.unpublish(secretariat, project, "The city asked us to.")
    stored = Project.objects.get(pk=project.pk)
    assert (stored.state, stored.published_at) == (State.DRAFT, None)
    assert not catalog.published().filter(pk=project.pk).exists()


def test_an_officer_cannot_unpublish(seoul_officer):
    project = make.project(state=State.PUBLISHED)
    with pytest.raises(DomainError) as refused:
        catalog.unpublish(seoul_officer, project, "Because")
    assert refused.value.status_code == 403


def test_the_review_queue_is_the_secretariats_oldest_first(secretariat, seoul_officer):
    first = make.project(title="First")
    second = make.project(title="Second")
    catalog.submit(seoul_officer, second)
    catalog.submit(seoul_officer, first)
    assert list(catalog.review_queue(secretariat)) == [second, first]
    assert not catalog.review_queue(seoul_officer).exists()


# --- Who sees what ---------------------------------------------------------------------------


def test_a_draft_is_seen_by_its_city_and_the_secretariat_only(
    seoul_officer, makati_officer, secretariat, citizen
):
    draft = make.project()
    assert catalog.get_project(seoul_officer, draft.pk) == draft
    assert catalog.get_project(secretariat, draft.pk) == draft
    for stranger in (makati_officer, citizen, None):
        with pytest.raises(NotFound):
            catalog.get_project(stranger, draft.pk)


def test_a_published_project_is_seen_by_everyone(citizen):
    published = make.project(state=State.PUBLISHED)
    assert catalog.get_project(citizen, published.pk) == published
    assert catalog.get_project(None, published.pk) == published


# --- Files -----------------------------------------------------------------------------------


def test_an_image_is_stored_re_encoded_and_a_pdf_as_it_is(seoul_officer):
    project = make.project()
    image = catalog.add_file(
        seoul_officer, project, make.png("plaza.PNG"), kind="image", caption="The plaza"
    )
    document = catalog.add_file(seoul_officer, project, make.pdf(), kind="document")
    assert (image.content_type, image.name, image.caption) == (
        "image/png",
        "plaza.png",
        "The plaza",
    )
    assert image.file.read().startswith(b"\x89PNG")
    assert (document.content_type, document.name) == ("application/pdf", "plan.pdf")
    assert AuditEvent.objects.filter(verb="add_catalog_file").count() == 2


def test_a_png_that_is_really_text_is_refused(seoul_officer):
    project = make.project()
    fake = SimpleUploadedFile("plaza.png", b"just some text, not an image", "image/png")
    with pytest.raises(DomainError, match="not a PNG, JPEG or WebP") as refused:
        catalog.add_file(seoul_officer, project, fake, kind="image")
    assert refused.value.status_code == 415
    assert not ProjectFile.objects.exists()


def test_a_pdf_named_document_that_is_an_image_is_refused(seoul_officer):
    fake = SimpleUploadedFile("plan.pdf", make.png_bytes(), "application/pdf")
    with pytest.raises(DomainError, match="not a PDF"):
        catalog.add_file(seoul_officer, make.project(), fake, kind="document")


def test_a_gif_is_not_an_accepted_image(seoul_officer):
    gif = SimpleUploadedFile("anim.gif", b"GIF89a" + b"\x00" * 30, "image/gif")
    with pytest.raises(DomainError, match="not a PNG, JPEG or WebP"):
        catalog.add_file(seoul_officer, make.project(), gif, kind="image")


def test_a_webp_image_is_accepted(seoul_officer):
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, format="WEBP")
    upload = SimpleUploadedFile("photo.webp", out.getvalue(), "image/webp")
    item = catalog.add_file(seoul_officer, make.project(), upload, kind="image")
    assert (item.content_type, item.name) == ("image/jpeg", "photo.jpg")


def test_a_file_over_the_limit_is_refused(seoul_officer, monkeypatch):
    monkeypatch.setattr(catalog, "MAX_DOCUMENT_BYTES", 10)
    with pytest.raises(DomainError, match="the limit is") as refused:
        catalog.add_file(seoul_officer, make.project(), make.pdf(), kind="document")
    assert refused.value.status_code == 413


def test_another_citys_officer_cannot_add_or_remove_files(seoul_officer, makati_officer):
    project = make.project(state=State.PUBLISHED)
    item = catalog.add_file(seoul_officer, project, make.pdf(), kind="document")
    with pytest.raises(PermissionDenied):
        catalog.add_file(makati_officer, project, make.pdf(), kind="document")
    with pytest.raises(PermissionDenied):
        catalog.remove_file(makati_officer, item)
    catalog.remove_file(seoul_officer, item)
    assert not ProjectFile.objects.exists()
    with pytest.raises(NotFound):
        catalog.remove_file(seoul_officer, item)


def test_a_draft_files_are_not_found_by_strangers(seoul_officer, makati_officer):
    project = make.project()
    item = catalog.add_file(seoul_officer, project, make.pdf(), kind="document")
    assert catalog.get_file(seoul_officer, project.pk, item.pk) == item
    with pytest.raises(NotFound):
        catalog.get_file(makati_officer, project.pk, item.pk)
    with pytest.raises(NotFound):
        catalog.get_file(None, project.pk, item.pk)


# --- Award winners ---------------------------------------------------------------------------


def test_an_officer_adds_their_citys_award_winner_once(seoul_officer):
    placement = make.placement()
    assert [p.id for p in catalog.winners_to_add(seoul_officer)] == [placement.pk]
    made = catalog.add_winner(seoul_officer, placement.pk)
    assert (made.title, made.award_placement_ref, made.state) == (
        "Seoul Smart Bus",
        placement.pk,
        State.DRAFT,
    )
    assert made.network == Network.objects.get(slug="wego")
    assert placement.pk not in [p.id for p in catalog.winners_to_add(seoul_officer)]
    with pytest.raises(DomainError, match="already in the catalog") as refused:
        catalog.add_winner(seoul_officer, placement.pk)
    assert refused.value.status_code == 409
    assert Project.objects.filter(award_placement_ref=placement.pk).count() == 1
    assert [p.id for p in catalog.placements_of(made)] == [placement.pk]


def test_the_database_keeps_a_winner_in_the_catalog_once(seoul_officer, monkeypatch):
    placement = make.placement()
    catalog.add_winner(seoul_officer, placement.pk)
    # Were the check under the lock passed by (a draft made another way meanwhile), the
    # database refuses the second draft and the person is told why, not shown an error.
    real = catalog._refuse_a_second_winner
    calls: list[int] = []

    def check_after_the_first(pk: int) -> None:
        calls.append(pk)
        if len(calls) > 1:
            real(pk)

    monkeypatch.setattr(catalog, "_refuse_a_second_winner", check_after_the_first)
    with pytest.raises(DomainError, match="already in the catalog"):
        catalog.add_winner(seoul_officer, placement.pk)
    assert len(calls) == 2  # the first check let it by; the database stopped it
    assert Project.objects.filter(award_placement_ref=placement.pk).count() == 1


def test_an_officer_cannot_add_another_citys_winner(makati_officer):
    placement = make.placement()
    with pytest.raises(PermissionDenied):
        catalog.add_winner(makati_officer, placement.pk)
    assert not Project.objects.filter(award_placement_ref=placement.pk).exists()


def test_a_placement_of_unpublished_results_cannot_be_added(seoul_officer):
    from intercity.awards.models import Edition, Stage

    placement = make.placement()
    Edition.objects.filter(pk=placement.edition_id).update(stage=Stage.DECIDED)
    with pytest.raises(NotFound):
        catalog.add_winner(seoul_officer, placement.pk)
    with pytest.raises(NotFound):
        catalog.add_winner(seoul_officer, 987654)


def test_without_the_awards_module_there_are_no_winners(seoul_officer, monkeypatch):
    placement = make.placement()
    monkeypatch.setattr(catalog, "_awards_installed", lambda: False)
    assert catalog.winners_to_add(seoul_officer) == []
    with pytest.raises(NotFound):
        catalog.add_winner(seoul_officer, placement.pk)
