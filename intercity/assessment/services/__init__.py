"""Named actions of self-assessment: publish an instrument version or draft the next one,
start a city's assessment, save its answers (all or nothing), attach evidence, submit it,
and the Secretariat's review. Each checks who may act, validates through `rules`, saves in
one transaction and writes one audit event. `evaluate` scores answers without saving.

Split by concern (`instruments`, `assessments`); this package re-exports every name, so
callers write `from intercity.assessment import services` and `services.submit(...)`."""

from __future__ import annotations

from intercity.assessment.services.assessments import (
    EVIDENCE_TYPES as EVIDENCE_TYPES,
)
from intercity.assessment.services.assessments import (
    KEEP as KEEP,
)
from intercity.assessment.services.assessments import (
    Evaluation as Evaluation,
)
from intercity.assessment.services.assessments import (
    ModuleGaps as ModuleGaps,
)
from intercity.assessment.services.assessments import (
    _evidence_file as _evidence_file,
)
from intercity.assessment.services.assessments import (
    _fraction_text as _fraction_text,
)
from intercity.assessment.services.assessments import (
    _lock as _lock,
)
from intercity.assessment.services.assessments import (
    _require_edit as _require_edit,
)
from intercity.assessment.services.assessments import (
    assessments_visible_to as assessments_visible_to,
)
from intercity.assessment.services.assessments import (
    attach_evidence as attach_evidence,
)
from intercity.assessment.services.assessments import (
    comment_on_answer as comment_on_answer,
)
from intercity.assessment.services.assessments import (
    comments_visible_to as comments_visible_to,
)
from intercity.assessment.services.assessments import (
    evaluate as evaluate,
)
from intercity.assessment.services.assessments import (
    evidence_type as evidence_type,
)
from intercity.assessment.services.assessments import (
    get_assessment as get_assessment,
)
from intercity.assessment.services.assessments import (
    may_view as may_view,
)
from intercity.assessment.services.assessments import (
    module_gaps as module_gaps,
)
from intercity.assessment.services.assessments import (
    own_cities_assessments as own_cities_assessments,
)
from intercity.assessment.services.assessments import (
    remove_comment as remove_comment,
)
from intercity.assessment.services.assessments import (
    remove_evidence as remove_evidence,
)
from intercity.assessment.services.assessments import (
    require_view as require_view,
)
from intercity.assessment.services.assessments import (
    review as review,
)
from intercity.assessment.services.assessments import (
    save_answers as save_answers,
)
from intercity.assessment.services.assessments import (
    set_sharing as set_sharing,
)
from intercity.assessment.services.assessments import (
    snapshot as snapshot,
)
from intercity.assessment.services.assessments import (
    start_assessment as start_assessment,
)
from intercity.assessment.services.assessments import (
    submission_problems as submission_problems,
)
from intercity.assessment.services.assessments import (
    submit as submit,
)
from intercity.assessment.services.assessments import (
    waiting_for_review as waiting_for_review,
)
from intercity.assessment.services.instruments import (
    AnswerProblems as AnswerProblems,
)
from intercity.assessment.services.instruments import (
    _build_rules as _build_rules,
)
from intercity.assessment.services.instruments import (
    _field as _field,
)
from intercity.assessment.services.instruments import (
    _fraction as _fraction,
)
from intercity.assessment.services.instruments import (
    _lock_draft as _lock_draft,
)
from intercity.assessment.services.instruments import (
    _published_rules as _published_rules,
)
from intercity.assessment.services.instruments import (
    _question_rules as _question_rules,
)
from intercity.assessment.services.instruments import (
    _user as _user,
)
from intercity.assessment.services.instruments import (
    _version_of as _version_of,
)
from intercity.assessment.services.instruments import (
    adopt_peer_policy as adopt_peer_policy,
)
from intercity.assessment.services.instruments import (
    challenge_groups as challenge_groups,
)
from intercity.assessment.services.instruments import (
    current_version as current_version,
)
from intercity.assessment.services.instruments import (
    delete_draft_part as delete_draft_part,
)
from intercity.assessment.services.instruments import (
    draft_new_version as draft_new_version,
)
from intercity.assessment.services.instruments import (
    expectations_of as expectations_of,
)
from intercity.assessment.services.instruments import (
    get_instrument as get_instrument,
)
from intercity.assessment.services.instruments import (
    instrument_rules as instrument_rules,
)
from intercity.assessment.services.instruments import (
    peer_policy as peer_policy,
)
from intercity.assessment.services.instruments import (
    peer_policy_problems as peer_policy_problems,
)
from intercity.assessment.services.instruments import (
    publish_version as publish_version,
)
from intercity.assessment.services.instruments import (
    save_draft_part as save_draft_part,
)
from intercity.assessment.services.instruments import (
    sectoral_modules as sectoral_modules,
)
from intercity.assessment.services.instruments import (
    translate_content as translate_content,
)
