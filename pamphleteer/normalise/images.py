"""Take what scraped images leave behind out of the body: alt text, captions, credits, file names.

An image the build cannot use (on the network, outside the sources) reaches
the normaliser as a "left-out image" span holding its description (see
`sanitise`). The rules here, over a text's blocks and the blocks in its quotations,
divs and lists:

- a paragraph, heading or word that is only an image's file name
  (`IMG_1234.jpg`, `hero-image.png`) goes (N801);
- a left-out image whose description is one letter at the start of a word
  was a drop cap: the letter joins its word (N802);
- any other left-out image's description leaves the running text with it (N803),
  and a caption written after it (html2text runs it on: `![…](…)Caption`),
  or a figure's caption, goes to the credits (N804);
- a photo credit standing in the body ("Photo: …", "(Jacquelyn Martin /
  Associated Press)", "Source: Supplied", "Getty Images") goes to the credits (N805).

A figure whose image is kept stays as it is, its caption with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pamphleteer.ast import (
    Attr,
    Fold,
    block_inlines,
    div_attr,
    div_blocks,
    figure_blocks,
    figure_caption,
    fold,
    has_class,
    header_attr,
    header_level,
    is_kind,
    link_text,
    list_items,
    make_block_quote,
    make_bullet_list,
    make_div,
    make_header,
    make_para,
    make_plain,
    make_span,
    make_str,
    merge_adjacent,
    quote_blocks,
    span_attr,
    span_inlines,
    str_text,
    strip_edges,
    text_of,
    walk,
    word_of,
    wrapped,
)
from pamphleteer.errors import Diagnostic, Severity
from pamphleteer.normalise import registry
from pamphleteer.normalise.findings import shorten
from pamphleteer.normalise.keep import Refuse
from pamphleteer.parse import Block, Node
from pamphleteer.sanitise import LEFT_OUT_IMAGE

FILE_NAME = re.compile(r"^[\w.~%+-]*\.(?:jpe?g|png|gif|webp|svg|avif|tiff?|bmp|heic)$", re.IGNORECASE)
AGENCY = (
    r"getty(?:\s+images)?|associated\s+press|ap\s+photo|reuters|afp|epa(?:-efe)?|shutterstock|alamy|"
    r"pa\s+(?:images|wire|media)|bloomberg|xinhua|anadolu(?:\s+agency)?|nurphoto|sopa\s+images|zuma"
    r"(?:\s+press)?|wikimedia(?:\s+commons)?|creative\s+commons|unsplash|istock(?:photo)?|flickr|"
    r"supplied|handout|courtesy(?:\s+of)?|file\s+photo|public\s+domain|cc[\s-]by(?:[\s-]\w+)*"
    r"|picture\s+alliance|dpa|imago(?:\s+images)?|keystone|pexels|pixabay"
)
CREDIT_WORD = (r"photo(?:graph|graphy|s)?|image|picture|illustration|graphic|artwork|cartoon|video|credit"
               r"|cr[ée]dits?\s+photo|foto|bild")
CREDIT_LINE = re.compile(
    rf"^(?:(?:featured|cover|header|top|lead|main)\s+)?(?:{CREDIT_WORD})s?(?:\s+(?:credits?|sources?|{CREDIT_WORD}))?"
    rf"(?:\s*\((?:cc|c)\)|\s*©)?"
    rf"\s*(?::|by\b|/|©|\|)"
    rf"|^source\s*:\s*(?:{AGENCY})\b|^(?:©|\(c\)|copyright\b)"
    rf"|^\(?(?:{AGENCY})\)?\.?$|^\(?(?:{AGENCY}|ap)(?:\s+photos?)?\s?/\s?[^()/]{{1,60}}\)?\.?$"
    rf"|^\(?[^()/]{{1,60}}\s?/\s?(?:{AGENCY}|[^()/]{{1,40}}(?:photos?|images|pictures|press|agency))\)?\.?$",
    re.IGNORECASE,
)
CREDIT_AT_END = re.compile(
    rf"\((?:[^()]*\s?/\s?[^()]+|[^()]*\b(?:{CREDIT_WORD}|{AGENCY})\b[^()]*)\)\.?$"
    rf"|\b(?:{CREDIT_WORD})s?\s*(?::|by)\s*[^.]{{1,60}}\.?$",
    re.IGNORECASE,
)
SPACES = ("Space", "SoftBreak", "LineBreak")
CREDIT_MAX_WORDS = 16
CAPTION_MAX_WORDS = 40
PROSE_WORDS = 30  # a paragraph this long is running text: the head ends there


def left_out_image(description: list[Node], url: str) -> Node:
    """An image the build does not use, as the span `sanitise` makes of one."""
    return make_span(description, Attr("", (LEFT_OUT_IMAGE,), (("src", url),)))


def is_left_out_image(node: Node) -> bool:
    return is_kind(node, "Span") and has_class(node, LEFT_OUT_IMAGE)


IMAGE_HOLDERS = frozenset(("Span", "Emph", "Strong", "Link"))  # what a left-out image or markup around one is


def _around_images(node: Node, linked: bool) -> bool:
    """Whether `node` is markup that may stand around left-out images: a bare <span>, emphasis,
    strong, and with `linked` a link."""
    if is_kind(node, "Span"):
        return span_attr(node) == Attr()
    return is_kind(node, "Emph", "Strong") or (linked and is_kind(node, "Link"))


def _held(node: Node) -> list[Node]:
    """The inlines inside a span, a link or emphasis."""
    if is_kind(node, "Span"):
        return span_inlines(node)
    return link_text(node) if is_kind(node, "Link") else wrapped(node)


def is_image_only(node: Node, linked: bool = True) -> bool:
    """A left-out image, or emphasis (and with `linked`, a link) around nothing but left-out images
    (`[![…](…)](…)`)."""
    if node["t"] not in IMAGE_HOLDERS or (not linked and node["t"] == "Link"):
        return False  # the walk below would say so at its first node (most inlines are words)
    for item in walk(node, into=lambda inner: _around_images(inner, linked)):
        if is_left_out_image(item) or (item is not node and is_kind(item, *SPACES)):
            continue
        if not (_around_images(item, linked) and any(not is_kind(n, *SPACES) for n in _held(item))):
            return False
    return True


def _contains_image(nodes: Node | list[Node]) -> bool:
    return any(is_kind(node, "Image") for node in walk(nodes))


def is_file_name(text: str) -> bool:
    """An image's file name, not words: `IMG_1234.jpg`, `hero-image.png`."""
    return bool(FILE_NAME.match(text.strip()))


