"""Radar (spider) charts of section scores on the 0-100 scale: an accessible inline SVG for
the pages and a reportlab Drawing for the PDF report, drawn from one geometry (`layout`), so
the two cannot disagree.

The rings are at the level thresholds (20, 40, 60, 80) and at 100; a score of 100 lands on
the outer ring. A section without a score (a draft's unanswered factor) is drawn at 0 and
gets no point marker, so the chart never suggests a value that was not given.

Colours are inline attributes as well as CSS classes, so the chart reads without the
stylesheet: text #1b2430, the city's own scores #1f5fa8, targets #8a4b00 dashed, the peer
median #4a5563 dotted, last year's outline #6b2d8c dash-dotted, rings and spokes #7b8591
(all 3:1 or more against white, text 4.5:1 or more, WCAG 2.1 AA 1.4.3 and 1.4.11).
"""

from __future__ import annotations

import html
import math
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from django.utils.translation import gettext as _
from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics

from intercity.assessment import rules

OWN = "radar-own"
TARGET = "radar-target"
PEER_MEDIAN = "radar-peers"
LAST_YEAR = "radar-last-year"

INK = "#1b2430"
GRID = "#7b8591"
MUTED = "#4a5563"


@dataclass(frozen=True)
class Series:
    """One polygon: a value (0..100, or None when not scored) per axis, in the axes' order."""

    name: str
    values: Sequence[Fraction | None]
    css_class: str = ""

    def __post_init__(self) -> None:
        # Frozen and hashable even when given a list.
        object.__setattr__(self, "values", tuple(self.values))


@dataclass(frozen=True)
class Paint:
    stroke: str
    fill: str  # "none" for an outline
    fill_opacity: float
    dash: tuple[float, ...]  # empty for a solid line
    width: float


PAINTS = {
    OWN: Paint("#1f5fa8", "#1f5fa8", 0.25, (), 2.0),
    TARGET: Paint("#8a4b00", "none", 0.0, (6.0, 4.0), 2.0),
    PEER_MEDIAN: Paint(MUTED, "none", 0.0, (1.0, 3.0), 2.0),
    LAST_YEAR: Paint("#6b2d8c", "none", 0.0, (9.0, 3.0, 2.0, 3.0), 2.0),
}
# A series of another class takes these in turn by its position.
FALLBACK = (PAINTS[OWN], PAINTS[TARGET], PAINTS[PEER_MEDIAN])

Anchor = Literal["start", "middle", "end"]


@dataclass(frozen=True)
class Point:
    x: float
    y: float


@dataclass(frozen=True)
class Label:
    text: str  # the axis name as given
    lines: tuple[str, ...]  # as drawn: wrapped, the last shortened with "…" if need be
    x: float
    y: float  # baseline of the first line
    anchor: Anchor


@dataclass(frozen=True)
class Shape:
    series: Series
    index: int
    points: tuple[Point, ...]  # one per axis; an unscored value sits at the centre
    scored: tuple[bool, ...]
    paint: Paint

    @property
    def css(self) -> str:
        return " ".join(
            c for c in ("radar-series", f"radar-series-{self.index}", self.series.css_class) if c
        )


@dataclass(frozen=True)
class Layout:
    """Every coordinate of the chart, y pointing down (SVG's way), rounded to 0.1."""

    width: float
    height: float
    centre: Point
    radius: float
    rings: tuple[tuple[int, tuple[Point, ...]], ...]  # value and its polygon
    ticks: tuple[tuple[int, Point], ...]  # where each ring's value is written
    spokes: tuple[Point, ...]  # the outer end of each axis
    labels: tuple[Label, ...]
    shapes: tuple[Shape, ...]
    legend: tuple[tuple[Point, Shape], ...]  # where each series' legend line starts
    font_size: float
    line_height: float
    top: float  # height of the caption band above the chart (0 without one)


# --- Geometry -----------------------------------------------------------------------------

PAD = 4.0  # kept free at the edges of the chart
GAP = 7.0  # between the outer ring and a label
MAX_LINES = 4
LEGEND_ROW = 16.0

# Widths of letters as a share of the font size, for a sans-serif font: a slightly generous
# estimate, so a label measured this way fits in the browser's own font.
_NARROW = set("ijlI.,;:'!|")
_SEMI = set("frt()[] -")
_WIDE = set("mwMW@%")


