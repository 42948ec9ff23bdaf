"""The one HTML writer every edition uses: what a reader sees for each kind of Markdown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markupsafe import Markup

from pamphleteer.parse import markdown_to_blocks
from pamphleteer.render.markup import LinkStyle, PageMarks, Writer


def render(markdown: str, links: LinkStyle = LinkStyle.LIVE, marks: PageMarks | None = None) -> str:
    blocks = markdown_to_blocks(markdown, path=Path("t.md"), first_line=1)
    return str(Writer(prefix="t", links=links, page_marks=marks).blocks(blocks))


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("Plain *em* **strong**", '<p id="t-1">Plain <em>em</em> <strong>strong</strong></p>'),
        ('"Quoted" and it\'s', '<p id="t-1">\u201cQuoted\u201d and it\u2019s</p>'),
        ("a  \nb", '<p id="t-1">a<br />\nb</p>'),
        ("# Head", '<h3 id="t-1">Head</h3>'),
        ("[x](https://a.example/)", '<p id="t-1"><a href="https://a.example/">x</a></p>'),
        ("[Cuba](#) and [gone]()", '<p id="t-1">Cuba and gone</p>'),
        ("<script>alert(1)</script>", ""),
        ("3<sup>rd</sup> <b onclick='x'>b</b>", '<p id="t-1">3<sup>rd</sup> <strong>b</strong></p>'),
        ("a < b & c", '<p id="t-1">a &lt; b &amp; c</p>'),
        ("- one\n- two", '<ul id="t-1">\n<li>one</li>\n<li>two</li>\n</ul>'),
    ],
)
def test_live_markup(markdown, expected):
    assert render(markdown) == expected


def test_print_links_carry_their_url_as_a_note():
    html = render("See [this](https://a.example/x) and [dead](#).", LinkStyle.FOOTNOTE)
    assert '<a href="https://a.example/x">this</a><span class="link-note">' in html
    assert html.count('href="https://a.example/x"') == 2  # the link, and the note's link
    note = html[html.index('<span class="link-note">'):]
    assert re.sub(r"<[^>]+>", "", note).startswith("https://a.example/x")  # and its visible URL
    assert "<wbr>" in note  # which may break only after a slash or before a dot
    assert "dead" in html and 'href="#"' not in html


@pytest.mark.parametrize("markdown", [
    "[https://a.example/x](https://a.example/x)",
    "[a.example/x/](https://www.a.example/x)",
])
def test_a_printed_link_that_shows_its_address_gets_no_note_repeating_it(markdown):
    html = render(markdown, LinkStyle.FOOTNOTE)
    assert "link-note" not in html
    assert 'href="https://' in html  # still a link


def test_page_markers_go_before_the_word_that_starts_the_page():
    marks = PageMarks({"t-1": [(2, "7")]}, lambda label: Markup('<span class="pb">{}</span>').format(label))
    html = render("one two three four", marks=marks)
    assert html == '<p id="t-1">one two <span class="pb">7</span>three four</p>'


def test_footnotes_are_collected_with_back_links():
    blocks = markdown_to_blocks("Text[^1].\n\n[^1]: The note.\n", path=Path("t.md"), first_line=1)
    writer = Writer(prefix="t")
    html = str(writer.blocks(blocks))
    assert 'href="#t-note-1"' in html
    assert len(writer.notes) == 1 and "The note." in writer.notes[0]


def test_pull_quotes_are_asides_hidden_from_assistive_technology():
    said = {"t": "Para", "c": [{"t": "Str", "c": "Said."}]}
    node = {"t": "Div", "c": [["", ["pullquote"], [["quotes", "12"]]], [said]]}
    from pamphleteer.parse import Block

    html = str(Writer(prefix="t", epub_types=True).blocks([Block(20, node)]))
    assert html.startswith('<aside class="pullquote" role="doc-pullquote" aria-hidden="true" '
                           'epub:type="pullquote" data-quotes="t-12">')
    assert "Said." in html
