"""Read `sources/publication.toml` into frozen `Settings`.

Every key is checked: an unknown key, a wrong type or a bad value stops the
build with a message that names the file and the key.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pamphleteer.errors import ConfigurationError
from pamphleteer.meta import invisible_characters
from pamphleteer.sourcefiles import read_source_bytes

PAGE_SIZES = ("A5", "A6", "half-letter", "letter")
PAMPHLETS = ("none", "each")
# Where the print edition sets pull quotes: away from the passage they repeat (on a later page,
# or not at all where no place fits), not at all, or right after it, as the source had them.
PULL_QUOTES = ("spread", "drop", "inline")
# The sheets a booklet of each page size can be printed on (two or four pages a side);
# the first is the default.
BOOKLET_SHEETS = {
    "A5": ("A4", "A3"),
    "A6": ("A4", "A5"),
    "half-letter": ("letter", "tabloid"),
    "letter": ("tabloid",),
}
# The four faces a `font` table may name, each a file inside the publication folder.
FONT_KEYS = ("regular", "italic", "bold", "bold_italic")
MAX_SETTINGS_BYTES = 256 * 1024  # publication.toml is a few dozen lines
SLUG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class PrintSettings:
    """Options for the print edition."""

    page_size: str = "A5"
    booklet_sheet: str = "A4"  # the paper the booklet is printed on, see BOOKLET_SHEETS


@dataclass(frozen=True)
class Settings:
    """The publication as configured by `publication.toml`."""

    path: Path
    title: str
    slug: str
    subtitle: str = ""
    editor: str = ""
    publisher: str = ""
    language: str = "en"
    identifier: str = ""
    description: str = ""
    order: tuple[str, ...] = ()
    rights: str = ""  # the licence of the publication's own parts (introduction, questions)
    pamphlets: str = "none"  # "each": also one pamphlet per text, named after the text
    pull_quotes: str = "spread"  # one of PULL_QUOTES
    cover: str = ""  # the ebook's cover image, a path inside the sources folder ("" for the designed one)
    cover_line: int | None = None  # where publication.toml gives `cover`, for a warning about the file
    # The text face (pamphleteer.textface): a vendored face's name, or the publication's own font
    # files, as (face, path) pairs: (("regular", "fonts/MyFace"),) for a name or a folder; () for
    # the built-in Crimson Pro.
    font: tuple[tuple[str, str], ...] = ()
    font_line: int | None = None  # where publication.toml gives `font`, for a warning about it
    print: PrintSettings = field(default_factory=PrintSettings)


def slugify(text: str) -> str:
    """A file-name-safe slug: lower case ASCII letters, digits and hyphens."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "publication"


def _string(table: dict[str, Any], key: str, path: Path, default: str = "") -> str:
    value = table.get(key, default)
    if not isinstance(value, str):
        raise ConfigurationError(
            f"'{key}' must be a text in quotes, not {type(value).__name__}", file=path
        )
    hidden = invisible_characters(value)
    if hidden:
        raise ConfigurationError(
            f"'{key}' contains U+{ord(hidden[0]):04X}, a character that reorders or hides text; "
            "remove it",
            file=path,
        )
    return value.strip()


def _string_list(table: dict[str, Any], key: str, path: Path) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigurationError(
            f"'{key}' must be a list of texts, like {key} = [\"first\", \"second\"]", file=path
        )
    return tuple(item.strip() for item in value)


def _reject_unknown(table: dict[str, Any], known: set[str], path: Path, prefix: str = "") -> None:
    for key in table:
        if key not in known:
            raise ConfigurationError(
                f"unknown key '{prefix}{key}'; known keys are: {', '.join(sorted(known))}",
                file=path,
            )


def _print_settings(table: Any, path: Path) -> PrintSettings:
    if not isinstance(table, dict):
        raise ConfigurationError("'print' must be a table: [print]", file=path)
    _reject_unknown(table, {"page_size", "booklet_sheet", "font"}, path, "print.")
    page_size = _string(table, "page_size", path, "A5")
    if page_size not in PAGE_SIZES:
        raise ConfigurationError(
            f"'print.page_size' is '{page_size}'; choose one of {', '.join(PAGE_SIZES)}",
            file=path,
        )
    sheets = BOOKLET_SHEETS[page_size]
    booklet_sheet = _string(table, "booklet_sheet", path, sheets[0])
    if booklet_sheet not in sheets:
        raise ConfigurationError(
            f"'print.booklet_sheet' is '{booklet_sheet}', but {page_size} pages can only be imposed "
            f"on {' or '.join(sheets)} sheets; choose one of them or remove the key",
            file=path,
        )
    return PrintSettings(page_size=page_size, booklet_sheet=booklet_sheet)


