"""The plans API: the representation part."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["plans"])
