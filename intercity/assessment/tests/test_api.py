"""The self-assessment API: the instruments and sectoral modules anyone may read, a what-if
score that saves nothing, and what Seoul's officer, Makati's officer and the Secretariat do
with an assessment through it: start, save, submit, review, result and peer benchmark."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from intercity.assessment import services
from intercity.assessment.models import Assessment, Question, Review, Section
from intercity.assessment.tests.factories import AssessmentFactory
from intercity.assessment.tests.helpers import TODAY, answers, version_of
from intercity.network.models import Network, Organisation

pytestmark = pytest.mark.django_db

API = "/api/v1/assessment"
ASSESSMENTS = f"{API}/assessments"
CEDS_FACTORS = [
    "economic-stability",
    "social-stability",
    "it-service-industry",
    "diversity-accessibility",
    "information-strategy",
    "information-infrastructure",
    "information-usage",
    "information-effect",
]
STATUSES = ["none", "planned", "pilot", "operating"]
EVIDENCE_REQUIRED = ("STR-01", "INF-04", "USE-01")


def city(key: str) -> Organisation:
    return Organisation.objects.get(key=key)


def post(client: Client, url: str, payload: Any = None) -> Any:
    return client.post(url, payload or {}, content_type="application/json")


def patch(client: Client, url: str, payload: Any) -> Any:
    return client.patch(url, payload, content_type="application/json")


def score(client: Client, body: Any, slug: str = "ceds") -> Any:
    return post(client, f"{API}/instruments/{slug}/score", body)


def fields(response: Any) -> dict[str, str]:
    """The 422's problems as {field: message}."""
    return {item["field"]: item["message"] for item in response.json()["detail"]}


def start(client: Client, key: str = "seoul", **extra: Any) -> Any:
    return post(
        client,
        ASSESSMENTS,
        {
            "organisation": city(key).pk,
            "network": "wego",
            "instrument": "ceds",
            "year": 2026,
            **extra,
        },
    )


def started(client: Client, officer: Any) -> dict[str, Any]:
    """Seoul's officer starts Seoul's 2026 CeDS assessment through the API."""
    client.force_login(officer)
    response = start(client)
    assert response.status_code == 201, response.content
    body: dict[str, Any] = response.json()
    return body


def attach_required_evidence(actor: Any, assessment_id: int) -> None:
    # The API has no upload endpoint: evidence goes through the service (the pages use it).
    assessment = Assessment.objects.get(pk=assessment_id)
    for code in EVIDENCE_REQUIRED:
        services.attach_evidence(actor, assessment, code, link=f"https://seoul.example/{code}")


def accepted(staff: Any, key: str, best: bool, share: bool = False) -> Assessment:
    """A city's 2026 CeDS assessment, answered, submitted and accepted through the services."""
    return AssessmentFactory.create(
        actor=staff,
        organisation=city(key),
        answered="best" if best else "worst",
        share_with_peers=share,
        evidence=True,
        reviewed_by=staff,
    )


# --- The instruments and the sectoral modules (public) ------------------------------------------


def test_anyone_reads_both_instruments_with_their_sections_and_questions(client):
    response = client.get(f"{API}/instruments")
    assert response.status_code == 200
    found = {item["slug"]: item for item in response.json()}
    assert list(found) == ["ceds", "maturity-benchmark"]
    ceds = found["ceds"]
    assert ceds["version"] == 1
    assert ceds["effective_from"] == "2026-12-01"
    assert [s["slug"] for s in ceds["sections"]] == CEDS_FACTORS
    questions = [q for s in ceds["sections"] for q in s["questions"]]
    assert 100 <= len(questions) <= 104
    assert len({q["id"] for q in questions}) == len(questions)
    assert {q["type"] for q in questions} == {
        "scale",
        "yes-no",
        "single-choice",
        "multiple-choice",
        "number",
        "text",
    }
    first = questions[0]
    assert first["id"] == "ECO-01"
    assert first["type"] == "number"
    assert first["unit"] == "USD (PPP) per inhabitant"
    assert (first["min"], first["max"]) == ("0", "250000")
    assert first["weight"] == "1"
    assert first["required"] is True
    scale = next(q for q in questions if q["id"] == "ECO-06")
    assert scale["type"] == "scale"
    assert (scale["scale"]["min"], scale["scale"]["max"]) == (1, 5)
    strategy = next(q for q in questions if q["id"] == "STR-01")
    assert strategy["evidence"] == "required"
    assert [lv["name"] for lv in ceds["levels"]] == [
        "Foundational",
        "Developing",
        "Established",
        "Integrated",
        "Leading",
    ]
    assert [lv["min_score"] for lv in ceds["levels"]] == ["0", "20", "40", "60", "80"]
    assert ceds["statuses"] == STATUSES


