"""Rules declared once: the registry runs them in their declared order and refuses a bad declaration."""

from __future__ import annotations

import pytest

from pamphleteer import codes
from pamphleteer.normalise import rule_names
from pamphleteer.normalise.converter import never_refuse
from pamphleteer.normalise.registry import Stage, all_rules, register, rule, rules
from pamphleteer.normalise.typography import (
    curl_quotes,
    house_dashes,
    hyphenate_en_dashes,
    mark_acronyms,
    ordinals_on_the_baseline,
)
from tests.normalise.helpers import PATH, blocks, normalised


def placeholder(node):
    return node, []


BAD = [
    ("links", 99, {"N199": "x"}, "unknown stage"),
    (Stage.LINKS, 10, {"N199": "x"}, "both take place 10 of LINKS"),
    (Stage.LINKS, 99, {"N501": "x"}, "not in LINKS's series"),
    (Stage.TYPOGRAPHY, 99, {"N501": "again"}, "N501 is declared twice"),
    (Stage.TYPOGRAPHY, 99, {}, "declares no code"),
    (Stage.TYPOGRAPHY, 99, {"N5": "x"}, "is not a letter"),
]


@pytest.mark.parametrize(("stage", "order", "declared", "message"), BAD)
def test_a_bad_declaration_fails_and_registers_nothing(stage, order, declared, message):
    before = (all_rules(), codes.declared())
    with pytest.raises(ValueError, match=message):
        register(placeholder, stage, order, declared)
    assert (all_rules(), codes.declared()) == before


@pytest.mark.parametrize(("options", "message"), [
    ({"again": (10,)}, "both take place 10 of TYPOGRAPHY"),  # a place another rule has
    ({"again": (99,)}, "both take place 99 of TYPOGRAPHY"),  # twice at one place
    ({"gives": ("N101",)}, "N101 is not in TYPOGRAPHY's series"),
])
def test_a_rule_run_again_or_giving_another_rules_code_is_guarded_too(options, message):
    before = (all_rules(), codes.declared())
    with pytest.raises(ValueError, match=message):
        register(placeholder, Stage.TYPOGRAPHY, 99, {"N599": "x"}, **options)
    assert (all_rules(), codes.declared()) == before


def test_the_converter_repairs_run_in_their_declared_order_mojibake_first_and_last():
    names = [r.name for r in rules(Stage.DAMAGE)]
    assert names[:4] == ["heading_links_over_lines", "fix_mojibake", "clipper_excerpt", "prose_code_blocks"]
    assert names[-1] == "fix_mojibake" and names.count("fix_mojibake") == 2
    assert names.index("emphasis_debris") < names.index("spaces_at_link_edges")
    assert "N706" in next(r for r in rules(Stage.DAMAGE) if r.name == "heading_links_over_lines").codes


def test_a_converter_repair_runs_as_it_says_inside_quotations_too():
    entry = next(r for r in rules(Stage.DAMAGE) if r.name == "scene_breaks")
    out, diagnostics = entry.function(blocks("One.\n\n> * * *"), PATH, never_refuse)
    assert [b.node["t"] for b in out] == ["Para", "BlockQuote"]
    assert out[1].node["c"] == [{"t": "HorizontalRule"}]
    assert [d.code for d in diagnostics] == ["N701"]


def test_the_decorator_refuses_a_second_rule_with_a_taken_code():
    with pytest.raises(ValueError, match="N503 is declared twice"):
        rule(Stage.TYPOGRAPHY, order=99, codes={"N503": "another dash rule"})(placeholder)


def test_rules_run_in_their_declared_order():
    assert [r.function for r in rules(Stage.TYPOGRAPHY)] == [
        curl_quotes, hyphenate_en_dashes, house_dashes, ordinals_on_the_baseline, mark_acronyms]
    assert [r.name for r in rules(Stage.BODY)] == ["join_split_paragraphs", "lift_pull_quotes"]
    assert [r.order for r in rules(Stage.LINKS)] == sorted(r.order for r in rules(Stage.LINKS))


def test_every_repair_the_normaliser_reports_has_a_declared_meaning():
    text = normalised('# Title\n\nBy Ann Author\n\nSee [Cuba](#) and \\"this\\" - a working\u2013class.\n\n'
                      "---\n\n*Nothing repeated here at all.*\n\n---\n\nthe end of it.")
    reported = {d.code for d in text.diagnostics}
    assert reported >= {"N110", "N403", "N405", "N501", "N503", "N502"}
    assert reported <= set(rule_names())
    assert all(rule_names()[code] for code in reported)
