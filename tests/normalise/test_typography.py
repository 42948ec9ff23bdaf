"""Typography: quotes, hyphens and the house dash, as before/after tables."""

from __future__ import annotations

import json

import pytest

from pamphleteer.normalise.typography import (
    curl_quotes,
    house_dashes,
    hyphenate_en_dashes,
    mark_acronyms,
    ordinals_on_the_baseline,
)
from tests.normalise.helpers import nodes, run_rule

EN_DASHES = [
    ("a working–class party", "a working-class party"),
    ("consistent anti–imperialism, and so–called", "consistent anti-imperialism, and so-called"),
    ("Marxism–Leninism in 1914–1918", None),  # capitals, digits: a real en dash
    ("the anti–Trump vote", None),
]

DASHES = [
    ("the war - the enemy is at home - is", "the war – the enemy is at home – is"),
    ("a leader --- even one", "a leader – even one"),  # pandoc reads --- as an em dash
    ("a projection—projecting back", "a projection – projecting back"),
    ("the U.S.—a disdain", "the U.S. – a disdain"),
    ("ruling classes— for example", "ruling classes – for example"),
    ("Canada—the nation—, Quebec", "Canada – the nation –, Quebec"),
    ("a spaced — em dash", "a spaced – em dash"),
    ("a spaced – en dash", None),  # already the house dash
    ("U.S.-China rivalry, well-known", None),  # hyphens stay
]

QUOTES = [
    ('\\"unite\\" they said', "“unite” they said"),
    ("it\\'s the \\'90s", "it’s the ’90s"),
    ("“already” curly", None),
]


def check(rule, before, after, code):
    result, codes = run_rule(rule, before)
    assert result == nodes(after or before)
    assert (codes != []) == (after is not None)
    assert set(codes) <= {code}


@pytest.mark.parametrize(("before", "after"), EN_DASHES)
def test_en_dash_between_lower_case_words_becomes_a_hyphen(before, after):
    check(hyphenate_en_dashes, before, after, "N502")


@pytest.mark.parametrize(("before", "after"), DASHES)
def test_dashes_take_the_house_style(before, after):
    check(house_dashes, before, after, "N503")


@pytest.mark.parametrize(("before", "after"), QUOTES)
def test_straight_quotes_become_typographic(before, after):
    check(curl_quotes, before, after, "N501")


def test_links_and_code_keep_their_characters():
    text = "see [a—b](https://x.org/a--b) and `x - y`"
    result, _ = run_rule(house_dashes, text)
    assert result[0]["c"][2]["c"][2][0] == "https://x.org/a--b"
    assert result[0]["c"][-1] == {"t": "Code", "c": [["", [], []], "x - y"]}


ORDINALS = [
    ("on the 3^rd^ of May, the 21^st^ and the 19^e^ siècle",
     "on the 3rd of May, the 21st and the 19e siècle"),
    ("x^2^ and the 2^nd^", "x^2^ and the 2nd"),  # a power stays raised
    ("the rd^th^ note", None),  # letters after letters: not an ordinal
]

ACRONYMS = [
    ("the ILWU and NATO", "the [ILWU]{.acronym} and [NATO]{.acronym}"),
    ("the USSR’s collapse, NGOs, NATO-led",
     "the [USSR]{.acronym}’s collapse, [NGO]{.acronym}s, [NATO]{.acronym}-led"),
    ("the [ILWU](https://ilwu.org) struck", "the [[ILWU]{.acronym}](https://ilwu.org) struck"),
    ("the US and the UK", None),  # two capitals: left as they are
    ("Louis XIV and Pope John XXIII", None),  # Roman numerals
    ("DAVE KELLAWAY writes", None),  # a line set in capitals, not acronyms
    ("Nations, PhD, McDonald", None),
    ("# The ILWU", None),  # not in a heading
    ("`NATO` in code", None),
]


@pytest.mark.parametrize(("before", "after"), ORDINALS)
def test_ordinals_are_set_on_the_baseline(before, after):
    check(ordinals_on_the_baseline, before, after, "N504")


@pytest.mark.parametrize(("before", "after"), ACRONYMS)
def test_acronyms_of_three_capitals_are_marked_for_small_capitals(before, after):
    # A text's own `{.acronym}` is the editions' class, taken off by the reader (W-reserved):
    # the expected nodes are read with another class, then given this one.
    result, codes = run_rule(mark_acronyms, before)
    expected = json.loads(json.dumps(nodes((after or before).replace("{.acronym}", "{.expected-acronym}")))
                          .replace('"expected-acronym"', '"acronym"'))
    assert result == expected
    assert (codes != []) == (after is not None) and set(codes) <= {"N505"}


def test_marking_acronyms_twice_marks_them_once():
    once, _ = run_rule(mark_acronyms, "the ILWU and NATO")
    twice, found = mark_acronyms(once[0])
    assert twice == once[0] and not found
