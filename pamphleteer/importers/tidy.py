"""Make a converted document's AST into a text a person can edit: no converter debris, real links.

A page or a Word file read by pandoc carries what its HTML or styles said:
ids, classes, `<div>`s and `<span>`s, raw HTML, links relative to the site.
Written out as Markdown that would be `{#id .class}` and `:::` debris, so
before writing, every attribute is dropped (an image keeps its `alt`),
`Div`s and `Span`s give way to what they hold, raw markup goes, links are made
absolute against the page's address (or unwrapped when there is none), and
each image's address is handed to `place`, which says where the image now is.

The rewrite is one `ast.rewrite`: a small function per kind says what a node
becomes, its children tidied already. `place` is called in reading order, an
image after the images of its description and a figure's images before its
caption's, as a person reading the page meets them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin, urlsplit

from pamphleteer.ast import (
    BREAKS,
    INLINE_WRAPPERS,
    NO_ATTR,
    Attr,
    Node,
    attr_of,
    block_inlines,
    div_blocks,
    figure_blocks,
    figure_caption,
    figure_short_caption,
    has_attr,
    image_alt,
    image_target,
    image_title,
    is_kind,
    kind,
    link_target,
    link_text,
    link_title,
    make_figure,
    make_image,
    make_link,
    make_para,
    make_plain,
    rewrite,
    slots,
    span_inlines,
    strings_of,
    walk,
    with_attr,
    with_slots,
    words_to_inlines,
)
from pamphleteer.importers.webpage import CAPTION_MARK

STANDING = ("Figure", "Para")  # blocks an image became inside a paragraph, split out of it
WRAPPING = (*INLINE_WRAPPERS, "Link", "Quoted")  # inline nodes of one list of inlines an image may be in
ImagePlacer = Callable[[str, str], str | None]  # (address, alt text) -> the image's new address, or None


class Tidier:
    """One document's rewrite; `base` is the page's address ('' when unknown)."""

    def __init__(self, base: str, place: ImagePlacer):
        self.base = base
        self.place = place

    def link(self, url: str) -> str | None:
        """The link's absolute address, or None when it leads nowhere a reader can follow."""
        url = url.strip()
        if url.startswith("#") or not url:
            return None
        if urlsplit(url).scheme:
            return url if urlsplit(url).scheme.lower() in ("http", "https", "mailto") else None
        return urljoin(self.base, url) if self.base else None

    def tidied(self, nodes: list[Node]) -> list[Node]:
        """`nodes` (blocks or inlines) rewritten by `node`, each after its children; a figure by
        `figure`, which tidies its parts itself (its image first)."""
        return rewrite(nodes, self.node, into=lambda node: not is_kind(node, "Figure"))

    def node(self, node: Node) -> list[Node]:
        """What `node` becomes: itself tidied, what it held (Div, Span), or nothing (raw markup)."""
        return [piece for item in self.tidied_node(node) for piece in _hoisted(item)]

    def tidied_node(self, node: Node) -> list[Node]:
        name = kind(node)
        if name in ("RawBlock", "RawInline"):
            return []
        if name in ("Div", "Span"):
            return div_blocks(node) if name == "Div" else span_inlines(node)
        if name == "Link":
            target, text = self.link(link_target(node)), link_text(node)
            return text if target is None else [make_link(text, target, link_title(node))]
        if name == "Image":
            return self.image(node)
        if name == "Figure":
            return self.figure(node)
        if name in ("Para", "Plain"):
            return _split_at_figures(node)
        return [with_attr(node, NO_ATTR) if has_attr(node) else node]

    def image(self, node: Node) -> list[Node]:
        """The image at the address `place` gives it (a figure, when a page's caption came with it).
        One that cannot be kept goes, but not a page's caption that came with it: the image stays at
        its web address with the caption run on after it, as html2text writes them (the build
        leaves the image out and moves the caption to the credits; a person may fetch the
        picture), or, with no address, the caption alone stays as a paragraph.
        Of its attributes only `alt` stays."""
        pairs = attr_of(node).pairs
        alt = image_alt(node)
        placed = self.place(image_target(node), dict(pairs).get("alt", "") or strings_of(alt))
        title = image_title(node)
        keep = Attr(pairs=tuple((key, value) for key, value in pairs if key == "alt"))
        if placed is None:  # the image is not kept: a page's caption under it is, never lost
            caption = title.removeprefix(CAPTION_MARK) if title.startswith(CAPTION_MARK) else ""
            if not caption.strip():
                return []
            address = self.link(image_target(node)) or ""
            words = words_to_inlines(" ".join(caption.split()))
            if address.startswith(("http://", "https://")):  # the image, then its caption run on after it:
                return [make_para([make_image(alt, address, "", keep), *words])]  # the build's N803, N804
            return [make_para(words)]
        if title.startswith(CAPTION_MARK):  # a page's figure: its caption was carried on the image
            return [_figure(placed, keep, alt, title.removeprefix(CAPTION_MARK))]
        return [make_image(alt, placed, title, keep)]

    def figure(self, node: Node) -> list[Node]:
        """A figure tidied, its image first; without an image it could keep, only its caption."""
        body = self.tidied(figure_blocks(node))
        short = figure_short_caption(node)
        if not any(is_kind(item, "Image") for item in walk(body)):  # the image is gone: the caption stays
            return [make_para(self.tidied(short))] if short else self.tidied(figure_caption(node))
        short = None if short is None else self.tidied(short)
        return [make_figure(body, self.tidied(figure_caption(node)), short=short)]


