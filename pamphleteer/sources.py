"""Find the source files of a publication and read them.

Texts are `sources/texts/<slug>.md`: Markdown as received, under an optional
YAML front matter block. This module reads them as strict UTF-8, splits and
checks the front matter, and orders them as `publication.toml` asks. It does
not look inside the Markdown: that is `parse`'s job.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from pamphleteer.config import SLUG_PATTERN, Settings, load_settings
from pamphleteer.errors import SourceError
from pamphleteer.sanitise import plain_text

# libyaml's parser when PyYAML has it: twenty times as fast. It reads a few things PyYAML's own
# refuses (`[Why?]`, as the YAML spec allows); when it refuses, PyYAML's parser names the problem.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

FRONT_MATTER_KEYS = {
    "title": "a text",
    "subtitle": "a text",
    "author": "a name or a list of names",
    "date": "a date like 2024-01-29",
    "lang": "a language tag like en-GB",
    "rights": "a text",
    "publication": "a text",
    "source": "a URL",
    "order": "a whole number",
    "questions": "a list of questions",
    "fixes": "a list of {find: …, replace: …} entries",
    "keep": "a list of block texts or repair codes to leave alone",
}
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_TEXT_BYTES = 1024 * 1024  # about 170,000 words, a long book; a pamphlet text is rarely 100 KB
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
WEB_URL = re.compile(r"^https?://[^\s<>\"]+$", re.IGNORECASE)


@dataclass(frozen=True)
class Fix:
    """An explicit find/replace repair from front matter, for damage no rule can infer."""

    find: str
    replace: str
    line: int


@dataclass(frozen=True)
class TextMeta:
    """What a text's front matter says. Empty strings mean "not given"."""

    title: str = ""
    subtitle: str = ""
    authors: tuple[str, ...] = ()
    date: str = ""
    lang: str = ""
    rights: str = ""
    publication: str = ""
    source: str = ""
    order: int | None = None
    questions: tuple[str, ...] = ()
    fixes: tuple[Fix, ...] = ()
    # Block texts or repair codes (like "N010") a person wants left as they are: the
    # normaliser's removals and repairs skip what this names.
    keep: tuple[str, ...] = ()


@dataclass(frozen=True)
class SourceText:
    """One text as read from disk: metadata, and the Markdown body as received."""

    path: Path
    slug: str
    meta: TextMeta
    body: str
    body_line: int  # line of the file on which `body` starts (1-based)


@dataclass(frozen=True)
class SourcePart:
    """A shared part of the publication, from `sources/front/<name>.md`."""

    path: Path
    name: str
    title: str
    body: str
    body_line: int


@dataclass(frozen=True)
class Sources:
    """Everything the build reads."""

    root: Path
    settings: Settings
    texts: tuple[SourceText, ...]
    front: tuple[SourcePart, ...]


def read_text_file(path: Path) -> str:
    """Read a file as strict UTF-8 text, refusing binary data and control characters."""
    try:
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise SourceError(
                f"the file is {size / 1024 / 1024:.1f} MB; a text may be at most "
                f"{MAX_TEXT_BYTES // 1024 // 1024} MB: split it into several texts",
                file=path,
            )
        raw = path.read_bytes()
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


def split_front_matter(text: str, path: Path) -> tuple[dict[str, Any], dict[str, int], str, int]:
    """Split `---` YAML front matter from the body.

    Returns the mapping, the line of each key, the body and the body's first line.
    """
    if not text.startswith("---\n"):
        return {}, {}, text, 1
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
    try:
        node, data = _load_yaml(block, FAST_LOADER)
    except yaml.YAMLError:
        try:  # PyYAML's own parser says where and what, as it always has
            node, data = _load_yaml(block, yaml.SafeLoader)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = mark.line + 2 if mark is not None else 1
            problem = getattr(error, "problem", None) or str(error)
            message = f"the front matter is not valid YAML: {problem}"
            raise SourceError(message, file=path, line=line) from None
    if data is None:
        return {}, {}, text[body_start:], body_line
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise SourceError(
            "the front matter must be 'key: value' lines, like 'title: …'", file=path, line=2
        )
    lines = {str(key.value): key.start_mark.line + 2 for key, _ in node.value}
    return data, lines, text[body_start:], body_line


def _load_yaml(block: str, loader_class: type) -> tuple[yaml.Node | None, Any]:
    """The front matter's node (each key's line) and data, from one parse."""
    loader = loader_class(block)
    try:
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()


def _text_value(data: dict[str, Any], key: str, path: Path, lines: dict[str, int]) -> str:
    value = data.get(key)
    if value is None:
        return ""
    if isinstance(value, (datetime.date, datetime.datetime)) and key == "date":
        return value.isoformat()[:10]
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return plain_text(str(value).strip())
    raise SourceError(
        f"front matter '{key}' must be {FRONT_MATTER_KEYS[key]}", file=path, line=lines.get(key)
    )


def _list_value(data: dict[str, Any], key: str, path: Path, lines: dict[str, int]) -> tuple[str, ...]:
    value = data.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        return (plain_text(value.strip()),)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(plain_text(item.strip()) for item in value)
    raise SourceError(
        f"front matter '{key}' must be {FRONT_MATTER_KEYS[key]}", file=path, line=lines.get(key)
    )


