"""Training programmes: sessions, calls for participants, applications endorsed by the city,
the Secretariat's selection by the stated rule, attendance and cancellation. The classroom
(lessons, the survey, certificates) is in `classroom`.

Endorsement: an application speaks for the applicant; the city's endorsement must come from
someone else who may speak for the city: another officer of the same organisation, or the
Secretariat recording an endorsement the city sent it (a letter). The applicant never endorses
their own application (decision 0041).

Each action checks who may do it, calls the rules, saves in one transaction (state changes
lock the row or update it conditionally) and writes its audit event.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from intercity.accounts import permissions
from intercity.core import audit
from intercity.core.errors import DomainError, NotFound, PermissionDenied
from intercity.learning import rules_training as rules
from intercity.learning.models_training import (
    Application,
    Call,
    Programme,
    ReportedSurvey,
    SessionCity,
    SurveyResponse,
    TrainingSession,
)
from intercity.learning.tasks import send_session_cancelled
from intercity.network import services as network_services
from intercity.network.models import Organisation

APPLICATION_FIELDS = ["status", "endorsed_by", "decision_reason", "attended"]


class Refusal(DomainError):
    """A rule's refusal that is about one field of the form (`field`), so the page shows it
    next to that field."""

    def __init__(self, ruling: rules.Eligibility) -> None:
        super().__init__(ruling.reason)
        self.field = ruling.field


def error_field(exc: DomainError) -> str | None:
    """The form field a refusal is about, None for the form as a whole."""
    return getattr(exc, "field", "") or None


# Reading -------------------------------------------------------------------------------------


def programmes() -> QuerySet[Programme]:
    return Programme.objects.select_related("network", "host", "funder").prefetch_related(
        Prefetch(
            "sessions",
            queryset=TrainingSession.objects.prefetch_related(
                Prefetch("cities", queryset=SessionCity.objects.select_related("organisation"))
            ),
        ),
        "reported_surveys",
    )


def get_programme(slug: str) -> Programme:
    found = programmes().filter(slug=slug[:80]).first()
    if found is None:
        raise NotFound(_("No training programme has this address."))
    return found


def get_session(pk: int) -> TrainingSession:
    found = (
        TrainingSession.objects.select_related("programme", "programme__host", "call")
        .prefetch_related("curriculum", "lessons", "cities__organisation")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise NotFound(_("No training session has this number."))
    return found


def call_of(session: TrainingSession) -> Call | None:
    try:
        return session.call
    except Call.DoesNotExist:
        return None


def call_is_open(session: TrainingSession, call: Call | None, today: dt.date) -> bool:
    """Whether a city officer may apply today, whoever they are."""
    if call is None:
        return False
    return rules.may_apply(
        opens_on=call.opens_on,
        closes_on=call.closes_on,
        today=today,
        is_member=True,
        already=False,
        cancelled=is_cancelled(session),
        closed_early=call.closed_early_at is not None,
    ).allowed


def call_reopenable(session: TrainingSession, call: Call | None, today: dt.date) -> bool:
    """Whether the Secretariat may reopen the call today (closed early by mistake)."""
    if call is None:
        return False
    return rules.may_reopen_call(
        cancelled=is_cancelled(session),
        closes_on=call.closes_on,
        closed_early=call.closed_early_at is not None,
        selected=call.selected_at is not None,
        today=today,
    ).allowed


def applicants_to_tell(session: TrainingSession) -> int:
    """How many applicants a cancellation of the session would tell by e-mail."""
    return (
        Application.objects.filter(call__session=session)
        .exclude(status=Application.Status.WITHDRAWN)
        .count()
    )


@dataclass(frozen=True)
class SessionParticipation:
    """Who took part in a session: the cities and the number of people, from the session's
    selected applications or, for a past session without them, from its source."""

    cities: list[str]
    participants: int | None


def is_cancelled(session: TrainingSession) -> bool:
    return session.status == TrainingSession.Status.CANCELLED


def participation(session: TrainingSession) -> SessionParticipation:
    if is_cancelled(session):
        # Nobody took part in a session that did not take place: it adds nothing to the
        # programme's totals, whoever had been selected for it.
        return SessionParticipation([], None)
    selected = list(
        Application.objects.filter(
            call__session=session, status=Application.Status.SELECTED
        ).select_related("organisation")
    )
    if selected:
        cities: list[str] = []
        for a in selected:
            if a.organisation.name not in cities:
                cities.append(a.organisation.name)
        return SessionParticipation(cities, len(selected))
    return SessionParticipation(
        [c.organisation.name for c in session.cities.all()], session.reported_participants
    )


def programme_totals(programme: Programme) -> tuple[int, int]:
    """(people, distinct cities) over every session of a programme that was not cancelled."""
    people = 0
    cities: set[str] = set()
    for session in programme.sessions.all():
        taken = participation(session)
        people += taken.participants or 0
        cities.update(taken.cities)
    return people, len(cities)


def survey(session: TrainingSession) -> rules.SurveyResult:
    rows = SurveyResponse.objects.filter(application__call__session=session).values(*rules.ASPECTS)
    return rules.survey_result(list(rows))


def reported_surveys(programme: Programme) -> QuerySet[ReportedSurvey]:
    return programme.reported_surveys.all()


def is_member_city(session: TrainingSession, organisation: Organisation, today: dt.date) -> bool:
    period = network_services.period_on(session.programme.network, organisation, today)
    return period is not None and network_services.is_current(period.status)


def applicant_cities(user: Any) -> list[Organisation]:
    ids = permissions.officer_organisation_ids(user)
    return list(Organisation.objects.filter(pk__in=ids).order_by("name"))


def applications_of(user: Any) -> QuerySet[Application]:
    if not getattr(user, "is_authenticated", False):
        return Application.objects.none()
    return (
        Application.objects.filter(applicant=user)
        .select_related("call__session__programme", "organisation")
        .order_by("-submitted_at")
    )


def application_of(user: Any, session: TrainingSession) -> Application | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Application.objects.filter(applicant=user, call__session=session)
        .select_related("organisation")
        .first()
    )


def applications(session: TrainingSession) -> QuerySet[Application]:
    return Application.objects.filter(call__session=session).select_related(
        "organisation", "endorsed_by"
    )


def to_endorse(user: Any) -> QuerySet[Application]:
    """Applications someone may endorse: the Secretariat every one awaiting it; an officer those
    of colleagues of their own organisation."""
    waiting = Application.objects.filter(status=Application.Status.SUBMITTED).select_related(
        "organisation", "call__session"
    )
    if permissions.is_secretariat(user):
        return waiting
    return waiting.filter(organisation_id__in=permissions.officer_organisation_ids(user)).exclude(
        applicant=user
    )


def get_application(pk: int) -> Application:
    found = (
        Application.objects.select_related("call__session__programme__network", "organisation")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise NotFound(_("No application has this number."))
    return found


# Acting --------------------------------------------------------------------------------------


def open_call(
    actor: Any,
    session: TrainingSession,
    *,
    opens_on: dt.date,
    closes_on: dt.date,
    per_city_limit: int = 2,
    new_cities_first: bool = True,
    text: str = "",
) -> Call:
    permissions.require_secretariat(
        actor, refusal=_("Only Secretariat staff may open a call for participants.")
    )
    if closes_on < opens_on:
        raise DomainError(_("A call closes on or after the day it opens."))
    if per_city_limit < 1:
        raise DomainError(_("A city may have at least one place."))
    if session.capacity is None:
        raise DomainError(_("Give the session a capacity before opening a call."))
    with transaction.atomic():
        # One call per session: the session's row is locked, so a second request at once waits
        # and then finds the first call.
        TrainingSession.objects.select_for_update().filter(pk=session.pk).first()
        if Call.objects.filter(session=session).exists():
            raise DomainError(_("This session already has a call for participants."))
        call = Call.objects.create(
            session=session,
            opens_on=opens_on,
            closes_on=closes_on,
            per_city_limit=per_city_limit,
            new_cities_first=new_cities_first,
            text=text,
        )
        TrainingSession.objects.filter(pk=session.pk).update(status=TrainingSession.Status.OPEN)
        audit.record(
            actor,
            "learning.open_call",
            call,
            after=audit.snapshot(call, ["opens_on", "closes_on", "per_city_limit"]),
        )
    return call


def apply(
    actor: Any,
    session: TrainingSession,
    organisation: Organisation,
    *,
    full_name: str,
    position_title: str,
    motivation: str,
    today: dt.date,
) -> Application:
    """A city official applies to a session for their city."""
    if organisation.pk not in permissions.officer_organisation_ids(actor):
        raise PermissionDenied(_("Only an officer of the city may apply for it."))
    call = call_of(session)
    if call is None:
        raise DomainError(_("This session has no call for participants."))
    if not full_name.strip() or not position_title.strip() or not motivation.strip():
        raise DomainError(_("Give your full name, your position and why you wish to take part."))
    is_member = is_member_city(session, organisation, today)
    try:
        with transaction.atomic():
            # The session's row, as cancelling and closing the call lock it: an application
            # lands before a cancellation (and is told of it) or is refused after it.
            locked = TrainingSession.objects.select_for_update().get(pk=session.pk)
            call = Call.objects.get(pk=call.pk)
            ruling = rules.may_apply(
                opens_on=call.opens_on,
                closes_on=call.closes_on,
                today=today,
                is_member=is_member,
                already=Application.objects.filter(call=call, applicant=actor).exists(),
                cancelled=locked.status == TrainingSession.Status.CANCELLED,
                closed_early=call.closed_early_at is not None,
            )
            if not ruling.allowed:
                raise DomainError(ruling.reason)
            application = Application.objects.create(
                call=call,
                applicant=actor,
                organisation=organisation,
                full_name=full_name.strip()[:200],
                position_title=position_title.strip()[:200],
                motivation=motivation.strip(),
            )
            audit.record(
                actor,
                "learning.apply",
                application,
                after=audit.snapshot(application, ["status", "organisation"]),
            )
    except IntegrityError as exc:
        raise DomainError(_("You have already applied to this session.")) from exc
    return application


def may_endorse(actor: Any, application: Application) -> bool:
    if permissions.is_secretariat(actor):
        return True
    if getattr(actor, "pk", None) == application.applicant_id:
        return False
    return application.organisation_id in permissions.officer_organisation_ids(actor)


def endorse(actor: Any, application: Application) -> Application:
    """The city endorses an application: another officer of the same city, or the Secretariat
    recording the city's endorsement."""
    if not may_endorse(actor, application):
        raise PermissionDenied(
            _(
                "Only another officer of the same city, or the Secretariat recording the city's "
                "endorsement, may endorse an application."
            )
        )
    if is_cancelled(application.call.session):
        raise DomainError(_("This session is cancelled."))
    with transaction.atomic():
        updated = Application.objects.filter(
            pk=application.pk, status=Application.Status.SUBMITTED
        ).update(
            status=Application.Status.ENDORSED,
            endorsed_by=permissions.user_or_none(actor),
            endorsed_at=timezone.now(),
        )
        if not updated:
            raise DomainError(_("This application is not awaiting an endorsement."))
        application.refresh_from_db()
        audit.record(
            actor,
            "learning.endorse",
            application,
            before={"status": Application.Status.SUBMITTED},
            after=audit.snapshot(application, ["status", "endorsed_by"]),
        )
    return application


