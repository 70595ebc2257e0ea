"""Min-su, Seoul's CPS administrator, sets up the city's services, their questions and its
departments; intake meets each change on the next report. Nobody else may, and nothing
half-made is saved."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.utils import translation

from intercity.core.errors import DomainError, NotFound, PermissionDenied
from intercity.core.models import AuditEvent
from intercity.participation import catalogue, rules, services, setup
from intercity.participation.models import Department, Report, Service, ServiceAttribute
from intercity.participation.tests.factories import (
    IN_SEOUL,
    admin_of,
    makati_jurisdiction,
    officer_of,
)

pytestmark = pytest.mark.django_db

SIZE = setup.AttributeFields(
    code="size",
    description="How big is it?",
    datatype="singlevaluelist",
    required=True,
    values=[{"key": "small", "name": "Smaller than a hand"}, {"key": "big", "name": "Bigger"}],
)


def sinkhole(**overrides):
    fields = {
        "code": "sinkhole",
        "names": {"ko": "싱크홀", "en": "Sinkhole"},
        "groups": {"ko": "도로", "en": "Streets"},
        "keywords": ["hole", " Hole ", "ground"],
        "target_hours": 24,
    }
    return setup.ServiceFields(**{**fields, **overrides})


def file(seoul, code="sinkhole", **attributes):
    return services.submit_report(
        seoul,
        services.Submission(
            service_code=code,
            description="The ground gave way by the bus stop",
            latitude=IN_SEOUL[0],
            longitude=IN_SEOUL[1],
            attributes=attributes,
        ),
    )


def refused(call, status):
    with pytest.raises(DomainError) as caught:
        call()
    assert caught.value.status_code == status, caught.value.message
    return caught.value.message


@override_settings(CPS_CATALOGUE_SECONDS=3600)  # no expiry may stand in for the invalidation
def test_a_new_service_with_a_question_is_offered_to_intake_at_once(seoul, minsu):
    assert "sinkhole" not in catalogue.of(seoul).services
    roads = seoul.departments.get(name="Road Management")
    service = setup.create_service(minsu, seoul, sinkhole(department_id=roads.pk), [SIZE])

    assert "sinkhole" in catalogue.of(seoul).services
    assert service.keywords == ["hole", "ground"]  # trimmed, repeats dropped
    with translation.override("ko"):
        assert Service.objects.get(pk=service.pk).name == "싱크홀"
    report = file(seoul, size="big")
    assert report.department == roads
    assert report.attributes == {"size": "big"}
    event = AuditEvent.objects.get(verb="create_service")
    assert event.actor == minsu
    assert event.after["names"] == {"en": "Sinkhole", "ko": "싱크홀"}


def test_a_korean_name_alone_is_also_the_name_read_where_no_english_is_written(seoul, minsu):
    service = setup.create_service(minsu, seoul, sinkhole(names={"ko": "싱크홀"}))
    assert service.name_ko == "싱크홀"
    assert Service.objects.get(pk=service.pk).name == "싱크홀"  # the original column
    # Renamed in Korean, the copy follows; an English name written later stays its own.
    service = setup.update_service(minsu, service, names={"ko": "지반 침하"})
    assert service.name_en == "지반 침하"
    service = setup.update_service(minsu, service, names={"en": "Sinkhole"})
    service = setup.update_service(minsu, service, names={"ko": "싱크홀"})
    assert (service.name_en, service.name_ko) == ("Sinkhole", "싱크홀")


def test_the_name_in_the_citys_main_language_is_needed(seoul, minsu):
    message = refused(
        lambda: setup.create_service(minsu, seoul, sinkhole(names={"en": "Sinkhole"})), 422
    )
    assert "한국어" in message
    assert not Service.objects.filter(code="sinkhole").exists()


@pytest.mark.parametrize(
    ("overrides", "status"),
    [
        ({"code": "no spaces"}, 422),
        ({"code": ""}, 422),
        ({"code": "x" * 61}, 422),
        ({"target_hours": 0}, 422),
        ({"target_hours": rules.MAX_TARGET_HOURS + 1}, 422),
        ({"keywords": ["k" * 51]}, 422),
        ({"keywords": [f"k{n}" for n in range(21)]}, 422),
        ({"names": {"ko": "싱크홀", "xx": "?"}}, 422),
        ({"kind": "sometimes"}, 422),
        ({"department_id": 10**9}, 422),
        ({"code": "pothole"}, 409),
    ],
)
def test_a_bad_service_is_refused_and_nothing_is_saved(seoul, minsu, overrides, status):
    before = Service.objects.count()
    refused(lambda: setup.create_service(minsu, seoul, sinkhole(**overrides)), status)
    assert Service.objects.count() == before
    assert not AuditEvent.objects.filter(verb="create_service").exists()


def test_a_bad_question_refuses_the_whole_new_service(seoul, minsu):
    no_choices = setup.AttributeFields(code="size", description="Size?", datatype="multivaluelist")
    refused(lambda: setup.create_service(minsu, seoul, sinkhole(), [no_choices]), 422)
    assert not Service.objects.filter(code="sinkhole").exists()


def test_a_service_cannot_route_to_another_citys_department(seoul, minsu):
    makati = makati_jurisdiction()
    theirs = Department.objects.create(jurisdiction=makati, name="Engineering")
    message = refused(
        lambda: setup.create_service(minsu, seoul, sinkhole(department_id=theirs.pk)), 422
    )
    assert str(theirs.pk) in message


def test_only_the_citys_administrator_sets_it_up(seoul, minsu, jiwoo):
    makati_admin = admin_of("makati-admin", "makati")
    officer = officer_of("seoul-officer", "seoul")
    for stranger in (jiwoo, makati_admin, officer):
        with pytest.raises(PermissionDenied):
            setup.create_service(stranger, seoul, sinkhole())
        with pytest.raises(PermissionDenied):
            setup.create_department(stranger, seoul, {"ko": "안전과"})
    pothole = Service.objects.get(jurisdiction=seoul, code="pothole")
    with pytest.raises(PermissionDenied):
        setup.update_service(jiwoo, pothole, active=False)
    assert Service.objects.get(pk=pothole.pk).active


@override_settings(CPS_CATALOGUE_SECONDS=3600)
def test_a_withdrawn_service_takes_no_new_report_at_once_and_keeps_its_reports(seoul, minsu):
    report = file(seoul, code="pothole")
    assert "pothole" in catalogue.of(seoul).services
    pothole = Service.objects.get(jurisdiction=seoul, code="pothole")
    setup.update_service(minsu, pothole, active=False)

    assert "pothole" not in catalogue.of(seoul).services
    with pytest.raises(DomainError):
        file(seoul, code="pothole")
    assert Report.objects.filter(pk=report.pk, service=pothole).exists()
    event = AuditEvent.objects.get(verb="update_service")
    assert (event.before, event.after) == ({"active": True}, {"active": False})


@override_settings(CPS_CATALOGUE_SECONDS=3600)
def test_a_renamed_service_reaches_intake_at_once(seoul, minsu):
    catalogue.of(seoul)
    pothole = Service.objects.get(jurisdiction=seoul, code="pothole")
    setup.update_service(minsu, pothole, names={"en": "Road damage"}, target_hours=12)
    offered = catalogue.of(seoul).services["pothole"]
    assert (offered.name_en, offered.target_hours) == ("Road damage", 12)


def test_the_code_is_fixed_once_a_report_carries_it(seoul, minsu):
    setup.create_service(minsu, seoul, sinkhole())
    service = setup.update_service(minsu, Service.objects.get(code="sinkhole"), code="ground-hole")
    assert service.code == "ground-hole"  # no report yet: it may change
    file(seoul, code="ground-hole")
    refused(lambda: setup.update_service(minsu, service, code="hole"), 409)
    assert Service.objects.get(pk=service.pk).code == "ground-hole"


def test_a_code_another_service_has_is_refused_on_update(seoul, minsu):
    service = setup.create_service(minsu, seoul, sinkhole())
    refused(lambda: setup.update_service(minsu, service, code="pothole"), 409)


def test_questions_are_added_edited_reordered_and_removed(seoul, minsu):
    service = setup.create_service(minsu, seoul, sinkhole())
    size = setup.add_attribute(minsu, service, SIZE)
    depth = setup.add_attribute(
        minsu,
        service,
        setup.AttributeFields(code="depth", description="How deep, in cm?", datatype="number"),
    )
    assert [size.order, depth.order] == [1, 2]

    setup.move_attribute(minsu, depth, -1)
    assert list(service.attributes.order_by("order").values_list("code", flat=True)) == [
        "depth",
        "size",
    ]
    setup.update_attribute(
        minsu,
        size,
        setup.AttributeFields(
            code="size",
            description="How wide is it?",
            datatype="singlevaluelist",
            values=[{"key": "small", "name": "Small"}, {"key": "huge", "name": "Huge"}],
        ),
    )
    size.refresh_from_db()
    assert size.description == "How wide is it?"
    with translation.override("ko"):
        assert [v["key"] for v in ServiceAttribute.objects.get(pk=size.pk).values] == [
            "small",
            "huge",
        ]
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {"add_service_attribute", "update_service_attribute"} <= verbs
    assert "reorder_service_attributes" in verbs


def test_a_removed_question_leaves_the_answers_reports_gave(seoul, minsu):
    service = setup.create_service(minsu, seoul, sinkhole(), [SIZE])
    report = file(seoul, size="small")
    setup.remove_attribute(minsu, service.attributes.get(code="size"))

    assert not service.attributes.exists()
    report.refresh_from_db()
    assert report.attributes == {"size": "small"}
    assert AuditEvent.objects.filter(verb="remove_service_attribute").exists()
    file(seoul)  # no longer asked


@pytest.mark.parametrize(
    ("fields", "status"),
    [
        (setup.AttributeFields(code="a b", description="Q?", datatype="string"), 422),
        (setup.AttributeFields(code="q", description="Q?", datatype="colour"), 422),
        (setup.AttributeFields(code="q", description="", datatype="string"), 422),
        (
            setup.AttributeFields(
                code="q", description="Q?", datatype="string", values=[{"key": "a", "name": "A"}]
            ),
            422,
        ),
        (
            setup.AttributeFields(
                code="q",
                description="Q?",
                datatype="singlevaluelist",
                values=[{"key": "a", "name": "A"}, {"key": "a", "name": "B"}],
            ),
            422,
        ),
        (SIZE, 409),
    ],
)
def test_a_bad_question_is_refused(seoul, minsu, fields, status):
    service = setup.create_service(minsu, seoul, sinkhole(), [SIZE])
    refused(lambda: setup.add_attribute(minsu, service, fields), status)
    assert service.attributes.count() == 1


def test_the_code_of_an_answered_question_is_fixed(seoul, minsu):
    service = setup.create_service(minsu, seoul, sinkhole(), [SIZE])
    file(seoul, size="big")
    size = service.attributes.get()
    renamed = setup.AttributeFields(**{**SIZE.__dict__, "code": "width"})
    refused(lambda: setup.update_attribute(minsu, size, renamed), 409)


def test_the_questions_can_be_set_as_a_whole(seoul, minsu):
    service = setup.create_service(minsu, seoul, sinkhole(), [SIZE])
    depth = setup.AttributeFields(code="depth", description="Depth?", datatype="number")
    setup.set_attributes(minsu, service, [depth, SIZE])
    assert list(service.attributes.order_by("order").values_list("code", flat=True)) == [
        "depth",
        "size",
    ]
    setup.set_attributes(minsu, service, [depth])
    assert list(service.attributes.values_list("code", flat=True)) == ["depth"]
    refused(lambda: setup.set_attributes(minsu, service, [depth, depth]), 422)


def test_a_department_is_created_and_changed(seoul, minsu):
    department = setup.create_department(
        minsu, seoul, {"ko": "안전총괄과", "en": "Safety"}, "safety@cps.seoul.example"
    )
    with translation.override("ko"):
        assert Department.objects.get(pk=department.pk).name == "안전총괄과"
    setup.update_department(minsu, department, email="safety2@cps.seoul.example")
    department.refresh_from_db()
    assert department.email == "safety2@cps.seoul.example"
    assert department.name_en == "Safety"
    verbs = list(AuditEvent.objects.values_list("verb", flat=True))
    assert verbs.count("create_department") == verbs.count("update_department") == 1


def test_a_bad_department_is_refused(seoul, minsu):
    refused(lambda: setup.create_department(minsu, seoul, {"en": "Road Management"}), 422)
    refused(
        lambda: setup.create_department(
            minsu, seoul, {"ko": "도로관리과", "en": "Road Management"}
        ),
        409,
    )
    refused(lambda: setup.create_department(minsu, seoul, {"ko": "안전과"}, "not an address"), 400)
    assert not Department.objects.filter(name_ko="안전과").exists()


def test_another_citys_department_or_service_is_not_found(seoul, minsu):
    makati = makati_jurisdiction()
    theirs = Department.objects.create(jurisdiction=makati, name="Engineering")
    with pytest.raises(NotFound):
        setup.department_of(seoul, theirs.pk)
    with pytest.raises(NotFound):
        setup.service_of(seoul, "no-such-service")


def test_every_action_tells_the_other_processes_through_the_shared_mark(seoul, minsu):
    """Another process empties its catalogue when the shared mark changes (REDIS_URL shares
    it: test_several_servers.py shows a mark crossing processes)."""
    marks = [catalogue.shared.mark(catalogue.MARK)]
    service = setup.create_service(minsu, seoul, sinkhole())
    marks.append(catalogue.shared.mark(catalogue.MARK))
    setup.add_attribute(minsu, service, SIZE)
    marks.append(catalogue.shared.mark(catalogue.MARK))
    setup.reorder_attributes(minsu, service, ["size"])  # rows updated without their signals
    marks.append(catalogue.shared.mark(catalogue.MARK))
    setup.update_department(minsu, seoul.departments.first(), email="x@cps.seoul.example")
    marks.append(catalogue.shared.mark(catalogue.MARK))
    assert len(set(marks)) == len(marks)
