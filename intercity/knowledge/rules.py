"""The catalog's rules, pure: which moves a project's publication may make and who may make
them, and the folded text the search compares. No ORM, no request, no clock.

Publication (seed 003, Goal 3: the Secretariat keeps the catalog "in a unified format"): a
city officer writes a project as a draft and sends it for review; the Secretariat publishes it
or sends it back with a note; the Secretariat may take a published project off the catalog
again (back to draft, with a reason). Search-related rules are in `rules_search.py`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext as _

DRAFT, IN_REVIEW, PUBLISHED = "draft", "in_review", "published"

SUBMIT, PUBLISH, SEND_BACK, UNPUBLISH = "submit", "publish", "send_back", "unpublish"

# action -> (the states it starts from, the state it leads to, whether only the Secretariat
# may take it, whether it needs a note saying why)
MOVES: dict[str, tuple[frozenset[str], str, bool, bool]] = {
    SUBMIT: (frozenset({DRAFT}), IN_REVIEW, False, False),
    PUBLISH: (frozenset({DRAFT, IN_REVIEW}), PUBLISHED, True, False),
    SEND_BACK: (frozenset({IN_REVIEW}), DRAFT, True, True),
    UNPUBLISH: (frozenset({PUBLISHED}), DRAFT, True, True),
}


@dataclass(frozen=True)
class Move:
    """Whether a move is allowed, the state it leads to, and why not when it is not."""

    allowed: bool
    to_state: str = ""
    refusal: str = ""


def check_move(
    action: str, state: str, *, is_staff: bool, is_officer: bool, note: str = ""
) -> Move:
    """Whether `action` may be taken on a project in `state` by someone who is (or is not) the
    Secretariat, or an officer of the project's city."""
    if action not in MOVES:
        return Move(False, refusal=_("This is not a step of a project's publication."))
    starts, to_state, staff_only, needs_note = MOVES[action]
    if staff_only and not is_staff:
        return Move(False, refusal=_("Only the Secretariat publishes, sends back or unpublishes."))
    if not (is_staff or is_officer):
        return Move(
            False, refusal=_("Only an officer of the project's city may send it for review.")
        )
    if state not in starts:
        return Move(False, refusal=_refusal_for_state(action, state))
    if needs_note and not note.strip():
        return Move(False, refusal=_("Say why, so the city knows what to change."))
    return Move(True, to_state)


def _refusal_for_state(action: str, state: str) -> str:
    if state == PUBLISHED:
        return _("The project is already published.")
    if state == IN_REVIEW and action == SUBMIT:
        return _("The project is already waiting for the Secretariat's review.")
    if state == DRAFT and action == SEND_BACK:
        return _("The project is a draft: there is nothing to send back.")
    return _("The project is not published.")


def may_edit(*, is_staff: bool, is_officer: bool) -> bool:
    """The Secretariat edits every project; a city's officers edit their city's projects, in
    every state (an edit of a published project stays published and is audited)."""
    return is_staff or is_officer


def fold(text: str | None) -> str:
    """Text as the catalog's search compares it: accents dropped, case folded, spaces
    collapsed, Hangul kept as syllables.

    'São Paulo' -> 'sao paulo', 'MADRID' -> 'madrid', '서울 북촌' -> '서울 북촌'. Accents go by
    splitting letters (NFKD) and dropping the marks; recomposing (NFC) afterwards puts Hangul
    syllables back together, which NFKD splits into their letters.
    """
    if not text:
        return ""
    text = text.translate(_UNSPLIT)
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(unicodedata.normalize("NFC", bare).casefold().split())


_UNSPLIT = str.maketrans(
    {"đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ı": "i", "æ": "ae", "Æ": "AE"}
)


def search_text(*parts: str | None) -> str:
    """A project's texts folded into the one column the search reads."""
    return "\n".join(folded for folded in (fold(part) for part in parts) if folded)
