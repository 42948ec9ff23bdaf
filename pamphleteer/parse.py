"""Turn Markdown into pandoc's AST. The only module that calls pandoc.

Each text is parsed with pandoc's CommonMark reader (with pandoc's extensions,
and source positions), so every top-level block knows the line of the source
file it came from. The source-position wrappers are then removed, leaving the
plain pandoc AST (as JSON-like dicts) that the normaliser rewrites.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypandoc

from pamphleteer.cache import Cache, digest
from pamphleteer.errors import SourceError
from pamphleteer.sources import SourcePart, SourceText

Node = dict[str, Any]  # one element of pandoc's JSON AST: {"t": "Para", "c": [...]}

READER = "commonmark_x-yaml_metadata_block+sourcepos"
POSITION = re.compile(r"(\d+):\d+-")


@dataclass(frozen=True)
class Block:
    """A top-level block of a text, with the source line it starts on."""

    line: int
    node: Node


@dataclass(frozen=True)
class ParsedText:
    """A text as pandoc's AST: its source, and its blocks in order."""

    source: SourceText
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class ParsedPart:
    """A shared part (introduction, …) as pandoc's AST."""

    source: SourcePart
    blocks: tuple[Block, ...]


def pandoc_version() -> str:
    """The version of the bundled pandoc, for the build report."""
    return str(pypandoc.get_pandoc_version())


def _is_wrapper(attr: list[Any]) -> bool:
    identifier, classes, pairs = attr
    return not identifier and not classes and any(key == "wrapper" for key, _ in pairs)


def _attr_without_position(attr: list[Any]) -> list[Any]:
    identifier, classes, pairs = attr
    return [identifier, classes, [[k, v] for k, v in pairs if k not in ("data-pos", "wrapper")]]


def _position_line(attr: list[Any]) -> int | None:
    for key, value in attr[2]:
        if key == "data-pos":
            match = POSITION.search(value)
            if match:
                return int(match.group(1))
    return None


ATTR_INDEX = {  # where the Attr sits in the "c" of element kinds that have one
    "Header": 1, "CodeBlock": 0, "Div": 0, "Span": 0, "Link": 0, "Image": 0,
    "Code": 0, "Table": 0, "Figure": 0,
}


def _clean(value: Any) -> Any:
    """Remove source-position wrappers and attributes, recursively."""
    if isinstance(value, list):
        out: list[Any] = []
        for item in value:
            if (
                isinstance(item, dict)
                and item.get("t") in ("Div", "Span")
                and _is_wrapper(item["c"][0])
            ):
                out.extend(_clean(item["c"][1]))
            else:
                out.append(_clean(item))
        return _merge_strings(out)
    if isinstance(value, dict) and "t" in value:
        node = {"t": value["t"]}
        if "c" in value:
            content = value["c"]
            index = ATTR_INDEX.get(value["t"])
            if index is not None and isinstance(content, list):
                content = list(content)
                content[index] = _attr_without_position(content[index])
            node["c"] = _clean(content)
        return node
    return value


def _merge_strings(items: list[Any]) -> list[Any]:
    """Join adjacent Str nodes, which source positions split apart."""
    merged: list[Any] = []
    for item in items:
        if (
            isinstance(item, dict)
            and item.get("t") == "Str"
            and merged
            and isinstance(merged[-1], dict)
            and merged[-1].get("t") == "Str"
        ):
            merged[-1] = {"t": "Str", "c": merged[-1]["c"] + item["c"]}
        else:
            merged.append(item)
    return merged


def _top_level(blocks: list[Node], first_line: int) -> tuple[Block, ...]:
    """Unwrap top-level blocks, keeping each one's line in the file."""
    result = []
    for raw in blocks:
        line = None
        if raw.get("t") == "Div" and _is_wrapper(raw["c"][0]):
            line = _position_line(raw["c"][0])
            inner = raw["c"][1]
        else:
            index = ATTR_INDEX.get(raw.get("t", ""))
            if index is not None:
                line = _position_line(raw["c"][index])
            inner = [raw]
        for node in _clean(inner):
            result.append(Block(line=first_line + (line or 1) - 1, node=node))
    return tuple(result)


def markdown_to_blocks(markdown: str, *, path: Path, first_line: int) -> tuple[Block, ...]:
    """Parse Markdown with pandoc; lines are counted from `first_line` of `path`."""
    try:
        output = pypandoc.convert_text(markdown, "json", format=READER)
    except RuntimeError as error:
        raise SourceError(f"pandoc could not read the text: {error}", file=path) from None
    document = json.loads(output)
    return _top_level(document["blocks"], first_line)


def parse_text(source: SourceText) -> ParsedText:
    """Parse one text's body."""
    return ParsedText(
        source=source,
        blocks=markdown_to_blocks(source.body, path=source.path, first_line=source.body_line),
    )


def parse_part(source: SourcePart) -> ParsedPart:
    """Parse one shared part."""
    return ParsedPart(
        source=source,
        blocks=markdown_to_blocks(source.body, path=source.path, first_line=source.body_line),
    )


def parse_texts(
    sources: tuple[SourceText, ...], cache: Cache | None = None, version: str = "",
    done: Callable[[SourceText], None] | None = None,
) -> tuple[ParsedText, ...]:
    """Parse many texts; pandoc runs as separate processes, two at a time.

    With a cache, a text whose body (and `version`, the code that parses it) is
    unchanged is not parsed again. `done` is called (from a worker thread) as each text is ready.
    """

    def cached(source: SourceText) -> ParsedText:
        if cache is None:
            return parse_text(source)
        key = digest(READER, version, str(source.body_line), source.body)
        stored = cache.get("ast", key)
        if stored is not None:
            try:
                blocks = tuple(Block(line, node) for line, node in json.loads(stored))
                return ParsedText(source=source, blocks=blocks)
            except (ValueError, TypeError):
                pass
        parsed = parse_text(source)
        cache.put("ast", key, json.dumps([[b.line, b.node] for b in parsed.blocks]).encode("utf-8"))
        return parsed

    def reported(source: SourceText) -> ParsedText:
        parsed = cached(source)
        if done is not None:
            done(source)
        return parsed

    with ThreadPoolExecutor(max_workers=2) as pool:
        return tuple(pool.map(reported, sources))


def inline_markdown(text: str) -> list[Node]:
    """Parse a short piece of Markdown (a question, a title) into inline nodes."""
    document = json.loads(pypandoc.convert_text(text, "json", format="commonmark_x-yaml_metadata_block"))
    blocks = document["blocks"]
    if len(blocks) == 1 and blocks[0]["t"] in ("Para", "Plain"):
        return blocks[0]["c"]
    return [{"t": "Str", "c": text}]
