"""Converter damage in whole blocks, as before/after tables.

The inputs are what html2text, markdownify and pandoc wrote for small pieces of
real article HTML (the converter is named on each row).
"""

from __future__ import annotations

import pytest

from pamphleteer.ast import link_target, text_of, walk
from pamphleteer.normalise.converter import (
    attribute_debris,
    each_block_to_many,
    empty_blocks,
    markdown_code_blocks,
    markdown_code_in_list_items,
    never_refuse,
    prose_code_blocks,
    scene_breaks,
    shift_headings,
    within_containers,
)
from pamphleteer.normalise.converter_text import (
    asterisks_inside_words,
    capitals_inside_words,
    emphasis_debris,
    escapes_left_as_text,
    fix_mojibake,
    money_read_as_maths,
)
from tests.normalise.helpers import PATH, blocks, nodes, run_rule


def run_many(rule, markdown):
    out, diagnostics = each_block_to_many(blocks(markdown), PATH, rule)
    return [block.node for block in out], [d.code for d in diagnostics]


def check_many(rule, before, after, code):
    result, codes = run_many(rule, before)
    assert result == (nodes(after) if after is not None else nodes(before))
    assert (codes != []) == (after is not None)
    assert set(codes) <= {code}


SCENE_BREAKS = [
    ("One.\n\n* * *\n\nTwo.", "One.\n\n---\n\nTwo."),  # html2text: pandoc reads it as lists in lists
    ("One.\n\n- - -\n\nTwo.", "One.\n\n---\n\nTwo."),
    ("One.\n\n\\* \\* \\*\n\nTwo.", "One.\n\n---\n\nTwo."),  # markdownify and pandoc escape it
    ("One.\n\n•••\n\nTwo.", "One.\n\n---\n\nTwo."),
    ("One.\n\n⁂\n\nTwo.", "One.\n\n---\n\nTwo."),
    ("One.\n\n* one\n* two\n\nTwo.", None),  # a real list
    ("One.\n\n*Two.*", None),
    ("One.\n\n---\n\nTwo.", None),  # already a rule
    ("> One.\n>\n> * * *\n>\n> Two.", "> One.\n>\n> ---\n>\n> Two."),  # inside a quotation
]


@pytest.mark.parametrize(("before", "after"), SCENE_BREAKS)
def test_scene_breaks_become_rules(before, after):
    check_many(within_containers(scene_breaks), before, after, "N701")


DEBRIS = [
    ("Text \\{#foo\\}", "Text"),  # pandoc's attributes, escaped by a converter
    ("A heading \\{#title .headline\\}\n\nText.", "A heading\n\nText."),
    ('Caption \\{alt="Protesters march on May Day" width="50%"\\}', "Caption"),
    ("\\::: note\n\nText.\n\n\\:::", "Text."),  # fences escaped by a second converter
    ("::: note\nText.\n\n\\:::\n:::", "::: note\nText.\n:::"),  # a stray fence inside a div
    ("Text.\n\\:::", "Text."),  # a fence run into a paragraph
    ("Set {x} and {y}, the sets.", None),  # braces in prose
    ("Ratio 3:::1", None),
    # pandoc's markdown writer: a fence whose attributes hold JSON (an ad slot), which its
    # reader cannot read back, so the fence and the rest of the div are text
    ('::: {#ad-tag data-slot="{\\"pos\\":\\"mr1\\",\\"size\\":[300,250]}" path="/5678/news"}\n'
     ':::\n::::\n\nThe article goes on.', "The article goes on."),
    ('::: {.list-item context="headline" ids="{\\"a\\":1}"}\n[Lakers lose](https://x.org/a)\n\n'
     "[Sports](https://x.org/s) / 6 hours ago\n:::", "[Lakers lose](https://x.org/a)\n\n"
     "[Sports](https://x.org/s) / 6 hours ago"),
    ("::: [A story](https://x.org/b)", "[A story](https://x.org/b)"),  # a fence run onto a link
    ("Sports Illustrated / 7 hours ago :::", "Sports Illustrated / 7 hours ago"),
    ("She wrote ::: in the margin.", None),  # colons inside a line are not a fence
    # pandoc markdown (freitag.de): a class's `--` read as a dash, JSON in a quoted value, over lines
    ('[Folgen](https://x.org/login "Einloggen"){.c-button\n.c-button--wide .pat-plone-modal\n'
     'pat-plone-modal="{\\"prependContent\\": \\".portalMessage\\", \\"width\\": \\"26em\\"}"}',
     '[Folgen](https://x.org/login "Einloggen")'),
    # (uebermedien.de): a span in a link's words whose attribute `?=""` the reader refused
    ('- [[Bauer-Verlag über Boris Becker]{.teaser__kicker\n  ?=""}](https://x.org/89533/){.teaser__link}',
     "- [Bauer-Verlag über Boris Becker](https://x.org/89533/){.teaser__link}"),
    ("Sets [a] and {b}, as [c]{d}.", None),
    # pandoc markdown (taz.de): identifiers with spaces, as the page had them, which its reader refuses
    ("[Mehr zum Thema]{#Mehr zum Thema}", "Mehr zum Thema"),
    ("Schwerpunkt Fridays For Future{#Schwerpunkt Fridays For Future}", "Schwerpunkt Fridays For Future"),
    ("Ranked {#1 in sales} twice", None),  # not an identifier: it starts with no letter
    # pandoc markdown (makronom.de): a div's fences inside a list item, an attribute `;=""` refused
    ('- ::: {.autor-bild style="display:inline-block" ;=""}\n  :::\n- [Clara](https://x.org/c)',
     "- [Clara](https://x.org/c)"),
    ('- ::: {.autor-bild ;=""}\n  :::', ""),  # nothing else in the list: the list goes
]


