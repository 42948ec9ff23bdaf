"""The publication from the evidence the page gives, and none where it gives none (issue 16, item 5).

Wrong is worse than missing: a page saved whole whose own links are relative ('/news/x') names its
site only by the links it has to other sites, a sister's or its owner's; a name made from such a
host's address is a guess about the wrong site. The page's copyright line, the writer's own address,
a title's suffix written elsewhere only beside the same title, and a converter's handle for a name
are told apart here. Each table: the page, what the edition had before, what it has now.
"""

from __future__ import annotations

import pytest

from pamphleteer.ast import text_of
from pamphleteer.normalise.furniture import lift_furniture
from pamphleteer.normalise.metadata import copyright_site, own_name, site_name, split_title
from pamphleteer.normalise.titles import converter_guess
from tests.normalise.helpers import PATH, blocks, normalised

PROSE = (
    "The strike wave that swept the country this autumn was not an accident. It was the product of "
    "years of patient organising by rank-and-file workers who had grown tired of waiting."
)


def _links(host: str, count: int = 4) -> str:
    return "\n".join(f"* [Story {n}](https://{host}/story-{n}/)" for n in range(count))


@pytest.mark.parametrize(("markdown", "before", "after"), [
    # the page's links go to its owner's site, its copyright line names the publication
    (f"{_links('thomsonreuters.com')}\n\n{PROSE}\n\n{PROSE}\n\nThe Thomson Reuters Trust Principles, "
     "as the Thomson Reuters group writes them\n\n© 2020 Reuters. All Rights Reserved.",
     "The Thomson Reuters", "Reuters"),
    # to a sister site; the copyright line gives the page's own address
    (f"{_links('nachtkritik.plus')}\n\n{PROSE}\n\n{PROSE}\n\nnachtkritik.plus\n\n© nachtkritik.de",
     "nachtkritik.plus", "nachtkritik.de"),
    # to a sister site whose name the page never writes: a guess would name the wrong site
    (f"{_links('homesandproperty.co.uk')}\n\n{PROSE}\n\n{PROSE}", "Home Sand Property", ""),
    (f"{_links('eastbaytimes.com')}\n\n{PROSE}\n\n{PROSE}", "Eastbaytimes", ""),
    # a blog platform's name is no blog's ("Bloggen auf WordPress.com")
    (f"{_links('nextkabinett.wordpress.com')}\n\n{PROSE}\n\nBloggen auf WordPress.com", "WordPress.com", ""),
    # the page calls the host by its address: its own, whatever the copyright line's holder
    (f"{_links('enacademic.com')}\n\n{PROSE}\n\nenacademic.com, 2000-2024\n\nWelcome to enacademic.com"
     "\n\n© Academic, 2000-2024", "enacademic.com", "enacademic.com"),
    # the copyright line names the site the links go to, or a publisher: nothing changes
    (f"{_links('thenation.com')}\n\n{PROSE}\n\n© 2019 The Nation", "The Nation", "The Nation"),
    (f"{_links('newyorker.com')}\n\n{PROSE}\n\nThe New Yorker\n\n© 2024 Condé Nast", "The New Yorker",
     "The New Yorker"),
])
def test_a_site_named_only_by_the_pages_links(markdown, before, after):
    text = normalised(markdown)
    assert text.inferred.publication == after, before


def test_no_guess_from_a_linked_host_and_no_message_saying_one_was_inferred():
    """Nothing inferred, nothing said: an I001 is counted as 'metadata inferred' in the build's summary
    (and a text of one's own, linking thrice to a site, would get one: test_properties' clean text)."""
    text = normalised(f"{_links('homesandproperty.co.uk')}\n\n{PROSE}\n\n{PROSE}")
    assert text.inferred.publication == ""
    assert not [d for d in text.diagnostics if d.code == "I001" and "publication" in d.message]


