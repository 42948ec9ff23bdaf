"""Parsing: pandoc's AST with the source line of every top-level block."""

from __future__ import annotations

from pathlib import Path

from pamphleteer.ast import text_of, walk
from pamphleteer.parse import markdown_to_blocks, read_document, read_markdown
from tests.loopback import respond


def test_blocks_carry_the_line_they_start_on_in_the_file():
    markdown = "\n# Head\n\nFirst para\nwraps here.\n\n---\n\n*quote  \nbreak*\n"
    blocks = markdown_to_blocks(markdown, path=Path("x.md"), first_line=8)
    assert [(b.line, b.node["t"]) for b in blocks] == [
        (9, "Header"), (11, "Para"), (14, "HorizontalRule"), (16, "Para"),
    ]


def test_source_positions_leave_no_trace_in_the_ast():
    markdown = "A [link](http://a.example/) and U.S. text.\n"
    blocks = markdown_to_blocks(markdown, path=Path("x.md"), first_line=1)
    text = repr(blocks[0].node)
    assert "data-pos" not in text and "wrapper" not in text
    strings = [n["c"] for n in blocks[0].node["c"] if n["t"] == "Str"]
    assert "U.S." in strings  # adjacent pieces are joined again


def test_pandoc_fetches_nothing_an_html_page_names_and_reads_no_file_it_names(tmp_path, loopback):
    loopback.otherwise = respond(200, b"<p>FETCHED</p>")
    secret = tmp_path / "secret.html"
    secret.write_text("<p>SECRET</p>", encoding="utf-8")
    frame = loopback.url("/frame")
    page = (f'<p>Text.</p><iframe src="{frame}"></iframe>'
            f'<iframe src="{secret}"></iframe>')
    document = read_document(page, "html", path="page.html")
    assert loopback.requests == []
    assert "FETCHED" not in str(document) and "SECRET" not in str(document)
    assert "Text." in str(document)


def test_a_heading_whose_raw_html_ran_onto_the_next_lines_is_read_whole():
    text = ('## by <span class="u-ttu"><a href="https://www.villagevoice.com/author/r-c-baker/"\n'
            'class="author url fn" rel="author">R.C.\nBaker</a></span>\n\nNovember 5, 2023\n')
    blocks, diagnostics = read_markdown(text, path=Path("t.md"), first_line=1)
    heading = blocks[0].node
    assert heading["t"] == "Header" and text_of(heading) == "by R.C. Baker"
    assert not any(n["t"] == "Str" and "villagevoice" in n["c"] for n in walk(heading))  # no markup shown
    assert blocks[1].line == 5 and [d.code for d in diagnostics] == ["N712"]


def test_a_heading_in_a_list_item_whose_raw_html_ran_onto_the_next_line_is_read_whole():
    # pandoc's gfm writer (wsj.com): a tag list, each tag a heading in a list item
    text = ('- ## <a href="http://blogs.wsj.com/accelerators/tag/investor/"\n  rel="tag">investor</a>\n\n'
            '- ## <a href="http://blogs.wsj.com/accelerators/tag/marketing/"\n  rel="tag">Marketing</a>\n')
    blocks, diagnostics = read_markdown(text, path=Path("t.md"), first_line=1)
    assert text_of(blocks[0].node).split() == ["investor", "Marketing"]
    assert [n["c"][2][0] for n in walk(blocks[0].node) if n["t"] == "Link"] == [
        "http://blogs.wsj.com/accelerators/tag/investor/", "http://blogs.wsj.com/accelerators/tag/marketing/"]
    assert [d.code for d in diagnostics] == ["N712", "N712"]


def test_a_heading_in_a_code_block_is_left_as_it_is():
    text = '```\n# <not a tag\nstill code\n```\n'
    blocks, diagnostics = read_markdown(text, path=Path("t.md"), first_line=1)
    assert blocks[0].node["t"] == "CodeBlock" and "\nstill code" in blocks[0].node["c"][1] and not diagnostics
