"""Render the print edition: the publication as a tagged PDF (PDF/UA-1), laid out by WeasyPrint.

The print template is filled with the publication part by part: the opening
(title page and imprint), the contents, the front parts, each text (opening on
a right-hand page) and each part of the back matter (the last with the back
cover). A build goes through four steps, each giving the next a frozen value:

1. `lay_out_parts`: every part but the contents is laid out alone by
   `render/layout.py` (in the build's worker processes, side by side), or comes
   from the build cache when its input is unchanged, so adding or editing a text
   lays out little. No part knows where it stands: its folios are stamped on
   later.
2. `page_plan`: from the parts' page counts, where each opens and its folios
   (`render/plan.py`, numbers only).
3. The contents, which alone depend on the others, are laid out with the folio
   of each entry; if they take other pages than the plan counted on, the plan
   is made again for them (`lay_out_book`). Every page's place, and so the page
   map the ebook and web editions mark, is now final.
4. `join_book`: each part's folio sheet is stamped on and `render/assemble.py`
   joins the parts (and `render/impose.py` the booklet).

WeasyPrint may only read files inside the project's `styles/` and the
publication's sources folder. The PDF's page labels follow the printed folios
(i, ii, … for the front matter, then 1, 2, … from the first text), so a
viewer's "page 3" is the printed page 3.
"""

from __future__ import annotations

import signal
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, replace
from importlib import metadata
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote

from pamphleteer import codes
from pamphleteer.cache import Cache, digest
from pamphleteer.codeprint import code_fingerprint
from pamphleteer.errors import Diagnostic, Severity
from pamphleteer.model import Part, Publication, Text
from pamphleteer.output import STOPS
from pamphleteer.render.assemble import CROSS_PART_PREFIX, PartPdf, join_parts
from pamphleteer.render.impose import edition_and_booklet, sheet_pages
from pamphleteer.render.laidout import LaidOut, print_css
from pamphleteer.render.layout import OPENS_LEFT, conduct, folio_sheet, lay_out_part
from pamphleteer.render.markup import LinkStyle, PageStart
from pamphleteer.render.plan import Numbering, PagePlan, PartPages, Placed, entry_folios, plan_pages
from pamphleteer.render.templates import block_writer, render_template
from pamphleteer.workers import Inline, Pool

T = TypeVar("T")
# Parts but the opening are laid out without knowing their first folio: their folios are laid out
# (so each page knows whether it has one) but not drawn, and stamped on from a folio sheet.
HIDDEN_FOLIOS = "@page { @bottom-center { visibility: hidden; } }\n"
# The priorities of parts' layouts in the pool (`workers.Handing`): before any other work, the first
# parts in the order `lay_out_parts` hands them over first; those the plan asks for later before all.
URGENT, PARTS = -2000.0, -1000.0
CONDUCTORS = 32  # parts whose layout is conducted at once (each from a thread that mostly waits)
CONDUCTOR_NAME = "layout conductor"  # the threads' names


def _leave_stops_to_the_main_thread() -> None:
    """A conductor thread never takes Ctrl-C or TERM: the build holds them back in its main thread
    while it moves the editions into place (output.write_all), and a signal a conductor took would be
    raised half-way through the moves, saying nothing was written."""
    signal.pthread_sigmask(signal.SIG_BLOCK, STOPS)


@dataclass(frozen=True)
class PrintEdition:
    """The laid-out PDF, and where each of its pages begins in the text."""

    pdf: bytes
    page_count: int
    page_starts: tuple[PageStart, ...] = ()  # for the print page markers of the other editions
    openings: tuple[int, ...] = ()  # the page (0-based) where each text opens, in reading order
    booklet: bytes | None = None  # the pages imposed for a copy shop (`render/impose.py`), if asked for

    @property
    def preview_pages(self) -> tuple[int, ...]:
        """The pages a preview shows: the first text's opening page (a right-hand page), then the
        spread after it (the left- and right-hand pages of a reader's open pamphlet)."""
        if not self.openings:
            return tuple(range(min(3, self.page_count)))
        first = self.openings[0]
        return tuple(range(first, min(first + 3, self.page_count)))


SECTIONS = frozenset({"front", "contents", "front-parts", "main", "back", "back-cover"})