def estimate_width(text: str, font_size: float) -> float:
    em = 0.0
    for char in text:
        if char in _NARROW:
            em += 0.3
        elif char in _SEMI:
            em += 0.42
        elif char in _WIDE:
            em += 0.95
        elif char.isupper() or char.isdigit():
            em += 0.72
        else:
            em += 0.62
    return em * font_size


Measure = Callable[[str, float], float]


def _r(value: float) -> float:
    return round(value, 1) + 0.0  # + 0.0 turns -0.0 into 0.0


def _angle(index: float, count: int) -> float:
    """Axis `index` of `count`, clockwise from the top (y points down)."""
    return -math.pi / 2 + 2 * math.pi * index / count


def polar(centre: Point, radius: float, index: float, count: int, value: float) -> Point:
    """The point of a 0..100 value on axis `index` (values outside are clamped); a
    fractional index is a direction between two axes."""
    share = min(max(value, 0.0), 100.0) / 100
    angle = _angle(index, count)
    return Point(
        _r(centre.x + radius * share * math.cos(angle)),
        _r(centre.y + radius * share * math.sin(angle)),
    )


def _wrap(words: list[str], room: float, size: float, measure: Measure) -> list[str]:
    lines: list[str] = []
    for word in words:
        if lines and measure(f"{lines[-1]} {word}", size) <= room:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _shorten(text: str, room: float, size: float, measure: Measure) -> str:
    while text and measure(text + "…", size) > room:
        text = text[:-1]
    return text.rstrip() + "…"


def _label(
    text: str,
    index: int,
    count: int,
    centre: Point,
    radius: float,
    box: tuple[float, float, float, float],  # left, top, right, bottom
    size: float,
    leading: float,
    measure: Measure,
    force: bool,
) -> Label | None:
    """The label of an axis outside the ring, wrapped to the room on its side; None if it
    does not fit (unless `force`, which shortens it instead)."""
    angle = _angle(index, count)
    cos, sin = math.cos(angle), math.sin(angle)
    x = centre.x + (radius + GAP) * cos
    y = centre.y + (radius + GAP) * sin
    left, top, right, bottom = box
    anchor: Anchor
    if cos > 0.3:
        anchor, room = "start", right - x
    elif cos < -0.3:
        anchor, room = "end", x - left
    else:
        anchor, room = "middle", 2 * min(x - left, right - x)
    words = text.split() or [""]
    lines = _wrap(words, room, size, measure)
    fits = len(lines) <= MAX_LINES and all(measure(line, size) <= room for line in lines)
    if not fits:
        if not force:
            return None
        cut = [
            line if measure(line, size) <= room else _shorten(line, room, size, measure)
            for line in lines
        ]
        if len(cut) > MAX_LINES:
            rest = " ".join(cut[MAX_LINES - 1 :])
            cut = [*cut[: MAX_LINES - 1], _shorten(rest, room, size, measure)]
        lines = cut
    block = (len(lines) - 1) * leading
    ascent = 0.72 * size
    if anchor == "middle" and sin < 0:  # above the centre: the block grows upwards
        first = y - block
    elif anchor == "middle":  # below: it grows downwards from the ring
        first = y + ascent
    else:  # at a side: centred on the spoke's end
        first = y - block / 2 + ascent / 2
    if not force and (first - ascent < top or first + block + 0.25 * size > bottom):
        return None
    return Label(text, tuple(lines), _r(x), _r(first), anchor)


