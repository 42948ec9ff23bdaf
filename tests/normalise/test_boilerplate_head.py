"""Furniture in the article's head, between its heading and its first paragraph (issue 16,
deliverable 2): an author's box boxed in by share buttons, a print button, a breadcrumb in the meta
bar. Each case fails on the code before these rules; the 'stays' cases pass on both."""

from __future__ import annotations

import pytest

from pamphleteer.ast import text_of
from pamphleteer.normalise.boilerplate import remove_boilerplate
from pamphleteer.normalise.keep import Keep
from tests.normalise.helpers import PATH, blocks, normalised

PROSE = ("I will not be shooting anyone this week because I am a reformer, and we are not that observant. "
         "The holiday, celebrated mostly by people who have never heard of its inventor, is a recent one.")
MORE_PROSE = ("In what was ultimately a foolish gambit, during the madness of those years, the bureau "
              "encouraged the most extreme organisations in order to discredit and split the movement.")
SHARE = "Pinterest\n\nReddit\n\nLinkedIn"
# the author's box between two rows of share buttons (dailycaller, html2text)
AUTHOR_BOX = ("Ann Coulter\n\nPolitical Commentator\n\n  * [See All Articles](http://x.com/author/ac/)\n"
              "  * [Subscribe to RSS](http://x.com/author/ac/feed/)\n  * Bio\n\n### Ann Coulter\n\n"
              "Ann Coulter is a political commentator and author.\n\n")


def moved(markdown: str, **options) -> dict[str, str]:
    result = remove_boilerplate(blocks(markdown), PATH, **options)
    return {d.before: d.code for d in result.diagnostics}


def test_an_authors_box_between_share_buttons_in_the_head_leaves_its_bio_to_the_bio():
    markdown = f"# Happy Holidays\n\n11:57 AM 12/25/2014\n\n{SHARE}\n\n{AUTHOR_BOX}- [Tweet](https://twitter.com/share)\n\n{PROSE}\n\n{MORE_PROSE}"
    result = remove_boilerplate(blocks(markdown), PATH)
    body = [text_of(block.node) for block in result.body]
    assert body == ["Happy Holidays", "11:57 AM 12/25/2014", PROSE, MORE_PROSE]
    bio = [text_of(block.node) for block in result.bio]
    assert bio == ["Ann Coulter is a political commentator and author."]
    assert "Political Commentator" in [text_of(block.node) for block in result.credits]
    found = {d.before: (d.code, d.after) for d in result.diagnostics}
    assert found["Political Commentator"] == ("N421", "the credits")  # each removal said, before and after


@pytest.mark.parametrize("markdown", [
    # a standfirst between share rows is a sentence of more than a few words: it stays
    f"# Happy Holidays\n\n{SHARE}\n\nWhy the holiday was invented by the bureau, and by whom, and why it "
    f"matters to the movement today.\n\n- [Tweet](https://twitter.com/share)\n\n{PROSE}\n\n{MORE_PROSE}",
    # a short line with a byline after it is no box: the run is not bounded by furniture
    f"# Happy Holidays\n\n{SHARE}\n\nA column\n\nBy Ann Coulter\n\n{PROSE}\n\n{MORE_PROSE}",
    # the title itself between a menu and share buttons
    f"- [Home](/)\n- [News](/news)\n- [Opinion](/opinion)\n\n# Happy Holidays\n\n{SHARE}\n\n{PROSE}",
])
def test_a_standfirst_a_byline_and_the_title_between_furniture_stay(markdown):
    body = [text_of(block.node) for block in remove_boilerplate(blocks(markdown), PATH).body]
    assert "Happy Holidays" in body
    assert not any(text.startswith(("Why the holiday", "A column")) for text in moved(markdown))


def test_keep_leaves_the_authors_box_in_the_body():
    markdown = f"# Happy Holidays\n\n{SHARE}\n\n{AUTHOR_BOX}- [Tweet](https://twitter.com/share)\n\n{PROSE}"
    result = remove_boilerplate(blocks(markdown), PATH, keep=Keep.from_entries(["Political Commentator"]))
    assert "Political Commentator" in [text_of(block.node) for block in result.body]


def test_the_print_versions_button_beside_the_mail_button_leaves():
    # regards (html2text): two buttons, each with its label said twice (its icon's title and its text)
    markdown = (f"# Deux ans et demi en Macronie\n\n  * envoyer l’article par mail envoyer par mail\n"
                f"  * Version imprimable de cet article Version imprimable\n\n{PROSE}\n\n{MORE_PROSE}")
    assert [(text[:40], code) for text, code in moved(markdown).items()] == [
        ("envoyer l’article par mail envoyer par m", "N421")]


