"""Metadata as real pages write it: titles with the site's name, bylines, datelines, the site's name."""

from __future__ import annotations

import pytest

from pamphleteer.ast import text_of
from pamphleteer.normalise.metadata import (
    name_from_host,
    read_byline,
    read_dateline,
    site_host,
    site_name,
    split_title,
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
    ("Michael Bloomberg is having to answer questions about his past - Los Angeles Times", "",
     ("Michael Bloomberg is having to answer questions about his past", "Los Angeles Times")),
    ("Berlin confronts its colonial past | Germany| News and reporting from Berlin | DW | 19.01.2020", "",
     ("Berlin confronts its colonial past", "DW")),
])
def test_a_title_loses_the_sites_name(title, host, result):
    assert split_title(title, host) == result


@pytest.mark.parametrize(("line", "authors", "date"), [
    ("By Maria Lopez", ("Maria Lopez",), ""),
    ("Written by Sam Smith", ("Sam Smith",), ""),
    ("Tuesday 15 October 2019 by Jane Doe", ("Jane Doe",), "2019-10-15"),
    ("By Jane Doe | November 19, 2019", ("Jane Doe",), "2019-11-19"),
    ("By Jane Doe, Nov. 19, 2019", ("Jane Doe",), "2019-11-19"),
    ("By Tim Anderson July 11, 2011", ("Tim Anderson",), "2011-07-11"),
    ("By Jane Doe and John Roe on 3 March 2020", ("Jane Doe", "John Roe"), "2020-03-03"),
    ("Ann Lee | Business Columnist", ("Ann Lee",), ""),
    ("Richard Adams Education editor", ("Richard Adams",), ""),
    ("Mary Ann Smith Political Editor", ("Mary Ann Smith",), ""),
    ("Thursday 8 February 2024, by KELLAWAY Dave (Date first published: 29 January 2024).",
     ("Dave Kellaway",), "2024-01-29"),
])
def test_bylines_as_sites_write_them(line, authors, date):
    assert read_byline(line) == (authors, date)


@pytest.mark.parametrize("line", [
    "By the way, it rained all day.", "Stand by me and the others, they said.",
    "Written by the working class itself.",
    "Rebecca Solnit | a talk at the library about many things",
    "Become A Member",  # a button
])
def test_sentences_are_not_bylines(line):
    assert read_byline(line) is None


@pytest.mark.parametrize(("line", "date"), [
    ("November 19, 2019", "2019-11-19"),
    ("Published Nov. 19, 2019 at 5:42 pm", "2019-11-19"),
    ("Tuesday 15 October 2019", "2019-10-15"),
    ("Updated: 19/11/2019", "2019-11-19"),
    ("2019-11-19T06:30:00-05:00", "2019-11-19"),
    ("Posted on March 3, 2020", "2020-03-03"),
    ("Mon 20 Jan 2020 06.05 GMT Last modified on Mon 20 Jan 2020 06.07 GMT", "2020-01-20"),
    ("12/30/2019 05:03 AM EST", "2019-12-30"),
    ("Posted: Nov 8, 2023 / 04:43 PM CST", "2023-11-08"),
    ("Between 3 March 2020 and now", ""),  # a sentence with a date in it
    ("12 min read", ""),
])
def test_datelines(line, date):
    assert read_dateline(line) == date


def test_the_sites_name_as_the_page_writes_it():
    assert site_name("thenation.com", ["Copyright The Nation 2019"]) == "The Nation"
    assert site_name("thenation.com", ["nothing here"]) == ""


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
    # a role after the name
    (f"# The Long Road Back\n\nAnn Lee | Labour Correspondent\n\nTuesday 15 October 2019\n\n{PROSE}",
     "The Long Road Back", ("Ann Lee",), "2019-10-15", ""),
])
def test_the_head_of_real_pages_becomes_metadata(markdown, title, authors, date, publication):
    found = inferred(markdown)
    assert found[:4] == (title, authors, date, publication)
    assert found[4] == ([LEAD, PROSE] if LEAD in markdown else [PROSE])  # the lead stays in the body


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
])
def test_a_sites_name_read_from_its_address(host, name):
    assert name_from_host(host) == name


def test_the_site_is_where_most_of_the_pages_links_go():
    links = ["https://www.theguardian.com/a", "https://www.theguardian.com/b", "https://jobs.theguardian.com/",
             "https://twitter.com/share", "https://twitter.com/x", "https://twitter.com/y", "https://other.org/"]
    assert site_host(links) == "theguardian.com"
    assert site_host(["https://a.org/1", "https://b.org/2"]) == ""


@pytest.mark.parametrize("head", ["", "# The Long Road Back\n\n"])
def test_rules_framing_a_pull_quote_after_the_first_paragraph_are_not_the_heads(head):
    quote = "It was the product of years of patient organising by rank-and-file workers."
    text = normalised(f"{head}{PROSE}\n\n---\n\n*{quote}*\n\n---\n\n{LEAD}")
    assert [block.node["t"] for block in text.blocks] == ["Para", "Div", "Para"]
    assert "N201" in {d.code for d in text.diagnostics}
