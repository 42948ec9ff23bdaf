"""The seed reader's pages as a book designer reads them, measured from its PDFs with
scripts/measure_pages.py: paragraphs across pages, loose lines, and the booklet's blank pages."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
SLUG = "no-alien-but-the-capitalist"


def _measure_pages():
    spec = importlib.util.spec_from_file_location("measure_pages", PROJECT / "scripts" / "measure_pages.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["measure_pages"] = module
    spec.loader.exec_module(module)
    return module


measure_pages = _measure_pages()


def output(built, suffix: str) -> Path:
    return next(path for path in built.written if path.name == f"{SLUG}{suffix}")


@pytest.fixture(scope="module")
def measured(built):
    """The seed reader's A5 edition and booklet, measured."""
    compounds = frozenset(measure_pages.compounds_of(PROJECT / "sources"))
    return measure_pages.measure(output(built, ".pdf"), output(built, "-booklet.pdf"), compounds)


def test_the_booklet_has_no_blank_pages_but_where_a_designer_puts_them(measured):
    booklet = measured.booklet
    assert measured.pages % 4 == 0 and booklet["padding"] == 0  # the plan fills the sheets itself
    assert booklet["blanks before the back cover"] < 3  # it was 3: one of the edition's, two to fill
    assert booklet["sheets with one printed page"] == 0  # a sheet carried only the contents
    assert booklet["blank pages"] <= 2


def test_no_paragraph_leaves_a_line_alone_at_the_head_or_foot_of_a_page(measured):
    assert measured.widows == [] and measured.orphans == []


def test_a_loose_line_is_a_justified_line_whose_word_spaces_average_over_half_an_em():
    line = measure_pages.Line(100.0, 10.0, 300.0, 103.0, 11.0, "a few words set wide", [6.0, 6.2, 6.1, 5.9])
    assert not line.loose  # a paragraph's last line is not justified: its spaces are its own
    line.justified = True
    assert line.loose and round(line.mean_space_em, 2) == 0.55
    line.gaps = [2.0, 2.2]
    assert not line.loose  # 0.19 em: Crimson Pro's own space


def test_loose_lines_are_at_most_two_per_twenty_text_pages_at_a5(measured):
    in_texts = [line for page, line in measured.loose if page in set(measured.text_pages)]
    assert measured.per_20(len(in_texts)) <= 2, [line.text for line in in_texts]
    assert len(measured.loose) <= 2  # the introduction's too (there were 16, two across the whole measure)


def test_no_justified_line_is_cramped(measured):
    # Paragraphs set again at -0.06em or -0.075em (render/spacing.py) had lines of 0.12-0.14 em word
    # spaces ("port for national liberation movements against imperialism."): cramped beside lines of 0.16.
    assert [line.text for _page, line in measured.tight] == []


def test_no_paragraph_ends_in_a_hyphenated_stub(measured):
    # There were four at A5 ("ware- / house."), then two: a paragraph's last word is never hyphenated.
    assert measured.stubs == []


def test_a_spread_is_a_left_hand_page_and_the_right_hand_page_facing_it(measured):
    # The edition opens on a right-hand page (index 0), so a left-hand page has an odd index.
    assert measure_pages.spreads(8, 14) == [(9, 10), (11, 12)]
    assert measure_pages.spreads(9, 14) == [(9, 10), (11, 12)]
    first_text = next(index for index, label in enumerate(measured.labels) if label == "1")
    left, right = measure_pages.spreads(first_text, first_text + 4)[0]
    assert (measured.labels[left], measured.labels[right]) == ("2", "3")  # even folios on the left


class _Outline:
    """A PDF's bookmarks and page count, as `measure_pages.outline_parts` reads them."""

    def __init__(self, toc, pages):
        self.toc, self.pages = toc, pages

    def get_toc(self):
        return self.toc

    def __len__(self):
        return self.pages


def test_a_text_s_headings_are_not_taken_for_its_questions():
    """DW's text (built with `add`, no questions yet) has two headings, bookmarked under its title: the
    first was taken for where its questions begin, so its pages after the first were never measured
    and its spread pp. 2-3, ending a line apart, was not counted."""
    dw = [[1, "DW", 1], [1, "Contents", 3], [1, "Introduction", 5],
          [1, "Berlin confronts Germany’s colonial past", 7],
          [2, "Freedom fighters replace colonial leaders", 8],
          [2, "Right-wing resistance", 9], [1, "About the author", 11], [1, "Sources and credits", 13]]
    assert measure_pages.outline_parts(_Outline(dw, 16)) == ([(6, 10, 10)], [4, 5])
    seed = [[1, "Introduction", 5], [1, "What does internationalism mean today?", 9],
            [2, "Biopolitik", 12], [2, "Questions for discussion", 27], [1, "About the authors", 41]]
    assert measure_pages.outline_parts(_Outline(seed, 44))[0] == [(8, 26, 40)]
    german = [[1, "Mit Foucault die Pandemie verstehen?", 25], [2, "Fragen zur Diskussion", 33],
              [1, "Über", 35]]
    assert measure_pages.outline_parts(_Outline(german, 40))[0] == [(24, 32, 34)]