def is_credit(text: str) -> bool:
    """A line that credits a picture: "Photo: …", "(Name / Agency)", "Getty Images"."""
    return len(text.split()) <= CREDIT_MAX_WORDS and bool(CREDIT_LINE.search(text.strip()))


def is_caption_with_credit(text: str) -> bool:
    """A short caption that ends by crediting its picture: "Marchers in Chicago. (J. Martin / AP)"."""
    return len(text.split()) <= CAPTION_MAX_WORDS and bool(CREDIT_AT_END.search(text.strip()))


@dataclass(frozen=True)
class ImageLeftovers:
    """A body without its image leftovers, the credits taken from it, and a diagnostic for each."""

    blocks: tuple[Block, ...]
    credits: tuple[Block, ...]
    diagnostics: tuple[Diagnostic, ...]




class _Lift:
    def __init__(self, path: Path, refuse: Refuse, linked: bool) -> None:
        self.path, self.refuse, self.linked = path, refuse, linked
        self.body: list[Block] = []
        self.credits: list[Block] = []
        self.diagnostics: list[Diagnostic] = []

    def keep(self, block: Block, code: str) -> bool:
        """Does front matter `keep:` forbid repair `code` on `block`? (Reported when it does.)"""
        refused = self.refuse(block, code)
        if refused is not None:
            self.diagnostics.append(refused)
        return refused is not None

    def note(self, code: str, message: str, block: Block, before: str, after: str = "") -> None:
        self.diagnostics.append(Diagnostic(code, Severity.INFO, message, self.path, block.line,
                                           shorten(before), shorten(after) if after else None))

    def credit(self, block: Block, inlines: list[Node], code: str, message: str) -> None:
        inlines = strip_edges(inlines)
        if text_of(inlines):
            self.credits.append(Block(block.line, make_para(inlines)))
            self.note(code, message, block, text_of(inlines), "credits")