def _fixes(data: dict[str, Any], path: Path, lines: dict[str, int]) -> tuple[Fix, ...]:
    value = data.get("fixes")
    if value is None:
        return ()
    line = lines.get("fixes")
    if not isinstance(value, list):
        raise SourceError(f"front matter 'fixes' must be {FRONT_MATTER_KEYS['fixes']}", file=path, line=line)
    fixes = []
    for index, entry in enumerate(value, start=1):
        if (
            not isinstance(entry, dict)
            or set(entry) != {"find", "replace"}
            or not all(isinstance(entry[k], str) for k in entry)
            or not entry["find"]
        ):
            raise SourceError(
                f"front matter 'fixes' entry {index} must have exactly a non-empty 'find' "
                "and a 'replace' text",
                file=path,
                line=line,
            )
        fixes.append(Fix(find=entry["find"], replace=entry["replace"], line=line or 1))
    return tuple(fixes)


def parse_meta(data: dict[str, Any], lines: dict[str, int], path: Path) -> TextMeta:
    """Check front matter keys and types and build `TextMeta`."""
    for key in data:
        if key not in FRONT_MATTER_KEYS:
            raise SourceError(
                f"unknown front matter key '{key}'; known keys are: "
                f"{', '.join(FRONT_MATTER_KEYS)}",
                file=path,
                line=lines.get(str(key)),
            )
    order = data.get("order")
    if order is not None and (not isinstance(order, int) or isinstance(order, bool)):
        raise SourceError("front matter 'order' must be a whole number", file=path, line=lines.get("order"))
    lang = _text_value(data, "lang", path, lines)
    if lang and not LANGUAGE_TAG.match(lang):
        raise SourceError(
            f"front matter 'lang' is '{lang}'; it must be {FRONT_MATTER_KEYS['lang']}",
            file=path, line=lines.get("lang"),
        )
    source = _text_value(data, "source", path, lines)
    if source and not WEB_URL.match(source):
        raise SourceError(
            f"front matter 'source' is '{source[:60]}'; it must be the original's web address, "
            "starting with https:// or http://",
            file=path, line=lines.get("source"),
        )
    return TextMeta(
        title=_text_value(data, "title", path, lines),
        subtitle=_text_value(data, "subtitle", path, lines),
        authors=_list_value(data, "author", path, lines),
        date=_text_value(data, "date", path, lines),
        lang=lang,
        rights=_text_value(data, "rights", path, lines),
        publication=_text_value(data, "publication", path, lines),
        source=source,
        order=order,
        questions=_list_value(data, "questions", path, lines),
        fixes=_fixes(data, path, lines),
        keep=tuple(item for item in _list_value(data, "keep", path, lines) if item),
    )


def read_text(path: Path) -> SourceText:
    """Read one text: front matter and body."""
    slug = path.stem
    if not SLUG_PATTERN.match(slug):
        raise SourceError(
            "the file name must be lower-case letters, digits and hyphens (it becomes the "
            "text's slug); rename the file",
            file=path,
        )
    text = read_text_file(path)
    data, lines, body, body_line = split_front_matter(text, path)
    meta = parse_meta(data, lines, path)
    if not body.strip():
        raise SourceError("the text has no body after its front matter", file=path, line=body_line)
    return SourceText(path=path, slug=slug, meta=meta, body=body, body_line=body_line)


def read_part(path: Path) -> SourcePart:
    """Read one shared part from `sources/front/`. Its title may come from front matter."""
    text = read_text_file(path)
    data, lines, body, body_line = split_front_matter(text, path)
    unknown = set(data) - {"title"}
    if unknown:
        key = sorted(unknown)[0]
        raise SourceError(
            f"unknown front matter key '{key}'; a shared part takes only 'title'",
            file=path,
            line=lines.get(key),
        )
    title = _text_value(data, "title", path, lines) or path.stem.replace("-", " ").capitalize()
    return SourcePart(path=path, name=path.stem, title=title, body=body, body_line=body_line)


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


def _inside(path: Path, root: Path) -> None:
    """Refuse a source that is a link to a file outside the sources folder."""
    if not path.resolve().is_relative_to(root.resolve()):
        raise SourceError(
            "the file is a link to a file outside the sources folder, which the build does not "
            "read; copy the text into the sources folder instead",
            file=path,
        )


def read_sources(root: Path) -> Sources:
    """Read `publication.toml`, every text and every shared part under `root`."""
    if not root.is_dir():
        raise SourceError("the sources folder does not exist; pass --sources DIR", file=root)
    settings = load_settings(root / "publication.toml")
    texts_dir = root / "texts"
    if not texts_dir.is_dir():
        raise SourceError("there is no texts/ folder; put the texts in it as <slug>.md", file=texts_dir)
    paths = sorted(texts_dir.glob("*.md"))
    if not paths:
        raise SourceError("there are no texts (*.md files) in this folder", file=texts_dir)
    front_dir = root / "front"
    parts = sorted(front_dir.glob("*.md")) if front_dir.is_dir() else []
    for path in [*paths, *parts]:
        _inside(path, root)
    texts = order_texts([read_text(path) for path in paths], settings)
    front = tuple(read_part(path) for path in parts)
    return Sources(root=root, settings=settings, texts=texts, front=front)