def test_the_maturity_model_has_five_dimensions_and_no_system_statuses(client):
    found = {item["slug"]: item for item in client.get(f"{API}/instruments").json()}
    maturity = found["maturity-benchmark"]
    assert maturity["version"] == 1
    assert maturity["sets_targets"] is True
    assert found["ceds"]["sets_targets"] is False
    assert [s["name"] for s in maturity["sections"]] == [
        "Leadership and Governance",
        "Stakeholder Engagement and Citizen Focus",
        "Effective Use of Data",
        "Integrated ICT Infrastructure",
        "Existing Levels of Smartness",
    ]
    assert all(s["questions"] for s in maturity["sections"])
    assert maturity["statuses"] is None


def test_an_option_that_excludes_the_others_says_so(client):
    found = {item["slug"]: item for item in client.get(f"{API}/instruments").json()}
    questions = [q for s in found["ceds"]["sections"] for q in s["questions"]]
    soc09 = next(q for q in questions if q["id"] == "SOC-09")
    none = next(o for o in soc09["options"] if o["value"] == "none")
    # The rules refuse "none" with another option; the client must be told.
    best = answers("ceds")
    combined = score(client, {"answers": {**best, "SOC-09": ["none", best["SOC-09"][0]]}})
    assert combined.status_code == 422
    assert none.get("exclusive") is True


def test_a_weight_of_ten_is_written_as_ten(client, secretariat):
    today = timezone.localdate()
    draft = services.draft_new_version(secretariat, version_of("ceds"), today, "Heavier GDP")
    Question.objects.filter(section__version=draft, code="ECO-01").update(weight=10)
    Section.objects.filter(version=draft, slug="economic-stability").update(weight=20)
    services.publish_version(secretariat, draft)
    found = {item["slug"]: item for item in client.get(f"{API}/instruments").json()}
    ceds = found["ceds"]
    assert ceds["version"] == draft.number
    assert ceds["sections"][0]["questions"][0]["weight"] == "10"
    assert ceds["sections"][0]["weight"] == "20"


def test_anyone_reads_the_twelve_sectoral_modules_of_seed_001_in_order(client):
    response = client.get(f"{API}/sectoral-modules")
    assert response.status_code == 200
    modules = response.json()
    assert [m["name"] for m in modules] == [
        "Administration Information System",
        "Spatial Data Infrastructure",
        "Urban Monitoring System",
        "Urban Planning Information",
        "Mobile City Government",
        "Call Center System",
        "Bus Information System",
        "Groupware Management System",
        "e-Procurement",
        "Underground Facility System",
        "e-Archive System",
        "Emergency Rescue System",
    ]
    assert [m["number"] for m in modules] == list(range(1, 13))
    first = modules[0]
    assert first["slug"] == "administration-information-system"
    assert first["related_factors"] == ["information-strategy", "information-usage"]
    assert first["group"] == "e-public-administration"
    assert first["guideline"]["steps"][0]["title"] == "Set up governance"
    assert first["guideline"]["duration"].startswith("12-18 months")
    for module in modules:
        assert module["summary"]
        assert {"purpose", "steps", "indicators", "risks"} <= set(module["guideline"])


# --- What-if scoring (public, saves nothing) ------------------------------------------------


def test_the_best_answers_score_100_at_level_5_factor_by_factor(client):
    response = score(client, {"answers": answers("ceds"), "systems": {}})
    assert response.status_code == 200
    body = response.json()
    assert body["instrument"] == "ceds"
    assert body["version"] == 1
    assert (body["score"], body["score_exact"]) == ("100.0", "100/1")
    assert (body["level"], body["level_name"]) == (5, "Leading")
    assert body["factor_scores"] == dict.fromkeys(CEDS_FACTORS, "100.0")
    assert body["factor_levels"] == dict.fromkeys(CEDS_FACTORS, 5)
    assert body["explanation"].startswith("Overall score = (1 x 100.0 + 1 x 100.0")
    assert body["explanation"].endswith(
        "level 5 (Leading), which starts at 80.0; this is the highest level."
    )
    # A level-5 city is expected to operate all twelve modules; it reported none.
    assert len(body["recommendations"]) == 12
    assert {g["expected"] for g in body["gaps"]} == {"operating"}


def test_a_leading_city_that_operates_every_system_has_no_gap(client):
    modules = [m["slug"] for m in client.get(f"{API}/sectoral-modules").json()]
    body = score(
        client, {"answers": answers("ceds"), "systems": dict.fromkeys(modules, "operating")}
    ).json()
    assert body["level"] == 5
    assert body["gaps"] == []
    assert body["recommendations"] == []


