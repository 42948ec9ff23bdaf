"""Converter damage mended in the Markdown's lines, before pandoc reads them (a real case, shortened)."""

from __future__ import annotations

import pytest

from pamphleteer.ast import kind, link_target, table_rows, text_of, walk
from pamphleteer.normalise import normalise
from pamphleteer.normalise.converter_damage import repair_converter_damage
from pamphleteer.parse import parse_text, read_markdown
from tests.normalise.helpers import PATH, source

# pandoc's markdown writer, from a page of rosalux.de: the image's data-caption holds a blank line
FIGURE = """::: textmedia__images
<figure class="textmedia__image-item">
<div class="textmedia__image-wrapper">
<img
src="tareq.png"
data-caption="«Ich bin nach Hamburg gegangen.» 

Bild: Albina Akhmedova " loading="lazy" width="622" height="350" />
</div>
<figcaption>«Ich bin nach Hamburg gegangen.» Bild: Albina Akhmedova</figcaption>
</figure>
:::

Tareq Salem: Ich bin über das Mittelmeer nach Italien gekommen. Das war
sehr gefährlich.

In Italien waren wir fast 40 Tage in Quarantäne.
"""


def _body(markdown: str, keep: tuple[str, ...] = ()):
    parsed = parse_text(source(markdown, keep=keep))
    return parsed, normalise(parsed)


def test_a_tag_cut_by_a_blank_line_no_longer_swallows_the_article():
    parsed, text = _body(FIGURE)
    paragraphs = [text_of(b.node) for b in text.blocks if kind(b.node) == "Para"]
    assert any(p.startswith("Tareq Salem: Ich bin über das Mittelmeer") for p in paragraphs)
    assert "In Italien waren wir fast 40 Tage in Quarantäne." in paragraphs
    assert [(d.code, d.line) for d in parsed.diagnostics if d.code == "N715"] == [("N715", 4)]
    # the blank line moved to the end of the HTML block: the article's lines keep their numbers
    assert [b.line for b in parsed.blocks][-2:] == [14, 17]


def test_keep_leaves_the_tag_as_written():
    parsed, text = _body(FIGURE, keep=("N715",))
    assert [d.code for d in parsed.diagnostics if d.code in ("N715", "N603")] == ["N603"]
    assert not [d for d in text.diagnostics if d.code == "N604"]  # the entry stopped a repair


# pandoc's markdown writer (wsj.com): a table the page used to lay out a box, written as a grid
LAYOUT_GRID = """Core group of early adopters.

+-----------------------------------------------------------------------------+
| ::: {style="text-align: left;"}                                             |
| ![](http://s.wsj.net/public/resources/images/OB-VI631.jpg){width="76"}      |
| :::                                                                         |
|                                                                             |
| #### [See what other mentors say.](http://blogs.wsj.com/accelerators/tag/x) |
+-----------------------------------------------------------------------------+

At Y Combinator, we advise most startups to begin by seeking out users.
"""
DATA_GRID = """Two unions.

+------------------------+-----------+
| Union                  | Members   |
+========================+===========+
| United Auto Workers    | 48,000    |
+------------------------+-----------+
| Chicago Teachers Union | 25,000    |
+------------------------+-----------+

What made the difference.
"""


def _repaired(markdown: str):
    blocks, diagnostics = read_markdown(markdown, path=PATH, first_line=1)
    repaired, found = repair_converter_damage(blocks, PATH)
    return repaired, [d.code for d in (*diagnostics, *found)]


def test_a_grid_table_used_for_layout_becomes_its_content():
    blocks, codes = _repaired(LAYOUT_GRID)
    shown = [(kind(b.node), text_of(b.node)) for b in blocks]
    assert ("Header", "See what other mentors say.") in shown
    assert not any(kind == "Table" or "+---" in text or "|" in text for kind, text in shown)
    assert shown[-1] == ("Para", "At Y Combinator, we advise most startups to begin by seeking out users.")
    assert blocks[-1].line == 11  # the table's lines kept their numbers
    assert "N717" in codes and "N718" in codes


def test_a_grid_table_of_data_stays_a_table():
    blocks, codes = _repaired(DATA_GRID)
    tables = [b.node for b in blocks if kind(b.node) == "Table"]
    assert len(tables) == 1 and "N718" not in codes
    rows = [[text_of({"t": "Div", "c": [["", [], []], cell]}) for cell in cells]
            for _, cells in table_rows(tables[0])]
    assert rows == [["Union", "Members"], ["United Auto Workers", "48,000"],
                    ["Chicago Teachers Union", "25,000"]]
    assert [text_of(b.node) for b in blocks if kind(b.node) != "Table"] == [
        "Two unions.", "What made the difference."]


