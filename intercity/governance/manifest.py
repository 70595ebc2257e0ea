"""What governance brings: meetings, decisions, officers, statute deadlines, minutes and the
regional offices, and the links to them on a network's page."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from intercity.core.modules import Job, Link, Manifest, Section


def network_sections(request: HttpRequest, network: Any) -> list[Section]:
    """Only what the network's own statute and records define (ASCN has no officers, no
    statute deadlines and no statute text: its page links its meetings, decisions and the
    concept note's framework)."""
    from intercity.governance.services import network_shape

    shape = network_shape(network)
    slug = network.slug
    links = [
        Link(str(_("Meetings")), reverse("governance_home", args=[slug])),
        Link(str(_("Decisions")), reverse("governance_decisions", args=[slug])),
    ]
    if shape.has_officers:
        links.append(
            Link(str(_("Officers and terms")), reverse("governance_officers", args=[slug]))
        )
    if shape.has_statute:
        links.append(
            Link(str(_("Statute deadlines")), reverse("governance_deadlines", args=[slug]))
        )
        links.append(Link(str(_("Statute")), reverse("governance_statute", args=[slug])))
    else:
        links.append(Link(str(_("Founding framework")), reverse("governance_statute", args=[slug])))
    return [
        Section(str(_("Meetings and decisions")), links=tuple(links), anchor="governance", order=10)
    ]


def decision_choices(request: HttpRequest, network: Any) -> list[tuple[str, str]]:
    """The network's adopted decisions, newest first, as (reference, label) pairs: what a
    membership approval may cite. The reference is how the decision is cited elsewhere."""
    from intercity.governance import services

    adopted = services.find_decisions(network, services.DecisionFilter(outcome="adopted"))
    return [
        (
            decision.reference[:300],
            f"{decision.date:%d %b %Y}, {decision.body.name}: {decision.title}",
        )
        for decision in adopted[:300]
    ]


def start_sections(request: HttpRequest) -> list[Section]:
    """For the Secretariat: the statute's deadlines of the planned meetings falling due in
    the coming weeks, the nearest first, each with its day and its meeting."""
    from django.utils import timezone
    from django.utils.formats import date_format
    from django.utils.translation import gettext, ngettext

    from intercity.accounts import permissions
    from intercity.governance import services

    if not permissions.is_secretariat(request.user):
        return []
    ahead = services.deadlines_ahead(request.user, timezone.localdate())
    links = tuple(
        Link(
            f"{item.meeting.network.short_name}: {item.deadline.name}",
            reverse("governance_deadlines", args=[item.meeting.network.slug]),
            description=gettext("due on %(date)s, for %(meeting)s")
            % {
                "date": date_format(item.deadline.due) if item.deadline.due else "",
                "meeting": item.meeting.title,
            },
        )
        for item in ahead
    )
    days = services.DEADLINES_AHEAD_DAYS
    return [
        Section(
            ngettext(
                "Statute deadlines in the next %(days)s day",
                "Statute deadlines in the next %(days)s days",
                days,
            )
            % {"days": days},
            links=links,
            text="" if links else gettext("No statute deadline falls due in these days."),
            anchor="deadlines",
            order=10,
        )
    ]


def remind_deadlines(now: dt.datetime) -> dict[str, Any]:
    from intercity.accounts.permissions import SYSTEM
    from intercity.governance import services

    return services.queue_upcoming_deadline_reminders(SYSTEM, timezone.localdate(now))


def describe_deadline_reminders(details: dict[str, Any]) -> str:
    meetings, queued = details.get("meetings", 0), details.get("queued", 0)
    parts = [
        ngettext(
            "%(count)d planned meeting looked at", "%(count)d planned meetings looked at", meetings
        )
        % {"count": meetings},
        ngettext("%(count)d reminder queued", "%(count)d reminders queued", queued)
        % {"count": queued},
    ]
    if details.get("without_email"):
        parts.append(
            ngettext(
                "%(count)d reminder with no one to send it to",
                "%(count)d reminders with no one to send them to",
                details["without_email"],
            )
            % {"count": details["without_email"]}
        )
    if details.get("problems"):
        parts.append(
            ngettext(
                "%(count)d meeting whose deadlines cannot be computed",
                "%(count)d meetings whose deadlines cannot be computed",
                details["problems"],
            )
            % {"count": details["problems"]}
        )
    return "; ".join(parts)


DEADLINE_REMINDERS = Job(
    name="governance.deadline-reminders",
    cron="0 8 * * *",
    label=cast(str, _("Statute deadline reminders")),
    rhythm=cast(str, _("Every day, 08:00.")),
    description=cast(
        str,
        _(
            "Before each planned meeting, reminds the members of the body of every statute "
            "deadline due within the next 30 days (candidacies, amendments, host proposals), "
            "each deadline once."
        ),
    ),
    run=remind_deadlines,
    describe=describe_deadline_reminders,
)


manifest = Manifest(
    name="governance",
    label="Governance",
    urls=(
        "intercity.governance.urls",
        "intercity.governance.urls_minutes",
        "intercity.governance.urls_regional",
        "intercity.governance.urls_live",
        "intercity.governance.urls_floor",
    ),
    api=(
        "intercity.governance.api:router",
        "intercity.governance.api_regional:router",
        "intercity.governance.api_statute:router",
        "intercity.governance.api_live:router",
        "intercity.governance.api_floor:router",
    ),
    seed="intercity.governance.seed",
    network_sections=network_sections,
    decision_choices=decision_choices,
    start_sections=start_sections,
    schedules=(DEADLINE_REMINDERS,),
)
