"""The knowledge API: journal."""

from ninja import Router

router = Router(tags=["knowledge"])
