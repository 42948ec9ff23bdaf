"""Authors as real pages state them where no byline stands under the title (issue 16, deliverable 5):
a writer's own site, an info box's "Author" item; and no photo's caption taken for a byline.

Wrong is worse than missing: each rule asks for evidence that the name is a person's and the
text's, and each table gives the page, what the edition had before and what it has now."""

from __future__ import annotations

import pytest

from pamphleteer.meta import TextMeta
from pamphleteer.normalise import NormalisedText, normalise
from pamphleteer.parse import ParsedText
from pamphleteer.sources import SourceText
from tests.normalise.helpers import PATH, blocks, normalised

PROSE = ("Die Repräsentanten der Republik sind nervös. Vier Monate vor der Bundestagswahl treibt sie die "
         "Sorge um, eine kleine, zu allem entschlossene Gruppe könnte die Wahl mit falschen Nachrichten "
         "entscheiden.")
ENGLISH = ("The strike wave that swept the country this autumn was not an accident. It was the product of "
           "years of patient organising by rank-and-file workers who had grown tired of waiting.")


def _own_site(name: str, about: str, footer: str) -> str:
    """A page of a WordPress site saved whole: the masthead's name, the menu, the article, the footer."""
    return (f"{name}\n\n* [{about}](https://www.wolfgangmichal.de/uber-mich-2/)\n"
            "* [Texte](https://www.wolfgangmichal.de/texte-2/)\n* [Bücher](https://www.wolfgangmichal.de/bucher/)\n"
            "* [Blog-Archiv](https://www.wolfgangmichal.de/archiv/)\n\n"
            f"# Publizistische Sorgfaltspflicht\n\n{PROSE}\n\n{PROSE}\n\n{footer}\n\n"
            "* [Datenschutz](https://www.wolfgangmichal.de/datenschutz/)\n"
            "* [Impressum](https://www.wolfgangmichal.de/impressum-2/)\n")


@pytest.mark.parametrize(("markdown", "before", "after"), [
    # a writer's own site: the name it is published under holds the copyright, the menu says "about me"
    (_own_site("Wolfgang Michal", "Über mich", "© 2020 Wolfgang Michal"), (), ("Wolfgang Michal",)),
    # "about us" is a firm's or a club's, whoever holds the copyright: no author
    (_own_site("Wolfgang Michal", "Über uns", "© 2020 Wolfgang Michal"), (), ()),
    # no copyright line of that name: no evidence the site's name is its writer's
    (_own_site("Wolfgang Michal", "Über mich", "© 2020 Medienhaus Süd"), (), ()),
])
def test_a_writers_own_site_gives_the_author(markdown, before, after):
    assert normalised(markdown).inferred.authors == after, before


@pytest.mark.parametrize(("markdown", "before", "after"), [
    # an interview: the line under the interviewee's photo, after the first question and answer
    (f"# „Es kommt darauf an, wie die Menschen sterben“\n\n*Gian Domenico Borasio ist Arzt.*\n\n"
     f"**Herr Professor Borasio, was ist daran falsch?**\\\n{PROSE}\n\n"
     f"![Gian Domenico Borasio](/files/borasio.jpg)\n\nPalliativmediziner Gian Domenico Borasio\n\n{PROSE}",
     ("Palliativmediziner Gian Domenico Borasio",), ()),
    # a line of names under the title, before the article's prose, is still its byline
    (f"# The strike wave\n\nJane Doe, Richard Roe\n\n{ENGLISH}\n\n{ENGLISH}", ("Jane Doe", "Richard Roe"),
     ("Jane Doe", "Richard Roe")),
])
def test_a_name_under_the_articles_prose_is_no_byline(markdown, before, after):
    assert normalised(markdown).inferred.authors == after, before


@pytest.mark.parametrize(("markdown", "before", "after"), [
    # the article's info box, the label in bold and the name beside it (dw.com)
    (f"# Berlin confronts its colonial past\n\n{ENGLISH}\n\n{ENGLISH}\n\n- **Date** 19.01.2020\n"
     "- **Author** Ben Knight\n- **Related Subjects** [Berlin](/en/berlin/t-18967759)\n", (),
     ("Ben Knight",)),
    ("# Der Titel\n\n" + PROSE + "\n\n" + PROSE + "\n\nAutorin: Anna Lena Berg\n", (), ("Anna Lena Berg",)),
    # a picture gallery's slide signed with the photographer's initials: no line of names only
    (f"# Berlin confronts its colonial past\n\n{ENGLISH}\n\n{ENGLISH}\n\nAuthor: Julia Hitz (eg)\n", (), ()),
    # a sentence that opens with the word is no label
    (f"# The strike wave\n\n{ENGLISH}\n\nAuthor and activist Jane Doe spoke first.\n\n{ENGLISH}", (), ()),
])
def test_an_info_boxs_author_item(markdown, before, after):
    assert normalised(markdown).inferred.authors == after, before


@pytest.mark.parametrize(("markdown", "meta", "before", "after"), [
    # the title's template names the writer between the headline and the site (liberte.pl)
    ("# Koncesjonowana opozycja -Leszek Jażdżewski - Liberté!\n\n" + PROSE + "\n\n" + PROSE, {}, (),
     ("Leszek Jażdżewski",)),
    # the converter cut the site's name off already (trafilatura's title and sitename): the dash glued
    # to the name is the template's
    (PROSE + "\n\n" + PROSE, {"title": "Koncesjonowana opozycja -Leszek Jażdżewski",
                              "publication": "Liberté!", "source": "https://liberte.pl/koncesjonowana-opozycja/"},
     (), ("Leszek Jażdżewski",)),
    # a section's or the site's name between them is no writer's
    ("# Why collaborative thinking beats individual smarts | Open Future | The Economist\n\n" + ENGLISH, {},
     (), ()),
    ("# Urlop po poronieniu | Klub Jagielloński | Klub Jagielloński\n\n" + PROSE, {}, (), ()),
    ("# Turkey added to UK quarantine list | London Evening Standard | Evening Standard\n\n" + ENGLISH, {},
     (), ()),
    # two parts with spaced dashes: "Interview - Gian Borasio" may name the subject; nothing is taken
    (PROSE + "\n\n" + PROSE, {"title": "Das Interview - Gian Borasio"}, (), ()),
])
def test_the_title_names_its_writer_between_headline_and_site(markdown, meta, before, after):
    assert _converted(markdown, **meta).inferred.authors == after, before


def _converted(markdown: str, **fields: str) -> NormalisedText:
    """A converter's file: its front matter gives the title, the site's name and the address."""
    meta = TextMeta(**fields)  # type: ignore[arg-type]
    text = SourceText(path=PATH, slug="example", meta=meta, body=markdown, body_line=1)
    return normalise(ParsedText(text, blocks(markdown)))
