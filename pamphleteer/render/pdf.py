"""Render the print edition: the publication as a tagged PDF (PDF/UA-1), laid out by WeasyPrint.

The print template is filled with the publication, the print stylesheets are
loaded with one shared `FontConfiguration` (so the vendored fonts are embedded),
and WeasyPrint lays out and writes the PDF. WeasyPrint may only read files
inside the project's `styles/` and the publication's sources folder.

The PDF's page labels follow the printed folios (i, ii, … for the front matter,
then 1, 2, … from the first text), so a viewer's "page 3" is the printed page 3.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pydyf
import weasyprint
from weasyprint.document import Document
from weasyprint.text.fonts import FontConfiguration

from pamphleteer.model import Publication
from pamphleteer.render.markup import LinkStyle, PageStart
from pamphleteer.render.fetch import ConfinedFetcher
from pamphleteer.render.templates import STYLES, block_writer, read_style, render_template

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
    page_size = PAGE_SIZES[publication.settings.print.page_size]
    stylesheets = [
        weasyprint.CSS(
            string=read_style("fonts/fonts.css"),
            base_url=str(STYLES / "fonts") + "/",
            url_fetcher=fetcher,
            font_config=fonts,
        ),
        weasyprint.CSS(
            string=read_style("print.css") + f"\n@page {{ size: {page_size}; }}\n",
            base_url=str(STYLES) + "/",
            url_fetcher=fetcher,
            font_config=fonts,
        ),
    ]
    html = weasyprint.HTML(
        string=print_html(publication), base_url=str(sources) + "/", url_fetcher=fetcher
    )
    document = html.render(font_config=fonts, stylesheets=stylesheets, pdf_tags=True)
    openings = opening_pages(document, tuple(text.slug for text in publication.texts))
    first_arabic = openings[0] if openings else len(document.pages)
    pdf = document.write_pdf(
        pdf_variant="pdf/ua-1", finisher=lambda _document, pdf: label_pages(pdf, first_arabic)
    )
    return PrintEdition(pdf=pdf, page_count=len(document.pages), openings=openings)


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
