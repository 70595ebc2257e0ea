"""The statute's deadlines of a network's meetings, and their reminders."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from intercity.accounts import permissions
from intercity.core.errors import DomainError
from intercity.governance import forms, rules, services
from intercity.governance.models import (
    DeadlineReminder,
    Meeting,
)
from intercity.network import services as registry

# --- Deadlines --------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeadlineRow:
    deadline: rules.Deadline
    meeting: Meeting
    passed: bool
    reminder: DeadlineReminder | None


def deadlines(request: HttpRequest, slug: str) -> HttpResponse:
    network = registry.get_network(slug)
    today = timezone.localdate()
    is_staff = permissions.is_secretariat(request.user)
    if request.method == "POST":
        if not is_staff:
            raise HttpForbidden(_("Only Secretariat staff queue reminders."))
        form = forms.QueueRemindersForm(request.POST)
        try:
            if not form.is_valid():
                raise DomainError(_("Say for which meeting to queue the reminders."))
            planned = services.get_meeting(network, form.cleaned_data["meeting"])
            queued = services.queue_deadline_reminders(request.user, planned, today)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            to_send = [r for r in queued if r.status == DeadlineReminder.Status.QUEUED]
            messages.success(
                request,
                ngettext(
                    "%(n)s reminder queued for %(meeting)s.",
                    "%(n)s reminders queued for %(meeting)s.",
                    len(to_send),
                )
                % {"n": len(to_send), "meeting": planned},
            )
            nobody = [
                m for m, addresses in services.member_addresses(planned).items() if not addresses
            ]
            if queued and nobody:
                messages.warning(
                    request,
                    _("No e-mail address for %(member)s: not sent.")
                    % {"member": ", ".join(sorted(nobody))},
                )
        return redirect("governance_deadlines", slug=slug)
    planned_meetings = (
        services.meetings(network)
        .filter(Q(date__gte=today) | ~Q(status=Meeting.Status.CLOSED))
        .order_by("date")
        .prefetch_related("reminders")
    )
    sections = []
    for planned in planned_meetings:
        reminders = {r.key: r for r in planned.reminders.all()}
        rows = [
            DeadlineRow(
                deadline,
                planned,
                deadline.due is not None and deadline.due < today,
                reminders.get(deadline.key),
            )
            for deadline in services.deadlines_for(planned)
        ]
        sections.append((planned, rows))
    ahead = sorted(
        (
            (row.deadline.due, row)
            for _, rows in sections
            for row in rows
            if row.deadline.due is not None and not row.passed
        ),
        key=lambda pair: pair[0],
    )
    return render(
        request,
        "governance/deadlines.html",
        {
            "network": network,
            "sections": sections,
            "ahead": [row for _, row in ahead],
            "today": today,
            "is_staff": is_staff,
        },
    )
