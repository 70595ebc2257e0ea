"""The live meeting room: members designate their delegates, delegates check in (by the code
shown in the room, or remotely: Art. 20 counts remote attendance as present) and cast their
member's ballot from a phone, named or secret; the clerk still records ballots for members
without a device. Every ballot ends in the statute engine through `close_motion`.

A secret ballot writes a receipt (the member has voted, and how the ballot came) and adds one
to the decision's tally, in one transaction; no row, audit event or answer holds the member's
choice. A secret ballot is final: it cannot be changed, since changing it would need the
earlier choice, which is recorded nowhere. A named ballot may be changed until the vote
closes when the meeting allows it (`LiveSettings.ballots_changeable`).
"""

from __future__ import annotations

import functools
import hmac
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from intercity.accounts import permissions
from intercity.core import audit
from intercity.core.errors import DomainError, NotFound, PermissionDenied
from intercity.governance import rules
from intercity.governance.models import (
    AgendaItem,
    Amendment,
    BallotReceipt,
    BallotSource,
    Decision,
    Delegate,
    LiveSettings,
    Meeting,
    Participant,
    SecretTally,
    Vote,
)
from intercity.governance.services._common import _lock_decision, _lock_meeting
from intercity.governance.services.meetings import (
    _require_open,
    ballot_refusal,
    roll,
)
from intercity.governance.services.statute import rule_for
from intercity.network.models import Organisation

CONFLICT = 409
BALLOT_MODES = (Decision.VoteMode.ROLL_CALL, Decision.VoteMode.SECRET)


def live_settings(meeting: Meeting) -> LiveSettings:
    found, _created = LiveSettings.objects.get_or_create(meeting=meeting)
    return found


def version(meeting_id: int) -> int:
    """The meeting's live version: one indexed read, what a polling page compares."""
    found = LiveSettings.objects.filter(meeting_id=meeting_id).values_list("version", flat=True)
    return next(iter(found), 0)


def set_ballots_changeable(actor: Any, meeting: Meeting, changeable: bool) -> LiveSettings:
    permissions.require_secretariat(actor)
    with transaction.atomic():
        _require_open(_lock_meeting(meeting))
        settings = live_settings(meeting)
        before = {"ballots_changeable": settings.ballots_changeable}
        settings.ballots_changeable = changeable
        settings.version = F("version") + 1
        # Whether a named ballot may still be changed shows on every delegate's phone.
        settings.shared_version = F("shared_version") + 1
        settings.save(update_fields=["ballots_changeable", "version", "shared_version"])
        settings.refresh_from_db()
        audit.record(
            actor,
            "set_ballots_changeable",
            settings,
            before=before,
            after={"ballots_changeable": changeable},
        )
    return settings


def new_checkin_code(actor: Any, meeting: Meeting) -> LiveSettings:
    """A fresh code for the room (say, for the second day); delegates already in stay in."""
    from intercity.governance.models_live import new_code

    permissions.require_secretariat(actor)
    with transaction.atomic():
        _require_open(_lock_meeting(meeting))
        settings = live_settings(meeting)
        settings.checkin_code = new_code()
        settings.save(update_fields=["checkin_code"])
        audit.record(actor, "new_checkin_code", settings)
    return settings


# --- Delegates -----------------------------------------------------------------------------


def may_designate(actor: Any, organisation: Organisation) -> bool:
    """The Secretariat, or an officer of the member itself."""
    return permissions.can_edit_organisation(actor, organisation.pk)


def designate_delegate(
    actor: Any, meeting: Meeting, organisation: Organisation, user: Any
) -> Delegate:
    """A member names a person to represent it at this meeting (Secretariat staff may do it
    for the member). The member must be on the meeting's list as a delegation."""
    if not may_designate(actor, organisation):
        raise PermissionDenied(
            _("Only the member's officers or the Secretariat may designate its delegates.")
        )
    with transaction.atomic():
        _require_open(_lock_meeting(meeting))
        if not meeting.participants.filter(
            organisation=organisation, role=Participant.Role.DELEGATE
        ).exists():
            raise DomainError(
                _("%(organisation)s is not invited to %(meeting)s as a delegation.")
                % {"organisation": organisation, "meeting": meeting}
            )
        existing = Delegate.objects.filter(meeting=meeting, user=user).first()
        if existing is not None:
            raise DomainError(
                _("%(person)s already represents %(organisation)s at this meeting.")
                % {"person": user, "organisation": existing.organisation},
                status=CONFLICT,
            )
        delegate = Delegate.objects.create(
            meeting=meeting,
            organisation=organisation,
            user=user,
            designated_by=permissions.user_or_none(actor),
        )
        audit.record(
            actor,
            "designate_delegate",
            delegate,
            after={"organisation": organisation.pk, "user": user.pk},
        )
    return delegate


