"""Read a text's YAML front matter block into plain data, within bounds, with each key's line.

The block is parsed once into YAML's node graph and measured there, before
any value is built: aliases (`*a`) count as often as they are used, so a small
block whose anchors expand to megabytes (the "billion laughs") is refused
with the line of the key it inflates, as is nesting deeper than metadata ever
needs and an alias that refers to itself. Only then are the values built, with
YAML's safe types only; a timestamp that is not a real date (`2024-13-45`)
stays the text it was, for the caller to report by key and line. Keys given
twice are noted (YAML keeps the last one silently).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from pamphleteer.errors import SourceError

MAX_EXPANDED = 1024 * 1024  # characters of every value, aliases expanded: the limit of a whole text
NOT_A_MAPPING = "the front matter must be 'key: value' lines, like 'title: …'"
MAX_DEPTH = 16  # collections inside collections; converters write two or three
MAX_LEFT_OUT = 20  # entries a converter wrote as broken YAML, left out one by one
# A top-level key at the start of its line: `tags:`, `Date:`, `'og:title':`.
TOP_LEVEL_KEY = re.compile(r"""^(?P<key>'[^']*'|"[^"]*"|[^\s#:'"\[\]{},&*!|>%@`-][^:#]*?)\s*:(?:\s|$)""")


def _lenient_timestamp(loader: yaml.SafeLoader | yaml.CSafeLoader, node: yaml.ScalarNode) -> Any:
    """A timestamp that is not a real date is kept as its text (checked later, with its line)."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return str(node.value)


class PlainLoader(yaml.SafeLoader):
    """PyYAML's own safe loader (its errors name the problem), lenient with impossible dates."""


# libyaml's parser when PyYAML has it: twenty times as fast. It reads a few things PyYAML's own
# refuses (`[Why?]`, as the YAML spec allows); when it refuses, PyYAML's parser names the problem.
if yaml.__with_libyaml__:

    class _FastLoader(yaml.CSafeLoader):
        """libyaml's safe loader, lenient with impossible dates."""

    FastLoader: type[_FastLoader] | type[PlainLoader] = _FastLoader
else:
    FastLoader = PlainLoader

PlainLoader.add_constructor("tag:yaml.org,2002:timestamp", _lenient_timestamp)
FastLoader.add_constructor("tag:yaml.org,2002:timestamp", _lenient_timestamp)