def print_html(
    publication: Publication,
    sections: frozenset[str] = SECTIONS,
    href: Callable[[str], str] | None = None,
    texts: tuple[Text, ...] | None = None,
    back: tuple[Part, ...] | None = None,
) -> str:
    """The print edition, or some of its sections, as one HTML document (before layout).

    `texts` and `back` (every text and back part, if not given) are those the sections show.
    """
    return render_template(
        "print/book.html",
        pub=publication,
        sections=sections,
        texts=publication.texts if texts is None else texts,
        back=publication.back if back is None else back,
        write=block_writer(LinkStyle.FOOTNOTE, images=print_images(publication),
                           picture_sizes=lambda path: picture_size(publication, path)),
        href=href or (lambda name: f"#{name}"),
    )


def print_images(publication: Publication) -> Callable[[str], str | None]:
    """Each image as WeasyPrint reads it: the file in the sources folder (the document's base), marked
    with its digest so that a changed image is laid out again."""

    def src(path: str) -> str | None:
        image = publication.image(path)
        return f"{quote(image.path)}#{image.digest}" if image is not None else None

    return src


def picture_size(publication: Publication, path: str) -> tuple[int, int] | None:
    """An image's width and height in pixels (None: not in the sources)."""
    image = publication.image(path)
    return (image.width, image.height) if image is not None and image.width and image.height else None


def css_string(text: str) -> str:
    """`text` as a CSS string literal."""
    return '"' + "".join(f"\\{ord(c):x} " if c in '"\\\n' else c for c in text) + '"'


def block_ids(publication: Publication) -> frozenset[str]:
    """The ids of every top-level block the editions share (see `render/markup.py`)."""
    ids = {f"{part.name}-{block.line}" for part in publication.front for block in part.blocks}
    return frozenset(ids.union(*(text_block_ids(text) for text in publication.texts)))


def text_block_ids(text: Text) -> frozenset[str]:
    """The ids of the top-level blocks of one text."""
    return frozenset({
        *(f"{text.slug}-{block.line}" for block in text.body),
        *(f"{text.slug}-standfirst-{block.line}" for block in text.standfirst),
        *(f"{text.slug}-question-{block.line}" for block in text.question_blocks),
    })


class Layouts:
    """Parts laid out by the pool's workers, or taken from the cache.

    A folio sheet asked for twice is laid out once: asked for early, it is laid
    out while the build waits for something else. With a `Pool`, each part's
    layout is conducted step by step from a thread of this process
    (`layout.conduct`), its steps handed over with the part's priority.
    """

    def __init__(self, publication: Publication, sources: Path, cache: Cache | None, pool: Executor):
        self.size = publication.settings.print.page_size
        self.sources, self.cache, self.pool = sources, cache, pool
        # what a layout is made by: WeasyPrint, Pamphleteer (its layout passes, fonts) and the CSS
        self.version = (metadata.version("weasyprint") + code_fingerprint()
                        + "".join(print_css(self.size, sources)))
        self._sheets: dict[str, Future[bytes]] = {}
        self._conductors = (ThreadPoolExecutor(CONDUCTORS, CONDUCTOR_NAME,
                                               initializer=_leave_stops_to_the_main_thread)
                            if isinstance(pool, Pool) else None)

    def close(self) -> None:
        """Let the conductor threads end once the book is laid out and joined (or the build stopped):
        each ends when it is idle, and a layout not begun is not begun."""
        if self._conductors is not None:
            self._conductors.shutdown(wait=False, cancel_futures=True)

    def part(self, part: PartSource, priority: float = URGENT) -> Future[LaidOut]:
        """The part laid out from its HTML (with its CSS saying where it stands); its steps go before
        the pool's other work with a higher `priority` (a lower number)."""
        key = digest(self.version, part.html, part.css)
        if self.cache is not None:
            pdf, meta = self.cache.get("layout", key), self.cache.get("layout-meta", key)
            if pdf is not None and meta is not None:
                try:
                    return _done(LaidOut.from_cache(pdf, meta))
                except (ValueError, KeyError, TypeError):
                    pass
        if isinstance(self.pool, Pool) and self._conductors is not None:
            future = self._conductors.submit(conduct, self.pool, priority, self.size, self.sources,
                                             part.html, part.css, part.ids, self.cache)
        else:
            future = self.pool.submit(lay_out_part, self.size, self.sources, part.html, part.css, part.ids,
                                      self.cache)

        def keep(laid: LaidOut) -> None:
            self._put("layout", key, laid.pdf)
            self._put("layout-meta", key, laid.to_json())

        return self._kept(future, keep)

    def folios(self, first: int, count: int, page_name: str = "", left: bool = False) -> Future[bytes]:
        """The folio sheet of a part of `count` pages whose first folio is `first` (on `page_name` pages),
        from a left-hand page if `left`."""
        key = digest(self.version, str(first), str(count), page_name, "left" if left else "right")
        if key not in self._sheets:
            pdf = self.cache.get("folios", key) if self.cache is not None else None
            if pdf is not None:
                self._sheets[key] = _done(pdf)
            else:
                future = self.pool.submit(folio_sheet, self.size, self.sources, first, count, page_name, left)
                self._sheets[key] = self._kept(future, lambda pdf: self._put("folios", key, pdf))
        return self._sheets[key]

    def _put(self, kind: str, key: str, data: bytes) -> None:
        if self.cache is not None:
            self.cache.put(kind, key, data)

    @staticmethod
    def _kept(future: Future[T], keep: Callable[[T], object]) -> Future[T]:
        """`future`, whose result is given to `keep` (to store in the cache) when it succeeds."""
        def callback(finished: Future[T]) -> None:
            if not finished.cancelled() and finished.exception() is None:
                keep(finished.result())

        future.add_done_callback(callback)
        return future


