"""Find the article in a web page, and what the page says about it (title, author, date, site).

The article body is extracted with trafilatura, as HTML that keeps its headings,
quotations, lists, links, emphasis and figures; when trafilatura finds nothing,
readability tries (trafilatura's own port of readability-lxml, the one its fallback runs).
The metadata comes from the page's own statements, which trafilatura reads (JSON-LD,
OpenGraph, `<meta>`, `citation_*`, `<time>`, with htmldate for the date); its canonical
address becomes the text's `source`.
"""

from __future__ import annotations

import copy
import html
import re
from dataclasses import dataclass

import lxml.html
import trafilatura
from trafilatura.readability_lxml import Document as ReaderMode

from pamphleteer.errors import SourceError
from pamphleteer.importers.bylines import publisher_names
from pamphleteer.importers.pagemeta import (
    heading_title,
    meta_values,
    own_headline,
    page_authors,
    page_headline,
    site_name,
    stated_date,
    title_parts,
    twitter_handles,
)
from pamphleteer.importers.unseen import without_unseen

LOST_WITH_IMAGES = 5  # words trafilatura may drop beside an image (the text after a floated picture)
MIN_ARTICLE_WORDS = 25  # fewer words than this is not an article but a page's scraps
STANDFIRST_WORDS = 8  # a page's summary shorter than this is a tagline, not a standfirst
SUMMARY_CUT = 3  # a page's summary may be its standfirst cut short: to a third of it, not less
PROSE_WORDS = 12  # a block of the article this long is its running text, where the article starts
DEK_TAGS = frozenset(("p", "div", "h2", "h3", "span"))
SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d+\)(https?://[^\s>]+?)\s*-->", re.IGNORECASE)
TITLE_SEPARATOR = re.compile(r"\s+[|–—·»:-]\s+")
CAPTION_MARK = "pamphleteer-caption: "  # an image's title that is its figure's caption
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


@dataclass(frozen=True)
class Article:
    """The article of a page, as HTML, and what the page says about it. Empty means "not stated"."""

    html: str
    extractor: str  # "trafilatura" or "readability"
    title: str = ""
    authors: tuple[str, ...] = ()
    date: str = ""  # ISO 8601: 2020-01-19
    publication: str = ""
    source: str = ""  # the canonical address, else the address it was fetched from
    lang: str = ""
    image: str = ""  # the page's featured image (og:image), an address
    standfirst: str = ""  # the page's summary, shown above the article and not in it


def saved_from(page: bytes) -> str:
    """The address a browser noted when it saved the page (`<!-- saved from url=… -->`), or ''."""
    match = SAVED_FROM.search(page[:4096])
    return match.group(1).decode("ascii", "replace") if match else ""


def _decoded(page: bytes, charset: str) -> bytes | str:
    if charset:
        try:
            return page.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return page


def _words(html: str) -> int:
    try:
        return len(lxml.html.fromstring(html).text_content().split())
    except (lxml.etree.ParserError, ValueError):
        return 0


def _site_words(site: str) -> str:
    return re.sub(r"^www\.|\.[a-z]{2,6}$", "", site.strip().lower())


def clean_title(title: str, headings: list[str], site: str, host: str) -> str:
    """The page title without the site's name after it: the page's own heading when the title starts
    with it, else the title cut before a ` | Site` (or ` – Site`, …) that names the site."""
    title = " ".join(title.split())
    for heading in headings:
        heading = " ".join(heading.split())
        if len(heading) >= 8 and title.startswith(heading) and TITLE_SEPARATOR.match(title[len(heading):]):
            return heading  # "Headline | Site"
    names = {_site_words(name) for name in (site, host) if name}
    parts = TITLE_SEPARATOR.split(title)
    for index in range(1, len(parts)):
        if _site_words(parts[index]) in names or _site_words(parts[index].split(".")[0]) in names:
            return " ".join(parts[:index]) if index else title
    return title


def _headings(tree: lxml.html.HtmlElement) -> list[str]:
    return [element.text_content() for element in tree.iter("h1")][:5]


def _page_language(tree: lxml.html.HtmlElement) -> str:
    """The page's language: `<html lang>`, else its `og:locale` ("en_GB") or `Content-Language`."""
    lang = (tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang") or "").strip()
    if not LANGUAGE_TAG.match(lang):
        declared = [meta.get("content") or "" for meta in tree.iter("meta")
                    if (meta.get("property") or meta.get("name") or "").casefold() == "og:locale"
                    or (meta.get("http-equiv") or "").casefold() == "content-language"]
        lang = next((tag for tag in (tag.strip().split(",")[0].strip().replace("_", "-") for tag in declared)
                     if LANGUAGE_TAG.match(tag)), "")
    return lang if LANGUAGE_TAG.match(lang) else ""


def _captions_on_images(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """Each `<figure>`'s caption carried on its image (as `title`, marked), where trafilatura keeps it:
    trafilatura keeps a figure's image but drops its `<figcaption>`, and the text beside the image in
    a figure without one (a caption and a credit in `<div>`s). A lazy-loading page's image written
    in `<noscript>` (a script shows it to readers) is taken out of it: trafilatura skips `<noscript>`."""
    for figure in list(tree.iter("figure")):
        image = next(figure.iter("img"), None)
        if image is None:
            continue
        for hidden in [ancestor for ancestor in image.iterancestors() if ancestor.tag == "noscript"]:
            if any(ancestor is figure for ancestor in hidden.iterancestors()):
                hidden.drop_tag()
        captions = list(figure.iter("figcaption")) or _beside(figure)
        text = " ".join(" ".join(_caption_text(caption) for caption in captions).split())
        if text:
            image.set("title", CAPTION_MARK + text)
        for caption in captions:
            caption.drop_tree()
    for box in [element for element in tree.iter("div", "span", "section") if _boxed_image(element)]:
        captions = _beside(box)
        text = " ".join(" ".join(_caption_text(caption) for caption in captions).split())
        next(box.iter("img")).set("title", CAPTION_MARK + text)
        for caption in captions:
            caption.drop_tree()
    return tree


CAPTION_WORDS = 60  # at most, in an image's box: more is the article's text around a picture
CAPTION_BLOCKS = ("p", "div", "span", "small", "em", "i", "cite")  # what a caption is written in


def _boxed_image(box: lxml.html.HtmlElement) -> bool:
    """Whether `box` is a figure written without `<figure>` (WordPress's `wp-caption`, a news site's
    picture box): its first element holds its one image, and what follows it is a caption, a few
    words in paragraphs or spans, in a box that stands among the article's paragraphs."""
    children = [child for child in box if isinstance(child.tag, str)]
    if len(children) < 2 or (box.text or "").strip() or any((child.tail or "").strip() for child in children):
        return False
    first, rest = children[0], children[1:]
    if len(rest) > 2:  # a caption and a credit at most
        return False
    only_image = first.tag == "img" or (first.find(".//img") is not None and not first.text_content().strip())
    if not only_image or len(list(box.iter("img"))) != 1:
        return False
    if any(child.tag not in CAPTION_BLOCKS or child.find(".//img") is not None for child in rest):
        return False
    words = len(" ".join(child.text_content() for child in rest).split())
    parent = box.getparent()
    among = parent is not None and any(other.tag == "p" and other.text_content().strip() for other in parent)
    return 0 < words <= CAPTION_WORDS and among


def _caption_text(caption: lxml.html.HtmlElement) -> str:
    """A caption's words; its parts apart when it is only parts (a caption's and a credit's `<span>`s,
    a label's and a name's), however deep."""
    parts = [part for part in caption if isinstance(part.tag, str)]
    loose = (caption.text or "").strip() or any((part.tail or "").strip() for part in parts)
    if parts and not loose:
        return " ".join(_caption_text(part) for part in parts)
    return caption.text_content()


def _beside(figure: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """The elements of a figure that hold text and no image: its caption, written without `<figcaption>`."""
    found: list[lxml.html.HtmlElement] = []
    for child in figure:
        if not isinstance(child.tag, str) or child.tag in ("img", "picture", "source", "noscript"):
            continue
        if child.find(".//img") is not None:
            found += _beside(child)
        elif child.text_content().strip():
            found.append(child)
    return found


def _block_text(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _body(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    body = root.find("body")
    return root if body is None else body


def with_images_of(text_html: str, image_html: str) -> str:
    """`text_html` (trafilatura's article without images) with the images of `image_html` (the same
    article with them) put back after the block each followed there. trafilatura drops the text
    that follows an image in some layouts (a picture floated beside the first paragraph), so
    when the article without images has more words, it is the text, and the images join it."""
    try:
        text_root = lxml.html.fromstring(text_html)
        image_root = lxml.html.fromstring(image_html)
    except (lxml.etree.ParserError, ValueError):
        return image_html
    text_body = _body(text_root)
    image_body = _body(image_root)
    anchors: list[tuple[str, lxml.html.HtmlElement]] = []
    last = ""
    for child in image_body:
        if child.tag == "img" or (child.find(".//img") is not None and not _block_text(child)):
            anchors.append((last, child))
        elif _block_text(child):
            last = _block_text(child)
    if not anchors:
        return text_html
    blocks = {_block_text(child): child for child in reversed(list(text_body)) if _block_text(child)}
    for anchor, image in reversed(anchors):
        image = copy.deepcopy(image)
        image.tail = None
        target = blocks.get(anchor) if anchor else None
        if target is not None:
            target.addnext(image)
        elif not anchor:
            text_body.insert(0, image)
        else:
            text_body.append(image)  # its block is not in the text: kept at the end, never lost
    return lxml.html.tostring(text_root, encoding="unicode")


def with_figures_of(text_html: str, marked: lxml.html.HtmlElement) -> str:
    """`text_html` (the article extracted from the page `marked`, its figures' captions carried on
    their images) with the figures the extractor dropped put back, each before the paragraph that
    follows it on the page: trafilatura leaves out a figure in some wrappers (a "callout" `<div>`),
    and with it the caption's words. A figure whose next paragraph is not in the article (a
    sidebar's, a teaser's) stays out, and one whose caption the article has already is not doubled."""
    figures = []
    for image in marked.iter("img"):
        caption = " ".join((image.get("title") or "").split())
        if caption.startswith(CAPTION_MARK):
            following = image.xpath("following::p[normalize-space()][1]")
            if following:
                figures.append((image, caption, _block_text(following[0])))
    if not figures:
        return text_html
    try:
        root = lxml.html.fromstring(text_html)
    except (lxml.etree.ParserError, ValueError):
        return text_html
    words = " ".join(root.text_content().split())
    have = {" ".join((image.get("title") or "").split()) for image in root.iter("img")}
    blocks: dict[str, lxml.html.HtmlElement] = {}
    for block in root.iter("p"):
        blocks.setdefault(_block_text(block), block)
    changed = False
    for image, caption, after in figures:
        target = blocks.get(after)
        if target is None or caption in have or caption.removeprefix(CAPTION_MARK) in words:
            continue
        target.addprevious(lxml.html.Element("img", src=image.get("src") or "", alt=image.get("alt") or "",
                                             title=caption))
        have.add(caption)
        changed = True
    return lxml.html.tostring(root, encoding="unicode") if changed else text_html


def page_standfirst(text_html: str, marked: lxml.html.HtmlElement, description: str) -> str:
    """The page's standfirst when the extractor left it out of the article `text_html`, or '': the
    page's own summary (its `description`, or the block it was cut from: "… dépasse donc les
    questi") shown as a block of the page before the article's start (a dek under the headline,
    outside the article's container). A summary the article has already (its first paragraph)
    is not repeated, and one the page never shows, or shows only after the article's start, is none."""
    summary = " ".join(html.unescape(description).split())  # some pages escape it twice: "told&nbsp;The Root"
    if len(summary.split()) < STANDFIRST_WORDS:
        return ""
    try:
        root = lxml.html.fromstring(text_html)
    except (lxml.etree.ParserError, ValueError):
        return ""
    cut = summary.rstrip(".…")
    order: dict[lxml.html.HtmlElement, int] = {}
    texts: dict[str, lxml.html.HtmlElement] = {}
    shown = None
    for index, element in enumerate(marked.iter()):
        if not isinstance(element.tag, str):
            continue
        order[element] = index
        text = _block_text(element)
        texts.setdefault(text, element)
        if element.tag in DEK_TAGS and (shown is None or shown in element.iterancestors()) and (
                text == summary or (text.startswith(cut) and len(text) <= SUMMARY_CUT * len(summary))):
            shown = element  # the innermost block that shows it
    if shown is None:
        return ""
    standfirst = _block_text(shown)
    if standfirst in " ".join(root.text_content().split()):
        return ""
    prose = [text for block in _body(root).iter("p", "li", "blockquote")
             if len((text := _block_text(block)).split()) >= PROSE_WORDS]  # not a kicker, a date, a menu
    start = next((texts[text] for text in prose[:5] if text in texts), None)
    if start is None or order[shown] > order[start]:
        return ""
    return standfirst


def extract_article(page: bytes, *, url: str, origin: str, charset: str = "") -> Article:
    """The article in `page` (the HTML as received from `url`, '' when unknown), and its metadata.

    `origin` names the page in messages (a file or an address). An image with a caption
    comes out with the caption as its title, after `CAPTION_MARK`.
    """
    content = _decoded(page, charset)
    try:
        loaded = trafilatura.load_html(content)  # None: not a page it can read
        marked = _captions_on_images(without_unseen(loaded)[0]) if loaded is not None else None
    except (ValueError, TypeError, lxml.etree.LxmlError):
        marked = None
    def extracted(images: bool) -> str:
        given = copy.deepcopy(marked) if marked is not None else content
        return trafilatura.extract(
            given, url=url or None, output_format="html", include_formatting=True, include_links=True,
            include_images=images, include_tables=True, include_comments=False,
        ) or ""

    html = extracted(images=True)
    text_only = extracted(images=False)
    if _words(text_only) > _words(html) + LOST_WITH_IMAGES:
        html = with_images_of(text_only, html)
    if html and marked is not None:
        html = with_figures_of(html, marked)
    extractor = "trafilatura"
    if not html or _words(html) < MIN_ARTICLE_WORDS:
        try:
            tree = trafilatura.load_html(content)
            html = ReaderMode(tree).summary() if tree is not None else ""
        except Exception:  # readability raises its own and lxml's errors on pages it cannot read
            html = ""
        extractor = "readability"
    if not html or _words(html) < MIN_ARTICLE_WORDS:
        raise SourceError(f"{origin}: no article was found in the page (fewer than {MIN_ARTICLE_WORDS} words "
                          "of running text); save the page from its article view, or add its text by hand")
    try:
        tree = trafilatura.load_html(content)
    except ValueError:
        tree = None
    if tree is None:
        return Article(html=html, extractor=extractor, source=url)
    tree = meta_values(tree)
    meta = trafilatura.extract_metadata(tree, default_url=url or None)
    headings = _headings(tree)
    page_title = " ".join((tree.findtext(".//head/title") or tree.findtext(".//title") or "").split())
    title = page_headline(meta.title or "", tree, page_title)
    title = clean_title(title, headings, meta.sitename or "", meta.hostname or "")
    title = heading_title(title, headings)
    publication = site_name(meta.sitename or "", page_title=page_title, title=title, host=meta.hostname or "",
                            handles=twitter_handles(tree))
    label = (meta.hostname or "").removeprefix("www.").split(".")[0]
    title = own_headline(title, tree, headings, page_title, (publication, meta.sitename or "", label))
    found = tuple(name.strip() for name in (meta.author or "").split(";") if name.strip())
    sites = (publication, meta.sitename or "", label, *title_parts(page_title)[1:])
    authors = page_authors(found, tree, title=title, site_names=sites,
                           publishers=publisher_names(tree, also=(meta.sitename or "",)))
    standfirst = page_standfirst(html, marked, meta.description or "") if marked is not None else ""
    source = meta.url if meta.url and meta.url.startswith(("http://", "https://")) else url
    date = stated_date(tree, meta.date or "", source or "")
    return Article(
        html=html, extractor=extractor, title=title, authors=authors, date=date,
        publication=publication, source=source or "", lang=_page_language(tree), image=meta.image or "",
        standfirst=standfirst,
    )
