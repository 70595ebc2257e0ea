"""Named actions of the Civic Participation System: set up a city's jurisdiction, take in a
citizen's report, move it through the city's workflow, route, assign, comment, moderate,
find and merge duplicates. Each validates, saves in one transaction and records the step
in the report's history (and the audit trail for staff actions); followers are told of
public changes by a queued task."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from intercity.accounts import permissions
from intercity.core import audit
from intercity.core.bounds import check_decimal
from intercity.core.errors import DomainError, NotFound, PermissionDenied, full_clean_or_refuse
from intercity.network.models import Organisation
from intercity.participation import (
    alerts,
    catalogue,
    intake,
    languages,
    photos,
    rules,
    tallies,
    tenancy,
)
from intercity.participation.models import (
    APIClient,
    Comment,
    Department,
    Event,
    Follower,
    Jurisdiction,
    Notification,
    Report,
    Service,
    Status,
    Transition,
)


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def require_staff(actor: Any, jurisdiction: Jurisdiction) -> None:
    if not tenancy.is_staff_of(actor, jurisdiction):
        raise PermissionDenied(
            _("Only the staff of %(city)s may do this.") % {"city": jurisdiction}
        )


# --- Jurisdictions, services, departments ---------------------------------------------------


@dataclass(frozen=True)
class Area:
    centre: tuple[Decimal, Decimal]
    min_latitude: Decimal
    max_latitude: Decimal
    min_longitude: Decimal
    max_longitude: Decimal


def create_jurisdiction(
    actor: Any,
    organisation: Organisation,
    *,
    slug: str,
    name: str,
    area: Area,
    time_zone: str = "UTC",
    languages: list[str] | None = None,
) -> Jurisdiction:
    """A member city enables the system: its jurisdiction with the default workflow
    (submitted -> acknowledged -> in progress -> resolved | rejected | duplicate, reopen)."""

    if not (
        permissions.is_secretariat(actor)
        or permissions.can_edit_organisation(actor, organisation.pk)
    ):
        raise PermissionDenied(
            _("Only the officers of %(organisation)s or the Secretariat may do this.")
            % {"organisation": organisation}
        )
    with transaction.atomic():
        jurisdiction = Jurisdiction(
            organisation=organisation,
            slug=slug,
            name=name,
            time_zone=time_zone,
            languages=languages or [],
            centre_latitude=area.centre[0],
            centre_longitude=area.centre[1],
            min_latitude=area.min_latitude,
            max_latitude=area.max_latitude,
            min_longitude=area.min_longitude,
            max_longitude=area.max_longitude,
        )
        full_clean_or_refuse(jurisdiction)
        jurisdiction.save()
        install_default_workflow(jurisdiction)
        audit.record(actor, "create_jurisdiction", jurisdiction, after={"slug": slug})
    return jurisdiction


def install_default_workflow(jurisdiction: Jurisdiction) -> None:
    """The default statuses and moves (rules.DEFAULT_STATUSES, DEFAULT_TRANSITIONS), which
    the city then edits as its own data."""
    statuses = {
        code: Status.objects.create(
            jurisdiction=jurisdiction,
            code=code,
            open311=open311,
            initial=initial,
            position=position,
            **_in_every_language("name", label),
        )
        for position, (code, label, open311, initial) in enumerate(rules.DEFAULT_STATUSES)
    }
    Transition.objects.bulk_create(
        Transition(
            jurisdiction=jurisdiction,
            source=statuses[source],
            target=statuses[target],
            **_in_every_language("name", label),
        )
        for source, target, label in rules.DEFAULT_TRANSITIONS
    )


def _in_every_language(field: str, label: Any) -> dict[str, str]:
    """`name=...`, `name_en=...`, `name_ko=...`: a default label of the workflow in each of the
    site's languages, from the app's catalogs; the city edits them as its own data."""
    with translation.override(settings.LANGUAGE_CODE):
        values = {field: str(label)}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            values[f"{field}_{code.replace('-', '_')}"] = str(label)
    return values


def add_department(
    actor: Any, jurisdiction: Jurisdiction, name: str, email: str = ""
) -> Department:
    require_staff(actor, jurisdiction)
    with transaction.atomic():
        department = Department(jurisdiction=jurisdiction, name=name.strip(), email=email)
        full_clean_or_refuse(department)
        department.save()
        audit.record(actor, "add_department", department, after={"name": name})
    return department


def add_service_type(
    actor: Any,
    jurisdiction: Jurisdiction,
    *,
    code: str,
    name: str,
    description: str = "",
    group: str = "",
    department: Department | None = None,
    target_hours: int | None = None,
    keywords: list[str] | None = None,
) -> Service:
    """Offer a new kind of request (an Open311 "service") in a jurisdiction. The audit verb
    stays `add_service`, the word of the events already recorded."""
    require_staff(actor, jurisdiction)
    if department is not None and department.jurisdiction_id != jurisdiction.pk:
        raise DomainError(
            _("%(department)s is a department of another city.") % {"department": department}
        )
    with transaction.atomic():
        service = Service(
            jurisdiction=jurisdiction,
            code=code,
            name=name,
            description=description,
            group=group,
            department=department,
            target_hours=target_hours,
            keywords=keywords or [],
            position=jurisdiction.services.count(),
        )
        full_clean_or_refuse(service)
        service.save()
        audit.record(actor, "add_service", service, after={"code": code, "name": name})
    return service


def service_types_of(jurisdiction: Jurisdiction) -> QuerySet[Service]:
    """The kinds of request a jurisdiction offers (its active Open311 "services")."""
    return jurisdiction.services.filter(active=True).select_related("department")


def service_type_of(jurisdiction: Jurisdiction, code: str) -> Service:
    try:
        return service_types_of(jurisdiction).prefetch_related("attributes").get(code=code)
    except Service.DoesNotExist:
        raise NotFound(
            _("No service '%(code)s' in %(city)s.") % {"code": code, "city": jurisdiction}
        ) from None


# --- Intake ----------------------------------------------------------------------------------


@dataclass
class Submission:
    """What a citizen (or an Open311 client) sends."""

    service_code: str
    description: str
    latitude: str | Decimal | None = None
    longitude: str | Decimal | None = None
    address: str = ""
    address_id: str = ""
    zipcode: str = ""
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str = ""
    device_id: str = ""
    account_id: str = ""
    attributes: dict[str, Any] = field(default_factory=dict)
    photos: list[tuple[str, bytes]] = field(default_factory=list)  # (name, content)
    # The language the citizen wrote in; empty: the language of the request.
    language: str = ""


def _decimal(
    value: str | Decimal | None, name: str, *, max_digits: int = 9, decimal_places: int = 6
) -> Decimal | None:
    """A number as a `DecimalField(max_digits, decimal_places)` stores it (finer digits are
    rounded, as a phone's GPS gives more than the column keeps); refused with a message when
    it is not a finite number or is too large for the column (`1e999999`)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise DomainError(
            _("%(field)s must be a number, not %(value)s.")
            % {"field": name, "value": repr(str(value)[:40])}
        ) from None
    if not number.is_finite():
        raise DomainError(_("%(field)s must be a number.") % {"field": name})
    if number != 0 and number.adjusted() >= max_digits - decimal_places:
        limit = Decimal(10) ** (max_digits - decimal_places)
        raise DomainError(
            _("%(field)s must be less than %(limit)s in size.")
            % {"field": name, "limit": f"{limit:,}"}
        )
    rounded = number.quantize(Decimal(1).scaleb(-decimal_places))
    return check_decimal(rounded, name, max_digits=max_digits, decimal_places=decimal_places)


def _check_attributes(service: Service, given: dict[str, Any]) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    for attribute in service.attributes.all():
        value = given.get(attribute.code)
        if value in (None, "", []):
            if attribute.required:
                raise DomainError(
                    _("%(question)s is required (%(code)s).")
                    % {"question": attribute.description, "code": attribute.code}
                )
            continue
        keys = {str(v.get("key")) for v in attribute.values}
        if attribute.datatype == "singlevaluelist" and str(value) not in keys:
            raise DomainError(
                _("%(code)s: '%(value)s' is not one of %(keys)s.")
                % {"code": attribute.code, "value": value, "keys": sorted(keys)}
            )
        if attribute.datatype == "multivaluelist":
            values = value if isinstance(value, list) else [value]
            if not {str(v) for v in values} <= keys:
                raise DomainError(
                    _("%(code)s: choose among %(keys)s.")
                    % {"code": attribute.code, "keys": sorted(keys)}
                )
            value = [str(v) for v in values]
        if attribute.datatype == "number":
            _decimal(str(value), attribute.code, max_digits=18)
        clean[attribute.code] = value
    return clean


def submit_report(
    jurisdiction: Jurisdiction,
    submission: Submission,
    *,
    client: APIClient | None = None,
    now: dt.datetime | None = None,
) -> Report:
    """Take in a concern. Anything wrong is refused with a reason and nothing is stored.

    Validated against the jurisdiction's catalogue (services, attributes, initial status:
    `catalogue`, cached for seconds) and stored by `intake`; a row the store refuses because
    the catalogue no longer held is validated and stored again with fresh data, which then
    either succeeds or says what changed."""
    report = _store(jurisdiction, submission, client, now)
    _tell_of_new_report(report)
    return report


def _tell_of_new_report(report: Report) -> None:
    """The worker confirms the report to the address given with it, tells the department
    it was routed to and mails the alerts of its place (each once the report is committed,
    never inside the request)."""
    from intercity.participation.tasks import send_confirmation, send_department_notice

    alerts.report_filed(report)  # the citizens' alerts of its place, matched by the worker
    if report.email:
        transaction.on_commit(functools.partial(send_confirmation.enqueue, report.pk))
    # The service's department came with the intake catalogue (no query here): a department
    # without an address costs the hot path nothing.
    department = report.service.department if report.department_id is not None else None
    if department is not None and department.email:
        transaction.on_commit(
            functools.partial(send_department_notice.enqueue, report.pk, department.pk)
        )


def _store(
    jurisdiction: Jurisdiction,
    submission: Submission,
    client: APIClient | None,
    now: dt.datetime | None,
) -> Report:
    prepared = _prepare(
        jurisdiction, catalogue.of(jurisdiction), submission, client, now or timezone.now()
    )
    try:
        return intake.store(prepared)
    except intake.Refused:
        catalogue.forget()
        fresh = catalogue.of(jurisdiction)
        if client is not None:
            client = catalogue.client(fresh.jurisdiction, client.key_hash)
            if client is None:
                raise PermissionDenied(
                    _("Invalid api_key received -- can't proceed with create_request.")
                ) from None
        again = _prepare(jurisdiction, fresh, submission, client, prepared.requested_at)
        try:
            return intake.store_with_orm(again)
        except intake.Refused:
            raise DomainError(
                _("%(city)s's services changed while this report was stored; send it again.")
                % {"city": jurisdiction},
                status=409,
            ) from None


def _refuse_bad_text(submission: Submission) -> None:
    """No database we run stores a NUL in text, and the XML a city publishes cannot carry
    other control characters: say so rather than store what breaks every Open311 client."""
    texts = {
        "service_code": submission.service_code,
        "address": submission.address,
        "address_id": submission.address_id,
        "zipcode": submission.zipcode,
        "first_name": submission.first_name,
        "last_name": submission.last_name,
        "email": submission.email,
        "phone": submission.phone,
        "device_id": submission.device_id,
        "account_id": submission.account_id,
        **{f"attribute code {code[:40]!r}": code for code in submission.attributes},
    }
    for name, text in texts.items():
        check_text(str(text), name)
    check_text(submission.description, _("description"))
    for code, value in submission.attributes.items():
        for item in value if isinstance(value, list) else [value]:
            check_text(str(item), f"attribute {code[:40]}")


def check_text(text: str, field: str) -> str:
    """`text` if a person may store it here, else DomainError (rules.text_problem)."""
    problem = rules.text_problem(text, field)
    if problem:
        raise DomainError(problem)
    return text


def _prepare(
    jurisdiction: Jurisdiction,
    known: catalogue.Catalogue,
    submission: Submission,
    client: APIClient | None,
    now: dt.datetime,
) -> intake.Prepared:
    """Validate against the jurisdiction as the caller has it (area, photo limits) and its
    catalogue (services, attributes, initial status)."""
    _refuse_bad_text(submission)
    service = known.services.get(submission.service_code)
    if service is None:
        raise DomainError(
            _("'%(code)s' is not a service of %(city)s.")
            % {"code": submission.service_code, "city": jurisdiction}
        )
    description = submission.description.strip()
    if not description:
        raise DomainError(_("Describe the problem."))
    latitude = _decimal(submission.latitude, _("Latitude"))
    longitude = _decimal(submission.longitude, _("Longitude"))
    bounds = rules.Bounds(
        jurisdiction.min_latitude,
        jurisdiction.max_latitude,
        jurisdiction.min_longitude,
        jurisdiction.max_longitude,
    )
    # Open311 accepts any one of lat/long, address_string or address_id as the location.
    where = submission.address or submission.address_id
    problem = rules.location_problem(bounds, latitude, longitude, where)
    if problem:
        raise DomainError(problem)
    if len(submission.photos) > jurisdiction.max_photos:
        raise DomainError(
            _("At most %(count)s photos per report.") % {"count": jurisdiction.max_photos}
        )
    cleaned = tuple(
        photos.sanitise(content, max_bytes=jurisdiction.max_photo_bytes, name=name)
        for name, content in submission.photos
    )
    attributes = _check_attributes(service, submission.attributes)
    if known.initial is None:
        raise DomainError(
            _("%(city)s has no initial status in its workflow.") % {"city": jurisdiction}
        )
    public_id, token = intake.new_ids()
    prepared = intake.Prepared(
        jurisdiction_id=jurisdiction.pk,
        service=service,
        initial=known.initial,
        client=client,
        public_id=public_id,
        token=token,
        description=description,
        latitude=latitude,
        longitude=longitude,
        address=submission.address.strip(),
        address_id=submission.address_id.strip(),
        zipcode=submission.zipcode.strip(),
        first_name=submission.first_name.strip(),
        last_name=submission.last_name.strip(),
        email=submission.email.strip(),
        phone=submission.phone.strip(),
        device_id=submission.device_id.strip(),
        account_id=submission.account_id.strip(),
        attributes=attributes,
        requested_at=now,
        expected_at=rules.expected_at(now, service.target_hours),
        day=rules.local_day(now, ZoneInfo(jurisdiction.time_zone)),
        cell=tallies.cell_of(latitude, longitude, bounds),
        photos=cleaned,
        language=languages.supported(submission.language or translation.get_language()) or "",
    )
    # Lengths, choices and formats of every field; the related rows came from the catalogue
    # and are checked again where the report is written.
    full_clean_or_refuse(prepared.report(), fields_only=True)
    return prepared


# --- Workflow ----------------------------------------------------------------------------------


def allowed_moves(jurisdiction: Jurisdiction) -> set[tuple[str, str]]:
    return set(jurisdiction.transitions.values_list("source__code", "target__code"))


def _notify(event: Event) -> None:
    """Queue an e-mail to each follower of a public change (sent by the worker)."""
    from intercity.participation.tasks import send_notification

    if not event.public:
        return
    emails = list(event.report.followers.values_list("email", flat=True))
    made = Notification.objects.bulk_create(Notification(event=event, email=e) for e in emails)
    for notification in made:
        transaction.on_commit(functools.partial(send_notification.enqueue, notification.pk))


def change_status(
    actor: Any,
    report: Report,
    target_code: str,
    *,
    note: str = "",
    public: bool = True,
    expected: str | None = None,
    now: dt.datetime | None = None,
) -> Report:
    """Move a report along the city's workflow, by whom and when, with a note.

    The move is judged on the report's row locked inside the transaction, so two staff who
    press a button at once make one move; `expected` is the status the person saw (the page
    sends it), and a report that has moved since is refused rather than moved again."""
    jurisdiction = report.jurisdiction
    require_staff(actor, jurisdiction)
    check_text(note, _("The note"))
    now = now or timezone.now()
    try:
        target = jurisdiction.statuses.get(code=target_code)
    except Status.DoesNotExist:
        known = ", ".join(jurisdiction.statuses.values_list("code", flat=True))
        raise DomainError(
            _("Unknown status '%(code)s'; known: %(known)s.")
            % {"code": target_code, "known": known}
        ) from None
    with transaction.atomic():
        locked = _locked(report)
        if expected is not None and locked.status.code != expected:
            raise DomainError(
                _(
                    "Report %(id)s is now %(status)s (someone changed it since you opened it); "
                    "nothing was changed."
                )
                % {"id": locked.public_id, "status": locked.status.name},
                status=409,
            )
        problem = rules.transition_problem(
            locked.status.code, target.code, allowed_moves(jurisdiction)
        )
        if problem:
            raise DomainError(problem)
        _move(actor, locked, target, note=note, public=public, now=now)
    return locked


def _move(
    actor: Any,
    locked: Report,
    target: Status,
    *,
    note: str,
    public: bool,
    now: dt.datetime,
    verb: str = "status",
    audit_verb: str = "change_report_status",
) -> Event:
    """The one path every change of a report's status takes, once the caller has locked the
    row and judged the move (a staff move, a merge, a citizen's "not fixed"): the status and
    its times, the history step, the audit event and the followers' e-mails. Anything that
    must happen at each change of status (counts, hooks) belongs here."""
    source = locked.status
    # The dashboard's tallies follow the move (participation.tallies), in this transaction.
    before = tallies.counted(locked, locked.jurisdiction)
    locked.status = target
    locked.updated_at = now
    locked.resolved_at = now if target.open311 == "closed" else None
    fields = ["status", "updated_at", "resolved_at"]
    if source.open311 == "closed" and target.open311 == "open":
        # Reopened: the service's target time runs again from now, not from the first report.
        service = locked.service
        locked.expected_at = rules.expected_at(now, service.target_hours if service else None)
        fields.append("expected_at")
    locked.save(update_fields=fields)
    tallies.record(locked.jurisdiction_id, before, tallies.counted(locked, locked.jurisdiction))
    event = Event.objects.create(
        report=locked,
        verb=verb,
        source=source,
        target=target,
        note=note,
        public=public,
        actor=_user(actor),
        at=now,
    )
    audit.record(
        actor,
        audit_verb,
        locked,
        before={"status": source.code},
        after={"status": target.code},
        reason=note,
    )
    _notify(event)
    return event


def _locked(report: Report) -> Report:
    """The report's row, read again and locked for the rest of the transaction (SQLite runs
    write transactions one at a time: `transaction_mode=IMMEDIATE`)."""
    # No join here: PostgreSQL would lock the joined status row too and, once the report's
    # status had changed under it, re-check the join against the old status and find nothing.
    locked = Report.objects.select_for_update().get(pk=report.pk)
    locked.jurisdiction = report.jurisdiction  # the tenant already in hand
    return locked


def bulk_change_status(
    actor: Any, jurisdiction: Jurisdiction, report_ids: list[int], target_code: str, note: str = ""
) -> list[Report]:
    """The same move for several reports of one city: all or none. The rows are locked in
    one order (by id), so two bulk moves over overlapping reports wait for each other
    instead of deadlocking."""
    require_staff(actor, jurisdiction)
    with transaction.atomic():
        ids = sorted(set(report_ids))
        found = list(
            tenancy.reports_of(jurisdiction).select_for_update().filter(pk__in=ids).order_by("pk")
        )
        if len(found) != len(ids):
            missing = sorted(set(ids) - {r.pk for r in found})
            raise NotFound(
                _("No report '%(id)s' in %(city)s.") % {"id": missing[0], "city": jurisdiction}
            )
        moved = {
            report.pk: change_status(actor, report, target_code, note=note) for report in found
        }
        return [moved[pk] for pk in dict.fromkeys(report_ids)]


def assign(
    actor: Any, report: Report, *, department: Department | None = None, user: Any = None
) -> Report:
    jurisdiction = report.jurisdiction
    require_staff(actor, jurisdiction)
    if department is not None and department.jurisdiction_id != jurisdiction.pk:
        raise DomainError(
            _("%(department)s is a department of another city.") % {"department": department}
        )
    if user is not None and not tenancy.is_staff_of(user, jurisdiction):
        raise DomainError(
            _("%(user)s is not on the staff of %(city)s.") % {"user": user, "city": jurisdiction}
        )
    now = timezone.now()
    with transaction.atomic():
        # "Before" is what the row holds now, not what the page loaded.
        locked = _locked(report)
        before = {"department": locked.department_id, "assigned_to": locked.assigned_to_id}
        department_id = department.pk if department is not None else locked.department_id
        after = {"department": department_id, "assigned_to": user.pk if user else None}
        if after == before:
            return locked
        counted = tallies.counted(locked, jurisdiction)
        locked.department_id = department_id
        locked.assigned_to = user
        locked.updated_at = now
        locked.save(update_fields=["department", "assigned_to", "updated_at"])
        tallies.record(jurisdiction.pk, counted, tallies.counted(locked, jurisdiction))
        # A staff note (not public), written in the language of the staff member who routed it.
        if user:
            note = _("Routed to %(department)s, assigned to %(user)s.") % {
                "department": locked.department,
                "user": user,
            }
        else:
            note = _("Routed to %(department)s.") % {"department": locked.department}
        Event.objects.create(
            report=locked, verb="assigned", note=note, public=False, actor=_user(actor), at=now
        )
        audit.record(actor, "assign_report", locked, before=before, after=after)
        if (
            department_id is not None
            and department_id != before["department"]
            and locked.department is not None
            and locked.department.email
        ):
            from intercity.participation.tasks import send_department_notice

            transaction.on_commit(
                functools.partial(send_department_notice.enqueue, locked.pk, department_id)
            )
    return locked


def add_comment(report: Report, body: str, *, author_name: str = "", actor: Any = None) -> Comment:
    """A comment on a report. A closed report takes none (it is reopened, or a new report is
    filed), judged on its row locked inside the transaction: a comment cannot slip in after
    a concurrent close."""
    if not body.strip():
        raise DomainError(_("Write a comment."))
    if len(body) > 5000:
        raise DomainError(_("A comment is at most 5,000 characters."))
    check_text(body, _("The comment"))
    check_text(author_name, _("The name"))
    with transaction.atomic():
        locked = _locked(report)
        if locked.status.open311 == "closed":
            raise DomainError(
                _(
                    "Report %(id)s is %(status)s: it takes no more comments. If the problem is "
                    "still there, report it again."
                )
                % {"id": locked.public_id, "status": locked.status.name.lower()}
            )
        comment = Comment.objects.create(
            report=locked,
            body=body.strip(),
            author_name=author_name.strip()[:100],
            author=_user(actor),
        )
        # The comment is its own record (and can be hidden by moderation); the history step
        # only says that someone commented, so hiding the comment hides its text everywhere.
        event = Event.objects.create(
            report=locked,
            verb="commented",
            note="",
            public=True,
            actor=_user(actor),
            at=timezone.now(),
        )
        _notify(event)
    return comment


def moderate(actor: Any, report: Report, *, hidden: bool, comment: Comment | None = None) -> bool:
    """Hide (or show again) a report's public text or one comment. The change is a
    conditional update: it happens, with its audit event, only if the row is not already so;
    True when it changed something."""
    require_staff(actor, report.jurisdiction)
    if comment is not None and comment.report_id != report.pk:
        raise DomainError(_("That comment belongs to another report."))
    with transaction.atomic():
        target: Report | Comment = comment if comment is not None else report
        rows = type(target).objects.filter(pk=target.pk).exclude(hidden=hidden)
        if not rows.update(hidden=hidden):
            target.hidden = hidden
            return False
        target.hidden = hidden
        audit.record(actor, "moderate", target, after={"hidden": hidden})
    return True


def follow(report: Report, email: str) -> Follower:
    follower = Follower(report=report, email=email.strip())
    full_clean_or_refuse(follower)
    follower, _ = Follower.objects.get_or_create(report=report, email=follower.email)
    return follower


# --- Near a point --------------------------------------------------------------------------------


def reports_near(
    rows: QuerySet[Report], near: rules.Near, limit: int = rules.NEAR_LIMIT
) -> list[tuple[Report, float]]:
    """The reports of `rows` (already scoped by tenancy) within the radius, with their
    distance in metres, nearest first. The database keeps a bounding box of the circle (two
    ranges an index answers, on SQLite as on PostgreSQL); the exact distance is measured on
    what it returns. A moderated report shows no place, so it is never near anything."""
    latitudes, longitudes = rules.box_around(near)
    candidates = rows.filter(
        hidden=False, latitude__range=latitudes, longitude__range=longitudes
    ).order_by("-requested_at", "-id")
    points = [
        (report, report.latitude, report.longitude)
        for report in candidates[:NEAR_CANDIDATES]
        if report.latitude is not None and report.longitude is not None  # the range says so
    ]
    return rules.nearest_first(near, points, limit)


# A circle's box holds at most this many candidates (the newest); a 20 km box over a dense
# city could otherwise read hundreds of thousands of rows.
NEAR_CANDIDATES = 5000


# --- On a map ------------------------------------------------------------------------------------

# A map of reports shows at most this many points, the newest: enough to see where a city's
# problems are, small enough for a phone to draw (clustered) and for one JSON answer.
MAP_LIMIT = 2000


@dataclass(frozen=True)
class MapPoint:
    """A report as a point on a map: what its popup says and where it links."""

    public_id: str
    latitude: Decimal
    longitude: Decimal
    service: str
    status: str
    open311: str
    requested_at: dt.datetime


def _point(report: Report) -> MapPoint:
    assert report.latitude is not None  # map_points keeps placed reports only
    assert report.longitude is not None
    return MapPoint(
        report.public_id,
        report.latitude,
        report.longitude,
        report.service.name,
        report.status.name,
        report.status.open311,
        report.requested_at,
    )


def map_points(
    rows: QuerySet[Report] | list[Report], *, public: bool, limit: int | None = None
) -> tuple[list[MapPoint], bool]:
    """The placed reports of `rows` (already scoped by tenancy and filtered as a list is),
    newest first, at most `limit`, and whether there were more. A list (the reports near a
    point, nearest first) is taken in its own order. For the public a moderated report shows
    no place, so it is not on the map at all (`for_public`)."""
    limit = MAP_LIMIT if limit is None else limit
    if isinstance(rows, list):
        found = [r for r in rows if r.latitude is not None and r.longitude is not None]
        if public:
            found = [r for r in found if not r.hidden]
        found = found[: limit + 1]
    else:
        placed = rows.filter(latitude__isnull=False, longitude__isnull=False)
        if public:
            placed = placed.filter(hidden=False)
        found = list(
            placed.select_related("service", "status").order_by("-requested_at", "-id")[: limit + 1]
        )
    return [_point(r) for r in found[:limit]], len(found) > limit


# Split along seams (loaded last: they use the names above); `services.<name>` still names
# each of theirs.
from intercity.participation import (  # noqa: E402
    services_duplicates,
    services_loop,
    services_reading,
)

DuplicateSuggestion = services_duplicates.DuplicateSuggestion
merge = services_duplicates.merge
open_reports_nearby = services_duplicates.open_reports_nearby
suggest_duplicates = services_duplicates.suggest_duplicates
support = services_duplicates.support
supporters_of = services_duplicates.supporters_of
_require_reporter = services_loop._require_reporter
_require_sharing_admin = services_loop._require_sharing_admin
_zone = services_loop._zone
is_reporter = services_loop.is_reporter
may_set_sharing = services_loop.may_set_sharing
my_reports = services_loop.my_reports
performance_sharing = services_loop.performance_sharing
rate_response = services_loop.rate_response
rated_among = services_loop.rated_among
rating_of = services_loop.rating_of
rating_summary = services_loop.rating_summary
reopen_by_citizen = services_loop.reopen_by_citizen
reopen_window = services_loop.reopen_window
set_reopen_days = services_loop.set_reopen_days
share_performance = services_loop.share_performance
stop_sharing_performance = services_loop.stop_sharing_performance
WITHHELD = services_reading.WITHHELD
DepartmentWork = services_reading.DepartmentWork
QueueFilter = services_reading.QueueFilter
QueueSummary = services_reading.QueueSummary
_merged_note = services_reading._merged_note
_never_saved = services_reading._never_saved
api_clients = services_reading.api_clients
assigned_open = services_reading.assigned_open
department_work = services_reading.department_work
escalate_overdue = services_reading.escalate_overdue
for_public = services_reading.for_public
get_report = services_reading.get_report
is_overdue = services_reading.is_overdue
overdue = services_reading.overdue
own_reports = services_reading.own_reports
public_history = services_reading.public_history
queue_reports = services_reading.queue_reports
queue_summary = services_reading.queue_summary
report_by_token = services_reading.report_by_token
_hash_key = services_reading._hash_key
issue_api_key = services_reading.issue_api_key
client_for_key = services_reading.client_for_key
revoke_api_key = services_reading.revoke_api_key
