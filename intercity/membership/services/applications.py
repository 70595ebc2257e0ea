"""Applications to join and the status changes of a membership: approval, suspension,
its lifting, withdrawal (Statute 2017 Art. 7)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intercity.core import audit
from intercity.core.bounds import check_date
from intercity.core.errors import DomainError, full_clean_or_refuse
from intercity.membership import rules
from intercity.membership.models import (
    Application,
)
from intercity.membership.services.common import (
    known_category,
    require_secretariat,
)
from intercity.network import services as registry
from intercity.network.models import (
    Body,
    MembershipCategory,
    MembershipPeriod,
    MembershipStatus,
    Network,
    Organisation,
)

# --- Accession, suspension, withdrawal -------------------------------------------------


def member_state(network: Network, organisation: Organisation) -> rules.MemberState:
    period = registry.current_period(network, organisation)
    if period is None:
        return rules.MemberState()
    return rules.MemberState(period.category.slug, period.status, period.valid_from)


def _transition(
    actor: Any,
    network: Network,
    organisation: Organisation,
    action: str,
    on: dt.date,
    *,
    category: str | None = None,
    status: str,
    decision_reference: str,
    reason: str = "",
) -> MembershipPeriod:
    require_secretariat(actor)
    check_date(on, "on")
    target = known_category(network, category) if category else None
    with transaction.atomic():
        # The state is read under a lock on the organisation's membership, so two changes
        # sent together are judged one after the other, each on what the other left.
        registry.lock_membership(network, organisation)
        state = member_state(network, organisation)
        refusal = rules.refuse_transition(
            action,
            state,
            on,
            target_category=target.slug if target else None,
            organisation_kind=organisation.kind,
            eligible_kinds=tuple(target.eligible_kinds) if target else (),
        )
        if refusal:
            raise DomainError(
                _("%(organisation)s: %(refusal)s")
                % {"organisation": organisation, "refusal": refusal}
            )
        return registry.change_membership(
            actor,
            network,
            organisation,
            registry.MembershipChange(
                category=target.slug if target else (state.category or ""),
                status=status,
                valid_from=on,
                decision_reference=decision_reference,
                source=reason,
            ),
        )


def approve_membership(
    actor: Any,
    network: Network,
    organisation: Organisation,
    category: str,
    on: dt.date,
    decision_reference: str,
) -> MembershipPeriod:
    """An Executive Committee decision approves an associate as a full, friendship or
    corporate member (Statute 2017 Art. 7.1, 12.2(a))."""
    if not decision_reference.strip():
        raise DomainError(_("Name the Executive Committee decision that approved the membership."))
    return _transition(
        actor,
        network,
        organisation,
        "approve",
        on,
        category=category,
        status=MembershipStatus.ACTIVE,
        decision_reference=decision_reference,
    )


def suspend_membership(
    actor: Any,
    network: Network,
    organisation: Organisation,
    on: dt.date,
    decision_reference: str,
    reason: str,
) -> MembershipPeriod:
    """Art. 7.3: arrears or absence from the General Assembly without reasonable cause.
    A suspended member keeps its category but has no vote and no benefits until lifted."""
    if not reason.strip():
        raise DomainError(_("Give the reason for the suspension (Statute 2017 Art. 7.3)."))
    return _transition(
        actor,
        network,
        organisation,
        "suspend",
        on,
        status=MembershipStatus.SUSPENDED,
        decision_reference=decision_reference,
        reason=reason,
    )


def lift_suspension(
    actor: Any, network: Network, organisation: Organisation, on: dt.date, decision_reference: str
) -> MembershipPeriod:
    return _transition(
        actor,
        network,
        organisation,
        "lift_suspension",
        on,
        status=MembershipStatus.ACTIVE,
        decision_reference=decision_reference,
    )


def withdraw_membership(
    actor: Any,
    network: Network,
    organisation: Organisation,
    announced_on: dt.date,
    decision_reference: str = "",
) -> MembershipPeriod:
    """Art. 7.2: a withdrawal takes effect on the date the President announces it to the
    Executive Committee. Fees already paid are not refunded (Art. 9)."""
    return _transition(
        actor,
        network,
        organisation,
        "withdraw",
        announced_on,
        status=MembershipStatus.WITHDRAWN,
        decision_reference=decision_reference
        or f"Withdrawal announced by the President to the Executive Committee on {announced_on}",
    )


# --- Applications ------------------------------------------------------------------------


APPLICATION_FIELDS = [
    "organisation_name",
    "kind",
    "country",
    "requested_category",
    "contact_name",
    "contact_email",
    "contact_title",
    "website",
    "population",
    "employees",
    "motivation",
]


def kind_names(kinds: Any) -> str:
    """The kinds of organisation as people read them ("City, Local government"), not slugs."""
    labels = dict(Organisation.Kind.choices)
    return ", ".join(str(labels.get(kind, kind)) for kind in kinds)


def approving_body(network: Network) -> Body | None:
    """The body that decides applications: the network's committee (WeGO's Executive
    Committee, Statute 2017 Art. 7). None when the network's rules have no such body: its
    members come in as its own categories say (ASCN: pilot cities nominated by their state,
    seed 004 para. 8), and it takes no applications."""
    return network.bodies.filter(kind=Body.Kind.COMMITTEE).order_by("pk").first()


def fee_paying_categories(network: Network) -> list[MembershipCategory]:
    """The network's categories whose members pay an annual fee; none in a network whose
    rules set no fees (ASCN), which then has no membership accounts or invoicing."""
    return list(network.categories.filter(billable=True))


def submit_application(network: Network, data: dict[str, Any]) -> Application:
    """A city, agency or company asks to join (Art. 7.1). Anyone may submit, to a network
    whose rules have a body that decides applications."""
    if approving_body(network) is None:
        raise DomainError(
            _("%(network)s takes no applications: its members are nominated.")
            % {"network": network.short_name}
        )
    category = known_category(network, data.get("requested_category", ""))
    if category.slug == "associate":
        raise DomainError(
            _("Ask for the category you wish to hold; associate is the waiting stage.")
        )
    if category.eligible_kinds and data.get("kind") not in category.eligible_kinds:
        raise DomainError(
            _("The %(category)s category is for: %(kinds)s.")
            % {"category": category.name, "kinds": kind_names(category.eligible_kinds)}
        )
    with transaction.atomic():
        values = {k: data.get(k) for k in APPLICATION_FIELDS}
        for optional_text in ("contact_title", "website"):
            values[optional_text] = values[optional_text] or ""
        application = Application(network=network, **values)
        full_clean_or_refuse(application)
        application.save()
        audit.record(
            None,
            "submit_application",
            application,
            after={
                "organisation_name": application.organisation_name,
                "requested_category": application.requested_category,
            },
        )
    return application


def _undecided(application: Application) -> Application:
    """The application re-read under a lock, refused when it was decided meanwhile."""
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if locked.status != Application.Status.RECEIVED:
        raise DomainError(
            _("This application was already %(status)s.")
            % {"status": locked.get_status_display().lower()}
        )
    return locked


def _accept_locked(
    actor: Any, application: Application, on: dt.date, reference: str
) -> tuple[Organisation, MembershipPeriod]:
    """Inside the caller's transaction, on an application locked by `_undecided`: register the
    applicant (or take its organisation), open its associate stage from `on`, and mark the
    application accepted. The caller saves the application and writes its audit event."""
    organisation = application.organisation or registry.register_organisation(
        actor,
        name=application.organisation_name,
        kind=application.kind,
        country=str(application.country),
        website=application.website,
        population=application.population,
        employees=application.employees,
    )
    associate = registry.change_membership(
        actor,
        application.network,
        organisation,
        registry.MembershipChange(
            category="associate",
            status=MembershipStatus.ACTIVE,
            valid_from=on,
            decision_reference=reference,
            source=f"Application no. {application.pk}",
        ),
    )
    application.status = Application.Status.ACCEPTED
    application.organisation = organisation
    application.decided_by = actor
    application.decided_at = timezone.now()
    return organisation, associate


def accept_application(
    actor: Any, application: Application, on: dt.date, decision_reference: str = ""
) -> Organisation:
    """The Secretariat records the applicant as an associate member from `on`."""
    require_secretariat(actor)
    check_date(on, "on")
    with transaction.atomic():
        application = _undecided(application)
        organisation, _associate = _accept_locked(
            actor,
            application,
            on,
            decision_reference or f"Application no. {application.pk} accepted",
        )
        application.save()
        audit.record(
            actor, "accept_application", application, after={"organisation": organisation.pk}
        )
    return organisation


def reject_application(actor: Any, application: Application, note: str) -> Application:
    require_secretariat(actor)
    if not note.strip():
        raise DomainError(_("Say why the application is rejected; the applicant will be told."))
    with transaction.atomic():
        application = _undecided(application)
        application.status = Application.Status.REJECTED
        application.decision_note = note
        application.decided_by = actor
        application.decided_at = timezone.now()
        application.save()
        audit.record(actor, "reject_application", application, after={"note": note})
    return application


@dataclass(frozen=True)
class Admission:
    """What one-step approval did: the application accepted, the organisation registered (or
    found), its associate stage from the application and its approval from `approved.valid_from`."""

    application: Application
    organisation: Organisation
    associate: MembershipPeriod
    approved: MembershipPeriod


def applied_on(application: Application) -> dt.date:
    """The day the application was received, in the site's time zone: the first day of the
    applicant's associate stage (Statute 2017 Art. 5.1(b))."""
    return timezone.localdate(application.submitted_at)


