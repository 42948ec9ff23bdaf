"""Find who wrote a page's article where the reader sees it, and which names are the publisher's.

trafilatura reads a byline from the elements sites usually mark as one; many mark theirs
with generated class names it cannot know. What a reader sees is plainer: "By Jane Doe"
(or "Par …", "Von …") just under the headline. This module reads:

- the byline under the headline: the first short element after the page's `<h1>` that is
  "By" and names (after a date and time at most: "January 17, 2017 at 6:08 PM ET by Kori
  Schulman"; never a "Photo by …" credit), before the article's prose begins;
- the authors the page declares as addresses (`article:author` is often a profile page's
  address): the text of the page's link to that address;
- the publisher's names: the company a page's copyright line, `og:site_name`, JSON-LD
  `publisher` or `<meta name="copyright">` names ("Condé Nast"), which may stand in the
  author meta beside the writer's name but is not an author.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import lxml.html

BY_WORD = re.compile(r"(?<![^\W\d_])(?:written\s+by|by|von|par|por|door)\s*:?\s+", re.IGNORECASE)
REPEATED_BY = re.compile(r"^(?:(?:written\s+)?(?:by|von|par|por|door)\s*:?\s+)+", re.IGNORECASE)
NOT_A_BYLINE = re.compile(r"photo|image|illustrat|video|credit|graphic|picture|foto|bild|getty|cover",
                          re.IGNORECASE)
CUT = re.compile(r"\s*(?:[(|/•·—–]|\s-\s|\d).*$")  # where a byline's names end: a role, a date, a place
PARTICLES = frozenset(("de", "da", "di", "del", "della", "van", "von", "der", "den", "le", "la", "du", "dos",
                       "das", "bin", "al", "el", "ter", "ten", "y", "st."))
JOINS = frozenset(("and", "&", "und", "et", "y", "e"))
SKIPPED = frozenset(("script", "style", "noscript", "template", "figure", "figcaption", "button", "svg"))
BLOCKS = frozenset(("div", "p", "section", "ul", "ol", "li", "table", "aside", "header", "footer", "figure"))
MAX_BYLINE = 200  # characters of an element read as a byline
MAX_NAMES = 6
PROSE_WORDS = 40  # a paragraph this long is the article: the byline is above it
SCAN_LIMIT = 400  # elements after the headline looked at
AUTHOR_PAGE = re.compile(r"/(?:authors?|writers?|editors?|profiles?|staff|contributors?|columnists?|"
                         r"journalists?)/[^/?#]+/?$", re.IGNORECASE)
BUTTON_WORDS = frozenset(("view", "all", "archive", "more", "posts", "profile", "bio", "follow", "author",
                          "authors", "articles", "stories", "see", "read", "email", "contact", "twitter"))
COPYRIGHT = re.compile(r"©|\(c\)|copyright", re.IGNORECASE)
MAX_COPYRIGHT = 300
PUBLISHER_META = ("og:site_name", "copyright", "dc.rights", "dcterms.rights", "rights", "article:publisher",
                  "publisher", "application-name")


def _text(element: lxml.html.HtmlElement) -> str:
    return " ".join(" ".join(element.itertext()).split())


def _fold(text: str) -> str:
    return re.sub(r"[\W_]+", "", text).casefold()


def _words(text: str) -> set[str]:
    return {word.casefold() for word in re.findall(r"\w+", text) if len(word) > 2}


def _headline(body: lxml.html.HtmlElement, title: str) -> lxml.html.HtmlElement | None:
    """The `<h1>` that is the article's headline: the one sharing most of the title's words."""
    wanted = _words(title)
    for heading in body.iter("h1"):
        theirs = _words(_text(heading))
        if wanted and theirs and len(wanted & theirs) >= 0.5 * max(len(wanted), len(theirs)):
            return heading
    return None


def _after(body: lxml.html.HtmlElement, headline: lxml.html.HtmlElement) -> Iterator[lxml.html.HtmlElement]:
    """The elements after the headline in reading order, up to the article's first long paragraph."""
    inside = set(headline.iter())
    seen = False
    count = 0
    for element in body.iter():
        if element is headline:
            seen = True
            continue
        if not seen or element in inside or not isinstance(element.tag, str):
            continue
        count += 1
        if count > SCAN_LIMIT:
            return
        if (element.tag == "p" and len(_text(element).split()) >= PROSE_WORDS) or element.tag == "h1":
            return  # the article has begun, or the next one
        yield element


def _in_skipped(element: lxml.html.HtmlElement) -> bool:
    return any(isinstance(node.tag, str) and node.tag in SKIPPED
               for node in (element, *element.iterancestors()))


def names_in(byline: str) -> tuple[str, ...]:
    """The names a byline's text gives after its "By": capitalised words joined by commas, "and" or
    "&", up to what is not a name (a date, a role in lower case, a place after "in", a separator)."""
    rest = CUT.sub("", REPEATED_BY.sub("", byline.strip()))
    names: list[list[str]] = [[]]
    for token in rest.split():
        word = token.rstrip(",;")
        if not word or word.casefold() in JOINS:
            names.append([])
            continue
        starts_upper = word[0].isupper()
        if word.endswith(":") or (not starts_upper and word.casefold() not in PARTICLES):
            break  # "Posted:", "in Cannon Ball", "le 12 mai"
        in_capitals = len(names[-1]) >= 2 and all(_capitals(name_word) for name_word in names[-1])
        if in_capitals and not _capitals(word):
            break  # names in capitals, then a role that is not: "LAURE BRETTON Envoyés spéciaux"
        names[-1].append(word)
        if token.endswith((",", ";")):
            names.append([])
    found: list[str] = []
    for words in names:
        while words and not words[-1][0].isupper():
            words.pop()  # a particle with no name after it
        name = " ".join(words)
        if name and name not in found:
            found.append(name)
    return tuple(found) if len(found) <= MAX_NAMES else ()


