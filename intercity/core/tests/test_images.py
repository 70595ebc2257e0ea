"""Stored images keep their pixels and nothing else."""

from __future__ import annotations

import io

import pytest
from PIL import Image, PngImagePlugin

from intercity.core import images
from intercity.core.errors import DomainError


def _jpeg_with_everything() -> bytes:
    image = Image.new("RGB", (40, 30), (200, 10, 10))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0xA431] = "SERIAL-12345"  # BodySerialNumber
    exif[0x8825] = {2: (37.0, 33.0, 59.0)}  # GPS latitude
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif, comment=b"taken at home, 12 Main St")
    return out.getvalue()


def _png_with_text() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Jane Citizen")
    info.add_text("Location", "37.57,126.98")
    out = io.BytesIO()
    Image.new("RGBA", (20, 20), (0, 0, 255, 128)).save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def test_the_source_images_really_carry_metadata():
    assert "comment" in images.metadata_of(_jpeg_with_everything())
    assert "exif" in images.metadata_of(_jpeg_with_everything())
    assert "Author" in images.metadata_of(_png_with_text())


def test_a_jpeg_loses_its_comment_exif_gps_and_serial():
    clean = images.sanitise(_jpeg_with_everything(), max_bytes=10**6)
    assert clean.format == "JPEG"
    assert images.metadata_of(clean.content) == {}
    assert b"SERIAL-12345" not in clean.content
    assert b"12 Main St" not in clean.content


def test_a_png_kept_as_png_loses_its_text_chunks():
    clean = images.sanitise(_png_with_text(), max_bytes=10**6, keep_png=True)
    assert clean.format == "PNG"
    assert images.metadata_of(clean.content) == {}
    assert b"Jane Citizen" not in clean.content


def test_what_is_not_an_image_is_refused_with_a_reason():
    with pytest.raises(DomainError, match="not an image"):
        images.sanitise(b"%PDF-1.4 hello", max_bytes=10**6, name="evidence")
