"""Governance API: the statute engine (public), meetings, decisions, offices and deadlines
(public reads), and the Secretariat's record of a meeting (attendance, agenda, motions,
votes, counts, closing a vote). Each handler parses, calls one service and answers."""

import datetime as dt
from typing import Annotated, Any, Literal

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import BaseModel, Strict, StringConstraints

from intercity.accounts.api_auth import signed_in
from intercity.core.bounds import EARLIEST, LATEST, DbId, IsoDate
from intercity.core.errors import NotFound
from intercity.core.pagination import Pages
from intercity.core.schemas import ErrorOut, OrganisationRef
from intercity.governance import rules, services
from intercity.governance.models import (
    AgendaItem,
    Candidate,
    Consent,
    Decision,
    Meeting,
    Participant,
    Vote,
)
from intercity.network import services as registry
from intercity.network.models import Mandate, Organisation

router = Router(tags=["governance"])


ERRORS: dict[int, Any] = {400: ErrorOut, 404: ErrorOut, 422: ErrorOut}
STAFF_ERRORS: dict[int, Any] = {**ERRORS, 401: ErrorOut, 403: ErrorOut}

# No body has a million members; the bound keeps every count a database integer.
MAX_COUNT = 1_000_000
# No database we run stores a NUL in text (see core.middleware, which guards the URL).
NO_NUL = r"^[^\x00]*$"
Slug = Annotated[str, StringConstraints(max_length=60, pattern=r"^[a-z0-9_-]*$")]
Number = Annotated[str, StringConstraints(max_length=20, pattern=NO_NUL)]
Line = Annotated[str, StringConstraints(max_length=200, pattern=NO_NUL)]
Title = Annotated[str, StringConstraints(max_length=250, pattern=NO_NUL)]
Text = Annotated[str, StringConstraints(max_length=20_000, pattern=NO_NUL)]


# Bodies are read strictly: `false` is not a count and `0` is not a date (core.bounds: a
# date is YYYY-MM-DD within the dates accepted, an id fits the database's column).
VoteCount = Annotated[int, Strict(), Field(le=MAX_COUNT)]
Id = Annotated[DbId, Strict()]
Day = IsoDate


class Input(BaseModel):
    """A request body: a JSON object. (ninja's `Schema` also reads attributes of any value,
    so it would take the string "AAA" as an object whose `title` is "Aaa".)"""


# --- Shared shapes -------------------------------------------------------------------------


def _ref(organisation: Organisation | None) -> dict[str, Any] | None:
    if organisation is None:
        return None
    return {
        "id": organisation.pk,
        "name": organisation.name,
        "country": str(organisation.country or ""),
    }


class ThresholdOut(Schema):
    fraction: str = Field(description='Exact fraction, e.g. "1/4".')
    comparison: str = Field(description="at_least (X or more) or more_than (more than X).")
    base: str = Field(description="total (all members), present, or cast (yes + no).")


class RuleOut(Schema):
    decision: str
    article: str
    attendance: ThresholdOut | None = Field(description="Quorum; null when none is set.")
    concurrence: ThresholdOut
    tie: str = Field(description="rejected, casting_vote or thresholds.")


# --- The statute engine --------------------------------------------------------------------


class EvaluateIn(Input):
    body: Slug = Field(description="Body slug: executive-committee or general-assembly.")
    decision: Slug = Field(
        description="The rule: " + ", ".join(services.RULE_DECISIONS) + " (as the statute has)."
    )
    date: Day = Field(description="The day the decision is taken: it picks the statute text.")
    members_total: VoteCount = Field(description="Members of the body who may vote.")
    present: VoteCount = Field(
        description="Of them present, in person or remotely (Art. 20); for written consent, "
        "pass members_total."
    )
    yes: VoteCount
    no: VoteCount = 0
    abstain: VoteCount = 0
    casting_vote: Literal["yes", "no"] | None = Field(
        None, description="The Secretary General's, to break a tie where the statute allows."
    )


