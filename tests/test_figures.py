"""The images texts name are checked where they are named: missing, not images, too large, outside."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from pamphleteer import ast
from pamphleteer.figures import ImageCheck
from pamphleteer.parse import Block, markdown_to_blocks
from pamphleteer.sanitise import LEFT_OUT_IMAGE


def picture(kind: str, size: tuple[int, int]) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (0, 0, 0)).save(out, kind)
    return out.getvalue()


def image_block(markdown: str, line: int = 3) -> Block:
    (block,) = markdown_to_blocks(markdown, path=Path("x.md"), first_line=line)
    return block


@pytest.fixture
def images_folder(tmp_path: Path) -> Path:
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "good.png").write_bytes(picture("PNG", (30, 20)))
    (tmp_path / "images" / "page.png").write_text("<html>not a picture</html>", encoding="utf-8")
    (tmp_path / "images" / "photo.bmp").write_bytes(picture("BMP", (30, 20)))
    with open(tmp_path / "images" / "huge.jpg", "wb") as handle:
        handle.truncate(6 * 1024 * 1024)
    outside = tmp_path.parent / f"{tmp_path.name}-outside.png"
    outside.write_bytes(picture("PNG", (30, 20)))
    (tmp_path / "images" / "link.png").symlink_to(outside)
    os.mkfifo(tmp_path / "images" / "pipe.png")  # reading it would wait for ever
    return tmp_path


@pytest.mark.parametrize(
    ("markdown", "code", "words"),
    [
        ("![a good picture](images/good.png)", None, None),
        ("![](images/good.png)", "W113", "has no alt text"),
        ("![gone](images/gone.png)", "W110", "there is no such file in the sources folder"),
        ("![a page](images/page.png)", "W111", "it is not an image"),
        ("![a bitmap](images/photo.bmp)", "W111", "it is a BMP image"),
        ("![huge](images/huge.jpg)", "W112", "6.0 MB, more than the 5 MB"),
        ("![linked](images/link.png)", "W110", "a link to a file outside the sources folder"),
        ("![a pipe](images/pipe.png)", "W111", "it is not a regular file"),
    ],
)
def test_each_image_is_checked_where_the_text_names_it(images_folder, markdown, code, words):
    check = ImageCheck(images_folder)
    (block,), diagnostics = check.blocks((image_block(markdown + "\n"),), images_folder / "texts" / "x.md")
    kept = [node for node in ast.walk(block.node) if ast.kind(node) == "Image"]
    if code in (None, "W113"):
        assert len(kept) == 1 and list(check.found) == ["images/good.png"]
    else:
        assert kept == []  # left out: its description stands in its place, marked as a left-out image
        (span,) = [node for node in ast.walk(block.node) if ast.kind(node) == "Span"]
        assert LEFT_OUT_IMAGE in ast.span_attr(span).classes
    if code is None:
        assert diagnostics == ()
    else:
        (diagnostic,) = diagnostics
        assert (diagnostic.code, diagnostic.line, diagnostic.file.name) == (code, 3, "x.md")
        assert words in diagnostic.message


@pytest.mark.parametrize(
    ("front", "code", "alt", "caption"),
    [
        ("{file: images/good.png, alt: A crowd at the gate, caption: The gate at dawn}", None,
         "A crowd at the gate", "The gate at dawn"),
        ("{file: images/good.png, alt: A crowd at the gate}", None, "A crowd at the gate", ""),
        ("images/good.png", "W113", "", ""),
        ("images/gone.png", "W110", None, None),
        ("https://cdn.example.org/hero.jpg", "I005", None, None),
    ],
)
def test_the_opening_image_is_checked_and_opens_the_body(images_folder, front, code, alt, caption):
    from pamphleteer.figures import check_images
    from pamphleteer.normalise import normalise
    from pamphleteer.parse import parse_text
    from pamphleteer.render.pictures import alt_text, lone_image
    from pamphleteer.render.pictures import caption as caption_of
    from pamphleteer.sources import read_text

    (images_folder / "texts").mkdir()
    path = images_folder / "texts" / "hero.md"
    path.write_text(f"---\ntitle: Hero\nimage: {front}\n---\nThe strike began at dawn at the gate.\n",
                    encoding="utf-8")
    normalised = normalise(parse_text(read_text(path)))
    (text,), _, found, diagnostics = check_images((normalised,), (), images_folder)
    assert [(d.code, d.line) for d in diagnostics] == ([(code, 3)] if code else [])
    first = text.blocks[0]
    image = lone_image(ast.block_inlines(first.node)) if ast.kind(first.node) == "Para" else None
    if alt is None:
        assert image is None and ast.text_of(first.node) == "The strike began at dawn at the gate."
    else:
        assert image is not None and first.line == 3
        assert (alt_text(image), ast.text_of(caption_of(image))) == (alt, caption)
        assert [item.path for item in found] == ["images/good.png"]