@dataclass(frozen=True)
class FrontMatter:
    """The data of a front matter block, and where each top-level key is."""

    data: dict[Any, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # each key's line in the file (the last, if twice)
    repeated: tuple[tuple[str, int, int], ...] = ()  # (key, first line, last line) of keys given twice
    left_out: tuple[tuple[str, int, str], ...] = ()  # (key, line, YAML's problem) of broken entries left out


def load_front_matter(
    block: str, path: Path, first_line: int = 2, may_leave_out: Callable[[str], bool] = lambda key: False
) -> FrontMatter:
    """Parse `block` (the lines between the `---`, starting on `first_line` of the file).

    An entry that is not valid YAML is an error naming its line, unless `may_leave_out` says
    its key is one the text can do without (a converter's `tags: [a,, b]`): that entry is
    then left out, and noted in `left_out`, and the rest is read.
    """
    left_out: list[tuple[str, int, str]] = []
    while True:
        try:
            front = _load(block, path, first_line)
        except _Broken as broken:
            entry = _entry_at(block, broken.line)
            if entry is None or not may_leave_out(entry[0]) or len(left_out) >= MAX_LEFT_OUT:
                raise broken.error from None
            key, start, end = entry
            lines = block.split("\n")
            block = "\n".join(lines[:start] + [""] * (end - start) + lines[end:])  # lines keep their numbers
            left_out.append((key, start + first_line, broken.problem))
            continue
        return replace(front, left_out=tuple(left_out))


class _Broken(Exception):
    """YAML's parser refused the block: where (a line of the block, from 0) and what."""

    def __init__(self, error: SourceError, line: int, problem: str):
        super().__init__(problem)
        self.error, self.line, self.problem = error, line, problem


def _entry_at(block: str, line: int) -> tuple[str, int, int] | None:
    """The top-level entry holding `line` of `block`: its key and its lines [start, end)."""
    lines = block.split("\n")
    starts = [index for index, text in enumerate(lines) if TOP_LEVEL_KEY.match(text)]
    before = [index for index in starts if index <= line]
    if not before:
        return None
    start = before[-1]
    end = next((index for index in starts if index > start), len(lines))
    match = TOP_LEVEL_KEY.match(lines[start])
    assert match is not None
    return match.group("key").strip("'\""), start, end


def _load(block: str, path: Path, first_line: int) -> FrontMatter:
    offset = first_line
    _check_depth(block, path, offset)
    try:
        node = _compose(block, FastLoader)
    except (yaml.YAMLError, RecursionError):
        try:  # PyYAML's own parser says where and what, as it always has
            node = _compose(block, PlainLoader)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = mark.line + offset if mark is not None else first_line - 1
            problem = getattr(error, "problem", None) or str(error)
            message = f"the front matter is not valid YAML: {problem}"
            start = getattr(error, "context_mark", None) or mark  # where the broken construct opens
            raise _Broken(SourceError(message, file=path, line=line),
                          start.line if start is not None else -1, problem) from None
        except RecursionError:
            raise SourceError(
                f"the front matter nests lists or mappings more than {MAX_DEPTH} deep; "
                "metadata is a few 'key: value' lines",
                file=path, line=first_line,
            ) from None
    if node is None:
        return FrontMatter()
    if not isinstance(node, yaml.MappingNode):
        raise SourceError(NOT_A_MAPPING, file=path, line=first_line)
    seen: dict[str, int] = {}
    repeated = []
    for key, value in node.value:
        name, line = str(key.value), key.start_mark.line + offset
        if name in seen:
            repeated.append((name, seen[name], line))
        seen[name] = line
        _check_size(value, path, line, name)
    loader = PlainLoader("")
    try:
        data = loader.construct_document(node)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = mark.line + offset if mark is not None else first_line
        raise SourceError(f"the front matter is not valid YAML: {error}", file=path, line=line) from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise SourceError(NOT_A_MAPPING, file=path, line=first_line)
    return FrontMatter(data=data, lines=seen, repeated=tuple(repeated))


def _check_depth(block: str, path: Path, offset: int) -> None:
    """Refuse nesting deeper than `MAX_DEPTH` from the parser's events, before any recursive step.

    (Building the node graph recurses once per level: libyaml's composer would crash the
    process, PyYAML's would overflow the stack, on a few thousand `[`.) A block the parser
    refuses is left for `load_front_matter` to explain.
    """
    loader = FastLoader(block)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise SourceError(
                        f"the front matter nests lists or mappings more than {MAX_DEPTH} deep; "
                        "metadata is a few 'key: value' lines",
                        file=path, line=(event.start_mark.line if event.start_mark else 0) + offset,
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return
    finally:
        loader.dispose()


def _compose(block: str, loader_class: type[_FastLoader] | type[PlainLoader]) -> yaml.Node | None:
    loader = loader_class(block)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _check_size(root: yaml.Node, path: Path, line: int, key: str) -> None:
    """Refuse a value that is too large once its aliases are expanded, too deep, or circular.

    Iterative, and each node is measured once (the graph is a DAG once cycles are refused),
    so measuring a block is as cheap as the block is long, whatever it expands to.
    """
    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        ident = id(node)
        if children_done:
            on_path.discard(ident)
            children = _children(node)
            size[ident] = 1 + sum(size[id(child)] for child in children)
            depth[ident] = 1 + max((depth[id(child)] for child in children), default=0)
            continue
        if ident in size:
            continue
        if isinstance(node, yaml.ScalarNode):
            size[ident], depth[ident] = len(str(node.value)) + 1, 0
            continue
        if ident in on_path:
            raise SourceError(
                f"front matter '{key}' refers to itself through a YAML alias; write its value out",
                file=path, line=line,
            )
        on_path.add(ident)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in size)
        if len(on_path) > MAX_DEPTH:
            raise SourceError(
                f"front matter '{key}' nests lists or mappings more than {MAX_DEPTH} deep; "
                "metadata is a few 'key: value' lines",
                file=path, line=line,
            )
    if size[id(root)] > MAX_EXPANDED:
        raise SourceError(
            f"front matter '{key}' is {size[id(root)] / 1024 / 1024:.1f} MB once its YAML aliases are "
            f"expanded; front matter may be at most {MAX_EXPANDED // 1024 // 1024} MB: write the value "
            "out without aliases, or shorten it",
            file=path, line=line,
        )


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [item for pair in node.value for item in pair]
    return []
