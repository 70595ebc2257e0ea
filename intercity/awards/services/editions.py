"""An edition of an award: who sees it, its categories, criteria and panel, its stages."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from intercity.accounts import permissions
from intercity.awards.models import Edition, Stage


def editions_visible_to(user: Any) -> QuerySet[Edition]:
    """Every edition for the Secretariat; for others, those past their preparation."""
    found = Edition.objects.select_related("network")
    if permissions.is_secretariat(user):
        return found
    return found.exclude(stage=Stage.DRAFT)
