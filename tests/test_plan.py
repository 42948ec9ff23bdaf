"""The print edition's page plan, from page counts alone: where parts open, blanks, folios, labels."""

from __future__ import annotations

import pytest

from pamphleteer.render.plan import Numbering, PartPages, entry_folios, folded_sheets, plan_pages, roman

R, D = Numbering.ROMAN, Numbering.ARABIC


def opening(title: int = 2, contents: int = 1, front: int | None = None) -> list[PartPages]:
    """The front matter: the title page and imprint (no blank before them), the contents, front parts."""
    parts = [PartPages(title, R, opens_right=False), PartPages(contents, R)]
    return parts + ([PartPages(front, R)] if front is not None else [])


def placed(parts: list[PartPages]) -> list[tuple[int, int, str]]:
    """Each part's first page index, the blank pages before it and its first folio."""
    return [(part.index, part.blanks_before, part.folio()) for part in plan_pages(parts).parts]


CASES = {  # name -> (parts, where each opens: (index, blanks before, first folio), page count)
    "odd texts each need a blank page before the next": (
        [*opening(), PartPages(5), PartPages(3), PartPages(1)],
        [(0, 0, "i"), (2, 0, "iii"), (4, 1, "1"), (10, 1, "7"), (14, 1, "11")], 15,
    ),
    "even texts need none": (
        [*opening(), PartPages(4), PartPages(2), PartPages(6)],
        [(0, 0, "i"), (2, 0, "iii"), (4, 1, "1"), (8, 0, "5"), (10, 0, "7")], 16,
    ),
    "an odd title page and imprint: the contents still open on the right": (
        [*opening(title=3), PartPages(2)],
        [(0, 0, "i"), (4, 1, "v"), (6, 1, "1")], 8,
    ),
    "front parts after the contents, then the texts from folio 1": (
        [*opening(contents=1, front=3), PartPages(5), PartPages(2)],
        [(0, 0, "i"), (2, 0, "iii"), (4, 1, "v"), (8, 1, "1"), (14, 1, "7")], 16,
    ),
    "a part that need not open on the right follows at once": (
        [*opening(), PartPages(3), PartPages(1, opens_right=False)],
        [(0, 0, "i"), (2, 0, "iii"), (4, 1, "1"), (7, 0, "4")], 8,
    ),
    "no front matter: folio 1 is the first page": (
        [PartPages(3), PartPages(2)],
        [(0, 0, "1"), (4, 1, "5")], 6,
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_parts_open_where_the_plan_says(name):
    parts, expected, page_count = CASES[name]
    assert placed(parts) == expected
    assert plan_pages(parts).page_count == page_count


@pytest.mark.parametrize("contents", [1, 2, 3, 4])
def test_longer_contents_move_the_texts_but_never_renumber_them(contents):
    texts = [PartPages(7), PartPages(4), PartPages(1)]
    plan = plan_pages([*opening(contents=contents, front=2), *texts])
    title, shown, front, *rest = plan.parts
    assert [part.folio() for part in rest] == ["1", "9", "13"]  # the folios the contents print
    assert front.folio() == roman(next_odd(3 + contents))  # the front parts' roman folio moves
    assert all(part.index % 2 == 0 for part in plan.parts[1:])  # every part opens on a right page
    assert plan.labels == ((0, "r"), (rest[0].index, "D"))
    assert plan.page_count == rest[-1].index + 1


def next_odd(number: int) -> int:
    return number if number % 2 else number + 1


def test_folios_run_on_through_a_part_and_blanks_fill_the_gaps():
    plan = plan_pages([*opening(title=2, contents=2, front=3), PartPages(3), PartPages(2)])
    title, contents, front, first, second = plan.parts
    assert [front.folio(page) for page in range(3)] == ["v", "vi", "vii"]
    assert [first.folio(page) for page in range(3)] == ["1", "2", "3"]
    assert second.folio() == "5"  # page 4 is the blank left of it
    covered = sum(part.blanks_before + part.pages for part in plan.parts)
    assert covered == plan.page_count  # every page is a part's page or a blank


def test_the_contents_give_each_entry_the_folio_of_its_page():
    front = plan_pages(opening(contents=1, front=5)).parts[2]
    anchors = {"introduction": 0, "note-on-the-texts": 3, "a-footnote": 4}
    assert entry_folios(front, anchors, ["introduction", "note-on-the-texts", "missing"]) == {
        "introduction": "v", "note-on-the-texts": "viii",
    }


@pytest.mark.parametrize(("number", "numeral"), [(1, "i"), (4, "iv"), (9, "ix"), (14, "xiv"), (49, "xlix")])
def test_roman_folios(number, numeral):
    assert roman(number) == numeral


def test_an_empty_plan_has_no_pages():
    assert plan_pages([]).page_count == 0
    assert plan_pages([]).labels == ()


def book(texts: list[int], back: list[int], front: int | None = 4) -> list[PartPages]:
    """A reader as the build plans it: the opening, texts, back parts (either side), the back cover."""
    return [*opening(front=front), *(PartPages(pages) for pages in texts),
            *(PartPages(pages, either_side=True) for pages in back),
            PartPages(1, opens_right=False, opens_left=True)]


def blanks(plan) -> list[int]:
    printed = {page for part in plan.parts for page in range(part.index, part.end)}
    return [page for page in range(plan.page_count) if page not in printed]


BOOKLETS = {  # name -> (texts, back parts, pages a sheet carries, page count, blank pages)
    # The seed reader in A5: About the authors (1 page), Sources and credits (2) open on the right
    # of a blank, the back cover after another and two more to fill the sheets: 48 pages, 5 blank.
    # Sources and credits on the left of About the authors: 44 pages, the blank after the contents.
    "the seed reader on A4": ([22, 10], [1, 2], 4, 44, [3]),
    "four up (A6 on A4)": ([22, 10], [1, 2], 8, 48, None),
    "no booklet: the fewest pages": ([22, 10], [1, 2], 1, 44, [3]),
    "a text of odd pages: its blank before the next text": ([21, 10], [1, 2], 4, 44, [3, 29]),
}


@pytest.mark.parametrize("name", BOOKLETS)
def test_the_booklet_fills_its_sheets_with_few_blanks_where_a_designer_puts_them(name):
    texts, back, sheet_pages, page_count, blank = BOOKLETS[name]
    plan = plan_pages(book(texts, back), sheet_pages)
    assert plan.page_count == page_count
    assert plan.page_count % sheet_pages == 0  # the imposition adds no blank page
    if blank is not None:
        assert blanks(plan) == blank
    *_, back_cover = plan.parts
    assert back_cover.index == plan.page_count - 1 and back_cover.on_left
    texts_placed = plan.parts[3:3 + len(texts)]
    assert all(not part.on_left for part in texts_placed)  # every text opens on a right-hand page


@pytest.mark.parametrize("sheet_pages", [4, 8])
@pytest.mark.parametrize("texts", [[5], [6], [7], [8], [9, 3], [10, 4, 1], [3, 3, 3]])
@pytest.mark.parametrize("back", [[1], [2], [1, 1], [1, 2], [3, 1, 2]])
def test_no_three_blanks_in_a_row_and_no_sheet_with_one_printed_page(sheet_pages, texts, back):
    plan = plan_pages(book(texts, back, front=3), sheet_pages)
    assert plan.page_count % sheet_pages == 0
    empty = set(blanks(plan))
    if sheet_pages == 4:  # (up to 7 blanks fill a sheet of 8 pages: not always where these rules want)
        assert not any({page, page + 1, page + 2} <= empty for page in empty)
        for sheet in folded_sheets(plan.page_count):
            assert sum(page not in empty for page in sheet) >= 2, sheet
    assert [part.index % 2 for part in plan.parts[3:3 + len(texts)]] == [0] * len(texts)


def test_a_folded_sheet_carries_two_pages_from_the_front_and_two_from_the_back():
    assert folded_sheets(8) == [(0, 1, 6, 7), (2, 3, 4, 5)]


def a4_sheets(count: int) -> list[tuple[int, ...]]:
    """The pages each A4 sheet of A6 pages carries (four a side, cut, stacked and folded): its top
    half is a folded sheet of the first half of the stack, its bottom half the one as far into the
    second (tests/test_print.py checks this against the imposition itself)."""
    folded = folded_sheets(count)
    half = len(folded) // 2
    return [folded[k] + folded[k + half] for k in range(half)]


@pytest.mark.parametrize("texts", [[5], [6], [7], [8], [9, 3], [10, 4, 1], [3, 3, 3], [22, 10], [16], [2]])
@pytest.mark.parametrize("back", [[], [1], [2], [1, 1], [1, 2], [3, 1, 2]])
@pytest.mark.parametrize("front", [None, 1, 3, 4])
def test_eight_pages_a_sheet_fill_whole_sheets_none_with_only_one_printed_page(texts, back, front):
    """What the plan guarantees four up (A6 on A4): whole sheets, the fewest (fewer than a sheet's
    eight pages more than the edition needs), every text on a right-hand page, the back cover last
    on the left, and no sheet of paper that carries only one printed page."""
    parts = book(texts, back, front=front)
    plan = plan_pages(parts, 8)
    assert plan.page_count % 8 == 0
    assert plan.page_count - plan_pages(parts).page_count < 8
    *_, back_cover = plan.parts
    assert back_cover.index == plan.page_count - 1 and back_cover.on_left
    placed_texts = plan.parts[2 + (front is not None):2 + (front is not None) + len(texts)]
    assert all(not part.on_left for part in placed_texts)
    empty = set(blanks(plan))
    for sheet in a4_sheets(plan.page_count):
        assert sum(page not in empty for page in sheet) >= 2, (sheet, sorted(empty))


def test_an_a4_sheet_of_a6_pages_carries_a_folded_sheet_of_each_half_of_the_stack():
    assert a4_sheets(16) == [(0, 1, 14, 15, 4, 5, 10, 11), (2, 3, 12, 13, 6, 7, 8, 9)]


def runs_and_lonely_sheets(plan) -> tuple[bool, list[tuple[int, ...]]]:
    """Whether the plan has three blank pages in a row, and its folded sheets with one printed page."""
    empty = set(blanks(plan))
    run = any({page, page + 1, page + 2} <= empty for page in empty)
    lonely = [sheet for sheet in folded_sheets(plan.page_count) if sum(p not in empty for p in sheet) < 2]
    return run, lonely


@pytest.mark.parametrize("texts", [[8], [12], [6], [10, 6], [9, 11]])
@pytest.mark.parametrize("back", [[], [2]])
@pytest.mark.parametrize("front", [None, 1, 3, 5])
def test_two_pages_a_side_never_three_blanks_in_a_row_nor_a_sheet_with_one_printed_page(texts, back, front):
    """A reader whose blanks the back matter cannot hold apart (no back matter, or one part): a blank
    leaf goes before a text that would open straight after a left-hand page (it still opens on the right)."""
    plan = plan_pages(book(texts, back, front=front), 4)
    assert plan.page_count == -(-plan_pages(book(texts, back, front=front)).page_count // 4) * 4
    assert runs_and_lonely_sheets(plan) == (False, [])
    parts = plan.parts
    assert parts[-1].index == plan.page_count - 1 and parts[-1].on_left
    assert all(not part.on_left for part in parts[1:len(parts) - len(back) - 1])  # the texts on the right


def test_the_seed_reader_four_up_has_no_three_blanks_before_its_back_cover():
    """The seed reader in A6 (A4 sheets of eight pages): its texts of 26 and 11 pages and back matter of
    1 and 2 left five blanks for the pages before the back cover, three of them in a row; a blank leaf
    before the second text (after the first one's questions, which end on a left-hand page) spreads them."""
    plan = plan_pages(book([26, 11], [1, 2], front=5), 8)
    assert plan.page_count == 56
    assert runs_and_lonely_sheets(plan) == (False, [])
    title, contents, front, first, second, about, sources, back_cover = plan.parts
    assert (first.index, second.index, second.blanks_before) == (10, 38, 2)
    assert not second.on_left and second.first_folio == 29  # folios count the leaf
    assert (about.index, sources.index, back_cover.index) == (50, 52, 55)  # each on the right of a blank
