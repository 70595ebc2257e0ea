"""Every stored image goes through here: checked by content, bounded in size, and re-encoded
from its pixels alone, so no metadata (EXIF, GPS position, camera make and serial, JPEG
comments, XMP, ICC text, PNG text chunks) that a phone or an editor wrote is ever kept."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from intercity.core.errors import DomainError

ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
MAX_PIXELS = 40_000_000  # refuse decompression bombs before decoding
MAX_SIDE = 2560  # larger photos are scaled down


@dataclass(frozen=True)
class CleanImage:
    content: bytes
    width: int
    height: int
    format: str  # "JPEG" or "PNG"


def _pixels_only(image: Image.Image, mode: str) -> Image.Image:
    """A new image holding only the pixels: `Image.new` + paste carries no `info` (Pillow
    writes `info["comment"]`, `info["exif"]` and others back out when it saves)."""
    upright = ImageOps.exif_transpose(image)  # keep the orientation, drop the tag
    converted = upright.convert(mode)
    bare = Image.new(mode, converted.size)
    bare.paste(converted)
    return bare


def sanitise(
    data: bytes,
    *,
    max_bytes: int,
    name: str = "",
    keep_png: bool = False,
    max_side: int | None = MAX_SIDE,
) -> CleanImage:
    """The image re-encoded with no metadata, or a DomainError saying why it is refused.

    A JPEG (or any photo) comes back as a JPEG; with `keep_png`, a PNG stays a lossless PNG
    (documents' diagrams and screenshots). `name` is the file's name as the person gave it."""
    # Translators: stands for a photo whose file has no name, e.g. "The photo is empty."
    name = name or _("The photo")
    if len(data) > max_bytes:
        raise DomainError(
            # Translators: %(name)s is the file's name, or "The photo" when it has none.
            _("%(name)s is %(size)s bytes; the limit is %(limit)s bytes.")
            % {"name": name, "size": f"{len(data):,}", "limit": f"{max_bytes:,}"},
            status=413,
        )
    if not data:
        raise DomainError(_("%(name)s is empty.") % {"name": name})
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind = probe.format
            width, height = probe.size
        if kind not in ACCEPTED_FORMATS:
            raise DomainError(
                _("%(name)s is not a JPEG, PNG, WebP or GIF image.") % {"name": name}, status=415
            )
        if width * height > MAX_PIXELS:
            raise DomainError(
                _("%(name)s is %(width)s×%(height)s pixels; that is too large.")
                % {"name": name, "width": width, "height": height}
            )
        as_png = keep_png and kind == "PNG"
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            mode = ("RGBA" if image.mode in {"RGBA", "LA", "P"} else "RGB") if as_png else "RGB"
            bare = _pixels_only(image, mode)
    except DomainError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise DomainError(
            _("%(name)s is not an image this system can read.") % {"name": name}, status=415
        ) from None
    if max_side:
        bare.thumbnail((max_side, max_side))
    out = io.BytesIO()
    if as_png:
        bare.save(out, format="PNG", optimize=True)
    else:
        bare.save(out, format="JPEG", quality=85, optimize=True)
    return CleanImage(out.getvalue(), bare.width, bare.height, "PNG" if as_png else "JPEG")


def metadata_of(data: bytes) -> dict[str, object]:
    """What metadata an encoded image carries (for tests and checks): its `info` keys and its
    EXIF tags. Empty for what `sanitise` returns."""
    with Image.open(io.BytesIO(data)) as image:
        found: dict[str, object] = {
            str(key): value
            for key, value in image.info.items()
            if key not in {"jfif", "jfif_version", "jfif_unit", "jfif_density", "dpi"}
        }
        exif = image.getexif()
        if exif:
            found["exif"] = dict(exif)
        return found
