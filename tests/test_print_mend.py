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


def _reading(pages, found, loose=0):
    from pamphleteer.render.pages import PageFoot, Reading

    now = {block: Setting(lines=10) for page in pages for block in page.blocks}
    return Reading(pages, found, now, loose, PageFoot(70.0), 20.0)


def _text_pages():
    """A text of seven pages: a spread a line apart on pages 1-2 and another on pages 5-6."""
    return [PageLines(("a",) * 20, 0), PageLines(("b",) * 32, 0), PageLines(("c",) * 31, 1),
            PageLines(("d",) * 32, 0), PageLines(("e",) * 32, 0), PageLines(("f",) * 32, 0),
            PageLines(("g",) * 31, 1), PageLines(("h",) * 12, 0)]


def test_two_faults_are_first_mended_with_one_layout_kept_only_if_it_leaves_none():
    from pamphleteer.render.pages import Mending

    found = [Fault("spread", (1, 2)), Fault("spread", (5, 6))]
    mending = Mending(_reading(_text_pages(), found))
    assert mending.wants_trials()  # a spread is mended first by a paragraph set a line longer or shorter
    # "c", on the page a line short, a line longer: the pages after it begin where they did
    trials = {"0.02em": {"c": Setting(lines=11), "f": Setting(lines=11)}}
    mending.consider(trials)
    both = mending.next()
    assert both is not None and '[id="c"]' in both and '[id="f"]' in both  # one layout for the two
    assert not mending.judge(both, _reading(_text_pages(), found[1:]))  # mends one: not kept
    one = mending.next()  # then one fault at a time, as without that layout
    assert one is not None and '[id="c"]' in one and '[id="f"]' not in one
    assert mending.judge(one, _reading(_text_pages(), found[1:]))
    again = Mending(_reading(_text_pages(), found))
    again.consider(trials)
    assert again.judge(both := str(again.next()), _reading(_text_pages(), []))  # leaves none: kept
    assert again.chosen == both and again.next() is None


def test_faults_are_not_mended_at_once_when_mending_the_first_moves_the_pages_after_it():
    from pamphleteer.render.pages import Mending

    found = [Fault("spread", (1, 2)), Fault("spread", (5, 6))]
    mending = Mending(_reading(_text_pages(), found))
    # "b", on the full page, a line longer: a line goes over to the next page, and every page after
    mending.consider({"0.02em": {"b": Setting(lines=11), "f": Setting(lines=11)}})
    first = mending.next()
    assert first is not None and '[id="b"]' in first and '[id="f"]' not in first


def test_a_runt_page_s_trials_are_made_only_once_running_pages_short_does_not_mend_it():
    from pamphleteer.render.pages import Mending

    pages = [PageLines(("a",) * 20, 0), PageLines(("b",) * 32, 0), PageLines(("c",) * 32, 0),
             PageLines(("d",) * 32, 0), PageLines(("e",) * 29, 3), PageLines(("f",) * 3, 29)]
    runt = [Fault("runt", (5,))]
    mending = Mending(_reading(pages, runt))
    assert not mending.wants_trials()  # the spread before it run short comes first: no trial needed
    first = mending.next()
    assert first is not None and "@page :nth(4)" in first and "@page :nth(5)" in first
    assert not mending.judge(first, _reading(pages, runt))
    assert mending.wants_trials()  # now a paragraph set a line shorter may pull the runt back
    mending.consider({"-0.06em": {"e": Setting(lines=9)}})
    second = mending.next()
    assert second is not None and '[id="e"]' in second and "@page" not in second


@pytest.mark.slow
def test_what_the_mending_reads_of_a_text_set_again_without_moving_a_line_is_foreseen_without_its_layout():
    from pamphleteer.render.layout import spaced_layout, typesetter
    from pamphleteer.render.pages import foreseen, read
    from pamphleteer.render.pdf import part_sources
    from pamphleteer.render.spacing import chosen_again, spacing_rules
    from tests.conftest import SOURCES, seed_assembled

    publication, _ = seed_assembled()
    setter = typesetter("A5", SOURCES)
    seen = []
    for part in part_sources(publication).texts:
        html, stylesheets = setter.html(part.html), setter.stylesheets_with((part.css,))
        document = html.render(font_config=setter.fonts, stylesheets=stylesheets, pdf_tags=True)
        chosen, settings = chosen_again(document, html, stylesheets, setter.fonts, {})
        now = read(document, first=False).now
        moved = any(settings[block].lines != setting.lines
                    for block, setting in now.items() if block in settings)
        if moved:  # a paragraph a line longer or shorter: its pages break elsewhere
            assert foreseen(document, settings) is None
        # Of the paragraphs set again, those set on as many lines, each as high (a paragraph at 98 %
        # may take a line less): the text set again with them alone moves no line.
        kept = {block for block, setting in settings.items()
                if (setting.lines, setting.heights) == (now[block].lines, now[block].heights)}
        chosen = {block: value for block, value in chosen.items() if block in kept}
        settings = {block: setting for block, setting in settings.items() if block in kept}
        spaced = spaced_layout(html, setter.stylesheets_with((part.css, spacing_rules(chosen))), setter.fonts)
        actual, foreseen_reading = read(spaced), foreseen(document, settings)
        if foreseen_reading is not None:  # the pages, their faults, the settings as they are
            seen.append(part)
            assert (foreseen_reading.pages, foreseen_reading.found, foreseen_reading.loose) == (
                actual.pages, actual.found, actual.loose)
            assert {block: (s.lines, s.loose, s.stub) for block, s in foreseen_reading.now.items()} == {
                block: (s.lines, s.loose, s.stub) for block, s in actual.now.items()}
    assert seen  # the seed's shorter text: its loose lines are set again on as many lines


