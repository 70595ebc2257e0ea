"""The workflow rules a city's administrator edits within, and response templates'
placeholders: pure functions, tried on workflows Hypothesis draws."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from intercity.participation import rules
from intercity.participation.rules import WorkflowStatus

DEFAULT = [
    WorkflowStatus(code, open311 == "closed", initial)
    for code, _label, open311, initial in rules.DEFAULT_STATUSES
]
DEFAULT_MOVES = {(source, target) for source, target, _label in rules.DEFAULT_TRANSITIONS}


def test_the_default_workflow_keeps_every_rule():
    assert rules.workflow_problem(DEFAULT, DEFAULT_MOVES) is None


def test_two_initial_statuses_are_refused_naming_the_rule():
    two = [WorkflowStatus(s.code, s.closed, s.initial or s.code == "acknowledged") for s in DEFAULT]
    problem = rules.workflow_problem(two, DEFAULT_MOVES)
    assert "exactly one initial status" in problem
    assert "submitted, acknowledged" in problem


def test_no_initial_status_is_refused():
    none = [WorkflowStatus(s.code, s.closed) for s in DEFAULT]
    assert "exactly one initial status" in rules.workflow_problem(none, DEFAULT_MOVES)


def test_a_status_nothing_leads_to_is_stranded():
    moves = {m for m in DEFAULT_MOVES if m[1] != "rejected"}
    problem = rules.workflow_problem(DEFAULT, moves)
    assert "every status reachable" in problem
    assert "rejected" in problem


def test_a_workflow_that_never_closes_is_refused():
    statuses = [WorkflowStatus("new", False, True), WorkflowStatus("seen", False)]
    problem = rules.workflow_problem(statuses, {("new", "seen")})
    assert "a closed status is reachable" in problem


def test_a_status_with_reports_is_kept():
    assert "rename it instead" in rules.status_removal_problem("resolved", 3)
    assert rules.status_removal_problem("resolved", 0) is None


codes = st.lists(st.sampled_from("abcdefgh"), min_size=1, max_size=8, unique=True)


@st.composite
def workflows(draw):
    names = draw(codes)
    closed = draw(st.lists(st.booleans(), min_size=len(names), max_size=len(names)))
    initial = draw(st.sampled_from(names))
    statuses = [WorkflowStatus(n, c, n == initial) for n, c in zip(names, closed, strict=True)]
    pairs = [(a, b) for a in names for b in names if a != b]
    moves = set(draw(st.lists(st.sampled_from(pairs), max_size=20))) if pairs else set()
    return statuses, moves


@given(workflows())
def test_an_accepted_workflow_reaches_every_status_and_a_closed_one(drawn):
    statuses, moves = drawn
    if rules.workflow_problem(statuses, moves) is None:
        start = next(s.code for s in statuses if s.initial)
        came = rules.reachable(start, moves)
        assert {s.code for s in statuses} <= came
        assert any(s.closed for s in statuses)


@given(workflows(), st.data())
def test_removing_a_move_from_an_accepted_workflow_never_strands_a_status_unnoticed(drawn, data):
    statuses, moves = drawn
    if rules.workflow_problem(statuses, moves) is not None or not moves:
        return
    gone = data.draw(st.sampled_from(sorted(moves)))
    left = moves - {gone}
    start = next(s.code for s in statuses if s.initial)
    stranded = {s.code for s in statuses} - rules.reachable(start, left)
    problem = rules.workflow_problem(statuses, left)
    assert (problem is None) == (not stranded and any(s.closed for s in statuses))


@given(workflows())
def test_adding_a_move_never_breaks_an_accepted_workflow(drawn):
    statuses, moves = drawn
    if rules.workflow_problem(statuses, moves) is not None:
        return
    for a in statuses:
        for b in statuses:
            if a != b:
                assert rules.workflow_problem(statuses, moves | {(a.code, b.code)}) is None


def test_known_placeholders_are_filled_and_unknown_ones_refused():
    values = {"report_id": "ABC", "service": "Pothole", "city": "Seoul"}
    text = "Report {report_id} ({service}) is fixed. {city} thanks you."
    assert rules.placeholder_problem(text) is None
    assert rules.fill_response(text, values) == "Report ABC (Pothole) is fixed. Seoul thanks you."
    problem = rules.placeholder_problem("Dear {name}, report {report_id} {x}")
    assert "{name}, {x}" in problem


@given(st.text(max_size=40))
def test_a_filled_value_is_never_read_again_for_placeholders(value):
    filled = rules.fill_response("{service}", {"service": value, "city": "Seoul"})
    assert filled == value
