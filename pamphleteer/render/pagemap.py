"""Find where each print page begins, from WeasyPrint's real layout of the PDF.

The result, a `Start` per page (page index, block id, word index), becomes a
`PageStart` once the page's printed folio is known, and lets the ebook and web
editions mark the print pages: "page 12" in the pamphlet is the
same place in every edition. A block id is the `id` of a top-level block of a
text or shared part (`<prefix>-<source line>`), identical in every edition;
the word index counts whitespace-separated words of that block's running text,
as `render/markup.py` counts them (footnote text and pull quotes excluded).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from weasyprint.document import Document
from weasyprint.formatting_structure import boxes

from pamphleteer.render.markup import Start
from pamphleteer.render.plan import roman

EXCLUDED_CLASSES = ("link-note", "pullquote")
COUNTED_PSEUDO = ("", "::first-letter", "::first-line")


@dataclass
class _BlockState:
    """How far the layout has got through one block's running text."""

    chars: str  # the block's running text without white space
    word_ends: list[int]  # offset in `chars` where each word ends
    position: int = 0  # characters of `chars` laid out so far

    @classmethod
    def of(cls, text: str) -> _BlockState:
        ends, total = [], 0
        for word in text.split():
            total += len(word)
            ends.append(total)
        return cls("".join(text.split()), ends)

    def word_at_position(self) -> int:
        """The word the next character belongs to (a page may begin inside a hyphenated word)."""
        return bisect.bisect_right(self.word_ends, self.position)

    def advance(self, text: str) -> None:
        """Match laid-out text against the running text; characters the layout added
        (the hyphen of a hyphenated word) are skipped, breaks inside words are not words."""
        for character in text:
            if character.isspace():
                continue
            if self.position < len(self.chars) and self.chars[self.position] == character:
                self.position += 1


def _excluded(element: object) -> bool:
    classes = (element.get("class") or "").split()  # type: ignore[attr-defined]
    return any(name in classes for name in EXCLUDED_CLASSES)


def _running_text(element: object) -> str:
    """An element's text as a reader meets it in the flow: notes and pull quotes left out."""
    parts: list[str] = []

    def walk(node: object) -> None:
        if _excluded(node):
            return
        parts.append(node.text or "")  # type: ignore[attr-defined]
        for child in node:  # type: ignore[attr-defined]
            walk(child)
            parts.append(child.tail or "")

    walk(element)
    return "".join(parts)


def _owners(root: object, block_ids: frozenset[str]) -> tuple[dict[object, str | None], dict[str, str]]:
    """Map every element inside a known block to that block's id (None: not running text),
    and each block id to its running text."""
    owners: dict[object, str | None] = {}
    texts: dict[str, str] = {}
    for element in root.iter():  # type: ignore[attr-defined]
        if element.get("id") in block_ids:
            texts[element.get("id")] = _running_text(element)
            for inner in element.iter():
                owners[inner] = element.get("id")
    for element in root.iter():  # type: ignore[attr-defined]
        if _excluded(element):
            for inner in element.iter():
                owners[inner] = None
    return owners, texts


def _flow(box: boxes.Box) -> Iterator[boxes.TextBox]:
    """Text boxes of the page's main flow (not margins, not footnotes), in order."""
    if isinstance(box, (boxes.MarginBox, boxes.FootnoteAreaBox)):
        return
    if isinstance(box, boxes.TextBox):
        yield box
        return
    for child in getattr(box, "children", ()):
        yield from _flow(child)


def _nearest_ids(root: object) -> dict[object, str]:
    """Every element mapped to its own id, else its nearest ancestor's (elements with none left out)."""
    nearest: dict[object, str] = {}

    def walk(element: object, inherited: str) -> None:
        own = element.get("id") or inherited  # type: ignore[attr-defined]
        if own:
            nearest[element] = own
        for child in element:  # type: ignore[attr-defined]
            if isinstance(child.tag, str):
                walk(child, own)

    walk(root, "")
    return nearest


def page_starts(document: Document, root: object, block_ids: frozenset[str]) -> tuple[Start, ...]:
    """Where each page of `document` begins.

    A page whose main flow has running text of a known block begins at a word of
    it; any other page with text (a back part's heading, a bio, the contents)
    begins at the nearest element with an id around its first text, word 0, so
    every printed page with something on it has a place in the other editions.
    """
    owners, texts = _owners(root, block_ids)
    nearest = _nearest_ids(root)
    states: dict[str, _BlockState] = {}
    starts: list[Start] = []
    for index, page in enumerate(document.pages):
        page_box = page._page_box
        recorded = False
        fallback = ""
        for box in _flow(page_box):
            if not fallback and box.text and box.text.strip():
                fallback = nearest.get(box.element, "")
            tag = box.element_tag or ""
            pseudo = tag[tag.find("::"):] if "::" in tag else ""
            block_id = owners.get(box.element)
            if block_id is None or pseudo not in COUNTED_PSEUDO or not box.text:
                continue
            state = states.setdefault(block_id, _BlockState.of(texts[block_id]))
            if not recorded and box.text.strip():
                starts.append(Start(index, block_id, state.word_at_position()))
                recorded = True
            state.advance(box.text)
        if not recorded and fallback:
            starts.append(Start(index, fallback, 0))
    return tuple(starts)


def page_labels(labels: Sequence[tuple[int, str]], page_count: int) -> tuple[str, ...]:
    """The label of every page of the PDF, from where each numbering begins ((index, style) as
    `PagePlan.labels` gives them: "r" roman, "D" arabic), as a reader sees them in a PDF viewer."""
    out: list[str] = []
    starts = sorted(labels)
    for index in range(page_count):
        begun = [(first, style) for first, style in starts if first <= index]
        first, style = begun[-1] if begun else (0, "D")
        number = index - first + 1
        out.append(roman(number) if style == "r" else str(number))
    return tuple(out)
