"""Links as converters break them, as before/after tables (inputs written by html2text,
markdownify and pandoc from small pieces of real article HTML)."""

from __future__ import annotations

import pytest

from pamphleteer.ast import link_target, text_of, walk
from pamphleteer.normalise.converter import each_block_to_many, never_refuse
from pamphleteer.normalise.converter_links import (
    heading_links_over_lines,
    links_opened_before,
    nested_links,
    padded_link_targets,
    repeated_bare_url,
    spaces_at_link_edges,
    spaces_before_capitals_at_edges,
    visible_link_syntax,
)
from tests.normalise.helpers import PATH, blocks, nodes, run_rule


def check(rule, before, after, code):
    result, codes = run_rule(rule, before)
    assert result == nodes(after or before)
    assert (codes != []) == (after is not None)
    assert set(codes) <= {code}


LONG = "https://www.theatlantic.com/technology/archive/2019/11/a-very-long-path-to-an-article/602233/"
VISIBLE = [
    # html2text wraps a long URL at a hyphen, so no reader sees a link
    ("As [Alexis\nMadrigal](https://www.theatlantic.com/technology/archive/2019/11/a-very-long-"
     "\npath-to-an-article/602233/) reports",
     f"As [Alexis Madrigal]({LONG}) reports"),
    ("see \\[the report\\](https://x.org/r) now", "see [the report](https://x.org/r) now"),  # escaped
    ("see [the report](https://x.org/r) now", None),  # a link already
    ("[1] and [2] are (notes)", None),  # brackets in prose
    ("a [bad](javascript:alert(1)) link", None),  # a link pandoc reads: the sanitiser's
    # html2text: a script's link pandoc cannot read (escaped parentheses, spaces): its words stay
    ("( [Abmelden](javascript:Comments.logout\\( 'wordpress' \\);) / Ändern )", "( Abmelden / Ändern )"),
    # html2text: an image's description with brackets of its own (a licence), the title wrapped
    ("[![A garden. By F. Adler \\[GFDL\n\\(http://www.gnu.org/fdl.html\\)\\], via Wikimedia\n"
     "Commons](https://x.org/2011/09/800px-\ngarden.jpg)](https://commons.org/File:Garden.jpg)",
     "[![A garden. By F. Adler \\[GFDL (http://www.gnu.org/fdl.html)\\], via Wikimedia Commons]"
     "(https://x.org/2011/09/800px-garden.jpg)](https://commons.org/File:Garden.jpg)"),
    # html2text: a link whose address, relative to the page, it wrapped at a hyphen
    ("[Sociétés](+-Societe-+/une-\nenquete.html) et", "[Sociétés](+-Societe-+/une-enquete.html) et"),
    ("a ratio [of 3](to 4) here", None),  # no address: words in brackets
    # html2text: a scheme wrapped at its hyphen (an address no reader follows: its words stay)
    ("beginnend [ab dem 27. April 2020](x-apple-data-\ndetectors://4) Museen",
     "beginnend ab dem 27. April 2020 Museen"),
    # html2text: a page's name relative to the page, of several words, wrapped at a hyphen
    ("[« Donald Trump et Kim » ](2017-08-10-Donald-\nTrump-et-Kim-Jong-un) [-> Article suivant",
     "[« Donald Trump et Kim »](2017-08-10-Donald-Trump-et-Kim-Jong-un) [-> Article suivant"),
    # html2text: a share button's e-mail link, its subject and body the page's words, parentheses,
    # quotation marks and address, over lines; with no words of its own it leaves nothing
    ("[Envoyer par\nmail](mailto:?subject=Montebourg envisage\ndes privatisations%20\\(lefigaro.fr\\)&body="
     "lire :\nhttp://www.lefigaro.fr/a-\nb.php) ici",
     "[Envoyer par mail](mailto:?subject=Montebourg%20envisage%20des%20privatisations%20(lefigaro.fr)&body="
     "lire%20:%20http://www.lefigaro.fr/a-b.php) ici"),
    ('Jaa.[](mailto:?subject=Sanna Marin: Myös - ”Meidän\nnäkemyksiämme”&body=https://www.uusisuomi.fi/a-\n'
     'b "Jaa\nsähköpostilla") Saksan', "Jaa. Saksan"),
    # html2text writes an address's spaces as they are, and wraps lines at them
    ("By [Mike D’Angelo](/author/Mike D’Angelo/), A.A. Dowd",
     "By [Mike D’Angelo](/author/Mike%20D’Angelo/), A.A. Dowd"),
    ("[Tweet](https://twitter.com/share?text=The best film scenes of\n2014&url=x) more",
     "[Tweet](https://twitter.com/share?text=The%20best%20film%20scenes%20of%202014&url=x) more"),
    ("[Envoyer](mailto:?subject=Montebourg envisage des\nprivatisations) ici",
     "[Envoyer](mailto:?subject=Montebourg%20envisage%20des%20privatisations) ici"),
    ('[Ciro Gomes](https://x.org/ciro-gomes/ ?ref=link-\ninterno "Ciro\nGomes"), pré-candidato',
     "[Ciro Gomes](https://x.org/ciro-gomes/%20?ref=link-interno), pré-candidato"),
    # pandoc's gfm writer: a title with quotation marks of its own, not escaped (msn.com)
    ('[Piers Morgan](https://x.org/vi-BB1 "Piers Morgan tells viewers to watch "Snoozeville"") more',
     "[Piers Morgan](https://x.org/vi-BB1) more"),
    # an address no reader can follow: its words stay, the syntax goes
    ("[Teilen](whatsapp://send?text=Die%20AfD Wie so viele) und", "Teilen und"),
    # html2text writes a link inside a link: each keeps its words
    ("a [link [nested](https://x.org/b)](https://x.org/a) here",
     "a [link](https://x.org/a) [nested](https://x.org/b) here"),
]


