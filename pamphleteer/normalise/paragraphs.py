"""Mend paragraphs cut by the web page: page-break splits and lost drop caps.

`join_split_paragraphs`: a paragraph that ends without closing punctuation,
followed by one that starts in lower case, is one paragraph cut in two; they
are joined, keeping the first part's line (N301). A pull quote standing
between the two parts stays, after the joined paragraph.

`lost_initial`: a body whose first paragraph starts in lower case has lost
its first letter (a drop cap set as an image). No rule guesses the letter:
the normaliser reports it and a `fixes` entry in front matter repairs it.
"""

from __future__ import annotations

from pathlib import Path

from pamphleteer.errors import Diagnostic, Severity
from pamphleteer.normalise.inlines import SPACE, first_str, last_str, merge_adjacent, shorten, text_of
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


def _is_pull_quote(block: Block) -> bool:
    return block.node["t"] == "Div" and "pullquote" in block.node["c"][0][1]


def join_split_paragraphs(blocks: tuple[Block, ...], path: Path) -> tuple[tuple[Block, ...], tuple[Diagnostic, ...]]:
    """Join each paragraph cut in two by a page break."""
    out: list[Block] = []
    diagnostics: list[Diagnostic] = []
    held: list[Block] = []  # pull quotes met between the two parts of a paragraph
    for block in blocks:
        if _is_pull_quote(block) and out and out[-1].node["t"] == "Para":
            held.append(block)
            continue
        previous = out[-1] if out else None
        if (
            previous is not None
            and previous.node["t"] == "Para" and block.node["t"] == "Para"
            and ends_open(last_str(previous.node["c"]))
            and starts_lower(first_str(block.node["c"]))
        ):
            joined = merge_adjacent([*previous.node["c"], dict(SPACE), *block.node["c"]])
            out[-1] = Block(previous.line, {"t": "Para", "c": joined})
            end, start = text_of(previous.node)[-40:], text_of(block.node)[:40]
            diagnostics.append(Diagnostic(
                "N301", Severity.INFO,
                f"a paragraph cut in two by a page break was joined with its second part (line {block.line})",
                path, previous.line, f"\u2026{end} \u00b6 {start}\u2026", f"\u2026{end} {start}\u2026",
            ))
            continue
        out.extend(held)
        held = []
        out.append(block)
    out.extend(held)
    return tuple(out), tuple(diagnostics)


def lost_initial(blocks: tuple[Block, ...]) -> Block | None:
    """The body's first paragraph, if it starts in lower case (a drop cap lost with its image)."""
    for block in blocks:
        if block.node["t"] == "Para":
            return block if starts_lower(first_str(block.node["c"])) else None
        if block.node["t"] not in ("HorizontalRule", "Div"):
            return None
    return None


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
