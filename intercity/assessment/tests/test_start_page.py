"""What self-assessment puts on a person's start page: an officer's own cities' assessments
by stage, with the ones in progress one click away; the Secretariat's reviews to do, the
longest waiting first."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

import pytest
from django.test import RequestFactory

from intercity.assessment.manifest import start_sections
from intercity.assessment.models import Assessment
from intercity.assessment.tests.factories import AssessmentFactory
from intercity.network.models import Organisation

pytestmark = pytest.mark.django_db


def shown_to(user: Any) -> dict[str, list[tuple[str, str, str]]]:
    request = RequestFactory().get("/start/")
    request.user = user
    return {
        section.anchor: [(link.label, link.url, link.description) for link in section.links]
        for section in start_sections(request)
    }


def submitted(actor: Any, key: str, year: int = 2026) -> Assessment:
    return cast(
        Assessment,
        AssessmentFactory(
            actor=actor,
            organisation=Organisation.objects.get(key=key),
            year=year,
            answered="worst",
            evidence=True,
            submitted=True,
        ),
    )


def test_an_officer_sees_their_citys_assessments_by_stage(seoul_officer: Any) -> None:
    seoul = Organisation.objects.get(key="seoul")
    draft = AssessmentFactory(actor=seoul_officer, year=2026)
    submitted(seoul_officer, "seoul", year=2025)
    links = shown_to(seoul_officer)["assessment"]
    assert links[0] == (
        "Seoul: self-assessment",
        f"/assessment/cities/{seoul.pk}/",
        "1 in progress, 1 submitted, 0 accepted",
    )
    assert (
        f"Seoul: {draft.instrument.name} 2026",
        f"/assessment/{draft.pk}/",
        "Draft",
    ) in links
    assert len(links) == 2  # the submitted one is counted, not offered for editing


def test_an_officer_with_no_assessment_is_told_none_started(seoul_officer: Any) -> None:
    [(_label, _url, description)] = shown_to(seoul_officer)["assessment"]
    assert description == "none started yet"


def test_an_officer_never_sees_another_citys_assessments(
    seoul_officer: Any, makati_officer: Any
) -> None:
    AssessmentFactory(actor=seoul_officer)
    shown = shown_to(makati_officer)
    labels = [label for links in shown.values() for label, _url, _description in links]
    assert labels == ["Makati: self-assessment"]
    assert "assessment-review" not in shown


def test_the_secretariat_sees_the_reviews_waiting_longest_first(
    secretariat: Any, seoul_officer: Any, makati_officer: Any
) -> None:
    later = submitted(seoul_officer, "seoul")
    earlier = submitted(makati_officer, "makati")
    Assessment.objects.filter(pk=earlier.pk).update(
        submitted_at=dt.datetime(2026, 11, 2, 10, tzinfo=dt.UTC)
    )
    Assessment.objects.filter(pk=later.pk).update(
        submitted_at=dt.datetime(2026, 11, 20, 10, tzinfo=dt.UTC)
    )
    links = shown_to(secretariat)["assessment-review"]
    assert links[0][1:] == (f"/assessment/{earlier.pk}/result/", "submitted on 2 November 2026")
    assert links[1][1] == f"/assessment/{later.pk}/result/"
    assert links[-1][:2] == ("Assessments to review (2 waiting)", "/assessment/review/")
    assert "assessment" not in shown_to(secretariat)  # the Secretariat is no city's officer


def test_nothing_to_review_is_said(secretariat: Any) -> None:
    request = RequestFactory().get("/start/")
    request.user = secretariat
    [section] = start_sections(request)
    assert section.text == "No assessment waits for review."
