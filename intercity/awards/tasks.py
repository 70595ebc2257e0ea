"""Background work of the awards: the e-mail reminding a judge that a round closes soon."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from intercity.awards.models import JudgeReminder
from intercity.awards.services import reminders
from intercity.core import links, mail


@task()
def send_judge_reminder(reminder_id: int) -> int:
    """E-mail one judge's reminder; returns the number of addresses it went to (0 when it was
    already sent or nothing is left to do, so a retried task never sends twice). It goes
    whatever the judge's mail preferences: a seat on the panel is a duty they accepted."""
    reminder = JudgeReminder.objects.select_related("judge__edition", "judge__user").get(
        pk=reminder_id
    )
    # Claimed by a conditional UPDATE before sending, so two workers send it once; a failed
    # send gives the claim back for the next run.
    claimed = JudgeReminder.objects.filter(pk=reminder.pk, sent_at__isnull=True).update(
        sent_at=timezone.now()
    )
    judge = reminder.judge
    if not claimed or judge.user is None or not judge.user.email:
        return 0
    left = reminders.unfinished(judge, reminder.round)
    if not left:
        return 0
    edition = judge.edition
    page = "awards_round1_judge" if reminder.round == 1 else "awards_round2_ballot"
    url = links.absolute(reverse(page, args=[edition.pk]))

    def context() -> dict[str, Any]:
        values = {
            "edition": edition.title,
            "due": date_format(reminder.due_on, "DATE_FORMAT"),
            "count": left,
            "url": url,
        }
        if reminder.round == 1:
            text = ngettext(
                "Round 1 of the %(edition)s closes on %(due)s, and %(count)s of your "
                "scorecards is not submitted yet.",
                "Round 1 of the %(edition)s closes on %(due)s, and %(count)s of your "
                "scorecards are not submitted yet.",
                left,
            )
        else:
            text = ngettext(
                "Round 2 of the %(edition)s closes on %(due)s, and you have not voted yet in "
                "%(count)s category.",
                "Round 2 of the %(edition)s closes on %(due)s, and you have not voted yet in "
                "%(count)s categories.",
                left,
            )
        return {
            "subject": _("%(edition)s: round %(round)s closes on %(due)s")
            % {**values, "round": reminder.round},
            "paragraphs": [text % values],
            "link_line": _("Open your page: %(url)s") % values,
        }

    try:
        sent = mail.send("awards/mail/judge_reminder", context, [judge.user.email], kind=None)
    except Exception:
        JudgeReminder.objects.filter(pk=reminder.pk).update(sent_at=None)
        raise
    return len(sent.to)
