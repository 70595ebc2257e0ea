"""The meeting floor: amendments to a motion (voted before it), elections to several seats
with their run-off, the speakers list of an agenda item, and the versions of its documents.

Every action checks who may do it, calls `rules_floor`, saves in one transaction with the
rows it changes locked (meeting, then decision or speakers list) and writes one audit event.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, models, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from intercity.accounts import permissions
from intercity.core import audit
from intercity.core.errors import DomainError, NotFound, PermissionDenied
from intercity.governance import rules, rules_floor
from intercity.governance.models import (
    AgendaDocument,
    AgendaItem,
    Amendment,
    Candidate,
    Decision,
    Delegate,
    DocumentVersion,
    FloorSettings,
    Meeting,
    Participant,
    SpeakersList,
    Speech,
)
from intercity.governance.services._common import (
    _create,
    _lock,
    _lock_decision,
    _lock_meeting,
    official_language,
    require_secretariat,
)
from intercity.governance.services.meetings import _require_open, roll
from intercity.governance.services.motions import _require_undecided, _table_decision, _user
from intercity.governance.services.offices import composition_warnings
from intercity.governance.services.statute import statute_for
from intercity.network import services as registry
from intercity.network.models import Organisation

# --- Amendments ------------------------------------------------------------------------------


def propose_amendment(
    actor: Any,
    motion: Decision,
    *,
    title: str,
    change: str,
    replacement: str,
    mover: Organisation | None = None,
) -> Decision:
    """An amendment to an open motion, before its vote has begun: a decision of the kind
    "amendment" under the motion's agenda item, decided by the ordinary-motion rule with the
    same votes and counts as a motion. `change` says what it changes; `replacement` is the
    motion's text as amended."""
    require_secretariat(actor)
    if not title.strip():
        raise DomainError(_("An amendment needs a title."))
    if not replacement.strip():
        raise DomainError(_("Give the motion's text as the amendment would make it."))
    meeting = motion.meeting
    if meeting is None or motion.agenda_item is None:
        raise DomainError(_("Only a motion at a meeting is amended on the floor."))
    with transaction.atomic():
        _lock_meeting(meeting)
        _lock_decision(motion)
        if motion.kind != Decision.Kind.MOTION:
            raise DomainError(
                _("Only a motion is amended; '%(decision)s' is of the kind '%(kind)s'.")
                % {"decision": motion, "kind": motion.get_kind_display().lower()}
            )
        _require_undecided(motion, Decision.Kind.MOTION)
        if motion.votes.exists() or motion.receipts.exists() or motion.yes is not None:
            raise DomainError(
                _(
                    "Voting on '%(motion)s' has begun; an amendment is moved before the "
                    "motion is put to the vote."
                )
                % {"motion": motion}
            )
        decision = _table_decision(
            motion.agenda_item,
            Decision.Kind.AMENDMENT,
            rule="ordinary-motion",
            title=title.strip(),
            text=change.strip(),
            vote_mode=motion.vote_mode,
        )
        _create(
            Amendment,
            decision=decision,
            motion=motion,
            mover=mover,
            replacement=replacement.strip(),
        )
        audit.record(
            actor,
            "propose_amendment",
            decision,
            after={"motion": motion.pk, "title": title, "mover": mover.pk if mover else None},
        )
    return decision


def refuse_while_amendments_pending(motion: Decision) -> None:
    """Called by `close_motion` with the motion locked: its open amendments are decided first."""
    if motion.kind != Decision.Kind.MOTION:
        return
    pending = list(
        Decision.objects.filter(amendment__motion=motion, status=Decision.Status.OPEN).values_list(
            "title", flat=True
        )
    )
    refusal = rules_floor.amendments_pending_refusal(motion.title, pending)
    if refusal:
        raise DomainError(refusal)


