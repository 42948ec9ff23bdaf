"""Metadata as real pages write it: titles with the site's name, bylines, datelines, the site's name."""

from __future__ import annotations

import pytest

from pamphleteer.ast import text_of
from pamphleteer.normalise.metadata import (
    is_site_name,
    kicker_date,
    looks_like_name,
    name_from_host,
    read_author_links,
    read_byline,
    read_dateline,
    site_host,
    site_name,
    split_title,
    url_date,
)
from tests.normalise.helpers import normalised

LEAD = "Report claims that the institutions have created a pool of low-paid staff for teaching and research."
PROSE = ("The strike wave that swept the country this autumn was not an accident. It was the product of "
         "years of patient organising by rank-and-file workers who had grown tired of waiting.")


@pytest.mark.parametrize(("title", "host", "result"), [
    ("Why the Strike Wave Matters | The Daily Radical", "",
     ("Why the Strike Wave Matters", "The Daily Radical")),
    ("The Loneliest Woman - The Nervous Breakdown", "thenervousbreakdown.com",
     ("The Loneliest Woman", "The Nervous Breakdown")),
    ("Jacobin — Why We Strike Today", "jacobin.com", ("Why We Strike Today", "Jacobin")),
    ("Opinion | Why X happened now", "", ("Why X happened now", "")),  # a section is not the site
    ("Ukraine - the view from the left", "", ("Ukraine - the view from the left", "")),  # a dash, no site
    ("Marx | Engels", "", ("Marx | Engels", "")),  # too short to have lost a site's name
    # the site's name, then its tagline: both go, the name is the publication
    ("Pour le néolibéralisme, la retraite est un archaïsme | AOC media - Analyse Opinion Critique",
     "aoc.media", ("Pour le néolibéralisme, la retraite est un archaïsme", "AOC media")),
    ("Why We Strike Today | Opinion - The Daily Radical", "dailyradical.org",
     ("Why We Strike Today", "The Daily Radical")),
    ("Why We Strike Today | Open Future | The Economist", "", ("Why We Strike Today", "The Economist")),
    ("Michael Bloomberg is having to answer questions about his past - Los Angeles Times", "",
     ("Michael Bloomberg is having to answer questions about his past", "Los Angeles Times")),
    ("Berlin confronts its colonial past | Germany| News and reporting from Berlin | DW | 19.01.2020", "",
     ("Berlin confronts its colonial past", "DW")),
    # a headline's own last words after a dash are no site's name
    ("How the Dockers Held the Line for Forty Years – Until Now", "",
     ("How the Dockers Held the Line for Forty Years – Until Now", "")),
    ("The Miners Who Would Not Go Back to Work - Part Two", "",
     ("The Miners Who Would Not Go Back to Work - Part Two", "")),
    # a slash before the site's name, as blogs write it
    ("The Fight for Fifteen, Explained / Vox", "vox.com", ("The Fight for Fifteen, Explained", "Vox")),
    ("Why Rent Strikes Are Back / Red Pepper", "", ("Why Rent Strikes Are Back", "Red Pepper")),
    # a letters page whose headline is its letters' headings, bars and all
    ("Letters: Rent strike | Bus lanes cut | School meals", "",
     ("Letters: Rent strike | Bus lanes cut | School meals", "")),
    # a name as French or Spanish write it, an article, a capital, then lower case
    ("L’évaluation et les listes de revues - La Vie des idées", "",
     ("L’évaluation et les listes de revues", "La Vie des idées")),
    ("Les travailleurs sans papiers en grève - Le Monde diplomatique", "",
     ("Les travailleurs sans papiers en grève", "Le Monde diplomatique")),
    ("Why the miners went back to work - The end", "", ("Why the miners went back to work - The end", "")),
    ("La grève des mineurs, quarante ans après - La suite", "",
     ("La grève des mineurs, quarante ans après - La suite", "")),
    ("Warum die Beschäftigten streiken - Die Linke fordert mehr", "",
     ("Warum die Beschäftigten streiken - Die Linke fordert mehr", "")),
    ("Strikes spread across the country | Morning Star", "",
     ("Strikes spread across the country", "Morning Star")),
])
def test_a_title_loses_the_sites_name(title, host, result):
    assert split_title(title, host) == result


def test_a_columns_name_before_a_colon_is_no_site_though_the_page_writes_it_elsewhere():
    # nachtkritik: the publication was 'Kolumne: Queer Royal', the page's other column heading naming it
    title = "Kolumne: Queer Royal - Über Dragqueens und Dragkings auf der Bühne"
    names = frozenset({"Kolumne: Queer Royal Queere Stoffe in der neuen Spielzeit"})
    assert split_title(title, "nachtkritik.de", names) == (title, "")
    assert split_title("Über Dragqueens auf der Bühne - Queer Royal", "nachtkritik.de", names) == (
        "Über Dragqueens auf der Bühne", "Queer Royal")  # without the colon, the name the page repeats


@pytest.mark.parametrize(("line", "authors", "date"), [
    ("By Maria Lopez", ("Maria Lopez",), ""),
    ("Written by Sam Smith", ("Sam Smith",), ""),
    ("Tuesday 15 October 2019 by Jane Doe", ("Jane Doe",), "2019-10-15"),
    ("By Jane Doe | November 19, 2019", ("Jane Doe",), "2019-11-19"),
    ("By Jane Doe, Nov. 19, 2019", ("Jane Doe",), "2019-11-19"),
    ("By Tim Anderson July 11, 2011", ("Tim Anderson",), "2011-07-11"),
    # "on" as German, French, Spanish, Italian, Dutch write it before a date
    ("VON MORITZ GATHMANN am 21. April 2020", ("Moritz Gathmann",), "2020-04-21"),
    ("par Didier Roy le 21 juin 2018", ("Didier Roy",), "2018-06-21"),
    ("By Jane Doe and John Roe on 3 March 2020", ("Jane Doe", "John Roe"), "2020-03-03"),
    ("Ann Lee | Business Columnist", ("Ann Lee",), ""),
    ("Richard Adams Education editor", ("Richard Adams",), ""),
    ("Mary Ann Smith Political Editor", ("Mary Ann Smith",), ""),
    ("Thursday 8 February 2024, by KELLAWAY Dave (Date first published: 29 January 2024).",
     ("Dave Kellaway",), "2024-01-29"),
    ("By: Kim Park", ("Kim Park",), ""),
    ("BY R.J. Ellis", ("R.J. Ellis",), ""),  # initials are not a surname in capitals
    # the same forms in French, German and Spanish pages
    ("par Jean Dupont, 3 mars 2021", ("Jean Dupont",), "2021-03-03"),
    ("Par Claire Martin et Paul Roux", ("Claire Martin", "Paul Roux"), ""),
    ("Von Anna Schmidt, 3. März 2021", ("Anna Schmidt",), "2021-03-03"),
    ("Por Lucía Pérez", ("Lucía Pérez",), ""),
    # each author with a job title; the author's handle after the name
    ("Ann Lee, Staff Attorney, Racial Justice Program & Bo Chan, Director of Education, Rights Watch",
     ("Ann Lee", "Bo Chan"), ""),
    ("Ann Lee, Labour Correspondent and Bo Chan, Senior Fellow", ("Ann Lee", "Bo Chan"), ""),
    ("By Ann Lee@annlee", ("Ann Lee",), ""),
    ("By Ann Lee @annlee · March 3, 2020", ("Ann Lee",), "2020-03-03"),
    # a byline link the converter wrapped, left as Markdown
    ("By [Jo Bloggs](https://example.org/author/jo-bloggs/ “Posts by", ("Jo Bloggs",), ""),
    ("By [Jo Bloggs](//example.org/author/jo- bloggs/)@jobloggs", ("Jo Bloggs",), ""),  # wrapped in its URL
    # "By" and the name in two spans with no space between (tpm, pandoc markdown)
    ("ByMalcolm Harris | January 14, 2015", ("Malcolm Harris",), "2015-01-14"),
    # the name after the date, without "by"; the site's name before it (msn.com)
    ("The Guardian 02/10/2020 Anna Fazackerley", ("Anna Fazackerley",), "2020-10-02"),
    ("3 March 2020 · Ann Lee and Bo Chan", ("Ann Lee", "Bo Chan"), "2020-03-03"),
])
def test_bylines_as_sites_write_them(line, authors, date):
    assert read_byline(line) == (authors, date)


@pytest.mark.parametrize("line", [
    "By the way, it rained all day.", "Stand by me and the others, they said.",
    "Written by the working class itself.",
    "Rebecca Solnit | a talk at the library about many things",
    "Become A Member",  # a button
    "Par for the course, he said.",
    "Von Nord nach Süd",
    "Bread and Roses, a history of the strike & The Union, another story",
    "By Jo Bloggs jo@example.org",  # an address is no handle
    "Byron Smith and Ann Lee",  # a name that starts like "By"
    "On 3 March 2020 Boris Johnson said", "Ann Lee 3 March 2020 Politics",  # a sentence; a name before
])
def test_sentences_are_not_bylines(line):
    assert read_byline(line) is None