class EvaluationOut(Schema):
    outcome: str = Field(description="adopted, rejected, not-quorate or tie.")
    statute_version: str
    effective_from: dt.date
    rule: RuleOut
    explanation: str
    steps: list[str]
    attendance_required: str | None = Field(description='Exact, e.g. "7/2"; null: no quorum.')
    concurrence_required: str = Field(description='Exact, e.g. "2".')


def _rule_out(rule: rules.DecisionRule) -> dict[str, Any]:
    data = services.rule_as_data(rule)
    data.pop("statute_version")
    return data


@router.post(
    "/networks/{slug}/rules/evaluate",
    response={200: EvaluationOut, **ERRORS},
    summary="Judge vote counts by the statute in force on a date",
    description=(
        "Nothing is saved. The statute version in force on `date` gives the rule; the answer "
        "carries its arithmetic in exact fractions and in words. Counts that cannot be right "
        "(more votes than present, more present than members, negatives), a date with no "
        "statute text and a decision the text has no rule for are 422s naming the problem; "
        "an unknown network or body is a 404."
    ),
)
def evaluate(request: HttpRequest, slug: str, payload: EvaluateIn) -> EvaluationOut:
    count = rules.Count(
        payload.members_total,
        payload.present,
        payload.yes,
        payload.no,
        payload.abstain,
        payload.casting_vote,
    )
    result = services.evaluate(
        registry.get_network(slug), payload.body, payload.decision, payload.date, count
    )
    ruling = result.ruling
    required = ruling.attendance_required
    return EvaluationOut(
        outcome=ruling.outcome.value,
        statute_version=result.statute.name,
        effective_from=result.statute.effective_from,
        rule=RuleOut(**_rule_out(ruling.rule)),
        explanation=ruling.explanation,
        steps=list(ruling.steps),
        attendance_required=None if required is None else str(required),
        concurrence_required=str(ruling.concurrence_required),
    )


# --- Decisions -----------------------------------------------------------------------------


class CountsOut(Schema):
    members_total: int | None
    present: int | None
    yes: int | None
    no: int | None
    abstain: int | None


class DecisionOut(Schema):
    id: int
    title: str
    text: str
    kind: str = Field(description="motion, election, written_consent or announcement.")
    rule: str = Field(description="The statute rule that decides it, e.g. ordinary-motion.")
    date: dt.date
    body: str = Field(description="Body slug.")
    meeting: str | None = Field(description="Meeting key; null for written consent.")
    agenda_item: int | None
    outcome: str = Field(description="Empty while open.")
    status: str = Field(description="open, decided or withdrawn.")
    vote_mode: str
    statute_version: str | None
    rule_applied: dict[str, Any]
    explanation: str
    counts: CountsOut
    casting_vote: str
    office: str
    winner: OrganisationRef | None
    effects: list[dict[str, Any]]
    source: str
    conflict: str

    @staticmethod
    def resolve_body(obj: Decision) -> str:
        return obj.body.slug

    @staticmethod
    def resolve_meeting(obj: Decision) -> str | None:
        return obj.meeting.key if obj.meeting else None

    @staticmethod
    def resolve_agenda_item(obj: Decision) -> int | None:
        return obj.agenda_item_id

    @staticmethod
    def resolve_statute_version(obj: Decision) -> str | None:
        return obj.statute_version.name if obj.statute_version else None

    @staticmethod
    def resolve_counts(obj: Decision) -> dict[str, int | None]:
        return {
            "members_total": obj.members_total,
            "present": obj.present,
            "yes": obj.yes,
            "no": obj.no,
            "abstain": obj.abstain,
        }

    @staticmethod
    def resolve_winner(obj: Decision) -> dict[str, Any] | None:
        return _ref(obj.winner)

    @staticmethod
    def resolve_rule_applied(obj: Decision) -> dict[str, Any]:
        return dict(obj.rule_applied or {})

    @staticmethod
    def resolve_effects(obj: Decision) -> list[dict[str, Any]]:
        return list(obj.effects or [])


