"""What a page states about its article, checked: the date it gives, bylines that are names, its site's name.

trafilatura reads a page's metadata (JSON-LD, OpenGraph, `<meta>`, its heuristics) and
htmldate finds a date; what they return is taken here with the page's own statements
set above guesses:

- the date: the publication date the page declares for the article (JSON-LD
  `datePublished`, `article:published_time`, `citation_publication_date`,
  `DC.date.issued`, `<time pubdate>`, `itemprop="datePublished"`) before htmldate's,
  which may pick a later revision;
- the authors: each byline must read as a person's or a body's name: a date left
  after it ("CBS News February") is cut off, and a name that is the site itself, or
  only words of a byline's furniture ("Staff", "Letters", "News Service Reports"), is
  dropped;
- the site's name: a name made from the address ("Timesofisrael") or a Twitter
  handle ("TNBtweets"), or one that is the article's own title, gives way to the name
  the page's `<title>` ends with (" | The Times of Israel");
- the title: the article's own heading (`<h1>`) when it is a variant of the title
  the metadata gives (the metadata's is often the social-media headline).
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterator
from typing import Any

import lxml.html

from pamphleteer.importers.bylines import headline_byline, is_publisher, linked_names

DATE_META = (  # (attribute, value) of a <meta> whose content is the article's publication date
    ("property", "article:published_time"), ("property", "og:article:published_time"),
    ("name", "article:published_time"), ("name", "citation_publication_date"), ("name", "citation_date"),
    ("name", "dc.date.issued"), ("name", "dcterms.issued"), ("itemprop", "datePublished"),
    ("name", "parsely-pub-date"), ("name", "pubdate"), ("name", "publish-date"), ("name", "sailthru.date"),
)
ISO_START = re.compile(r"^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?!\d)")
COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")
MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
          "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
MONTH = re.compile(MONTHS, re.IGNORECASE)
SUFFIX = re.compile(r"(?:Jr|Sr|II|III|IV|PhD|MD)\.?", re.IGNORECASE)
TRAILING_DATE = re.compile(rf"[\s,|–—-]+(?:(?:on|updated|published)\s+)?(?:{MONTHS})\b\.?.*$", re.IGNORECASE)
NOT_A_NAME = frozenset((
    "staff", "staffer", "reports", "report", "reporter", "reporters", "news", "service", "services",
    "letters", "letter", "editor", "editors", "editorial", "board", "wire", "wires", "desk", "team", "admin",
    "administrator", "contributor", "contributors", "guest", "writer", "writers", "and", "the", "from", "by",
    "to", "of",
    "correspondent", "correspondents", "newsroom", "agency", "agencies", "reader", "readers", "user",
    # what stands after a name in a byline: a role, a button, the site's name
    "senior", "chief", "deputy", "associate", "executive", "managing", "political", "politics", "fellow",
    "columnist", "ceo", "founder", "updated", "published", "view", "archive", "get", "rss", "feed", "link",
    "copied", "see", "full", "bio", "profile", "follow", "email", "twitter", "more", "posts", "daily",
    "post", "times", "press", "magazine", "journal", "tribune", "herald", "online", "contributing",
))
DOMAIN_ENDINGS = frozenset(("com", "org", "net", "co", "uk", "de", "fr", "io"))
BY = re.compile(r"^(?:by|von|par|por|door)\s+", re.IGNORECASE)
NAME_SEPARATOR = re.compile(r"\s*(?:,|;|\s·\s|\s\|\s|\s+and\s+|\s+&\s+)\s*")
UTC_TIME = re.compile(r"[T ](\d{2}):\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]00:?00)\s*$")
LOCAL_HOURS = 10  # a site's readers are at most this many hours from UTC, in practice
NOT_A_SITE = re.compile(r"^(?:https?:|www\.)|copyright|©|all rights reserved", re.IGNORECASE)
TITLE_SEPARATOR = re.compile(r"\s+[|–—·»-]\s+")
WORD = re.compile(r"\w+")
HEADLINE_META = ("og:title", "twitter:title")
AUTHOR_META = ("author", "byl", "og:article:author", "article:author", "sailthru.author", "parsely-author",
               "citation_author", "dc.creator")
ADDRESS_MONTH = re.compile(r"/((?:19|20)\d\d)/(0[1-9]|1[0-2])/")
SUBTITLE = re.compile(r"^\s*:\s+[^\W\d_]")
ADDRESS = re.compile(r"^(?:https?:)?//")
JSON_LD_MAX = 200_000  # characters of one JSON-LD script read


def _fold(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).casefold()


def _iso(value: str) -> str:
    """`value` as an ISO date (2020-01-19) when it starts with one (or is 20200119), else ''."""
    match = ISO_START.match(value) or COMPACT.match(value)
    if not match:
        return ""
    try:
        return datetime.date(int(match[1]), int(match[2]), int(match[3])).isoformat()
    except ValueError:
        return ""


def _json_ld(tree: lxml.html.HtmlElement) -> Iterator[dict[str, Any]]:
    """Every object in the page's JSON-LD scripts, nested `@graph`s and lists opened."""
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads((script.text or "")[:JSON_LD_MAX])
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                yield item
                if isinstance(item.get("@graph"), list):
                    stack.extend(reversed(item["@graph"]))


