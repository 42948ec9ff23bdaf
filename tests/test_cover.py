"""The ebook's cover image from the sources: `cover = "images/cover.jpg"` in publication.toml.

A good image becomes the EPUB's cover, fitted whole to 1600 x 2560; a missing,
outside, unsupported or oversize one is one warning naming publication.toml and
the line of `cover`, and the ebook keeps its designed cover.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from pamphleteer import codes
from pamphleteer.errors import ConfigurationError
from pamphleteer.model import Publication, pamphlet
from pamphleteer.render.epub import render_epub
from tests.conftest import EPOCH, JOBS

OPF = {"opf": "http://www.idpf.org/2007/opf", "x": "http://www.w3.org/1999/xhtml"}
NAVY, GOLD = (20, 40, 90), (230, 190, 40)


def picture(size: tuple[int, int] = (1200, 1600), kind: str = "JPEG") -> bytes:
    """A navy picture with a gold square in the middle."""
    image = Image.new("RGB", size, NAVY)
    width, height = size
    image.paste(GOLD, (width // 3, height // 3, 2 * width // 3, 2 * height // 3))
    out = io.BytesIO()
    image.save(out, format=kind)
    return out.getvalue()


def with_cover(sources: Path, value: str) -> int:
    """Name `value` as the cover in publication.toml; the line it is on."""
    settings = sources / "publication.toml"
    lines = settings.read_text(encoding="utf-8").splitlines()
    at = next(number for number, line in enumerate(lines) if line.startswith("description"))
    lines.insert(at, f"cover = {value}")
    settings.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return at + 1


def assembled(sources: Path) -> tuple[Publication, list]:
    from pamphleteer.pipeline import assemble, edition_time
    from pamphleteer.sources import read_sources

    publication, diagnostics = assemble(read_sources(sources), edition=edition_time(sources, EPOCH))
    return publication, [d for d in diagnostics if d.code == codes.COVER_NOT_USED]


def cover_item(book: bytes) -> tuple[ET.Element, Image.Image]:
    with zipfile.ZipFile(io.BytesIO(book)) as archive:
        opf = ET.fromstring(archive.read("EPUB/content.opf"))
        items = [i for i in opf.findall("opf:manifest/opf:item", OPF) if i.get("properties") == "cover-image"]
        assert len(items) == 1
        image = Image.open(io.BytesIO(archive.read(f"EPUB/{items[0].get('href')}")))
        image.load()
    return items[0], image


def near(pixel: tuple[int, ...], colour: tuple[int, int, int], within: int = 12) -> bool:
    return all(abs(a - b) <= within for a, b in zip(pixel[:3], colour, strict=True))


def test_a_cover_image_from_the_sources_is_the_ebook_cover_fitted_whole(sources_copy):
    (sources_copy / "images").mkdir()
    (sources_copy / "images" / "cover.jpg").write_bytes(picture((1200, 1600)))
    with_cover(sources_copy, '"images/cover.jpg"')
    publication, warnings = assembled(sources_copy)
    assert warnings == [] and publication.cover is not None
    item, image = cover_item(render_epub(publication)[0])
    assert item.get("href") == "images/cover.jpg" and item.get("media-type") == "image/jpeg"
    assert image.format == "JPEG" and image.size == (1600, 2560)
    # Shown whole: 1200 x 1600 scaled to 1600 wide (2133 high), the gold square in the middle,
    # the rest of the height a ground of the picture's own edge colour (no stretching, no cropping).
    rgb = image.convert("RGB")
    assert near(rgb.getpixel((800, 1280)), GOLD)
    assert near(rgb.getpixel((800, 10)), NAVY) and near(rgb.getpixel((10, 2550)), NAVY)
    gold_rows = [y for y in range(0, 2560, 4) if near(rgb.getpixel((800, y)), GOLD)]
    assert 2133 // 3 - 16 <= gold_rows[-1] - gold_rows[0] <= 2133 // 3 + 16  # a third of the picture's height
    # A pamphlet of one text shows its own title: it keeps the designed cover.
    assert pamphlet(publication, publication.texts[0]).cover is None


def test_a_png_cover_stays_a_png(sources_copy):
    (sources_copy / "art").mkdir()
    (sources_copy / "art" / "front.png").write_bytes(picture((800, 1280), "PNG"))
    with_cover(sources_copy, '"art/front.png"')
    publication, warnings = assembled(sources_copy)
    item, image = cover_item(render_epub(publication)[0])
    assert warnings == [] and item.get("href") == "images/cover.png" and item.get("media-type") == "image/png"
    assert image.format == "PNG" and image.size == (1600, 2560)


def big_file(sources: Path) -> None:
    (sources / "big.jpg").write_bytes(picture((64, 64)) + b"\0" * (6 * 1024 * 1024))


def link_out(sources: Path) -> None:
    outside = sources.parent / "outside.jpg"
    outside.write_bytes(picture((64, 64)))
    (sources / "linked.jpg").symlink_to(outside)


@pytest.mark.parametrize(
    ("value", "prepare", "why"),
    [
        ('"images/missing.jpg"', None, "no such file in the sources folder"),
        ('"../outside.jpg"', None, "not a path inside the sources folder"),
        ('"/etc/hostname"', None, "not a path inside the sources folder"),
        ('"https://example.org/cover.jpg"', None, "not a path inside the sources folder"),
        ('"publication.toml"', None, "not an image"),
        ('"texts"', None, "not a regular file"),
        ('"big.jpg"', big_file, "MB"),
        ('"linked.jpg"', link_out, "outside the sources folder"),
    ],
)
def test_a_cover_that_cannot_be_used_is_one_warning_and_the_designed_cover(sources_copy, value, prepare, why):
    if prepare:
        prepare(sources_copy)
    line = with_cover(sources_copy, value)
    publication, warnings = assembled(sources_copy)
    assert publication.cover is None
    assert len(warnings) == 1
    warning = warnings[0]
    assert warning.file == sources_copy / "publication.toml" and warning.line == line
    assert why in warning.message and value.strip('"') in warning.message
    assert "designed cover" in warning.message


def test_a_cover_that_is_not_a_text_stops_the_build_naming_the_key(sources_copy):
    with_cover(sources_copy, "3")
    with pytest.raises(ConfigurationError, match="'cover' must be a text"):
        assembled(sources_copy)


def test_the_build_packs_the_cover_image_and_warns_about_a_bad_one(built, sources_copy, tmp_path):
    import shutil

    from pamphleteer.pipeline import build

    # the build's own folder as the session's build of the seed left it: the print layout the ebook's
    # page list follows comes from its cache (the cover is the ebook's alone)
    output = tmp_path / "out"
    shutil.copytree(built.written[0].parent / ".pamphleteer", output / ".pamphleteer", symlinks=True)
    (sources_copy / "images").mkdir()
    (sources_copy / "images" / "cover.jpg").write_bytes(picture((1600, 2560)))
    with_cover(sources_copy, '"images/cover.jpg"')
    result = build(sources_copy, tmp_path / "out", formats=("epub",), epoch=EPOCH, jobs=JOBS)
    book = next(path for path in result.written if path.suffix == ".epub").read_bytes()
    item, image = cover_item(book)
    assert item.get("href") == "images/cover.jpg" and image.size == (1600, 2560)
    assert near(image.convert("RGB").getpixel((800, 1280)), GOLD)
    with zipfile.ZipFile(io.BytesIO(book)) as archive:
        page = archive.read("EPUB/cover.xhtml").decode("utf-8")
    assert re.search(r'<img class="cover-image" src="images/cover.jpg" alt="No Alien', page)