@pytest.mark.parametrize(("line", "date"), [
    ("November 19, 2019", "2019-11-19"),
    ("Published Nov. 19, 2019 at 5:42 pm", "2019-11-19"),
    ("27 octobre 2012 à 18:27 (Mis à jour: 19:56)", "2012-10-27"),  # "updated" in French
    ("Tuesday 15 October 2019", "2019-10-15"),
    ("Updated: 19/11/2019", "2019-11-19"),
    ("2019-11-19T06:30:00-05:00", "2019-11-19"),
    ("Posted on March 3, 2020", "2020-03-03"),
    ("Mon 20 Jan 2020 06.05 GMT Last modified on Mon 20 Jan 2020 06.07 GMT", "2020-01-20"),
    ("12/30/2019 05:03 AM EST", "2019-12-30"),
    ("Posted: Nov 8, 2023 / 04:43 PM CST", "2023-11-08"),
    ("Between 3 March 2020 and now", ""),  # a sentence with a date in it
    ("12 min read", ""),
    ("9:41 pm Mon Mar 2, 2020", "2020-03-02"),  # the time first
    ("Published: 3 Mar, 2021 GMT. Updated: Thu 4 Mar 2021 10:02 GMT", "2021-03-03"),
    # other languages' months, weekdays and prefixes
    ("Mi 3 Mär 2021", "2021-03-03"),
    ("jeudi 5 mars 2020", "2020-03-05"),
    ("Publié le 3 mars 2020", "2020-03-03"),
    ("Veröffentlicht am 9. April 2020", "2020-04-09"),
    ("martes, 10 de marzo de 2020", "2020-03-10"),
    ("12.16.14", "2014-12-16"),  # a date in dots is no time of day
    ("Do it by 3 March 2020", ""),
    ("19.2.2020 16:20päivitetty 19.2.2020 16:20", "2020-02-19"),  # "updated" in Finnish, run on to the time
])
def test_datelines(line, date):
    assert read_dateline(line) == date


FRENCH = ("La grève qui a traversé le pays cet automne n’était pas un accident. Elle est le produit "
          "de dix années de colère dans les ateliers, les bureaux et les écoles, et de la patience de "
          "celles et ceux qui ont organisé leurs collègues pendant tout ce temps.")


@pytest.mark.parametrize(("markdown", "lang", "date"), [
    (f"# Pourquoi nous faisons grève\n\nPar Jean Dupont, 03/04/2020\n\n{FRENCH}", "", "2020-04-03"),
    (f"# Pourquoi nous faisons grève\n\nmardi 10.12.19\n\n{FRENCH}", "fr", "2019-12-10"),  # aoc.media
    (f"# Why We Strike\n\nBy Ann Lee, 03/04/2020\n\n{PROSE}", "en-GB", "2020-04-03"),
    (f"# Why We Strike\n\nBy Ann Lee, 03/04/2020\n\n{PROSE}", "en-US", "2020-03-04"),  # as the US writes it
    (f"# Why We Strike\n\nBy Ann Lee, 03/04/2020\n\n{PROSE}", "", "2020-04-03"),  # nothing says American
    # the page's other dates say how it writes them: only month first (12/25/2019), or month first in words
    (f"# Why We Strike\n\nBy Ann Lee, 03/04/2020\n\n{PROSE}\n\nUpdated 12/25/2019", "", "2020-03-04"),
    (f"# Why We Strike\n\nBy Ann Lee, 03/04/2020\n\n{PROSE}\n\nRelated: October 12, 2019\n\nOct. 1, 2019",
     "", "2020-03-04"),
    (f"# Why We Strike\n\nBy Ann Lee, 03/04/2020\n\n{PROSE}\n\nRelated: 12 October 2019\n\n1 Oct 2019",
     "en", "2020-04-03"),
    # one date in words is a quotation's or a caption's: it does not tell
    (f"# Why We Strike\n\nBy Ann Lee, 03/04/2020\n\n{PROSE}\n\nLONDON, Sept. 29, 2019 -- A photo", "",
     "2020-04-03"),
    (f"# Why We Strike\n\nBy Ann Lee, 03/04/2020\n\n{PROSE}\n\nUpdated 25/12/2019", "en-US", "2020-04-03"),
])
def test_a_numeric_dates_day_and_month_in_the_order_of_the_texts_language(markdown, lang, date):
    assert normalised(markdown, lang=lang).inferred.date == date


@pytest.mark.parametrize(("address", "date"), [
    ("https://observer.com/2023/11/arnault-louvre/", "2023-11-08"),  # 11/08/23 in November: month first
    ("https://example.co/2023/08/arnault-louvre/", "2023-08-11"),  # in August: day first
])
def test_a_numeric_date_is_read_in_the_month_of_the_pages_own_address(address, date):
    share = f"[Share](https://www.facebook.com/sharer.php?u={address}) [Tweet](https://twitter.com/intent?url={address})"
    markdown = f"{share}\n\n# Why We Strike\n\nBy Ann Lee • 11/08/23 5:19pm\n\n{PROSE}\n\n{PROSE}"
    assert normalised(markdown).inferred.date == date


def test_of_the_days_a_navigation_shows_above_the_title_the_one_the_page_repeats_is_the_texts():
    # aoc.media: the day before, the article's day with its weekday, the day after; the dateline again below
    markdown = (f"08.12.2019\n\nmardi 10.12.2019\n\n11.12.2019\n\n# Pourquoi nous faisons grève\n\n"
                f"Par Jean Dupont\n\n{FRENCH}\n\n{FRENCH}\n\nmardi 10.12.2019")
    assert normalised(markdown, lang="fr").inferred.date == "2019-12-10"


@pytest.mark.parametrize(("box", "authors"), [
    # an author's box after the article: the name, and a link to the author's page that spells it
    ("Tapio Nurminen\n\n[Ota yhteyttä](mailto:t@x.fi) [Kirjoittajan muut jutut](/kirjoittaja/tapio-nurminen)",
     ("Tapio Nurminen",)),
    ("[**Loïc Le Clerc**](http://www.regards.fr/auteur/loic-le-clerc)", ("Loïc Le Clerc",)),
    ("##### [Leszek Jażdżewski](https://liberte.pl/author/ljazdzewski/)", ("Leszek Jażdżewski",)),  # initial
    # the site's writers, each linked: no one of them is the author
    ("* [Ann Lee](/author/ann-lee)\n* [Bo Chan](/author/bo-chan)", ()),
    ("Tapio Nurminen\n\n[More stories](/kirjoittaja/anna-virtanen)", ()),  # not that name's page
])
def test_the_one_author_whose_page_the_text_links_to_by_name(box, authors):
    assert normalised(f"# Why We Strike\n\n{PROSE}\n\n{PROSE}\n\n{box}").inferred.authors == authors


@pytest.mark.parametrize(("bio", "authors"), [
    # after an author's label and academic titles, the first name (der Freitag)
    ("Autor\\*in: Prof. Dr. Ann-Marie Lee ist seit 2014 Ministerin. Bo Chan ist Staatssekretärin.",
     ("Ann-Marie Lee",)),
    ("About the author: Ann Lee is a historian of the labour movement.", ("Ann Lee",)),
    # each name in bold or italics that the bio's verb follows (makronom.de)
    ("***Ann Lee*** *arbeitet als Wissenschaftlerin.* **Bo Chan** ist Senior Researcher. **Cy Dahl*** *war "
     "bis 2023 Leiter der Gruppe.*", ("Ann Lee", "Bo Chan", "Cy Dahl")),
    # a closing paragraph of the article that names someone in bold is no bio
    ("Yesterday **Ann Lee** is said to have left the union for good.", ()),
    ("**Ann Lee** said the strike would go on.", ()),
])
def test_the_bio_at_the_texts_end_names_its_authors(bio, authors):
    assert normalised(f"# Why We Strike\n\n{PROSE}\n\n{PROSE}\n\n{bio}").inferred.authors == authors


def test_the_sites_name_as_the_page_writes_it():
    assert site_name("thenation.com", ["Copyright The Nation 2019"]) == "The Nation"
    assert site_name("thenation.com", ["nothing here"]) == ""
    # the article the page writes it with, and its ordinary case over the logo's capitals
    assert site_name("irishtimes.com", ["IRISH TIMES", "Irish Times view", "© The Irish Times 2020"]) == (
        "The Irish Times")
    assert site_name("boingboing.net", ["BOING BOING"]) == "Boing Boing"
    # a name that is its whole address, dot and all
    assert site_name("novara.media", ["Support Novara Media today"]) == "Novara Media"


