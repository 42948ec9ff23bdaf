"""Read and build the pandoc nodes the project uses, by name rather than by position.

pandoc's JSON keeps a node's parts in a list ("c"): a link is
`[attr, text, [url, title]]`. Code outside this module never indexes that
list; it asks `link_target(node)` or builds `make_link(text, url)`. An
attribute triple (id, classes, key-value pairs) is read as a frozen `Attr`.
Constructors build fresh dicts: nodes are never edited in place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pamphleteer.ast.shape import Node

PULL_QUOTE = "pullquote"  # the class of the Div every edition renders as a pull quote
QUOTES_KEY = "quotes"  # its attribute naming the source line of the passage it repeats


@dataclass(frozen=True)
class Attr:
    """A node's attributes: `{#id .class key=value}`."""

    identifier: str = ""
    classes: tuple[str, ...] = ()
    pairs: tuple[tuple[str, str], ...] = ()

    @classmethod
    def read(cls, value: Sequence[Any]) -> Attr:
        identifier, classes, pairs = value
        return cls(identifier, tuple(classes), tuple((key, item) for key, item in pairs))

    def json(self) -> list[Any]:
        return [self.identifier, list(self.classes), [[key, item] for key, item in self.pairs]]

    def get(self, key: str, default: str = "") -> str:
        return next((item for name, item in self.pairs if name == key), default)


NO_ATTR = Attr()

# kind -> where its attributes sit in "c", for the kinds that have them
ATTR_AT = {"Header": 1, "CodeBlock": 0, "Div": 0, "Span": 0, "Link": 0, "Image": 0, "Code": 0, "Table": 0,
           "Figure": 0}


def has_attr(node: Node) -> bool:
    """Whether the node's kind carries attributes (a Div, Span, Header, Link, Image, Code …)."""
    return node["t"] in ATTR_AT


def attr_of(node: Node) -> Attr:
    """The attributes of a node whose kind has them (see `has_attr`)."""
    return Attr.read(node["c"][ATTR_AT[node["t"]]])


def with_attr(node: Node, attr: Attr) -> Node:
    """A copy of a node whose kind has attributes, holding `attr` instead; the rest kept."""
    at = ATTR_AT[node["t"]]
    content = node["c"]
    return {"t": node["t"], "c": [*content[:at], attr.json(), *content[at + 1 :]]}


def kind(node: Node) -> str:
    """The node's type name: "Para", "Str", "Link" …"""
    return str(node["t"])


def is_kind(node: Node, *kinds: str) -> bool:
    return node["t"] in kinds


# -- words and spaces -----------------------------------------------------------


def make_str(text: str) -> Node:
    return {"t": "Str", "c": text}


def str_text(node: Node) -> str:
    """The text of a Str."""
    return str(node["c"])


def word_of(node: Node) -> str:
    """The text of a Str; '' for any other node."""
    return str(node["c"]) if node["t"] == "Str" else ""


def make_space() -> Node:
    return {"t": "Space"}


def make_soft_break() -> Node:
    return {"t": "SoftBreak"}


def make_line_break() -> Node:
    return {"t": "LineBreak"}


# -- inline wrappers ----------------------------------------------------------


def make_emph(inlines: list[Node]) -> Node:
    return {"t": "Emph", "c": inlines}


def make_strong(inlines: list[Node]) -> Node:
    return {"t": "Strong", "c": inlines}


def wrapped(node: Node) -> list[Node]:
    """The inlines inside Emph, Strong, Underline, Strikeout, Superscript, Subscript, SmallCaps."""
    return list(node["c"])


def make_wrapper(name: str, inlines: list[Node]) -> Node:
    """An Emph, Strong, … (named by `name`) around `inlines`."""
    return {"t": name, "c": inlines}


def make_quoted(double: bool, inlines: list[Node]) -> Node:
    return {"t": "Quoted", "c": [{"t": "DoubleQuote" if double else "SingleQuote"}, inlines]}


def quoted_inlines(node: Node) -> list[Node]:
    return list(node["c"][1])


def is_double_quoted(node: Node) -> bool:
    return bool(node["c"][0]["t"] == "DoubleQuote")


def make_span(inlines: list[Node], attr: Attr = NO_ATTR) -> Node:
    return {"t": "Span", "c": [attr.json(), inlines]}