def test_the_worst_answers_give_level_1_and_recommendations_in_priority_order(client):
    response = score(client, {"answers": answers("ceds", best=False)})
    assert response.status_code == 200
    body = response.json()
    assert (body["level"], body["level_name"]) == (1, "Foundational")
    assert 0 < float(body["score"]) < 1
    recommendations = body["recommendations"]
    assert [r["priority"] for r in recommendations] == list(range(1, len(recommendations) + 1))
    # Nothing is overdue at the lowest level: the first tier is what level 1 itself expects.
    assert recommendations[0]["tier"] == "expected"
    assert {r["module"] for r in recommendations[:2]} == {
        "administration-information-system",
        "groupware-management-system",
    }
    # Level 1 expects three modules; level 2's further three come after them, to move up.
    assert [r["tier"] for r in recommendations] == ["expected"] * 3 + ["next-level"] * 3
    assert {g["module"]: g["expected"] for g in body["gaps"]} == {
        "administration-information-system": "pilot",
        "groupware-management-system": "pilot",
        "call-center-system": "planned",
    }
    assert recommendations[0]["reason"].startswith("Expected pilot from level 1 (Foundational)")


def test_an_invalid_answer_and_missing_ones_are_a_422_naming_each_question(client):
    given = answers("ceds")
    del given["ECO-01"], given["INF-02"]
    given["ECO-06"] = 9
    response = score(client, {"answers": given})
    assert response.status_code == 422
    assert fields(response) == {
        "answers.ECO-01": "this question is required",
        "answers.ECO-06": "choose from 1 to 5",
        "answers.INF-02": "this question is required",
    }


def test_an_unknown_question_is_named_too(client):
    response = score(client, {"answers": {**answers("ceds"), "ECO-99": 3}})
    assert response.status_code == 422
    assert fields(response) == {"answers.ECO-99": "not a question of this instrument version"}


def test_an_unknown_instrument_is_a_404_naming_the_known_ones(client):
    response = score(client, {"answers": {}}, slug="cmmi")
    assert response.status_code == 404
    assert response.json()["detail"] == (
        "No instrument 'cmmi'. Known instruments: ceds, maturity-benchmark."
    )


def test_an_unknown_system_status_or_module_is_a_422_naming_the_system(client):
    response = score(
        client,
        {
            "answers": answers("ceds"),
            "systems": {"e-procurement": "finished", "teleporter": "operating"},
        },
    )
    assert response.status_code == 422
    assert fields(response) == {
        "systems.e-procurement": "choose one of: none, planned, pilot, operating",
        "systems.teleporter": "not a sectoral module",
    }


def test_systems_for_the_maturity_model_are_refused_under_the_field_systems(client):
    response = score(
        client,
        {"answers": answers("maturity-benchmark"), "systems": {"e-procurement": "operating"}},
        slug="maturity-benchmark",
    )
    assert response.status_code == 422
    assert fields(response) == {"systems": "this instrument records no sectoral systems"}


def test_scoring_saves_nothing(client, seoul_officer):
    client.force_login(seoul_officer)
    before = Assessment.objects.count()
    assert score(client, {"answers": answers("ceds")}).status_code == 200
    assert score(client, {"answers": {"ECO-01": "x"}}).status_code == 422
    assert Assessment.objects.count() == before
    assert before == 0


# --- A city's assessment: who may do what ----------------------------------------------------


def test_anonymous_callers_get_401_on_every_assessment_endpoint(client, seoul_officer):
    assessment = services.start_assessment(
        seoul_officer, city("seoul"), Network.objects.get(slug="wego"), "ceds", 2026, today=TODAY
    )
    one = f"{ASSESSMENTS}/{assessment.pk}"
    calls = [
        client.get(ASSESSMENTS),
        start(client),
        client.get(one),
        patch(client, one, {"answers": {"ECO-01": "30000"}}),
        post(client, f"{one}/submit"),
        post(client, f"{one}/review", {"verdict": "accepted"}),
        client.get(f"{one}/result"),
        client.get(f"{one}/benchmark"),
    ]
    assert [r.status_code for r in calls] == [401] * len(calls)
    assert {r.json()["detail"] for r in calls} == {"Authentication required."}
    assessment.refresh_from_db()
    assert assessment.answers == {}
    assert Assessment.objects.count() == 1


def test_seouls_officer_starts_a_draft_for_seoul(client, seoul_officer):
    body = started(client, seoul_officer)
    assert body["organisation"]["id"] == city("seoul").pk
    assert body["organisation"]["name"] == "Seoul"
    assert body["network"] == "wego"
    assert body["instrument"] == "ceds"
    assert body["version"] == 1
    assert body["year"] == 2026
    assert body["status"] == "draft"
    assert body["answers"] == {}
    assert body["level"] is None
    assert (body["reviews"], body["evidence"]) == ([], [])
    saved = Assessment.objects.get(pk=body["id"])
    assert saved.created_by == seoul_officer


