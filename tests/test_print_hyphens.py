"""Hyphenation in the print edition as a reader sees it, with each vendored text face."""

from __future__ import annotations

import shutil
from pathlib import Path

import pymupdf
import pytest

from tests.conftest import EPOCH, JOBS, SOURCES


@pytest.fixture(scope="module")
def gentium(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed reader's print edition set in Gentium Book Plus (A5)."""
    from pamphleteer.pipeline import build

    sources = tmp_path_factory.mktemp("gentium") / "sources"
    shutil.copytree(SOURCES, sources, ignore=shutil.ignore_patterns(".pamphleteer", "output"))
    settings = sources / "publication.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text('font = "Gentium Book Plus"\n' + text, encoding="utf-8")
    output = tmp_path_factory.mktemp("gentium-out")
    build(sources, output, formats=("pdf",), epoch=EPOCH, jobs=JOBS)
    return next(path for path in output.glob("*.pdf") if not path.stem.endswith("-booklet"))


def lines_of(path: Path) -> list[tuple[int, str]]:
    """Every line of text on every page: (page number, its text)."""
    with pymupdf.open(path) as document:
        return [(number, "".join(span["text"] for span in line["spans"]).strip())
                for number, page in enumerate(document, 1)
                for block in page.get_text("dict")["blocks"] for line in block.get("lines", [])]


def test_no_line_holds_only_the_first_part_of_a_hyphenated_word(gentium):
    """In Gentium, WeasyPrint set the introduction's "cit- / izens" with "cit-" alone on a line (its
    shortest hyphenation did not fit the line before, and it kept the break all the same)."""
    fragments = [(number, text) for number, text in lines_of(gentium)
                 if len(text.split()) == 1 and text.endswith("-") and "/" not in text]
    assert fragments == []
    assert any("izens were spoken of" in text for _number, text in lines_of(gentium))
