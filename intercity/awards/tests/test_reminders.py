"""A week before a round closes, each judge with something left to do there (scorecards not
submitted, categories not voted) gets one e-mail, once per round and closing date; a judge
who has finished gets none, and a retried task sends nothing twice."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from intercity.accounts.permissions import SYSTEM
from intercity.awards.models import Edition, JudgeReminder, Stage
from intercity.awards.services import reminders
from intercity.awards.tasks import send_judge_reminder
from intercity.awards.tests.factories_round1 import round1_world, scorecard
from intercity.core.models import AuditEvent
from intercity.core.tests.queued import queued, run_queued

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 4)


@pytest.fixture
def world(judge: Any) -> Any:
    made = round1_world(judge)
    for user in made.people.values():
        user.email = f"{user.username}@judges.example"
        user.save()
    Edition.objects.filter(pk=made.edition.pk).update(round1_closes_on=TODAY + dt.timedelta(days=5))
    return made


def test_judges_with_cards_left_are_reminded_once_and_finished_ones_not(
    world: Any, django_capture_on_commit_callbacks: Any, mailoutbox: list[Any]
) -> None:
    for app in (world.seoul, world.makati, world.edmonton, world.jakarta):
        scorecard(world.june, app, [7, 7])
    with django_capture_on_commit_callbacks(execute=True):
        counts = reminders.remind_judges(SYSTEM, TODAY)
    assert counts == {"editions": 1, "queued": 2}
    reminded = {r.judge.name for r in JudgeReminder.objects.all()}
    assert reminded == {"Jules Verne", "Marc Wolfram"}
    assert len(queued(send_judge_reminder)) == 2
    assert AuditEvent.objects.filter(verb="queue_judge_reminder").count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.remind_judges(SYSTEM, TODAY) == {"editions": 1, "queued": 0}
    assert run_queued() == 2
    to_jules = [m for m in mailoutbox if m.to == [world.jules.user.email]]
    assert len(to_jules) == 1
    assert "Round 1 of the" in to_jules[0].body
    assert "4 of your scorecards are not submitted yet" in to_jules[0].body
    assert f"/awards/{world.edition.pk}/round1/" in to_jules[0].body


def test_no_reminder_outside_the_week_before_the_close_or_after_it(world: Any) -> None:
    early = TODAY - dt.timedelta(days=reminders.REMINDER_DAYS + 1)
    assert reminders.remind_judges(SYSTEM, early)["queued"] == 0
    late = TODAY + dt.timedelta(days=6)
    assert reminders.remind_judges(SYSTEM, late)["queued"] == 0
    Edition.objects.filter(pk=world.edition.pk).update(round1_closed_at=timezone.now())
    assert reminders.remind_judges(SYSTEM, TODAY)["queued"] == 0
    assert not JudgeReminder.objects.exists()


def test_round_2_reminds_the_judges_who_have_not_voted(world: Any) -> None:
    Edition.objects.filter(pk=world.edition.pk).update(
        stage=Stage.ROUND2, round2_closes_on=TODAY + dt.timedelta(days=2)
    )
    assert reminders.remind_judges(SYSTEM, TODAY) == {"editions": 1, "queued": 3}
    assert set(JudgeReminder.objects.values_list("round", flat=True)) == {2}
    assert reminders.unfinished(world.june, 2) == 1
    assert reminders.unfinished(world.marc, 2) == 2


def test_a_retried_task_sends_nothing_twice_and_nothing_once_the_work_is_done(
    world: Any, mailoutbox: list[Any]
) -> None:
    reminders.remind_judges(SYSTEM, TODAY)
    reminder = JudgeReminder.objects.get(judge=world.june)
    assert send_judge_reminder.call(reminder.pk) == 1
    assert send_judge_reminder.call(reminder.pk) == 0
    assert len(mailoutbox) == 1
    other = JudgeReminder.objects.get(judge=world.marc)
    for app in (world.seoul, world.makati, world.edmonton, world.jakarta, world.miraflores):
        scorecard(world.marc, app, [8, 8])
    assert send_judge_reminder.call(other.pk) == 0
    assert len(mailoutbox) == 1


def test_the_reminders_are_a_scheduled_job_that_words_its_counts() -> None:
    from intercity.core import schedules

    job = schedules.find("awards.judge-reminders")
    schedules.check_cron(job.cron)
    assert job.describe({"editions": 1, "queued": 2}) == (
        "1 edition with a round closing soon; 2 judges reminded"
    )
