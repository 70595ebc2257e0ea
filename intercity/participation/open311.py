"""Open311 GeoReport v2 and Open311 Service Discovery, as plain Django views, so that existing
Open311 apps and clients file and follow a city's reports unchanged (docs/open311.md).

The specifications are followed field by field: http://wiki.open311.org/GeoReport_v2 and
http://wiki.open311.org/Service_Discovery. Every report query goes through
`tenancy.reports_of(jurisdiction)`; no name, e-mail, phone, device or account id of a citizen
is ever written out.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from functools import wraps
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.db.models import Exists, Max, OuterRef, QuerySet, Subquery
from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from intercity.core.bounds import check_date
from intercity.core.errors import DomainError, NotFound, PermissionDenied
from intercity.core.models import AuditEvent
from intercity.participation import catalogue, languages, rules, services, tenancy, throttle
from intercity.participation.models import (
    Department,
    Event,
    Jurisdiction,
    Photo,
    Report,
    Service,
    ServiceAttribute,
)

View = Callable[..., HttpResponse]

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
PREFIX = "/open311/v2/"
CONTENT_TYPES = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}
XML_DECLARATION = b'<?xml version="1.0" encoding="utf-8"?>\n'
# The spec's XML names each list's items: <services><service>, <attributes><attribute>, ...
XML_ITEMS = {
    "services": "service",
    "attributes": "attribute",
    "values": "value",
    "service_requests": "request",
    "errors": "error",
    "endpoints": "endpoint",
    "formats": "format",
    "languages": "language",
}
# GET requests: "Default query limit is a span of 90 days or first 1000 requests returned,
# whichever is smallest"; start_date and end_date "may not span more than 90 days".
WINDOW = dt.timedelta(days=90)
MAX_REQUESTS = 1000
# POST requests: description is "free form text limited to 4,000 characters".
MAX_DESCRIPTION = 4000
ATTRIBUTE = re.compile(r"^attribute\[([^\[\]]+)\](\[\])?$")
# A '+' of a UTC offset left unencoded in a query string arrives as a space.
LOST_PLUS = re.compile(r" (\d\d(?::?\d\d)?)$")
PERSONAL_FIELDS = ["first_name", "last_name", "email", "phone", "device_id", "account_id"]


# --- Rendering ------------------------------------------------------------------------------------


def _element(tag: str, value: Any) -> ET.Element:
    element = ET.Element(tag)
    if isinstance(value, dict):
        for key, child in value.items():
            element.append(_element(key, child))
    elif isinstance(value, list):
        for child in value:
            element.append(_element(XML_ITEMS[tag], child))
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    elif value is not None:
        # Intake refuses control characters; the writer drops what XML 1.0 forbids anyway, so
        # one stored row (older, or written past the services) cannot break every client.
        element.text = rules.xml_safe(str(value))
    return element


def render(fmt: str, root: str, data: Any, status: int = 200) -> HttpResponse:
    """JSON as the spec's "Spark convention" mapping of its XML: the root element is dropped."""
    if fmt == "json":
        body = json.dumps(data, ensure_ascii=False).encode()
    else:
        body = XML_DECLARATION + ET.tostring(_element(root, data), encoding="unicode").encode()
    return HttpResponse(body, status=status, content_type=CONTENT_TYPES[fmt])


def error(fmt: str, status: int, description: str) -> HttpResponse:
    return render(fmt, "errors", [{"code": status, "description": description}], status=status)


