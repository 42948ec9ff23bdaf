"""Impose the print edition for a copy shop: reading-order pages -> booklet sheets, with pdfimpose.

Two pages a side (A5 on A4): saddle stitch. The sheets are landscape; print them
duplex, flipping on the short edge, fold the stack in half and staple on the fold.

Four pages a side (A6 on A4): cut, stack, fold. The sheets are portrait; print
them duplex, flipping on the long edge, cut the stack across the middle, lay the
top half on the bottom half, fold and staple: one saddle-stitched booklet.

Either way the page count fills whole sheets: the page plan makes it a multiple of
`sheet_pages`, with its blank pages where a designer puts them (`render/plan.py`);
should it not, pdfimpose's blank pages are added before the last page (the back cover).

pdfimpose decides where each page goes (its saddle and cut-stack-fold schemas,
margins and blank pages); the pages are drawn with pikepdf, through pdfimpose's
own hooks for reading and writing (`open_pdf`, `write`), instead of its PyMuPDF
backend: each page becomes a form XObject placed on its sheet, without PyMuPDF's
scanning and recompressing of every page (a 1,500-page reader: 2.6 s instead of
7). The build imposes the reading edition's pages as they are joined, in memory
(`edition_and_booklet`): imposing the parts in a second process beside the join
saved a second at 1,500 pages, but opening every part again took 400 MB more.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import pikepdf
from pdfimpose.schema import Margins
from pdfimpose.schema.cutstackfold import CutStackFoldImpositor
from pdfimpose.schema.saddle import SaddleImpositor

from pamphleteer.render.assemble import PartPdf, joined, saved

MM = 72 / 25.4
# The page sizes of publication.toml's print.page_size, portrait, in PDF points.
PAGES = {
    "A5": (148 * MM, 210 * MM),
    "A6": (105 * MM, 148 * MM),
    "half-letter": (396.0, 612.0),
    "letter": (612.0, 792.0),
}
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


def sheet_pages(page_size: str, sheet: str) -> int:
    """How many pages of `page_size` one sheet `sheet` carries, both sides (4 or 8): the multiple
    the print edition's page count is planned to (`render/plan.py`), so that no page is padded."""
    return 2 * pages_per_side(PAGES[page_size], SHEETS[sheet])


class PageReader(contextlib.AbstractContextManager["PageReader"]):
    """The pages to impose, as pdfimpose reads them (None: a blank page it adds to fill the sheets)."""

    def __init__(self, pages: Sequence[pikepdf.Page]):
        self.pages = list(pages)
        self.blanks, self.blanks_at = 0, len(self.pages)

    def set_final_blank_pages(self, number: int, position: int) -> None:
        self.blanks, self.blanks_at = number, position

    @property
    def size(self) -> tuple[float, float]:
        box = self.pages[0].mediabox
        return float(box[2]) - float(box[0]), float(box[3]) - float(box[1])

    def __len__(self) -> int:
        return len(self.pages) + self.blanks

    def __getitem__(self, index: int) -> pikepdf.Page | None:
        if self.blanks_at <= index < self.blanks_at + self.blanks:
            return None
        return self.pages[index - self.blanks if index >= self.blanks_at else index]

    def __exit__(self, *exception: object) -> None:
        pass


