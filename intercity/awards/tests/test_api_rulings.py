"""POST /api/v1/awards/rulings: the awards procedure on any scores and votes sent, pure (nothing
read or stored, no login), every refusal a 422 naming the rule."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.test import Client

from intercity.api import api

pytestmark = pytest.mark.django_db

URL = "/api/v1/awards/rulings"


def rule(client: Client, **body: Any):
    return client.post(URL, body, content_type="application/json")


def issue_body(**changes: Any) -> dict[str, Any]:
    """The issue's shape: three judges, two criteria, the second judge conflicted with a1."""
    body: dict[str, Any] = {
        "finalists": 5,
        "votes_per_judge": 2,
        "applications": [
            {"id": "a1", "round1": [[9, 8], None, [7, 7]]},  # 7.75 over two judges
            {"id": "a2", "round1": [[10, 10], [9, 9], [9, 10]]},  # 9.50
            {"id": "a3", "round1": [[5, 5], [5, 6], [6, 6]]},  # 5.50
            {"id": "a4", "round1": [[8, 8], [8, 7], [8, 8]]},  # 7.83
            {"id": "a5", "round1": [[4, 4], [3, 3], None]},  # 3.50
            {"id": "a6", "round1": [[7, 7], [7, 7], [7, 7]]},  # 7.00
        ],
        "round2": [["a2", "a4"], ["a4", "a6"], ["a2", "a1"]],
    }
    return body | changes


def one_criterion(*scores: int | None, judges: int = 1) -> list[dict[str, Any]]:
    """Applications a1, a2, ... each scored `score` by every judge on one criterion."""
    return [
        {"id": f"a{i + 1}", "round1": [None if s is None else [s] for _ in range(judges)]}
        for i, s in enumerate(scores)
    ]


def refusal(response, code: str) -> str:
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["code"] == code, body
    return str(body["detail"])


def test_the_issues_example_ranks_round_1_and_places_gold_and_silver(client):
    response = rule(client, **issue_body())
    assert response.status_code == 200
    data = response.json()
    assert data["finalists"] == ["a2", "a4", "a1", "a6", "a3"]
    assert (data["gold"], data["silver"]) == ("a2", "a4")
    assert data["ties"] == []
    assert data["ranking"][:3] == [
        {"id": "a2", "score": "9.50", "exact": "19/2", "judges": 3},
        {"id": "a4", "score": "7.83", "exact": "47/6", "judges": 3},
        {"id": "a1", "score": "7.75", "exact": "31/4", "judges": 2},
    ]
    assert data["ranking"][-1] == {"id": "a5", "score": "3.50", "exact": "7/2", "judges": 2}
    assert data["votes"] == [
        {"id": "a2", "votes": 2},
        {"id": "a4", "votes": 2},
        {"id": "a1", "votes": 1},
        {"id": "a6", "votes": 1},
        {"id": "a3", "votes": 0},
    ]
    assert data["explanation"] == (
        "6 applications ranked by the mean of their judges' weighted scores. "
        "The 5 highest go on to round 2: a2 (9.50), a4 (7.83), a1 (7.75), a6 (7.00), a3 (5.50). "
        "3 ballots counted (a2 2, a4 2, a1 1, a6 1, a3 0). "
        "Gold: a2 with 2 votes. Equal on votes with a4; the tie is broken by the round-1 "
        "scores: 9.50 against 7.83. "
        "Silver: a4 with 2 votes. Equal on votes with a2, whose round-1 score (9.50) is higher "
        "than its 7.83."
    )


def test_the_scale_defaults_to_1_to_10_and_may_be_the_editions(client):
    assert rule(client, **issue_body(score_min=1, score_max=10)).status_code == 200
    body = issue_body(score_min=0, score_max=5, applications=one_criterion(0, 5, 3), round2=[])
    assert rule(client, **body).json()["finalists"] == ["a2", "a3", "a1"]


def test_fewer_applications_than_finalists_all_go_on(client):
    data = rule(client, **issue_body(applications=one_criterion(6, 8), round2=[])).json()
    assert data["finalists"] == ["a2", "a1"]
    assert (data["gold"], data["silver"], data["votes"]) == (None, None, None)
    assert data["explanation"].endswith(
        "No round-2 ballot was given: Gold and Silver are not placed."
    )