def get_delegate(meeting: Meeting, pk: int) -> Delegate:
    found = delegates(meeting).filter(pk=pk).first()
    if found is None:
        raise NotFound(_("No such delegate at %(meeting)s.") % {"meeting": meeting})
    return found


def remove_delegate(actor: Any, delegate: Delegate) -> None:
    if not may_designate(actor, delegate.organisation):
        raise PermissionDenied(
            _("Only the member's officers or the Secretariat may designate its delegates.")
        )
    with transaction.atomic():
        _require_open(_lock_meeting(delegate.meeting))
        audit.record(actor, "remove_delegate", delegate, before={"user": delegate.user_id})
        delegate.delete()


def delegation(user: Any, meeting: Meeting) -> Delegate | None:
    """The member this person represents at the meeting, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Delegate.objects.select_related("organisation").filter(meeting=meeting, user=user).first()
    )


def require_delegation(user: Any, meeting: Meeting) -> Delegate:
    found = delegation(user, meeting)
    if found is None:
        raise PermissionDenied(
            _("You are not a designated delegate of any member at %(meeting)s.")
            % {"meeting": meeting}
        )
    return found


def delegates(meeting: Meeting) -> QuerySet[Delegate]:
    return Delegate.objects.filter(meeting=meeting).select_related("organisation", "user")


def upcoming_delegations(user: Any) -> QuerySet[Delegate]:
    """The meetings not yet closed where this person represents a member."""
    return (
        Delegate.objects.filter(user=user)
        .exclude(meeting__status=Meeting.Status.CLOSED)
        .select_related("meeting", "meeting__network", "organisation")
        .order_by("meeting__date")
    )


def delegate_check_in(
    actor: Any, meeting: Meeting, *, code: str = "", remote: bool = False
) -> Delegate:
    """A delegate says they are here: in person with the code shown in the room, or remotely.
    Their member is then present, as if the clerk had checked it in."""
    with transaction.atomic():
        _require_open(_lock_meeting(meeting))
        delegate = require_delegation(actor, meeting)
        if remote:
            attendance = Participant.Attendance.REMOTE
        else:
            expected = live_settings(meeting).checkin_code
            if not hmac.compare_digest(code.strip().encode(), expected.encode()):
                raise DomainError(
                    _("That is not the code shown in the room. Check it, or join remotely.")
                )
            attendance = Participant.Attendance.IN_PERSON
        participant = meeting.participants.get(organisation=delegate.organisation)
        before = {"attendance": participant.attendance}
        if participant.attendance != Participant.Attendance.IN_PERSON or not remote:
            participant.attendance = attendance
        participant.checked_in_at = timezone.now()
        participant.save(update_fields=["attendance", "checked_in_at"])
        delegate.checked_in = attendance
        delegate.checked_in_at = participant.checked_in_at
        delegate.save(update_fields=["checked_in", "checked_in_at"])
        audit.record(
            actor,
            "delegate_check_in",
            participant,
            before=before,
            after={"attendance": participant.attendance, "by": "delegate"},
        )
    return delegate


# --- Ballots -------------------------------------------------------------------------------


@dataclass(frozen=True)
class BallotState:
    """What a member's delegate may know of their own ballot: named, the choice; secret, only
    that the member has voted."""

    decision: Decision
    voted: bool
    choice: str = ""
    source: str = ""
    may_change: bool = False


def cast_ballot(
    actor: Any, decision: Decision, choice: str, *, organisation: Organisation | None = None
) -> BallotState:
    """A ballot on an open motion: by the actor's own member when they are its delegate, or,
    with `organisation`, recorded by the clerk for a member without a device. Once per member:
    a secret ballot is final; a named one is replaced when the meeting allows it, else refused.
    The decision's row is locked first, so two ballots of one member at once count once and a
    ballot racing the close is counted or refused, never lost."""
    if choice not in Vote.Choice.values:
        raise DomainError(
            _("A vote is yes, no or abstain, not '%(choice)s'.") % {"choice": choice}, status=422
        )
    meeting = decision.meeting
    if meeting is None:
        raise DomainError(_("Votes are taken at a meeting."))
    if organisation is None:
        organisation = require_delegation(actor, meeting).organisation
        source = BallotSource.DEVICE
    else:
        permissions.require_secretariat(actor)
        source = BallotSource.CLERK
    with transaction.atomic():
        _lock_decision(decision)
        _require_ballot_open(decision)
        refusal = ballot_refusal(meeting, organisation)
        if refusal:
            raise DomainError(refusal, status=CONFLICT)
        if decision.vote_mode == Decision.VoteMode.SECRET:
            return _secret_ballot(actor, decision, organisation, choice, source)
        return _named_ballot(actor, decision, organisation, choice, source)


VOTED_KINDS = (Decision.Kind.MOTION, Decision.Kind.AMENDMENT)


def _require_ballot_open(decision: Decision) -> None:
    """Called with the decision locked. A motion's amendments are voted before it: while one
    is undecided, a ballot on the motion is refused (it may change the text voted on)."""
    if decision.kind not in VOTED_KINDS:
        raise DomainError(_("Only a motion or an amendment is voted on here."), status=CONFLICT)
    if decision.status != Decision.Status.OPEN or decision.outcome == Decision.Outcome.TIE:
        raise DomainError(_("The vote on this motion is closed."), status=CONFLICT)
    if decision.vote_mode not in BALLOT_MODES:
        raise DomainError(
            _("This motion is voted by a show of hands; the clerk records the counts."),
            status=CONFLICT,
        )
    from intercity.governance.services import floor

    try:
        floor.refuse_while_amendments_pending(decision)
    except DomainError as refused:
        raise DomainError(refused.message, status=CONFLICT) from None


def _secret_ballot(
    actor: Any, decision: Decision, organisation: Organisation, choice: str, source: str
) -> BallotState:
    try:
        with transaction.atomic():
            receipt = BallotReceipt.objects.create(
                decision=decision, organisation=organisation, source=source
            )
    except IntegrityError:
        receipt = None
    if receipt is None:
        raise DomainError(
            _("%(organisation)s has already voted in this secret ballot; a secret ballot is final.")
            % {"organisation": organisation},
            status=CONFLICT,
        )
    tally, _created = SecretTally.objects.get_or_create(decision=decision)
    SecretTally.objects.filter(pk=tally.pk).update(**{choice: F(choice) + 1})
    # The audit event names the member and the ballot's way, never the choice.
    audit.record(actor, "cast_secret_ballot", receipt, after={"source": source})
    return BallotState(decision, voted=True, source=source)


def _named_ballot(
    actor: Any, decision: Decision, organisation: Organisation, choice: str, source: str
) -> BallotState:
    changeable = live_settings(decision.meeting).ballots_changeable  # type: ignore[arg-type]
    user = permissions.user_or_none(actor)
    vote, created = Vote.objects.select_for_update().get_or_create(
        decision=decision,
        organisation=organisation,
        defaults={"choice": choice, "recorded_by": user, "source": source},
    )
    before = {} if created else {"choice": vote.choice, "source": vote.source}
    if not created:
        if source == BallotSource.DEVICE and not changeable:
            raise DomainError(
                _(
                    "%(organisation)s has already voted; this meeting does not allow "
                    "changing a ballot."
                )
                % {"organisation": organisation},
                status=CONFLICT,
            )
        vote.choice, vote.recorded_by, vote.source = choice, user, source
        vote.save(update_fields=["choice", "recorded_by", "source", "recorded_at"])
    audit.record(
        actor, "cast_ballot", vote, before=before, after={"choice": choice, "source": source}
    )
    return BallotState(decision, True, choice, source, may_change=changeable)


def ballot_state(decision: Decision, organisation: Organisation) -> BallotState:
    if decision.vote_mode == Decision.VoteMode.SECRET:
        receipt = BallotReceipt.objects.filter(decision=decision, organisation=organisation).first()
        return BallotState(decision, receipt is not None, source=receipt.source if receipt else "")
    vote = Vote.objects.filter(decision=decision, organisation=organisation).first()
    changeable = bool(decision.meeting_id) and live_settings(decision.meeting).ballots_changeable  # type: ignore[arg-type]
    if vote is None:
        return BallotState(decision, False, may_change=changeable)
    return BallotState(decision, True, vote.choice, vote.source, may_change=changeable)


def secret_counts(decision: Decision) -> tuple[int, int, int]:
    """The counts of a secret ballot, for `close_motion` only (they are revealed at close)."""
    tally = SecretTally.objects.filter(decision=decision).first()
    if tally is None:
        return 0, 0, 0
    return tally.yes, tally.no, tally.abstain


def voted_members(decision: Decision) -> list[Organisation]:
    """Who has voted (never how): the receipts of a secret ballot, the votes of a named one."""
    ids: Any
    if decision.vote_mode == Decision.VoteMode.SECRET:
        ids = BallotReceipt.objects.filter(decision=decision).values_list("organisation_id")
    else:
        ids = Vote.objects.filter(decision=decision).values_list("organisation_id")
    return list(Organisation.objects.filter(pk__in=ids).order_by("name"))


def turnout(decision: Decision) -> int:
    if decision.vote_mode == Decision.VoteMode.SECRET:
        return BallotReceipt.objects.filter(decision=decision).count()
    if decision.vote_mode == Decision.VoteMode.ROLL_CALL:
        return Vote.objects.filter(decision=decision).count()
    return 0


def ballot_sources(decision: Decision) -> dict[str, int]:
    """How many ballots came from delegates' devices and how many the clerk recorded."""
    from django.db.models import Count

    model: Any = BallotReceipt if decision.vote_mode == Decision.VoteMode.SECRET else Vote
    found = {BallotSource.DEVICE.value: 0, BallotSource.CLERK.value: 0}
    counted = model.objects.filter(decision=decision).values("source").annotate(n=Count("id"))
    for row in counted.order_by():
        found[row["source"]] = found.get(row["source"], 0) + row["n"]
    return found


