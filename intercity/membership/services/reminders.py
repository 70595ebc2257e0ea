"""Reminders of unpaid fees, queued here and sent by `membership.tasks`."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from django.db import transaction
from django.db.models import (
    Q,
)

from intercity.accounts import permissions
from intercity.accounts.models import Role
from intercity.core import audit
from intercity.core.bounds import check_date
from intercity.membership.models import (
    Invoice,
    Reminder,
)
from intercity.membership.services.common import (
    require_secretariat,
)
from intercity.membership.services.payments import with_balances
from intercity.network import services as registry
from intercity.network.models import (
    Network,
    Organisation,
)

# --- Reminders -------------------------------------------------------------------------


def reminder_recipients(organisation: Organisation) -> list[str]:
    emails = set(
        organisation.role_grants.filter(role=Role.CITY_OFFICER)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    emails |= registry.people_emails(organisation)
    return sorted(emails)


def queue_reminders(actor: Any, network: Network, today: dt.date) -> list[Reminder]:
    """Queue one reminder per unpaid, past-due invoice; the task worker sends them."""
    from intercity.membership.tasks import send_fee_reminder

    require_secretariat(actor)
    check_date(today, "today")
    queued = []
    with transaction.atomic():
        # The invoices are locked, then those with a reminder waiting or queued today are
        # left out: the button pressed twice queues each reminder once.
        past_due = list(
            Invoice.objects.select_for_update()
            .filter(network=network, due_on__lt=today)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        reminded = Reminder.objects.filter(invoice_id__in=past_due).filter(
            Q(sent_at__isnull=True) | Q(queued_at__date=today)
        )
        unpaid = (
            with_balances(Invoice.objects.filter(pk__in=past_due).select_related("organisation"))
            .filter(balance__gt=0)  # type: ignore[misc]
            .exclude(pk__in=reminded.values("invoice_id"))
            .order_by("pk")
        )
        for invoice in unpaid:
            reminder = Reminder.objects.create(
                invoice=invoice,
                recipients=reminder_recipients(invoice.organisation),
                queued_by=permissions.user_or_none(actor),
            )
            queued.append(reminder)
        audit.record(actor, "queue_reminders", network, after={"count": len(queued)})
        for reminder in queued:
            reminder_id = reminder.pk
            transaction.on_commit(functools.partial(send_fee_reminder.enqueue, reminder_id))
    return queued


def queue_arrears_reminders(actor: Any, today: dt.date) -> dict[str, int]:
    """The scheduled round of reminders (membership's manifest): `queue_reminders` in every
    network, counted; a reminder with no address to send to is counted apart, for the
    Secretariat to find one. Run twice on a day, the second round queues nothing."""
    queued = [
        reminder
        for network in Network.objects.order_by("pk")
        for reminder in queue_reminders(actor, network, today)
    ]
    return {
        "queued": len(queued),
        "without_email": sum(1 for reminder in queued if not reminder.recipients),
    }
