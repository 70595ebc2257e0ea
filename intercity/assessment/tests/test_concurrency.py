"""Every change of an assessment's state happens once, however many requests arrive together:
threads released at once against committed rows (SQLite and PostgreSQL alike)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from intercity.assessment import services
from intercity.assessment.models import Assessment, EvidenceItem, InstrumentVersion, Review
from intercity.assessment.tests.factories import AssessmentFactory
from intercity.assessment.tests.helpers import TODAY, version_of
from intercity.core.errors import DomainError
from intercity.core.models import AuditEvent
from intercity.core.tests.concurrently import run_concurrently
from intercity.network.models import Network, Organisation

pytestmark = pytest.mark.django_db(transaction=True)

ASSESSMENTS = "/api/v1/assessment/assessments"


def ready(actor: Any, key: str = "seoul") -> Assessment:
    """A CeDS draft with every answer and the required evidence: ready to submit."""
    return AssessmentFactory.create(
        actor=actor, organisation=Organisation.objects.get(key=key), answered="best", evidence=True
    )


def events(verb: str, assessment: Assessment | None = None) -> int:
    found = AuditEvent.objects.filter(verb=verb)
    if assessment is not None:
        found = found.filter(object_type="assessment.assessment", object_id=str(assessment.pk))
    return found.count()


def fresh(assessment: Assessment) -> Assessment:
    """The thread's own copy, as a request would load it."""
    return Assessment.objects.get(pk=assessment.pk)


def test_twenty_submits_at_once_submit_once(committed_seed, seoul_officer):
    assessment = ready(seoul_officer)

    outcomes = run_concurrently(
        lambda _i: services.submit(seoul_officer, fresh(assessment)), times=20
    )

    assert len(outcomes.results) == 1
    assert len(outcomes.errors) == 19
    assert all(getattr(e, "status_code", None) == 409 for e in outcomes.errors), outcomes.errors
    assert events("submit_assessment", assessment) == 1
    assert fresh(assessment).status == Assessment.Status.SUBMITTED


def test_eight_submits_through_the_api_give_one_200_and_seven_409s(committed_seed, seoul_officer):
    assessment = ready(seoul_officer)
    clients = []
    for _ in range(8):
        client = Client()
        client.force_login(seoul_officer)
        clients.append(client)

    outcomes = run_concurrently(
        lambda i: clients[i].post(f"{ASSESSMENTS}/{assessment.pk}/submit").status_code, times=8
    )

    assert outcomes.errors == []
    assert sorted(outcomes.results) == [200] + [409] * 7
    assert events("submit_assessment", assessment) == 1


def test_an_accept_and_a_return_sent_together_store_one_review(
    committed_seed, seoul_officer, secretariat
):
    assessment = ready(seoul_officer)
    services.submit(seoul_officer, assessment)

    def decide(i: int) -> str:
        verdict = "accepted" if i % 2 else "returned"
        return services.review(
            secretariat, fresh(assessment), verdict, "Add the 2025 budget."
        ).status

    outcomes = run_concurrently(decide, times=8)

    assert len(outcomes.results) == 1
    assert all(getattr(e, "status_code", None) == 409 for e in outcomes.errors), outcomes.errors
    reviews = list(Review.objects.filter(assessment=assessment))
    assert len(reviews) == 1
    assert fresh(assessment).status == reviews[0].verdict == outcomes.results[0]
    assert events("accept_assessment", assessment) + events("return_assessment", assessment) == 1


def test_reviews_through_the_api_at_once_store_one_verdict(
    committed_seed, seoul_officer, secretariat
):
    assessment = ready(seoul_officer)
    services.submit(seoul_officer, assessment)
    clients = []
    for _ in range(8):
        client = Client()
        client.force_login(secretariat)
        clients.append(client)

    def decide(i: int) -> int:
        verdict = "accepted" if i % 2 else "returned"
        return int(
            clients[i]
            .post(
                f"{ASSESSMENTS}/{assessment.pk}/review",
                {"verdict": verdict, "comment": "Add the 2025 budget."},
                content_type="application/json",
            )
            .status_code
        )

    outcomes = run_concurrently(decide, times=8)

    assert outcomes.errors == []
    assert sorted(outcomes.results) == [200] + [409] * 7
    assert Review.objects.filter(assessment=assessment).count() == 1


