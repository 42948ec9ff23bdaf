"""Impose the print edition for a copy shop: reading-order pages -> booklet sheets, with pdfimpose.

Two pages a side (A5 on A4): saddle stitch. The sheets are landscape; print them
duplex, flipping on the short edge, fold the stack in half and staple on the fold.

Four pages a side (A6 on A4): cut, stack, fold. The sheets are portrait; print
them duplex, flipping on the long edge, cut the stack across the middle, lay the
top half on the bottom half, fold and staple: one saddle-stitched booklet.

Either way, blank pages are added before the last page (the back cover), so that
the page count fills whole sheets. The file identifier that the PDF writer draws at
random is replaced by one computed from the content, so that two builds of the same
sources give the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass

from pdfimpose.pdf import Reader
from pdfimpose.schema import Margins, cutstackfold, saddle

MM = 72 / 25.4
# Paper sheets, portrait, in PDF points.
SHEETS = {
    "A3": (297 * MM, 420 * MM),
    "A4": (210 * MM, 297 * MM),
    "A5": (148 * MM, 210 * MM),
    "letter": (612.0, 792.0),
    "tabloid": (792.0, 1224.0),
}


@dataclass(frozen=True)
class Booklet:
    """The imposed booklet, ready to print duplex."""

    pdf: bytes
    sheet: str  # the paper, by name: "A4"
    pages_per_side: int  # 2 (saddle stitch) or 4 (cut, stack, fold)
    sides: int  # pages of the booklet PDF: both sides of every sheet

    @property
    def sheets(self) -> int:
        """Sheets of paper to print on."""
        return self.sides // 2

    @property
    def flip(self) -> str:
        """The duplex setting that puts each page's back where it belongs."""
        return "short edge" if self.pages_per_side == 2 else "long edge"


def pages_per_side(page: tuple[float, float], sheet: tuple[float, float]) -> int:
    """How many pages of size `page` fill one side of `sheet` (2 or 4)."""
    ratio = (sheet[0] * sheet[1]) / (page[0] * page[1])
    count = 2 if ratio < 3 else 4
    if not 0.95 < ratio / count < 1.1:
        raise ValueError(f"pages of {page[0]:.0f}x{page[1]:.0f} pt do not fill a sheet of "
                         f"{sheet[0]:.0f}x{sheet[1]:.0f} pt two or four to a side")
    return count


def booklet_pdf(pdf: bytes, sheet: str) -> bytes:
    """The booklet's PDF (see `impose_booklet`)."""
    return impose_booklet(pdf, sheet).pdf


def impose_booklet(pdf: bytes, sheet: str) -> Booklet:
    """Impose `pdf` (pages in reading order, the back cover last) on sheets of paper `sheet`."""
    width, height = SHEETS[sheet]
    with Reader([io.BytesIO(pdf)]) as reader:
        page = reader.size
    count = pages_per_side(page, (width, height))
    output = io.BytesIO()
    if count == 2:  # one spread on a landscape sheet, centred
        margins = Margins(
            top=(width - page[1]) / 2, bottom=(width - page[1]) / 2,
            left=(height - 2 * page[0]) / 2, right=(height - 2 * page[0]) / 2,
        )
        saddle.impose([io.BytesIO(pdf)], output, signature=(2, 1), omargin=margins, last=1)
    else:  # two spreads, one above the other, on a portrait sheet, centred
        margins = Margins(
            top=(height - 2 * page[1]) / 2, bottom=(height - 2 * page[1]) / 2,
            left=(width - 2 * page[0]) / 2, right=(width - 2 * page[0]) / 2,
        )
        cutstackfold.impose([io.BytesIO(pdf)], output, signature=(1, 2), omargin=margins, last=1)
    data = stable_identifier(output.getvalue())
    with Reader([io.BytesIO(data)]) as imposed:
        sides = len(imposed)
    return Booklet(pdf=data, sheet=sheet, pages_per_side=count, sides=sides)


# The trailer's /ID: two hex strings, or (as PyMuPDF may write them) literal strings.
_ID_STRING = rb"(<[0-9A-Fa-f]*>|\((?:\\.|[^\\)])*\))"
TRAILER_ID = re.compile(rb"/ID\s*\[\s*" + _ID_STRING + rb"\s*" + _ID_STRING + rb"\s*\]", re.DOTALL)


def stable_identifier(pdf: bytes) -> bytes:
    """`pdf` with its trailer's /ID computed from its content, so that two builds give the same bytes.

    The trailer comes after the cross-reference data it would shift, so offsets hold.
    """
    matches = list(TRAILER_ID.finditer(pdf))
    if not matches:
        return pdf
    last = matches[-1]
    digest = hashlib.md5(pdf[: last.start()], usedforsecurity=False).hexdigest().upper().encode()
    return pdf[: last.start()] + b"/ID[<" + digest + b"><" + digest + b">]" + pdf[last.end():]
