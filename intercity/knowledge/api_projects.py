"""The knowledge API: projects."""

from ninja import Router

router = Router(tags=["knowledge"])
