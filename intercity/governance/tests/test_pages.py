"""Governance pages as the Secretariat and members use them: planning and running a meeting
of WeGO's Executive Committee, deciding by the statute in force, reading the record."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from intercity.governance import services
from intercity.governance.models import Consent, Decision, Meeting, Participant, Vote
from intercity.network import services as registry
from intercity.network.models import Organisation

pytestmark = pytest.mark.django_db

DAY = dt.date(2018, 4, 12)  # judged by the Statute 2017: quorum one fourth, casting vote on a tie


@pytest.fixture
def excom_2018(secretariat, wego):
    """A 2018 meeting of WeGO's Executive Committee, its 19 members invited."""
    return services.create_meeting(
        secretariat,
        wego,
        "executive-committee",
        title="2018 WeGO Executive Committee Meeting",
        date=DAY,
        venue="Seoul City Hall",
    )


def delegates(meeting):
    return list(
        meeting.participants.filter(role=Participant.Role.DELEGATE).select_related("organisation")
    )


def check_in(actor, meeting, count, remote=0):
    people = delegates(meeting)
    for person in people[:count]:
        services.check_in(actor, person, "in_person")
    for person in people[count : count + remote]:
        services.check_in(actor, person, "remote")
    return people[: count + remote]


def motion(actor, meeting, title="Approve the 2018 budget"):
    item = services.add_agenda_item(actor, meeting, number="1", title="Budget")
    return services.propose_motion(actor, item, title=title)


def url(name, *args):
    return reverse(name, args=["wego", *args])


def page(response):
    return response.content.decode()


# --- Everyone reads -----------------------------------------------------------------------


def test_the_governance_pages_render_for_the_seeded_wego(client, wego):
    for name in ("governance_home", "governance_decisions", "governance_officers"):
        assert client.get(url(name)).status_code == 200, name
    assert client.get(url("governance_deadlines")).status_code == 200
    for meeting in services.meetings(wego):
        assert client.get(url("governance_meeting", meeting.key)).status_code == 200
    for decision in services.decisions(wego):
        assert client.get(url("governance_decision", decision.pk)).status_code == 200
    assert client.get(reverse("governance_home", args=["ascn"])).status_code == 200


def test_the_seeded_excom_2017_meeting_is_judged_by_the_2014_text(client):
    response = client.get(url("governance_meeting", "wego-excom-2017"))
    text = page(response)
    assert "Statute as amended 2014-11-05" in text
    assert "one third or more of all members" in text
    assert "Continued operation of the Asia and Europe Regional" in text
    assert url("governance_memorandum", "wego-excom-2017") in text
    assert url("governance_memorandum_pdf", "wego-excom-2017") in text


def test_the_network_page_links_to_governance(client):
    text = page(client.get(reverse("network", args=["wego"])))
    assert url("governance_home") in text
    assert url("governance_officers") in text


def test_a_member_sees_a_meeting_read_only(client, seoul_officer, secretariat, excom_2018):
    check_in(secretariat, excom_2018, 5)
    motion(secretariat, excom_2018)
    client.force_login(seoul_officer)
    text = page(client.get(url("governance_meeting", excom_2018.key)))
    assert "Present: 5 of 19 voting members; quorum needs 5" in text
    assert "Approve the 2018 budget" in text
    for staff_only in ("Close the vote", "Check in", "Add a motion", "Close the meeting"):
        assert staff_only not in text
    home = page(client.get(url("governance_home")))
    assert "New meeting" not in home


def test_staff_only_pages_and_actions_refuse_others(client, seoul_officer, secretariat, excom_2018):
    decision = motion(secretariat, excom_2018)
    person = delegates(excom_2018)[0]
    client.force_login(seoul_officer)
    assert client.get(url("governance_meeting_new")).status_code == 403
    assert client.get(url("governance_written_consent_new")).status_code == 403
    posts = [
        (url("governance_meeting_new"), {"title": "x"}),
        (url("governance_check_in", excom_2018.key, person.pk), {"attendance": "in_person"}),
        (url("governance_vote", decision.pk), {"organisation": person.organisation_id}),
        (url("governance_close_motion", decision.pk), {}),
        (url("governance_agenda_add", excom_2018.key), {"title": "x"}),
        (url("governance_meeting_status", excom_2018.key), {"status": "closed"}),
        (url("governance_deadlines"), {"meeting": excom_2018.key}),
    ]
    for path, data in posts:
        assert client.post(path, data).status_code == 403, path
    person.refresh_from_db()
    assert person.attendance == Participant.Attendance.UNKNOWN
    assert Meeting.objects.get(pk=excom_2018.pk).status == Meeting.Status.PLANNED


