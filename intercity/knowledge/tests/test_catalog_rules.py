"""The publication's rules (rules.check_move) as properties: a move is allowed exactly when
the project is in one of its starting states, the person may take it, and a note is given
where one is needed; a refusal always says why."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from intercity.knowledge import rules

STATES = st.sampled_from([rules.DRAFT, rules.IN_REVIEW, rules.PUBLISHED])
ACTIONS = st.sampled_from([*rules.MOVES, "delete"])


@given(ACTIONS, STATES, st.booleans(), st.booleans(), st.text(max_size=5))
def test_a_move_is_allowed_exactly_when_its_conditions_hold(action, state, staff, officer, note):
    move = rules.check_move(action, state, is_staff=staff, is_officer=officer, note=note)
    if action not in rules.MOVES:
        assert not move.allowed
        return
    starts, to_state, staff_only, needs_note = rules.MOVES[action]
    expected = (
        state in starts
        and (staff or (officer and not staff_only))
        and (not needs_note or bool(note.strip()))
    )
    assert move.allowed == expected
    if move.allowed:
        assert move.to_state == to_state
        assert move.refusal == ""
    else:
        assert move.refusal


@given(STATES, st.booleans())
def test_only_the_secretariat_publishes(state, officer):
    assert not rules.check_move(rules.PUBLISH, state, is_staff=False, is_officer=officer).allowed


def test_the_publication_path():
    officer = {"is_staff": False, "is_officer": True}
    staff = {"is_staff": True, "is_officer": False}
    assert rules.check_move(rules.SUBMIT, rules.DRAFT, **officer).to_state == rules.IN_REVIEW
    assert rules.check_move(rules.PUBLISH, rules.IN_REVIEW, **staff).to_state == rules.PUBLISHED
    back = rules.check_move(rules.SEND_BACK, rules.IN_REVIEW, **staff, note="Add figures")
    assert back.to_state == rules.DRAFT
    assert not rules.check_move(rules.SUBMIT, rules.DRAFT, is_staff=False, is_officer=False).allowed