R = "http://www.theroot.com/articles/2015/01/a.html?wpisrc=burger"
OPENED_BEFORE = [
    # html2text's `<a><li>…</li></a>`: the `[` ends the block before, the rest is in the item
    (f"[\n\n  * Did Lincoln Want It? ]({R}) [\n  * The Root 100 2014 ]({R})",
     f"  * [Did Lincoln Want It?]({R})\n  * [The Root 100 2014]({R})"),
    (f"More Headlines [\n\n  * Get _THINspired_ This Year]({R})[\n  * NYC Mayor Jeered]({R})",
     f"More Headlines\n\n  * [Get _THINspired_ This Year]({R})\n  * [NYC Mayor Jeered]({R})"),
    (f"  * ![](https://x.org/a.jpg) Selma Heroes ]({R}) [",
     f"  * [![](https://x.org/a.jpg) Selma Heroes]({R})"),
    ("It was [a] case ](https://x.org/a) in law.", None),  # a bracket before: not opened elsewhere
    ("See [the report](https://x.org/r) now.", None),  # a link already
    ("A sum of [1, 2] and more.", None),  # brackets in prose
    ("Text ](javascript:alert(1)) here", None),  # not a safe target
]


@pytest.mark.parametrize(("before", "after"), OPENED_BEFORE)
def test_a_link_opened_in_the_block_before_becomes_a_link(before, after):
    result, diagnostics = each_block_to_many(blocks(before), PATH, links_opened_before)
    assert [block.node for block in result] == nodes(after or before)
    assert {d.code for d in diagnostics} == ({"N706"} if after is not None else set())


@pytest.mark.parametrize(("before", "after"), VISIBLE)
def test_link_syntax_left_as_text_becomes_a_link(before, after):
    check(visible_link_syntax, before, after, "N706")


def test_an_image_at_a_relative_address_wrapped_in_a_link_leaves_no_syntax():
    result, codes = run_rule(visible_link_syntax, "[![](local/cache-\nvignettes/L61xH60/site45.png?15)]"
                             "(http://www.laviedesidees.fr/+-Fondation-\nFlorence-Gould-+.html)")
    link = result[0]["c"][0]
    assert link["t"] == "Link" and link_target(link) == "http://www.laviedesidees.fr/+-Fondation-Florence-Gould-+.html"
    assert "image-left-out" in link["c"][1][0]["c"][0][1] and "N706" in codes


def test_an_image_left_as_text_becomes_a_left_out_image():
    result, codes = run_rule(visible_link_syntax, "![Marchers in\nChicago](https://x.org/a-\nb.jpg)Caption")
    span = result[0]["c"][0]
    assert codes == ["N706"] and span["t"] == "Span" and "image-left-out" in span["c"][0][1]
    assert span["c"][0][2] == [["src", "https://x.org/a-b.jpg"]]


