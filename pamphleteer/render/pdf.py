"""Render the print edition: the publication as a tagged PDF (PDF/UA-1), laid out by WeasyPrint.

The print template is filled with the publication part by part (the opening,
the front parts, each text, the back matter); `render/layout.py` lays each part
out with WeasyPrint (in the build's worker processes, with one shared
`FontConfiguration` per process so the vendored fonts are embedded), unchanged
parts come from the build cache, and `render/assemble.py` joins them and stamps
their folios. WeasyPrint may only read files inside the project's `styles/` and
the publication's sources folder.

The PDF's page labels follow the printed folios (i, ii, … for the front matter,
then 1, 2, … from the first text), so a viewer's "page 3" is the printed page 3.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from concurrent.futures import Executor, Future, as_completed
from dataclasses import dataclass, replace
from importlib import metadata
from pathlib import Path
from typing import TypeVar

from pamphleteer.cache import Cache, digest
from pamphleteer.model import Publication
from pamphleteer.render.assemble import CROSS_PART_PREFIX, PartPdf
from pamphleteer.render.markup import LinkStyle, PageStart, Start
from pamphleteer.render.templates import STYLES, block_writer, read_style, render_template
from pamphleteer.workers import Inline, run

LAYOUT = "pamphleteer.render.layout"  # WeasyPrint's side: imported where the layout runs
T = TypeVar("T")
# Texts and back matter are laid out without knowing their first folio: their folios are laid out
# (so each page knows whether it has one) but not drawn, and stamped on from a folio sheet.
HIDDEN_FOLIOS = "@page { @bottom-center { visibility: hidden; } }\n"
PAGE_SIZES = {"A5": "A5", "A6": "A6", "half-letter": "5.5in 8.5in", "letter": "letter"}


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
        """The pages a preview shows: the cover, then the first text's opening and the page after."""
        if not self.openings:
            return tuple(range(min(3, self.page_count)))
        first = self.openings[0]
        return (0, *range(first, min(first + 2, self.page_count)))


SECTIONS = frozenset({"front", "contents", "front-parts", "main", "back", "back-cover"})


def size_style(page_size: str) -> str:
    """The page size rule, and `styles/print-<size>.css` (margins and type for that size) if any."""
    extra = STYLES / f"print-{page_size}.css"
    rules = f"\n@page {{ size: {PAGE_SIZES[page_size]}; }}\n"
    return rules + (read_style(extra.name) if extra.is_file() else "")


def print_css(page_size: str) -> tuple[str, str]:
    """The print edition's stylesheets as they are now: the fonts, and the styles for `page_size`."""
    return read_style("fonts/fonts-print.css"), read_style("print.css") + size_style(page_size)


def print_html(
    publication: Publication,
    sections: frozenset[str] = SECTIONS,
    href: Callable[[str], str] | None = None,
) -> str:
    """The print edition, or some of its sections, as one HTML document (before layout)."""
    return render_template(
        "print/book.html",
        pub=publication,
        sections=sections,
        write=block_writer(LinkStyle.FOOTNOTE),
        href=href or (lambda name: f"#{name}"),
    )


@dataclass(frozen=True)
class LaidOut:
    """One part of the print edition, laid out alone (by `render/layout.py`)."""

    pdf: bytes
    page_count: int
    page_starts: tuple[Start, ...]
    anchors: dict[str, int]  # anchor name -> page (0-based) of the part where it is
    folios: tuple[int, ...] = ()  # the pages (0-based) that carry a folio

    def to_json(self) -> bytes:
        return json.dumps({
            "pages": self.page_count, "starts": [list(s) for s in self.page_starts],
            "anchors": self.anchors, "folios": list(self.folios),
        }).encode()

    @classmethod
    def from_cache(cls, pdf: bytes, meta: bytes) -> LaidOut:
        data = json.loads(meta)
        starts = tuple(Start(int(a), str(b), int(c)) for a, b, c in data["starts"])
        anchors = {str(k): int(v) for k, v in data["anchors"].items()}
        return cls(pdf, int(data["pages"]), starts, anchors, tuple(int(i) for i in data["folios"]))


def css_string(text: str) -> str:
    """`text` as a CSS string literal."""
    return '"' + "".join(f"\\{ord(c):x} " if c in '"\\\n' else c for c in text) + '"'


def next_right(folio: int) -> int:
    """The first right-hand (odd) folio at or after `folio`."""
    return folio if folio % 2 else folio + 1


