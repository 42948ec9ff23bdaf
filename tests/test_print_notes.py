"""Footnotes brought back to the page of their call (render/layout.py, keep_notes_with_their_calls),
without leaving a page of a line or two in the middle of a text."""

from __future__ import annotations

import random

import weasyprint

from pamphleteer.render.layout import Typesetter, keep_notes_with_their_calls, pages_with_moved_notes
from pamphleteer.render.pages import RUNT_LINES, read_pages
from tests.conftest import SOURCES

WORDS = ("the workers of every country have a common interest in the struggle against capital and its "
         "states which divide them").split()


def _note(number: int, draw: random.Random) -> str:
    """A link's note: an address of a few pieces, set in a footnote (print.css: .link-note)."""
    pieces = "".join(f'<span class="url-piece">segment{k}-{number}/</span><wbr>'
                     for k in range(draw.randint(4, 14)))
    return (f'<span class="link-note"><a href="https://example.org/{number}">'
            f'<span class="url-piece">https://</span><wbr>{pieces}</a></span>')


def _text(seed: int) -> str:
    """Forty paragraphs of 20-120 words, about a third of them with a link's note."""
    draw = random.Random(seed)
    paragraphs = []
    for number in range(40):
        words = " ".join(draw.choice(WORDS) for _ in range(draw.randint(20, 120)))
        call = _note(number, draw) if draw.random() < 0.35 else ""
        paragraphs.append(f'<p id="p{number}">{words.capitalize()}.{call} And {words[:60]}.</p>')
    return ('<html lang="en"><body><div class="main-matter"><article class="text" lang="en-US">'
            f'<div class="text-body">{"".join(paragraphs)}</div></article></div></body></html>')


def test_notes_are_brought_back_one_page_at_a_time_and_leave_no_page_of_two_lines():
    # In this text WeasyPrint moves the notes of pages 6 and 9 to the next page. Both paragraphs
    # were sent to the next page at once; but sending the first moves every page after it, and the
    # second was then no longer at its page's foot: page 10 was left with two lines and a break
    # (the German reader's taz text: "durchaus als Aufforderung zum Nichtstun deuten. …" alone on p.7).
    setter = Typesetter("A5", SOURCES)
    html = weasyprint.HTML(string=_text(22))
    document = html.render(font_config=setter.fonts, stylesheets=setter.stylesheets, pdf_tags=True)
    assert len(pages_with_moved_notes(document)) == 2
    kept, moved = keep_notes_with_their_calls(document, html, setter.stylesheets, setter.fonts)
    assert moved == ()  # every note on the page of its call
    lines = [page.lines for page in read_pages(kept)]
    assert min(lines[:-1]) >= RUNT_LINES, lines
