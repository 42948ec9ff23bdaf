"""Find the source files of a publication and read them.

Texts are `sources/texts/<slug>.md`: Markdown as received, under an optional
YAML front matter block. This module reads them as strict UTF-8, splits and
checks the front matter, and orders them as `publication.toml` asks. It does
not look inside the Markdown: that is `parse`'s job.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pamphleteer import codes
from pamphleteer.config import SLUG_PATTERN, Settings, load_settings
from pamphleteer.errors import Diagnostic, Severity, SourceError
from pamphleteer.frontmatter import FrontMatter, load_front_matter
from pamphleteer.meta import FRONT_MATTER_KEYS, Fix, TextMeta, parse_date, parse_meta
from pamphleteer.sourcefiles import check_inside, is_editor_leftover, read_source_bytes

__all__ = [  # what other modules import from here (the schema itself lives in `meta`)
    "FRONT_MATTER_KEYS", "Fix", "SourcePart", "SourceText", "Sources", "TextMeta", "parse_date",
    "parse_meta", "read_sources", "read_text", "read_text_file", "split_front_matter",
]
SAME_QUOTES = str.maketrans("\u2018\u2019\u201c\u201d", "''\"\"")  # as `normalise.fixes` compares them
# `[label]: address "title"` at the start of a line, and every `[…]` that may use one.
REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[([^\[\]\n]{1,999})\]:[ \t]*(\S+(?:[ \t]+\S.*)?)$", re.MULTILINE)
BRACKETED = re.compile(r"\[([^\[\]\n]{1,999})\]")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_TEXT_BYTES = 1024 * 1024  # about 170,000 words, a long book; a pamphlet text is rarely 100 KB


@dataclass(frozen=True)
class SourceText:
    """One text as read from disk: metadata, and the Markdown body as received."""

    path: Path
    slug: str
    meta: TextMeta
    body: str
    body_line: int  # line of the file on which `body` starts (1-based)
    diagnostics: tuple[Diagnostic, ...] = ()  # what reading the front matter noted


@dataclass(frozen=True)
class SourcePart:
    """A shared part of the publication, from `sources/front/<name>.md`."""

    path: Path
    name: str
    title: str
    body: str
    body_line: int
    # Whether the part also opens each text's own pamphlet (`pamphlets = "each"`): front matter
    # `pamphlets: true`, for a part that reads right before any one text. By default a shared part
    # introduces the reader as a whole, and only the reader carries it.
    in_pamphlets: bool = False


@dataclass(frozen=True)
class Sources:
    """Everything the build reads."""

    root: Path
    settings: Settings
    texts: tuple[SourceText, ...]
    front: tuple[SourcePart, ...]


def read_text_file(path: Path, root: Path | None = None) -> str:
    """Read a file as strict UTF-8 text, refusing binary data and control characters.

    With `root`, the file must be a regular file inside that folder (see `sourcefiles`).
    """
    try:
        raw = read_source_bytes(
            path, root, MAX_TEXT_BYTES,
            too_big=f"a text may be at most {MAX_TEXT_BYTES // 1024 // 1024} MB: split it into several texts",
        )
    except OSError as error:
        raise SourceError(f"cannot read the file: {error.strerror}", file=path) from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise SourceError(
            f"byte 0x{raw[error.start]:02x} is not valid UTF-8; save the file as UTF-8",
            file=path,
            line=line,
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = CONTROL_CHARACTERS.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        kind = "a NUL byte (binary data?)" if bad.group() == "\x00" else (
            f"the control character U+{ord(bad.group()):04X}"
        )
        raise SourceError(f"the text contains {kind}; remove it", file=path, line=line)
    return text


def split_front_matter(text: str, path: Path) -> tuple[dict[object, object], dict[str, int], str, int]:
    """Split `---` YAML front matter from the body.

    Returns the mapping, the line of each key, the body and the body's first line.
    """
    front, body, body_line = read_front_matter(text, path)
    return front.data, front.lines, body, body_line


def read_front_matter(text: str, path: Path) -> tuple[FrontMatter, str, int]:
    """The front matter (see `frontmatter`), the body and the body's first line."""
    if not text.startswith("---\n"):
        return FrontMatter(), text, 1
    end = re.search(r"^(---|\.\.\.)[ \t]*$", text[4:], flags=re.MULTILINE)
    if end is None:
        raise SourceError(
            "the front matter that opens on line 1 is never closed; end it with a line '---'",
            file=path,
            line=1,
        )
    block = text[4 : 4 + end.start()]
    body_start = 4 + end.end() + 1
    body_line = text.count("\n", 0, min(body_start, len(text))) + 1
    # A converter's entry that is not YAML is left out with a warning; one under our own key is an error.
    front = load_front_matter(block, path, first_line=2,
                              may_leave_out=lambda key: key not in FRONT_MATTER_KEYS)
    return front, text[body_start:], body_line


