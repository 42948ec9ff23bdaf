"""Set a publication's text in the face it chose (`pamphleteer.textface`): each edition's rules.

The print edition declares the font files as they are (WeasyPrint embeds the
letters it uses); the ebook and the web page carry a WOFF2 subset of each file,
the letters of the edition with Latin-1 and the common punctuation, made with
fontTools (the same bytes for the same file and letters, so builds stay
reproducible). The chosen face leads each edition's font stack; the vendored
faces after it set what it lacks.
"""

from __future__ import annotations

import functools
import io
import unicodedata
from collections.abc import Callable, Set
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

from pamphleteer.locations import FONTS
from pamphleteer.look import chosen_face, own_style
from pamphleteer.textface import FaceFile, TextFace

PRINT_STACK = '"Crimson Pro", "Gentium Book Plus", "Noto Sans Symbols 2"'  # as styles/print.css has it
CRIMSON_PRO = FONTS / "print" / "crimson-pro-400-normal.ttf"  # the built-in text face's regular file
EBOOK_STACK = '"Crimson Pro", "Gentium Book Plus", serif'  # as styles/ebook.css has it
INVISIBLE = frozenset({"Cc", "Cf", "Zl", "Zp"})  # line ends and format characters: no glyph is drawn
# What every subset keeps besides the edition's letters: ASCII, Latin-1, the common punctuation.
ALWAYS = frozenset(map(chr, [*range(0x20, 0x7F), *range(0xA0, 0x100), *range(0x2010, 0x2027), 0x2039,
                             0x203A]))


def _font_face(face: TextFace, file: FaceFile, url: str, format_: str) -> str:
    return (f'@font-face {{ font-family: "{face.family}"; font-style: {file.style}; '
            f'font-weight: {file.weight}; src: url("{url}") format("{format_}"); }}\n')


def _heading(face: TextFace) -> str:
    files = ", ".join(f"{file.path.name} {file.digest}" for file in face.files)
    return f"\n/* The text face publication.toml chooses: {face.name} ({files}) */\n"


def print_rules(face: TextFace | None) -> str:
    """The print edition's rules for `face` ("" for none: the built-in stylesheets unchanged)."""
    if face is None:
        return ""
    rules = "" if face.vendored else "".join(
        _font_face(face, file, file.path.as_uri(), file.format) for file in face.files)
    stack = f'"{face.family}", {PRINT_STACK}'
    boxes = f"@top-center {{ font-family: {stack}; }} @bottom-center {{ font-family: {stack}; }}"
    wider = space_em(_regular(face).path) - space_em(CRIMSON_PRO)
    return (_heading(face) + rules + f"html {{ font-family: {stack}; --face-space: {wider:.4f}em; }}\n"
            f"@page {{ {boxes} }}\n")


def _regular(face: TextFace) -> FaceFile:
    return next((file for file in face.files if (file.style, file.weight) == ("normal", 400)), face.files[0])


@functools.cache
def space_em(path: Path) -> float:
    """The word space of the font file at `path`, in em (its space's advance): Crimson Pro's is 0.19,
    Gentium Book Plus's 0.22. print.css narrows a wider one by the difference (`--face-space`)."""
    with TTFont(path, lazy=True) as font:
        glyph = (font.getBestCmap() or {}).get(0x20)
        if glyph is None:
            return space_em(CRIMSON_PRO)
        return float(font["hmtx"][glyph][0] / font["head"].unitsPerEm)


def own_print_css(root: Path) -> str:
    """What the print edition adds after its built-in stylesheets for the publication in `root`:
    the rules of its text face, then its own styles/print.css (see `pamphleteer.look`)."""
    return print_rules(chosen_face(root)[0]) + own_style(root, "print")[0]


def screen_rules(face: TextFace | None, characters: Set[str], url: Callable[[FaceFile, bytes], str],
                 stack: str) -> str:
    """The ebook's or the web page's rules for `face`: an @font-face rule for each file's subset,
    its URL given by `url` (which also packs or embeds the bytes), and `stack`, the rule that puts
    the face first ("{family}" stands for its family)."""
    if face is None:
        return ""
    letters = frozenset(characters) | ALWAYS
    rules = "".join(_font_face(face, file, url(file, woff2_subset(file, letters)), "woff2")
                    for file in face.files)
    return _heading(face) + rules + stack.replace("{family}", f'"{face.family}"') + "\n"


def lacked(face: TextFace | None, characters: Set[str]) -> frozenset[str]:
    """Of `characters`, those `face` has no glyph for (all of them without a face): what the
    vendored faces after it must set, so that the ebook and the web page carry only those."""
    if face is None:
        return frozenset(characters)
    points = face.code_points()
    return frozenset(char for char in characters
                     if ord(char) not in points and unicodedata.category(char) not in INVISIBLE)


def woff2_subset(file: FaceFile, letters: frozenset[str]) -> bytes:
    """`file` as WOFF2 with only the glyphs of `letters` (and what they need: ligatures, figures)."""
    return font_subset(file.path, letters)


@functools.lru_cache(maxsize=64)
def font_subset(path: Path, letters: frozenset[str]) -> bytes:
    """The font file at `path` as WOFF2 with only the glyphs of `letters` (and what they need:
    ligatures, small capitals, figures), the same bytes for the same file and letters."""
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.recalc_timestamp = False
    options.drop_tables += ["Silf", "Silt", "Sill", "Glat", "Gloc", "Feat"]  # Graphite: no reader uses it
    font = subset.load_font(str(path), options)
    with font:
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=[ord(letter) for letter in letters])
        subsetter.subset(font)
        out = io.BytesIO()
        subset.save_font(font, out, options)
    return out.getvalue()