def _capitals(word: str) -> bool:
    letters = [character for character in word if character.isalpha()]
    return len(letters) >= 2 and all(character.isupper() for character in letters)


def headline_byline(tree: lxml.html.HtmlElement, title: str) -> tuple[str, ...]:
    """The names of the byline under the page's headline ("By Jane Doe and John Roe"), or ()."""
    body = tree.find("body")
    body = tree if body is None else body
    headline = _headline(body, title)
    if headline is None:
        return ()
    for element in _after(body, headline):
        text = _text(element)
        if not text or len(text) > MAX_BYLINE or _in_skipped(element):
            continue
        if element.tag == "a" and _author_link(element) and len(text.split()) >= 2:
            parent = element.getparent()
            return _link_names(parent if parent is not None else element)
        if not _is_byline(text):
            continue
        while True:  # the smallest element that is the byline: "By Jane Doe", not her card beside it
            inner = next((child for child in element
                          if isinstance(child.tag, str) and _is_byline(_text(child))), None)
            if inner is None:
                break
            element = inner
        text = _inline_text(element)
        match = BY_WORD.search(text)
        names = _link_names(element) or (names_in(text[match.start():]) if match else ())
        if names:
            return names
    return ()


def _inline_text(element: lxml.html.HtmlElement) -> str:
    """An element's text up to the first block inside after its first words ("By Jane Doe", not the card
    of hers after it)."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag in BLOCKS and len(" ".join(parts).split()) > 1:
            break
        parts.extend((*child.itertext(), child.tail or ""))
    return " ".join(" ".join(parts).split())


def _is_byline(text: str) -> bool:
    """Whether a short text is a byline: "By …", or a date then "by …"; not "Photo by …", nor prose."""
    match = BY_WORD.search(text)
    if match is None:
        return False
    before = text[:match.start()]
    return not before or (bool(re.search(r"\d", before)) and not NOT_A_BYLINE.search(before))


def _author_link(link: lxml.html.HtmlElement) -> bool:
    """Whether a link is a name leading to its writer's page ("/author/jane-doe/")."""
    text = _text(link).rstrip(",;")
    words = text.split()
    return (bool(AUTHOR_PAGE.search(link.get("href") or "")) and 1 <= len(words) <= 5 and text[:1].isupper()
            and not re.search(r"\d", text) and not any(word.casefold() in BUTTON_WORDS for word in words))


def _link_names(element: lxml.html.HtmlElement) -> tuple[str, ...]:
    """The names of the links to writers' pages in an element, each once."""
    names: list[str] = []
    for link in element.iter("a"):
        name = _text(link).rstrip(",;")
        if _author_link(link) and name not in names:
            names.append(name)
    return tuple(names[:MAX_NAMES])


def _address(href: str) -> str:
    return re.sub(r"^(?:https?:)?//(?:www\.)?", "", href.strip()).rstrip("/").casefold()


def linked_names(tree: lxml.html.HtmlElement, addresses: tuple[str, ...]) -> tuple[str, ...]:
    """The names the page links to the given author addresses with (`article:author` is often the
    address of the writer's profile page), each once, in the order of `addresses`."""
    wanted = {_address(address): index for index, address in enumerate(addresses)}
    found: dict[int, str] = {}
    for link in tree.iter("a"):
        index = wanted.get(_address(link.get("href") or ""))
        text = _text(link)
        if index is not None and index not in found and 1 <= len(text.split()) <= 5 and text[:1] != "@":
            found[index] = text
    return tuple(found[index] for index in sorted(found))


def publisher_names(tree: lxml.html.HtmlElement, also: tuple[str, ...] = ()) -> tuple[str, ...]:
    """What the page says of its publisher: copyright lines (of the meta and the page), the site's
    declared name, JSON-LD `publisher`; `also` adds statements read elsewhere (trafilatura's
    site name, which may be a copyright line)."""
    found = [text for text in also if text]
    for element in tree.iter("meta"):
        key = (element.get("name") or element.get("property") or "").strip().lower()
        content = " ".join((element.get("content") or "").split())
        if key in PUBLISHER_META and content and not content.startswith(("http:", "https:")):
            found.append(content)
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in SKIPPED:
            continue
        for text in (element.text, element.tail):
            if text and COPYRIGHT.search(text) and len(text) <= MAX_COPYRIGHT:
                found.append(" ".join(text.split()))
    return tuple(found)


def _word_list(text: str) -> list[str]:
    return [word.casefold() for word in re.findall(r"[^\W_]+", text)]


def is_publisher(name: str, publishers: tuple[str, ...]) -> bool:
    """Whether `name` is the publisher's: its words stand together in a copyright line ("Copyright
    (c) Condé Nast 2022") or are the site's declared name."""
    words = _word_list(name)
    if not words or len("".join(words)) < 4:
        return False
    for text in publishers:
        theirs = _word_list(text)
        if any(theirs[start:start + len(words)] == words for start in range(len(theirs) - len(words) + 1)):
            return True
    return False