def known_city_ids(session: TrainingSession) -> set[int]:
    """Cities that sent someone to the session's programme before it; the others are new."""
    earlier = TrainingSession.objects.filter(
        programme=session.programme, starts_on__lt=session.starts_on
    )
    known = set(
        SessionCity.objects.filter(session__in=earlier).values_list("organisation_id", flat=True)
    ) | set(
        Application.objects.filter(
            call__session__in=earlier, status=Application.Status.SELECTED
        ).values_list("organisation_id", flat=True)
    )
    return known


def preview_selection(session: TrainingSession) -> list[tuple[Application, rules.Outcome]]:
    """What the rule would decide now, for the Secretariat's selection page."""
    call = call_of(session)
    if call is None:
        return []
    found = list(
        applications(session)
        .exclude(status=Application.Status.WITHDRAWN)
        .order_by("submitted_at", "pk")
    )
    known = known_city_ids(session)
    candidates = [
        rules.Candidate(
            id=a.pk,
            city_id=a.organisation_id,
            city=a.organisation.name,
            endorsed=a.status != Application.Status.SUBMITTED,
            order=index,
            city_is_new=a.organisation_id not in known,
        )
        for index, a in enumerate(found)
    ]
    outcomes = rules.select(
        candidates,
        capacity=session.capacity or 0,
        per_city_limit=call.per_city_limit,
        new_cities_first=call.new_cities_first,
    )
    by_id = {a.pk: a for a in found}
    ranked = sorted(outcomes, key=lambda o: (o.rank is None, o.rank or 0))
    return [(by_id[o.id], o) for o in ranked]