def roman(number: int) -> str:
    """`number` in lower-case roman numerals, as the front matter's folios are printed."""
    digits = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
              (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
    out = []
    for value, letters in digits:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def block_ids(publication: Publication) -> frozenset[str]:
    """The ids of every top-level block the editions share (see `render/markup.py`)."""
    ids = {f"{part.name}-{block.line}" for part in publication.front for block in part.blocks}
    for text in publication.texts:
        ids.update(f"{text.slug}-{block.line}" for block in text.body)
        ids.update(f"{text.slug}-standfirst-{block.line}" for block in text.standfirst)
        ids.update(f"{text.slug}-question-{block.line}" for block in text.question_blocks)
    return frozenset(ids)


class Layouts:
    """Parts laid out by the pool's workers, or taken from the cache."""

    def __init__(self, publication: Publication, sources: Path, cache: Cache | None, pool: Executor):
        self.size = publication.settings.print.page_size
        self.sources, self.cache, self.pool = sources, cache, pool
        self.version = metadata.version("weasyprint") + "".join(print_css(self.size))

    def part(self, html: str, extra_css: str, ids: frozenset[str]) -> Future[LaidOut]:
        """The part laid out from `html` (with `extra_css` saying where it stands)."""
        key = digest(self.version, html, extra_css)
        if self.cache is not None:
            pdf, meta = self.cache.get("layout", key), self.cache.get("layout-meta", key)
            if pdf is not None and meta is not None:
                try:
                    return _done(LaidOut.from_cache(pdf, meta))
                except (ValueError, KeyError, TypeError):
                    pass
        future = self.pool.submit(run, f"{LAYOUT}:lay_out_part", self.size, self.sources, html, extra_css, ids)
        return self._kept(future, lambda laid: (self._put("layout", key, laid.pdf),
                                                self._put("layout-meta", key, laid.to_json())))

    def folios(self, first: int, count: int, page_name: str = "") -> Future[bytes]:
        """The folio sheet of a part of `count` pages whose first folio is `first` (on `page_name` pages)."""
        key = digest(self.version, str(first), str(count), page_name)
        pdf = self.cache.get("folios", key) if self.cache is not None else None
        if pdf is not None:
            return _done(pdf)
        future = self.pool.submit(run, f"{LAYOUT}:folio_sheet", self.size, self.sources, first, count, page_name)
        return self._kept(future, lambda pdf: self._put("folios", key, pdf))

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


def contents_numbers(targets: dict[str, str]) -> str:
    """CSS that prints, in the contents, the folio of each entry laid out in another part."""
    return "".join(
        f'nav.contents .contents-list li a[href="{CROSS_PART_PREFIX}{name}"]::after '
        f'{{ content: leader(". ") "{folio}"; }}\n'
        for name, folio in sorted(targets.items())
    )


@dataclass(frozen=True)
class PrintPlan:
    """Where every page of the print edition will be, known before the last part is laid out."""

    page_count: int
    page_starts: tuple[PageStart, ...]
    openings: tuple[int, ...]


class PrintLayout:
    """The print edition, laid out part by part and joined into one tagged PDF (PDF/UA-1).

    The parts are the opening (title page and imprint; then the contents), the
    front parts (introduction and the like), each text (opening on a right-hand
    page, its folios following the text before) and each part of the back matter
    (each opening on a right-hand page; the last with the back cover). Each is laid
    out alone from the same template and stylesheets as the whole book, by the
    `pool`'s workers side by side; a part whose input is unchanged since an earlier
    build comes from the cache, so adding or editing a text lays out little. Only
    the contents depend on the others (they give the folio where each part begins):
    they are laid out as soon as every part but the last is, beside that last one.
    Every other part is laid out without knowing where it stands, and its folios
    are stamped on from a folio sheet once every part's page count is known.

    Creating it hands every part but the contents to the pool; `plan()` says where
    each page will be as soon as those parts are laid out (the contents' page count
    is the last build's, else that of a first layout with placeholder folios), and
    `finish()` waits for the contents (laid out again if their count was not right)
    and joins the parts. `done(slug)` is called as each text is laid out.
    """

    def __init__(self, publication: Publication, sources: Path, cache: Cache | None = None,
                 pool: Executor | None = None, done: Callable[[str], None] | None = None):
        self.publication, self.done = publication, done
        self.layouts = Layouts(publication, sources, cache, pool or Inline())
        stamped = f"html {{ string-set: reader-title {css_string(publication.title)}; }}\n" + HIDDEN_FOLIOS
        self.every_id = block_ids(publication)
        entries = [entry.name for entry in publication.contents]
        href = lambda name: CROSS_PART_PREFIX + name if name in entries else f"#{name}"  # noqa: E731
        self.contents_html = print_html(publication, frozenset({"contents"}), href)
        self.contents_css = stamped  # its roman folios are stamped on, like the front parts'
        # How many pages the contents take does not depend on the folios they print: the last
        # build's count, else a first layout with placeholder folios, says where the rest goes.
        self.cache = cache
        self.count_key = digest(self.layouts.version, "contents pages", publication.settings.slug)
        known = cache.get("opening", self.count_key) if cache is not None else None
        self.known_pages = int(known) if known is not None and known.isdigit() else 0

        # Each back part is laid out alone (each opens on a right-hand page), the last with the back
        # cover: the contents need only where the last begins, so they are laid out beside it. It
        # lists every text, so a new text always lays it out again: it goes first.
        groups = [(part,) for part in publication.back[:-1]] + [publication.back[-1:]]
        last = self.layouts.part(
            print_html(replace(publication, back=groups[-1]), frozenset({"back", "back-cover"})),
            stamped, self.every_id,
        )
        parts: dict[str, tuple[str, str, frozenset[str]]] = {  # the others: HTML, CSS and ids
            f"back {index}": (print_html(replace(publication, back=group), frozenset({"back"})),
                              stamped, self.every_id)
            for index, group in enumerate(groups[:-1])
        }
        for text in publication.texts:
            single = replace(publication, texts=(text,))
            parts[f"text {text.slug}"] = (print_html(single, frozenset({"main"})), stamped, block_ids(single))
        if publication.front:
            front = print_html(publication, frozenset({"front-parts"}))
            parts["front parts"] = (front, stamped, self.every_id)
        # The opening: the title page and imprint, which carry the document's metadata, then the
        # contents, which alone depend on where the other parts are.
        parts["title"] = (print_html(publication, frozenset({"front"})), "", self.every_id)
        if not self.known_pages:
            placeholders = contents_numbers(dict.fromkeys(entries, "0"))
            parts["probe"] = (self.contents_html, self.contents_css + placeholders, self.every_id)
        # The longest first (those the cache has cost nothing), so that the workers finish together.
        longest_first = sorted(parts, key=lambda name: -len(parts[name][0]))
        laid = {name: self.layouts.part(*parts[name]) for name in longest_first}
        self.back = [*(laid[f"back {index}"] for index in range(len(groups) - 1)), last]
        self.pending: dict[Future[LaidOut], str] = {
            laid[f"text {text.slug}"]: text.slug for text in publication.texts
        }
        self.front_parts = laid["front parts"] if publication.front else _done(None)
        self.title = laid["title"]
        self.probe = laid.get("probe")
        self._texts: list[tuple[int, LaidOut]] | None = None
        self._contents_pages = 0
        self._first_contents: Future[LaidOut] | None = None

    def _laid_texts(self) -> list[tuple[int, LaidOut]]:
        """Each text, with its first folio (waiting for their layouts)."""
        if self._texts is None:
            laid_out: dict[str, LaidOut] = {}
            for future in as_completed(self.pending):
                laid_out[self.pending[future]] = future.result()
                if self.done is not None:
                    self.done(self.pending[future])
            self._texts = []
            folio = 1
            for text in self.publication.texts:
                self._texts.append((folio, laid_out[text.slug]))
                folio = next_right(folio + laid_out[text.slug].page_count)
            self._contents_pages = self.probe.result().page_count if self.probe else self.known_pages
        return self._texts

    def _back_folios(self) -> list[int]:
        """The first folio of each part of the back matter (waiting for all but the last)."""
        texts = self._laid_texts()
        folios = [next_right(texts[-1][0] + texts[-1][1].page_count) if texts else 1]
        for part in self.back[:-1]:
            folios.append(next_right(folios[-1] + part.result().page_count))
        return folios

    def _body(self) -> list[tuple[int, LaidOut]]:
        """Each text and part of the back matter, with its first folio (waiting for their layouts)."""
        return [*self._laid_texts(), *zip(self._back_folios(), (part.result() for part in self.back))]

    def _front(self, contents_pages: int) -> tuple[int, int, int]:
        """For contents of `contents_pages`: the contents' and the front parts' first folios, and the
        first text's page index."""
        contents_start = next_right(self.title.result().page_count + 1)
        parts_start = next_right(contents_start + contents_pages)
        front_parts = self.front_parts.result()
        front_end = parts_start - 1 + front_parts.page_count if front_parts is not None else parts_start - 1
        return contents_start, parts_start, next_right(front_end + 1) - 1  # the first text: a right page

    def _indexes(self, contents_pages: int) -> list[int]:
        """Where each text and part of the back matter opens (page index)."""
        first_arabic = self._front(contents_pages)[2]
        return [first_arabic + start - 1 for start, _ in self._body()]

    def _contents(self, contents_pages: int) -> Future[LaidOut]:
        """The contents laid out with every entry's folio, placed as `contents_pages` of contents place
        them: needs every part laid out but the last of the back matter."""
        _, parts_start, _ = self._front(contents_pages)
        texts = self.publication.texts
        targets = {text.slug: str(start) for text, (start, _) in zip(texts, self._laid_texts(), strict=True)}
        back = zip(self.publication.back, self._back_folios())
        targets.update({part.name: str(folio) for part, folio in back})
        front_parts, front_names = self.front_parts.result(), {part.name for part in self.publication.front}
        if front_parts is not None:
            targets.update({name: roman(parts_start + page) for name, page in front_parts.anchors.items()
                            if name in front_names})
        css = self.contents_css + contents_numbers(targets)
        return self.layouts.part(self.contents_html, css, self.every_id)

    def _starts(self, contents_pages: int) -> tuple[PageStart, ...]:
        _, parts_start, _ = self._front(contents_pages)
        starts = [PageStart(roman(s.page + 1), s.block_id, s.word) for s in self.title.result().page_starts]
        front_parts = self.front_parts.result()
        if front_parts is not None:
            starts.extend(PageStart(roman(parts_start + s.page), s.block_id, s.word)
                          for s in front_parts.page_starts)
        for start, laid in self._body():
            starts.extend(PageStart(str(start + s.page), s.block_id, s.word) for s in laid.page_starts)
        return tuple(starts)

    def cover(self) -> bytes:
        """A PDF whose first page is the edition's (the title page)."""
        return self.title.result().pdf

    def plan(self) -> PrintPlan:
        """Where each page will be, once every part but the contents is laid out.

        The contents' own pages carry no page starts.
        """
        self._laid_texts()
        self._first_contents = self._contents(self._contents_pages)  # beside the last part
        body = self._body()
        indexes = self._indexes(self._contents_pages)
        return PrintPlan(
            page_count=indexes[-1] + body[-1][1].page_count,
            page_starts=self._starts(self._contents_pages),
            openings=tuple(indexes[:len(self.publication.texts)]),
        )

    def finish(self, booklet_sheet: str | None = None) -> PrintEdition:
        """Lay out the contents, stamp the folios and join every part into the edition; impose its
        booklet on sheets `booklet_sheet`, if given, from the same joining."""
        body = self._body()
        front_parts = self.front_parts.result()
        contents_pages = self._contents_pages
        sheets: list[Future[bytes]] = []
        for attempt in range(3):  # the first count is right unless a folio's width breaks a line
            contents_start, parts_start, first_arabic = self._front(contents_pages)
            indexes = self._indexes(contents_pages)
            contents_future = (self._first_contents if attempt == 0 and self._first_contents is not None
                               else self._contents(contents_pages))
            if front_parts is not None:  # its folios, as the first count places them
                front_sheet = self.layouts.folios(parts_start, front_parts.page_count, "front")
            if attempt == 0:
                sheets = [self.layouts.folios(start, laid.page_count) for start, laid in body]
            contents = contents_future.result()
            contents_sheet = self.layouts.folios(contents_start, contents.page_count, "front")
            if contents.page_count == contents_pages:
                break
            contents_pages = contents.page_count
        if self.cache is not None:
            self.cache.put("opening", self.count_key, str(contents.page_count).encode())

        title = self.title.result()
        joined: list[PartPdf] = [PartPdf(title.pdf)]
        joined.append(PartPdf(contents.pdf, blanks_before=contents_start - 1 - title.page_count,
                              stamp=contents_sheet.result(), stamped=contents.folios))
        at = contents_start - 1 + contents.page_count  # pages so far
        if front_parts is not None:
            joined.append(PartPdf(front_parts.pdf, blanks_before=parts_start - 1 - at,
                                  stamp=front_sheet.result(), stamped=front_parts.folios))
            at = parts_start - 1 + front_parts.page_count
        for (_, laid), index, sheet in zip(body, indexes, sheets, strict=True):
            joined.append(PartPdf(laid.pdf, blanks_before=index - at, stamp=sheet.result(), stamped=laid.folios))
            at = index + laid.page_count
        labels = ((0, "r"), (first_arabic, "D")) if self.publication.texts else ((0, "r"),)
        pool = self.layouts.pool
        booklet = None
        if booklet_sheet:
            pdf, booklet = pool.submit(run, "pamphleteer.render.impose:edition_and_booklet", joined, labels,
                                       booklet_sheet).result()
        else:
            pdf = pool.submit(run, "pamphleteer.render.assemble:join_parts", joined, labels).result()
        return PrintEdition(
            pdf=pdf,
            page_count=at,
            page_starts=self._starts(contents_pages),
            openings=tuple(indexes[:len(self.publication.texts)]),
            booklet=booklet,
        )


def render_pdf(
    publication: Publication,
    sources: Path,
    cache: Cache | None = None,
    pool: Executor | None = None,
    done: Callable[[str], None] | None = None,
) -> PrintEdition:
    """Lay out the publication and join it into one tagged PDF (see `PrintLayout`)."""
    return PrintLayout(publication, sources, cache, pool, done).finish()
