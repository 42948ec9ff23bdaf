"""Pull quotes read as paragraphs become pull quotes; page separator rules go."""

from __future__ import annotations

from pamphleteer.errors import Severity
from pamphleteer.normalise.pullquotes import drop_separator_rules, lift_pull_quotes, quote_score, words
from tests.normalise.helpers import PATH, blocks, nodes

BODY = ("Nations are modern. It has not always been that people lived in nations.\n\n"  # line 1
        "A second paragraph about something else entirely.\n\n"  # line 3
        "That struggle for freedom has no borders at all. The end.")  # line 5


def kinds(out):
    return [b.node["t"] for b in out]


def test_a_verbatim_pull_quote_with_hard_breaks_becomes_a_pull_quote_of_its_passage():
    text = BODY.replace("\n\nA second", "\n\n---\n\n*It has not always been  \n"
                        "that people lived in nations.*\n\n---\n\nA second")
    out, diagnostics = lift_pull_quotes(blocks(text), PATH)
    assert kinds(out) == ["Para", "Div", "Para", "Para"]
    attr, (para,) = out[1].node["c"]
    assert attr == ["", ["pullquote"], [["quotes", "1"]]]
    assert para == nodes("It has not always been that people lived in nations.")[0]
    assert [d.code for d in diagnostics] == ["N201"]


def test_a_loose_pull_quote_is_matched_and_placed_before_the_last_paragraph():
    text = BODY.replace("\n\nThat struggle", "\n\n---\n\n*The struggle for freedom has no borders.*"
                        "\n\n---\n\nThat struggle")
    out, _ = lift_pull_quotes(blocks(text), PATH)
    assert kinds(out) == ["Para", "Para", "Div", "Para"]
    assert out[2].node["c"][0][2] == [["quotes", str(out[3].line)]]


def test_an_emphasised_block_between_rules_that_quotes_nothing_stays_with_a_warning():
    text = BODY.replace("\n\nA second", "\n\n---\n\n*Subscribe to our newsletter today.*\n\n---\n\nA second")
    out, diagnostics = lift_pull_quotes(blocks(text), PATH)
    assert kinds(out) == ["Para", "HorizontalRule", "Para", "HorizontalRule", "Para", "Para"]
    assert [(d.code, d.severity) for d in diagnostics] == [("N202", Severity.WARNING)]


def test_two_pull_quotes_in_a_row():
    text = BODY.replace("\n\nA second", "\n\n---\n\n*Nations are modern.*\n\n---\n\n"
                        "*That struggle for freedom has no borders.*\n\n---\n\nA second")
    out, diagnostics = lift_pull_quotes(blocks(text), PATH)
    assert kinds(out) == ["Para", "Div", "Para", "Div", "Para"]
    assert [d.code for d in diagnostics].count("N201") == 2
    assert "HorizontalRule" not in kinds(out)


def test_separator_rules_at_the_edges_or_doubled_go_and_a_section_break_stays():
    out, diagnostics = drop_separator_rules(blocks("---\n\nAlpha.\n\n---\n\n---\n\nBeta.\n\n***"), PATH)
    assert kinds(out) == ["Para", "HorizontalRule", "Para"]
    assert [d.code for d in diagnostics] == ["N203"] * 3


def test_quote_score_tolerates_a_changed_word_but_not_a_different_sentence():
    passage = words("We live in a world. That struggle for freedom has no borders. We go on.")
    assert quote_score(words("The struggle for freedom has no borders."), passage) > 0.8
    assert quote_score(words("Cats sleep all day long in the sun."), passage) < 0.5
