"""Choose the font faces an edition carries: a face whose `unicode-range` covers no character of
the edition is dropped, since no reader would ever load it.

The web edition embeds the faces it keeps as `data:` URIs, the ebook packs their
files; both drop the same faces the same way, so a Latin-only book carries no
Greek or Cyrillic face and an English one no Latin Extended face.
"""

from __future__ import annotations

import re
from collections.abc import Set

FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}")
UNICODE_RANGE = re.compile(r"unicode-range\s*:\s*([^;}]+)")


def unicode_ranges(value: str) -> tuple[tuple[int, int], ...]:
    """The code point ranges of a CSS `unicode-range` value ("U+0000-00FF, U+4??")."""
    ranges = []
    for item in value.split(","):
        item = item.strip().upper().removeprefix("U+")
        if not item:
            continue
        low, _, high = item.partition("-")
        if "?" in low:
            low, high = low.replace("?", "0"), low.replace("?", "F")
        ranges.append((int(low, 16), int(high or low, 16)))
    return tuple(ranges)


def face_is_used(rule: str, characters: Set[str]) -> bool:
    """Whether an @font-face rule covers any of `characters` (a face without a range covers all)."""
    found = UNICODE_RANGE.search(rule)
    if not found:
        return True
    ranges = unicode_ranges(found.group(1))
    return any(low <= ord(char) <= high for char in characters for low, high in ranges)


def used_faces(css: str, characters: Set[str]) -> str:
    """The stylesheet without the @font-face rules that cover none of `characters`."""
    css = FONT_FACE.sub(lambda rule: rule.group(0) if face_is_used(rule.group(0), characters) else "", css)
    return re.sub(r"\n{3,}", "\n\n", css)
