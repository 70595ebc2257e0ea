"""What installed modules contribute to a page: `{% contributed "network_links" network %}`."""

from __future__ import annotations

from typing import Any

from django import template

from intercity.core import modules

register = template.Library()


@register.simple_tag(takes_context=True)
def contributed(context: dict[str, Any], hook: str, *args: Any) -> list[Any]:
    request = context.get("request")
    if request is None:
        return []
    return modules.contributions(hook, request, *args)
