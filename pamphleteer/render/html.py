"""Render the web edition: one self-contained HTML5 file with its CSS inline."""

from __future__ import annotations

from pamphleteer.model import Publication
from pamphleteer.render.markup import LinkStyle
from pamphleteer.render.templates import block_writer, read_style, render_template


def render_html(publication: Publication) -> bytes:
    """The publication as one HTML page."""
    html = render_template(
        "html/page.html",
        pub=publication,
        write=block_writer(LinkStyle.LIVE),
        href=lambda name: f"#{name}",
        css=read_style("web.css"),
    )
    return html.encode("utf-8")
