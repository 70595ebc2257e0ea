"""The scheduler: its calendar, the claim of a slot (once, however many schedulers), the run
and its record, and the Secretariat's page. The clock is passed in; nothing sleeps."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.test import Client
from django_tasks_db.models import DBTaskResult

from intercity.core import modules, schedules
from intercity.core.errors import NotFound, PermissionDenied
from intercity.core.models import AuditEvent, JobRun
from intercity.core.tests.concurrently import run_concurrently

UTC = dt.UTC
SEOUL = ZoneInfo("Asia/Seoul")


class Counter:
    """A job that counts its calls and the slots it was called for."""

    def __init__(self) -> None:
        self.slots: list[dt.datetime] = []

    def __call__(self, now: dt.datetime) -> dict[str, Any]:
        self.slots.append(now)
        return {"done": len(self.slots)}


def job(name: str = "test.count", cron: str = "0 9 1 * *", run: Any = None) -> modules.Job:
    return modules.Job(
        name=name,
        cron=cron,
        label="Count",
        run=run or Counter(),
        describe=lambda details: f"{details.get('done', 0)} done",
    )


@pytest.fixture
def only(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Make the installed jobs exactly the ones given."""

    def install(*installed: modules.Job) -> None:
        monkeypatch.setattr(schedules, "jobs", lambda: list(installed))

    return install


def task_count() -> int:
    return DBTaskResult.objects.filter(task_path="intercity.core.tasks.run_job").count()


# --- The calendar ----------------------------------------------------------------------------


def test_the_previous_time_includes_the_moment_itself_and_the_next_time_excludes_it() -> None:
    monthly = job(cron="0 9 1 * *")
    at_nine = dt.datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    assert schedules.previous_time(monthly, at_nine) == at_nine
    assert schedules.next_time(monthly, at_nine) == dt.datetime(2027, 1, 1, 9, 0, tzinfo=UTC)
    a_bit_later = at_nine + dt.timedelta(minutes=5, microseconds=7)
    assert schedules.previous_time(monthly, a_bit_later) == at_nine


def test_cron_times_are_read_on_the_sites_clock(settings: Any) -> None:
    settings.TIME_ZONE = "Asia/Seoul"
    daily = job(cron="0 8 * * *")
    # 23:30 UTC on 3 December is 08:30 on 4 December in Seoul: today's 08:00 has passed.
    now = dt.datetime(2026, 12, 3, 23, 30, tzinfo=UTC)
    assert schedules.previous_time(daily, now) == dt.datetime(2026, 12, 4, 8, 0, tzinfo=SEOUL)
    assert schedules.next_time(daily, now) == dt.datetime(2026, 12, 5, 8, 0, tzinfo=SEOUL)


def test_the_scheduler_sleeps_until_the_nearest_job_but_never_more_than_a_minute(only) -> None:
    only(job("a", "15 * * * *"), job("b", "0 9 1 * *"))
    now = dt.datetime(2026, 12, 4, 10, 14, 30, tzinfo=UTC)
    assert schedules.seconds_to_next(now) == 31.0  # 10:15:00, and a second after
    assert schedules.seconds_to_next(now - dt.timedelta(minutes=10)) == schedules.LONGEST_WAIT


def test_a_slot_missed_for_longer_than_the_catch_up_time_is_skipped() -> None:
    monthly = job(cron="0 9 1 * *")
    slot = dt.datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    assert schedules.due_slot(monthly, slot + dt.timedelta(hours=23)) == slot
    assert schedules.due_slot(monthly, slot + dt.timedelta(hours=25)) is None


def test_every_installed_job_has_a_readable_calendar_and_a_unique_name() -> None:
    names = [installed.name for installed in schedules.jobs()]
    assert {
        "membership.arrears-reminders",
        "governance.deadline-reminders",
        "participation.overdue-escalation",
    } <= set(names)
    assert len(names) == len(set(names))
    for installed in schedules.jobs():
        schedules.check_cron(installed.cron)


def test_a_cron_expression_the_calendar_cannot_read_is_refused() -> None:
    with pytest.raises(Exception, match="minute"):
        schedules.check_cron("61 * * * *")


