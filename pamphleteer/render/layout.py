"""Lay out parts of the print edition with WeasyPrint: the work a build hands to its workers.

`render/pdf.py` decides what each part is and where it stands; this module lays
one out (HTML and stylesheets in, a tagged PDF and what the build needs to know
about its pages out), or lays out a part's folio sheet. Both run in a worker
process when the build has several (see `pamphleteer/workers.py`), each keeping
one `Typesetter` (fonts and stylesheets loaded once) per page size.

A part is laid out up to five times in full (first, with its loose lines set
again, and to mend its pages: all its faults at once, then twice one at a time
if that left some), with trial layouts of some of its paragraphs between; the
layout with its loose lines set again is left out when what the page mending
reads of it can be foreseen and a layout mending it is kept (`pages.foreseen`).
With a pool of processes, `conduct` (in a thread of the build process) hands
each of these steps to the pool as a piece of work of its own: the trials
of one step are shared among the processes, so that the longest text's layout
takes all of them while it is the one the build waits for. A laid-out document
stays in the process that laid it out (`_laid`), and the steps that read it or
write its PDF are handed to that process; the edition is the same as
`Typesetter.lay_out` makes, the steps taken in turn in one process.
"""

from __future__ import annotations

import gc
import json
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from html import escape
from pathlib import Path
from typing import TypeVar

from pamphleteer.render import libraries  # noqa: F401  (first: WeasyPrint imported quickly)

# isort: split
import weasyprint
from weasyprint.document import Document
from weasyprint.formatting_structure import boxes
from weasyprint.text.fonts import FontConfiguration

from pamphleteer.cache import Cache, digest
from pamphleteer.render import resume
from pamphleteer.render.fetch import ConfinedFetcher
from pamphleteer.render.laidout import LaidOut, print_css
from pamphleteer.render.pagemap import page_starts
from pamphleteer.render.pages import (
    SCALED_TRIALS,
    SPACING_TRIALS,
    Mending,
    Reading,
    foreseen,
    mend_pages,
    read,
    trial_settings,
)
from pamphleteer.render.pdftags import tagged_pdf
from pamphleteer.render.spacing import (
    LOOKING_AHEAD,
    WORD_SPACINGS,
    Setting,
    chosen_again,
    chosen_spacings,
    new_settings,
    paragraph_keys,
    spacing_rules,
    to_set_again,
    tried,
)
from pamphleteer.render.templates import STYLES
from pamphleteer.workers import Handed, Handing, Pool

T = TypeVar("T")

FOLIO_SHEET = "<!DOCTYPE html><html><body>{pages}</body></html>"
FOLIO_SHEET_CSS = (
    "@page :first {{ counter-set: page {first}; }}\n"
    "@page :left {{ @top-center {{ content: none; }} }}\n"
    "@page :right {{ @top-center {{ content: none; }} }}\n"
    "body > div + div {{ break-before: page; }}\n"
)
# A part laid out from a left-hand page (its first), without a running head there: it opens the part.
OPENS_LEFT = "html { break-before: left; }\n@page :first { @top-center { content: none; } }\n"
NOTE_PASSES = 3  # layouts at most, after the first, to bring footnotes back to their calls
SPACINGS = "spacings"  # the build cache's entries of the word spacings decided for a part's paragraphs
_SETTERS: dict[tuple[str, Path, tuple[str, str, str]], Typesetter] = {}


def typesetter(page_size: str, sources: Path) -> Typesetter:
    """This process's typesetter for `page_size`, the sources folder and the stylesheets as they
    are now (a process that builds again, as `watch` does, sees an edited stylesheet)."""
    css = print_css(page_size, sources)
    key = (page_size, sources, css)
    if key not in _SETTERS:
        _SETTERS.clear()
        _SETTERS[key] = Typesetter(page_size, sources, css)
    return _SETTERS[key]


# A paragraph to warm a typesetter up with: its faces, its hyphenation dictionary, the PDF writer.
WARM_UP = ('<!DOCTYPE html><html lang="{language}"><body><p style="hyphens: auto; width: 4em">'
           'Internationalism <em>internationalism</em> <strong>internationalism</strong></p></body></html>')