# --- What the live pages show ---------------------------------------------------------------


@dataclass
class MotionLive:
    decision: Decision
    turnout: int
    sources: dict[str, int] = field(default_factory=dict)


@dataclass
class RoomState:
    """The projector's picture of the meeting: the item under discussion, the open motions
    with their turnout (never a choice before the close), quorum, and the latest result."""

    meeting: Meeting
    version: int
    members_total: int
    present: int
    quorum: rules.Quorum | None
    item: AgendaItem | None
    open_motions: list[MotionLive]
    last_result: Decision | None
    # The speakers list of the item being spoken on, if any (see `_speaking_item`).
    floor: Any = None
    floor_item: AgendaItem | None = None


def room_state(meeting: Meeting) -> RoomState:
    """The room's state, computed once per version of the meeting and kept in the cache: a
    room of phones and screens that see a change costs one computation, not one each. Its
    frame (the roll, the quorum, the motions, the last result) is kept apart and computed
    again only when attendance or the agenda changes, not at every ballot: a ballot costs the
    turnout of the open motions, one count each."""
    from django.core.cache import cache

    current, shared, attendance, projector_key = _versions(meeting.pk)
    # The projector's key tells this meeting from a later one given the same id.
    key = f"governance-live-room:{meeting.pk}:{_tag(projector_key)}:{current}"
    found = cache.get(key)
    if isinstance(found, RoomState):
        found.meeting = meeting
        return found
    frame_key = f"governance-live-frame:{meeting.pk}:{_tag(projector_key)}:{shared}:{attendance}"
    frame = cache.get(frame_key)
    if not isinstance(frame, _Frame):
        frame = _frame(meeting)
        cache.set(frame_key, frame, 300)
    state = RoomState(
        meeting,
        current,
        frame.members_total,
        frame.present,
        frame.quorum,
        frame.item,
        [MotionLive(d, *_counts(d)) for d in frame.open_motions],
        frame.last_result,
        frame.floor,
        frame.floor_item,
    )
    cache.set(key, state, 300)
    return state


