"""The plans API: the plans part."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["plans"])