def warm_up(page_size: str, sources: Path, language: str) -> None:
    """Set up this process's typesetter and lay out and write a paragraph in `language` with it, which
    loads what a first layout would (faces, hyphenation), so the workers forked after start with it."""
    setter = typesetter(page_size, sources)
    html = weasyprint.HTML(string=WARM_UP.format(language=escape(language)))
    document = html.render(font_config=setter.fonts, stylesheets=setter.stylesheets, pdf_tags=True)
    document.write_pdf(pdf_variant="pdf/ua-1")


def lay_out_part(page_size: str, sources: Path, html: str, extra_css: str, ids: frozenset[str],
                 cache: Cache | None = None) -> LaidOut:
    """Lay out one part (see `Typesetter.lay_out`)."""
    return typesetter(page_size, sources).lay_out(html, extra_css, ids, cache)


def folio_sheet(page_size: str, sources: Path, first: int, count: int, page_name: str,
                left: bool = False) -> bytes:
    """Lay out a part's folio sheet (see `Typesetter.folio_sheet`)."""
    return typesetter(page_size, sources).folio_sheet(first, count, page_name, left)


def spaced_layout(html: weasyprint.HTML, stylesheets: list[weasyprint.CSS],
                  fonts: FontConfiguration) -> Document:
    """The part laid out with its loose lines set again (`stylesheets` set them)."""
    return html.render(font_config=fonts, stylesheets=stylesheets, pdf_tags=True)