def select(actor: Any, session: TrainingSession) -> list[tuple[Application, rules.Outcome]]:
    """The Secretariat applies the call's rule: each application is selected, waitlisted or
    not selected, with its reason."""
    permissions.require_secretariat(
        actor, refusal=_("Only Secretariat staff may select the participants.")
    )
    with transaction.atomic():
        # The session's row first, as every action that changes the session or its call does
        # (edit, cancel, close early): the selection uses the capacity and status as they are.
        session = TrainingSession.objects.select_for_update().get(pk=session.pk)
        if session.status == TrainingSession.Status.CANCELLED:
            raise DomainError(_("This session is cancelled: nobody is selected for it."))
        call = Call.objects.select_for_update().filter(session=session).first()
        if call is None:
            raise DomainError(_("This session has no call for participants."))
        decided = preview_selection(session)
        for application, outcome in decided:
            before = application.status
            Application.objects.filter(pk=application.pk).update(
                status=outcome.decision, decision_reason=outcome.reason
            )
            application.status = outcome.decision
            application.decision_reason = outcome.reason
            audit.record(
                actor,
                "learning.select",
                application,
                before={"status": before},
                after={"status": outcome.decision},
                reason=outcome.reason,
            )
        Call.objects.filter(pk=call.pk).update(selected_at=timezone.now())
    return decided


