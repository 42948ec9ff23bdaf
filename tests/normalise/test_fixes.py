"""Front matter fixes: explicit find/replace repairs, each reported."""

from __future__ import annotations

import pytest

from pamphleteer.errors import Severity
from pamphleteer.normalise.fixes import apply_fixes
from pamphleteer.sources import Fix
from tests.normalise.helpers import PATH, blocks, nodes

FIXES = [
    ("think the start. Then more.", Fix("think the", "I think the", 2), "I think the start. Then more.", 1),
    ("we don’t stop", Fix("don't stop", "do not stop", 2), "we do not stop", 1),
    ("Subscribe now! The text.", Fix("Subscribe now! ", "", 2), "The text.", 1),
    ("a b a b", Fix("a b", "c", 2), "c c", 1),
    ("in *italics* only", Fix("in italics", "x", 2), "in *italics* only", 0),
]


@pytest.mark.parametrize(("before", "fix", "after", "reported"), FIXES)
def test_fixes_replace_running_text(before, fix, after, reported):
    groups, diagnostics = apply_fixes({"body": blocks(before)}, (fix,), PATH)
    assert [b.node for b in groups["body"]] == nodes(after)
    assert [d.code for d in diagnostics] == (["N601"] * reported or ["N602"])


def test_a_fix_that_matches_nothing_is_a_warning_naming_its_line():
    _, (diagnostic,) = apply_fixes({"body": blocks("text")}, (Fix("absent", "x", 9),), PATH)
    assert diagnostic.severity is Severity.WARNING and diagnostic.line == 9
    assert "absent" in diagnostic.message


def test_fixes_reach_every_group_of_blocks():
    groups = {"body": blocks("alpha"), "bio": blocks("alpha beta")}
    out, diagnostics = apply_fixes(groups, (Fix("alpha", "gamma", 2),), PATH)
    assert [b.node for b in out["bio"]] == nodes("gamma beta")
    assert len(diagnostics) == 2