def amend_the_motion(actor: Any, decision: Decision) -> None:
    """Called by `close_motion` once an amendment is adopted: the motion's text becomes the
    amended text; the text it replaced is kept with the amendment."""
    if decision.kind != Decision.Kind.AMENDMENT:
        return
    amendment = Amendment.objects.get(decision=decision)
    motion = _lock(Decision, amendment.motion_id)
    amendment.text_before = motion.text
    amendment.save(update_fields=["text_before"])
    motion.text = amendment.replacement
    motion.save(update_fields=["text"])
    audit.record(
        actor,
        "amend_motion",
        motion,
        before={"text": amendment.text_before},
        after={"text": motion.text},
        reason=decision.reference,
    )


@dataclass(frozen=True)
class MotionText:
    """A motion's text as first moved, as it stands, and the amendments that changed it."""

    original: str
    current: str
    amended_by: tuple[Decision, ...]


def motion_text(motion: Decision) -> MotionText:
    adopted = [
        a
        for a in Amendment.objects.filter(motion=motion).select_related("decision")
        if a.decision.outcome == Decision.Outcome.ADOPTED
    ]
    adopted.sort(key=lambda a: a.decision.decided_at or timezone.now())
    original = adopted[0].text_before if adopted else motion.text
    return MotionText(original, motion.text, tuple(a.decision for a in adopted))


def amendments_of(motion: Decision) -> list[Amendment]:
    return list(Amendment.objects.filter(motion=motion).select_related("decision", "mover"))


# --- Elections to several seats ----------------------------------------------------------------


def close_seats_election(actor: Any, decision: Decision, votes: dict[int, int]) -> Decision:
    """Count an election to several seats (Art. 12.4): the most votes take the seats, each
    voter present having at most one vote for each of as many candidates as there are seats.
    A tie for the last seats elects those above it and names the tied for a run-off
    (`open_runoff`). The elected take the office; the composition of the Executive Committee
    is then checked (Art. 11.2, 12.1) and the regions of those elected noted (Art. 12.4)."""
    require_secretariat(actor)
    with transaction.atomic():
        _lock_decision(decision)
        _require_undecided(decision, Decision.Kind.ELECTION)
        candidates = {
            c.organisation_id: c for c in decision.candidates.select_related("organisation")
        }
        if not candidates:
            raise DomainError(_("An election needs at least one candidate."))
        unknown = set(votes) - set(candidates)
        if unknown:
            raise DomainError(
                _("Votes for organisations that are not candidates: %(value)s.")
                % {"value": sorted(unknown)}
            )
        present = roll(decision.meeting).present if decision.meeting is not None else 0
        with official_language():
            names = {pk: c.organisation.name for pk, c in candidates.items()}
            counted = {names[pk]: votes.get(pk, 0) for pk in candidates}
            problems = rules_floor.ballot_problems(counted, decision.seats, present)
            if problems:
                raise DomainError(" ".join(problems))
            result = rules_floor.elect_seats(counted, decision.seats)
        elected = {pk for pk in candidates if names[pk] in result.elected}
        for pk, candidate in candidates.items():
            candidate.votes = votes.get(pk, 0)
            candidate.elected = pk in elected
        Candidate.objects.bulk_update(list(candidates.values()), ["votes", "elected"])
        decision.outcome = Decision.Outcome.TIE if result.tied else Decision.Outcome.ELECTED
        decision.status = Decision.Status.DECIDED
        decision.statute_version = statute_for(decision)
        decision.decided_at = timezone.now()
        decision.decided_by = _user(actor)
        for pk in sorted(elected, key=lambda pk: names[pk]):
            if decision.office in rules.ELECTED_OFFICES:
                from intercity.governance import effects as decision_effects

                registry.appoint_mandate(
                    actor,
                    decision_effects.executive_committee(decision.network),
                    candidates[pk].organisation,
                    decision.office,
                    decision.date,
                    source=decision.reference,
                )
        with official_language():
            regions = {}
            for pk in elected:
                region = registry.region_of(decision.network, candidates[pk].organisation)
                regions[names[pk]] = region.name if region else None
            balance = rules_floor.region_balance(regions)
            warnings = composition_warnings(decision.network, decision.date) if elected else []
        decision.rule_applied = {
            "decision": "election",
            "method": "plurality, several seats",
            "article": rules_floor.ARTICLE_SEATS,
            "seats": decision.seats,
            "elected": sorted(result.elected),
            "tied": list(result.tied),
            "open_seats": result.open_seats,
            "regions": balance,
            "composition": warnings,
        }
        decision.explanation = result.explanation
        decision.save()
        audit.record(
            actor,
            "close_seats_election",
            decision,
            after={
                "elected": sorted(result.elected),
                "tied": list(result.tied),
                "explanation": result.explanation,
            },
        )
    return decision


