"""The title and the publication a reader sees, read from a scraped page's head (head.py, titles.py)."""

from __future__ import annotations

import pytest

from pamphleteer.ast import text_of
from pamphleteer.normalise.furniture import lift_furniture
from pamphleteer.normalise.titles import converter_guess, site_suffix
from tests.normalise.helpers import PATH, blocks

PROSE = (
    "The strike wave that swept the country this autumn was not an accident. It was the product of "
    "years of patient organising by rank-and-file workers who had grown tired of waiting."
)


def inferred(markdown: str, source: str = ""):
    page = tuple(text_of(block.node) for block in blocks(markdown))
    return lift_furniture(blocks(markdown), PATH, source=source, page=page).inferred


@pytest.mark.parametrize(
    ("title", "host", "result"),
    [
        # the site's name after a colon set off by spaces: cut when the site's address spells it
        (
            "Vom Boden aus gedacht : literaturkritik.de",
            "literaturkritik.de",
            ("Vom Boden aus gedacht", "literaturkritik.de"),
        ),
        (
            "Why the Strike Wave Matters : The Daily Radical",
            "dailyradical.org",
            ("Why the Strike Wave Matters", "The Daily Radical"),
        ),
        # ... never a subtitle after such a colon
        (
            "Vom Boden aus gedacht : Ann Cotten verwebt Lokales und Globales",
            "literaturkritik.de",
            ("Vom Boden aus gedacht : Ann Cotten verwebt Lokales und Globales", ""),
        ),
        (
            "Why the Strike Wave Matters : Notes From Below",
            "dailyradical.org",
            ("Why the Strike Wave Matters : Notes From Below", ""),
        ),
        (
            "Why the Strike Wave Matters : The Daily Radical",
            "",
            ("Why the Strike Wave Matters : The Daily Radical", ""),
        ),
        # the site's address after a dash or a bar, known site or not
        (
            "Siemens und die Kohlemine Adani: Kaeser verarscht Neubauer - taz.de",
            "",
            ("Siemens und die Kohlemine Adani: Kaeser verarscht Neubauer", "taz.de"),
        ),
        (
            "Why the Strike Wave Matters | www.dailyradical.org",
            "",
            ("Why the Strike Wave Matters", "www.dailyradical.org"),
        ),
        # a magazine's name with its issue's number
        ("Ein Albtraum - DER SPIEGEL 52/2018", "", ("Ein Albtraum", "DER SPIEGEL")),
        (
            "Why the Strike Wave Matters - Red Pepper No. 12",
            "",
            ("Why the Strike Wave Matters", "Red Pepper"),
        ),
        # a headline's own last words are no name: a sentence, a part, a number
        (
            "The Miners Who Would Not Go Back - part 2/2018",
            "",
            ("The Miners Who Would Not Go Back - part 2/2018", ""),
        ),
        (
            "Why the miners went back to work - The end",
            "",
            ("Why the miners went back to work - The end", ""),
        ),
        ("Marx - taz.de", "", ("Marx - taz.de", "")),  # one word is no title: nothing is cut
    ],
)
def test_the_sites_name_at_the_end_of_a_title(title, host, result):
    assert site_suffix(title, host) == result


@pytest.mark.parametrize(
    ("markdown", "source", "title", "publication"),
    [
        # a clipper's heading: the page's <title>, its ' : Site' ending the site's name
        (
            "# Vom Boden aus gedacht - Ann Cotten verwebt Lokales und Globales : literaturkritik.de\n\n"
            f"{PROSE}",
            "https://literaturkritik.de/franke-cotten,30063.html",
            "Vom Boden aus gedacht - Ann Cotten verwebt Lokales und Globales",
            "literaturkritik.de",
        ),
        # a subtitle after ' : ' stays the title's
        (
            f"# Vom Boden aus gedacht : Ann Cotten verwebt Lokales und Globales\n\n{PROSE}",
            "https://literaturkritik.de/franke-cotten,30063.html",
            "Vom Boden aus gedacht : Ann Cotten verwebt Lokales und Globales",
            "Literaturkritik",
        ),
        # a reader-mode extractor's page <title> over the headline: its site's name is the publication
        (
            "# Siemens und die Kohlemine Adani: Kaeser verarscht Neubauer - taz.de\n\n"
            f"#### Siemens und die Kohlemine Adani\n\n# Kaeser verarscht Neubauer\n\n{PROSE}\n\n{PROSE}",
            "",
            "Kaeser verarscht Neubauer",
            "taz.de",
        ),
        (f"# Ein Albtraum - DER SPIEGEL 52/2018\n\n{PROSE}", "", "Ein Albtraum", "DER SPIEGEL"),
    ],
)
def test_the_title_without_the_sites_name_which_becomes_the_publication(markdown, source, title, publication):
    found = inferred(markdown, source)
    assert (found.title, found.publication) == (title, publication)