def test_a_spread_holding_a_pull_quote_is_first_mended_by_showing_the_quote_a_paragraph_later():
    """A quote at a page's foot, kept whole with a paragraph's two lines after it, leaves its page
    short: where no paragraph set a line longer or shorter, nor the spread run short, mends it, its
    twin (a paragraph later) is shown in its stead; a quote with no twin is not moved."""
    from pamphleteer.render.pages import Change, fixes, move_quote

    pages = [page(20), PageLines(("a",) * 30, 2, ("1",)), page(31, 1, "b"), page(32)]
    ways = fixes(Fault("spread", (1, 2)), pages, [Change("b", "0.02em", 1)], lambda short: f"short {short}")
    assert ways[-1] == move_quote("1") and len(ways) == 3 and ways[1] == "short {1: 2, 2: 2}"
    moved = ways[-1]
    assert 'data-pull="1"] { display: none' in moved and 'data-pull-later="1"] { display: block' in moved
    plain = fixes(Fault("spread", (1, 2)), [page(20), page(30, 2, "a"), page(31, 1, "b"), page(32)],
                  [Change("b", "0.02em", 1)], lambda short: f"short {short}")
    assert plain == ways[:-1]


def test_a_spread_run_short_already_is_never_run_less_short_by_a_later_way():
    """The room a page run short leaves is read above the foot it was given: a spread run 3 lines short
    for the runt after it, its pages then a line apart (1 and 0 lines of room), was offered the way
    "run both pages 1 line short", which gave them back 2 lines each (DW's pp. 2-3: the mending's
    ways counted from the page's own margin, not from the one the kept layout set)."""
    from pamphleteer.render.pages import Mending

    pages = [PageLines(("a",) * 20, 0), PageLines(("b",) * 32, 0), PageLines(("c",) * 32, 0),
             PageLines(("d",) * 32, 0), PageLines(("e",) * 29, 3), PageLines(("f",) * 3, 29)]
    mending = Mending(_reading(pages, [Fault("runt", (5,))]))
    first = mending.next()
    assert first == short_pages({3: 3, 4: 3}, _PageBox(), 20.0)
    after = [PageLines(("a",) * 20, 0), PageLines(("b",) * 32, 0), PageLines(("c",) * 32, 0),
             PageLines(("d",) * 28, 1), PageLines(("e",) * 29, 0), PageLines(("f",) * 7, 25)]
    assert mending.judge(first, _reading(after, [Fault("spread", (3, 4))]))
    ways = [css for options in mending._ways()[0] for css in options]
    assert short_pages({3: 1, 4: 1}, _PageBox(), 20.0) not in ways  # 1 line short: 2 lines longer
    assert short_pages({3: 3, 4: 3}, _PageBox(), 20.0) not in ways


def test_a_runt_page_is_mended_before_the_spreads_before_it():
    """A runt is the worst fault: with two layouts spent on the spreads before it, a text's last page
    kept its two lines (the German reader's Foucault text, p.28); its way (the spread before it run
    short) is tried first, and a spread's after."""
    from pamphleteer.render.pages import Mending

    pages = [PageLines(("a",) * 20, 0), PageLines(("b",) * 32, 0), PageLines(("c",) * 31, 1),
             PageLines(("d",) * 32, 0), PageLines(("e",) * 32, 0), PageLines(("f",) * 29, 3),
             PageLines(("g",) * 30, 2), PageLines(("h",) * 2, 30)]
    found = [Fault("spread", (1, 2)), Fault("runt", (7,))]
    mending = Mending(_reading(pages, found))
    mending.combined = ""  # (the layout mending both at once is not made: one fault at a time)
    mending.consider({"0.02em": {"c": Setting(lines=11)}})  # "c" a line longer would level pages 1-2
    first = mending.next()
    assert first == short_pages({5: 3, 6: 3}, _PageBox(), 20.0)


def test_a_spread_is_not_run_short_by_no_line_for_a_runt():
    """Both pages of the spread before a runt ending at their foot: running them "as short as the
    page with the most room" is no change, and spent one of the two layouts on nothing (the German
    reader's Expert*innen text)."""
    from pamphleteer.render.pages import fixes

    pages = [page(20), page(32, 0, "b"), page(32, 0, "c"), page(3, 29, "d")]
    ways = fixes(Fault("runt", (3,)), pages, [], lambda short: f"short {short}")
    assert ways == ["short {1: 1, 2: 1}", "short {1: 2, 2: 2}"]
