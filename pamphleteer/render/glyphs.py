"""Which characters the print edition can print: the glyphs of its faces.

The print edition sets its text in the face publication.toml's `font` chooses, if
any, and in the faces of styles/fonts (Crimson Pro, then
the print-only faces of styles/fonts/print/, see styles/print.css). A character
none of them has is printed from whatever system font WeasyPrint finds, or as a
box; `unprintable` finds such characters in the sources, for a warning (W304)
naming the file, the line and the character, so that a person can replace it or
add a face. `check/faces.py` names the same faces when it reads a built PDF.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from fontTools.ttLib import TTFont

from pamphleteer import codes
from pamphleteer.errors import Diagnostic, Severity
from pamphleteer.model import Publication
from pamphleteer.render.templates import FONTS

PRINT_FACES = ("ttf/*.ttf", "print/*.ttf")  # the files styles/fonts/fonts-print.css loads
COVERAGE = "print-coverage.txt"  # their code points as ranges, written by scripts/vendor_fonts.py
NOT_PRINTED = frozenset({"Cc", "Cf", "Zl", "Zp"})  # controls and format characters print nothing


def read_faces(folder: Path = FONTS) -> frozenset[int]:
    """Every code point some vendored print face has a glyph for, read from the fonts (slow: about
    a second; the build reads `printable`, which scripts/vendor_fonts.py writes from this)."""
    points: set[int] = set()
    for pattern in PRINT_FACES:
        for path in sorted(folder.glob(pattern)):
            with TTFont(path, lazy=True) as font:
                points.update(font.getBestCmap() or {})
    return frozenset(points)


def coverage_text(points: Iterable[int]) -> str:
    """Code points as ranges, one a line ("0020-007E")."""
    ranges: list[list[int]] = []
    for point in sorted(points):
        if ranges and point == ranges[-1][1] + 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    return "".join(f"{start:04X}-{end:04X}\n" for start, end in ranges)


@functools.cache
def printable(folder: Path = FONTS) -> frozenset[int]:
    """Every code point some vendored print face has a glyph for (from styles/fonts/print-coverage.txt)."""
    points: set[int] = set()
    for line in (folder / COVERAGE).read_text(encoding="ascii").split():
        start, end = line.split("-")
        points.update(range(int(start, 16), int(end, 16) + 1))
    return frozenset(points)


def unprintable_in(text: str, points: frozenset[int]) -> dict[str, list[int]]:
    """The characters of `text` no vendored face has, each with the lines (from 1) it is on."""
    found: dict[str, list[int]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        for char in set(line):
            if ord(char) not in points and unicodedata.category(char) not in NOT_PRINTED:
                found.setdefault(char, []).append(number)
    return found


def unprintable(publication: Publication, files: Iterable[Path] = ()) -> tuple[Diagnostic, ...]:
    """A warning for each character of the texts' files (and `files`) that no vendored face has,
    naming its first line and how many lines have it."""
    folder = publication.settings.path.parent
    paths = [folder / "texts" / f"{text.slug}.md" for text in publication.texts]
    paths += [folder / "front" / f"{part.name}.md" for part in publication.front]
    found: list[Diagnostic] = []
    face = publication.look.face  # the face publication.toml's `font` chooses leads the print faces
    points = printable() | face.code_points() if face is not None else printable()
    for path in [*paths, *files]:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue  # a part the sources do not hold as a file (a generated one)
        for char, lines in sorted(unprintable_in(text, points).items(), key=lambda item: item[1][0]):
            name = unicodedata.name(char, "unnamed character")
            others = len(lines) - 1
            more = f" (and on {others} more line{'s' if others > 1 else ''})" if others else ""
            found.append(Diagnostic(
                codes.UNPRINTABLE_CHARACTER, Severity.WARNING,
                f"'{char}' (U+{ord(char):04X} {name}){more} is in none of the print edition's faces "
                "(styles/fonts): the PDF prints it from a system font or as a box; replace it, or add a face",
                path, lines[0],
            ))
    return tuple(found)
