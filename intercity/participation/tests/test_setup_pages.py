"""Seoul's set-up pages as Min-su, its CPS administrator, uses them, with and without htmx,
and what they show everyone else: the login page, or 403 (404 for what is not Seoul's)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from intercity.core.models import AuditEvent
from intercity.participation.models import Department, Service
from intercity.participation.tests.factories import admin_of, makati_jurisdiction, officer_of

pytestmark = pytest.mark.django_db


def url(name, *args, slug="seoul"):
    return reverse(name, args=[slug, *args])


def text(response):
    return response.content.decode()


@pytest.fixture
def as_minsu(client, minsu):
    client.force_login(minsu)
    return client


SERVICE_FORM = {
    "code": "sinkhole",
    "name__ko": "싱크홀",
    "name__en": "Sinkhole",
    "group__ko": "도로",
    "group__en": "Streets",
    "description__ko": "",
    "description__en": "",
    "keywords": "hole, ground",
    "department": "",
    "target_hours": "24",
    "active": "on",
}

QUESTION = {
    "new-code": "size",
    "new-description": "How big is it?",
    "new-datatype": "singlevaluelist",
    "new-required": "on",
    "new-datatype_description": "",
    "new-values": "small: Smaller than a hand\nbig: Bigger than a hand",
}


def test_the_administrator_finds_the_setup_from_the_start_page_and_the_queue(as_minsu):
    start = text(as_minsu.get(reverse("start")))
    assert url("cps_setup") in start
    queue = text(as_minsu.get(url("cps_queue")))
    assert url("cps_setup") in queue
    index = text(as_minsu.get(url("cps_setup")))
    assert url("cps_setup_services") in index
    assert url("cps_setup_departments") in index


def test_staff_who_do_not_administer_see_no_setup_link(client, jiwoo):
    client.force_login(jiwoo)
    assert url("cps_setup") not in text(client.get(reverse("start")))
    assert url("cps_setup") not in text(client.get(url("cps_queue")))


def test_a_service_is_added_from_its_form(as_minsu, seoul):
    roads = seoul.departments.get(name="Road Management")
    assert 'lang="ko"' in text(as_minsu.get(url("cps_setup_service_new")))
    response = as_minsu.post(
        url("cps_setup_service_new"), {**SERVICE_FORM, "department": str(roads.pk)}
    )
    assert response.status_code == 302
    assert response["Location"] == url("cps_setup_service", "sinkhole")
    service = Service.objects.get(jurisdiction=seoul, code="sinkhole")
    assert (service.name_ko, service.name_en, service.department) == ("싱크홀", "Sinkhole", roads)
    assert service.keywords == ["hole", "ground"]
    listed = text(as_minsu.get(url("cps_setup_services")))
    assert "Sinkhole" in listed
    assert "<code>sinkhole</code>" in listed


def test_a_bad_service_comes_back_with_its_reason_and_nothing_saved(as_minsu, seoul):
    response = as_minsu.post(url("cps_setup_service_new"), {**SERVICE_FORM, "code": "pothole"})
    assert response.status_code == 400
    assert "already has a service with the code" in text(response)
    response = as_minsu.post(url("cps_setup_service_new"), {**SERVICE_FORM, "name__ko": ""})
    assert response.status_code == 400
    response = as_minsu.post(url("cps_setup_service_new"), {**SERVICE_FORM, "target_hours": "0"})
    assert response.status_code == 400
    assert not Service.objects.filter(code="sinkhole").exists()


def test_a_service_is_edited_and_withdrawn(as_minsu, seoul):
    page = text(as_minsu.get(url("cps_setup_service", "pothole")))
    assert "도로 파임 또는 파손" in page
    form = {**SERVICE_FORM, "code": "pothole", "name__ko": "도로 파손", "name__en": "Road damage"}
    del form["active"]
    response = as_minsu.post(url("cps_setup_service", "pothole"), form)
    assert response.status_code == 302
    pothole = Service.objects.get(jurisdiction=seoul, code="pothole")
    assert (pothole.name_ko, pothole.active) == ("도로 파손", False)
    assert AuditEvent.objects.filter(verb="update_service", actor=as_minsu_user(seoul)).exists()


def as_minsu_user(seoul):
    from intercity.accounts.models import User

    return User.objects.get(username="minsu")


def test_a_question_is_added_edited_moved_and_removed_without_javascript(as_minsu, seoul):
    as_minsu.post(url("cps_setup_service_new"), SERVICE_FORM)
    service = Service.objects.get(code="sinkhole")
    response = as_minsu.post(url("cps_setup_question_add", "sinkhole"), QUESTION)
    assert response.status_code == 302
    assert response["Location"].endswith("#questions")
    depth = {**QUESTION, "new-code": "depth", "new-datatype": "number", "new-values": ""}
    as_minsu.post(url("cps_setup_question_add", "sinkhole"), depth)
    size, deep = service.attributes.order_by("order")
    assert size.values == [
        {"key": "small", "name": "Smaller than a hand"},
        {"key": "big", "name": "Bigger than a hand"},
    ]
    as_minsu.post(url("cps_setup_question", "sinkhole", deep.pk), {"action": "up"})
    assert list(service.attributes.order_by("order").values_list("code", flat=True)) == [
        "depth",
        "size",
    ]
    edit = {
        f"q{size.pk}-code": "size",
        f"q{size.pk}-description": "How wide?",
        f"q{size.pk}-datatype": "string",
        f"q{size.pk}-values": "",
        "action": "save",
    }
    assert as_minsu.post(url("cps_setup_question", "sinkhole", size.pk), edit).status_code == 302
    size.refresh_from_db()
    assert (size.description, size.datatype, size.values) == ("How wide?", "string", [])
    as_minsu.post(url("cps_setup_question", "sinkhole", size.pk), {"action": "remove"})
    assert list(service.attributes.values_list("code", flat=True)) == ["depth"]


def test_with_htmx_the_questions_are_drawn_again_in_place(as_minsu, seoul):
    as_minsu.post(url("cps_setup_service_new"), SERVICE_FORM)
    response = as_minsu.post(
        url("cps_setup_question_add", "sinkhole"), QUESTION, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    body = text(response)
    assert body.startswith('<section id="questions"')
    assert "<html" not in body
    assert "How big is it?" in body
    assert "The question is added." in body  # told in the fragment, as the page would
    bad = {**QUESTION, "new-values": "no colon here"}
    response = as_minsu.post(url("cps_setup_question_add", "sinkhole"), bad, HTTP_HX_REQUEST="true")
    assert response.status_code == 200  # htmx swaps only a 2xx answer in
    assert "Nothing was saved." in text(response)
    assert "has no colon" in text(response)
    assert Service.objects.get(code="sinkhole").attributes.count() == 1


def test_a_list_question_without_choices_is_refused(as_minsu, seoul):
    as_minsu.post(url("cps_setup_service_new"), SERVICE_FORM)
    response = as_minsu.post(
        url("cps_setup_question_add", "sinkhole"), {**QUESTION, "new-values": ""}
    )
    assert response.status_code == 400
    assert "at least one choice" in text(response)
    assert not Service.objects.get(code="sinkhole").attributes.exists()


def test_departments_are_added_and_edited(as_minsu, seoul):
    response = as_minsu.post(
        url("cps_setup_departments"),
        {"name__ko": "안전총괄과", "name__en": "Safety", "email": "safety@cps.seoul.example"},
    )
    assert response.status_code == 302
    safety = Department.objects.get(jurisdiction=seoul, name="Safety")
    with translation.override("ko"):
        assert Department.objects.get(pk=safety.pk).name == "안전총괄과"
    page = url("cps_setup_department", safety.pk)
    assert "safety@cps.seoul.example" in text(as_minsu.get(page))
    response = as_minsu.post(
        page, {"name__ko": "안전총괄과", "name__en": "Safety", "email": "s@cps.seoul.example"}
    )
    assert response.status_code == 302
    safety.refresh_from_db()
    assert safety.email == "s@cps.seoul.example"
    response = as_minsu.post(url("cps_setup_departments"), {"name__ko": "도로관리과"})
    assert response.status_code == 400
    assert "already has a department" in text(response)


SETUP_PAGES = [
    ("cps_setup", ()),
    ("cps_setup_services", ()),
    ("cps_setup_service_new", ()),
    ("cps_setup_service", ("pothole",)),
    ("cps_setup_departments", ()),
]


@pytest.mark.parametrize(("name", "args"), SETUP_PAGES)
def test_signed_out_visitors_are_sent_to_sign_in(client, seoul, name, args):
    response = client.get(url(name, *args))
    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.parametrize(("name", "args"), SETUP_PAGES)
def test_no_one_but_the_citys_administrator_gets_in(client, seoul, jiwoo, secretariat, name, args):
    makati_jurisdiction()
    for stranger in [
        jiwoo,
        officer_of("seoul-officer", "seoul"),
        admin_of("makati-admin", "makati"),
        secretariat,
    ]:
        client.force_login(stranger)
        assert client.get(url(name, *args)).status_code == 403


def test_a_stranger_cannot_post_a_change(client, seoul, jiwoo):
    client.force_login(jiwoo)
    assert client.post(url("cps_setup_service_new"), SERVICE_FORM).status_code == 403
    pothole = Service.objects.get(jurisdiction=seoul, code="pothole")
    response = client.post(url("cps_setup_service", "pothole"), {**SERVICE_FORM, "code": "pothole"})
    assert response.status_code == 403
    assert Service.objects.get(pk=pothole.pk).name_ko == "도로 파임 또는 파손"
    assert not Service.objects.filter(code="sinkhole").exists()


def test_another_citys_rows_are_not_found_from_seoul(as_minsu, seoul):
    makati = makati_jurisdiction()
    theirs = Department.objects.create(jurisdiction=makati, name="Engineering")
    assert as_minsu.get(url("cps_setup_department", theirs.pk)).status_code == 404
    assert as_minsu.get(url("cps_setup_service", "no-such")).status_code == 404
    assert as_minsu.get(url("cps_setup", slug="atlantis")).status_code == 404
    assert as_minsu.get(url("cps_setup", slug="makati")).status_code == 403


def test_the_setup_index_links_every_page_the_administrator_sets(as_minsu):
    page = text(as_minsu.get(url("cps_setup")))
    for name in (
        "cps_setup_services",
        "cps_setup_departments",
        "cps_setup_workflow",
        "cps_setup_templates",
        "cps_setup_staff",
        "cps_setup_citizens",
        "cps_sharing",
    ):
        assert f'href="{url(name)}"' in page, name
    # Each of them opens for the administrator.
    for name in ("cps_setup_workflow", "cps_setup_templates", "cps_setup_staff"):
        assert as_minsu.get(url(name)).status_code == 200, name
    assert as_minsu.get(url("cps_setup_citizens")).status_code == 200
    assert as_minsu.get(url("cps_sharing")).status_code == 200
