"""The knowledge API: clusters."""

from ninja import Router

router = Router(tags=["knowledge"])
