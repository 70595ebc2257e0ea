"""The Secondment Staff Program (seed 003): the Secretariat opens a call; an officer of a
member city applies; the Secretariat selects within the call's places, each decision with its
reason; a selected officer's term at the Secretariat is recorded. Each action runs in one
transaction and writes its audit event."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from intercity.accounts import permissions
from intercity.core import audit
from intercity.core.errors import DomainError, NotFound, PermissionDenied
from intercity.learning.models_secondment import Secondment, SecondmentApplication, SecondmentCall
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
