"""The one traversal of pandoc trees, and the one rewrite, both without recursion.

- `walk(nodes)` yields every node in reading order (a node before its
  children); `into` can stop it going inside some nodes (their children are
  skipped, the node itself is still yielded);
- `descend(nodes, step, start)` is the same walk handing each node what its
  parent passed down (how deep it is, what it stands inside), `step` saying
  what a node passes to its children, or that the walk stays out of it;
- `events(nodes)` is the same walk that also says when it leaves a node, for
  readers that need to close something (the closing quote mark of `text_of`);
- `transform(node, inlines=…, blocks=…)` rebuilds a node bottom-up: every list
  of inlines (or of blocks) inside it, innermost first, is handed to the given
  function, which returns the list to keep. Nothing is edited in place; a node
  in which nothing changed is returned as the same object, so a rule can tell
  "no repair" by identity;
- `rewrite(nodes, action)` is the same rebuild one node at a time: each node,
  its children rewritten already, is handed to `action`, which says what it
  becomes (`[node]` keeps it, `[]` drops it, a list replaces it). The actions
  are called in reading order, a node after its children, so an action with
  an effect (numbering, fetching) sees the nodes in the order a reader does;
- `fold(step)` runs a computation written as a recursion over the tree, such as a renderer's
  (a node's HTML from its children's), without Python's call stack: where a recursive function
  would call itself, a `Fold` generator yields the sub-computation and is sent back its result;
  the steps run in the order the recursion would run them, so state kept between them (a word
  count, a note's number) comes out the same;
- `text_of(nodes)` is the plain text of nodes, built on `events`; `strings_of(nodes)` only
  their words (Str), for a rough reading of metadata and alt text.

Trees of any depth are handled: the stack is a list, not Python's call stack.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeAlias, TypeVar, cast

from pamphleteer.ast.shape import LEAVES, Level, Node, Slot, slots, with_slots

ListRewrite = Callable[[list[Node]], list[Node]]
NodeRewrite = Callable[[Node], list[Node]]  # a node -> the nodes it becomes
QUOTE_MARKS = {"DoubleQuote": ("\u201c", "\u201d"), "SingleQuote": ("\u2018", "\u2019")}
BREAKS = ("Space", "SoftBreak", "LineBreak")
State = TypeVar("State")
Result = TypeVar("Result")
# A step of a fold: yields the sub-steps whose results it needs, one at a time, and returns its own.
Fold: TypeAlias = Generator["Fold[Result]", Result, Result]
SILENT = ("RawInline", "RawBlock", "Note")  # nodes whose content is not part of the text read
SPACES = re.compile(r"\s+")
WORDS = ("Str", *BREAKS)


def _roots(nodes: Iterable[Node] | Node) -> list[Node]:
    return [nodes] if isinstance(nodes, dict) else list(nodes)


def events(
    nodes: Iterable[Node] | Node, into: Callable[[Node], bool] | None = None
) -> Iterator[tuple[Node, bool]]:
    """(node, False) on entering each node, in reading order, and (node, True) on leaving each node
    whose children were walked (a node without children, or kept out by `into`, is only entered)."""
    stack: list[tuple[Node, bool]] = [(node, False) for node in reversed(_roots(nodes))]
    pop, push = stack.pop, stack.append
    while stack:
        node, leaving = pop()
        yield node, leaving
        if leaving or node["t"] in LEAVES or (into is not None and not into(node)):
            continue
        node_slots = slots(node)
        if node_slots:
            push((node, True))
            for _level, items in reversed(node_slots):
                stack.extend([(child, False) for child in reversed(items)])


def descend(
    nodes: Iterable[Node] | Node, step: Callable[[Node, State], State | None], start: State
) -> Iterator[tuple[Node, State]]:
    """Every node of `nodes` and of their descendants, in reading order, with what its parent handed
    down: `nodes` get `start`, the children of a node `step(node, what it got)`. Where `step` gives
    None the walk stays out of the node (it is yielded, its children are not); it is not asked about
    nodes that never hold others (words, spaces, code)."""
    stack: list[tuple[Node, State]] = [(node, start) for node in reversed(_roots(nodes))]
    while stack:
        node, state = stack.pop()
        yield node, state
        if node["t"] in LEAVES or (inner := step(node, state)) is None:
            continue
        for _level, items in reversed(slots(node)):
            stack.extend([(child, inner) for child in reversed(items)])


def walk(nodes: Iterable[Node] | Node, into: Callable[[Node], bool] | None = None) -> Iterator[Node]:
    """Every node of `nodes` and of their descendants, in reading order (`events` without the
    leaving, written apart: it is the walk most rules run)."""
    stack = _roots(nodes)
    stack.reverse()
    pop, extend = stack.pop, stack.extend
    while stack:
        node = pop()
        yield node
        if node["t"] in LEAVES or (into is not None and not into(node)):
            continue
        for _level, items in reversed(slots(node)):
            extend(reversed(items))


def _same(first: list[Node], second: list[Node]) -> bool:
    return first is second or (len(first) == len(second) and all(map(operator.is_, first, second)))


def _containers(node: Node) -> tuple[list[tuple[Node, list[Slot]]], dict[int, list[int]]]:
    """Every node under `node` (itself included) that holds others, with its slots; children
    pushed in reading order, so that the list read backwards is left-to-right, innermost first.
    And, for the id of each of them but `node`, the places in that list of the nodes holding it
    (more than one where a node stands twice in the tree)."""
    found: list[tuple[Node, list[Slot]]] = []
    holders: dict[int, list[int]] = {}
    if node["t"] in LEAVES:
        return found, holders
    stack: list[tuple[Node, int]] = [(node, -1)]
    pop, extend, append = stack.pop, stack.extend, found.append
    while stack:  # only nodes that may hold others are pushed: most children are words and spaces
        item, holder = pop()
        item_slots = slots(item)
        if item_slots:
            if holder >= 0:
                holders.setdefault(id(item), []).append(holder)
            index = len(found)
            append((item, item_slots))
            for _level, children in item_slots:
                extend([(child, index) for child in children if child["t"] not in LEAVES])
    return found, holders


def transform(node: Node, inlines: ListRewrite | None = None, blocks: ListRewrite | None = None) -> Node:
    """`node` rebuilt with every inline (block) list inside it passed through `inlines` (`blocks`).

    Lists are rewritten innermost first, left to right, each after its own children. The
    rewrite functions return a new list (or the one given, to keep it); they never edit one.
    """
    rewrite = {Level.INLINES: inlines, Level.BLOCKS: blocks}
    changed: dict[int, Node] = {}  # id of an original node -> its rebuilt version, where it changed
    found, holders = _containers(node)
    stale = [False] * len(found)  # whether a node holds one that changed (its lists are then rebuilt)
    for index in range(len(found) - 1, -1, -1):
        item, item_slots = found[index]
        lists, differs = [], False
        for level, children in item_slots:
            kept = [changed.get(id(c), c) for c in children] if stale[index] else children
            function = rewrite[level]
            if function is not None:
                kept = function(kept)
            differs = differs or not _same(kept, children)
            lists.append(kept)
        if differs:
            changed[id(item)] = with_slots(item, lists)
            for holder in holders.get(id(item), ()):
                stale[holder] = True
    return changed.get(id(node), node)


def _rebuilt(node: Node, node_slots: list[Slot], done: list[list[Node]]) -> Node:
    """`node` holding, in its slots, what its children became (the last entries of `done`, taken off)."""
    start = len(done) - sum(len(children) for _level, children in node_slots)
    made = iter(done[start:])
    del done[start:]
    lists = [[new for _child in children for new in next(made)] for _level, children in node_slots]
    if all(_same(new, old) for new, (_level, old) in zip(lists, node_slots, strict=True)):
        return node
    return with_slots(node, lists)


def rewrite(
    nodes: list[Node], action: NodeRewrite, into: Callable[[Node], bool] | None = None
) -> list[Node]:
    """`nodes` with each node inside replaced by what `action` makes of it, its children first.

    `action` is called once per node, in reading order, a node after its children, and given
    the node holding what they became (the same object if they all stayed). A node `into`
    refuses is handed over as it is, its children unvisited. Nothing is edited in place.
    """
    done: list[list[Node]] = []  # what each node finished so far became, in reading order
    stack: list[tuple[Node, list[Slot] | None]] = [(node, None) for node in reversed(nodes)]
    while stack:
        node, node_slots = stack.pop()
        if node_slots is not None:  # its children are done
            node = _rebuilt(node, node_slots, done)
        elif node["t"] not in LEAVES and (into is None or into(node)) and (node_slots := slots(node)):
            stack.append((node, node_slots))
            for _level, children in reversed(node_slots):
                stack.extend([(child, None) for child in reversed(children)])
            continue
        done.append(action(node))
    return [new for made in done for new in made]


def fold(step: Fold[Result]) -> Result:
    """What `step` returns, each sub-step it yields run to its end first and its result sent back.

    `step` and its sub-steps are generators: `inner = yield self.render(child)` stands where a
    recursive function would write `inner = self.render(child)`. The pending steps are kept on a
    list, so a tree of any depth is folded; an exception raised by a step ends the fold.
    """
    stack: list[Fold[Result]] = [step]
    sent: Any = None  # what the step on top is sent next: None to start it, else a sub-step's result
    while stack:
        try:
            stack.append(stack[-1].send(sent))
            sent = None
        except StopIteration as done:
            stack.pop()
            sent = done.value
    return cast(Result, sent)


def quote_marks(node: Node) -> tuple[str, str]:
    """The opening and closing marks of a Quoted node: “ ” or ‘ ’."""
    return QUOTE_MARKS[node["c"][0]["t"]]


def _spoken(node: Node) -> bool:
    return node["t"] not in SILENT


# While `texts_remembered` runs: the text of each node `text_of` was asked for, by the node's id, with
# the node itself (so that its id is not given to another node meanwhile). Nodes are never edited in
# place, so a node's text never changes; the rules of the normaliser ask for the same block's text many times.
_TEXTS: dict[int, tuple[Node, str]] | None = None


@contextmanager
def texts_remembered() -> Iterator[None]:
    """Within it, `text_of` works out the text of one node once (nested: the outermost one forgets)."""
    global _TEXTS
    outermost = _TEXTS is None
    if outermost:
        _TEXTS = {}
    try:
        yield
    finally:
        if outermost:
            _TEXTS = None


def text_of(nodes: Iterable[Node] | Node) -> str:
    """The words of inline (or block) nodes as one plain string, spaces collapsed.

    Quotes get their marks; code and maths their text; raw markup and notes are left out.
    """
    texts = _TEXTS
    if texts is None or not isinstance(nodes, dict):
        return _text_of(nodes)
    known = texts.get(id(nodes))
    if known is not None and known[0] is nodes:
        return known[1]
    text = _text_of(nodes)
    texts[id(nodes)] = (nodes, text)
    return text


def _text_of(nodes: Iterable[Node] | Node) -> str:
    # The walk of `events(nodes, into=_spoken)`, written out: a quotation's closing mark waits on the
    # stack below its children, as its leaving event would come after them.
    parts: list[str] = []
    append = parts.append
    stack: list[Node | str] = list(_roots(nodes))
    stack.reverse()
    pop, extend = stack.pop, stack.extend
    while stack:
        node = pop()
        if isinstance(node, str):  # a closing quote mark
            append(node)
            continue
        kind = node["t"]
        if kind == "Str":
            append(node["c"])
            continue
        if kind in BREAKS:
            append(" ")
            continue
        if kind in LEAVES or kind in SILENT:
            if kind in ("Code", "Math"):
                append(node["c"][1])
            continue
        if kind == "Quoted":
            opening, closing = quote_marks(node)
            append(opening)
            stack.append(closing)
        elif kind in ("Para", "Plain", "Header") and parts and parts[-1] != " ":
            append(" ")
        for _level, items in reversed(slots(node)):
            extend(reversed(items))
    return SPACES.sub(" ", "".join(parts)).strip()


def strings_of(nodes: Iterable[Node] | Node) -> str:
    """The words (Str) of nodes, notes' included, spaces and breaks as one space: `text_of` without
    its quote marks, code and maths (what a document's metadata and an image's alt text are read as)."""
    parts = [str(node["c"]) if node["t"] == "Str" else " " for node in walk(nodes) if node["t"] in WORDS]
    return " ".join("".join(parts).split())
