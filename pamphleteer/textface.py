"""The text face a publication chooses (`font` in publication.toml), checked before any edition uses it.

Every edition sets its text in Crimson Pro unless publication.toml says otherwise:

    font = "Gentium Book Plus"            # a vendored face (VENDORED)
    font = "fonts/Literata"               # its own files: fonts/Literata*.ttf (or a folder)
    font = { regular = "fonts/Literata-Regular.ttf", italic = "fonts/Literata-Italic.ttf",
             bold = "fonts/Literata-Bold.ttf", bold_italic = "fonts/Literata-BoldItalic.ttf" }

A name or folder gives every font file it matches, each taken as the face its
own tables say (italic or not, bold from weight 600 on). The files must be
inside the publication folder, be fonts (TrueType, OpenType, WOFF or WOFF2),
allow embedding (their OS/2 fsType) and, where they name their licence, be
under the SIL Open Font License: a file that is not is left out with one
warning (W118) naming publication.toml and the line of `font`, and without a
regular face the editions keep Crimson Pro. The faces Crimson Pro, Gentium
Book Plus and Noto Sans Symbols 2 still set what the chosen face lacks.

`render/textfaces.py` turns a `TextFace` into each edition's stylesheet rules.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

from pamphleteer import codes
from pamphleteer.config import Settings
from pamphleteer.errors import Diagnostic, Severity
from pamphleteer.locations import FONTS

DEFAULT = "Crimson Pro"
# The vendored faces a publication may choose, with their files under styles/fonts/ (Crimson Pro is
# the built-in text face: choosing it changes nothing).
VENDORED: dict[str, tuple[tuple[str, str], ...]] = {
    DEFAULT: (),
    "Gentium Book Plus": (("regular", "print/GentiumBookPlus-Regular.ttf"),
                          ("italic", "print/GentiumBookPlus-Italic.ttf")),
}
FACES = {"regular": ("normal", 400), "italic": ("italic", 400), "bold": ("normal", 700),
         "bold_italic": ("italic", 700)}
FORMATS = {".ttf": "truetype", ".otf": "opentype", ".woff2": "woff2", ".woff": "woff"}
MAX_FONT_BYTES = 30_000_000
OFL = re.compile(r"open\s*font\s*licen[cs]e|\bOFL\b|openfontlicense\.org", re.IGNORECASE)
RESTRICTED, NO_SUBSETTING, BITMAP_ONLY = 0x0002, 0x0100, 0x0200  # OS/2 fsType bits


@dataclass(frozen=True)
class FaceFile:
    """One font file of the chosen face."""

    path: Path  # resolved, inside the publication folder or styles/fonts/
    style: str  # "normal" or "italic"
    weight: int  # 400 or 700
    digest: str  # of the file's bytes, so that a changed file changes every cache key

    @property
    def format(self) -> str:
        return FORMATS[self.path.suffix.lower()]


@dataclass(frozen=True)
class TextFace:
    """The face a publication's text is set in, instead of Crimson Pro."""

    name: str  # as the font names itself ("Gentium Book Plus"), for "This edition"
    family: str  # the CSS family the editions declare it as
    files: tuple[FaceFile, ...]
    vendored: bool = False
    maker: str = ""  # who made it, as its regular file says
    ofl: bool = False  # its files name the SIL Open Font License (those that name none are used too)

    def code_points(self) -> frozenset[int]:
        """Every code point some file of the face has a glyph for."""
        return frozenset().union(*(_code_points(file.path, file.digest) for file in self.files))


def _vendored(name: str) -> str | None:
    squeezed = re.sub(r"[^a-z0-9]", "", name.lower())
    return next((face for face in VENDORED if re.sub(r"[^a-z0-9]", "", face.lower()) == squeezed), None)


@functools.cache
def _code_points(path: Path, digest: str) -> frozenset[int]:
    from fontTools.ttLib import TTFont  # here, not on import: a build with nothing changed reads no font

    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap() or {})


@dataclass(frozen=True)
class _Font:
    """What the build reads from a font file before it uses it."""

    refused: str  # why it is not used ("" if it is)
    digest: str
    family: str = ""
    style: str = "normal"
    weight: int = 400
    maker: str = ""  # its manufacturer or designer (name ids 8, 9), for "This edition"
    ofl: bool = False  # it names the SIL Open Font License as its licence


