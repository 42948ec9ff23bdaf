"""What a page states about its article, checked before it is written as front matter (importers.pagemeta)."""

from __future__ import annotations

import lxml.html
import pytest

from pamphleteer.importers.pagemeta import (
    clean_authors,
    heading_title,
    meta_values,
    more_authors,
    page_headline,
    site_name,
    stated_date,
    twitter_handles,
)


def page(head: str, body: str = "<p>Text.</p>") -> lxml.html.HtmlElement:
    return lxml.html.fromstring(f"<html><head>{head}</head><body>{body}</body></html>")


@pytest.mark.parametrize(("head", "body", "found", "date"), [
    ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2020-01-19T12:25:36Z"}'
     "</script>", "", "2020-01-20", "2020-01-19"),  # htmldate took the revision: the page says the 19th
    ('<script type="application/ld+json">{"@graph": [{"@type": "WebPage"}, {"@type": "Article", '
     '"datePublished": "2019-11-19T06:30:00-05:00"}]}</script>', "", "", "2019-11-19"),
    ('<meta property="article:published_time" content="2014-11-20T21:57:15+00:00">', "", "2014-11-21",
     "2014-11-21"),  # 21:57 UTC is the next day east of it: what the page shows may be either
    ('<meta property="article:published_time" content="2023-01-17T00:30:41+00:00">', "", "2023-01-16",
     "2023-01-16"),  # 00:30 UTC is the evening before in America, where the page is read
    ('<meta property="article:published_time" content="2023-01-17T00:30:41+00:00">', "", "2022-12-01",
     "2023-01-17"),  # a guess more than a day away gives way to what the page declares
    ('<meta name="citation_publication_date" content="2015/03/02">', "", "", "2015-03-02"),
    ('<meta name="date" content="20141120">', "", "2014-11-20", "2014-11-20"),  # not a declaration: the guess
    ("", '<time pubdate datetime="2011-07-11T15:10">July 11</time>', "", "2011-07-11"),
    ('<meta property="article:published_time" content="soon">', "", "2001-02-03", "2001-02-03"),
])
def test_the_date_the_page_declares_comes_before_a_guess(head, body, found, date):
    assert stated_date(page(head, body), found) == date


@pytest.mark.parametrize(("address", "found", "date"), [
    ("https://www.refinery29.com/en-us/2016/12/132377/graphic-tees", "2022-01-01", ""),  # a copyright year
    ("https://www.refinery29.com/en-us/2016/12/132377/graphic-tees", "2016-12-13", "2016-12-13"),
    ("https://example.org/articles/132377", "2022-01-01", "2022-01-01"),  # the address says nothing
])
def test_a_guessed_date_in_another_month_than_the_address_gives_is_no_date(address, found, date):
    assert stated_date(page(""), found, address) == date


@pytest.mark.parametrize(("authors", "sites", "kept"), [
    (("Jill Serjeant",), ("Reuters",), ("Jill Serjeant",)),
    (("CBS News February",), ("CBS News",), ("CBS News",)),  # the date cut off; the site alone is kept
    (("Malcolm Harris", "January"), ("Talking Points Memo",), ("Malcolm Harris",)),
    (("Ernst Lohoff", "Jungle World"), ("Jungle World",), ("Ernst Lohoff",)),
    (("Wikimedia Foundation",), ("Wikimedia Foundation",), ("Wikimedia Foundation",)),
    (("Staff", "News Service Reports"), ("Twin Cities",), ()),
    (("Letters",), ("The Mercury News",), ()),
    (("Letters to the Editor",), ("The Mercury News",), ()),
    (("AFP, The Local",), ("The Local",), ("AFP",)),
    (("Martin Luther King, Jr.",), (), ("Martin Luther King, Jr.",)),
    (("Ann Smith", "ann smith"), (), ("Ann Smith",)),
    (("May Jones",), (), ("May Jones",)),  # a first name that is a month is a name
])
def test_bylines_that_are_not_names_are_dropped(authors, sites, kept):
    assert clean_authors(authors, site_names=sites) == kept


@pytest.mark.parametrize(("sitename", "page_title", "title", "host", "handles", "publication"), [
    ("Pew Research Center", "Those from Mexico | Pew Research Center", "Those from Mexico", "pewresearch.org",
     (), "Pew Research Center"),
    ("Timesofisrael", "State of Washington swears in a justice | The Times of Israel",
     "State of Washington swears in a justice", "timesofisrael.com", (), "The Times of Israel"),
    ("TNBtweets", "The Loneliest Woman in the World | ", "The Loneliest Woman in the World",
     "thenervousbreakdown.com", ("TNBtweets",), ""),
    ("UK halls too full", "UK halls too full", "UK halls too full", "msn.com", (), ""),
    ("Intelligencer", "Why Polarization Isn't the Problem", "The GOP Is the Problem", "nymag.com", (),
     "Intelligencer"),
])
def test_a_site_name_made_from_the_address_gives_way_to_the_one_the_title_ends_with(
        sitename, page_title, title, host, handles, publication):
    assert site_name(sitename, page_title=page_title, title=title, host=host, handles=handles) == publication


def test_a_handle_the_page_also_declares_as_its_name_is_its_name():
    tree = page('<meta name="twitter:site" content="@Intelligencer"><meta property="og:site_name" '
                'content="Intelligencer"><meta name="twitter:creator" content="@someone">')
    assert twitter_handles(tree) == ("someone",)


