"""The Secretariat corrects, reorders and retires the classroom's lessons. A retired lesson no
longer counts towards completing the classroom; the completions recorded before stay."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.core.errors import DomainError, PermissionDenied
from intercity.core.models import AuditEvent
from intercity.learning.models_training import Lesson, LessonCompletion
from intercity.learning.services import classroom
from intercity.learning.services import training as services
from intercity.learning.tests.factories_training import application, open_session

pytestmark = pytest.mark.django_db


def participant(secretariat: Any, session: Any, name: str, city: str) -> Any:
    found = application(person(name, Role.CITY_OFFICER, city), session, city)
    services.endorse(secretariat, found)
    return found


def selected(secretariat: Any, lessons: int = 3) -> tuple[Any, Any, Any]:
    session = open_session(lessons=lessons)
    early = participant(secretariat, session, "ana", "seoul")
    late = participant(secretariat, session, "ben", "nairobi")
    services.select(secretariat, session)
    for found in (early, late):
        found.refresh_from_db()
        services.record_attendance(secretariat, found, True)
        found.refresh_from_db()
    return services.get_session(session.pk), early, late


def test_a_retired_lesson_no_longer_counts_and_completions_recorded_stay(secretariat):
    session, early, late = selected(secretariat)
    first, second, third = list(session.lessons.all())
    for lesson in (first, second):
        classroom.complete_lesson(early.applicant, lesson)
    classroom.complete_lesson(late.applicant, first)
    assert classroom.progress(session, early) == services.rules.Progress(3, 2)
    classroom.retire_lesson(secretariat, second)
    session = services.get_session(session.pk)
    # The early participant's completion of the retired lesson stays recorded ...
    assert LessonCompletion.objects.filter(lesson=second, application=early).exists()
    # ... but counts no more: two lessons count, one of them done.
    assert classroom.progress(session, early) == services.rules.Progress(2, 1)
    assert classroom.progress(session, late) == services.rules.Progress(2, 1)
    classroom.complete_lesson(late.applicant, third)
    assert classroom.certificate_eligibility(late).allowed
    assert not classroom.certificate_eligibility(early).allowed
    with pytest.raises(DomainError, match="retired"):
        classroom.complete_lesson(early.applicant, second)
    with pytest.raises(DomainError, match="already retired"):
        classroom.retire_lesson(secretariat, second)
    event = AuditEvent.objects.get(verb="learning.retire_lesson", object_id=str(second.pk))
    assert event.after["completions_kept"] == 1


def test_a_certificate_issued_before_a_lesson_is_retired_stays(secretariat):
    session, early, _late = selected(secretariat, lessons=1)
    classroom.complete_lesson(early.applicant, session.lessons.get())
    issued = classroom.issue_certificate(early.applicant, early)
    classroom.retire_lesson(secretariat, session.lessons.get())
    assert classroom.issue_certificate(early.applicant, early) == issued


def test_the_secretariat_corrects_a_lesson_with_an_audit(secretariat, seoul_officer):
    session = open_session(lessons=1)
    lesson = session.lessons.get()
    classroom.edit_lesson(secretariat, lesson, title="Open data", body="Read it.", minutes=12)
    lesson.refresh_from_db()
    assert (lesson.title, lesson.minutes) == ("Open data", 12)
    event = AuditEvent.objects.get(verb="learning.edit_lesson")
    assert event.before["title"] == "Lesson 1"
    assert event.after["title"] == "Open data"
    with pytest.raises(DomainError, match="title and a text"):
        classroom.edit_lesson(secretariat, lesson, title=" ", body="x", minutes=5)
    with pytest.raises(PermissionDenied):
        classroom.edit_lesson(seoul_officer, lesson, title="Mine", body="x", minutes=5)
    classroom.retire_lesson(secretariat, lesson)
    with pytest.raises(DomainError, match="retired lesson"):
        classroom.edit_lesson(secretariat, lesson, title="Again", body="x", minutes=5)


def test_lessons_move_up_and_down_among_those_not_retired(secretariat):
    session = open_session(lessons=3)
    first, second, third = list(session.lessons.all())
    assert classroom.move_lesson(secretariat, third, -1) == [first.pk, third.pk, second.pk]
    assert [x.pk for x in classroom.current_lessons(services.get_session(session.pk))] == [
        first.pk,
        third.pk,
        second.pk,
    ]
    with pytest.raises(DomainError, match="already the first"):
        classroom.move_lesson(secretariat, first, -1)
    with pytest.raises(DomainError, match="already the last"):
        classroom.move_lesson(secretariat, second, 1)
    classroom.retire_lesson(secretariat, first)
    with pytest.raises(DomainError, match="not in the classroom"):
        classroom.move_lesson(secretariat, first, 1)
    with pytest.raises(DomainError, match="already the first"):
        classroom.move_lesson(secretariat, third, -1)
    event = AuditEvent.objects.filter(verb="learning.move_lesson").first()
    assert event.before["order"] == [first.pk, second.pk, third.pk]
    made = classroom.add_lesson(secretariat, session, title="Lesson 4", body="More.")
    assert [x.pk for x in classroom.current_lessons(services.get_session(session.pk))][-1] == (
        made.pk
    )


def test_the_classroom_page_reorders_retires_and_counts_what_is_left(client, secretariat):
    session, early, _late = selected(secretariat, lessons=2)
    first, second = list(session.lessons.all())
    classroom.complete_lesson(early.applicant, first)
    client.force_login(secretariat)
    body = client.get(reverse("learning_classroom", args=[session.pk])).content.decode()
    assert "Move down" in body
    assert "Retire" in body
    response = client.post(reverse("learning_move_lesson", args=[second.pk]), {"to": "up"})
    assert response.status_code == 302
    assert Lesson.objects.get(pk=second.pk).position == 0
    response = client.post(reverse("learning_retire_lesson", args=[first.pk]), follow=True)
    assert "no longer counts; completions recorded stay" in response.content.decode()
    response = client.post(
        reverse("learning_edit_lesson", args=[second.pk]),
        {"title": "", "body": "Text", "minutes": "5"},
    )
    assert response.status_code == 400
    client.force_login(early.applicant)
    body = client.get(reverse("learning_classroom", args=[session.pk])).content.decode()
    assert "You have completed 0 of 1 lesson." in body
    assert "Retired lessons" in body
    assert "Move down" not in body
    assert client.post(reverse("learning_retire_lesson", args=[second.pk])).status_code == 403
