"""A network's timeline: its dated milestones (meetings, endorsements, announcements, reports)
and the documents they concern, such as the ASEAN Smart Cities Framework (seed 004, "Timeline"
and Core Elements para. 7(b)).

Anyone reads a timeline. The Secretariat adds milestones and edits them (a meeting's outcomes,
whether a planned date happened); each change runs in one transaction and writes its audit
event. An edit names the revision it was made from: an edit made from an older revision (two
editors at once) is refused by a conditional update, never half-saved.

`meeting_outcomes(network, year)` gives the annual report the outcomes of the year's meetings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from intercity.accounts import permissions
from intercity.core import audit
from intercity.core.errors import DomainError, NotFound, PermissionDenied, full_clean_or_refuse
from intercity.network.models import Network
from intercity.plans import rules_timeline as rules
from intercity.plans.models_timeline import NetworkDocument, NetworkMilestone

FIELDS = ["kind", "on", "precision", "status", "title", "outcome", "document_id", "source"]


@dataclass(frozen=True)
class MeetingOutcome:
    """One meeting of the year and what came of it, for the annual report.

    - `title`, `on` and `precision` ("day" or "month": a month is shown as the month alone);
    - `status`: "planned", "happened" or "cancelled" (seed 004's dates are all planned);
    - `outcome`: what the meeting decided or noted, as the Secretariat recorded it ("" when
      nothing is recorded yet);
    - `source`: the passage of the seed the milestone comes from, if any;
    - `milestone_id`: the milestone's id, for a link to the timeline."""

    milestone_id: int
    title: str
    on: dt.date
    precision: str
    status: str
    outcome: str
    source: str


def _words(problem: str) -> str:
    return {
        "kind": _("Choose a kind: meeting, endorsement, announcement, report or other."),
        "precision": _("Choose whether the date is a day or a month."),
        "status": _("Choose whether the milestone is planned, happened or was cancelled."),
        "happened-in-future": _(
            "A milestone can be recorded as having happened only once its date has come."
        ),
        "outcome-before-meeting": _(
            "A meeting's outcome can be recorded once the meeting has begun; before, write "
            "what is planned in its title."
        ),
    }.get(problem, problem)


# --- Reading ---------------------------------------------------------------------------------


def networks_with_milestones() -> QuerySet[Network]:
    return Network.objects.filter(plans_milestones__isnull=False).distinct().order_by("slug")


def get_network(slug: str) -> Network:
    network = Network.objects.filter(slug=slug).first()
    if network is None:
        raise NotFound(_("No network %(slug)s.") % {"slug": slug})
    return network


def milestones(network: Network) -> QuerySet[NetworkMilestone]:
    """The network's milestones, the earliest first (a month sorts as its first day)."""
    return (
        NetworkMilestone.objects.filter(network=network)
        .select_related("document")
        .order_by("on", "position", "pk")
    )


def documents(network: Network) -> list[NetworkDocument]:
    """The network's documents, each with its endorsement milestones (`endorsements`)."""
    found = list(NetworkDocument.objects.filter(network=network).order_by("title"))
    by_document: dict[int, list[NetworkMilestone]] = {d.pk: [] for d in found}
    for milestone in milestones(network).filter(
        document__in=found, kind=NetworkMilestone.Kind.ENDORSEMENT
    ):
        by_document[milestone.document_id or 0].append(milestone)
    for document in found:
        document.endorsements = by_document[document.pk]  # type: ignore[attr-defined]
    return found


def get_milestone(network: Network, milestone_id: int) -> NetworkMilestone:
    milestone = milestones(network).filter(pk=milestone_id).first()
    if milestone is None:
        raise NotFound(_("No milestone %(id)s in this network.") % {"id": milestone_id})
    return milestone


def meeting_outcomes(network: Network, year: int) -> list[MeetingOutcome]:
    """The network's meetings dated in `year` (by day or month), the earliest first, with the
    outcomes recorded for them; cancelled meetings are left out. For the annual report (seed
    004 para. 7(c): "ASEC will produce an annual report based on the outcomes of this
    meeting")."""
    found = milestones(network).filter(kind=NetworkMilestone.Kind.MEETING, on__year=year)
    return [
        MeetingOutcome(
            milestone_id=m.pk,
            title=m.title,
            on=m.on,
            precision=m.precision,
            status=m.status,
            outcome=m.outcome,
            source=m.source,
        )
        for m in found.exclude(status=NetworkMilestone.Status.CANCELLED)
    ]


# --- Changing --------------------------------------------------------------------------------


def may_edit(user: Any) -> bool:
    return permissions.is_secretariat(user)


def _checked(network: Network, data: dict[str, Any], today: dt.date) -> dict[str, Any]:
    ruling = rules.check(
        kind=str(data.get("kind", "")),
        on=data["on"],
        precision=str(data.get("precision", "")),
        status=str(data.get("status", "")),
        outcome=str(data.get("outcome", "")),
        today=today,
    )
    if not ruling.allowed:
        raise DomainError(" ".join(_words(p) for p in ruling.problems))
    document = data.get("document")
    if document is not None and document.network_id != network.pk:
        raise DomainError(_("The document belongs to another network."))
    return {
        "kind": data["kind"],
        "on": ruling.on,
        "precision": data["precision"],
        "status": data["status"],
        "title": str(data.get("title", "")).strip(),
        "outcome": str(data.get("outcome", "")).strip(),
        "document": document,
        "source": str(data.get("source", "")).strip(),
    }


def add_milestone(
    actor: Any, network: Network, data: dict[str, Any], today: dt.date
) -> NetworkMilestone:
    """The Secretariat adds a milestone to the network's timeline."""
    if not may_edit(actor):
        raise PermissionDenied(_("Only the Secretariat keeps the network's timeline."))
    values = _checked(network, data, today)
    with transaction.atomic():
        milestone = NetworkMilestone(network=network, **values)
        full_clean_or_refuse(milestone)
        milestone.save()
        audit.record(actor, "add_milestone", milestone, after=audit.snapshot(milestone, FIELDS))
    return milestone


def edit_milestone(
    actor: Any,
    network: Network,
    milestone_id: int,
    data: dict[str, Any],
    revision: int,
    today: dt.date,
) -> NetworkMilestone:
    """The Secretariat edits a milestone (its outcome, whether it happened, its date). Made
    from `revision`: refused when someone saved another edit meanwhile."""
    if not may_edit(actor):
        raise PermissionDenied(_("Only the Secretariat keeps the network's timeline."))
    values = _checked(network, data, today)
    with transaction.atomic():
        before = get_milestone(network, milestone_id)
        candidate = NetworkMilestone(
            pk=before.pk, network=network, revision=before.revision, **values
        )
        full_clean_or_refuse(candidate, fields_only=True)
        changed = NetworkMilestone.objects.filter(
            pk=milestone_id, network=network, revision=revision
        ).update(revision=revision + 1, updated_at=timezone.now(), **values)
        if not changed:
            raise DomainError(
                _(
                    "Someone else saved this milestone while you were editing it; nothing was "
                    "changed. Reload it to see their edit."
                ),
                status=409,
            )
        after = get_milestone(network, milestone_id)
        audit.record(
            actor,
            "edit_milestone",
            after,
            before=audit.snapshot(before, FIELDS),
            after=audit.snapshot(after, FIELDS),
        )
    return after
