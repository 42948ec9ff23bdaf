"""Where an image stands in a text and what it says: the figure, its alt text and its caption.

A paragraph that holds only an image is a figure, as in pandoc (its implicit
figures). Its alt text is the image's `alt` attribute when it has one, else its
description; its caption is the description when an `alt` attribute is given
(pandoc's own Markdown for a figure, which `add` writes: `![The gate at
dawn](images/x/gate.jpg){alt="Strikers at the gate"}`), else the image's title
(`![Strikers at the gate](… "The gate at dawn")`), else the description itself
(`![Strikers at the gate](…)`), so that print, which has no alt text, shows it
too. A pandoc `Figure` keeps its own caption. A caption that only repeats the alt
text is hidden from assistive technology (`aria-hidden`, as pandoc writes it), so a
screen reader reads it once, as the image's alt. Each edition says where the
image's bytes are (`ImageSource`): a file beside the page, a file in the ebook, or
a `data:` URI.
"""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup

from pamphleteer import ast
from pamphleteer.ast import Node

ImageSource = Callable[[str], str | None]  # an image's path in the sources -> its src in an edition, or None
SPACES = ("Space", "SoftBreak")


def lone_image(inlines: list[Node]) -> Node | None:
    """The image, when a paragraph's inlines are that image alone (with spaces around it)."""
    found = [node for node in inlines if ast.kind(node) not in SPACES]
    return found[0] if len(found) == 1 and ast.kind(found[0]) == "Image" else None


def figure_image(node: Node) -> Node | None:
    """The image of a pandoc Figure that holds one image and nothing else."""
    blocks = ast.figure_blocks(node)
    if len(blocks) != 1 or ast.kind(blocks[0]) not in ("Para", "Plain"):
        return None
    return lone_image(ast.block_inlines(blocks[0]))


def figure_caption(node: Node) -> list[Node]:
    """A pandoc Figure's caption, as inlines."""
    blocks = [block for block in ast.figure_caption(node) if ast.kind(block) in ("Para", "Plain")]
    return [inline for block in blocks for inline in ast.block_inlines(block)]


def alt_text(image: Node) -> str:
    """What the image shows, for a reader who cannot see it."""
    given = ast.attr_of(image).get("alt")
    return given if given else ast.text_of(ast.image_alt(image))


def caption(image: Node) -> list[Node]:
    """The caption of a paragraph's lone image: its description beside an `alt`, else its title, else
    its description (the alt text)."""
    if ast.attr_of(image).get("alt") and ast.image_alt(image):
        return ast.image_alt(image)
    title = ast.image_title(image).strip()
    return ast.words_to_inlines(title) if title else ast.image_alt(image)


def caption_attributes(image: Node, words: list[Node]) -> Markup:
    """The `<figcaption>`'s attributes: hidden from assistive technology when it repeats the alt text,
    which a screen reader has read already."""
    same = " ".join(ast.text_of(words).split()) == " ".join(alt_text(image).split())
    return Markup(' aria-hidden="true"') if same else Markup("")


def img(src: str, image: Node, css_class: str = "") -> Markup:
    """The `<img>` element for an image whose bytes are at `src`."""
    classes = Markup(' class="{}"').format(css_class) if css_class else Markup("")
    return Markup('<img{} src="{}" alt="{}" />').format(classes, src, alt_text(image))