@pytest.mark.parametrize(("host", "texts", "name"), [
    # an address made of the name's initials and beginnings, accents aside
    ("nydailynews.com", ["© 2021 New York Daily News"], "New York Daily News"),
    ("sfchronicle.com", ["Read the San Francisco Chronicle"], "San Francisco Chronicle"),
    ("liberation.fr", ["Libération, le 3 mars"], "Libération"),
    ("uebermedien.de", ["© 2023 Übermedien"], "Übermedien"),  # an umlaut written out in the address
    ("gazetadopovo.com.br", ["Com a palavra", "© Gazeta do Povo"], "Gazeta do Povo"),  # not '.com' itself
    ("monde-diplomatique.fr", ["Le Monde diplomatique"], "Le Monde diplomatique"),
    ("ilmanifesto.it", ["il manifesto"], ""),  # written without a capital: not how the page names itself
    ("nytimes.com", ["Nobody You Trust Implies Much Erasure Soon"], ""),  # initials alone spell nothing
    # the name only joined to another word by a hyphen, its umlaut written out in the address
    ("uebermedien.de", ["Podcast-Logo (Kopfhörer auf dem Übermedien-Ü)"], "Übermedien"),  # was 'Uebermedien'
    # the acronym or the article the page nearly always writes before the words the address spells
    ("technologyreview.com", ["The mission of MIT Technology Review", "MIT Technology Review",
                              "Have MIT Technology Review delivered", "Technology Review"],
     "MIT Technology Review"),  # was 'Technology Review'
    ("freitag.de", ["der Freitag digital", "© der Freitag Mediengesellschaft", "Redaktion des Freitag"],
     "der Freitag"),  # was 'Freitag'
    ("freitag.de", ["Am Freitag", "der Freitag"], "Freitag"),  # once is no habit
    # "the" before it in the page's prose every other time or more: its name has "The"
    ("villagevoice.com", ["originating from the Village Voice editorial", "for supporting the Village Voice",
                          "by the longtime Village Voice photographer", "©2023 Village Voice, LLC"],
     "The Village Voice"),  # was 'Village Voice'
    ("bbc.com", ["told the BBC", "the BBC said", "BBC News"], "BBC"),  # not before an acronym
    # nor before an institution's name: "the" goes with its noun, not its name
    ("wikimediafoundation.org", ["the Wikimedia Foundation has received", "said the Wikimedia Foundation",
                                 "© Wikimedia Foundation, Inc."], "Wikimedia Foundation"),  # was 'The …'
    # the institution's noun the page writes after the words the address spells, twice or more
    ("pewresearch.org", ["a new Pew Research Center analysis", "Pew Research estimates",
                         "the Pew Research Center found"], "Pew Research Center"),  # was 'Pew Research'
    ("pewresearch.org", ["a Pew Research Center analysis", "Pew Research estimates"], "Pew Research"),
    # the site calling itself by its address, more often than a capitalised phrase spells it
    ("literaturkritik.de", ["Literaturkritik für das Internet", "Beiträge in literaturkritik.de 2006",
                            "© bei der Autorin und bei literaturkritik.de",
                            "Newsletter von literaturkritik.de", "https://literaturkritik.de/x"],
     "literaturkritik.de"),  # was 'Literaturkritik'
    ("theguardian.com", ["The Guardian view", "© The Guardian", "Read it on theguardian.com"],
     "The Guardian"),
    ("laviedesidees.fr", ["La Vie des idées", "© laviedesidees.fr", "La Vie des idées, 2009",
                          "laviedesidees.fr"], "La Vie des idées"),  # as often as the name: the name
])
def test_the_sites_name_spelled_by_its_address(host, texts, name):
    assert site_name(host, texts) == name


@pytest.mark.parametrize(("text", "host", "result"), [
    ("FiveThirtyEight", "fivethirtyeight.com", True),
    ("The Atlantic", "theatlantic.com", True),
    ("Atlantic", "theatlantic.com", True),
    ("The Atlantic Crossword", "theatlantic.com", False),  # a page of the site, not its name
    ("The Nation's Future", "thenation.com", False),
    ("BBC", "bbc.co.uk", True),
    ("FiveThirtyEight", "", False),
])
def test_a_heading_that_is_the_sites_name(text, host, result):
    assert is_site_name(text, host) is result


@pytest.mark.parametrize(("text", "links", "result"), [
    ("Ana Ruiz | 3 March 2021", [("Ana Ruiz", "https://x.org/author/ana-ruiz")],
     (("Ana Ruiz",), "2021-03-03")),
    ("By Ana Ruiz and Bo Chan", [("Ana Ruiz", "/by/ana"), ("Bo Chan", "/by/bo")],
     (("Ana Ruiz", "Bo Chan"), "")),
    ("Ana Ruiz · 9:41 pm Mon Mar 2, 2020", [("Ana Ruiz", "/writers/ana")], (("Ana Ruiz",), "2020-03-02")),
    # a sentence with a link to the author's page is no byline; nor a link elsewhere
    ("Ana Ruiz wrote about the strike last year", [("Ana Ruiz", "/author/ana")], None),
    ("Ana Ruiz | 3 March 2021", [("Ana Ruiz", "https://x.org/2021/strike")], None),
    # beside the names, a section's link and a count of comments (freitag.de; pewresearch.org)
    ("Ana Ruiz | Community __ 1", [("Ana Ruiz", "https://x.de/autoren/ana-ruiz"), ("Community", "/c")],
     (("Ana Ruiz",), "")),
    ("By Ana Ruiz and Bo S. Chan24 comments",
     [("Ana Ruiz", "/author/ana"), ("Bo S. Chan", "/author/bo"), ("24 comments", "/2014/11/x/#comments")],
     (("Ana Ruiz", "Bo S. Chan"), "")),
    ("Ana Ruiz | Community and the strike wave", [("Ana Ruiz", "/autoren/ana"), ("Community", "/c")], None),
    # the author's photo inside the link, its description run into the byline (pagina12.com.ar)
    ("Ana RuizPor Ana Ruiz", [("Ana RuizPor Ana Ruiz", "/autores/289094-ana-ruiz")], (("Ana Ruiz",), "")),
])
def test_a_byline_of_links_to_the_authors_pages(text, links, result):
    assert read_author_links(text, links) == result


@pytest.mark.parametrize(("name", "result"), [
    ("Ana Ruiz", True), ("Ronald McDonald", True), ("Betsy DeVos", True),
    ("Disko Von", False),  # a section, then German "by"
    ("Heiko SauerHeiko Sauer", False),  # an image's name run into the link's
])
def test_what_looks_like_a_persons_name(name, result):
    assert looks_like_name(name) is result


@pytest.mark.parametrize(("url", "date"), [
    ("https://www.example.com/2020/08/16/us/strike.html", "2020-08-16"),
    ("https://example.se/20200428/meet-the-swede", "2020-04-28"),
    ("https://example.com/politics/story/2020-02-19/bloomberg", "2020-02-19"),
    ("https://example.com/2020/08/strike", ""),  # a month is no date
    ("https://example.com/p/12345678/x", ""),
    ("https://example.com/2020/13/45/x", ""),
])
def test_the_date_in_a_pages_address(url, date):
    assert url_date(url) == date


def inferred(markdown, **meta):
    text = normalised(markdown, **meta)
    found = text.inferred
    return found.title, found.authors, found.date, found.publication, [text_of(b.node) for b in text.blocks]