def _versions(meeting_id: int) -> tuple[int, int, int, str]:
    found = LiveSettings.objects.filter(meeting_id=meeting_id).values_list(
        "version", "shared_version", "attendance_version", "projector_key"
    )
    return next(iter(found), (0, 0, 0, ""))


def _tag(projector_key: str) -> str:
    import hashlib

    return hashlib.sha256(projector_key.encode()).hexdigest()[:12]


def _counts(decision: Decision) -> tuple[int, dict[str, int]]:
    """The turnout of an open motion and where its ballots came from, in one count."""
    sources = ballot_sources(decision)
    return sum(sources.values()) if decision.vote_mode in BALLOT_MODES else 0, sources


@dataclass
class _Frame:
    members_total: int
    present: int
    quorum: rules.Quorum | None
    item: AgendaItem | None
    open_motions: list[Decision]
    last_result: Decision | None
    floor: Any
    floor_item: AgendaItem | None


def _speaking_item(meeting: Meeting) -> AgendaItem | None:
    """The item the room is speaking on: the one where someone has the floor, else the last
    one whose speakers list is open."""
    from intercity.governance.models import SpeakersList, Speech

    speaking = (
        Speech.objects.filter(item__meeting=meeting, status=Speech.Status.SPEAKING)
        .select_related("item")
        .first()
    )
    if speaking is not None:
        return speaking.item
    found = (
        SpeakersList.objects.filter(item__meeting=meeting, is_open=True)
        .select_related("item")
        .order_by("-item__position", "-id")
        .first()
    )
    return found.item if found is not None else None


