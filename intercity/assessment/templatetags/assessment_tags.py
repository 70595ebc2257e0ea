"""Template filters of the assessment pages."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from django import template

from intercity.assessment import rules

register = template.Library()


@register.filter
def score(value: Fraction | None) -> str:
    """A 0-100 score to one decimal, or a dash when there is none."""
    return rules.show(value)


@register.filter
def signed(value: Fraction | int | None) -> str:
    """A change with its sign: +4.5, -2.0, 0.0."""
    if value is None:
        return "-"
    text = rules.show(Fraction(value))
    return f"+{text}" if value > 0 else text


@register.filter
def get(mapping: Any, key: Any) -> Any:
    return mapping.get(key) if hasattr(mapping, "get") else None