def test_a_link_in_a_link_from_html_becomes_two_links():
    inner = {"t": "Link", "c": [["", [], []], [{"t": "Str", "c": "nested"}], ["https://x.org/b", ""]]}
    outer = {"t": "Link", "c": [["", [], []], [{"t": "Str", "c": "link"}, {"t": "Space"}, inner],
                                ["https://x.org/a", ""]]}
    result, findings = nested_links({"t": "Para", "c": [outer]})
    assert result == nodes("[link](https://x.org/a) [nested](https://x.org/b)")[0]
    assert [f.code for f in findings] == ["N707"]


PADDED = [
    # pandoc's gfm writer encodes the spaces a page left around an href
    ("see [GOV.UK](%20https://www.gov.uk/covid%20) now", "see [GOV.UK](https://www.gov.uk/covid) now"),
    ("see [the NHS](<https://www.nhs.uk/covid-19/%20>)", "see [the NHS](https://www.nhs.uk/covid-19/)"),
    ("see [a search](https://x.org/?q=a%20b) now", None),  # an encoded space inside the address stays
]


@pytest.mark.parametrize(("before", "after"), PADDED)
def test_spaces_around_a_links_address_go(before, after):
    check(padded_link_targets, before, after, "N713")


BARE = [
    ("See [the report](https://x.org/r) (https://x.org/r) now.", "See [the report](https://x.org/r) now."),
    ("See [the report](https://x.org/r) (https://x.org/r).", "See [the report](https://x.org/r)."),
    ("See [the report](https://x.org/r) (https://x.org/other).", None),
]


@pytest.mark.parametrize(("before", "after"), BARE)
def test_bare_url_repeated_after_its_link_goes(before, after):
    check(repeated_bare_url, before, after, "N708")


EDGES = [
    ("As [Alexis Madrigal](https://x.org/a)reports, the strike",
     "As [Alexis Madrigal](https://x.org/a) reports, the strike"),
    ("spread to [seven cities](https://x.org/x)within a week",
     "spread to [seven cities](https://x.org/x) within a week"),
    ("she wrote[this piece](https://x.org/p) last year", "she wrote [this piece](https://x.org/p) last year"),
    ("members of[NATO](https://x.org/n) met", "members of [NATO](https://x.org/n) met"),
    ("the *first*time in years", "the *first* time in years"),
    ("_From the book_[The Great Democracy](https://x.org/b)", "_From the book_ [The Great Democracy](https://x.org/b)"),
    ("*un*[believable](https://x.org/b)", None),
    ("many [tweet](https://x.org/t)s were sent", None),  # a plural
    ("it was [un](https://x.org/z)believable", None),  # a word cut by its link
    ("the [U.S.](https://x.org/u)-based union", None),
    ("[Trump](https://x.org/t)'s plan", None),  # a possessive
    ("the [walk](https://x.org/w)ed path", None),  # a suffix
    ("[Macron](https://x.org/m)déclare", None),  # not an English word outside: left alone
]


@pytest.mark.parametrize(("before", "after"), EDGES)
def test_space_lost_at_a_link_edge_is_put_back(before, after):
    check(spaces_at_link_edges, before, after, "N709")


def test_a_heading_link_wrapped_onto_the_next_line_is_one_link_again():
    text = ("### [Safe and Healthy Schools Lead With Support, Not\n"
            "Police](https://www.aclu.org/news/disability-rights/safe-and-healthy-schools-\nlead-with-support)\n\nText.")
    out, diagnostics = heading_links_over_lines(blocks(text), PATH, never_refuse)
    expected = nodes("### [Safe and Healthy Schools Lead With Support, Not Police]"
                     "(https://www.aclu.org/news/disability-rights/safe-and-healthy-schools-lead-with-support)\n\nText.")
    assert [b.node["c"][2] for b in out[:1]] == [expected[0]["c"][2]] and out[1].node == expected[1]
    assert [d.code for d in diagnostics] == ["N706"]


def test_a_heading_link_whose_url_was_wrapped_onto_the_next_line_is_one_link_again():
    text = "### [READ THE REST](https://boingboing.net/2019/09/25/patti-smith-and-stewart-\ncopela.html)\n\nText."
    out, diagnostics = heading_links_over_lines(blocks(text), PATH, never_refuse)
    expected = nodes("### [READ THE REST](https://boingboing.net/2019/09/25/patti-smith-and-stewart-copela.html)")
    assert out[0].node["c"][2] == expected[0]["c"][2] and len(out) == 2
    assert [d.code for d in diagnostics] == ["N706"]


