"""Take out of a page what its reader never sees as the article, before the article is extracted.

A saved page keeps what a browser does not show: elements marked `hidden` or
`display: none` (an ad network's "Ad is hidden / Please tell us why" menu), and the ad
units set inside an article ("Sponsored content", Outbrain's and Taboola's recommendation
strips), whose labels trafilatura keeps glued to the text ("AnywayAd", "HiddenPlease").
`aria-hidden` hides an element from screen readers only, not from the eye: what it marks
goes when it is an icon (no words), a label the page says again elsewhere, or a cluster of
links (a menu), but a passage of words the page shows nowhere else stays (a figure's
caption, which the page hides from screen readers because its image's `alt` says it).
An element is taken out only when it is a small part of the page (never the article
itself, whatever its class says) and holds no headline.
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
UNSPOKEN_WORDS = 4  # an `aria-hidden` element with fewer words is an icon or a label: it goes
MAX_LINK_SHARE = 0.5  # of an `aria-hidden` element's words in links: a menu, not a passage
SHOWN_TEXT = (".//text()[not(ancestor::script or ancestor::style or ancestor::noscript or ancestor::template"
              " or ancestor::head)]")
CONTROLS = frozenset(("form", "input", "button", "select", "textarea", "dialog"))
DIALOG_ROLES = frozenset(("dialog", "alertdialog"))
WORD = re.compile(r"\w+")
MAX_SHARE = 0.25  # of the page's paragraphs' words: an element holding more is not an ad, whatever its class


def _prose_words(element: lxml.html.HtmlElement) -> int:
    """The words of an element's paragraphs (an ad unit has few or none; the article has most)."""
    paragraphs = [element] if element.tag == "p" else list(element.iter("p"))
    return sum(len(paragraph.text_content().split()) for paragraph in paragraphs)


def _words(text: str) -> str:
    return " ".join(text.split())


def shown_text(element: lxml.html.HtmlElement) -> str:
    """The words a browser shows of an element, one space apart (no script, style or `<head>`)."""
    return _words(" ".join(element.xpath(SHOWN_TEXT)))


def is_hidden(element: lxml.html.HtmlElement) -> bool:
    """Whether the page hides the element from every eye (`hidden`, inline `display: none`).
    An image is never taken for hidden: lazy-loading pages hide real pictures."""
    if element.tag == "img" or element.find(".//img") is not None:
        return False
    return element.get("hidden") is not None or bool(HIDDEN_STYLE.search(element.get("style") or ""))


def _word_string(text: str) -> str:
    """Only the words of a text, one space apart: a pull quote's words are its paragraph's."""
    return " ".join(WORD.findall(text.casefold()))


def is_unspoken(element: lxml.html.HtmlElement, shown: str) -> bool:
    """Whether the element is `aria-hidden` and nothing a reader would miss: an icon or a short
    label (fewer than `UNSPOKEN_WORDS` words), words the page shows elsewhere too (`shown`, its
    words: a screen reader's copy's twin, a pull quote), links (a menu) or a closed dialog (with
    a form's controls). A passage shown once stays: the eye sees it."""
    if (element.get("aria-hidden") or "").strip().lower() != "true":
        return False
    if element.tag == "img" or element.find(".//img") is not None:
        return False
    text = _word_string(shown_text(element))
    words = len(text.split())
    if words < UNSPOKEN_WORDS or element.get("role") in DIALOG_ROLES or element.get("aria-modal") is not None:
        return True
    if any(isinstance(part.tag, str) and part.tag in CONTROLS for part in element.iter()):
        return True  # a closed dialog (a sign-in, an alert's offer), which the page shows on demand
    linked = sum(len(link.text_content().split()) for link in element.iter("a"))
    return linked > MAX_LINK_SHARE * words or shown.count(text) > 1


def is_ad(element: lxml.html.HtmlElement) -> bool:
    """Whether the element's class or id names it an ad unit ("ad-slot", "OUTBRAIN", "sponsored")."""
    names = f"{element.get('class') or ''} {element.get('id') or ''}".casefold()
    return any(part in AD_WORDS for part in TOKEN_PART.split(names) if part)


def without_unseen(tree: lxml.html.HtmlElement) -> tuple[lxml.html.HtmlElement, int]:
    """The page without its hidden elements and ad units (changed in place), and how many went."""
    body = tree.find("body")
    total = _prose_words(body if body is not None else tree)
    shown = _word_string(shown_text(body if body is not None else tree))
    dropped: set[lxml.html.HtmlElement] = set()
    for element in list(tree.iter()):
        if not isinstance(element.tag, str) or element.tag not in CONTAINERS or element.getparent() is None:
            continue
        if not (is_hidden(element) or is_ad(element) or is_unspoken(element, shown)):
            continue
        if _prose_words(element) > MAX_SHARE * total or element.find(".//h1") is not None:
            continue
        if any(ancestor in dropped for ancestor in element.iterancestors()):
            continue  # already out with its container
        element.drop_tree()
        dropped.add(element)
    return tree, len(dropped)
