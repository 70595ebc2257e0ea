"""Dates and ids a caller sends to the governance API: an ISO date within the dates accepted
or a 422, an id that fits the database or a 422/404, never a 500 and never `0` read as
1970-01-01 (core.bounds)."""

import pytest
from django.test import Client

from intercity.core.bounds import MAX_DB_ID

pytestmark = pytest.mark.django_db

API = "/api/v1/networks/wego"
TOO_BIG = "99999999999999999999"
NOT_DATES = ["0", "1", "1498608000", "0001-01-01", "9999-12-31", "2018-02-30", "2018-6-1", "x"]


@pytest.mark.parametrize("on", NOT_DATES)
def test_offices_on_a_day_that_is_not_an_iso_date_in_range_is_a_422(client: Client, on: str):
    response = client.get(f"{API}/offices", {"on": on})
    assert response.status_code == 422, response.content
    assert "detail" in response.json()


def test_offices_on_an_iso_date_answer_for_that_day(client: Client):
    response = client.get(f"{API}/offices", {"on": "2018-06-20"})
    assert response.status_code == 200
    assert response.json()["on"] == "2018-06-20"


@pytest.mark.parametrize("bound", ["from", "to"])
@pytest.mark.parametrize("day", NOT_DATES)
def test_decisions_between_days_that_are_not_iso_dates_in_range_is_a_422(
    client: Client, bound: str, day: str
):
    response = client.get(f"{API}/decisions", {bound: day})
    assert response.status_code == 422, response.content


def test_decisions_from_an_iso_date_are_filtered(client: Client):
    response = client.get(f"{API}/decisions", {"from": "2017-06-28", "to": "2017-06-28"})
    assert response.status_code == 200
    assert all(d["date"] == "2017-06-28" for d in response.json()["items"])


@pytest.mark.parametrize("path", ["decisions/{}", "regional-offices/{}"])
@pytest.mark.parametrize("pk", [TOO_BIG, str(MAX_DB_ID + 1), "0", "-1"])
def test_an_id_outside_the_database_s_range_is_a_422(client: Client, path: str, pk: str):
    response = client.get(f"{API}/{path.format(pk)}")
    assert response.status_code == 422, response.content


@pytest.mark.parametrize("path", ["decisions/{}", "regional-offices/{}"])
def test_the_largest_id_is_looked_up_and_not_found(client: Client, path: str):
    response = client.get(f"{API}/{path.format(MAX_DB_ID)}")
    assert response.status_code == 404, response.content


@pytest.mark.parametrize("date", [0, "0", "0001-01-01", "9999-12-31", "2018-06-20T10:00:00"])
def test_a_meeting_dated_outside_the_dates_accepted_is_a_422(
    client: Client, secretariat, date: object
):
    client.force_login(secretariat)
    response = client.post(
        f"{API}/meetings",
        {"body": "executive-committee", "title": "Far away", "date": date},
        content_type="application/json",
    )
    assert response.status_code == 422, response.content


@pytest.mark.parametrize("date", [0, "0001-01-01", "9999-12-31"])
def test_the_engine_refuses_a_day_outside_the_dates_accepted(client: Client, date: object):
    payload = {
        "body": "executive-committee",
        "decision": "ordinary-motion",
        "date": date,
        "members_total": 14,
        "present": 4,
        "yes": 2,
    }
    response = client.post(f"{API}/rules/evaluate", payload, content_type="application/json")
    assert response.status_code == 422, response.content


@pytest.mark.parametrize("action", ["votes", "counts", "close"])
def test_posting_to_a_decision_id_past_the_column_is_a_422(
    client: Client, secretariat, action: str
):
    client.force_login(secretariat)
    response = client.post(
        f"{API}/decisions/{TOO_BIG}/{action}",
        {"organisation": 1, "choice": "yes", "yes": 1},
        content_type="application/json",
    )
    assert response.status_code == 422, response.content


def test_a_vote_for_an_organisation_id_past_the_column_is_a_422(client: Client, secretariat):
    client.force_login(secretariat)
    response = client.post(
        f"{API}/decisions/1/votes",
        {"organisation": int(TOO_BIG), "choice": "yes"},
        content_type="application/json",
    )
    assert response.status_code == 422, response.content


def test_an_attendance_for_a_participant_id_past_the_column_is_a_422(client: Client, secretariat):
    client.force_login(secretariat)
    response = client.post(
        f"{API}/meetings/wego-ga-2017/participants/{TOO_BIG}/attendance",
        {"attendance": "remote"},
        content_type="application/json",
    )
    assert response.status_code == 422, response.content