class SheetWriter:
    """Draws the sheets pdfimpose lays out: each page a form XObject, placed where it says."""

    def __init__(self) -> None:
        self.pdf = pikepdf.new()

    def new_page(self, width: float, height: float) -> int:
        self.pdf.add_blank_page(page_size=(width, height))
        return len(self.pdf.pages) - 1

    def insert(self, number: int, source: pikepdf.Page, topleft: tuple[float, float], rotate: int) -> None:
        """Place `source` with its top left corner at `topleft` (from the sheet's top left)."""
        if rotate % 360:
            raise ValueError(f"pages are imposed upright, not turned by {rotate} degrees")
        sheet = self.pdf.pages[number]
        left, bottom, _, top = (float(value) for value in source.mediabox)
        x = topleft[0] - left
        y = float(sheet.mediabox[3]) - topleft[1] - (top - bottom) - bottom
        placed: pikepdf.Object | dict[str, pikepdf.Object] = sheet.obj.Resources.get("/XObject", {})
        # Named in order, not with add_resource's random names: the same bytes each build.
        name = pikepdf.Name(f"/Page{len(placed)}")
        sheet.add_resource(self.pdf.copy_foreign(source.as_form_xobject()), pikepdf.Name.XObject, name)
        sheet.contents_add(pikepdf.Stream(self.pdf, f"q 1 0 0 1 {x:.4f} {y:.4f} cm {name} Do Q\n".encode()))

    def set_metadata(self, reader: PageReader) -> None:
        pass  # the booklet's document information is set by `impose_pages`


class _Drawn:
    """pdfimpose's reading and writing hooks, with `PageReader` and `SheetWriter`."""

    @staticmethod
    def open_pdf(files: PageReader) -> PageReader:
        return files

    @staticmethod
    @contextlib.contextmanager
    def write(output: SheetWriter) -> Iterator[SheetWriter]:
        yield output


class _Saddle(_Drawn, SaddleImpositor):
    pass


class _CutStackFold(_Drawn, CutStackFoldImpositor):
    pass


def placement(page: tuple[float, float], sheet: str) -> tuple[int, Margins]:
    """Pages a side (see `pages_per_side`) and the sheet's margins that centre them: two (a spread
    on a landscape sheet) or four (two spreads, one above the other, on a portrait sheet)."""
    width, height = SHEETS[sheet]
    count = pages_per_side(page, (width, height))
    if count == 2:
        width, height = height, width  # landscape
    across, down = (2, 1) if count == 2 else (2, 2)
    left_right, top_bottom = (width - across * page[0]) / 2, (height - down * page[1]) / 2
    return count, Margins(top=top_bottom, bottom=top_bottom, left=left_right, right=left_right)


def edition_and_booklet(parts: Sequence[PartPdf], page_labels: Sequence[tuple[int, str]],
                        sheet: str) -> tuple[bytes, bytes]:
    """The parts joined into the reading edition (`render/assemble.py`), and its pages imposed on
    sheets `sheet`, from the same joining."""
    target = joined(parts, page_labels)
    return saved(target), impose_pages(list(target.pages), sheet, target.docinfo.get("/Title")).pdf


def impose_booklet(pdf: bytes, sheet: str) -> Booklet:
    """Impose `pdf` (pages in reading order, the back cover last) on sheets of paper `sheet`."""
    with pikepdf.open(io.BytesIO(pdf)) as source:
        return impose_pages(list(source.pages), sheet, source.docinfo.get("/Title"))


def impose_pages(pages: Sequence[pikepdf.Page], sheet: str, title: object = None) -> Booklet:
    """Impose `pages` (in reading order, the back cover last) on sheets of paper `sheet`."""
    reader = PageReader(pages)
    count, margins = placement(reader.size, sheet)
    writer = SheetWriter()
    if count == 2:
        _Saddle(omargin=margins, last=1, folds="h").impose(reader, writer)
    else:
        _CutStackFold(omargin=margins, last=1, signature=(1, 2)).impose(reader, writer)
    if title is not None:
        writer.pdf.docinfo.Title = title
    output = io.BytesIO()
    # A file for the copy shop: zlib's fastest level (half the time, a sixth larger), then its default
    # again for the rest of the process (pikepdf has one setting for all).
    pikepdf.settings.set_flate_compression_level(1)
    try:
        writer.pdf.save(output, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    finally:
        pikepdf.settings.set_flate_compression_level(-1)
    return Booklet(pdf=output.getvalue(), sheet=sheet, pages_per_side=count, sides=len(writer.pdf.pages))
