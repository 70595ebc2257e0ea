"""The Secondment Staff Program (seed 003): the Secretariat opens a call; an officer of a
member city applies; the Secretariat selects within the call's places, each decision with its
reason; a selected officer's term at the Secretariat is recorded. Each action runs in one
transaction and writes its audit event."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from intercity.accounts import permissions
from intercity.core import audit
from intercity.core.errors import DomainError, NotFound, PermissionDenied
from intercity.learning import rules_training as rules
from intercity.learning.models_secondment import Secondment, SecondmentApplication, SecondmentCall
from intercity.learning.services.training import Refusal
from intercity.network import services as network_services
from intercity.network.models import Network, Organisation


def calls() -> QuerySet[SecondmentCall]:
    return SecondmentCall.objects.select_related("network")


def get_call(pk: int) -> SecondmentCall:
    found = calls().filter(pk=pk).first()
    if found is None:
        raise NotFound(_("No secondment call has this number."))
    return found


def secondments() -> QuerySet[Secondment]:
    return Secondment.objects.select_related("organisation", "network")


def open_call(
    actor: Any,
    network: Network,
    *,
    title: str,
    description: str,
    places: int,
    term_months: int,
    opens_on: dt.date,
    closes_on: dt.date,
) -> SecondmentCall:
    permissions.require_secretariat(
        actor, refusal=_("Only Secretariat staff may open a secondment call.")
    )
    if closes_on < opens_on or places < 1 or term_months < 1:
        raise DomainError(_("A call closes after it opens, with at least one place and month."))
    with transaction.atomic():
        call = SecondmentCall.objects.create(
            network=network,
            title=title,
            description=description,
            places=places,
            term_months=term_months,
            opens_on=opens_on,
            closes_on=closes_on,
        )
        audit.record(actor, "learning.open_secondment_call", call, after={"title": title})
    return call


def apply(
    actor: Any,
    call: SecondmentCall,
    organisation: Organisation,
    *,
    full_name: str,
    statement: str,
    today: dt.date,
) -> SecondmentApplication:
    if organisation.pk not in permissions.officer_organisation_ids(actor):
        raise PermissionDenied(_("Only an officer of the city may apply for it."))
    if not call.opens_on <= today <= call.closes_on:
        raise DomainError(_("The call is closed."))
    period = network_services.period_on(call.network, organisation, today)
    if period is None or not network_services.is_current(period.status):
        raise DomainError(_("Only officials of the network's member cities may apply."))
    if not full_name.strip() or not statement.strip():
        raise DomainError(_("Give your full name and a statement."))
    try:
        with transaction.atomic():
            # The call's row as it is now, locked as withdrawing it locks it: an application
            # lands before a withdrawal or is refused after it.
            locked = SecondmentCall.objects.select_for_update().get(pk=call.pk)
            if locked.withdrawn_at is not None:
                raise DomainError(_("This call is withdrawn."))
            application = SecondmentApplication.objects.create(
                call=call,
                applicant=actor,
                organisation=organisation,
                full_name=full_name.strip()[:200],
                statement=statement.strip(),
            )
            audit.record(actor, "learning.apply_secondment", application)
    except IntegrityError as exc:
        raise DomainError(_("You have already applied to this call.")) from exc
    return application


def decide(
    actor: Any,
    application: SecondmentApplication,
    *,
    selected: bool,
    reason: str,
    starts_on: dt.date | None = None,
    role_title: str = "",
) -> SecondmentApplication:
    """The Secretariat selects an officer (within the call's places) or not, with its reason; a
    selected officer's term starts on `starts_on` for the call's months."""
    permissions.require_secretariat(
        actor, refusal=_("Only Secretariat staff may select seconded officers.")
    )
    if not reason.strip():
        raise DomainError(_("Give the reason of the decision."))
    with transaction.atomic():
        call = SecondmentCall.objects.select_for_update().get(pk=application.call_id)
        if call.withdrawn_at is not None:
            raise DomainError(_("This call is withdrawn."))
        locked = SecondmentApplication.objects.select_for_update().get(pk=application.pk)
        if locked.status != SecondmentApplication.Status.SUBMITTED:
            raise DomainError(_("This application is already decided."))
        if selected:
            taken = call.applications.filter(status=SecondmentApplication.Status.SELECTED).count()
            if taken >= call.places:
                raise DomainError(
                    _("All %(places)s places of the call are taken.") % {"places": call.places}
                )
        locked.status = (
            SecondmentApplication.Status.SELECTED
            if selected
            else SecondmentApplication.Status.NOT_SELECTED
        )
        locked.decision_reason = reason.strip()
        locked.save(update_fields=["status", "decision_reason"])
        if selected:
            ends_on = None
            if starts_on is not None:
                month = starts_on.month - 1 + call.term_months
                year = starts_on.year + month // 12
                ends_on = dt.date(year, month % 12 + 1, 1) - dt.timedelta(days=1)
                ends_on = max(ends_on, starts_on)
            Secondment.objects.create(
                network=call.network,
                application=locked,
                officer=locked.full_name,
                role_title=role_title or call.title,
                organisation=locked.organisation,
                starts_on=starts_on,
                ends_on=ends_on,
            )
        audit.record(
            actor,
            "learning.decide_secondment",
            locked,
            before={"status": SecondmentApplication.Status.SUBMITTED},
            after={"status": locked.status},
            reason=locked.decision_reason,
        )
    return locked


CALL_FIELDS = ["title", "description", "places", "term_months", "opens_on", "closes_on"]


def _selected(call: SecondmentCall) -> int:
    return call.applications.filter(status=SecondmentApplication.Status.SELECTED).count()


def edit_call(
    actor: Any,
    call: SecondmentCall,
    *,
    title: str,
    description: str,
    places: int,
    term_months: int,
    opens_on: dt.date,
    closes_on: dt.date,
) -> SecondmentCall:
    """The Secretariat corrects a secondment call; the call's row is locked, as a decision
    locks it, so the places never fall below the officers selected."""
    permissions.require_secretariat(
        actor, refusal=_("Only Secretariat staff may change a secondment call.")
    )
    if not title.strip():
        raise DomainError(_("Give the call a title."))
    with transaction.atomic():
        locked = SecondmentCall.objects.select_for_update().get(pk=call.pk)
        ruling = rules.may_change_secondment_call(
            withdrawn=locked.withdrawn_at is not None,
            opens_on=opens_on,
            closes_on=closes_on,
            places=places,
            term_months=term_months,
            selected=_selected(locked),
        )
        if not ruling.allowed:
            raise Refusal(ruling)
        before = audit.snapshot(locked, CALL_FIELDS)
        locked.title = title.strip()[:200]
        locked.description = description.strip()
        locked.places = places
        locked.term_months = term_months
        locked.opens_on = opens_on
        locked.closes_on = closes_on
        after = audit.snapshot(locked, CALL_FIELDS)
        if after != before:
            locked.save(update_fields=CALL_FIELDS)
            audit.record(actor, "learning.edit_secondment_call", locked, before=before, after=after)
    return locked


def withdraw_call(actor: Any, call: SecondmentCall, *, reason: str) -> SecondmentCall:
    """The Secretariat withdraws a secondment call, with its reason: nobody applies or is
    selected through it afterwards; refused once an officer was selected."""
    permissions.require_secretariat(
        actor, refusal=_("Only Secretariat staff may withdraw a secondment call.")
    )
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Give the reason of the withdrawal."))
    with transaction.atomic():
        locked = SecondmentCall.objects.select_for_update().get(pk=call.pk)
        ruling = rules.may_withdraw_secondment_call(
            withdrawn=locked.withdrawn_at is not None, selected=_selected(locked)
        )
        if not ruling.allowed:
            raise DomainError(ruling.reason)
        locked.withdrawn_at = timezone.now()
        locked.withdrawn_reason = reason[:300]
        locked.save(update_fields=["withdrawn_at", "withdrawn_reason"])
        audit.record(
            actor,
            "learning.withdraw_secondment_call",
            locked,
            before={"withdrawn_at": None},
            after=audit.snapshot(locked, ["withdrawn_at", "withdrawn_reason"]),
            reason=locked.withdrawn_reason,
        )
    return locked
