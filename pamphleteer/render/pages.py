"""Make a laid-out text's pages read as a book designer would have them: no runt page, and the
two pages of each spread ending on the same line, by setting a paragraph a line longer or shorter.

WeasyPrint breaks pages one at a time. To keep two lines of a paragraph together at a page's
foot and head (orphans and widows: 2) it ends a page a line short, so that the facing page
ends a line lower; and a text's last lines may fall alone on a last page (a runt: fewer than
RUNT_LINES lines of the text), when the last paragraph and the source note under it cannot
stay together at the foot of the page before. A book designer then sets one paragraph of the
spread a hair tighter or looser, so that it takes a line less or more, and the pages break
where they should (a runt page is pulled back onto the page before, or given more lines). This
does the same, inside the layout step (`render/layout.py`), after the loose lines are set again
(`render/spacing.py`, whose trial layouts it uses):

1. the faults are read from the laid-out document's boxes: the text's last page, if it is a
   runt, and each spread whose pages the text runs on from and whose feet are not level;
2. the paragraphs on those pages are laid out alone (quickly: `spacing.alone`) with each of
   `TRIAL_SPACINGS`, and those that some spacing sets a line longer or shorter, without a loose
   line or a stub, are the candidates (only when a way to mend needs them: a runt page is first
   mended by running the spread before it short, which needs no trial);
3. with two faults or more, the document is laid out again with the likeliest way to mend each,
   all at once, and kept if that leaves no fault (and no more loose lines): one layout, not one a
   fault. Else the document is laid out again with one way to mend the first fault (a runt page
   first, the worst; a candidate's spacing, nearest the fault first, or pages run short), and kept
   if it has fewer faults (and no more loose lines) than before; at most MOST_LAYOUTS times.

No word is dropped or moved: only word spaces change, by at most what the loose-line pass
allows.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from xml.etree import ElementTree

import weasyprint
from weasyprint.document import Document
from weasyprint.formatting_structure import boxes
from weasyprint.text.fonts import FontConfiguration

from pamphleteer.render.spacing import TRIAL_PAGES, Setting, alone, settings, spacing_rules

RUNT_LINES = 5  # a text's last page with fewer lines of its text is a runt
MOST_LAYOUTS = 2  # whole layouts of a part, at most, to mend its pages
MOST_SHORT = 2  # lines a spread may run short (a runt page's spread: one more)
# The word spacings a paragraph is tried with (print.css sets -0.03em at A5, 0 at A6): the loosest and
# the tightest `render/spacing.py` allows, and one between (the lines of a paragraph do not always
# grow fewer as its spaces narrow); then A5's spacing with the glyphs a hair smaller (99 %, 98 %, as
# spacing.py's SCALED: where the page size scales them), which sets a paragraph a line shorter where no
# spacing alone does at A6's narrow measure. Not for a paragraph with an initial (set to its lines).
TRIAL_SPACINGS = ("0.02em", "-0.045em", "-0.06em", "-0.03em 99", "-0.03em 98")
BODY = "text-body"  # the class of what holds a text's paragraphs (templates/print/book.html)


@dataclass(frozen=True)
class PageLines:
    """What the page faults are read from, for one page: its text's lines, and the room at its foot."""

    blocks: tuple[str, ...]  # the block id of each line of the text's body on it, in order
    short_by: int  # whole lines of room left below its last line (above its footnotes)
    quotes: tuple[str, ...] = ()  # the pull quotes on it that have a twin later (`data-pull`)

    @property
    def lines(self) -> int:
        return len(self.blocks)


@dataclass(frozen=True)
class Fault:
    """A runt page, or a spread whose pages end on different lines: the pages (0-based) concerned."""

    kind: str  # "runt" or "spread"
    pages: tuple[int, ...]