def _done(value: T) -> Future[T]:
    """A future that already has its result."""
    future: Future[T] = Future()
    future.set_result(value)
    return future


def questions_anchors(publication: Publication, texts: tuple[Text, ...] | None = None) -> list[str]:
    """The anchors of the texts' questions, which the contents list under each text."""
    return [f"{text.slug}-questions" for text in (publication.texts if texts is None else texts)
            if text.questions]


FIGURE_SPACE = "\u2007"  # as wide as a tabular figure


def contents_numbers(targets: dict[str, str]) -> str:
    """CSS that prints, in the contents, the folio of each entry laid out in another part. Each folio
    is padded with figure spaces to the longest one's length, so that every line's leader ends
    at the same place (a leader runs to its folio, and "1" is narrower than "23")."""
    width = max((len(folio) for folio in targets.values()), default=0)
    return "".join(
        f'nav.contents .contents-list li a[href="{CROSS_PART_PREFIX}{name}"]::after '
        f'{{ content: leader(". ") "{folio.rjust(width, FIGURE_SPACE)}"; }}\n'
        for name, folio in sorted(targets.items())
    )


@dataclass(frozen=True)
class PartSource:
    """What WeasyPrint lays one part out from: its HTML, the CSS saying where it stands, its block ids."""

    html: str
    css: str
    ids: frozenset[str]


@dataclass(frozen=True)
class PartSources:
    """Every part of the print edition before layout (the contents' CSS waits for the plan)."""

    title: PartSource  # the title page and imprint, which carry the document's metadata
    short_title: PartSource  # the same, its imprint sending to the credits (when the texts' fill more)
    contents: PartSource  # without the folios it prints (see `contents_source`)
    front: PartSource | None  # the front parts (introduction and the like), if any
    texts: tuple[PartSource, ...]
    back: tuple[PartSource, ...]  # each part of the back matter
    back_cover: PartSource  # the last page, on the left


def part_sources(publication: Publication) -> PartSources:
    """The HTML of each part, each laid out alone from the same template and stylesheets."""
    every_id = block_ids(publication)
    stamped = f"html {{ string-set: reader-title {css_string(publication.title)}; }}\n" + HIDDEN_FOLIOS
    entries = {entry.name for entry in publication.contents} | set(questions_anchors(publication))
    href = lambda name: CROSS_PART_PREFIX + name if name in entries else f"#{name}"  # noqa: E731

    def part(*sections: str, css: str = stamped, ids: frozenset[str] = every_id,
             texts: tuple[Text, ...] | None = None, back: tuple[Part, ...] | None = None) -> PartSource:
        links = href if "contents" in sections else None
        html = print_html(publication, frozenset(sections), links, texts, back)
        return PartSource(html, css, ids)

    return PartSources(
        title=part("front", css=""),
        short_title=part("front", "short-imprint", css=""),
        contents=part("contents"),
        front=part("front-parts") if publication.front else None,
        texts=tuple(part("main", ids=text_block_ids(text), texts=(text,)) for text in publication.texts),
        back=tuple(part("back", back=(back,)) for back in publication.back),
        back_cover=part("back-cover", css=stamped + OPENS_LEFT, back=()),
    )


