"""Who wrote a page's article, read where its reader sees it, and what is not seen (importers.bylines,
importers.unseen)."""

from __future__ import annotations

import lxml.html
import pytest

from pamphleteer.importers.bylines import headline_byline, is_publisher, names_in, publisher_names
from pamphleteer.importers.pagemeta import own_headline, page_authors
from pamphleteer.importers.unseen import without_unseen
from pamphleteer.importers.webpage import extract_article

TITLE = "The Nationals Are Stuck With Danny Espinosa Tonight"
PROSE = "<p>" + "Words of the article itself, which a reader came for. " * 8 + "</p>"


def page(body: str, head: str = "") -> lxml.html.HtmlElement:
    return lxml.html.fromstring(f"<html><head>{head}</head><body>{body}</body></html>")


@pytest.mark.parametrize(("under_headline", "names"), [
    ('<div class="x1"><span>By</span><div><a href="/author/shitehawk">Chris Thompson</a></div></div>',
     ("Chris Thompson",)),
    ('<div class="x1"><span>By</span><div><a href="/kinja/1">Chris Thompson</a></div></div>',
     ("Chris Thompson",)),
    ('<div>January 17, 2017 at 6:08 PM ET by <a href="/blog/kori">Kori Schulman</a></div>',
     ("Kori Schulman",)),
    ("<div><span>By</span><span>by JOSH HASKELL, DAVID CAPLAN and PATRICK REEVELL</span></div>",
     ("JOSH HASKELL", "DAVID CAPLAN", "PATRICK REEVELL")),
    ('<p>Par <a href="/x">Cécile Ducourtieux</a><span>(Bruxelles, bureau européen)</span></p>',
     ("Cécile Ducourtieux",)),
    ('<div class="sig">By <a href="/people/jr/">Jennifer Rubin</a><div class="card">'
     '<a href="/people/jr/">Jennifer Rubin</a> Opinion writer</div></div>', ("Jennifer Rubin",)),
    ('<div><a href="/about/editors/jon-fingas/">Jon Fingas</a>, <a href="https://twitter.com/j">@jonfingas</a>'
     "</div>", ("Jon Fingas",)),  # a link to the writer's page, no "By"
    ('<div><a href="/author/jpp/">John Patrick Pullen,</a><a href="/author/time/">TIME</a></div>',
     ("John Patrick Pullen", "TIME")),
    ('<p>Julia Carrie Wong and Sam Levin in Cannon Ball, North Dakota</p>', ()),  # no "By": not read here
    ('<figure><figcaption>Photo by Brett Davis</figcaption></figure>', ()),  # a picture's credit
    ("<div>Photo: Getty Images, 2016, by Jane Roe</div>", ()),
    ('<p>A sentence of prose that was written by Somebody Else.</p>', ()),
    ('<a href="https://www.tmz.com/people/prince/">Prince</a>', ()),  # a topic's page, not a writer's
    ('<a href="/author/oli/">View author archive</a>', ()),
    (PROSE + '<div>By Someone Later</div>', ()),  # past the first paragraph: another article's byline
])
def test_the_byline_under_the_headline_names_the_authors(under_headline, names):
    tree = page(f"<h1>{TITLE}</h1>{under_headline}{PROSE}")
    assert headline_byline(tree, TITLE) == names


@pytest.mark.parametrize(("byline", "names"), [
    ("par Florence Audier, le 12 mai 2020", ("Florence Audier",)),
    ("By Jamal Watson Posted: May 3, 2016", ("Jamal Watson",)),
    ("By: Paul Wiseman , Fatima Hussein, The Associated Press", ("Paul Wiseman", "Fatima Hussein",
                                                                 "The Associated Press")),
    ("By Jean de la Fontaine | Fables", ("Jean de la Fontaine",)),
    ("Von Anna Müller und Jörg Schmidt", ("Anna Müller", "Jörg Schmidt")),
    ("Par LILIAN ALEMAGNA, LAURE BRETTON Envoyés spéciaux à Nantes", ("LILIAN ALEMAGNA", "LAURE BRETTON")),
    ("By BWW News Desk", ("BWW News Desk",)),  # one word in capitals is a name's, not a name in capitals
])
def test_a_bylines_names_end_where_a_date_place_or_role_begins(byline, names):
    assert names_in(byline) == names