def _frame(meeting: Meeting) -> _Frame:
    present = roll(meeting)
    quorum = None
    try:
        rule = rule_for(meeting.network, meeting.date, "ordinary-motion", meeting.body.slug)
        quorum = rules.quorum(rule, present.members_total, present.present)
    except DomainError:
        pass
    motions = list(
        Decision.objects.filter(meeting=meeting, kind__in=VOTED_KINDS)
        .select_related("agenda_item", "statute_version", "amendment__motion")
        .order_by("agenda_item__position", "position", "id")
    )
    # A motion whose amendments are undecided is not put to the vote yet: the room votes on
    # its amendments first.
    waiting = set(
        Amendment.objects.filter(
            motion__meeting=meeting, decision__status=Decision.Status.OPEN
        ).values_list("motion_id", flat=True)
    )
    open_motions = [d for d in motions if d.status == Decision.Status.OPEN and d.pk not in waiting]
    decided = [d for d in motions if d.status == Decision.Status.DECIDED and d.decided_at]
    last = max(decided, key=lambda d: d.decided_at) if decided else None  # type: ignore[arg-type,return-value]
    item = open_motions[0].agenda_item if open_motions else None
    if item is None and last is not None:
        item = last.agenda_item
    from intercity.governance.services import floor

    floor_item = _speaking_item(meeting)
    speakers = floor.floor_of(floor_item) if floor_item is not None else None
    return _Frame(
        present.members_total,
        present.present,
        quorum,
        item,
        open_motions,
        last,
        speakers,
        floor_item,
    )


def get_meeting_by_projector_key(network_slug: str, key: str, projector_key: str) -> Meeting:
    found = (
        Meeting.objects.select_related("network", "body", "live")
        .filter(network__slug=network_slug, key=key)
        .first()
    )
    settings = getattr(found, "live", None) if found else None
    if (
        found is None
        or settings is None
        or not hmac.compare_digest(settings.projector_key.encode(), projector_key.encode())
    ):
        raise NotFound(_("No projector at this address."))
    return found


# --- Polling: what a page that shows version v needs to know, cheaply --------------------------
#
# Four hundred pages poll every second. `intercity.governance.live_poll` answers most of those
# polls before the middleware stack (sessions, sign-in, languages) with one indexed read each,
# through the functions below; the views use the same functions, so both paths agree.


def delegate_version(meeting: Meeting, organisation_id: int) -> str:
    """The version of a delegate's own region: what everyone's region shows (the agenda, the
    motions, the settings) and what this member's rows show (its attendance and ballots)."""
    found = poll_delegate(meeting.pk, organisation_id, meeting.network.slug, meeting.key)
    return found or "0-0"


