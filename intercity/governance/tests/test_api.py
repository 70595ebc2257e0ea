"""The governance API: the statute engine, the record of meetings and decisions, and the
Secretariat running a meeting through it."""

import datetime as dt

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance
from schemathesis.core.parameters import ParameterLocation

from intercity.governance import services
from intercity.governance.models import Decision, Meeting, StatuteVersion
from intercity.network import services as registry
from intercity.network.models import Network, Organisation
from intercity.wsgi import application

pytestmark = pytest.mark.django_db

API = "/api/v1/networks/wego"
EVALUATE = f"{API}/rules/evaluate"
EXCOM, GA = "executive-committee", "general-assembly"


def evaluate(client, **fields):
    payload = {
        "body": EXCOM,
        "decision": "ordinary-motion",
        "date": "2017-06-28",
        "members_total": 14,
        "present": 4,
        "yes": 2,
        "no": 1,
        "abstain": 1,
        "casting_vote": None,
        **fields,
    }
    return client.post(EVALUATE, payload, content_type="application/json")


def post(client, url, payload):
    return client.post(url, payload, content_type="application/json")


def org(key):
    return Organisation.objects.get(key=key)


# --- The statute engine --------------------------------------------------------------------


def test_the_issues_example_is_adopted_with_its_arithmetic_in_words(client):
    response = evaluate(client)
    assert response.status_code == 200
    body = response.json()
    assert body["outcome"] == "adopted"
    assert body["statute_version"] == "Statute 2017"
    assert body["effective_from"] == "2017-06-28"
    assert "one fourth" in body["explanation"]
    assert "3.5" in body["explanation"]
    assert body["attendance_required"] == "7/2"
    assert body["concurrence_required"] == "2"
    assert body["rule"]["attendance"] == {
        "fraction": "1/4",
        "comparison": "at_least",
        "base": "total",
    }
    assert body["rule"]["concurrence"]["base"] == "present"
    assert body["rule"]["tie"] == "casting_vote"
    assert body["steps"][-1] == "adopted"


def test_the_same_votes_a_day_earlier_are_judged_by_the_2014_text(client):
    before = evaluate(client, date="2017-06-27").json()
    after = evaluate(client, date="2017-06-28").json()
    assert before["statute_version"] == "Statute as amended 2014-11-05"
    assert after["statute_version"] == "Statute 2017"
    # One third of 14 is 14/3: four present was not a quorum the day before.
    assert before["outcome"] == "not-quorate"
    assert before["attendance_required"] == "14/3"
    assert "4 is not enough" in before["explanation"]
    assert after["outcome"] == "adopted"


@pytest.mark.parametrize(
    ("counts", "reason"),
    [
        ({"present": 4, "yes": 3, "no": 1, "abstain": 1}, "more than the 4 present"),
        ({"members_total": 14, "present": 15, "yes": 1}, "more than the 14 members"),
        ({"yes": -1}, "yes cannot be negative"),
        ({"present": -2, "yes": 0, "no": 0, "abstain": 0}, "present cannot be negative"),
    ],
)
def test_counts_that_cannot_be_right_are_a_422_naming_why(client, counts, reason):
    response = evaluate(client, **counts)
    assert response.status_code == 422
    assert reason in response.json()["detail"]


def test_a_date_before_any_statute_text_is_a_422(client):
    response = evaluate(client, date="2011-01-01")
    assert response.status_code == 422
    assert "No statute text on record for 2011-01-01" in response.json()["detail"]


def test_a_decision_the_statute_has_no_rule_for_is_a_422_naming_the_rules_it_has(client):
    response = evaluate(client, decision="dissolution-of-the-organisation")
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert "Statute 2017 has no rule for 'dissolution-of-the-organisation' decisions" in detail
    assert "written-consent" in detail


def test_unknown_network_and_body_are_404s_with_detail(client):
    response = client.post(
        "/api/v1/networks/atlantis/rules/evaluate",
        {
            "body": EXCOM,
            "decision": "ordinary-motion",
            "date": "2017-06-28",
            "members_total": 14,
            "present": 4,
            "yes": 2,
        },
        content_type="application/json",
    )
    assert response.status_code == 404
    assert "atlantis" in response.json()["detail"]
    response = evaluate(client, body="city-council")
    assert response.status_code == 404
    assert "no body 'city-council'" in response.json()["detail"]
    assert EXCOM in response.json()["detail"]


