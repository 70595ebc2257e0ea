"""Models of the plans part (see models.py)."""

from __future__ import annotations
