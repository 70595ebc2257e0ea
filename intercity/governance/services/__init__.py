"""Named actions of governance: meetings, attendance, motions, votes, elections, written
consents, regional offices, and what their decisions change in the registry and the membership
history (`governance.effects`).

Each action checks who may do it, calls the statute rules, saves in one transaction and
writes one audit event. Pages, the API, the admin and the seed call these. The package is split
by concern; every public name is re-exported here, so callers write `services.close_motion`.
"""

from __future__ import annotations

from intercity.governance.effects import EFFECT_FIELDS
from intercity.governance.services._common import (
    ELECTED_OFFICES,
    RULE_DECISIONS,
    require_secretariat,
)
from intercity.governance.services.consent import (
    close_written_consent,
    open_written_consent,
    record_consent,
)
from intercity.governance.services.deadlines import (
    HOST_ANCHORS,
    deadlines_for,
    queue_deadline_reminders,
)
from intercity.governance.services.elections import (
    add_candidate,
    candidacy_warnings,
    close_election,
    open_election,
)
from intercity.governance.services.meetings import (
    Roll,
    add_agenda_item,
    add_document,
    add_participant,
    body_members,
    check_in,
    create_meeting,
    get_body,
    get_meeting,
    get_participant,
    meetings,
    roll,
    set_meeting_status,
    vote_refusal,
    voting_categories,
)
from intercity.governance.services.motions import (
    DecisionFilter,
    close_motion,
    decisions,
    find_decisions,
    get_decision,
    propose_motion,
    record_announcement,
    record_counts,
    record_vote,
    withdraw_decision,
)
from intercity.governance.services.offices import (
    TERM_OF,
    Held,
    TermEnd,
    composition_warnings,
    held_offices,
    offices_on,
    term_end,
    unknown_officers_note,
)
from intercity.governance.services.regional import (
    ANNUAL_REPORT_DEADLINE,
    AnnualReportRecorded,
    annual_report_deadline,
    record_annual_report,
    record_assessment,
    regional_office_bid_election,
    submit_regional_office_bid,
)
from intercity.governance.services.shape import NetworkShape, network_shape
from intercity.governance.services.statute import (
    AFTER_THE_AGENDA,
    Evaluation,
    add_statute_version,
    check_statute_text,
    check_statute_version_free,
    decision_order,
    evaluate,
    moment_of,
    opening_of,
    rule_as_data,
    rule_for,
    rule_for_decision,
    statute_for,
    statute_on,
    statute_rows,
)

__all__ = [
    "AFTER_THE_AGENDA",
    "ANNUAL_REPORT_DEADLINE",
    "EFFECT_FIELDS",
    "ELECTED_OFFICES",
    "HOST_ANCHORS",
    "RULE_DECISIONS",
    "TERM_OF",
    "AnnualReportRecorded",
    "DecisionFilter",
    "Evaluation",
    "Held",
    "NetworkShape",
    "Roll",
    "TermEnd",
    "add_agenda_item",
    "add_candidate",
    "add_document",
    "add_participant",
    "add_statute_version",
    "annual_report_deadline",
    "body_members",
    "candidacy_warnings",
    "check_in",
    "check_statute_text",
    "check_statute_version_free",
    "close_election",
    "close_motion",
    "close_written_consent",
    "composition_warnings",
    "create_meeting",
    "deadlines_for",
    "decision_order",
    "decisions",
    "evaluate",
    "find_decisions",
    "get_body",
    "get_decision",
    "get_meeting",
    "get_participant",
    "held_offices",
    "meetings",
    "moment_of",
    "network_shape",
    "offices_on",
    "open_election",
    "open_written_consent",
    "opening_of",
    "propose_motion",
    "queue_deadline_reminders",
    "record_announcement",
    "record_annual_report",
    "record_assessment",
    "record_consent",
    "record_counts",
    "record_vote",
    "regional_office_bid_election",
    "require_secretariat",
    "roll",
    "rule_as_data",
    "rule_for",
    "rule_for_decision",
    "set_meeting_status",
    "statute_for",
    "statute_on",
    "statute_rows",
    "submit_regional_office_bid",
    "term_end",
    "unknown_officers_note",
    "vote_refusal",
    "voting_categories",
    "withdraw_decision",
]
