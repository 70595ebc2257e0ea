"""What Seoul's and Makati's officers and the Secretariat do with assessments: start, save,
submit, review; versions frozen once published; evidence; history; benchmarks that keep
other cities private; the network's common challenges."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from intercity.assessment import results, rules, services
from intercity.assessment.models import (
    Assessment,
    FrozenVersion,
    InstrumentVersion,
    Question,
    Section,
)
from intercity.assessment.tests.helpers import TODAY, answers, graded, version_of
from intercity.core.audit import history_of
from intercity.core.errors import DomainError, PermissionDenied
from intercity.network.models import Network, Organisation

pytestmark = pytest.mark.django_db


def city(key):
    return Organisation.objects.get(key=key)


def start(actor, key="seoul", slug="ceds", year=2026):
    return services.start_assessment(
        actor, city(key), Network.objects.get(slug="wego"), slug, year, today=TODAY
    )


def complete(actor, assessment, best=True, **extra):
    services.save_answers(
        actor, assessment, answers=answers(assessment.instrument.slug, best), **extra
    )
    for code in ("STR-01", "INF-04", "USE-01"):
        if assessment.instrument.slug == "ceds":
            services.attach_evidence(actor, assessment, code, link=f"https://seoul.example/{code}")
    return assessment


# --- The seeded instruments ------------------------------------------------------------------


def test_ceds_has_about_a_hundred_questions_on_the_eight_factors_of_seed_001():
    instrument = services.instrument_rules(version_of("ceds"))
    assert [s.slug for s in instrument.sections] == [
        "economic-stability",
        "social-stability",
        "it-service-industry",
        "diversity-accessibility",
        "information-strategy",
        "information-infrastructure",
        "information-usage",
        "information-effect",
    ]
    assert 100 <= len(list(instrument.questions())) <= 104
    assert rules.instrument_problems(instrument) == []


def test_the_maturity_model_has_the_five_dimensions_of_seed_003():
    instrument = services.instrument_rules(version_of("maturity-benchmark"))
    assert [s.name for s in instrument.sections] == [
        "Leadership and Governance",
        "Stakeholder Engagement and Citizen Focus",
        "Effective Use of Data",
        "Integrated ICT Infrastructure",
        "Existing Levels of Smartness",
    ]


def test_the_best_answers_give_the_top_level_and_the_worst_the_bottom():
    version = version_of("ceds")
    best = services.evaluate(version, answers("ceds", best=True))
    worst = services.evaluate(version, answers("ceds", best=False))
    assert best.result.score == 100
    assert best.result.level.level == 5
    # Population growth (SOC-01) scores 1/4 even at its worst: decline and fast growth both
    # weigh on a city, neither is nothing.
    assert 0 < worst.result.score < 1
    assert worst.result.level.level == 1


def test_a_level_one_city_without_systems_is_told_to_start_with_the_back_office():
    evaluation = services.evaluate(version_of("ceds"), answers("ceds", best=False))
    first = [r.module for r in evaluation.recommendations[:2]]
    # Seed 001's list puts the Administration Information System first; our matrix expects it
    # and groupware (both piloted) at level 1.
    assert set(first) == {"administration-information-system", "groupware-management-system"}
    assert [r.priority for r in evaluation.recommendations] == list(
        range(1, len(evaluation.recommendations) + 1)
    )


# --- Versions --------------------------------------------------------------------------------


def test_a_published_version_is_frozen(secretariat):
    version = version_of("ceds")
    section = Section.objects.filter(version=version).first()
    section.name = "Changed"
    with pytest.raises(FrozenVersion):
        section.save()
    question = Question.objects.filter(section__version=version).first()
    with pytest.raises(FrozenVersion):
        question.delete()
    version.notes = "edited"
    with pytest.raises(FrozenVersion):
        version.save()


def test_a_change_is_a_new_draft_version_that_staff_edit_and_publish(secretariat):
    version = version_of("ceds")
    draft = services.draft_new_version(secretariat, version, dt.date(2027, 1, 1), "Fewer questions")
    assert draft.number == version.number + 1
    assert draft.state == InstrumentVersion.State.DRAFT
    assert (
        Question.objects.filter(section__version=draft).count()
        == Question.objects.filter(section__version=version).count()
    )
    edited = Question.objects.filter(section__version=draft, code="ECO-01").get()
    edited.text = "What is the GDP per inhabitant (PPP)?"
    edited.save()  # drafts may change
    services.publish_version(secretariat, draft)
    draft.refresh_from_db()
    assert draft.published
    # In force only from its date; the old version still answers before then.
    assert services.current_version(version.instrument, TODAY) == version
    assert services.current_version(version.instrument, dt.date(2027, 1, 1)) == draft


def test_a_broken_draft_cannot_be_published_and_only_staff_publish(secretariat, seoul_officer):
    version = version_of("maturity-benchmark")
    with pytest.raises(PermissionDenied):
        services.draft_new_version(seoul_officer, version, dt.date(2027, 1, 1))
    draft = services.draft_new_version(secretariat, version, dt.date(2027, 1, 1))
    Question.objects.filter(section__version=draft, section__slug="effective-use-of-data").update(
        required=False
    )
    with pytest.raises(DomainError, match="effective-use-of-data: it needs at least one required"):
        services.publish_version(secretariat, draft)


# --- Starting, saving, submitting ------------------------------------------------------------


def test_an_officer_starts_their_own_citys_assessment_once_a_year(seoul_officer, makati_officer):
    assessment = start(seoul_officer)
    assert assessment.status == Assessment.Status.DRAFT
    assert assessment.version == version_of("ceds")
    with pytest.raises(DomainError, match="already has a") as refused:
        start(seoul_officer)
    assert refused.value.status_code == 409
    with pytest.raises(PermissionDenied):
        start(makati_officer, "seoul", year=2025)


def test_a_city_outside_the_network_or_a_future_year_is_refused(secretariat):
    outsider = Organisation.objects.create(key="nowhere", name="Nowhere")
    with pytest.raises(DomainError, match="is not a member of WeGO"):
        start(secretariat, "nowhere")
    with pytest.raises(DomainError, match="Choose a year from 2016 to 2026"):
        start(secretariat, year=2027)
    assert not Assessment.objects.filter(organisation=outsider).exists()


def test_saving_a_draft_is_all_or_nothing_and_names_each_problem(seoul_officer):
    assessment = start(seoul_officer)
    services.save_answers(seoul_officer, assessment, answers={"ECO-01": "30000", "STR-05": "yes"})
    with pytest.raises(services.AnswerProblems) as refused:
        services.save_answers(
            seoul_officer,
            assessment,
            answers={"ECO-02": "-3", "ECO-03": "3", "NOPE-1": 1},
            systems={"e-procurement": "finished"},
        )
    assert {p.code for p in refused.value.problems} == {"ECO-02", "NOPE-1", "systems.e-procurement"}
    assert {d["field"] for d in refused.value.details} == {
        "answers.ECO-02",
        "answers.NOPE-1",
        "systems.e-procurement",
    }
    assessment.refresh_from_db()
    assert assessment.answers == {"ECO-01": "30000", "STR-05": True}  # ECO-03 not half-saved


def test_an_empty_value_clears_an_answer(seoul_officer):
    assessment = start(seoul_officer)
    services.save_answers(seoul_officer, assessment, answers={"ECO-01": "30000"})
    services.save_answers(seoul_officer, assessment, answers={"ECO-01": ""})
    assessment.refresh_from_db()
    assert assessment.answers == {}


def test_submitting_names_every_unanswered_required_question_and_missing_evidence(seoul_officer):
    assessment = start(seoul_officer)
    partial = answers("ceds")
    del partial["ECO-01"], partial["INF-02"]
    services.save_answers(seoul_officer, assessment, answers=partial)
    with pytest.raises(services.AnswerProblems) as refused:
        services.submit(seoul_officer, assessment)
    problems = {p.code: p.message for p in refused.value.problems}
    assert problems["ECO-01"] == "this question is required"
    assert problems["INF-02"] == "this question is required"
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.DRAFT
    services.save_answers(seoul_officer, assessment, answers=answers("ceds"))
    with pytest.raises(services.AnswerProblems) as refused:
        services.submit(seoul_officer, assessment)
    assert {p.code for p in refused.value.problems} == {"STR-01", "INF-04", "USE-01"}


def test_a_submitted_assessment_keeps_its_result_and_cannot_be_changed(seoul_officer):
    assessment = complete(seoul_officer, start(seoul_officer), best=True)
    services.submit(seoul_officer, assessment)
    assert assessment.status == Assessment.Status.SUBMITTED
    assert assessment.level == 5
    assert assessment.result["score"] == "100/1"
    assert "Overall score" in assessment.result["explanation"]
    with pytest.raises(DomainError, match="submitted for review and cannot be changed"):
        services.save_answers(seoul_officer, assessment, answers={"ECO-01": "1"})
    verbs = {e.verb for e in history_of(assessment)}
    assert {"start_assessment", "begin_answering", "attach_evidence", "submit_assessment"} <= verbs


def test_the_maturity_model_needs_targets_two_to_five_years_ahead(seoul_officer):
    assessment = start(seoul_officer, slug="maturity-benchmark")
    services.save_answers(
        seoul_officer, assessment, answers=answers("maturity-benchmark", best=False)
    )
    with pytest.raises(services.AnswerProblems) as refused:
        services.submit(seoul_officer, assessment)
    assert "targets.leadership-governance" in {p.code for p in refused.value.problems}
    with pytest.raises(services.AnswerProblems) as refused:
        services.save_answers(
            seoul_officer, assessment, targets={"leadership-governance": 3}, target_year=2027
        )
    assert refused.value.problems[0].code == "target_year"
    targets = {
        "leadership-governance": 3,
        "stakeholder-engagement": 2,
        "effective-use-of-data": 2,
        "integrated-ict-infrastructure": 2,
        "existing-smartness": 2,
    }
    services.save_answers(seoul_officer, assessment, targets=targets, target_year=2029)
    services.submit(seoul_officer, assessment)
    assert assessment.status == Assessment.Status.SUBMITTED
    assert assessment.targets["leadership-governance"] == 3


def test_a_target_below_the_current_level_is_refused_at_submission(seoul_officer):
    assessment = start(seoul_officer, slug="maturity-benchmark")
    services.save_answers(
        seoul_officer, assessment, answers=answers("maturity-benchmark", best=True)
    )
    sections = [s.slug for s in services.instrument_rules(assessment.version).sections]
    services.save_answers(
        seoul_officer, assessment, targets=dict.fromkeys(sections, 4), target_year=2030
    )
    with pytest.raises(services.AnswerProblems) as refused:
        services.submit(seoul_officer, assessment)
    assert {p.message for p in refused.value.problems} == {
        "a target cannot be below the current level"
    }


# --- Review ----------------------------------------------------------------------------------


def test_the_secretariat_returns_with_comments_and_the_city_resubmits(seoul_officer, secretariat):
    assessment = complete(seoul_officer, start(seoul_officer))
    services.submit(seoul_officer, assessment)
    with pytest.raises(PermissionDenied):
        services.review(seoul_officer, assessment, "accepted")
    with pytest.raises(DomainError, match="Say what the city should change"):
        services.review(secretariat, assessment, "returned", "  ")
    services.review(secretariat, assessment, "returned", "Attach the 2025 strategy, not 2019's.")
    assert assessment.status == Assessment.Status.RETURNED
    assert assessment.editable
    assert assessment.result == {}
    services.save_answers(seoul_officer, assessment, answers={"STR-02": "Digital Seoul 2030"})
    services.submit(seoul_officer, assessment)
    services.review(secretariat, assessment, "accepted", "Thank you.")
    assert assessment.status == Assessment.Status.ACCEPTED
    assert [r.verdict for r in assessment.reviews.all()] == ["returned", "accepted"]
    with pytest.raises(DomainError, match="Only a submitted assessment can be reviewed"):
        services.review(secretariat, assessment, "returned", "Again")


def test_a_draft_cannot_be_reviewed_and_verdicts_are_known(secretariat, seoul_officer):
    assessment = start(seoul_officer)
    with pytest.raises(DomainError, match="Only a submitted"):
        services.review(secretariat, assessment, "accepted")
    with pytest.raises(DomainError, match="Unknown verdict"):
        services.review(secretariat, assessment, "maybe")


def test_only_the_citys_officers_and_the_secretariat_see_an_assessment(
    seoul_officer, makati_officer, secretariat, citizen
):
    assessment = start(seoul_officer)
    assert services.get_assessment(secretariat, assessment.pk) == assessment
    for outsider in (makati_officer, citizen):
        with pytest.raises(PermissionDenied):
            services.get_assessment(outsider, assessment.pk)
        assert assessment not in services.assessments_visible_to(outsider)


# --- Evidence --------------------------------------------------------------------------------


def test_evidence_is_checked_by_content_and_size(seoul_officer, settings):
    assessment = start(seoul_officer)
    pdf = SimpleUploadedFile("strategy.pdf", b"%PDF-1.7\n...", content_type="application/pdf")
    item = services.attach_evidence(seoul_officer, assessment, "STR-01", upload=pdf)
    assert item.content_type == "application/pdf"
    fake = SimpleUploadedFile(
        "strategy.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    with pytest.raises(DomainError) as refused:
        services.attach_evidence(seoul_officer, assessment, "STR-01", upload=fake)
    assert refused.value.status_code == 415
    settings.ASSESSMENT_EVIDENCE_MAX_BYTES = 10
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * 20)
    with pytest.raises(DomainError, match=r"the limit is 10\sbytes") as refused:
        services.attach_evidence(seoul_officer, assessment, "STR-01", upload=big)
    assert refused.value.status_code == 413
    with pytest.raises(DomainError, match="takes no evidence"):
        services.attach_evidence(seoul_officer, assessment, "ECO-01", link="https://x.example")
    with pytest.raises(DomainError, match="must start with https://"):
        services.attach_evidence(seoul_officer, assessment, "STR-01", link="javascript:alert(1)")
    assert assessment.evidence.count() == 1
    services.remove_evidence(seoul_officer, item)
    assert assessment.evidence.count() == 0


# --- History, benchmarks, the network's picture ----------------------------------------------


def accepted(actor, staff, key, year, best, share=False, slug="ceds", graded_by=None):
    assessment = start(actor, key, slug=slug, year=year)
    complete(actor, assessment, best=best, share_with_peers=share)
    if graded_by is not None:
        services.save_answers(actor, assessment, answers=graded(slug, graded_by))
    if slug == "maturity-benchmark":
        instrument = services.instrument_rules(assessment.version)
        services.save_answers(
            actor,
            assessment,
            targets={s.slug: 5 for s in instrument.sections},
            target_year=year + 3,
        )
    services.submit(actor, assessment)
    services.review(staff, assessment, "accepted")
    return assessment


def test_history_shows_the_change_since_last_year(secretariat):
    accepted(secretariat, secretariat, "seoul", 2025, best=False)
    later = start(secretariat, "seoul", year=2026)
    complete(secretariat, later, best=True)
    services.submit(secretariat, later)
    lines = results.history(city("seoul").pk, "ceds")
    assert [line.assessment.year for line in lines] == [2026, 2025]
    assert lines[0].level_change == 4
    changes = {c.section: c.delta for c in lines[0].changes}
    assert changes["economic-stability"] == 100
    assert all(delta > 0 for delta in changes.values())
    assert lines[1].compared_with is None


def test_a_benchmark_hides_aggregates_below_the_minimum_and_names_only_opted_in_peers(
    secretariat,
):
    mine = accepted(secretariat, secretariat, "seoul", 2026, best=True)
    accepted(secretariat, secretariat, "makati", 2026, best=False, share=True)
    accepted(secretariat, secretariat, "goyang", 2026, best=False, share=False)
    found = results.benchmark(mine, "region")
    assert found.peer_count == 2
    assert "aggregates are shown for 3 or more" in found.withheld
    assert all(line.stats is None for line in found.lines)
    assert [p.name for p in found.named] == ["Makati"]
    # A third peer that scores like Goyang: the two unnamed peers hold one score between
    # them, which the statistics (beside Makati's, named) would give away.
    accepted(secretariat, secretariat, "jakarta", 2026, best=False)
    found = results.benchmark(mine, "region")
    assert found.withheld == ""
    assert all(line.stats is None for line in found.lines)
    assert all("fewer than 3 different scores" in line.withheld for line in found.lines)
    assert [p.name for p in found.named] == ["Makati"]


def test_a_benchmark_shows_statistics_when_the_unnamed_peers_hold_three_different_scores(
    secretariat,
):
    mine = accepted(secretariat, secretariat, "seoul", 2026, best=True)
    accepted(secretariat, secretariat, "makati", 2026, best=False, share=True)
    for grade, key in enumerate(("goyang", "jakarta", "kabul"), start=1):
        accepted(secretariat, secretariat, key, 2026, best=False, graded_by=grade)
    found = results.benchmark(mine, "region")
    assert found.withheld == ""
    assert found.peer_count == 4
    line = found.lines[0]
    assert line.withheld == ""
    assert line.stats.count == 4
    assert line.stats.minimum == 0  # Makati's, named
    assert line.position.words == "in the top quarter of the peers"
    assert line.position.percentile == 100
    assert [p.name for p in found.named] == ["Makati"]


def test_a_benchmark_by_chosen_cities_and_by_population(secretariat):
    mine = accepted(secretariat, secretariat, "goyang", 2026, best=True)  # 1,030,000 people
    for key in ("makati", "jakarta", "kabul"):
        accepted(secretariat, secretariat, key, 2026, best=False)
    # Chosen by name, only the cities that share their results are compared.
    chosen = results.benchmark(mine, "cities", [city("makati").pk, city("jakarta").pk])
    assert chosen.peer_count == 0
    assert chosen.basis == "cities chosen by name that share their results"
    by_size = results.benchmark(mine, "population")
    assert by_size.basis == "cities of 1 to 5 million inhabitants"
    assert by_size.peer_count == 1  # Kabul (3,678,034); the others' populations are unknown
    with pytest.raises(DomainError, match="population of Makati is not recorded"):
        results.benchmark(Assessment.objects.get(organisation__key="makati"), "population")


def test_the_network_picture_groups_cities_by_their_main_challenge(secretariat, wego):
    accepted(secretariat, secretariat, "seoul", 2026, best=True)
    accepted(secretariat, secretariat, "makati", 2026, best=False)
    picture = results.overview(wego, version_of("ceds"))
    assert picture.assessed == 2
    assert {n: c for n, _, c in picture.level_counts} == {1: 1, 2: 0, 3: 0, 4: 0, 5: 1}
    placed = {
        line.group.slug: [a.organisation.key for a, _ in line.cities] for line in picture.groups
    }
    assert sum(len(v) for v in placed.values()) == 2
    # Every group's strongest city is Seoul, which scored 100 on every factor.
    assert {line.head_city for line in picture.groups} == {"Seoul"}


def test_the_staff_export_has_a_row_per_assessment_with_section_scores(secretariat, wego):
    accepted(secretariat, secretariat, "seoul", 2026, best=True)
    start(secretariat, "makati")
    text = results.csv_export(wego, version_of("ceds"))
    rows = [line.split(",") for line in text.strip().splitlines()]
    assert rows[0][:7] == ["organisation", "country", "year", "version", "status", "level", "score"]
    by_city = {row[0]: row for row in rows[1:]}
    assert by_city["Seoul"][5:8] == ["5", "100.0", "100.0"]
    assert by_city["Makati"][4] == "draft"
    assert by_city["Makati"][6] == ""


def test_a_save_from_a_stale_copy_keeps_the_answers_saved_meanwhile(seoul_officer):
    # Two tabs loaded the same draft; each saves a different step.
    assessment = start(seoul_officer)
    first_tab = Assessment.objects.get(pk=assessment.pk)
    second_tab = Assessment.objects.get(pk=assessment.pk)
    services.save_answers(seoul_officer, first_tab, answers={"ECO-01": "30000"})
    services.save_answers(seoul_officer, second_tab, answers={"STR-05": "yes"})
    assessment.refresh_from_db()
    assert assessment.answers == {"ECO-01": "30000", "STR-05": True}


def test_a_submitted_assessment_cannot_be_saved_from_a_copy_loaded_before(seoul_officer):
    assessment = complete(seoul_officer, start(seoul_officer))
    stale = Assessment.objects.get(pk=assessment.pk)
    services.submit(seoul_officer, assessment)
    with pytest.raises(DomainError, match="cannot be changed"):
        services.save_answers(seoul_officer, stale, answers={"ECO-01": "1"})
