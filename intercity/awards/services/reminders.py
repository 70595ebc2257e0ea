"""Reminders to judges: a round's closing date is near and a judge's part of it is not done
(scorecards not submitted in round 1, categories not voted in round 2). The scheduler runs
`remind_judges` daily (the awards manifest); each judge is reminded once per round and
closing date, and only while something is left to do."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from django.db import transaction

from intercity.accounts import permissions
from intercity.awards.models import Edition, Judge, JudgeReminder, Scorecard, Stage
from intercity.awards.services import round1, round2
from intercity.core import audit

# A judge is reminded this many days before a round closes: a week leaves time to score the
# applications of a category (2017: 76 applications over six categories).
REMINDER_DAYS = 7

ROUNDS = ((1, Stage.ROUND1, "round1_closes_on"), (2, Stage.ROUND2, "round2_closes_on"))


def unfinished(judge: Judge, round_number: int) -> int:
    """What a judge has left in a round: scorecards not submitted, or categories not voted."""
    if round_number == 1:
        return sum(
            1 for line in round1.card_lines(judge) if line.status != Scorecard.Status.SUBMITTED
        )
    voted = set(judge.ballots.values_list("category_id", flat=True))
    return sum(1 for category in round2.categories_of(judge) if category.pk not in voted)


def remind_judges(actor: Any, today: dt.date) -> dict[str, int]:
    """Queue a reminder for each judge with a login and an address whose round closes within
    REMINDER_DAYS and who has something left there; returns what it looked at and queued."""
    from intercity.awards.tasks import send_judge_reminder

    permissions.require_secretariat(actor)
    looked = queued = 0
    for number, stage, closes in ROUNDS:
        editions = Edition.objects.filter(
            stage=stage,
            **{f"{closes}__gte": today, f"{closes}__lte": today + dt.timedelta(days=REMINDER_DAYS)},
        )
        if number == 1:
            # Closed, waiting for the head of panel's decision on a tie: nothing to score.
            editions = editions.filter(round1_closed_at__isnull=True)
        for edition in editions:
            looked += 1
            due = getattr(edition, closes)
            judges = edition.judges.filter(user__isnull=False).exclude(user__email="")
            for judge in judges.select_related("user"):
                left = unfinished(judge, number)
                if not left:
                    continue
                with transaction.atomic():
                    reminder, created = JudgeReminder.objects.get_or_create(
                        judge=judge, round=number, due_on=due
                    )
                    if not created:
                        continue
                    audit.record(
                        actor,
                        "queue_judge_reminder",
                        reminder,
                        after={"round": number, "due_on": due, "left": left},
                    )
                    transaction.on_commit(
                        functools.partial(send_judge_reminder.enqueue, reminder.pk)
                    )
                queued += 1
    return {"editions": looked, "queued": queued}
