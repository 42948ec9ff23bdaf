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
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import weasyprint
from weasyprint.document import Document
from weasyprint.formatting_structure import boxes
from weasyprint.text.fonts import FontConfiguration

from pamphleteer.cache import Cache, digest
from pamphleteer.model import Publication
from pamphleteer.render.assemble import CROSS_PART_PREFIX, PartPdf, join_parts
from pamphleteer.render.markup import LinkStyle, PageStart
from pamphleteer.render.fetch import ConfinedFetcher
from pamphleteer.render.pagemap import Start, block_ids, page_starts
from pamphleteer.render.templates import STYLES, block_writer, read_style, render_template

LOGGER = logging.getLogger(__name__)
# Texts and back matter are laid out without knowing their first folio: their folios are laid out
# (so each page knows whether it has one) but not drawn, and stamped on from a folio sheet.
HIDDEN_FOLIOS = "@page { @bottom-center { visibility: hidden; } }\n"
FOLIO_SHEET = "<!DOCTYPE html><html><body>{pages}</body></html>"
FOLIO_SHEET_CSS = (
    "@page :first {{ counter-set: page {first}; }}\n"
    "@page :left {{ @top-center {{ content: none; }} }}\n"
    "@page :right {{ @top-center {{ content: none; }} }}\n"
    "body > div + div {{ break-before: page; }}\n"
)
NOTE_PASSES = 3  # layouts at most, after the first, to bring footnotes back to their calls
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


SECTIONS = frozenset({"front", "main", "back"})


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
    """One part of the print edition, laid out alone."""

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


class Typesetter:
    """WeasyPrint set up for one publication: fonts, stylesheets and the confined fetcher."""

    def __init__(self, publication: Publication, sources: Path):
        self.sources = sources
        self.fetcher = ConfinedFetcher((STYLES, sources))
        self.fonts = FontConfiguration()
        self.css = (
            read_style("fonts/fonts-print.css"),
            read_style("print.css") + size_style(publication.settings.print.page_size),
        )
        self.stylesheets = [
            weasyprint.CSS(string=self.css[0], base_url=str(STYLES / "fonts") + "/",
                           url_fetcher=self.fetcher, font_config=self.fonts),
            weasyprint.CSS(string=self.css[1], base_url=str(STYLES) + "/",
                           url_fetcher=self.fetcher, font_config=self.fonts),
        ]

    def lay_out(self, html_string: str, extra_css: str, ids: frozenset[str]) -> LaidOut:
        """Lay out one HTML document, with `extra_css` telling it where it stands in the book."""
        html = weasyprint.HTML(string=html_string, base_url=str(self.sources) + "/", url_fetcher=self.fetcher)
        stylesheets = [*self.stylesheets, weasyprint.CSS(string=extra_css, font_config=self.fonts)]
        document = html.render(font_config=self.fonts, stylesheets=stylesheets, pdf_tags=True)
        document = keep_notes_with_their_calls(document, html, stylesheets, self.fonts)
        anchors: dict[str, int] = {}
        for index, page in enumerate(document.pages):
            for name in page.anchors:
                anchors.setdefault(name, index)
        return LaidOut(
            pdf=document.write_pdf(pdf_variant="pdf/ua-1"),
            page_count=len(document.pages),
            page_starts=page_starts(document, html.etree_element, ids),
            anchors=anchors,
            folios=tuple(index for index, page in enumerate(document.pages) if _has_folio(page)),
        )

    def folio_sheet(self, first: int, count: int) -> bytes:
        """`count` pages that carry only their folios, from `first`: stamped on a part's pages.

        The same stylesheets set them, so each folio is where and as WeasyPrint
        would have printed it on that page (page i of the sheet is on the same
        side as page i of the part: both begin on a right-hand page).
        """
        html = weasyprint.HTML(string=FOLIO_SHEET.format(pages="<div></div>" * count))
        extra = weasyprint.CSS(string=FOLIO_SHEET_CSS.format(first=first), font_config=self.fonts)
        document = html.render(font_config=self.fonts, stylesheets=[*self.stylesheets, extra])
        return document.write_pdf()


def _has_folio(page: object) -> bool:
    """Whether the page has a folio (laid out hidden in parts whose folios are stamped)."""
    return any(
        isinstance(box, boxes.MarginBox) and box.at_keyword == "@bottom-center"
        for box in page._page_box.children  # type: ignore[attr-defined]
    )


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