def test_two_starts_at_once_give_one_assessment(committed_seed, seoul_officer):
    seoul = Organisation.objects.get(key="seoul")
    wego = Network.objects.get(slug="wego")

    outcomes = run_concurrently(
        lambda _i: services.start_assessment(seoul_officer, seoul, wego, "ceds", 2026, today=TODAY),
        times=8,
    )

    assert len(outcomes.results) == 1
    assert all(getattr(e, "status_code", None) == 409 for e in outcomes.errors), outcomes.errors
    assert Assessment.objects.filter(organisation=seoul, year=2026).count() == 1
    assert events("start_assessment") == 1


def test_evidence_attached_while_submitting_is_either_before_the_submission_or_refused(
    committed_seed, seoul_officer
):
    assessment = ready(seoul_officer)

    def act(i: int) -> Any:
        if i == 0:
            return services.submit(seoul_officer, fresh(assessment))
        return services.attach_evidence(
            seoul_officer, fresh(assessment), "STR-01", link=f"https://seoul.example/late-{i}"
        )

    outcomes = run_concurrently(act, times=8)

    submitted = fresh(assessment)
    assert submitted.status == Assessment.Status.SUBMITTED
    assert all(getattr(e, "status_code", None) == 409 for e in outcomes.errors), outcomes.errors
    items = EvidenceItem.objects.filter(assessment=assessment)
    assert submitted.submitted_at is not None
    assert all(item.uploaded_at <= submitted.submitted_at for item in items)
    assert items.count() == 3 + len(outcomes.results) - 1


def test_evidence_cannot_be_added_or_removed_with_a_copy_loaded_before_the_submission(
    committed_seed, seoul_officer
):
    assessment = ready(seoul_officer)
    stale = fresh(assessment)
    item = EvidenceItem.objects.filter(assessment=assessment).first()
    services.submit(seoul_officer, fresh(assessment))
    assert stale.status == Assessment.Status.DRAFT  # the copy still says draft

    with pytest.raises(DomainError) as attaching:
        services.attach_evidence(seoul_officer, stale, "STR-01", link="https://seoul.example/x")
    with pytest.raises(DomainError) as removing:
        services.remove_evidence(seoul_officer, item)
    upload = SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan", content_type="application/pdf")
    with pytest.raises(DomainError):
        services.attach_evidence(seoul_officer, fresh(assessment), "STR-01", upload=upload)

    assert attaching.value.status_code == removing.value.status_code == 409
    assert EvidenceItem.objects.filter(assessment=assessment).count() == 3


def test_the_same_evidence_removed_twice_at_once_is_removed_once(committed_seed, seoul_officer):
    assessment = ready(seoul_officer)
    item = EvidenceItem.objects.filter(assessment=assessment).first()

    outcomes = run_concurrently(
        lambda _i: services.remove_evidence(seoul_officer, EvidenceItem.objects.get(pk=item.pk)),
        times=6,
    )

    assert len(outcomes.results) == 1
    assert events("remove_evidence", assessment) == 1


def test_a_draft_version_published_eight_times_at_once_is_published_once(
    committed_seed, secretariat
):
    draft = services.draft_new_version(secretariat, version_of("ceds"), TODAY)

    outcomes = run_concurrently(
        lambda _i: services.publish_version(
            secretariat, InstrumentVersion.objects.get(pk=draft.pk)
        ),
        times=8,
    )

    assert len(outcomes.results) == 1
    assert len(outcomes.errors) == 7
    assert all(isinstance(e, DomainError) for e in outcomes.errors), outcomes.errors
    assert events("publish_instrument_version") == 1


def test_versions_drafted_at_once_get_consecutive_numbers(committed_seed, secretariat):
    current = version_of("ceds")

    outcomes = run_concurrently(
        lambda _i: services.draft_new_version(secretariat, current, TODAY).number, times=6
    )

    assert outcomes.errors == []
    assert sorted(outcomes.results) == list(range(current.number + 1, current.number + 7))
