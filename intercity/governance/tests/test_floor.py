"""The meeting floor through the services: amendments voted before their motion, elections
to several seats with their run-off, the speakers list and agenda document versions."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from intercity.accounts.models import Role
from intercity.accounts.tests.factories import person
from intercity.core.errors import DomainError, PermissionDenied
from intercity.core.models import AuditEvent
from intercity.governance import services
from intercity.governance.models import Decision, Participant, Speech
from intercity.governance.services import floor
from intercity.network.models import Mandate, Organisation

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


def present(secretariat, meeting, n):
    people = list(
        meeting.participants.select_related("organisation").order_by("organisation__name")
    )
    for p in people[:n]:
        services.check_in(secretariat, p, Participant.Attendance.IN_PERSON)
    return [p.organisation for p in people[:n]]


def vote(secretariat, decision, organisations, choices):
    for organisation, choice in zip(organisations, choices, strict=False):
        services.record_vote(secretariat, decision, organisation, choice)


# --- Amendments ------------------------------------------------------------------------------


def test_an_adopted_amendment_changes_the_motion_text_and_keeps_the_original(secretariat, excom):
    meeting, item = excom
    voters = present(secretariat, meeting, 6)
    motion = services.propose_motion(
        secretariat, item, title="Work plan", text="Hold two workshops."
    )
    amendment = floor.propose_amendment(
        secretariat,
        motion,
        title="Three workshops",
        change="Replace 'two' by 'three'.",
        replacement="Hold three workshops.",
        mover=voters[0],
    )
    assert amendment.kind == Decision.Kind.AMENDMENT
    assert amendment.rule == "ordinary-motion"
    vote(secretariat, amendment, voters, ["yes"] * 4 + ["no"] * 2)
    decided = services.close_motion(secretariat, amendment)
    assert decided.outcome == Decision.Outcome.ADOPTED
    assert "4 yes, 2 no" in decided.explanation
    motion.refresh_from_db()
    assert motion.text == "Hold three workshops."
    text = floor.motion_text(motion)
    assert text.original == "Hold two workshops."
    assert text.amended_by == (decided,)
    assert AuditEvent.objects.filter(verb="amend_motion").exists()
    vote(secretariat, motion, voters, ["yes"] * 6)
    assert services.close_motion(secretariat, motion).outcome == Decision.Outcome.ADOPTED


def test_a_motion_is_not_put_to_the_vote_before_its_amendments(secretariat, excom):
    meeting, item = excom
    voters = present(secretariat, meeting, 5)
    motion = services.propose_motion(secretariat, item, title="Budget", text="Spend 10.")
    floor.propose_amendment(
        secretariat, motion, title="Spend 12", change="10 to 12", replacement="Spend 12."
    )
    vote(secretariat, motion, voters, ["yes"] * 5)
    with pytest.raises(DomainError, match="amendment 'Spend 12' is undecided"):
        services.close_motion(secretariat, motion)
    motion.refresh_from_db()
    assert motion.status == Decision.Status.OPEN


def test_a_rejected_amendment_leaves_the_text_as_it_was(secretariat, excom):
    meeting, item = excom
    voters = present(secretariat, meeting, 5)
    motion = services.propose_motion(secretariat, item, title="Budget", text="Spend 10.")
    amendment = floor.propose_amendment(
        secretariat, motion, title="Spend 12", change="10 to 12", replacement="Spend 12."
    )
    vote(secretariat, amendment, voters, ["no"] * 5)
    assert services.close_motion(secretariat, amendment).outcome == Decision.Outcome.REJECTED
    motion.refresh_from_db()
    assert motion.text == "Spend 10."
    assert floor.motion_text(motion).amended_by == ()


def test_no_amendment_once_voting_on_the_motion_has_begun(secretariat, excom):
    meeting, item = excom
    voters = present(secretariat, meeting, 5)
    motion = services.propose_motion(secretariat, item, title="Budget", text="Spend 10.")
    services.record_vote(secretariat, motion, voters[0], "yes")
    with pytest.raises(DomainError, match="Voting on 'Budget' has begun"):
        floor.propose_amendment(secretariat, motion, title="A", change="B", replacement="C")


def test_only_the_secretariat_moves_an_amendment(seoul_officer, secretariat, excom):
    _meeting, item = excom
    motion = services.propose_motion(secretariat, item, title="Budget", text="Spend 10.")
    with pytest.raises(PermissionDenied):
        floor.propose_amendment(seoul_officer, motion, title="A", change="B", replacement="C")


# --- Elections to several seats ---------------------------------------------------------------


@pytest.fixture
def ga(wego, secretariat):
    meeting = services.create_meeting(
        secretariat, wego, "general-assembly", title="5th GA", date=dt.date(2020, 10, 7)
    )
    item = services.add_agenda_item(secretariat, meeting, number="4", title="EXCOM members")
    return meeting, item


def candidates(secretariat, election, keys):
    found = [Organisation.objects.get(key=k) for k in keys]
    for organisation in found:
        services.add_candidate(secretariat, election, organisation, dt.date(2020, 7, 1))
    return found


def test_the_general_assembly_elects_the_most_voted_to_the_seats(secretariat, ga):
    meeting, item = ga
    present(secretariat, meeting, 10)
    election = services.open_election(
        secretariat, item, title="EXCOM members", office="member", seats=2
    )
    a, b, c = candidates(secretariat, election, ["makati", "seoul", "chengdu"])
    decided = services.close_election(secretariat, election, {a.pk: 6, b.pk: 5, c.pk: 3})
    assert decided.outcome == Decision.Outcome.ELECTED
    assert set(
        decided.candidates.filter(elected=True).values_list("organisation__key", flat=True)
    ) == {
        "makati",
        "seoul",
    }
    assert decided.rule_applied["article"] == "Art. 12.4"
    assert "elected: Makati and Seoul" in decided.explanation
    assert Mandate.objects.filter(organisation=a, office="member", start=meeting.date).exists()
    assert not Mandate.objects.filter(organisation=c, office="member", start=meeting.date).exists()


def test_a_tie_for_the_last_seat_goes_to_a_runoff_the_chair_opens(secretariat, ga):
    meeting, item = ga
    present(secretariat, meeting, 10)
    election = services.open_election(
        secretariat, item, title="EXCOM members", office="member", seats=2
    )
    a, b, c = candidates(secretariat, election, ["makati", "seoul", "chengdu"])
    decided = services.close_election(secretariat, election, {a.pk: 6, b.pk: 4, c.pk: 4})
    assert decided.outcome == Decision.Outcome.TIE
    assert "a tie for the last 1 seat between Chengdu and Seoul" in decided.explanation
    assert "run-off" in decided.explanation
    runoff = floor.open_runoff(secretariat, decided)
    assert runoff.seats == 1
    assert {c.organisation.key for c in runoff.candidates.all()} == {"seoul", "chengdu"}
    with pytest.raises(DomainError, match="already open"):
        floor.open_runoff(secretariat, decided)
    won = services.close_election(secretariat, runoff, {b.pk: 5, c.pk: 3})
    assert won.winner == b


def test_more_votes_than_voters_times_seats_is_refused(secretariat, ga):
    meeting, item = ga
    present(secretariat, meeting, 3)
    election = services.open_election(secretariat, item, title="EXCOM", office="member", seats=2)
    a, b, c = candidates(secretariat, election, ["makati", "seoul", "chengdu"])
    voters = services.roll(meeting).present
    assert voters >= 2
    most = voters * 2
    with pytest.raises(DomainError, match=f"more than {voters} voters x 2 seats = {most}"):
        services.close_election(secretariat, election, {a.pk: voters, b.pk: voters, c.pk: 1})
    with pytest.raises(DomainError, match=f"more votes than the {voters} voters present"):
        services.close_election(secretariat, election, {a.pk: voters + 1})


def test_a_president_is_never_elected_to_several_seats(secretariat, ga):
    _meeting, item = ga
    with pytest.raises(DomainError, match="several seats"):
        services.open_election(secretariat, item, title="P", office="president", seats=2)


# --- Speakers list -----------------------------------------------------------------------------


def test_the_chair_gives_the_floor_in_order_and_the_clock_counts_down(secretariat, excom):
    meeting, item = excom
    delegates = list(meeting.participants.order_by("organisation__name"))[:2]
    floor.set_floor_settings(secretariat, meeting, speech_seconds=120, first_time_first=True)
    floor.set_speakers_list_open(secretariat, item, True)
    first = floor.request_to_speak(secretariat, item, delegates[0])
    floor.request_to_speak(secretariat, item, delegates[1])
    started = floor.start_speech(secretariat, item)
    assert started.pk == first.pk
    shown = floor.floor_of(item, now=started.started_at + dt.timedelta(seconds=30))
    assert shown.current.pk == first.pk
    assert shown.remaining == 90
    assert [s.participant for s in shown.queue] == [delegates[1]]
    with pytest.raises(DomainError, match="has the floor; end that speech first"):
        floor.start_speech(secretariat, item)
    floor.end_speech(secretariat, item)
    assert floor.floor_of(item).done[0].pk == first.pk


def test_first_time_speakers_go_before_second_time(secretariat, excom):
    meeting, item = excom
    a, b = list(meeting.participants.order_by("organisation__name"))[:2]
    floor.set_speakers_list_open(secretariat, item, True)
    floor.request_to_speak(secretariat, item, a)
    floor.start_speech(secretariat, item)
    floor.end_speech(secretariat, item)
    floor.request_to_speak(secretariat, item, a)
    floor.request_to_speak(secretariat, item, b)
    assert [s.participant for s in floor.speaking_queue(item, True)] == [b, a]
    assert [s.participant for s in floor.speaking_queue(item, False)] == [a, b]


def test_a_city_officer_asks_the_floor_only_for_their_own_city(wego, secretariat, excom):
    meeting, item = excom
    seoul = Organisation.objects.get(key="seoul")
    officer = person("floor-officer", Role.CITY_OFFICER, "seoul")
    floor.set_speakers_list_open(secretariat, item, True)
    own = meeting.participants.get(organisation=seoul)
    other = meeting.participants.exclude(organisation=seoul).first()
    assert floor.request_to_speak(officer, item, own).status == Speech.Status.WAITING
    with pytest.raises(PermissionDenied):
        floor.request_to_speak(officer, item, other)
    with pytest.raises(DomainError, match="already on the speakers list"):
        floor.request_to_speak(officer, item, own)


def test_a_closed_speakers_list_takes_no_request(secretariat, excom):
    meeting, item = excom
    with pytest.raises(DomainError, match="not open"):
        floor.request_to_speak(secretariat, item, meeting.participants.first())


def test_the_database_holds_one_speaker_per_item(secretariat, excom):
    meeting, item = excom
    a, b = list(meeting.participants.all())[:2]
    now = timezone.now()
    Speech.objects.create(item=item, participant=a, status="speaking", requested_at=now)
    with pytest.raises(IntegrityError), transaction.atomic():
        Speech.objects.create(item=item, participant=b, status="speaking", requested_at=now)


# --- Documents with versions -----------------------------------------------------------------


def test_a_new_version_keeps_the_old_ones(secretariat, excom, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    _meeting, item = excom
    first = floor.upload_version(
        secretariat, item, SimpleUploadedFile("plan.pdf", PDF), title="Work plan"
    )
    second = floor.upload_version(
        secretariat, item, SimpleUploadedFile("plan-v2.pdf", PDF + b"2"), document=first.document
    )
    assert (first.number, second.number) == (1, 2)
    document = floor.documents_of(item)[0]
    assert [v.number for v in document.versions.all()] == [2, 1]
    assert AuditEvent.objects.filter(verb="upload_document_version").count() == 2


def test_a_file_that_is_not_what_its_name_says_is_refused(secretariat, excom, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    _meeting, item = excom
    with pytest.raises(DomainError, match="is not a PDF") as refused:
        floor.upload_version(
            secretariat, item, SimpleUploadedFile("plan.pdf", b"MZ\x90\x00"), title="X"
        )
    assert refused.value.status_code == 415


def test_only_the_secretariat_uploads_documents(seoul_officer, excom, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    _meeting, item = excom
    with pytest.raises(PermissionDenied):
        floor.upload_version(seoul_officer, item, SimpleUploadedFile("a.pdf", PDF), title="X")


# --- The memorandum --------------------------------------------------------------------------


def test_the_memorandum_records_amendments_seats_and_speakers(secretariat, ga):
    from intercity.governance import minutes, minutes_pdf

    meeting, item = ga
    voters = present(secretariat, meeting, 10)
    motion = services.propose_motion(secretariat, item, title="Work plan", text="Two workshops.")
    amendment = floor.propose_amendment(
        secretariat,
        motion,
        title="Three",
        change="two to three",
        replacement="Three workshops.",
        mover=voters[0],
    )
    present(secretariat, meeting, 1000)
    voting = services.roll(meeting).present
    services.record_counts(secretariat, amendment, yes=voting, no=0, abstain=0)
    assert services.close_motion(secretariat, amendment).outcome == Decision.Outcome.ADOPTED
    election = services.open_election(secretariat, item, title="EXCOM", office="member", seats=2)
    a, b, c = candidates(secretariat, election, ["makati", "seoul", "chengdu"])
    services.close_election(secretariat, election, {a.pk: 6, b.pk: 5, c.pk: 3})
    floor.set_speakers_list_open(secretariat, item, True)
    floor.request_to_speak(secretariat, item, meeting.participants.get(organisation=voters[1]))
    floor.start_speech(secretariat, item)
    floor.end_speech(secretariat, item)
    memo = minutes.memorandum(meeting)
    records = {d.title: d for d in memo.agenda[0].decisions}
    assert "Amends the motion 'Work plan'." in records["Three"].notes
    assert "Text as moved: Two workshops." in records["Work plan"].notes
    assert records["EXCOM"].notes[0].startswith("2 seats, each voter voting for at most 2")
    assert memo.agenda[0].speakers == [str(voters[1])]
    assert minutes_pdf.render(memo, compress=False).startswith(b"%PDF")
