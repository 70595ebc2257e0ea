"""The scheduler: wakes at each scheduled job's time and enqueues the job for the worker.

Started by scripts/serve beside the worker. Several may run (one per server): each slot is
claimed by a unique row, so a job is enqueued once per slot whatever their number."""

from __future__ import annotations

import signal
import threading
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from intercity.core import schedules


class Command(BaseCommand):
    help = "Enqueue the modules' scheduled jobs at their times (run beside db_worker)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--once", action="store_true", help="Claim the slots due now, then stop."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        stop = threading.Event()
        if not options["once"]:
            for signum in (signal.SIGINT, signal.SIGTERM):
                signal.signal(signum, lambda *_: stop.set())
            names = ", ".join(f"{job.name} ({job.cron})" for job in schedules.jobs())
            self.stdout.write(f"Scheduler started: {names or 'no jobs'}")
        while True:
            now = timezone.now()
            for run in schedules.tick(now):
                self.stdout.write(f"Enqueued {run.job} for {run.slot:%Y-%m-%d %H:%M %Z}")
            if options["once"]:
                return
            # Sleeps until the next job's time (at most a minute), or until asked to stop.
            if stop.wait(schedules.seconds_to_next(timezone.now())):
                return
