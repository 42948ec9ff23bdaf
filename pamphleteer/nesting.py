"""Read pandoc's JSON at any depth, and flatten nesting deeper than an edition can hold.

Markdown can nest without limit (`>>>>…`, `- - - -…`, `*a *b *c…`), and pandoc
follows. Python's `json` module and every recursive stage after it (the
normaliser, the writers, WeasyPrint's layout) would fail with a RecursionError
on such a tree, and no reader can follow a quotation inside forty quotations
anyway. So this module reads the JSON without recursion and replaces any
element nested deeper than the limits (one holding others, or raw markup: a
word, a space or code never needs to be) by its words, kept in order: a block becomes a paragraph
of its words, an inline element a plain span of them. The depth is read and
the tree rebuilt by `ast.descend` and `ast.rewrite`, which keep their own
stacks, so no depth of input can overflow Python's.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from pamphleteer.ast import (
    Node,
    code_text,
    descend,
    is_kind,
    kind,
    make_para,
    make_space,
    make_span,
    make_str,
    rewrite,
    slots,
    str_text,
    walk,
)

BLOCK_KINDS = frozenset({
    "Plain", "Para", "LineBlock", "CodeBlock", "RawBlock", "BlockQuote", "OrderedList",
    "BulletList", "DefinitionList", "Header", "HorizontalRule", "Table", "Figure", "Div",
})
MAX_BLOCK_DEPTH = 12  # block containers inside block containers (quotes, lists, divs)
MAX_DEPTH = 40  # elements of any kind inside one another
TOKEN = re.compile(
    r'\s*(?:("(?:[^"\\]|\\.)*")|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(true|false|null)|([{}\[\]:,]))',
    re.DOTALL,
)
LITERALS = {"true": True, "false": False, "null": None}


def load_json(text: str) -> Any:
    """`json.loads`, falling back to a reader without recursion for very deep documents."""
    try:
        return json.loads(text)
    except RecursionError:
        return _load_json_iteratively(text)


def _load_json_iteratively(text: str) -> Any:
    """A JSON reader that keeps its own stack instead of Python's (for trusted pandoc output)."""
    stack: list[tuple[list[Any] | dict[str, Any], str | None]] = []  # container, pending key
    root: list[Any] = []
    expect_key = False

    def put(value: Any) -> None:
        if not stack:
            root.append(value)
            return
        container, key = stack[-1]
        if isinstance(container, list):
            container.append(value)
        else:
            container[key] = value  # type: ignore[index]

    position = 0
    end = len(text.rstrip())
    while position < end:
        match = TOKEN.match(text, position)
        if match is None:
            raise ValueError(f"unexpected JSON at character {position}")
        position = match.end()
        string, number, literal, punctuation = match.groups()
        if string is not None:
            value = json.loads(string)
            if expect_key:
                stack[-1] = (stack[-1][0], value)
                expect_key = False
            else:
                put(value)
        elif number is not None:
            put(json.loads(number))
        elif literal is not None:
            put(LITERALS[literal])
        elif punctuation in "[{":
            container: list[Any] | dict[str, Any] = [] if punctuation == "[" else {}
            put(container)
            stack.append((container, None))
            expect_key = punctuation == "{"
        elif punctuation in "]}":
            stack.pop()
            expect_key = False
        elif punctuation == ",":
            expect_key = bool(stack) and isinstance(stack[-1][0], dict)
    if stack or len(root) != 1:
        raise ValueError("incomplete JSON")
    return root[0]


def _words(node: Node) -> list[str]:
    """The text of every Str, Code and Math inside `node`, in order (`ast.walk` keeps its own stack)."""
    words: list[str] = []
    for item in walk(node):
        if is_kind(item, "Str"):
            words.append(str_text(item))
        elif is_kind(item, "Code", "Math", "CodeBlock"):
            words.extend(code_text(item).split())
    return words


def _inlines(words: list[str]) -> list[Node]:
    inlines: list[Node] = []
    for word in words:
        if inlines:
            inlines.append(make_space())
        inlines.append(make_str(word))
    return inlines


def _flattened(node: Node) -> list[Node]:
    """A block as a paragraph of its words, an inline element as a plain span of them."""
    inlines = _inlines(_words(node))
    return [make_para(inlines) if kind(node) in BLOCK_KINDS else make_span(inlines)]


CONTAINERS = BLOCK_KINDS - {"Para", "Plain", "Header", "LineBlock"}  # blocks that hold blocks
WRAPPERS = frozenset({"Div", "Span"})  # the elements `flatten_deep` may be told not to count
RAW = frozenset({"RawBlock", "RawInline"})  # raw markup: HTML the parser reads as a tree later


@dataclass(frozen=True)
class Depth:
    """How deep a node stands: inside how many elements, and how many of them block containers."""

    elements: int = 0
    blocks: int = 0


class _Limits:
    """Which nodes stand too deep; `ignore(node)` says whether a Div or Span does not count."""

    def __init__(self, ignore: Callable[[Node], bool] | None):
        self.ignore = ignore

    def _counts(self, node: Node) -> bool:
        return self.ignore is None or kind(node) not in WRAPPERS or not self.ignore(node)

    def too_deep(self, node: Node, depth: Depth) -> bool:
        """A node nested beyond the limits that holds others, or raw markup (read as a tree later);
        a word, a space or code never is."""
        beyond = depth.elements >= MAX_DEPTH or (kind(node) in CONTAINERS and depth.blocks >= MAX_BLOCK_DEPTH)
        return beyond and self._counts(node) and (kind(node) in RAW or bool(slots(node)))

    def inside(self, node: Node, depth: Depth) -> Depth | None:
        """The depth of the node's children, or None for a node too deep (its children are not read)."""
        if self.too_deep(node, depth):
            return None
        if not self._counts(node):
            return depth
        return Depth(depth.elements + 1, depth.blocks + (kind(node) in CONTAINERS))


Tree = TypeVar("Tree", Node, list[Node])


def flatten_deep(value: Tree, *, ignore: Callable[[Node], bool] | None = None) -> tuple[Tree, int]:
    """`value` (a block, or a list of blocks) with each element nested beyond the limits replaced by its
    words, and how many were; nothing is edited in place.

    `ignore(node)` says whether a Div or Span does not count as a level (e.g.
    pandoc's source-position wrappers, which double the depth of everything).
    """
    limits = _Limits(ignore)
    walked = descend(value, limits.inside, Depth())
    deep = {id(node) for node, depth in walked if limits.too_deep(node, depth)}
    if not deep:
        return value, 0
    roots = [value] if isinstance(value, dict) else value
    flat = rewrite(roots, lambda node: _flattened(node) if id(node) in deep else [node],
                   into=lambda node: id(node) not in deep)
    return (flat[0] if isinstance(value, dict) else flat), len(deep)