def test_a_heading_byline_of_two_links_wrapped_with_their_titles_is_whole_again():
    text = ('## By [Emma Whitford](https://x.org/emma/ "Read All\nPosts By Emma Whitford") and [Daniel\n'
            'Parra](https://x.org/daniel/ "Read All Posts By Daniel\nParra")')
    out, diagnostics = heading_links_over_lines(blocks(text), PATH, never_refuse)
    assert len(out) == 1 and out[0].node["t"] == "Header"
    assert " ".join(text_of(out[0].node).split()) == "By Emma Whitford and Daniel Parra"
    assert [link_target(n) for n in walk(out[0].node) if n["t"] == "Link"] == [
        "https://x.org/emma/", "https://x.org/daniel/"]
    assert [d.code for d in diagnostics] == ["N706"]


def test_a_heading_followed_by_a_paragraph_that_closes_no_link_stays():
    text = "## A heading about [brackets\n\nand a paragraph](https://x.org/a) that goes on."
    out, diagnostics = heading_links_over_lines(blocks(text), PATH, never_refuse)
    assert out == blocks(text) and not diagnostics


def test_a_link_whose_words_hold_a_blank_line_is_one_link_again():
    # html2text (ledevoir.com): an image's description of two paragraphs, inside a teaser's link
    text = ("[ ![Cela améliorera la qualité des matières récupérées.\n\n](https://x.org/i/tri.jpg)\n"
            "Charette annonce sa réforme de la collecte sélective 12 février 2020\n"
            "](https://x.org/politique/572710/charette-annonce-sa-\nreforme)\n\nText.")
    out, diagnostics = heading_links_over_lines(blocks(text), PATH, never_refuse)
    assert len(out) == 2 and "](" not in text_of(out[0].node) and "Charette annonce" in text_of(out[0].node)
    assert [link_target(n) for n in walk(out[0].node) if n["t"] == "Link"] == [
        "https://x.org/politique/572710/charette-annonce-sa-reforme"]
    assert {d.code for d in diagnostics} == {"N706"}


def test_a_link_whose_words_hold_two_blank_lines_is_one_link_again():
    # html2text (telegraph.co.uk): an image's description of three paragraphs, inside a gallery's link
    text = ("[![Like his Teenage Mutant\n\nNinja Turtle namesake, Leonardo DiCaprio appeared to be\n"
            "shrinking into\n\nhis polyester shell in\n2004.](http://i.x.org/archive/summ_big-\n"
            "please_04.jpg)  ](https://x.org/news/11310148/Celebrities-and-\ntheir-winter-coats.html)\n\nText.")
    out, diagnostics = heading_links_over_lines(blocks(text), PATH, never_refuse)
    assert len(out) == 2 and "](" not in text_of(out[0].node) and "[" not in text_of(out[0].node)
    assert [link_target(n) for n in walk(out[0].node) if n["t"] == "Link"] == [
        "https://x.org/news/11310148/Celebrities-and-their-winter-coats.html"]
    assert {d.code for d in diagnostics} == {"N706"}


def test_two_paragraphs_with_brackets_that_make_no_link_stay():
    text = "A list [of things\n\n](and more) said in prose."
    out, diagnostics = heading_links_over_lines(blocks(text), PATH, never_refuse)
    assert out == blocks(text) and not diagnostics


def test_an_image_in_a_link_both_wrapped_leaves_no_syntax():
    text = "[![](https://i0.wp.com/media.boingboing.net/wp-\ncontent/patti.jpg?fit=600)](https://boingboing.net/p-\nsmith.html)"
    result, codes = run_rule(visible_link_syntax, text)
    link = result[0]["c"][0]
    assert link["t"] == "Link" and link["c"][2][0] == "https://boingboing.net/p-smith.html"
    assert "image-left-out" in link["c"][1][0]["c"][0][1] and codes == ["N706", "N706"]


def test_a_link_title_read_as_a_quotation_is_part_of_the_syntax():
    text = 'a [ Donate Now\n](https://action.aclu.org/give/donate-\nmultistep?ms=x "Donate Now") b'
    result, codes = run_rule(visible_link_syntax, text)
    assert result == nodes("a [Donate Now](https://action.aclu.org/give/donate-multistep?ms=x) b")
    assert codes == ["N706"]