def _font(table: dict[str, Any], path: Path, where: str) -> tuple[tuple[str, str], ...]:
    """`font = "Gentium Book Plus"`, `font = "fonts/MyFace"` or a table naming each face's file."""
    value = table.get("font")
    if value is None:
        return ()
    if isinstance(value, str):
        return (("regular", _string(table, "font", path)),) if value.strip() else ()
    if not isinstance(value, dict):
        raise ConfigurationError(
            f"'{where}' must be a face's name, a path in quotes, or a table like "
            f"{where} = {{ regular = \"fonts/MyFace-Regular.ttf\", italic = \"fonts/MyFace-Italic.ttf\" }}",
            file=path,
        )
    value = {key.replace("-", "_"): file for key, file in value.items()}  # bold-italic as bold_italic
    _reject_unknown(value, set(FONT_KEYS), path, f"{where}.")
    faces = tuple((key, _string(value, key, path)) for key in FONT_KEYS if key in value)
    if not any(key == "regular" and file for key, file in faces):
        raise ConfigurationError(f"'{where}' names no regular face; add regular = \"fonts/….ttf\"", file=path)
    return tuple((key, file) for key, file in faces if file)


def _line_of_font(raw: bytes) -> int | None:
    """The line of `font = …` (at the top, or in [print]), for a warning about the face it names."""
    table = ""
    for number, line in enumerate(raw.decode("utf-8").splitlines(), start=1):
        header = re.match(r"\s*\[\s*([^\]]+?)\s*\]", line)
        if header:
            table = header.group(1)
        elif table in ("", "print") and re.match(r"\s*font\s*=", line):
            return number
    return None


def _line_of(raw: bytes, key: str) -> int | None:
    """The line of the top-level `key = …` in the TOML text, for a message about its value."""
    for number, line in enumerate(raw.decode("utf-8").splitlines(), start=1):
        if line.lstrip().startswith("["):
            return None  # the top-level keys come before the first table
        if re.match(rf"\s*{re.escape(key)}\s*=", line):
            return number
    return None


def _language(table: dict[str, Any], path: Path) -> str:
    language = _string(table, "language", path, "en") or "en"
    if not re.match(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$", language):
        raise ConfigurationError(
            f"'language' is '{language}'; use a language tag like \"en\" or \"en-GB\"", file=path
        )
    return language


def load_settings(path: Path) -> Settings:
    """Read and check `publication.toml` (a regular file in the sources folder, not a link out)."""
    try:
        raw = read_source_bytes(path, path.parent, MAX_SETTINGS_BYTES, ConfigurationError,
                                "publication settings are a few lines: is this the right file?")
    except FileNotFoundError:
        raise ConfigurationError(
            "publication settings not found; create it with at least: title = \"…\"", file=path
        ) from None
    except OSError as error:
        raise ConfigurationError(f"cannot read the file: {error.strerror}", file=path) from None
    try:
        table = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ConfigurationError(
            "the file is not valid UTF-8 text; save it as UTF-8", file=path, line=line
        ) from None
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"\(at line (\d+)", str(error))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        raise ConfigurationError(
            f"not valid TOML: {message}", file=path, line=int(match.group(1)) if match else None
        ) from None

    known = {
        "title", "subtitle", "editor", "publisher", "language", "identifier",
        "description", "slug", "order", "print", "rights", "pamphlets", "pull_quotes", "cover", "font",
    }
    _reject_unknown(table, known, path)
    title = _string(table, "title", path)
    if not title:
        raise ConfigurationError("'title' is missing; add: title = \"…\"", file=path)
    slug = _string(table, "slug", path) or slugify(title)
    if not SLUG_PATTERN.match(slug):
        raise ConfigurationError(
            f"'slug' is '{slug}'; use lower-case letters, digits and hyphens only", file=path
        )
    pamphlets = _string(table, "pamphlets", path, "none")
    if pamphlets not in PAMPHLETS:
        raise ConfigurationError(
            f"'pamphlets' is '{pamphlets}'; choose \"each\" (one pamphlet per text besides the "
            "reader) or \"none\"",
            file=path,
        )
    pull_quotes = _string(table, "pull_quotes", path, PULL_QUOTES[0])
    if pull_quotes not in PULL_QUOTES:
        raise ConfigurationError(
            f"'pull_quotes' is '{pull_quotes}'; choose \"spread\" (away from the passage they repeat), "
            "\"drop\" (none) or \"inline\" (right after it)",
            file=path,
        )
    printing = table.get("print", {})
    if isinstance(printing, dict) and "font" in printing and "font" in table:
        raise ConfigurationError(
            "'font' is given twice, at the top and in [print]; it sets every edition's text face: keep one",
            file=path,
        )
    font = _font(table, path, "font")
    if not font and isinstance(printing, dict):
        font = _font(printing, path, "print.font")
    return Settings(
        path=path,
        title=title,
        slug=slug,
        subtitle=_string(table, "subtitle", path),
        editor=_string(table, "editor", path),
        publisher=_string(table, "publisher", path),
        language=_language(table, path),
        identifier=_string(table, "identifier", path) or f"urn:pamphleteer:{slug}",
        description=_string(table, "description", path),
        order=_string_list(table, "order", path),
        rights=_string(table, "rights", path),
        pamphlets=pamphlets,
        pull_quotes=pull_quotes,
        cover=_string(table, "cover", path),
        cover_line=_line_of(raw, "cover"),
        font=font,
        font_line=_line_of_font(raw) if font else None,
        print=_print_settings(printing, path),
    )
