"""Where each pandoc node keeps its children: the one table every walk and rewrite reads.

A node's children are lists of inlines or of blocks ("slots"), in reading
order: a link's text, a list item's blocks, a table's caption then its cells.
`slots` lists them; `with_slots` builds a copy of the node holding new lists
in their place. Nodes without children (Str, Space, Code, RawBlock …) have none.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from typing import Any

Node = dict[str, Any]  # one element of pandoc's JSON AST: {"t": "Para", "c": [...]}


class Level(enum.Enum):
    """What a slot holds."""

    INLINES = "inlines"
    BLOCKS = "blocks"


Slot = tuple[Level, list[Node]]

INLINE_WRAPPERS = frozenset(
    ("Emph", "Strong", "Underline", "Strikeout", "Superscript", "Subscript", "SmallCaps")
)
# Nodes that never hold other nodes (the most frequent kinds first).
LEAVES = frozenset(("Str", "Space", "SoftBreak", "LineBreak", "Code", "Math", "RawInline", "RawBlock",
                    "CodeBlock", "HorizontalRule"))
# kind -> the index in "c" of its one inline list
INLINES_AT = {"Quoted": 1, "Cite": 1, "Link": 1, "Image": 1, "Span": 1, "Header": 2}
# kind -> the index in "c" of its one block list
BLOCKS_AT = {"Div": 1}


def slots(node: Node) -> list[Slot]:
    """The lists of child nodes inside `node`, in reading order."""
    kind = node["t"]
    if kind in LEAVES:
        return []
    content: Any = node.get("c")
    if kind in ("Para", "Plain") or kind in INLINE_WRAPPERS:
        return [(Level.INLINES, content)]
    if kind in INLINES_AT:
        return [(Level.INLINES, content[INLINES_AT[kind]])]
    if kind in ("BlockQuote", "Note"):
        return [(Level.BLOCKS, content)]
    if kind in BLOCKS_AT:
        return [(Level.BLOCKS, content[BLOCKS_AT[kind]])]
    if kind == "BulletList":
        return [(Level.BLOCKS, item) for item in content]
    if kind == "OrderedList":
        return [(Level.BLOCKS, item) for item in content[1]]
    if kind == "LineBlock":
        return [(Level.INLINES, line) for line in content]
    if kind == "DefinitionList":
        return list(_definition_slots(content))
    if kind == "Figure":
        return [*_caption_slots(content[1]), (Level.BLOCKS, content[2])]
    if kind == "Table":
        return [*_caption_slots(content[1]), *((Level.BLOCKS, cell[4]) for cell in _cells(content))]
    return []


def with_slots(node: Node, lists: list[list[Node]]) -> Node:
    """A copy of `node` whose slots (as `slots` lists them) hold `lists` instead."""
    kind = node["t"]
    content: Any = node.get("c")
    if kind in ("Para", "Plain", "BlockQuote", "Note", "BulletList", "LineBlock") or kind in INLINE_WRAPPERS:
        return {"t": kind, "c": lists[0] if kind not in ("BulletList", "LineBlock") else list(lists)}
    if kind in INLINES_AT or kind in BLOCKS_AT:
        at = INLINES_AT.get(kind) or BLOCKS_AT[kind]
        return {"t": kind, "c": [*content[:at], lists[0], *content[at + 1 :]]}
    if kind == "Figure":
        rest = iter(lists)
        return {"t": kind, "c": [content[0], _rebuilt_caption(content[1], rest), next(rest)]}
    if kind == "OrderedList":
        return {"t": kind, "c": [content[0], list(lists)]}
    if kind == "DefinitionList":
        return {"t": kind, "c": _rebuilt_definitions(content, iter(lists))}
    return _rebuilt_table(node, iter(lists)) if kind == "Table" else node


def _definition_slots(content: list[Any]) -> Iterator[Slot]:
    for term, definitions in content:
        yield Level.INLINES, term
        for definition in definitions:
            yield Level.BLOCKS, definition


def _rebuilt_definitions(content: list[Any], lists: Iterator[list[Node]]) -> list[Any]:
    return [[next(lists), [next(lists) for _ in definitions]] for _term, definitions in content]


def _caption_slots(caption: list[Any]) -> list[Slot]:
    short, blocks = caption
    return ([(Level.INLINES, short)] if short else []) + [(Level.BLOCKS, blocks)]


def _rebuilt_caption(caption: list[Any], lists: Iterator[list[Node]]) -> list[Any]:
    short, _blocks = caption
    return [next(lists) if short else short, next(lists)]


def _row_groups(content: list[Any]) -> Iterator[list[Any]]:
    """A table's lists of rows in reading order: head, each body's head and body rows, foot."""
    _attr, _caption, _specs, head, bodies, foot = content
    yield head[1]
    for body in bodies:
        yield body[2]
        yield body[3]
    yield foot[1]


def _cells(content: list[Any]) -> Iterator[list[Any]]:
    for rows in _row_groups(content):
        for _row_attr, cells in rows:
            yield from cells


def _rebuilt_rows(rows: list[Any], lists: Iterator[list[Node]]) -> list[Any]:
    return [[attr, [[*cell[:4], next(lists)] for cell in cells]] for attr, cells in rows]


def _rebuilt_table(node: Node, lists: Iterator[list[Node]]) -> Node:
    attr, caption, specs, head, bodies, foot = node["c"]
    new_caption = _rebuilt_caption(caption, lists)
    new_head = [head[0], _rebuilt_rows(head[1], lists)]
    new_bodies = [
        [body[0], body[1], _rebuilt_rows(body[2], lists), _rebuilt_rows(body[3], lists)] for body in bodies
    ]
    new_foot = [foot[0], _rebuilt_rows(foot[1], lists)]
    return {"t": "Table", "c": [attr, new_caption, specs, new_head, new_bodies, new_foot]}