def on_left(part: PartSource) -> PartSource:
    """`part` laid out from a left-hand page (a back part the plan opens there)."""
    return part if part.css.endswith(OPENS_LEFT) else replace(part, css=part.css + OPENS_LEFT)


def contents_source(sources: PartSources, targets: dict[str, str]) -> PartSource:
    """The contents, printing `targets` (entry name -> folio); their roman folios are stamped on."""
    return replace(sources.contents, css=sources.contents.css + contents_numbers(targets))


TITLE_PAGES = 2  # the title page and, on its back, the imprint


@dataclass(frozen=True)
class Parts:
    """Every part of the print edition laid out, but the contents."""

    title: LaidOut
    front: LaidOut | None
    texts: tuple[LaidOut, ...]
    back: tuple[LaidOut, ...]
    back_cover: LaidOut
    contents_guess: int  # how many pages the contents take, until they are laid out with their folios


def lay_out_parts(
    publication: Publication, sources: PartSources, layouts: Layouts, contents_pages: int,
    done: Callable[[str], None] | None = None, meanwhile: Callable[[], object] | None = None,
) -> Parts:
    """Lay out every part but the contents, side by side; `done(slug)` as each text is laid out,
    `meanwhile()` once every part is handed to the workers (what it hands them comes after).

    How many pages the contents take does not depend on the folios they print:
    `contents_pages` (the last build's count), else a first layout with
    placeholder folios, says where the rest goes.
    """
    # The last back part lists every text, so a new text always lays it out again: it goes first.
    first = ({f"back {len(sources.back) - 1}": layouts.part(sources.back[-1], PARTS)}
             if sources.back else {})
    parts = {f"back {index}": part for index, part in enumerate(sources.back[:-1])}
    parts["back cover"] = sources.back_cover
    parts.update({f"text {text.slug}": part
                  for text, part in zip(publication.texts, sources.texts, strict=True)})
    if sources.front is not None:
        parts["front parts"] = sources.front
    parts["title"] = sources.title
    if not contents_pages:
        names = [entry.name for entry in publication.contents] + questions_anchors(publication)
        placeholders = dict.fromkeys(names, "0")
        parts["probe"] = contents_source(sources, placeholders)
    # The longest first (those the cache has cost nothing), so that the workers finish together.
    longest_first = sorted(parts, key=lambda name: -len(parts[name].html))
    laid = first | {name: layouts.part(parts[name], PARTS + 1 + rank)
                    for rank, name in enumerate(longest_first)}
    if meanwhile is not None:
        meanwhile()
    texts = {laid[f"text {text.slug}"]: text.slug for text in publication.texts}
    for future in as_completed(texts):
        future.result()
        if done is not None:
            done(texts[future])
    title = laid["title"].result()
    if title.page_count > TITLE_PAGES:  # the texts' credits overflow the imprint's page
        title = layouts.part(sources.short_title).result()
    return Parts(
        title=title,
        front=laid["front parts"].result() if sources.front is not None else None,
        texts=tuple(laid[f"text {text.slug}"].result() for text in publication.texts),
        back=tuple(laid[f"back {index}"].result() for index in range(len(sources.back))),
        back_cover=laid["back cover"].result(),
        contents_guess=contents_pages or laid["probe"].result().page_count,
    )


def page_plan(parts: Parts, contents_pages: int, sheet_pages: int = 1) -> PagePlan:
    """Where each part goes, with contents of `contents_pages`: the opening, the contents and the front
    parts in roman folios, then each text on a right-hand page, from folio 1, each back part on
    either, and the back cover on a left-hand page, in a multiple of `sheet_pages` pages."""
    front = (parts.front,) if parts.front is not None else ()
    return plan_pages([
        PartPages(parts.title.page_count, Numbering.ROMAN, opens_right=False),
        PartPages(contents_pages, Numbering.ROMAN),
        *(PartPages(laid.page_count, Numbering.ROMAN) for laid in front),
        *(PartPages(laid.page_count) for laid in parts.texts),
        *(PartPages(laid.page_count, either_side=True) for laid in parts.back),
        PartPages(parts.back_cover.page_count, opens_right=False, opens_left=True),
    ], sheet_pages)


