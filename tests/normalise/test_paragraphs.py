"""Paragraphs cut by page breaks, and lost drop caps."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pamphleteer.ast import make_pull_quote, text_of
from pamphleteer.errors import Severity
from pamphleteer.normalise.fixes import apply_fixes
from pamphleteer.normalise.paragraphs import join_split_paragraphs, lost_initial, report_initial
from pamphleteer.sources import Fix
from tests.normalise.helpers import PATH, blocks, nodes, normalised

JOINS = [
    ("He predicted more or less\n\nthe trajectory of events.",
     "He predicted more or less the trajectory of events."),
    ("or Mexico’s and Cuba’s\n\nstruggles against domination.",
     "or Mexico’s and Cuba’s struggles against domination."),
    ("it was necessary to\n\nhave revolutions.", "it was necessary to have revolutions."),
    ("led by the [FSLN](https://x.org)\n\nand others.", "led by the [FSLN](https://x.org) and others."),
    ("It ends here.\n\nthen a lower-case start.", None),  # the first part is closed
    ("It ends here.”\n\nthen a lower-case start.", None),
    ("An open end\n\nBut a capital start.", None),  # a new sentence
    ("A list follows:\n\nlower case", None),
    ("# A heading\n\nlower case", None),
]


@pytest.mark.parametrize(("before", "after"), JOINS)
def test_paragraphs_cut_by_a_page_break_are_joined(before, after):
    out, diagnostics = join_split_paragraphs(blocks(before), PATH)
    assert [b.node for b in out] == nodes(after or before)
    assert [d.code for d in diagnostics] == (["N301"] if after else [])
    assert out[0].line == 1  # the joined paragraph keeps the first part's line


def test_a_pull_quote_between_the_parts_moves_after_the_joined_paragraph():
    # The Div is made as the pull-quote rule makes it: a source's own `.pullquote` class is stripped.
    first, quote, rest, after = blocks("It was necessary to\n\nquote\n\nhave revolutions.\n\nNext.")
    quote = replace(quote, node=make_pull_quote([quote.node], 1))
    out, _ = join_split_paragraphs((first, quote, rest, after), PATH)
    assert [b.node["t"] for b in out] == ["Para", "Div", "Para"]
    assert out[0].node == nodes("It was necessary to have revolutions.")[0]


def test_three_parts_join_into_one():
    out, diagnostics = join_split_paragraphs(blocks("one two\n\nthree four\n\nfive."), PATH)
    assert [b.node for b in out] == nodes("one two three four five.")
    assert len(diagnostics) == 2


@pytest.mark.parametrize(("text", "lost"), [
    ("think the starting point.\n\nMore.", True),
    ("I think the starting point.", False),
    ("---\n\nthink again.", True),
    ("- a list\n\nthink again.", False),
])
def test_a_body_starting_in_lower_case_has_lost_its_initial(text, lost):
    assert (lost_initial(blocks(text)) is not None) is lost


def test_a_lost_initial_is_reported_with_the_fix_to_write():
    body = blocks("think the starting point.")
    (diagnostic,) = report_initial(lost_initial(body), body, PATH)
    assert diagnostic.code == "N303" and diagnostic.severity is Severity.WARNING
    assert "fixes:" in diagnostic.message and "think" in diagnostic.message


def test_a_lost_initial_repaired_by_a_fix_is_reported_as_repaired():
    body = blocks("think the starting point.")
    groups, _ = apply_fixes({"body": body}, (Fix("think the", "I think the", 3),), PATH)
    (diagnostic,) = report_initial(lost_initial(body), groups["body"], PATH)
    assert diagnostic.code == "N302" and diagnostic.after.startswith("I think")


def test_a_framed_pull_quote_between_the_parts_moves_after_the_joined_paragraph():
    text = "It was necessary to\n\n---\n\n*Revolutions were needed.*\n\n---\n\nhave revolutions.\n\nNext."
    out, diagnostics = join_split_paragraphs(blocks(text), PATH)
    assert [b.node["t"] for b in out] == ["Para", "HorizontalRule", "Para", "HorizontalRule", "Para"]
    assert out[0].node == nodes("It was necessary to have revolutions.")[0]
    assert [d.code for d in diagnostics] == ["N301"]


def test_an_emphasised_paragraph_is_not_the_rest_of_a_cut_one():
    out, _ = join_split_paragraphs(blocks("An open end\n\n*lower case in italics*"), PATH)
    assert len(out) == 2


FIRST = "Workers and unions organise across borders, with their history and their movement behind them."
SECOND = "Unions in Leeds and Glasgow organise strikes together against the rulers of every country."


@pytest.mark.parametrize(("markdown", "body"), [
    # The second part is the text's last block and one link: not a menu item of the page's footer.
    (f"{FIRST}\n\n{SECOND} Local people with their power organise\n\n[across](https://example.org/a/).",
     [FIRST, f"{SECOND} Local people with their power organise across."]),
    (f"{FIRST}\n\n{SECOND} They fought for the right\n\n[to strike](https://example.org/b/) "
     "[together](https://example.org/c/).",
     [FIRST, f"{SECOND} They fought for the right to strike together."]),
])
def test_the_rest_of_a_cut_paragraph_stays_in_the_body_whatever_its_links(markdown, body):
    result = normalised(markdown)
    assert [text_of(block.node) for block in result.blocks] == body
    assert "N420" not in [d.code for d in result.diagnostics]
