"""The training actions: applying, the city's endorsement, selection by the rule, attendance,
lessons, the survey and certificates, each with its audit event."""

from __future__ import annotations

import pytest

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.core.errors import DomainError, PermissionDenied
from intercity.core.models import AuditEvent
from intercity.learning.models_training import Application
from intercity.learning.services import classroom
from intercity.learning.services import training as services
from intercity.learning.tests.factories_training import application, open_session

pytestmark = pytest.mark.django_db


def test_an_officer_applies_for_their_own_city_only(seoul_officer):
    session = open_session()
    found = application(seoul_officer, session, "seoul")
    assert found.status == Application.Status.SUBMITTED
    assert AuditEvent.objects.filter(verb="learning.apply", object_id=str(found.pk)).exists()
    with pytest.raises(PermissionDenied):
        application(seoul_officer, session, "nairobi")
    with pytest.raises(DomainError, match="already applied"):
        application(seoul_officer, session, "seoul")


def test_the_applicant_cannot_endorse_their_own_application_but_a_colleague_can(seoul_officer):
    session = open_session()
    found = application(seoul_officer, session, "seoul")
    with pytest.raises(PermissionDenied):
        services.endorse(seoul_officer, found)
    stranger = person("nia", Role.CITY_OFFICER, "nairobi")
    with pytest.raises(PermissionDenied):
        services.endorse(stranger, found)
    colleague = person("minho", Role.CITY_OFFICER, "seoul")
    assert list(services.to_endorse(colleague)) == [found]
    services.endorse(colleague, found)
    found.refresh_from_db()
    assert found.status == Application.Status.ENDORSED
    assert found.endorsed_by == colleague
    with pytest.raises(DomainError, match="not awaiting"):
        services.endorse(colleague, found)


def test_the_secretariat_selects_by_the_rule_and_each_application_keeps_its_reason(secretariat):
    session = open_session(capacity=2, per_city_limit=1)
    seoul_a = application(person("a", Role.CITY_OFFICER, "seoul"), session, "seoul")
    seoul_b = application(person("b", Role.CITY_OFFICER, "seoul"), session, "seoul")
    nairobi = application(person("c", Role.CITY_OFFICER, "nairobi"), session, "nairobi")
    unendorsed = application(person("d", Role.CITY_OFFICER, "maputo"), session, "maputo")
    for found in (seoul_a, seoul_b, nairobi):
        services.endorse(secretariat, found)
    with pytest.raises(PermissionDenied):
        services.select(seoul_a.applicant, session)
    services.select(secretariat, session)
    statuses = {
        a.pk: (a.status, a.decision_reason)
        for a in Application.objects.filter(call__session=session)
    }
    assert statuses[seoul_a.pk][0] == "selected"
    assert statuses[nairobi.pk][0] == "selected"
    assert statuses[seoul_b.pk][0] == "waitlisted"
    assert "already has 1 place," in statuses[seoul_b.pk][1]
    assert statuses[unendorsed.pk][0] == "not_selected"
    assert AuditEvent.objects.filter(verb="learning.select").count() == 4


def test_a_participant_attends_completes_the_lessons_and_gets_one_certificate(
    secretariat, seoul_officer
):
    session = open_session(lessons=2)
    found = application(seoul_officer, session, "seoul")
    services.endorse(secretariat, found)
    services.select(secretariat, session)
    found.refresh_from_db()
    with pytest.raises(DomainError, match="attendance"):
        classroom.issue_certificate(seoul_officer, found)
    services.record_attendance(secretariat, found, True)
    first, second = session.lessons.all()
    classroom.complete_lesson(seoul_officer, first)
    with pytest.raises(DomainError, match="1 of the session's 2 lessons"):
        classroom.issue_certificate(seoul_officer, found)
    classroom.complete_lesson(seoul_officer, second)
    classroom.complete_lesson(seoul_officer, second)  # twice: still one completion
    assert found.completions.count() == 2
    certificate = classroom.issue_certificate(seoul_officer, found)
    assert classroom.issue_certificate(seoul_officer, found) == certificate
    assert classroom.find_certificate(certificate.code.lower().replace("-", "")) == certificate
    assert certificate.city == "Seoul"
    with pytest.raises(PermissionDenied):
        classroom.issue_certificate(person("x", Role.CITY_OFFICER, "seoul"), found)


def test_only_selected_participants_enter_the_classroom(seoul_officer):
    session = open_session()
    application(seoul_officer, session, "seoul")
    with pytest.raises(PermissionDenied):
        classroom.complete_lesson(seoul_officer, session.lessons.first())


def test_the_survey_result_of_a_session_comes_from_its_answers(secretariat, seoul_officer):
    session = open_session()
    found = application(seoul_officer, session, "seoul")
    services.endorse(secretariat, found)
    services.select(secretariat, session)
    found.refresh_from_db()
    ratings = {"lecture_contents": 5, "lecturers": 4, "accommodation": 3, "visits": 4}
    with pytest.raises(DomainError, match="attended"):
        classroom.answer_survey(seoul_officer, session, ratings, "")
    services.record_attendance(secretariat, found, True)
    classroom.answer_survey(seoul_officer, session, ratings, "Good.")
    with pytest.raises(DomainError, match="already answered"):
        classroom.answer_survey(seoul_officer, session, ratings, "")
    result = services.survey(session)
    assert result.respondents == 1
    assert result.satisfied == 1


def test_a_session_with_selected_applications_counts_them_not_a_reported_number(secretariat):
    session = open_session()
    found = application(person("a", Role.CITY_OFFICER, "seoul"), session, "seoul")
    services.endorse(secretariat, found)
    services.select(secretariat, session)
    taken = services.participation(session)
    assert (taken.participants, taken.cities) == (1, ["Seoul"])