def test_no_runt_page_and_facing_pages_end_on_the_same_line(measured):
    # The second text's last three lines and its source note were alone on page 28; three spreads
    # ended a line apart (render/pages.py runs one short, or sets a paragraph a line longer).
    assert measured.runts == []
    assert len(measured.uneven_spreads) <= 1, measured.uneven_spreads


def measured_in(size: str, tmp_path_factory: pytest.TempPathFactory):
    """The seed reader's edition and booklet in page size `size`, measured."""
    import shutil

    from pamphleteer.pipeline import build
    from tests.conftest import EPOCH, JOBS

    sources = tmp_path_factory.mktemp(size) / "sources"
    shutil.copytree(PROJECT / "sources", sources, ignore=shutil.ignore_patterns(".pamphleteer", "output"))
    settings = sources / "publication.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace('page_size = "A5"', f'page_size = "{size}"'), encoding="utf-8")
    output = tmp_path_factory.mktemp(f"{size}-out")
    build(sources, output, formats=("pdf",), epoch=EPOCH, jobs=JOBS)
    compounds = frozenset(measure_pages.compounds_of(PROJECT / "sources"))
    return measure_pages.measure(output / f"{SLUG}.pdf", output / f"{SLUG}-booklet.pdf", compounds)


@pytest.fixture(scope="module")
def measured_a6(tmp_path_factory: pytest.TempPathFactory):
    """The seed reader's A6 edition and booklet, measured."""
    return measured_in("A6", tmp_path_factory)


@pytest.fixture(scope="module")
def measured_letter(tmp_path_factory: pytest.TempPathFactory):
    """The seed reader's letter edition and booklet, measured."""
    return measured_in("letter", tmp_path_factory)


def test_at_a6_no_runt_page_and_facing_pages_end_on_the_same_line(measured_a6):
    # The second text's last two lines and its source note were alone on page 35 (the note as large
    # as at A5 left no room for them on page 34), and pages 10-11 ended a line apart (the mending
    # spent both its layouts on one paragraph set with two spacings that move the same lines).
    assert measured_a6.runts == []
    assert measured_a6.uneven_spreads == []
    assert measured_a6.widows == [] and measured_a6.orphans == [] and measured_a6.stubs == []


def test_at_a6_loose_lines_are_at_most_two_per_twenty_text_pages(measured_a6):
    # There were 7 in 37 text pages (3.8 per 20), which no word spacing mended at A6's narrow measure;
    # a paragraph may now be set at 99 or 98 % of the text's size, on the same grid (render/spacing.py).
    in_texts = [line for page, line in measured_a6.loose if page in set(measured_a6.text_pages)]
    assert measured_a6.per_20(len(in_texts)) <= 2, [line.text for line in in_texts]


def test_at_letter_facing_pages_end_on_the_same_line(measured_letter):
    # Pages 4-5 ended two lines and a line short: the first pull quote at the foot of page 4 needed
    # its space below and the next paragraph's first two lines, three lines where two were left, and
    # page 5 ran a line short for the widows. No paragraph set a line longer or shorter mended it
    # without unsettling the spreads after; the quote is now shown a paragraph later, heading page 5.
    assert measured_letter.uneven_spreads == []
    assert measured_letter.runts == [] and measured_letter.widows == [] and measured_letter.orphans == []


def test_a_text_without_questions_ends_before_the_blank_page_that_closes_it():
    """The Expert*innen text (German reader) ends on p.33, a blank after it: the spread p.32-33 was
    counted as ending 26 lines apart, its last page against the blank."""
    assert measure_pages._prose_end(34, 40, [39]) == 39
    assert measure_pages._prose_end(34, 40, [38, 39]) == 38
    assert measure_pages._prose_end(34, 40, []) == 40


def test_a_heading_at_the_head_of_a_page_after_a_paragraph_s_last_line_is_no_widow():
    """The German reader's p.30 opens with the heading "Selbstgewissheit abrüsten", set flush left and
    short of the measure like a paragraph's last line; p.29 ends its paragraph. It was counted as a
    widow (a paragraph's last line alone at the head of a page)."""
    Line, Page = measure_pages.Line, measure_pages.Page

    def line(baseline: float, x1: float = 300.0, text: str = "a line of words across the measure") -> object:
        return Line(baseline, 50.0, x1, baseline + 3, 11.0, text, [3.0] * 6)

    full = [line(100.0 + 15 * n) for n in range(20)]
    last = line(385.0, 200.0, "Das wäre auch ein ethisches Problem.")
    ending = Page(28, "29", [*full[:-1], last], None, False)
    heading = Page(29, "30", [line(100.0, 150.0, "Selbstgewissheit abrüsten"), *full[2:]], None, False)
    running_on = Page(30, "31", [line(100.0, 120.0, "Problem."), *full[2:]], None, False)
    before = Page(29, "30", list(full), None, False)
    measure_pages.mark_paragraphs([ending, heading], 11.0)
    assert heading.lines[0].starts  # not a paragraph's last line: no widow
    measure_pages.mark_paragraphs([before, running_on], 11.0)
    assert running_on.lines[0].ends and not running_on.lines[0].starts  # a widow, as before