def read_text(path: Path, root: Path | None = None) -> SourceText:
    """Read one text: front matter and body (with `root`, a regular file inside that folder)."""
    slug = path.stem
    if not SLUG_PATTERN.match(slug):
        raise SourceError(
            "the file name must be lower-case letters, digits and hyphens (it becomes the "
            "text's slug); rename the file",
            file=path,
        )
    text = read_text_file(path, root)
    front, body, body_line = read_front_matter(text, path)
    notes = [
        Diagnostic(codes.KEY_TWICE, Severity.WARNING,
                   f"front matter '{key}' is given twice (lines {first} and {last}); the last one is used",
                   path, last)
        for key, first, last in front.repeated
    ] + [
        Diagnostic(codes.BROKEN_CONVERTER_ENTRY, Severity.WARNING,
                   f"front matter '{key}' is not valid YAML ({problem}) and was left out; "
                   "quote its value, or delete the line", path, line)
        for key, line, problem in front.left_out
    ]
    meta = parse_meta(front.data, front.lines, path, notes)
    if not body.strip():
        raise SourceError("the text has no body after its front matter", file=path, line=body_line)
    check_fixes_growth(body, meta.fixes, path)
    check_reference_growth(body, body_line, path)
    return SourceText(
        path=path, slug=slug, meta=meta, body=body, body_line=body_line, diagnostics=tuple(notes)
    )


def check_fixes_growth(body: str, fixes: tuple[Fix, ...], path: Path) -> None:
    """Refuse `fixes` that would grow the text past the size limit (each doubling a letter …).

    Measured on the body as the fixes change it, one after another, before any is applied;
    each step costs at most the limit, so a run of doubling fixes stops at once.
    """
    text = body.translate(SAME_QUOTES)
    for fix in fixes:
        find, replace = fix.find.translate(SAME_QUOTES), fix.replace.translate(SAME_QUOTES)
        grown = len(text) + text.count(find) * (len(replace) - len(find))
        if grown > MAX_TEXT_BYTES:
            raise SourceError(
                f"the front matter fixes would make the text {grown / 1024 / 1024:.1f} MB "
                f"(the fix '{fix.find[:30]}' -> '{fix.replace[:30]}' and those before it); a text may "
                f"be at most {MAX_TEXT_BYTES // 1024 // 1024} MB: correct the fixes",
                file=path, line=fix.line,
            )
        text = text.replace(find, replace)


def _label(text: str) -> str:
    return " ".join(text.split()).casefold()