# (harpers.org): signatories in two columns, a headerless multiline table, its rows apart
SIGNATORIES = """Institutions are listed below.

  ------------------------- -------------------------
  **Elliot Ackerman**\\      **Susan Madrak**,
  **Saladin Ambar**         writer

  **Martin Amis**           **Greil Marcus**
  ------------------------- -------------------------

For identification purposes only.
"""


def test_a_headerless_multiline_table_is_read_as_a_table():
    blocks, codes = _repaired(SIGNATORIES)
    tables = [b.node for b in blocks if kind(b.node) == "Table"]
    assert len(tables) == 1 and "N717" in codes
    assert "Elliot Ackerman" in text_of(tables[0]) and "Strong" in str(tables[0])
    assert not any("---" in text_of(b.node) or "**" in text_of(b.node) for b in blocks)


# html2text, from a review's "recommended for" box: links around <br><br>, written as lines of spaces
BOOK_LINKS = (
    "Empfohlen für [Physiker,\n"
    "die gerne Krimis lesen  \n"
    "  \n"
    "](http://x.org/buch/im-namen-der-rosen.html)[Science\n"
    "Fiction-Fans  \n"
    "  \n"
    "](http://x.org/buch/das-miniatomprojekt.html) und andere.\n"
)
TEASER = (  # freitag.de: a teaser's lines, its link closing after the last
    "[ ![Tamtam und Tabu](https://x.org/tamtam.jpeg) Tamtam und Tabu\n"
    "192 Seiten,  \n"
    "18 Euro  \n"
    "  \n"
    "ebook: 13,99 Euro. Die Tabus überdauern  ](https://x.org/produkt/tamtam-und-tabu)\n"
)
LINK_BREAKS = [
    (BOOK_LINKS, ["http://x.org/buch/im-namen-der-rosen.html",
                  "http://x.org/buch/das-miniatomprojekt.html"], "Physiker, die gerne Krimis lesen"),
    (TEASER, ["https://x.org/produkt/tamtam-und-tabu"], "ebook: 13,99 Euro. Die Tabus überdauern"),
]


@pytest.mark.parametrize(("markdown", "targets", "words"), LINK_BREAKS)
def test_a_link_over_lines_of_spaces_is_one_link_again(markdown, targets, words):
    parsed, text = _body(markdown)
    assert "](" not in " ".join(text_of(b.node) for b in text.blocks)
    assert [link_target(n) for b in text.blocks for n in walk(b.node) if kind(n) == "Link"] == targets
    assert words in " ".join(" ".join(text_of(b.node) for b in text.blocks).split())
    assert "N721" in {d.code for d in parsed.diagnostics}


def test_lines_of_spaces_outside_a_link_stay_paragraph_breaks():
    markdown = ("A [note] on brackets  \n  \nand a paragraph after it.\n\n"
                "A [link](https://x.org/a) here.  \n  \nEnd.\n")
    parsed, text = _body(markdown)
    assert len([b for b in text.blocks if kind(b.node) == "Para"]) == 3
    assert "N721" not in {d.code for d in parsed.diagnostics}


# N706 (Markdown link syntax left as text) mends such a link too, from the blocks pandoc read: keeping
# either code, or both, leaves the link as written, not half mended (was: keep N721 alone, and N706
# joined its first two paragraphs, one link made, the second's words left after a '[')
@pytest.mark.parametrize("keep", [("N721",), ("N706",), ("N721", "N706")])
def test_keep_leaves_the_lines_of_spaces_in_a_link_as_written(keep):
    parsed, text = _body(BOOK_LINKS, keep=keep)
    shown = [text_of(b.node) for b in text.blocks]  # its last line, "](…) und andere.", is a source note
    assert shown[:2] == ["Empfohlen für [Physiker, die gerne Krimis lesen",
                         "](http://x.org/buch/im-namen-der-rosen.html)[Science Fiction-Fans"]
    assert not [n for b in text.blocks for n in walk(b.node) if kind(n) == "Link"]
    assert "N721" not in {d.code for d in parsed.diagnostics}
    diagnostics = (*parsed.diagnostics, *text.diagnostics)
    assert {d.after for d in diagnostics if d.code == "N603"} == set(keep)  # each entry named
    assert not [d for d in diagnostics if d.code in ("N604", "N706")]  # no entry went unused


def test_keep_n721_leaves_other_link_syntax_to_n706():
    # what N721 left as written stays so; N706 still mends link syntax elsewhere in the text
    other = ('\n\nÜber [Ciro Gomes](https://x.org/ciro-gomes/ ?ref=link-\ninterno "Ciro\nGomes"), '
             "den Kandidaten.\n")
    parsed, text = _body(BOOK_LINKS + other, keep=("N721",))
    links = [(b.line, link_target(n)) for b in text.blocks for n in walk(b.node) if kind(n) == "Link"]
    assert links == [(10, "https://x.org/ciro-gomes/%20?ref=link-interno")]
    assert [d.line for d in text.diagnostics if d.code == "N706"] == [10]
