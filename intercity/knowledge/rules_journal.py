"""The Best Practices Journal's rules, pure: an issue's number, when an issue may be
published, and how the editors reorder its entries. No ORM, no request, no clock.

An issue of a network is numbered after that network's issues: the first is 1, then the next
free number after the highest (a number is never reused, even when issues were numbered by
hand with a gap). An issue is published once, with at least one project and an editorial; a
published issue is a record: its entries stay as published, and only its title and editorial
may be corrected (each correction audited).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

from django.utils.translation import gettext as _

T = TypeVar("T")

UP, DOWN = "up", "down"
# An issue gathers a handful of projects; a long list is not a journal issue.
MAX_ENTRIES = 50
# What a title and an editors' note may hold (the columns' and a reader's limits).
TITLE_LIMIT = 200
NOTE_LIMIT = 4000
EDITORIAL_LIMIT = 20000


def next_number(existing: Iterable[int]) -> int:
    """The number a new issue of a network takes: one more than the highest it has, 1 for the
    first. `existing` are the numbers the network's issues already have."""
    return max(existing, default=0) + 1


def publish_refusal(*, state: str, entries: int, editorial: str) -> str:
    """Why an issue cannot be published, or "" when it can: it is a draft, it gathers at
    least one project and its editorial is written."""
    if state != "draft":
        return _("This issue is already published.")
    if entries < 1:
        return _("Add at least one project before publishing the issue.")
    if not editorial.strip():
        return _("Write the editorial before publishing the issue.")
    return ""


def moved(order: Sequence[T], item: T, direction: str) -> list[T]:
    """`order` with `item` moved one place up (earlier) or down (later); unchanged when it is
    already first (up) or last (down), or not in the list."""
    items = list(order)
    if item not in items or direction not in (UP, DOWN):
        return items
    index = items.index(item)
    other = index - 1 if direction == UP else index + 1
    if not 0 <= other < len(items):
        return items
    items[index], items[other] = items[other], items[index]
    return items