def test_a_breadcrumb_in_the_meta_bar_under_the_title_goes_to_the_credits():
    # lefigaro (pandoc): the meta bar's list holds the section's trail, the byline and the dates
    markdown = (f"# Montebourg envisage des privatisations\n\n- [Home](/) [ECONOMIE](/economie)\n"
                f"  [Conjoncture](/conjoncture/index.php)\n- - Par Bertille Bayart, Marie Visot\n"
                f"  - Mis à jour le 06/04/2013 à 10:37\n  - Publié le 05/04/2013 à 17:08\n\n{PROSE}")
    text = normalised(markdown, lang="fr")
    assert [text_of(block.node) for block in text.blocks] == [PROSE]
    assert "Home ECONOMIE Conjoncture" in " ".join(text_of(block.node) for block in text.credits)
    assert text.inferred.authors == ("Bertille Bayart", "Marie Visot")
    assert any(d.code == "N410" and d.before == "Home ECONOMIE Conjoncture" for d in text.diagnostics)


def test_a_list_of_links_in_the_meta_bar_that_say_more_than_a_trail_stays():
    markdown = (f"# Montebourg envisage des privatisations\n\n- Read [our earlier report](/a) and [the "
                f"minister's reply](/b) on this\n- - Par Bertille Bayart\n  - Publié le 05/04/2013 à 17:08"
                f"\n\n{PROSE}")
    text = normalised(markdown, lang="fr")
    assert any("our earlier report" in text_of(block.node) for block in text.blocks)


@pytest.mark.parametrize("button", ["Ouça este conteúdo", "Artikel anhören", "Écouter l’article",
                                    "Carregando…", "Loading...", "Wird geladen …"])
def test_a_listen_button_and_a_widgets_placeholder_in_other_languages_leave(button):
    markdown = f"# Pacheco acena ao STF\n\n{button}\n\n{PROSE}\n\n{MORE_PROSE}"
    placeholder = any(word in button for word in ("Carregando", "Loading", "geladen"))
    assert list(moved(markdown).values()) == ["N420" if placeholder else "N421"]


@pytest.mark.parametrize("line", ["Ouça este conteúdo com atenção, disse ele.", "Loading the ship took days.",
                                  "Écouter l’article, c’est déjà le comprendre un peu."])
def test_sentences_with_the_buttons_words_stay(line):
    assert moved(f"# Pacheco acena ao STF\n\n{PROSE}\n\n{line}\n\n{MORE_PROSE}") == {}


def test_an_authors_box_whose_list_holds_the_bio_leaves_judged_item_by_item():
    # dailycaller (pandoc-gfm): the bio's heading and line are the list's last item
    box = ("Ann Coulter\n\nPolitical Commentator\n\n- [See All Articles](http://x.com/author/ac/)\n"
           "- [Subscribe to RSS](http://x.com/author/ac/feed/)\n- Bio\n\n  ### Ann Coulter\n\n"
           "  Ann Coulter is a political commentator and author.\n\n")
    markdown = f"# Happy Holidays\n\n{SHARE}\n\n{box}4419111\n\n- [Tweet](https://twitter.com/share)\n\n{PROSE}"
    body = [text_of(block.node) for block in remove_boilerplate(blocks(markdown), PATH).body]
    assert body == ["Happy Holidays", PROSE]


def test_a_source_line_under_the_title_goes_to_the_source_note():
    # salon (html2text): the piece is a reprint, said under the byline and date, before the article
    markdown = (f"# Despite everything, emissions dipped\n\nJanuary 10, 2020\n\n"
                f"This post originally appeared on [Grist](https://grist.org/energy/x/).\n\n{PROSE}\n\n{MORE_PROSE}")
    text = normalised(markdown)
    assert [text_of(block.node) for block in text.blocks] == [PROSE, MORE_PROSE]
    assert [text_of(block.node) for block in text.source_note] == ["This post originally appeared on Grist."]
    assert any(d.code == "N413" and d.after == "the source note" for d in text.diagnostics)


def test_a_lead_that_opens_like_a_source_line_stays():
    lead = ("First published in 1923, the novel was banned in three countries within a year, and its author "
            "went into exile.")
    text = normalised(f"# The Banned Novel\n\n{lead}\n\n{PROSE}")
    assert lead in [text_of(block.node) for block in text.blocks]
