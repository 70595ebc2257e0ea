"""Bodies and who sits in them, meetings, their agenda, documents, participants and attendance."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from intercity.core import audit
from intercity.core.errors import DomainError, NotFound
from intercity.governance import rules
from intercity.governance.models import (
    AgendaDocument,
    AgendaItem,
    Meeting,
    Participant,
)
from intercity.governance.services._common import _create, _lock_meeting, require_secretariat
from intercity.network import services as registry
from intercity.network.models import (
    Body,
    MembershipStatus,
    Network,
    Organisation,
)

# --- Bodies and who sits and votes in them -------------------------------------------------


def get_body(network: Network, slug: str) -> Body:
    try:
        return network.bodies.get(slug=slug)
    except Body.DoesNotExist:
        known = ", ".join(network.bodies.values_list("slug", flat=True))
        raise NotFound(
            _("%(network)s has no body '%(slug)s'; it has: %(known)s.")
            % {"network": network, "slug": slug, "known": known}
        ) from None


def body_members(body: Body, on: dt.date, only: int | None = None) -> dict[int, rules.Voter]:
    """The member organisations of a body on a day, each as a Voter (category and status on
    that day; `present` False): the General Assembly is all members of the network (Art.
    10.1), the Executive Committee the cities holding an office in it (Art. 12.1). `only`:
    just that organisation, when it is one (a ballot asks about its own member only)."""
    in_force = registry.voting_periods_on(body.network, on)
    if only is not None:
        in_force = in_force.filter(membership__organisation_id=only)
    periods = {p.membership.organisation_id: p for p in in_force}
    if body.kind == Body.Kind.ASSEMBLY:
        # A withdrawn organisation is no longer a member; a suspended one still is (Art. 7.3).
        ids = [pk for pk, p in periods.items() if p.status != MembershipStatus.WITHDRAWN]
    elif body.kind == Body.Kind.COMMITTEE:
        mandates = registry.mandates_on(body, on)
        if only is not None:
            mandates = mandates.filter(organisation_id=only)
        ids = sorted({m.organisation_id for m in mandates})
    else:
        ids = []
    found = {}
    for organisation_id in ids:
        period = periods.get(organisation_id)
        if period is None:
            found[organisation_id] = rules.Voter("none", "not a member", False)
        else:
            found[organisation_id] = rules.Voter(period.category.slug, period.status, False)
    return found


def voting_categories(network: Network) -> frozenset[str]:
    return frozenset(network.categories.filter(may_vote=True).values_list("slug", flat=True))


def vote_refusal(
    network: Network,
    voter: rules.Voter | None,
    categories: frozenset[str],
    names: dict[str, str] | None = None,
) -> str | None:
    """Why a member does not vote, in the network's own terms: where no category of the
    network carries a vote (ASCN's concept note defines none), it says so instead of citing
    another statute's article."""
    if voter is not None and not categories:
        names = registry.category_names(network) if names is None else names
        name = names.get(voter.category, voter.category)
        return _("is a %(category)s member; %(network)s defines no voting right") % {
            "category": name,
            "network": network.short_name,
        }
    return rules.vote_refusal(voter, categories)


@dataclass(frozen=True)
class Roll:
    """Who may vote at a meeting and who of them is present, as the engine counts them."""

    members_total: int
    present: int
    voters: dict[int, rules.Voter]  # organisation id -> voter, with presence

    def refusal(self, organisation: Organisation, categories: frozenset[str]) -> str | None:
        reason = rules.vote_refusal(self.voters.get(organisation.pk), categories)
        if not reason:
            return None
        return _("%(organisation)s %(refusal)s.") % {
            "organisation": organisation,
            "refusal": reason,
        }


def ballot_refusal(meeting: Meeting, organisation: Organisation) -> str | None:
    """Why this member may not vote at the meeting now, if it may not: `roll(meeting).refusal`
    asked of one member, without computing the whole roll (a ballot asks it of its own)."""
    member = body_members(meeting.body, meeting.date, only=organisation.pk).get(organisation.pk)
    present = meeting.participants.filter(
        organisation=organisation, attendance__in=Participant.PRESENT
    ).exists()
    voters = (
        {} if member is None else {organisation.pk: dataclasses.replace(member, present=present)}
    )
    return Roll(0, 0, voters).refusal(organisation, voting_categories(meeting.network))


def roll(meeting: Meeting) -> Roll:
    members = body_members(meeting.body, meeting.date)
    present_ids = set(
        meeting.participants.filter(
            organisation__isnull=False, attendance__in=Participant.PRESENT
        ).values_list("organisation_id", flat=True)
    )
    voters = {pk: rules.Voter(v.category, v.status, pk in present_ids) for pk, v in members.items()}
    total, present = rules.voters(list(voters.values()), voting_categories(meeting.network))
    return Roll(total, present, voters)


# --- Meetings ------------------------------------------------------------------------------


def create_meeting(
    actor: Any,
    network: Network,
    body_slug: str,
    *,
    title: str,
    date: dt.date,
    kind: str = Meeting.Kind.REGULAR,
    venue: str = "",
    key: str = "",
    invite_members: bool = True,
    source: str = "",
) -> Meeting:
    """Plan a meeting of a body; its members on that day are invited as delegates."""
    require_secretariat(actor)
    body = get_body(network, body_slug)
    if body.kind == Body.Kind.SECRETARIAT:
        raise DomainError(_("The Secretariat does not hold statutory meetings; pick another body."))
    if not title.strip():
        raise DomainError(_("Give the meeting a title."))
    if kind not in Meeting.Kind.values:
        raise DomainError(_("Unknown kind of meeting '%(kind)s'.") % {"kind": kind})
    key = key or f"{body.slug}-{date.isoformat()}"
    with transaction.atomic():
        if Meeting.objects.filter(network=network, key=key).exists():
            raise DomainError(
                _("There is already a meeting '%(key)s' in %(network)s.")
                % {"key": key, "network": network}
            )
        meeting = _create(
            Meeting,
            network=network,
            body=body,
            key=key,
            title=title.strip(),
            kind=kind,
            date=date,
            venue=venue,
            source=source,
        )
        invited = 0
        if invite_members:
            organisations = body_members(body, date)
            Participant.objects.bulk_create(
                [
                    Participant(meeting=meeting, organisation_id=pk, role=Participant.Role.DELEGATE)
                    for pk in organisations
                ]
            )
            invited = len(organisations)
        audit.record(
            actor,
            "create_meeting",
            meeting,
            after={"body": body.slug, "date": date, "title": title, "invited": invited},
        )
    return meeting


def get_meeting(network: Network, key: str) -> Meeting:
    try:
        return Meeting.objects.select_related("network", "body").get(network=network, key=key)
    except Meeting.DoesNotExist:
        raise NotFound(
            _("No meeting '%(key)s' in %(network)s.") % {"key": key, "network": network}
        ) from None


def meeting_link(network_slug: str, key: str) -> tuple[str, str] | None:
    """The title and page address of a network's meeting named by its key, for another
    module's page that points at it (the events programme); None when there is none."""
    from django.urls import reverse

    meeting = Meeting.objects.filter(network__slug=network_slug, key=key).first()
    if meeting is None:
        return None
    return meeting.title, reverse("governance_meeting", args=[network_slug, key])


def set_meeting_status(actor: Any, meeting: Meeting, status: str) -> Meeting:
    require_secretariat(actor)
    if status not in Meeting.Status.values:
        raise DomainError(_("Unknown meeting status '%(status)s'.") % {"status": status})
    with transaction.atomic():
        _lock_meeting(meeting)
        if meeting.status == Meeting.Status.CLOSED and status != Meeting.Status.CLOSED:
            raise DomainError(_("A closed meeting is not reopened; its record is final."))
        if meeting.status == status:
            raise DomainError(
                _("%(meeting)s is already %(value)s.")
                % {"meeting": meeting, "value": meeting.get_status_display().lower()}
            )
        if status == Meeting.Status.CLOSED and meeting.decisions.filter(status="open").exists():
            raise DomainError(
                _("Decide or withdraw the open motions and elections before closing.")
            )
        before = {"status": meeting.status}
        meeting.status = status
        meeting.save(update_fields=["status"])
        audit.record(actor, "set_meeting_status", meeting, before=before, after={"status": status})
    return meeting


def _require_open(meeting: Meeting) -> None:
    if meeting.status == Meeting.Status.CLOSED:
        raise DomainError(
            _("%(meeting)s is closed; its record can no longer change.") % {"meeting": meeting}
        )


def add_agenda_item(
    actor: Any, meeting: Meeting, *, number: str, title: str, description: str = ""
) -> AgendaItem:
    require_secretariat(actor)
    if not title.strip():
        raise DomainError(_("An agenda item needs a title."))
    with transaction.atomic():
        _require_open(_lock_meeting(meeting))
        position = (meeting.agenda.aggregate(last=models.Max("position"))["last"] or 0) + 1
        item = _create(
            AgendaItem,
            meeting=meeting,
            number=number.strip() or str(position),
            title=title.strip(),
            description=description,
            position=position,
        )
        audit.record(actor, "add_agenda_item", item, after={"number": item.number, "title": title})
    return item


def add_document(
    actor: Any, item: AgendaItem, *, title: str, reference: str = "", url: str = ""
) -> AgendaDocument:
    require_secretariat(actor)
    if not title.strip():
        raise DomainError(_("A document needs a title."))
    if not (reference.strip() or url.strip()):
        raise DomainError(_("Say where the document is: a reference or a link."))
    with transaction.atomic():
        document = _create(
            AgendaDocument,
            item=item,
            title=title.strip(),
            reference=reference.strip(),
            url=url.strip(),
        )
        audit.record(actor, "add_document", document, after={"title": title, "url": url})
    return document


def add_participant(
    actor: Any,
    meeting: Meeting,
    *,
    organisation: Organisation | None = None,
    name: str = "",
    role: str = Participant.Role.DELEGATE,
    attendance: str = Participant.Attendance.UNKNOWN,
    source: str = "",
) -> Participant:
    require_secretariat(actor)
    if organisation is None and not name.strip():
        raise DomainError(_("A participant is a member organisation or a named person."))
    if role not in Participant.Role.values:
        raise DomainError(_("Unknown role '%(role)s'.") % {"role": role})
    if attendance not in Participant.Attendance.values:
        raise DomainError(_("Unknown attendance '%(attendance)s'.") % {"attendance": attendance})
    with transaction.atomic():
        _require_open(_lock_meeting(meeting))
        if organisation and meeting.participants.filter(organisation=organisation).exists():
            raise DomainError(
                _("%(organisation)s is already on the list of participants.")
                % {"organisation": organisation}
            )
        participant = _create(
            Participant,
            meeting=meeting,
            organisation=organisation,
            name=name.strip(),
            role=role,
            attendance=attendance,
            source=source,
        )
        audit.record(
            actor, "add_participant", participant, after={"role": role, "attendance": attendance}
        )
    return participant


def check_in(actor: Any, participant: Participant, attendance: str) -> Participant:
    """Mark a participant present in person or remotely (Art. 20: remote counts as present),
    or absent."""
    require_secretariat(actor)
    if attendance not in Participant.Attendance.values:
        choices = ", ".join(Participant.Attendance.values)
        raise DomainError(
            _("Attendance is one of %(choices)s, not '%(attendance)s'.")
            % {"choices": choices, "attendance": attendance}
        )
    with transaction.atomic():
        # The meeting's lock orders a check-in with the closing of a vote, which counts who
        # is present.
        _require_open(_lock_meeting(participant.meeting))
        participant.refresh_from_db(fields=["attendance", "checked_in_at"])
        before = {"attendance": participant.attendance}
        participant.attendance = attendance
        participant.checked_in_at = (
            timezone.now() if attendance in Participant.PRESENT else participant.checked_in_at
        )
        participant.save(update_fields=["attendance", "checked_in_at"])
        audit.record(
            actor, "check_in", participant, before=before, after={"attendance": attendance}
        )
    return participant


def get_participant(meeting: Meeting, participant_id: int) -> Participant:
    try:
        return meeting.participants.select_related("organisation", "meeting").get(pk=participant_id)
    except Participant.DoesNotExist:
        raise NotFound(
            _("No participant %(participant_id)s at %(meeting)s.")
            % {"participant_id": participant_id, "meeting": meeting}
        ) from None


def meetings(network: Network) -> QuerySet[Meeting]:
    return Meeting.objects.filter(network=network).select_related("body")
