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

For a booklet the page count is a multiple of the pages one sheet carries
(`sheet_pages`: 4 for two pages a side), and the plan, not the imposition,
puts the blank pages that makes: a part that may open on either side (the back
matter) opens on a left-hand page where that saves blanks, and where blanks
remain they go before the back matter or the back cover (the last part, always
on a left-hand page). Of the plans with the fewest pages the one chosen has no
run of three blank pages, no folded sheet carrying only one printed page, and
the fewest parts opening on the left (`plan_pages`).

Eight pages a sheet (A6 on A4) may leave up to seven blanks to place, more than
the back matter can hold apart: when every such plan has a run of three blanks
or a sheet with one printed page, a blank leaf (two pages: a text still opens on
the right) goes before a part that opens on the right straight after a left-hand
page, the latest one that mends it, at most MOST_LEAVES of them; the blanks
before the back cover are that many fewer.
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

MOST_BLANKS = 3  # blank pages a part that may open on either side is tried with before it
SEARCHED = 4  # parts that may open on either side (the last ones), at most, whose every placing is tried
MOST_LEAVES = 2  # blank leaves (two blank pages) before parts opening on the right, at most
LEAF_PLACES = 6  # the places a leaf is tried at, at most (the last ones)


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
    either_side: bool = False  # may open on a left-hand page instead, when that saves blank pages
    opens_left: bool = False  # on a left-hand page (the back cover), after blank pages if need be


@dataclass(frozen=True)
class Placed:
    """Where a part stands in the edition."""

    index: int  # its first page, 0-based in the edition
    pages: int
    blanks_before: int  # blank pages between the part before and this one
    first_folio: int  # the folio of its first page, as a number
    numbering: Numbering

    @property
    def on_left(self) -> bool:
        """Whether the part opens on a left-hand page (an odd index)."""
        return self.index % 2 == 1

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


def plan_pages(parts: Sequence[PartPages], sheet_pages: int = 1) -> PagePlan:
    """Place `parts` one after another, in a multiple of `sheet_pages` (see the module's description).

    Each part opens at the first page its side allows; a part that may open on
    either side may have up to `MOST_BLANKS` blank pages before it instead, and
    the one that opens on the left (the back cover) as many as fill a sheet. Of
    every such placing the best is kept: the fewest pages, then no run of three
    blanks, no sheet with one printed page, the fewest parts on the left, the
    fewest blanks before the last part. Only when the best has a run of three
    blanks or a sheet with one printed page are blank leaves tried (see the module's
    description).
    """
    free = [number for number, part in enumerate(parts) if part.either_side or part.opens_left]
    free = free[-SEARCHED:]  # the last ones: the back matter and the back cover
    start = free[0] if free else len(parts)
    best = _best(parts, sheet_pages, start, free, ())
    if sheet_pages == 1 or best is None or not _broken(parts, best):
        if best is None:  # nothing fills whole sheets: the plan as it comes, the imposition pads it
            best = _placed(parts, {}, (), ())
            assert best is not None
        return best
    # Where a blank leaf may go: before a part opening on the right whose page before is a left-hand
    # one (after a right-hand page it would make three blanks with the one already there).
    opening = _placed(parts[:start], {}, (), ())
    assert opening is not None
    candidates = [number for number, part in enumerate(opening.parts)
                  if number and parts[number].opens_right and not part.blanks_before][-LEAF_PLACES:]
    broken = _broken(parts, best)
    for count in range(1, MOST_LEAVES + 1):
        for leaves in itertools.combinations(reversed(candidates), count):  # the latest first
            plan = _best(parts, sheet_pages, start, free, leaves)
            if plan is not None and plan.page_count == best.page_count and _broken(parts, plan) < broken:
                best, broken = plan, _broken(parts, plan)
                if not broken:
                    return best
    return best