@pytest.mark.parametrize(("before", "after"), DEBRIS)
def test_attribute_and_fence_debris_is_removed(before, after):
    check_many(within_containers(attribute_debris), before, after, "N702")


def test_a_heading_keeps_its_words_without_its_attributes():
    result, codes = run_many(attribute_debris, "## Why it matters \\{#why .section\\}")
    assert result[0]["t"] == "Header" and text_of(result[0]) == "Why it matters" and codes == ["N702"]


PROSE_CODE = [
    ("    The strike spread to seven cities within a week, and the union\n"
     "    said it would not stop until the contract was signed.",
     "The strike spread to seven cities within a week, and the union\n"
     "said it would not stop until the contract was signed."),
    ("    It began in March. By May it had reached [Chicago](https://x.org/c).\n\n"
     "    Then it stopped, quite suddenly, for reasons nobody could explain.",
     "It began in March. By May it had reached [Chicago](https://x.org/c).\n\n"
     "Then it stopped, quite suddenly, for reasons nobody could explain."),
    ("    def strike(cities):\n        return [c for c in cities if c.open]", None),
    # markdownify's <pre>
    ("```\nThe strike spread to seven cities within a week, and the union said so.\n```",
     "The strike spread to seven cities within a week, and the union said so."),
    ("```plaintext\nThe strike spread to seven cities within a week, and the union said so.\n```", None),
    ("    $ pip install pamphleteer && pamphleteer build --output out/", None),
]


@pytest.mark.parametrize(("before", "after"), PROSE_CODE)
def test_prose_read_as_code_becomes_paragraphs(before, after):
    check_many(prose_code_blocks, before, after, "N703")


MARKDOWN_CODE = [
    # html2text indents a site's menu under its heading by four spaces: pandoc reads code
    ("## Thématiques\n\n    * [Politique](+-Politique-+.html)\n    * [Société](+-Societe-+.html)\n"
     "    * [Arts](+-Art-litterature-+.html)",
     "## Thématiques\n\n* [Politique](+-Politique-+.html)\n* [Société](+-Societe-+.html)\n"
     "* [Arts](+-Art-litterature-+.html)"),
    ("    * ### Le journal\n", "* ### Le journal"),
    ("    * Roberto, [ Do 9 Apr 2020 ](https://x.org/#c-1) [Antworten](https://x.org/?r=1)",
     "* Roberto, [ Do 9 Apr 2020 ](https://x.org/#c-1) [Antworten](https://x.org/?r=1)"),
    ('    {\n       "Name": "Matthew Davis",\n       "Age": 26\n    }', None),  # data, not Markdown
    ("    for item in items:\n        print(item)", None),
    ("```python\n* [a](https://x.org/a)\n```", None),  # a language: code on purpose
    ("    oh, the weather outside is frightful,\n    the heat wave brutal and spiteful.", None),
]


@pytest.mark.parametrize(("before", "after"), MARKDOWN_CODE)
def test_markdown_read_as_code_is_read_as_markdown(before, after):
    check_many(markdown_code_blocks, before, after, "N703")


def test_markdown_read_as_code_in_a_list_item_is_read_as_markdown():
    # html2text (spiegel.de): a menu's empty items as markers in a row; the spaces after them make code
    before = ("  * [Panorama](/panorama/)\n    *     *       * [Übersicht](/panorama/)\n"
              "      * [Justiz](/panorama/justiz/ \"Justiz\")")
    result, codes = run_many(markdown_code_in_list_items, before)
    assert not [n for n in walk(result[0]) if n["t"] == "CodeBlock"] and codes == ["N703"]
    assert [link_target(n) for n in walk(result[0]) if n["t"] == "Link"] == [
        "/panorama/", "/panorama/", "/panorama/justiz/"]
    # code in a list item that is code stays
    code = "1. Run it:\n\n        for item in items:\n            print(item)"
    assert run_many(markdown_code_in_list_items, code) == (nodes(code), [])  # Python, not Markdown


