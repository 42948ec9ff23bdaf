"""A clipper's excerpt box under the title: the page's summary, which the article either repeats
or leads with.

The MarkDownload clipper's default template writes the page's description under the title as
a quotation headed "Excerpt" (`> ## Excerpt` ⏎ `> The state's heat waves…`). Printed as it
stands, the edition opens with a boxed "Excerpt" heading, and where the site took its
description from the first paragraph (most do, cut with "…"), that paragraph twice. So the
box (N722), if it is among the first blocks:
- goes where the text says its words (mostly its opening; to the "…" that cut them):
  nothing of the article is lost;
- else becomes an italic lead paragraph, which the head's reader takes as the standfirst
  (N406), as it does a bold or italic dek.
A person's `keep: [N722]` leaves the box as it is.
"""

from __future__ import annotations

import re
from pathlib import Path

from pamphleteer.ast import (
    block_inlines,
    header_inlines,
    is_kind,
    make_emph,
    make_para,
    quote_blocks,
    text_of,
)
from pamphleteer.errors import Diagnostic
from pamphleteer.normalise.findings import Finding, shorten
from pamphleteer.normalise.keep import Refuse
from pamphleteer.normalise.registry import Stage, rule
from pamphleteer.parse import Block, Node

CODE = "N722"
LABELS = frozenset({"excerpt"})  # the clippers' heading over the box (MarkDownload's template)
FIRST_BLOCKS = 4  # the box stands under the title: among the text's first blocks


def _summary(node: Node) -> list[Node] | None:
    """The paragraphs of an excerpt box (a quotation whose first block is the heading "Excerpt"
    over paragraphs of words), or None for any other block."""
    if not is_kind(node, "BlockQuote"):
        return None
    inner = quote_blocks(node)
    if (len(inner) < 2 or not is_kind(inner[0], "Header")
            or text_of(header_inlines(inner[0])).strip().casefold() not in LABELS
            or not all(is_kind(block, "Para", "Plain") for block in inner[1:])):
        return None
    return inner[1:]


def _plain(text: str) -> str:
    """Words only, in one case: a description's curled quote or dash is the body's straight one."""
    return " ".join(re.sub(r"[\W_]+", " ", text).casefold().split())


def repeats(summary: str, text: str) -> bool:
    """Whether `text` says `summary`'s words, to where an ellipsis cut them (the word before a
    "…" may be cut short, so it is not compared), or a converter cut them without one (its last
    word may be the start of the text's: trafilatura's `description: … have in commo`)."""
    cut = summary.rstrip().endswith(("…", "...", "[…]"))
    words = _plain(summary).split()
    if cut:
        words = words[:-1]
    return bool(words) and f" {' '.join(words)}" in f" {_plain(text)} "  # its last word perhaps cut


@rule(Stage.DAMAGE, order=25, codes={  # once the letters are mended (N710), before any rule reads the head
    CODE: "a clipper's 'Excerpt' box removed where the text repeats it, else made the lead paragraph",
})
def clipper_excerpt(
    blocks: tuple[Block, ...], path: Path, refuse: Refuse
) -> tuple[tuple[Block, ...], tuple[Diagnostic, ...]]:
    """The text without its clipper's excerpt box, or with the box as its italic lead (see above)."""
    for index, block in enumerate(blocks[:FIRST_BLOCKS]):
        paragraphs = _summary(block.node)
        if paragraphs is None:
            continue
        refused = refuse(block, CODE)
        if refused is not None:
            return blocks, (refused,)
        said = " ".join(" ".join(text_of(paragraph).split()) for paragraph in paragraphs)
        if repeats(said, " ".join(text_of(later.node) for later in blocks[index + 1 :])):
            found = Finding(CODE, "the clipper's 'Excerpt' box was removed: the text says its words",
                            shorten(said), "")
            return blocks[:index] + blocks[index + 1 :], (found.at(path, block.line),)
        inlines: list[Node] = []
        for paragraph in paragraphs:
            inlines.extend(block_inlines(paragraph))
        lead = Block(block.line, make_para([make_emph(inlines)]))
        found = Finding(CODE, "the clipper's 'Excerpt' box became the text's lead paragraph",
                        f"Excerpt: {shorten(said)}", shorten(said))
        return blocks[:index] + (lead,) + blocks[index + 1 :], (found.at(path, block.line),)
    return blocks, ()
