"""The Secretariat reads a submission's answers with their evidence and comments on each
answer; the city reads the comments once the review is recorded (issue 14). Who sees what:
the Secretariat every comment at once; the city only those released by a returned or
accepted review (`ReviewComment`)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from intercity.assessment import services
from intercity.assessment.models import ReviewComment
from intercity.assessment.tests.factories import AssessmentFactory
from intercity.core.errors import DomainError, PermissionDenied


@pytest.fixture
def submission(seoul_officer):
    return AssessmentFactory(actor=seoul_officer, answered="best", evidence=True, submitted=True)


def test_a_comment_waits_for_the_review_then_the_city_reads_it(
    submission, secretariat, seoul_officer
):
    services.comment_on_answer(secretariat, submission, "STR-01", "Attach the adopted version.")
    assert [c.text for c in services.comments_visible_to(secretariat, submission)] == [
        "Attach the adopted version."
    ]
    assert services.comments_visible_to(seoul_officer, submission) == []
    services.review(secretariat, submission, "returned", "See the comments on the answers.")
    seen = services.comments_visible_to(seoul_officer, submission)
    assert [(c.question_code, c.released) for c in seen] == [("STR-01", True)]


def test_only_the_secretariat_comments_and_only_on_a_submission_under_review(
    submission, secretariat, seoul_officer
):
    with pytest.raises(PermissionDenied):
        services.comment_on_answer(seoul_officer, submission, "STR-01", "Looks fine to me.")
    with pytest.raises(DomainError, match="not a question"):
        services.comment_on_answer(secretariat, submission, "NOPE-1", "Which question?")
    with pytest.raises(DomainError, match="Write the comment"):
        services.comment_on_answer(secretariat, submission, "STR-01", "   ")
    services.review(secretariat, submission, "accepted")
    with pytest.raises(DomainError, match="under review") as late:
        services.comment_on_answer(secretariat, submission, "STR-01", "Too late.")
    assert late.value.status_code == 409
    assert not ReviewComment.objects.exists()


def test_a_released_comment_cannot_be_withdrawn_a_pending_one_can(submission, secretariat):
    pending = services.comment_on_answer(secretariat, submission, "ECO-01", "Source?")
    services.remove_comment(secretariat, pending)
    kept = services.comment_on_answer(secretariat, submission, "ECO-02", "Which year?")
    services.review(secretariat, submission, "accepted")
    kept.refresh_from_db()
    with pytest.raises(DomainError, match="stays"):
        services.remove_comment(secretariat, kept)
    assert list(ReviewComment.objects.values_list("question_code", flat=True)) == ["ECO-02"]


def test_the_answers_page_shows_every_answer_with_its_evidence_to_the_reviewer(
    client, submission, secretariat
):
    client.force_login(secretariat)
    page = client.get(reverse("assessment_answers", args=[submission.pk]))
    assert page.status_code == 200
    text = page.text
    assert "Has the city adopted an e-government or digital strategy" in text
    assert "https://seoul.example/STR-01" in text  # the evidence link as stored
    assert 'id="comment-STR-01"' in text  # a comment box per question
    response = client.post(
        reverse("assessment_comment", args=[submission.pk]),
        {"question": "STR-01", "text": "Name the council decision."},
    )
    assert response.status_code == 302
    assert "Name the council decision." in client.get(response.url).text


def test_the_city_reads_its_answers_after_submitting_without_pending_comments(
    client, submission, secretariat, seoul_officer
):
    services.comment_on_answer(secretariat, submission, "STR-01", "Not yet for the city.")
    client.force_login(seoul_officer)
    page = client.get(reverse("assessment_answers", args=[submission.pk]))
    assert page.status_code == 200
    assert "https://seoul.example/STR-01" in page.text
    assert "Not yet for the city." not in page.text
    assert 'id="comment-STR-01"' not in page.text
    denied = client.post(
        reverse("assessment_comment", args=[submission.pk]),
        {"question": "STR-01", "text": "A city cannot comment."},
    )
    assert denied.status_code == 403


def test_a_comment_form_without_text_is_refused_and_nothing_saved(client, submission, secretariat):
    client.force_login(secretariat)
    response = client.post(
        reverse("assessment_comment", args=[submission.pk]), {"question": "STR-01", "text": ""}
    )
    assert response.status_code == 302
    assert "write a comment" in client.get(response.url).text
    assert not ReviewComment.objects.exists()


def test_the_organisation_page_lists_the_city_assessments_to_its_officers_only(
    client, submission, makati_officer, seoul_officer
):
    url = reverse("organisation", args=[submission.organisation_id])
    client.force_login(seoul_officer)
    mine = client.get(url).text
    assert "Self-assessments" in mine
    assert "City e-Government Diagnostic and Solution (CeDS) 2026" in mine
    assert "Submitted for review · level" in mine
    client.force_login(makati_officer)
    assert "Self-assessments" not in client.get(url).text