EMPTY = [
    ('<div class="note">\n\nText.\n\n</div>', "Text."),  # pandoc's gfm: the tags apart, the div empty
    ("Text.", None),
    ("![](images/a.png)", None),
]


@pytest.mark.parametrize(("before", "after"), EMPTY)
def test_empty_blocks_left_by_split_html_go(before, after):
    check_many(within_containers(empty_blocks), before, after, "N704")


MOJIBAKE = [
    ("MarÃ­a López said", "María López said"),
    ("donâ€™t stop", "don’t stop"),
    ("Â£5 for a cafÃ© au lait", "£5 for a café au lait"),
    ("Ð¡Ñ‚Ð°Ð»Ð¸Ð½", "Сталин"),
    # the no-break space lost
    ("il commence Ã s’interroger, déjÃ précisé", "il commence à s’interroger, déjà précisé"),
    ("IRMÃ E MAÇÃ", None),  # Portuguese capitals
    ("*MarÃ­a* and [JosÃ©](https://x.org/j)", "*María* and [José](https://x.org/j)"),
    ("naïve café résumé, São Paulo, “quoted” — fine", None),
    ("Straight 'quotes' stay straight", None),
]


@pytest.mark.parametrize(("before", "after"), MOJIBAKE)
def test_mojibake_is_mended(before, after):
    result, codes = run_rule(fix_mojibake, before)
    assert result == nodes(after or before)
    assert codes == (["N710"] * len(codes) if after else [])
    assert (codes != []) == (after is not None)


HEADINGS = [
    ("### One\n\nText.\n\n#### Two\n\nText.", "# One\n\nText.\n\n## Two\n\nText."),  # shifted
    ("## One\n\nText.\n\n#### Two", "# One\n\nText.\n\n## Two"),  # skipped a level
    ("# One\n\n## Two\n\n# Three", None),
    ("Text only.", None),
]


@pytest.mark.parametrize(("before", "after"), HEADINGS)
def test_headings_sit_under_the_title_without_skipping(before, after):
    result, diagnostics = shift_headings(blocks(before), PATH)
    assert [b.node for b in result] == nodes(after or before)
    assert bool(diagnostics) == (after is not None)
    assert {d.code for d in diagnostics} <= {"N705"}


def test_keep_refuses_a_repair_and_leaves_the_block():
    def refuse(block, code):
        return code if code == "N701" else None  # stands in for the report `keep:` makes

    out, found = each_block_to_many(blocks("One.\n\n* * *\n\nTwo."), PATH, scene_breaks, refuse)
    assert [b.node["t"] for b in out] == ["Para", "BulletList", "Para"] and found == ("N701",)


EMPHASIS = [
    ("**33%**of those hospitalised", "**33%** of those hospitalised"),  # trafilatura
    ("Thatcherism __ possible.", "Thatcherism possible."),  # html2text: emphasis around nothing
    ("the congressman.**** The campaign", "the congressman. The campaign"),
    ("the Decade From Hell** _, our look", "the Decade From Hell, our look"),
    ("a *real* emphasis and 2 * 3", None),
    # markers a no-break space kept from pairing (`<strong>…?&nbsp;</strong>`), or inside quotation marks
    ("organisierte Verantwortungslosigkeit?\u00a0**", "organisierte Verantwortungslosigkeit?"),
    ("Sterling-gate.\u00a0**One of many", "Sterling-gate.\u00a0One of many"),
    ("never read that book.” \u00a0❖**\u00a0**", "never read that book.” \u00a0❖"),
    ("„**Nicht erinnerlich“, sagt er", "„Nicht erinnerlich“, sagt er"),
    ("refugio del macrismo”**, dice Moreau", "refugio del macrismo”, dice Moreau"),
    # html2text: a marker glued to the link it opened goes, the space before it stays
    ("Dance With Cassie,” _[God Help The Girl](https://x.org/g) _",
     "Dance With Cassie,” [God Help The Girl](https://x.org/g)"),
    ("snake_case_name stays", None),
]