def _inlines(node: Node) -> list[Node] | None:
    if is_kind(node, "Para", "Plain", "Header"):
        return block_inlines(node)
    return None


def _with_inlines(node: Node, inlines: list[Node]) -> Node:
    if is_kind(node, "Header"):
        return make_header(header_level(node), inlines, header_attr(node))
    return make_para(inlines) if is_kind(node, "Para") else make_plain(inlines)


def _names_a_file(node: Node) -> bool:
    """A word, or a link or emphasis around one, that is an image's file name."""
    return is_kind(node, "Str", "Link", "Emph", "Strong", "Span") and is_file_name(text_of(node))


def _drop_file_names(inlines: list[Node]) -> tuple[list[Node], list[str]]:
    names = [text_of(n) for n in inlines if _names_a_file(n)]
    if not names:
        return inlines, []
    kept = [n for n in inlines if not _names_a_file(n)]
    return merge_adjacent(strip_edges(kept)), names


def _byline_by(inlines: list[Node]) -> bool:
    """Words after an author's photo that are the byline ("Por [Ana Ruiz](/autor/ana)"), no caption:
    they stay, for the head to read."""
    from pamphleteer.normalise.metadata import PREFIX, read_byline  # beside the head's rules

    text = text_of(inlines).strip()
    return bool(PREFIX.match(text)) and read_byline(text) is not None


def _images_out(block: Block, inlines: list[Node], lift: _Lift) -> tuple[list[Node], list[Node]]:
    """The inlines without left-out images (drop caps joined to their word), and a caption run on
    after an image that opens the block (empty when there is none)."""
    out: list[Node] = []
    caption: list[Node] = []
    for index, item in enumerate(inlines):
        if not is_image_only(item, lift.linked):
            out.append(item)
            continue
        description = text_of(item)
        following = inlines[index + 1] if index + 1 < len(inlines) else None
        if (len(description) == 1 and description.isalpha() and following is not None
                and word_of(following)[:1].islower()):
            out.append(make_str(description))
            lift.note("N802", "an image of one letter (a drop cap) joined its word", block,
                      description + " " + str_text(following), description + str_text(following))
            continue
        lift.note("N803", "the description of an image that is left out left the text", block,
                  description or "(no description)")
        if not text_of(out) and following is not None and is_kind(following, "Str"):
            rest = inlines[index + 1:]
            short = len(text_of(rest).split()) <= CAPTION_MAX_WORDS
            if short and not any(is_image_only(n, lift.linked) for n in rest) and not _byline_by(rest):
                caption = rest
                break
    return merge_adjacent(out), caption


def _figure(block: Block, lift: _Lift) -> bool:
    """A figure whose image is left out: its caption to the credits, the rest goes. True if it went."""
    body, caption = figure_blocks(block.node), figure_caption(block.node)
    if _contains_image(body):
        return False
    described = " ".join(text_of(n) for b in body for n in (_inlines(b) or []) if is_image_only(n))
    lift.note("N803", "the description of an image that is left out left the text", block,
              described or text_of(body) or "(no description)")
    for part in caption:
        inlines = _inlines(part)
        if inlines is not None:
            lift.credit(block, inlines, "N804", "an image's caption went to the credits")
    return True


def _is_image_block(block: Block) -> bool:
    inlines = _inlines(block.node)
    if is_kind(block.node, "Figure"):
        return True
    return inlines is not None and any(is_image_only(n) for n in inlines)


Sorting = Fold[bool]  # sorting a block, the blocks inside it first (`ast.fold`): did it end with an image?


def _inside(block: Block, lift: _Lift, credits_here: bool) -> Sorting:
    """A quotation, div or list: the blocks in it sorted as the body's are, the container kept
    (an item or a container left with nothing goes)."""
    node = block.node
    groups = list_items(node) if is_kind(node, "BulletList") else [
        div_blocks(node) if is_kind(node, "Div") else quote_blocks(node)]
    sorted_groups: list[list[Node]] = []
    found = 0
    for children in groups:
        inner = _Lift(lift.path, lift.refuse, lift.linked)
        after_image = False
        for child in children:
            after_image = yield _one(Block(block.line, child), inner, after_image, credits_here)
        sorted_groups.append([child.node for child in inner.body])
        lift.credits.extend(inner.credits)
        lift.diagnostics.extend(inner.diagnostics)
        found += len(inner.diagnostics)
    if not found:
        lift.body.append(block)
        return False
    kept = [group for group in sorted_groups if group]
    if not kept:
        return False
    if is_kind(node, "BulletList"):
        lift.body.append(Block(block.line, make_bullet_list(kept)))
    elif is_kind(node, "Div"):
        lift.body.append(Block(block.line, make_div(kept[0], div_attr(node))))
    else:
        lift.body.append(Block(block.line, make_block_quote(kept[0])))
    return False