def _broken(parts: Sequence[PartPages], plan: PagePlan) -> int:
    """How many of the two rules `plan` breaks: a run of three blanks, a sheet with one printed page."""
    run, lonely, *_ = _score(parts, plan)
    return int(run) + int(lonely > 0)


def _best(parts: Sequence[PartPages], sheet_pages: int, start: int, free: Sequence[int],
          leaves: Sequence[int]) -> PagePlan | None:
    """The best plan of whole sheets with blank leaves before `leaves` (part numbers before `start`,
    from where the free parts, `free`, are tried at every placing), or None if none fills them."""
    before = _placed(parts[:start], {}, (), leaves)
    if before is None:
        return None  # a leaf would make a part open on the wrong side
    tail = parts[start:]
    tried = [range(sheet_pages + 2) if parts[number].opens_left else range(MOST_BLANKS + 1)
             for number in free]
    plans = [plan for extra in itertools.product(*tried)
             if (plan := _placed(tail, {n - start: b for n, b in zip(free, extra, strict=True)},
                                 before.parts, ())) is not None]
    whole = [plan for plan in plans if plan.page_count % sheet_pages == 0]
    if not whole:
        return None
    fewest = min(plan.page_count for plan in whole)
    return min((plan for plan in whole if plan.page_count == fewest), key=lambda plan: _score(parts, plan))


def _placed(
    parts: Sequence[PartPages], blanks: Mapping[int, int], before: Sequence[Placed], leaves: Sequence[int]
) -> PagePlan | None:
    """The parts placed after those placed `before`, with `blanks[n]` blank pages before `parts[n]`
    (if given) where its side allows them, else as few as its side needs, and a blank leaf more
    before each of `leaves` (it must need no blank of its own); None if a part that must open on
    one side would not, or a leaf would make three blanks."""
    placed = list(before)
    at = placed[-1].end if placed else 0  # the index of the next free page
    # The index of the first page of the current numbering.
    numbering_from = placed[-1].index - placed[-1].first_folio + 1 if placed else 0
    for number, part in enumerate(parts):
        if part.opens_left:
            index = at + blanks.get(number, 1 - at % 2)
            if index % 2 == 0:
                return None
        elif number in blanks:  # a part that may open on either side
            index = at + blanks[number]
            if index % 2 and index != at:
                return None  # on a left-hand page only straight after the part before, to save a blank
        else:
            index = next_right(at) if part.opens_right else at
            if number in leaves:
                if index != at:
                    return None
                index += 2
        if not placed or placed[-1].numbering is not part.numbering:
            numbering_from = index
        placed.append(Placed(index, part.pages, index - at, index - numbering_from + 1, part.numbering))
        at = index + part.pages
    return PagePlan(tuple(placed))


def _score(parts: Sequence[PartPages], plan: PagePlan) -> tuple[int, ...]:
    """What makes a plan worse, most important first (see `plan_pages`)."""
    count = plan.page_count
    printed = [False] * count
    for part in plan.parts:
        printed[part.index:part.end] = [True] * part.pages
    runs = longest = 0
    for page in printed:
        runs = 0 if page else runs + 1
        longest = max(longest, runs)
    lonely = sum(1 for sheet in folded_sheets(count) if sum(printed[page] for page in sheet) <= 1)
    on_left = sum(1 for part, placed in zip(parts, plan.parts, strict=True)
                  if part.opens_right and placed.on_left)
    last = plan.parts[-1].blanks_before if plan.parts else 0
    return (longest >= 3, lonely, on_left, last,
            sum(part.blanks_before for part in plan.parts[:-1]))


def folded_sheets(count: int) -> list[tuple[int, ...]]:
    """The pages (0-based) each folded sheet of a saddle-stitched booklet of `count` pages carries
    (a cut-stack-fold booklet folds its half sheets the same way): the outermost first."""
    pages = count + (-count) % 4
    return [tuple(page for page in (2 * k, 2 * k + 1, pages - 2 - 2 * k, pages - 1 - 2 * k) if page < count)
            for k in range(pages // 4)]


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