def test_the_same_city_instrument_and_year_cannot_be_started_twice(client, seoul_officer):
    started(client, seoul_officer)
    again = start(client)
    assert again.status_code == 409
    assert again.json()["detail"] == (
        "Seoul already has a City e-Government Diagnostic and Solution (CeDS) assessment for 2026."
    )
    assert Assessment.objects.filter(organisation__key="seoul").count() == 1


def test_a_year_a_network_or_a_city_that_does_not_fit_is_refused(client, secretariat):
    client.force_login(secretariat)
    future = start(client, year=timezone.localdate().year + 1)
    assert future.status_code == 400
    assert future.json()["detail"].startswith("Choose a year from ")
    ancient = start(client, year=1800)
    assert ancient.status_code == 422
    assert list(fields(ancient)) == ["body.payload.year"]
    elsewhere = start(client, network="atlantis")
    assert elsewhere.status_code == 404
    assert elsewhere.json()["detail"].startswith("No network with slug 'atlantis'.")
    Organisation.objects.create(key="nowhere", name="Nowhere")
    outsider = start(client, key="nowhere")
    assert outsider.status_code == 400
    assert outsider.json()["detail"] == "Nowhere is not a member of WeGO."
    assert Assessment.objects.count() == 0


def test_makatis_officer_can_neither_see_nor_start_seouls_assessment(
    client, seoul_officer, makati_officer, secretariat
):
    mine = started(client, seoul_officer)
    client.force_login(makati_officer)
    one = f"{ASSESSMENTS}/{mine['id']}"
    refused = client.get(one)
    assert refused.status_code == 403
    assert refused.json()["detail"] == (
        "Only the officers of Seoul and the Secretariat may see this assessment."
    )
    assert patch(client, one, {"answers": {"ECO-01": "1"}}).status_code == 403
    assert client.get(f"{one}/result").status_code == 403
    assert client.get(f"{one}/benchmark").status_code == 403
    assert client.get(ASSESSMENTS).json() == []
    assert start(client, year=2025).status_code == 403
    client.force_login(secretariat)
    assert [a["id"] for a in client.get(ASSESSMENTS).json()] == [mine["id"]]
    assert Assessment.objects.get(pk=mine["id"]).answers == {}


def test_an_assessment_that_does_not_exist_is_a_404(client, secretariat):
    client.force_login(secretariat)
    response = client.get(f"{ASSESSMENTS}/999999")
    assert response.status_code == 404
    assert response.json()["detail"] == "No assessment 999999."


def test_the_list_refuses_an_unknown_status(client, seoul_officer):
    mine = started(client, seoul_officer)
    assert [a["id"] for a in client.get(ASSESSMENTS, {"status": "draft"}).json()] == [mine["id"]]
    assert client.get(ASSESSMENTS, {"status": "accepted"}).json() == []
    response = client.get(ASSESSMENTS, {"status": "lost"})
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Unknown status; use one of draft, submitted")


# --- Saving a draft: all or nothing ---------------------------------------------------------


def test_saving_invalid_answers_is_a_422_listing_each_and_saves_nothing(client, seoul_officer):
    one = f"{ASSESSMENTS}/{started(client, seoul_officer)['id']}"
    first = patch(client, one, {"answers": {"ECO-01": "30000", "STR-05": "yes"}})
    assert first.status_code == 200
    assert first.json()["answers"] == {"ECO-01": "30000", "STR-05": True}
    refused = patch(
        client,
        one,
        {
            "answers": {"ECO-02": "-3", "ECO-03": "3", "NOPE-1": 1},
            "systems": {"e-procurement": "finished"},
        },
    )
    assert refused.status_code == 422
    assert refused.json()["detail"] == [
        {"field": "answers.NOPE-1", "message": "not a question of this instrument version"},
        {"field": "answers.ECO-02", "message": "enter at least 0 %"},
        {
            "field": "systems.e-procurement",
            "message": "choose one of: none, planned, pilot, operating",
        },
    ]
    after = client.get(one).json()
    assert after["answers"] == {"ECO-01": "30000", "STR-05": True}  # ECO-03 not half-saved
    assert after["systems"] == {}