@pytest.mark.parametrize(("markdown", "title", "authors", "date", "publication"), [
    # after a breadcrumb link and a date, inside a div, with pandoc attributes
    (f"::: header\n[Home](/) › [Opinion](/opinion)\n\nMarch 3, 2020\n\n"
     "# Why We Strike {#title .entry}\n:::\n\n"
     f"By [Maria Lopez](https://x.org/author/maria-lopez)\n\n{PROSE}",
     "Why We Strike", ("Maria Lopez",), "2020-03-03", ""),
    # the site's name after a bar, a byline with a date
    (f"# Why We Strike | The Daily Radical\n\nBy Jo Bloggs, Nov. 19, 2019\n\n{PROSE}",
     "Why We Strike", ("Jo Bloggs",), "2019-11-19", "The Daily Radical"),
    # a section's heading above the title is no publication; an image's name is no title
    (f"# Opinion\n\n## IMG_2041.jpg\n\n## The Long Road Back\n\nWritten by Ann Lee\n\n{PROSE}",
     "The Long Road Back", ("Ann Lee",), "", ""),
    # a lead paragraph, then the name and job title, then the date: the lead stays, the rest is metadata
    (f"# The Long Road Back\n\n{LEAD}\n\nRichard Adams Education editor\n\n- Aug. 16, 2020\n\n{PROSE}",
     "The Long Road Back", ("Richard Adams",), "2020-08-16", ""),
    # a related box's heading is no title; the byline and the date set as headings; a line of names
    (f"## Up Next\n\n# The Long Road Back\n\n### Nathanael Johnson\n\n"
     f"### January 10, 2020 9:00AM (UTC)\n\n{PROSE}",
     "The Long Road Back", ("Nathanael Johnson",), "2020-01-10", ""),
    (f"# The Long Road Back\n\nIbtisam Mahdi, Ruwaida Kamal Amer\n\n{PROSE}",
     "The Long Road Back", ("Ibtisam Mahdi", "Ruwaida Kamal Amer"), "", ""),
    (f"# The Long Road Back\n\nAnn Lee and Bo Lee\n\n{PROSE}",
     "The Long Road Back", ("Ann Lee", "Bo Lee"), "", ""),
    # a section's label and its link, the same words twice, are no line of names
    (f"# The Long Road Back\n\n**Open Future\\\n[Open Future](/open-future/)**\n\n{PROSE}",
     "The Long Road Back", (), "", ""),
    # a role after the name
    (f"# The Long Road Back\n\nAnn Lee | Labour Correspondent\n\nTuesday 15 October 2019\n\n{PROSE}",
     "The Long Road Back", ("Ann Lee",), "2019-10-15", ""),
    # a byline the converter cut into lines
    (f"# The Long Road Back\n\nBy\n\nAnn Lee\n\nand\n\nBo Chan\n\nPublished Mar 3, 2021\n\n{PROSE}",
     "The Long Road Back", ("Ann Lee", "Bo Chan"), "2021-03-03", ""),
    # a byline set as a heading is no subtitle
    (f"# The Long Road Back\n\n#### By Ann Lee | March 3, 2020\n\n{PROSE}",
     "The Long Road Back", ("Ann Lee",), "2020-03-03", ""),
    # a kicker, the date (day first: nothing on the page says American), then the headline
    (f"## Holy Smoke\n\n03.05.19\n\n## The Real Headline Is Longer Than the Kicker\n\n{PROSE}",
     "The Real Headline Is Longer Than the Kicker", (), "2019-05-03", ""),
    # a sidebar's lower heading before the article's headline
    (f"### Newsletter\n\n# The Long Road Back\n\nBy Ann Lee\n\n{PROSE}",
     "The Long Road Back", ("Ann Lee",), "", ""),
    # a lone link to the author's page under the title, on a page with a menu: the byline, not navigation
    (f"- [Home](/)\n- [News](/news)\n- [Ideas](/ideas)\n\n# The Long Road Back\n\n"
     f"[Ann Lee](https://x.org/author/ann-lee/)\n\n{PROSE}\n\n{PROSE}",
     "The Long Road Back", ("Ann Lee",), "", ""),
    # a menu's headings, each over its list of links, then the headline over its text
    (f"## Sections\n\n- [World](/world)\n- [Politics](/politics)\n\n## Newsletters\n\n- [Daily](/daily)\n\n"
     f"## The Long Road Back\n\n{LEAD}\n\nBy Ann Lee\n\n{PROSE}",
     "The Long Road Back", ("Ann Lee",), "", ""),
    # the section's line with the date, between the logo and the headline
    (f"# THE WEEKLY\n\n#### Ideas May 3, 2021 Issue\n\n# The Long Road Back\n\n### By Ann Lee\n\n{PROSE}",
     "The Long Road Back", ("Ann Lee",), "", ""),
    # the date a page's <title> ends with
    (f"# Berlin confronts its colonial past | Germany | DW | 19.01.2020\n\n{PROSE}",
     "Berlin confronts its colonial past", (), "2020-01-19", "DW"),
    # an author's link and the date, above the title, without "by"
    (f"[Ann Lee](https://x.org/author/ann-lee) / 9:41 pm Mon Mar 2, 2020\n\n# The Long Road Back\n\n{PROSE}",
     "The Long Road Back", ("Ann Lee",), "2020-03-02", ""),
    # a tag's name and the date above the title: the date is the text's, the tag goes to the credits
    (f"[conservatism](https://x.org/tags/conservatism/) May 16, 2020\n\n# The Long Road Back\n\n{PROSE}",
     "The Long Road Back", (), "2020-05-16", ""),
    # with no site known, a smaller heading over the headline is its kicker, no masthead; one as large is
    (f"#### Germany\n\n# Berlin confronts its colonial past with new initiative\n\n{PROSE}",
     "Berlin confronts its colonial past with new initiative", (), "", ""),
    (f"## Red Pepper\n\n## Berlin confronts its colonial past with new initiative\n\n{PROSE}",
     "Berlin confronts its colonial past with new initiative", (), "", "Red Pepper"),
    # a heading and its subtitle the converter wrapped onto the next line (no blank line between)
    (f"# The Long Road Back to the\ncoalfields\n\n## Why the miners are\nstill striking\n\n"
     f"By Ann Lee\n\n{PROSE}",
     "The Long Road Back to the coalfields", ("Ann Lee",), "", ""),
    # the page's <title>, a section, then the headline again: the byline under it is still the head's
    (f"# Why We Strike | The Daily Radical\n\nSociété\n\n# Why We Strike\n\nPar Barbara Stiegler\n\n"
     f"{PROSE}", "Why We Strike", ("Barbara Stiegler",), "", "The Daily Radical"),
    # today's date in the page's header, the article's by the byline under the title: the byline's wins
    (f"Saturday 03 January 2015\n\n# The Long Road Back\n\nBy Ann Lee\n\n11:59PM GMT 29 Dec 2014\n\n"
     f"{PROSE}", "The Long Road Back", ("Ann Lee",), "2014-12-29", ""),
    # an empty heading over its words (a wrapper inside the <h1>), in a div or not (N714)
    (f"[Essai](/essais) [Économie](/eco)\n\n#\n\nL’évaluation et les listes de revues\n\n---\n\n"
     f"par Florence Audier, le 15 septembre 2009\n\n{PROSE}",
     "L’évaluation et les listes de revues", ("Florence Audier",), "2009-09-15", ""),
    (f"::: cartouche\n# \n\n::: titre\nThe Long Road Back\n:::\n:::\n\nBy Ann Lee\n\n{PROSE}",
     "The Long Road Back", ("Ann Lee",), "", ""),
    # a byline, then a few words after a hard line break (a keywords button): the byline is read
    (f"# The Long Road Back\n\npar Florence Audier, le 15 septembre 2009\\\nMots-clés\n\n{PROSE}",
     "The Long Road Back", ("Florence Audier",), "2009-09-15", ""),
    (f"# The Long Road Back\n\nBy Ann Lee\\\nMarch 3, 2020\n\n{PROSE}",  # the date after the break
     "The Long Road Back", ("Ann Lee",), "2020-03-03", ""),
    # a headline that starts like a photo credit ("VIDEO: …") is still the headline (citylimits, html2text)
    (f"[Brooklyn](https://x.org/category/news/bureaus/brooklyn/)\n\n## VIDEO: Voting on NYCHA’s Future\n\n"
     f"## By [Tatyana Turner](https://x.org/author/tatyana-turner/).\n\n{PROSE}",
     "VIDEO: Voting on NYCHA’s Future", ("Tatyana Turner",), "", ""),
    # the site's name and the date above the title, under the site's menu (cbsnews, pandoc gfm's raw spans)
    (f"- [Home](/)\n- [Politics](/politics)\n- [World](/world)\n\n<span class=\"source\">CBS News</span> "
     f"<span class=\"time\">February 24,\n2020, 7:57 AM</span>\n\n# Black voters in South Carolina\n\n"
     f"{PROSE}\n\n{PROSE}", "Black voters in South Carolina", (), "2020-02-24", ""),
])
def test_the_head_of_real_pages_becomes_metadata(markdown, title, authors, date, publication):
    found = inferred(markdown)
    assert found[:4] == (title, authors, date, publication)
    # the lead stays in the body, and the body is the prose alone
    assert found[4] == ([LEAD, PROSE] if LEAD in markdown else [PROSE] * markdown.count(PROSE))


PITCH = ("Save articles to read later with bookmarks: they keep every article you choose in one place, "
         "ready for you on any of your devices whenever you come back.")


