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
screen reader reads it once, as the image's alt. WeasyPrint ignores `aria-hidden`
(its tagged PDF would hold the words twice: the figure's alt and the caption), so
the print edition draws the picture of such a figure as an artifact instead (a
background, sized as the `<img>` would be: `picture_artifact`), and the caption is
what a reader of the PDF's tags reads, once. Each edition says where the image's
bytes are (`ImageSource`): a file beside the page, a file in the ebook, or a
`data:` URI.
"""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup

from pamphleteer import ast
from pamphleteer.ast import Node

ImageSource = Callable[[str], str | None]  # an image's path in the sources -> its src in an edition, or None
ImageSize = Callable[[str], tuple[int, int] | None]  # an image's path -> its width and height in pixels
TALLEST_MM = 90  # print.css's `figure img { max-height }`
PX_PER_MM = 96 / 25.4
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


def repeats_alt(image: Node, words: list[Node]) -> bool:
    """Whether a caption (`words`) says only what the image's alt text says."""
    return " ".join(ast.text_of(words).split()) == " ".join(alt_text(image).split())


def caption_attributes(image: Node, words: list[Node]) -> Markup:
    """The `<figcaption>`'s attributes: hidden from assistive technology when it repeats the alt text,
    which a screen reader has read already."""
    return Markup(' aria-hidden="true"') if repeats_alt(image, words) else Markup("")


def picture_artifact(src: str, size: tuple[int, int]) -> Markup:
    """The picture of a print figure whose caption repeats its alt text, as WeasyPrint draws an
    artifact: a background image, on a block as wide and as tall as the `<img>` would be (its width
    in pixels, at most the measure and TALLEST_MM tall; the inner block's padding, a share of that
    width, keeps the image's proportions)."""
    width, height = size
    widest = min(float(width), TALLEST_MM * PX_PER_MM * width / height)
    return Markup('<div class="figure-picture" style="width: {:.2f}px">'
                  '<div style="padding-bottom: {:.4f}%; background-image: url(\'{}\')"></div></div>'
                  ).format(widest, 100 * height / width, src)


def img(src: str, image: Node, css_class: str = "") -> Markup:
    """The `<img>` element for an image whose bytes are at `src`."""
    classes = Markup(' class="{}"').format(css_class) if css_class else Markup("")
    return Markup('<img{} src="{}" alt="{}" />').format(classes, src, alt_text(image))