def body_places(parts: Parts, plan: PagePlan) -> tuple[Placed, ...]:
    """Where each text and back part goes (they come last in the plan, before the back cover)."""
    return plan.parts[len(plan.parts) - len(parts.texts) - len(parts.back) - 1:-1]


def contents_targets(publication: Publication, parts: Parts, plan: PagePlan) -> dict[str, str]:
    """The folio the contents print for each entry: where each text and back part opens, and where
    each front part's heading is."""
    body = body_places(parts, plan)
    names = [text.slug for text in publication.texts] + [part.name for part in publication.back]
    targets = {name: placed.folio() for name, placed in zip(names, body, strict=True)}
    for text, laid, placed in zip(publication.texts, parts.texts, body, strict=False):
        targets.update(entry_folios(placed, laid.anchors, questions_anchors(publication, (text,))))
    if parts.front is not None:
        front_names = [part.name for part in publication.front]
        targets.update(entry_folios(plan.parts[2], parts.front.anchors, front_names))
    return targets


@dataclass(frozen=True)
class LaidBook:
    """The print edition laid out part by part, and where each part goes: all but the joining."""

    parts: Parts
    contents: LaidOut
    plan: PagePlan

    @property
    def laid(self) -> tuple[LaidOut, ...]:
        """Every part, in the order of the plan's."""
        front = (self.parts.front,) if self.parts.front is not None else ()
        return (self.parts.title, self.contents, *front, *self.parts.texts, *self.parts.back,
                self.parts.back_cover)

    @property
    def page_count(self) -> int:
        return self.plan.page_count

    @property
    def page_starts(self) -> tuple[PageStart, ...]:
        """Where each page begins in the text, with its folio (none on the contents' own pages)."""
        placed = zip(self.laid, self.plan.parts, strict=True)
        return tuple(
            PageStart(part.folio(start.page), start.block_id, start.word)
            for index, (laid, part) in enumerate(placed) if index != 1  # 1: the contents
            for start in laid.page_starts
        )

    @property
    def openings(self) -> tuple[int, ...]:
        """The page (0-based) where each text opens, in reading order."""
        texts = body_places(self.parts, self.plan)[:len(self.parts.texts)]
        return tuple(placed.index for placed in texts)

    @property
    def cover(self) -> bytes:
        """A PDF whose first page is the edition's (the title page)."""
        return self.parts.title.pdf


