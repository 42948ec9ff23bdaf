"""Serialise pandoc AST blocks to HTML that is also well-formed XHTML.

Every edition renders text bodies through this one writer, so a paragraph
reads the same in print, ebook and web. What differs between editions is a
choice passed in: how links appear (`LinkStyle`), and where print page
markers go (`PageMarks`). Raw HTML from sources is never passed through here
except for a few bare inline tags; it is the normaliser's job to sanitise it.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Generator, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple, TypeVar

from markupsafe import Markup, escape

from pamphleteer import ast
from pamphleteer.ast import Node
from pamphleteer.parse import Block
from pamphleteer.render.pictures import (
    ImageSize,
    ImageSource,
    caption,
    caption_attributes,
    figure_caption,
    figure_image,
    img,
    lone_image,
    picture_artifact,
    repeats_alt,
)
from pamphleteer.render.printtype import calls_after_punctuation

T = TypeVar("T")
Html = ast.Fold[Markup]  # a step of the writer: HTML, the steps it needs run first (see `Writer`)
Writing = Generator[Html, Markup, T]  # a helper of a step, entered with `yield from`, that returns a T

SAFE_RAW_INLINE = re.compile(r"^<(/?)(sup|sub|em|strong|i|b|small|br|s|u)\s*(/?)>$", re.IGNORECASE)
PULL_QUOTE_ATTRIBUTES = Markup(' class="pullquote" role="doc-pullquote" aria-hidden="true"')
CONTAINERS = {"BlockQuote": "blockquote", "Figure": "figure"}  # blocks that only wrap blocks
SIMPLE_INLINES = {
    "Emph": "em", "Strong": "strong", "Underline": "u", "Strikeout": "s",
    "Superscript": "sup", "Subscript": "sub",
}


class LinkStyle(enum.Enum):
    """How a link reaches the reader."""

    LIVE = "live"  # a clickable link (ebook, web)
    FOOTNOTE = "footnote"  # the link text, and its URL in a page-bottom note (print)


class Start(NamedTuple):
    """A page of a part laid out alone begins in block `block_id`, before word `word`."""

    page: int  # 0-based, in the part
    block_id: str
    word: int


@dataclass(frozen=True)
class PageStart:
    """Where a print page begins: in the top-level block `block_id`, before word `word`.

    Block ids are the same in every edition (`<prefix>-<source line>`), so a page
    start found in the print layout can be marked in the ebook and web editions.
    """

    label: str  # the page number as printed: "7", "iv"
    block_id: str
    word: int


@dataclass
class PageMarks:
    """Print page starts to mark while writing: block id -> [(word index, page label)].

    `marker` renders one marker; each edition says how (EPUB and HTML differ).
    """

    starts: Mapping[str, Sequence[tuple[int, str]]]
    marker: Callable[[str], Markup]

    @classmethod
    def from_starts(cls, starts: Iterable[PageStart], marker: Callable[[str], Markup]) -> PageMarks:
        table: dict[str, list[tuple[int, str]]] = {}
        for start in starts:
            table.setdefault(start.block_id, []).append((start.word, start.label))
        return cls(table, marker)


@dataclass
class Writer:
    """Serialise the blocks of one text (or one shared part)."""

    prefix: str  # id prefix, unique in the document: the text's slug
    links: LinkStyle = LinkStyle.LIVE
    heading_offset: int = 2  # body "#" headings sit under the text's own title
    page_marks: PageMarks | None = None
    epub_types: bool = False  # add epub:type attributes (EPUB only)
    images: ImageSource | None = None  # where each image's bytes are in this edition (None: none shown)
    # print: each image's size, to draw the picture of a figure whose caption repeats its alt text as
    # an artifact (`pictures.picture_artifact`); None: an <img> with the caption hidden from readers
    picture_sizes: ImageSize | None = None
    notes: list[Markup] = field(default_factory=list)  # footnotes collected while writing
    _words: int = 0
    _pending: list[tuple[int, str]] = field(default_factory=list)
    _raw_open: list[str] = field(default_factory=list)  # bare raw tags opened, not yet closed
    _boundary: bool = True  # the next text begins a new word
    _noted: int = 0  # notes numbered so far
    _footnotes: list[Markup] = field(default_factory=list)  # EPUB footnotes of the current block

    # -- blocks -------------------------------------------------------------
    #
    # The writer is a recursion over the tree run by `ast.fold`: where a node's HTML needs its
    # children's, a step yields the step that writes them (`inner = yield self._block_list(…)`)
    # and is sent back their HTML. Steps run in reading order, as a recursive writer's calls
    # would, so the word count, page marks, open raw tags and note numbers are kept the same way;
    # a step's helpers for the same node are entered with `yield from`.

    def blocks(self, blocks: Iterable[Block]) -> Markup:
        """Top-level blocks, each with an id made from its source line."""
        out = []
        for block in blocks:
            self._words = 0
            identifier = f"{self.prefix}-{block.line}"
            starts = self.page_marks.starts.get(identifier, ()) if self.page_marks else ()
            self._pending = sorted(starts)
            html = ast.fold(self._block(block.node, identifier))
            if self._pending and self.page_marks:  # marks past the last word: put them after
                html += Markup("").join(self.page_marks.marker(label) for _, label in self._pending)
                self._pending = []
            out.append(html)
            out.extend(self._footnotes)
            self._footnotes = []
        return Markup("\n").join(out)

    def _block_list(self, nodes: Iterable[Node]) -> Html:
        parts = []
        for node in nodes:
            parts.append((yield self._block(node)))
        return Markup("\n").join(parts)

    def _block(self, node: Node, identifier: str = "") -> Html:
        kind = ast.kind(node)
        self._boundary = True
        id_attr = Markup(' id="{}"').format(identifier) if identifier else Markup("")
        if kind in ("Para", "Plain"):
            image = lone_image(ast.block_inlines(node)) if self.images else None
            figure = (yield from self._figure(image, caption(image), id_attr)) if image else None
            if figure:
                return figure
            return Markup("<p{}>{}</p>").format(id_attr, (yield self._inlines(ast.block_inlines(node))))
        if kind == "Figure" and self.images and (image := figure_image(node)):
            figure = yield from self._figure(image, figure_caption(node) or caption(image), id_attr)
            if figure:
                return figure
        if kind == "Header":
            tag = Markup(f"h{min(6, ast.header_level(node) + self.heading_offset)}")
            words = yield self._inlines(ast.header_inlines(node))
            return Markup("<{0}{1}>{2}</{0}>").format(tag, id_attr, words)
        if kind in CONTAINERS:
            return _wrapped(CONTAINERS[kind], id_attr, (yield self._block_list(_contained(node))))
        if kind in ("BulletList", "OrderedList"):
            return (yield from self._list(node, id_attr))
        if kind == "DefinitionList":
            return (yield from self._definitions(node, id_attr))
        if kind == "LineBlock":
            lines = []
            for line in ast.line_block_lines(node):
                lines.append((yield self._inlines(line)))
            return Markup('<p class="line-block"{}>{}</p>').format(id_attr, Markup("<br />\n").join(lines))
        if kind == "CodeBlock":
            return Markup("<pre{}><code>{}</code></pre>").format(id_attr, ast.code_text(node))
        if kind == "HorizontalRule":
            return Markup('<hr{} />').format(id_attr)
        if kind == "Div":
            return (yield from self._div(node, id_attr))
        if kind == "Table":
            return (yield from self._table(node, id_attr))
        # RawBlock and anything unknown: nothing of it reaches an edition.
        return Markup("")

    def _figure(self, image: Node, words: list[Node], id_attr: Markup) -> Writing[Markup | None]:
        """A figure: the image, and its caption (`words`) under it; None if this edition lacks the image."""
        src = self.images(ast.image_target(image)) if self.images else None
        if src is None:
            return None
        under, picture = Markup(""), img(src, image)
        size = self.picture_sizes(ast.image_target(image)) if self.picture_sizes else None
        if words and size and repeats_alt(image, words):
            picture = picture_artifact(src, size)
            under = Markup("\n<figcaption>{}</figcaption>").format((yield self._inlines(words)))
        elif words:
            attributes = caption_attributes(image, words)
            under = Markup("\n<figcaption{}>{}</figcaption>").format(attributes, (yield self._inlines(words)))
        return Markup("<figure{}>\n{}{}\n</figure>").format(id_attr, picture, under)

    def _list(self, node: Node, id_attr: Markup) -> Html:
        items = yield from self._items(ast.list_items(node))
        if ast.kind(node) == "BulletList":
            return Markup("<ul{}>\n{}\n</ul>").format(id_attr, items)
        start = ast.ordered_list_start(node)
        start_attr = Markup(' start="{}"').format(start) if start != 1 else Markup("")
        return Markup("<ol{}{}>\n{}\n</ol>").format(id_attr, start_attr, items)

    def _definitions(self, node: Node, id_attr: Markup) -> Html:
        parts = []
        for term, definitions in ast.definition_items(node):
            parts.append(Markup("<dt>{}</dt>").format((yield self._inlines(term))))
            for definition in definitions:
                parts.append(Markup("<dd>{}</dd>").format((yield self._block_list(definition))))
        return Markup("<dl{}>\n{}\n</dl>").format(id_attr, Markup("\n").join(parts))

    def _div(self, node: Node, id_attr: Markup) -> Html:
        if ast.is_pull_quote(node):
            return (yield from self._pull_quote(node))
        classes = ast.div_attr(node).classes
        class_attr = Markup(' class="{}"').format(" ".join(classes)) if classes else Markup("")
        return _wrapped("div", id_attr + class_attr, (yield self._block_list(ast.div_blocks(node))))

    def _pull_quote(self, node: Node) -> Html:
        """A pull quote repeats the text: shown as a display quote, hidden from assistive technology.

        Its `quotes` attribute names the block id of the passage it quotes.
        """
        saved = (self._words, self._pending, self._boundary)  # its words are not the text's words
        self._pending = []
        inner = yield self._block_list(ast.div_blocks(node))
        self._words, self._pending, self._boundary = saved
        epub = Markup(' epub:type="pullquote"') if self.epub_types else Markup("")
        target = ast.pull_quote_target(node)
        quotes = Markup(' data-quotes="{}-{}"').format(self.prefix, target) if target else Markup("")
        return _wrapped("aside", PULL_QUOTE_ATTRIBUTES + epub + quotes, inner)

    def _items(self, items: list[list[Node]]) -> Html:
        parts = []
        for item in items:
            parts.append(Markup("<li>{}</li>").format((yield from self._item_body(item))))
        return Markup("\n").join(parts)

    def _item_body(self, item: list[Node]) -> Html:
        if len(item) == 1 and ast.kind(item[0]) == "Plain":
            return (yield self._inlines(ast.block_inlines(item[0])))
        return (yield self._block_list(item))

    def _table(self, node: Node, id_attr: Markup) -> Html:
        rows: list[Markup] = []
        for heading, cells in ast.table_rows(node):
            tag = Markup("th" if heading else "td")
            tags = []
            for cell in cells:
                tags.append(Markup("<{0}>{1}</{0}>").format(tag, (yield from self._item_body(cell))))
            rows.append(Markup("<tr>{}</tr>").format(Markup("").join(tags)))
        return Markup("<table{}>\n{}\n</table>").format(id_attr, Markup("\n").join(rows))

    # -- inlines ------------------------------------------------------------

    def _inlines(self, nodes: Iterable[Node]) -> Html:
        """Inline content; raw tags it opens are closed at its end, so markup stays balanced."""
        outer, self._raw_open = self._raw_open, []
        parts: list[str] = []
        for node in nodes:  # words and spaces, most of a text, here: no Markup object each
            kind = ast.kind(node)
            if kind == "Str":
                parts.append(self._word(ast.str_text(node)))
            elif kind == "Space" or kind == "SoftBreak":
                self._boundary = True
                parts.append(" ")
            else:
                parts.append((yield from self._inline(node)))
        joined = "".join(parts)  # each is escaped already
        if self.links is LinkStyle.FOOTNOTE:
            joined = calls_after_punctuation(joined)
        html = Markup(joined)
        html += Markup("").join(Markup("</{}>").format(tag) for tag in reversed(self._raw_open))
        self._raw_open = outer
        return html

    def _word(self, text: str) -> str:
        """Running text, preceded by any page marker that falls before it.

        Words are counted as a reader sees them, between white space: `a*b*c` is one
        word, as it is in the laid-out print edition (see `render/pagemap.py`).
        """
        if not (self._boundary and text):
            return _escaped(text)
        words = self._words  # words before this one
        self._words += 1
        self._boundary = False
        if not (self._pending and self.page_marks and self._pending[0][0] <= words):
            return _escaped(text)  # most words: no page begins here
        marks = Markup("")
        while self._pending and self._pending[0][0] <= words:
            marks += self.page_marks.marker(self._pending.pop(0)[1])
        return marks + escape(text)

    def _inline(self, node: Node) -> Html:
        """One inline node other than a word or a space, as HTML (`_inlines` writes those itself)."""
        kind = ast.kind(node)
        if kind == "LineBreak":
            self._boundary = True
            return Markup("<br />\n")
        if kind in SIMPLE_INLINES:
            tag = Markup(SIMPLE_INLINES[kind])
            return Markup("<{0}>{1}</{0}>").format(tag, (yield self._inlines(ast.wrapped(node))))
        if kind == "SmallCaps":
            inner = yield self._inlines(ast.wrapped(node))
            return Markup('<span class="small-caps">{}</span>').format(inner)
        if kind in ("Quoted", "Cite"):
            opening, closing = ast.quote_marks(node) if kind == "Quoted" else ("", "")
            inner = yield self._inlines(ast.inner_inlines(node) or [])
            return Markup("{}{}{}").format(opening, inner, closing)
        if kind == "Code":
            return Markup("<code>{}</code>").format(ast.code_text(node))
        if kind == "Math":
            return Markup('<span class="math">{}</span>').format(ast.code_text(node))
        if kind == "RawInline":
            return self._raw_inline(node)
        if kind == "Link":
            return (yield from self._link(node))
        if kind == "Image":
            src = self.images(ast.image_target(node)) if self.images else None
            if src is not None:
                return img(src, node, "inline-image")
            alt = yield self._inlines(ast.image_alt(node))
            return Markup('<span class="image-alt">{}</span>').format(alt)
        if kind == "Note":
            return (yield from self._note(ast.note_blocks(node)))
        if kind == "Span":
            return (yield from self._span(node))
        return Markup("")

    def _span(self, node: Node) -> Html:
        classes, inner = ast.span_attr(node).classes, ast.span_inlines(node)
        words = yield self._inlines(inner)
        return Markup('<span class="{}">{}</span>').format(" ".join(classes), words) if classes else words

    def _raw_inline(self, node: Node) -> Markup:
        text = ast.raw_text(node)
        match = SAFE_RAW_INLINE.match(text.strip()) if ast.raw_format(node) == "html" else None
        if not match:
            return Markup("")
        closing, tag, _self_closing = match.groups()
        tag = tag.lower()
        if tag == "br":
            self._boundary = True
            return Markup("<br />") if not closing else Markup("")
        if not closing:
            self._raw_open.append(tag)
            return Markup("<{}>").format(tag)
        if tag not in self._raw_open:
            return Markup("")
        closed = Markup("")
        while self._raw_open:  # close anything opened inside it, then it
            inner = self._raw_open.pop()
            closed += Markup("</{}>").format(inner)
            if inner == tag:
                break
        return closed

    def _link(self, node: Node) -> Html:
        text, url = ast.link_text(node), ast.link_target(node)
        label = yield self._inlines(text)
        if ast.is_dead_url(url):
            return label
        if url.startswith("#") or self.links is LinkStyle.LIVE or shows_its_url(text, url):
            return Markup('<a href="{}">{}</a>').format(url, label)
        return Markup('<a href="{0}">{1}</a><span class="link-note"><a href="{0}">{0}</a></span>').format(
            url, label
        )

    def _note(self, blocks: list[Node]) -> Html:
        self._noted += 1
        number = self._noted
        note_id = f"{self.prefix}-note-{number}"
        saved = (self._words, self._pending, self._boundary)
        self._pending = []
        body = yield self._block_list(blocks)
        self._words, self._pending, self._boundary = saved
        if self.epub_types:  # an EPUB footnote, after its block; reading systems can show it as a pop-up
            self._footnotes.append(Markup(
                '<aside class="footnote" id="{0}" epub:type="footnote" role="doc-footnote">\n'
                '<p class="footnote-label"><a href="#{0}-ref" role="doc-backlink">{1}</a></p>\n{2}\n</aside>'
            ).format(note_id, number, body))
            return Markup(
                '<a class="noteref" href="#{0}" id="{0}-ref" epub:type="noteref" role="doc-noteref">{1}</a>'
            ).format(note_id, number)
        self.notes.append(Markup('<li id="{}">{}</li>').format(note_id, body))
        return Markup('<a class="noteref" href="#{}" id="{}-ref">{}</a>').format(
            note_id, note_id, number
        )


def _contained(node: Node) -> list[Node]:
    return ast.quote_blocks(node) if ast.kind(node) == "BlockQuote" else ast.figure_blocks(node)


def _wrapped(tag: str, attributes: Markup, inner: Markup) -> Markup:
    """`inner` in an element, on lines of its own between the tags."""
    return Markup("<{0}{1}>\n{2}\n</{0}>").format(Markup(tag), attributes, inner)


def _escaped(text: str) -> str:
    """`text` escaped for HTML exactly as markupsafe's `escape` does, as a plain string (faster)."""
    if "&" in text or "<" in text or ">" in text or "'" in text or '"' in text:
        return str(escape(text))
    return text


def _bare(url: str) -> str:
    return re.sub(r"^(?:https?://)?(?:www\.)?", "", url.strip()).rstrip("/").lower()


def shows_its_url(text: list[Node], url: str) -> bool:
    """Whether a link's text is its own address (with or without "https://" and "www."): printed, it
    needs no note repeating it."""
    return _bare(ast.text_of(text)) == _bare(url)