def _one(block: Block, lift: _Lift, after_image: bool, credits_here: bool) -> Sorting:
    """Sort one block; True when it ended with a left-out image (its caption may follow).
    A credit line goes only where `credits_here` (or right after an image); the blocks in a
    quotation, a div or a list are sorted the same way, in a step of their own."""
    node = block.node
    if is_kind(node, "Div", "BlockQuote", "BulletList"):
        return (yield _inside(block, lift, credits_here))
    if is_kind(node, "Figure"):
        if _contains_image(node) or lift.keep(block, "N803") or not _figure(block, lift):
            lift.body.append(block)
        return False
    inlines = _inlines(node)
    if inlines is None:
        lift.body.append(block)
        return False
    text = text_of(inlines)
    # A heading credits a picture only right under it: "## VIDEO: Voting on NYCHA's Future" is a headline
    credit = is_credit(text) and (after_image or (credits_here and not is_kind(node, "Header")))
    if (credit or (after_image and is_caption_with_credit(text))) and not lift.keep(block, "N805"):
        lift.credit(block, inlines, "N805", "a photo credit went to the credits")
        return False
    kept, names = _drop_file_names(inlines)
    if names and lift.keep(block, "N801"):
        kept, names = inlines, []
    if names:
        lift.note("N801", "an image's file name left the text", block, " ".join(names), text_of(kept) or "")
        if not text_of(kept):
            return True  # it stood for its image: a caption may follow
    if any(is_image_only(n, lift.linked) for n in kept) and not lift.keep(block, "N803"):
        kept, caption = _images_out(block, kept, lift)
        if caption:
            lift.credit(block, caption, "N804", "an image's caption went to the credits")
        if not text_of(kept):
            return True
    if text_of(kept) or not is_kind(node, "Para", "Plain", "Header") or any(
            is_kind(item, "Image") for item in walk(kept)):  # an image without a description stays
        lift.body.append(block if kept is inlines else Block(block.line, _with_inlines(node, kept)))
    return False


def _head_end(blocks: tuple[Block, ...]) -> int:
    """Where the text's head ends: at its first paragraph of running prose."""
    for index, block in enumerate(blocks):
        inlines = _inlines(block.node)
        prose = inlines is not None and len(text_of(inlines).split()) >= PROSE_WORDS
        if is_kind(block.node, "Para") and prose:
            return index
    return len(blocks)


@registry.rule(registry.Stage.CONVERTER, order=20, codes={
    "N801": "image file names taken out of the text",
    "N802": "drop-cap images joined to their word",
    "N803": "descriptions of left-out images taken out of the text",
    "N804": "image captions -> credits",
    "N805": "photo credits -> credits",
})
def lift_image_leftovers(
    blocks: tuple[Block, ...], path: Path, refuse: Refuse, *, every_credit: bool = False
) -> ImageLeftovers:
    """Move image leftovers out of the body: credits to the credits, the rest out with its image.

    A credit line goes when it stands next to an image or in the text's head (where it could be
    taken for a byline: "Photo by …"); with `every_credit`, wherever it stands, and so do images
    inside links (before, the page furniture classifier reads them as links: logos, thumbnails).
    """
    lift = _Lift(path, refuse, linked=every_credit)
    after_image = False
    head_end = _head_end(blocks)
    for index, block in enumerate(blocks):
        before_image = index + 1 < len(blocks) and _is_image_block(blocks[index + 1])
        credits_here = every_credit or index < head_end or before_image
        after_image = fold(_one(block, lift, after_image, credits_here))
    return ImageLeftovers(tuple(lift.body), tuple(lift.credits), tuple(lift.diagnostics))
