"""Models of the representation part (see models.py)."""

from __future__ import annotations
