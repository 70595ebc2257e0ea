"""Self-assessment rules: scoring a questionnaire, the maturity level, the gap between the
sectoral systems a city operates and those expected at its level, the recommended modules
in priority order, peer statistics and the "common challenges" grouping.

Sources: seed 001, Annex ("Urban e-Gov. Diagnostic & Solution Framework": about 100 questions
on 8 factors give a maturity level, which is cross-referenced with the systems in operation to
recommend sectoral systems in priority order; Phase 2 groups the members' common challenges
into five groups) and seed 003 (the five-dimension Smart City Maturity & Benchmark Model: a
city sets goals for two to five years and benchmarks itself against other cities). The method
is ours and is stated in docs/assessment-method.md.

Pure functions over plain values: no ORM, no request, no clock. Scores are exact fractions;
a result carries the arithmetic that produced it.

The rules are split by concern (answers, scoring, systems, peers, changes); this package
re-exports every name, so callers write
`from intercity.assessment import rules` and `rules.score(...)`.
"""

from intercity.assessment.rules.answers import (
    _NORMALISERS as _NORMALISERS,
)
from intercity.assessment.rules.answers import (
    HUNDRED as HUNDRED,
)
from intercity.assessment.rules.answers import (
    Band as Band,
)
from intercity.assessment.rules.answers import (
    Condition as Condition,
)
from intercity.assessment.rules.answers import (
    Evidence as Evidence,
)
from intercity.assessment.rules.answers import (
    EvidenceRuling as EvidenceRuling,
)
from intercity.assessment.rules.answers import (
    Instrument as Instrument,
)
from intercity.assessment.rules.answers import (
    Level as Level,
)
from intercity.assessment.rules.answers import (
    Option as Option,
)
from intercity.assessment.rules.answers import (
    Question as Question,
)
from intercity.assessment.rules.answers import (
    QuestionType as QuestionType,
)
from intercity.assessment.rules.answers import (
    Section as Section,
)
from intercity.assessment.rules.answers import (
    _multiple as _multiple,
)
from intercity.assessment.rules.answers import (
    _number as _number,
)
from intercity.assessment.rules.answers import (
    _question_problems as _question_problems,
)
from intercity.assessment.rules.answers import (
    _scale as _scale,
)
from intercity.assessment.rules.answers import (
    _single as _single,
)
from intercity.assessment.rules.answers import (
    _text as _text,
)
from intercity.assessment.rules.answers import (
    _yes_no as _yes_no,
)
from intercity.assessment.rules.answers import (
    answer_keys as answer_keys,
)
from intercity.assessment.rules.answers import (
    answer_score as answer_score,
)
from intercity.assessment.rules.answers import (
    evidence_for as evidence_for,
)
from intercity.assessment.rules.answers import (
    instrument_problems as instrument_problems,
)
from intercity.assessment.rules.answers import (
    is_asked as is_asked,
)
from intercity.assessment.rules.answers import (
    normalise as normalise,
)
from intercity.assessment.rules.answers import (
    parse_fraction as parse_fraction,
)
from intercity.assessment.rules.changes import (
    Change as Change,
)
from intercity.assessment.rules.changes import (
    compare as compare,
)
from intercity.assessment.rules.peers import (
    ChallengeGroup as ChallengeGroup,
)
from intercity.assessment.rules.peers import (
    CityChallenge as CityChallenge,
)
from intercity.assessment.rules.peers import (
    Peer as Peer,
)
from intercity.assessment.rules.peers import (
    PeerRelease as PeerRelease,
)
from intercity.assessment.rules.peers import (
    PeerStats as PeerStats,
)
from intercity.assessment.rules.peers import (
    PopulationBand as PopulationBand,
)
from intercity.assessment.rules.peers import (
    Position as Position,
)
from intercity.assessment.rules.peers import (
    SectionRelease as SectionRelease,
)
from intercity.assessment.rules.peers import (
    challenges as challenges,
)
from intercity.assessment.rules.peers import (
    lead_city as lead_city,
)
from intercity.assessment.rules.peers import (
    peer_stats as peer_stats,
)
from intercity.assessment.rules.peers import (
    population_band as population_band,
)
from intercity.assessment.rules.peers import (
    population_band_problems as population_band_problems,
)
from intercity.assessment.rules.peers import (
    position as position,
)
from intercity.assessment.rules.peers import (
    quantile as quantile,
)
from intercity.assessment.rules.peers import (
    release_peers as release_peers,
)
from intercity.assessment.rules.scoring import (
    Problem as Problem,
)
from intercity.assessment.rules.scoring import (
    Result as Result,
)
from intercity.assessment.rules.scoring import (
    SectionScore as SectionScore,
)
from intercity.assessment.rules.scoring import (
    _explain as _explain,
)
from intercity.assessment.rules.scoring import (
    check_answers as check_answers,
)
from intercity.assessment.rules.scoring import (
    explain_overall as explain_overall,
)
from intercity.assessment.rules.scoring import (
    score as score,
)
from intercity.assessment.rules.scoring import (
    show as show,
)
from intercity.assessment.rules.scoring import (
    show_weight as show_weight,
)
from intercity.assessment.rules.systems import (
    SYSTEM_STATUS_LABELS as SYSTEM_STATUS_LABELS,
)
from intercity.assessment.rules.systems import (
    TARGET_YEARS as TARGET_YEARS,
)
from intercity.assessment.rules.systems import (
    Expectations as Expectations,
)
from intercity.assessment.rules.systems import (
    Gap as Gap,
)
from intercity.assessment.rules.systems import (
    Module as Module,
)
from intercity.assessment.rules.systems import (
    Recommendation as Recommendation,
)
from intercity.assessment.rules.systems import (
    check_systems as check_systems,
)
from intercity.assessment.rules.systems import (
    expectation_problems as expectation_problems,
)
from intercity.assessment.rules.systems import (
    gaps as gaps,
)
from intercity.assessment.rules.systems import (
    recommend as recommend,
)
from intercity.assessment.rules.systems import (
    target_problems as target_problems,
)
