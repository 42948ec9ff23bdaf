"""Read pandoc's JSON at any depth, and flatten nesting deeper than an edition can hold.

Markdown can nest without limit (`>>>>…`, `- - - -…`, `*a *b *c…`), and pandoc
follows. Python's `json` module and every recursive stage after it (the
normaliser, the writers, WeasyPrint's layout) would fail with a RecursionError
on such a tree, and no reader can follow a quotation inside forty quotations
anyway. So this module reads the JSON without recursion and replaces any
element nested deeper than the limits by its words, kept in order: a block
becomes a paragraph of its words, an inline element a plain span of them.
Nothing here is recursive, so no depth of input can overflow the stack.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pamphleteer.ast import (
    Node,
    code_text,
    is_kind,
    make_para,
    make_space,
    make_span,
    make_str,
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


def _flattened(node: Node) -> Node:
    inlines = _inlines(_words(node))
    return make_para(inlines) if node.get("t") in BLOCK_KINDS else make_span(inlines)


CONTAINERS = BLOCK_KINDS - {"Para", "Plain", "Header", "LineBlock"}  # blocks that hold blocks
WRAPPERS = frozenset({"Div", "Span"})  # the elements `flatten_deep` may be told not to count


def flatten_deep(value: Any, *, ignore: Any = None) -> tuple[Any, int]:
    """Replace elements nested beyond the limits by their words; return the tree and how many.

    `ignore(node)` says whether a Div or Span does not count as a level (e.g.
    pandoc's source-position wrappers, which double the depth of everything).
    """
    flattened = 0
    # (container, the keys of it to visit, depth of elements there, depth of block containers there)
    pending: list[tuple[Any, Any, int, int]] = [({"root": value}, ("root",), 0, 0)]
    while pending:
        container, keys, depth, blocks = pending.pop()
        for key in keys:
            item = container[key]
            if isinstance(item, list):
                if item:
                    pending.append((item, range(len(item)), depth, blocks))
                continue
            if not isinstance(item, dict):
                continue
            kind = item.get("t")
            if kind is None:  # an object of pandoc's that is not an element: its values, as deep
                pending.append((item, tuple(item), depth, blocks))
                continue
            counts = ignore is None or kind not in WRAPPERS or not ignore(item)
            is_container = kind in CONTAINERS
            if counts and (depth >= MAX_DEPTH or (is_container and blocks >= MAX_BLOCK_DEPTH)):
                container[key] = _flattened(item)
                flattened += 1
                continue
            if isinstance(item.get("c"), (list, dict)):
                pending.append((item, ("c",), depth + counts, blocks + (counts and is_container)))
    return value, flattened
