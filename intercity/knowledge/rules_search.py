"""The catalog search's rules, pure: how a query is cut into words, when a project's folded
text matches them and how well, the population and budget bands of the filters, a highlighted
summary, and how alike two projects are ("projects like this one") and why. No ORM, no
request, no clock: `services/search.py` reads the rows and calls these.

Words. A query is folded as the catalog is (`rules.fold`: accents off, lower case, Hangul as
syllables) and cut into words of letters and digits. A word matches a project when it begins
one of the words of its text ("sensor" finds "sensors", "서울" finds "서울시의": Korean glues
its particles to the end of a word), except a word in Chinese or Japanese characters, which
has no spaces around it: it matches anywhere in the text ("交通" finds "北京市智慧交通").
Every word of the query must match (AND). PostgreSQL does the same with its full-text index
(prefix queries of the 'simple' configuration, plus the project's language's stemming) and a
trigram index for the Chinese words; SQLite uses `matches` below.

Rank: a word in the title counts five times as much as a word elsewhere; each further
occurrence adds less (the logarithm of the count), so a text that repeats a word ten times is
not ten times better. Ties go to the newest project.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from intercity.knowledge.rules import fold

# At most this many words of a query are read; a longer query is cut (a search box, not a
# document comparison).
MAX_QUERY_WORDS = 8
MAX_WORD_LENGTH = 40
TITLE_WEIGHT = 5.0

_WORD = re.compile(r"[^\W_]+")


def is_han(word: str) -> bool:
    """Whether the word holds Chinese or Japanese characters (which are written without
    spaces, so they are matched anywhere in the text rather than at a word's start)."""
    return any(_is_han_char(c) for c in word)


def _is_han_char(c: str) -> bool:
    code = ord(c)
    return (
        0x3040 <= code <= 0x30FF  # kana
        or 0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x2FFFF
    )


def words(text: str | None) -> list[str]:
    """The words of a folded text, in order ('São-Paulo, 2024!' -> ['sao', 'paulo', '2024'])."""
    return _WORD.findall(fold(text))


def text_words(search_text: str | None) -> list[str]:
    """The words of a text already folded (a project's `search_text`, which `rules.search_text`
    folds when it is saved), without folding it again."""
    return _WORD.findall(search_text or "")


def query_words(query: str | None) -> list[str]:
    """The distinct words of a query, folded, in order, at most MAX_QUERY_WORDS, each cut to
    MAX_WORD_LENGTH characters."""
    seen: list[str] = []
    for word in words(query):
        word = word[:MAX_WORD_LENGTH]
        if word not in seen:
            seen.append(word)
        if len(seen) == MAX_QUERY_WORDS:
            break
    return seen


def _occurrences(word: str, tokens: Sequence[str], text: str) -> int:
    if is_han(word):
        return text.count(word)
    return sum(1 for token in tokens if token.startswith(word))


def matches(search_text: str, query: Sequence[str]) -> bool:
    """Whether a project's folded text holds every word of the query (module docstring)."""
    tokens = _WORD.findall(search_text)
    return all(_occurrences(word, tokens, search_text) for word in query)


def rank(search_text: str, query: Sequence[str]) -> float:
    """How well a matching text answers the query: per word, 1 + log(count) outside the title,
    TITLE_WEIGHT more when the title (the text's first line) holds it. 0 when a word is
    missing or the query is empty."""
    title = search_text.split("\n", 1)[0]
    tokens = _WORD.findall(search_text)
    title_tokens = _WORD.findall(title)
    total = 0.0
    for word in query:
        count = _occurrences(word, tokens, search_text)
        if not count:
            return 0.0
        total += 1.0 + math.log(count)
        if _occurrences(word, title_tokens, title):
            total += TITLE_WEIGHT
    return round(total, 9)


# --- Highlighting -------------------------------------------------------------------------


def highlight(text: str, query: Sequence[str], limit: int = 240) -> list[tuple[str, bool]]:
    """A short passage of `text` as pieces (text, whether it is a matched word), around the
    first match, at most about `limit` characters; the text's start when nothing matches.
    Matching is on the folded text, so 'medellin' marks 'Medellín'."""
    if not text:
        return []
    folded_chars: list[str] = []
    origin: list[int] = []  # for each folded character, the index of its original character
    for index, char in enumerate(text):
        piece = _fold_char(char)
        folded_chars.extend(piece)
        origin.extend([index] * len(piece))
    folded = "".join(folded_chars)
    spans: list[tuple[int, int]] = []
    for word in query:
        if not word:
            continue
        pattern = re.escape(word) if is_han(word) else r"(?<![^\W_])" + re.escape(word)
        for found in re.finditer(pattern, folded):
            start = origin[found.start()]
            end = origin[found.end() - 1] + 1
            spans.append((start, end))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    window_start = 0
    if merged and merged[0][0] > limit // 3:
        window_start = merged[0][0] - limit // 3
        space = text.rfind(" ", 0, window_start + 1)
        window_start = space + 1 if space > window_start - 20 else window_start
    window_end = min(len(text), window_start + limit)
    pieces: list[tuple[str, bool]] = []
    cursor = window_start
    for start, end in merged:
        if end <= window_start or start >= window_end:
            continue
        start, end = max(start, window_start), min(end, window_end)
        if start > cursor:
            pieces.append((text[cursor:start], False))
        pieces.append((text[start:end], True))
        cursor = end
    if cursor < window_end:
        pieces.append((text[cursor:window_end], False))
    if window_start > 0:
        pieces.insert(0, ("…", False))
    if window_end < len(text):
        pieces.append(("…", False))
    return pieces


def _fold_char(char: str) -> str:
    folded = fold(char) if not char.isspace() else " "
    if not folded:
        # A mark alone folds to nothing; keep the character count aligned with a blank.
        return "" if unicodedata.combining(char) else " "
    return folded


# --- Bands of the filters -------------------------------------------------------------------


@dataclass(frozen=True)
class Band:
    """A range of a filter: low <= value < high (None: no bound)."""

    key: str
    low: Decimal | None
    high: Decimal | None


MILLION = Decimal(1_000_000)

CITY_SIZES: tuple[Band, ...] = (
    Band("under-500k", None, Decimal(500_000)),
    Band("500k-1m", Decimal(500_000), MILLION),
    Band("1m-5m", MILLION, 5 * MILLION),
    Band("5m-10m", 5 * MILLION, 10 * MILLION),
    Band("over-10m", 10 * MILLION, None),
)
UNKNOWN = "unknown"

BUDGETS: tuple[Band, ...] = (
    Band("under-100k", None, Decimal(100_000)),
    Band("100k-1m", Decimal(100_000), MILLION),
    Band("1m-10m", MILLION, 10 * MILLION),
    Band("10m-100m", 10 * MILLION, 100 * MILLION),
    Band("over-100m", 100 * MILLION, None),
)

CITY_SIZE_KEYS = frozenset([b.key for b in CITY_SIZES] + [UNKNOWN])
BUDGET_KEYS = frozenset([b.key for b in BUDGETS] + [UNKNOWN])


def band_of(value: Decimal | int | None, bands: Sequence[Band]) -> str:
    """The key of the band `value` falls in; UNKNOWN when there is no value."""
    if value is None:
        return UNKNOWN
    amount = Decimal(value)
    for band in bands:
        if (band.low is None or amount >= band.low) and (band.high is None or amount < band.high):
            return band.key
    return UNKNOWN  # pragma: no cover - the bands cover every number from 0 up


# --- Projects like this one -----------------------------------------------------------------

# Words too common in any catalog text to say two projects are alike.
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "by",
        "city",
        "cities",
        "for",
        "from",
        "has",
        "have",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "our",
        "project",
        "projects",
        "that",
        "the",
        "their",
        "this",
        "to",
        "was",
        "were",
        "which",
        "will",
        "with",
        "de",
        "del",
        "el",
        "en",
        "la",
        "las",
        "los",
        "para",
        "por",
        "que",
        "un",
        "una",
        "y",
        "и",
        "в",
        "на",
        "с",
        "по",
        "для",
    ]
)
MAX_TERMS = 20
THEME_WEIGHT = 0.5
TERM_WEIGHT = 0.4
SDG_WEIGHT = 0.1