class VoteOut(Schema):
    organisation: OrganisationRef
    choice: str

    @staticmethod
    def resolve_organisation(obj: Vote) -> dict[str, Any] | None:
        return _ref(obj.organisation)


class CandidateOut(Schema):
    organisation: OrganisationRef
    declared_on: dt.date | None
    votes: int | None
    elected: bool
    warnings: list[str]

    @staticmethod
    def resolve_organisation(obj: Candidate) -> dict[str, Any] | None:
        return _ref(obj.organisation)


class ConsentOut(Schema):
    organisation: OrganisationRef
    answer: str = Field(description="yes (consents) or no (objects).")
    given_on: dt.date

    @staticmethod
    def resolve_organisation(obj: Consent) -> dict[str, Any] | None:
        return _ref(obj.organisation)


class DecisionDetailOut(DecisionOut):
    votes: list[VoteOut]
    candidates: list[CandidateOut]
    consents: list[ConsentOut]

    @staticmethod
    def resolve_votes(obj: Decision) -> list[Vote]:
        return list(obj.votes.all())

    @staticmethod
    def resolve_candidates(obj: Decision) -> list[Candidate]:
        return list(obj.candidates.all())

    @staticmethod
    def resolve_consents(obj: Decision) -> list[Consent]:
        return list(obj.consents.all())


class DecisionQuery(Schema):
    body: str = Field("", description="Body slug, e.g. executive-committee.")
    kind: str = Field("", description="One of: " + ", ".join(Decision.Kind.values) + ".")
    outcome: str = Field("", description="One of: " + ", ".join(Decision.Outcome.values) + ".")
    from_: IsoDate | None = Field(None, alias="from", description="Taken on or after this day.")
    to: IsoDate | None = Field(None, description="Taken on or before this day.")


def _decision(network_slug: str, decision_id: DbId) -> Decision:
    network = registry.get_network(network_slug)
    found = services.get_decision(network, decision_id)
    return (
        services.decisions(network)
        .prefetch_related("votes__organisation", "candidates__organisation")
        .prefetch_related("consents__organisation")
        .get(pk=found.pk)
    )


@router.get(
    "/networks/{slug}/decisions",
    response={200: list[DecisionOut], **ERRORS},
    summary="Decisions of a network's bodies, with the rule and arithmetic that decided them",
)
@paginate(Pages)
def list_decisions(
    request: HttpRequest, slug: str, filters: Query[DecisionQuery]
) -> QuerySet[Decision]:
    wanted = services.DecisionFilter(
        body=filters.body,
        kind=filters.kind,
        outcome=filters.outcome,
        from_=filters.from_,
        to=filters.to,
    )
    found = services.find_decisions(registry.get_network(slug), wanted)
    return found.order_by("-date", "meeting__key", "position", "id")


@router.get(
    "/networks/{slug}/decisions/{decision_id}",
    response={200: DecisionDetailOut, **ERRORS},
    summary="One decision with each member's vote, the candidates and the written consents",
)
def get_decision(request: HttpRequest, slug: str, decision_id: DbId) -> Decision:
    return _decision(slug, decision_id)


# --- Meetings ------------------------------------------------------------------------------


class MeetingOut(Schema):
    key: str
    title: str
    body: str = Field(description="Body slug.")
    kind: str = Field(description="regular or special.")
    date: dt.date
    venue: str
    status: str = Field(description="planned, in_session or closed.")

    @staticmethod
    def resolve_body(obj: Meeting) -> str:
        return obj.body.slug


class DocumentOut(Schema):
    title: str
    reference: str
    url: str


class AgendaItemOut(Schema):
    id: int
    number: str
    title: str
    description: str
    documents: list[DocumentOut]
    decisions: list[DecisionOut]

    @staticmethod
    def resolve_documents(obj: AgendaItem) -> list[Any]:
        return list(obj.documents.all())

    @staticmethod
    def resolve_decisions(obj: AgendaItem) -> list[Decision]:
        return list(obj.decisions.all())


