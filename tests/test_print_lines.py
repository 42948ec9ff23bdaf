"""How the print edition breaks its lines: never a word left alone on a line mid-paragraph, word
spaces as wide in every text face, and long addresses in notes shown cut short."""

from __future__ import annotations

import re

import pymupdf
import pytest
import weasyprint

from pamphleteer.render import linebreak  # noqa: F401  (the mended line breaking, as print sets it)
from pamphleteer.render.layout import Typesetter
from pamphleteer.render.printtype import LONGEST_SHOWN, shown_address
from pamphleteer.render.spacing import face_space_em
from tests.conftest import SOURCES

WORDS = "mean giving political support to those who would never give it back"


def _pdf_lines(document: weasyprint.document.Document) -> list[str]:
    page = pymupdf.open(stream=document.write_pdf(), filetype="pdf")[0]
    return ["".join(span["text"] for span in line["spans"]).strip()
            for block in page.get_text("dict")["blocks"] for line in block.get("lines", [])]


def _run_width(setter: Typesetter, text: str) -> float:
    """The width (px) WeasyPrint sets `text` in, alone on a line, in the print text face."""
    html = weasyprint.HTML(string=f'<p style="white-space: nowrap; word-spacing: 0"><span>{text}</span></p>')
    document = html.render(font_config=setter.fonts, stylesheets=setter.stylesheets)
    line = document.pages[0]._page_box.children[0].children[0].children[0].children[0]
    return float(line.children[0].width)


@pytest.mark.parametrize("extra", [0.25, 0.5, 0.75])
def test_a_run_that_fits_but_for_its_last_space_is_not_cut_to_its_first_word(extra):
    """A run of text that fills a line but for the space it ends with, before a span (a name held
    whole): WeasyPrint 70 took it for a run too long to break but at its first word and set "mean"
    alone on a line mid-paragraph, the rest on the next (A6's "would", Gentium's "mean")."""
    setter = Typesetter("A5", SOURCES)
    space = _run_width(setter, "a b") - _run_width(setter, "ab")
    width = _run_width(setter, WORDS) + extra * space  # the run fits; its trailing space does not
    html = weasyprint.HTML(string=(
        f'<p style="width: {width}px; text-align: justify; hyphens: manual; word-spacing: 0">'
        f'{WORDS} <span class="nohyphen">Palestinian</span> political current.</p>'))
    lines = _pdf_lines(html.render(font_config=setter.fonts, stylesheets=setter.stylesheets))
    assert lines[0] == WORDS, lines
    assert all(" " in line for line in lines[:-1]), lines  # no word alone mid-paragraph


def test_word_spaces_are_measured_in_the_face_the_text_is_set_in():
    """Gentium Book Plus's space is 0.22 em, Crimson Pro's 0.19: a Gentium line was taken for
    0.03 em tighter than it is, and 21 loose lines of the seed set in Gentium were left loose."""
    setter = Typesetter("A5", SOURCES)
    spaces = {}
    for face in ("Crimson Pro", "Gentium Book Plus"):
        html = weasyprint.HTML(string=f'<p style="font-family: \'{face}\'">a few words</p>')
        document = html.render(font_config=setter.fonts, stylesheets=setter.stylesheets)
        box = document.pages[0]._page_box.children[0].children[0].children[0].children[0].children[0]
        spaces[face] = face_space_em(box.style)
    assert round(spaces["Crimson Pro"], 3) == 0.188 and round(spaces["Gentium Book Plus"], 3) == 0.220


def test_a_text_face_with_a_wider_space_is_set_with_the_same_word_spaces(tmp_path):
    """A publication set in Gentium Book Plus narrows each word space by what its space is wider
    than Crimson Pro's, so its lines are as tight, and as seldom loose."""
    from pamphleteer.look import chosen_face
    from pamphleteer.render.ownface import print_rules

    settings = (SOURCES / "publication.toml").read_text(encoding="utf-8")
    (tmp_path / "publication.toml").write_text('font = "Gentium Book Plus"\n' + settings, encoding="utf-8")
    face = chosen_face(tmp_path)[0]
    assert face is not None
    assert re.search(r"--face-space: 0\.03\d\dem", print_rules(face))  # 0.2202 - 0.1875 em


def test_a_long_address_is_shown_cut_short_after_its_last_part_that_fits():
    query = "books?id=AbCdEfGhIj&pg=PA12&lpg=PA12&dq=internationalism+workers&source=bl&ots=" + "x" * 500
    address = "https://books.google.com/" + query
    shown = shown_address(address)
    assert shown == "https://books.google.com/books?id=AbCdEfGhIj&pg=PA12&lpg=PA12&dq=internationalism+workers&source=bl…"
    assert len(shown) <= LONGEST_SHOWN
    assert shown_address("https://x.org/a/b") == "https://x.org/a/b"  # a short one whole
    assert shown_address("https://x.org/" + "a" * 200) == "https://x.org/…"


def test_a_600_character_address_takes_at_most_two_lines_of_its_note_and_links_whole():
    """A Google Books address of 600 characters filled eight lines of a footnote at A5."""
    from pamphleteer.render.printtype import calls_after_punctuation

    address = "https://books.google.com/books?id=AbCdEfGhIj&pg=PA12&dq=" + "internationalism+" * 33
    note = f'<span class="link-note"><a href="{address}">{address}</a></span>'
    body = calls_after_punctuation(f'<p>See the book{note}.</p>')
    setter = Typesetter("A5", SOURCES)
    html = weasyprint.HTML(string=f'<html lang="en"><body><div class="text-body">{body}</div></body></html>')
    pdf = html.render(font_config=setter.fonts, stylesheets=setter.stylesheets).write_pdf()
    page = pymupdf.open(stream=pdf, filetype="pdf")[0]
    note_lines = [line for block in page.get_text("dict")["blocks"] for line in block.get("lines", [])
                  if any("books.google" in span["text"] or "internationalism" in span["text"]
                         for span in line["spans"])]
    assert 1 <= len(note_lines) <= 2
    assert any(link.get("uri") == address for link in page.get_links())  # the link keeps it whole
