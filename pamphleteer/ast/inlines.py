"""Runs of inlines as pandoc reads them: words, spaces, and their edges.

The small vocabulary rules share when they cut and join running text:
`words_to_inlines` turns plain text into Str and Space nodes, `merge_adjacent`
joins what a rewrite left apart, `strip_edges` trims spaces and breaks, and
`first_str`/`last_str` find the first and last words a reader meets.
"""

from __future__ import annotations

from pamphleteer.ast.nodes import make_space, make_str, str_text
from pamphleteer.ast.shape import INLINE_WRAPPERS, Node
from pamphleteer.ast.traverse import BREAKS, quote_marks

HAS_INLINES = ("Link", "Image", "Span", "Quoted")
EMPHASIS = ("Emph", "Strong")


def words_to_inlines(text: str) -> list[Node]:
    """Plain text as Str and Space nodes, the way pandoc reads it."""
    out: list[Node] = []
    for index, word in enumerate(text.split(" ")):
        if index:
            out.append(make_space())
        if word:
            out.append(make_str(word))
    return merge_adjacent(out)


def merge_adjacent(nodes: list[Node]) -> list[Node]:
    """Join neighbouring Str nodes and collapse runs of spaces, as pandoc would."""
    out: list[Node] = []
    for node in nodes:
        if node["t"] == "Str" and not node["c"]:
            continue
        if out and node["t"] == "Str" and out[-1]["t"] == "Str":
            out[-1] = make_str(str_text(out[-1]) + str_text(node))
        elif out and node["t"] == "Space" and out[-1]["t"] in ("Space", "SoftBreak"):
            continue
        else:
            out.append(node)
    return out


def inner_inlines(node: Node) -> list[Node] | None:
    """The inlines an inline node wraps (emphasis, link text, span, quotation), or None."""
    if node["t"] in INLINE_WRAPPERS:
        return list(node["c"])
    if node["t"] in HAS_INLINES:
        return list(node["c"][1])
    return None


def first_str(nodes: list[Node]) -> str:
    """The text of the first Str reached in reading order, or '' (when something else comes first)."""
    items, index = nodes, 0
    while index < len(items):
        node = items[index]
        index += 1
        if node["t"] == "Str":
            return str_text(node)
        if node["t"] in BREAKS or node["t"] == "RawInline":
            continue
        inner = inner_inlines(node)
        if not inner:
            return ""
        items, index = inner, 0  # the first word is inside this node, or there is none
    return ""


def last_str(nodes: list[Node]) -> str:
    """The text of the last Str in reading order, or '' (a trailing link or raw tag counts as text)."""
    items = list(reversed(nodes))
    index = 0
    while index < len(items):
        node = items[index]
        index += 1
        if node["t"] == "Str":
            return str_text(node)
        if node["t"] in BREAKS:
            continue
        if node["t"] == "Quoted":
            return quote_marks(node)[1]
        inner = inner_inlines(node)
        if not inner:
            return ""
        items, index = list(reversed(inner)), 0
    return ""


def is_only_emphasis(nodes: list[Node]) -> bool:
    """True when the inlines are one Emph or Strong (spaces and line breaks aside)."""
    meaningful = [n for n in nodes if n["t"] not in BREAKS]
    return len(meaningful) == 1 and meaningful[0]["t"] in EMPHASIS


def strip_edges(nodes: list[Node]) -> list[Node]:
    """Inlines without leading or trailing spaces and breaks."""
    start, end = 0, len(nodes)
    while start < end and nodes[start]["t"] in BREAKS:
        start += 1
    while end > start and nodes[end - 1]["t"] in BREAKS:
        end -= 1
    return nodes[start:end]
