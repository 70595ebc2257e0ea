"""The set-up API as Seoul's CPS administrator uses it (session or API token), and what it
tells everyone else: 401 signed out, 403 not the city's administrator, 404, 409, 422.
Open311's services.json shows each change at once."""

from __future__ import annotations

import json

import pytest

from intercity.accounts import services as accounts
from intercity.core.models import AuditEvent
from intercity.participation.models import Department, Service
from intercity.participation.tests.factories import admin_of, makati_jurisdiction, officer_of

pytestmark = pytest.mark.django_db

BASE = "/api/v1/cps/seoul"

SINKHOLE = {
    "service_code": "sinkhole",
    "service_name": "싱크홀",
    "service_name_translations": {"en": "Sinkhole"},
    "description": "땅이 꺼진 곳",
    "group": "도로",
    "keywords": ["hole", "ground"],
    "target_hours": 24,
    "attributes": [
        {
            "code": "size",
            "datatype": "singlevaluelist",
            "description": "얼마나 큰가요?",
            "required": True,
            "values": [{"key": "small", "name": "작음"}, {"key": "big", "name": "큼"}],
        }
    ],
}


def post(client, path, data, **headers):
    return client.post(path, json.dumps(data), content_type="application/json", **headers)


def patch(client, path, data, **headers):
    return client.patch(path, json.dumps(data), content_type="application/json", **headers)


@pytest.fixture
def as_minsu(client, minsu):
    client.force_login(minsu)
    return client