def test_round2_may_be_left_out(client):
    body = issue_body()
    del body["round2"]
    data = rule(client, **body).json()
    assert data["finalists"] == ["a2", "a4", "a1", "a6", "a3"]
    assert data["gold"] is None


def test_an_application_nobody_scored_is_ranked_last_with_no_score(client):
    data = rule(client, **issue_body(applications=one_criterion(7, None, 8), round2=[])).json()
    assert data["finalists"] == ["a3", "a1"]
    assert data["ranking"][-1] == {"id": "a2", "score": None, "exact": None, "judges": 0}
    assert "Nobody scored a2: it cannot go on." in data["explanation"]


def test_a_tie_at_the_last_finalists_place_stops_round_2_until_the_head_of_panel_chooses(
    client,
):
    body = issue_body(
        applications=one_criterion(9, 8, 7, 6, 5, 5, 4),
        # a ballot may name a tied application: the head of panel's choice is not made yet
        round2=[["a1", "a6"]],
    )
    data = rule(client, **body).json()
    assert data["finalists"] == ["a1", "a2", "a3", "a4"]
    assert (data["gold"], data["silver"], data["votes"]) == (None, None, None)
    assert data["ties"] == [{"round": 1, "candidates": ["a5", "a6"], "places": 1, "score": "5.00"}]
    assert data["explanation"].endswith(
        "a5, a6 share the last finalist's place with 5.00: the head of panel chooses 1 of them. "
        "The head of panel must first choose 1 finalist among a5, a6: round 2 is counted after "
        "that choice."
    )
    # The ballots are still checked: a7 is neither a finalist nor tied.
    body["round2"] = [["a1", "a7"]]
    assert "a7" in refusal(rule(client, **body), "vote-not-finalist")


def test_a_tie_on_votes_is_broken_by_the_round1_scores(client):
    body = issue_body(
        applications=one_criterion(9, 8, 7, 6, 5, judges=3),
        round2=[["a4", "a5"], ["a5", "a3"], ["a3", "a4"]],
    )
    data = rule(client, **body).json()
    assert (data["gold"], data["silver"], data["ties"]) == ("a3", "a4", [])
    assert (
        "the tie is broken by the round-1 scores: 7.00 against 6.00, 5.00." in (data["explanation"])
    )


def test_a_double_tie_for_gold_is_left_to_the_panel(client):
    body = issue_body(
        applications=one_criterion(8, 8, 7, 6, 5, judges=3),
        round2=[["a1", "a2"], ["a2", "a1"], ["a3", "a4"]],
    )
    data = rule(client, **body).json()
    assert (data["gold"], data["silver"]) == (None, None)
    assert data["ties"] == [
        {
            "round": 2,
            "candidates": ["a1", "a2"],
            "places": ["gold", "silver"],
            "votes": 2,
            "score": "8.00",
        }
    ]
    assert data["explanation"].endswith(
        "a1, a2 are equal on votes (2) and on round-1 scores (8.00): "
        "the panel decides Gold and Silver."
    )


def test_a_double_tie_for_silver_is_left_to_the_panel_after_gold(client):
    body = issue_body(
        applications=one_criterion(9, 8, 8, 6, 5, judges=3),
        round2=[["a1", "a2"], ["a1", "a3"], ["a4", "a5"]],
    )
    data = rule(client, **body).json()
    assert (data["gold"], data["silver"]) == ("a1", None)
    assert data["ties"] == [
        {"round": 2, "candidates": ["a2", "a3"], "places": ["silver"], "votes": 1, "score": "8.00"}
    ]


def test_a_finalist_nobody_voted_for_is_not_placed(client):
    body = issue_body(
        votes_per_judge=1,
        applications=one_criterion(9, 8, 7, judges=2),
        round2=[["a3"], ["a3"]],
    )
    data = rule(client, **body).json()
    assert (data["gold"], data["silver"]) == ("a3", None)
    assert "No other finalist received a vote: no Silver is awarded." in data["explanation"]


def test_fewer_ballots_than_judges_are_counted(client):
    data = rule(client, **issue_body(round2=[["a2", "a4"]])).json()
    assert (data["gold"], data["silver"]) == ("a2", "a4")
    assert "1 ballot counted" in data["explanation"]


