"""Render PDF pages to PNG images with pypdfium2 (previews, the ebook cover)."""

from __future__ import annotations

import io

import pypdfium2


def page_png(pdf: bytes, index: int, width: int) -> bytes:
    """Page `index` (0-based) of `pdf` as a PNG `width` pixels wide."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[index]
        scale = width / page.get_width()
        image = page.render(scale=scale).to_pil()
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", optimize=True)
        return buffer.getvalue()
    finally:
        document.close()
