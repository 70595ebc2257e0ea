"""The exchange API: the twinning part."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["exchange"])