def distinctive_candidates(search_text: str, limit: int = MAX_TERMS) -> list[str]:
    """The words of a project that may make it distinctive: no stop words, no numbers, at
    least 3 letters (2 for Hangul and Chinese), the most frequent first (ties by the word),
    at most `limit`."""
    counts: dict[str, int] = {}
    for word in _WORD.findall(search_text):
        if word in STOP_WORDS or word.isdigit():
            continue
        if len(word) < 3 and not (is_han(word) or _is_hangul(word)):
            continue
        counts[word] = counts.get(word, 0) + 1
    ordered = sorted(counts, key=lambda w: (-counts[w], w))
    return ordered[:limit]


def _is_hangul(word: str) -> bool:
    return any(0xAC00 <= ord(c) <= 0xD7A3 for c in word)


def rarity(document_frequency: int, documents: int) -> float:
    """How rare a word is in the catalog (inverse document frequency, smoothed): a word in
    every project weighs ~0, a word in one project of a thousand weighs ~6.2."""
    return math.log((documents + 1) / (document_frequency + 1))


def jaccard(a: Iterable[object], b: Iterable[object]) -> float:
    """Shared / together; 0 when both are empty."""
    first, second = set(a), set(b)
    together = first | second
    return len(first & second) / len(together) if together else 0.0


