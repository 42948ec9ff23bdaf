"""Read pandoc's JSON at any depth, and flatten nesting deeper than an edition can hold.

Markdown can nest without limit (`>>>>…`, `- - - -…`, `*a *b *c…`), and pandoc
follows. Python's `json` module and every recursive stage after it (the
normaliser, the writers, WeasyPrint's layout) would fail with a RecursionError
on such a tree, and no reader can follow a quotation inside forty quotations
anyway. So this module reads the JSON without recursion and replaces any
element nested deeper than the limits (one holding others, or raw markup: a
word, a space or code never needs to be) by its words, kept in order: a block becomes a paragraph
of its words, an inline element a plain span of them. The depth is read and
the tree rebuilt by a walk and `ast.rewrite`, which keep their own
stacks, so no depth of input can overflow Python's.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any, TypeVar

from pamphleteer.ast import (
    Node,
    code_text,
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
from pamphleteer.ast.shape import LEAVES

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


Tree = TypeVar("Tree", Node, list[Node])


def _too_deep(value: Node | list[Node], ignore: Callable[[Node], bool] | None) -> set[int]:
    """The ids of the nodes of `value` nested beyond the limits that hold others, or raw markup (read
    as a tree later); a word, a space or code never is. The walk does not go inside such a node.

    A node stands inside how many elements, and how many of them block containers, not counting a
    Div or Span `ignore(node)` says does not count. The walk keeps its own stack of (node, elements,
    blocks) and runs over every node of every text, so it is written lean."""
    deep: set[int] = set()
    roots = [value] if isinstance(value, dict) else value
    stack: list[tuple[Node, int, int]] = [(node, 0, 0) for node in roots]
    pop, push = stack.pop, stack.append
    while stack:
        node, elements, blocks = pop()
        node_kind = node["t"]
        container = node_kind in CONTAINERS
        beyond = elements >= MAX_DEPTH or (container and blocks >= MAX_BLOCK_DEPTH)
        if node_kind in LEAVES:  # holds nothing: too deep only as raw markup (never a wrapper)
            if beyond and node_kind in RAW:
                deep.add(id(node))
            continue
        node_slots = slots(node)
        counts = ignore is None or node_kind not in WRAPPERS or not ignore(node)
        if beyond and counts and (node_kind in RAW or node_slots):
            deep.add(id(node))
            continue
        if counts:
            elements, blocks = elements + 1, blocks + container
        for _level, items in node_slots:
            for child in items:
                push((child, elements, blocks))
    return deep


def flatten_deep(value: Tree, *, ignore: Callable[[Node], bool] | None = None) -> tuple[Tree, int]:
    """`value` (a block, or a list of blocks) with each element nested beyond the limits replaced by its
    words, and how many were; nothing is edited in place.

    `ignore(node)` says whether a Div or Span does not count as a level (e.g.
    pandoc's source-position wrappers, which double the depth of everything).
    """
    deep = _too_deep(value, ignore)
    if not deep:
        return value, 0
    roots = [value] if isinstance(value, dict) else value
    flat = rewrite(roots, lambda node: _flattened(node) if id(node) in deep else [node],
                   into=lambda node: id(node) not in deep)
    return (flat[0] if isinstance(value, dict) else flat), len(deep)
