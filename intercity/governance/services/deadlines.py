"""The statute's deadlines that follow from a meeting, and their reminders."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from intercity.core import audit
from intercity.core.errors import DomainError
from intercity.governance import effects as decision_effects
from intercity.governance import rules
from intercity.governance.models import (
    DeadlineReminder,
    Decision,
    Meeting,
)
from intercity.governance.services._common import _lock_meeting, require_secretariat
from intercity.governance.services.meetings import body_members
from intercity.governance.services.statute import (
    decision_order,
    opening_of,
    statute_for,
    statute_on,
)
from intercity.network import services as registry
from intercity.network.models import (
    Body,
)

HOST_ANCHORS = ("ga-host-selection", "first-excom-after-host-selection")

# The seeded deadlines' names (seed_data/<network>/deadlines.yaml), by key, so that a page or a
# reminder names them in the reader's language; a name the Secretariat changed in the admin
# is shown as written.
DEADLINE_NAMES = {
    "excom-member-candidacy": gettext_noop("EXCOM member candidacy declared in writing"),
    "excom-regular-meeting": gettext_noop("Regular Executive Committee meeting"),
    "excom-term": gettext_noop("End of an EXCOM member's term"),
    "ga-date-announcement": gettext_noop("General Assembly date announced to all members"),
    "ga-host-proposal": gettext_noop("Official proposal to host the next General Assembly"),
    "ga-regular-session": gettext_noop("Regular session of the General Assembly"),
    "host-agreement": gettext_noop("Host city's agreement with the Secretariat"),
    "president-candidacy": gettext_noop("President candidacy declared in writing"),
    "president-candidacy-announcement": gettext_noop(
        "Secretariat announces the President candidacies to all members"
    ),
    "president-term": gettext_noop("End of the President and Vice Presidents' term"),
    "regional-office-annual-report": gettext_noop(
        "Regional office annual report to the Secretariat"
    ),
    "regional-office-term": gettext_noop("End of a regional office's five-year term (rebid)"),
    "statute-amendment-circulation": gettext_noop(
        "Statute amendment proposal circulated to all members"
    ),
    "statute-amendment-proposal": gettext_noop(
        "Statute amendment proposal submitted to the Secretariat"
    ),
}


def deadline_name(key: str, stored: str | None = None) -> str:
    """A deadline's name in the active language: the seeded name of its key, translated,
    unless the stored name differs from it (then as stored); the key in words otherwise."""
    seeded = DEADLINE_NAMES.get(key)
    if seeded is not None and (stored is None or stored == seeded):
        return _(seeded)
    return stored or key.replace("-", " ")


def deadlines_for(meeting: Meeting) -> list[rules.Deadline]:
    """The statute's dates that follow from a planned meeting's date, by the text in force
    when it opens (a text the meeting adopts governs what follows it, not its own notice).
    A GA host selected at the meeting owes its host agreement (Art. 10.5) under the text in
    force when it was selected: six months after (2017 text), or one month before the
    Executive Committee meeting of the following year (2014 text), once that is on record."""
    statute = statute_on(meeting.network, meeting.date, at=opening_of(meeting))
    if statute is None:
        return []
    specs = [d for d in statute.deadlines if d.get("anchor") not in HOST_ANCHORS]
    anchors = {meeting.body.slug: meeting.date}
    selection = _ga_host_selection(meeting)
    at_selection = statute_for(selection) if selection is not None else None
    if at_selection is not None:
        specs += [d for d in at_selection.deadlines if d.get("anchor") in HOST_ANCHORS]
        anchors["ga-host-selection"] = meeting.date
        following = (
            Meeting.objects.filter(
                network=meeting.network,
                body__kind=Body.Kind.COMMITTEE,
                date__year=meeting.date.year + 1,
            )
            .order_by("date")
            .first()
        )
        if following is not None:
            anchors["first-excom-after-host-selection"] = following.date
    try:
        found = rules.deadlines(anchors, specs)
    except (ValueError, OverflowError) as exc:
        raise DomainError(
            _("The deadlines of %(meeting)s cannot be computed: %(exc)s")
            % {"meeting": meeting, "exc": exc}
        ) from None
    return [dataclasses.replace(d, name=deadline_name(d.key, d.name)) for d in found]


# How far ahead the Secretariat's start page looks for the statute's deadlines: far enough
# to act on a month's notice (a President candidacy, one month before the General Assembly,
# WeGO Statute Art. 11.5) with weeks to spare.
DEADLINES_AHEAD_DAYS = 60


@dataclasses.dataclass(frozen=True)
class DeadlineAhead:
    meeting: Meeting
    deadline: rules.Deadline


def deadlines_ahead(
    actor: Any, today: dt.date, days: int = DEADLINES_AHEAD_DAYS
) -> list[DeadlineAhead]:
    """The statute's deadlines of every network's planned meetings that fall due in the next
    `days` days, the nearest first, for the Secretariat (who keeps them); none for anyone
    else. A meeting whose deadlines cannot be computed is left out (its page says why)."""
    from intercity.accounts import permissions

    if not permissions.is_secretariat(actor):
        return []
    until = today + dt.timedelta(days=days)
    planned = (
        Meeting.objects.filter(Q(date__gte=today) | ~Q(status=Meeting.Status.CLOSED))
        .select_related("network", "body")
        .order_by("date", "pk")
    )
    found = []
    for meeting in planned:
        try:
            deadlines = deadlines_for(meeting)
        except DomainError:
            continue
        found += [
            DeadlineAhead(meeting, deadline)
            for deadline in deadlines
            if deadline.kind == "deadline" and deadline.due and today <= deadline.due <= until
        ]
    return sorted(found, key=lambda ahead: (ahead.deadline.due, ahead.meeting.date))


def _ga_host_selection(meeting: Meeting) -> Decision | None:
    """The decision of a meeting that selected (or confirmed) the next GA host, if any: the
    last one, for a confirmation follows the selection."""
    found = [
        d
        for d in meeting.decisions.select_related("agenda_item", "network", "body")
        if (d.office == "ga-host" and d.winner_id is not None)
        or any(e.get("action") == "select-ga-host" for e in d.effects)
    ]
    return max(found, key=decision_order, default=None)


def queue_deadline_reminders(
    actor: Any, meeting: Meeting, today: dt.date, *, until: dt.date | None = None
) -> list[DeadlineReminder]:
    """Queue one reminder per deadline still ahead (due by `until`, when given), once; the
    task worker e-mails the members of the body (their officers' addresses). A reminder that
    failed, or had nobody to go to, is queued again, with the addresses known now; one with
    nobody is marked so (not sent)."""
    from intercity.governance.tasks import send_deadline_reminder

    require_secretariat(actor)
    ahead = [
        d
        for d in deadlines_for(meeting)
        if d.kind == "deadline" and d.due and d.due >= today and (until is None or d.due <= until)
    ]
    recipients = sorted({e for emails in member_addresses(meeting).values() for e in emails})
    status = DeadlineReminder.Status.QUEUED if recipients else DeadlineReminder.Status.NO_ADDRESS
    queued = []
    with transaction.atomic():
        _lock_meeting(meeting)
        for deadline in ahead:
            reminder, created = DeadlineReminder.objects.get_or_create(
                meeting=meeting,
                key=deadline.key,
                defaults={"due_on": deadline.due, "recipients": recipients, "status": status},
            )
            # Failed, or had nobody and now has someone: again, with the addresses known now.
            again = reminder.sent_at is None and (
                reminder.status == DeadlineReminder.Status.FAILED
                or (reminder.status == DeadlineReminder.Status.NO_ADDRESS and recipients)
            )
            if again:
                reminder.recipients, reminder.status = recipients, status
                reminder.save(update_fields=["recipients", "status"])
            if created or again:
                queued.append(reminder)
        to_send = [r for r in queued if r.status == DeadlineReminder.Status.QUEUED]
        audit.record(actor, "queue_deadline_reminders", meeting, after={"count": len(to_send)})
        for reminder in to_send:
            transaction.on_commit(functools.partial(send_deadline_reminder.enqueue, reminder.pk))
    return queued


# A deadline is reminded this long before it falls: the statute's shortest notice is two
# weeks (the text before 2017: President candidacies announced to all members two weeks
# before the GA), so a month ahead leaves the members time to act on each.
REMINDER_LEAD = dt.timedelta(days=30)


def queue_upcoming_deadline_reminders(actor: Any, today: dt.date) -> dict[str, int]:
    """The scheduled round (governance's manifest): for every planned meeting, the statute's
    deadlines due within REMINDER_LEAD are reminded, each once; a meeting whose deadlines
    cannot be computed is counted and left for the Secretariat, the others still reminded."""
    queued = without = meetings = problems = 0
    for meeting in Meeting.objects.filter(status=Meeting.Status.PLANNED, date__gte=today).order_by(
        "date", "pk"
    ):
        meetings += 1
        try:
            reminders = queue_deadline_reminders(actor, meeting, today, until=today + REMINDER_LEAD)
        except DomainError:
            problems += 1
            continue
        queued += sum(1 for r in reminders if r.status == DeadlineReminder.Status.QUEUED)
        without += sum(1 for r in reminders if r.status == DeadlineReminder.Status.NO_ADDRESS)
    return {
        "meetings": meetings,
        "queued": queued,
        "without_email": without,
        "problems": problems,
    }


def member_addresses(meeting: Meeting) -> dict[str, list[str]]:
    """Each member of the meeting's body (by name) with its officers' addresses, an empty
    list for a member with none. The addresses come from the membership module; without it
    nobody has one, and the reminders are marked as having no one to go to."""
    if not decision_effects.membership_installed():
        return {}
    from intercity.membership import services as membership

    found = {}
    for pk in body_members(meeting.body, meeting.date):
        organisation = registry.get_organisation(pk)
        found[str(organisation)] = membership.reminder_recipients(organisation)
    return found