@pytest.mark.parametrize(
    "fields",
    [
        {"casting_vote": "maybe"},
        {"members_total": 10**30},
        {"date": "2017-02-30"},
    ],
)
def test_malformed_input_is_a_422_listing_the_field(client, fields):
    response = evaluate(client, **fields)
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"].startswith("body")


def test_a_nul_in_the_body_is_a_400_naming_the_field(client):
    response = evaluate(client, body="Executive\x00Committee")
    assert response.status_code == 400
    assert response.json()["detail"][0]["field"] == "body.body"


def test_a_tie_at_the_2017_excom_waits_for_the_secretary_generals_casting_vote(client):
    tie = evaluate(client, present=5, yes=2, no=2, abstain=1).json()
    assert tie["outcome"] == "tie"
    assert "casting vote decides (Art. 16.1, 12.7)" in tie["explanation"]
    adopted = evaluate(client, present=5, yes=2, no=2, abstain=1, casting_vote="yes").json()
    assert adopted["outcome"] == "adopted"
    assert "tie broken by the Secretary General's casting vote: yes" in adopted["explanation"]
    rejected = evaluate(client, present=5, yes=2, no=2, abstain=1, casting_vote="no").json()
    assert rejected["outcome"] == "rejected"


def test_a_tie_under_the_2012_text_is_rejected(client):
    body = evaluate(client, date="2013-09-03", present=5, yes=2, no=2, abstain=1).json()
    assert body["statute_version"] == "Statute as amended 2012-11-13"
    assert body["outcome"] == "rejected"
    assert "a tie is rejected" in body["explanation"]


def test_written_consent_needs_half_the_excom_from_2017_and_two_thirds_before(client):
    consent = {"decision": "written-consent", "members_total": 19, "present": 19, "yes": 10}
    consent.update(no=0, abstain=0)
    assert evaluate(client, **consent).json()["outcome"] == "adopted"
    before = evaluate(client, **consent, date="2016-10-12").json()
    assert before["outcome"] == "rejected"
    assert before["concurrence_required"] == "38/3"


# --- What the bodies decided ---------------------------------------------------------------


def test_anyone_lists_the_2017_meetings(client):
    body = client.get(f"{API}/meetings").json()
    assert body["count"] == Meeting.objects.filter(network__slug="wego").count()
    keys = [m["key"] for m in body["items"]]
    assert keys.index("wego-ga-2017") < keys.index("wego-excom-2017")  # latest first
    excom = body["items"][keys.index("wego-excom-2017")]
    assert excom == {
        "key": "wego-excom-2017",
        "title": "2017 WeGO Executive Committee Meeting",
        "body": EXCOM,
        "kind": "regular",
        "date": "2017-06-27",
        "venue": "The Hilton Garden Inn, Assembly Hall, Ulyanovsk, Russia",
        "status": "closed",
    }


def test_a_meeting_shows_its_agenda_documents_participants_and_decisions(client):
    body = client.get(f"{API}/meetings/wego-excom-2017").json()
    assert body["agenda"][0]["documents"][0]["title"].startswith("Meeting Memorandum")
    decided = [d for item in body["agenda"] for d in item["decisions"]]
    assert decided
    assert all(d["meeting"] == "wego-excom-2017" for d in decided)
    assert {d["statute_version"] for d in decided} == {"Statute as amended 2014-11-05"}
    seoul = next(
        p
        for p in body["participants"]
        if p["organisation"] and p["organisation"]["name"] == "Seoul"
    )
    assert seoul["role"] == "delegate"
    assert seoul["attendance"] == "in_person"
    assert seoul["organisation"]["country"] == "KR"
    observers = [p for p in body["participants"] if p["role"] == "observer"]
    assert "Mexico City" in {p["organisation"]["name"] for p in observers if p["organisation"]}


def test_a_meeting_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        assert client.get(f"{API}/meetings/wego-ga-2017").status_code == 200


def test_an_unknown_meeting_or_decision_is_a_404_with_detail(client):
    response = client.get(f"{API}/meetings/wego-excom-1999")
    assert response.status_code == 404
    assert "No meeting 'wego-excom-1999'" in response.json()["detail"]
    response = client.get(f"{API}/decisions/999999")
    assert response.status_code == 404
    assert "No decision 999999" in response.json()["detail"]
    assert client.get(f"{API}/meetings/wego-excom-1999/deadlines").status_code == 404


