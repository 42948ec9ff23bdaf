"""Images reach every edition: checked in the sources, printed, packed in the ebook, embedded in the web."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pikepdf
import pytest

from pamphleteer.errors import Severity
from pamphleteer.parse import Block
from pamphleteer.render.markup import Writer
from tests.conftest import EPOCH, JOBS

TEXT = """\
---
title: Pictures of the strike
author: Ann Example
image: {file: images/strike/gate.png, alt: Strikers at the depot gate, caption: The depot at dawn}
questions:
  - What do the pictures show?
---
The strike began at dawn, when the first shift refused to go in and stood at the gate.

![The union banner at the gate. Photo: A. Photographer](images/strike/banner.jpg){alt="A red banner"}

By noon the whole depot was out ![a blue badge](images/strike/badge.png) and the managers called for talks.

![A picture that was never saved](images/strike/missing.jpg)

![](images/strike/badge.png)

![Pickets round the brazier at night](images/strike/gate.png)

The strikers went home at dusk, more certain of one another than they had ever been.
"""


def picture(kind: str, size: tuple[int, int], colour: tuple[int, int, int]) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, kind)
    return out.getvalue()


@pytest.fixture(scope="module")
def publication(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small publication of one text with two images (and one missing)."""
    return write_publication(tmp_path_factory.mktemp("pictures") / "sources")


def write_publication(root: Path) -> Path:
    """Write at `root` the publication of one text with images that these tests and
    test_print_figures.py build."""
    (root / "texts").mkdir(parents=True)
    (root / "images" / "strike").mkdir(parents=True)
    (root / "publication.toml").write_text(
        'title = "Pictures"\nlanguage = "en"\nidentifier = "urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427"\n'
        'rights = "Free to copy."\n', encoding="utf-8")
    (root / "texts" / "strike.md").write_text(TEXT, encoding="utf-8")
    (root / "images" / "strike" / "banner.jpg").write_bytes(picture("JPEG", (1200, 800), (200, 60, 50)))
    (root / "images" / "strike" / "badge.png").write_bytes(picture("PNG", (40, 40), (20, 20, 160)))
    (root / "images" / "strike" / "gate.png").write_bytes(picture("PNG", (600, 300), (40, 120, 40)))
    return root


@pytest.fixture(scope="module")
def built(publication: Path, tmp_path_factory: pytest.TempPathFactory):
    from pamphleteer.pipeline import build

    output = tmp_path_factory.mktemp("pictures-out")
    return output, build(publication, output, epoch=EPOCH, jobs=JOBS)


def test_a_missing_image_or_no_alt_text_is_a_warning_naming_file_and_line(built, publication):
    output, result = built
    warnings = [d for d in result.diagnostics if d.severity is Severity.WARNING and d.code.startswith("W11")]
    text = publication / "texts" / "strike.md"
    assert [(d.code, d.file, d.line) for d in warnings] == [("W110", text, 14), ("W113", text, 16)]
    assert "images/strike/missing.jpg" in warnings[0].message
    web = (output / "pictures.html").read_text(encoding="utf-8")
    assert "The strikers went home at dusk" in web


def test_the_web_edition_embeds_each_image_with_its_alt_text_and_caption(built, publication):
    web = (built[0] / "pictures.html").read_text(encoding="utf-8")
    marker = r"(?:<span class=\"page-break\"[^>]*></span>)*"  # print pages may begin in the caption
    figure = re.search(r"<figure[^>]*>\s*<img src=\"data:image/jpeg;base64,([^\"]+)\" alt=\"([^\"]*)\" />\s*"
                       r"<figcaption>" + marker + r"([^<]*)</figcaption>", web)
    assert figure is not None
    import base64

    banner = publication / "images" / "strike" / "banner.jpg"
    assert base64.b64decode(figure.group(1)) == banner.read_bytes()
    assert figure.group(2) == "A red banner"
    assert figure.group(3) == "The union banner at the gate. Photo: A. Photographer"
    assert re.search(r'out <img class="inline-image" src="data:image/png;base64,[^"]+" alt="a blue badge" />',
                     web)
    assert 'src="images/' not in web and "file:" not in web  # one self-contained file
    assert re.search(r'alt="Pickets round the brazier at night" />\s*<figcaption aria-hidden="true">'
                     + marker + r"Pickets round the brazier at night</figcaption>", web)


def test_the_opening_image_begins_the_text_in_every_edition(built):
    web = (built[0] / "pictures.html").read_text(encoding="utf-8")
    body = web[web.index('<div class="text-body">'):]
    assert re.match(r'<div class="text-body">\s*<figure id="strike-4">\s*<img src="data:image/png;base64,'
                    r'[^"]+" alt="Strikers at the depot gate" />\s*<figcaption>'
                    r'(<span class="page-break"[^>]*></span>)*The depot at dawn</figcaption>', body)
    with zipfile.ZipFile(built[0] / "pictures.epub") as book:
        name = next(n for n in book.namelist() if n.endswith("text-strike.xhtml"))
        xhtml = book.read(name).decode("utf-8")
    assert '<img src="media/images/strike/gate.png" alt="Strikers at the depot gate" />' in xhtml