def open_runoff(actor: Any, decision: Decision) -> Decision:
    """A run-off among the candidates tied for the last seats of an election to several seats,
    for the seats left, put to the vote by the chair (the statute sets no tie rule, Art. 12.4).
    One run-off per election."""
    require_secretariat(actor)
    tied = list((decision.rule_applied or {}).get("tied") or [])
    if decision.kind != Decision.Kind.ELECTION or decision.outcome != Decision.Outcome.TIE:
        raise DomainError(_("Only a tied election has a run-off."))
    if decision.agenda_item is None or not tied:
        raise DomainError(_("Only a tied election to several seats has a run-off here."))
    source = f"run-off of decision {decision.pk}"
    with transaction.atomic():
        _lock_meeting(decision.agenda_item.meeting)
        if Decision.objects.filter(network=decision.network, source=source).exists():
            raise DomainError(_("The run-off of this election is already open."))
        seats = int(decision.rule_applied.get("open_seats") or 1)
        runoff = _table_decision(
            decision.agenda_item,
            Decision.Kind.ELECTION,
            rule="election",
            title=_("Run-off: %(title)s") % {"title": decision.title},
            office=decision.office,
            seats=seats,
            source=source,
        )
        for candidate in decision.candidates.filter(organisation__name__in=tied):
            Candidate.objects.create(
                decision=runoff,
                organisation=candidate.organisation,
                declared_on=candidate.declared_on,
                warnings=candidate.warnings,
            )
        audit.record(
            actor, "open_runoff", runoff, after={"of": decision.pk, "seats": seats, "tied": tied}
        )
    return runoff


# --- Speakers list -----------------------------------------------------------------------------


def floor_settings(meeting: Meeting) -> FloorSettings:
    settings, _created = FloorSettings.objects.get_or_create(meeting=meeting)
    return settings


def set_floor_settings(
    actor: Any, meeting: Meeting, *, speech_seconds: int, first_time_first: bool
) -> FloorSettings:
    require_secretariat(actor)
    if not 10 <= speech_seconds <= 3600:
        raise DomainError(_("A speech is given between 10 seconds and one hour."))
    with transaction.atomic():
        _lock_meeting(meeting)
        settings = floor_settings(meeting)
        before = {"speech_seconds": settings.speech_seconds, "first": settings.first_time_first}
        settings.speech_seconds = speech_seconds
        settings.first_time_first = first_time_first
        settings.save()
        audit.record(
            actor,
            "set_floor_settings",
            settings,
            before=before,
            after={"speech_seconds": speech_seconds, "first": first_time_first},
        )
    return settings


def _lock_list(item: AgendaItem) -> SpeakersList:
    SpeakersList.objects.get_or_create(item=item)
    return SpeakersList.objects.select_for_update().get(item=item)


def set_speakers_list_open(actor: Any, item: AgendaItem, is_open: bool) -> SpeakersList:
    """The chair opens (or closes) the item's speakers list to requests."""
    require_secretariat(actor)
    with transaction.atomic():
        _require_open(_lock_meeting(item.meeting))
        speakers = _lock_list(item)
        speakers.is_open = is_open
        speakers.save(update_fields=["is_open"])
        audit.record(actor, "set_speakers_list", speakers, after={"open": is_open})
    return speakers