@pytest.mark.parametrize(
    ("given", "found", "host", "guessed", "result"),
    [
        ("www.liberation.fr", "Libération", "liberation.fr", "Liberation", "Libération"),
        ("TAZ Verlags- und Vertriebs GmbH", "TAZ", "taz.de", "Taz", "TAZ"),
        (
            "CORRECTIV - Recherchen für die Gesellschaft",
            "Correctiv",
            "correctiv.org",
            "Correctiv",
            "CORRECTIV",
        ),
        ("SPIEGEL ONLINE, Hamburg, Germany", "DER SPIEGEL", "spiegel.de", "Spiegel", "DER SPIEGEL"),
        # the converter's name stands: a name, the page's own or not; an address the page names no better
        ("The Daily Radical", "Daily Radical", "dailyradical.org", "Daily Radical", "The Daily Radical"),
        ("Notes From Below", "The Daily Radical", "dailyradical.org", "Daily Radical", "Notes From Below"),
        ("wolfgangmichal.de", "Wolfgangmichal", "wolfgangmichal.de", "Wolfgangmichal", "wolfgangmichal.de"),
        (
            "literaturkritik.de",
            "literaturkritik.de",
            "literaturkritik.de",
            "Literaturkritik",
            "literaturkritik.de",
        ),
        # a tagline after a name that is not the site's is no tagline of its
        (
            "Red Pepper - Recherchen für die Gesellschaft",
            "",
            "correctiv.org",
            "Correctiv",
            "Red Pepper - Recherchen für die Gesellschaft",
        ),
    ],
)
def test_a_converters_guess_at_the_sites_name(given, found, host, guessed, result):
    assert converter_guess(given, found, host, guessed)[1] == result


def test_the_publication_the_page_writes_over_the_converters_guess(tmp_path):
    from pamphleteer.model import build_text
    from pamphleteer.normalise import normalise
    from pamphleteer.parse import parse_text
    from pamphleteer.sources import read_text

    front = (
        "---\ntitle: Why We Strike\nurl: https://www.dailyradical.org/2020/why-we-strike/\n"
        "sitename: www.dailyradical.org\n{keep}---\n"
    )
    body = f"{PROSE}\n\nCopyright The Daily Radical 2020\n"
    published = []
    for keep in ("", "keep: [I206]\n"):
        path = tmp_path / "texts" / "why-we-strike.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text(front.format(keep=keep) + body, encoding="utf-8")
        text, diagnostics = build_text(normalise(parse_text(read_text(path))), "en")
        published.append((text.publication, [d.code for d in diagnostics if d.code == "I206"]))
    assert published == [("The Daily Radical", ["I206"]), ("www.dailyradical.org", [])]


MENU = (
    "Zeitraum alles letzte Woche letzter Monat letztes Jahr seit 2005 vor 2005 vor 2000 vor 1990 "
    "vor 1980 vor 1970 Suche starten Abbrechen Suche im Archiv"
)


@pytest.mark.parametrize(
    ("markdown", "title"),
    [
        # the page's headline as html2text writes it, far under its menus, no `#` but a breadcrumb's
        (
            f"* [Home](/)\n* [Politik](/politik/)\n\n{MENU}\n\n## Deaktivieren\n\n* [Nachrichten](/)\n"
            f"* # Ein Albtraum\n\n22.12.2018\n\n## Ein Albtraum\n\n" + f"{PROSE}\n\n" * 6,
            "Ein Albtraum",
        ),
        # a section's heading in the body of a text without a title is none
        (f"{PROSE}\n\n{PROSE}\n\n{PROSE}\n\n## Background\n\n" + f"{PROSE}\n\n" * 6, ""),
        (f"{PROSE}\n\n## Background\n\n" + f"{PROSE}\n\n" * 3, ""),
        (f"{PROSE}\n\n## Background\n\n{PROSE}\n\n## Aftermath\n\n" + f"{PROSE}\n\n" * 6, ""),
    ],
)
def test_the_headline_below_the_pages_menus_at_the_texts_highest_level(markdown, title):
    assert inferred(markdown).title == title


SHARE = (
    "[Share](https://www.facebook.com/share.php?u=https%3A%2F%2Fwww.dailyradical.org%2F2020%2Fwhy-we-strike)"
    " [Tweet](https://twitter.com/intent/tweet?text=Why+We+Strike+https%3A%2F%2Fwww.dailyradical.org%2F2020%2F"
    "why-we-strike)"
)


@pytest.mark.parametrize(
    ("markdown", "site"),
    [
        (f"# Why We Strike\n\n{SHARE}\n\n{PROSE}", "dailyradical.org"),
        # one button is no evidence; a quoted page's address is no share button's
        (
            f"# Why We Strike\n\n[Share](https://www.facebook.com/share.php?u=https%3A%2F%2Fdailyradical.org%2Fx)"
            f"\n\n{PROSE}",
            "",
        ),
        (
            f"# Why We Strike\n\n[a report](https://www.example.org/?u=https://dailyradical.org/x) and "
            f"[another](https://www.example.org/?u=https://dailyradical.org/y)\n\n{PROSE}",
            "",
        ),
    ],
)
def test_the_site_whose_page_the_share_buttons_share(markdown, site):
    from pamphleteer.normalise.head import shared_site

    assert shared_site(blocks(markdown)) == site