@functools.cache
def _inspect(path: Path, size: int, mtime: int) -> _Font:
    """What the font file `path` is (the file's size and time in the key: an edited file is read again)."""
    from fontTools.ttLib import TTFont, TTLibError

    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()[:16]
    try:
        font = TTFont(io.BytesIO(data), lazy=True)
    except (TTLibError, OSError, ValueError, AssertionError, KeyError):
        return _Font("it is not a font file fontTools can read", digest)
    with font:
        if "OS/2" not in font or "name" not in font or "cmap" not in font:
            return _Font("it is not a complete font (no OS/2, name or cmap table)", digest)
        os2, names = font["OS/2"], font["name"]
        permissions = os2.fsType
        if permissions & 0x000F == RESTRICTED:
            return _Font("its maker forbids embedding it (OS/2 fsType: restricted licence)", digest)
        if permissions & BITMAP_ONLY:
            return _Font("its maker allows embedding only its bitmaps (OS/2 fsType)", digest)
        if permissions & NO_SUBSETTING:
            return _Font("its maker forbids subsetting it (OS/2 fsType), and every edition carries only "
                         "the letters it uses", digest)
        licence = " ".join(filter(None, (names.getDebugName(13), names.getDebugName(14))))
        if licence and not OFL.search(licence):
            says = " ".join(licence.split())[:80]
            return _Font(f"it is not under the SIL Open Font License (it says: {says})", digest)
        family = names.getDebugName(16) or names.getDebugName(1) or path.stem
        italic = bool(os2.fsSelection & 0x0001) or bool(font["head"].macStyle & 0x0002)
        bold = os2.usWeightClass >= 600
        maker = names.getDebugName(8) or names.getDebugName(9) or ""
        return _Font("", digest, family, "italic" if italic else "normal", 700 if bold else 400, maker,
                     bool(licence))


def _candidates(root: Path, given: tuple[tuple[str, str], ...]) -> list[tuple[str | None, Path]]:
    """The files `font` names: (the face the table gives it, or None to read it from the font, path)."""
    if len(given) == 1 and given[0][0] == "regular":
        path = root / given[0][1]
        if path.is_dir():
            return [(None, file) for file in sorted(path.iterdir()) if file.suffix.lower() in FORMATS]
        if path.suffix.lower() not in FORMATS:
            matches = sorted(file for file in path.parent.glob(f"{path.name}*")
                             if file.suffix.lower() in FORMATS)
            return [(None, file) for file in matches] or [("regular", path)]
    return [(key, root / file) for key, file in given]


def text_face(settings: Settings) -> tuple[TextFace | None, tuple[Diagnostic, ...]]:
    """The face `settings` choose (None: Crimson Pro, the built-in one), and a warning for each font
    file they name that is not used."""
    given = settings.font
    if not given:
        return None, ()
    root = settings.path.parent
    diagnostics: list[Diagnostic] = []

    def refuse(name: str, why: str) -> None:
        diagnostics.append(Diagnostic(
            codes.OWN_FONT_REFUSED, Severity.WARNING,
            f"the font {name} is not used: {why}", settings.path, settings.font_line,
        ))

    vendored = _vendored(given[0][1]) if len(given) == 1 else None
    if vendored == DEFAULT:
        return None, ()
    if vendored is not None:
        files = tuple(_face_file(FONTS / file, *FACES[key]) for key, file in VENDORED[vendored])
        regular = _read(files[0].path)
        return TextFace(vendored, vendored, files, vendored=True, maker=regular.maker, ofl=True), ()
    inside = root.resolve()
    chosen: dict[tuple[str, int], FaceFile] = {}
    for key, path in _candidates(root, given):
        shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        resolved = path.resolve()
        if not resolved.is_relative_to(inside):
            refuse(shown, "it is outside the publication folder, and the build reads only what is inside")
        elif not resolved.is_file():
            refuse(shown, "there is no such file" if not resolved.exists() else "it is not a regular file")
        elif resolved.suffix.lower() not in FORMATS:
            refuse(shown, "it is not a .ttf, .otf, .woff or .woff2 font file")
        elif resolved.stat().st_size > MAX_FONT_BYTES:
            refuse(shown, f"it is larger than {MAX_FONT_BYTES // 1_000_000} MB")
        else:
            stat = resolved.stat()
            font = _inspect(resolved, stat.st_size, stat.st_mtime_ns)
            if font.refused:
                refuse(shown, font.refused)
                continue
            style, weight = FACES[key] if key is not None else (font.style, font.weight)
            if (style, weight) in chosen:
                first = chosen[style, weight].path.name
                refuse(shown, f"{first} is already its {_face_name(style, weight)} face")
                continue
            chosen[style, weight] = FaceFile(resolved, style, weight, font.digest)
    if ("normal", 400) not in chosen:
        keep = f"without a regular face every edition keeps {DEFAULT}"
        if not diagnostics:
            refuse(given[0][1], "no regular face was found there (a .ttf, .otf, .woff or .woff2 file "
                   "that is neither italic nor bold)")
        last = diagnostics.pop()
        diagnostics.append(dataclasses.replace(last, message=f"{last.message}; {keep}"))
        return None, tuple(diagnostics)
    regular = _read(chosen["normal", 400].path)
    family = regular.family if _vendored(regular.family) is None else f"{regular.family} (publication)"
    files = tuple(chosen[face] for face in sorted(chosen, key=lambda face: (face[1], face[0])))
    return TextFace(regular.family, family, files, maker=regular.maker, ofl=regular.ofl), tuple(diagnostics)


def _read(path: Path) -> _Font:
    path, stat = path.resolve(), path.stat()
    return _inspect(path, stat.st_size, stat.st_mtime_ns)


def _face_file(path: Path, style: str, weight: int) -> FaceFile:
    return FaceFile(path.resolve(), style, weight, _read(path).digest)


def _face_name(style: str, weight: int) -> str:
    return {("normal", 400): "regular", ("italic", 400): "italic", ("normal", 700): "bold",
            ("italic", 700): "bold italic"}[style, weight]