class Typesetter:
    """WeasyPrint set up for one publication: fonts, stylesheets and the confined fetcher."""

    def __init__(self, page_size: str, sources: Path, css: tuple[str, str, str] | None = None):
        self.sources = sources
        self.fetcher = ConfinedFetcher((STYLES, sources))
        self.fonts = FontConfiguration()
        self.css = css or print_css(page_size, sources)
        self.stylesheets = [
            weasyprint.CSS(string=self.css[0], base_url=str(STYLES / "fonts") + "/",
                           url_fetcher=self.fetcher, font_config=self.fonts),
            weasyprint.CSS(string=self.css[1], base_url=str(STYLES) + "/",
                           url_fetcher=self.fetcher, font_config=self.fonts),
        ]
        if self.css[2]:  # the publication's own, last: its rules win (pamphleteer.look)
            self.stylesheets.append(weasyprint.CSS(
                string=self.css[2], base_url=str(sources / "styles") + "/",
                url_fetcher=self.fetcher, font_config=self.fonts,
            ))

    def laid_out(self, document: Document, html: weasyprint.HTML, ids: frozenset[str],
                 moved: tuple[int, ...], refused_before: int) -> LaidOut:
        """A part as the build needs it: `document` (in its final layout) written as a PDF, with what
        it could not do well."""
        anchors: dict[str, int] = {}
        for index, page in enumerate(document.pages):
            for name in page.anchors:
                anchors.setdefault(name, index)
        return LaidOut(
            pdf=tagged_pdf(document),  # what is hidden from readers, and the running heads: artifacts
            page_count=len(document.pages),
            page_starts=page_starts(document, html.etree_element, ids),
            anchors=anchors,
            folios=tuple(index for index, page in enumerate(document.pages) if _has_folio(page)),
            moved_notes=moved,
            refused=tuple(dict.fromkeys(self.fetcher.refused[refused_before:])),
        )

    def lay_out(self, html_string: str, extra_css: str, ids: frozenset[str],
                cache: Cache | None = None) -> LaidOut:
        """Lay out one HTML document, with `extra_css` telling it where it stands in the book; its
        paragraphs with loose lines set again (`render/spacing.py`), those the `cache` knows from an
        earlier layout set as decided then.

        What it could not do well comes with it: the pages whose footnote went to
        the next page, the files it was refused (see `render/fetch.py`).
        """
        refused_before = len(self.fetcher.refused)
        html = weasyprint.HTML(string=html_string, base_url=str(self.sources) + "/", url_fetcher=self.fetcher)
        stylesheets = [*self.stylesheets, weasyprint.CSS(string=extra_css, font_config=self.fonts)]
        keys, entry = self.paragraph_keys(html, extra_css) if cache is not None else ({}, "")
        decided = self.decided(cache, entry, keys) if cache is not None else {}
        known = spacing_rules({block: value for block, value in decided.items() if value})
        first = [*stylesheets, weasyprint.CSS(string=known, font_config=self.fonts)] if known else stylesheets
        document = html.render(font_config=self.fonts, stylesheets=first, pdf_tags=True)
        chosen, chosen_settings = chosen_again(document, html, stylesheets, self.fonts, decided)  # spacing.py
        spacings = {block: value for block, value in decided.items() if value} | chosen
        if cache is not None:
            every = {key: spacings.get(block, "") for block, key in keys.items()}
            cache.put(SPACINGS, entry, json.dumps(every, sort_keys=True).encode())
        if spacings:
            stylesheets.append(weasyprint.CSS(string=spacing_rules(spacings), font_config=self.fonts))
        # The layout with the loose lines set again, if they are (what the page mending reads of it is
        # foreseen if it can be: it is then laid out only if no layout mending it is kept).
        base = document
        reading = foreseen(document, chosen_settings) if chosen else None
        if reading is None:
            if chosen:
                base = spaced_layout(html, stylesheets, self.fonts)
            reading = read(base)
        unmade = bool(chosen) and base is document  # foreseen: not laid out

        def spaced() -> Document:
            return spaced_layout(html, stylesheets, self.fonts) if unmade else base

        document, mended = mend_pages(reading, spaced, html, stylesheets, self.fonts)  # render/pages.py
        if mended:
            stylesheets.append(weasyprint.CSS(string=mended, font_config=self.fonts))
        document, moved = keep_notes_with_their_calls(document, html, stylesheets, self.fonts)
        return self.laid_out(document, html, ids, moved, refused_before)

    def html(self, html_string: str) -> weasyprint.HTML:
        return weasyprint.HTML(string=html_string, base_url=str(self.sources) + "/", url_fetcher=self.fetcher)

    def stylesheets_with(self, layers: tuple[str, ...]) -> list[weasyprint.CSS]:
        """The typesetter's stylesheets and after them each of `layers`, a stylesheet of its own."""
        return [*self.stylesheets, *(weasyprint.CSS(string=css, font_config=self.fonts) for css in layers)]

    def paragraph_keys(self, html: weasyprint.HTML, extra_css: str) -> tuple[dict[str, str], str]:
        """The key of each paragraph of `html` (see `spacing.paragraph_keys`), and of the cache entry
        of what was decided for them: the part's (named by its first id) with these stylesheets."""
        context = digest(weasyprint.__version__, *self.css, extra_css)
        ahead = any(LOOKING_AHEAD.search(text) for text in (*self.css, extra_css))
        root = html.etree_element
        name = next((str(element.get("id")) for element in root.iter() if element.get("id")), "")
        return paragraph_keys(root, context, ahead), digest(context, name)

    @staticmethod
    def decided(cache: Cache, entry: str, keys: dict[str, str]) -> dict[str, str]:
        """Paragraph (block id) -> the word spacing decided for it by an earlier layout ("": its own),
        for the paragraphs whose key the cache's `entry` holds."""
        stored = cache.get(SPACINGS, entry)
        try:
            known = json.loads(stored) if stored is not None else {}
        except ValueError:
            return {}
        if not isinstance(known, dict):
            return {}
        return {block: known[key] for block, key in keys.items()
                if known.get(key) == "" or known.get(key) in WORD_SPACINGS}

    def folio_sheet(self, first: int, count: int, page_name: str = "", left: bool = False) -> bytes:
        """`count` pages that carry only their folios, from `first`: stamped on a part's pages.

        The same stylesheets set them, on pages named `page_name` ("front": roman
        folios), so each folio is where and as WeasyPrint would have printed it on
        that page (page i of the sheet is on the same side as page i of the part:
        both begin on a right-hand page, or with `left` both on a left-hand page).
        """
        page = f' style="page: {page_name}"' if page_name else ""
        html = weasyprint.HTML(string=FOLIO_SHEET.format(pages=f"<div{page}></div>" * count))
        css = FOLIO_SHEET_CSS.format(first=first) + (OPENS_LEFT if left else "")
        extra = weasyprint.CSS(string=css, font_config=self.fonts)
        document = html.render(font_config=self.fonts, stylesheets=[*self.stylesheets, extra])
        pdf: bytes = document.write_pdf()
        return pdf