@pytest.mark.parametrize(("markdown", "title", "authors", "body"), [
    # the page's one top heading below its menus and a pitch, far below where a head ends: the title, and
    # what stands above it goes to the credits (gazetadopovo, klubjagiellonski, tpm; the title was the
    # file's name before)
    (f"- [Home](/)\n- [News](/news)\n\n{PITCH}\n\n" + "Menu\n\n" * 20
     + f"# The Long Road Back\n\n- [Share](/s)\n\nBy Ann Lee\n\n{PROSE}\n\n{PROSE}",
     "The Long Road Back", ("Ann Lee",), [PROSE, PROSE]),
    # not when as much prose stands above it: a section's heading in an article with no title of its own
    (f"{PROSE}\n\n{PROSE}\n\n" + "Menu\n\n" * 20 + f"# The Long Road Back\n\n{PROSE}\n\n{PROSE}",
     "", (), [PROSE, PROSE, "The Long Road Back", PROSE, PROSE]),
    # nor when the text has two top headings
    (f"{PITCH}\n\n" + "Menu\n\n" * 20 + f"# The Long Road Back\n\n{PROSE}\n\n# Part Two\n\n{PROSE}",
     "", (), [PITCH, "The Long Road Back", PROSE, "Part Two", PROSE]),
])
def test_the_pages_one_top_heading_below_its_menus_is_the_title(markdown, title, authors, body):
    found = inferred(markdown)
    assert found[:2] == (title, authors)
    assert [block for block in found[4] if block != "Menu"] == body  # (the repeated menu goes as furniture)


@pytest.mark.parametrize(("markdown", "title", "authors", "date"), [
    # a box's heading and its pitch above the article: the headline is the heading its byline and
    # date stand under (correctiv, cicero, aoc, theroot, ledevoir, avclub, technologyreview)
    (f"# Latest\n\n## All our investigations\n\n{PITCH}\n\n## We Already Have the Promise\n\n{LEAD}\n\n"
     f"By Ann Lee\n\nMay 14, 2019\n\n{PROSE}\n\n{PROSE}",
     "We Already Have the Promise", ("Ann Lee",), "2019-05-14"),
    # a section's name set as the top heading over a smaller headline
    (f"# O Opinion\n\nSociety\n\n## The Long Road Back\n\nBy Ann Lee\n\n{PROSE}\n\n{PROSE}",
     "The Long Road Back", ("Ann Lee",), ""),
    # the site's and a blog's headings over others: the top heading right over the article's prose (wsj)
    (f"# The Daily Planet\n\n### Also on the site:\n\n# The Accelerators\n\n## Mentors discuss strategy\n\n"
     f"# Why Startups Need Sales\n\n{PROSE}\n\n{PROSE}",
     "Why Startups Need Sales", (), ""),
    # not a teaser's heading with its byline, the next teaser's heading under it: the title stands
    (f"## Top stories\n\n### A Teaser\n\nBy Jo Bloggs\n\n### Another Teaser\n\nBy Ann Lee\n\n"
     f"# The Long Road Back\n\n{PROSE}\n\n{PROSE}",
     "The Long Road Back", None, ""),
    # nor a lead set as a smaller heading under the title, the byline under it (elpais, liberation)
    (f"# The Long Road Back\n\n## The miners were striking again, as they had for months, and the town "
     f"waited for the end\n\nBy Ann Lee\n\n{PROSE}\n\n{PROSE}", "The Long Road Back", None, ""),
    # nor a heading of the article's with a date under it, far into its prose
    (f"# The Long Road Back\n\n{PROSE}\n\n{PROSE}\n\n{PROSE}\n\n## Update\n\nMarch 3, 2020\n\n{PROSE}",
     "The Long Road Back", (), ""),
])
def test_the_headline_is_the_heading_over_the_articles_byline_and_prose(markdown, title, authors, date):
    found = inferred(markdown)
    assert (found[0], found[2]) == (title, date)
    assert authors is None or found[1] == authors


def exported(markdown, url):
    """The normaliser over a site's export: its post's address a path on the site (Hugo's `url:`)."""
    from pamphleteer.normalise import normalise
    from pamphleteer.parse import ParsedText
    from pamphleteer.sources import SourceText, TextMeta
    from tests.normalise.helpers import PATH, blocks

    meta = TextMeta(title="The Long Road Back", site_path=url, converter=True)
    source = SourceText(path=PATH, slug="example", meta=meta, body=markdown, body_line=1)
    return normalise(ParsedText(source, blocks(markdown))).inferred.publication


@pytest.mark.parametrize(("markdown", "url", "publication"), [
    # two links to the site's other posts, their addresses of the post's own shape (wikimedia)
    (f"{PROSE} [Ruling](https://wikimediafoundation.org/news/2019/12/26/court-rules/) and "
     "[appeal](https://wikimediafoundation.org/news/2019/07/22/appeal/), "
     "[a report](https://nytimes.com/a/b), [a blog](https://blog.wikimedia.org/2018/05/02/miss/), "
     "[a court](https://anayasa.gov.tr/x.pdf).\n\nToday the Wikimedia Foundation said so.",
     "/news/2020/01/15/access-restored/", "Wikimedia Foundation"),
    # the only site the post links to (aclu)
    (f"{PROSE} [A settlement](https://www.aclu.org/legal-document/settlement) in [the case]"
     "(https://www.aclu.org/cases/x-v-y) the ACLU Foundation brought; the ACLU said so.",
     "/blog/juvenile-justice/the-long-road-back", "ACLU"),
    # not a source the post cites twice, the site's own address once; nor a host the page never names
    (f"{PROSE} [The grid](https://www.caiso.com/Documents/a.pdf), [its loads](http://www.caiso.com/b.pdf) "
     "and [the fires](https://www.nytimes.com/2020/08/19/us/fires.html).",
     "/2020/08/16/business/blackouts.html", ""),
    (f"{PROSE} [One](https://www.nytimes.com/2020/08/19/us/fires.html), "
     "[two](https://www.nytimes.com/2020/08/18/us/heat.html).", "/2020/08/16/business/blackouts.html", ""),
])
def test_a_sites_export_names_its_site_by_its_links(markdown, url, publication):
    assert exported(markdown, url) == publication


def lifted_with(markdown, source):
    from pamphleteer.normalise.furniture import lift_furniture
    from tests.normalise.helpers import PATH, blocks

    return lift_furniture(blocks(markdown), PATH, source=source).inferred


@pytest.mark.parametrize("markdown", [
    "#\n\nThe miners were striking again, as they had for months.\n\nIt went on.",  # a sentence
    "#\n\n- The Long Road Back\n\nIt went on.",  # a list
    "#\n\n[The Long Road Back](/road)\n\nIt went on.",  # a link: a menu's item
])
def test_an_empty_heading_takes_only_a_short_line_of_words(markdown):
    result = normalised(markdown)
    assert "N714" not in [d.code for d in result.diagnostics]
    assert "It went on." in [text_of(b.node) for b in result.blocks]


def test_an_empty_heading_over_a_div_mended_inside_keeps_the_div():
    # the heading stays empty (a div is no line of words) while a heading inside the div is mended:
    # no word of the div is lost (its heading, the first real one, is the title)
    markdown = ("# \n\n::: box\n## \n\nInner title\n\nBody of the box, a sentence.\n:::\n\n"
                "It went on.")
    title, _, _, _, body = inferred(markdown)
    assert (title, body) == ("Inner title", ["Body of the box, a sentence.", "It went on."])


def test_a_line_after_a_byline_that_is_prose_keeps_the_byline_in_the_body():
    markdown = (f"# The Long Road Back\n\nBy Ann Lee\\\nWASHINGTON — The miners were striking again, as "
                f"they had for months on end.\n\n{PROSE}")
    title, authors, _, _, body = inferred(markdown)
    assert authors == ()
    assert any(text.startswith("By Ann Lee") for text in body)


@pytest.mark.parametrize(("markdown", "source", "title", "date", "publication"), [
    # the site's logo set as a heading is neither the title nor lost: it is the publication
    (f"# FiveThirtyEight\n\n## Politics\n\n## The Endorsement Race Is On\n\n{PROSE}",
     "https://fivethirtyeight.com/features/x/", "The Endorsement Race Is On", "", "FiveThirtyEight"),
    # a section over the title is no masthead when the site has another name
    (f"# Germany\n\n# Berlin confronts its colonial past\n\n{PROSE}", "https://www.dw.com/en/x/a-1",
     "Berlin confronts its colonial past", "", "DW"),
    # ... nor a heading that links to a section's page, though the page names the section elsewhere
    (f"# [Politiques](https://www.liberation.fr/politiques,11)\n\n# Ayrault assume sa méthode\n\n{PROSE}"
     "\n\nPolitiques", "https://www.liberation.fr/politiques/2012/10/27/x/", "Ayrault assume sa méthode",
     "2012-10-27", "Liberation"),  # the address's name, not the section's
    # the date in the address, when the page gives none
    (f"# The Long Road Back\n\n{PROSE}", "https://www.example.org/2021/03/04/the-long-road-back/",
     "The Long Road Back", "2021-03-04", "Example"),
    (f"# The Long Road Back\n\nMarch 2, 2021\n\n{PROSE}", "https://www.example.org/2021/03/04/road/",
     "The Long Road Back", "2021-03-02", "Example"),  # the page's own date comes first
])
def test_the_head_with_the_source_address(markdown, source, title, date, publication):
    found = lifted_with(markdown, source)
    assert (found.title, found.date, found.publication) == (title, date, publication)