class ParticipantOut(Schema):
    id: int
    organisation: OrganisationRef | None
    name: str = Field(description="A named person when not an organisation.")
    role: str = Field(description="delegate, observer, secretariat or guest.")
    attendance: str = Field(description="unknown, in_person, remote or absent.")
    checked_in_at: dt.datetime | None

    @staticmethod
    def resolve_organisation(obj: Participant) -> dict[str, Any] | None:
        return _ref(obj.organisation)


class MeetingDetailOut(MeetingOut):
    source: str
    agenda: list[AgendaItemOut]
    participants: list[ParticipantOut]

    @staticmethod
    def resolve_agenda(obj: Meeting) -> list[AgendaItem]:
        return list(obj.agenda.all())

    @staticmethod
    def resolve_participants(obj: Meeting) -> list[Participant]:
        return list(obj.participants.all())


def _meeting_detail(network_slug: str, key: str) -> Meeting:
    network = registry.get_network(network_slug)
    services.get_meeting(network, key)  # a 404 naming the meeting
    decisions = Decision.objects.select_related(
        "body", "meeting", "statute_version", "winner"
    ).order_by("position", "id")
    return (
        services.meetings(network)
        .prefetch_related(
            "agenda__documents",
            Prefetch("agenda__decisions", queryset=decisions),
            Prefetch("participants", queryset=Participant.objects.select_related("organisation")),
        )
        .get(key=key)
    )


@router.get(
    "/networks/{slug}/meetings",
    response={200: list[MeetingOut], **ERRORS},
    summary="Meetings of a network's General Assembly and Executive Committee",
)
@paginate(Pages)
def list_meetings(request: HttpRequest, slug: str) -> QuerySet[Meeting]:
    return services.meetings(registry.get_network(slug)).order_by("-date", "key")


@router.get(
    "/networks/{slug}/meetings/{key}",
    response={200: MeetingDetailOut, **ERRORS},
    summary="One meeting: agenda with documents and decisions, participants and attendance",
)
def get_meeting(request: HttpRequest, slug: str, key: str) -> Meeting:
    return _meeting_detail(slug, key)


class DeadlineOut(Schema):
    key: str
    name: str
    due: dt.date | None = Field(
        description="null when the statute sets no period (e.g. 'at the earliest reasonable "
        "time'); the explanation says so."
    )
    kind: str = Field(
        description="deadline, interval (a meeting due again) or term (an office ends)."
    )
    anchor: str = Field(description="The event the period counts from.")
    article: str
    explanation: str


@router.get(
    "/networks/{slug}/meetings/{key}/deadlines",
    response={200: list[DeadlineOut], **ERRORS},
    summary="The statute's deadlines that follow from a meeting's date",
)
def meeting_deadlines(request: HttpRequest, slug: str, key: str) -> list[rules.Deadline]:
    return services.deadlines_for(services.get_meeting(registry.get_network(slug), key))


# --- Offices -------------------------------------------------------------------------------


class OfficeOut(Schema):
    body: str = Field(description="Body slug.")
    office: str = Field(description="president, executive_vice_president, vice_president, ...")
    organisation: OrganisationRef
    start: dt.date
    end: dt.date | None = Field(description="As recorded, or the term's end by the statute.")
    end_basis: str = Field(description="recorded, statute (the term the statute sets), or unknown.")

    @staticmethod
    def resolve_end(obj: Mandate) -> dt.date | None:
        return services.term_end(obj).day

    @staticmethod
    def resolve_end_basis(obj: Mandate) -> str:
        return services.term_end(obj).basis

    @staticmethod
    def resolve_body(obj: Mandate) -> str:
        return obj.body.slug

    @staticmethod
    def resolve_organisation(obj: Mandate) -> dict[str, Any] | None:
        return _ref(obj.organisation)


