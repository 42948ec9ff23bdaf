"""Set again, with slightly other word spaces, the paragraphs WeasyPrint left with loose lines.

WeasyPrint breaks lines one at a time (first fit) and justifies a line by
widening its word spaces alone, so now and then a line is loose: its word
spaces average more than half an em. A book designer then sets the paragraph
a hair tighter or looser, which moves its line breaks, and keeps what reads
best. This does the same, inside the layout step (`render/layout.py`):

1. the laid-out document's loose lines are found in its boxes, each counted for
   the paragraph (the block with an id) it is in;
2. those paragraphs alone (everything else hidden, so the layout is quick; the
   measure, indents and selectors are those of the whole document) are laid out
   with each of `WORD_SPACINGS`;
3. each paragraph keeps the word spacing that leaves it the fewest loose lines
   (its own, if none does better), and the document is laid out once more with
   them, if any changed.

Only word spaces change: letter spacing would break Crimson Pro's ligatures
(fi, ffi). A word space a little narrower than the face's also lets
WeasyPrint set a line a fraction of a point too long, which it then breaks
early and justifies across the whole measure; such a line is loose too, and so
set again the same way.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from xml.etree import ElementTree

import weasyprint
from weasyprint.document import Document
from weasyprint.formatting_structure import boxes
from weasyprint.text.fonts import FontConfiguration

LOOSE_EM = 0.5  # a line whose word spaces average more than this, in em, is loose
FACE_SPACE_EM = 0.19  # the text face's own word space (Crimson Pro's), in em
# The word spacings a paragraph with loose lines is tried with (print.css sets -0.03em at A5).
WORD_SPACINGS = ("0.02em", "0em", "-0.015em", "-0.045em", "-0.06em")


@dataclass(frozen=True)
class Looseness:
    """How loose a paragraph is set: its loose lines, and by how much they are too wide (em)."""

    lines: int = 0
    excess: float = 0.0

    def __add__(self, other: Looseness) -> Looseness:
        return Looseness(self.lines + other.lines, self.excess + other.excess)


def loose_paragraphs(document: Document) -> dict[str, Looseness]:
    """Each paragraph (block id) with loose lines, and how loose."""
    found: dict[str, Looseness] = {}
    for page in document.pages:
        for block, line in _lines(page._page_box, ""):
            space = _mean_space_em(line)
            if block and space > LOOSE_EM:
                found[block] = found.get(block, Looseness()) + Looseness(1, space - LOOSE_EM)
    return found


def _lines(box: object, block: str) -> Iterator[tuple[str, boxes.LineBox]]:
    """Every line box under `box`, with the id of the innermost block with an id around it."""
    element = getattr(box, "element", None)
    if isinstance(box, boxes.BlockBox) and element is not None and element.get("id"):
        block = element.get("id")
    if isinstance(box, boxes.LineBox):
        yield block, box
        return
    for child in getattr(box, "children", ()):
        yield from _lines(child, block)


def _mean_space_em(line: boxes.LineBox) -> float:
    """The mean word space of a justified line, in em of its text (0 for a line not justified)."""
    for text in _text_boxes(line):
        spacing = getattr(text, "justification_spacing", 0)
        if spacing and " " in text.text:
            size = text.style["font_size"]
            return float(FACE_SPACE_EM + (text.style["word_spacing"] + spacing) / size)
    return 0.0


def _text_boxes(box: object) -> Iterator[boxes.TextBox]:
    if isinstance(box, boxes.TextBox):
        yield box
    for child in getattr(box, "children", ()):
        yield from _text_boxes(child)


def spacing_rules(spacings: dict[str, str]) -> str:
    """CSS giving each paragraph (block id) its word spacing."""
    return "".join(f'[id="{block}"], [id="{block}"] * {{ word-spacing: {value} !important; }}\n'
                   for block, value in sorted(spacings.items()))


def trial(html: weasyprint.HTML, indents: dict[str, str]) -> weasyprint.HTML:
    """The document with the blocks of `indents` (id -> first-line indent) alone, each followed by
    a copy of itself for each of `WORD_SPACINGS` (id `<id>~<n>`): the rest is emptied and hidden,
    but stays where it was, so that the selectors (`p + p`, `:first-of-type`) match as before;
    each copy keeps its block's indent."""
    root = copy.deepcopy(html.etree_element)

    def keep(element: ElementTree.Element) -> bool:
        """Hide what holds none of the blocks under `element`; whether it holds one."""
        block = element.get("id")
        if block in indents:
            return True
        held = [keep(child) for child in list(element)]
        for child in list(element):
            if child.get("id") in indents:
                place = list(element).index(child)
                for number, value in enumerate(WORD_SPACINGS):
                    twin = copy.deepcopy(child)
                    twin.set("id", f"{child.get('id')}~{number}")
                    twin.set("style", f"word-spacing: {value}; text-indent: {indents[child.get('id', '')]}")
                    twin.tail = None
                    element.insert(place + 1 + number, twin)
        if any(held):
            return True
        element.clear()  # its text, children and attributes; the tail is the parent's: dropped too
        element.set("style", "display: none")
        return False

    keep(root)
    document = ElementTree.tostring(root, encoding="unicode", method="html")
    return weasyprint.HTML(string=document, base_url=html.base_url, url_fetcher=html.url_fetcher)


def first_line_indents(document: Document, blocks: set[str]) -> dict[str, str]:
    """The first-line indent of each of `blocks`, as CSS."""
    indents: dict[str, str] = {}

    def walk(box: object) -> None:
        element = getattr(box, "element", None)
        block = element.get("id") if isinstance(box, boxes.BlockBox) and element is not None else None
        if block in blocks and block not in indents:
            indent = box.style["text_indent"]  # type: ignore[attr-defined]
            indents[block] = f"{indent.value}{indent.unit}"
        for child in getattr(box, "children", ()):
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    return indents


def set_loose_paragraphs_again(
    document: Document, html: weasyprint.HTML, stylesheets: list[weasyprint.CSS], fonts: FontConfiguration
) -> tuple[Document, str]:
    """The document with its loose paragraphs set again (see the module's description), and the CSS
    that sets them so (for any later layout of the same document)."""
    loose = loose_paragraphs(document)
    if not loose:
        return document, ""
    indents = first_line_indents(document, set(loose))
    tried = loose_paragraphs(trial(html, indents).render(font_config=fonts, stylesheets=stylesheets))
    chosen: dict[str, str] = {}
    for block, found in loose.items():
        results = [(tried.get(f"{block}~{number}", Looseness()), value)
                   for number, value in enumerate(WORD_SPACINGS)]
        result, value = min(results, key=lambda pair: (pair[0].lines, pair[0].excess))
        if (result.lines, result.excess) < (found.lines, found.excess):
            chosen[block] = value
    if not chosen:
        return document, ""
    rules = spacing_rules(chosen)
    css = weasyprint.CSS(string=rules, font_config=fonts)
    return html.render(font_config=fonts, stylesheets=[*stylesheets, css], pdf_tags=True), rules