def layout(
    axes: Sequence[str],
    series: Sequence[Series],
    *,
    size: int = 320,
    levels: int = 5,
    caption: bool = False,
    measure: Measure = estimate_width,
    font_size: float | None = None,
) -> Layout:
    """Where everything goes on a chart `size` wide: the plot, as tall as its rings and
    labels need, then a legend row per series below it, and a caption band above when
    `caption`. The radius is the largest that leaves every axis label room to wrap onto at
    most four lines beside the ring; if none does, labels are shortened with "…"."""
    count = len(axes)
    if count < 3:
        raise ValueError("A radar chart needs at least three axes.")
    if levels < 1:
        raise ValueError("A radar chart needs at least one ring.")
    for item in series:
        if len(item.values) != count:
            raise ValueError(
                f"Series {item.name!r} has {len(item.values)} values for {count} axes."
            )
    font = font_size or max(9.0, round(size / 32, 1))
    row = max(LEGEND_ROW, round(font * 1.45, 1))
    leading = round(font * 1.2, 1)
    top = round(font * 2, 1) if caption else 0.0
    centre = Point(size / 2, top + size / 2)
    box = (PAD, top + PAD, size - PAD, top + size - PAD)

    def labels_at(centre: Point, radius: float, force: bool) -> list[Label | None]:
        return [
            _label(name, i, count, centre, radius, box, font, leading, measure, force)
            for i, name in enumerate(axes)
        ]

    radius = _r(size * 0.38)
    while not all(labels_at(centre, radius, force=radius <= size * 0.22)):
        radius = _r(radius - 2)
    # The square leaves room above and below that wide labels did not need: close it up.
    found = [label for label in labels_at(centre, radius, force=True) if label is not None]
    ring_ys = [centre.y + radius * math.sin(_angle(i, count)) for i in range(count)]
    highest = min([*ring_ys, *(label.y - 0.72 * font for label in found)])
    lowest = max(
        [*ring_ys, *(label.y + (len(label.lines) - 1) * leading + 0.25 * font for label in found)]
    )
    centre = Point(_r(centre.x), _r(centre.y + top + PAD - highest))
    labels = [label for label in labels_at(centre, radius, force=True) if label is not None]
    bottom = top + PAD + (lowest - highest) + PAD
    rings = tuple(
        (
            round(100 * step / levels),
            tuple(polar(centre, radius, i, count, 100 * step / levels) for i in range(count)),
        )
        for step in range(1, levels + 1)
    )
    # Ring values halfway along the first edge, inside the web, clear of the axis labels.
    edge = math.cos(math.pi / count)
    ticks = tuple((value, polar(centre, radius * edge, 0.5, count, value)) for value, _ in rings)
    shapes = tuple(
        Shape(
            item,
            index,
            tuple(
                polar(centre, radius, i, count, float(value) if value is not None else 0.0)
                for i, value in enumerate(item.values)
            ),
            tuple(value is not None for value in item.values),
            PAINTS.get(item.css_class, FALLBACK[index % len(FALLBACK)]),
        )
        for index, item in enumerate(series)
    )
    legend = tuple(
        (Point(_r(PAD + 8), _r(bottom + 8 + row * index + row / 2)), shape)
        for index, shape in enumerate(shapes)
    )
    return Layout(
        width=float(size),
        height=_r(bottom + (row * len(shapes) + 12 if shapes else 0)),
        centre=centre,
        radius=radius,
        rings=rings,
        ticks=ticks,
        spokes=tuple(polar(centre, radius, i, count, 100) for i in range(count)),
        labels=tuple(labels),
        shapes=shapes,
        legend=legend,
        font_size=font,
        line_height=leading,
        top=top,
    )


def describe(axes: Sequence[str], series: Sequence[Series]) -> str:
    """The chart in words, for screen readers: each series' value on each axis."""
    parts = [_("Scores from 0 to 100.")]
    for item in series:
        values = "; ".join(
            f"{axis} {_show(value)}" for axis, value in zip(axes, item.values, strict=True)
        )
        parts.append(f"{item.name}: {values}.")
    return " ".join(parts)


def _show(value: Fraction | None) -> str:
    # Translators: in a chart's description for screen readers, a section without a score
    return _("not scored") if value is None else rules.show(Fraction(value))


# --- SVG ----------------------------------------------------------------------------------


def _f(value: float) -> str:
    return f"{value + 0.0:.1f}"


def _points(points: Sequence[Point]) -> str:
    return " ".join(f"{_f(p.x)},{_f(p.y)}" for p in points)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _dash(paint: Paint) -> str:
    if not paint.dash:
        return ""
    cap = ' stroke-linecap="round"' if paint.dash[0] <= 1 else ""
    return f' stroke-dasharray="{" ".join(_f(d) for d in paint.dash)}"{cap}'


