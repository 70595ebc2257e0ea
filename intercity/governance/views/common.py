"""What the governance pages share: the URLs they answer with."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from intercity.core.errors import NotFound
from intercity.governance import services
from intercity.governance.models import (
    AgendaItem,
    Decision,
    Meeting,
)

View = Callable[..., HttpResponse]


def item_of(meeting: Meeting, item_id: int) -> AgendaItem:
    item = get_object_or_404(AgendaItem, pk=item_id, meeting=meeting)
    item.meeting = meeting
    return item


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def meeting_url(meeting: Meeting, anchor: str = "") -> str:
    url = reverse("governance_meeting", args=[meeting.network.slug, meeting.key])
    return f"{url}#{anchor}" if anchor else url


def decision_url(decision: Decision) -> str:
    if decision.meeting is not None:
        return meeting_url(decision.meeting, f"decision-{decision.pk}")
    return reverse("governance_decision", args=[decision.network.slug, decision.pk])


def auto_id(key: str) -> str:
    """Each form on the meeting page gets its own ids, so every label finds its field."""
    return f"id_{key}_%s"


def meeting_of(decision: Decision) -> Meeting:
    if decision.meeting is None:
        raise NotFound(_("This decision was not taken at a meeting."))
    return services.get_meeting(decision.network, decision.meeting.key)
