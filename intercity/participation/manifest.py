"""What the Civic Participation System brings: Open311 (mounted before every other pattern, it
is the hot path), the citizens' pages, the staff queues and dashboards."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from intercity.core.modules import Job, Link, Manifest, Section


def menu(request: HttpRequest) -> list[Link]:
    links = [Link(_("Citizens' reports"), reverse("cps_index"))]
    if getattr(getattr(request, "user", None), "is_authenticated", False):
        # A person's own reports, in every city (those they filed with their login's e-mail).
        links.append(Link(_("My reports"), reverse("cps_my_reports")))
    return links


def _queue_description(summary: Any) -> str:
    if not summary.open:
        return _("no open report")
    by_status = ", ".join(f"{status.name}: {count}" for status, count in summary.open_by_status)
    text = ngettext(
        "%(n)s open report (%(by_status)s)", "%(n)s open reports (%(by_status)s)", summary.open
    ) % {"n": summary.open, "by_status": by_status}
    if summary.overdue:
        text = _("%(open)s, %(overdue)s overdue") % {"open": text, "overdue": summary.overdue}
    return text


def _staff_sections(request: HttpRequest) -> list[Section]:
    """A city's staff see their cities' queues: the open reports by status, the overdue ones;
    department staff also what is assigned to them and each department's open reports. Never
    the Secretariat: a city's reports are the city's."""
    from intercity.participation import services, tenancy

    now = timezone.now()
    by_department = set(
        tenancy.department_staff_jurisdictions(request.user).values_list("pk", flat=True)
    )
    links: list[Link] = []
    for jurisdiction in (
        tenancy.staff_jurisdictions(request.user)
        .filter(enabled=True)
        .select_related("organisation")
        .order_by("organisation__name")
    ):
        city = jurisdiction.organisation.name
        queue = reverse("cps_queue", args=[jurisdiction.slug])
        summary = services.queue_summary(request.user, jurisdiction, now)
        links.append(
            Link(
                # Translators: a link on a staff member's start page to their city's queue.
                _("%(city)s: reports to work") % {"city": city},
                queue,
                description=_queue_description(summary),
            )
        )
        if summary.overdue:
            links.append(
                Link(
                    _("%(city)s: overdue reports") % {"city": city},
                    f"{queue}?overdue=on",
                    description=ngettext(
                        "%(n)s report past its target date",
                        "%(n)s reports past their target date",
                        summary.overdue,
                    )
                    % {"n": summary.overdue},
                )
            )
        if jurisdiction.pk not in by_department:
            continue
        mine = services.assigned_open(request.user, jurisdiction)
        links.append(
            Link(
                _("%(city)s: reports assigned to you") % {"city": city},
                f"{queue}?mine=on",
                description=ngettext("%(n)s open", "%(n)s open", mine) % {"n": mine},
            )
        )
        links += [
            Link(
                _("%(city)s, %(department)s: open reports")
                % {"city": city, "department": work.department.name},
                f"{queue}?department={work.department.pk}",
                description=(
                    ngettext("%(n)s open", "%(n)s open", work.open) % {"n": work.open}
                    if not work.overdue
                    else ngettext(
                        "%(n)s open, %(late)s overdue", "%(n)s open, %(late)s overdue", work.open
                    )
                    % {"n": work.open, "late": work.overdue}
                ),
            )
            for work in services.department_work(request.user, jurisdiction, now)
            if work.open
        ]
    if not links:
        return []
    return [Section(_("Citizens' reports"), links=tuple(links), anchor="cps", order=30)]


def _own_reports(request: HttpRequest) -> list[Section]:
    """The reports a person filed, each with its status and a link to its tracking page; a
    citizen who has filed none is shown where to report a problem."""
    from intercity.accounts import permissions
    from intercity.participation import services

    reports = services.own_reports(request.user)
    if not reports and "citizen" not in permissions.roles_of(request.user):
        return []
    links = tuple(
        Link(
            _("%(service)s, %(city)s (report %(id)s)")
            % {
                "service": report.service.name,
                "city": report.jurisdiction.organisation.name,
                "id": report.public_id,
            },
            reverse("cps_report", args=[report.jurisdiction.slug, report.public_id]),
            description=_("%(status)s, filed on %(date)s")
            % {
                "status": report.status.name,
                "date": date_format(timezone.localdate(report.requested_at)),
            },
        )
        for report in reports
    )
    if links:
        links += (Link(_("All my reports"), reverse("cps_my_reports"), style="button-secondary"),)
    return [
        Section(
            _("Your reports"),
            links=links
            or (Link(_("Report a problem to your city"), reverse("cps_index"), style="button"),),
            text=""
            if links
            else _(
                "You have not reported a problem yet with the e-mail address of your login. "
                "Reports you file with it are listed here, with their status."
            ),
            anchor="my-reports",
            order=35,
        )
    ]


def _secretariat_sections(request: HttpRequest) -> list[Section]:
    """The Secretariat sees every city that shares its CPS figures (aggregates, never a
    report): the one CPS page that is theirs."""
    from intercity.accounts import permissions

    if not permissions.is_secretariat(request.user):
        return []
    return [
        Section(
            _("Citizens' reports compared"),
            links=(Link(_("Every city that shares its figures"), reverse("cps_compared_all")),),
            anchor="cps-compared",
            order=36,
        )
    ]


def _setup_sections(request: HttpRequest) -> list[Section]:
    """A city's CPS administrator sets the city's system up from their start page."""
    from intercity.participation import tenancy

    links = tuple(
        Link(
            _("%(city)s: set up the Civic Participation System") % {"city": j.organisation.name},
            reverse("cps_setup", args=[j.slug]),
            description=_("Services and their questions, departments."),
        )
        for j in tenancy.admin_jurisdictions(request.user).select_related("organisation")
    )
    if not links:
        return []
    return [Section(_("Set-up of citizens' reports"), links=links, anchor="cps-setup", order=31)]


def start_sections(request: HttpRequest) -> list[Section]:
    return (
        _staff_sections(request)
        + _setup_sections(request)
        + _own_reports(request)
        + _secretariat_sections(request)
    )


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
    from intercity.participation import services, tenancy

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
    if services.may_set_sharing(request.user, jurisdiction):
        sharing = reverse("cps_sharing", args=[slug])
        links.append(Link(_("Sharing figures with the network"), sharing))
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


def network_sections(request: HttpRequest, network: Any) -> list[Section]:
    """Citizens' reports compared: the network's member cities that share their CPS
    performance, side by side, from two cities up (the section says why when fewer)."""
    from intercity.participation import compared, views_compared

    context = views_compared.table_context(request, prefix="cps_")
    comparison = compared.network_comparison(network, context["days"], context["sort"])
    return [
        Section(
            _("Citizens' reports compared"),
            template="participation/_compared_section.html",
            context={
                **context,
                "comparison": comparison,
                "rows": views_compared.rows(comparison.cities),
                "page_url": reverse("network", args=[network.slug]),
            },
            anchor="cps-compared",
            order=40,
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


def purge_unconfirmed_alerts(now: dt.datetime) -> dict[str, Any]:
    from intercity.participation import alerts

    return {"deleted": alerts.purge_unconfirmed(now)}


def describe_purge(details: dict[str, Any]) -> str:
    deleted = details.get("deleted", 0)
    return ngettext(
        "%(count)d unconfirmed alert deleted", "%(count)d unconfirmed alerts deleted", deleted
    ) % {"count": deleted}


UNCONFIRMED_ALERTS_PURGE = Job(
    name="participation.unconfirmed-alerts-purge",
    cron="40 3 * * *",
    label=cast(str, gettext_lazy("Purge of unconfirmed alerts")),
    rhythm=cast(str, gettext_lazy("Every night, at 03:40.")),
    description=cast(
        str,
        gettext_lazy(
            "Deletes the citizens' e-mail alerts whose confirmation link was not followed "
            "within seven days of subscribing: an address typed by someone else is not kept."
        ),
    ),
    run=purge_unconfirmed_alerts,
    describe=describe_purge,
)


manifest = Manifest(
    name="participation",
    label=cast(str, gettext_lazy("Civic Participation System")),
    early_urls=("intercity.participation.urls_open311",),
    urls=(
        "intercity.participation.urls",
        "intercity.participation.urls_dashboard",
        "intercity.participation.urls_compared",
        "intercity.participation.urls_setup",
        "intercity.participation.urls_workflow",
    ),
    api=(
        "intercity.participation.api:router",
        "intercity.participation.api_compared:router",
        "intercity.participation.api_workflow:router",
    ),
    seed="intercity.participation.seed",
    roles=("department_staff", "cps_supervisor", "cps_admin", "citizen"),
    menu=menu,
    organisation_links=organisation_links,
    organisation_sections=organisation_sections,
    network_sections=network_sections,
    start_sections=start_sections,
    schedules=(OVERDUE_ESCALATION, UNCONFIRMED_ALERTS_PURGE),
)