def open311_services(client, language="en"):
    response = client.get("/open311/v2/seoul/services.json", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return {s["service_code"]: s for s in response.json()}


def test_the_administrator_creates_a_service_that_open311_lists_at_once(as_minsu, seoul):
    roads = seoul.departments.get(name="Road Management")
    response = post(as_minsu, f"{BASE}/services", {**SINKHOLE, "department": roads.pk})

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["service_code"] == "sinkhole"
    assert body["service_name_translations"] == {"en": "Sinkhole", "ko": "싱크홀"}
    assert body["department"] == roads.pk
    assert body["metadata"] is True
    assert body["attributes"][0]["values"] == [
        {"key": "small", "name": "작음"},
        {"key": "big", "name": "큼"},
    ]
    assert open311_services(as_minsu, "ko")["sinkhole"]["service_name"] == "싱크홀"
    assert open311_services(as_minsu, "en")["sinkhole"]["service_name"] == "Sinkhole"
    definition = as_minsu.get("/open311/v2/seoul/services/sinkhole.json").json()
    assert definition["attributes"][0]["code"] == "size"


def test_the_administrator_lists_and_reads_services_withdrawn_ones_too(as_minsu, seoul):
    Service.objects.filter(jurisdiction=seoul, code="graffiti").update(active=False)
    listed = {s["service_code"]: s for s in as_minsu.get(f"{BASE}/services").json()}
    assert listed["graffiti"]["active"] is False
    assert listed["pothole"]["service_name_translations"]["ko"] == "도로 파임 또는 파손"
    one = as_minsu.get(f"{BASE}/services/pothole").json()
    assert one["keywords"] == ["road", "asphalt"]
    assert one["target_hours"] == 72


def test_a_patch_changes_what_it_names_and_open311_shows_it(as_minsu, seoul):
    response = patch(
        as_minsu,
        f"{BASE}/services/pothole",
        {"service_name_translations": {"en": "Road damage"}, "target_hours": 12},
    )
    assert response.status_code == 200, response.content
    assert response.json()["service_name_translations"]["ko"] == "도로 파임 또는 파손"
    assert open311_services(as_minsu)["pothole"]["service_name"] == "Road damage"

    response = patch(as_minsu, f"{BASE}/services/pothole", {"active": False})
    assert response.json()["active"] is False
    assert "pothole" not in open311_services(as_minsu)
    assert as_minsu.get("/open311/v2/seoul/services/pothole.json").status_code == 404
    assert AuditEvent.objects.filter(verb="update_service").count() == 2


def test_a_patch_of_the_questions_sets_them_as_a_whole(as_minsu, seoul):
    post(as_minsu, f"{BASE}/services", SINKHOLE)
    depth = {"code": "depth", "datatype": "number", "description": "깊이(cm)?", "order": 0}
    size = {**SINKHOLE["attributes"][0], "order": 1}
    response = patch(as_minsu, f"{BASE}/services/sinkhole", {"attributes": [size, depth]})
    assert [a["code"] for a in response.json()["attributes"]] == ["depth", "size"]
    response = patch(as_minsu, f"{BASE}/services/sinkhole", {"attributes": []})
    assert response.json()["attributes"] == []
    assert response.json()["metadata"] is False


def test_an_api_token_acts_as_its_administrator(client, minsu):
    _token, secret = accounts.create_api_token(minsu, "set-up script")
    response = client.get(f"{BASE}/services", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200
    response = post(
        client, f"{BASE}/departments", {"name": "안전과"}, HTTP_AUTHORIZATION=f"Bearer {secret}"
    )
    assert response.status_code == 201


@pytest.mark.parametrize(
    ("change", "status"),
    [
        ({"service_code": "pothole"}, 409),
        ({"service_code": "bad code"}, 422),
        ({"target_hours": 0}, 422),
        ({"target_hours": 10**6}, 422),
        ({"keywords": "not a list"}, 422),
        ({"service_name": "", "service_name_translations": {"en": "Only English"}}, 422),
        ({"service_name_translations": {"klingon": "x"}}, 422),
        ({"department": 999_999}, 422),
        ({"type": "sometimes"}, 422),
        (
            {"attributes": [{"code": "size", "datatype": "singlevaluelist", "description": "?"}]},
            422,
        ),
    ],
)
def test_a_bad_service_is_refused_with_its_reason(as_minsu, change, status):
    response = post(as_minsu, f"{BASE}/services", {**SINKHOLE, **change})
    assert response.status_code == status, response.content
    assert response.json()["detail"]
    assert not Service.objects.filter(code="sinkhole").exists()


def test_a_reported_code_cannot_change(as_minsu, seoul):
    from intercity.participation import services
    from intercity.participation.tests.factories import IN_SEOUL

    services.submit_report(
        seoul,
        services.Submission(
            service_code="pothole",
            description="A deep hole",
            latitude=IN_SEOUL[0],
            longitude=IN_SEOUL[1],
        ),
    )
    response = patch(as_minsu, f"{BASE}/services/pothole", {"service_code": "road-hole"})
    assert response.status_code == 409
    assert "pothole" in response.json()["detail"]


def test_departments_are_listed_created_and_changed(as_minsu, seoul):
    listed = as_minsu.get(f"{BASE}/departments").json()
    assert {d["name"] for d in listed} >= {"Road Management", "Sanitation"}
    response = post(
        as_minsu,
        f"{BASE}/departments",
        {"name": "안전총괄과", "name_translations": {"en": "Safety"}, "email": "safety@x.example"},
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["name_translations"] == {"en": "Safety", "ko": "안전총괄과"}
    path = f"{BASE}/departments/{created['id']}"
    assert as_minsu.get(path).json()["email"] == "safety@x.example"
    response = patch(as_minsu, path, {"email": "safety@cps.seoul.example"})
    assert response.json()["email"] == "safety@cps.seoul.example"
    assert response.json()["name"] == "Safety"

    assert post(as_minsu, f"{BASE}/departments", {"name": "도로관리과"}).status_code == 409
    assert post(as_minsu, f"{BASE}/departments", {"name": "x", "email": "no"}).status_code == 400
    assert patch(as_minsu, path, {"email": "x" * 300}).status_code == 422


def test_signed_out_is_401_everywhere(client, seoul):
    pothole = Service.objects.get(jurisdiction=seoul, code="pothole")
    department = Department.objects.filter(jurisdiction=seoul).first()
    for method, path in [
        (client.get, f"{BASE}/services"),
        (client.get, f"{BASE}/services/{pothole.code}"),
        (client.get, f"{BASE}/departments"),
        (client.get, f"{BASE}/departments/{department.pk}"),
    ]:
        assert method(path).status_code == 401
    assert post(client, f"{BASE}/services", SINKHOLE).status_code == 401
    assert patch(client, f"{BASE}/services/pothole", {"active": False}).status_code == 401
    assert post(client, f"{BASE}/departments", {"name": "x"}).status_code == 401
    assert Service.objects.get(pk=pothole.pk).active


def test_anyone_but_the_citys_administrator_is_403(client, seoul, jiwoo, secretariat):
    makati_jurisdiction()
    strangers = [jiwoo, officer_of("seoul-officer", "seoul"), admin_of("m-admin", "makati")]
    for stranger in [*strangers, secretariat]:
        client.force_login(stranger)
        assert client.get(f"{BASE}/services").status_code == 403
        assert client.get(f"{BASE}/services/pothole").status_code == 403
        assert client.get(f"{BASE}/departments").status_code == 403
        assert post(client, f"{BASE}/services", SINKHOLE).status_code == 403
        assert patch(client, f"{BASE}/services/pothole", {"active": False}).status_code == 403
    assert Service.objects.get(jurisdiction=seoul, code="pothole").active
    assert not Service.objects.filter(code="sinkhole").exists()


def test_another_citys_rows_and_unknown_ones_are_404(as_minsu, seoul):
    makati = makati_jurisdiction()
    theirs = Department.objects.create(jurisdiction=makati, name="Engineering")
    assert as_minsu.get(f"{BASE}/departments/{theirs.pk}").status_code == 404
    assert patch(as_minsu, f"{BASE}/departments/{theirs.pk}", {"email": ""}).status_code == 404
    assert as_minsu.get(f"{BASE}/services/no-such").status_code == 404
    assert as_minsu.get("/api/v1/cps/atlantis/services").status_code == 404
    # Makati's own services are not Seoul's administrator's to read.
    assert as_minsu.get("/api/v1/cps/makati/services").status_code == 403


def test_the_endpoints_are_in_the_api_document(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"get", "post"} <= set(paths["/api/v1/cps/{city}/services"])
    assert {"get", "patch"} <= set(paths["/api/v1/cps/{city}/services/{code}"])
    assert {"get", "post"} <= set(paths["/api/v1/cps/{city}/departments"])
    assert {"get", "patch"} <= set(paths["/api/v1/cps/{city}/departments/{department_id}"])