# --- Refusals ------------------------------------------------------------------------------


@pytest.mark.parametrize("score", [0, 11, -3])
def test_a_score_outside_the_scale_is_refused(client, score):
    body = issue_body(applications=[{"id": "a1", "round1": [[9, score]]}])
    detail = refusal(rule(client, **body), "score-out-of-range")
    assert detail == f"{score} is outside the scale: a score goes from 1 to 10."


def test_a_score_outside_the_bodys_own_scale_is_refused(client):
    body = issue_body(score_min=0, score_max=5, applications=one_criterion(6), round2=[])
    assert "from 0 to 5" in refusal(rule(client, **body), "score-out-of-range")


def test_a_scale_whose_highest_is_not_above_its_lowest_is_refused(client):
    detail = refusal(rule(client, **issue_body(score_min=5, score_max=5)), "scale-invalid")
    assert detail == "The highest score (5) must be more than the lowest (5)."


def test_scorecards_of_different_lengths_are_refused(client):
    body = issue_body(applications=[{"id": "a1", "round1": [[9, 8], [7]]}], round2=[])
    assert "these have 1, 2." in refusal(rule(client, **body), "scorecard-incomplete")


def test_a_vote_for_a_non_finalist_is_refused(client):
    detail = refusal(rule(client, **issue_body(round2=[["a2", "a5"]])), "vote-not-finalist")
    assert detail == "a5 is not a finalist of this category."


def test_two_votes_for_one_application_are_refused(client):
    detail = refusal(rule(client, **issue_body(round2=[["a2", "a2"]])), "vote-twice")
    assert detail == "A judge votes for an application once; a2 is chosen twice."


@pytest.mark.parametrize("ballot", [["a2"], [], ["a2", "a4", "a1"]])
def test_a_judge_voting_the_wrong_number_of_times_is_refused(client, ballot):
    detail = refusal(rule(client, **issue_body(round2=[["a2", "a4"], ballot])), "vote-count")
    assert detail == f"A judge votes for exactly 2 finalists; this ballot has {len(ballot)}."


def test_a_vote_by_a_judge_with_a_conflict_is_refused(client):
    # The second judge's round-1 entry for a1 is null: a conflict of interest.
    body = issue_body(round2=[["a2", "a4"], ["a1", "a2"]])
    assert "a1" in refusal(rule(client, **body), "vote-conflicted")
    body = issue_body(round2=[["a1", "a2"]])  # the first judge scored a1
    assert rule(client, **body).status_code == 200


def test_duplicate_application_ids_are_refused(client):
    body = issue_body(applications=one_criterion(7, 8) + one_criterion(9))
    detail = refusal(rule(client, **body), "application-duplicate")
    assert detail == "Each application is sent once; a1 is sent more than once."


def test_round1_lists_of_different_lengths_are_refused(client):
    body = issue_body(
        applications=[{"id": "a1", "round1": [[9], [8]]}, {"id": "a2", "round1": [[7]]}]
    )
    detail = refusal(rule(client, **body), "judges-differ")
    assert detail == (
        "Every application has one round-1 entry per judge, in the same order; these have 1, 2."
    )


def test_more_ballots_than_judges_are_refused(client):
    body = issue_body(round2=[["a2", "a4"]] * 4)
    detail = refusal(rule(client, **body), "ballots-too-many")
    assert detail == "There are 3 judges but 4 round-2 ballots."


