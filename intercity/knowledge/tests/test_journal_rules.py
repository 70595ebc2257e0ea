"""The journal's pure rules: an issue's next number, when an issue may be published, how an
entry moves up or down."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from intercity.knowledge import rules_journal as rules


def test_the_first_issue_of_a_network_is_number_1():
    assert rules.next_number([]) == 1


@given(st.lists(st.integers(min_value=1, max_value=30000), max_size=30))
def test_the_next_number_is_free_and_after_every_number_taken(numbers):
    number = rules.next_number(numbers)
    assert number not in numbers
    assert all(number > taken for taken in numbers)


def test_a_gap_in_the_numbers_is_never_filled_again():
    assert rules.next_number([1, 2, 5]) == 6


def test_an_issue_is_published_with_a_project_and_an_editorial():
    assert rules.publish_refusal(state="draft", entries=1, editorial="Why these.") == ""


def test_an_issue_without_a_project_is_not_published():
    refusal = rules.publish_refusal(state="draft", entries=0, editorial="Why these.")
    assert "at least one project" in refusal


def test_an_issue_without_an_editorial_is_not_published():
    refusal = rules.publish_refusal(state="draft", entries=2, editorial="  \n ")
    assert "editorial" in refusal


def test_a_published_issue_is_not_published_again():
    refusal = rules.publish_refusal(state="published", entries=2, editorial="Why")
    assert "already published" in refusal


@given(
    st.lists(st.integers(), min_size=1, max_size=12, unique=True),
    st.data(),
    st.sampled_from([rules.UP, rules.DOWN]),
)
def test_a_move_keeps_every_entry_and_moves_one_by_one_place(order, data, direction):
    item = data.draw(st.sampled_from(order))
    after = rules.moved(order, item, direction)
    assert sorted(after) == sorted(order)
    before_index, after_index = order.index(item), after.index(item)
    assert abs(after_index - before_index) <= 1
    if direction == rules.UP:
        assert after_index == max(before_index - 1, 0)
    else:
        assert after_index == min(before_index + 1, len(order) - 1)
    # Everything but the item and its neighbour stays in place.
    changed = [i for i, (a, b) in enumerate(zip(order, after, strict=True)) if a != b]
    assert len(changed) in (0, 2)


def test_moving_up_and_down_again_gives_the_order_back():
    order = ["a", "b", "c"]
    assert rules.moved(rules.moved(order, "b", rules.UP), "b", rules.DOWN) == order


def test_the_first_entry_does_not_move_up_nor_the_last_down():
    assert rules.moved(["a", "b"], "a", rules.UP) == ["a", "b"]
    assert rules.moved(["a", "b"], "b", rules.DOWN) == ["a", "b"]


def test_an_unknown_entry_or_direction_changes_nothing():
    assert rules.moved(["a", "b"], "z", rules.UP) == ["a", "b"]
    assert rules.moved(["a", "b"], "b", "sideways") == ["a", "b"]