def render_pdf(publication: Publication, sources: Path, cache: Cache | None = None) -> PrintEdition:
    """Lay out the publication part by part and join the parts into one tagged PDF (PDF/UA-1).

    The parts are the front matter (roman folios), each text (each opening on a
    right-hand page, its folios following the text before) and the back matter
    with the back cover. Each is laid out alone from the same template and
    stylesheets as the whole book; a part whose input is unchanged since an earlier
    build comes from the cache, so adding or editing a text lays out little.
    A text's layout does not depend on where it stands: its folios are stamped
    on from a folio sheet once every part's page count is known. The front
    matter is laid out last: its contents give the folio where each text and
    back-matter part begins.
    """
    setter = Typesetter(publication, sources)
    ids = block_ids(publication)
    version = weasyprint.__version__ + "".join(setter.css)

    def part(html_string: str, extra_css: str) -> LaidOut:
        key = digest(version, html_string, extra_css)
        if cache is not None:
            pdf, meta = cache.get("layout", key), cache.get("layout-meta", key)
            if pdf is not None and meta is not None:
                try:
                    return LaidOut.from_cache(pdf, meta)
                except (ValueError, KeyError, TypeError):
                    pass
        laid = setter.lay_out(html_string, extra_css, ids)
        if cache is not None:
            cache.put("layout", key, laid.pdf)
            cache.put("layout-meta", key, laid.to_json())
        return laid

    def sheet(first: int, count: int) -> bytes:
        key = digest(version, str(first), str(count))
        pdf = cache.get("folios", key) if cache is not None else None
        if pdf is None:
            pdf = setter.folio_sheet(first, count)
            if cache is not None:
                cache.put("folios", key, pdf)
        return pdf

    stamped = f"html {{ string-set: reader-title {css_string(publication.title)}; }}\n" + HIDDEN_FOLIOS
    texts: list[tuple[int, LaidOut]] = []
    folio = 1
    for text in publication.texts:
        laid = part(print_html(replace(publication, texts=(text,)), frozenset({"main"})), stamped)
        texts.append((folio, laid))
        folio = next_right(folio + laid.page_count)
    back_folio = folio
    back = part(print_html(publication, frozenset({"back"})), stamped)

    targets = {text.slug: start for text, (start, _) in zip(publication.texts, texts, strict=True)}
    targets.update({name: back_folio + index for name, index in back.anchors.items()})
    front_names = {part_.name for part_ in publication.front}

    def href(name: str) -> str:
        return f"#{name}" if name in front_names or name not in targets else CROSS_PART_PREFIX + name

    numbers = "".join(
        f'nav.contents .contents-list li a[href="{CROSS_PART_PREFIX}{name}"]::after '
        f'{{ content: leader(". ") "{folio_}"; }}\n'
        for name, folio_ in sorted(targets.items())
    )
    front = part(print_html(publication, frozenset({"front"}), href), numbers)

    first_arabic = next_right(front.page_count + 1) - 1  # the first text opens on a right-hand page
    joined: list[PartPdf] = [PartPdf(front.pdf)]
    starts = [PageStart(roman(s.page + 1), s.block_id, s.word) for s in front.page_starts]
    at = front.page_count  # pages so far
    openings = []
    for start, laid in (*texts, (back_folio, back)):
        index = first_arabic + start - 1
        joined.append(PartPdf(laid.pdf, blanks_before=index - at,
                              stamp=sheet(start, laid.page_count), stamped=laid.folios))
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


def keep_notes_with_their_calls(
    document: Document, html: weasyprint.HTML, stylesheets: list[weasyprint.CSS], fonts: FontConfiguration
) -> Document:
    """Lay out again, where needed, so that every footnote is on the page of its call.

    When a line at a page's foot cannot move to the next page alone (orphans and
    widows: 2), WeasyPrint moves the page's last footnote to the next page to make
    room for it. On such a page, the last paragraph (with a heading just before it)
    is sent to the next page instead, the page stays a line or two short, and the
    document is laid out again, as long as that brings notes back (the best layout
    is kept: fewest misplaced notes, then fewest pages).
    """
    moved = pages_with_moved_notes(document)
    best = (len(moved), len(document.pages), document)
    pushed: set[str] = set()
    for _ in range(NOTE_PASSES):
        blocks = {block for block in moved.values() if block} - pushed
        if not blocks:
            break
        pushed |= blocks
        targets = ", ".join(f'[id="{block}"]' for block in sorted(pushed))
        rule = (
            f":is({targets}):not(:is(h3, h4, h5, h6) + *) {{ break-before: page; }}\n"
            f":is(h3, h4, h5, h6):has(+ :is({targets})) {{ break-before: page; }}\n"
        )
        extra = weasyprint.CSS(string=rule, font_config=fonts)
        document = html.render(font_config=fonts, stylesheets=[*stylesheets, extra], pdf_tags=True)
        moved = pages_with_moved_notes(document)
        if (len(moved), len(document.pages)) >= best[:2]:
            break  # no better: pushing paragraphs does not make room for these notes
        best = (len(moved), len(document.pages), document)
    count, _pages, document = best
    if count:
        LOGGER.warning(
            "on %d page(s) of the print edition a link's footnote is printed on the next page, "
            "for lack of room; a larger print.page_size in publication.toml avoids it", count
        )
    return document


def pages_with_moved_notes(document: Document) -> dict[int, str]:
    """Page index -> the last block on it, for each page where a footnote call has no note."""
    found: dict[int, str] = {}
    for index, page in enumerate(document.pages):
        root, *areas = page._page_box.children  # the page's content, then its footnote area if any
        noted = {id(note.element) for area in areas[:1] for note in area.children}
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
        if moved:
            found[index] = last
    return found
