"""Background work of the platform itself, run by the django-tasks worker."""

from __future__ import annotations

from django_tasks import task


@task()
def run_job(run_id: int) -> str:
    """Run one claimed slot of a scheduled job (core/schedules.py); returns its outcome. A
    task enqueued twice, or retried, finds the slot already run and does nothing."""
    from intercity.core import schedules

    return schedules.perform(run_id).outcome
