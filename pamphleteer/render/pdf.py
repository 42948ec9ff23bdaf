"""Render the print edition: the publication as a tagged PDF (PDF/UA-1), laid out by WeasyPrint.

The print template is filled with the publication, the print stylesheets are
loaded with one shared `FontConfiguration` (so the vendored fonts are embedded),
and WeasyPrint lays out and writes the PDF, part by part (front matter, each
text, back matter), reusing unchanged parts from the build cache; the parts are
joined by `render/assemble.py`. WeasyPrint may only read files inside the
project's `styles/` and the publication's sources folder.

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
from pamphleteer.render.assemble import CROSS_PART_PREFIX, PartPdf, join_parts
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

    @property
    def preview_pages(self) -> tuple[int, ...]:
        """The pages a preview shows: the cover, then the first text's opening and the page after."""
        if not self.openings:
            return tuple(range(min(3, self.page_count)))
        first = self.openings[0]
        return (0, *range(first, min(first + 2, self.page_count)))


SECTIONS = frozenset({"front", "front-parts", "main", "back"})


def size_style(page_size: str) -> str:
    """The page size rule, and `styles/print-<size>.css` (margins and type for that size) if any."""
    extra = STYLES / f"print-{page_size}.css"
    rules = f"\n@page {{ size: {PAGE_SIZES[page_size]}; }}\n"
    return rules + (read_style(extra.name) if extra.is_file() else "")


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
        css = read_style("fonts/fonts-print.css") + read_style("print.css") + size_style(self.size)
        self.version = metadata.version("weasyprint") + css

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


def render_pdf(
    publication: Publication,
    sources: Path,
    cache: Cache | None = None,
    pool: Executor | None = None,
    done: Callable[[str], None] | None = None,
) -> PrintEdition:
    """Lay out the publication part by part and join the parts into one tagged PDF (PDF/UA-1).

    The parts are the opening (title page, imprint, contents), the front parts
    (introduction and the like), each text (opening on a right-hand page, its
    folios following the text before) and the back matter with the back cover.
    Each is laid out alone from the same template and stylesheets as the whole
    book, by the `pool`'s workers side by side; a part whose input is unchanged
    since an earlier build comes from the cache, so adding or editing a text lays
    out little. Only the opening depends on the others (its contents give the
    folio where each part begins), so it is laid out last; every other part is
    laid out without knowing where it stands, and its folios are stamped on from a
    folio sheet once every part's page count is known. `done(slug)` is called as
    each text is laid out.
    """
    layouts = Layouts(publication, sources, cache, pool or Inline())
    stamped = f"html {{ string-set: reader-title {css_string(publication.title)}; }}\n" + HIDDEN_FOLIOS
    every_id = block_ids(publication)
    pending: dict[Future[LaidOut], str] = {}
    for text in sorted(publication.texts, key=lambda text: -len(text.body)):  # the longest first
        single = replace(publication, texts=(text,))
        pending[layouts.part(print_html(single, frozenset({"main"})), stamped, block_ids(single))] = text.slug
    back_future = layouts.part(print_html(publication, frozenset({"back"})), stamped, every_id)
    parts_future = (layouts.part(print_html(publication, frozenset({"front-parts"})), stamped, every_id)
                    if publication.front else _done(None))
    front_names = {part_.name for part_ in publication.front}
    entries = [entry.name for entry in publication.contents]
    href = lambda name: CROSS_PART_PREFIX + name if name in entries else f"#{name}"  # noqa: E731
    opening_html = print_html(publication, frozenset({"front"}), href)
    # How many pages the opening takes does not depend on the folios its contents print.
    probe = layouts.part(opening_html, contents_numbers({name: "0" for name in entries}), every_id)

    laid_out: dict[str, LaidOut] = {}
    for future in as_completed(pending):
        laid_out[pending[future]] = future.result()
        if done is not None:
            done(pending[future])
    back, front_parts = back_future.result(), parts_future.result()
    texts: list[tuple[int, LaidOut]] = []
    folio = 1
    for text in publication.texts:
        texts.append((folio, laid_out[text.slug]))
        folio = next_right(folio + laid_out[text.slug].page_count)
    body = [*texts, (folio, back)]
    targets = {text.slug: str(start) for text, (start, _) in zip(publication.texts, texts, strict=True)}
    targets.update({name: str(folio + page) for name, page in back.anchors.items()})
    sheets = [layouts.folios(start, laid.page_count) for start, laid in body]

    opening_pages = probe.result().page_count
    for _ in range(3):  # the probe's page count is right unless a folio's width breaks a line
        parts_start = next_right(opening_pages + 1)
        if front_parts is not None:
            targets.update({name: roman(parts_start + page) for name, page in front_parts.anchors.items()
                            if name in front_names})
        opening = layouts.part(opening_html, contents_numbers(targets), every_id).result()
        if opening.page_count == opening_pages:
            break
        opening_pages = opening.page_count

    joined: list[PartPdf] = [PartPdf(opening.pdf)]
    starts = [PageStart(roman(s.page + 1), s.block_id, s.word) for s in opening.page_starts]
    at = opening.page_count  # pages so far
    if front_parts is not None:
        sheet = layouts.folios(parts_start, front_parts.page_count, "front").result()
        joined.append(PartPdf(front_parts.pdf, blanks_before=parts_start - 1 - at, stamp=sheet,
                              stamped=front_parts.folios))
        starts.extend(PageStart(roman(parts_start + s.page), s.block_id, s.word) for s in front_parts.page_starts)
        at = parts_start - 1 + front_parts.page_count
    first_arabic = next_right(at + 1) - 1  # the first text opens on a right-hand page
    openings = []
    for (start, laid), sheet_future in zip(body, sheets, strict=True):
        index = first_arabic + start - 1
        joined.append(PartPdf(laid.pdf, blanks_before=index - at, stamp=sheet_future.result(),
                              stamped=laid.folios))
        starts.extend(PageStart(str(start + s.page), s.block_id, s.word) for s in laid.page_starts)
        openings.append(index)
        at = index + laid.page_count
    pdf = join_parts(joined, page_labels=((0, "r"), (first_arabic, "D")) if texts else ((0, "r"),))
    return PrintEdition(
        pdf=pdf,
        page_count=at,
        page_starts=tuple(starts),
        openings=tuple(openings[:-1]),
    )
