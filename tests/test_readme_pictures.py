"""The README's pictures of the print edition (docs/*.png) are there, and still look like the pages the
build makes now: an opening page, and the spread after it (scripts/readme_pictures.py)."""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

PROJECT = Path(__file__).resolve().parent.parent
README = (PROJECT / "README.md").read_text(encoding="utf-8")
# The mean difference (0-255) between a picture and the page as built now, both reduced to a tenth:
# a line moved by a tweak of the layout stays under it; another page, face or page size does not.
LOOKS_ALIKE = 12.0


def readme_pictures():
    script = PROJECT / "scripts" / "readme_pictures.py"
    spec = importlib.util.spec_from_file_location("readme_pictures", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def made(built) -> dict[str, Image.Image]:
    """The pictures as the script would make them from the seed build the tests share."""
    from pamphleteer.pipeline import assemble
    from pamphleteer.sources import read_sources

    publication, _ = assemble(read_sources(PROJECT / "sources"))
    output = next(path for path in built.written if path.suffix == ".pdf").parent
    pictures = readme_pictures().pictures(output, publication.settings.slug, publication.texts[0].title)
    return {name: Image.open(io.BytesIO(data)).convert("L") for name, data in pictures.items()}


def reduced(image: Image.Image) -> Image.Image:
    return image.convert("L").resize((max(1, image.width // 10), max(1, image.height // 10)), Image.BOX)


@pytest.mark.parametrize("name", ["opening.png", "spread.png", "preview.png"])
def test_the_readme_shows_a_picture_that_looks_like_the_build_s_pages(made, name):
    path = PROJECT / "docs" / name
    assert f"](docs/{name})" in README, f"README.md does not show docs/{name}"
    again = "run scripts/readme_pictures.py and look at the pictures"
    assert path.is_file(), f"docs/{name} is missing: {again}"
    with Image.open(path) as picture:
        assert picture.size == made[name].size, f"docs/{name} is stale (another size): {again}"
        difference = ImageStat.Stat(ImageChops.difference(reduced(picture), reduced(made[name]))).mean[0]
    assert difference < LOOKS_ALIKE, f"docs/{name} is stale (it differs by {difference:.1f}): {again}"
