"""Name the vendored font faces (styles/fonts) a print edition may use, read with fontTools.

A PDF font whose name does not begin with one of these family names is a
fallback face the layout engine picked because a glyph was missing.
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
        for path in folder.glob(pattern):
            table = TTFont(path, lazy=True)["name"]
            for name_id in (1, 16):
                name = table.getDebugName(name_id)
                if name:
                    names.add(squeeze(name))
    return frozenset(names)


def is_vendored(base_font: str, families: frozenset[str]) -> bool:
    """True when a PDF /BaseFont (subset tag removed) names a vendored family."""
    name = squeeze(base_font.split("+", 1)[-1])
    return any(name.startswith(family) for family in families)
