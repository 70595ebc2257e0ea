"""The worker's part in tests: run what was queued, as `manage.py db_worker` would."""

from __future__ import annotations

from typing import Any

from django_tasks_db.models import DBTaskResult


def queued(task: Any) -> list[list[Any]]:
    """The arguments of each run of `task` waiting in the queue."""
    rows = DBTaskResult.objects.ready().filter(task_path=task.module_path)
    return [row.args_kwargs["args"] for row in rows.order_by("enqueued_at")]


def run_queued() -> int:
    """Run every task waiting in the queue, oldest first, as the worker would; their count."""
    count = 0
    for row in DBTaskResult.objects.ready().order_by("enqueued_at"):
        row.task.call(*row.args_kwargs["args"], **row.args_kwargs["kwargs"])
        row.set_successful(None)
        count += 1
    return count