def test_decisions_filter_by_body_kind_outcome_and_dates(client):
    everything = client.get(f"{API}/decisions", {"page_size": 200}).json()
    assert everything["count"] == Decision.objects.filter(network__slug="wego").count()
    excom = client.get(f"{API}/decisions", {"body": EXCOM, "page_size": 200}).json()
    assert excom["count"] > 0
    assert {d["body"] for d in excom["items"]} == {EXCOM}
    june_2017 = {"from": "2017-06-27", "to": "2017-06-28", "page_size": 200}
    the_28th = client.get(f"{API}/decisions", {**june_2017, "from": "2017-06-28"}).json()
    assert {d["date"] for d in the_28th["items"]} == {"2017-06-28"}
    the_27th = client.get(f"{API}/decisions", {**june_2017, "to": "2017-06-27"}).json()
    assert {d["date"] for d in the_27th["items"]} == {"2017-06-27"}
    both = client.get(f"{API}/decisions", june_2017).json()
    assert the_28th["count"] + the_27th["count"] == both["count"] > 0
    elections = client.get(f"{API}/decisions", {"kind": "election", "outcome": "elected"}).json()
    assert elections["count"] > 0
    assert all(d["kind"] == "election" and d["winner"] for d in elections["items"])
    assert client.get(f"{API}/decisions", {"from": "2018-01-01"}).json()["count"] == 0


def test_decision_filters_that_name_nothing_are_refused_with_detail(client):
    response = client.get(f"{API}/decisions", {"kind": "referendum"})
    assert response.status_code == 422
    assert "kind is one of motion" in response.json()["detail"]
    response = client.get(f"{API}/decisions", {"body": "senate"})
    assert response.status_code == 404
    assert "no body 'senate'" in response.json()["detail"]


def test_listing_decisions_costs_the_same_queries_for_one_or_all(
    client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4) as one:
        assert len(client.get(f"{API}/decisions", {"page_size": 1}).json()["items"]) == 1
    with django_assert_max_num_queries(4) as all_of_them:
        body = client.get(f"{API}/decisions", {"page_size": 200}).json()
    assert len(body["items"]) == Decision.objects.filter(network__slug="wego").count() > 10
    assert len(all_of_them.captured_queries) == len(one.captured_queries)


def test_an_election_shows_its_candidates_and_winner(client):
    election = client.get(f"{API}/decisions", {"kind": "election"}).json()["items"][0]
    body = client.get(f"{API}/decisions/{election['id']}").json()
    assert body["candidates"]
    assert body["winner"]["id"] in {c["organisation"]["id"] for c in body["candidates"]}
    assert body["votes"] == []
    assert body["consents"] == []


def test_offices_on_the_day_of_the_2017_general_assembly(client):
    body = client.get(f"{API}/offices", {"on": "2017-06-28"}).json()
    held = {(o["organisation"]["name"], o["office"]) for o in body["offices"]}
    assert ("Seoul", "president") in held
    assert ("Makati", "executive_vice_president") in held
    assert len(body["offices"]) == 19
    assert body["warnings"] == []
    day_before = client.get(f"{API}/offices", {"on": "2017-06-27"}).json()
    assert ("Ulyanovsk Region", "executive_vice_president") in {
        (o["organisation"]["name"], o["office"]) for o in day_before["offices"]
    }


def test_offices_warn_when_the_excom_breaks_the_statute(client, secretariat):
    network = Network.objects.get(slug="wego")
    excom = network.bodies.get(slug=EXCOM)
    registry.appoint_mandate(secretariat, excom, org("moscow"), "president", dt.date(2018, 1, 1))
    body = client.get(f"{API}/offices", {"on": "2018-01-02"}).json()
    assert "2 President cities; there must be one (Art. 11.2, 12.1)" in body["warnings"]