def _is_article(item: dict[str, Any]) -> bool:
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(name, str) and ("Article" in name or name in ("BlogPosting", "Report", "Review"))
               for name in kinds)


def _declared(tree: lxml.html.HtmlElement) -> str:
    """The first publication timestamp the page declares for its article, as written, or ''."""
    for item in _json_ld(tree):
        if _is_article(item) and isinstance(item.get("datePublished"), str) and _iso(item["datePublished"]):
            return str(item["datePublished"])
    for attribute, value in DATE_META:
        for element in tree.iter("meta"):
            if (element.get(attribute) or "").strip().lower() == value and _iso(element.get("content") or ""):
                return element.get("content") or ""
    for element in tree.iter("time"):
        declared = element.get("pubdate") is not None or element.get("itemprop") == "datePublished"
        if declared and _iso(element.get("datetime") or ""):
            return element.get("datetime") or ""
    return ""


def _local_days(stamp: str) -> set[str]:
    """The dates a reader of the page may see for a timestamp given in UTC (a time of 00:30Z is the
    evening before in America): within ten hours of it either way. Only the date itself otherwise."""
    day = _iso(stamp)
    clock = UTC_TIME.search(stamp)
    if not clock:
        return {day}
    hour = int(clock[1])
    date = datetime.date.fromisoformat(day)
    days = {day}
    if hour < LOCAL_HOURS:
        days.add((date - datetime.timedelta(days=1)).isoformat())
    if hour + LOCAL_HOURS >= 24:
        days.add((date + datetime.timedelta(days=1)).isoformat())
    return days


def stated_date(tree: lxml.html.HtmlElement, found: str = "", address: str = "") -> str:
    """The publication date the page declares for its article, as ISO 8601; `found` (htmldate's)
    when the page declares none, or a UTC time whose local date `found` may be. A guess in another
    month than the article's address gives (`/2016/12/…`) is wrong (a copyright year, a sidebar's
    date): none is better."""
    stamp = _declared(tree)
    if not stamp:
        month = ADDRESS_MONTH.search(address)
        if month and found and found[:7] != f"{month[1]}-{month[2]}":
            return ""
        return found
    return found if found in _local_days(stamp) else _iso(stamp)


def _names(authors: tuple[str, ...]) -> Iterator[str]:
    """Each name of the bylines, those written together apart ("AFP, The Local", "A and B", "A · CBC")."""
    for author in authors:
        author = BY.sub("", " ".join(author.split()))
        parts = [part.strip() for part in NAME_SEPARATOR.split(author)]
        if len(parts) > 1 and any(SUFFIX.fullmatch(part) for part in parts[1:]):
            yield author  # "Martin Luther King, Jr." is one name
        else:
            yield from parts


def _name_only(name: str) -> str:
    """A byline without what follows the name: a role, the site, a button ("Sam Stein Senior Politics
    Editor", "Oli Coleman View author archive", "Emily Kirkpatrick Updated"), a name kept two words long."""
    tokens = name.split()
    for index in range(2, len(tokens)):
        if any(token.casefold().strip(".,:") in NOT_A_NAME for token in tokens[:index]):
            return name  # a body's name, not a person's and a role: "The Associated Press", "BWW News Desk"
        if any(token.casefold().strip(".,:") in NOT_A_NAME for token in tokens[index:]):
            return " ".join(tokens[:index])
    return name


def clean_authors(authors: tuple[str, ...], *, site_names: tuple[str, ...]) -> tuple[str, ...]:
    """The bylines that read as names: a date after a name cut off, bylines made only of furniture
    words ("Staff", "Letters") dropped, the site's own name dropped beside a person's, each name once."""
    sites = {_fold(name) for name in site_names if _fold(name)}
    kept: list[str] = []
    for author in _names(authors):
        name = TRAILING_DATE.sub("", author).strip(" ,;|")
        if _fold(name) in sites:
            kept.append(name)
            continue
        if all(word.casefold() in NOT_A_NAME for word in WORD.findall(name)):
            continue  # "Letters to the Editor", "Staff"
        name = _name_only(name)
        words = [word.casefold() for word in WORD.findall(name)]
        if not words or all(word in NOT_A_NAME or MONTH.fullmatch(word) for word in words):
            continue
        if "@" in name or words[-1] in DOMAIN_ENDINGS or name.startswith(("http:", "https:")):
            continue  # an address, or what a converter made of one ("Mcason Com")
        if _fold(name) not in {_fold(other) for other in kept}:
            kept.append(name)
    people = [name for name in kept if _fold(name) not in sites]
    return tuple(people or kept)