@pytest.mark.parametrize(("host", "texts", "before", "after"), [
    ("thomsonreuters.com", ["© 0 Reuters. All Rights Reserved."], "", "Reuters"),
    ("nachtkritik.plus", ["© nachtkritik.de"], "", "nachtkritik.de"),
    ("thenation.com", ["© 2019 The Nation"], "", ""),  # the host's own name: no other site
    ("newyorker.com", ["© 2024 Condé Nast. All rights reserved."], "", ""),  # a publisher
    ("thomsonreuters.com", ["The copyright of Reuters photographs lies with the agency and its "
                            "photographers, who license them to newspapers around the world"], "", ""),
])
def test_the_copyright_line_names_the_site(host, texts, before, after):
    assert copyright_site(host, texts) == after, before


@pytest.mark.parametrize(("source", "authors", "before", "after"), [
    # the writer's own site: its address spells the writer's name
    ("https://www.wolfgangmichal.de/2017/06/07/x/", ("Wolfgang Michal",), "Wolfgangmichal",
     "Wolfgang Michal"),
    ("https://www.dailyradical.org/x", ("Jo Bloggs",), "Daily Radical", "Daily Radical"),
])
def test_a_writers_own_site(source, authors, before, after):
    markdown = f"{PROSE}\n\n{PROSE}"
    page = tuple(text_of(block.node) for block in blocks(markdown))
    lifted = lift_furniture(blocks(markdown), PATH, known_authors=authors, source=source, page=page)
    assert lifted.inferred.publication == after, before


def test_own_name():
    assert own_name("wolfgangmichal.de", ("Wolfgang Michal",)) == "Wolfgang Michal"
    assert own_name("makronom.de", ("Makronom",)) == ""  # no person's name
    assert own_name("janekowalczyk.net", ("John Smith", "Jane Kowalczyk")) == "Jane Kowalczyk"
    # a company's name, of the language's words, is no writer's
    assert own_name("dailycaller.com", ("Daily Caller",)) == ""
    assert own_name("caymancompass.com", ("Cayman Compass",)) == ""


@pytest.mark.parametrize(("given", "found", "host", "guessed", "before", "after"), [
    # trafilatura's sitename from the page's `twitter:site`: the account's handle, not the site's name
    ("TNBtweets", "", "thenervousbreakdown.com", "The Nervous Breakdown", "TNBtweets",
     "The Nervous Breakdown"),
    ("@thedailyradical", "The Daily Radical", "dailyradical.org", "Daily Radical", "@thedailyradical",
     "The Daily Radical"),
    # the names themselves stand
    ("DiEM25", "", "diem25.org", "Diem25", "DiEM25", "DiEM25"),
    ("WNYC", "", "gothamist.com", "Gothamist", "WNYC", "WNYC"),
    ("FiveThirtyEight", "", "fivethirtyeight.com", "Five Thirty Eight", "FiveThirtyEight", "FiveThirtyEight"),
])
def test_a_handle_for_the_sites_name(given, found, host, guessed, before, after):
    assert converter_guess(given, found, host, guessed)[1] == after, before


@pytest.mark.parametrize(("host", "texts", "before", "after"), [
    # the institution's noun after the name each time the page writes it, curly or straight
    ("harpers.org", ["Sign in to access Harper’s Magazine", "Harper's Magazine Foundation"],
     "Harper’s", "Harper’s Magazine"),
    ("harpers.org", ["Sign in to access Harper’s Magazine", "the latest from Harper’s"], "Harper’s",
     "Harper’s"),
    ("aclu.org", ["© 2024 ACLU Foundation", "the ACLU says"], "ACLU", "ACLU"),  # an owner's noun, once
])
def test_the_institutions_noun_after_the_name(host, texts, before, after):
    assert site_name(host, texts) == after, before


@pytest.mark.parametrize(("title", "names", "before", "after"), [
    # the title's last part written elsewhere only beside the title's first (a film's title in a list)
    ("Derek Jarman · The Garden", frozenset({"The Garden · Derek Jarman (1990)"}),
     ("Derek Jarman", "The Garden"), ("Derek Jarman · The Garden", "")),
    # written on its own elsewhere, it is the site's
    ("Derek Jarman · The Garden", frozenset({"The Garden", "About The Garden"}),
     ("Derek Jarman", "The Garden"), ("Derek Jarman", "The Garden")),
])
def test_a_titles_suffix_written_elsewhere(title, names, before, after):
    assert split_title(title, "", names) == after, before
