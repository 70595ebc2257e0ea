"""Photos of reports: checked by content, size-limited, re-encoded as JPEG, so that no
metadata (EXIF, GPS position, camera serial) the citizen's phone wrote is ever stored."""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from intercity.core.errors import DomainError

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
MAX_PIXELS = 40_000_000  # refuse decompression bombs before decoding
MAX_SIDE = 2560  # larger photos are scaled down


@dataclass(frozen=True)
class CleanPhoto:
    content: bytes
    width: int
    height: int


def sanitise(data: bytes, *, max_bytes: int, name: str = "photo") -> CleanPhoto:
    """Return the photo re-encoded as a JPEG with no metadata, or refuse it with a reason."""
    if len(data) > max_bytes:
        raise DomainError(
            f"{name} is {len(data):,} bytes; the limit is {max_bytes:,} bytes.", status=413
        )
    if not data:
        raise DomainError(f"{name} is empty.")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind = probe.format
            width, height = probe.size
        if kind not in ACCEPTED_FORMATS:
            raise DomainError(f"{name} is not a JPEG, PNG, WebP or GIF image.", status=415)
        if width * height > MAX_PIXELS:
            raise DomainError(f"{name} is {width}x{height} pixels; that is too large.")
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            upright = ImageOps.exif_transpose(image)  # keep the orientation, drop the tag
            rgb = upright.convert("RGB")
    except DomainError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise DomainError(f"{name} is not an image this system can read.", status=415) from None
    rgb.thumbnail((MAX_SIDE, MAX_SIDE))
    out = io.BytesIO()
    # A fresh image written without exif= or icc_profile= carries no metadata at all.
    rgb.save(out, format="JPEG", quality=85, optimize=True)
    return CleanPhoto(out.getvalue(), rgb.width, rgb.height)
