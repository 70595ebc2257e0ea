"""Photos of reports: checked by content, size-limited, re-encoded as JPEG without metadata
(the sanitising itself is shared by every stored image: `core.images`)."""

from __future__ import annotations

from intercity.core.images import CleanImage as CleanPhoto
from intercity.core.images import sanitise as _sanitise

__all__ = ["CleanPhoto", "sanitise"]


def sanitise(data: bytes, *, max_bytes: int, name: str = "") -> CleanPhoto:
    """The photo re-encoded as a JPEG with no metadata, or refused with a reason."""
    return _sanitise(data, max_bytes=max_bytes, name=name)
