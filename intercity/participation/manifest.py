"""What the Civic Participation System brings: Open311 (mounted before every other pattern, it
is the hot path), the citizens' pages, the staff queues and dashboards."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from intercity.core.modules import Job, Link, Manifest, Section


def menu(request: HttpRequest) -> list[Link]:
    return [Link(_("Citizens' reports"), reverse("cps_index"))]


def start_sections(request: HttpRequest) -> list[Section]:
    """A city's staff see their cities' queues (never the Secretariat: a city's reports are
    the city's)."""
    from intercity.participation import tenancy

    links = tuple(
        Link(
            # Translators: a link on a staff member's start page to their city's queue.
            _("%(city)s: reports to work") % {"city": jurisdiction.name},
            reverse("cps_queue", args=[jurisdiction.slug]),
        )
        for jurisdiction in tenancy.staff_jurisdictions(request.user).order_by("name")
    )
    if not links:
        return []
    return [Section(_("Citizens' reports"), links=links, anchor="cps", order=30)]


def _jurisdiction_of(organisation: Any) -> Any:
    """The city's Civic Participation System, if it runs one (a disabled one is not shown)."""
    from intercity.participation.models import Jurisdiction

    return Jurisdiction.objects.filter(organisation_id=organisation.pk, enabled=True).first()


def organisation_links(request: HttpRequest, organisation: Any) -> list[Link]:
    """For the city's own staff, its queue, first thing on the city's page."""
    from intercity.participation import tenancy

    jurisdiction = _jurisdiction_of(organisation)
    if jurisdiction is None or not tenancy.is_staff_of(request.user, jurisdiction):
        return []
    return [
        Link(
            _("Citizens' reports to work"),
            reverse("cps_queue", args=[jurisdiction.slug]),
            style="button-secondary",
        )
    ]


def organisation_sections(request: HttpRequest, organisation: Any) -> list[Section]:
    """Where anyone reports a problem to the city and reads its reports; its staff also get
    the queue and the dashboard."""
    from intercity.participation import tenancy

    jurisdiction = _jurisdiction_of(organisation)
    if jurisdiction is None:
        return []
    slug = jurisdiction.slug
    links = [
        Link(_("Recent reports"), reverse("cps_reports", args=[slug])),
        Link(_("Report a problem"), reverse("cps_report_new", args=[slug])),
        Link(_("Open data"), reverse("cps_open_data_page", args=[slug])),
    ]
    if tenancy.is_staff_of(request.user, jurisdiction):
        links += [
            Link(_("Staff queue: the reports to work"), reverse("cps_queue", args=[slug])),
            Link(_("Dashboard"), reverse("cps_dashboard", args=[slug])),
        ]
    return [
        Section(
            _("Citizens' reports"),
            text=_(
                "%(city)s takes citizens' reports of problems in its streets and public "
                "spaces through the Civic Participation System."
            )
            % {"city": organisation.name},
            links=tuple(links),
            anchor="cps",
            order=30,
        )
    ]


def escalate_overdue(now: dt.datetime) -> dict[str, Any]:
    from intercity.accounts.permissions import SYSTEM
    from intercity.participation import services

    return services.escalate_overdue(SYSTEM, now)


def describe_escalations(details: dict[str, Any]) -> str:
    escalated = details.get("escalated", 0)
    text = ngettext(
        "%(count)d overdue report escalated", "%(count)d overdue reports escalated", escalated
    ) % {"count": escalated}
    if details.get("without_department"):
        text += "; " + ngettext(
            "%(count)d of them has no department",
            "%(count)d of them have no department",
            details["without_department"],
        ) % {"count": details["without_department"]}
    return text


OVERDUE_ESCALATION = Job(
    name="participation.overdue-escalation",
    cron="15 * * * *",
    label=cast(str, gettext_lazy("Escalation of overdue reports")),
    rhythm=cast(str, gettext_lazy("Every hour, at a quarter past.")),
    description=cast(
        str,
        gettext_lazy(
            "Escalates to its department each citizen's report still open past the time its "
            "service promises: the report is flagged and its staff history notes it, once."
        ),
    ),
    run=escalate_overdue,
    describe=describe_escalations,
)


manifest = Manifest(
    name="participation",
    label=cast(str, gettext_lazy("Civic Participation System")),
    early_urls=("intercity.participation.urls_open311",),
    urls=("intercity.participation.urls", "intercity.participation.urls_dashboard"),
    seed="intercity.participation.seed",
    roles=("department_staff", "citizen"),
    menu=menu,
    organisation_links=organisation_links,
    organisation_sections=organisation_sections,
    start_sections=start_sections,
    schedules=(OVERDUE_ESCALATION,),
)
