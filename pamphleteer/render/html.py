"""Render the web edition: one self-contained HTML5 file with its CSS inline."""

from __future__ import annotations

from pamphleteer.model import Publication
from markupsafe import Markup

from pamphleteer.render.markup import LinkStyle, PageMarks, PageStart
from pamphleteer.render.templates import block_writer, read_style, render_template


def page_marker(label: str) -> Markup:
    """A print page break: "p. 12" in the margin, announced as a page break."""
    return Markup(
        '<span class="page-break" role="doc-pagebreak" id="page-{0}" aria-label="Page {0}">p.&#160;{0}</span>'
    ).format(label)


def render_html(publication: Publication, page_starts: tuple[PageStart, ...] = ()) -> bytes:
    """The publication as one HTML page, with the print edition's page numbers marked."""
    html = render_template(
        "html/page.html",
        pub=publication,
        write=block_writer(LinkStyle.LIVE, PageMarks.from_starts(page_starts, page_marker)),
        href=lambda name: f"#{name}",
        css=read_style("web.css"),
    )
    return html.encode("utf-8")
