"""The exchange API: the needs part."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["exchange"])