def title_parts(title: str) -> list[str]:
    return [part.strip() for part in TITLE_SEPARATOR.split(" ".join(title.split())) if part.strip()]


def site_name(sitename: str, *, page_title: str, title: str, host: str, handles: tuple[str, ...]) -> str:
    """The site's name: trafilatura's, unless it was made from the address or a Twitter handle or is the
    article's title, when the name the page's `<title>` ends with (after ' | ') is taken instead."""
    sitename = " ".join(sitename.split())
    if NOT_A_SITE.search(sitename):
        sitename = ""  # trafilatura may take a page's Facebook address or its copyright line
    label = host.removeprefix("www.").split(".")[0] if host else ""
    made_up = (
        not sitename or _fold(sitename) == _fold(title) or _fold(sitename) == _fold(page_title)
        or (" " not in sitename and "." not in sitename
            and (_fold(sitename) == _fold(label) or _fold(sitename) in {_fold(handle) for handle in handles}))
    )
    if not made_up:
        return sitename
    parts = title_parts(page_title)
    if len(parts) >= 2 and 1 <= len(parts[-1].split()) <= 6 and _fold(parts[-1]) != _fold(title):
        return parts[-1]
    handle = _fold(sitename) in {_fold(name) for name in handles}
    return "" if not sitename or handle or _fold(sitename) in (_fold(title), _fold(page_title)) else sitename


def twitter_handles(tree: lxml.html.HtmlElement) -> tuple[str, ...]:
    """The page's Twitter handles (`twitter:site`, `twitter:creator`), without '@', unless the page
    also declares the same word as its name (`og:site_name`, `application-name`, JSON-LD `publisher`)."""
    found, declared = [], set()
    for element in tree.iter("meta"):
        key = (element.get("name") or element.get("property") or "").lower()
        content = (element.get("content") or "").strip()
        if key in ("twitter:site", "twitter:creator"):
            found.append(content.lstrip("@"))
        elif key in ("og:site_name", "application-name"):
            declared.add(_fold(content))
    for item in _json_ld(tree):
        publisher = item.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            declared.add(_fold(publisher["name"]))
    return tuple(handle for handle in found if handle and _fold(handle) not in declared)


def _content_words(text: str) -> set[str]:
    return {word.casefold() for word in WORD.findall(text) if len(word) > 2}


def heading_title(title: str, headings: list[str]) -> str:
    """The article's heading when it is a variant of `title` (half its words or more shared, both ways
    a real headline), else `title`: a page's metadata often gives its social-media headline instead."""
    words = _content_words(title)
    for heading in headings:
        heading = " ".join(heading.split())
        theirs = _content_words(heading)
        if len(theirs) < 3 or _fold(title) in _fold(heading) or len(heading) > 300:
            continue
        if title.startswith(heading) and SUBTITLE.match(title[len(heading):]):
            continue  # "Artist: Album" says more than the heading "Album"
        shared = len(words & theirs)
        if shared >= 3 and shared >= 0.5 * len(theirs) and shared >= 0.5 * len(words):
            return heading
    return title


def own_headline(title: str, tree: lxml.html.HtmlElement, headings: list[str], page_title: str,
                 site_names: tuple[str, ...]) -> str:
    """The page's `<h1>` when it is a headline the page declares: the one its `<title>` gives (the same
    words, or four in five of them) or its og:title, else `title`. The metadata may carry another
    (a social-media headline, an old `<title>`)."""
    parts = title_parts(page_title)
    stated = parts[0] if parts else ""
    declared = {_fold(text) for text in (stated, *_declared_headlines(tree)) if _fold(text)}
    words = _content_words(stated)
    sites = {_fold(name) for name in site_names if _fold(name)}
    ours = _content_words(title)
    for heading in headings:
        heading = " ".join(heading.split())
        theirs = _content_words(heading)
        if len(theirs) < 3 or _fold(title) in _fold(heading) or _fold(heading) in sites or len(heading) > 300:
            continue  # the heading is the title, or the title with a kicker ("Politics | …")
        if len(ours) > len(theirs) and len(ours & theirs) >= 2 / 3 * len(theirs):
            continue  # the title is a longer form of the heading, and says more
        if _fold(heading) in declared or (len(words) >= 4 and len(words & theirs) >= 0.8 * len(words)):
            return heading
    return title