def admit_member(
    actor: Any,
    application: Application,
    *,
    category: str,
    on: dt.date,
    decision_reference: str,
) -> Admission:
    """The Secretariat records an application the Executive Committee approved, in one step:
    the applicant is an associate member from the day it applied (Art. 5.1(b)) and a member of
    `category` from `on`, by the decision named. One transaction; the application is locked
    first, so two approvals sent together make one membership and the second is told."""
    require_secretariat(actor)
    check_date(on, "on")
    if not decision_reference.strip():
        raise DomainError(_("Name the Executive Committee decision that approved the membership."))
    network = application.network
    target = known_category(network, category)
    with transaction.atomic():
        application = _undecided(application)
        since = applied_on(application)
        too_early = rules.approval_too_early(since, on)
        if too_early:
            raise DomainError(too_early)
        organisation, associate = _accept_locked(
            actor, application, since, f"Application no. {application.pk} received"
        )
        approved = approve_membership(
            actor, network, organisation, target.slug, on, decision_reference
        )
        application.decision_note = decision_reference
        application.save()
        audit.record(
            actor,
            "admit_member",
            application,
            after={
                "organisation": organisation.pk,
                "associate_from": since.isoformat(),
                "category": target.slug,
                "approved_from": on.isoformat(),
                "decision_reference": decision_reference,
            },
        )
    return Admission(application, organisation, associate, approved)
