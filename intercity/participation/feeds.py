"""Atom feeds of the Civic Participation System: the new reports within a radius of a point,
the new reports in one area of the map grid, and one report's public updates.

Only what the public pages show (`services.for_public`, `services.public_history`): never a
reporter's name or contact, never a moderated report's text or place. At most `FEED_SIZE`
entries, newest first. A parameter that cannot be read is a 400 with the reason in plain text;
a city or report that does not exist, a 404. Links are absolute, from SITE_URL."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from intercity.core.errors import DomainError
from intercity.core.links import absolute, absolute_url
from intercity.participation import alerts, rules, services, tenancy
from intercity.participation.models import Event, Jurisdiction, Report

FEED_SIZE = 50
CONTENT_TYPE = "application/atom+xml; charset=utf-8"


def _bad(message: str) -> HttpResponse:
    return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")


def _feed(title: str, link: str, feed_url: str, jurisdiction: Jurisdiction) -> Atom1Feed:
    return Atom1Feed(
        title=rules.xml_safe(title),
        link=link,
        feed_url=feed_url,
        description="",
        language=translation.get_language() or "",
        author_name=jurisdiction.name,
        feed_guid=feed_url,
    )


def _with_reports(feed: Atom1Feed, reports: Iterable[Report]) -> HttpResponse:
    for report in reports:
        shown = services.for_public(report)
        url = absolute_url("cps_report", report.jurisdiction.slug, report.public_id)
        where = shown.address or (
            f"{shown.latitude}, {shown.longitude}" if shown.latitude is not None else ""
        )
        text = " · ".join(part for part in (report.status.name, where) if part)
        feed.add_item(
            title=rules.xml_safe(f"{report.service.name} · {report.public_id}"),
            link=url,
            unique_id=url,
            description=rules.xml_safe(f"{text}\n\n{shown.description}".strip()),
            pubdate=report.requested_at,
            updateddate=report.updated_at,
            categories=[rules.xml_safe(report.service.name)],
        )
    return _respond(feed)


def _respond(feed: Atom1Feed) -> HttpResponse:
    response = HttpResponse(content_type=CONTENT_TYPE)
    feed.write(response, "utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response


def near(request: HttpRequest, slug: str) -> HttpResponse:
    """/cps/<slug>/feeds/near.atom?lat=&long=&radius=: the newest reports within the radius."""
    jurisdiction = tenancy.public_jurisdiction(slug)
    try:
        point = rules.near_point(
            request.GET.get("lat", ""), request.GET.get("long", ""), request.GET.get("radius", "")
        )
    except ValueError as exc:
        return _bad(str(exc))
    if point is None:
        return _bad(_("Give lat, long and radius together to search near a point."))
    rows = tenancy.reports_of(jurisdiction).select_related("service", "status")
    found = [report for report, _metres in services.reports_near(rows, point)]
    found.sort(key=lambda r: (r.requested_at, r.pk), reverse=True)
    for report in found:
        report.jurisdiction = jurisdiction
    values = {
        "city": jurisdiction.name,
        "radius": point.radius_m,
        "latitude": point.latitude,
        "longitude": point.longitude,
    }
    query = f"lat={point.latitude}&long={point.longitude}&radius={point.radius_m}"
    feed = _feed(
        _("%(city)s: new reports within %(radius)s m of %(latitude)s, %(longitude)s") % values,
        absolute_url("cps_reports", jurisdiction.slug) + "?" + query,
        absolute(request.path) + "?" + query,
        jurisdiction,
    )
    return _with_reports(feed, found[:FEED_SIZE])


def area(request: HttpRequest, slug: str, label: str) -> HttpResponse:
    """/cps/<slug>/feeds/area/<label>.atom: the newest reports in one cell of the map grid."""
    jurisdiction = tenancy.public_jurisdiction(slug)
    try:
        box = alerts.area_bounds(jurisdiction, label)
    except DomainError as exc:
        return _bad(exc.message)
    rows = (
        tenancy.reports_of(jurisdiction)
        .filter(
            hidden=False,  # a moderated report shows no place
            latitude__range=(box.min_latitude, box.max_latitude),
            longitude__range=(box.min_longitude, box.max_longitude),
        )
        .select_related("service", "status")
        .order_by("-requested_at", "-id")[:FEED_SIZE]
    )
    found = list(rows)
    for report in found:
        report.jurisdiction = jurisdiction
    feed = _feed(
        _("%(city)s: new reports in area %(label)s")
        % {"city": jurisdiction.name, "label": label.upper()},
        absolute_url("cps_alerts", jurisdiction.slug),
        absolute(request.path),
        jurisdiction,
    )
    return _with_reports(feed, found)


def report(request: HttpRequest, slug: str, public_id: str) -> HttpResponse:
    """/cps/<slug>/reports/<public_id>/feed.atom: the public steps of one report."""
    jurisdiction = tenancy.public_jurisdiction(slug)
    found = services.get_report(jurisdiction, public_id)
    page = absolute_url("cps_report", jurisdiction.slug, found.public_id)
    feed = _feed(
        _("%(city)s: news of report %(id)s") % {"city": jurisdiction.name, "id": found.public_id},
        page,
        absolute(request.path),
        jurisdiction,
    )
    steps: list[Event] = list(services.public_history(found).order_by("-at", "-id")[:FEED_SIZE])
    for event in steps:
        title = event.target.name if event.verb == "status" and event.target else event.verb_label
        feed.add_item(
            title=rules.xml_safe(f"{found.public_id}: {title}"),
            link=page,
            unique_id=f"{page}#event-{event.pk}",
            description=rules.xml_safe(event.note),
            pubdate=event.at,
            updateddate=event.at,
        )
    return _respond(feed)