def _figure(url: str, alt: Attr, inlines: list[Node], caption: str) -> Node:
    """A figure: the image (its description the alt text) over its caption."""
    image = make_image(inlines, url, "", alt)
    return make_figure([make_plain([image])], [make_plain(words_to_inlines(" ".join(caption.split())))])


def _hoisted(node: Node) -> list[Node]:
    """An inline node (a link, emphasis, a quotation) split around the blocks an image inside it
    became (a figure, a caption), so that they stand where `_split_at_figures` finds them."""
    if not is_kind(node, *WRAPPING) or not any(is_kind(child, *STANDING) for child in slots(node)[0][1]):
        return [node]
    pieces: list[Node] = []
    run: list[Node] = []
    for child in slots(node)[0][1]:
        if is_kind(child, *STANDING):
            pieces += [with_slots(node, [_trimmed(run)])] if _trimmed(run) else []
            pieces.append(child)
            run = []
        else:
            run.append(child)
    return pieces + ([with_slots(node, [_trimmed(run)])] if _trimmed(run) else [])


def _split_at_figures(node: Node) -> list[Node]:
    """A paragraph, or the paragraphs around the figures (and the captions of images left out) that
    stood inside it."""
    make = make_para if is_kind(node, "Para") else make_plain
    blocks: list[Node] = []
    run: list[Node] = []
    for inline in block_inlines(node):
        if is_kind(inline, *STANDING):
            blocks += [make(_trimmed(run)), inline]
            run = []
        else:
            run.append(inline)
    blocks.append(make(_trimmed(run)))
    return [block for block in blocks if is_kind(block, "Figure") or block_inlines(block)] or [make([])]


def _trimmed(inlines: list[Node]) -> list[Node]:
    """A paragraph's inlines without the breaks and spaces left at its edges (by an image left out)."""
    start, end = 0, len(inlines)
    while start < end and is_kind(inlines[start], *BREAKS):
        start += 1
    while end > start and is_kind(inlines[end - 1], *BREAKS):
        end -= 1
    return inlines[start:end]


def tidy(document: dict[str, Any], *, base: str, place: ImagePlacer) -> dict[str, Any]:
    """`document` (pandoc's JSON, its depth bounded) without debris, its links and images resolved."""
    blocks = Tidier(base, place).tidied(document["blocks"])
    return {**document, "meta": {}, "blocks": [block for block in blocks if _kept(block)]}


def _kept(block: Node) -> bool:
    return not (is_kind(block, "Para", "Plain") and not block_inlines(block))