def radar_svg(
    axes: Sequence[str],
    series: Sequence[Series],
    *,
    size: int = 320,
    levels: int = 5,
    title: str,
    chart_id: str = "",
    font_size: float | None = None,
) -> str:
    """An inline SVG radar chart (no script, no external asset), named by its <title> and
    described in words by its <desc>; it scales to its container up to `size` pixels wide.
    `chart_id` keeps ids unique when a page shows several charts with the same title."""
    geo = layout(axes, series, size=size, levels=levels, font_size=font_size)
    ident = chart_id or f"radar-{zlib.crc32('|'.join([title, *axes]).encode()):08x}"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="radar" role="img" '
        f'viewBox="0 0 {_f(geo.width)} {_f(geo.height)}" width="100%" '
        f'style="max-width:{_f(geo.width)}px;height:auto" '
        f'aria-labelledby="{ident}-title {ident}-desc" font-family="sans-serif">',
        f'<title id="{ident}-title">{_e(title)}</title>',
        f'<desc id="{ident}-desc">{_e(describe(axes, series))}</desc>',
        '<g class="radar-grid">',
    ]
    for value, ring in geo.rings:
        out.append(
            f'<polygon class="radar-ring radar-ring-{value}" points="{_points(ring)}" '
            f'fill="none" stroke="{GRID}" stroke-width="0.75"/>'
        )
    for end in geo.spokes:
        out.append(
            f'<line class="radar-spoke" x1="{_f(geo.centre.x)}" y1="{_f(geo.centre.y)}" '
            f'x2="{_f(end.x)}" y2="{_f(end.y)}" stroke="{GRID}" stroke-width="0.75"/>'
        )
    tick = _f(geo.font_size * 0.8)
    for value, at in geo.ticks:
        out.append(
            f'<text class="radar-tick" x="{_f(at.x)}" y="{_f(at.y + geo.font_size * 0.28)}" '
            f'text-anchor="middle" font-size="{tick}" fill="{MUTED}" aria-hidden="true">'
            f"{value}</text>"
        )
    out.append("</g>")
    for shape in geo.shapes:
        paint = shape.paint
        out.append(f'<g class="{_e(shape.css)}">')
        out.append(
            f'<polygon points="{_points(shape.points)}" fill="{paint.fill}" '
            f'fill-opacity="{paint.fill_opacity:g}" stroke="{paint.stroke}" '
            f'stroke-width="{_f(paint.width)}" stroke-linejoin="round"{_dash(paint)}>'
            f"<title>{_e(shape.series.name)}</title></polygon>"
        )
        for point, scored in zip(shape.points, shape.scored, strict=True):
            if scored:
                out.append(
                    f'<circle class="radar-point" cx="{_f(point.x)}" cy="{_f(point.y)}" '
                    f'r="2.5" fill="{paint.stroke}"/>'
                )
        out.append("</g>")
    size_attr = _f(geo.font_size)
    leading = _f(geo.line_height)
    for label in geo.labels:
        spans = "".join(
            f'<tspan x="{_f(label.x)}" dy="{"0" if i == 0 else leading}">{_e(line)}</tspan>'
            for i, line in enumerate(label.lines)
        )
        out.append(
            f'<text class="radar-label" x="{_f(label.x)}" y="{_f(label.y)}" '
            f'text-anchor="{label.anchor}" font-size="{size_attr}" fill="{INK}">'
            f"<title>{_e(label.text)}</title>{spans}</text>"
        )
    for start, shape in geo.legend:
        paint = shape.paint
        swatch = (
            f'<rect x="{_f(start.x)}" y="{_f(start.y - 4)}" width="22" height="8" '
            f'fill="{paint.fill}" fill-opacity="{paint.fill_opacity:g}"/>'
            if paint.fill != "none"
            else ""
        )
        out.append(
            f'<g class="radar-legend {_e(shape.css)}">{swatch}'
            f'<line x1="{_f(start.x)}" y1="{_f(start.y)}" x2="{_f(start.x + 22)}" '
            f'y2="{_f(start.y)}" stroke="{paint.stroke}" stroke-width="{_f(paint.width)}"'
            f"{_dash(paint)}/>"
            f'<text x="{_f(start.x + 28)}" y="{_f(start.y + geo.font_size * 0.35)}" '
            f'font-size="{size_attr}" fill="{INK}">{_e(shape.series.name)}</text></g>'
        )
    out.append("</svg>")
    return "\n".join(out)