def test_saving_valid_partial_answers_normalises_them(client, seoul_officer):
    one = f"{ASSESSMENTS}/{started(client, seoul_officer)['id']}"
    response = patch(
        client,
        one,
        {
            "answers": {"ECO-01": " 30,000 ", "ECO-06": "4", "SOC-06": "no"},
            "systems": {"call-center-system": "pilot"},
            "share_with_peers": True,
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert body["answers"] == {"ECO-01": "30000", "ECO-06": 4, "SOC-06": False}
    assert body["systems"]["call-center-system"] == "pilot"
    assert body["systems"]["e-procurement"] == "none"
    assert body["share_with_peers"] is True
    assert body["status"] == "draft"
    cleared = patch(client, one, {"answers": {"ECO-06": None, "SOC-06": ""}})
    assert cleared.json()["answers"] == {"ECO-01": "30000"}


def test_a_drafts_result_is_scored_from_what_is_answered_so_far(client, seoul_officer):
    one = f"{ASSESSMENTS}/{started(client, seoul_officer)['id']}"
    empty = client.get(f"{one}/result")
    assert empty.status_code == 200
    assert empty.json()["score"] is None
    assert empty.json()["level"] is None
    assert empty.json()["explanation"] == "Not enough answers for an overall score."
    patch(client, one, {"answers": {"ECO-01": "30000", "STR-05": "yes"}})
    body = client.get(f"{one}/result").json()
    # ECO-01: 30,000 is in the 25,000-45,000 band, 3/4; STR-05 yes is 1. Information strategy
    # weighs 3/2 against economic stability's 1.
    assert body["factor_scores"]["economic-stability"] == "75.0"
    assert body["factor_scores"]["information-strategy"] == "100.0"
    assert body["factor_scores"]["social-stability"] is None
    assert body["score"] == "90.0"
    assert body["score_exact"] == "90/1"
    assert body["explanation"].startswith(
        "Overall score = (1 x 75.0 + 3/2 x 100.0) / (1 + 3/2) = 90.0"
    )
    # Nothing is kept until submission.
    assert Assessment.objects.get(pk=int(one.rsplit("/", 1)[1])).result == {}


# --- Submission and review -------------------------------------------------------------------


def test_submitting_with_missing_answers_is_a_422_naming_them_and_the_missing_evidence(
    client, seoul_officer
):
    one = f"{ASSESSMENTS}/{started(client, seoul_officer)['id']}"
    partial = answers("ceds")
    del partial["ECO-01"], partial["INF-02"]
    assert patch(client, one, {"answers": partial}).status_code == 200
    refused = post(client, f"{one}/submit")
    assert refused.status_code == 422
    assert fields(refused) == {
        "answers.ECO-01": "this question is required",
        "answers.INF-02": "this question is required",
        **{
            f"answers.{code}": "this question requires evidence: attach a document or a link"
            for code in EVIDENCE_REQUIRED
        },
    }
    assert client.get(one).json()["status"] == "draft"


def test_submitting_without_the_required_evidence_names_each_question(client, seoul_officer):
    one = f"{ASSESSMENTS}/{started(client, seoul_officer)['id']}"
    patch(client, one, {"answers": answers("ceds")})
    refused = post(client, f"{one}/submit")
    assert refused.status_code == 422
    assert fields(refused) == {
        f"answers.{code}": "this question requires evidence: attach a document or a link"
        for code in EVIDENCE_REQUIRED
    }


def test_the_whole_review_cycle_from_draft_to_accepted(client, seoul_officer, secretariat):
    mine = started(client, seoul_officer)
    one = f"{ASSESSMENTS}/{mine['id']}"
    assert patch(client, one, {"answers": answers("ceds")}).status_code == 200
    attach_required_evidence(seoul_officer, mine["id"])

    submitted = post(client, f"{one}/submit")
    assert submitted.status_code == 200
    body = submitted.json()
    assert body["status"] == "submitted"
    assert body["level"] == 5
    assert body["submitted_at"] is not None
    assert sorted(e["question"] for e in body["evidence"]) == sorted(EVIDENCE_REQUIRED)
    assert body["evidence"][0]["link"].startswith("https://seoul.example/")
    kept = client.get(f"{one}/result").json()
    assert (kept["score"], kept["level"]) == ("100.0", 5)

    locked = patch(client, one, {"answers": {"ECO-01": "1000"}})
    assert locked.status_code == 409
    assert locked.json()["detail"] == (
        "This assessment is submitted for review and cannot be changed."
    )
    assert client.get(one).json()["answers"]["ECO-01"] == answers("ceds")["ECO-01"]

    own_review = post(client, f"{one}/review", {"verdict": "accepted"})
    assert own_review.status_code == 403
    assert own_review.json()["detail"] == "Only Secretariat staff may review an assessment."

    client.force_login(secretariat)
    silent = post(client, f"{one}/review", {"verdict": "returned"})
    assert silent.status_code == 400
    assert silent.json()["detail"] == (
        "Say what the city should change when returning an assessment."
    )
    assert Review.objects.count() == 0
    returned = post(
        client, f"{one}/review", {"verdict": "returned", "comment": "Attach the 2025 strategy."}
    )
    assert returned.status_code == 200
    assert returned.json()["status"] == "returned"
    assert returned.json()["level"] is None
    assert [(r["verdict"], r["comment"]) for r in returned.json()["reviews"]] == [
        ("returned", "Attach the 2025 strategy.")
    ]

    client.force_login(seoul_officer)
    assert patch(client, one, {"answers": {"STR-02": "Digital Seoul 2030"}}).status_code == 200
    again = post(client, f"{one}/submit")
    assert again.status_code == 200
    assert again.json()["status"] == "submitted"

    client.force_login(secretariat)
    done = post(client, f"{one}/review", {"verdict": "accepted", "comment": "Thank you."})
    assert done.status_code == 200
    body = done.json()
    assert body["status"] == "accepted"
    assert body["decided_at"] is not None
    assert [r["verdict"] for r in body["reviews"]] == ["returned", "accepted"]
    twice = post(client, f"{one}/review", {"verdict": "accepted"})
    assert twice.status_code == 409

    client.force_login(seoul_officer)
    duplicate = start(client)
    assert duplicate.status_code == 409
    assert Assessment.objects.filter(organisation__key="seoul").count() == 1


def test_an_unknown_verdict_is_refused(client, seoul_officer, secretariat):
    one = f"{ASSESSMENTS}/{started(client, seoul_officer)['id']}"
    client.force_login(secretariat)
    response = post(client, f"{one}/review", {"verdict": "maybe"})
    assert response.status_code == 400
    assert response.json()["detail"] == "Unknown verdict “maybe”; use accepted or returned."
    draft = post(client, f"{one}/review", {"verdict": "accepted"})
    assert draft.status_code == 409
    assert draft.json()["detail"].startswith("Only a submitted assessment can be reviewed")


def test_a_review_comment_with_a_nul_character_is_refused(client, seoul_officer, secretariat):
    mine = started(client, seoul_officer)
    one = f"{ASSESSMENTS}/{mine['id']}"
    patch(client, one, {"answers": answers("ceds")})
    attach_required_evidence(seoul_officer, mine["id"])
    assert post(client, f"{one}/submit").status_code == 200
    client.force_login(secretariat)
    response = post(client, f"{one}/review", {"verdict": "returned", "comment": "Fix\u0000this"})
    # Refused before the handler (core.middleware), naming the field.
    assert response.status_code == 400
    assert response.json()["detail"][0]["field"] == "body.comment"
    # (PostgreSQL cannot even search for a NUL, so count the reviews instead.)
    assert not Review.objects.filter(assessment_id=mine["id"]).exists()


# --- Peer benchmark ------------------------------------------------------------------------------


def test_with_fewer_than_three_peers_the_aggregates_are_withheld(
    client, secretariat, seoul_officer
):
    mine = accepted(secretariat, "seoul", best=True)
    accepted(secretariat, "makati", best=False, share=True)
    accepted(secretariat, "goyang", best=False)
    client.force_login(seoul_officer)
    response = client.get(f"{ASSESSMENTS}/{mine.pk}/benchmark")
    assert response.status_code == 200
    body = response.json()
    assert body["peer_count"] == 2
    assert body["minimum_peers"] == 3
    assert body["basis"].startswith("cities of ")
    assert "aggregates are shown for 3 or more" in body["withheld"]
    assert body["withheld"].startswith("2 peers among cities of ")
    assert [line["section"] for line in body["lines"]] == CEDS_FACTORS
    assert all(line["peers"] is None for line in body["lines"])
    assert all(line["percentile"] is None for line in body["lines"])
    assert {line["own"] for line in body["lines"]} == {"100.0"}
    assert [p["name"] for p in body["named_peers"]] == ["Makati"]


def test_with_three_peers_the_benchmark_gives_median_and_quartiles(
    client, secretariat, seoul_officer
):
    mine = accepted(secretariat, "seoul", best=True)
    accepted(secretariat, "makati", best=False, share=True)
    accepted(secretariat, "goyang", best=False, share=True)
    accepted(secretariat, "jakarta", best=True, share=True)
    client.force_login(seoul_officer)
    body = client.get(f"{ASSESSMENTS}/{mine.pk}/benchmark").json()
    assert body["peer_count"] == 3
    assert body["withheld"] == ""
    line = body["lines"][0]
    assert line["section"] == "economic-stability"
    # Peers score 0, 0 and 100 on economic stability (QUARTILE.INC: h = (n - 1) p).
    assert line["peers"] == {
        "count": 3,
        "minimum": "0.0",
        "lower_quartile": "0.0",
        "median": "0.0",
        "upper_quartile": "50.0",
        "maximum": "100.0",
    }
    assert line["own"] == "100.0"
    assert line["percentile"] == "83.3"  # two below, one equal counting half, of three
    assert line["position"] == "in the top quarter of the peers"
    named = body["named_peers"]
    assert [p["name"] for p in named] == ["Goyang", "Jakarta", "Makati"]
    assert [p["level"] for p in named] == [1, 5, 1]
    assert named[1]["scores"] == dict.fromkeys(CEDS_FACTORS, "100.0")
    assert "answers" not in named[1]


def test_a_benchmark_against_chosen_cities(client, secretariat, seoul_officer):
    mine = accepted(secretariat, "seoul", best=True)
    accepted(secretariat, "makati", best=False, share=True)
    accepted(secretariat, "goyang", best=False)
    client.force_login(seoul_officer)
    chosen = client.get(
        f"{ASSESSMENTS}/{mine.pk}/benchmark",
        {"by": "cities", "cities": f"{city('makati').pk},{city('goyang').pk}"},
    ).json()
    assert chosen["basis"] == "cities chosen by name that share their results"
    assert chosen["peer_count"] == 1  # Makati; Goyang does not share
    assert [p["name"] for p in chosen["named_peers"]] == ["Makati"]
    nobody = client.get(f"{ASSESSMENTS}/{mine.pk}/benchmark", {"by": "cities"})
    assert nobody.status_code == 400
    assert nobody.json()["detail"] == "Choose at least one city to compare with."


def test_a_city_that_does_not_share_cannot_be_read_off_a_list_of_chosen_cities(
    client, secretariat, makati_officer
):
    """The issue's case: Makati chose Da Nang (not sharing), Jakarta and Seoul (sharing);
    the minimum and maximum beside the two named scores gave Da Nang's away."""
    mine = accepted(secretariat, "makati", best=False)
    accepted(secretariat, "da-nang", best=True)
    accepted(secretariat, "jakarta", best=False, share=True)
    accepted(secretariat, "seoul", best=False, share=True)
    client.force_login(makati_officer)
    url = f"{ASSESSMENTS}/{mine.pk}/benchmark"
    ids = {key: city(key).pk for key in ("da-nang", "jakarta", "seoul")}
    body = client.get(
        url, {"by": "cities", "cities": f"{ids['da-nang']},{ids['jakarta']},{ids['seoul']}"}
    ).json()
    assert body["peer_count"] == 2
    assert all(line["peers"] is None for line in body["lines"])
    assert all(line["percentile"] is None for line in body["lines"])
    assert [p["name"] for p in body["named_peers"]] == ["Jakarta", "Seoul"]
    # Differencing: the list with and without Da Nang answers the same.
    without = client.get(url, {"by": "cities", "cities": f"{ids['jakarta']},{ids['seoul']}"})
    assert without.json()["lines"] == body["lines"]


def test_the_list_of_chosen_cities_is_bounded_in_length(client, seoul_officer):
    mine = started(client, seoul_officer)
    url = f"{ASSESSMENTS}/{mine['id']}/benchmark"
    many = client.get(url, {"by": "cities", "cities": ",".join(str(i) for i in range(1, 202))})
    assert many.status_code == 400
    assert many.json()["detail"] == "cities: choose at most 200 cities."
    huge = client.get(url, {"by": "cities", "cities": "9223372036854775808"})
    assert huge.status_code == 400
    zero = client.get(url, {"by": "cities", "cities": "0"})
    assert zero.status_code == 400


def test_a_benchmark_basis_or_city_list_that_makes_no_sense_is_a_400(client, seoul_officer):
    mine = started(client, seoul_officer)
    url = f"{ASSESSMENTS}/{mine['id']}/benchmark"
    nonsense = client.get(url, {"by": "nonsense"})
    assert nonsense.status_code == 400
    assert nonsense.json()["detail"] == "Compare by one of: region, population, cities, all."
    letters = client.get(url, {"by": "cities", "cities": "abc"})
    assert letters.status_code == 400
    assert letters.json()["detail"] == "cities: 'abc' is not an organisation id."
    too_long = client.get(url, {"by": "cities", "cities": "123456789012345678901"})
    assert too_long.status_code == 400
    assert too_long.json()["detail"] == "cities: '12345678901234567890' is not an organisation id."


def test_a_superscript_digit_in_the_city_list_is_a_400(seoul_officer):
    client = Client(raise_request_exception=False)
    mine = started(client, seoul_officer)
    response = client.get(f"{ASSESSMENTS}/{mine['id']}/benchmark", {"by": "cities", "cities": "²"})
    assert response.status_code == 400


# --- What a fuzzer sends ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"$gt": 1}, "choose a whole number from 1 to 5"),
        ([3], "choose a whole number from 1 to 5"),
        ("9" * 5000, "choose a whole number from 1 to 5"),
        ("9" * 40, "choose from 1 to 5"),
        (3.5, "choose a whole number from 1 to 5"),
        (True, "choose a whole number from 1 to 5"),
    ],
    ids=["object", "list", "5000-digits", "40-digits", "fraction", "boolean"],
)
def test_a_malformed_scale_answer_is_a_422_not_a_500(client, value, message):
    response = score(client, {"answers": {**answers("ceds"), "ECO-06": value}})
    assert response.status_code == 422
    assert fields(response) == {"answers.ECO-06": message}


