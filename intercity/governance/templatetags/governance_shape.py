"""`{% network_shape network as shape %}`: what the network's own statute and records define,
for the governance pages' navigation and words (`services.network_shape`)."""

from __future__ import annotations

from typing import Any

from django import template

from intercity.governance import services

register = template.Library()


@register.simple_tag(takes_context=True)
def network_shape(context: Any, network: Any) -> services.NetworkShape:
    # Computed once per page even when several templates ask.
    cache = context.render_context
    key = ("network_shape", network.pk)
    if key not in cache:
        cache[key] = services.network_shape(network)
    return cache[key]  # type: ignore[no-any-return]