def _has_folio(page: object) -> bool:
    """Whether the page has a folio (laid out hidden in parts whose folios are stamped)."""
    return any(
        isinstance(box, boxes.MarginBox) and box.at_keyword == "@bottom-center"
        for box in page._page_box.children  # type: ignore[attr-defined]
    )


def keep_notes_with_their_calls(
    document: Document, html: weasyprint.HTML, stylesheets: list[weasyprint.CSS], fonts: FontConfiguration
) -> tuple[Document, tuple[int, ...]]:
    """Lay out again, where needed, so that every footnote is on the page of its call; the layout,
    and the pages (0-based) where a note is still on the next page.

    When a line at a page's foot cannot move to the next page alone (orphans and
    widows: 2), WeasyPrint moves the page's last footnote to the next page to make
    room for it. On the first such page, the last paragraph (with a heading just before
    it) is sent to the next page instead, the page stays a line or two short, and the
    document is laid out again, as long as that brings notes back (the best layout
    is kept: fewest misplaced notes, then fewest pages). One page a layout: every page
    after it moves, and the paragraph read at the foot of a later page may no longer be there.
    """
    moved = pages_with_moved_notes(document)
    best = (len(moved), len(document.pages), document, moved)
    pushed: set[str] = set()
    rule = ""
    for _ in range(NOTE_PASSES):
        blocks = set([block for _page, block in sorted(moved.items()) if block and block not in pushed][:1])
        if not blocks:
            break
        pushed |= blocks
        targets = ", ".join(f'[id="{block}"]' for block in sorted(pushed))
        before, rule = rule, (
            f":is({targets}):not(:is(h3, h4, h5, h6) + *) {{ break-before: page; }}\n"
            f":is(h3, h4, h5, h6):has(+ :is({targets})) {{ break-before: page; }}\n"
        )
        extra = weasyprint.CSS(string=rule, font_config=fonts)
        document = resume.lay_out(html, [*stylesheets, extra], fonts, document, before + rule)
        moved = pages_with_moved_notes(document)
        if (len(moved), len(document.pages)) >= best[:2]:
            break  # no better: pushing paragraphs does not make room for these notes
        best = (len(moved), len(document.pages), document, moved)
    _count, _pages, document, moved = best
    return document, tuple(sorted(moved))


def pages_with_moved_notes(document: Document) -> dict[int, str]:
    """Page index -> the last block on it, for each page where a footnote call has no note."""
    found: dict[int, str] = {}
    for index, page in enumerate(document.pages):
        root, *areas = page._page_box.children  # the page's content, then its footnote area if any
        noted = {id(note.element) for area in areas[:1] for note in area.children}
        moved, last = _moved_note_and_last_block(root, noted)
        if moved:
            found[index] = last
    return found


def _moved_note_and_last_block(root: object, noted: set[int]) -> tuple[bool, str]:
    """Has a footnote call under `root` no note among `noted`? And the id of the last block under it."""
    moved, last = False, ""

    def walk(box: object, block: str) -> None:
        nonlocal moved, last
        element = getattr(box, "element", None)
        if element is not None and element.get("id"):
            block = element.get("id")
        last = block
        note = getattr(box, "footnote", None)
        if note is not None and id(note.element) not in noted:
            moved = True
        for child in getattr(box, "children", ()):
            walk(child, block)

    walk(root, "")
    return moved, last


