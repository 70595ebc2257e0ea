"""Factories for assessments, their answers and their evidence; other apps' tests import
them.

An assessment is made as a city makes one, through the named actions of
`assessment.services`: started on an instrument's current version, answered, its evidence
attached, submitted and reviewed. `AssessmentFactory(actor=seoul_officer)` is Seoul's
2026 CeDS draft; `answered="best"` (or "worst", or a dict of answers), `evidence=True`,
`submitted=True` and `reviewed_by=staff` take it as far as the test needs.
"""

from __future__ import annotations

from typing import Any

import factory

from intercity.assessment import services
from intercity.assessment.models import Assessment, EvidenceItem
from intercity.assessment.tests.helpers import TODAY, answers
from intercity.network.models import Network, Organisation


def required_evidence(assessment: Assessment) -> list[str]:
    """The codes of the questions whose answer needs evidence before submission."""
    instrument = services.instrument_rules(assessment.version)
    return [q.code for _, q in instrument.questions() if q.evidence == "required"]


def link_for(assessment: Assessment, code: str) -> str:
    return f"https://{assessment.organisation.key}.example/{code}"


def answer(actor: Any, assessment: Assessment, given: str | dict[str, Any], **extra: Any) -> None:
    """Answer an assessment: every question at its "best" or "worst", or the answers given."""
    chosen = (
        given if isinstance(given, dict) else answers(assessment.instrument.slug, given == "best")
    )
    services.save_answers(actor, assessment, answers=chosen, **extra)


class AssessmentFactory(factory.base.Factory[Assessment]):
    class Meta:
        model = Assessment

    actor: Any = None
    organisation = factory.LazyFunction(lambda: Organisation.objects.get(key="seoul"))
    network = factory.LazyFunction(lambda: Network.objects.get(slug="wego"))
    instrument_slug = "ceds"
    year = 2026
    today = TODAY
    demo = False
    # How far to take it (not fields of the assessment):
    answered: str | dict[str, Any] | None = None
    share_with_peers: bool | None = None
    evidence = False
    submitted = False
    reviewed_by: Any = None

    @classmethod
    def _create(cls, model_class: type[Assessment], **kwargs: Any) -> Assessment:
        actor = kwargs.pop("actor")
        answered, share = kwargs.pop("answered"), kwargs.pop("share_with_peers")
        evidence, submitted = kwargs.pop("evidence"), kwargs.pop("submitted")
        reviewer = kwargs.pop("reviewed_by")
        assessment = services.start_assessment(
            actor,
            kwargs.pop("organisation"),
            kwargs.pop("network"),
            kwargs.pop("instrument_slug"),
            kwargs.pop("year"),
            **kwargs,
        )
        if answered is not None:
            extra = {} if share is None else {"share_with_peers": share}
            answer(actor, assessment, answered, **extra)
        if evidence:
            for code in required_evidence(assessment):
                EvidenceFactory(actor=actor, assessment=assessment, question_code=code)
        if submitted or reviewer is not None:
            services.submit(actor, assessment)
        if reviewer is not None:
            services.review(reviewer, assessment, "accepted")
        return assessment


class EvidenceFactory(factory.base.Factory[EvidenceItem]):
    """A link given as evidence for one answer (uploads go through `attach_evidence` with
    the file, as the page sends it)."""

    class Meta:
        model = EvidenceItem

    actor: Any = None
    assessment = factory.SubFactory(AssessmentFactory, actor=factory.SelfAttribute("..actor"))
    question_code = "STR-01"
    link = factory.LazyAttribute(lambda e: link_for(e.assessment, e.question_code))

    @classmethod
    def _create(cls, model_class: type[EvidenceItem], **kwargs: Any) -> EvidenceItem:
        return services.attach_evidence(
            kwargs["actor"], kwargs["assessment"], kwargs["question_code"], link=kwargs["link"]
        )
