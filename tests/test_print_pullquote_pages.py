"""A pull quote at a page break, as a reader sees the two pages: the page before keeps its lines."""

from __future__ import annotations

import pymupdf
import pytest
import weasyprint

from tests.conftest import SOURCES

WORDS = ("the workers of every country have common interests and their loyalty should be to their class "
         "across borders rather than to the state that rules them ").split()
QUOTE = ('<aside class="pullquote"><p>No alien but the capitalist: a worker’s only foreigner is the boss.</p>'
         "</aside>")


def first_lines(words_before: int) -> tuple[bool, list[float]]:
    """A text with a pull quote after its fourth paragraph (the first `words_before` words long), laid out
    at A5: whether the quote is on the first page, and the sizes of the second page's first lines."""
    from pamphleteer.render.layout import Typesetter

    setter = Typesetter("A5", SOURCES)
    paragraph = " ".join((WORDS * 20)[:60])
    body = "".join(f"<p>{paragraph}.</p>" for _ in range(3))
    opening = " ".join((WORDS * 20)[:words_before])
    html = ('<!DOCTYPE html><html lang="en"><body><article class="text"><div class="text-body">'
            f"<p>{opening}.</p>{body}{QUOTE}{body}</div></article></body></html>")
    document = weasyprint.HTML(string=html).render(font_config=setter.fonts, stylesheets=setter.stylesheets)
    with pymupdf.open(stream=document.write_pdf(), filetype="pdf") as pdf:
        sizes = [[line["spans"][0]["size"] for block in page.get_text("dict")["blocks"]
                  for line in block.get("lines", []) if line["spans"][0]["text"].strip()] for page in pdf]
    return max(sizes[0]) > 12, sizes[1][:3]


@pytest.mark.parametrize("words_before", [124, 140, 156])
def test_a_pull_quote_that_does_not_fit_at_a_page_s_foot_takes_no_line_with_it(words_before):
    """The quote (12.5 pt) heads the next page (its running head aside, 8 pt or less); the paragraph
    before it ends on the page before. Kept with that paragraph (break-before: avoid), it took the
    paragraph's last two lines (11 pt) along, and the page before ran two lines short."""
    on_first, following = first_lines(words_before)
    assert not on_first
    text = [size for size in following if size > 9]
    assert text and text[0] > 12, following
