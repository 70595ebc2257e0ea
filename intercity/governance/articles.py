"""Statute texts as values: where a ruling's article reference points, and what changed
between two texts of an article. Pure functions (no ORM, no request), like `rules`.

A ruling stores the article it applied as the statute words it cites, e.g.
"Art. 13.6(b) with Art. 16.1 (2014 text)" or "Art. 10.8: simple majority approval ..."
(`governance/seed_data/wego/statutes.yaml`). `article_refs` finds each article number in
such a string, with its place, so a page can turn each into a link to the article.

`compare` sets two texts of one article side by side, word by word (`difflib`), and says
whether it was added, removed, changed or left as it was. A text the sources do not hold
in full is compared only where both texts have the paragraph: nothing is guessed.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from django.utils.translation import gettext, ngettext

# "Art." / "Article" / "Arts." then numbers: 16, 16.1, 13.6(b), 15.1(b)(i); lists of them
# joined by commas, "and", "&", or ranges "16.1-16.2". Text after ": " is the rule in words
# ("Art. 10.8: simple majority ..."): numbers there are not references.
_NUMBER = r"(\d{1,3})(?:\.(\d{1,3}))?((?:\([a-z]{1,4}\))*)"
_MARKER = re.compile(r"\b(?:Art(?:icle)?s?)\.?\s*", re.IGNORECASE | re.ASCII)
_ITEM = re.compile(_NUMBER, re.ASCII)
_JOIN = re.compile(r"\s*(?:,|and|&|-|–|to)\s*", re.IGNORECASE)
# No article number in any seeded statute is above 22; a range wider than this is a typo.
MAX_RANGE = 30


@dataclass(frozen=True)
class ArticleRef:
    """One article number as written in a reference, and where: `text[start:end]`."""

    article: str
    paragraph: str
    item: str
    start: int
    end: int

    @property
    def label(self) -> str:
        return self.article + (f".{self.paragraph}" if self.paragraph else "") + self.item

    @property
    def anchor(self) -> str:
        """The id of the article on a statute page (`#art-16`)."""
        return f"art-{self.article}"


def _cited_part(text: str) -> str:
    """The part of a reference before the rule in words ("Art. 10.8: simple majority")."""
    colon = text.find(": ")
    return text if colon < 0 else text[:colon]


def article_refs(text: str) -> tuple[ArticleRef, ...]:
    """Each article number a reference cites, in order, with its span in `text`.

    "Art. 13.6(b) with Art. 16.1" -> 13.6(b), 16.1; "Art. 16.1, 12.7" -> 16.1, 12.7;
    "Art. 16.1-16.2 (2012 text)" -> 16.1, 16.2; "Art. 10.8: simple majority" -> 10.8.
    """
    cited = _cited_part(text)
    refs: list[ArticleRef] = []
    for marker in _MARKER.finditer(cited):
        at = marker.end()
        while True:
            found = _ITEM.match(cited, at)
            if found is None:
                break
            refs.append(
                ArticleRef(
                    article=str(int(found.group(1))),
                    paragraph=str(int(found.group(2))) if found.group(2) else "",
                    item=found.group(3) or "",
                    start=found.start(),
                    end=found.end(),
                )
            )
            join = _JOIN.match(cited, found.end())
            if join is None or not _ITEM.match(cited, join.end()):
                break
            at = join.end()
    return tuple(refs)


def articles_cited(text: str) -> tuple[str, ...]:
    """The article numbers a reference cites, each once, in order; a range of whole articles
    ("Art. 11-13") counts every article in it."""
    refs = article_refs(text)
    numbers: list[str] = []
    for i, before in enumerate(refs):
        numbers.append(before.article)
        after = refs[i + 1] if i + 1 < len(refs) else None
        if after is None or before.paragraph or after.paragraph:
            continue
        between = text[before.end : after.start]
        low, high = int(before.article), int(after.article)
        if between.strip() in {"-", "–", "to"} and 0 < high - low <= MAX_RANGE:
            numbers.extend(str(n) for n in range(low + 1, high))
    return tuple(dict.fromkeys(numbers))


# --- Comparing two texts ------------------------------------------------------------------

Change = Literal["added", "removed", "changed", "unchanged", "not-comparable"]


@dataclass(frozen=True)
class ArticleText:
    """An article as a version holds it: `complete`, `partial` (only some paragraphs are on
    record) or `missing` (none)."""

    number: str
    title: str
    status: str
    paragraphs: tuple[tuple[str, str], ...]  # (paragraph number or "", text)

    @property
    def on_record(self) -> bool:
        return self.status != "missing"


@dataclass(frozen=True)
class Piece:
    """A run of words on one side: `same` on both, `del` only in the earlier text, `ins` only
    in the later. Line breaks inside `text` are the article's own."""

    kind: Literal["same", "del", "ins"]
    text: str


@dataclass(frozen=True)
class ArticleChange:
    number: str
    title: str
    change: Change
    before: tuple[Piece, ...]
    after: tuple[Piece, ...]
    explanation: str


