"""Subheadings written as paragraphs of bold type become headings (N730), and nothing else does."""

from __future__ import annotations

import pytest

from pamphleteer.ast import header_level, is_kind, text_of
from tests.normalise.helpers import normalised

PROSE = ("The renaming of three streets has been a major issue for the initiative and other organizations "
         "in the last several years, with the district looking for new names. {}")


def body(*subheads: str, before: str = PROSE) -> str:
    parts = [PROSE.format("It began in the spring.")]
    for subhead in subheads:
        parts += [before.format("The council met."), subhead, PROSE.format("Then the vote came.")]
    return "\n\n".join(parts) + "\n"


def headings(markdown: str, **meta: object) -> list[tuple[int, str]]:
    text = normalised(markdown, **meta)
    return [(header_level(block.node), text_of(block.node)) for block in text.blocks
            if is_kind(block.node, "Header")]


def test_bold_paragraphs_heading_the_sections_become_subheadings_under_the_title():
    markdown = body("**Freedom fighters replace colonial leaders**", "**Right-wing resistance**")
    assert headings(markdown) == [(1, "Freedom fighters replace colonial leaders"),
                                  (1, "Right-wing resistance")]
    repairs = [(note.before, note.after) for note in normalised(markdown).diagnostics if note.code == "N730"]
    assert repairs == [
        ("**Freedom fighters replace colonial leaders**", "## Freedom fighters replace colonial leaders"),
        ("**Right-wing resistance**", "## Right-wing resistance"),
    ]


@pytest.mark.parametrize("markdown", [
    body("**Right-wing resistance**"),  # one alone: a bold line, not a section's head
    body("**Wie war die Unterkunft?**", "**Wie sind Sie angekommen?**"),  # an interview's questions
    body("**Read also:**", "**More on the vote:**"),  # labels introducing what follows
    body("**By the time we realised what was happening, it was already too late.**",
         "**The council met again.**"),  # sentences set in bold
    body("**Freedom fighters**", "**Right-wing resistance**")
    + "\n## A heading of its own\n\n" + PROSE.format("End."),  # a body with headings keeps its structure
    body("**the first**", "**the second**"),  # not capitalised: emphasis run on
])
def test_a_bold_line_that_is_not_a_sections_head_stays_a_paragraph(markdown):
    assert [level for level, words in headings(markdown) if words != "A heading of its own"] == []


def test_keep_leaves_the_bold_paragraphs_as_written():
    assert headings(body("**Freedom fighters**", "**Right-wing resistance**"), keep=("N730",)) == []