def test_a_publisher_in_the_author_meta_is_not_an_author():
    tree = page(f"<h1>{TITLE}</h1>{PROSE}<footer>© Condé Nast 2022. All rights reserved.</footer>",
                '<meta name="author" content="Condé Nast">'
                '<meta property="article:author" content="Emma Ellis">')
    publishers = publisher_names(tree)
    assert is_publisher("Condé Nast", publishers) and not is_publisher("Emma Ellis", publishers)
    found = ("Condé Nast", "Emma Ellis")  # what trafilatura reads from the two metas
    chosen = page_authors(found, tree, title=TITLE, site_names=("Wired",), publishers=publishers)
    assert chosen == ("Emma Ellis",)
    alone = page(f"<h1>{TITLE}</h1>{PROSE}", '<meta name="author" content="ABC News">')
    assert page_authors(("ABC News",), alone, title=TITLE, site_names=("ABC News",),
                        publishers=publisher_names(alone)) == ("ABC News",)  # all the page says: kept


def test_declared_authors_beat_a_guess_that_names_none_of_them():
    tree = page(f"<h1>{TITLE}</h1>{PROSE}<aside><p>Raphaël Melka</p></aside>",
                '<meta property="og:article:author" content="Cécile Ducourtieux">')
    assert page_authors(("Raphaël Melka",), tree, title=TITLE, site_names=(), publishers=()) == (
        "Cécile Ducourtieux",)


def test_authors_declared_as_profile_addresses_are_the_names_of_their_links():
    tree = page(f'<h1>{TITLE}</h1><address><a rel="author" '
                'href="//www.theguardian.com/profile/julia-carrie-wong">Julia Carrie Wong</a> and '
                '<a rel="author" href="//www.theguardian.com/profile/sam-levin">Sam Levin'
                f"</a> in Cannon Ball</address>{PROSE}",
                '<meta property="article:author" content="https://www.theguardian.com/profile/julia-carrie-wong,'
                'https://www.theguardian.com/profile/sam-levin">')
    assert page_authors(("Julia Carrie Wong",), tree, title=TITLE, site_names=("The Guardian",),
                        publishers=()) == ("Julia Carrie Wong", "Sam Levin")


@pytest.mark.parametrize(("title", "head", "page_title", "headings", "chosen"), [
    ("It's been a rough few months for Elon Musk's SpaceX", "", "What's the Hold-Up at SpaceX?",
     ["What's the Hold-Up at SpaceX?"], "What's the Hold-Up at SpaceX?"),  # og:title was a social headline
    ("Schrödinger’s Hack", "",
     "Hacking, Cryptography, and the Countdown to Quantum Computing | The New Yorker",
     ["Hacking, Cryptography, and the Countdown to Quantum Computing"],
     "Hacking, Cryptography, and the Countdown to Quantum Computing"),
    ("Donald Robertson Creative Style Statement Shirts",
     '<meta property="og:title" content="For Holiday Parties This Year, Let’s Get Behind The Tee">',
     "Donald Robertson Creative Style Statement Shirts",
     ["For Holiday Parties This Year, Let’s Get Behind The Tee"],
     "For Holiday Parties This Year, Let’s Get Behind The Tee"),  # an old <title>; the heading is og:title
    ("The 5 Biggest Decorating Mistakes Millennials Make — and How to Solve Them", "",
     "Millennial Decorating Mistakes | POPSUGAR Home", ["Millennial Decorating Mistakes"],
     "The 5 Biggest Decorating Mistakes Millennials Make — and How to Solve Them"),  # a longer form: kept
    ("St. Louis Park elects a new mayor", "", "St. Louis Park elects a new mayor – Twin Cities",
     ["Politics | St. Louis Park elects a new mayor"], "St. Louis Park elects a new mayor"),  # a kicker
    ("Ann's blog", "", "Ann's blog", ["Ann's blog"], "Ann's blog"),
])
def test_the_pages_own_heading_is_the_title_when_the_page_declares_it_as_its_headline(
        title, head, page_title, headings, chosen):
    assert own_headline(title, page("", head), headings, page_title, ("Twin Cities",)) == chosen


