"""A publication's own look: its styles/ are read after the built-in stylesheets, and rebuild."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import fitz
import pytest

from pamphleteer import codes, pipeline
from pamphleteer.errors import ConfigurationError
from pamphleteer.locations import TEMPLATES
from pamphleteer.look import Look, read_look
from pamphleteer.render.templates import render_template
from pamphleteer.scaffold import scaffold
from tests.conftest import EPOCH, JOBS, SOURCES

RED, BLUE = 0xC80000, 0x0000C8


@dataclass(frozen=True)
class Holder:
    """Stands for the publication where a template is given only its look."""

    look: Look


def coloured_text(pdf: Path, colour: int) -> str:
    """All the text of `pdf` set in `colour` (an sRGB integer, as PyMuPDF gives it)."""
    with fitz.open(pdf) as document:
        return " ".join(
            span["text"] for page in document for block in page.get_text("dict")["blocks"]
            for line in block.get("lines", ()) for span in line["spans"] if span["color"] == colour
        )


def test_own_styles_colour_the_headings_and_a_changed_one_rebuilds(tmp_path):
    folder = tmp_path / "pub"
    scaffold(folder, "A Reader")
    text = sorted((SOURCES / "texts").glob("*.md"))[-1]  # the shorter of the two
    (folder / "texts" / text.name).write_bytes(text.read_bytes())
    styles = folder / "styles"
    styles.mkdir()
    (styles / "print.css").write_text("h1 { color: rgb(200, 0, 0) }\n", encoding="utf-8")
    (styles / "web.css").write_text("h1 { color: rgb(200, 0, 0) }\n", encoding="utf-8")
    outside = tmp_path / "elsewhere.css"
    outside.write_text("body { color: rgb(1, 2, 3) }\n", encoding="utf-8")
    (styles / "ebook.css").symlink_to(outside)
    output = tmp_path / "out"

    first = pipeline.build(folder, output, ("pdf", "epub", "html"), epoch=EPOCH, jobs=JOBS)
    pdf, html = output / "a-reader.pdf", output / "a-reader.html"
    title = coloured_text(pdf, RED)
    assert title.startswith("A Reader")  # the publication's title (the cover's h1), in red
    assert "Contents" not in title  # and only the h1: the contents' heading is an h2
    assert "h1 { color: rgb(200, 0, 0) }" in html.read_text(encoding="utf-8")
    refused = [d for d in first.diagnostics if d.code == codes.OWN_STYLE_REFUSED]
    assert [(d.file, "outside the publication folder" in d.message) for d in refused] == [
        (styles / "ebook.css", True)]
    with zipfile.ZipFile(output / "a-reader.epub") as epub:
        assert "rgb(1, 2, 3)" not in epub.read("EPUB/style/ebook.css").decode()

    (styles / "print.css").write_text("h1 { color: rgb(0, 0, 200) }\n", encoding="utf-8")
    again = pipeline.build(folder, output, ("pdf", "epub", "html"), epoch=EPOCH, jobs=JOBS)
    assert not again.up_to_date
    assert coloured_text(pdf, BLUE) == title and not coloured_text(pdf, RED)


def test_own_templates_override_the_built_in_ones_by_name_in_the_sandbox(tmp_path):
    folder = tmp_path / "pub"
    scaffold(folder, "A Reader")
    text = sorted((SOURCES / "texts").glob("*.md"))[-1]
    (folder / "texts" / text.name).write_bytes(text.read_bytes())
    own = folder / "templates" / "html"
    own.mkdir(parents=True)
    page = (TEMPLATES / "html" / "page.html").read_text(encoding="utf-8")
    (own / "page.html").write_text(page.replace("</body>", "<p>Printed by the Bread Co-op</p>\n</body>"),
                                   encoding="utf-8")
    outside = tmp_path / "summary.txt"
    outside.write_text("NOT FROM THE PUBLICATION", encoding="utf-8")
    (folder / "templates" / "epub").mkdir()
    (folder / "templates" / "epub" / "summary.txt").symlink_to(outside)
    output = tmp_path / "out"

    result = pipeline.build(folder, output, ("epub", "html"), epoch=EPOCH, jobs=JOBS)
    assert "<p>Printed by the Bread Co-op</p>" in (output / "a-reader.html").read_text(encoding="utf-8")
    refused = [d.file for d in result.diagnostics if d.code == codes.OWN_TEMPLATE_REFUSED]
    assert refused == [folder / "templates" / "epub" / "summary.txt"]
    with zipfile.ZipFile(output / "a-reader.epub") as epub:
        assert not any(b"NOT FROM THE PUBLICATION" in epub.read(name) for name in epub.namelist())


def test_own_templates_cannot_reach_python_internals(tmp_path):
    own = tmp_path / "templates" / "epub"
    own.mkdir(parents=True)
    (own / "summary.txt").write_text("{{ ''.__class__.__mro__ }}", encoding="utf-8")
    look, _ = read_look(tmp_path)
    with pytest.raises(ConfigurationError) as stopped:
        render_template("epub/summary.txt", pub=Holder(look))
    assert "attribute '__class__' of 'str' object is unsafe" in str(stopped.value)
    where = own.resolve() / "summary.txt"
    assert (stopped.value.diagnostic.file, stopped.value.diagnostic.line) == (where, 1)
    (own / "summary.txt").write_text("fine\n{% if %}\n", encoding="utf-8")
    with pytest.raises(ConfigurationError) as broken:
        render_template("epub/summary.txt", pub=Holder(look))
    assert (broken.value.diagnostic.file, broken.value.diagnostic.line) == (where, 2)


def test_own_stylesheets_name_files_inside_the_folder_packed_and_embedded(tmp_path):
    from pamphleteer.check.epub import epubcheck

    folder = tmp_path / "pub"
    scaffold(folder, "A Reader")
    text = sorted((SOURCES / "texts").glob("*.md"))[-1]
    (folder / "texts" / text.name).write_bytes(text.read_bytes())
    (folder / "images").mkdir()
    paper = fitz.Pixmap(fitz.csRGB, fitz.IRect(0, 0, 4, 4), 0).tobytes()  # a PNG
    (folder / "images" / "paper.png").write_bytes(paper)
    (tmp_path / "outside.png").write_bytes((folder / "images" / "paper.png").read_bytes())
    css = ('body { background: url("../images/paper.png"); }\n'
           'h1 { background: url("https://example.org/x.png"); }\n'
           'h2 { background: url("../../outside.png"); }\n')
    (folder / "styles").mkdir()
    (folder / "styles" / "ebook.css").write_text(css, encoding="utf-8")
    (folder / "styles" / "web.css").write_text(css, encoding="utf-8")
    output = tmp_path / "out"
    result = pipeline.build(folder, output, ("epub", "html"), epoch=EPOCH, jobs=JOBS)

    refused = sorted((d.file.name, d.line, d.message.split(" is not used: ")[1][:20])
                     for d in result.diagnostics if d.code == codes.OWN_STYLE_REFUSED)
    assert refused == [("ebook.css", 2, "it is not a file of "), ("ebook.css", 3, "it is outside the pu"),
                       ("web.css", 2, "it is not a file of "), ("web.css", 3, "it is outside the pu")]
    with zipfile.ZipFile(output / "a-reader.epub") as epub:
        packed = epub.read("EPUB/own/images/paper.png")
        style = epub.read("EPUB/style/ebook.css").decode()
        opf = epub.read("EPUB/content.opf").decode()
    assert packed == (folder / "images" / "paper.png").read_bytes()
    assert 'body { background: url("../own/images/paper.png"); }' in style
    assert "example.org" not in style and "outside.png" not in style
    assert re.search(r'<item (?=[^>]*href="own/images/paper.png")(?=[^>]*media-type="image/png")', opf), opf
    page = (output / "a-reader.html").read_text(encoding="utf-8")
    assert 'body { background: url("data:image/png;base64,' in page and "example.org" not in page
    checked = epubcheck(output / "a-reader.epub")
    assert checked.passed and checked.summary == "0 errors, 0 warnings", checked.diagnostics