def test_a_meetings_deadlines_follow_from_the_statute_in_force(client):
    # The GA of 2017-06-28 opened under the 2014 text; the 2017 text it adopted that day does
    # not reach back to its own notice periods (this test updated the 2017 text: the bug).
    StatuteVersion.objects.filter(
        network__slug="wego", name="Statute as amended 2014-11-05"
    ).update(
        deadlines=[
            {
                "key": "president-candidacy",
                "name": "President candidacies declared in writing",
                "anchor": GA,
                "offset": {"months": -2},
                "article": "Art. 11.5",
            }
        ]
    )
    body = client.get(f"{API}/meetings/wego-ga-2017/deadlines").json()
    assert body == [
        {
            "key": "president-candidacy",
            "name": "President candidacies declared in writing",
            "due": "2017-04-28",
            "kind": "deadline",
            "anchor": GA,
            "article": "Art. 11.5",
            "explanation": "2 months before the general assembly of 2017-06-28: 2017-04-28",
        },
        # The GA confirmed Makati after adopting the 2017 text: its host agreement follows
        # that text (Art. 10.5, six months after the selection).
        {
            "key": "host-agreement",
            "name": "Host city's agreement with the Secretariat",
            "due": "2017-12-28",
            "kind": "deadline",
            "anchor": "ga-host-selection",
            "article": "Art. 10.5",
            "explanation": "6 months after the ga host selection of 2017-06-28: 2017-12-28",
        },
    ]


# --- The Secretariat runs a meeting --------------------------------------------------------

EXCOM_2018 = {"body": EXCOM, "title": "2018 WeGO Executive Committee", "date": "2018-06-01"}


@pytest.fixture
def staff(client, secretariat):
    client.force_login(secretariat)
    return client


@pytest.fixture
def meeting(staff):
    """The 2018 Executive Committee, planned, with a motion under its first agenda item."""
    response = post(staff, f"{API}/meetings", {**EXCOM_2018, "venue": "Seoul"})
    assert response.status_code == 201, response.json()
    body = response.json()
    item = post(staff, f"{API}/meetings/{body['key']}/agenda", {"title": "Budget 2019"}).json()
    body["item"] = item
    return body


def participant(meeting, key):
    name = org(key).name
    return next(p for p in meeting["participants"] if p["organisation"]["name"] == name)


def check_in(client, meeting, key, attendance):
    url = f"{API}/meetings/{meeting['key']}/participants/{participant(meeting, key)['id']}"
    return post(client, f"{url}/attendance", {"attendance": attendance})


def motion(client, meeting, **fields):
    payload = {"agenda_item": meeting["item"]["id"], "title": "Adopt the 2019 budget", **fields}
    return post(client, f"{API}/meetings/{meeting['key']}/motions", payload)


def vote(client, decision, key, choice):
    payload = {"organisation": org(key).pk, "choice": choice}
    return post(client, f"{API}/decisions/{decision['id']}/votes", payload)


def test_staff_plan_a_meeting_and_the_excom_of_that_day_is_invited(meeting):
    assert meeting["key"] == "executive-committee-2018-06-01"
    assert meeting["status"] == "planned"
    assert meeting["venue"] == "Seoul"
    assert len(meeting["participants"]) == 19
    assert {p["role"] for p in meeting["participants"]} == {"delegate"}
    assert {p["attendance"] for p in meeting["participants"]} == {"unknown"}
    assert participant(meeting, "makati")["organisation"]["country"] == "PH"
    assert meeting["item"]["number"] == "1"


def test_staff_run_a_vote_from_check_in_to_an_adopted_motion(staff, meeting):
    for key, attendance in [
        ("seoul", "in_person"),
        ("makati", "in_person"),
        ("chengdu", "remote"),
        ("jakarta", "remote"),
        ("moscow", "in_person"),
    ]:
        response = check_in(staff, meeting, key, attendance)
        assert response.status_code == 200
        assert response.json()["attendance"] == attendance
    decision = motion(staff, meeting).json()
    assert decision["status"] == "open"
    assert decision["rule"] == "ordinary-motion"
    for key, choice in [
        ("seoul", "yes"),
        ("makati", "yes"),
        ("chengdu", "yes"),
        ("jakarta", "no"),
        ("moscow", "abstain"),
    ]:
        assert vote(staff, decision, key, choice).status_code == 200
    response = post(staff, f"{API}/decisions/{decision['id']}/close", {"casting_vote": None})
    assert response.status_code == 200
    closed = response.json()
    assert closed["outcome"] == "adopted"
    assert closed["status"] == "decided"
    assert closed["statute_version"] == "Statute 2017"
    assert closed["counts"] == {"members_total": 19, "present": 5, "yes": 3, "no": 1, "abstain": 1}
    assert (
        "5 of 19 present; quorum is one fourth or more of all 19 members" in closed["explanation"]
    )
    assert closed["rule_applied"]["attendance"]["fraction"] == "1/4"
    assert {(v["organisation"]["name"], v["choice"]) for v in closed["votes"]} >= {
        ("Jakarta", "no")
    }
    again = post(staff, f"{API}/decisions/{decision['id']}/votes", {"organisation": 1})
    assert again.status_code == 422  # choice missing
    late = vote(staff, decision, "seoul", "no")
    assert late.status_code == 400
    assert "already decided" in late.json()["detail"]


