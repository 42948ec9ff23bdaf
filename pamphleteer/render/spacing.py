"""Set again, with slightly other word spaces, the paragraphs WeasyPrint set badly.

WeasyPrint breaks lines one at a time (first fit) and justifies a line by
widening its word spaces alone, so now and then a line is loose (its word
spaces average more than half an em), or a paragraph ends in a hyphenated stub
(the last syllables of a word, alone on its last line). A book designer then
sets the paragraph a hair tighter or looser, which moves its line breaks, and
keeps what reads best. This does the same, inside the layout step
(`render/layout.py`):

1. the paragraphs (blocks with an id) with loose lines or a stub are found in
   the laid-out document's boxes;
2. those paragraphs alone (everything else hidden, so the layout is quick; the
   measure, indents and selectors are those of the whole document) are laid out
   with each of `TRIED` in turn, until one sets the paragraph without a fault;
3. each keeps the word spacing that leaves it the fewest loose lines and stubs
   (its own, if none does better), and the document is laid out once more with
   them, if any changed.

How a paragraph is set depends only on itself, the measure and the selectors
that match it, so what was decided for it (a word spacing, or its own) is kept
in the build cache under a key of just that (`paragraph_keys`): a part laid out
again after an edit is laid out first with the spacings decided before, and only
its new paragraphs are looked at and tried, which gives the same choices, and
so the same edition, as a build without the cache.

Only word spaces change (and, where no word spacing mends a paragraph, the
glyphs' size by 1 or 2 %: SCALED): letter spacing would break the faces'
ligatures (fi, ffi: Pango sets no ligature in a letter-spaced run). A line is
loose by its word spaces as printed: the face's own space (`face_space_em`:
Gentium Book Plus's is 0.22 em, Crimson Pro's 0.19), its word spacing and what
justification adds. A word space a
little narrower than the face's also lets WeasyPrint set a line a fraction of
a point too long, which it then breaks early and justifies across the whole
measure (`render/linebreak.py` now asks for a break that fits instead); such a
line is loose too, and so set again the same way. And where
even the shortest hyphenation of the word that ends a line does not fit (a
line a hair full), WeasyPrint keeps that break all the same, then finds the
line too long and breaks it before the word: the fragment ("cit-") is left
alone on a line of its own, before the rest of its word ("izens were spoken of
…"). Such a line is a fault as well (`lone_fragment`), so the paragraph is set
again, and no spacing that makes one is chosen.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import weasyprint
from weasyprint.document import Document
from weasyprint.formatting_structure import boxes
from weasyprint.text.fonts import FontConfiguration
from weasyprint.text.line_break import Layout, line_size

from pamphleteer.cache import digest
from pamphleteer.render import linebreak  # noqa: F401  WeasyPrint's line breaking mended (see there)

LOOSE_EM = 0.5  # a line whose word spaces average more than this, in em, is loose
# A justified line whose word spaces average less than this, in em, is cramped: three quarters of Crimson
# Pro's own space (0.19 em; a wider face's is brought to it). The tightest trials, justified a little,
# set lines of 0.11-0.13 em ("than the jobs of Mexican or Canadian autoworkers. In"): such a line is a
# fault as a loose one is, and no spacing that makes one is chosen over one that does not.
TIGHT_EM = 0.14
# The word spacings a paragraph with loose lines is tried with (print.css sets -0.03em at A5), less what
# the face's space is wider than Crimson Pro's (`--face-space`: 0 for Crimson Pro).
SPACINGS_ONLY = ("0.02em", "0em", "-0.015em", "-0.045em", "-0.06em", "-0.075em")
# And the same with the glyphs a hair smaller (99 %, 98 %), as a book designer's glyph scaling, where
# the page size's stylesheet allows it (`--glyphs-99`, `--glyphs-98`: print.css, print-A6.css; tried
# last, and chosen only where word spacing alone leaves the paragraph loose). The line height stays the
# text's (`--leading-99`: the text's leading over the scale), so the lines after such a paragraph stay on
# the grid. A paragraph with an
# initial is not scaled (the initial is set to its lines).
SCALED = tuple(f"{spacing} {scale}" for scale in ("99", "98") for spacing in SPACINGS_ONLY)
WORD_SPACINGS = SPACINGS_ONLY + SCALED
# The values a paragraph is tried with, in turn, until one sets it without a fault (`tried`): the order
# they are preferred in among equals (`preference`), less those that were hardly ever the first to set a
# paragraph without a fault. Of the seed's 68 paragraphs tried at A5, A6 and letter with all eighteen,
# -0.015em was the first so for 14, -0.045em for 22, 0.02em for 5, 0em for 2, -0.06em for 1, -0.075em
# for none, -0.015em 98 for 13, -0.045em 98 for 6, -0.06em 98 for 1, the other scaled values for none.
# With these seven, each of them is set without more faults and with as many lines as with all eighteen
# (so its pages break where they did), and a paragraph no value sets without a fault takes 7 trial
# layouts, not 18: the seed's trials fall from 76 paragraph layouts to 57 at A5 (A6 168 -> 110, letter
# 82 -> 55).
TRIED = ("-0.015em", "-0.045em", "0.02em", "0em", "-0.015em 98", "-0.045em 98", "-0.06em 98")
PERFECT = (0, 0.0)  # the faults of a paragraph set without any
# A trial's pages without running heads and folios: what is read of a trial is its paragraphs' lines,
# which margin boxes do not move (the page's side margins stay), and they take a tenth of its layout.
# And each page's area reaches far below the page (its foot margin negative: TRIAL_DEPTH), so that the
# paragraphs tried run on a page or two, not on as many pages as they fill: a line is broken as it is
# on any page (its measure, its words), and what it costs to break pages (each page's boxes, a
# paragraph's lines at its foot laid out again, the footnotes that move over) is left out: 3-6 % less
# CPU in the seed's trials, every paragraph set as before.
TRIAL_DEPTH = 30000  # px
TRIAL_PAGES = ("@page { @top-center { content: none !important; }"
               " @bottom-center { content: none !important; }"
               f" margin-bottom: -{TRIAL_DEPTH}px !important; }}\n")
PARAGRAPHS = ("p", "blockquote", "li")  # the blocks set again: they hold no other block with an id
# Selectors that see what comes after an element (a paragraph's key then holds the siblings after it).
LOOKING_AHEAD = re.compile(
    r":(?:last-child|last-of-type|nth-last-child|nth-last-of-type|only-child|only-of-type|has)\b"
)
ADDRESS = re.compile(r"/|@|^www\.")  # a word that is a web or mail address (a URL's path, its host)
VERSION = digest(Path(__file__).read_bytes())  # a decision is kept only for this code's way of deciding


@dataclass(frozen=True)
class Setting:
    """How a paragraph is set: its lines, the loose ones and by how much they are too wide (em),
    and whether its last line is a hyphenated stub (one word, the rest of one broken on the line
    before: `is_stub`)."""

    lines: int = 0
    loose: int = 0
    excess: float = 0.0
    stub: bool = False
    paragraph: bool = True  # a paragraph, a quotation or a list item (not what holds blocks)
    fragments: int = 0  # lines holding only a word's hyphenated first part (`lone_fragment`)
    heights: tuple[float, ...] = field(default=(), compare=False)  # of its lines, in order (px, rounded)
    tight: int = 0  # justified lines whose word spaces average under TIGHT_EM

    @property
    def faults(self) -> tuple[int, float]:
        """What a reader sees: loose and cramped lines, stubs and lone fragments, then how loose."""
        return self.loose + self.tight + self.stub + self.fragments, self.excess


def settings(document: Document) -> dict[str, Setting]:
    """How each paragraph (block id) is set."""
    lines: dict[str, list[boxes.LineBox]] = {}
    tags: dict[str, str] = {}
    for page in document.pages:
        for (block, tag), line in _lines(page._page_box, ("", "")):
            if block:
                lines.setdefault(block, []).append(line)
                tags[block] = tag
    found = {}
    for block, its in lines.items():
        means = list(map(_mean_space_em, its))  # 0: a line not justified
        spaces = [space for space in means if space > LOOSE_EM]
        stub = len(its) > 1 and is_stub(_text(its[-2]).rstrip(), _text(its[-1]).strip())
        fragments = sum(lone_fragment(_text(line)) for line in its[:-1])
        heights = tuple(round(line.height, 2) for line in its)
        found[block] = Setting(len(its), len(spaces), sum(space - LOOSE_EM for space in spaces), stub,
                               tags[block] in PARAGRAPHS, fragments, heights,
                               sum(0 < space < TIGHT_EM for space in means))
    return found


def lone_fragment(line: str) -> bool:
    """Whether a line (not a paragraph's last) holds only the first part of a hyphenated word ("cit-"),
    which WeasyPrint leaves so when that part does not fit the line before (see the module's
    description). Not an address broken at its own hyphen: that is a whole line of it."""
    words = line.replace("\u200b", "").split()
    return len(words) == 1 and words[0].endswith(("-", "\u2010")) and not ADDRESS.search(words[0])



def is_stub(before: str, last: str) -> bool:
    """Whether a paragraph's last line `last` is a hyphenated stub: one word, the rest of one broken
    on the line `before`. Not an address broken at its own hyphen ("…/what-internationalism-do-we- /
    need-today/"): no word spacing mends that, and a reader does not take it for a broken word."""
    if " " in last or not before.endswith("-"):
        return False
    return not ADDRESS.search(before.rsplit(" ", 1)[-1] + last)


def faulty(found: dict[str, Setting]) -> dict[str, Setting]:
    """The paragraphs a reader would find fault with."""
    return {block: setting for block, setting in found.items() if setting.paragraph and setting.faults[0]}


def _text(line: boxes.LineBox) -> str:
    return "".join(text.text for text in _text_boxes(line))


def _lines(box: object, block: tuple[str, str]) -> Iterator[tuple[tuple[str, str], boxes.LineBox]]:
    """Every line box under `box`, with the id (and tag) of the innermost block with an id around it."""
    element = getattr(box, "element", None)
    if isinstance(box, boxes.BlockBox) and element is not None and element.get("id"):
        block = (element.get("id"), element.tag)
    if isinstance(box, boxes.LineBox):
        yield block, box
        return
    for child in getattr(box, "children", ()):
        yield from _lines(child, block)


def _mean_space_em(line: boxes.LineBox) -> float:
    """The mean word space of a justified line, in em of its text (0 for a line not justified): the
    face's own space (`face_space_em`), its word spacing and what justification added."""
    for text in _text_boxes(line):
        spacing = getattr(text, "justification_spacing", 0)
        if spacing and " " in text.text:
            size = text.style["font_size"]
            return float(face_space_em(text.style) + (text.style["word_spacing"] + spacing) / size)
    return 0.0


def face_space_em(style: Any) -> float:
    """The word space of the face a text is set in, in em, without word spacing: as Pango sets it
    ("n n" less "nn"). Crimson Pro's is 0.19 em, Gentium Book Plus's 0.22, a publication's own face's
    its own: a line is loose by what a reader sees, whatever the face."""
    key = (tuple(style["font_family"]), style["font_weight"], style["font_style"], style["font_stretch"],
           style["font_size"], style["lang"])
    known: dict[tuple[Any, ...], float] = style.font_config.__dict__.setdefault("pamphleteer_spaces", {})
    if key not in known:
        def width(text: str) -> float:
            layout = Layout(style, 0)
            layout.set_text(text)
            line, _ = layout.get_first_line()
            return float(line_size(line, style)[0])

        known[key] = (width("n n") - width("nn") - float(style["word_spacing"])) / float(style["font_size"])
    return float(known[key])


def _text_boxes(box: object) -> Iterator[boxes.TextBox]:
    if isinstance(box, boxes.TextBox):
        yield box
    for child in getattr(box, "children", ()):
        yield from _text_boxes(child)


def spacing_rules(spacings: dict[str, str]) -> str:
    """CSS giving each paragraph (block id) its word spacing (and its scale: see SCALED)."""
    out = []
    for block, value in sorted(spacings.items()):
        spacing, _, scale = value.partition(" ")
        out.append(f'[id="{block}"], [id="{block}"] * {{ word-spacing: calc({spacing} - var(--face-space))'
                   ' !important; }\n')
        if scale:
            out.append(f'[id="{block}"] {{ font-size: var(--glyphs-{scale}) !important;'
                       f' line-height: var(--leading-{scale}) !important; }}\n')
    return "".join(out)


def alone(html: weasyprint.HTML, blocks: set[str]) -> weasyprint.HTML:
    """The document with all but `blocks` (what holds them and what they hold) emptied and hidden:
    each element stays where it was, with its classes, so that the selectors (`p + p`,
    `:first-of-type`, `aside.pullquote + p`) match as
    before, and each block's footnotes keep their numbers (their counter set as it was): the
    blocks are set as in the whole document."""
    root = copy.deepcopy(html.etree_element)
    notes = 0  # the footnotes before, in the current text

    def keep(element: ElementTree.Element) -> bool:
        """Hide what holds none of the blocks under `element`; whether it holds one."""
        nonlocal notes
        classes = (element.get("class") or "").split()
        if {"text", "front-part", "back-part"} & set(classes):
            notes = 0  # each text (and part) numbers its notes from 1
        if element.get("id") in blocks:
            element.set("style", f"counter-set: footnote {notes}")
            notes += len(element.findall(".//*[@class='link-note']"))
            return True
        if "link-note" in classes:
            notes += 1
        held = [keep(child) for child in list(element)]
        if any(held):
            return True
        named = element.get("class")
        element.clear()  # its text, children and attributes; the tail is the parent's: dropped too
        element.set("style", "display: none")
        if named:  # its classes kept: a selector of what follows may name them (`aside.pullquote + p`)
            element.set("class", named)
        return False

    keep(root)
    document = ElementTree.tostring(root, encoding="unicode", method="html")
    return weasyprint.HTML(string=document, base_url=html.base_url, url_fetcher=html.url_fetcher)


def tried(html: weasyprint.HTML, stylesheets: list[weasyprint.CSS], fonts: FontConfiguration,
          blocks: set[str], values: tuple[str, ...] = TRIED) -> dict[str, dict[str, Setting]]:
    """How `blocks` are set with each of `values` (spacing -> block -> setting).

    The values are tried in their order (`TRIED`: the likeliest first, the scaled
    values last, and none after one that sets every paragraph as its word spacing
    alone did), and a block set without a fault is not tried again: it keeps the
    first value that sets it so (`chosen_spacings`), and its later trials are left
    out. Each block is laid out alone and stops by its own trials, so the others
    are set as they would be with it, and the values a block is tried with do not
    depend on the blocks tried beside it (the build shares them among processes).
    """
    found: dict[str, dict[str, Setting]] = {}
    left = set(blocks)
    document = alone(html, left)
    initials = {element.get("id") for element in html.etree_element.iter()
                if element.get("id") in blocks and element.find(".//*[@class='initial']") is not None}
    for value in values:
        if " " in value and initials & left:  # the scaled values, last: not for a paragraph with an initial
            left -= initials
            document = alone(html, left)
        if not left:
            break
        rules = TRIAL_PAGES + spacing_rules(dict.fromkeys(left, value))
        css = weasyprint.CSS(string=rules, font_config=fonts)
        found[value] = settings(document.render(font_config=fonts, stylesheets=[*stylesheets, css]))
        twin = found.get(value.split(" ")[0], {})
        if " " in value and all(twin.get(block) == setting for block, setting in found[value].items()):
            break  # set exactly as without the scale: this page size does not scale (--glyphs: 100 %)
        perfect = {block for block, setting in found[value].items() if setting.faults == PERFECT}
        if perfect & left:
            left -= perfect
            document = alone(html, left)
    return found


def set_loose_paragraphs_again(
    document: Document, html: weasyprint.HTML, stylesheets: list[weasyprint.CSS], fonts: FontConfiguration
) -> tuple[Document, str]:
    """The document with its badly set paragraphs set again (see the module's description), and the
    CSS that sets them so (for any later layout of it)."""
    document, spacings = spaced_again(document, html, stylesheets, fonts)
    return document, spacing_rules(spacings)


def spaced_again(
    document: Document, html: weasyprint.HTML, stylesheets: list[weasyprint.CSS], fonts: FontConfiguration,
    decided: Mapping[str, str] | None = None,
) -> tuple[Document, dict[str, str]]:
    """The document with its badly set paragraphs set again, and the word spacing of each paragraph
    (block id) set with one.

    `decided`: paragraphs whose word spacing is already decided ("": their own), by
    an earlier layout; `document` is laid out with those spacings (`spacing_rules`),
    and the paragraphs are neither looked at nor tried again.
    """
    decided = decided or {}
    spaced = {block: value for block, value in decided.items() if value}
    chosen, _settings = chosen_again(document, html, stylesheets, fonts, decided)
    if not chosen:
        return document, spaced
    css = weasyprint.CSS(string=spacing_rules(spaced | chosen), font_config=fonts)
    return html.render(font_config=fonts, stylesheets=[*stylesheets, css], pdf_tags=True), spaced | chosen


def chosen_again(
    document: Document, html: weasyprint.HTML, stylesheets: list[weasyprint.CSS], fonts: FontConfiguration,
    decided: Mapping[str, str],
) -> tuple[dict[str, str], dict[str, Setting]]:
    """The word spacing chosen for each badly set paragraph (block id) of `document` whose spacing is
    not `decided` (see `spaced_again`), and how each is set with it (as its trial set it)."""
    found = to_set_again(document, decided)
    if not found:
        return {}, {}
    results = tried(html, stylesheets, fonts, set(found))
    chosen = chosen_spacings(found, results)
    return chosen, new_settings(chosen, results)


def new_settings(chosen: dict[str, str], results: dict[str, dict[str, Setting]]) -> dict[str, Setting]:
    """How each paragraph set again is set with the word spacing `chosen` for it, as its trial
    (`tried`: spacing -> block -> setting) set it."""
    return {block: results[value][block] for block, value in chosen.items()}


def to_set_again(document: Document, decided: Mapping[str, str]) -> dict[str, Setting]:
    """The badly set paragraphs of `document` whose word spacing is not `decided`: those to try."""
    return {block: setting for block, setting in faulty(settings(document)).items() if block not in decided}


def chosen_spacings(found: dict[str, Setting], results_of: dict[str, dict[str, Setting]]) -> dict[str, str]:
    """The word spacing each of the paragraphs `found` is set with, of those it was tried with
    (`tried`): the one leaving it the fewest faults, if fewer than its own."""
    chosen: dict[str, str] = {}
    for block, setting in found.items():
        results = [(results_of[value][block].faults, preference(value))
                   for value in WORD_SPACINGS if block in results_of.get(value, {})]
        if results and min(results)[0] < setting.faults:
            chosen[block] = min(results)[1][1]
    return chosen


def preference(value: str) -> tuple[bool, str]:
    """The order values are preferred in among equals: word spacing alone first (a scaled value only
    where it does better), then as strings."""
    return " " in value, value


def paragraph_keys(root: ElementTree.Element, context: str, ahead: bool = False) -> dict[str, str]:
    """A key for each paragraph (block id, of the kinds set again) in the document `root`, of
    everything how it is set depends on: `context` (the stylesheets, the measure), the paragraph
    itself, the number of its first footnote, and what a selector can see around it: each element
    that holds it and the elements before each (their tags and attributes), and with `ahead` (a
    stylesheet has selectors that look ahead: `LOOKING_AHEAD`) those after each too.

    The text of the paragraphs before it is not in its key: an edit elsewhere in
    the text leaves its key, and what was decided for it, as it was.
    """
    keys: dict[str, str] = {}
    notes = 0  # the footnotes before, in the current text (as `alone` counts them)

    def visit(element: ElementTree.Element, around: str) -> None:
        nonlocal notes
        classes = set((element.get("class") or "").split())
        if {"text", "front-part", "back-part"} & classes:
            notes = 0
        block = element.get("id")
        if block and element.tag in PARAGRAPHS:
            itself = copy.copy(element)
            itself.tail = None  # what follows it is its parent's
            keys[block] = digest(VERSION, context, around, str(notes),
                                 ElementTree.tostring(itself, encoding="unicode", method="html"))
        if "link-note" in classes:
            notes += 1
        children = list(element)
        marks = [_mark(child) for child in children]
        for index, child in enumerate(children):
            visit(child, digest(around, str(index), *(marks if ahead else marks[:index + 1])))

    visit(root, "")
    return keys


def _mark(element: ElementTree.Element) -> str:
    """What a selector can see of an element beside a paragraph: its tag and attributes."""
    return f"{element.tag} {sorted(element.attrib.items())}"