def test_a_visitor_is_sent_to_log_in(client):
    response = client.get(url("governance_meeting_new"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


# --- Planning a meeting ------------------------------------------------------------------


def test_staff_plan_a_meeting_and_its_members_are_invited(client, secretariat):
    client.force_login(secretariat)
    response = client.post(
        url("governance_meeting_new"),
        {
            "body": "executive-committee",
            "title": "2018 WeGO Executive Committee Meeting",
            "date": "2018-04-12",
            "kind": "regular",
            "venue": "Seoul",
        },
        follow=True,
    )
    text = page(response)
    assert "19 members invited" in text
    assert "Statute 2017" in text
    assert "Present: 0 of 19 voting members; quorum needs 5" in text
    assert Meeting.objects.get(key="executive-committee-2018-04-12").participants.count() == 19


def test_a_bad_meeting_form_says_why_and_creates_nothing(client, secretariat, excom_2018):
    client.force_login(secretariat)
    before = Meeting.objects.count()
    response = client.post(url("governance_meeting_new"), {"body": "executive-committee"})
    assert response.status_code == 400
    assert "This field is required." in page(response)
    again = client.post(
        url("governance_meeting_new"),
        {"body": "executive-committee", "title": "Again", "date": "2018-04-12", "kind": "regular"},
    )
    assert "There is already a meeting" in page(again)
    assert Meeting.objects.count() == before


# --- Running it: attendance, motions, votes ------------------------------------------------


def test_check_in_answers_htmx_with_the_live_part(client, secretariat, excom_2018):
    person = delegates(excom_2018)[0]
    client.force_login(secretariat)
    response = client.post(
        url("governance_check_in", excom_2018.key, person.pk),
        {"attendance": "remote"},
        HTTP_HX_REQUEST="true",
    )
    text = page(response)
    assert response.status_code == 200
    assert "<html" not in text
    assert "Present: 1 of 19 voting members" in text
    assert 'hx-swap-oob="innerHTML"' in text
    assert f"{person.organisation}: remote." in text
    person.refresh_from_db()
    assert person.attendance == Participant.Attendance.REMOTE


def test_check_in_without_javascript_redirects_back(client, secretariat, excom_2018):
    person = delegates(excom_2018)[1]
    client.force_login(secretariat)
    response = client.post(
        url("governance_check_in", excom_2018.key, person.pk), {"attendance": "in_person"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#participant-{person.pk}")
    assert "Present: 1 of 19" in page(client.get(response["Location"]))


def test_a_bad_check_in_changes_nothing(client, secretariat, excom_2018):
    person = delegates(excom_2018)[0]
    client.force_login(secretariat)
    response = client.post(
        url("governance_check_in", excom_2018.key, person.pk),
        {"attendance": "asleep"},
        HTTP_HX_REQUEST="true",
    )
    assert "Attendance is one of" in page(response)
    person.refresh_from_db()
    assert person.attendance == Participant.Attendance.UNKNOWN


def test_staff_run_a_motion_by_roll_call_to_adoption(client, secretariat, excom_2018):
    people = check_in(secretariat, excom_2018, 4, remote=1)
    client.force_login(secretariat)
    client.post(url("governance_agenda_add", excom_2018.key), {"number": "1", "title": "Budget"})
    item = excom_2018.agenda.get()
    response = client.post(
        url("governance_motion_add", excom_2018.key, item.pk),
        {"title": "Approve the 2018 budget", "text": "As presented.", "rule": "ordinary-motion"},
        follow=True,
    )
    assert "put to the Executive Committee" in page(response)
    decision = Decision.objects.get(title="Approve the 2018 budget")
    for person, choice in zip(people, ["yes", "yes", "yes", "no", "abstain"], strict=True):
        client.post(
            url("governance_vote", decision.pk),
            {"organisation": person.organisation_id, "choice": choice},
            HTTP_HX_REQUEST="true",
        )
    assert decision.votes.count() == 5
    response = client.post(url("governance_close_motion", decision.pk), follow=True)
    text = page(response)
    decision.refresh_from_db()
    assert decision.outcome == Decision.Outcome.ADOPTED
    assert "one fourth or more of all 19 members" in decision.explanation
    assert "Adopted" in text
    assert "one fourth" in text


def test_a_meeting_below_quorum_decides_nothing(client, secretariat, excom_2018):
    people = check_in(secretariat, excom_2018, 4)
    decision = motion(secretariat, excom_2018)
    for person in people:
        services.record_vote(secretariat, decision, person.organisation, "yes")
    client.force_login(secretariat)
    client.post(url("governance_close_motion", decision.pk))
    decision.refresh_from_db()
    assert decision.outcome == Decision.Outcome.NOT_QUORATE
    text = page(client.get(url("governance_meeting", excom_2018.key)))
    assert "Not quorate" in text
    assert "4 is not enough" in text


def test_a_tie_asks_for_the_casting_vote_then_decides(client, secretariat, excom_2018):
    people = check_in(secretariat, excom_2018, 5)
    decision = motion(secretariat, excom_2018)
    for person, choice in zip(people, ["yes", "yes", "no", "no", "abstain"], strict=True):
        services.record_vote(secretariat, decision, person.organisation, choice)
    client.force_login(secretariat)
    client.post(url("governance_close_motion", decision.pk))
    text = page(client.get(url("governance_meeting", excom_2018.key)))
    assert "Casting vote: yes" in text
    assert "the Secretary General&#x27;s casting vote decides" in text
    client.post(url("governance_close_motion", decision.pk), {"casting_vote": "yes"})
    decision.refresh_from_db()
    assert decision.status == Decision.Status.DECIDED
    assert decision.outcome == Decision.Outcome.ADOPTED
    assert decision.casting_vote == "yes"


def test_a_vote_from_a_member_not_present_is_refused(client, secretariat, excom_2018):
    people = check_in(secretariat, excom_2018, 5)
    decision = motion(secretariat, excom_2018)
    absent = delegates(excom_2018)[10]
    assert absent not in people
    client.force_login(secretariat)
    response = client.post(
        url("governance_vote", decision.pk),
        {"organisation": absent.organisation_id, "choice": "yes"},
        HTTP_HX_REQUEST="true",
    )
    assert "is not checked in as present" in page(response)
    response = client.post(
        url("governance_vote", decision.pk),
        {"organisation": people[0].organisation_id, "choice": "maybe"},
        follow=True,
    )
    assert "yes, no or abstain" in page(response)
    assert not Vote.objects.filter(decision=decision).exists()


def test_counts_more_than_present_are_refused(client, secretariat, excom_2018):
    check_in(secretariat, excom_2018, 5)
    decision = motion(secretariat, excom_2018)
    client.force_login(secretariat)
    response = client.post(
        url("governance_counts", decision.pk), {"yes": "6", "no": "0", "abstain": "0"}
    )
    assert response.status_code == 400
    assert "more than the 5 present" in page(response)
    decision.refresh_from_db()
    assert decision.yes is None
    response = client.post(
        url("governance_counts", decision.pk), {"yes": "4", "no": "1", "abstain": "0"}
    )
    assert response.status_code == 302
    client.post(url("governance_close_motion", decision.pk))
    decision.refresh_from_db()
    assert decision.outcome == Decision.Outcome.ADOPTED


def test_a_motion_without_a_title_is_not_put(client, secretariat, excom_2018):
    item = services.add_agenda_item(secretariat, excom_2018, number="1", title="Budget")
    client.force_login(secretariat)
    response = client.post(
        url("governance_motion_add", excom_2018.key, item.pk),
        {"title": "", "rule": "no-such-rule"},
    )
    text = page(response)
    assert response.status_code == 400
    assert "Nothing was saved" in text
    assert "This field is required." in text
    assert "Select a valid choice" in text
    assert not Decision.objects.filter(meeting=excom_2018).exists()


def test_documents_and_announcements_under_an_item(client, secretariat, excom_2018):
    item = services.add_agenda_item(secretariat, excom_2018, number="1", title="Reports")
    client.force_login(secretariat)
    bad = client.post(
        url("governance_document_add", excom_2018.key, item.pk), {"title": "Budget 2018"}
    )
    assert "Say where the document is" in page(bad)
    assert not item.documents.exists()
    client.post(
        url("governance_document_add", excom_2018.key, item.pk),
        {"title": "Budget 2018", "reference": "Handbook p. 12"},
    )
    client.post(
        url("governance_announcement_add", excom_2018.key, item.pk),
        {"title": "Magas will apply for membership"},
    )
    text = page(client.get(url("governance_meeting", excom_2018.key)))
    assert "Budget 2018" in text
    assert "Handbook p. 12" in text
    assert "Magas will apply for membership" in text
    assert "Recorded" in text


def test_an_election_warns_about_a_late_candidacy_and_elects(client, secretariat, excom_2018):
    check_in(secretariat, excom_2018, 6)
    item = services.add_agenda_item(secretariat, excom_2018, number="2", title="President")
    client.force_login(secretariat)
    client.post(url("governance_election_add", excom_2018.key, item.pk), {"office": "president"})
    election = Decision.objects.get(meeting=excom_2018, kind=Decision.Kind.ELECTION)
    seoul = Organisation.objects.get(key="seoul")
    makati = Organisation.objects.get(key="makati")
    client.post(
        url("governance_candidate_add", election.pk),
        {"organisation": seoul.pk, "declared_on": "2018-01-05"},
    )
    response = client.post(
        url("governance_candidate_add", election.pk),
        {"organisation": makati.pk, "declared_on": "2018-03-30"},
        follow=True,
    )
    text = page(response)
    assert "declared on 2018-03-30, after 2018-02-12" in text
    assert "(Art. 11.5)" in text
    bad = client.post(
        url("governance_close_election", election.pk),
        {f"votes_{seoul.pk}": "9", f"votes_{makati.pk}": "0"},
    )
    assert "only 6 voters are present" in page(bad)
    client.post(
        url("governance_close_election", election.pk),
        {f"votes_{seoul.pk}": "4", f"votes_{makati.pk}": "2"},
    )
    election.refresh_from_db()
    assert election.winner == seoul
    assert "Seoul has the most votes" in page(client.get(url("governance_decision", election.pk)))


def test_a_meeting_with_an_open_motion_is_not_closed(client, secretariat, excom_2018):
    decision = motion(secretariat, excom_2018)
    client.force_login(secretariat)
    response = client.post(
        url("governance_meeting_status", excom_2018.key), {"status": "closed"}, follow=True
    )
    assert "Decide or withdraw the open motions" in page(response)
    client.post(url("governance_withdraw", decision.pk), {"reason": "Put by mistake"})
    client.post(url("governance_meeting_status", excom_2018.key), {"status": "closed"})
    excom_2018.refresh_from_db()
    assert excom_2018.status == Meeting.Status.CLOSED
    text = page(client.get(url("governance_meeting", excom_2018.key)))
    assert "Withdrawn" in text
    assert "Add a motion" not in text


# --- Decisions ----------------------------------------------------------------------------


def test_decisions_are_filtered_by_year_kind_body_and_outcome(client):
    text = page(client.get(url("governance_decisions"), {"year": "2017", "kind": "election"}))
    assert "Re-election of Seoul as President City" in text
    assert "Approval of the Three-Year Strategic Plan" not in text
    text = page(client.get(url("governance_decisions"), {"body": "executive-committee"}))
    assert "Continued operation of the Asia and Europe" in text
    assert "Re-election of Seoul" not in text
    response = client.get(url("governance_decisions"), {"year": "1999"})
    assert response.status_code == 400
    assert "Please correct the filters" in page(response)


def test_a_decision_page_shows_rule_counts_and_votes(client, secretariat, excom_2018):
    people = check_in(secretariat, excom_2018, 5)
    decision = motion(secretariat, excom_2018)
    for person in people:
        services.record_vote(secretariat, decision, person.organisation, "yes")
    services.close_motion(secretariat, decision)
    text = page(client.get(url("governance_decision", decision.pk)))
    assert "Statute 2017" in text
    assert "Quorum when one fourth or more of all members attend" in text
    assert "19 members, 5 present; 5 yes, 0 no, 0 abstaining" in text
    assert people[0].organisation.name in text


def test_the_decisions_list_costs_a_fixed_number_of_queries(
    client, secretariat, excom_2018, django_assert_max_num_queries
):
    item = services.add_agenda_item(secretariat, excom_2018, number="1", title="Many")
    for n in range(60):
        services.propose_motion(secretariat, item, title=f"Motion {n}")
    with django_assert_max_num_queries(8):
        response = client.get(url("governance_decisions"))
    assert "80 decisions" in page(response)


# --- Written consent ----------------------------------------------------------------------


def test_staff_run_a_resolution_by_written_consent(client, secretariat, wego):
    client.force_login(secretariat)
    response = client.post(
        url("governance_written_consent_new"),
        {
            "title": "Approve Kigali's membership",
            "text": "The Executive Committee approves the membership of Kigali.",
            "opens_on": "2018-02-01",
            "closes_on": "2018-02-28",
        },
        follow=True,
    )
    decision = Decision.objects.get(title="Approve Kigali's membership")
    text = page(response)
    assert "open for written answers" in text
    assert "0 of 19 members consent" in text
    members = sorted(services.body_members(decision.body, decision.date))
    outside = client.post(
        url("governance_consent", decision.pk),
        {"organisation": members[0], "answer": "yes", "given_on": "2018-03-15"},
        follow=True,
    )
    assert "outside the window" in page(outside)
    assert not Consent.objects.filter(decision=decision).exists()
    for organisation_id in members[:10]:
        client.post(
            url("governance_consent", decision.pk),
            {"organisation": organisation_id, "answer": "yes", "given_on": "2018-02-10"},
        )
    client.post(url("governance_close_consent", decision.pk))
    decision.refresh_from_db()
    assert decision.outcome == Decision.Outcome.ADOPTED
    text = page(client.get(url("governance_decision", decision.pk)))
    assert "half or more" in text
    assert "Record the answer" not in text


def test_a_written_consent_with_its_window_backwards_is_refused(client, secretariat):
    client.force_login(secretariat)
    response = client.post(
        url("governance_written_consent_new"),
        {"title": "X", "text": "Y", "opens_on": "2018-03-01", "closes_on": "2018-02-01"},
    )
    assert response.status_code == 400
    assert "closes on or after the day it opens" in page(response)
    assert not Decision.objects.filter(title="X").exists()


# --- Officers and deadlines --------------------------------------------------------------


def test_officers_by_term_with_the_statute_warnings(client, secretariat, wego):
    # The 2017-2020 terms end by the statute (three years, Art. 11.6, 12.6); this test pinned
    # them as "current" in 2026 with a composition that "meets the statute": the bug.
    text = page(client.get(url("governance_officers")))
    assert "From 28 June 2017 to 28 June 2020" in text
    assert "From 5 November 2014 to 28 June 2017" in text
    assert "No officers of the Executive Committee are known on" in text
    assert "meets the statute in force" not in text
    today = timezone.localdate()
    excom = wego.bodies.get(slug="executive-committee")
    seoul = Organisation.objects.get(key="seoul")
    registry.appoint_mandate(secretariat, excom, seoul, "president", today)
    text = page(client.get(url("governance_officers")))
    assert "0 Vice Presidents; at least 5 are needed (Art. 11.2, 12.1)" in text
    assert "No officers of the Executive Committee are known on" not in text


def test_deadlines_of_a_planned_meeting_and_reminders(client, secretariat, wego):
    today = timezone.localdate()
    planned = services.create_meeting(
        secretariat,
        wego,
        "executive-committee",
        title="Next Executive Committee",
        date=today + dt.timedelta(days=400),
    )
    expected = services.deadlines_for(planned)
    assert expected, "the statute in force sets deadlines before an Executive Committee"
    text = page(client.get(url("governance_deadlines")))
    assert "Next Executive Committee" in text
    for deadline in expected:
        assert escape(deadline.name) in text
        assert escape(deadline.article) in text
    assert "Queue reminders" not in text
    client.force_login(secretariat)
    response = client.post(url("governance_deadlines"), {"meeting": planned.key}, follow=True)
    ahead = [d for d in expected if d.kind == "deadline" and d.due and d.due >= today]
    # No member's officer has an address in the seed: one reminder per deadline ahead is
    # recorded, none is queued to send, and the page says who has no address.
    assert planned.reminders.count() == len(ahead)
    assert "0 reminders queued for Next Executive Committee" in page(response)
    assert "No e-mail address for " in page(response)
    again = client.post(url("governance_deadlines"), {"meeting": planned.key}, follow=True)
    assert "0 reminders queued" in page(again)
    unknown = client.post(url("governance_deadlines"), {"meeting": "no-such"}, follow=True)
    assert "No meeting &#x27;no-such&#x27;" in page(unknown)