def record_attendance(actor: Any, application: Application, attended: bool) -> Application:
    permissions.require_secretariat(
        actor, refusal=_("Only Secretariat staff may record attendance.")
    )
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.status != Application.Status.SELECTED:
            raise DomainError(_("Only a selected participant's attendance is recorded."))
        if is_cancelled(locked.call.session):
            raise DomainError(_("This session is cancelled."))
        before = locked.attended
        locked.attended = attended
        locked.save(update_fields=["attended"])
        audit.record(
            actor,
            "learning.record_attendance",
            locked,
            before={"attended": before},
            after={"attended": attended},
        )
    return locked


def add_session(
    actor: Any,
    programme: Programme,
    *,
    title: str,
    starts_on: dt.date,
    ends_on: dt.date,
    place: str,
    capacity: int,
    curriculum: list[tuple[str, str]] | None = None,
) -> TrainingSession:
    """The Secretariat plans a new session of a programme, with its curriculum."""
    permissions.require_secretariat(
        actor, refusal=_("Only Secretariat staff may plan a training session.")
    )
    if ends_on < starts_on:
        raise DomainError(_("A session ends on or after the day it starts."))
    if capacity < 1:
        raise DomainError(_("A session has at least one place."))
    with transaction.atomic():
        last = (
            TrainingSession.objects.select_for_update()
            .filter(programme=programme)
            .order_by("-number")
            .first()
        )
        session = TrainingSession.objects.create(
            programme=programme,
            number=(last.number + 1) if last else 1,
            title=title,
            starts_on=starts_on,
            ends_on=ends_on,
            place=place,
            capacity=capacity,
        )
        for position, (kind, item) in enumerate(curriculum or []):
            session.curriculum.create(kind=kind, title=item, position=position)
        audit.record(
            actor,
            "learning.add_session",
            session,
            after=audit.snapshot(session, ["title", "starts_on", "ends_on", "capacity"]),
        )
    return session


SESSION_FIELDS = ["title", "starts_on", "ends_on", "precision", "place", "capacity"]


def selected_count(session: TrainingSession) -> int:
    return Application.objects.filter(
        call__session=session, status=Application.Status.SELECTED
    ).count()


def edit_session(
    actor: Any,
    session: TrainingSession,
    *,
    title: str,
    starts_on: dt.date,
    ends_on: dt.date | None,
    precision: str,
    place: str,
    capacity: int,
) -> TrainingSession:
    """The Secretariat corrects a session's title, dates, place or capacity. The session's row
    is locked, so a selection at the same time (which locks it too) sees either the old or the
    new capacity, never a capacity below the participants it selected."""
    permissions.require_secretariat(
        actor, refusal=_("Only Secretariat staff may change a training session.")
    )
    if not title.strip():
        raise DomainError(_("Give the session a title."))
    if precision not in TrainingSession.Precision.values:
        raise DomainError(_("Choose whether the session is dated by day or by month."))
    with transaction.atomic():
        locked = TrainingSession.objects.select_for_update().get(pk=session.pk)
        ruling = rules.may_change_session(
            cancelled=locked.status == TrainingSession.Status.CANCELLED,
            starts_on=starts_on,
            ends_on=ends_on,
            capacity=capacity,
            selected=selected_count(locked),
        )
        if not ruling.allowed:
            raise Refusal(ruling)
        before = audit.snapshot(locked, SESSION_FIELDS)
        locked.title = title.strip()[:200]
        locked.starts_on = starts_on
        locked.ends_on = ends_on
        locked.precision = precision
        locked.place = place.strip()[:200]
        locked.capacity = capacity
        after = audit.snapshot(locked, SESSION_FIELDS)
        if after != before:
            locked.save(update_fields=SESSION_FIELDS)
            audit.record(actor, "learning.edit_session", locked, before=before, after=after)
    return locked


