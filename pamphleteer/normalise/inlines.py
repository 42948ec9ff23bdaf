"""Read and rebuild pandoc inline nodes: the small vocabulary every repair rule shares.

Rules never edit a node in place: they build new lists and new dicts, so a
rule's input stays as it was (the before of its diagnostic) and rules stay pure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from pamphleteer.parse import Node

SPACE: Node = {"t": "Space"}
QUOTE_MARKS = {"DoubleQuote": ("\u201c", "\u201d"), "SingleQuote": ("\u2018", "\u2019")}
# Inline kinds whose "c" is a list of inlines (the content wraps text).
WRAPPERS = ("Emph", "Strong", "Underline", "Strikeout", "Superscript", "Subscript", "SmallCaps")
BLOCK_CONTAINERS = ("Para", "Plain")


def text_of(nodes: Iterable[Node] | Node) -> str:
    """The words of inline (or block) nodes as one plain string, spaces collapsed."""
    parts: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            kind = value.get("t")
            if kind == "Str":
                parts.append(value["c"])
            elif kind in ("Space", "SoftBreak", "LineBreak"):
                parts.append(" ")
            elif kind == "Quoted":
                opening, closing = QUOTE_MARKS[value["c"][0]["t"]]
                parts.append(opening)
                walk(value["c"][1])
                parts.append(closing)
            elif kind in ("Code", "Math"):
                parts.append(value["c"][1])
            elif kind in ("RawInline", "RawBlock", "Note"):
                return
            elif kind == "Link":
                walk(value["c"][1])
            elif kind in ("Para", "Plain", "Header") and parts and parts[-1] != " ":
                parts.append(" ")
                walk(value.get("c"))
            else:
                walk(value.get("c"))
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(nodes if isinstance(nodes, list) else [nodes] if isinstance(nodes, dict) else list(nodes))
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def words_to_inlines(text: str) -> list[Node]:
    """Plain text as Str and Space nodes, the way pandoc reads it."""
    out: list[Node] = []
    for index, word in enumerate(text.split(" ")):
        if index:
            out.append(dict(SPACE))
        if word:
            out.append({"t": "Str", "c": word})
    return merge_adjacent(out)


def merge_adjacent(nodes: list[Node]) -> list[Node]:
    """Join neighbouring Str nodes and collapse runs of spaces, as pandoc would."""
    out: list[Node] = []
    for node in nodes:
        if node["t"] == "Str" and not node["c"]:
            continue
        if out and node["t"] == "Str" and out[-1]["t"] == "Str":
            out[-1] = {"t": "Str", "c": out[-1]["c"] + node["c"]}
        elif out and node["t"] == "Space" and out[-1]["t"] in ("Space", "SoftBreak"):
            continue
        else:
            out.append(node)
    return out


def children(node: Node) -> list[Node] | None:
    """The inline list inside an inline node that wraps inlines, if it does."""
    kind = node["t"]
    if kind in WRAPPERS:
        return node["c"]
    if kind in ("Link", "Image", "Span"):
        return node["c"][1]
    if kind == "Quoted":
        return node["c"][1]
    return None


def with_children(node: Node, inlines: list[Node]) -> Node:
    """A copy of `node` with new inline content."""
    kind = node["t"]
    if kind in WRAPPERS:
        return {"t": kind, "c": inlines}
    if kind in ("Link", "Image", "Span"):
        return {"t": kind, "c": [node["c"][0], inlines, *node["c"][2:]]}
    if kind == "Quoted":
        return {"t": kind, "c": [node["c"][0], inlines]}
    return node


InlineRewrite = Callable[[list[Node]], list[Node]]


def rewrite_inline_lists(node: Node, rewrite: InlineRewrite) -> Node:
    """Apply `rewrite` to every list of inlines in a block, innermost lists first."""

    def inline(item: Node) -> Node:
        inner = children(item)
        if inner is None:
            if item["t"] == "Note":
                return {"t": "Note", "c": [rewrite_inline_lists(b, rewrite) for b in item["c"]]}
            return item
        return with_children(item, inlines(inner))

    def inlines(items: list[Node]) -> list[Node]:
        return rewrite([inline(item) for item in items])

    return _map_block_inlines(node, inlines)


def _map_block_inlines(node: Node, inlines: InlineRewrite) -> Node:
    kind, content = node["t"], node.get("c")
    if kind in BLOCK_CONTAINERS:
        return {"t": kind, "c": inlines(content)}
    if kind == "Header":
        return {"t": kind, "c": [content[0], content[1], inlines(content[2])]}
    if kind == "LineBlock":
        return {"t": kind, "c": [inlines(line) for line in content]}
    if kind in ("BlockQuote",):
        return {"t": kind, "c": [_map_block_inlines(b, inlines) for b in content]}
    if kind == "Div":
        return {"t": kind, "c": [content[0], [_map_block_inlines(b, inlines) for b in content[1]]]}
    if kind in ("BulletList",):
        return {"t": kind, "c": [[_map_block_inlines(b, inlines) for b in item] for item in content]}
    if kind == "OrderedList":
        return {"t": kind, "c": [content[0], [[_map_block_inlines(b, inlines) for b in item]
                                               for item in content[1]]]}
    if kind in ("Table", "Figure"):
        return _map_table_or_figure(node, inlines)
    if kind == "DefinitionList":
        return {"t": kind, "c": [[inlines(term), [[_map_block_inlines(b, inlines) for b in d] for d in defs]]
                                 for term, defs in content]}
    return node


def _map_table_or_figure(node: Node, inlines: InlineRewrite) -> Node:
    def blocks(items: list[Node]) -> list[Node]:
        return [_map_block_inlines(b, inlines) for b in items]

    def caption(value: list[Any]) -> list[Any]:
        return [value[0], blocks(value[1])]

    if node["t"] == "Figure":
        attr, cap, body = node["c"]
        return {"t": "Figure", "c": [attr, caption(cap), blocks(body)]}

    def rows(items: list[Any]) -> list[Any]:
        return [[attr, [[*cell[:4], blocks(cell[4])] for cell in cells]] for attr, cells in items]

    attr, cap, specs, head, bodies, foot = node["c"]
    return {"t": "Table", "c": [
        attr, caption(cap), specs, [head[0], rows(head[1])],
        [[body[0], body[1], rows(body[2]), rows(body[3])] for body in bodies], [foot[0], rows(foot[1])],
    ]}


def first_str(nodes: list[Node]) -> str:
    """The text of the first Str reached in reading order, or ''."""
    for node in nodes:
        if node["t"] == "Str":
            return node["c"]
        if node["t"] in ("Space", "SoftBreak", "LineBreak"):
            continue
        inner = children(node)
        if inner:
            found = first_str(inner)
            if found:
                return found
        if node["t"] in ("RawInline",):
            continue
        return ""
    return ""


def last_str(nodes: list[Node]) -> str:
    """The text of the last Str in reading order, or '' (a trailing link or raw tag counts as text)."""
    for node in reversed(nodes):
        if node["t"] == "Str":
            return node["c"]
        if node["t"] in ("Space", "SoftBreak", "LineBreak"):
            continue
        if node["t"] == "Quoted":
            return QUOTE_MARKS[node["c"][0]["t"]][1]
        inner = children(node)
        if inner:
            found = last_str(inner)
            if found:
                return found
        return ""
    return ""


def is_only_emphasis(nodes: list[Node]) -> bool:
    """True when the inlines are one Emph or Strong (spaces and line breaks aside)."""
    meaningful = [n for n in nodes if n["t"] not in ("Space", "SoftBreak", "LineBreak")]
    return len(meaningful) == 1 and meaningful[0]["t"] in ("Emph", "Strong")


def strip_edges(nodes: list[Node]) -> list[Node]:
    """Inlines without leading or trailing spaces and breaks."""
    start, end = 0, len(nodes)
    while start < end and nodes[start]["t"] in ("Space", "SoftBreak", "LineBreak"):
        start += 1
    while end > start and nodes[end - 1]["t"] in ("Space", "SoftBreak", "LineBreak"):
        end -= 1
    return nodes[start:end]


def shorten(text: str, limit: int = 90) -> str:
    """A text cut to `limit` characters for a diagnostic, with an ellipsis if cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"