def span_attr(node: Node) -> Attr:
    return Attr.read(node["c"][0])


def span_inlines(node: Node) -> list[Node]:
    return list(node["c"][1])


# -- links, images, notes, code, raw --------------------------------------------


def make_link(text: list[Node], url: str, title: str = "", attr: Attr = NO_ATTR) -> Node:
    return {"t": "Link", "c": [attr.json(), text, [url, title]]}


def link_text(node: Node) -> list[Node]:
    """The inlines a Link (or an Image, its alt text) shows."""
    return list(node["c"][1])


def link_target(node: Node) -> str:
    """The URL of a Link or an Image."""
    return str(node["c"][2][0])


def link_title(node: Node) -> str:
    return str(node["c"][2][1])


def link_attr(node: Node) -> Attr:
    return Attr.read(node["c"][0])


def with_link_target(node: Node, url: str, text: list[Node] | None = None) -> Node:
    """A copy of a Link with a new URL (and, if given, new text); its title and attributes kept."""
    attr, old_text, (_url, title) = node["c"]
    return {"t": node["t"], "c": [attr, old_text if text is None else text, [url, title]]}


def is_dead_url(url: str) -> bool:
    """A link target that goes nowhere: empty, or a bare '#'."""
    return url.strip() in ("", "#")


def is_dead_link(node: Node) -> bool:
    """A Link that goes nowhere (`[Cuba](#)`)."""
    return is_dead_url(link_target(node))


def make_image(alt: list[Node], url: str, title: str = "", attr: Attr = NO_ATTR) -> Node:
    return {"t": "Image", "c": [attr.json(), alt, [url, title]]}


image_alt = link_text
image_target = link_target
image_title = link_title


def make_note(blocks: list[Node]) -> Node:
    return {"t": "Note", "c": blocks}


def note_blocks(node: Node) -> list[Node]:
    return list(node["c"])


def make_code(text: str, attr: Attr = NO_ATTR) -> Node:
    return {"t": "Code", "c": [attr.json(), text]}


def code_text(node: Node) -> str:
    """The text of a Code, CodeBlock or Math node."""
    return str(node["c"][1])


def make_raw_inline(format_name: str, text: str) -> Node:
    return {"t": "RawInline", "c": [format_name, text]}


def make_raw_block(format_name: str, text: str) -> Node:
    return {"t": "RawBlock", "c": [format_name, text]}


def raw_format(node: Node) -> str:
    """The format of a RawInline or RawBlock: "html", "tex" …"""
    return str(node["c"][0])


def raw_text(node: Node) -> str:
    return str(node["c"][1])


# -- blocks -------------------------------------------------------------------


def make_para(inlines: list[Node]) -> Node:
    return {"t": "Para", "c": inlines}


def make_plain(inlines: list[Node]) -> Node:
    return {"t": "Plain", "c": inlines}


def block_inlines(node: Node) -> list[Node]:
    """The inlines of a Para, a Plain or a Header."""
    return list(node["c"][2] if node["t"] == "Header" else node["c"])


def make_header(level: int, inlines: list[Node], attr: Attr = NO_ATTR) -> Node:
    return {"t": "Header", "c": [level, attr.json(), inlines]}


def header_level(node: Node) -> int:
    return int(node["c"][0])


def header_attr(node: Node) -> Attr:
    return Attr.read(node["c"][1])


header_inlines = block_inlines


def make_block_quote(blocks: list[Node]) -> Node:
    return {"t": "BlockQuote", "c": blocks}


def quote_blocks(node: Node) -> list[Node]:
    """The blocks of a BlockQuote."""
    return list(node["c"])


def make_div(blocks: list[Node], attr: Attr = NO_ATTR) -> Node:
    return {"t": "Div", "c": [attr.json(), blocks]}


def div_attr(node: Node) -> Attr:
    return Attr.read(node["c"][0])


def div_blocks(node: Node) -> list[Node]:
    return list(node["c"][1])


def has_class(node: Node, name: str) -> bool:
    """Whether a Div, Span, Header, Code, CodeBlock, Link or Image carries class `name`."""
    return name in node["c"][ATTR_AT[node["t"]]][1]