def participants_of(actor: Any, meeting: Meeting) -> list[Participant]:
    """The participants an actor may ask the floor for: any, for the Secretariat; their
    organisation's delegation, for a city officer."""
    found = meeting.participants.select_related("organisation")
    if permissions.is_secretariat(actor):
        return list(found)
    ids = permissions.officer_organisation_ids(actor)
    return list(found.filter(organisation_id__in=ids))


def _speaks_for(actor: Any, participant: Participant) -> bool:
    """The Secretariat speaks for anyone; a city officer for their organisation's delegation;
    a member's designated delegate at the meeting for that member."""
    if permissions.is_secretariat(actor):
        return True
    if participant.organisation_id in permissions.officer_organisation_ids(actor):
        return True
    return (
        participant.organisation_id is not None
        and getattr(actor, "is_authenticated", False)
        and Delegate.objects.filter(
            meeting_id=participant.meeting_id,
            organisation_id=participant.organisation_id,
            user=actor,
        ).exists()
    )


def request_to_speak(actor: Any, item: AgendaItem, participant: Participant) -> Speech:
    """A participant asks to speak on an item: the Secretariat for anyone, a city officer or
    the member's delegate for their own organisation's delegation. Once per item at a time."""
    if participant.meeting_id != item.meeting_id:
        raise NotFound(_("No such participant at this meeting."))
    if not _speaks_for(actor, participant):
        raise PermissionDenied(_("You may ask the floor only for your own organisation."))
    with transaction.atomic():
        _require_open(_lock_meeting(item.meeting))
        speakers = _lock_list(item)
        if not speakers.is_open:
            raise DomainError(_("The speakers list of this item is not open."))
        if item.speeches.filter(participant=participant, status=Speech.Status.WAITING).exists():
            raise DomainError(
                _("%(name)s is already on the speakers list.") % {"name": participant}
            )
        last = item.speeches.aggregate(last=models.Max("position"))["last"] or 0
        speech = Speech.objects.create(
            item=item,
            participant=participant,
            position=last + 1,
            requested_at=timezone.now(),
            requested_by=_user(actor),
        )
        audit.record(actor, "request_to_speak", speech, after={"participant": participant.pk})
    return speech


def _lock_speech(item: AgendaItem, speech_id: int) -> Speech:
    try:
        return (
            Speech.objects.select_for_update()
            .select_related("participant")
            .get(item=item, pk=speech_id)
        )
    except Speech.DoesNotExist:
        raise NotFound(_("No such request to speak on this item.")) from None


def withdraw_request(actor: Any, item: AgendaItem, speech_id: int) -> Speech:
    with transaction.atomic():
        _lock_list(item)
        speech = _lock_speech(item, speech_id)
        if not _speaks_for(actor, speech.participant):
            raise PermissionDenied(_("You may withdraw only your own organisation's request."))
        if speech.status != Speech.Status.WAITING:
            raise DomainError(_("Only a waiting request is withdrawn."))
        speech.status = Speech.Status.WITHDRAWN
        speech.save(update_fields=["status"])
        audit.record(actor, "withdraw_request_to_speak", speech, after={"status": "withdrawn"})
    return speech


def withdraw_members_request(actor: Any, item: AgendaItem, participant: Participant) -> Speech:
    """A delegate's "withdraw my request": the member's waiting request on the item, found and
    withdrawn under the list's lock."""
    with transaction.atomic():
        _lock_list(item)
        waiting = item.speeches.filter(
            participant=participant, status=Speech.Status.WAITING
        ).first()
        if waiting is None:
            raise DomainError(_("Your member is not waiting to speak."), status=409)
        return withdraw_request(actor, item, waiting.pk)


