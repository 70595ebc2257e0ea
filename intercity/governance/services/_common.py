"""What every governance action shares: creating a validated row and locking the rows it changes."""

from __future__ import annotations

from typing import Any, TypeVar

from django.conf import settings
from django.db import models
from django.utils import translation

from intercity.accounts import permissions
from intercity.core.errors import full_clean_or_refuse
from intercity.governance import rules
from intercity.governance.models import (
    Decision,
    Meeting,
)

ELECTED_OFFICES = rules.ELECTED_OFFICES
RULE_DECISIONS = [
    "ordinary-motion",
    "written-consent",
    "regional-office-dissolution",
    "regional-office-establishment",
    "special-general-assembly",
    "joint-project-funding",
    "statute-amendment",
]


_M = TypeVar("_M", bound=models.Model)


def official_language() -> translation.override:
    """Where a decision's explanation is written for the record: in the network's official
    language (English, Statute 2017), whatever language the person recording it reads; pages
    say it again in the reader's language (`governance.explanations`)."""
    return translation.override(settings.LANGUAGE_CODE)


def _create(model: type[_M], **fields: Any) -> _M:
    """Validate a new row as its model declares it (lengths, choices, constraints) and save
    it; a problem is a DomainError naming the field, never a database error."""
    instance = model(**fields)
    full_clean_or_refuse(instance)
    instance.save()
    return instance


def require_secretariat(actor: Any) -> None:
    """Governance's staff-only actions use the platform's one check."""
    permissions.require_secretariat(actor)


# Every action that moves a state re-reads the row it changes under a lock, inside its
# transaction, and checks the state there: a copy loaded before the transaction may already
# be stale when two requests arrive together (a double click, two staff, a vote posted while
# the chair closes the motion). Rows are locked parent first (region, meeting, decision), so
# two actions never wait on each other in opposite orders. SQLite takes its write lock when
# the transaction begins (transaction_mode=IMMEDIATE), which serialises the same way.


def _lock_meeting(meeting: Meeting) -> Meeting:
    """The meeting's row, locked and fresh, in the caller's object: its status and what hangs
    from it (agenda positions, motions' positions, attendance) change one request at a time."""
    meeting.refresh_from_db(from_queryset=Meeting.objects.select_for_update())
    return meeting


def _lock_decision(decision: Decision) -> Decision:
    """The decision's row, locked and fresh, in the caller's object: its status, outcome,
    votes, counts and effects change one request at a time."""
    decision.refresh_from_db(from_queryset=Decision.objects.select_for_update())
    return decision


def _lock(model: type[_M], pk: Any) -> _M:
    return model.objects.select_for_update().get(pk=pk)  # type: ignore[attr-defined,no-any-return]
