"""Render the print edition: the publication as a tagged PDF (PDF/UA-1), laid out by WeasyPrint.

The print template is filled with the publication, the print stylesheets are
loaded with one shared `FontConfiguration` (so the vendored fonts are embedded),
and WeasyPrint lays out and writes the PDF. WeasyPrint may only read files
inside the project's `styles/` and the publication's sources folder.

The PDF's page labels follow the printed folios (i, ii, … for the front matter,
then 1, 2, … from the first text), so a viewer's "page 3" is the printed page 3.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import pydyf
import weasyprint
from weasyprint.document import Document
from weasyprint.text.fonts import FontConfiguration

from pamphleteer.model import Publication
from pamphleteer.render.markup import LinkStyle, PageStart
from pamphleteer.render.fetch import ConfinedFetcher
from pamphleteer.render.pagemap import block_ids, page_starts
from pamphleteer.render.templates import STYLES, block_writer, read_style, render_template

LOGGER = logging.getLogger(__name__)
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


def size_style(page_size: str) -> str:
    """The page size rule, and `styles/print-<size>.css` (margins and type for that size) if any."""
    extra = STYLES / f"print-{page_size}.css"
    rules = f"\n@page {{ size: {PAGE_SIZES[page_size]}; }}\n"
    return rules + (read_style(extra.name) if extra.is_file() else "")


def print_html(publication: Publication) -> str:
    """The print edition as one HTML document (before layout)."""
    return render_template(
        "print/book.html",
        pub=publication,
        write=block_writer(LinkStyle.FOOTNOTE),
        href=lambda name: f"#{name}",
    )


def render_pdf(publication: Publication, sources: Path) -> PrintEdition:
    """Lay out the publication and write it as a tagged PDF (PDF/UA-1)."""
    fetcher = ConfinedFetcher((STYLES, sources))
    fonts = FontConfiguration()
    stylesheets = [
        weasyprint.CSS(
            string=read_style("fonts/fonts-print.css"),
            base_url=str(STYLES / "fonts") + "/",
            url_fetcher=fetcher,
            font_config=fonts,
        ),
        weasyprint.CSS(
            string=read_style("print.css") + size_style(publication.settings.print.page_size),
            base_url=str(STYLES) + "/",
            url_fetcher=fetcher,
            font_config=fonts,
        ),
    ]
    html = weasyprint.HTML(
        string=print_html(publication), base_url=str(sources) + "/", url_fetcher=fetcher
    )
    document = html.render(font_config=fonts, stylesheets=stylesheets, pdf_tags=True)
    document = keep_notes_with_their_calls(document, html, stylesheets, fonts)
    openings = opening_pages(document, tuple(text.slug for text in publication.texts))
    first_arabic = openings[0] if openings else len(document.pages)
    pdf = document.write_pdf(
        pdf_variant="pdf/ua-1", finisher=lambda _document, pdf: label_pages(pdf, first_arabic)
    )
    starts = page_starts(document, html.etree_element, block_ids(publication))
    return PrintEdition(pdf=pdf, page_count=len(document.pages), page_starts=starts, openings=openings)


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


def opening_pages(document: Document, anchors: tuple[str, ...]) -> tuple[int, ...]:
    """The page (0-based) where each anchor (a text's id) first is: a text's anchor is on every page it spans."""
    where: dict[str, int] = {}
    for index, page in enumerate(document.pages):
        for name in page.anchors:
            where.setdefault(name, index)
    return tuple(where[name] for name in anchors if name in where)


def label_pages(pdf: pydyf.PDF, first_arabic: int) -> None:
    """Label the pages as they are numbered in print: roman before `first_arabic`, then arabic from 1."""
    numbers = pydyf.Array([0, pydyf.Dictionary({"S": "/r"})])
    if first_arabic > 0:
        numbers.extend([first_arabic, pydyf.Dictionary({"S": "/D"})])
    else:
        numbers[1] = pydyf.Dictionary({"S": "/D"})
    pdf.catalog["PageLabels"] = pydyf.Dictionary({"Nums": numbers})