# A part's layout in steps, each handed to the pool (see the module's description).

# The priority of a guess of a part's next layout after its part's (`workers.Handing`): if the layout
# before is kept, before the next part's steps (a text's page mending takes one step at a time, and
# its layouts, the longest text's above all, are what the build waits for last); if it is not, after
# all other work.
GUESSES = (0.5, 3000.0)
KEPT_LAYOUTS = 4  # laid-out documents a process keeps for the steps after (the oldest go first)
# (part, layers) -> the layout, its HTML and its layers
_LAID: OrderedDict[tuple[str, str], tuple[Document, weasyprint.HTML, tuple[str, ...]]] = OrderedDict()
_PARSED: OrderedDict[str, weasyprint.HTML] = OrderedDict()  # each part's HTML, parsed once a process


@dataclass(frozen=True)
class Step:
    """A layout of one part: its HTML, and the stylesheets after the typesetter's (`layers`: the CSS
    saying where it stands, then what its layout decided), each a stylesheet of its own."""

    page_size: str
    sources: Path
    html: str
    layers: tuple[str, ...]

    def setter(self) -> Typesetter:
        return typesetter(self.page_size, self.sources)

    def key(self) -> tuple[str, str]:
        return digest(*self.setter().css, self.html), digest(*self.layers)

    def parsed(self) -> weasyprint.HTML:
        """The part's HTML, parsed (by this process earlier, or now)."""
        part = self.key()[0]
        if part not in _PARSED:
            _PARSED[part] = self.setter().html(self.html)
            while len(_PARSED) > KEPT_LAYOUTS:
                _PARSED.popitem(last=False)
        _PARSED.move_to_end(part)
        return _PARSED[part]

    def laid(self) -> tuple[Document, weasyprint.HTML]:
        """The part laid out so, by this process earlier (kept), or now."""
        key = self.key()
        if key in _LAID:
            _LAID.move_to_end(key)
            return _LAID[key][:2]
        setter = self.setter()
        html = self.parsed()
        # made from the part's layout kept last, where it can be (render/resume.py)
        base = next((kept for (part, _), kept in reversed(_LAID.items()) if part == key[0]), None)
        stylesheets = setter.stylesheets_with(self.layers)
        if base is not None:
            changed = "".join(set(base[2]) ^ set(self.layers))
            document = resume.lay_out(html, stylesheets, setter.fonts, base[0], changed)
        else:
            document = resume.lay_out(html, stylesheets, setter.fonts)
        _LAID[key] = document, html, self.layers
        while len(_LAID) > KEPT_LAYOUTS:
            _LAID.popitem(last=False)
        return document, html


@dataclass(frozen=True)
class First:
    """The first layout of a part: what the cache knew of its paragraphs' word spacings (`decided`),
    the keys it knows them by, and the paragraphs with loose lines to try (`found`)."""

    decided: dict[str, str]
    keys: dict[str, str]
    entry: str
    found: dict[str, Setting]
    layers: tuple[str, ...]  # the stylesheets it was laid out with


@dataclass(frozen=True)
class Done:
    """What a step found (`value`), and the files WeasyPrint was refused meanwhile."""

    value: object
    refused: tuple[str, ...]


def _refusals(step: Step, work: Callable[[], object]) -> Done:
    fetcher = step.setter().fetcher
    before = len(fetcher.refused)
    value = work()
    return Done(value, tuple(fetcher.refused[before:]))


def first_layout(step: Step, cache: Cache | None) -> Done:
    """Lay out the part with the word spacings the cache knows for its paragraphs: a `First`."""
    def work() -> First:
        setter = step.setter()
        keys, entry = setter.paragraph_keys(step.parsed(), step.layers[0]) if cache else ({}, "")
        decided = setter.decided(cache, entry, keys) if cache is not None else {}
        known = spacing_rules({block: value for block, value in decided.items() if value})
        laid = replace(step, layers=(*step.layers, known) if known else step.layers)
        document, _html = laid.laid()
        return First(decided, keys, entry, to_set_again(document, decided), laid.layers)

    return _refusals(step, work)


