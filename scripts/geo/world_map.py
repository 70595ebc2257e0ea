"""Write intercity/static/network/world-110m.svg, the country shapes under the member map.

Source: the npm package `world-atlas` 2.0.2 (ISC licence, Mike Bostock / the TopoJSON
project), a TopoJSON redistribution of Natural Earth's Admin 0 country boundaries 1:110m,
version 4.1.0 (public domain, https://www.naturalearthdata.com/). Run from the tree's root:

    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    .venv/bin/python scripts/geo/world_map.py /tmp/package/countries-110m.json

The TopoJSON arcs are decoded (delta-encoded, quantized), projected with the registry's own
projection (`intercity.network.rules.project`: equirectangular, one SVG unit per degree, 84°N
to 58°S, Antarctica left out) and rounded to a tenth of a degree, dropping the points that
rounding merges: about 50 kB, plenty for a map whose points are cities.
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from intercity.network.rules import MAP_HEIGHT, MAP_NORTH, MAP_SOUTH, MAP_WIDTH  # noqa: E402

OUT = ROOT / "intercity/static/network/world-110m.svg"
ANTARCTICA = "010"


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def unwrapped(points: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """A ring that crosses the antimeridian (Russia's Chukotka, Fiji) would be drawn as a band
    across the whole map: its longitudes are made continuous (past 180°) and the ring is drawn
    twice, once as it is and once 360° to the west, the map's edge cutting both."""
    if all(abs(b[0] - a[0]) <= 180 for a, b in itertools.pairwise(points)):
        return [points]
    continuous = [points[0]]
    for lon, lat in points[1:]:
        previous = continuous[-1][0]
        while lon - previous > 180:
            lon -= 360
        while previous - lon > 180:
            lon += 360
        continuous.append((lon, lat))
    shift = 360 if min(lon for lon, _ in continuous) < -180 else -360
    return [continuous, [(lon + shift, lat) for lon, lat in continuous]]


def path(points: list[tuple[float, float]]) -> str:
    projected = []
    for lon, lat in points:
        x = round(lon + 180, 1)
        y = round(min(max(MAP_NORTH - lat, -1), MAP_HEIGHT + 1), 1)
        if not projected or projected[-1] != (x, y):
            projected.append((x, y))
    if len(projected) < 3:
        return ""
    head, *rest = projected
    return f"M{head[0]:g} {head[1]:g}" + "".join(f"L{x:g} {y:g}" for x, y in rest) + "Z"


def main(source: Path) -> None:
    topology = json.loads(source.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    shapes = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("id") == ANTARCTICA:
            continue
        polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry.get("arcs", [])
        d = "".join(
            path(part) for polygon in polygons for r in polygon for part in unwrapped(ring(arcs, r))
        )
        if d:
            shapes.append(d)
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {MAP_WIDTH} {MAP_HEIGHT}" '
        f'width="{MAP_WIDTH * 4}" height="{MAP_HEIGHT * 4}">'
        "<!-- Natural Earth 1:110m Admin 0 countries (public domain) via world-atlas 2.0.2 "
        f"(ISC); equirectangular, {MAP_NORTH}N to {-MAP_SOUTH}S; made by "
        "scripts/geo/world_map.py -->"
        '<path fill="#dfe6e9" stroke="#ffffff" stroke-width="0.25" stroke-linejoin="round" d="'
        + "".join(shapes)
        + '"/></svg>\n'
    )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(svg, encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(shapes)} countries, {len(svg) // 1024} kB")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
