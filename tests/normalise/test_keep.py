"""Front matter `keep:`: a person overrules a repair by its code or by the block it would change."""

from __future__ import annotations

import pytest

from pamphleteer.ast import text_of
from pamphleteer.errors import Severity
from tests.normalise.helpers import normalised

HEAD = "# MAGAZINE\n\n## The Real Title\n\nby **Jo Bloggs**\n\n"
FOOT = "\n\n*The views expressed here do not necessarily reflect ours.*"
BODY = "The working\u2013class argument went on for a long while after that, they said."


def body(text):
    return [text_of(b.node) for b in text.blocks]


@pytest.mark.parametrize(("markdown", "keep", "stays", "not_made"), [
    # by code: the byline stays in the body, the disclaimer stays in the body
    (HEAD + BODY, ("N405",), "by Jo Bloggs", "N405"),
    (BODY + FOOT, ("N415",), "The views expressed here do not necessarily reflect ours.", "N415"),
    # by the block's first words, in any case
    (BODY + FOOT, ("the views expressed",), "The views expressed here do not necessarily reflect ours.",
     "N415"),
    # a one-block rule (en dash as a hyphen) left alone
    (BODY, ("N502",), BODY, "N502"),
    # a dead link stays a link
    ("See [Cuba](#) and more words here.", ("See Cuba",), "See Cuba and more words here.", "N110"),
])
def test_a_kept_block_stays_as_written_and_the_repair_is_reported_not_made(markdown, keep, stays, not_made):
    text = normalised(markdown, keep=keep)
    assert stays in body(text)
    codes = [d.code for d in text.diagnostics]
    assert not_made not in codes
    kept = [d for d in text.diagnostics if d.code == "N603"]
    assert kept and all(not_made in d.message for d in kept)


def test_without_keep_the_same_repairs_are_made():
    text = normalised(HEAD + BODY + FOOT)
    assert body(text) == ["The working-class argument went on for a long while after that, they said."]
    assert {"N402", "N405", "N415", "N502"} <= {d.code for d in text.diagnostics}


def test_a_kept_dead_link_is_still_a_link():
    text = normalised("See [Cuba](#) and more words here.", keep=("N110",))
    assert text.blocks[0].node["c"][2]["t"] == "Link"


def test_keeping_one_block_leaves_the_others_repaired():
    text = normalised("One working\u2013class view.\n\nTwo working\u2013class views.", keep=("two",))
    assert body(text) == ["One working-class view.", "Two working\u2013class views."]


def test_keeping_a_paragraph_join_keeps_both_parts():
    markdown = "The argument ran on and he predicted more or less\n\nthe trajectory of the whole movement."
    assert len(normalised(markdown).blocks) == 1
    text = normalised(markdown, keep=("N301",))
    assert len(text.blocks) == 2 and "N301" not in {d.code for d in text.diagnostics}


def test_an_entry_that_matches_nothing_is_a_warning():
    text = normalised(BODY, keep=("N999", "No such block"))
    unused = [d for d in text.diagnostics if d.code == "N604"]
    assert [d.severity for d in unused] == [Severity.WARNING, Severity.WARNING]
    assert "'No such block'" in unused[1].message
