"""The awards pages up to round 1: who may open them, and what each shows and does."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from intercity.awards.models import Application, Category, Edition, Judge, Stage
from intercity.awards.tests import factories_apps as make
from intercity.network.models import Organisation

pytestmark = pytest.mark.django_db

Status = Application.Status


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploaded documents go to a temporary folder, not the checkout's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


PDF = b"%PDF-1.4\n%%EOF\n"


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def edition(wego):
    return make.edition(wego, judges=2)


def test_the_home_lists_editions_by_network_and_hides_drafts_from_the_public(client, wego):
    shown = make.edition(wego, title="Open edition")
    make.edition(wego, stage=Stage.DRAFT, title="Secret draft")
    page = client.get(reverse("awards_home")).content.decode()
    assert "Open edition" in page
    assert "Secret draft" not in page
    assert reverse("awards_edition", args=[shown.pk]) in page


def test_the_edition_page_shows_categories_criteria_terms_and_the_head_of_panel(client, edition):
    head = edition.judges.get(is_head=True)
    page = client.get(reverse("awards_edition", args=[edition.pk])).content.decode()
    for words in ("Open City", "Digital Inclusion", "Innovation", edition.terms, head.name):
        assert words in page
    assert "head of panel" in page
    assert "Start an application" not in page


def test_a_draft_edition_is_404_for_the_public(client, wego):
    draft = make.edition(wego, stage=Stage.DRAFT)
    assert client.get(reverse("awards_edition", args=[draft.pk])).status_code == 404


def test_an_officer_sees_their_city_applications_and_a_start_button_not_others(
    seoul_officer, edition
):
    ours = make.application(edition, title="Seoul's plaza")
    make.application(edition, "makati", title="Makati's portal")
    page = client_of(seoul_officer).get(reverse("awards_edition", args=[edition.pk]))
    text = page.content.decode()
    assert "Seoul's plaza" in text or "Seoul&#x27;s plaza" in text
    assert "Makati" not in text
    assert reverse("awards_application", args=[ours.pk]) in text
    assert "Start an application" in text


def test_an_officer_starts_edits_and_submits_an_application(seoul_officer, edition):
    client = client_of(seoul_officer)
    seoul = Organisation.objects.get(key="seoul")
    category = edition.categories.first()
    response = client.post(
        reverse("awards_application_start", args=[edition.pk]),
        {"organisation": seoul.pk, "category": category.pk, "title": "Open Data Plaza"},
    )
    made = Application.objects.get(title="Open Data Plaza")
    assert response.status_code == 302
    assert made.organisation == seoul
    submit = reverse("awards_application_submit", args=[made.pk])
    assert "how the project came about" in client.get(submit).content.decode()
    response = client.post(
        reverse("awards_application_edit", args=[made.pk]),
        {
            "category": category.pk,
            "title": "Open Data Plaza",
            "summary": "All data",
            "context": "Asked by citizens",
            "impact": "A million downloads",
            "budget": "",
            "website": "",
            "to_submit": "1",
        },
    )
    assert response["Location"] == submit
    client.post(
        reverse("awards_application_edit", args=[made.pk]),
        {
            "category": category.pk,
            "title": "Open Data Plaza",
            "summary": "All data",
            "context": "Asked by citizens",
            "impact": "A million downloads",
            "file": SimpleUploadedFile("plan.pdf", PDF),
            "attach": "1",
        },
    )
    item = made.attachments.get()
    download = client.get(reverse("awards_attachment_file", args=[made.pk, item.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    client.post(submit)
    assert Application.objects.get(pk=made.pk).status == Status.SUBMITTED


def test_a_refused_submission_is_shown_as_a_message(seoul_officer, edition):
    draft = make.application(edition, impact="")
    client = client_of(seoul_officer)
    response = client.post(reverse("awards_application_submit", args=[draft.pk]), follow=True)
    assert "Before submitting, write the impact." in response.content.decode()
    assert Application.objects.get(pk=draft.pk).status == Status.DRAFT


def test_an_officer_of_another_city_gets_404_on_every_application_page(makati_officer, edition):
    draft = make.application(edition)
    item = draft.attachments.create(name="plan.pdf", file=SimpleUploadedFile("plan.pdf", PDF))
    client = client_of(makati_officer)
    for name, args in [
        ("awards_application", [draft.pk]),
        ("awards_application_edit", [draft.pk]),
        ("awards_application_submit", [draft.pk]),
        ("awards_attachment_file", [draft.pk, item.pk]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 404, name
    for name, args in [
        ("awards_application_submit", [draft.pk]),
        ("awards_application_withdraw", [draft.pk]),
        ("awards_attachment_add", [draft.pk]),
        ("awards_attachment_remove", [draft.pk, item.pk]),
    ]:
        assert client.post(reverse(name, args=args)).status_code == 404, name
    assert Application.objects.get(pk=draft.pk).status == Status.DRAFT
    assert draft.attachments.count() == 1


def test_an_anonymous_visitor_is_sent_to_log_in(client, edition):
    draft = make.application(edition)
    for url in (
        reverse("awards_application", args=[draft.pk]),
        reverse("awards_application_start", args=[edition.pk]),
        reverse("awards_screening", args=[edition.pk]),
        reverse("awards_panel", args=[edition.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/accounts/login/" in response["Location"]


def test_an_officer_is_refused_the_secretariat_pages(seoul_officer, edition):
    client = client_of(seoul_officer)
    for name in ("awards_screening", "awards_panel", "awards_categories", "awards_edition_edit"):
        assert client.get(reverse(name, args=[edition.pk])).status_code == 403, name
    response = client.post(
        reverse("awards_edition_stage", args=[edition.pk]), {"action": "close_applications"}
    )
    assert response.status_code == 403
    assert Edition.objects.get(pk=edition.pk).stage == Stage.APPLICATIONS


def test_the_secretariat_creates_an_edition_adds_a_category_and_a_criterion(secretariat, wego):
    client = client_of(secretariat)
    response = client.post(
        reverse("awards_edition_create", args=["wego"]),
        {
            "number": 9,
            "year": 2031,
            "title": "9th Awards",
            "terms": "",
            "score_min": 1,
            "score_max": 10,
            "finalists": 5,
            "votes_per_judge": 2,
            "special_mentions": 1,
        },
    )
    made = Edition.objects.get(year=2031, network=wego)
    assert response["Location"] == reverse("awards_categories", args=[made.pk])
    client.post(reverse("awards_categories", args=[made.pk]), {"name": "Open City"})
    category = Category.objects.get(edition=made)
    client.post(
        reverse("awards_category", args=[category.pk]),
        {"criterion-name": "Impact", "criterion-weight": "2", "add_criterion": "1"},
    )
    assert category.criteria.get().name == "Impact"
    client.post(reverse("awards_edition_stage", args=[made.pk]), {"action": "open_applications"})
    assert Edition.objects.get(pk=made.pk).stage == Stage.APPLICATIONS


def test_a_wrong_edition_is_refused_on_the_form_with_the_reason(secretariat, wego):
    response = client_of(secretariat).post(
        reverse("awards_edition_create", args=["wego"]),
        {
            "number": 9,
            "year": 2032,
            "title": "9th",
            "score_min": 1,
            "score_max": 10,
            "finalists": 3,
            "votes_per_judge": 3,
            "special_mentions": 1,
        },
    )
    assert response.status_code == 400
    assert "fewer than the finalists" in response.content.decode()


def test_the_secretariat_seats_a_judge_and_names_them_head(secretariat, edition):
    from intercity.accounts.tests.factories import UserFactory

    UserFactory(username="cristina")
    client = client_of(secretariat)
    client.post(
        reverse("awards_panel", args=[edition.pk]),
        {"username": "cristina", "name": "Cristina Bueti", "country": "Switzerland"},
    )
    seated = Judge.objects.get(edition=edition, name="Cristina Bueti")
    client.post(reverse("awards_judge_head", args=[seated.pk]))
    assert list(edition.judges.filter(is_head=True)) == [Judge.objects.get(pk=seated.pk)]
    response = client.post(reverse("awards_panel", args=[edition.pk]), {"username": "nobody"})
    assert "No login has this username." in response.content.decode()


def test_the_stage_button_explains_a_refusal(secretariat, wego):
    made = make.edition(wego, stage=Stage.SCREENING, judges=1)
    make.application(made, status=Status.SUBMITTED)
    response = client_of(secretariat).post(
        reverse("awards_edition_stage", args=[made.pk]), {"action": "open_round1"}, follow=True
    )
    assert "1 submitted application is still to screen." in response.content.decode()
    assert Edition.objects.get(pk=made.pk).stage == Stage.SCREENING


def test_the_secretariat_screens_from_the_queue(secretariat, wego):
    made = make.edition(wego, stage=Stage.SCREENING)
    waiting = make.application(made, status=Status.SUBMITTED, title="Waiting project")
    client = client_of(secretariat)
    assert (
        "Waiting project"
        in client.get(reverse("awards_screening", args=[made.pk])).content.decode()
    )
    response = client.post(
        reverse("awards_application_screen", args=[waiting.pk]),
        {"verdict": "ineligible"},
        follow=True,
    )
    assert "Say why" in response.content.decode()
    client.post(
        reverse("awards_application_screen", args=[waiting.pk]),
        {"verdict": "ineligible", "reason": "Not a member city project"},
    )
    assert Application.objects.get(pk=waiting.pk).status == Status.INELIGIBLE
    page = client.get(reverse("awards_application", args=[waiting.pk])).content.decode()
    assert "screened: Ineligible" in page
    assert "sam: Not a member city project" in page


def test_the_organisation_page_shows_applications_to_its_officers_only(
    client, seoul_officer, makati_officer, edition
):
    make.application(edition, title="Seoul plaza project")
    seoul = Organisation.objects.get(key="seoul")
    url = reverse("organisation", args=[seoul.pk])
    assert "Seoul plaza project" in client_of(seoul_officer).get(url).content.decode()
    assert "Seoul plaza project" not in client_of(makati_officer).get(url).content.decode()
    assert "Seoul plaza project" not in client.get(url).content.decode()


def test_the_start_page_lists_drafts_and_the_screening_queue(secretariat, seoul_officer, edition):
    make.application(edition, title="Seoul draft project")
    make.application(edition, "makati", status=Status.SUBMITTED, title="Makati portal")
    assert "Seoul draft project" in client_of(seoul_officer).get(reverse("start")).content.decode()
    staff = client_of(secretariat).get(reverse("start")).content.decode()
    assert "Award applications to screen" in staff
    assert reverse("awards_screening", args=[edition.pk]) in staff


def test_every_set_up_page_opens_for_the_secretariat_and_its_buttons_work(secretariat, edition):
    client = client_of(secretariat)
    open_city, inclusion = edition.categories.order_by("position")
    criterion = open_city.criteria.first()
    head, other = edition.judges.order_by("-is_head", "pk")
    for url in (
        reverse("awards_home"),
        reverse("awards_edition", args=[edition.pk]),
        reverse("awards_edition_edit", args=[edition.pk]),
        reverse("awards_edition_create", args=["wego"]),
        reverse("awards_categories", args=[edition.pk]),
        reverse("awards_category", args=[open_city.pk]),
        reverse("awards_criterion", args=[criterion.pk]),
        reverse("awards_panel", args=[edition.pk]),
        reverse("awards_judge", args=[other.pk]),
        reverse("awards_screening", args=[edition.pk]),
    ):
        assert client.get(url).status_code == 200, url
    client.post(reverse("awards_category_move", args=[inclusion.pk]), {"step": "up"})
    assert list(edition.categories.values_list("code", flat=True)) == [
        "digital-inclusion",
        "open-city",
    ]
    client.post(
        reverse("awards_criterion", args=[criterion.pk]),
        {"name": "Openness", "description": "", "weight": "1.5"},
    )
    assert open_city.criteria.filter(name="Openness").exists()
    client.post(reverse("awards_criterion_remove", args=[criterion.pk]))
    assert not open_city.criteria.filter(pk=criterion.pk).exists()
    client.post(
        reverse("awards_category", args=[open_city.pk]),
        {"name": "Open and Transparent City", "description": "", "save_category": "1"},
    )
    assert Category.objects.get(pk=open_city.pk).name == "Open and Transparent City"
    seoul = Organisation.objects.get(key="seoul")
    client.post(
        reverse("awards_judge", args=[other.pk]),
        {"name": "Marc Wolfram", "organisation": seoul.pk, "categories": [inclusion.pk]},
    )
    changed = Judge.objects.get(pk=other.pk)
    assert changed.organisation == seoul
    assert list(changed.categories.all()) == [inclusion]
    client.post(reverse("awards_judge_unseat", args=[other.pk]))
    assert list(edition.judges.all()) == [head]
    client.post(reverse("awards_category_remove", args=[inclusion.pk]))
    assert list(edition.categories.all()) == [Category.objects.get(pk=open_city.pk)]
    client.post(
        reverse("awards_edition_edit", args=[edition.pk]),
        {
            "number": edition.number,
            "year": edition.year,
            "title": "Renamed edition",
            "terms": "New terms",
            "score_min": 1,
            "score_max": 10,
            "finalists": 5,
            "votes_per_judge": 2,
            "special_mentions": 1,
        },
    )
    assert Edition.objects.get(pk=edition.pk).title == "Renamed edition"


def test_an_officer_withdraws_a_submitted_application(seoul_officer, edition):
    submitted = make.application(edition, status=Status.SUBMITTED)
    client = client_of(seoul_officer)
    page = client.get(reverse("awards_application", args=[submitted.pk])).content.decode()
    assert "Withdraw the application" in page
    client.post(reverse("awards_application_withdraw", args=[submitted.pk]), {"reason": "Late"})
    assert Application.objects.get(pk=submitted.pk).status == Status.WITHDRAWN


def test_the_organisation_page_shows_placements_of_published_editions_to_everyone(client, wego):
    from intercity.awards.models import Placement

    seoul = Organisation.objects.get(key="seoul")
    published = make.edition(wego, stage=Stage.PUBLISHED)
    decided = make.edition(wego, stage=Stage.DECIDED)
    Placement.objects.create(
        edition=published,
        category=published.categories.first(),
        place=Placement.Place.GOLD,
        organisation=seoul,
        project="Seoul Public Wi-Fi",
    )
    Placement.objects.create(
        edition=decided,
        category=decided.categories.first(),
        place=Placement.Place.SILVER,
        organisation=seoul,
        project="Not yet announced",
    )
    page = client.get(reverse("organisation", args=[seoul.pk])).content.decode()
    assert "Gold: Seoul Public Wi-Fi" in page
    assert "Not yet announced" not in page


def test_the_edition_and_application_pages_speak_korean(seoul_officer, edition):
    draft = make.application(edition, impact="")
    client = client_of(seoul_officer)
    page = client.get(reverse("awards_edition", args=[edition.pk]), HTTP_ACCEPT_LANGUAGE="ko")
    text = page.content.decode()
    assert "심사위원단" in text
    assert "심사위원장" in text
    assert "Panel of judges" not in text
    refused = client.post(
        reverse("awards_application_submit", args=[draft.pk]),
        HTTP_ACCEPT_LANGUAGE="ko",
        follow=True,
    ).content.decode()
    assert "제출하기 전에 다음을 작성하세요: 성과." in refused