def spacing_trials(step: Step, blocks: tuple[str, ...]) -> Done:
    """The loose-line pass's trials of `blocks` (`spacing.tried`)."""
    setter = step.setter()
    return _refusals(step, lambda: tried(step.parsed(), setter.stylesheets_with(step.layers),
                                         setter.fonts, set(blocks)))


def mending_trials(step: Step, blocks: tuple[str, ...], spacings: tuple[str, ...]) -> Done:
    """The page mending's trials of `blocks` with `spacings` (`pages.trial_settings`)."""
    setter = step.setter()
    html, stylesheets = step.parsed(), setter.stylesheets_with(step.layers)
    return _refusals(step, lambda: trial_settings(html, stylesheets, setter.fonts, set(blocks), spacings))


def read_layout(step: Step, first: bool) -> Done:
    """Lay out the part so (or take the layout this process kept) and read its pages (`pages.read`)."""
    return _refusals(step, lambda: read(step.laid()[0], first))


def foresee(step: Step, chosen: dict[str, Setting]) -> Done:
    """What the page mending would read of the part laid out so (kept, or laid out now) and again with
    the `chosen` paragraphs set as their trials set them, without that layout (`pages.foreseen`):
    a `Reading`, or None."""
    return _refusals(step, lambda: foreseen(step.laid()[0], chosen))


def last_step(step: Step, ids: frozenset[str]) -> LaidOut:
    """The part laid out so (kept, or laid out now), its footnotes brought back to their calls, as a
    `LaidOut`."""
    setter = step.setter()
    before = len(setter.fetcher.refused)
    document, html = step.laid()
    part = step.key()[0]
    for key in [key for key in _LAID if key[0] == part]:  # the part's layouts are of no more use
        del _LAID[key]
    _PARSED.pop(part, None)
    stylesheets = setter.stylesheets_with(step.layers)
    document, moved = keep_notes_with_their_calls(document, html, stylesheets, setter.fonts)
    laid = setter.laid_out(document, html, ids, moved, before)
    del document, html
    gc.collect()  # the part's layouts, now dropped, at once (workers.py: no full pass meanwhile)
    return laid