def _words(paragraphs: Sequence[tuple[str, str]]) -> list[str]:
    words: list[str] = []
    for n, text in paragraphs:
        if words:
            words.append("\n\n")
        if n:
            words.append(f"{n}.")
        for i, line in enumerate(text.split("\n")):
            if i:
                words.append("\n")
            words.extend(line.split())
    return words


def _join(words: Sequence[str]) -> str:
    out = ""
    for word in words:
        if word.startswith("\n") or out.endswith("\n") or not out:
            out += word
        else:
            out += " " + word
    return out


def _pieces(kind: Literal["same", "del", "ins"], words: Sequence[str]) -> list[Piece]:
    return [Piece(kind, _join(words))] if words else []


def word_diff(
    before: Sequence[tuple[str, str]], after: Sequence[tuple[str, str]]
) -> tuple[tuple[Piece, ...], tuple[Piece, ...]]:
    """The two texts as runs of words, marking what only one of them has."""
    a, b = _words(before), _words(after)
    left: list[Piece] = []
    right: list[Piece] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            left += _pieces("same", a[i1:i2])
            right += _pieces("same", b[j1:j2])
        else:
            left += _pieces("del", a[i1:i2])
            right += _pieces("ins", b[j1:j2])
    return tuple(left), tuple(right)


def _shared(
    before: ArticleText, after: ArticleText
) -> tuple[list[tuple[str, str]], list[tuple[str, str]], list[str]]:
    """Only the paragraphs both texts hold, when either is not complete; the rest named."""
    if before.status == "complete" and after.status == "complete":
        return list(before.paragraphs), list(after.paragraphs), []
    numbers_a = {n for n, _ in before.paragraphs}
    numbers_b = {n for n, _ in after.paragraphs}
    both = numbers_a & numbers_b
    left = [p for p in before.paragraphs if p[0] in both]
    right = [p for p in after.paragraphs if p[0] in both]
    skipped = [n or "(unnumbered)" for n, _ in before.paragraphs + after.paragraphs]
    skipped = [n for n in dict.fromkeys(skipped) if n not in both and n != "(unnumbered)"]
    return left, right, skipped


def compare(before: ArticleText | None, after: ArticleText | None) -> ArticleChange:
    """What happened to one article between two texts, with the words that changed."""
    if before is None and after is None:
        raise ValueError(gettext("Compare needs at least one text of the article."))
    one = after or before
    assert one is not None
    number = one.number
    title = (after.title if after else "") or (before.title if before else "")
    if before is None:
        assert after is not None
        _, right = word_diff([], after.paragraphs)
        return ArticleChange(number, title, "added", (), right, gettext("Not in the earlier text."))
    if after is None:
        left, _ = word_diff(before.paragraphs, [])
        return ArticleChange(number, title, "removed", left, (), gettext("Not in the later text."))
    if not before.on_record or not after.on_record:
        if not before.on_record and not after.on_record:
            words = gettext("Neither text of this article is in the sources.")
        elif after.on_record:
            words = gettext("The earlier text is not in the sources.")
        else:
            words = gettext("The later text is not in the sources.")
        return ArticleChange(number, title, "not-comparable", (), (), words)
    left_paragraphs, right_paragraphs, skipped = _shared(before, after)
    if not left_paragraphs and not right_paragraphs:
        return ArticleChange(
            number,
            title,
            "not-comparable",
            (),
            (),
            gettext("The sources hold no paragraph of this article in both texts."),
        )
    left, right = word_diff(left_paragraphs, right_paragraphs)
    changed = any(p.kind != "same" for p in left + right)
    explanation = ""
    if skipped:
        explanation = ngettext(
            "Compared where both texts are on record; paragraph %(numbers)s is in one text "
            "only (the other's is not in the sources).",
            "Compared where both texts are on record; paragraphs %(numbers)s are each in one "
            "text only (the other's is not in the sources).",
            len(skipped),
        ) % {"numbers": ", ".join(skipped)}
    return ArticleChange(
        number, title, "changed" if changed else "unchanged", left, right, explanation
    )


def compare_texts(
    before: Sequence[ArticleText],
    after: Sequence[ArticleText],
    *,
    before_whole: bool = True,
    after_whole: bool = True,
) -> tuple[ArticleChange, ...]:
    """Every article of either text, in article order. A text the sources hold only in part
    (`*_whole=False`) says nothing of the articles it does not list: those are not
    comparable, not added or removed."""
    earlier = {a.number: a for a in before}
    later = {a.number: a for a in after}
    order = list(dict.fromkeys([*later, *earlier]))
    order.sort(key=lambda n: (int(n) if n.isdigit() else 10**6, n))

    def unknown(number: str) -> ArticleText:
        return ArticleText(number, "", "missing", ())

    changes = []
    for number in order:
        a = earlier.get(number) or (None if before_whole else unknown(number))
        b = later.get(number) or (None if after_whole else unknown(number))
        changes.append(compare(a, b))
    return tuple(changes)
