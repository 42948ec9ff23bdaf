"""What a repair rule reports, and how its reports become located diagnostics.

A rule that works inside one block returns `Finding`s (code, message, before,
after); `each_block` runs it over a text's blocks and turns its findings into
`Diagnostic`s that name the file and the block's line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from pamphleteer.errors import Diagnostic, Severity
from pamphleteer.parse import Block, Node


@dataclass(frozen=True)
class Finding:
    """One repair (or doubt) inside a block, before it is given a file and line."""

    code: str
    message: str
    before: str | None = None
    after: str | None = None
    severity: Severity = Severity.INFO

    def at(self, path: Path, line: int) -> Diagnostic:
        return Diagnostic(self.code, self.severity, self.message, path, line, self.before, self.after)


BlockRule = Callable[[Node], tuple[Node, list[Finding]]]


def each_block(
    blocks: Iterable[Block], path: Path, rule: BlockRule
) -> tuple[tuple[Block, ...], tuple[Diagnostic, ...]]:
    """Run a one-block rule over every block, keeping each block's line."""
    out: list[Block] = []
    diagnostics: list[Diagnostic] = []
    for block in blocks:
        node, findings = rule(block.node)
        out.append(Block(block.line, node) if node is not block.node else block)
        diagnostics.extend(finding.at(path, block.line) for finding in findings)
    return tuple(out), tuple(diagnostics)


def shorten(text: str, limit: int = 90) -> str:
    """A text cut to `limit` characters for a diagnostic, with an ellipsis if cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"
