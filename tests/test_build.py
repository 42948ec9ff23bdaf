"""End to end: the seed reader builds into three valid editions with every text in them."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pypdf
import pytest

from pamphleteer.check import epubcheck
from tests.conftest import PROJECT, SOURCES
from tests.textmatch import contains_in_order

SLUG = "no-alien-but-the-capitalist"
TITLES = ("What does internationalism mean today?", "What internationalism do we need today?")
# The first and last sentence of each text's body, as a reader must find them.
SENTENCES = (
    "I think the starting point for thinking about internationalism is to think about nationalism.",
    "Our gamble is that these struggles from below for people to free themselves have this "
    "potential within them to create the basis of a new society.",
    "I remember in the 1970s someone asking Tariq Ali why he was in the International Marxist "
    "Group and a supporter of the Fourth International",
    "If you are interested in the issues raised in this article, you may find the discussion at "
    "the Internationalism Today day school organised by Anti*Capitalist Resistance this Saturday",
)


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(path).pages)


def epub_text(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return "\n".join(
            archive.read(name).decode("utf-8")
            for name in sorted(archive.namelist())
            if name.endswith(".xhtml")
        )


def test_every_edition_is_written(built):
    names = sorted(path.name for path in built.written)
    assert names == sorted([
        f"{SLUG}.pdf", f"{SLUG}-booklet.pdf", f"{SLUG}-preview.png", f"{SLUG}.epub", f"{SLUG}.html",
        f"{SLUG}-report.json",
    ])
    assert all(path.stat().st_size > 1000 for path in built.written if path.suffix != ".json")


def test_pdf_is_a5_with_both_texts(built):
    path = next(p for p in built.written if p.name == f"{SLUG}.pdf")
    reader = pypdf.PdfReader(path)
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (420, 595)  # A5 in points
    text = pdf_text(path)
    for title in TITLES:
        assert contains_in_order(text, title), title
    for sentence in SENTENCES:
        # A text's first letter is a drop cap (a float), which text extraction finds before the
        # title: look for the sentence from its second word.
        assert contains_in_order(text, sentence.split(" ", 1)[1]), sentence


def test_pdf_embeds_only_the_vendored_font(built):
    path = next(p for p in built.written if p.name == f"{SLUG}.pdf")
    reader = pypdf.PdfReader(path)
    fonts = set()
    for page in reader.pages:
        for font in (page.get("/Resources", {}).get("/Font", {}) or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font).get("/FontDescriptor")
            descriptor = descriptor.get_object()
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts.add((str(font["/BaseFont"]).split("+")[-1], embedded))
    assert fonts, "no fonts found"
    assert all(embedded for _, embedded in fonts), fonts
    assert all(name.startswith("Crimson-Pro") for name, _ in fonts), fonts


def test_pdf_has_title_page_contents_and_page_numbers(built):
    path = next(p for p in built.written if p.name == f"{SLUG}.pdf")
    reader = pypdf.PdfReader(path)
    pages = [page.extract_text() for page in reader.pages]
    labels = reader.page_labels  # the folios as printed: i, ii, … then 1, 2, …
    assert "No Alien but the Capitalist" in pages[0]
    contents = next(i for i, text in enumerate(pages) if "Contents" in text)
    starts = {
        title: next(
            i for i, text in enumerate(pages) if i > contents and title in " ".join(text.split())[:150]
        )
        for title in TITLES
    }
    # The contents give, after each title and author, the printed page on which the text starts.
    for title, index in starts.items():
        assert index > contents
        assert contains_in_order(pages[contents], f"{title} {labels[index]}", max_gap=6), (title, index)
    # Page numbers are printed at the foot of body pages.
    first = min(starts.values())
    assert labels[first] == "1"
    assert pages[first].rstrip().endswith(labels[first])


def test_epub_passes_epubcheck_and_has_both_texts(built):
    path = next(p for p in built.written if p.suffix == ".epub")
    result = epubcheck(path)
    assert result.errors == 0, [d.message for d in result.diagnostics]
    assert result.warnings == 0, [d.message for d in result.diagnostics]
    text = epub_text(path)
    for title in TITLES:
        assert contains_in_order(text, title), title
    for sentence in SENTENCES:
        assert contains_in_order(text, sentence), sentence


def test_epub_has_one_document_per_text_and_a_nav(built):
    path = next(p for p in built.written if p.suffix == ".epub")
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        assert names[0] == "mimetype"
        assert archive.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
        opf = archive.read("EPUB/content.opf").decode()
    assert "EPUB/text-camfield-internationalism-today.xhtml" in names
    assert "EPUB/text-kellaway-internationalism-today.xhtml" in names
    assert "EPUB/nav.xhtml" in names
    assert "<dc:language>en</dc:language>" in opf
    assert "<dc:title>No Alien but the Capitalist</dc:title>" in opf


def test_html_is_one_semantic_page_with_both_texts(built):
    path = next(p for p in built.written if p.suffix == ".html")
    html = path.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in html
    assert html.count("<main") == 1
    assert html.count("<article") == 2
    assert "<link" not in html and "<script" not in html  # self-contained
    for title in TITLES:
        assert contains_in_order(html, title), title
    for sentence in SENTENCES:
        assert contains_in_order(html, sentence), sentence


def run_cli(*arguments: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(PROJECT / "build.py"), *arguments],
        capture_output=True, text=True, cwd=PROJECT, env={**os.environ, **(env or {})}, check=False,
    )


def test_cli_builds_a_copy_of_the_sources_elsewhere(built, tmp_path):
    sources = tmp_path / "reader"
    shutil.copytree(SOURCES, sources)
    output = tmp_path / "out"
    # the build's own folder as the session's build of the seed left it (its print layout, which the
    # web edition's page numbers and the ebook's page list follow, from the cache): no edition in it
    shutil.copytree(built.written[0].parent / ".pamphleteer", output / ".pamphleteer", symlinks=True)
    result = run_cli("--sources", str(sources), "--output", str(output), "--format", "html,epub")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in output.glob(f"{SLUG}*")) == sorted(
        [f"{SLUG}.epub", f"{SLUG}.html", f"{SLUG}-report.json"]
    )
    assert "Traceback" not in result.stderr
    check = run_cli("check", "--output", str(output))
    assert check.returncode == 0, check.stdout + check.stderr
    assert "pass" in check.stdout


def test_cli_check_fails_on_a_broken_epub(tmp_path):
    output = tmp_path / "out"
    output.mkdir()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip")
        archive.writestr("EPUB/content.opf", "<package/>")
    (output / "broken.epub").write_bytes(buffer.getvalue())
    result = run_cli("check", "--output", str(output))
    assert result.returncode == 6
    assert "FAIL" in result.stdout and "broken.epub" in result.stdout


@pytest.mark.parametrize("arguments", [("--format", "docx"), ("--format", "")])
def test_cli_rejects_unknown_formats(arguments):
    result = run_cli(*arguments)
    assert result.returncode == 2
    assert "--format" in result.stderr
    assert "Traceback" not in result.stderr
