"""Find where each print page begins, from WeasyPrint's real layout of the PDF.

The result, a `PageStart` per page (page label, block id, word index), lets the
ebook and web editions mark the print pages: "page 12" in the pamphlet is the
same place in every edition. A block id is the `id` of a top-level block of a
text or shared part (`<prefix>-<source line>`), identical in every edition;
the word index counts whitespace-separated words of that block's running text,
as `render/markup.py` counts them (footnote text and pull quotes excluded).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from weasyprint.document import Document
from weasyprint.formatting_structure import boxes

from pamphleteer.model import Publication
from pamphleteer.render.markup import PageStart

PAGE_LABEL = re.compile(r"^(\d+|[ivxlcdm]+)$", re.IGNORECASE)
EXCLUDED_CLASSES = ("link-note", "pullquote")
COUNTED_PSEUDO = ("", "::first-letter", "::first-line")


@dataclass
class _BlockState:
    words: int = 0  # words begun so far
    in_word: bool = False  # the last text seen ended inside a word


def _owners(root: object, block_ids: frozenset[str]) -> dict[object, str | None]:
    """Map every element inside a known block to that block's id (None: not running text)."""
    owners: dict[object, str | None] = {}
    for element in root.iter():  # type: ignore[attr-defined]
        if element.get("id") in block_ids:
            for inner in element.iter():
                owners[inner] = element.get("id")
    for element in root.iter():  # type: ignore[attr-defined]
        classes = (element.get("class") or "").split()
        if any(name in classes for name in EXCLUDED_CLASSES):
            for inner in element.iter():
                owners[inner] = None
    return owners


def _flow(box: boxes.Box) -> Iterator[boxes.Box | None]:
    """Text boxes of the page's main flow in order; None marks the end of a line."""
    if isinstance(box, (boxes.MarginBox, boxes.FootnoteAreaBox)):
        return
    if isinstance(box, boxes.TextBox):
        yield box
        return
    for child in getattr(box, "children", ()):
        yield from _flow(child)
    if isinstance(box, boxes.LineBox):
        yield None


def _label(page_box: boxes.PageBox, index: int) -> str:
    """The page number printed in the page's margin boxes, else the physical number."""
    for box in page_box.descendants():
        if isinstance(box, boxes.MarginBox):
            text = "".join(t.text for t in box.descendants() if isinstance(t, boxes.TextBox)).strip()
            if PAGE_LABEL.match(text):
                return text
    return str(index + 1)


def page_starts(document: Document, root: object, block_ids: frozenset[str]) -> tuple[PageStart, ...]:
    """Where each page of `document` begins, for pages whose main flow has running text."""
    owners = _owners(root, block_ids)
    states: dict[str, _BlockState] = {}
    starts: list[PageStart] = []
    for index, page in enumerate(document.pages):
        page_box = page._page_box
        label = _label(page_box, index)
        recorded = False
        line_blocks: dict[str, str] = {}  # block id -> text of the current line
        for box in _flow(page_box):
            if box is None:  # end of a line: a word goes on only after a hyphen
                for block_id, text in line_blocks.items():
                    states[block_id].in_word = bool(re.search(r"\S[-\u2010\u00ad]$", text))
                line_blocks = {}
                continue
            tag = box.element_tag or ""
            pseudo = tag[tag.find("::"):] if "::" in tag else ""
            block_id = owners.get(box.element)
            if block_id is None or pseudo not in COUNTED_PSEUDO or not box.text:
                continue
            state = states.setdefault(block_id, _BlockState())
            text = box.text
            if not recorded and text.strip():
                begins_inside = state.in_word and not text[0].isspace()
                starts.append(PageStart(label, block_id, state.words - 1 if begins_inside else state.words))
                recorded = True
            for match in re.finditer(r"[^ \t\n\r]+", text):
                if not (match.start() == 0 and state.in_word):
                    state.words += 1
            state.in_word = bool(text) and not text[-1].isspace()
            line_blocks[block_id] = line_blocks.get(block_id, "") + text
    return tuple(starts)


def block_ids(publication: Publication) -> frozenset[str]:
    """The ids of every top-level block the editions share (see `render/markup.py`)."""
    ids = {f"{part.name}-{block.line}" for part in publication.front for block in part.blocks}
    for text in publication.texts:
        ids.update(f"{text.slug}-{block.line}" for block in text.body)
        ids.update(f"{text.slug}-standfirst-{block.line}" for block in text.standfirst)
    return frozenset(ids)
