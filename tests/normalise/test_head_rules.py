"""The head's rules (N401): one under the page's header goes; a pull quote's frame further on stays."""

from __future__ import annotations

import pytest

from pamphleteer.ast import is_pull_quote, kind, text_of
from tests.normalise.helpers import normalised

QUOTE = "Solidarity across borders is built in local campaigns."
LATER = f"Organisers learned one thing. {QUOTE} It took years."


def shown(result) -> list[str]:
    """The body as a reader meets it: a pull quote, a rule, a quotation or a paragraph's text."""
    out = []
    for block in result.blocks:
        if is_pull_quote(block.node):
            out.append(f"pull quote: {text_of(block.node)}")
        elif kind(block.node) == "HorizontalRule":
            out.append("---")
        elif kind(block.node) == "BlockQuote":
            out.append(f"> {text_of(block.node)}")
        else:
            out.append(text_of(block.node))
    return out


@pytest.mark.parametrize(("markdown", "body", "n401"), [
    # A rule between the title and the article separates the page's header: it goes.
    ("# The Title\n\n---\n\nThe article starts.\n\nIt goes on.",
     ["The article starts.", "It goes on."], 1),
    # A pull quote framed by rules after the first paragraph: its rules are the quote's.
    (f"The article starts.\n\n---\n\n*{QUOTE}*\n\n---\n\n{LATER}\n\nThe end.",
     ["The article starts.", LATER, f"pull quote: {QUOTE}", "The end."], 0),
    # ... also under a title, with its quote set on two lines.
    (f"# The Title\n\nThe article starts.\n\n---\n\n*Solidarity across borders  \nis built in local "
     f"campaigns.*\n\n---\n\n{LATER}\n\nThe end.",
     ["The article starts.", LATER, f"pull quote: {QUOTE}", "The end."], 0),
    # A pull quote right under the title, before any prose, is a pull quote, not the standfirst.
    (f"# The Title\n\n---\n\n*{QUOTE}*\n\n---\n\n{LATER}\n\nThe end.",
     [LATER, f"pull quote: {QUOTE}", "The end."], 0),
    # A quotation between rules after the first paragraph stays in its place, rules and all.
    ("# The Title\n\nThe article starts.\n\n---\n\n> A quotation from a speech.\n\n---\n\nIt goes on.",
     ["The article starts.", "---", "> A quotation from a speech.", "---", "It goes on."], 0),
])
def test_rules_of_the_head_and_rules_of_a_pull_quote(markdown, body, n401):
    result = normalised(markdown)
    assert shown(result) == body
    assert [d.code for d in result.diagnostics].count("N401") == n401