def lay_out_book(
    publication: Publication, layouts: Layouts, done: Callable[[str], None] | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> LaidBook:
    """Lay out every part, plan the pages, then lay out the contents with the folios of that plan
    (`done` and `meanwhile`: see `lay_out_parts`).

    If the contents then take other pages than the plan counted on (a folio's
    width can break a line), the plan is made again for them and they are laid
    out again (three times at most). A back part the plan opens on a left-hand
    page is laid out again from one (its running heads and margins are those of
    the other side; its page count is the same: so is the measure).
    """
    part_html, cache = part_sources(publication), layouts.cache
    count_key = digest(layouts.version, "contents pages", publication.settings.slug)
    known = cache.get("opening", count_key) if cache is not None else None
    known_pages = int(known) if known is not None and known.isdigit() else 0
    parts = lay_out_parts(publication, part_html, layouts, known_pages, done, meanwhile)
    settings = publication.settings.print
    sheet = sheet_pages(settings.page_size, settings.booklet_sheet)
    right_back = parts.back
    contents_pages = parts.contents_guess
    for attempt in range(3):  # the first count is right unless a folio's width breaks a line
        plan = page_plan(parts, contents_pages, sheet)
        # The back parts the plan opens on a left-hand page are laid out again while the contents are:
        # the folios the contents print do not depend on it (a back part's page count is the same).
        back = sided_back(parts, right_back, part_html, plan, layouts)
        laying = layouts.part(contents_source(part_html, contents_targets(publication, parts, plan)))
        if attempt == 0:  # the texts' and back parts' folios do not depend on the contents: their
            for placed in body_places(parts, plan):  # folio sheets are laid out meanwhile
                layouts.folios(placed.first_folio, placed.pages, left=placed.on_left)
        parts = replace(parts, back=tuple(future.result() for future in back))
        contents = laying.result()
        if contents.page_count == contents_pages:
            break
        contents_pages = contents.page_count
    if cache is not None:
        cache.put("opening", count_key, str(contents.page_count).encode())
    return LaidBook(parts, contents, page_plan(parts, contents.page_count, sheet))


def sided_back(parts: Parts, right_back: tuple[LaidOut, ...], sources: PartSources, plan: PagePlan,
               layouts: Layouts) -> tuple[Future[LaidOut], ...]:
    """Each back part laid out from the side the plan opens it on (`right_back`: as first laid out,
    from a right-hand page), as it will be: those opening on the left are handed to the workers."""
    places = body_places(parts, plan)[len(parts.texts):]
    return tuple(layouts.part(on_left(source)) if placed.on_left else _done(laid)
                 for source, placed, laid in zip(sources.back, places, right_back, strict=True))


def layout_diagnostics(publication: Publication, book: LaidBook) -> tuple[Diagnostic, ...]:
    """What the layout could not do as asked, as warnings naming the file (a text's, else
    publication.toml) and the printed pages."""
    settings, edition = publication.settings.path, f"{publication.settings.slug}.pdf"
    files = [settings] * (len(book.laid) - len(book.parts.texts) - len(book.parts.back) - 1)
    files += [settings.parent / "texts" / f"{text.slug}.md" for text in publication.texts]
    files += [settings] * (len(book.parts.back) + 1)
    found: list[Diagnostic] = []
    for laid, placed, file in zip(book.laid, book.plan.parts, files, strict=True):
        if laid.moved_notes:
            pages = ", ".join(placed.folio(page) for page in laid.moved_notes)
            found.append(Diagnostic(
                codes.FOOTNOTE_MOVED, Severity.WARNING,
                f"on page {pages} of {edition} a link's footnote is printed on the next page, for lack "
                "of room; a larger print.page_size in publication.toml avoids it", file,
            ))
        found.extend(Diagnostic(codes.FILE_REFUSED, Severity.WARNING,
                                f"{refusal}; {edition} goes without it", file)
                     for refusal in laid.refused)
    return tuple(found)


def join_book(book: LaidBook, layouts: Layouts, booklet_sheet: str | None = None) -> PrintEdition:
    """Stamp each part's folios and join the parts into the edition; impose its booklet on sheets
    `booklet_sheet`, if given, from the same joining."""
    title, *others = zip(book.laid, book.plan.parts, strict=True)
    page_names = {Numbering.ROMAN: "front", Numbering.ARABIC: ""}  # "front" pages: roman folios
    sheets = [layouts.folios(placed.first_folio, placed.pages, page_names[placed.numbering], placed.on_left)
              for _, placed in others]
    joined = [PartPdf(title[0].pdf)] + [
        PartPdf(laid.pdf, blanks_before=placed.blanks_before, stamp=sheet.result(), stamped=laid.folios)
        for (laid, placed), sheet in zip(others, sheets, strict=True)
    ]
    labels = book.plan.labels
    booklet = None
    if booklet_sheet:
        pdf, booklet = layouts.pool.submit(edition_and_booklet, joined, labels, booklet_sheet).result()
    else:
        pdf = layouts.pool.submit(join_parts, joined, labels).result()
    return PrintEdition(pdf=pdf, page_count=book.page_count, page_starts=book.page_starts,
                        openings=book.openings, booklet=booklet)


def render_pdf(
    publication: Publication,
    sources: Path,
    cache: Cache | None = None,
    pool: Executor | None = None,
    done: Callable[[str], None] | None = None,
    booklet_sheet: str | None = None,
) -> PrintEdition:
    """Lay out the publication and join it into one tagged PDF: `lay_out_book`, then `join_book`."""
    layouts = Layouts(publication, sources, cache, pool or Inline())
    try:
        return join_book(lay_out_book(publication, layouts, done), layouts, booklet_sheet)
    finally:
        layouts.close()
