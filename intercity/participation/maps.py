"""The maps of the Civic Participation System's pages (Leaflet, vendored under
`static/vendor/`, decision 0032): the tile server the city configured, the page's
Content-Security-Policy for it, and the reports as GeoJSON for the map of a list.

Without `CPS_TILE_URL` there is no map: the pages load no Leaflet and read as before."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.conf import settings
from django.http import HttpResponse

from intercity.participation import rules
from intercity.participation.services import MapPoint


def tile_url() -> str:
    # Read at each request: a change of setting (or a test's) needs no restart.
    return str(getattr(settings, "CPS_TILE_URL", "") or "")


def context() -> dict[str, str]:
    """What a page's template needs to draw a map, or an empty `tile_url`: no map."""
    return {
        "tile_url": tile_url(),
        "tile_attribution": str(getattr(settings, "CPS_TILE_ATTRIBUTION", "") or ""),
    }


def allow_tiles(response: HttpResponse) -> HttpResponse:
    """Let the page load images from the tile server the city chose now (django-csp adds
    it to `img-src` on this response only)."""
    origin = rules.tile_origin(tile_url())
    if origin:
        response._csp_update = {"img-src": origin}  # type: ignore[attr-defined]
    return response


def feature_collection(
    points: Sequence[MapPoint], truncated: bool, limit: int, link: Callable[[MapPoint], str]
) -> dict[str, Any]:
    """The points as a GeoJSON FeatureCollection (RFC 7946: longitude first), with how many
    were asked at most and whether more matched (foreign members the RFC allows)."""
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    # Six decimals as stored (about 10 cm): a position, not a count.
                    "coordinates": [float(p.longitude), float(p.latitude)],
                },
                "properties": {
                    "id": p.public_id,
                    "service": p.service,
                    "status": p.status,
                    "open311": p.open311,
                    "requested_at": p.requested_at.isoformat(),
                    "url": link(p),
                },
            }
            for p in points
        ],
        "count": len(points),
        "limit": limit,
        "truncated": truncated,
    }