@pytest.mark.parametrize(("markdown", "publication"), [
    # a kicker before the headline and a dash is no site, though the page names it elsewhere (cicero)
    (f"# Pandemic - The Long Road Back\n\n{PROSE}\n\nMore on Pandemic", "Example"),
    # the site's name before its tagline, as the heading above the headline (dwutygodnik)
    (f"# Weekly - a page of culture\n\n## Quick links\n\n# The Long Road Back\n\nBy Ann Lee\n\n{PROSE}"
     "\n\nWeekly", "Weekly"),
])
def test_a_name_before_a_dash_is_the_sites_only_over_the_headline(markdown, publication):
    from pamphleteer.normalise.furniture import lift_furniture
    from tests.normalise.helpers import PATH, blocks

    page = tuple(text_of(block.node) for block in blocks(markdown))
    found = lift_furniture(blocks(markdown), PATH, source="https://www.example.org/x/", page=page).inferred
    assert (found.title, found.publication) == ("The Long Road Back", publication)


def test_the_publication_comes_from_the_source_urls_site_as_the_page_writes_it():
    from pamphleteer.normalise.furniture import lift_furniture
    from tests.normalise.helpers import PATH, blocks

    page = ("# Why We Strike\n\n" + PROSE, "Copyright The Daily Radical 2020")
    lifted = lift_furniture(blocks("# Why We Strike\n\n" + PROSE), PATH, source="https://www.dailyradical.org/x",
                            page=page)
    assert lifted.inferred.publication == "The Daily Radical"
    lifted = lift_furniture(blocks("# Why We Strike\n\n" + PROSE), PATH, source="https://www.dailyradical.org/x")
    assert lifted.inferred.publication == "Daily Radical"  # read from the address itself


@pytest.mark.parametrize(("host", "name"), [
    ("theguardian.com", "The Guardian"), ("thenervousbreakdown.com", "The Nervous Breakdown"),
    ("timesofisrael.com", "Times of Israel"), ("cbsnews.com", "CBS News"), ("bbc.co.uk", "BBC"),
    ("newrepublic.com", "New Republic"), ("tempestmag.org", "Tempestmag"), ("latimes.com", "Latimes"),
    ("nextkabinett.wordpress.com", ""),  # a blog on a platform: its name is not the platform's ("Word Press")
])
def test_a_sites_name_read_from_its_address(host, name):
    assert name_from_host(host) == name


def test_the_site_is_where_most_of_the_pages_links_go():
    links = ["https://www.theguardian.com/a", "https://www.theguardian.com/b", "https://jobs.theguardian.com/",
             "https://twitter.com/share", "https://twitter.com/x", "https://twitter.com/y", "https://other.org/"]
    assert site_host(links) == "theguardian.com"
    assert site_host(["https://a.org/1", "https://b.org/2"]) == ""
    # links wrapped by a mail filter lead elsewhere: the wrapper is no site (der Freitag, a WordPress export)
    domains = (("8FkD", "aufbaubank.de"), ("5lKI", "gfaw-thueringen.de"), ("c1W", "rki.de"))
    wrapped = [f"https://protect-eu.mimecast.com/s/{key}?domain={domain}" for key, domain in domains]
    assert site_host(wrapped) == ""


@pytest.mark.parametrize("head", ["", "# The Long Road Back\n\n"])
def test_rules_framing_a_pull_quote_after_the_first_paragraph_are_not_the_heads(head):
    quote = "It was the product of years of patient organising by rank-and-file workers."
    text = normalised(f"{head}{PROSE}\n\n---\n\n*{quote}*\n\n---\n\n{LEAD}")
    assert [block.node["t"] for block in text.blocks] == ["Para", "Div", "Para"]
    assert "N201" in {d.code for d in text.diagnostics}


def test_a_heading_elsewhere_on_the_page_is_no_site_name_unless_written_as_a_name():
    # a letters page: each letter's heading is on the page too, and none is the site
    title = "Letters: Coddling criminals | Undermining road | Tax dollars"
    assert split_title(title, "", frozenset({"Tax dollars", "Undermining road"})) == (title, "")
    # the site's name in the page's footer still names it
    assert split_title("Why We Strike | Red Pepper", "", frozenset({"© Red Pepper 2020"})) == (
        "Why We Strike", "Red Pepper")


def test_a_site_relative_source_leaves_the_site_to_the_pages_links():
    from pamphleteer.normalise.furniture import lift_furniture
    from tests.normalise.helpers import PATH, blocks

    # a WordPress-to-Hugo export writes `url: /news/x/`: the site is the one the page's links go to
    lifted = lift_furniture(blocks("# Why We Strike\n\n" + PROSE), PATH, source="/news/why-we-strike/",
                            site="dailyradical.org")
    assert lifted.inferred.publication == "Daily Radical"


@pytest.mark.parametrize(("markdown", "title", "body"), [
    # a paragraph after a blank line is the text's own, even in lower case
    (f"# The Long Road Back\n\nand so it began.\n\n{PROSE}", "The Long Road Back",
     ["and so it began.", PROSE]),
    # a capitalised line under the heading is no wrapped title
    (f"# The Long Road Back\nAnd so it began.\n\n{PROSE}", "The Long Road Back", ["And so it began.", PROSE]),
    (f"# The Long Road Back to the\ncoalfields\n\n{PROSE}", "The Long Road Back to the coalfields", [PROSE]),
    # a capitalised word that did not fit on the heading's line at html2text's 78 columns
    (f"# Gute Tabus, schlechte Tabus: Die vertauschten Rollen in der Debatte über\nIsrael\n\n{PROSE}",
     "Gute Tabus, schlechte Tabus: Die vertauschten Rollen in der Debatte über Israel", [PROSE]),
    # ... but not a byline under a long heading, nor a word that would have fitted
    (f"# Gute Tabus, schlechte Tabus: Die vertauschten Rollen in der Debatte über\nBy Ann Lee\n\n{PROSE}",
     "Gute Tabus, schlechte Tabus: Die vertauschten Rollen in der Debatte über", [PROSE]),
    (f"# Gute Tabus, schlechte Tabus: Die Rollen in der Debatte\nIsrael\n\n{PROSE}",
     "Gute Tabus, schlechte Tabus: Die Rollen in der Debatte", ["Israel", PROSE]),
    # a kicker, then the headline on the next line: a line break inside the heading (html2text's economist)
    (f"# Open Progress  \nWhy collaborative thinking beats individual smarts\n\n{PROSE}",
     "Open Progress: Why collaborative thinking beats individual smarts", [PROSE]),
    # ... not a sentence under a short heading
    (f"# Open Progress\nWe asked three thinkers about it.\n\n{PROSE}", "Open Progress",
     ["We asked three thinkers about it.", PROSE]),
])
def test_only_a_heading_wrapped_onto_the_next_line_is_joined(markdown, title, body):
    found = inferred(markdown)
    assert (found[0], found[4]) == (title, body)


@pytest.mark.parametrize(("line", "date"), [
    ("conservatism May 16, 2020", "2020-05-16"),
    ("Politics | 3 March 2020", "2020-03-03"),
    ("Middle East · Tuesday 15 October 2019", "2019-10-15"),
    ("Climate 19.01.2020", "2020-01-19"),
    ("„Heikles“ Thema 3. November 2023", "2023-11-03"),  # a kicker in quotation marks
    ("May 16, 2020", ""),  # a plain dateline is read_dateline's
    ("The strike wave that swept the country May 16, 2020", ""),  # a sentence, no kicker
    ("By Ann Lee May 16, 2020", ""),  # a byline is read_byline's
    ("Politics 11 comments", ""),  # no date
])
def test_a_date_beside_a_sections_name(line, date):
    assert kicker_date(line) == date


def test_a_byline_heading_read_already_does_not_end_the_head_before_its_date():
    """A page that gives its byline twice, the second as a heading, and its date under that."""
    found = inferred(f"By Ann Lee\n\n# The Long Road Back\n\n## Why the miners are still striking\n\n"
                     f"## by [Ann Lee](https://x.org/author/ann-lee/)\n\nMarch 3, 2020\n\n{PROSE}")
    assert found[:3] == ("The Long Road Back", ("Ann Lee",), "2020-03-03")
    assert PROSE in found[4]


