"""Apply the explicit repairs a text's front matter asks for (`fixes:` find/replace entries).

For damage no rule can infer (a lost drop cap, a word to cut), the editor
writes the repair in front matter. Each entry replaces every occurrence of its
`find` text within running text (not across emphasis or links); straight and
curly quotes count as the same. Every replacement is reported (N601); an
entry that matches nothing is a warning (N602), so a stale fix is noticed.
"""

from __future__ import annotations

from pathlib import Path

from pamphleteer.ast import Node, kind, transform, word_of, words_to_inlines
from pamphleteer.errors import Diagnostic, Severity
from pamphleteer.normalise.findings import shorten
from pamphleteer.normalise.registry import Stage, rule
from pamphleteer.parse import Block
from pamphleteer.sources import Fix

SAME_QUOTES = str.maketrans("\u2018\u2019\u201c\u201d", "''\"\"")
RUN = ("Str", "Space", "SoftBreak")


def _run_text(run: list[Node]) -> str:
    return "".join(word_of(node) if kind(node) == "Str" else " " for node in run)


def replace_in_run(text: str, fix: Fix) -> tuple[str, int]:
    """Replace `fix.find` in `text`, quotes compared loosely; return the text and the count."""
    key, find = text.translate(SAME_QUOTES), fix.find.translate(SAME_QUOTES)
    out, count, position = [], 0, 0
    while (found := key.find(find, position)) >= 0:
        out.append(text[position:found] + fix.replace)
        position = found + len(find)
        count += 1
    out.append(text[position:])
    return "".join(out), count


def apply_fix(node: Node, fix: Fix) -> tuple[Node, list[tuple[str, str]]]:
    """One block with one fix applied; and (before, after) for each change."""
    changes: list[tuple[str, str]] = []

    def rewrite(inlines: list[Node]) -> list[Node]:
        out: list[Node] = []
        run: list[Node] = []

        def flush() -> None:
            if not run:
                return
            text = _run_text(run)
            new, count = replace_in_run(text, fix)
            if count:
                changes.append((shorten(text, 80), shorten(new, 80)))
                out.extend(words_to_inlines(new))
            else:
                out.extend(run)
            run.clear()

        for item in inlines:
            if kind(item) in RUN:
                run.append(item)
            else:
                flush()
                out.append(item)
        flush()
        return out

    new = transform(node, inlines=rewrite)
    return (new if changes else node), changes


@rule(Stage.FIXES, order=10, codes={
    "N601": "front matter fixes applied", "N602": "front matter fix matches nothing",
})
def apply_fixes(
    groups: dict[str, tuple[Block, ...]], fixes: tuple[Fix, ...], path: Path
) -> tuple[dict[str, tuple[Block, ...]], tuple[Diagnostic, ...]]:
    """Apply every fix to every group of blocks (body, standfirst, notes …)."""
    diagnostics: list[Diagnostic] = []
    for fix in fixes:
        applied = 0
        for name, blocks in groups.items():
            out = []
            for block in blocks:
                node, changes = apply_fix(block.node, fix)
                for before, after in changes:
                    applied += 1
                    diagnostics.append(Diagnostic(
                        "N601", Severity.INFO,
                        f"front matter fix (line {fix.line}) applied: '{fix.find}' -> '{fix.replace}'",
                        path, block.line, before, after,
                    ))
                out.append(Block(block.line, node) if changes else block)
            groups = {**groups, name: tuple(out)}
        if not applied:
            diagnostics.append(Diagnostic(
                "N602", Severity.WARNING,
                f"front matter fix '{fix.find}' matches nothing in the text; correct or remove it "
                "(it must be within running text, not across emphasis or links)",
                path, fix.line,
            ))
    return groups, tuple(diagnostics)
