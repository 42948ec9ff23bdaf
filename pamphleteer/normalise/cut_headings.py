"""Mend a heading the converter cut in two: an empty heading, its words in the block under it.

A page that styles its headline with a wrapper inside the `<h1>` (`<h1><div class="titre">…`)
comes out of pandoc and html2text as an empty heading (`#`) over a paragraph, or over a
div holding one: the title is then nowhere a heading, and the head's reader (`head`)
finds none. The words go back into the heading (N714), at the heading's level and with its
attributes, before any rule reads the text (furniture would take a short paragraph under
the menus for a menu item). Only a short line of words qualifies: a paragraph of prose,
a list, a picture, or a line ending as a sentence does is no heading's text.
"""

from __future__ import annotations

from pathlib import Path

from pamphleteer.ast import (
    block_inlines,
    div_attr,
    div_blocks,
    header_attr,
    header_inlines,
    header_level,
    is_kind,
    make_div,
    make_header,
    rewrite,
    text_of,
    walk,
)
from pamphleteer.errors import Diagnostic
from pamphleteer.normalise.converter import join_pairs
from pamphleteer.normalise.findings import Finding, shorten
from pamphleteer.normalise.keep import Refuse
from pamphleteer.normalise.registry import Stage, rule
from pamphleteer.parse import Block, Node

HEADING_MAX_WORDS = 30
CODE = "N714"


def _words_under(node: Node) -> list[Node] | None:
    """The inlines of a block that may be a heading's text: a short paragraph of words, or a div
    holding only such a paragraph (`::: titre` / words / `:::`); None for anything else."""
    while is_kind(node, "Div"):
        inner = div_blocks(node)
        if len(inner) != 1:
            return None
        node = inner[0]
    if not is_kind(node, "Para", "Plain"):
        return None
    inlines = block_inlines(node)
    text = text_of(inlines).strip()
    if (not text or len(text.split()) > HEADING_MAX_WORDS or text.endswith((".", ":", ";", ","))
            or any(is_kind(item, "Image", "Link", "Note") for item in walk(node))):
        return None
    return inlines


def _mend(nodes: list[Node]) -> tuple[list[Node], list[Finding]]:
    """The nodes with each empty heading given the words of the block under it (inside divs too,
    innermost first with `ast.rewrite`); the findings in reading order."""
    found_inside: dict[int, list[Finding]] = {}  # a div mended -> its findings, in reading order

    def mended(items: list[Node]) -> tuple[list[Node], list[Finding]]:
        out: list[Node] = []
        findings: list[Finding] = []
        index = 0
        while index < len(items):
            node = items[index]
            following = items[index + 1] if index + 1 < len(items) else None
            empty = is_kind(node, "Header") and not text_of(header_inlines(node)).strip()
            if empty and following is not None:
                words = _words_under(following)
                if words is not None:
                    out.append(make_header(header_level(node), words, header_attr(node)))
                    findings.append(Finding(CODE, "an empty heading got back its words, which the converter "
                                            "had put in the block under it", "(empty heading)",
                                            shorten(text_of(words))))
                    index += 2
                    continue
            findings.extend(found_inside.pop(id(node), []))
            out.append(node)
            index += 1
        return out, findings

    def div(node: Node) -> list[Node]:
        if not is_kind(node, "Div"):
            return [node]
        inner, findings = mended(div_blocks(node))
        if not findings:
            return [node]
        new = make_div(inner, div_attr(node))
        found_inside[id(new)] = findings
        return [new]

    return mended(rewrite(nodes, div, into=lambda node: is_kind(node, "Div")))


def _joined(node: Node, following: Node) -> tuple[Node, list[Finding]] | None:
    """An empty heading and the block holding its words, as one heading; None if they are not."""
    if not is_kind(node, "Header"):
        return None
    mended, found = _mend([node, following])
    return (mended[0], found) if len(mended) == 1 else None  # else the block under it is another's


@rule(Stage.DAMAGE, order=55, codes={CODE: "a heading cut in two by the converter made whole"})
def empty_heading_over_its_words(
    blocks: tuple[Block, ...], path: Path, refuse: Refuse
) -> tuple[tuple[Block, ...], tuple[Diagnostic, ...]]:
    """Each empty heading with its words in the block under it becomes one heading (N714); before
    the empty blocks go (N704), which would drop the heading and leave its words a paragraph."""

    def inside_div(block: Block) -> tuple[Block, tuple[Diagnostic, ...]]:  # a div mended on its own turn
        if not is_kind(block.node, "Div"):
            return block, ()
        mended, found = _mend([block.node])
        refused = refuse(block, CODE) if found else None
        if refused is not None:
            return block, (refused,)
        if not found:
            return block, ()
        return Block(block.line, mended[0]), tuple(finding.at(path, block.line) for finding in found)

    return join_pairs(blocks, path, refuse, _joined, code=CODE, alone=inside_div)