def _declared_headlines(tree: lxml.html.HtmlElement) -> list[str]:
    return [" ".join((element.get("content") or "").split()) for element in tree.iter("meta")
            if (element.get("property") or element.get("name") or "").lower() in HEADLINE_META]


def meta_values(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The page with each `<meta value=…>` also as `content`: some tools that save pages (Mercury's
    and jsdom's serialisers) write a meta's content there, where no metadata reader looks."""
    for element in tree.iter("meta"):
        if element.get("content") is None and element.get("value") is not None:
            element.set("content", element.get("value") or "")
    return tree


def _declared_authors(tree: lxml.html.HtmlElement) -> list[tuple[str, ...]]:
    """The author lists the page declares: JSON-LD `author` names, `<meta name="author">` and the like."""
    lists: list[tuple[str, ...]] = []
    for item in _json_ld(tree):
        if not _is_article(item):
            continue
        value = item.get("author")
        entries = value if isinstance(value, list) else [value]
        names = tuple(entry.get("name") if isinstance(entry, dict) else entry for entry in entries)
        lists.append(tuple(name for name in names if isinstance(name, str) and name.strip()))
    for element in tree.iter("meta"):
        key = (element.get("name") or element.get("property") or "").lower()
        if key in AUTHOR_META:
            content = (element.get("content") or "").strip()
            addresses = ADDRESS.match(content)
            parts = tuple(part.strip() for part in content.split(",")) if addresses else (content,)
            lists.append(tuple(_names(parts)))
    return [_linked(tree, names) for names in lists if names]


def _linked(tree: lxml.html.HtmlElement, names: tuple[str, ...]) -> tuple[str, ...]:
    """An author list of addresses (profile pages) as the names the page links to them with."""
    if not all(ADDRESS.match(name) for name in names):
        return names
    return linked_names(tree, names) or names


def more_authors(found: tuple[str, ...], tree: lxml.html.HtmlElement) -> tuple[str, ...]:
    """The authors the page declares when they are the one trafilatura found and others
    (it keeps the first of several), else what it found."""
    wanted = {_fold(_name_only(BY.sub("", name))) for name in found}
    best = found
    for names in _declared_authors(tree):
        folded = {_fold(_name_only(name)) for name in names}
        if len(names) > len(best) and wanted & folded:
            best = names
    return best


def page_headline(title: str, tree: lxml.html.HtmlElement, page_title: str) -> str:
    """trafilatura's title, unless it shares hardly a word with what the page declares as its headline
    (`og:title`, `<title>`): then the declared one (trafilatura may take a sidebar's heading)."""
    declared = [text for text in (*_declared_headlines(tree), *title_parts(page_title)[:1]) if text]
    if not declared:
        return title
    words = _content_words(title)
    if any(len(words & _content_words(text)) >= max(1, len(words) // 2) for text in declared):
        return title
    return declared[0]


def declared_people(tree: lxml.html.HtmlElement, site_names: tuple[str, ...],
                    publishers: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The first names the page declares (`article:author`, JSON-LD, `<meta name="author">`) that
    are people's, not addresses, the site ("BBC News") nor its publisher ("Condé Nast")."""
    sites = {_fold(name) for name in site_names if _fold(name)}
    for names in _declared_authors(tree):
        people = tuple(name for name in clean_authors(names, site_names=site_names)
                       if _fold(name) not in sites and not any(site in _fold(name) for site in sites)
                       and not is_publisher(name, publishers))
        if people:
            return people
    return ()


def page_authors(found: tuple[str, ...], tree: lxml.html.HtmlElement, *, title: str,
                 site_names: tuple[str, ...], publishers: tuple[str, ...]) -> tuple[str, ...]:
    """The article's authors, the page's plainest statement first: the byline a reader sees under
    the headline; else the people the page declares, when trafilatura's guess names none of them
    (it may take a sidebar's byline); else trafilatura's, without the publisher beside a person
    ("Condé Nast, Larry Fitzmaurice"); else the site's name when that is all the page gives."""
    sites = {_fold(name) for name in site_names if _fold(name)}
    visible = tuple(name for name in clean_authors(headline_byline(tree, title), site_names=site_names)
                    if _fold(name) not in sites and not is_publisher(name, publishers))
    if visible:
        return visible
    guessed = clean_authors(more_authors(found, tree), site_names=site_names)
    people = tuple(name for name in guessed
                   if _fold(name) not in sites and not is_publisher(name, publishers))
    declared = declared_people(tree, site_names, publishers)
    if declared and not {_fold(name) for name in declared} & {_fold(name) for name in people}:
        return declared
    return people or guessed