@pytest.mark.parametrize(
    "value",
    [{"a": {"b": []}}, "1e999999999999999999999999", "NaN", "-Infinity", "12 apples"],
    ids=["object", "beyond-decimal", "nan", "infinity", "words"],
)
def test_a_malformed_number_answer_is_a_422_not_a_500(client, value):
    response = score(client, {"answers": {**answers("ceds"), "ECO-02": value}})
    assert response.status_code == 422
    assert fields(response) == {"answers.ECO-02": "enter a number"}


def test_a_text_answer_with_a_nul_character_is_a_400_naming_the_answer(client, seoul_officer):
    # Refused before the handler (core.middleware), naming where in the body it is.
    response = score(client, {"answers": {**answers("ceds"), "STR-02": "Digital\u0000Seoul"}})
    assert response.status_code == 400
    assert response.json()["detail"][0]["field"] == "body.answers.STR-02"
    one = f"{ASSESSMENTS}/{started(client, seoul_officer)['id']}"
    saved = patch(client, one, {"answers": {"STR-02": "Digital\u0000Seoul"}})
    assert saved.status_code == 400
    assert saved.json()["detail"][0]["field"] == "body.answers.STR-02"
    assert client.get(one).json()["answers"] == {}


def test_a_text_answer_over_5000_characters_is_a_422(client):
    response = score(client, {"answers": {**answers("ceds"), "STR-02": "x" * 5001}})
    assert response.status_code == 422
    assert fields(response) == {"answers.STR-02": "write at most 5,000 characters"}