def read_pages(document: Document) -> list[PageLines]:
    """Each page's lines of the text's body (by block id) and the whole lines of room at its foot."""
    found = []
    for page in document.pages:
        page_box = page._page_box
        root, *others = page_box.children
        notes = [box for box in others if isinstance(box, boxes.FootnoteAreaBox) and box.children]
        foot = notes[0].position_y if notes else page_box.content_box_y() + page_box.height
        lines = list(_lines(root, "", False))
        body = [(line, block) for line, block, in_body in lines if in_body and block]
        heights = Counter(round(line.height, 2) for line, _block in body)
        pitch = heights.most_common(1)[0][0] if heights else 0.0
        bottom = max((_bottom(box) for box in _ends(root)), default=foot)
        short = int((foot - bottom + 0.01) // pitch) if pitch else 0
        found.append(PageLines(tuple(block for _line, block in body), max(0, short), tuple(_quotes(root))))
    return found


def _quotes(box: object) -> Iterator[str]:
    """The number of each pull quote under `box` that has a twin later (render/pullquotes.py)."""
    element = getattr(box, "element", None)
    if isinstance(box, boxes.BlockBox) and element is not None and element.get("data-pull"):
        yield str(element.get("data-pull"))
        return
    for child in getattr(box, "children", ()):
        if isinstance(child, boxes.ParentBox) and not isinstance(child, boxes.LineBox):
            yield from _quotes(child)


MOVED_QUOTE = "aside.pullquote[data-pull="  # how the CSS of `move_quote` begins


def move_quote(number: str) -> str:
    """CSS that shows pull quote `number`'s twin, a paragraph later, in its stead (no paragraph is set
    otherwise: print.css indents the paragraph after a quote as the one after a paragraph)."""
    hidden, shown = f'aside.pullquote[data-pull="{number}"]', f'aside.pullquote[data-pull-later="{number}"]'
    return f"{hidden} {{ display: none !important; }}\n{shown} {{ display: block !important; }}\n"


def _lines(box: object, block: str, in_body: bool) -> Iterator[tuple[boxes.LineBox, str, bool]]:
    """Every line box under `box`: with the id of the innermost block with an id around it, and
    whether it is in a text's body."""
    element = getattr(box, "element", None)
    if isinstance(box, boxes.BlockBox) and element is not None:
        block = element.get("id") or block
        in_body = in_body or BODY in (element.get("class") or "").split()
    if isinstance(box, boxes.LineBox):
        yield box, block, in_body
        return
    for child in getattr(box, "children", ()):
        yield from _lines(child, block, in_body)


def _ends(box: object) -> Iterator[boxes.Box]:
    """The boxes whose foot may be a page's last: lines, and blocks with a border at their foot."""
    if isinstance(box, boxes.LineBox):
        yield box
        return
    if isinstance(box, boxes.BlockBox) and box.style["border_bottom_width"]:
        yield box
    for child in getattr(box, "children", ()):
        yield from _ends(child)


def _bottom(box: boxes.Box) -> float:
    if isinstance(box, boxes.LineBox):
        return float(box.position_y + box.height)
    return float(box.border_box_y() + box.border_height())


def faults(pages: list[PageLines]) -> list[Fault]:
    """The runt page and the uneven spreads of a text laid out alone (its first page a right-hand
    one: a spread is an odd page and the one after it), in page order; the spread before a runt
    page is the runt's to mend."""
    with_text = [index for index, page in enumerate(pages) if page.lines]
    if not with_text:
        return []
    last = with_text[-1]
    runt = last > 0 and pages[last].lines < RUNT_LINES
    found = []
    for left in range(1, last - 1, 2):  # the text runs on from the right-hand page (left + 1 < last)
        a, b = pages[left], pages[left + 1]
        if runt and left + 2 >= last:
            continue
        if min(a.lines, b.lines) >= RUNT_LINES and a.short_by != b.short_by:
            found.append(Fault("spread", (left, left + 1)))
    if runt:
        found.append(Fault("runt", (last,)))
    return found


def _cost(found: list[Fault]) -> int:
    """How bad the faults are: a runt page is worse than a spread."""
    return sum(3 if fault.kind == "runt" else 1 for fault in found)


@dataclass(frozen=True)
class Change:
    """A paragraph set with another word spacing, and the lines that gains it (-1: one fewer)."""

    block: str
    spacing: str
    lines: int


def changes(trials: dict[str, dict[str, Setting]], now: dict[str, Setting]) -> list[Change]:
    """Each paragraph's settings a line longer or shorter than now, without a loose or cramped line or
    a stub."""
    found = []
    for spacing in TRIAL_SPACINGS:
        for block, setting in trials.get(spacing, {}).items():
            current = now.get(block)
            if current is None or not setting.paragraph or setting.faults[0]:  # loose, cramped, a stub …
                continue
            if abs(setting.lines - current.lines) == 1:
                found.append(Change(block, spacing, setting.lines - current.lines))
    return found


SPACING_TRIALS = tuple(spacing for spacing in TRIAL_SPACINGS if " " not in spacing)
SCALED_TRIALS = tuple(spacing for spacing in TRIAL_SPACINGS if " " in spacing)


def trial_settings(html: weasyprint.HTML, stylesheets: list[weasyprint.CSS], fonts: FontConfiguration,
                   blocks: set[str], spacings: tuple[str, ...] = TRIAL_SPACINGS,
                   ) -> dict[str, dict[str, Setting]]:
    """How `blocks`, laid out alone, are set with each of `spacings` (spacing -> block -> setting)."""
    initials = {element.get("id") for element in html.etree_element.iter()
                if element.get("id") in blocks and element.find(".//*[@class='initial']") is not None}
    found: dict[str, dict[str, Setting]] = {}
    document, left = alone(html, blocks), blocks
    for spacing in spacings:
        if " " in spacing and initials & left:  # scaled values (last): not for a paragraph with an initial
            left = left - initials
            document = alone(html, left)
        if not left:
            break
        css = weasyprint.CSS(string=TRIAL_PAGES + spacing_rules(dict.fromkeys(left, spacing)),
                             font_config=fonts)
        found[spacing] = settings(document.render(font_config=fonts, stylesheets=[*stylesheets, css]))
    return found


def short_pages(pages: dict[int, int], page_box: object, pitch: float) -> str:
    """CSS that runs each of `pages` (index -> lines) that many lines short: its page area ends higher
    (its folio, stamped on from a folio sheet, stays where every folio is)."""
    bottom = float(page_box.margin_bottom)  # type: ignore[attr-defined]
    return "".join(f"@page :nth({index + 1}) {{ margin-bottom: {bottom + lines * pitch:.2f}px; }}\n"
                   for index, lines in sorted(pages.items()))


SHORT_PAGE = re.compile(r"@page :nth\((\d+)\) \{ margin-bottom: ([\d.]+)px; \}")  # as `short_pages` writes


def run_short(css: str, page_box: object, pitch: float) -> dict[int, int]:
    """The pages `css` runs short (index -> lines), as `short_pages` wrote them (the last rule for a
    page wins, as in CSS)."""
    bottom = float(page_box.margin_bottom)  # type: ignore[attr-defined]
    return {int(page) - 1: round((float(margin) - bottom) / pitch) for page, margin in SHORT_PAGE.findall(css)
            if pitch}


def _pitch(document: Document) -> float:
    heights = Counter(round(line.height, 2) for page in document.pages
                      for line, _block, in_body in _lines(page._page_box, "", False)
                      if in_body)
    return heights.most_common(1)[0][0] if heights else 0.0


def fixes(fault: Fault, pages: list[PageLines], found: list[Change],
          shorten: Callable[[dict[int, int]], str], already: dict[int, int] | None = None) -> list[str]:
    """The CSS of each way that may mend `fault`, the likeliest first.

    A spread: a paragraph on it set a line longer or shorter (first those that leave the pages after
    it as they are: `local`), else both pages run as short as the
    shorter (a short spread: two lines kept together at a page's foot leave a line of room), else a
    pull quote on it shown a paragraph later, where its twin is (a quote at a page's foot or head,
    kept whole with a paragraph's two lines after it, may leave a page short when no paragraph
    mends it: `Mending.next` tries it past MOST_LAYOUTS). A
    runt page: both pages of the spread before it run short by the lines it lacks, so that they
    come over to it (a paragraph set a line shorter pulls it back only when a line would do). Of
    the spacings that set one paragraph a line longer (or shorter), only the first is a way: the
    others move the same lines, and would take a layout that another paragraph could have.
    `already`: the pages the layout `pages` were read of runs short (index -> lines): their room is
    read above the foot it set, and a page run shorter is run short by both.
    """
    already = already or {}
    if fault.kind == "spread":
        near = {block: rank for rank, index in enumerate(fault.pages) for block in pages[index].blocks}
        rank = lambda change: (not local(change, fault, pages), near[change.block],  # noqa: E731
                               TRIAL_SPACINGS.index(change.spacing))
        spaced = _firsts(sorted((change for change in found if change.block in near), key=rank))
        short = max(already.get(index, 0) + pages[index].short_by for index in fault.pages)
        spacings = [spacing_rules({change.block: change.spacing}) for change in spaced]
        moved = [move_quote(number) for index in fault.pages for number in pages[index].quotes]
        shortened = [shorten(dict.fromkeys(fault.pages, short))] if short <= MOST_SHORT else []
        return spacings + shortened + moved
    runt = fault.pages[0]
    before = [runt - 2, runt - 1] if (runt - 1) % 2 == 0 else [runt - 1]
    before = [index for index in before if index > 0]  # never the opening page
    lacking = RUNT_LINES - pages[runt].lines
    room = [already.get(index, 0) + pages[index].short_by for index in before]  # lines above the foot
    longest = max(room, default=0)
    # (as short as the page with the most room: none shorter than its text already ends is no way)
    shorter = [shorten(dict.fromkeys(before, longest + lines)) for lines in dict.fromkeys((0, 1, lacking))
               if before and min(room) < longest + lines <= MOST_SHORT + 1]
    near = {block: rank for rank, index in enumerate((runt - 1, runt - 2)) if index >= 0
            for block in pages[index].blocks}
    pulled = _firsts(sorted((change for change in found if change.block in near and change.lines == -1),
                            key=lambda change: (near[change.block], TRIAL_SPACINGS.index(change.spacing))))
    return shorter + [spacing_rules({change.block: change.spacing}) for change in pulled]


def local(change: Change, fault: Fault, pages: list[PageLines]) -> bool:
    """Whether `change` likely mends the spread `fault` and leaves the pages after it as they are: a
    paragraph on its page that ends short set a line longer (the line fills the room at its foot,
    and the page after begins where it did). The others move a line to or from the page after."""
    short = max(fault.pages, key=lambda index: pages[index].short_by)
    return change.lines == 1 and change.block in pages[short].blocks


def _firsts(changes: list[Change]) -> list[Change]:
    """`changes` without those that set a paragraph as many lines longer as one before does."""
    seen: set[tuple[str, int]] = set()
    kept = []
    for change in changes:
        if (change.block, change.lines) not in seen:
            seen.add((change.block, change.lines))
            kept.append(change)
    return kept


@dataclass(frozen=True)
class Reading:
    """What the mending reads of one layout of a text: each page's lines, the faults, how each
    paragraph is set and its loose lines in all, and (of the layout it starts from) the margin at a
    page's foot and the pitch of the text's lines."""

    pages: list[PageLines]
    found: list[Fault]
    now: dict[str, Setting]
    loose: int
    page_box: PageFoot
    pitch: float


@dataclass(frozen=True)
class PageFoot:
    """A page's margin at its foot (as `short_pages` reads it of a page's box)."""

    margin_bottom: float


def read(document: Document, first: bool = True) -> Reading:
    """What the mending reads of `document`: of the `first` layout only what it needs to know there
    is nothing to mend, if there is not; of a later one, its faults and loose lines."""
    pages = read_pages(document)
    found = faults(pages)
    if first and not found:
        return Reading(pages, found, {}, 0, PageFoot(0.0), 0.0)
    now = settings(document)
    loose = sum(setting.loose for setting in now.values())
    if not first:
        return Reading(pages, found, now, loose, PageFoot(0.0), 0.0)
    foot = PageFoot(float(document.pages[0]._page_box.margin_bottom))
    return Reading(pages, found, now, loose, foot, _pitch(document))


def foreseen(document: Document, chosen: dict[str, Setting]) -> Reading | None:
    """What `read` would read of `document` laid out again with the `chosen` paragraphs set as a
    trial set them (their new settings), without that layout, or None if it cannot be foreseen.

    It can when each of them keeps its lines (as many, each as high as it was) and holds no
    footnote call (a call moving to another line may take its note to another page) and no float
    but one that opens it (a drop cap: a float anchored further on may move to another line): then
    every page breaks where it did, and only the paragraphs' settings change.
    """
    now = settings(document)
    if any(block not in now or (now[block].lines, now[block].heights) != (setting.lines, setting.heights)
           for block, setting in chosen.items()):
        return None
    if not all(_steady(page._page_box, set(chosen), None) for page in document.pages):
        return None
    pages = read_pages(document)
    found = faults(pages)
    if not found:
        return Reading(pages, found, {}, 0, PageFoot(0.0), 0.0)
    now |= chosen
    loose = sum(setting.loose for setting in now.values())
    foot = PageFoot(float(document.pages[0]._page_box.margin_bottom))
    return Reading(pages, found, now, loose, foot, _pitch(document))


def _steady(box: object, blocks: set[str], paragraph: ElementTree.Element | None) -> bool:
    """Whether nothing under `box` in one of `blocks` (`paragraph`: the one it is in) is a footnote
    call, or a float but one that opens its paragraph."""
    element = getattr(box, "element", None)
    if isinstance(box, boxes.BlockBox) and element is not None and element.get("id"):
        paragraph = element if element.get("id") in blocks else None
    if paragraph is not None:
        style = getattr(box, "style", None)
        if getattr(box, "footnote", None) is not None:
            return False
        if style is not None and style["float"] != "none" and not _opens(paragraph, element):
            return False
    return all(_steady(child, blocks, paragraph) for child in getattr(box, "children", ()))


def _opens(paragraph: ElementTree.Element, element: object) -> bool:
    """Whether `element` is what `paragraph` begins with (its first child's first child …, no text
    before it)."""
    node = paragraph
    while node is not element:
        if (node.text or "").strip() or not len(node):
            return False
        node = node[0]
    return True


class Mending:
    """The mending of one text's pages, a step at a time (`mend_pages` takes them in turn): the
    paragraphs to try (`near`), what their trials make candidates (`consider`, only when a way to
    mend needs them: `wants_trials`), then the CSS of each layout to make (`next`) and whether that
    layout is kept (`judge`).

    With two faults or more, the first layout tries the likeliest way to mend each of them at once
    (`combined`), and is kept only if it leaves no fault (and no more loose lines): one layout
    instead of one a fault. Else the faults are mended one at a time, as if it had not been made.
    """

    def __init__(self, first: Reading):
        self.first, self.reading = first, first
        self.chosen = ""
        self.tried: set[str] = set()
        self.candidates: list[Change] | None = None  # None: the trials are not made (yet)
        self.layouts = 0
        self.mending = -1  # the fault (its index in the faults read) the last layout asked for may mend
        self.combined: str | None = None  # the CSS of the layout mending every fault at once, once chosen
        self.combining = False  # the last layout asked for is that one
        pages, now = first.pages, first.now
        self.near = {block for fault in first.found for index in _near(fault, len(pages))
                     for block in pages[index].blocks
                     if block in now and now[block].paragraph}  # not the text that holds them: laid out whole

    def consider(self, trials: dict[str, dict[str, Setting]]) -> None:
        """Take the trial settings of the `near` paragraphs (`trial_settings`)."""
        self.candidates = changes(trials, self.first.now)

    def to_scale(self, trials: dict[str, dict[str, Setting]]) -> set[str]:
        """The `near` paragraphs to try with the glyphs scaled (SCALED_TRIALS), given their trials with
        word spacing alone (SPACING_TRIALS): those near a fault that no spacing alone gives a candidate
        (a runt's: a paragraph a line shorter). The scaled values are for what spacing cannot mend."""
        found = changes(trials, self.first.now)
        pages, left = self.first.pages, set()
        for fault in self.first.found:
            blocks = {block for index in _near(fault, len(pages)) for block in pages[index].blocks}
            blocks &= self.near
            if not any(change.block in blocks and (fault.kind == "spread" or change.lines == -1)
                       for change in found):
                left |= blocks
        return left

    def _ways(self) -> tuple[list[list[str]], set[str]]:
        """The untried ways to mend each fault read (CSS, the likeliest first), and of them those that
        stand for a candidate not known yet (the trials are not made: each `near` paragraph stands for
        the candidates it may give, where they would come)."""
        shorten = lambda short: short_pages(short, self.first.page_box, self.first.pitch)  # noqa: E731
        if self.candidates is not None:
            found, unknown = self.candidates, set()
        else:
            found = [Change(block, TRIAL_SPACINGS[0], -1) for block in sorted(self.near)]
            unknown = {spacing_rules({change.block: change.spacing}) for change in found}
        already = run_short(self.chosen, self.first.page_box, self.first.pitch)
        ways = [[css for css in fixes(fault, self.reading.pages, found, shorten, already)
                 if css not in self.tried] for fault in self.reading.found]
        return ways, unknown

    def _combined(self, ways: list[list[str]]) -> str:
        """The CSS of the likeliest way to mend each fault, all at once, as far as each but the last
        leaves the pages after its fault as they are (`_local`); "" if that makes fewer than two (a
        way that sets what an earlier one sets, a paragraph or a page, is left out)."""
        taken: set[str] = set()
        chosen = []
        for fault, options in zip(self.reading.found, ways, strict=True):
            if not options or taken & (its := set(SET_BY.findall(options[0]))):
                continue
            taken |= its
            chosen.append(options[0])
            if options[0] not in self._local(fault):
                break  # the pages after it move: the faults after it are not where they were read
        return "".join(chosen) if len(chosen) > 1 else ""

    def _local(self, fault: Fault) -> set[str]:
        """The ways to mend a spread `fault` that leave the pages after it as they are, likely (`local`)."""
        if fault.kind != "spread" or not self.candidates:
            return set()
        return {spacing_rules({change.block: change.spacing}) for change in self.candidates
                if local(change, fault, self.reading.pages)}

    def wants_trials(self) -> bool:
        """Whether the next layout to make depends on the candidates, not known yet."""
        if self.candidates is not None or not self.near or not self.reading.found:
            return False
        ways, unknown = self._ways()
        if self.combined is None and any(options and options[0] in unknown for options in ways):
            return True
        if self.layouts >= MOST_LAYOUTS:
            return False
        first = next((css for options in ways for css in options), None)
        return first in unknown

    def next(self) -> str | None:
        """The CSS of the next layout to make (what was kept, and the likeliest untried way to mend
        the first fault that has one), or None: nothing left to try. (Its candidates must be known
        if it needs them: see `wants_trials`.)"""
        self.combining = False
        if not self.reading.found:
            return None
        if self.combined is None:
            self.combined = self._combined(self._ways()[0])
            if self.combined:
                self.combining = True
                return self.combined
        # (mending one fault moves the pages after it: the faults are read again of each layout kept)
        # A pull quote shown a paragraph later is tried last, and once, past MOST_LAYOUTS: the faults
        # a paragraph's lines mend are mended as they were without it.
        # A runt page's ways go first: it is the worst fault (`_cost`), the last in page order, and its
        # ways (the spread before it run short) move no page before it; with the layouts spent on the
        # spreads before it, a text's last page was left with two lines (the German reader's three texts).
        # Then a way that leaves the pages after its fault as they are (`local`), whichever fault it
        # mends: it moves no other fault, as a way that moves the pages after the first would.
        options = [(css, index) for index, ways in enumerate(self._ways()[0]) for css in ways
                   if self.layouts < MOST_LAYOUTS or css.startswith(MOVED_QUOTE)]
        runts = [option for option in options if self.reading.found[option[1]].kind == "runt"]
        options = runts[:1] or [option for option in options
                                if option[0] in self._local(self.reading.found[option[1]])][:1] or options[:1]
        if not options:
            return None
        (css, self.mending), = options
        self.tried.add(css)
        self.layouts += not css.startswith(MOVED_QUOTE)
        return self.chosen + css

    def guesses(self, rules: str) -> list[str]:
        """The CSS of the layout after the one made with `rules` (just given by `next`), as it likely
        is: if that one is kept, and mends its fault and leaves the others as they were; and if it is
        not kept. (A guess can be laid out meanwhile; `next` says later which, if any, it is.) None
        after the layout mending every fault at once: kept, it leaves nothing to mend."""
        if self.combining:
            return []
        kept, dropped = copy.deepcopy(self), copy.deepcopy(self)
        found = [fault for index, fault in enumerate(self.reading.found) if index != self.mending]
        kept.reading, kept.chosen = replace(self.reading, found=found), rules
        return [guess for guess in (None if way.wants_trials() else way.next() for way in (kept, dropped))
                if guess is not None]

    def judge(self, rules: str, again: Reading) -> bool:
        """Keep the layout made with `rules` (`again`, read with first=False) if it has fewer faults
        and no more loose lines than the one kept before (the layout mending every fault at once: if
        it leaves none)."""
        fewer = not again.found if self.combining else _cost(again.found) < _cost(self.reading.found)
        self.combining = False
        if fewer and again.loose <= self.reading.loose:
            self.reading, self.chosen = again, rules
            return True
        return False


SET_BY = re.compile(r'\[id="[^"]*"\]|@page :nth\(\d+\)')  # what a way to mend sets: a paragraph, a page


def mend_pages(
    first: Reading, base: Callable[[], Document], html: weasyprint.HTML, stylesheets: list[weasyprint.CSS],
    fonts: FontConfiguration,
) -> tuple[Document, str]:
    """The document with its runt page and uneven spreads mended where a paragraph set a line
    longer or shorter, or a short spread, does it (see the module's description), and the CSS that
    sets them so. `first`: what is read of the document as it is (`read`), which `base` lays out:
    only if no layout mending it is kept."""
    mending = Mending(first)
    laid: dict[str, tuple[Document, Reading]] = {}  # each layout made, by its CSS
    document = None
    while True:
        if mending.wants_trials():
            trials = trial_settings(html, stylesheets, fonts, mending.near, SPACING_TRIALS)
            if scaled := mending.to_scale(trials):
                more = trial_settings(html, stylesheets, fonts, scaled, SCALED_TRIALS)
                for spacing, its in more.items():
                    trials.setdefault(spacing, {}).update(its)
            mending.consider(trials)
        if (rules := mending.next()) is None:
            break
        if rules not in laid:
            css = weasyprint.CSS(string=rules, font_config=fonts)
            again = html.render(font_config=fonts, stylesheets=[*stylesheets, css], pdf_tags=True)
            laid[rules] = again, read(again, first=False)
        if mending.judge(rules, laid[rules][1]):
            document = laid[rules][0]
    return document if document is not None else base(), mending.chosen


def _near(fault: Fault, count: int) -> list[int]:
    """The pages whose paragraphs may mend `fault` (a runt's: the two before it)."""
    pages = [fault.pages[0] - 2, fault.pages[0] - 1] if fault.kind == "runt" else list(fault.pages)
    return [index for index in pages if 0 <= index < count]