# --- reportlab ----------------------------------------------------------------------------


def radar_drawing(
    axes: Sequence[str],
    series: Sequence[Series],
    *,
    size: int = 320,
    levels: int = 5,
    title: str,
    font_name: str = "Helvetica",
) -> Drawing:
    """The same chart as a reportlab Drawing (a flowable) for the PDF, with `title` as its
    caption. Text is drawn as given: pass it through the PDF's font fallback first."""

    def measure(text: str, font_size: float) -> float:
        return float(pdfmetrics.stringWidth(text, font_name, font_size))

    geo = layout(axes, series, size=size, levels=levels, caption=True, measure=measure)
    height = geo.height

    def flip(y: float) -> float:
        return height - y  # reportlab's y points up

    def flat(points: Sequence[Point]) -> list[float]:
        return [v for p in points for v in (p.x, flip(p.y))]

    grid = colors.HexColor(GRID)
    ink = colors.HexColor(INK)
    drawing = Drawing(geo.width, height)
    drawing.add(
        String(
            geo.width / 2,
            flip(geo.font_size * 1.2),
            title,
            fontName=font_name,
            fontSize=geo.font_size,
            fillColor=ink,
            textAnchor="middle",
        )
    )
    for _value, ring in geo.rings:
        drawing.add(Polygon(flat(ring), fillColor=None, strokeColor=grid, strokeWidth=0.5))
    for end in geo.spokes:
        drawing.add(
            Line(
                geo.centre.x,
                flip(geo.centre.y),
                end.x,
                flip(end.y),
                strokeColor=grid,
                strokeWidth=0.5,
            )
        )
    for value, at in geo.ticks:
        drawing.add(
            String(
                at.x,
                flip(at.y + geo.font_size * 0.28),
                str(value),
                fontName=font_name,
                fontSize=geo.font_size * 0.8,
                fillColor=colors.HexColor(MUTED),
                textAnchor="middle",
            )
        )
    for shape in geo.shapes:
        paint = shape.paint
        stroke = colors.HexColor(paint.stroke)
        outline = Polygon(
            flat(shape.points),
            fillColor=colors.HexColor(paint.fill) if paint.fill != "none" else None,
            fillOpacity=paint.fill_opacity,
            strokeColor=stroke,
            strokeWidth=paint.width * 0.75,
            strokeLineJoin=1,
        )
        if paint.dash:
            outline.strokeDashArray = list(paint.dash)
            outline.strokeLineCap = 1
        drawing.add(outline)
        for point, scored in zip(shape.points, shape.scored, strict=True):
            if scored:
                drawing.add(Circle(point.x, flip(point.y), 1.8, fillColor=stroke, strokeColor=None))
    for label in geo.labels:
        for i, line in enumerate(label.lines):
            drawing.add(
                String(
                    label.x,
                    flip(label.y + i * geo.line_height),
                    line,
                    fontName=font_name,
                    fontSize=geo.font_size,
                    fillColor=ink,
                    textAnchor=label.anchor,
                )
            )
    for start, shape in geo.legend:
        paint = shape.paint
        sample = PolyLine(
            [start.x, flip(start.y), start.x + 22, flip(start.y)],
            strokeColor=colors.HexColor(paint.stroke),
            strokeWidth=paint.width,
        )
        if paint.dash:
            sample.strokeDashArray = list(paint.dash)
            sample.strokeLineCap = 1
        if paint.fill != "none":
            # Set after construction: types-reportlab mistypes Rect's keyword arguments.
            swatch = Rect(start.x, flip(start.y) - 4, 22, 8)
            swatch.fillColor = colors.HexColor(paint.fill)
            swatch.fillOpacity = paint.fill_opacity
            swatch.strokeColor = None
            drawing.add(swatch)
        drawing.add(sample)
        drawing.add(
            String(
                start.x + 28,
                flip(start.y + geo.font_size * 0.35),
                shape.series.name,
                fontName=font_name,
                fontSize=geo.font_size,
                fillColor=ink,
            )
        )
    return drawing
