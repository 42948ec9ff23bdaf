"""Mend paragraphs cut by the web page: page-break splits and lost drop caps.

`join_split_paragraphs`: a paragraph that ends without closing punctuation,
followed by one that starts in lower case, is one paragraph cut in two; they
are joined, keeping the first part's line (N301). A pull quote standing
between the two parts (still framed by rules, or already a Div) moves after
the joined paragraph. This runs before pull quotes are matched, so a quote
of a cut paragraph finds the whole paragraph.

`lost_initial`: a body whose first paragraph starts in lower case has lost
its first letter (a drop cap set as an image). No rule guesses the letter:
the normaliser reports it and a `fixes` entry in front matter repairs it.
"""

from __future__ import annotations

from pathlib import Path

from pamphleteer.ast import (
    Node,
    block_inlines,
    first_str,
    is_kind,
    is_pull_quote,
    last_str,
    make_para,
    make_space,
    merge_adjacent,
    text_of,
)
from pamphleteer.errors import Diagnostic, Severity
from pamphleteer.normalise.findings import shorten
from pamphleteer.normalise.pullquotes import framed_at, is_emphasised_para
from pamphleteer.normalise.registry import Stage, rule
from pamphleteer.parse import Block

CLOSING = ".!?:;\u2026"  # sentence-closing punctuation
TRAILING = "\"'\u201d\u2019)]*_"  # may follow it: "… end.)" or "… end.”"


def ends_open(text: str) -> bool:
    """True when a paragraph's last word has no closing punctuation ("more or less")."""
    stripped = text.rstrip().rstrip(TRAILING)
    return bool(stripped) and stripped[-1] not in CLOSING


def starts_lower(text: str) -> bool:
    """True when text starts with a lower-case letter."""
    return bool(text) and text[0].isalpha() and text[0].islower()


def _interlude(blocks: tuple[Block, ...], index: int) -> int:
    """How many blocks from `index` stand between two parts of a paragraph without being text.

    A pull quote, as a Div or still as a rule / emphasised paragraph / rule, can sit
    in the middle of a paragraph on a web page. Returns 0 when the block is text.
    """
    if is_pull_quote(blocks[index].node):
        return 1
    return 3 if framed_at(blocks, index) else 0


def _is_para(node: Node) -> bool:
    return is_kind(node, "Para")


def continues(first: Block, second: Block) -> bool:
    """True when `second` is the rest of paragraph `first`, cut by a page break."""
    return (
        _is_para(first.node) and _is_para(second.node)
        and not is_emphasised_para(second.node)
        and ends_open(last_str(block_inlines(first.node)))
        and starts_lower(first_str(block_inlines(second.node)))
    )


Found = tuple[tuple[Block, ...], tuple[Diagnostic, ...]]


def _interludes_from(blocks: tuple[Block, ...], index: int) -> list[Block]:
    """The pull quotes (lifted or still framed) that stand from `index` on."""
    after, skipped = index, list[Block]()
    while after < len(blocks) and (size := _interlude(blocks, after)):
        skipped.extend(blocks[after : after + size])
        after += size
    return skipped


def _joined(previous: Block, rest: Block, path: Path) -> tuple[Block, Diagnostic]:
    """One paragraph from its two parts, and the diagnostic that says so."""
    joined = merge_adjacent([*block_inlines(previous.node), make_space(), *block_inlines(rest.node)])
    end, start = text_of(previous.node)[-40:], text_of(rest.node)[:40]
    return Block(previous.line, make_para(joined)), Diagnostic(
        "N301", Severity.INFO,
        f"a paragraph cut in two by a page break was joined with its second part (line {rest.line})",
        path, previous.line, f"\u2026{end} \u00b6 {start}\u2026", f"\u2026{end} {start}\u2026",
    )


@rule(Stage.BODY, order=10, codes={"N301": "paragraphs cut by a page break joined"})
def join_split_paragraphs(blocks: tuple[Block, ...], path: Path) -> Found:
    """Join each paragraph cut in two by a page break (pull quotes between the parts move after it)."""
    out: list[Block] = []
    diagnostics: list[Diagnostic] = []
    held: list[Block] = []  # pull quotes met between the two parts of a paragraph
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if out and _is_para(out[-1].node):
            skipped = _interludes_from(blocks, index)
            after = index + len(skipped)
            if after < len(blocks) and continues(out[-1], blocks[after]):
                out[-1], found = _joined(out[-1], blocks[after], path)
                diagnostics.append(found)
                held.extend(skipped)
                index = after + 1
                continue
        out.extend(held)
        held = []
        out.append(block)
        index += 1
    out.extend(held)
    return tuple(out), tuple(diagnostics)


def lost_initial(blocks: tuple[Block, ...]) -> Block | None:
    """The body's first paragraph, if it starts in lower case (a drop cap lost with its image)."""
    for block in blocks:
        if _is_para(block.node):
            return block if starts_lower(first_str(block_inlines(block.node))) else None
        if not is_kind(block.node, "HorizontalRule", "Div"):
            return None
    return None


@rule(Stage.FIXES, order=20, codes={
    "N302": "lost drop cap restored by a fixes entry", "N303": "body starts in lower case: lost drop cap",
})
def report_initial(before: Block | None, after: tuple[Block, ...], path: Path) -> tuple[Diagnostic, ...]:
    """Say what became of a lost initial: repaired by a fixes entry (N302), or still missing (N303)."""
    if before is None:
        return ()
    start = shorten(text_of(before.node), 40)
    still = lost_initial(after)
    if still is None:
        repaired = next((b for b in after if b.line == before.line), before)
        return (Diagnostic("N302", Severity.INFO,
                           "the body began in lower case (its drop cap was lost); a fixes entry restored it",
                           path, before.line, start, shorten(text_of(repaired.node), 40)),)
    word = start.split(" ")[0]
    return (Diagnostic(
        "N303", Severity.WARNING,
        f"the body begins in lower case ('{start}'): its first letter was probably a drop-cap image. "
        f"Add to the front matter: fixes: [{{find: \"{word} \", replace: \"<letter>{word} \"}}]",
        path, before.line, start,
    ),)