class OfficesOut(Schema):
    on: dt.date
    offices: list[OfficeOut]
    warnings: list[str] = Field(
        description="What the composition breaks in the statute in force, with the article; "
        "empty when no officer is known (see `unknown`)."
    )
    unknown: list[str] = Field(
        description="For each body with no officer known on the day (the terms on record "
        "have ended): a sentence saying so. The composition is then not judged."
    )


@router.get(
    "/networks/{slug}/offices",
    response={200: OfficesOut, **ERRORS},
    summary="Offices held in each body on a date, checked against the statute",
)
def offices(request: HttpRequest, slug: str, on: IsoDate | None = None) -> dict[str, Any]:
    network = registry.get_network(slug)
    day = on or timezone.localdate()
    held = [h.mandate for h in services.offices_on(network, day)]
    unknown = [
        note
        for body in network.bodies.filter(mandates__isnull=False).distinct()
        if (note := services.unknown_officers_note(network, body, day))
    ]
    return {
        "on": day,
        "offices": held,
        "warnings": services.composition_warnings(network, day),
        "unknown": unknown,
    }


# --- The Secretariat's record of a meeting -------------------------------------------------


class MeetingIn(Input):
    body: Slug = Field(description="Body slug: executive-committee or general-assembly.")
    title: Line
    date: Day = Field(description=f"Written YYYY-MM-DD, between {EARLIEST} and {LATEST}.")
    kind: Literal["regular", "special"] = "regular"
    venue: Line = ""
    key: Annotated[str, StringConstraints(max_length=80, pattern=r"^[a-z0-9-]*$")] = Field(
        "", description="Default: <body>-<date>."
    )


@router.post(
    "/networks/{slug}/meetings",
    response={201: MeetingDetailOut, **STAFF_ERRORS},
    auth=signed_in,
    summary="Plan a meeting; the body's members on its date are invited (Secretariat)",
)
def create_meeting(request: HttpRequest, slug: str, payload: MeetingIn) -> Status[Meeting]:
    network = registry.get_network(slug)
    services.require_secretariat(request.user)
    meeting = services.create_meeting(
        request.user,
        network,
        payload.body,
        title=payload.title,
        date=payload.date,
        kind=payload.kind,
        venue=payload.venue.strip(),
        key=payload.key,
    )
    return Status(201, _meeting_detail(slug, meeting.key))


class AttendanceIn(Input):
    attendance: Literal["in_person", "remote", "absent", "unknown"] = Field(
        description="Remote counts as present (Art. 20)."
    )


@router.post(
    "/networks/{slug}/meetings/{key}/participants/{participant_id}/attendance",
    response={200: ParticipantOut, **STAFF_ERRORS},
    auth=signed_in,
    summary="Check a participant in, in person or remotely, or mark them absent (Secretariat)",
)
def set_attendance(
    request: HttpRequest, slug: str, key: str, participant_id: DbId, payload: AttendanceIn
) -> Participant:
    meeting = services.get_meeting(registry.get_network(slug), key)
    participant = services.get_participant(meeting, participant_id)
    return services.check_in(request.user, participant, payload.attendance)


class AgendaItemIn(Input):
    number: Number = Field("", description="Default: its position.")
    title: Title
    description: Text = ""


class NewAgendaItemOut(Schema):
    id: int
    number: str
    title: str
    description: str


@router.post(
    "/networks/{slug}/meetings/{key}/agenda",
    response={201: NewAgendaItemOut, **STAFF_ERRORS},
    auth=signed_in,
    summary="Add an item to a meeting's agenda (Secretariat)",
)
def add_agenda_item(
    request: HttpRequest, slug: str, key: str, payload: AgendaItemIn
) -> Status[AgendaItem]:
    meeting = services.get_meeting(registry.get_network(slug), key)
    item = services.add_agenda_item(
        request.user,
        meeting,
        number=payload.number,
        title=payload.title,
        description=payload.description,
    )
    return Status(201, item)