@pytest.mark.parametrize(("element", "kept"), [
    ('<div class="OUTBRAIN"><ul><li>Banned Movies You Should Watch Anyway</li></ul>'
     '<div>Ad is Hidden</div></div>', False),
    ('<div class="ad-slot">Advertisement</div>', False),
    ('<aside class="sponsored-content">Sponsored: a paid post</aside>', False),
    ('<div hidden>Skip to the end</div>', False),
    ('<span aria-hidden="true">•</span>', False),
    # aria-hidden hides from screen readers, not from the eye: a passage shown nowhere else stays
    ('<figcaption><span aria-hidden="true">Marchers crossed the bridge at dawn on Sunday.</span>'
     "</figcaption>", True),
    ('<div aria-hidden="true"><a href="/w">World news</a> <a href="/b">Business and money</a></div>', False),
    ('<div style="color: red; display:none">Subscribe</div>', False),
    ('<div style="display: block">Shown</div>', True),
    ('<div aria-hidden="true"><img src="photo.jpg" alt="A photo"></div>', True),  # a picture is never hidden
    ('<div class="header-shadow loaded">Kept</div>', True),  # "ad" only as a whole word
])
def test_what_a_reader_never_sees_is_taken_out_before_extraction(element, kept):
    tree = page(f"<article><h1>{TITLE}</h1>{PROSE}{element}{PROSE}</article>")
    before = lxml.html.fromstring(element).text_content() or "A photo"
    without_unseen(tree)
    text = tree.text_content() + " ".join(image.get("alt") or "" for image in tree.iter("img"))
    assert (before in text) == kept


def test_a_passage_hidden_from_screen_readers_that_the_page_shows_again_goes_once():
    twin = "Read the whole of the report on the commission's site"
    tree = page(f'<article><h1>{TITLE}</h1>{PROSE}<a href="/r"><span aria-hidden="true">{twin}</span>'
                f'<span class="visually-hidden">{twin}</span></a>{PROSE}</article>')
    without_unseen(tree)
    assert tree.text_content().count(twin) == 1


def test_a_caption_the_page_hides_from_screen_readers_only_reaches_its_image():
    caption = "The grid control center in Folsom, which controls the flow of electricity for the state."
    html = (f"<html><head><title>{TITLE}</title></head><body><article><h1>{TITLE}</h1>{PROSE}"
            f'<figure><img src="https://x.test/grid.jpg" alt="{caption}"><figcaption>'
            f'<span aria-hidden="true">{caption}</span><span>Credit: Rich Pedroncelli</span></figcaption>'
            f"</figure>{PROSE}{PROSE}</article></body></html>")
    article = extract_article(html.encode(), url="", origin="page.html")
    titles = [image.get("title") or "" for image in lxml.html.fromstring(article.html).iter("img")]
    assert any(caption in title for title in titles)


def test_an_element_marked_as_an_ad_that_holds_the_article_is_kept():
    tree = page(f'<div class="has-ads"><h1>{TITLE}</h1>{PROSE}{PROSE}</div>')
    assert without_unseen(tree)[1] == 0


def test_an_ad_unit_inside_the_article_does_not_reach_the_text():
    html = (f'<html><head><title>{TITLE}</title></head><body><article><h1>{TITLE}</h1>{PROSE}'
            '<div class="outbrain-ad-units widget"><ul><li><a href="https://x.test/">The Sports Drop</a> '
            "Here Are The 31 Coolest Gifts<div>Ad is Hidden</div>"
            "<div>Please tell us why you hid this ad?</div>"
            f"</li></ul></div>{PROSE}{PROSE}</article></body></html>")
    article = extract_article(html.encode(), url="", origin="page.html")
    assert "Words of the article itself" in article.html
    assert "Hidden" not in article.html and "Coolest Gifts" not in article.html
