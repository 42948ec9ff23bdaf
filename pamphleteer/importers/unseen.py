"""Take out of a page what its reader never sees as the article, before the article is extracted.

A saved page keeps what a browser does not show: elements marked `hidden`, `aria-hidden`
or `display: none` (an ad network's "Ad is hidden / Please tell us why" menu, a
screen-reader copy), and the ad units set inside an article ("Sponsored content",
Outbrain's and Taboola's recommendation strips), whose labels trafilatura keeps glued to
the text ("AnywayAd", "HiddenPlease"). An element is taken out only when it is a small part
of the page (never the article itself, whatever its class says) and holds no headline.
"""

from __future__ import annotations

import re

import lxml.html

AD_WORDS = frozenset(("ad", "ads", "advert", "adverts", "advertisement", "advertisements", "advertising",
                      "adslot", "adunit", "adunits", "sponsored", "outbrain", "taboola", "dfp"))
CONTAINERS = frozenset(("div", "section", "aside", "ul", "ol", "li", "span", "p", "iframe", "ins", "table",
                        "figure", "a", "dl"))
HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)"
                          r"\s*(?:!important)?\s*(?:;|$)", re.IGNORECASE)
TOKEN_PART = re.compile(r"[-_\s]+")
MAX_SHARE = 0.25  # of the page's paragraphs' words: an element holding more is not an ad, whatever its class


def _prose_words(element: lxml.html.HtmlElement) -> int:
    """The words of an element's paragraphs (an ad unit has few or none; the article has most)."""
    paragraphs = [element] if element.tag == "p" else list(element.iter("p"))
    return sum(len(paragraph.text_content().split()) for paragraph in paragraphs)


def is_hidden(element: lxml.html.HtmlElement) -> bool:
    """Whether the page hides the element from every reader (`hidden`, `aria-hidden`, inline
    `display: none`). An image is never taken for hidden: lazy-loading pages hide real pictures."""
    if element.tag == "img" or element.find(".//img") is not None:
        return False
    return (element.get("hidden") is not None or (element.get("aria-hidden") or "").strip().lower() == "true"
            or bool(HIDDEN_STYLE.search(element.get("style") or "")))


def is_ad(element: lxml.html.HtmlElement) -> bool:
    """Whether the element's class or id names it an ad unit ("ad-slot", "OUTBRAIN", "sponsored")."""
    names = f"{element.get('class') or ''} {element.get('id') or ''}".casefold()
    return any(part in AD_WORDS for part in TOKEN_PART.split(names) if part)


def without_unseen(tree: lxml.html.HtmlElement) -> tuple[lxml.html.HtmlElement, int]:
    """The page without its hidden elements and ad units (changed in place), and how many went."""
    body = tree.find("body")
    total = _prose_words(body if body is not None else tree)
    dropped: set[lxml.html.HtmlElement] = set()
    for element in list(tree.iter()):
        if not isinstance(element.tag, str) or element.tag not in CONTAINERS or element.getparent() is None:
            continue
        if not (is_hidden(element) or is_ad(element)):
            continue
        if _prose_words(element) > MAX_SHARE * total or element.find(".//h1") is not None:
            continue
        if any(ancestor in dropped for ancestor in element.iterancestors()):
            continue  # already out with its container
        element.drop_tree()
        dropped.add(element)
    return tree, len(dropped)
