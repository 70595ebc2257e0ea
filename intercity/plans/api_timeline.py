"""The plans API: the timeline part."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["plans"])
