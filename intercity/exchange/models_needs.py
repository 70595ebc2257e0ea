"""Models of the needs part (see models.py)."""

from __future__ import annotations
