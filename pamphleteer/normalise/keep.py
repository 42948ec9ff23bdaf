"""Let a person overrule the repairs: front matter `keep:` names what must stay as written.

`keep:` is a list of entries, each either a repair code (`N421`: no repair of that
kind is made in this text) or the text a block begins with (`"Share this story"`:
no repair touches that block). `Keep` answers, for a rule about to change a
block, whether it may; a repair not made is reported (N603, with the entry that
stopped it), and an entry that stopped nothing is a warning (N604), so a typo in
`keep:` does not go unnoticed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from pamphleteer.ast import kind, text_of
from pamphleteer.errors import Diagnostic, Severity
from pamphleteer.normalise.findings import BlockRule, Finding, shorten
from pamphleteer.normalise.registry import Stage, rule
from pamphleteer.parse import Block, Node

CODE = re.compile(r"^[A-Z]\d{3}$")
KEPT = "N603"
UNUSED = "N604"
# What a rule asks before it repairs a block: the report that `keep:` forbids repair `code` there, or None.
Refuse = Callable[[Block, str], "Diagnostic | None"]


def _not_made(codes: str) -> str:
    return f"left as written, as front matter 'keep' asks ({codes} not made)"


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


@rule(Stage.KEEP, order=10, codes={
    KEPT: "repairs not made, as front matter 'keep' asks",
    UNUSED: "front matter 'keep' entry matches nothing",
})
@dataclass(frozen=True)
class Keep:
    """The front matter's `keep:` entries, split into repair codes and block texts."""

    codes: frozenset[str] = frozenset()
    texts: tuple[str, ...] = ()  # as written, for messages
    entries: tuple[str, ...] = ()

    @classmethod
    def from_entries(cls, entries: Iterable[str]) -> Keep:
        listed = tuple(entry.strip() for entry in entries if entry.strip())
        return cls(
            codes=frozenset(entry.upper() for entry in listed if CODE.match(entry.upper())),
            texts=tuple(entry for entry in listed if not CODE.match(entry.upper())),
            entries=listed,
        )

    def __bool__(self) -> bool:
        return bool(self.entries)

    def entry_for(self, code: str, node: Node | None = None) -> str:
        """The entry that forbids repair `code` on `node` ('' when the repair may be made)."""
        if code in self.codes:
            return code
        if node is not None and self.texts:
            text = _key(text_of(node))
            for entry in self.texts:
                if text.startswith(_key(entry)):
                    return entry
        return ""

    def allows(self, code: str, node: Node | None = None) -> bool:
        return not self.entry_for(code, node)

    def guard(self, rule: BlockRule) -> BlockRule:
        """`rule`, except that a block it would repair against `keep:` stays as it was."""
        if not self:
            return rule

        def guarded(node: Node) -> tuple[Node, list[Finding]]:
            out, findings = rule(node)
            entry = next((e for f in findings if (e := self.entry_for(f.code, node))), "")
            if not entry:
                return out, findings
            codes = ", ".join(dict.fromkeys(f.code for f in findings))
            return node, [Finding(KEPT, _not_made(codes),
                                  shorten(text_of(node)) or kind(node), entry)]

        return guarded

    def settle(
        self, before: tuple[Block, ...], after: tuple[Block, ...], found: Iterable[Diagnostic], path: Path
    ) -> tuple[tuple[Block, ...], tuple[Diagnostic, ...]]:
        """A rule over many blocks undone when `keep:` forbids any of its repairs (by code, or by a
        block it repaired); otherwise its result, as it was."""
        found = tuple(found)
        at_line = {block.line: block for block in before}
        refused = [(d, entry) for d in found
                   if (entry := self.entry_for(d.code, at_line[d.line].node if d.line in at_line else None))]
        if not refused:
            return after, found
        return before, tuple(
            Diagnostic(KEPT, Severity.INFO, _not_made(d.code), path, d.line, d.before, entry)
            for d, entry in refused
        )

    def kept(self, code: str, block: Block, path: Path, entry: str = "") -> Diagnostic:
        """The report that repair `code` was not made on `block` (stopped by `entry`, else by the
        entry that forbids it there)."""
        return Diagnostic(KEPT, Severity.INFO, _not_made(code), path, block.line,
                          shorten(text_of(block.node)) or kind(block.node),
                          entry or self.entry_for(code, block.node))

    def unused(self, diagnostics: Iterable[Diagnostic], path: Path) -> tuple[Diagnostic, ...]:
        """A warning for each entry that stopped no repair in this text."""
        used = {d.after for d in diagnostics if d.code == KEPT}
        return tuple(
            Diagnostic(UNUSED, Severity.WARNING,
                       f"front matter 'keep' entry '{shorten(entry, 60)}' matches no repair in this text; "
                       "correct it (a repair code like N421, or the first words of a block) or remove it",
                       path, 1)
            for entry in self.entries if entry not in used and entry.upper() not in used
        )
