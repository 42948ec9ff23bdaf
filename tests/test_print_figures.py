"""A figure in the print edition as a screen reader reads the PDF's tags: its words once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest

from tests.conftest import EPOCH, JOBS
from tests.test_images import write_publication


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The print edition of a text with figures (test_images.py's): one whose caption repeats its alt
    text ("Pickets round the brazier at night", a 600 x 300 picture), one whose caption does not."""
    from pamphleteer.pipeline import build

    root = write_publication(tmp_path_factory.mktemp("figures") / "sources")
    output = tmp_path_factory.mktemp("figures-out")
    build(root, output, formats=("pdf",), epoch=EPOCH, jobs=JOBS)
    return output / "pictures.pdf"


def elements(node: pikepdf.Object) -> Iterator[pikepdf.Dictionary]:
    """Every structure element under `node`."""
    kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid
            yield from elements(kid)


def images_drawn(pdf: pikepdf.Pdf) -> list[tuple[int, int, bool]]:
    """Each image drawn on a page, directly or in a form: its width, height, and whether as an artifact."""
    found = []

    def draw(stream: pikepdf.Object, resources: pikepdf.Dictionary, outer: list[str]) -> None:
        marks = list(outer)
        for operands, operator in pikepdf.parse_content_stream(stream):
            name = str(operator)
            if name in ("BDC", "BMC"):
                marks.append(str(operands[0]))
            elif name == "EMC" and marks:
                marks.pop()
            elif name == "Do":
                shown = resources.get("/XObject", {}).get(operands[0])
                if shown is None:
                    continue
                if shown.get("/Subtype") == "/Image":
                    found.append((int(shown.Width), int(shown.Height), "/Artifact" in marks))
                elif shown.get("/Subtype") == "/Form":
                    draw(shown, shown.get("/Resources", resources), marks)

    for page in pdf.pages:
        draw(page.obj, page.Resources, [])
    return found


def test_a_caption_that_repeats_the_alt_text_is_read_once(printed):
    """WeasyPrint ignores aria-hidden: the picture whose caption says what its alt text says is drawn as
    an artifact, so the tags hold its words once (the caption); the old edition tagged the picture as a
    Figure with that alt text as well as its caption."""
    import pymupdf

    with pikepdf.open(printed) as pdf:
        alts = [str(element.Alt) for element in elements(pdf.Root.StructTreeRoot)
                if element.S == "/Figure" and "/Alt" in element]
        drawn = images_drawn(pdf)
    with pymupdf.open(printed) as document:
        text = " ".join(" ".join(page.get_text().split()) for page in document)
    caption = "Pickets round the brazier at night"
    assert text.count(caption) == 1  # printed under the picture
    assert caption not in alts  # and not read again as the picture's alt text
    assert (600, 300, True) in drawn  # the picture is printed, as an artifact
    # a caption of its own: the picture keeps its alt text, and is tagged
    assert "A red banner" in alts and (1200, 800, False) in drawn
    assert text.count("The union banner at the gate.") == 1