@functools.cache
def _tables() -> dict[str, str]:
    """The table names the poll reads, looked up once per process (every poll asks)."""
    from intercity.governance.models import MemberVersion
    from intercity.network.models import Network

    return {
        "settings": LiveSettings._meta.db_table,
        "meeting": Meeting._meta.db_table,
        "network": Network._meta.db_table,
        "member": MemberVersion._meta.db_table,
    }


def poll_projector(network_slug: str, key: str) -> tuple[int, int, str] | None:
    """(meeting id, version, projector key) of a network's meeting, in one indexed read."""
    from django.db import connection

    t = _tables()
    sql = (
        f"SELECT s.meeting_id, s.version, s.projector_key FROM {t['settings']} s "  # noqa: S608 - our table names
        f"INNER JOIN {t['meeting']} m ON m.id = s.meeting_id "
        f"INNER JOIN {t['network']} n ON n.id = m.network_id "
        f"WHERE n.slug = %s AND m.{connection.ops.quote_name('key')} = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [network_slug, key])
        row = cursor.fetchone()
    return (int(row[0]), int(row[1]), str(row[2])) if row else None


def poll_delegate(meeting_id: int, organisation_id: int, network_slug: str, key: str) -> str | None:
    """The delegate region's version (see `delegate_version`) of the meeting with this id, this
    network and this key, in one indexed read; None when there is no such meeting (or it has
    no live settings yet)."""
    from django.db import connection

    t = _tables()
    sql = (
        f"SELECT s.shared_version, mv.version FROM {t['settings']} s "  # noqa: S608 - our table names
        f"INNER JOIN {t['meeting']} m ON m.id = s.meeting_id "
        f"INNER JOIN {t['network']} n ON n.id = m.network_id "
        f"LEFT OUTER JOIN {t['member']} mv "
        "ON mv.meeting_id = s.meeting_id AND mv.organisation_id = %s "
        f"WHERE s.meeting_id = %s AND n.slug = %s AND m.{connection.ops.quote_name('key')} = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [organisation_id, meeting_id, network_slug, key])
        row = cursor.fetchone()
    return f"{int(row[0])}-{int(row[1] or 0)}" if row else None


TICKET_SALT = "intercity.governance.live-poll"


@dataclass(frozen=True)
class Ticket:
    """What a delegate's page polls with: the meeting, the member and the person, signed. It
    lets a poll be answered "nothing new" (204) without loading the session; it reveals
    nothing else and cannot act: any answer with content goes through the full sign-in path,
    which checks the person is still the member's delegate."""

    meeting_id: int
    organisation_id: int
    user_id: int


def poll_ticket(delegate: Delegate) -> str:
    from django.core import signing

    value = f"{delegate.meeting_id}.{delegate.organisation_id}.{delegate.user_id}"
    return signing.Signer(salt=TICKET_SALT).sign(value)


def read_ticket(raw: str) -> Ticket | None:
    from django.core import signing

    try:
        value = signing.Signer(salt=TICKET_SALT).unsign(raw)
    except signing.BadSignature:
        return None
    parts = value.split(".")
    if len(parts) != 3 or not all(part.isdigit() for part in parts):
        return None
    return Ticket(int(parts[0]), int(parts[1]), int(parts[2]))


def projector_cache_key(meeting_id: int, projector_key: str, current: int, language: str) -> str:
    """Where the projector's region of one version in one language is kept once rendered."""
    return f"governance-live-projector:{meeting_id}:{_tag(projector_key)}:{current}:{language}"


# --- The floor, from a delegate's phone --------------------------------------------------------


@dataclass(frozen=True)
class MyFloor:
    """Where a member stands on the speakers list of the item the room is speaking on."""

    item: AgendaItem
    is_open: bool
    speaking: bool
    waiting: Any  # the member's waiting request, if any
    place: int | None


def my_floor(state: RoomState, participant: Participant | None) -> MyFloor | None:
    speakers = state.floor
    if speakers is None or state.floor_item is None:
        return None
    pk = participant.pk if participant is not None else None
    speaking = bool(speakers.current and speakers.current.participant_id == pk)
    place, waiting = None, None
    for number, speech in enumerate(speakers.queue, start=1):
        if speech.participant_id == pk:
            place, waiting = number, speech
            break
    return MyFloor(state.floor_item, speakers.is_open, speaking, waiting, place)