@dataclass(frozen=True)
class Likeness:
    """How alike a candidate is to the project, and why."""

    project_id: int
    score: float
    shared_themes: tuple[str, ...]
    shared_terms: tuple[str, ...]
    shared_sdgs: tuple[int, ...]


@dataclass(frozen=True)
class Profile:
    """What the comparison reads of a project: its id, theme names, SDG numbers and words."""

    project_id: int
    themes: frozenset[str]
    sdgs: frozenset[int]
    terms: frozenset[str]


def likeness(project: Profile, other: Profile, weights: Mapping[str, float]) -> Likeness:
    """THEME_WEIGHT x the share of the project's themes the other has + TERM_WEIGHT x the share
    of the project's distinctive-word weight (`weights`: word -> rarity) the other holds +
    SDG_WEIGHT x Jaccard of the SDGs. (The themes count by the project's own, not by Jaccard:
    a project that has this one's theme and another is not less alike than one with the theme
    alone.) The reasons name the shared themes (alphabetical), the shared words (rarest
    first, at most five) and the shared SDGs."""
    shared_themes = tuple(sorted(project.themes & other.themes))
    shared_terms = sorted(
        (term for term in project.terms & other.terms if weights.get(term, 0) > 0),
        key=lambda term: (-weights[term], term),
    )
    total_weight = sum(w for term, w in weights.items() if term in project.terms and w > 0)
    term_share = sum(weights[t] for t in shared_terms) / total_weight if total_weight else 0.0
    score = (
        THEME_WEIGHT * (len(shared_themes) / len(project.themes) if project.themes else 0.0)
        + TERM_WEIGHT * term_share
        + SDG_WEIGHT * jaccard(project.sdgs, other.sdgs)
    )
    return Likeness(
        project_id=other.project_id,
        score=round(score, 9),
        shared_themes=shared_themes,
        shared_terms=tuple(shared_terms[:5]),
        shared_sdgs=tuple(sorted(project.sdgs & other.sdgs)),
    )


def most_alike(
    project: Profile, others: Iterable[Profile], weights: Mapping[str, float], limit: int
) -> list[Likeness]:
    """The `limit` others most like the project, best first, ties by id (stable); never the
    project itself, never one with nothing in common."""
    found = [
        likeness(project, other, weights)
        for other in others
        if other.project_id != project.project_id
    ]
    found = [f for f in found if f.score > 0]
    found.sort(key=lambda f: (-f.score, f.project_id))
    return found[:limit]
