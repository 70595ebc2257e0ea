"""Each network's governance pages speak only of what its own statute and records define:
WeGO has an Executive Committee, offices, regional offices and statute deadlines; ASCN's
concept note defines an annual meeting and none of those, so its pages carry none of WeGO's
words. Closing a meeting (and other irreversible acts) is confirmed first."""

import datetime as dt

import pytest
from django.urls import reverse

from intercity.governance import services

pytestmark = pytest.mark.django_db

# Words that belong to WeGO's Statute 2017 and must not appear on ASCN's pages.
WEGO_ONLY = [
    "Executive Committee",
    "composition of the",
    "Art. 13.6",
    "Art. 13.7",
    "Art. 16.3",
    "Art. 20",
    "Art. 6",
    "Art. 12.7",
    "Secretary General",
    "General Assembly",
    "only full members vote",
    "New written consent",
]


@pytest.fixture
def ascn_meeting(secretariat, ascn):
    meeting = services.create_meeting(
        secretariat,
        ascn,
        "annual-meeting",
        title="ASCN Annual Meeting 2019",
        date=dt.date(2019, 7, 8),
    )
    services.add_agenda_item(secretariat, meeting, number="1", title="Action plans")
    return meeting


def ascn_pages(meeting):
    pages = ["governance_home", "governance_decisions", "governance_officers"]
    pages += ["governance_deadlines", "governance_regional_offices"]
    urls = [reverse(name, args=["ascn"]) for name in pages]
    urls.append(reverse("governance_meeting", args=["ascn", meeting.key]))
    urls.append(reverse("governance_memorandum", args=["ascn", meeting.key]))
    return urls


@pytest.mark.parametrize("as_staff", [False, True])
def test_ascn_pages_carry_none_of_wegos_words(client, secretariat, ascn_meeting, as_staff):
    if as_staff:
        client.force_login(secretariat)
    urls = ascn_pages(ascn_meeting)
    if as_staff:
        urls.append(reverse("governance_meeting_new", args=["ascn"]))
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        found = [word for word in WEGO_ONLY if word in page]
        assert found == [], f"{url} says {found}"


def test_ascn_navigation_leaves_out_what_it_does_not_have(client, ascn):
    page = client.get(reverse("governance_home", args=["ascn"])).content.decode()
    assert reverse("governance_regional_offices", args=["ascn"]) not in page
    assert reverse("governance_officers", args=["ascn"]) not in page
    assert reverse("governance_deadlines", args=["ascn"]) not in page
    assert "No statute text of ASCN is on record" in page
    assert "Its bodies: Annual Meeting of the ASCN." in page


def test_ascn_regional_offices_page_says_it_has_none(client, ascn):
    page = client.get(reverse("governance_regional_offices", args=["ascn"])).content.decode()
    assert "ASCN has no regional offices" in page
    assert "Assessment criteria" not in page


def test_ascn_delegates_are_told_no_voting_right_is_defined(client, secretariat, ascn_meeting):
    client.force_login(secretariat)
    page = client.get(
        reverse("governance_meeting", args=["ascn", ascn_meeting.key])
    ).content.decode()
    assert "is a Pilot city member; ASCN defines no voting right" in page
    assert "Add an election" not in page


def test_ascn_has_no_written_consent(client, secretariat, ascn):
    client.force_login(secretariat)
    response = client.get(reverse("governance_written_consent_new", args=["ascn"]))
    assert response.status_code == 400
    assert "No statute text of ASCN sets a rule for written consent" in response.content.decode()


def test_wego_pages_keep_their_own_statutes_words(client, secretariat, wego):
    client.force_login(secretariat)
    home = client.get(reverse("governance_home", args=["wego"])).content.decode()
    assert reverse("governance_regional_offices", args=["wego"]) in home
    assert "New written consent" in home
    offices = client.get(reverse("governance_regional_offices", args=["wego"])).content.decode()
    assert "the Executive Committee approves one per region" in offices
    assert "Art. 13.6(a)" in offices
    consent = client.get(reverse("governance_written_consent_new", args=["wego"]))
    assert "A resolution of the Executive Committee out of session (Art. 16.3" in (
        consent.content.decode()
    )


# --- Confirming what cannot be undone ---------------------------------------------------------


def test_closing_a_meeting_is_confirmed_naming_what_is_still_open(client, secretariat, wego):
    meeting = services.create_meeting(
        secretariat, wego, "executive-committee", title="EXCOM 2018", date=dt.date(2018, 6, 20)
    )
    item = services.add_agenda_item(secretariat, meeting, number="1", title="Budget")
    services.propose_motion(secretariat, item, title="Approve the 2018 budget")
    client.force_login(secretariat)
    page = client.get(reverse("governance_meeting", args=["wego", meeting.key])).content.decode()
    confirm = page[page.index('id="close-meeting"') :]
    confirm = confirm[: confirm.index("</details>")]
    assert "Close the meeting…" in confirm
    assert "a closed meeting is not reopened" in confirm
    assert "One decision is still open" in confirm
    assert "Approve the 2018 budget" in confirm
    assert "Yes, close the meeting" in confirm
    assert "19 participants are not checked in" in confirm


def test_closing_a_vote_is_confirmed_with_what_closing_does(client, secretariat, wego):
    meeting = services.create_meeting(
        secretariat, wego, "executive-committee", title="EXCOM 2018", date=dt.date(2018, 6, 20)
    )
    item = services.add_agenda_item(secretariat, meeting, number="1", title="Budget")
    motion = services.propose_motion(secretariat, item, title="Approve the 2018 budget")
    client.force_login(secretariat)
    page = client.get(reverse("governance_meeting", args=["wego", meeting.key])).content.decode()
    confirm = page[page.index(f'id="close-vote-{motion.pk}"') :]
    assert "no vote can be added or changed afterwards" in confirm[: confirm.index("</details>")]


def test_a_visitor_sees_no_confirmation_to_close(client, wego):
    meeting = wego.meetings.first()
    page = client.get(reverse("governance_meeting", args=["wego", meeting.key])).content.decode()
    assert "close-meeting" not in page
