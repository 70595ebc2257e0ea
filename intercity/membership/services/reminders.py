"""Reminders of unpaid fees, queued here and sent by `membership.tasks`."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from django.db import transaction
from django.db.models import Count

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
    """Queue one reminder per unpaid, past-due invoice; the task worker sends them.

    A member with no e-mail address gets a reminder marked so (the page names it: not
    sent); one that failed or had no address is tried again, with the addresses known now,
    by the next queueing. Returned: the reminders queued or marked by this call."""
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
        unpaid = list(
            with_balances(Invoice.objects.filter(pk__in=past_due).select_related("organisation"))
            .filter(balance__gt=0)  # type: ignore[misc]
            .order_by("pk")
        )
        waiting = {
            r.invoice_id: r
            for r in Reminder.objects.filter(invoice_id__in=past_due, sent_at__isnull=True)
        }
        sent_today = set(
            Reminder.objects.filter(invoice_id__in=past_due, queued_at__date=today).values_list(
                "invoice_id", flat=True
            )
        )
        for invoice in unpaid:
            reminder = waiting.get(invoice.pk)
            if reminder is not None and reminder.status == Reminder.Status.QUEUED:
                continue  # the worker has it
            if reminder is None and invoice.pk in sent_today:
                continue
            recipients = reminder_recipients(invoice.organisation)
            status = Reminder.Status.QUEUED if recipients else Reminder.Status.NO_ADDRESS
            if reminder is not None and reminder.status == status == Reminder.Status.NO_ADDRESS:
                continue  # still nobody to send it to: the page says so already
            if reminder is None:
                reminder = Reminder.objects.create(
                    invoice=invoice,
                    recipients=recipients,
                    queued_by=permissions.user_or_none(actor),
                    status=status,
                )
            else:  # failed, or had no address: again, with the addresses known now
                reminder.recipients, reminder.status, reminder.queued_by = (
                    recipients,
                    status,
                    permissions.user_or_none(actor),
                )
                reminder.save(update_fields=["recipients", "status", "queued_by"])
            queued.append(reminder)
        to_send = [r for r in queued if r.status == Reminder.Status.QUEUED]
        audit.record(
            actor,
            "queue_reminders",
            network,
            after={
                "count": len(to_send),
                "no_address": [r.invoice.organisation.key for r in queued if r not in to_send],
            },
        )
        for reminder in to_send:
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
        "queued": sum(1 for reminder in queued if reminder.status == Reminder.Status.QUEUED),
        "without_email": sum(
            1 for reminder in queued if reminder.status == Reminder.Status.NO_ADDRESS
        ),
    }


def reminder_counts(network: Network) -> dict[str, int]:
    """How many reminders of the network's invoices are in each state (Reminder.Status)."""
    counts = dict.fromkeys(Reminder.Status.values, 0)
    rows = (
        Reminder.objects.filter(invoice__network=network)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    counts.update(dict(rows))
    return counts