ASTERISKS = [  # German's gender star, as html2text and a WordPress export write it (taz.de)
    ("Ein Signal an Investor*innen und Auftragnehmer*innen. Die Rage",
     "Ein Signal an Investor\\*innen und Auftragnehmer\\*innen. Die Rage"),
    ("eine Bürger*innenversicherung, die die Beihilfe für die Beamt*innen ersetzt",
     "eine Bürger\\*innenversicherung, die die Beihilfe für die Beamt\\*innen ersetzt"),
    ("Wo *Leser*innen mitreden", None),  # emphasis opened before a word: the reader's own
    ("un*frigging*believable", None),  # emphasis inside one word
    ("a *real* emphasis", None),
    ("Bürger:innen und Kolleg:innen", None),  # the other forms were never read as emphasis
    ("Bürger_innen und Kolleg_innen", None),
]


@pytest.mark.parametrize(("before", "after"), ASTERISKS)
def test_asterisks_inside_words_stay_text(before, after):
    result, codes = run_rule(asterisks_inside_words, before)
    assert result == nodes(after or before)
    assert codes == (["N716"] if after else [])
    if after:
        assert "*innen" in text_of(result) and "Emph" not in str(result)


@pytest.mark.parametrize(("before", "after"), EMPHASIS)
def test_emphasis_markers_left_as_text_go(before, after):
    result, codes = run_rule(emphasis_debris, before)
    assert result == nodes(after or before)
    assert codes == (["N711"] if after else [])


RUN_TOGETHER = [
    # a label and the caption after it, two list items, a name and a date: a space lost between elements
    ("Media captionDrone footage shows mass burials", "Media caption Drone footage shows mass burials"),
    ("causaram reações nos leitoresAtualizado às", "causaram reações nos leitores Atualizado às"),
    ("gabriel sempéréLe 11 septembre 2018", "gabriel sempéré Le 11 septembre 2018"),
    ("[Related articlesMore from the site](https://x.org/r)", "[Related articles More from the site](https://x.org/r)"),
    # words written with a capital inside are the words' own
    ("An iPhone, JavaScript, McDonald's, eBay and macOS", None),
    ("deGrasse Tyson and DiCaprio", None),
    ("Liebe LehrerInnen und KollegIn", None),  # German's Binnen-I
    ("@realDonaldTrump wrote #stopHate on uusisuomi.fiAsiakastuki", None),  # handles, tags, addresses
    ("derFreitag: the weekly derFreitag prints", None),  # spelt so twice: the text's own name
    ("une enquÃªte", None),  # mojibake is another repair's
    ("getElementById and camelCase2", None),
]


@pytest.mark.parametrize(("before", "after"), RUN_TOGETHER)
def test_words_run_together_at_a_capital_get_their_space_back(before, after):
    out, diagnostics = capitals_inside_words(blocks(before), PATH, never_refuse)
    assert [block.node for block in out] == nodes(after or before)
    assert [d.code for d in diagnostics] == (["N723"] if after else [])


MONEY = [
    # obsidian-clipper (observer.com): two prices, the words and the link between them read as a formula
    ("is seeking 1.3 million euros ($1.4 million) from the public, while [another](https://x.org/a) "
     "is donating 1 million euros ($1.1 million), and",
     "is seeking 1.3 million euros (\\$1.4 million) from the public, while [another](https://x.org/a) "
     "is donating 1 million euros (\\$1.1 million), and"),
    ("rooms cost $5-$10 a night", "rooms cost \\$5-\\$10 a night"),
    ("where $x^2$ grows and $\\alpha$ falls", None),  # formulas stay formulas
    ("let $n$ be the count", None),
]


@pytest.mark.parametrize(("before", "after"), MONEY)
def test_dollar_amounts_read_as_a_formula_are_text_again(before, after):
    result, codes = run_rule(money_read_as_maths, before)
    assert result == nodes(after or before)
    assert codes == (["N724"] if after else [])


# pandoc's gfm writer escapes inside raw HTML, which the reader keeps as written (klubjagiellonski.pl)
ESCAPES = [
    ('<div class="autor">\\#Krótko o przepisach</div>', '<div class="autor">#Krótko o przepisach</div>'),
    ("<div>Akteur\\*innen und \\[1\\]</div>", "<div>Akteur*innen und [1]</div>"),
    ("<div>¯\\_(ツ)_/¯ and C:\\Users and a \\* b</div>", None),  # no escape of a writer's
    ("the hashtag \\#whatsisters", None),  # read as Markdown: the reader took the escape already
    ("<div>https://newpol.org/issue\\_post/a-settler/</div>", None),  # an address: N104's, as link text
]


@pytest.mark.parametrize(("before", "after"), ESCAPES)
def test_markdown_escapes_shown_as_text_lose_their_backslash(before, after):
    result, codes = run_rule(escapes_left_as_text, before)
    assert text_of(result) == text_of(nodes(after or before)) if after else result == nodes(before)
    assert set(codes) == ({"N725"} if after else set())
