"""Render PDF pages to PNG images with pypdfium2 (previews, the ebook cover)."""

from __future__ import annotations

import io
from collections.abc import Sequence

import pypdfium2
from PIL import Image  # pypdfium2's image type

PREVIEW_BACKGROUND = (214, 211, 204)  # a table top, so that white pages stand out
PREVIEW_GAP = 24  # pixels around and between pages


def page_png(pdf: bytes, index: int, width: int) -> bytes:
    """Page `index` (0-based) of `pdf` as a PNG `width` pixels wide."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        return _png(_render(document, index, width))
    finally:
        document.close()


def preview_png(pdf: bytes, indexes: Sequence[int], page_width: int) -> bytes:
    """Pages `indexes` (0-based) of `pdf` side by side, each `page_width` pixels wide, as one PNG."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        pages = [_render(document, index, page_width) for index in indexes if index < len(document)]
    finally:
        document.close()
    height = max(page.height for page in pages)
    width = sum(page.width for page in pages) + PREVIEW_GAP * (len(pages) + 1)
    sheet = Image.new("RGB", (width, height + 2 * PREVIEW_GAP), PREVIEW_BACKGROUND)
    left = PREVIEW_GAP
    for page in pages:
        sheet.paste(page, (left, PREVIEW_GAP))
        left += page.width + PREVIEW_GAP
    return _png(sheet)


def _render(document: pypdfium2.PdfDocument, index: int, width: int) -> Image.Image:
    page = document[index]
    try:
        image: Image.Image = page.render(scale=width / page.get_width()).to_pil()
        return image.convert("RGB")
    finally:
        page.close()


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=6)  # `optimize` saves 5% for 2.5 times the time
    return buffer.getvalue()


COVER_SIZE = (1600, 2560)  # pixels: what ebook stores ask a cover for (1:1.6)


def cover_image(html: str) -> bytes:
    """The ebook cover drawn from `html` (a page `COVER_SIZE` CSS pixels large) as a PNG of that size,
    set with the vendored fonts only."""
    import weasyprint

    from pamphleteer.render.fetch import ConfinedFetcher
    from pamphleteer.render.templates import STYLES

    fonts = weasyprint.text.fonts.FontConfiguration()
    fetcher = ConfinedFetcher((STYLES,))
    faces = weasyprint.CSS(filename=str(STYLES / "fonts" / "fonts-print.css"), font_config=fonts,
                           url_fetcher=fetcher)
    pdf = weasyprint.HTML(string=html, base_url=str(STYLES) + "/", url_fetcher=fetcher).write_pdf(
        stylesheets=[faces], font_config=fonts
    )
    return page_png(pdf, 0, COVER_SIZE[0])
