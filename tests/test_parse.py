"""Parsing: pandoc's AST with the source line of every top-level block."""

from __future__ import annotations

from pathlib import Path

from pamphleteer.parse import markdown_to_blocks


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