def open311(*methods: str) -> Callable[[View], View]:
    """Check the format and the method, and answer a refusal in the spec's error format with
    the service's status (400, 403, 404, 413, 415, 429)."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, fmt: str, **kwargs: Any) -> HttpResponse:
            # The language of names, descriptions and error descriptions: `locale` (an
            # extension, docs/open311.md), else Accept-Language as LocaleMiddleware read it.
            wanted = request.GET.get("locale", "") or (
                request.POST.get("locale", "") if request.method == "POST" else ""
            )
            with translation.override(languages.supported(wanted) or translation.get_language()):
                return answer(request, *args, fmt=fmt, **kwargs)

        def answer(request: HttpRequest, *args: Any, fmt: str, **kwargs: Any) -> HttpResponse:
            if fmt not in CONTENT_TYPES:
                # XML is the format the spec requires of every server, so it says why.
                return error(
                    "xml",
                    404,
                    _("Format '%(format)s' is not served; use .xml or .json.")
                    % {"format": fmt[:20]},
                )
            if request.method not in methods:
                response = error(
                    fmt, 405, _("%(method)s is not allowed here.") % {"method": request.method}
                )
                response["Allow"] = ", ".join(methods)
                return response
            try:
                response = view(request, fmt, *args, **kwargs)
            except DomainError as exc:
                response = error(fmt, exc.status_code, exc.message)
                if exc.status_code == 429:
                    response["Retry-After"] = "60"
            if request.method != "POST":
                # Public, cookie-free data: browser-based Open311 apps may read it.
                response["Access-Control-Allow-Origin"] = "*"
            return response

        return wrapped

    return decorate


# --- Values ---------------------------------------------------------------------------------------


def _zone(jurisdiction: Jurisdiction) -> dt.tzinfo:
    try:
        return ZoneInfo(jurisdiction.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        return dt.UTC


def _w3c(value: dt.datetime | None, zone: dt.tzinfo) -> str | None:
    """W3C (ISO 8601) in the city's time with its offset, e.g. 2010-01-01T09:00:00+09:00."""
    return None if value is None else value.astimezone(zone).isoformat(timespec="seconds")


def _listed(data: QueryDict, name: str) -> list[str]:
    """A parameter that "can be declared multiple times, comma delimited"."""
    return [
        item.strip() for value in data.getlist(name) for item in value.split(",") if item.strip()
    ]


def _when(data: QueryDict, name: str, zone: dt.tzinfo) -> dt.datetime | None:
    raw = LOST_PLUS.sub(r"+\1", data.get(name, "").strip())
    if not raw:
        return None
    try:
        moment = parse_datetime(raw)
        if moment is None:
            day = parse_date(raw)
            moment = None if day is None else dt.datetime.combine(day, dt.time.min)
    except ValueError:
        moment = None
    if moment is None:
        raise DomainError(
            _("%(field)s must be a W3C datetime such as 2010-01-01T00:00:00Z.") % {"field": name}
        )
    # Bounded (core.bounds): the year 1 or 9999 overflowed the 90-day window arithmetic.
    check_date(moment.date(), name)
    # The spec requires an offset; a bare time is taken as the city's own.
    try:
        return moment if timezone.is_aware(moment) else timezone.make_aware(moment, zone)
    except (OverflowError, ValueError):
        raise DomainError(
            _("%(field)s: %(value)s is not a time this service can use.")
            % {"field": name, "value": raw[:40]}
        ) from None


def _notice(service: Service, department: Department | None) -> str | None:
    """service_notice: who acts on the request and the city's target time for it."""
    parts = []
    if department is not None:
        parts.append(_("Routed to %(department)s.") % {"department": department.name})
    if service.target_hours:
        parts.append(
            _("The city aims to resolve it within %(hours)s hours.")
            % {"hours": service.target_hours}
        )
    return " ".join(parts) or None


# --- Jurisdictions --------------------------------------------------------------------------------


