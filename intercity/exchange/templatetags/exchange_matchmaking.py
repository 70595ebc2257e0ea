"""The matchmaking part's template tag: the module's home page lists the events without the
shared home view knowing the part (the page includes home_matchmaking.html)."""

from __future__ import annotations

from django import template

from intercity.exchange.models_matchmaking import MatchmakingEvent
from intercity.exchange.services import matchmaking as services

register = template.Library()

HOME_LIMIT = 20


@register.simple_tag
def matchmaking_events() -> list[MatchmakingEvent]:
    return list(services.events()[:HOME_LIMIT])
