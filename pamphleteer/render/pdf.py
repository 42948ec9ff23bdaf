"""Render the print edition: the publication as a tagged PDF, laid out by WeasyPrint.

The print template is filled with the publication, the print stylesheets are
loaded with one shared `FontConfiguration` (so the vendored fonts are embedded),
and WeasyPrint lays out and writes the PDF. WeasyPrint may only read files
inside the project's `styles/` and the publication's sources folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import weasyprint
from weasyprint.text.fonts import FontConfiguration

from pamphleteer.model import Publication
from pamphleteer.render.markup import LinkStyle, PageStart
from pamphleteer.render.fetch import ConfinedFetcher
from pamphleteer.render.pagemap import block_ids, page_starts
from pamphleteer.render.templates import STYLES, block_writer, read_style, render_template

PAGE_SIZES = {"A5": "A5", "A6": "A6", "half-letter": "5.5in 8.5in", "letter": "letter"}


@dataclass(frozen=True)
class PrintEdition:
    """The laid-out PDF, and where each of its pages begins in the text."""

    pdf: bytes
    page_count: int
    page_starts: tuple[PageStart, ...] = ()  # for the print page markers of the other editions


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
            string=read_style("fonts/fonts-print.css"),
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
    pdf = document.write_pdf(pdf_variant="pdf/ua-1")
    starts = page_starts(document, html.etree_element, block_ids(publication))
    return PrintEdition(pdf=pdf, page_count=len(document.pages), page_starts=starts)