def shares(blocks: dict[str, Setting], count: int) -> list[tuple[str, ...]]:
    """`blocks` (in the document's order) in at most `count` runs of about as many lines each."""
    total = sum(max(1, setting.lines) for setting in blocks.values())
    runs: list[list[str]] = [[] for _ in range(max(1, min(count, len(blocks))))]
    done = 0
    for block, setting in blocks.items():
        runs[min(len(runs) - 1, done * len(runs) // max(1, total))].append(block)
        done += max(1, setting.lines)
    return [tuple(run) for run in runs if run]


def _together(done: list[Done], refused: list[str]) -> dict[str, dict[str, Setting]]:
    """The trial settings of several steps as one (spacing -> block -> setting)."""
    found: dict[str, dict[str, Setting]] = {}
    for step in done:
        refused.extend(step.refused)
        for value, its in step.value.items():  # type: ignore[attr-defined]
            found.setdefault(value, {}).update(its)
    return found


def conduct(pool: Pool, priority: float, page_size: str, sources: Path, html: str, extra_css: str,
            ids: frozenset[str], cache: Cache | None = None) -> LaidOut:
    """Lay out one part as `Typesetter.lay_out` does, each step handed to `pool` (see the module's
    description; `priority`: its steps' in the pool)."""
    chain = f"{id(html)} {html[:100]} {extra_css}"  # this part's steps: one after another
    try:
        return _conduct(pool, Handing(priority, chain=chain), page_size, sources, html, extra_css, ids, cache)
    finally:
        pool.release(chain)


def _conduct(pool: Pool, how: Handing, page_size: str, sources: Path, html: str, extra_css: str,
             ids: frozenset[str], cache: Cache | None) -> LaidOut:
    def hand(fn: Callable[..., T], *args: object, worker: int | None = None,
             prefer: int | None = None) -> tuple[T, int]:
        future = pool.submit_as(replace(how, worker=worker, prefer=prefer), fn, *args)
        return future.result(), future.worker

    refused: list[str] = []
    step = Step(page_size, sources, html, (extra_css,))
    done, at = hand(first_layout, step, cache)
    first: First = done.value  # type: ignore[assignment]
    refused.extend(done.refused)
    spaced = {block: value for block, value in first.decided.items() if value}
    chosen: dict[str, str] = {}
    results: dict[str, dict[str, Setting]] = {}
    if first.found:
        trials = [pool.submit_as(how, spacing_trials, step, run)
                  for run in shares(first.found, pool.jobs)]
        results = _together([trial.result() for trial in trials], refused)
        chosen = chosen_spacings(first.found, results)
    spacings = spaced | chosen
    if cache is not None:
        every = {key: spacings.get(block, "") for block, key in first.keys.items()}
        cache.put(SPACINGS, first.entry, json.dumps(every, sort_keys=True).encode())
    spaced_step = replace(step, layers=(extra_css, spacing_rules(spacings)) if spacings else (extra_css,))
    reading = None
    if chosen:  # what the page mending reads of the layout with them, foreseen if it can be
        done, at = hand(foresee, replace(step, layers=first.layers), new_settings(chosen, results), worker=at)
        refused.extend(done.refused)
        reading = done.value
    if reading is None:
        done, at = hand(read_layout, spaced_step, True, worker=None if chosen else at, prefer=at)
        refused.extend(done.refused)
        reading = done.value
    mending = Mending(reading)  # type: ignore[arg-type]
    final = spaced_step
    home = replace(how, prefer=at)  # the process holding the layout the mending's are made from
    guessed: dict[str, Handed[Done]] = {}  # layouts the next may be, laid out while a process is free
    known: dict[str, tuple[Reading, int]] = {}  # each layout made (its reading, its process), by its CSS
    while True:
        if mending.wants_trials():
            near = {block: mending.first.now[block] for block in mending.first.now if block in mending.near}
            trials = [pool.submit_as(how, mending_trials, spaced_step, run, SPACING_TRIALS)
                      for run in shares(near, pool.jobs)]
            found = _together([trial.result() for trial in trials], refused)
            # the scaled values only for the faults no spacing alone gives a candidate (decided here,
            # from all the trials, not in a process from its share)
            to_scale = mending.to_scale(found)
            if scaled := {block: setting for block, setting in near.items() if block in to_scale}:
                trials = [pool.submit_as(how, mending_trials, spaced_step, run, SCALED_TRIALS)
                          for run in shares(scaled, pool.jobs)]
                for spacing, its in _together([trial.result() for trial in trials], refused).items():
                    found.setdefault(spacing, {}).update(its)
            mending.consider(found)
        if (rules := mending.next()) is None:
            break
        again = replace(spaced_step, layers=(*spaced_step.layers, rules))
        future = guessed.pop(rules, None)
        for stale in guessed.values():  # guesses of what this layout is not
            stale.cancel()
        guessed.clear()
        if rules not in known and (future is None or future.cancel()):  # not guessed, or not begun
            future = pool.submit_as(home, read_layout, again, False)
        for guess, later in zip(mending.guesses(rules), GUESSES, strict=False):
            if guess not in guessed and guess not in known:
                guessed[guess] = pool.submit_as(
                    replace(home, priority=how.priority + later, chain=None),
                    read_layout, replace(again, layers=(*spaced_step.layers, guess)), False)
        if rules not in known:
            assert future is not None
            done = future.result()
            refused.extend(done.refused)
            known[rules] = done.value, future.worker  # type: ignore[assignment]
        reading, worker = known[rules]
        if mending.judge(rules, reading):
            final, at = again, worker
    for future in guessed.values():
        future.cancel()
    laid, _at = hand(last_step, final, ids, worker=at)
    return replace(laid, refused=tuple(dict.fromkeys([*refused, *laid.refused])))