def test_four_present_of_nineteen_is_not_a_quorum(staff, meeting):
    for key in ("seoul", "makati", "chengdu", "jakarta"):
        check_in(staff, meeting, key, "remote")
    decision = motion(staff, meeting).json()
    for key in ("seoul", "makati", "chengdu", "jakarta"):
        vote(staff, decision, key, "yes")
    closed = post(staff, f"{API}/decisions/{decision['id']}/close", {}).json()
    assert closed["outcome"] == "not-quorate"
    assert "= 19/4 (4.75); 4 is not enough" in closed["explanation"]


def test_a_tie_by_show_of_hands_stays_open_until_the_casting_vote(staff, meeting):
    for key in ("seoul", "makati", "chengdu", "jakarta", "moscow"):
        check_in(staff, meeting, key, "in_person")
    decision = motion(staff, meeting, vote_mode="counts").json()
    url = f"{API}/decisions/{decision['id']}"
    too_many = post(staff, f"{url}/counts", {"yes": 4, "no": 2, "abstain": 0})
    assert too_many.status_code == 400
    assert "more than the 5 present" in too_many.json()["detail"]
    counted = post(staff, f"{url}/counts", {"yes": 2, "no": 2, "abstain": 1}).json()
    assert counted["counts"]["yes"] == 2
    tie = post(staff, f"{url}/close", {}).json()
    assert tie["outcome"] == "tie"
    assert tie["status"] == "open"
    adopted = post(staff, f"{url}/close", {"casting_vote": "yes"}).json()
    assert adopted["outcome"] == "adopted"
    assert adopted["status"] == "decided"
    assert adopted["casting_vote"] == "yes"


def test_an_observer_may_not_vote(staff, meeting, secretariat):
    planned = Meeting.objects.get(key=meeting["key"])
    services.add_participant(secretariat, planned, organisation=org("islamabad"), role="observer")
    meeting = staff.get(f"{API}/meetings/{meeting['key']}").json() | {"item": meeting["item"]}
    assert check_in(staff, meeting, "islamabad", "in_person").status_code == 200
    decision = motion(staff, meeting).json()
    response = vote(staff, decision, "islamabad", "yes")
    assert response.status_code == 400
    assert response.json()["detail"] == (
        "Islamabad is not a member of the body on the day of the meeting."
    )


def test_a_member_not_checked_in_may_not_vote(staff, meeting):
    decision = motion(staff, meeting).json()
    response = vote(staff, decision, "seoul", "yes")
    assert response.status_code == 400
    assert (
        "Seoul is not checked in as present, in person or remotely (Art. 20)"
        in (response.json()["detail"])
    )


def test_staff_input_the_statute_refuses_is_answered_with_detail(staff, meeting):
    response = motion(staff, meeting, rule="abolish-the-statute")
    assert response.status_code == 422
    assert "has no rule for 'abolish-the-statute' decisions" in response.json()["detail"]
    response = motion(staff, meeting, agenda_item=999_999)
    assert response.status_code == 404
    assert "No agenda item 999999" in response.json()["detail"]
    response = check_in(staff, meeting, "seoul", "asleep")
    assert response.status_code == 422
    response = post(staff, f"{API}/meetings", EXCOM_2018)
    assert response.status_code == 400
    assert "already a meeting 'executive-committee-2018-06-01'" in response.json()["detail"]
    response = post(staff, f"{API}/meetings", {**EXCOM_2018, "date": "0001-01-01"})
    assert response.status_code == 422
    response = post(staff, f"{API}/meetings", {**EXCOM_2018, "body": "secretariat"})
    assert response.status_code == 400
    assert "does not hold statutory meetings" in response.json()["detail"]


