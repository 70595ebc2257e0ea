"""A ruling's article reference read as article numbers (`governance.articles`), and two texts
of an article compared word by word."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intercity.governance.articles import (
    ArticleText,
    article_refs,
    articles_cited,
    compare,
    compare_texts,
    word_diff,
)


@pytest.mark.parametrize(
    ("reference", "labels", "articles"),
    [
        ("Art. 16.1", ["16.1"], ("16",)),
        ("Art. 13.6(b) with Art. 16.1", ["13.6(b)", "16.1"], ("13", "16")),
        ("Art. 16.1-16.2 (2012 text)", ["16.1", "16.2"], ("16",)),
        (
            "Art. 10.8: simple majority approval of the members of the Executive Committee",
            ["10.8"],
            ("10",),
        ),
        ("Art. 16.1, 12.7", ["16.1", "12.7"], ("16", "12")),
        ("Art. 11.2, 12.1", ["11.2", "12.1"], ("11", "12")),
        (
            "Art. 16.1 (2014 text); the Secretary General does not vote (Art. 12.7)",
            ["16.1", "12.7"],
            ("16", "12"),
        ),
        (
            "Art. 15.1(b)(i): GA attended by more than half of the total members",
            ["15.1(b)(i)"],
            ("15",),
        ),
        (
            "Art. 13.6 (2012 text): consent of more than half of the members present",
            ["13.6"],
            ("13",),
        ),
        ("Art. 17 with Art. 16.1 (2014 text)", ["17", "16.1"], ("17", "16")),
        ("Articles 11-13", ["11", "13"], ("11", "12", "13")),
        ("Article 20", ["20"], ("20",)),
        ("Most votes wins.", [], ()),
        ("", [], ()),
        ("Artificial 12", [], ()),
    ],
)
def test_a_reference_is_read_as_the_articles_it_cites(reference, labels, articles):
    assert [ref.label for ref in article_refs(reference)] == labels
    assert articles_cited(reference) == articles


def test_each_reference_knows_where_it_is_written_and_its_anchor():
    reference = "Art. 13.6(b) with Art. 16.1"
    first, second = article_refs(reference)
    assert reference[first.start : first.end] == "13.6(b)"
    assert reference[second.start : second.end] == "16.1"
    assert (first.anchor, second.anchor) == ("art-13", "art-16")


def test_numbers_in_the_rule_words_after_a_colon_are_not_references():
    assert articles_cited("Art. 15.1(b)(i): more than half, see Art. 99") == ("15",)


numbers = st.integers(min_value=1, max_value=99)
cited = st.tuples(numbers, st.none() | numbers, st.sampled_from(["", "(a)", "(b)(i)"]))


@given(st.lists(cited, min_size=1, max_size=4), st.sampled_from([", ", " with Art. ", " and "]))
def test_written_references_are_read_back(refs, joiner):
    parts = [f"{a}" + (f".{p}" if p is not None else "") + item for a, p, item in refs]
    reference = "Art. " + joiner.join(parts) + " (2014 text)"
    found = article_refs(reference)
    assert [r.label for r in found] == parts
    assert set(articles_cited(reference)) >= {str(a) for a, _, _ in refs}


@given(st.text(max_size=200) | st.builds("Art. {}".format, st.text(max_size=40)))
def test_any_text_is_read_without_error_and_cites_only_numbers(text):
    for ref in article_refs(text):
        assert ref.article.isdigit()
        written = text[ref.start : ref.end]
        assert str(int(written.split(".")[0].split("(")[0])) == ref.article
    assert all(number.isdigit() for number in articles_cited(text))


# --- Comparing --------------------------------------------------------------------------------


def text(number: str, *paragraphs: tuple[str, str], status: str = "complete") -> ArticleText:
    return ArticleText(number, f"Title {number}", status, tuple(paragraphs))


QUORUM_2014 = text("16", ("1", "attendance of one third or more of the total members"))
QUORUM_2017 = text("16", ("1", "attendance of one fourth or more of the total members"))


def test_changed_words_are_marked_deleted_on_the_left_and_inserted_on_the_right():
    change = compare(QUORUM_2014, QUORUM_2017)
    assert change.change == "changed"
    assert [p.text for p in change.before if p.kind == "del"] == ["third"]
    assert [p.text for p in change.after if p.kind == "ins"] == ["fourth"]
    assert "".join(p.text for p in change.after).startswith("1. attendance of one")


def test_the_same_text_is_unchanged():
    assert compare(QUORUM_2017, QUORUM_2017).change == "unchanged"


def test_an_article_only_in_the_later_text_is_added_and_only_in_the_earlier_removed():
    assert compare(None, QUORUM_2017).change == "added"
    assert compare(QUORUM_2014, None).change == "removed"


def test_a_text_not_in_the_sources_is_not_compared():
    missing = text("16", status="missing")
    change = compare(missing, QUORUM_2017)
    assert change.change == "not-comparable"
    assert change.explanation == "The earlier text is not in the sources."


def test_an_excerpt_is_compared_only_where_both_texts_hold_the_paragraph():
    excerpt = text("16", ("2", "Each full member shall have one vote."), status="partial")
    later = text("16", ("1", "Quorum words."), ("2", "Each full member shall have one vote."))
    change = compare(excerpt, later)
    assert change.change == "unchanged"
    assert "paragraph 1 is in one text only" in change.explanation


def test_articles_a_partial_text_does_not_list_are_unknown_not_added():
    changes = compare_texts(
        [QUORUM_2014], [text("4", ("", "Projects.")), QUORUM_2017], before_whole=False
    )
    assert [(c.number, c.change) for c in changes] == [
        ("4", "not-comparable"),
        ("16", "changed"),
    ]
    whole = compare_texts([QUORUM_2014], [text("4", ("", "Projects.")), QUORUM_2017])
    assert whole[0].change == "added"


def test_line_breaks_of_sub_items_are_kept():
    before, after = word_diff([("1", "Intro:\n(a) one")], [("1", "Intro:\n(a) two")])
    assert before[0].text == "1. Intro:\n(a)"
    assert [p.kind for p in after] == ["same", "ins"]
