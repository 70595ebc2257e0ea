"""Models of the twinning part (see models.py)."""

from __future__ import annotations