HEADING_TAILS = [
    # html2text wraps a heading's link in emphasis onto the next line: `_` closes after the link
    ("#### The ending, _[Whiplash](/review/thrilling-whiplash-demolishes-cliches-\n"
     "inspirationa-210186)_\n\nText.",
     "The ending, Whiplash", "/review/thrilling-whiplash-demolishes-cliches-inspirationa-210186"),
    # a byline's link followed by a feed icon's link round an image, wrapped in the image's description
    ("### Von [Vanessa Franke](/p/5503)[![RSS-\nNewsfeed neuer Artikel](/rss/rss.gif)]"
     "(/rss/ma/5503)\n\nText.",
     "Von Vanessa Franke", "/rss/ma/5503"),
    # a headline's link around an image, the image's description and the address both wrapped
    ("### [Le pacte de croissance ![François\nHollande à Paris.](http://x.org/photo/4.jpg)\n"
     "](http://x.org/economie/le-pacte-des-\ngrands-patrons)\n\nText.", "Le pacte de croissance",
     "http://x.org/economie/le-pacte-des-grands-patrons"),
    # a heading's link wrapped, with a second link after it, wrapped too (cicero.de)
    ("##  [Nachhaltigkeit](/kultur/baeume-nachhaltigkeit-umweltschutz-\nindustriekultur-sachsen) : "
     "[Nachwachsender Rohstoff](/kultur/baeume-\nnachhaltigkeit-sachsen)\n\nText.",
     "Nachhaltigkeit : Nachwachsender Rohstoff", "/kultur/baeume-nachhaltigkeit-sachsen"),
    # the emphasis closing on a line of its own after a hard line break; the address's `--` read as a dash
    ("#### “Have To Dance With Cassie,” _[God Help The Girl](/review/indie-\n"
     "rock-star-stuart-murdoch-channels-his-inner--208708)  \n_\n\nText.",
     "Have To Dance With Cassie,” God Help The Girl",
     "/review/indie-rock-star-stuart-murdoch-channels-his-inner--208708"),
]


@pytest.mark.parametrize(("text", "words", "target"), HEADING_TAILS)
def test_a_heading_link_wrapped_with_what_closes_around_it_is_whole_again(text, words, target):
    out, diagnostics = heading_links_over_lines(blocks(text), PATH, never_refuse)
    assert len(out) == 2 and out[0].node["t"] == "Header"
    shown = text_of(out[0].node)  # an emphasis mark left alone goes later (N711)
    assert "](" not in shown and words in " ".join(shown.replace("_", "").split())
    assert target in [link_target(n) for n in walk(out[0].node) if n["t"] == "Link"]
    assert {d.code for d in diagnostics} == {"N706"}


CAPITAL_EDGES = [
    # a section's label and the headline's link, as the page set them side by side
    ("Pour mémoire[Hollande démine le couac](https://x.org/h)",
     "Pour mémoire [Hollande démine le couac](https://x.org/h)"),
    # a byline's two spans, author and section, inside one link (raw HTML read into the AST)
    ("[[Renata Lis]{.author}[Obyczaje]{.section}](https://x.org/a)",
     "[[Renata Lis]{.author} [Obyczaje]{.section}](https://x.org/a)"),
    ("[Kolumne: Queer Royal](https://x.org/k)Georg Kasch",
     "[Kolumne: Queer Royal](https://x.org/k) Georg Kasch"),
    ("*mémoire*Le coût", "*mémoire* Le coût"),
    ("[iPhone](https://x.org/i) sales", None),  # a capital inside one word, not at an edge
    ("Mc[Donald](https://x.org/d)s", None),  # two letters: a prefix of a name, not a word
    ("[Trump](https://x.org/t)'s plan", None),
    ("the [NATO](https://x.org/n)summit", None),  # no capital after a small letter (N709's)
    ("[PDF](https://x.org/p)Download", None),  # a capital before: an acronym run into a word, left alone
    # an image left out, its caption run on after it: the caption goes with it (images), no space
    ('[Martin Schulz © Correctiv]{.image-left-out src="/s.jpg"}Ein Artikel im Extrablatt', None),
]


@pytest.mark.parametrize(("before", "after"), CAPITAL_EDGES)
def test_space_lost_before_a_capital_at_an_inline_edge_is_put_back(before, after):
    check(spaces_before_capitals_at_edges, before, after, "N720")
