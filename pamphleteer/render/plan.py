"""Plan the print edition's pages from numbers alone: where each part opens, and its folios.

The print edition is a run of parts, each laid out alone (`render/pdf.py`): the
opening (title page and imprint), the contents, the front parts, each text and
each part of the back matter. Given each part's page count, whether it must open
on a right-hand page and how its pages are numbered, `plan_pages` says where it
begins in the edition, how many blank pages come before it and the folio printed
on each of its pages; the edition's page count and page labels follow. Nothing
here lays anything out, so all of it is tested without WeasyPrint.

The first page of the edition is a right-hand page, so a part opening on a
right-hand page begins at an even page index. Roman folios number the front
matter from its first page (i, ii, …); arabic folios start again at 1 on the
first page numbered in arabic (the first text).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


class Numbering(enum.Enum):
    """How a part's folios are printed; the value is the PDF page label style."""

    ROMAN = "r"  # i, ii, iii, … (the front matter)
    ARABIC = "D"  # 1, 2, 3, … (the texts and the back matter)


@dataclass(frozen=True)
class PartPages:
    """A part as the plan sees it: how many pages it has, how they are numbered, where it opens."""

    pages: int
    numbering: Numbering = Numbering.ARABIC
    opens_right: bool = True  # on a right-hand page, after a blank page if need be


@dataclass(frozen=True)
class Placed:
    """Where a part stands in the edition."""

    index: int  # its first page, 0-based in the edition
    pages: int
    blanks_before: int  # blank pages between the part before and this one
    first_folio: int  # the folio of its first page, as a number
    numbering: Numbering

    @property
    def end(self) -> int:
        """The index of the page after its last."""
        return self.index + self.pages

    def folio(self, page: int = 0) -> str:
        """The folio printed on page `page` (0-based) of the part: "7", "iv"."""
        number = self.first_folio + page
        return roman(number) if self.numbering is Numbering.ROMAN else str(number)


@dataclass(frozen=True)
class PagePlan:
    """Every part's place in the edition, in order, and what follows from them."""

    parts: tuple[Placed, ...]

    @property
    def page_count(self) -> int:
        return self.parts[-1].end if self.parts else 0

    @property
    def labels(self) -> tuple[tuple[int, str], ...]:
        """The PDF's page labels: (first page index, style) where each numbering begins."""
        labels: list[tuple[int, str]] = []
        for part in self.parts:
            if not labels or labels[-1][1] != part.numbering.value:
                labels.append((part.index, part.numbering.value))
        return tuple(labels)


def plan_pages(parts: Sequence[PartPages]) -> PagePlan:
    """Place `parts` one after another (see the module's description)."""
    placed: list[Placed] = []
    at = 0  # the index of the next free page
    numbering_from = 0  # the index of the first page of the current numbering
    for part in parts:
        index = next_right(at) if part.opens_right else at
        if not placed or placed[-1].numbering is not part.numbering:
            numbering_from = index
        placed.append(Placed(index, part.pages, index - at, index - numbering_from + 1, part.numbering))
        at = index + part.pages
    return PagePlan(tuple(placed))


def next_right(index: int) -> int:
    """The first right-hand page (an even index: the edition opens on one) at or after `index`."""
    return index + index % 2


def entry_folios(part: Placed, anchors: Mapping[str, int], names: Sequence[str] = ()) -> dict[str, str]:
    """The folio of each of `names` found in the part's `anchors` (name -> page of the part)."""
    return {name: part.folio(anchors[name]) for name in names if name in anchors}


def roman(number: int) -> str:
    """`number` in lower-case roman numerals, as the front matter's folios are printed."""
    digits = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
              (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
    out = []
    for value, letters in digits:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)
