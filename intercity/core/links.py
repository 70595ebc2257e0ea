"""Absolute links for what leaves the site (e-mails, PDFs, feeds): built from SITE_URL, never
from the Host header of whichever request happened to cause them."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse


def absolute(path: str) -> str:
    """SITE_URL joined to a site path ("/cps/..."); a full URL is returned as it is."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL + ("" if path.startswith("/") else "/") + path


def absolute_url(viewname: str, *args: Any, **kwargs: Any) -> str:
    """reverse() made absolute: absolute_url("report", "seoul", 42)."""
    return absolute(reverse(viewname, args=args or None, kwargs=kwargs or None))
