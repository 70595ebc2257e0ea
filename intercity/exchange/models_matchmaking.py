"""Models of the matchmaking part (see models.py)."""

from __future__ import annotations