@pytest.mark.parametrize(("title", "headings", "chosen"), [
    ("Falsely reporting a coronavirus contact to force them to self-isolate will receive £1,000 fine",
     ["Coronavirus: £1,000 fine for falsely reporting a contact to force them to self-isolate"],
     "Coronavirus: £1,000 fine for falsely reporting a contact to force them to self-isolate"),
    ("Letters: Coddling criminals | Undermining road",  # a heading that holds the title and more
     ["Letters to the Editor | Letters: Coddling criminals | Undermining road"],
     "Letters: Coddling criminals | Undermining road"),
    ("The Collapse of Neoliberalism", ["The New Republic", "Menu"], "The Collapse of Neoliberalism"),
    ("Turkey, Poland, Caribbean islands added to UK quarantine list",
     ["Turkey, Poland and three Caribbean islands added to UK quarantine list"],
     "Turkey, Poland and three Caribbean islands added to UK quarantine list"),
])
def test_the_articles_own_heading_is_its_title_when_it_is_a_variant_of_the_metadatas(title, headings, chosen):
    assert heading_title(title, headings) == chosen


@pytest.mark.parametrize(("authors", "kept"), [
    (("Sam Stein Senior Politics Editor", "The Huffington Post"), ("Sam Stein",)),
    (("Oli Coleman View author archive Get author RSS feed",), ("Oli Coleman",)),
    (("Emily Kirkpatrick Updated",), ("Emily Kirkpatrick",)),
    (("Steven Shepard Link Copied",), ("Steven Shepard",)),
    (("See full bio",), ()),
    (("By Josh Haskell, DAVID CAPLAN and PATRICK REEVELL",),
     ("Josh Haskell", "DAVID CAPLAN", "PATRICK REEVELL")),
    (("Pete Evans · CBC News",), ("Pete Evans",)),
    (("Mike Cason", "Mcason Com"), ("Mike Cason",)),
    (("Jeffrey S. Passel",), ("Jeffrey S. Passel",)),
])
def test_what_follows_a_name_in_a_byline_is_not_part_of_it(authors, kept):
    assert clean_authors(authors, site_names=("The Huffington Post", "CBC News")) == kept


def test_the_authors_the_page_declares_complete_the_one_found():
    tree = page('<meta name="byl" content="By Marc Santora, William K. Rashbaum, Al Baker and Adam Goldman">')
    assert more_authors(("Adam Goldman",), tree) == ("Marc Santora", "William K. Rashbaum", "Al Baker",
                                                    "Adam Goldman")
    assert more_authors(("Ann Other",), tree) == ("Ann Other",)  # a list without the name found is not taken
    assert more_authors((), page('<meta name="author" content="BBC News">')) == ()


def test_a_meta_saved_with_value_instead_of_content_is_read():
    tree = meta_values(page('<meta name="og:title" value="The headline">'))
    assert tree.find(".//meta").get("content") == "The headline"


@pytest.mark.parametrize(("title", "head", "page_title", "chosen"), [
    ("Get Slate in your inbox.", '<meta property="og:title" content="Trump’s promises were a con">',
     "Trumpcare proves it", "Trump’s promises were a con"),  # a sidebar's heading, not the headline
    ("More From Thought Catalog", "", "One Day You Will Meet Someone | Thought Catalog",
     "One Day You Will Meet Someone"),
    ("Why Donald Trump won’t change", '<meta property="og:title" content="Why Trump won’t change">',
     "Why Donald Trump won’t change - CNN", "Why Donald Trump won’t change"),
])
def test_a_title_that_is_not_the_pages_headline_gives_way_to_the_declared_one(title, head, page_title,
                                                                              chosen):
    assert page_headline(title, page(head), page_title) == chosen


@pytest.mark.parametrize("sitename", ["http://www.facebook.com/Slate",
                                      "Copyright BuzzFeed, Inc. All rights reserved."])
def test_an_address_or_a_copyright_line_is_not_a_site_name(sitename):
    found = site_name(sitename, page_title="A headline", title="A headline", host="slate.com", handles=())
    assert found == ""


def test_text_trafilatura_drops_beside_an_image_is_kept_and_the_image_too():
    from pamphleteer.importers.webpage import with_images_of

    with_images = "<html><body><h1>Title</h1><img src='a.png'><p>Second paragraph.</p></body></html>"
    text_only = ("<html><body><h1>Title</h1><p>First paragraph, beside the picture.</p>"
                 "<p>Second paragraph.</p></body></html>")
    merged = lxml.html.fromstring(with_images_of(text_only, with_images))
    assert [element.tag for element in merged.find("body")] == ["h1", "img", "p", "p"]
    assert "First paragraph, beside the picture." in merged.text_content()


def test_when_no_byline_is_found_the_people_the_page_declares_are_its_authors():
    from pamphleteer.importers.pagemeta import declared_people

    tree = page('<meta property="article:author" content="https://mashable.com/author/nicole">'
                '<meta property="article:author" content="Nicole Gallucci">')
    assert declared_people(tree, ("Mashable",)) == ("Nicole Gallucci",)
    assert declared_people(page('<meta name="author" content="BBC News">'), ("BBC News", "bbc")) == ()


@pytest.mark.parametrize(("html", "lang"), [
    ('<html lang="fr"><head><meta property="og:locale" content="en_US"></head></html>', "fr"),
    ('<html><head><meta property="og:locale" content="en_GB"></head></html>', "en-GB"),
    ('<html><head><meta http-equiv="Content-Language" content="de-AT, de"></head></html>', "de-AT"),
    ("<html><head></head></html>", ""),
])
def test_a_page_without_a_language_attribute_has_the_language_its_locale_declares(html, lang):
    from pamphleteer.importers.webpage import _page_language

    assert _page_language(lxml.html.fromstring(html)) == lang
