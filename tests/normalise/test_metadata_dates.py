"""Dates as real pages set them where the head of the text does not give one (issue 16, deliverable 5):
a meta box after the article, a tag written as a hashtag before the date, an info box's "Date" label, a
meta bar's date inside a div, a lead Markdown read as a numbered list. Never a comment's date."""

from __future__ import annotations

import pytest

from pamphleteer.ast import text_of
from pamphleteer.normalise.metadata import kicker_date
from tests.normalise.helpers import normalised

PROSE = ("The strike wave that swept the country this autumn was not an accident. It was the product of "
         "years of patient organising by rank-and-file workers who had grown tired of waiting.")
GERMAN = ("Dragqueens sind Kunstfiguren aus Make-Up und Glitter, auf Partys und in Shows, auch in der Freien "
          "Szene und im Stadttheater. Jetzt finden sie sich zunehmend in den Schusslinien wieder.")
SHARE = ("* Teilen:\n* [Facebook](https://www.facebook.com/sharer/sharer.php?u=https%3A//x.de/a)\n"
         "* [Twitter](https://twitter.com/intent/tweet?text=a)\n\n")
TAGS = "* [theater](https://x.de/tag/theater)\n* [krise](https://x.de/tag/krise)\n"


@pytest.mark.parametrize(("line", "date"), [
    # a tag written as a hashtag, then the date (klubjagiellonski, above and under its headline)
    ("#Krótko o przepisach prawa w Nowej Zelandii i Polsce 22 kwietnia 2021", "2021-04-22"),
    ("#Explainer 3 March 2020", "2020-03-03"),
    # a hashtag and a sentence is no kicker
    ("#MeToo was the movement that changed everything in the year of 3 March 2020", ""),
])
def test_a_date_beside_a_tag_written_as_a_hashtag(line, date):
    from pamphleteer.normalise.metadata import dates_in

    with dates_in("pl"):
        assert kicker_date(line) == date


@pytest.mark.parametrize(("markdown", "date"), [
    # before:  no date (the dateline stands after the article, between its share buttons and its tags)
    # after:   the date of the meta box (freitag: "20:34 17.04.2020"; taz: "Öko Ökonomie 13. 1. 2020")
    (f"# Heute schon an morgen denken\n\n{GERMAN}\n\n{GERMAN}\n\n{SHARE}20:34 17.04.2020\n\n{TAGS}",
     "2020-04-17"),
    (f"# Kaeser verarscht Neubauer\n\n{GERMAN}\n\n{GERMAN}\n\n* [Öko](/oeko/)\n* [Ökonomie](/oekonomie/)\n\n"
     f"* 13\\. 1. 2020\n\n## Kommentar von\n\n{TAGS}", "2020-01-13"),
    # the day it was updated is not the day it came out (regards, reader mode: no other date)
    (f"# Heute schon an morgen denken\n\n*Article mis à jour le 7 janvier 2020.*\n\n{GERMAN}\n\n{GERMAN}",
     ""),
    # a comment's date, under the heading over the comments or after a reply button, is not the text's
    (f"# Heute schon an morgen denken\n\n{GERMAN}\n\n{GERMAN}\n\n## 3 Kommentare\n\nAnn Lee\n\n"
     f"14.01.2020\n\n{GERMAN}", ""),
    (f"# Heute schon an morgen denken\n\n{GERMAN}\n\n{GERMAN}\n\nAnn Lee schrieb:\n\n{GERMAN}\n\n"
     f"Antworten\n\n14.01.2020\n\n{GERMAN}", ""),
])
def test_the_date_set_alone_after_the_article(markdown, date):
    text = normalised(markdown, lang="de")
    assert text.inferred.date == date
    assert sum(text_of(block.node) == GERMAN for block in text.blocks) >= 2  # the article stays whole


def test_a_date_above_the_headline_is_not_taken_for_the_meta_boxs():
    # a page's header shows today's date above the headline; only what stands after the headline counts
    markdown = f"Mittwoch, 01.11.2023\n\n* [Politik](/politik/)\n\n# Heute schon an morgen denken\n\n{GERMAN}"
    text = normalised(markdown, lang="de")
    assert text.inferred.date in ("", "2023-11-01")  # the head's own rule may read it; never another day


@pytest.mark.parametrize(("box", "date"), [
    # before: no date; after: the day the info box's "Date" label gives (dw: a list, read as one text)
    ("- **Date** 19.01.2020\n- **Author** Ben Knight\n- **Related Subjects** [Berlin](/en/berlin)",
     "2020-01-19"),
    ("Datum: 19.01.2020", "2020-01-19"),
    # a sentence about a date is no label
    ("Date night was 19 January 2020, and the town was full.", ""),
])
def test_the_day_an_info_box_labels_date(box, date):
    markdown = f"# Berlin confronts its colonial past\n\n{PROSE}\n\n{PROSE}\n\n{box}\n\n## Related\n\n{PROSE}"
    assert normalised(markdown, lang="en").inferred.date == date


def test_a_meta_bars_date_inside_a_div():
    # makronom (pandoc): the byline, the section and the date, the date in a div of the list's third item
    markdown = ("# Warum es ein Ressourcenschutzgesetz braucht\n\n"
                "- [Clara Löw](https://x.de/autoren/clara-loew)\n\n"
                "- - [Energie & Umwelt](https://x.de/schwerpunkte/energie)\n\n"
                "- ::: {.post-cat-two-date}\n  26\\. Oktober 2023\n  :::\n\n"
                f"{GERMAN}\n\n{GERMAN}")
    text = normalised(markdown, lang="de")
    assert (text.inferred.authors, text.inferred.date) == (("Clara Löw",), "2023-10-26")


def test_a_lead_that_opens_with_its_date_read_as_a_numbered_list():
    # nachtkritik (readability + markdownify): "31. Oktober 2023. …" unescaped, so a list numbered from 31
    markdown = f"# Queer Royal\n\nIm Schlepptau\n\n31. Oktober 2023. {GERMAN}\n\nVon Georg Kasch\n\n{GERMAN}"
    text = normalised(markdown, lang="de")
    assert (text.inferred.authors, text.inferred.date) == (("Georg Kasch",), "2023-10-31")


def test_a_numbered_list_is_no_dateline():
    markdown = (f"# Why We Strike\n\n{PROSE}\n\n3. March 2020 was the first day.\n4. April came next.\n\n"
                f"{PROSE}")
    assert normalised(markdown, lang="en").inferred.date == ""