def make_pull_quote(blocks: list[Node], quotes_line: int) -> Node:
    """The Div every edition renders as a pull quote of the passage on source line `quotes_line`."""
    return make_div(blocks, Attr("", (PULL_QUOTE,), ((QUOTES_KEY, str(quotes_line)),)))


def is_pull_quote(node: Node) -> bool:
    """Whether a block is a pull quote (a Div of class `pullquote`): it repeats the text."""
    return kind(node) == "Div" and has_class(node, PULL_QUOTE)


def pull_quote_target(node: Node) -> str:
    """The source line of the passage a pull quote repeats, as written in its Div ('' if none)."""
    return div_attr(node).get(QUOTES_KEY)


def make_bullet_list(items: list[list[Node]]) -> Node:
    return {"t": "BulletList", "c": items}


def make_ordered_list(items: list[list[Node]], start: int = 1) -> Node:
    return {"t": "OrderedList", "c": [[start, {"t": "Decimal"}, {"t": "Period"}], items]}


def list_items(node: Node) -> list[list[Node]]:
    """The items (each a list of blocks) of a BulletList or an OrderedList."""
    return list(node["c"] if node["t"] == "BulletList" else node["c"][1])


def ordered_list_start(node: Node) -> int:
    return int(node["c"][0][0])


def make_code_block(text: str, attr: Attr = NO_ATTR) -> Node:
    return {"t": "CodeBlock", "c": [attr.json(), text]}


def make_horizontal_rule() -> Node:
    return {"t": "HorizontalRule"}


def is_rule(node: Node) -> bool:
    """Whether a block is a horizontal rule (`---`)."""
    return kind(node) == "HorizontalRule"


def make_figure(
    blocks: list[Node], caption: list[Node] | None = None, attr: Attr = NO_ATTR,
    short: list[Node] | None = None,
) -> Node:
    """A Figure of `blocks` over its caption (blocks), with a short caption (inlines) if given."""
    return {"t": "Figure", "c": [attr.json(), [short, caption or []], blocks]}


def figure_blocks(node: Node) -> list[Node]:
    return list(node["c"][2])


def figure_caption(node: Node) -> list[Node]:
    """The blocks of a Figure's (long) caption."""
    return list(node["c"][1][1])


def figure_short_caption(node: Node) -> list[Node] | None:
    """The inlines of a Figure's short caption (a list of figures shows it), or None: most have none."""
    short = node["c"][1][0]
    return None if short is None else list(short)


def line_block_lines(node: Node) -> list[list[Node]]:
    return list(node["c"])


def definition_items(node: Node) -> list[tuple[list[Node], list[list[Node]]]]:
    """A DefinitionList's (term, definitions) pairs; each definition a list of blocks."""
    return [(term, definitions) for term, definitions in node["c"]]


def _cell(blocks: list[Node]) -> list[Any]:
    return [NO_ATTR.json(), {"t": "AlignDefault"}, 1, 1, blocks]


def _row(cells: list[list[Node]]) -> list[Any]:
    return [NO_ATTR.json(), [_cell(blocks) for blocks in cells]]


Rows = list[list[list[Node]]]  # rows, each a list of cells, each a list of blocks


def make_table(head: Rows, body: Rows, caption: list[Node] | None = None) -> Node:
    """A Table of plain cells: `head` and `body` are rows, each a list of cells, each a list of blocks."""
    columns = max((len(row) for row in (*head, *body)), default=0)
    specs = [[{"t": "AlignDefault"}, {"t": "ColWidthDefault"}] for _ in range(columns)]
    return {"t": "Table", "c": [
        NO_ATTR.json(), [None, caption or []], specs,
        [NO_ATTR.json(), [_row(row) for row in head]],
        [[NO_ATTR.json(), 0, [], [_row(row) for row in body]]],
        [NO_ATTR.json(), []],
    ]}


def table_rows(node: Node) -> list[tuple[bool, list[list[Node]]]]:
    """A Table's rows in reading order: (is a heading row, each cell's blocks)."""
    _attr, _caption, _specs, head, bodies, foot = node["c"]
    groups: list[tuple[bool, list[Any]]] = [(True, head[1])]
    for body in bodies:
        groups += [(True, body[2]), (False, body[3])]
    groups.append((False, foot[1]))
    return [(heading, [cell[4] for cell in cells]) for heading, rows in groups for _attr, cells in rows]