@pytest.mark.parametrize(("markdown", "authors"), [
    # the page's author label over a link to the author's page, in a meta box under the title: the link
    # leaves the body with the navigation, the name is still the author (rosalux x3, dwutygodnik; was none)
    (f"# The Long Road Back\n\n### Information\n\n#### Autor\n\n[Nikolai Huke](/profil/nikolai-huke)**,**"
     f"\n\n{PROSE}\n\n{PROSE}", ("Nikolai Huke",)),
    (f"# The Long Road Back\n\n### Autorin\n\nAnn Lee und Bo Chan\n\n{PROSE}\n\n{PROSE}",
     ("Ann Lee", "Bo Chan")),
    # a label over no name is nothing; a byline read under the title stands
    (f"# The Long Road Back\n\n#### Autor\n\n{PROSE}\n\n{PROSE}", ()),
    (f"# The Long Road Back\n\nBy Ann Lee\n\n{PROSE}\n\n#### Author\n\nBo Chan\n\n{PROSE}", ("Ann Lee",)),
    # what the text is, then "by", over the name after the article (taz.de); the label given twice
    (f"# The Long Road Back\n\n{PROSE}\n\n{PROSE}\n\n## [Kommentar von]{{#k}}\n\n## Kommentar von\n\n"
     f"#### Ann Lee\n\nRedakteurin", ("Ann Lee",)),
])
def test_the_names_under_the_pages_author_label(markdown, authors):
    assert inferred(markdown)[1] == authors


@pytest.mark.parametrize(("line", "authors"), [
    # names in capitals, then what the authors are in ordinary case (liberation: bold names in html2text)
    ("Par LILIAN ALEMAGNA, LAURE BRETTON Envoyés spéciaux à Toulouse", ("Lilian Alemagna", "Laure Bretton")),
    ("Par LILIAN ALEMAGNA , LAURE BRETTON Envoyés spéciaux à Toulouse", ("Lilian Alemagna", "Laure Bretton")),
    ("By JOHN SMITH and JANE DOE Staff writers", ("John Smith", "Jane Doe")),
])
def test_a_byline_of_names_in_capitals_then_the_authors_job(line, authors):
    assert read_byline(line) == (authors, "")


@pytest.mark.parametrize("line", [
    "By NASA Says hello",  # one word in capitals is no name
    "By THE EDITORS of the magazine",
    "By JOHN SMITH and",  # the names run on
])
def test_capitals_then_words_that_are_no_job_are_no_byline(line):
    assert read_byline(line) is None


@pytest.mark.parametrize(("text", "links", "result"), [
    # the authors' pages named in other languages; the dateline's place before its date (elpais)
    ("María R. Sahuquillo / Emilio de Benito Madrid 27 OCT 2012 - 12:14 CET",
     [("María R. Sahuquillo", "/autor/maria_rodriguez_sahuquillo/a/"),
      ("Emilio de Benito", "/autor/emilio/a/"),
      ("27 OCT 2012 - 12:14 CET", "/tag/fecha/20121027")],
     (("María R. Sahuquillo", "Emilio de Benito"), "2012-10-27")),
    ("Anne Roux | 3 mars 2021", [("Anne Roux", "https://x.fr/auteur/anne-roux")],
     (("Anne Roux",), "2021-03-03")),
    # a place and no date: no byline read from it; nor from a link to the author's page that is no name
    ("Ana Ruiz Madrid", [("Ana Ruiz", "/autor/ana")], None),
    ("See All Articles", [("See All Articles", "http://x.com/author/acoulter/")], None),
])
def test_a_byline_of_author_links_in_other_languages_with_the_datelines_place(text, links, result):
    assert read_author_links(text, links) == result


@pytest.mark.parametrize(("markdown", "authors", "date"), [
    # the page's meta bar as a list under the title: byline, date updated, date published (lefigaro)
    (f"# Why We Strike\n\n- [Home](/) [Economy](/economy)\n-   - Par Bertille Bayart, Marie Visot\n"
     f"    - Mis à jour le 06/04/2013 à 10:37\n    - Publié le 05/04/2013 à 17:08\n\n{PROSE}",
     ("Bertille Bayart", "Marie Visot"), "2013-04-05"),
    # the author's photo beside the byline, the place, the date (gazetadopovo, pandoc)
    (f"# Why We Strike\n\n- ![Ana Ruiz](https://x.org/ana.jpg)Por [Ana Ruiz](https://x.org/autor/ana/)\n"
     f"- Brasília\n- 03/05/2022 21:44\n\n{PROSE}", ("Ana Ruiz",), "2022-05-03"),
])
def test_a_list_under_the_title_that_is_the_pages_meta_bar(markdown, authors, date):
    found = inferred(markdown, lang="fr")
    assert found[:3] == ("Why We Strike", authors, date)
    assert PROSE in found[4]


def test_a_list_of_links_under_the_title_is_no_meta_bar():
    found = inferred(f"# Why We Strike\n\n- [Ana Ruiz](/author/ana)\n- [Bo Chan](/author/bo)\n\n{PROSE}")
    assert found[1:3] == ((), "")


def test_a_lead_set_as_a_heading_over_the_byline_does_not_end_the_head():
    # liberation (html2text): the standfirst is a level-2 heading, wrapped, then the byline in capitals
    markdown = (f"# Ayrault assume et revendique sa méthode\n\n##### 27 octobre 2012 à 18:27\n\n"
                f"## Analyse Après une semaine agitée, le Premier ministre s'est offert un\n"
                f"succès d'estrade à bon compte lors du congrès.\n\n"
                f"Par **LILIAN ALEMAGNA** , **LAURE BRETTON** Envoyés spéciaux à Toulouse\n\n{PROSE}")
    found = inferred(markdown)
    assert found[:2] == ("Ayrault assume et revendique sa méthode", ("Lilian Alemagna", "Laure Bretton"))
    assert any(text.startswith("Analyse Après") for text in found[4])  # the lead stays in the body
    assert PROSE in found[4]



@pytest.mark.parametrize(("line", "result"), [
    # the byline one part of a bar, with the breadcrumb and the date (regards, above its title)
    ("Accueil | Par Loïc Le Clerc | 30 septembre 2018", (("Loïc Le Clerc",), "2018-09-30")),
    ("News | Opinion | By Ann Lee | March 3, 2020", (("Ann Lee",), "2020-03-03")),
    # a part with digits that is no date, or a long part, is no bar's
    ("Sport | Par Jean Dupont | 12 commentaires", None),
    ("Home | By the way, it rained all day in the town", None),
    ("The whole story of the long strike in the town | By Ann Lee", None),
])
def test_a_byline_as_one_part_of_a_bar(line, result):
    assert read_byline(line) == result


def test_a_feeds_icon_beside_the_byline_is_no_word_of_it():
    # literaturkritik: the name's link, then a linked icon described "RSS-Newsfeed neuer Artikel von …"
    markdown = ("# Vom Boden aus gedacht\n\n## Ann Cotten verwebt Lokales und Globales\n\n"
                "### Von [Vanessa Franke](/public/mitarbeiterinfo.php?rez_id=5503)"
                "[![RSS-Newsfeed neuer Artikel von Vanessa Franke](/rss/rss.gif)](/rss/ma/5503)\n\n"
                f"{PROSE}")
    found = inferred(markdown)
    assert found[:2] == ("Vom Boden aus gedacht", ("Vanessa Franke",))
    assert found[4] == [PROSE]


@pytest.mark.parametrize(("markdown", "authors"), [
    # the article signed at its end, as magazines print it (spiegel): the name is the author's
    (f"# Ein Albtraum\n\n{PROSE}\n\n{PROSE}\n\n#### Er legt ein Fake-Profil an.\n\nVon Clemens Höges\n\n"
     "**DER SPIEGEL 52/2018**", ("Clemens Höges",)),
    # two such lines are the teasers of other articles, not a signature
    (f"# Ein Albtraum\n\n{PROSE}\n\n{PROSE}\n\nVon Clemens Höges\n\n## Mehr\n\nVon Ann Lee\n\n", ()),
])
def test_the_articles_signature_at_its_end(markdown, authors):
    found = inferred(markdown)
    assert found[1] == authors
    assert "Von Clemens Höges" in found[4]  # the signature stays where the page prints it


def test_a_dateline_under_the_signature_gives_the_date():
    # theroot (html2text): the byline and its dateline under a teaser's prose, far below the page's head
    found = inferred(f"# Why We Strike\n\n{PROSE}\n\n{PROSE}\n\nBy: Jamal Watson\n\n"
                     f"Posted: Dec. 15 2014 12:56 PM\n\n{PROSE}")
    assert found[1:3] == (("Jamal Watson",), "2014-12-15")


POLISH = ("Pakt lewicy z PiS oznacza dla tej formacji nowy model opozycyjności. Zamiast jednoznacznego "
          "stanowiska w sprawach fundamentalnych taktyczna współpraca tam, gdzie obu stronom się ona opłaca.")


