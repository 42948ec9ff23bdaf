"""The page's furniture leaves the body for the credits; the article's own words never do."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from pamphleteer.ast import text_of
from pamphleteer.normalise.boilerplate import remove_boilerplate, walk_units
from pamphleteer.normalise.keep import Keep
from tests.normalise.helpers import PATH, blocks, normalised

PAGE = (Path(__file__).parent / "page-with-furniture.md").read_text(encoding="utf-8")
PROSE = ("The strike wave that swept the country this autumn was not an accident. It was the product of "
         "years of patient organising by rank-and-file workers who had grown tired of waiting.")
MORE_PROSE = ("What made the difference was not any single tactic but the willingness of ordinary members "
              "to take decisions into their own hands, wherever the officials hesitated.")


def texts(found):
    return [text_of(block.node) for block in found]


def removed(markdown, **options):
    result = remove_boilerplate(blocks(markdown), PATH, **options)
    return {d.before: d.code for d in result.diagnostics}


def test_a_whole_page_keeps_only_the_article_and_its_head():
    result = remove_boilerplate(blocks(PAGE), PATH)
    assert texts(result.body) == [
        "Why the Strike Wave Matters | The Daily Radical",
        "By Maria Lopez",
        "November 19, 2019",
        PROSE.replace(" of waiting.", " of waiting for their leaders to act."),
        "Teachers in the west walked out first, followed by nurses and then by warehouse workers who had "
        "never before been organised at all. Each strike learned from the one before it.",
        "What made the difference was not any single tactic but the willingness of ordinary members to take "
        "decisions into their own hands. Where the union officials hesitated, the members voted.",
        "That is the lesson for the next round of bargaining, and it is a lesson that employers have learned "
        "too. They will be better prepared next time, and so must we be.",
    ]


def test_nothing_leaves_the_page_without_going_to_the_credits():
    result = remove_boilerplate(blocks(PAGE), PATH)
    before = Counter(unit.text for unit in walk_units(blocks(PAGE)))
    after = Counter(unit.text for unit in walk_units(result.body + result.credits + result.bio))
    assert before == after
    moved = [d for d in result.diagnostics if d.code != "N428"]
    assert len(moved) == len(result.credits) + len(result.bio)
    assert all(d.after == "the credits" and d.before for d in moved)


@pytest.mark.parametrize(("block", "code"), [
    ("Skip to content", "N421"),
    ("Home News Opinion Culture Donate", "N420"),  # the menu
    ("The Daily Radical", "N420"),  # the logo, a linked image
    ("The Daily Radical is an independent socialist magazine.", "N425"),  # a sidebar, before the title
    ("Opinion", "N420"),  # the section's link above the title
    ("6 min read", "N421"),
    ("Share on Facebook Share on Twitter Email", "N421"),
    ("Advertisement", "N421"),
    ("Related: How the teachers won in West Virginia", "N422"),
    ("Sign up for our weekly newsletter to get the best of The Daily Radical delivered to your inbox.",
     "N424"),
    ("Tags: strikes, labour, unions", "N426"),
    ("Related stories", "N422"),
    ("The long decline of union density Why nurses are angry A new generation of organisers",
     "N422"),
    ("3 Comments", "N423"),
    ("Jim Smith says:", "N423"),
    ("Reply", "N423"),
    ("Agreed with every word.", "N423"),  # a comment, under the comments heading
    ("Leave a Reply", "N423"),
    ("\u00a9 2019 The Daily Radical. All rights reserved.", "N420"),
    ("About Contact Privacy policy", "N420"),
])
def test_each_piece_of_furniture_is_named_for_what_it_is(block, code):
    found = {d.before[:60]: d.code for d in remove_boilerplate(blocks(PAGE), PATH).diagnostics}
    assert found[block[:60]] == code


@pytest.mark.parametrize("markdown", [
    # a clean article: a short lead, a section heading, prose; no site header, so the lead stays
    f"It began in March.\n\n## Background\n\n{PROSE}\n\n{MORE_PROSE}",
    # words that page chrome uses, in the author's sentences
    f"{PROSE}\n\nShare prices fell.\n\nComments from the floor were sharp.\n\nPrint it, they said.\n\n"
    f"{MORE_PROSE}",
    # a refrain repeated, a short line between paragraphs
    f"{PROSE}\n\n*Solidarity forever!*\n\n{MORE_PROSE}\n\n*Solidarity forever!*\n\n{PROSE}",
    # a list of links in the article, with no label saying it is furniture
    f"{PROSE}\n\n- [The first demand](https://a.org/1)\n- [The second demand](https://a.org/2)\n\n{MORE_PROSE}",
    # the author's reading list at the end
    f"{PROSE}\n\n{MORE_PROSE}\n\n## Further reading\n\n- [Capital](https://a.org/c)\n"
    "- [Grundrisse](https://a.org/g)",
    # a long sentence with many links is still prose
    f"{PROSE}\n\nThe [union](https://u.org) and the [party](https://p.org) both said that the "
    f"[strike](https://s.org) would go on for as long as the members wanted it to go on, and so it did.",
])
def test_the_articles_own_words_stay(markdown):
    assert removed(markdown) == {}


def test_a_page_in_divs_is_opened_and_loses_its_navigation():
    markdown = (":::: page\n::: nav\n- [Home](/)\n- [News](/news)\n- [About](/about)\n:::\n\n"
                f"::: article\n# A Title\n\n{PROSE}\n\n{MORE_PROSE}\n:::\n::::")
    result = remove_boilerplate(blocks(markdown), PATH)
    assert texts(result.credits) == ["Home News About"]
    assert texts(result.body) == ["A Title", PROSE, MORE_PROSE]
    assert [(d.code, d.before) for d in result.diagnostics if d.code == "N428"] == [("N428", "div .page")]


def test_an_about_the_author_section_goes_to_the_bio():
    markdown = (f"{PROSE}\n\n{MORE_PROSE}\n\n## About the author\n\n"
                "Maria Lopez writes about labour in Chicago.")
    result = remove_boilerplate(blocks(markdown), PATH)
    assert texts(result.bio) == ["About the author", "Maria Lopez writes about labour in Chicago."]
    assert texts(result.body) == [PROSE, MORE_PROSE]


def test_keep_leaves_a_block_of_furniture_in_the_body():
    result = remove_boilerplate(blocks(PAGE), PATH, keep=Keep.from_entries(["Advertisement", "N426"]))
    assert {"Advertisement", "Tags: strikes, labour, unions"} <= set(texts(result.body))
    assert [d.code for d in result.diagnostics].count("N603") == 2


def test_the_whole_normaliser_moves_furniture_to_the_credits():
    text = normalised(PAGE)
    assert "Advertisement" in texts(text.credits)
    assert "Advertisement" not in texts(text.blocks)
    assert "N421" in {d.code for d in text.diagnostics}


@pytest.mark.parametrize(("line", "code"), [
    ("Aller au contenu principal", "N420"),  # a skip link, in French
    ("Partager cet article", "N421"),
    ("Écrire un commentaire", "N423"),
    ("Eingeordnet unter Allgemein", "N426"),
    ("Télécharger au format PDF", "N421"),
    ("While you are here, please support our independent reporting.", "N424"),
    ("Never miss a story", "N424"),
    ("Search The Atlantic", "N420"),
])
def test_chrome_in_other_forms_and_languages(line, code):
    found = removed(f"{PROSE}\n\n{line}\n\n{MORE_PROSE}")
    assert found == {line: code}


def test_a_headline_linking_to_the_same_site_inside_the_article_is_a_related_story():
    links = "".join(f"[x{n}](https://www.example.org/{n}) " for n in range(3))
    markdown = (f"{PROSE} {links}\n\n[Annie Lowrey: California is becoming unlivable](https://www.example.org/a)"
                f"\n\n{MORE_PROSE}\n\n[The report in full](https://elsewhere.org/report)\n\n{PROSE}")
    assert removed(markdown) == {"Annie Lowrey: California is becoming unlivable": "N422"}


def test_the_authors_bio_after_the_article_goes_to_the_bio():
    result = remove_boilerplate(blocks(f"{PROSE}\n\n{MORE_PROSE}\n\n"
                                       "Ganesh Sitaraman is a professor at Vanderbilt Law School."), PATH)
    assert texts(result.bio) == ["Ganesh Sitaraman is a professor at Vanderbilt Law School."]


@pytest.mark.parametrize("line", ["Get the facts right, she said.", "Get the balance right."])
def test_sentences_like_pitches_stay(line):
    assert removed(f"{PROSE}\n\n{line}\n\n{MORE_PROSE}") == {}


GERMAN = ("Die Streikwelle, die in diesem Herbst durch das Land ging, war kein Zufall. Sie war das Ergebnis "
          "jahrelanger geduldiger Organisierung durch die Beschäftigten, die es satt hatten, auf ihre "
          "Vorstände zu warten, und die nun selbst entschieden.")
FRENCH = ("La vague de grèves qui a traversé le pays cet automne n’était pas un accident. Elle était le "
          "produit d’années d’organisation patiente par des travailleurs de la base qui en avaient assez "
          "d’attendre leurs dirigeants et qui ont décidé par eux-mêmes.")


@pytest.mark.parametrize("prose", [GERMAN, FRENCH])
def test_prose_in_another_language_is_prose_when_the_front_matter_names_no_language(prose):
    # measured with English stop words, these paragraphs would have none, and a related box above
    # them would take them along
    markdown = (f"# Titel\n\n### Related Posts\n\n- [Eins zwei drei](https://x.org/a)\n"
                f"- [Vier fünf sechs](https://x.org/b)\n\n{prose}\n\n{prose}")
    result = remove_boilerplate(blocks(markdown), PATH)
    assert texts(result.body) == ["Titel", prose, prose]
    assert texts(result.credits)[0] == "Related Posts"


CITED = " ".join(f"[{n}](https://source{n}.org/report)" for n in range(12))  # the article's links
MENU = "- [Home](https://www.example.org/)\n- [News](https://www.example.org/news)\n- [Ideas](https://www.example.org/ideas)"


@pytest.mark.parametrize(("markdown", "moved"), [
    # a teaser: a heading that is only a link to another page of the site, after the article began
    (f"{PROSE}\n\n## [Schools Lead With Support, Not Police](/news/schools)\n\n{MORE_PROSE}",
     {"Schools Lead With Support, Not Police": "N422"}),
    # the site named by its menu when most of the article's links go elsewhere
    (f"{MENU}\n\n# A Title\n\n{PROSE} {CITED}\n\n[Annie Lowrey: California is becoming unlivable]"
     f"(https://www.example.org/ideas/2019/10/x/)\n\n{MORE_PROSE}",
     {"Home News Ideas": "N420", "Annie Lowrey: California is becoming unlivable": "N422"}),
    # a teaser's date between teasers, after the article
    (f"{PROSE}\n\n{MORE_PROSE}\n\n### Related stories\n\n## [One story](/a)\n\nAugust 31, 2021\n\n"
     "## [Another story](/b)\n\nJuly 9, 2020",
     {"Related stories": "N422", "One story": "N422", "August 31, 2021": "N422", "Another story": "N422",
      "July 9, 2020": "N422"}),
    # the same words as a piece of furniture, said again after the article began
    (f"{PROSE}\n\nNamibians want Germany to remove monuments\n\n{MORE_PROSE}\n\n### Related content\n\n"
     "Namibians want Germany to remove monuments",
     {"Namibians want Germany to remove monuments": "N422", "Related content": "N422"}),
    # a row of share icons whose one worded item is the copy button's "Link copied"
    (f"# A Title\n\n- [![](f.svg)](https://facebook.com/sharer)\n- [![](t.svg)](https://twitter.com/intent)\n"
     f"- ![](c.svg)\n\n  ::: tip\n  Link Copied\n  :::\n\n{PROSE}\n\n{MORE_PROSE}",
     {"Link Copied": "N421"}),
])
def test_teasers_repeats_and_what_stands_between_furniture_leave(markdown, moved):
    result = remove_boilerplate(blocks(markdown), PATH)
    assert sorted((d.before, d.code) for d in result.diagnostics) == sorted(
        (text, code) for text, code in moved.items() for _ in range(2 if "Namibians" in text else 1))


@pytest.mark.parametrize("markdown", [
    # the article's sections, and a heading linking elsewhere (a link blog's item), stay
    f"{PROSE}\n\n## Background\n\n{MORE_PROSE}\n\n## [The report in full](https://elsewhere.org/r)\n\n{PROSE}",
    # the title heading linking to its own page, above the article
    f"# [A Title](/this-story)\n\n{PROSE}\n\n{MORE_PROSE}",
    # the byline as a linked heading, between a caption and the article
    f"{PROSE}\n\n## [Nathanael Johnson](/author/nj)\n\n{MORE_PROSE}"[len(PROSE) + 2:],
    # a short line after the article, not between pieces of furniture
    f"{PROSE}\n\n{MORE_PROSE}\n\nThank you, comrades.",
])
def test_sections_titles_and_closing_lines_stay(markdown):
    assert removed(markdown) == {}


@pytest.mark.parametrize(("markdown", "moved"), [
    # a "most popular" box of headlines is the box's, however many words its list has in all
    (f"{PROSE}\n\n{MORE_PROSE}\n\n## Most Popular\n\n"
     + "".join(f"{n}. Two Republicans Could Blow Up Democrats' Shot at the Senate By Ed Kilgore\n"
               for n in range(1, 6)),
     {"Most Popular": "N422",
      " ".join(["Two Republicans Could Blow Up Democrats' Shot at the Senate By Ed Kilgore"] * 5): "N422"}),
    # the site's copyright notice, long as it is
    (f"{PROSE}\n\n{MORE_PROSE}\n\nCopyright © 2019 Salon.com, LLC. Reproduction of material from any Salon "
     "pages without written permission is strictly prohibited. SALON is registered in the U.S. Patent and "
     "Trademark Office as a trademark of Salon.com, LLC.",
     {"Copyright © 2019 Salon.com, LLC. Reproduction of material from any Salon pages without …": "N420"}),
])
def test_headline_boxes_and_copyright_notices_leave(markdown, moved):
    assert {text[:40]: code for text, code in removed(markdown).items()} == {
        text.replace("'", "\u2019")[:40]: code for text, code in moved.items()}


@pytest.mark.parametrize("markdown", [
    # a list of the author's points under a heading that is no furniture's
    f"{PROSE}\n\n## What we want\n\n- Higher wages for all\n- Shorter hours\n\n{MORE_PROSE}",
    # an essay about copyright
    f"{PROSE}\n\nCopyright is a legal right that grants the creator of an original work exclusive rights, "
    f"and it has been contested since the Statute of Anne.\n\n{MORE_PROSE}",
])
def test_the_authors_lists_and_sentences_on_copyright_stay(markdown):
    assert removed(markdown) == {}


def test_a_short_paragraph_of_prose_after_a_related_box_in_the_article_stays():
    # a box of related stories set in the middle of the article: the box leaves, and the article's
    # next paragraph (a sentence too short to be prose by length alone, with no link) stays
    markdown = (f"{PROSE}\n\n## Related Articles\n\n- [Thatcher conducted covert war against BBC](/a)\n\n"
                "30 Dec 2014\n\n- [Top KGB defector begged Thatcher for help](/b)\n\n30 Dec 2014\n\n"
                "Her fears appear to chime with the views of Conservatives about the GCSE system today - "
                f"almost 30 years later.\n\n{MORE_PROSE}")
    moved = removed(markdown)
    assert "Related Articles" in moved and "30 Dec 2014" in moved
    assert not any(text.startswith("Her fears") for text in moved)


def test_a_related_storys_teaser_sentence_still_leaves_with_its_box():
    markdown = (f"{PROSE}\n\n{MORE_PROSE}\n\n## Related Posts\n\n"
                "### [Cooperatives must be centerstage](/a)\n\n"
                "The British Cooperative Movement has a well established history, and it is worth "
                "telling.\n\n"
                "[Read more](/a)\n\n### [Lessons from an occupied school](/b)\n\n"
                "The government's only measure to protect school children was to close the schools.\n\n"
                "[Read more](/b)")
    moved = removed(markdown)
    assert any(text.startswith("The British Cooperative") for text in moved)
    assert any(text.startswith("The government") for text in moved)


@pytest.mark.parametrize("line", [
    "Receba nossas newsletters",  # Portuguese
    "Newsletter abonnieren",  # German, the verb at the button's end
    "Abonnieren Sie unseren Newsletter",
    "Recevez notre lettre d’information",
    "Iscriviti alla newsletter",
    "Zapisz się do newslettera",
    "Tilaa uutiskirje",
    "Подпишитесь на рассылку",
    "Suscríbete a nuestro boletín",
    "Stop the censors, sign up to get today’s top stories delivered right to your inbox",
    "Register for Emails",
])
def test_a_newsletters_offer_is_furniture_in_any_of_the_nine_languages(line):
    # read as a kind (a call to subscribe and the newsletter named), not as one site's sentence
    assert removed(f"{PROSE}\n\n{line}\n\n{MORE_PROSE}") == {line: "N424"}


@pytest.mark.parametrize("line", [
    "The newsletter we receive every week was cancelled.",
    "She subscribed to the newsletter of the party in 1990, and wrote for it.",
    "We get e-mails every day from readers who disagree.",
    "Erhaltene E-Mails zeigen, dass der Minister log.",
])
def test_sentences_about_newsletters_and_mail_stay(line):
    assert removed(f"{PROSE}\n\n{line}\n\n{MORE_PROSE}") == {}


FORM = ("Latest investigations by mail: we keep you informed about our work.\n\nEmail address\n\n"
        "Leave this field empty if you're human:")


def test_a_newsletter_form_leaves_with_its_pitch_each_time_it_stands_in_the_article():
    # no pitch words ("newsletter", "subscribe") in the box: its address field says what it is, and
    # the line above it that names the mail goes with it (correctiv repeats such a form eight times)
    found = removed(f"{PROSE}\n\n{FORM}\n\n{MORE_PROSE}\n\n{FORM}\n\n{PROSE}")
    assert found == {"Latest investigations by mail: we keep you informed about our work.": "N424",
                     "Email address": "N424", "Leave this field empty if you’re human:": "N424"}
    result = remove_boilerplate(blocks(f"{PROSE}\n\n{FORM}\n\n{MORE_PROSE}\n\n{FORM}\n\n{PROSE}"), PATH)
    assert texts(result.body) == [PROSE, MORE_PROSE, PROSE]


@pytest.mark.parametrize("line", ["Ihre E-Mail-Adresse", "Adresse e-mail", "Dirección de correo electrónico",
                                  "Deja este campo vacío", "Dieses Feld bitte leer lassen"])
def test_a_forms_field_or_spam_trap_is_furniture_alone(line):
    assert removed(f"{PROSE}\n\n{line}\n\n{MORE_PROSE}") == {line: "N424"}


def test_the_articles_last_words_above_a_share_button_stay():
    # in the reader's voice, but naming no mail, above a button that is no address field
    found = removed(f"{PROSE}\n\n{MORE_PROSE}\n\nWe will keep you informed about the strike.\n\nE-Mail\n\n"
                    f"{MORE_PROSE}")
    assert "We will keep you informed about the strike." not in found
