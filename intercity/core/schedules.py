"""Recurring jobs: the calendar, the claim of a slot, and the run (decision 0022).

Modules declare their jobs in their manifest (`modules.Job`). The scheduler
(`manage.py run_scheduler`, started by scripts/serve) wakes at each job's next cron time and
*claims* the slot by inserting a `JobRun` row, unique per (job, slot); only the process whose
insert succeeded enqueues the django-tasks task that runs it, so any number of schedulers
enqueue each slot once. The worker then runs the job with the slot as its `now`, records the
outcome on the row and writes an audit event. "Run now" on the Secretariat's page claims the
current minute the same way.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from cronsim import CronSim, CronSimError
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from intercity.accounts import permissions
from intercity.core import audit, modules
from intercity.core.errors import DomainError, NotFound
from intercity.core.models import JobRun

logger = logging.getLogger(__name__)

# A slot missed while no scheduler ran (a deploy, a restart) is still run, once, when a
# scheduler starts within this time after it; older slots are skipped, not piled up.
CATCH_UP = dt.timedelta(hours=24)
# The scheduler looks again at least this often (seconds), so a changed clock or a job
# added by a deploy is noticed without waiting for a far-off next time.
LONGEST_WAIT = 60.0


def jobs() -> list[modules.Job]:
    """The installed modules' jobs, in INSTALLED_APPS order."""
    return [job for manifest in modules.installed() for job in manifest.schedules]


def find(name: str) -> modules.Job:
    for job in jobs():
        if job.name == name:
            return job
    raise NotFound(_("There is no scheduled job named '%(name)s'.") % {"name": name})


def _local(moment: dt.datetime) -> dt.datetime:
    """The moment on the site's clock (cron expressions are read in TIME_ZONE), to the second."""
    return moment.astimezone(ZoneInfo(settings.TIME_ZONE)).replace(microsecond=0)


def previous_time(job: modules.Job, now: dt.datetime) -> dt.datetime:
    """The latest time at or before `now` that the job's calendar calls for."""
    # cronsim's reverse walk starts strictly before its start: one second later includes `now`.
    return next(CronSim(job.cron, _local(now) + dt.timedelta(seconds=1), reverse=True))


def next_time(job: modules.Job, now: dt.datetime) -> dt.datetime:
    """The first time after `now` that the job's calendar calls for."""
    return next(CronSim(job.cron, _local(now)))


def check_cron(expression: str) -> None:
    """Refuse a cron expression the calendar cannot read (a module's mistake, caught by tests)."""
    try:
        CronSim(expression, timezone.now())
    except CronSimError as exc:
        raise DomainError(str(exc)) from None


def due_slot(job: modules.Job, now: dt.datetime) -> dt.datetime | None:
    """The slot to run now: the latest the calendar called for, unless older than CATCH_UP."""
    slot = previous_time(job, now)
    return slot if now - slot <= CATCH_UP else None


def claim(
    job: modules.Job,
    slot: dt.datetime,
    now: dt.datetime,
    *,
    actor: Any = None,
) -> JobRun | None:
    """Claim one slot of a job: the new run, or None when someone claimed it already. The
    unique (job, slot) row decides, in the database, between schedulers claiming at once."""
    if JobRun.objects.filter(job=job.name, slot=slot).exists():
        return None
    try:
        with transaction.atomic():
            run = JobRun.objects.create(
                job=job.name,
                slot=slot,
                queued_at=now,
                manual=actor is not None,
                requested_by=permissions.user_or_none(actor),
            )
            if actor is not None:
                audit.record(actor, "request_job_run", run, after={"job": job.name, "slot": slot})
            transaction.on_commit(functools.partial(_enqueue, run.pk))
    except IntegrityError:
        return None
    return run


def _enqueue(run_id: int) -> None:
    from intercity.core.tasks import run_job

    run_job.enqueue(run_id)


def tick(now: dt.datetime) -> list[JobRun]:
    """What one scheduler does when it wakes: claim (and so enqueue) every job's due slot."""
    claimed = []
    for job in jobs():
        slot = due_slot(job, now)
        if slot is not None:
            run = claim(job, slot, now)
            if run is not None:
                claimed.append(run)
    return claimed


def seconds_to_next(now: dt.datetime) -> float:
    """How long the scheduler may sleep: until the next job's time, at most LONGEST_WAIT."""
    times = [next_time(job, now) for job in jobs()]
    if not times:
        return LONGEST_WAIT
    # A second more, so that the scheduler wakes after the slot, not a moment before it.
    wait = (min(times) - now).total_seconds() + 1
    return max(1.0, min(wait, LONGEST_WAIT))


def run_now(actor: Any, name: str, now: dt.datetime) -> JobRun | None:
    """The Secretariat runs a job at once: its slot is the current minute, so a second press
    in the same minute (or a scheduler's slot at that minute) runs it once; None then."""
    permissions.require_secretariat(
        actor, refusal=_("Only Secretariat staff may run a scheduled job.")
    )
    job = find(name)
    return claim(job, _local(now).replace(second=0), now, actor=actor)


def perform(run_id: int) -> JobRun:
    """Run a claimed slot (the worker's task): once, whatever the number of tasks that ask.
    The job is called with the slot as its `now`; its result or its error is recorded."""
    started = JobRun.objects.filter(pk=run_id, outcome=JobRun.Outcome.QUEUED).update(
        outcome=JobRun.Outcome.RUNNING, started_at=timezone.now()
    )
    run = JobRun.objects.get(pk=run_id)
    if not started:
        return run
    try:
        job = find(run.job)
        details = job.run(run.slot)
        with translation.override(settings.LANGUAGE_CODE):
            summary = job.describe(details)
    except Exception as exc:
        logger.exception("Scheduled job %s failed for %s", run.job, run.slot)
        return _finish(run, JobRun.Outcome.FAILED, {}, str(exc) or type(exc).__name__)
    return _finish(run, JobRun.Outcome.OK, details, summary)


def _finish(run: JobRun, outcome: str, details: dict[str, Any], summary: str) -> JobRun:
    with transaction.atomic():
        run.outcome = outcome
        run.details = details
        run.summary = summary
        run.finished_at = timezone.now()
        run.save(update_fields=["outcome", "details", "summary", "finished_at"])
        audit.record(
            permissions.SYSTEM,
            "run_job" if outcome == JobRun.Outcome.OK else "job_failed",
            run,
            after={"job": run.job, "slot": run.slot, "outcome": outcome, **details},
            reason=summary,
        )
    return run


@dataclass(frozen=True)
class JobState:
    """One line of the Secretariat's page: a job, its last run and its next time."""

    job: modules.Job
    last: JobRun | None
    next_at: dt.datetime

    @property
    def last_summary(self) -> str:
        """What the last run did, in the reader's language (a failure's error as recorded)."""
        if self.last is None:
            return ""
        if self.last.outcome == JobRun.Outcome.OK:
            return self.job.describe(self.last.details)
        return self.last.summary


def overview(now: dt.datetime) -> list[JobState]:
    states = []
    for job in jobs():
        last = JobRun.objects.filter(job=job.name).order_by("-slot", "-id").first()
        states.append(JobState(job=job, last=last, next_at=next_time(job, now)))
    return states
