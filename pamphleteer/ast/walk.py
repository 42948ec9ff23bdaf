"""The one traversal of pandoc trees, and the one rewrite, both without recursion.

- `walk(nodes)` yields every node in reading order (a node before its
  children); `into` can stop it going inside some nodes (their children are
  skipped, the node itself is still yielded);
- `events(nodes)` is the same walk that also says when it leaves a node, for
  readers that need to close something (the closing quote mark of `text_of`);
- `transform(node, inlines=…, blocks=…)` rebuilds a node bottom-up: every list
  of inlines (or of blocks) inside it, innermost first, is handed to the given
  function, which returns the list to keep. Nothing is edited in place; a node
  in which nothing changed is returned as the same object, so a rule can tell
  "no repair" by identity;
- `text_of(nodes)` is the plain text of nodes, built on `events`.

Trees of any depth are handled: the stack is a list, not Python's call stack.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from pamphleteer.ast.shape import Level, Node, slots, with_slots

ListRewrite = Callable[[list[Node]], list[Node]]
QUOTE_MARKS = {"DoubleQuote": ("\u201c", "\u201d"), "SingleQuote": ("\u2018", "\u2019")}
BREAKS = ("Space", "SoftBreak", "LineBreak")
SILENT = ("RawInline", "RawBlock", "Note")  # nodes whose content is not part of the text read
SPACES = re.compile(r"\s+")


def _roots(nodes: Iterable[Node] | Node) -> list[Node]:
    return [nodes] if isinstance(nodes, dict) else list(nodes)


def events(
    nodes: Iterable[Node] | Node, into: Callable[[Node], bool] | None = None
) -> Iterator[tuple[Node, bool]]:
    """(node, False) on entering each node and (node, True) on leaving it, in reading order."""
    stack: list[tuple[Node, bool]] = [(node, False) for node in reversed(_roots(nodes))]
    while stack:
        node, leaving = stack.pop()
        yield node, leaving
        if leaving:
            continue
        stack.append((node, True))
        if into is None or into(node):
            children = [child for _level, items in slots(node) for child in items]
            stack.extend((child, False) for child in reversed(children))


def walk(nodes: Iterable[Node] | Node, into: Callable[[Node], bool] | None = None) -> Iterator[Node]:
    """Every node of `nodes` and of their descendants, in reading order."""
    return (node for node, leaving in events(nodes, into) if not leaving)


def _same(first: list[Node], second: list[Node]) -> bool:
    return len(first) == len(second) and all(a is b for a, b in zip(first, second, strict=True))


def transform(node: Node, inlines: ListRewrite | None = None, blocks: ListRewrite | None = None) -> Node:
    """`node` rebuilt with every inline (block) list inside it passed through `inlines` (`blocks`).

    Lists are rewritten innermost first, each after its own children. The rewrite
    functions return a new list (or the one given, to keep it); they never edit one.
    """
    rewrite = {Level.INLINES: inlines, Level.BLOCKS: blocks}
    done: dict[int, Node] = {}  # id of an original node -> its rebuilt version
    for item, leaving in events(node):
        if not leaving:
            continue
        lists, changed = [], False
        for level, children in slots(item):
            rebuilt = [done.get(id(child), child) for child in children]
            function = rewrite[level]
            kept = function(rebuilt) if function else rebuilt
            changed = changed or not _same(kept, children)
            lists.append(kept)
        done[id(item)] = with_slots(item, lists) if changed else item
    return done[id(node)]


def quote_marks(node: Node) -> tuple[str, str]:
    """The opening and closing marks of a Quoted node: “ ” or ‘ ’."""
    return QUOTE_MARKS[node["c"][0]["t"]]


def _spoken(node: Node) -> bool:
    return node["t"] not in SILENT


def text_of(nodes: Iterable[Node] | Node) -> str:
    """The words of inline (or block) nodes as one plain string, spaces collapsed.

    Quotes get their marks; code and maths their text; raw markup and notes are left out.
    """
    parts: list[str] = []
    for node, leaving in events(nodes, into=_spoken):
        kind = node["t"]
        if leaving:
            if kind == "Quoted":
                parts.append(quote_marks(node)[1])
        elif kind == "Str":
            parts.append(node["c"])
        elif kind in BREAKS:
            parts.append(" ")
        elif kind == "Quoted":
            parts.append(quote_marks(node)[0])
        elif kind in ("Code", "Math"):
            parts.append(node["c"][1])
        elif kind in ("Para", "Plain", "Header") and parts and parts[-1] != " ":
            parts.append(" ")
    return SPACES.sub(" ", "".join(parts)).strip()