# --- Claims and runs ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_due_slot_is_claimed_and_enqueued_once_however_often_the_scheduler_wakes(
    only, django_capture_on_commit_callbacks
) -> None:
    counting = job()
    only(counting)
    now = dt.datetime(2026, 12, 1, 9, 0, 2, tzinfo=UTC)
    with django_capture_on_commit_callbacks(execute=True):
        first = schedules.tick(now)
        again = schedules.tick(now + dt.timedelta(seconds=40))
    assert [(run.job, run.slot) for run in first] == [
        ("test.count", dt.datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    ]
    assert again == []
    assert task_count() == 1


@pytest.mark.django_db
def test_a_run_calls_the_job_for_its_slot_and_records_what_it_did(only) -> None:
    counting = Counter()
    only(job(run=counting))
    (run,) = schedules.tick(dt.datetime(2026, 12, 1, 9, 1, tzinfo=UTC))
    done = schedules.perform(run.pk)
    assert counting.slots == [dt.datetime(2026, 12, 1, 9, 0, tzinfo=UTC)]
    assert done.outcome == JobRun.Outcome.OK
    assert done.details == {"done": 1}
    assert done.summary == "1 done"
    assert done.started_at is not None
    assert done.finished_at is not None
    event = AuditEvent.objects.get(verb="run_job", object_id=str(run.pk))
    assert event.actor is None
    assert event.actor_label == "the platform"
    assert event.reason == "1 done"


@pytest.mark.django_db
def test_a_slot_performed_twice_runs_the_job_once(only) -> None:
    counting = Counter()
    only(job(run=counting))
    (run,) = schedules.tick(dt.datetime(2026, 12, 1, 9, 1, tzinfo=UTC))
    schedules.perform(run.pk)
    again = schedules.perform(run.pk)
    assert len(counting.slots) == 1
    assert again.outcome == JobRun.Outcome.OK
    assert AuditEvent.objects.filter(verb="run_job").count() == 1


@pytest.mark.django_db
def test_a_failing_job_is_recorded_as_failed_with_its_error(only) -> None:
    def broken(now: dt.datetime) -> dict[str, Any]:
        raise RuntimeError("the mail server is down")

    only(job(run=broken))
    (run,) = schedules.tick(dt.datetime(2026, 12, 1, 9, 1, tzinfo=UTC))
    failed = schedules.perform(run.pk)
    assert failed.outcome == JobRun.Outcome.FAILED
    assert failed.summary == "the mail server is down"
    assert failed.finished_at is not None
    assert AuditEvent.objects.filter(verb="job_failed", object_id=str(run.pk)).exists()
    # A failed slot stays failed: the next slot is the next try, not a loop of retries.
    assert schedules.perform(run.pk).outcome == JobRun.Outcome.FAILED


@pytest.mark.django_db
def test_a_run_of_a_job_no_longer_installed_fails_rather_than_vanishing(only) -> None:
    only(job())
    (run,) = schedules.tick(dt.datetime(2026, 12, 1, 9, 1, tzinfo=UTC))
    only()
    assert schedules.perform(run.pk).outcome == JobRun.Outcome.FAILED


@pytest.mark.django_db
def test_the_worker_task_performs_the_claimed_run(only) -> None:
    from intercity.core.tasks import run_job

    counting = Counter()
    only(job(run=counting))
    (run,) = schedules.tick(dt.datetime(2026, 12, 1, 9, 1, tzinfo=UTC))
    assert run_job.call(run.pk) == "ok"
    assert len(counting.slots) == 1


@pytest.mark.django_db
def test_the_scheduler_command_once_enqueues_the_due_slots(only, monkeypatch) -> None:
    from django.utils import timezone

    only(job(cron="* * * * *"))
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2026, 12, 1, 9, 0, 30, tzinfo=UTC))
    call_command("run_scheduler", "--once")
    call_command("run_scheduler", "--once")
    assert JobRun.objects.filter(job="test.count").count() == 1


def test_two_schedulers_claiming_the_same_slot_enqueue_it_once(transactional_db, only) -> None:
    only(job())
    now = dt.datetime(2026, 12, 1, 9, 0, 1, tzinfo=UTC)

    outcomes = run_concurrently(lambda _index: len(schedules.tick(now)), times=4)
    assert outcomes.errors == []
    assert sorted(outcomes.results) == [0, 0, 0, 1]
    assert JobRun.objects.count() == 1
    assert task_count() == 1


# --- Run now ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_run_now_claims_the_current_minute_once(only, secretariat) -> None:
    only(job())
    now = dt.datetime(2026, 12, 4, 10, 14, 30, tzinfo=UTC)
    run = schedules.run_now(secretariat, "test.count", now)
    assert run is not None
    assert run.manual
    assert run.requested_by == secretariat
    assert run.slot == dt.datetime(2026, 12, 4, 10, 14, tzinfo=UTC)
    assert schedules.run_now(secretariat, "test.count", now + dt.timedelta(seconds=20)) is None
    assert AuditEvent.objects.filter(verb="request_job_run", actor=secretariat).count() == 1


