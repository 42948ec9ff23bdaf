"""The images texts name are checked where they are named: missing, not images, too large, outside."""

from __future__ import annotations

import io
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