def test_a_closed_meetings_record_is_final(staff):
    response = post(staff, f"{API}/meetings/wego-excom-2017/agenda", {"title": "Afterthought"})
    assert response.status_code == 400
    assert "is closed" in response.json()["detail"]


@pytest.mark.parametrize("persona", ["seoul_officer", "makati_officer", "citizen"])
def test_only_the_secretariat_records_meetings(client, persona, request):
    client.force_login(request.getfixturevalue(persona))
    response = post(client, f"{API}/meetings", EXCOM_2018)
    assert response.status_code == 403
    assert response.json()["detail"] == "Only Secretariat staff may do this."
    response = post(client, f"{API}/decisions/1/close", {})
    assert response.status_code == 403


def test_anonymous_visitors_must_log_in_to_record(client):
    response = post(client, f"{API}/meetings", EXCOM_2018)
    assert response.status_code == 401
    assert response.json()["detail"] == "Authentication required."
    assert (
        post(client, f"{API}/decisions/1/votes", {"organisation": 1, "choice": "yes"}).status_code
        == 401
    )


def test_a_session_post_without_the_csrf_token_is_refused(secretariat):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(secretariat)
    response = post(browser, f"{API}/meetings", EXCOM_2018)
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert not Meeting.objects.filter(key="executive-committee-2018-06-01").exists()


# --- Staff input the fuzzer sends past the login -------------------------------------------
# The suite's fuzzer (core/tests/test_api_fuzz.py) is anonymous, so the Secretariat's
# endpoints answer it 401 before reading a body. Here it logs in, and every request is aimed
# at a real open meeting and motion, so odd bodies (huge numbers, far dates, empty or long
# strings) reach the services.

staff_schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application).include(
    tag="governance", method="POST"
)
# The Secretariat's session, set by `logged_in_wsgi` for the test that runs.
STAFF_LOGIN: dict[str, str] = {}


@staff_schema.auth.auth(refresh_interval=None)
class StaffLogin:
    """Hands schemathesis the fixture's login as the credentials it was given: the operations
    declare two schemes (a bearer token or the session, decision 0019), and a login schemathesis
    knows it was given is what its auth check needs to probe each endpoint without it and with
    made-up credentials (each must be refused) rather than take the login for a generated one."""

    def get(self, case, context):
        return dict(STAFF_LOGIN) or None

    def set(self, case, data, context):
        case.cookies = {**(case.cookies or {}), **data}


@pytest.fixture
def logged_in_wsgi(secretariat):
    """Session and CSRF cookies for the WSGI app called directly, and an open meeting."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    session = Client()
    session.force_login(secretariat)
    network = Network.objects.get(slug="wego")
    planned = services.create_meeting(
        secretariat, network, EXCOM, title="Fuzzed", date=dt.date(2018, 6, 1)
    )
    item = services.add_agenda_item(secretariat, planned, number="1", title="Anything")
    decision = services.propose_motion(secretariat, item, title="Anything")
    token = "f" * 32
    STAFF_LOGIN.update(sessionid=session.cookies["sessionid"].value, csrftoken=token)
    yield {
        "cookies": {"sessionid": session.cookies["sessionid"].value, "csrftoken": token},
        "headers": {"X-CSRFToken": token},
        "path": {
            "slug": "wego",
            "key": planned.key,
            "participant_id": planned.participants.first().pk,
            "decision_id": decision.pk,
            # The floor's endpoints (api_floor.py) are under an agenda item.
            "item_id": item.pk,
        },
    }
    STAFF_LOGIN.clear()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@staff_schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_staff_endpoints_answer_odd_input_as_declared(case, logged_in_wsgi):
    if case.operation.schema.is_security_param_negated(case):
        return  # a request without the login: the anonymous fuzzer covers it
    if case.meta is not None and case.meta.is_negative_at(ParameterLocation.PATH):
        return  # its odd path is replaced by the real meeting's below: nothing odd would be left
    for name in case.path_parameters or {}:
        case.path_parameters[name] = logged_in_wsgi["path"][name]
    case.call_and_validate(
        headers=logged_in_wsgi["headers"],
        cookies=logged_in_wsgi["cookies"],
        excluded_checks=[positive_data_acceptance],
    )