def test_a_page_saved_whole_is_named_by_its_share_buttons():
    from tests.normalise.helpers import normalised

    markdown = (
        f"[Home](/) [Politics](/politics/)\n\n# Why We Strike\n\n{SHARE}\n\n{PROSE}\n\n{PROSE}\n\n"
        "[About The Daily Radical](/about/)"
    )
    assert normalised(markdown).inferred.publication == "The Daily Radical"


def test_a_sections_heading_over_the_headline_is_no_masthead_though_the_page_is_full_of_its_word():
    markdown = (
        f"## Film\n\n# The best film scenes of 2014\n\nBy Ann Lee\n\n{PROSE} Film, film.\n\n"
        f"{PROSE} The film of films."
    )
    assert inferred(markdown, "https://www.avclub.com/x").publication != "Film"


@pytest.mark.parametrize(("linked", "shared", "site"), [
    ("theonion.com", "avclub.com", "avclub.com"),  # a network's footer links to its sister site
    ("politico.com", "politi.co", "politico.com"),  # the share buttons' short links are the same site
    ("", "cicero.de", "cicero.de"),
    ("dailyradical.org", "", "dailyradical.org"),
])
def test_the_pages_own_site_is_the_one_its_share_buttons_share(linked, shared, site):
    from pamphleteer.normalise.head import own_site

    assert own_site(linked, shared) == site


def test_a_page_whose_footer_links_to_a_sister_site_is_named_by_its_share_buttons():
    from tests.normalise.helpers import normalised

    share = SHARE.replace("dailyradical.org", "avclub.com")
    footer = " ".join(f"[The Onion {n}](https://www.theonion.com/{n})" for n in range(4))
    markdown = (f"# Why We Strike\n\n{share}\n\n{PROSE}\n\n{PROSE}\n\n"
                f"Highlights from The A.V. Club\n\n{footer}")
    assert normalised(markdown).inferred.publication == "The A.V. Club"


@pytest.mark.parametrize(("body", "publication", "message"), [
    # the page never writes the site's name: the name made of its address is said to be a guess
    (f"{PROSE}\n", "Daily Radical", "publication guessed from the site's address: Daily Radical"),
    # the page writes it: inferred from the text, as the title is
    (f"{PROSE}\n\nCopyright The Daily Radical 2020\n", "The Daily Radical",
     "publication inferred from the text: The Daily Radical"),
])
def test_a_publication_made_of_the_address_is_reported_as_a_guess(tmp_path, body, publication, message):
    from pamphleteer.model import build_text
    from pamphleteer.normalise import normalise
    from pamphleteer.parse import parse_text
    from pamphleteer.sources import read_text

    path = tmp_path / "texts" / "why-we-strike.md"
    path.parent.mkdir()
    path.write_text(f"---\ntitle: Why We Strike\nsource: https://www.dailyradical.org/2020/x/\n---\n{body}",
                    encoding="utf-8")
    text, diagnostics = build_text(normalise(parse_text(read_text(path))), "en")
    said = [d.message for d in diagnostics if d.message.startswith("publication ")]
    assert text.publication == publication
    assert said and said[0].startswith(message)
    assert ("never writes" in said[0]) == (publication == "Daily Radical")


@pytest.mark.parametrize(("links", "publication"), [
    # three buttons to one subscription form at a service's host: no site of the page's, nothing guessed
    ("[Subscribe](https://tnr-reg.onecount.net/onecount/form/display.php?id=65b6)\n\n"
     "[Give a gift](https://tnr-reg.onecount.net/onecount/form/display.php?id=77c1)\n\n"
     "[Renew](https://tnr-reg.onecount.net/onecount/form/display.php?id=81d2)", ""),
    # links to the site's pages name its site, but with no source URL the host they go to may be a
    # sister's or the owner's: named only as the page writes it, never by a guess from the address
    ("[Politics](https://www.dailyradical.org/politics/)\n\n[Books](https://www.dailyradical.org/books/)\n\n"
     "[About](https://www.dailyradical.org/about/)", ""),  # was the guess 'Daily Radical'
    # and so do links to its home page only, its logo's, or to its author's page only, the byline's
    ("[Home](https://www.dailyradical.org/)\n\n[Daily Radical](https://www.dailyradical.org/)\n\n"
     "[Back](https://www.dailyradical.org/)", "Daily Radical"),
    ("[Ann Lee](https://www.dailyradical.org/author/ann-lee/)\n\n"
     "[Ann Lee](https://www.dailyradical.org/author/ann-lee/)\n\n"
     "[More by Ann Lee](https://www.dailyradical.org/author/ann-lee/)\n\nThe Daily Radical, 2020",
     "The Daily Radical"),
])
def test_a_page_linking_only_to_one_form_at_a_host_is_not_that_hosts(links, publication):
    from tests.normalise.helpers import normalised

    text = normalised(f"{links}\n\n# Why We Strike\n\n{PROSE}\n\n{PROSE}\n\n{PROSE}")
    assert text.inferred.publication == publication