def check_reference_growth(body: str, body_line: int, path: Path) -> None:
    """Refuse reference links whose uses would grow the text past the size limit once expanded.

    `[x][r]` is six characters, but pandoc writes the whole address of `[r]: https://…` into
    every use: 140,000 uses of a 900-character address make a 1 MB text 126 MB, for minutes
    and gigabytes. Each use is counted (as `[r]`, `[x][r]` or `[r][]`, labels compared as
    Markdown compares them) and the growth measured before pandoc reads a word.
    """
    definitions = {
        _label(match.group(1)): (match, len(match.group(2)))
        for match in REFERENCE_DEFINITION.finditer(body)
    }
    if not definitions:
        return
    uses = Counter(_label(label) for label in BRACKETED.findall(body))
    for label, (match, length) in definitions.items():
        grown = len(body) + (uses[label] - 1) * length
        if grown > MAX_TEXT_BYTES:
            raise SourceError(
                f"the reference link [{match.group(1)[:30]}] is used {uses[label] - 1} times; with its "
                f"address written into each use the text would be {grown / 1024 / 1024:.1f} MB, and a text "
                f"may be at most {MAX_TEXT_BYTES // 1024 // 1024} MB: write fewer links to it",
                file=path, line=body_line + body.count("\n", 0, match.start()),
            )


def read_part(path: Path, root: Path | None = None) -> SourcePart:
    """Read one shared part from `sources/front/`. Its title may come from front matter."""
    text = read_text_file(path, root)
    front, body, body_line = read_front_matter(text, path)
    data, lines = front.data, front.lines
    unknown = set(map(str, data)) - {"title", "pamphlets"}
    if unknown:
        key = sorted(unknown)[0]
        raise SourceError(
            f"unknown front matter key '{key}'; a shared part takes only 'title' and 'pamphlets'",
            file=path,
            line=lines.get(key),
        )
    in_pamphlets = data.get("pamphlets", False)
    if not isinstance(in_pamphlets, bool):
        raise SourceError(
            "front matter 'pamphlets' must be true (this part also opens each text's own pamphlet) "
            "or false (the reader's only, the default)",
            file=path,
            line=lines.get("pamphlets"),
        )
    title = parse_meta({"title": data["title"]} if "title" in data else {}, lines, path).title
    title = title or path.stem.replace("-", " ").capitalize()
    return SourcePart(path=path, name=path.stem, title=title, body=body, body_line=body_line,
                      in_pamphlets=in_pamphlets)


def order_texts(texts: list[SourceText], settings: Settings) -> tuple[SourceText, ...]:
    """Put texts in the order `publication.toml` gives; unlisted texts follow.

    Unlisted texts are sorted by their front matter `order`, then by slug.
    """
    by_slug = {text.slug: text for text in texts}
    for slug in settings.order:
        if slug not in by_slug:
            raise SourceError(
                f"'order' names '{slug}', but there is no texts/{slug}.md; "
                f"the texts are: {', '.join(sorted(by_slug)) or 'none'}",
                file=settings.path,
            )
    listed = [by_slug[slug] for slug in dict.fromkeys(settings.order)]
    rest = sorted(
        (text for text in texts if text.slug not in settings.order),
        key=lambda text: (text.meta.order is None, text.meta.order or 0, text.slug),
    )
    return tuple(listed + rest)


def source_files(folder: Path) -> list[Path]:
    """The `*.md` files of `folder` in name order, without editors' lock and backup files."""
    return sorted(path for path in folder.glob("*.md") if not is_editor_leftover(path))


def read_sources(root: Path) -> Sources:
    """Read `publication.toml`, every text and every shared part under `root`."""
    if not root.is_dir():
        raise SourceError("the sources folder does not exist; pass --sources DIR", file=root)
    settings = load_settings(root / "publication.toml")
    texts_dir = root / "texts"
    if not texts_dir.is_dir():
        raise SourceError("there is no texts/ folder; put the texts in it as <slug>.md", file=texts_dir)
    paths = source_files(texts_dir)
    if not paths:
        raise SourceError("there are no texts (*.md files) in this folder", file=texts_dir)
    front_dir = root / "front"
    parts = source_files(front_dir) if front_dir.is_dir() else []
    for path in [*paths, *parts]:
        check_inside(path, root)
    texts = order_texts([read_text(path, root) for path in paths], settings)
    front = tuple(read_part(path, root) for path in parts)
    return Sources(root=root, settings=settings, texts=texts, front=front)