def speaking_queue(item: AgendaItem, first_time_first: bool | None = None) -> list[Speech]:
    """The waiting requests in the order they will be called."""
    if first_time_first is None:
        first_time_first = floor_settings(item.meeting).first_time_first
    waiting = list(
        item.speeches.filter(status=Speech.Status.WAITING).select_related(
            "participant__organisation"
        )
    )
    spoken: dict[int, int] = {}
    for participant_id in item.speeches.filter(status=Speech.Status.DONE).values_list(
        "participant_id", flat=True
    ):
        spoken[participant_id] = spoken.get(participant_id, 0) + 1
    by_key = {s.pk: s for s in waiting}
    order = rules_floor.speaking_order(
        [rules_floor.Request(s.pk, s.position, spoken.get(s.participant_id, 0)) for s in waiting],
        first_time_first,
    )
    for request in order:
        by_key[request.key].spoken_before = request.spoken_before  # type: ignore[attr-defined]
    return [by_key[r.key] for r in order]


def move_to_front(actor: Any, item: AgendaItem, speech_id: int) -> Speech:
    """The chair calls a waiting request before the others."""
    require_secretariat(actor)
    with transaction.atomic():
        _lock_list(item)
        speech = _lock_speech(item, speech_id)
        if speech.status != Speech.Status.WAITING:
            raise DomainError(_("Only a waiting request is moved."))
        first = item.speeches.aggregate(first=models.Min("position"))["first"] or 0
        before = speech.position
        speech.position = first - 1
        speech.save(update_fields=["position"])
        audit.record(
            actor, "move_speech", speech, before={"position": before}, after={"position": first - 1}
        )
    return speech


def start_speech(actor: Any, item: AgendaItem, speech_id: int | None = None) -> Speech:
    """The chair gives the floor: to the request named, or to the next in order. One speaker
    at a time per item, held by the list's lock and by the database."""
    require_secretariat(actor)
    with transaction.atomic():
        _require_open(_lock_meeting(item.meeting))
        _lock_list(item)
        current = item.speeches.filter(status=Speech.Status.SPEAKING).first()
        if current is not None:
            raise DomainError(
                _("%(name)s has the floor; end that speech first.") % {"name": current.participant}
            )
        if speech_id is None:
            queue = speaking_queue(item)
            if not queue:
                raise DomainError(_("No one is waiting to speak."))
            speech_id = queue[0].pk
        speech = _lock_speech(item, speech_id)
        if speech.status != Speech.Status.WAITING:
            raise DomainError(_("Only a waiting request is given the floor."))
        speech.status = Speech.Status.SPEAKING
        speech.started_at = timezone.now()
        speech.seconds_allowed = floor_settings(item.meeting).speech_seconds
        try:
            with transaction.atomic():
                speech.save(update_fields=["status", "started_at", "seconds_allowed"])
        except IntegrityError:
            raise DomainError(_("Someone else has the floor; end that speech first.")) from None
        audit.record(actor, "start_speech", speech, after={"started_at": speech.started_at})
    return speech


def end_speech(actor: Any, item: AgendaItem) -> Speech:
    require_secretariat(actor)
    with transaction.atomic():
        _lock_list(item)
        current = (
            Speech.objects.select_for_update()
            .select_related("participant")
            .filter(item=item, status=Speech.Status.SPEAKING)
            .first()
        )
        if current is None:
            raise DomainError(_("No one has the floor."))
        current.status = Speech.Status.DONE
        current.ended_at = timezone.now()
        current.save(update_fields=["status", "ended_at"])
        audit.record(actor, "end_speech", current, after={"ended_at": current.ended_at})
    return current


@dataclass(frozen=True)
class Floor:
    """An item's speakers list as a page shows it."""

    is_open: bool
    current: Speech | None
    remaining: int | None
    queue: list[Speech]
    done: list[Speech]
    speech_seconds: int
    first_time_first: bool