class MotionIn(Input):
    agenda_item: Id = Field(description="The agenda item's id.")
    title: Title
    text: Text = ""
    rule: Slug = Field("ordinary-motion", description="The statute rule that decides it.")
    vote_mode: Literal["roll_call", "counts"] = Field(
        "roll_call", description="roll_call: each member's vote; counts: a show of hands."
    )


def _agenda_item(meeting: Meeting, item_id: int) -> AgendaItem:
    item = meeting.agenda.select_related("meeting__network", "meeting__body").filter(pk=item_id)
    found = item.first()
    if found is None:
        raise NotFound(
            _("No agenda item %(item_id)s at %(meeting)s.")
            % {"item_id": item_id, "meeting": meeting}
        )
    return found


@router.post(
    "/networks/{slug}/meetings/{key}/motions",
    response={201: DecisionOut, **STAFF_ERRORS},
    auth=signed_in,
    summary="Put a motion to the body under an agenda item (Secretariat)",
)
def propose_motion(
    request: HttpRequest, slug: str, key: str, payload: MotionIn
) -> Status[Decision]:
    meeting = services.get_meeting(registry.get_network(slug), key)
    services.require_secretariat(request.user)
    decision = services.propose_motion(
        request.user,
        _agenda_item(meeting, payload.agenda_item),
        title=payload.title,
        text=payload.text,
        rule=payload.rule,
        vote_mode=payload.vote_mode,
    )
    return Status(201, decision)


class VoteIn(Input):
    organisation: Id = Field(description="The voting member organisation's id.")
    choice: Literal["yes", "no", "abstain"]


@router.post(
    "/networks/{slug}/decisions/{decision_id}/votes",
    response={200: VoteOut, **STAFF_ERRORS},
    auth=signed_in,
    summary="Record a member's vote; only full, unsuspended members present vote (Secretariat)",
)
def record_vote(request: HttpRequest, slug: str, decision_id: DbId, payload: VoteIn) -> Vote:
    decision = services.get_decision(registry.get_network(slug), decision_id)
    services.require_secretariat(request.user)
    organisation = registry.get_organisation(payload.organisation)
    return services.record_vote(request.user, decision, organisation, payload.choice)


class CountsIn(Input):
    yes: VoteCount
    no: VoteCount = 0
    abstain: VoteCount = 0


@router.post(
    "/networks/{slug}/decisions/{decision_id}/counts",
    response={200: DecisionOut, **STAFF_ERRORS},
    auth=signed_in,
    summary="Record a show of hands as counts (Secretariat)",
)
def record_counts(
    request: HttpRequest, slug: str, decision_id: DbId, payload: CountsIn
) -> Decision:
    network = registry.get_network(slug)
    decision = services.get_decision(network, decision_id)
    services.record_counts(
        request.user, decision, yes=payload.yes, no=payload.no, abstain=payload.abstain
    )
    return _decision(slug, decision_id)


class CloseIn(Input):
    casting_vote: Literal["yes", "no"] | None = Field(
        None, description="The Secretary General's, after a tie where the statute allows it."
    )


@router.post(
    "/networks/{slug}/decisions/{decision_id}/close",
    response={200: DecisionDetailOut, **STAFF_ERRORS},
    auth=signed_in,
    summary="Decide a motion or a written consent by the statute in force (Secretariat)",
    description=(
        "Counts the votes (or written consents) and decides by the rule of the statute "
        "version in force on the decision's date; the answer carries the rule and its "
        "arithmetic. A tie under a casting-vote rule stays open until closed again with "
        "`casting_vote`."
    ),
)
def close_decision(
    request: HttpRequest, slug: str, decision_id: DbId, payload: CloseIn
) -> Decision:
    decision = services.get_decision(registry.get_network(slug), decision_id)
    if decision.kind == Decision.Kind.WRITTEN_CONSENT:
        services.close_written_consent(request.user, decision)
    else:
        services.close_motion(request.user, decision, casting_vote=payload.casting_vote)
    return _decision(slug, decision_id)
