"""The memorandum of a meeting, generated from its record: Sam of the Secretariat runs WeGO's
Executive Committee of 2018 through the services, then anyone reads the memorandum as a page
or a PDF. The seeded 2017 EXCOM and GA records give memoranda too."""

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape
from pypdf import PdfReader

from intercity.governance import minutes, minutes_pdf, services
from intercity.governance.models import Decision, Meeting, Participant
from intercity.network.models import Organisation

pytestmark = pytest.mark.django_db

EXCOM_2018 = dt.date(2018, 6, 20)


def pdf_text(content: bytes) -> str:
    """The PDF's text with its line breaks undone, so a wrapped title reads as one line."""
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def one_line(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def excom(wego, secretariat):
    """EXCOM 2018: five delegates in person, one remote, one absent, the rest not checked in;
    an observer from São Paulo; a motion adopted, a GA host elected, an announcement."""
    meeting = services.create_meeting(
        secretariat,
        wego,
        "executive-committee",
        title="2018 WeGO Executive Committee Meeting",
        date=EXCOM_2018,
        venue="Seoul City Hall, Seoul",
    )
    delegates = list(
        meeting.participants.select_related("organisation").order_by("organisation__name")
    )
    for person in delegates[:5]:
        services.check_in(secretariat, person, Participant.Attendance.IN_PERSON)
    services.check_in(secretariat, delegates[5], Participant.Attendance.REMOTE)
    services.check_in(secretariat, delegates[6], Participant.Attendance.ABSENT)
    services.add_participant(
        secretariat,
        meeting,
        name="João da Silva (São Paulo)",
        role=Participant.Role.OBSERVER,
        attendance=Participant.Attendance.IN_PERSON,
    )

    plan = services.add_agenda_item(
        secretariat,
        meeting,
        number="1",
        title="Work plan 2019",
        description="The Secretariat's plan.",
    )
    services.add_document(secretariat, plan, title="Draft work plan 2019", reference="Annex A")
    motion = services.propose_motion(
        secretariat, plan, title="Adoption of the work plan 2019", text="The Committee adopts it."
    )
    voters = [p.organisation for p in delegates[:6]]
    for organisation, choice in zip(
        voters, ["yes", "yes", "yes", "yes", "no", "abstain"], strict=True
    ):
        services.record_vote(secretariat, motion, organisation, choice)
    services.close_motion(secretariat, motion)

    host = services.add_agenda_item(secretariat, meeting, number="2", title="Host of GA 2020")
    election = services.open_election(
        secretariat,
        host,
        title="Selection of the host of the 2020 General Assembly",
        office="ga-host",
    )
    makati = Organisation.objects.get(key="makati")
    sejong = Organisation.objects.get(key="sejong")
    services.add_candidate(secretariat, election, makati, dt.date(2018, 3, 1))
    services.add_candidate(secretariat, election, sejong, dt.date(2018, 3, 2))
    services.close_election(secretariat, election, {makati.pk: 4, sejong.pk: 2})

    news = services.add_agenda_item(secretariat, meeting, number="3", title="Announcements")
    services.record_announcement(
        secretariat, news, title="Ha Noi will host the 2019 Smart City Forum"
    )
    kigali = Organisation.objects.get(key="kigali")
    services.record_announcement(
        secretariat,
        news,
        title="Kigali appointed Vice President",
        effects=[
            {"action": "appoint-office", "organisation": kigali.pk, "office": "vice_president"}
        ],
    )
    return meeting


def test_the_memorandum_lists_participants_by_role_with_their_attendance(excom):
    memo = minutes.memorandum(excom)

    delegates, observers = memo.participants[0], memo.participants[1]
    assert (delegates.heading, observers.heading) == ("Delegates", "Observers")
    assert delegates.attendance.total == 19
    assert (delegates.attendance.in_person, delegates.attendance.remote) == (5, 1)
    assert (delegates.attendance.absent, delegates.attendance.not_recorded) == (1, 12)
    assert delegates.attendance.present == 6  # remote counts as present (Art. 20)
    assert {a.attendance_words for a in delegates.attendees} == {
        "In person",
        "Remote",
        "Absent",
        "Not recorded",
    }
    assert [a.name for a in observers.attendees] == ["João da Silva (São Paulo)"]
    assert memo.attendance.present == 7


def test_the_memorandum_gives_the_agenda_and_each_decision_with_its_ruling(excom):
    memo = minutes.memorandum(excom)

    assert memo.statute is not None
    assert memo.statute.name == "Statute 2017"
    assert [(i.number, i.title) for i in memo.agenda] == [
        ("1", "Work plan 2019"),
        ("2", "Host of GA 2020"),
        ("3", "Announcements"),
    ]
    assert memo.agenda[0].documents[0].title == "Draft work plan 2019"
    motion = memo.agenda[0].decisions[0]
    assert motion.title == "Adoption of the work plan 2019"
    assert motion.ruling == "Adopted"
    assert motion.article.startswith("Art. 16.1")
    assert motion.counts is not None
    assert (motion.counts.present, motion.counts.yes) == (6, 4)
    assert motion.explanation.startswith("6 of 19 present")
    assert motion.statute_version == "Statute 2017"

    election = memo.agenda[1].decisions[0]
    assert election.ruling == "Elected"
    assert election.winner == "Makati"
    assert election.article == "Art. 12.10"
    assert [(c.name, c.votes, c.elected) for c in election.candidates] == [
        ("Makati", 4, True),
        ("Sejong", 2, False),
    ]
    assert memo.agenda[2].decisions[0].ruling == "Recorded"
    assert memo.agenda[2].decisions[1].effects == ["Kigali takes office as Vice President"]


def test_effects_are_said_in_words(wego):
    goyang = Organisation.objects.get(key="goyang")
    decision = Decision(network=wego, title="Admission", effects=[])
    words = minutes.EffectWords.load(
        wego, [{"action": "approve-membership", "organisation": goyang.pk, "category": "full"}]
    )
    said = words(
        {"action": "approve-membership", "organisation": goyang.pk, "category": "full"}, decision
    )
    assert said == "Goyang approved as a full member"


def test_anyone_reads_the_memorandum_page(client, excom):
    response = client.get(reverse("governance_memorandum", args=["wego", excom.key]))

    assert response.status_code == 200
    page = response.content.decode()
    for text in [
        "Memorandum: 2018 WeGO Executive Committee Meeting",
        "Seoul City Hall, Seoul",
        "Statute 2017",
        "Delegates: 6 of 19 present",
        "Remote",
        "Absent",
        "Not recorded",
        escape("João da Silva (São Paulo)"),
        "Agenda 1. Work plan 2019",
        "Draft work plan 2019",
        "Adoption of the work plan 2019",
        "Adopted",
        "6 of 19 present",
        "Selection of the host of the 2020 General Assembly",
        "Makati",
    ]:
        assert text in page, text
    assert reverse("governance_memorandum_pdf", args=["wego", excom.key]) in page


def test_the_pdf_says_the_same(client, excom):
    response = client.get(reverse("governance_memorandum_pdf", args=["wego", excom.key]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="{excom.key}-memorandum.pdf"'
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    for expected in [
        "2018 WeGO Executive Committee Meeting",
        "Statute 2017",
        "João da Silva (São Paulo)",
        "Work plan 2019",
        "Adoption of the work plan 2019",
        "6 of 19 present",
        "Selection of the host of the 2020 General Assembly",
        "Page 1 of",
    ]:
        assert expected in text, expected


def test_without_a_unicode_font_the_pdf_falls_back_to_helvetica(excom):
    fonts = minutes_pdf.find_fonts(("/nonexistent",))
    assert fonts == minutes_pdf.Fonts("Helvetica", "Helvetica-Bold", unicode=False)
    memo = minutes.memorandum(excom)

    content = minutes_pdf.render(memo, fonts=fonts, compress=False)

    assert content.startswith(b"%PDF")
    assert b"Adoption of the work plan 2019" in content  # uncompressed, Latin-1 text as is
    text = pdf_text(content)
    assert "Ha Noi will host" in text
    assert "São Paulo" in text


def test_letters_beyond_latin_1_lose_only_the_accents_helvetica_lacks():
    assert minutes_pdf.latin1("São Paulo") == "São Paulo"
    assert minutes_pdf.latin1("Hà Nội") == "Hà Nôi"
    assert minutes_pdf.latin1("Beyoğlu") == "Beyoglu"
    assert minutes_pdf.latin1("서울") == "??"


def test_an_unknown_meeting_or_network_is_not_found(client, excom):
    assert client.get(reverse("governance_memorandum", args=["wego", "no-such"])).status_code == 404
    assert (
        client.get(reverse("governance_memorandum_pdf", args=["wego", "no-such"])).status_code
        == 404
    )
    assert (
        client.get(reverse("governance_memorandum", args=["nowhere", excom.key])).status_code == 404
    )
    # A meeting is found only in its own network.
    assert client.get(reverse("governance_memorandum", args=["ascn", excom.key])).status_code == 404


# Twelve for the record, two more for the votes of each member and the secret ballots' receipts.
def test_the_memorandum_page_costs_a_bounded_number_of_queries(
    client, excom, django_assert_max_num_queries
):
    url = reverse("governance_memorandum", args=["wego", excom.key])
    # 12, two for the live room's votes and ballots, one for who spoke on each item.
    with django_assert_max_num_queries(15):
        assert client.get(url).status_code == 200


def test_a_bigger_meeting_costs_no_more_queries(client, secretariat, excom):
    url = reverse("governance_memorandum", args=["wego", excom.key])
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    cities = Organisation.objects.filter(
        key__in=["goyang", "kabul", "kampala", "gaziantep", "dujiangyan"]
    )
    for n, city in enumerate(cities, start=4):
        item = services.add_agenda_item(secretariat, excom, number=str(n), title=f"Item {n}")
        services.add_document(secretariat, item, title=f"Paper {n}", reference=f"Annex {n}")
        services.record_announcement(
            secretariat,
            item,
            title=f"Announcement {n}",
            effects=[{"action": "appoint-office", "organisation": city.pk, "office": "member"}],
        )
        services.add_participant(secretariat, excom, name=f"Guest {n}", role=Participant.Role.GUEST)
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) == len(before)


SEEDED = ["wego-excom-2017", "wego-ga-2017"]


@pytest.mark.parametrize("key", SEEDED)
def test_the_seeded_2017_memoranda_list_every_decision(client, key):
    meeting = Meeting.objects.get(network__slug="wego", key=key)
    titles = list(Decision.objects.filter(meeting=meeting).values_list("title", flat=True))
    assert titles, "the seed records decisions for this meeting"

    page = client.get(reverse("governance_memorandum", args=["wego", key]))
    pdf = client.get(reverse("governance_memorandum_pdf", args=["wego", key]))

    assert page.status_code == 200
    html = page.content.decode()
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    text = pdf_text(pdf.content)
    for title in titles:
        assert escape(title) in html, title
        assert one_line(title) in text, title
    assert len(minutes.memorandum(meeting).decisions) == len(titles)