def cancel_session(actor: Any, session: TrainingSession, *, reason: str) -> TrainingSession:
    """The Secretariat cancels a session before it is held, with its reason: its call closes,
    nobody applies, is selected or has a certificate for it afterwards, and each applicant is
    told by e-mail (queued for the worker once the cancellation is committed)."""
    permissions.require_secretariat(
        actor, refusal=_("Only Secretariat staff may cancel a training session.")
    )
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Give the reason of the cancellation."))
    now = timezone.now()
    with transaction.atomic():
        # Applying locks this row too: every application is either in the list told below
        # or refused because the session is cancelled.
        locked = TrainingSession.objects.select_for_update().get(pk=session.pk)
        ruling = rules.may_cancel_session(
            status=locked.status,
            attended=Application.objects.filter(call__session=locked, attended=True).count(),
        )
        if not ruling.allowed:
            raise DomainError(ruling.reason)
        before = audit.snapshot(locked, ["status"])
        locked.status = TrainingSession.Status.CANCELLED
        locked.cancelled_at = now
        locked.cancelled_reason = reason[:300]
        locked.save(update_fields=["status", "cancelled_at", "cancelled_reason"])
        closed = Call.objects.filter(session=locked, closed_early_at__isnull=True).update(
            closed_early_at=now
        )
        told = list(
            Application.objects.filter(call__session=locked)
            .exclude(status=Application.Status.WITHDRAWN)  # the count applicants_to_tell gives
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        audit.record(
            actor,
            "learning.cancel_session",
            locked,
            before=before,
            after={
                **audit.snapshot(locked, ["status", "cancelled_reason"]),
                "call_closed": bool(closed),
                "applicants_told": len(told),
            },
            reason=locked.cancelled_reason,
        )
        for application_id in told:
            transaction.on_commit(functools.partial(send_session_cancelled.enqueue, application_id))
    return locked


def _locked_call(session: TrainingSession) -> tuple[TrainingSession, Call]:
    """The session's row and its call's, locked in that order (as selection, cancellation and
    applying lock them)."""
    locked = TrainingSession.objects.select_for_update().get(pk=session.pk)
    call = Call.objects.select_for_update().filter(session=locked).first()
    if call is None:
        raise DomainError(_("This session has no call for participants."))
    return locked, call


def close_call_early(actor: Any, session: TrainingSession, *, today: dt.date) -> Call:
    """The Secretariat closes a session's call before its closing day: nobody applies after."""
    permissions.require_secretariat(
        actor, refusal=_("Only Secretariat staff may close a call for participants.")
    )
    with transaction.atomic():
        locked, call = _locked_call(session)
        ruling = rules.may_close_call_early(
            cancelled=is_cancelled(locked),
            closes_on=call.closes_on,
            closed_early=call.closed_early_at is not None,
            today=today,
        )
        if not ruling.allowed:
            raise DomainError(ruling.reason)
        call.closed_early_at = timezone.now()
        call.save(update_fields=["closed_early_at"])
        audit.record(
            actor,
            "learning.close_call_early",
            call,
            before={"closed_early_at": None},
            after=audit.snapshot(call, ["closed_early_at", "closes_on"]),
        )
    return call


def reopen_call(actor: Any, session: TrainingSession, *, today: dt.date) -> Call:
    """The Secretariat reopens a call it closed early by mistake, before its closing day."""
    permissions.require_secretariat(
        actor, refusal=_("Only Secretariat staff may reopen a call for participants.")
    )
    with transaction.atomic():
        locked, call = _locked_call(session)
        ruling = rules.may_reopen_call(
            cancelled=is_cancelled(locked),
            closes_on=call.closes_on,
            closed_early=call.closed_early_at is not None,
            selected=call.selected_at is not None,
            today=today,
        )
        if not ruling.allowed:
            raise DomainError(ruling.reason)
        before = audit.snapshot(call, ["closed_early_at"])
        call.closed_early_at = None
        call.save(update_fields=["closed_early_at"])
        audit.record(
            actor,
            "learning.reopen_call",
            call,
            before=before,
            after={"closed_early_at": None, "closes_on": call.closes_on.isoformat()},
        )
    return call
