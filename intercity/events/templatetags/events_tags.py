"""Template helpers of the events pages."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def get(mapping: dict[Any, Any], key: Any) -> Any:
    """`mapping|get:key`: the value for a key, None when absent."""
    return mapping.get(key) if isinstance(mapping, dict) else None