def jurisdiction_for(request: HttpRequest, segment: str | None) -> Jurisdiction:
    """The jurisdiction of the path segment or of `jurisdiction_id`; without either, the only
    enabled one."""
    given = request.GET.get("jurisdiction_id", "")
    if request.method == "POST":
        given = request.POST.get("jurisdiction_id", "") or given
    given = given.strip()
    if segment and given and given != segment:
        raise DomainError(
            _("jurisdiction_id '%(given)s' does not match this endpoint's jurisdiction '%(slug)s'.")
            % {"given": given[:80], "slug": segment}
        )
    slug = segment or given
    if slug:
        try:
            # Through intake's catalogue (tenancy resolves it, kept for seconds): every
            # Open311 call names its jurisdiction, and a POST is written by one statement.
            found = catalogue.of_slug(slug).jurisdiction
        except NotFound:
            raise NotFound(
                _("jurisdiction_id '%(slug)s' was not found.") % {"slug": slug[:80]}
            ) from None
        languages.use_content_languages(found)
        return found
    enabled = list(Jurisdiction.objects.filter(enabled=True)[:2])
    if len(enabled) == 1:
        languages.use_content_languages(enabled[0])
        return enabled[0]
    raise DomainError(
        _(
            "jurisdiction_id was not provided; this endpoint serves several jurisdictions "
            "(their endpoints are listed in /open311/discovery.json)."
        )
    )


# --- Service Discovery ----------------------------------------------------------------------------