@pytest.mark.parametrize(("lang", "date"), [
    ("pl", "2021-04-28"),  # a month's name in the text's own language (liberte.pl, klubjagiellonski.pl)
    ("", "2021-04-28"),  # no language given: the words' language, as the normaliser guesses it
])
def test_a_dateline_in_the_texts_own_language(lang, date):
    markdown = f"# Koncesjonowana opozycja\n\nLeszek Jażdżewski\n\n28 kwietnia 2021\n\n{POLISH}\n\n{POLISH}"
    assert normalised(markdown, **({"lang": lang} if lang else {})).inferred.date == date


GERMAN = ("Dragqueens sind Kunstfiguren aus Make-Up und Glitter, auf Partys und in Shows, auch in der Freien "
          "Szene und im Stadttheater. Jetzt finden sie sich zunehmend in den Schusslinien wieder.")


@pytest.mark.parametrize(("markdown", "lang", "date"), [
    # the page's header shows the day it was saved; the lead opens with the article's (nachtkritik)
    (f"Mittwoch, 01. November 2023\n\n# Queer Royal\n\nIm Schlepptau\n\n31\\. Oktober 2023. {GERMAN}\n\n"
     f"Von Georg Kasch\n\n{GERMAN}", "de", "2023-10-31"),
    # a news agency's dateline run into the lead
    (f"# Why We Strike\n\nBERLIN, 3 March 2020 – {PROSE}\n\n{PROSE}", "en", "2020-03-03"),
    # the meta bar under the byline: the date, the section, the tags as links (liberte.pl)
    (f"# Koncesjonowana opozycja\n\n##### [Leszek Jażdżewski](/author/lj/)\n\n28 kwietnia 2021 Polityka "
     f"[Fundusz Odbudowy](/tag/fo/), [lewica](/tag/lewica/), [PiS](/tag/pis/)\n\n{POLISH}\n\n{POLISH}",
     "pl", "2021-04-28"),
    # a sentence that starts with a date is no dateline
    (f"# Why We Strike\n\n3 March 2020 was the day the strike began, and nobody who was there forgot it.\n\n"
     f"{PROSE}", "en", ""),
])
def test_the_date_a_paragraph_under_the_title_opens_with(markdown, lang, date):
    text = normalised(markdown, lang=lang)
    assert text.inferred.date == date
    if date:  # the paragraph stays as written
        assert any(text_of(block.node).startswith(("31. Oktober", "BERLIN", "Pakt")) for block in text.blocks)


@pytest.mark.parametrize(("footer", "date"), [
    # the page's info box under the article: the day it was changed, the day it came out (literaturkritik)
    ("Letzte Änderung: 31.10.2023 - 14:49:39  \nErschienen am: 01.11.2023  \nLesungen: 61", "2023-11-01"),
    ("Published: 3 March 2020", "2020-03-03"),
    # other articles' days, each labelled: none is the text's
    ("* Published: 3 March 2020\n* Published: 9 May 2021", ""),
    # prose about a book is no label
    ("The book was published in 1999 by Verso.", ""),
])
def test_the_date_the_page_labels_as_the_texts_publication(footer, date):
    markdown = f"# Why We Strike\n\n{PROSE}\n\n{PROSE}\n\n{footer}"
    assert normalised(markdown, lang="de").inferred.date == date


@pytest.mark.parametrize(("markdown", "authors"), [
    # a guest column: its first paragraph runs in the name the title opens with (wsj.com)
    (f"# Ann Lee: Why We Strike\n\n[ANN LEE](https://x.org/ann-lee-2/): {PROSE}\n\n{PROSE}", ("Ann Lee",)),
    (f"# Ann Lee: Why We Strike\n\nANN LEE: {PROSE}\n\n{PROSE}", ("Ann Lee",)),
    # an interview: the interviewer's name before the first question, in bold (rosalux.de)
    (f"# Wir waren 40 Tage in Quarantäne\n\n**Ann Lee: Wo sind Sie in die Union eingereist?**\n\n{PROSE}",
     ("Ann Lee",)),  # the question, the paragraph under the title, read as the standfirst
    (f"# Wir waren 40 Tage in Quarantäne\n\nTareq Salem über sein Leben als Flüchtling.\n\n"
     f"**Ann Lee: Wo sind Sie in die Union eingereist?**\n\n{PROSE}", ("Ann Lee",)),
    # no title opening with the name: a quotation's speaker, not the columnist
    (f"# Why We Strike\n\nANN LEE: {PROSE}\n\n{PROSE}", ()),
    (f"# Bo Chan: Why We Strike\n\nANN LEE: {PROSE}\n\n{PROSE}", ()),
    # a bold line that asks nothing is no interviewer's question
    (f"# Why We Strike\n\n**Ann Lee: The strike goes on.**\n\n{PROSE}", ()),
])
def test_the_name_the_first_paragraph_runs_in(markdown, authors):
    assert normalised(markdown).inferred.authors == authors


@pytest.mark.parametrize(("markdown", "authors"), [
    # a list of the year's best, each entry signed by its critic in brackets (avclub.com)
    ("\n\n".join(f"## Scene {n}\n\n{PROSE} [{name}]" for n, name in enumerate(
        ("Ann Lee", "Bo Chan", "Ann Lee", "Cy Dahl"), start=1)), ("Ann Lee", "Bo Chan", "Cy Dahl")),
    # a bracket at a paragraph's end or two is an editor's insertion, no signature
    (f"# Why We Strike\n\n{PROSE} [Ann Lee]\n\n{PROSE} [Bo Chan]\n\n{PROSE}", ()),
])
def test_the_writers_who_sign_the_texts_pieces(markdown, authors):
    assert normalised(markdown).inferred.authors == authors


@pytest.mark.parametrize(("markdown", "authors"), [
    # the author's box a list item of divs: the name a line of its own inside it (uusisuomi, pandoc)
    (f"# Why We Strike\n\n{PROSE}\n\n{PROSE}\n\n- ::: photo\n  ![](x.png)\n  :::\n\n  ::: name\n"
     "  Tapio Nurminen\n  :::\n\n  [Kirjoittajan muut jutut](/kirjoittaja/tapio-nurminen)\n",
     ("Tapio Nurminen",)),
    # the signature under the article, pull quotes set as headings just above it (spiegel.de)
    (f"# Ein Albtraum\n\n{PROSE}\n\n{PROSE}\n\n#### Die Erzählung ist grauenhaft.\n\nwirklich.\n\n"
     "#### Relotius legt ein Profil an.\n\nVon Clemens Höges", ("Clemens Höges",)),
    # a byline cut into lines, the first author's handle under the name (standard.co.uk)
    (f"# Why We Strike\n\nBy\n\n[April Roach](/author/april-roach)\n\n[@aprilroach28](https://x.com/a)\n\n"
     f"[Daniel O'Mahony](/author/daniel-omahony)\n\n01 October 2020\n\n{PROSE}",
     ("April Roach", "Daniel O’Mahony")),
    # a signature's dashes before "by" (enacademic)
    (f"# micropolitics\n\n**_\\---- by Kenneth Surin_**\n\n{PROSE}\n\n{PROSE}", ("Kenneth Surin",)),
    # the lead set as a heading twice over the byline (liberation.fr, pandoc's gfm)
    ("# Ayrault assume sa méthode\n\n27 octobre 2012\n\n"
     "## Analyse Après une semaine agitée, le Premier ministre jubile.\n\n"
     "## Analyse Après une semaine agitée, le Premier ministre jubile.\n\nPar **LILIAN ALEMAGNA**, **LAURE "
     f"BRETTON** Envoyés spéciaux à Toulouse\n\n{PROSE}\n\n{PROSE}", ("Lilian Alemagna", "Laure Bretton")),
    # under the author's label, the name run into the role and the photo's description (taz.de)
    ("# Kaeser verarscht Neubauer\n\n## Kommentar von\n\n#### [Ingo ArztRedakteur für Wirtschaft![Ingo Arzt]"
     f"(/p/132.png)](/Ingo-Arzt/!a132/)\n\n{PROSE}\n\n{PROSE}", ("Ingo Arzt",)),
])
def test_bylines_in_more_forms(markdown, authors):
    assert normalised(markdown).inferred.authors == authors


def test_a_description_that_is_the_pages_byline_names_the_author():
    from pamphleteer.normalise import normalise
    from pamphleteer.parse import ParsedText
    from pamphleteer.sources import SourceText, TextMeta
    from tests.normalise.helpers import PATH, blocks

    markdown = f"# Turpitude et architecture\n\n{PROSE}\n\n{PROSE}"
    for standfirst, authors in (
            ("Par Didier Roy (Planète Asie, Les blogs du Diplo, 21 juin 2018)", ("Didier Roy",)),
            ("Le Parlement a voté la loi par 300 voix contre 200.", ())):
        meta = TextMeta(standfirst=standfirst)
        source = SourceText(path=PATH, slug="example", meta=meta, body=markdown, body_line=1)
        assert normalise(ParsedText(source, blocks(markdown))).inferred.authors == authors
