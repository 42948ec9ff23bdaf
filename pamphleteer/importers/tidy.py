"""Make a converted document's AST into a text a person can edit: no converter debris, real links.

A page or a Word file read by pandoc carries what its HTML or styles said:
ids, classes, `<div>`s and `<span>`s, raw HTML, links relative to the site.
Written out as Markdown that would be `{#id .class}` and `:::` debris, so
before writing, every attribute is dropped (an image keeps its `alt`),
`Div`s and `Span`s give way to what they hold, raw markup goes, links are made
absolute against the page's address (or unwrapped when there is none), and
each image's address is handed to `place`, which says where the image now is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin, urlsplit

from pamphleteer.ast import is_kind, strings_of, walk
from pamphleteer.importers.webpage import CAPTION_MARK

Node = dict[str, Any]
ImagePlacer = Callable[[str, str], str | None]  # (address, alt text) -> the image's new address, or None

ATTR_INDEX = {"Header": 1, "CodeBlock": 0, "Link": 0, "Image": 0, "Code": 0, "Table": 0, "Figure": 0}
NO_ATTR: list[Any] = ["", [], []]
EDGE_SPACE = ("Space", "SoftBreak", "LineBreak")


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

    def values(self, items: list[Any]) -> list[Any]:
        out: list[Any] = []
        for item in items:
            if isinstance(item, dict) and "t" in item:
                out.extend(self.node(item))
            elif isinstance(item, list):
                out.append(self.values(item))
            else:
                out.append(item)
        return out

    def node(self, node: Node) -> list[Any]:
        """What `node` becomes: itself rewritten, what it held (Div, Span), or nothing (raw markup)."""
        kind = node["t"]
        if kind in ("RawBlock", "RawInline"):
            return []
        if kind in ("Div", "Span"):
            return self.values(node["c"][1])
        if "c" not in node:
            return [node]
        content = node["c"]
        if kind == "Link":
            _attr, inlines, (url, title) = content
            inlines = self.values(inlines)
            target = self.link(url)
            return inlines if target is None else [{"t": "Link", "c": [NO_ATTR, inlines, [target, title]]}]
        if kind == "Image":
            attr, inlines, (url, title) = content
            inlines = self.values(inlines)
            alt = dict(attr[2]).get("alt", "") or strings_of(inlines)
            placed = self.place(url, alt)
            if placed is None:
                return []
            keep = [["alt", value] for key, value in attr[2] if key == "alt"]
            if title.startswith(CAPTION_MARK):  # a page's figure: its caption was carried on the image
                return [_figure(placed, keep, inlines, title.removeprefix(CAPTION_MARK))]
            return [{"t": "Image", "c": [["", [], keep], inlines, [placed, title]]}]
        if kind == "Figure":
            _attr, caption, body = content
            body = self.values(body)
            if not any(_has_image(block) for block in body):  # its image could not be kept: the caption stays
                short, long = caption
                return [{"t": "Para", "c": self.values(short)}] if short else self.values(long)
            return [{"t": "Figure", "c": [NO_ATTR, self.values(caption), body]}]
        if kind in ("Para", "Plain"):
            return _split_at_figures(kind, self.values(content))
        index = ATTR_INDEX.get(kind)
        if index is not None and isinstance(content, list):
            content = list(content)
            content[index] = NO_ATTR
        return [{"t": kind, "c": self.values(content) if isinstance(content, list) else content}]


def _figure(url: str, alt: list[Any], inlines: list[Node], caption: str) -> Node:
    """A figure: the image (its description the alt text) over its caption."""
    words: list[Node] = []
    for word in caption.split():
        words += [{"t": "Space"}, {"t": "Str", "c": word}] if words else [{"t": "Str", "c": word}]
    image = {"t": "Image", "c": [["", [], alt], inlines, [url, ""]]}
    under = [None, [{"t": "Plain", "c": words}]]
    return {"t": "Figure", "c": [NO_ATTR, under, [{"t": "Plain", "c": [image]}]]}


def _split_at_figures(kind: str, inlines: list[Node]) -> list[Node]:
    """A paragraph, or the paragraphs around the figures that stood inside it."""
    blocks: list[Node] = []
    run: list[Node] = []
    for inline in inlines:
        if inline.get("t") == "Figure":
            blocks += [{"t": kind, "c": _trimmed(run)}, inline]
            run = []
        else:
            run.append(inline)
    blocks.append({"t": kind, "c": _trimmed(run)})
    return [block for block in blocks if block["t"] == "Figure" or block["c"]] or [{"t": kind, "c": []}]


def _trimmed(inlines: list[Node]) -> list[Node]:
    """A paragraph's inlines without the breaks and spaces left at its edges (by an image left out)."""
    start, end = 0, len(inlines)
    while start < end and inlines[start].get("t") in EDGE_SPACE:
        start += 1
    while end > start and inlines[end - 1].get("t") in EDGE_SPACE:
        end -= 1
    return inlines[start:end]


def _has_image(value: Node | list[Node]) -> bool:
    return any(is_kind(item, "Image") for item in walk(value))


def tidy(document: dict[str, Any], *, base: str, place: ImagePlacer) -> dict[str, Any]:
    """`document` (pandoc's JSON, its depth bounded) without debris, its links and images resolved."""
    blocks = Tidier(base, place).values(document["blocks"])
    return {**document, "meta": {}, "blocks": [block for block in blocks if _kept(block)]}


def _kept(block: Node) -> bool:
    return not (block.get("t") in ("Para", "Plain") and not block.get("c"))
