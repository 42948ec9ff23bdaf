"""Inlines as one string and back: how the converter repairs read link syntax and fences left as text.

`flatten` writes a list of inlines as one string (a space ' ', a soft break '\\n',
any node that is not text as OBJECT) with, for each character, where it came from;
`slice_inlines` gives back the inlines between two places of that string.
"""

from __future__ import annotations

from itertools import repeat

from pamphleteer.ast import is_kind, make_str, str_text
from pamphleteer.parse import Node

OBJECT = "\ufffc"  # stands for a node that is not text in the flattened inlines


def flatten(inlines: list[Node]) -> tuple[str, list[tuple[int, int]]]:
    """The inlines as one string (spaces ' ', soft breaks '\\n', other nodes OBJECT), and for each
    character the node it came from and its offset there."""
    chars: list[str] = []
    where: list[tuple[int, int]] = []
    for index, node in enumerate(inlines):
        if is_kind(node, "Str"):
            text = str_text(node)
        elif is_kind(node, "Space"):
            text = " "
        elif is_kind(node, "SoftBreak"):
            text = "\n"
        else:
            text = OBJECT
        chars.append(text)
        where.extend(zip(repeat(index, len(text)), range(len(text)), strict=True))  # (index, offset) each
    return "".join(chars), where


def slice_inlines(inlines: list[Node], where: list[tuple[int, int]], start: int, end: int) -> list[Node]:
    """The inlines between flattened positions `start` and `end`, Str nodes cut at the edges."""
    out: list[Node] = []
    position = start
    while position < end:
        index, offset = where[position]
        node = inlines[index]
        if is_kind(node, "Str"):
            length = min(len(str_text(node)) - offset, end - position)
            out.append(make_str(str_text(node)[offset : offset + length]))
            position += length
        else:
            out.append(node)
            position += 1
    return out
