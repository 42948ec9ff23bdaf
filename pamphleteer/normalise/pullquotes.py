"""Turn pull quotes read as paragraphs back into pull quotes, and drop the page's separator rules.

A web page sets a pull quote as an emphasised paragraph between two rules,
repeating (not always word for word) a passage of the same text. Such a
block becomes a `pullquote` Div that names the line of the paragraph it
quotes, placed right after that paragraph (before it when it is the text's
last), with its hard line breaks and its emphasis gone (N201). An emphasised
block between rules that quotes nothing stays in the body, with a warning
(N202). Rules left at the start or end of the body, or doubled, only
separated parts of the web page and go (N203); a single rule between two
paragraphs is a section break and stays.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from pathlib import Path

from pamphleteer.ast import (
    Node,
    block_inlines,
    inner_inlines,
    is_kind,
    is_only_emphasis,
    is_rule,
    make_para,
    make_pull_quote,
    make_space,
    merge_adjacent,
    strip_edges,
    text_of,
)
from pamphleteer.errors import Diagnostic, Severity
from pamphleteer.normalise.findings import shorten
from pamphleteer.normalise.registry import Stage, rule
from pamphleteer.parse import Block

MATCH_THRESHOLD = 0.75  # share of the quote's words found, in order, in one paragraph
MIN_WORDS = 3
Found = tuple[tuple[Block, ...], tuple[Diagnostic, ...]]  # the blocks after, and what was done


def words(text: str) -> list[str]:
    """Words for comparison: case, punctuation and the shape of apostrophes ignored."""
    return re.findall(r"[^\W_]+(?:'[^\W_]+)*", text.casefold().replace("\u2019", "'").replace("\u2018", "'"))


def quote_score(quote: list[str], passage: list[str]) -> float:
    """How much of `quote` stands, in order and close together, in `passage` (0 to 1)."""
    if not quote or not passage:
        return 0.0
    matcher = SequenceMatcher(None, quote, passage, autojunk=False)
    matches = [m for m in matcher.get_matching_blocks() if m.size]
    matched = sum(m.size for m in matches)
    if matched < min(MIN_WORDS, len(quote)):
        return 0.0
    span = matches[-1].b + matches[-1].size - matches[0].b
    return matched / max(len(quote), span * 2 // 3)


def _is_rule(block: Block) -> bool:
    return is_rule(block.node)


def is_emphasised_para(node: Node) -> bool:
    """A paragraph that is all one emphasis: what a web page sets between rules as a pull quote."""
    return is_kind(node, "Para") and is_only_emphasis(block_inlines(node))


def framed_at(blocks: Sequence[Block], index: int) -> bool:
    """Whether `blocks[index]` starts a rule / emphasised paragraph / rule frame: an unlifted pull quote."""
    return (
        index + 2 < len(blocks)
        and _is_rule(blocks[index])
        and is_emphasised_para(blocks[index + 1].node)
        and _is_rule(blocks[index + 2])
    )


def pull_quote_text(para: Node) -> list[Node]:
    """The quote's inlines: outer emphasis and hard line breaks gone."""
    inlines = strip_edges(block_inlines(para))
    if len(inlines) == 1 and is_kind(inlines[0], "Emph", "Strong"):
        inlines = strip_edges(inner_inlines(inlines[0]) or [])
    spaced = [make_space() if is_kind(node, "LineBreak", "SoftBreak") else node for node in inlines]
    return merge_adjacent(spaced)


def pull_quote_div(quote_line: int, para: Node) -> Node:
    """The pandoc Div every edition renders as a pull quote of the block on `quote_line`."""
    return make_pull_quote([make_para(pull_quote_text(para))], quote_line)


def best_passage(quote: Block, blocks: list[Block], skip: set[int]) -> tuple[int, float]:
    """The index of the block the quote repeats, and how closely; (-1, 0) if none."""
    wanted = words(text_of(quote.node))
    best, score = -1, 0.0
    for index, block in enumerate(blocks):
        if index in skip or not is_kind(block.node, "Para", "BlockQuote", "Plain"):
            continue
        value = quote_score(wanted, words(text_of(block.node)))
        if value > score:
            best, score = index, value
    return (best, score) if score >= MATCH_THRESHOLD else (-1, score)


@rule(Stage.BODY, order=20, codes={
    "N201": "pull quotes restored",
    "N202": "emphasised block between rules quotes nothing (kept)",
    "N203": "separator rules dropped",
})
def lift_pull_quotes(blocks: tuple[Block, ...], path: Path) -> Found:
    """Find rule / emphasised paragraph / rule blocks that repeat the text; make them pull quotes."""
    items = list(blocks)
    framed = [index + 1 for index in range(len(items)) if framed_at(items, index)]
    diagnostics: list[Diagnostic] = []
    after: dict[int, list[Block]] = {}  # index of quoted block -> pull quotes placed after it
    before: dict[int, list[Block]] = {}  # ... or before it, when it is the body's last block
    removed: set[int] = set()
    for index in framed:
        quote = items[index]
        target, score = best_passage(quote, items, set(framed))
        if target < 0:
            diagnostics.append(Diagnostic(
                "N202", Severity.WARNING,
                "an emphasised paragraph between rules looks like a pull quote but repeats no passage of "
                f"the text (best match {score:.0%}); it stays in the body",
                path, quote.line, shorten(text_of(quote.node)),
            ))
            continue
        div = Block(quote.line, pull_quote_div(items[target].line, quote.node))
        removed.update((index - 1, index, index + 1))
        last_body = max(i for i, b in enumerate(items) if i not in framed and not _is_rule(b))
        (before if target == last_body else after).setdefault(target, []).append(div)
        diagnostics.append(Diagnostic(
            "N201", Severity.INFO,
            f"a pull quote set as a paragraph became a pull quote of line {items[target].line} "
            f"({score:.0%} of its words match)",
            path, quote.line, shorten(text_of(quote.node)), f"pull quote of line {items[target].line}",
        ))
    out: list[Block] = []
    for index, block in enumerate(items):
        if index in removed:
            continue
        out.extend(before.get(index, ()))
        out.append(block)
        out.extend(after.get(index, ()))
    return drop_separator_rules(tuple(out), path, tuple(diagnostics))


def drop_separator_rules(
    blocks: tuple[Block, ...], path: Path, diagnostics: tuple[Diagnostic, ...] = ()
) -> tuple[tuple[Block, ...], tuple[Diagnostic, ...]]:
    """Rules at the body's edges, or doubled, separated parts of a web page: they go."""
    found = list(diagnostics)
    text_indexes = [i for i, b in enumerate(blocks) if not _is_rule(b)]
    first, last = (text_indexes[0], text_indexes[-1]) if text_indexes else (len(blocks), -1)
    out: list[Block] = []
    for index, block in enumerate(blocks):
        doubled = _is_rule(block) and out and _is_rule(out[-1])
        if _is_rule(block) and (index < first or index > last or doubled):
            found.append(Diagnostic("N203", Severity.INFO, "a rule that only separated parts of the web "
                                    "page was dropped", path, block.line, "---"))
            continue
        out.append(block)
    return tuple(out), tuple(found)
