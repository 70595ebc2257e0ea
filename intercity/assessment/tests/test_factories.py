"""The assessment factory takes an assessment through the services as far as asked."""

import pytest

from intercity.assessment.models import Assessment
from intercity.assessment.tests.factories import AssessmentFactory, EvidenceFactory

pytestmark = pytest.mark.django_db


def test_a_draft_is_seouls_ceds_of_2026(seoul_officer):
    draft = AssessmentFactory(actor=seoul_officer)
    assert (draft.organisation.key, draft.instrument.slug, draft.year) == ("seoul", "ceds", 2026)
    assert draft.status == Assessment.Status.DRAFT


def test_an_assessment_is_answered_evidenced_submitted_and_accepted(seoul_officer, secretariat):
    accepted = AssessmentFactory(
        actor=seoul_officer, answered="best", evidence=True, reviewed_by=secretariat
    )
    assert accepted.status == Assessment.Status.ACCEPTED
    assert accepted.evidence.count() >= 3


def test_evidence_is_a_link_for_one_answer(seoul_officer):
    item = EvidenceFactory(actor=seoul_officer, question_code="INF-04")
    assert item.link == "https://seoul.example/INF-04"