def test_choices_outside_the_options_are_a_422(client):
    best = answers("ceds")
    response = score(
        client,
        {
            "answers": {
                **best,
                "ECO-05": {"value": "x"},
                "SOC-09": ["none", best["SOC-09"][0]],
                "ECO-08": [True],
            }
        },
    )
    assert response.status_code == 422
    problems = fields(response)
    assert set(problems) == {"answers.ECO-05", "answers.SOC-09", "answers.ECO-08"}
    assert problems["answers.ECO-05"].startswith("choose one of: ")
    assert problems["answers.SOC-09"].endswith("cannot be combined with other options")
    assert problems["answers.ECO-08"] == "answer yes or no"


def test_a_body_that_is_not_json_or_not_an_object_is_refused(client):
    broken = client.post(
        f"{API}/instruments/ceds/score", "{not json", content_type="application/json"
    )
    assert broken.status_code == 400
    assert broken.json()["detail"].startswith("Cannot parse request body")
    wrong = score(client, {"answers": ["ECO-01"]})
    assert wrong.status_code == 422
    assert fields(wrong).keys() == {"body.payload.answers"}


def test_a_json_integer_of_5000_digits_is_a_400_not_a_500(client):
    body = '{"answers": {"ECO-06": ' + "9" * 5000 + "}}"
    response = client.post(f"{API}/instruments/ceds/score", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Cannot parse request body")


def test_a_target_too_large_for_a_float_is_a_422(seoul_officer):
    client = Client(raise_request_exception=False)
    one = f"{ASSESSMENTS}/{started(client, seoul_officer)['id']}"
    body = '{"targets": {"economic-stability": 1e400}, "target_year": 2029}'
    response = client.patch(one, body, content_type="application/json")
    assert response.status_code == 422
    assert fields(response).keys() == {"targets.economic-stability"}


def test_an_object_given_for_a_text_answer_is_a_422(client):
    response = score(client, {"answers": {**answers("ceds"), "STR-02": {"a": 1}}})
    assert response.status_code == 422
    assert fields(response).keys() == {"answers.STR-02"}


def test_a_huge_assessment_id_in_the_path_is_a_404(client, secretariat):
    client.force_login(secretariat)
    response = client.get(f"{ASSESSMENTS}/{10**30}")
    assert response.status_code == 404
    assert response.json()["detail"] == f"No assessment {10**30}."


def test_instruments_and_modules_say_they_were_written_for_the_platform(client):
    for item in client.get(f"{API}/instruments").json():
        assert item["authored_by"] == "platform"
        assert item["authorship"].startswith("Written for this platform")
    modules = client.get(f"{API}/sectoral-modules").json()
    assert {m["authored_by"] for m in modules} == {"platform"}
    assert "implementation guidelines" in modules[0]["authorship"]
