"""Subheadings written as paragraphs of bold type, set as the headings they are (N730).

Many sites write a story's subheadings as `<p><strong>Freedom fighters replace colonial
leaders</strong></p>` rather than `<h2>`, and every converter keeps them as a paragraph in
bold. Set so, a subheading is indented like the text, takes no space above it, and can end a
page with its section on the next; a screen reader does not offer it as a heading. A text whose
body has no headings at all, and at least two such paragraphs, each a short phrase (at most
`MOST_WORDS` words, no sentence's full stop, colon or question mark at its end) between
paragraphs of prose, has them set as headings at the top level. One alone is not a section's
head but a bold line (a signature, an emphasised sentence, a note); a question is an
interview's, the next paragraph its answer; a line ending in a colon introduces what follows.
"""

from __future__ import annotations

from pathlib import Path

from pamphleteer.ast import block_inlines, is_kind, kind, make_header, text_of
from pamphleteer.errors import Diagnostic, Severity
from pamphleteer.normalise.findings import shorten
from pamphleteer.normalise.keep import Refuse
from pamphleteer.normalise.registry import Stage, rule
from pamphleteer.parse import Block, Node

MOST_WORDS = 12  # a subheading's words at most: more is a sentence set in bold
BEFORE_WORDS = 8  # the words of the paragraph before a subheading, at least: the last section's end
AFTER_WORDS = 15  # the words of the paragraph after a subheading, at least: its section's text
LEVEL = 2  # the level they take; shift_headings then sets the top level under the title
CLOSING = ".:;,?!…"  # a subheading's last character is none of these


def _bold_phrase(node: Node) -> str:
    """The words of a paragraph written wholly in bold, when they are a short phrase; else ""."""
    if not is_kind(node, "Para"):
        return ""
    inlines = [item for item in block_inlines(node) if kind(item) not in ("Space", "SoftBreak", "LineBreak")]
    if len(inlines) != 1 or not is_kind(inlines[0], "Strong"):
        return ""
    words = " ".join(text_of(inlines[0]).split())
    if not words or len(words.split()) > MOST_WORDS or words[-1] in CLOSING or not words[0].isupper():
        return ""
    return words


def _prose(node: Node, words: int) -> bool:
    return is_kind(node, "Para") and len(text_of(node).split()) >= words and not _bold_phrase(node)


@rule(Stage.HEADINGS, order=5, codes={"N730": "bold paragraphs between sections -> subheadings"})
def bold_subheadings(
    blocks: tuple[Block, ...], path: Path, refuse: Refuse
) -> tuple[tuple[Block, ...], tuple[Diagnostic, ...]]:
    """Short paragraphs all in bold that head the sections of a body without headings, as headings."""
    if any(is_kind(block.node, "Header") for block in blocks):
        return blocks, ()
    heads = [index for index, block in enumerate(blocks)
             if _bold_phrase(block.node) and 0 < index < len(blocks) - 1
             and _prose(blocks[index - 1].node, BEFORE_WORDS) and _prose(blocks[index + 1].node, AFTER_WORDS)]
    if len(heads) < 2:
        return blocks, ()
    refused = [found for index in heads if (found := refuse(blocks[index], "N730"))]
    if refused:
        return blocks, tuple(refused[:1])
    out = list(blocks)
    diagnostics = []
    for index in heads:
        block = blocks[index]
        words = _bold_phrase(block.node)
        strong = next(item for item in block_inlines(block.node) if is_kind(item, "Strong"))
        out[index] = Block(block.line, make_header(LEVEL, list(strong["c"])))
        diagnostics.append(Diagnostic(
            "N730", Severity.INFO, "a short paragraph all in bold, heading a section, became a subheading",
            path, block.line, f"**{shorten(words, 60)}**", f"{'#' * LEVEL} {shorten(words, 60)}",
        ))
    return tuple(out), tuple(diagnostics)
