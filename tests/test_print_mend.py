"""The page faults a text's layout is mended for (render/pages.py), read from page lines alone:
runt pages and spreads whose pages end on different lines."""

from __future__ import annotations

import pytest

from pamphleteer.render.pages import Fault, PageLines, changes, faults, short_pages
from pamphleteer.render.spacing import Setting


def page(lines: int, short_by: int = 0, block: str = "p") -> PageLines:
    return PageLines((block,) * lines, short_by)


FAULTS = {  # name -> (pages: (lines, short by), the faults)
    "full pages": ([(20, 0), (32, 0), (32, 0), (32, 0), (32, 0), (12, 0)], []),
    "a spread a line apart (two lines kept together at a page's foot)": (
        [(20, 0), (32, 0), (31, 1), (32, 0), (32, 0), (12, 0)], [Fault("spread", (1, 2))]),
    "a short spread is level": ([(20, 0), (30, 2), (30, 2), (32, 0), (32, 0), (12, 0)], []),
    # The right-hand page and the one after it are no spread: the page after 2 is on its back.
    "pages back to back are no spread": ([(20, 0), (32, 0), (32, 0), (31, 1), (32, 0), (12, 0)],
                                         [Fault("spread", (3, 4))]),
    "the text ends on a spread: its last page may end where it ends": (
        [(20, 0), (32, 0), (32, 0), (32, 0), (12, 20)], []),
    "a last page of three lines is a runt; the spread before it is the runt's to mend": (
        [(20, 0), (32, 0), (32, 0), (32, 0), (30, 2), (3, 29)], [Fault("runt", (5,))]),
    "five lines are no runt": ([(20, 0), (32, 0), (32, 0), (32, 0), (32, 0), (5, 27)], []),
    "an opening page alone is no runt": ([(4, 28)], []),
    "questions' pages carry no text's lines": (
        [(20, 0), (32, 0), (31, 1), (32, 0), (32, 0), (12, 0), (0, 0), (0, 0)], [Fault("spread", (1, 2))]),
}


@pytest.mark.parametrize("name", FAULTS)
def test_runt_pages_and_uneven_spreads_are_read_from_the_pages_lines(name):
    pages, expected = FAULTS[name]
    assert faults([page(lines, short) for lines, short in pages]) == expected


def test_a_paragraph_is_a_candidate_when_a_spacing_sets_it_a_line_longer_or_shorter_without_fault():
    now = {"a": Setting(lines=10), "b": Setting(lines=10), "c": Setting(lines=10), "d": Setting(lines=10)}
    trials = {
        "0.02em": {"a": Setting(lines=11), "b": Setting(lines=11, loose=1), "c": Setting(lines=10)},
        "-0.06em": {"a": Setting(lines=9), "c": Setting(lines=8), "d": Setting(lines=9, stub=True)},
    }
    found = {(change.block, change.spacing, change.lines) for change in changes(trials, now)}
    # b would be loose, c two lines shorter, d would end in a stub.
    assert found == {("a", "0.02em", 1), ("a", "-0.06em", -1)}


class _PageBox:
    margin_bottom = 70.0


def test_a_page_run_short_has_its_page_area_end_higher_by_whole_lines():
    css = short_pages({3: 2, 4: 2}, _PageBox(), 20.0)
    assert css == ("@page :nth(4) { margin-bottom: 110.00px; }\n"
                   "@page :nth(5) { margin-bottom: 110.00px; }\n")
