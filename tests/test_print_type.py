"""The print edition's typography measured from the PDF, in several page sizes: the initial,
the note calls, the measure and the margins."""

from __future__ import annotations

import functools

import pymupdf
import pytest
import weasyprint

from pamphleteer.render.printtype import with_initial
from tests.conftest import SOURCES

CAP_HEIGHT = 587 / 1024  # Crimson Pro's cap height, in em
MM = 72 / 25.4


@functools.cache
def laid_out(page_size: str) -> pymupdf.Document:
    """The seed reader's first text laid out alone in `page_size`, as the build lays out a part."""
    from pamphleteer.pipeline import assemble
    from pamphleteer.render.layout import Typesetter
    from pamphleteer.render.pdf import print_html
    from pamphleteer.sources import read_sources

    publication, _ = assemble(read_sources(SOURCES))
    html = print_html(publication, frozenset({"main"}), texts=publication.texts[:1])
    setter = Typesetter(page_size, SOURCES)
    document = weasyprint.HTML(string=html, base_url=f"{SOURCES}/", url_fetcher=setter.fetcher).render(
        font_config=setter.fonts, stylesheets=setter.stylesheets)
    return pymupdf.open(stream=document.write_pdf(), filetype="pdf")


def characters(page: pymupdf.Page) -> list[tuple[dict, float]]:
    return [
        (char, span["size"])
        for block in page.get_text("rawdict")["blocks"]
        for line in block.get("lines", [])
        for span in line["spans"]
        for char in span["chars"]
    ]


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<p id="a">Today we live in a world</p>', '<p id="a"><span class="initial">T</span>oday we live'),
        ('<p id="a">I think the starting point</p>',
         '<p id="a"><span class="initial initial-word">I</span> think'),
        ('<p id="a">“Workers of the world</p>', '<p id="a"><span class="initial">“W</span>orkers'),
        ('<h3>A heading</h3><p>Text</p>', '<h3>A heading</h3>'),  # no initial: the body opens with a heading
        ('<p><em>Emphasis</em> first</p>', '<p><em>Emphasis</em>'),  # no initial: it would split the emphasis
    ],
)
def test_the_initial_is_the_first_letter_of_a_body_opening_with_plain_text(html, expected):
    filler = (" and a paragraph that runs on for long enough to fill the two lines beside the initial,"
              " and then some more words after those, many more words.</p>")
    long_enough = html.replace("</p>", filler, 1)
    assert str(with_initial(long_enough)).startswith(expected)


def test_a_first_paragraph_too_short_for_two_lines_has_no_initial():
    assert 'class="initial' not in with_initial('<p id="a">I think so.</p><p>And then the rest.</p>')


@pytest.mark.parametrize("page_size", ["A5", "A6", "letter"])
def test_the_initial_runs_from_line_one_s_cap_height_to_line_two_s_baseline(page_size):
    document = laid_out(page_size)
    page, initial, size = next(
        (page, char, size) for page in document for char, size in characters(page)
        if size > 25 and char["c"].isalpha()
    )
    chars = characters(page)
    beside = [(char, s) for char, s in chars
              if s < size and char["bbox"][0] >= initial["bbox"][2] - 1
              and initial["origin"][1] - size < char["origin"][1] < initial["origin"][1] + 2]
    body = max((s for _c, s in beside), key=[s for _c, s in beside].count)
    baselines = sorted({round(char["origin"][1], 1) for char, s in beside if s == body})
    assert len(baselines) == 2, "exactly two lines beside the initial"

    def line_start(baseline: float) -> float:
        return min(char["bbox"][0] for char, s in chars
                   if round(char["origin"][1], 1) == baseline and s == body)

    initial_top = initial["origin"][1] - CAP_HEIGHT * size
    assert initial_top == pytest.approx(baselines[0] - CAP_HEIGHT * body, abs=0.3)
    assert initial["origin"][1] == pytest.approx(baselines[1], abs=0.3)
    assert line_start(baselines[0]) == pytest.approx(line_start(baselines[1]), abs=0.1)
    # "I think": at least a word space between the initial and line 1 (Crimson Pro's space: 0.19 em).
    assert line_start(baselines[0]) - initial["bbox"][2] >= 0.19 * body
    assert line_start(baselines[0]) > initial["bbox"][2], "the first line clears the initial"
