"""Name the vendored font faces (styles/fonts) a print edition may use, read with fontTools.

A PDF font whose name does not begin with one of these family names is a
fallback face the layout engine picked because a glyph was missing. The faces
are Crimson Pro and the print-only faces of styles/fonts/print/ (Source Code
Pro, Gentium Book Plus, Noto Sans Symbols 2); which characters they cover, for
the build's warning W304, is `render/glyphs.py`'s.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from fontTools.ttLib import TTFont

from pamphleteer.render.templates import FONTS

FONT_FILES = ("*.woff2", "*.woff", "*.ttf", "*.otf")


def squeeze(name: str) -> str:
    """A font name reduced to lower-case letters and digits ("Crimson-Pro-Bold" -> "crimsonprobold")."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


@functools.cache
def vendored_families(folder: Path = FONTS) -> frozenset[str]:
    """The squeezed family names (name ids 1 and 16) of every font file in `folder`."""
    names = set()
    for pattern in FONT_FILES:
        for path in sorted(folder.rglob(pattern)):
            with TTFont(path, lazy=True) as font:
                for name_id in (1, 16):
                    name = font["name"].getDebugName(name_id)
                    if name:
                        names.add(squeeze(name))
    # WeasyPrint names an embedded font after the family its @font-face rule gives (a file's own
    # name table may differ: @fontsource's Source Code Pro calls itself "… ExtraLight").
    stylesheet = folder / "fonts-print.css"
    if stylesheet.is_file():
        families = re.findall(r'font-family: "([^"]+)"', stylesheet.read_text(encoding="utf-8"))
        names.update(squeeze(family) for family in families)
    return frozenset(names)


def is_vendored(base_font: str, families: frozenset[str]) -> bool:
    """True when a PDF /BaseFont (subset tag removed) names a vendored family."""
    name = squeeze(base_font.split("+", 1)[-1])
    return any(name.startswith(family) for family in families)
