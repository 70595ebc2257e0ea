"""Builds intercity/core/fonts/IntercitySans-{Regular,Bold}.ttf, the fonts every PDF embeds
(docs/decisions/0016-fonts-for-every-script.md).

Each face is DejaVu Sans (Latin with Vietnamese, Turkish and the rest of Latin Extended, Greek,
Cyrillic, punctuation and symbols) with the Hangul and Chinese glyphs of Noto Sans CJK SC
added: every Hangul syllable (11,172), the Hangul compatibility jamo, the 6,763 hanzi of
GB 2312, CJK punctuation and full-width forms. reportlab embeds TrueType outlines only, and
Noto Sans CJK is CFF, so its glyphs are converted to quadratic curves (cu2qu, within one unit),
scaled from 1000 to DejaVu's 2048 units per em and added to DejaVu's `glyf`, `hmtx` and `cmap`.
Layout tables (GSUB, GPOS, kern...) are dropped: reportlab neither shapes nor kerns.

The result is one TrueType font per weight that holds every letter we print, so paragraphs,
page footers and chart labels need no per-script font switching.

Run from the repository root with fontTools (a dev dependency):

    .venv/bin/python scripts/fonts/build_fonts.py \
        --dejavu /usr/share/fonts/truetype/dejavu \
        --noto-cjk /usr/share/fonts/opentype/noto

The defaults are those Debian paths (packages fonts-dejavu-core 2.37 and fonts-noto-cjk
20220127, i.e. Noto Sans CJK 2.004). The same files are upstream at
https://github.com/dejavu-fonts/dejavu-fonts (release 2.37) and
https://github.com/notofonts/noto-cjk (Sans/OTC/NotoSansCJK-{Regular,Bold}.ttc, 2.004).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.subset import Options, Subsetter
from fontTools.ttLib import TTCollection, TTFont, newTable
from fontTools.ttLib.scaleUpem import scale_upem

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "intercity" / "core" / "fonts"
SC_INDEX = 2  # in NotoSansCJK-*.ttc: JP, KR, SC, TC, HK, then the Mono faces
FAMILY = "Intercity Sans"
DROPPED = ["GSUB", "GPOS", "GDEF", "kern", "MATH", "FFTM", "BASE", "JSTF"]
WEIGHTS = {
    "Regular": ("DejaVuSans.ttf", "NotoSansCJK-Regular.ttc"),
    "Bold": ("DejaVuSans-Bold.ttf", "NotoSansCJK-Bold.ttc"),
}


def gb2312_hanzi() -> list[int]:
    """The 6,763 hanzi of GB 2312 (rows 16 to 87 of its 94 x 94 table)."""
    out = []
    for row in range(16, 88):
        for cell in range(1, 95):
            try:
                char = bytes([0xA0 + row, 0xA0 + cell]).decode("gb2312")
            except UnicodeDecodeError:
                continue
            out.append(ord(char))
    return out


def wanted() -> set[int]:
    codes = set(range(0xAC00, 0xD7A4))  # Hangul syllables
    codes |= set(range(0x3131, 0x318F))  # Hangul compatibility jamo
    codes |= set(range(0x3000, 0x3040))  # CJK symbols and punctuation
    codes |= set(range(0xFF01, 0xFF5F)) | set(range(0xFFE0, 0xFFE7))  # full-width forms
    codes |= set(gb2312_hanzi())
    return codes


def cjk_glyphs(path: Path, codes: set[int]) -> TTFont:
    """Noto Sans CJK SC cut down to `codes`, with TrueType outlines at 2048 units per em."""
    font = TTCollection(str(path)).fonts[SC_INDEX]
    options = Options()
    options.layout_features = []
    options.hinting = False
    options.drop_tables += ["VORG", "vhea", "vmtx", *DROPPED]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = Subsetter(options)
    subsetter.populate(unicodes=codes)
    subsetter.subset(font)
    to_truetype(font)
    scale_upem(font, 2048)
    return font


def to_truetype(font: TTFont, max_err: float = 1.0) -> None:
    """CFF outlines to `glyf` quadratic ones (fontTools' otf2ttf recipe)."""
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in glyph_order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = glyphs
    del font["CFF "]
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    maxp.numGlyphs = len(glyph_order)
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = glyph_order
    font.sfntVersion = "\x00\x01\x00\x00"
    font.recalcBBoxes = True


def add_glyphs(base: TTFont, extra: TTFont) -> int:
    """The glyphs of `extra` for code points `base` lacks, added to `base`; how many."""
    have = base.getBestCmap()
    extra_cmap = extra.getBestCmap()
    glyf, hmtx = base["glyf"], base["hmtx"]
    names: dict[str, str] = {}
    added = 0
    for code, source in sorted(extra_cmap.items()):
        if code in have:
            continue
        if source not in names:
            name = f"uni{code:04X}"
            names[source] = name
            glyph = extra["glyf"][source]
            glyph.recalcBounds(extra["glyf"])
            glyf[name] = glyph  # also appends the name to the glyph order
            hmtx[name] = (extra["hmtx"][source][0], getattr(glyph, "xMin", 0))
            added += 1
        for table in base["cmap"].tables:
            if table.isUnicode() and (table.format != 4 or code <= 0xFFFF):
                table.cmap[code] = names[source]
    order = list(glyf.glyphOrder)
    base.setGlyphOrder(order)
    glyf.glyphOrder = order
    base["maxp"].numGlyphs = len(order)
    return added


def rename(font: TTFont, style: str) -> None:
    name = font["name"]
    dejavu_copyright = name.getDebugName(0) or ""
    postscript = f"IntercitySans-{style}"
    records = {
        0: (
            f"{dejavu_copyright} DejaVu changes are in the public domain. "
            "Hangul and Han glyphs from Noto Sans CJK SC: Copyright 2014-2021 Adobe "
            "(http://www.adobe.com/), with Reserved Font Name 'Source'."
        ),
        1: FAMILY,
        2: style,
        3: f"{postscript}; built by Intercity scripts/fonts/build_fonts.py",
        4: f"{FAMILY} {style}",
        5: "Version 1.000; DejaVu Sans 2.37 + Noto Sans CJK SC 2.004",
        6: postscript,
        13: (
            "DejaVu Sans glyphs: Bitstream Vera licence (see LICENSE-DejaVu.txt). "
            "Noto Sans CJK glyphs: SIL Open Font License 1.1 (see OFL-NotoSansCJK.txt)."
        ),
    }
    name.names = [n for n in name.names if n.nameID not in (*records, 16, 17, 14)]
    for name_id, text in records.items():
        name.setName(text, name_id, 3, 1, 0x409)
        name.setName(text, name_id, 1, 0, 0)


def build(dejavu: Path, noto: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    codes = wanted()
    for style, (latin_file, cjk_file) in WEIGHTS.items():
        base = TTFont(str(dejavu / latin_file))
        for tag in DROPPED:
            if tag in base:
                del base[tag]
        added = add_glyphs(base, cjk_glyphs(noto / cjk_file, codes))
        rename(base, style)
        target = out / f"IntercitySans-{style}.ttf"
        base.save(str(target))
        size = target.stat().st_size / 1e6
        print(f"{target}: {added} glyphs added, {size:.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dejavu", type=Path, default=Path("/usr/share/fonts/truetype/dejavu"))
    parser.add_argument("--noto-cjk", type=Path, default=Path("/usr/share/fonts/opentype/noto"))
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    build(args.dejavu, args.noto_cjk, args.out)


if __name__ == "__main__":
    main()
