"""Models of the timeline part (see models.py)."""

from __future__ import annotations