def test_a_nul_in_an_application_id_is_a_400_naming_it(client):
    response = rule(client, **issue_body(applications=[{"id": "a\x00", "round1": [[9]]}]))
    assert response.status_code == 400
    assert response.json()["detail"][0]["field"] == "body.applications[0].id"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"applications": [{"id": "a1", "round1": [[9, 8.5]]}]}, "body.payload.applications"),
        ({"applications": [{"id": "a1", "round1": [[9, True]]}]}, "body.payload.applications"),
        ({"applications": [{"id": "a1", "round1": [["9"]]}]}, "body.payload.applications"),
        ({"applications": [{"id": "a1", "round1": []}]}, "body.payload.applications"),
        ({"applications": [{"id": "", "round1": [[9]]}]}, "body.payload.applications"),
        ({"applications": []}, "body.payload.applications"),
        ({"applications": "a1"}, "body.payload.applications"),
        ({"finalists": 1}, "body.payload.finalists"),
        ({"finalists": "5"}, "body.payload.finalists"),
        ({"votes_per_judge": 0}, "body.payload.votes_per_judge"),
        ({"votes_per_judge": 10**30}, "body.payload.votes_per_judge"),
        ({"score_min": -1}, "body.payload.score_min"),
        ({"round2": [["a1", 2]]}, "body.payload.round2"),
        ({"round2": "a1"}, "body.payload.round2"),
        ({"round2": [None]}, "body.payload.round2"),
    ],
)
def test_a_malformed_body_is_a_422_naming_the_field(client, changes, field):
    response = rule(client, **issue_body(**changes))
    assert response.status_code == 422
    problems = response.json()["detail"]
    assert problems[0]["field"].startswith(field)
    assert problems[0]["message"]


def test_a_missing_field_is_a_422(client):
    body = issue_body()
    del body["finalists"]
    response = rule(client, **body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["message"] == "This field is required."


@pytest.mark.parametrize("raw", ["[]", "null", '"text"', "5", ""])
def test_a_body_that_is_not_an_object_is_a_422(client, raw):
    response = client.post(URL, raw, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"]


def test_a_body_that_is_not_json_is_a_400(client):
    response = client.post(URL, "{bad", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"]


def test_a_refusal_and_the_explanation_are_in_the_readers_language(client):
    refused = client.post(
        URL,
        issue_body(round2=[["a2", "a2"]]),
        content_type="application/json",
        headers={"accept-language": "es"},
    )
    assert refused.status_code == 422
    assert refused.json() == {
        "detail": "Un jurado vota por una candidatura una sola vez; a2 está elegida dos veces.",
        "code": "vote-twice",
    }
    ruled = client.post(
        URL, issue_body(), content_type="application/json", headers={"accept-language": "ru"}
    )
    assert ruled.json()["explanation"].startswith(
        "6 заявок ранжированы по среднему взвешенных баллов жюри."
    )
    assert "Золото: a2, 2 голоса." in ruled.json()["explanation"]


# --- Pure ----------------------------------------------------------------------------------


def test_nothing_is_read_or_written(client, django_assert_num_queries):
    before = {model: model.objects.count() for model in apps.get_app_config("awards").get_models()}
    with django_assert_num_queries(0):
        assert rule(client, **issue_body()).status_code == 200
        assert rule(client, **issue_body(round2=[["a2", "a2"]])).status_code == 422
    after = {model: model.objects.count() for model in apps.get_app_config("awards").get_models()}
    assert after == before


def test_no_login_is_needed_and_no_csrf_token(db):
    client = Client(enforce_csrf_checks=True)
    assert rule(client, **issue_body()).status_code == 200


# --- The document --------------------------------------------------------------------------


def test_the_document_describes_the_body_and_both_answers():
    document = api.get_openapi_schema()
    operation = document["paths"]["/api/v1/awards/rulings"]["post"]
    responses = {str(status): answer for status, answer in operation["responses"].items()}
    assert set(responses) == {"200", "400", "422"}
    assert operation["summary"]
    assert "Nothing is read or saved" in operation["description"]
    body_ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    schemas = document["components"]["schemas"]
    body = schemas[body_ref.rsplit("/", 1)[1]]
    assert set(body["required"]) == {"finalists", "votes_per_judge", "applications"}
    assert {"score_min", "score_max", "round2"} <= set(body["properties"])
    assert body["examples"] == [issue_body()]
    answered = schemas[
        responses["200"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    ]
    assert {"finalists", "gold", "silver", "ties", "explanation", "ranking", "votes"} <= set(
        answered["properties"]
    )
    tie_kinds = answered["properties"]["ties"]["items"]
    assert tie_kinds["discriminator"]["propertyName"] == "round"
    assert {ref["$ref"].rsplit("/", 1)[1] for ref in tie_kinds["oneOf"]} == {
        "RulingRound1TieOut",
        "RulingRound2TieOut",
    }
    refusal_schema = responses["422"]["content"]["application/json"]["schema"]
    assert refusal_schema["$ref"].endswith("/RulingErrorOut")
    assert "code" in schemas["RulingErrorOut"]["properties"]
