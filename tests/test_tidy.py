"""Tidying a converted page: debris goes, links resolve, images are placed in reading order."""

from __future__ import annotations

import json
from typing import Any

import pypandoc

from pamphleteer import ast
from pamphleteer.importers.tidy import tidy
from pamphleteer.importers.webpage import CAPTION_MARK


def read_html(html: str) -> dict[str, Any]:
    return dict(json.loads(pypandoc.convert_text(html, "json", format="html")))


def tidied(html: str, keep: tuple[str, ...] = ()) -> tuple[list[ast.Node], list[tuple[str, str]]]:
    """The page's blocks tidied, and the (address, alt text) of each image, in the order it was placed."""
    placed: list[tuple[str, str]] = []

    def place(address: str, alt: str) -> str | None:
        placed.append((address, alt))
        return f"images/new/{address}" if not keep or address in keep else None

    document = tidy(read_html(html), base="https://example.org/essays/one.html", place=place)
    return list(document["blocks"]), placed


def markdown(blocks: list[ast.Node]) -> str:
    document = {"pandoc-api-version": [1, 23, 1], "meta": {}, "blocks": blocks}
    return str(pypandoc.convert_text(json.dumps(document), "commonmark_x", format="json")).strip()


def test_divs_spans_raw_markup_and_attributes_go_and_links_resolve():
    blocks, _ = tidied('<div class="post"><h2 id="x" class="k">Head</h2><p><span class="s">Read</span> '
                       '<a href="../more.html" class="c">more</a>, <a href="#top">up</a><script>x()</script>'
                       '</p></div>')
    assert markdown(blocks) == "## Head\n\nRead [more](https://example.org/more.html), up"


def test_images_are_placed_in_reading_order_whatever_markup_holds_them():
    _, placed = tidied('<p><img src="a.png" alt="first"> <em>then <img src="b.png" alt="second"></em></p>'
                       '<p><a href="/x"><img src="c.png"></a></p>')
    assert placed == [("a.png", "first"), ("b.png", "second"), ("c.png", "")]


def test_a_figure_places_its_image_before_its_caption_and_keeps_only_the_caption_without_it():
    page = ('<figure><img src="photo.png" alt="A photo"><figcaption><img src="icon.png" alt="camera"> '
            'By Ana</figcaption></figure>')
    kept, placed = tidied(page)
    assert placed == [("photo.png", "A photo"), ("icon.png", "camera")]
    assert [node["t"] for node in kept] == ["Figure"]
    without, _ = tidied(page, keep=("icon.png",))
    assert markdown(without) == "![camera](images/new/icon.png) By Ana"


def test_an_image_carrying_its_page_caption_becomes_a_figure_and_splits_its_paragraph():
    image = f'<img src="p.png" alt="Pier" title="{CAPTION_MARK}The pier,  at dawn">'
    blocks, placed = tidied(f"<p>Before {image} after</p>")
    assert placed == [("p.png", "Pier")]
    assert [node["t"] for node in blocks] == ["Para", "Figure", "Para"]
    assert ast.text_of(ast.figure_caption(blocks[1])) == "The pier, at dawn"
    assert ast.text_of(blocks[0]) == "Before" and ast.text_of(blocks[2]) == "after"


def test_an_image_that_cannot_be_kept_leaves_no_empty_paragraph():
    blocks, _ = tidied('<p><img src="gone.png"></p><p>Text</p>', keep=("other.png",))
    assert markdown(blocks) == "Text"


def test_the_page_caption_of_an_image_that_cannot_be_kept_stays():
    image = f'<img src="gone.png" alt="Pier" title="{CAPTION_MARK}The pier,  at dawn. AP">'
    blocks, _ = tidied(f"<p>Before {image} after</p>", keep=("other.png",))
    # the image at its web address, its caption run on after it: the build leaves the image out
    # and moves the caption to the credits
    assert markdown(blocks) == ("Before\n\n![Pier](https://example.org/essays/gone.png)The pier, at dawn. AP"
                                "\n\nafter")
    linked, _ = tidied(f'<p><a href="/big.png"><em>{image}</em> Big</a> Text</p>', keep=("other.png",))
    assert markdown(linked) == ("![Pier](https://example.org/essays/gone.png)The pier, at dawn. AP\n\n"
                                "[Big](https://example.org/big.png) Text")
    nowhere = tidy(read_html(f"<p>{image} Text</p>"), base="", place=lambda address, alt: None)["blocks"]
    assert markdown(nowhere) == "The pier, at dawn. AP\n\nText"  # no address to keep it at
