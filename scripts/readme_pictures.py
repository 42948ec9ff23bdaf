#!/usr/bin/env python3
"""Make the README's pictures of the print edition from a real build of the seed reader.

    .venv/bin/python scripts/readme_pictures.py           rewrite docs/opening.png, docs/spread.png
                                                          and docs/preview.png
    .venv/bin/python scripts/readme_pictures.py --check   exit 1 if one differs from what the build makes

The seed reader in sources/ is built with fixed dates (SOURCE_DATE_EPOCH, as the tests build it);
then pdftoppm renders the first text's opening page (`docs/opening.png`) and the first spread of that
text with a pull quote on it (else the spread after the opening), the two facing pages side by side
(`docs/spread.png`), at PICTURE_DPI; `docs/preview.png` is the
build's own `<slug>-preview.png`. tests/test_readme_pictures.py fails when a picture is missing or
no longer looks like the build's pages: after a change to the print edition's look, run this
script and look at the pictures before committing them.
"""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
from pathlib import Path

import pymupdf
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DOCS = ROOT / "docs"
PICTURE_DPI = 110
EPOCH = "1767225600"  # 2026-01-01T00:00:00Z, as tests/conftest.py builds the seed reader
GUTTER = 2  # pixels of grey between the two pages of a spread (the fold)
FOLD = (190, 190, 190)


def opening_index(pdf: Path, title: str) -> int:
    """The page (0-based) where the text titled `title` opens, from the PDF's bookmarks."""
    with pymupdf.open(pdf) as document:
        return next(page - 1 for _level, name, page in document.get_toc() if name == title)


def pull_quote_spread(pdf: Path, opening: int) -> tuple[int, int]:
    """The facing pages (0-based: a left page is odd, the title page being a right one) of the first
    spread after `opening` with a pull quote (italic set larger than the running text) on it."""
    with pymupdf.open(pdf) as document:
        for index in range(opening + 1, min(opening + 24, len(document))):
            spans = [span for block in document[index].get_text("dict")["blocks"]
                     for line in block.get("lines", []) for span in line["spans"]]
            sizes = [round(span["size"], 1) for span in spans]
            body = max(sizes, key=sizes.count) if sizes else 0
            if any("Italic" in span["font"] and span["size"] > body + 0.5 for span in spans):
                return (index, index + 1) if index % 2 else (index - 1, index)
    return opening + 1, opening + 2


def page_image(pdf: Path, index: int, dpi: int = PICTURE_DPI) -> Image.Image:
    """Page `index` (0-based) of `pdf` rendered by pdftoppm at `dpi`."""
    number = str(index + 1)
    rendered = subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", "-f", number, "-l", number, "-singlefile", str(pdf)],
        check=True, capture_output=True,
    ).stdout
    with Image.open(io.BytesIO(rendered)) as image:
        return image.convert("RGB")


def spread_image(left: Image.Image, right: Image.Image) -> Image.Image:
    """Two facing pages side by side, with a thin grey fold between them."""
    spread = Image.new("RGB", (left.width + GUTTER + right.width, max(left.height, right.height)), FOLD)
    spread.paste(left, (0, 0))
    spread.paste(right, (left.width + GUTTER, 0))
    return spread


def png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def pictures(output: Path, slug: str, first_title: str) -> dict[str, bytes]:
    """The README's pictures, by file name, from a build written to `output`."""
    pdf = output / f"{slug}.pdf"
    opening = opening_index(pdf, first_title)
    left, right = pull_quote_spread(pdf, opening)
    return {
        "opening.png": png(page_image(pdf, opening)),
        "spread.png": png(spread_image(page_image(pdf, left), page_image(pdf, right))),
        "preview.png": (output / f"{slug}-preview.png").read_bytes(),
    }


def build_seed(output: Path) -> tuple[str, str]:
    """Build the seed reader into `output`; its slug and the title of its first text."""
    from pamphleteer.pipeline import assemble, build
    from pamphleteer.sources import read_sources

    build(ROOT / "sources", output, epoch=EPOCH)
    publication, _ = assemble(read_sources(ROOT / "sources"))
    return publication.settings.slug, publication.texts[0].title


def main(argv: list[str]) -> int:
    check = "--check" in argv
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder)
        slug, title = build_seed(output)
        made = pictures(output, slug, title)
    stale = [name for name, data in made.items()
             if not (DOCS / name).is_file() or (DOCS / name).read_bytes() != data]
    if check:
        for name in stale:
            print(f"docs/{name} is stale or missing: run scripts/readme_pictures.py")  # noqa: T201
        return 1 if stale else 0
    for name, data in made.items():
        (DOCS / name).write_bytes(data)
        print(f"docs/{name}: {len(data) // 1024} KB" + (" (changed)" if name in stale else ""))  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