def _changesets(jurisdictions: list[Jurisdiction]) -> dict[int, str]:
    """When each jurisdiction's endpoint last changed: its creation or its latest service
    added through `services.add_service_type` (the audit trail), as a sortable UTC stamp."""
    latest = {j.pk: j.created_at for j in jurisdictions}
    owner = dict(
        Service.objects.filter(jurisdiction__in=jurisdictions).values_list("pk", "jurisdiction_id")
    )
    added = (
        AuditEvent.objects.filter(
            object_type=Service._meta.label_lower, object_id__in=[str(pk) for pk in owner]
        )
        .values("object_id")
        .annotate(last=Max("at"))
        .values_list("object_id", "last")
    )
    for object_id, at in added:
        jurisdiction_id = owner[int(object_id)]
        latest[jurisdiction_id] = max(latest[jurisdiction_id], at)
    return {pk: at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ") for pk, at in latest.items()}


@open311("GET", "HEAD")
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    """One GeoReport v2 endpoint per enabled jurisdiction, so a client finds a city's API."""
    jurisdictions = list(Jurisdiction.objects.filter(enabled=True).order_by("slug"))
    changesets = _changesets(jurisdictions)
    endpoints = [
        {
            "specification": SPECIFICATION,
            "url": request.build_absolute_uri(f"{PREFIX}{j.slug}/"),
            "changeset": changesets[j.pk],
            "type": "production",
            "formats": ["text/xml", "application/json"],
            # An extension: the languages the city's services are written in (its main one
            # first); ask for one with `locale` (docs/open311.md).
            "languages": languages.offered(j),
        }
        for j in jurisdictions
    ]
    data = {
        "changeset": max(changesets.values(), default="1970-01-01T00:00:00Z"),
        "contact": (
            f"{settings.SITE_NAME} Civic Participation System. Each city answers for its own "
            "endpoint below; write to the city's participation team."
        ),
        "key_service": (
            "API keys are issued per client application by each city's participation staff; "
            "ask the city whose endpoint your application will post to."
        ),
        "endpoints": endpoints,
    }
    return render(fmt, "discovery", data)


# --- Services -------------------------------------------------------------------------------------


@open311("GET", "HEAD")
def service_list(
    request: HttpRequest, fmt: str, jurisdiction_id: str | None = None
) -> HttpResponse:
    jurisdiction = jurisdiction_for(request, jurisdiction_id)
    found = services.service_types_of(jurisdiction).annotate(
        has_attributes=Exists(ServiceAttribute.objects.filter(service=OuterRef("pk")))
    )
    data = [
        {
            "service_code": service.code,
            "service_name": service.name,
            "description": service.description,
            "metadata": bool(service.has_attributes),
            "type": service.kind,
            "keywords": ", ".join(str(word) for word in service.keywords or []),
            "group": service.group,
        }
        for service in found
    ]
    return render(fmt, "services", data)


@open311("GET", "HEAD")
def service_definition(
    request: HttpRequest, fmt: str, service_code: str, jurisdiction_id: str | None = None
) -> HttpResponse:
    jurisdiction = jurisdiction_for(request, jurisdiction_id)
    service = services.service_type_of(jurisdiction, service_code)
    data = {
        "service_code": service.code,
        "attributes": [
            {
                "variable": attribute.variable,
                "code": attribute.code,
                "datatype": attribute.datatype,
                "required": attribute.required,
                "datatype_description": attribute.datatype_description or None,
                "order": attribute.order,
                "description": attribute.description,
                "values": [
                    {"key": value.get("key"), "name": value.get("name")}
                    for value in attribute.values or []
                ],
            }
            for attribute in service.attributes.all()
        ],
    }
    return render(fmt, "service_definition", data)


# --- Service requests -----------------------------------------------------------------------------


def _requests(jurisdiction: Jurisdiction) -> QuerySet[Report]:
    """Reports with what a request shows, in one query: the note of the public change to the
    current status, and the first photo."""
    status_notes = (
        Event.objects.filter(
            report=OuterRef("pk"), verb="status", public=True, target=OuterRef("status")
        )
        .exclude(note="")
        .order_by("-at", "-id")
        .values("note")[:1]
    )
    first_photo = Photo.objects.filter(report=OuterRef("pk")).order_by("id").values("id")[:1]
    # Read as values (`_rows`), the service, status and department looked up in the city's
    # own (`_Known`): building a report and three translated model instances per row cost
    # more than the query (1,000 rows: 230 ms, of which the query 29 ms;
    # docs/participation-scale.md).
    return (
        tenancy.reports_of(jurisdiction)
        .defer(*PERSONAL_FIELDS, "attributes")
        .annotate(status_notes=Subquery(status_notes), first_photo=Subquery(first_photo))
    )


# What a request shows, read as values: a model instance per row cost more than the query.
REQUEST_VALUES = (
    "id",
    "public_id",
    "service_id",
    "status_id",
    "department_id",
    "hidden",
    "description",
    "requested_at",
    "updated_at",
    "expected_at",
    "address",
    "address_id",
    "zipcode",
    "latitude",
    "longitude",
    "status_notes",
    "first_photo",
)


def _rows(found: QuerySet[Report]) -> list[dict[str, Any]]:
    return list(found.values(*REQUEST_VALUES))


Shared = tuple[str, str, str | None, str | None]  # service name and code, agency, notice


class _Known:
    """The city's services, statuses and departments, read once per answer (a few dozen
    rows), and what the rows of one service and department share: the names in the
    reader's language and the notice."""

    def __init__(self, jurisdiction: Jurisdiction) -> None:
        self.services = {s.pk: s for s in jurisdiction.services.all()}
        self.statuses = {s.pk: s for s in jurisdiction.statuses.all()}
        self.departments = {d.pk: d for d in jurisdiction.departments.all()}
        self.zone = _zone(jurisdiction)
        self.shared: dict[tuple[int, int | None], Shared] = {}

    def about(
        self, service_id: int, department_id: int | None
    ) -> tuple[str, str, str | None, str | None]:
        key = (service_id, department_id)
        found = self.shared.get(key)
        if found is None:
            service = self.services[service_id]
            department = self.departments.get(department_id) if department_id else None
            found = self.shared[key] = (
                str(service.name),
                service.code,
                str(department.name) if department else None,
                _notice(service, department),
            )
        return found


def _media_url(request: HttpRequest, jurisdiction: Jurisdiction, row: dict[str, Any]) -> str | None:
    """The first photo, through the citizens' page that serves it after the tenancy check
    (media files are not public); a moderated report's photos are for its staff only."""
    if row["first_photo"] is None or row["hidden"]:
        return None
    path = reverse("cps_photo", args=[jurisdiction.slug, row["public_id"], row["first_photo"]])
    return request.build_absolute_uri(path)


def _request(
    request: HttpRequest, jurisdiction: Jurisdiction, stored: dict[str, Any], known: _Known
) -> dict[str, Any]:
    """One request as Open311 shows it, from its row (`REQUEST_VALUES`)."""
    row = rules.public_values(stored["hidden"], stored)  # moderated: no text and no place
    zone = known.zone
    name, code, agency, notice = known.about(row["service_id"], row["department_id"])
    return {
        "service_request_id": row["public_id"],
        "status": known.statuses[row["status_id"]].open311,
        "status_notes": row["status_notes"] or None,
        "service_name": name,
        "service_code": code,
        "description": row["description"],
        "agency_responsible": agency,
        "service_notice": notice,
        "requested_datetime": _w3c(row["requested_at"], zone),
        "updated_datetime": _w3c(row["updated_at"], zone),
        "expected_datetime": _w3c(row["expected_at"], zone),
        "address": row["address"],
        "address_id": row["address_id"],
        "zipcode": row["zipcode"],
        "lat": None if row["latitude"] is None else float(row["latitude"]),
        "long": None if row["longitude"] is None else float(row["longitude"]),
        "media_url": _media_url(request, jurisdiction, row),
    }


def _search(request: HttpRequest, jurisdiction: Jurisdiction) -> list[dict[str, Any]]:
    found = _requests(jurisdiction)
    ids = _listed(request.GET, "service_request_id")
    if ids:  # "This overrides all other arguments."
        return _rows(found.filter(public_id__in=ids[:MAX_REQUESTS])[:MAX_REQUESTS])
    codes = _listed(request.GET, "service_code")
    if codes:
        found = found.filter(service__code__in=codes)
    statuses = _listed(request.GET, "status")
    if statuses:
        unknown = sorted(set(statuses) - {"open", "closed"})
        if unknown:
            raise DomainError(
                _("status must be open or closed, not %(given)s.")
                % {"given": ", ".join(unknown)[:80]}
            )
        found = found.filter(status__open311__in=statuses)
    zone = _zone(jurisdiction)
    start = _when(request.GET, "start_date", zone)
    end = _when(request.GET, "end_date", zone)
    if start and end:
        if end < start:
            raise DomainError(_("end_date is before start_date."))
        if end - start > WINDOW:
            raise DomainError(_("start_date and end_date may not span more than 90 days."))
    elif start:
        end = start + WINDOW
    elif end:
        start = end - WINDOW
    else:
        start = timezone.now() - WINDOW
    found = found.filter(requested_at__gte=start)
    if end:
        found = found.filter(requested_at__lte=end)
    near = _near(request.GET)
    if near is not None:  # an extension: nearest first (docs/open311.md)
        near_ones = services.reports_near(found, near, MAX_REQUESTS)
        return [{name: getattr(r, name) for name in REQUEST_VALUES} for r, _metres in near_ones]
    return _rows(found.order_by("-requested_at", "-id")[:MAX_REQUESTS])


def _near(data: QueryDict) -> rules.Near | None:
    try:
        return rules.near_point(data.get("lat", ""), data.get("long", ""), data.get("radius", ""))
    except ValueError as exc:
        raise DomainError(str(exc)) from None


def _attributes(data: QueryDict) -> dict[str, Any]:
    """attribute[code]=value, and attribute[code][]=value repeated for a multivaluelist."""
    given: dict[str, Any] = {}
    for key in data:
        match = ATTRIBUTE.match(key)
        if match:
            given[match[1]] = data.getlist(key) if match[2] else data.get(key)
    return given


def _media(request: HttpRequest, jurisdiction: Jurisdiction) -> list[tuple[str, bytes]]:
    """The multipart `media` files; one more than allowed is enough for the service to refuse,
    and an oversized file is refused before it is read into memory."""
    limit = jurisdiction.max_photo_bytes
    media = []
    for upload in request.FILES.getlist("media")[: jurisdiction.max_photos + 1]:
        name = upload.name or "media"
        if upload.size is not None and upload.size > limit:
            raise DomainError(
                _("%(name)s is %(size)s bytes; the limit is %(limit)s bytes.")
                % {"name": name, "size": f"{upload.size:,}", "limit": f"{limit:,}"},
                status=413,
            )
        media.append((name, upload.read()))
    return media


def _create(request: HttpRequest, fmt: str, jurisdiction: Jurisdiction) -> HttpResponse:
    data = request.POST
    key = (data.get("api_key") or request.GET.get("api_key") or "").strip()
    if not key:
        raise PermissionDenied(_("api_key was not provided -- can't proceed with create_request."))
    client = services.client_for_key(jurisdiction, key)
    if client is None:
        raise PermissionDenied(_("Invalid api_key received -- can't proceed with create_request."))
    throttle.check(f"open311-client:{client.pk}")
    code = data.get("service_code", "").strip()
    if not code:
        raise DomainError(_("service_code was not provided."))
    description = data.get("description", "")
    if len(description) > MAX_DESCRIPTION:
        raise DomainError(
            _("description is at most %(limit)s characters.") % {"limit": f"{MAX_DESCRIPTION:,}"}
        )
    submission = services.Submission(
        service_code=code,
        description=description,
        latitude=data.get("lat"),
        longitude=data.get("long"),
        address=data.get("address_string", ""),
        address_id=data.get("address_id", ""),
        email=data.get("email", ""),
        device_id=data.get("device_id", ""),
        account_id=data.get("account_id", ""),
        first_name=data.get("first_name", ""),
        last_name=data.get("last_name", ""),
        phone=data.get("phone", ""),
        attributes=_attributes(data),
        photos=_media(request, jurisdiction),
    )
    try:
        report = services.submit_report(jurisdiction, submission, client=client)
    except DomainError as exc:
        # The spec answers an unknown service_code with 404; look only when refused.
        if (
            exc.status_code == 400
            and "\x00" not in code  # PostgreSQL cannot compare text holding NUL
            and not services.service_types_of(jurisdiction).filter(code=code).exists()
        ):
            raise NotFound(
                _("service_code '%(code)s' was not found in %(city)s.")
                % {"code": code[:60], "city": jurisdiction}
            ) from exc
        raise
    service = report.service
    created: dict[str, Any] = {}
    # The spec returns either the id or a token, never both; a blackbox service neither.
    if service.kind == Service.Kind.REALTIME:
        created["service_request_id"] = report.public_id
    elif service.kind == Service.Kind.BATCH:
        created["token"] = report.token
    created["service_notice"] = _notice(service, service.department)
    created["account_id"] = report.account_id or None
    return render(fmt, "service_requests", [created])


@csrf_exempt  # API clients post with an api_key, not a browser session
@open311("GET", "HEAD", "POST")
def service_requests(
    request: HttpRequest, fmt: str, jurisdiction_id: str | None = None
) -> HttpResponse:
    jurisdiction = jurisdiction_for(request, jurisdiction_id)
    if request.method == "POST":
        return _create(request, fmt, jurisdiction)
    found = _search(request, jurisdiction)
    known = _Known(jurisdiction)
    return render(
        fmt, "service_requests", [_request(request, jurisdiction, r, known) for r in found]
    )


@open311("GET", "HEAD")
def service_request(
    request: HttpRequest, fmt: str, service_request_id: str, jurisdiction_id: str | None = None
) -> HttpResponse:
    jurisdiction = jurisdiction_for(request, jurisdiction_id)
    found = _rows(_requests(jurisdiction).filter(public_id=service_request_id)[:1])
    if not found:
        raise NotFound(
            _("service_request_id '%(id)s' was not found.") % {"id": service_request_id[:40]}
        )
    return render(
        fmt, "service_requests", [_request(request, jurisdiction, found[0], _Known(jurisdiction))]
    )


@open311("GET", "HEAD")
def token(
    request: HttpRequest, fmt: str, token: str, jurisdiction_id: str | None = None
) -> HttpResponse:
    jurisdiction = jurisdiction_for(request, jurisdiction_id)
    report = services.report_by_token(jurisdiction, token)
    data = [{"service_request_id": report.public_id, "token": report.token}]
    return render(fmt, "service_requests", data)