@pytest.mark.django_db
def test_only_the_secretariat_may_run_a_job_now(only, seoul_officer) -> None:
    only(job())
    with pytest.raises(PermissionDenied):
        schedules.run_now(seoul_officer, "test.count", dt.datetime(2026, 12, 4, tzinfo=UTC))
    assert not JobRun.objects.exists()


@pytest.mark.django_db
def test_an_unknown_job_is_not_found(only, secretariat) -> None:
    only(job())
    with pytest.raises(NotFound):
        schedules.run_now(secretariat, "test.nothing", dt.datetime(2026, 12, 4, tzinfo=UTC))


# --- The page -----------------------------------------------------------------------------------


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_the_page_shows_each_job_its_last_run_and_its_next_time(secretariat) -> None:
    from intercity.membership.manifest import ARREARS_REMINDERS

    run = JobRun.objects.create(
        job=ARREARS_REMINDERS.name,
        slot=dt.datetime(2026, 12, 1, 9, 0, tzinfo=UTC),
        queued_at=dt.datetime(2026, 12, 1, 9, 0, tzinfo=UTC),
        outcome=JobRun.Outcome.OK,
        details={"queued": 3, "without_email": 1},
    )
    page = client_for(secretariat).get("/operations/schedules/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Reminders of fees in arrears" in text
    assert "Statute deadline reminders" in text
    assert "Escalation of overdue reports" in text
    assert "2026-12-01 09:00" in text
    assert "3 reminders queued; 1 member without an e-mail address" in text
    assert "0 9 1 * *" in text
    assert f'id="job-{run.job}"' in text


@pytest.mark.django_db
def test_the_page_reads_the_last_run_in_the_readers_language(secretariat) -> None:
    JobRun.objects.create(
        job="membership.arrears-reminders",
        slot=dt.datetime(2026, 12, 1, 9, 0, tzinfo=UTC),
        queued_at=dt.datetime(2026, 12, 1, 9, 0, tzinfo=UTC),
        outcome=JobRun.Outcome.OK,
        details={"queued": 2, "without_email": 0},
    )
    secretariat.language = "es"
    secretariat.save()
    text = client_for(secretariat).get("/operations/schedules/").content.decode()
    assert "2 recordatorios en cola" in text


@pytest.mark.django_db
def test_run_now_on_the_page_queues_the_job_and_says_so(
    secretariat, django_capture_on_commit_callbacks
) -> None:
    client = client_for(secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(
            "/operations/schedules/participation.overdue-escalation/run/", follow=True
        )
    assert answer.status_code == 200
    assert "is queued" in answer.content.decode()
    run = JobRun.objects.get(job="participation.overdue-escalation")
    assert run.manual
    assert run.requested_by == secretariat
    assert task_count() == 1


@pytest.mark.django_db
def test_people_outside_the_secretariat_are_refused_the_page_and_the_button(
    seoul_officer,
) -> None:
    client = client_for(seoul_officer)
    assert client.get("/operations/schedules/").status_code == 403
    refused = client.post("/operations/schedules/participation.overdue-escalation/run/")
    assert refused.status_code == 403
    assert not JobRun.objects.exists()
    anonymous = Client().get("/operations/schedules/")
    assert anonymous.status_code == 302
    assert "/accounts/login/" in anonymous["Location"]


@pytest.mark.django_db
def test_run_now_is_a_post_and_an_unknown_job_is_not_found(secretariat) -> None:
    client = client_for(secretariat)
    assert client.get("/operations/schedules/membership.arrears-reminders/run/").status_code == 405
    assert client.post("/operations/schedules/nothing.here/run/").status_code == 404


@pytest.mark.django_db
def test_the_header_links_the_page_for_the_secretariat_only(secretariat, seoul_officer) -> None:
    assert 'href="/operations/schedules/"' in client_for(secretariat).get("/").content.decode()
    assert (
        'href="/operations/schedules/"' not in client_for(seoul_officer).get("/").content.decode()
    )


@pytest.mark.django_db
def test_the_page_shows_a_failed_run_with_its_error(secretariat) -> None:
    JobRun.objects.create(
        job="governance.deadline-reminders",
        slot=dt.datetime(2026, 12, 4, 8, 0, tzinfo=UTC),
        queued_at=dt.datetime(2026, 12, 4, 8, 0, tzinfo=UTC),
        outcome=JobRun.Outcome.FAILED,
        summary="the mail server is down",
    )
    text = client_for(secretariat).get("/operations/schedules/").content.decode()
    assert "<strong>Failed</strong>. the mail server is down" in text