def floor_of(item: AgendaItem, now: dt.datetime | None = None) -> Floor:
    settings = floor_settings(item.meeting)
    speakers = SpeakersList.objects.filter(item=item).first()
    current = (
        item.speeches.filter(status=Speech.Status.SPEAKING)
        .select_related("participant__organisation")
        .first()
    )
    remaining = None
    if current is not None and current.started_at is not None:
        remaining = rules_floor.remaining_seconds(
            current.started_at,
            now or timezone.now(),
            current.seconds_allowed or settings.speech_seconds,
        )
    done = list(
        item.speeches.filter(status=Speech.Status.DONE)
        .select_related("participant__organisation")
        .order_by("started_at")
    )
    return Floor(
        bool(speakers and speakers.is_open),
        current,
        remaining,
        speaking_queue(item, settings.first_time_first),
        done,
        settings.speech_seconds,
        settings.first_time_first,
    )


# --- Agenda documents with versions -----------------------------------------------------------

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
DOCUMENT_TYPES: dict[str, tuple[bytes, str]] = {
    ".pdf": (b"%PDF-", "application/pdf"),
    ".docx": (
        b"PK\x03\x04",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    ".xlsx": (b"PK\x03\x04", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ".pptx": (
        b"PK\x03\x04",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
    ".odt": (b"PK\x03\x04", "application/vnd.oasis.opendocument.text"),
    ".ods": (b"PK\x03\x04", "application/vnd.oasis.opendocument.spreadsheet"),
    ".odp": (b"PK\x03\x04", "application/vnd.oasis.opendocument.presentation"),
}


def document_type(name: str, head: bytes) -> str | None:
    """The content type of a PDF or office file whose first bytes match its name's ending."""
    ending = "." + name.lower().rsplit(".", 1)[-1] if "." in name else ""
    known = DOCUMENT_TYPES.get(ending)
    if known is None or not head.startswith(known[0]):
        return None
    return known[1]


def upload_version(
    actor: Any,
    item: AgendaItem,
    upload: UploadedFile,
    *,
    document: AgendaDocument | None = None,
    title: str = "",
    note: str = "",
) -> DocumentVersion:
    """A new version of an item's document (a new document when none is named): a PDF or an
    office file up to 10 MB, checked by its first bytes. Earlier versions are kept. The
    Secretariat (the meeting's clerk among them) uploads."""
    require_secretariat(actor)
    name = (upload.name or "document")[-200:]
    if upload.size is not None and upload.size > MAX_DOCUMENT_BYTES:
        raise DomainError(
            _("%(name)s is %(size)s; the limit is %(limit)s.")
            % {
                "name": name,
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(MAX_DOCUMENT_BYTES),
            },
            status=413,
        )
    head = upload.read(8)
    upload.seek(0)
    content_type = document_type(name, head)
    if content_type is None:
        raise DomainError(
            _(
                "%(name)s is not a PDF or an office document (.docx, .xlsx, .pptx, .odt, .ods, "
                ".odp) whose content matches its name."
            )
            % {"name": name},
            status=415,
        )
    if document is not None and document.item_id != item.pk:
        raise NotFound(_("No such document on this item."))
    if document is None and not title.strip():
        raise DomainError(_("A document needs a title."))
    with transaction.atomic():
        _require_open(_lock_meeting(item.meeting))
        if document is None:
            document = _create(AgendaDocument, item=item, title=title.strip())
        else:
            document = _lock(AgendaDocument, document.pk)
        number = (document.versions.aggregate(last=models.Max("number"))["last"] or 0) + 1
        version = DocumentVersion(
            document=document,
            number=number,
            filename=name,
            content_type=content_type,
            size=upload.size or 0,
            note=note.strip()[:300],
            uploaded_at=timezone.now(),
            uploaded_by=_user(actor),
        )
        version.file.save(name, upload, save=False)
        version.save()
        audit.record(
            actor,
            "upload_document_version",
            version,
            after={"document": document.pk, "number": number, "filename": name},
        )
    return version


def documents_of(item: AgendaItem) -> list[AgendaDocument]:
    return list(item.documents.prefetch_related("versions"))


def get_version(item: AgendaItem, version_id: int) -> DocumentVersion:
    try:
        return DocumentVersion.objects.select_related("document").get(
            document__item=item, pk=version_id
        )
    except DocumentVersion.DoesNotExist:
        raise NotFound(_("No such document version on this item.")) from None