def test_the_ebook_packs_each_image_in_its_manifest(built, publication):
    with zipfile.ZipFile(built[0] / "pictures.epub") as book:
        names = book.namelist()
        opf = book.read(next(name for name in names if name.endswith(".opf"))).decode("utf-8")
        xhtml = book.read(next(name for name in names if name.endswith("text-strike.xhtml"))).decode("utf-8")
        packed = next(name for name in names if name.endswith("media/images/strike/banner.jpg"))
        assert book.read(packed) == (publication / "images" / "strike" / "banner.jpg").read_bytes()
    item = re.search(r'<item [^>]*href="media/images/strike/banner.jpg"[^>]*>', opf)
    assert item is not None and 'media-type="image/jpeg"' in item.group(0)
    assert 'href="media/images/strike/badge.png"' in opf
    assert "missing.jpg" not in opf
    assert re.search(r'<figure[^>]*>\s*<img src="media/images/strike/banner.jpg" alt="A red banner" />'
                     r'\s*<figcaption>(<span [^>]*pagebreak[^>]*></span>)?The union banner', xhtml)


def test_the_ebooks_accessibility_metadata_says_it_has_images_and_which_lack_a_text_alternative(built):
    with zipfile.ZipFile(built[0] / "pictures.epub") as book:
        opf = book.read(next(name for name in book.namelist() if name.endswith(".opf"))).decode("utf-8")
        shown = sum(len(re.findall(r'<img\b[^>]* src="media/', book.read(name).decode("utf-8")))
                    for name in book.namelist() if name.endswith(".xhtml"))

    def meta(name: str) -> list[str]:
        return re.findall(rf'<meta property="{name}">([^<]*)</meta>', opf)

    assert meta("schema:accessMode") == ["textual", "visual"]
    assert meta("schema:accessModeSufficient") == ["textual,visual"]  # one image has no text alternative
    assert "alternativeText" not in meta("schema:accessibilityFeature")
    (summary,) = meta("schema:accessibilitySummary")
    assert "text-only" not in summary and "no images" not in summary
    assert f"It has {shown} images besides the cover, 1 of them without a text alternative" in summary
    assert "Pull quotes" not in summary  # the text has none
    assert "and 1 question for discussion. It has" in summary and "  " not in summary
    assert "animation. Every part" in summary


@pytest.mark.needs("pdftotext")
def test_the_print_edition_prints_the_image_within_the_measure(built):
    with pikepdf.open(built[0] / "pictures.pdf") as pdf:
        shown = []
        for number, page in enumerate(pdf.pages):
            for image in page.get_images().values():
                shown.append((number, int(image.Width), int(image.Height)))
        assert (1200, 800) in [(width, height) for _, width, height in shown]
        page_width = float(pdf.pages[0].mediabox[2])
    import subprocess

    text = subprocess.run(["pdftotext", str(built[0] / "pictures.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "The union banner at the gate. Photo: A. Photographer" in text
    assert "Pickets round the brazier at night" in text  # a lone image's description is its caption
    assert page_width < 500  # A5: the 1200-pixel image is scaled to the measure, not printed at its size


@pytest.mark.slow
def test_the_validators_pass_with_images_in(built, publication):
    """EPUBCheck, DAISY Ace, the Nu Html Checker, axe and the fidelity check, through `build.py check`."""
    import json

    from tests.test_check import require_tools, run_check

    require_tools()
    result = run_check(built[0], publication)
    report = json.loads((built[0] / "check-report.json").read_text(encoding="utf-8"))
    names = {row["check"] for row in report["checks"]}
    assert {"EPUBCheck", "DAISY Ace", "Nu Html Checker", "axe", "fidelity"} <= names
    assert result.returncode == 0, result.stdout + result.stderr


def image_block(markdown: str, line: int = 3) -> Block:
    from pamphleteer.parse import markdown_to_blocks

    (block,) = markdown_to_blocks(markdown, path=Path("x.md"), first_line=line)
    return block


@pytest.mark.parametrize(
    ("markdown", "html"),
    [
        ('![The gate at dawn](images/a.png){alt="Strikers at the gate"}',
         '<figure id="t-1">\n<img src="SRC/images/a.png" alt="Strikers at the gate" />\n'
         "<figcaption>The gate at dawn</figcaption>\n</figure>"),
        ("![Strikers at the gate](images/a.png)",  # its description is its caption too, read once
         '<figure id="t-1">\n<img src="SRC/images/a.png" alt="Strikers at the gate" />\n'
         '<figcaption aria-hidden="true">Strikers at the gate</figcaption>\n</figure>'),
        ('![Strikers at the gate](images/a.png){alt="Strikers at the gate"}',
         '<figure id="t-1">\n<img src="SRC/images/a.png" alt="Strikers at the gate" />\n'
         '<figcaption aria-hidden="true">Strikers at the gate</figcaption>\n</figure>'),
        ("![](images/a.png)",
         '<figure id="t-1">\n<img src="SRC/images/a.png" alt="" />\n</figure>'),
        ('![Strikers at the gate](images/a.png "The gate at dawn")',
         '<figure id="t-1">\n<img src="SRC/images/a.png" alt="Strikers at the gate" />\n'
         "<figcaption>The gate at dawn</figcaption>\n</figure>"),
        ("Out ![a badge](images/a.png) today.",
         '<p id="t-1">Out <img class="inline-image" src="SRC/images/a.png" alt="a badge" /> today.</p>'),
        ("![not in this edition](images/other.png)",
         '<p id="t-1"><span class="image-alt">not in this edition</span></p>'),
    ],
)
def test_an_image_alone_in_its_paragraph_is_a_figure(markdown, html):
    writer = Writer(prefix="t", images=lambda path: f"SRC/{path}" if path == "images/a.png" else None)
    assert str(writer.blocks([image_block(markdown + "\n", line=1)])) == html


def test_without_images_an_edition_writes_the_description_as_before():
    assert str(Writer(prefix="t").blocks([image_block("![a badge](images/a.png)\n", line=1)])) == (
        '<p id="t-1"><span class="image-alt">a badge</span></p>')
