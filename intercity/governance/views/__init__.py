"""Governance pages. Thin views: parse a form, call one named action of
`governance.services`, show a page or answer htmx with the live part of the meeting page.
A domain error a view does not show on a form becomes a 403/404/400 page at the edge
(`core.edge`). The package is split by concern; every view is re-exported here for `urls.py`.
"""

from __future__ import annotations

from intercity.governance.views.common import (
    auto_id,
    decision_url,
    is_htmx,
    item_of,
    meeting_of,
    meeting_url,
)
from intercity.governance.views.consent import (
    close_consent,
    consent,
    written_consent_new,
)
from intercity.governance.views.deadlines import (
    DeadlineRow,
    deadlines,
)
from intercity.governance.views.decisions import (
    decision,
    decisions,
)
from intercity.governance.views.elections import (
    candidate_add,
    close_election,
    election_add,
)
from intercity.governance.views.meeting_page import (
    OFFICE_LABELS,
    Act,
    ItemPanel,
    Panel,
    Row,
    answer,
    form_action,
    form_errors,
    meeting,
    member_choices,
    motion_rule_choices,
)
from intercity.governance.views.meetings import (
    agenda_item_add,
    check_in,
    document_add,
    home,
    meeting_new,
    meeting_status,
    participant_add,
)
from intercity.governance.views.motions import (
    announcement_add,
    close_motion,
    counts,
    motion_add,
    vote,
    withdraw,
)
from intercity.governance.views.officers import (
    OFFICE_ORDER,
    Term,
    officers,
)
from intercity.governance.views.words import (
    THRESHOLD_NAMES,
    TIE_WORDS,
    rule_words,
    stored_rule_words,
)

__all__ = [
    "OFFICE_LABELS",
    "OFFICE_ORDER",
    "THRESHOLD_NAMES",
    "TIE_WORDS",
    "Act",
    "DeadlineRow",
    "ItemPanel",
    "Panel",
    "Row",
    "Term",
    "agenda_item_add",
    "announcement_add",
    "answer",
    "auto_id",
    "candidate_add",
    "check_in",
    "close_consent",
    "close_election",
    "close_motion",
    "consent",
    "counts",
    "deadlines",
    "decision",
    "decision_url",
    "decisions",
    "document_add",
    "election_add",
    "form_action",
    "form_errors",
    "home",
    "is_htmx",
    "item_of",
    "meeting",
    "meeting_new",
    "meeting_of",
    "meeting_status",
    "meeting_url",
    "member_choices",
    "motion_add",
    "motion_rule_choices",
    "officers",
    "participant_add",
    "rule_words",
    "stored_rule_words",
    "vote",
    "withdraw",
    "written_consent_new",
]
