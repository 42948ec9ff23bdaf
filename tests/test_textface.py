"""A publication's own text face (`font` in publication.toml): chosen, checked, and set in every edition."""

from __future__ import annotations

import dataclasses
import re
import zipfile
from pathlib import Path

import fitz
import pytest
from fontTools.ttLib import TTFont

from pamphleteer import codes, pipeline
from pamphleteer.check import own_families
from pamphleteer.check.pdf import fonts
from pamphleteer.config import load_settings
from pamphleteer.errors import ConfigurationError
from pamphleteer.locations import FONTS
from pamphleteer.look import Look
from pamphleteer.render.glyphs import unprintable
from pamphleteer.render.typefaces import typefaces
from pamphleteer.scaffold import scaffold
from pamphleteer.textface import text_face
from tests.conftest import EPOCH, JOBS, SOURCES

BASE = FONTS / "ttf" / "source-code-pro-400-normal.ttf"  # a small OFL font to make test faces from
OFL = "This Font Software is licensed under the SIL Open Font License, Version 1.1."
PRIVATE = "\ue000"  # a character no vendored face has; the test faces draw it


def make_font(path: Path, family: str = "Pamphlet Test", italic: bool = False, bold: bool = False,
              fs_type: int = 0, licence: str = OFL) -> Path:
    """A font file named `family` (made from Source Code Pro), with a glyph for PRIVATE."""
    with TTFont(BASE) as font:
        names = font["name"]
        for name_id in (1, 16):
            names.removeNames(nameID=name_id)
        names.setName(family, 1, 3, 1, 0x409)
        names.removeNames(nameID=13)
        names.removeNames(nameID=14)
        if licence:
            names.setName(licence, 13, 3, 1, 0x409)
        names.setName("The Test Foundry", 8, 3, 1, 0x409)
        os2 = font["OS/2"]
        os2.fsType = fs_type
        os2.usWeightClass = 700 if bold else 400
        os2.fsSelection = (os2.fsSelection & ~0x61) | (0x01 if italic else 0) | (0x20 if bold else 0)
        font["head"].macStyle = (0x02 if italic else 0) | (0x01 if bold else 0)
        for table in font["cmap"].tables:
            if table.isUnicode():
                table.cmap[ord(PRIVATE)] = table.cmap[ord("x")]
        path.parent.mkdir(parents=True, exist_ok=True)
        font.save(path)
    return path


def publication_with(folder: Path, font: str) -> Path:
    scaffold(folder, "A Reader")
    settings = folder / "publication.toml"
    settings.write_text(f"font = {font}\n" + settings.read_text(encoding="utf-8"), encoding="utf-8")
    return settings


def line_of_font(settings: Path) -> int:
    return next(number for number, line in enumerate(settings.read_text().splitlines(), 1)
                if line.startswith("font"))


@pytest.mark.parametrize(
    ("value", "message"),
    [('{ italic = "fonts/a.ttf" }', "'font' names no regular face"),
     ('{ regular = "fonts/a.ttf", heavy = "fonts/b.ttf" }', "unknown key 'font.heavy'"),
     ("12", "'font' must be a face's name, a path in quotes, or a table")],
)
def test_a_font_setting_that_cannot_be_meant_stops_the_build_naming_it(tmp_path, value, message):
    settings = publication_with(tmp_path / "pub", value)
    with pytest.raises(ConfigurationError, match=re.escape(message)):
        load_settings(settings)


def test_font_is_read_at_the_top_or_in_print_but_not_both(tmp_path):
    settings = publication_with(tmp_path / "pub", '"Gentium Book Plus"')
    assert load_settings(settings).font == (("regular", "Gentium Book Plus"),)
    text = settings.read_text(encoding="utf-8").replace('font = "Gentium Book Plus"\n', "")
    assert "[print]" in text  # init writes the print table
    table = 'font = { regular = "fonts/a.ttf", bold = "fonts/b.ttf", bold-italic = "fonts/c.ttf" }\n'
    settings.write_text(text.replace("[print]\n", "[print]\n" + table))
    read = load_settings(settings)
    assert read.font == (("regular", "fonts/a.ttf"), ("bold", "fonts/b.ttf"), ("bold_italic", "fonts/c.ttf"))
    assert read.font_line == line_of_font(settings)
    settings.write_text('font = "x"\n' + settings.read_text())
    with pytest.raises(ConfigurationError, match="'font' is given twice"):
        load_settings(settings)


def test_a_vendored_face_is_chosen_by_its_name_and_crimson_pro_changes_nothing(tmp_path):
    settings = publication_with(tmp_path / "pub", '"gentium book plus"')
    face, warnings = text_face(load_settings(settings))
    assert face is not None and face.name == "Gentium Book Plus" and face.vendored and not warnings
    assert [(file.path.name, file.style) for file in face.files] == [
        ("GentiumBookPlus-Regular.ttf", "normal"), ("GentiumBookPlus-Italic.ttf", "italic")]
    settings.write_text(settings.read_text().replace('"gentium book plus"', '"Crimson Pro"'))
    assert text_face(load_settings(settings)) == (None, ())


def test_a_name_finds_the_faces_its_files_say_they_are(tmp_path):
    folder = tmp_path / "pub"
    settings = publication_with(folder, '"fonts/Pamphlet"')
    make_font(folder / "fonts" / "Pamphlet-Regular.ttf")
    make_font(folder / "fonts" / "Pamphlet-Italic.ttf", italic=True)
    make_font(folder / "fonts" / "Pamphlet-Bold.ttf", bold=True)
    face, warnings = text_face(load_settings(settings))
    assert not warnings and face is not None
    assert (face.name, face.family, face.maker, face.ofl) == (
        "Pamphlet Test", "Pamphlet Test", "The Test Foundry", True)
    assert [(file.path.name, file.style, file.weight) for file in face.files] == [
        ("Pamphlet-Italic.ttf", "italic", 400), ("Pamphlet-Regular.ttf", "normal", 400),
        ("Pamphlet-Bold.ttf", "normal", 700)]


@pytest.mark.parametrize(
    ("make", "why"),
    [(lambda folder: None, "there is no such file"),
     (lambda folder: (folder / "fonts").mkdir() or (folder / "fonts" / "a.ttf").write_text("not a font"),
      "it is not a font file"),
     (lambda folder: make_font(folder / "fonts" / "a.ttf", fs_type=0x0002), "forbids embedding it"),
     (lambda folder: make_font(folder / "fonts" / "a.ttf", fs_type=0x0100), "forbids subsetting it"),
     (lambda folder: make_font(folder / "fonts" / "a.ttf", licence="All rights reserved. Not for embedding."),
      "not under the SIL Open Font License (it says: All rights reserved"),
     (lambda folder: (make_font(folder.parent / "a.ttf"), (folder / "fonts").mkdir(),
                      (folder / "fonts" / "a.ttf").symlink_to(folder.parent / "a.ttf")),
      "outside the publication folder")],
    ids=["missing", "not-a-font", "restricted", "no-subsetting", "not-ofl", "outside"],
)
def test_a_font_that_cannot_be_used_is_refused_naming_publication_toml_and_its_line(tmp_path, make, why):
    folder = tmp_path / "pub"
    settings = publication_with(folder, '{ regular = "fonts/a.ttf" }')
    make(folder)
    face, warnings = text_face(load_settings(settings))
    assert face is None  # the editions keep Crimson Pro
    assert {(d.code, d.file, d.line) for d in warnings} == {
        (codes.OWN_FONT_REFUSED, settings, line_of_font(settings))}
    assert why in warnings[0].message and "fonts/a.ttf" in warnings[0].message
    assert warnings[0].message.endswith("without a regular face every edition keeps Crimson Pro")


def test_a_path_out_of_the_folder_is_refused(tmp_path):
    make_font(tmp_path / "a.ttf")
    settings = publication_with(tmp_path / "pub", '"../a.ttf"')
    face, warnings = text_face(load_settings(settings))
    assert face is None and "outside the publication folder" in warnings[0].message


@pytest.fixture(scope="module")
def own_face_build(tmp_path_factory):
    """The shorter seed text built in every edition, set in a face of the publication's own."""
    root = tmp_path_factory.mktemp("own-face")
    folder = root / "pub"
    settings = publication_with(folder, '{ regular = "fonts/Pamphlet-Regular.ttf", italic = "fonts/It.ttf" }')
    make_font(folder / "fonts" / "Pamphlet-Regular.ttf")
    make_font(folder / "fonts" / "It.ttf", italic=True)
    text = sorted((SOURCES / "texts").glob("*.md"))[-1]
    (folder / "texts" / text.name).write_text(
        text.read_text(encoding="utf-8") + f"\n\nA private sign: {PRIVATE}.\n", encoding="utf-8")
    result = pipeline.build(folder, root / "out", ("pdf", "epub", "html"), epoch=EPOCH, jobs=JOBS)
    return folder, settings, root / "out", result


def test_every_edition_is_set_in_the_chosen_face_and_names_it(own_face_build):
    _, _, output, result = own_face_build
    with fitz.open(output / "a-reader.pdf") as pdf:
        fonts = {font[3] for page in pdf for font in page.get_fonts()}
        colophon = next(page.get_text() for page in pdf if "Set in " in page.get_text())
    assert any("PamphletTest" in name.replace("-", "") for name in fonts), fonts
    assert "Set in Pamphlet Test, by The Test Foundry" in " ".join(colophon.split())
    with zipfile.ZipFile(output / "a-reader.epub") as epub:
        names = epub.namelist()
        css = epub.read("EPUB/style/ebook.css").decode()
        opf = epub.read("EPUB/content.opf").decode()
        credits = " ".join(epub.read(next(n for n in names if "sources-and-credits" in n)).decode().split())
    assert {"EPUB/fonts/text-400-normal.woff2", "EPUB/fonts/text-400-italic.woff2"} <= set(names)
    assert 'href="fonts/text-400-normal.woff2"' in opf
    assert not [name for name in names if "crimson-pro" in name]  # the face has every letter the book has
    assert 'body { font-family: "Pamphlet Test", "Crimson Pro"' in css
    assert "Set in Pamphlet Test, by The Test Foundry" in credits
    page = (output / "a-reader.html").read_text(encoding="utf-8")
    assert re.search(r'font-family: "Pamphlet Test"; font-style: normal; font-weight: 400; '
                     r'src: url\("data:font/woff2;base64,', page)
    assert '--serif: "Pamphlet Test", "Crimson Pro"' in page
    assert "Set in Pamphlet Test, by The Test Foundry" in page
    assert not [d for d in result.diagnostics if d.code == codes.OWN_FONT_REFUSED]


def test_a_character_only_the_chosen_face_has_is_printable(own_face_build):
    folder, _, _, result = own_face_build
    assert not [d for d in result.diagnostics if d.code == codes.UNPRINTABLE_CHARACTER]
    publication, _ = pipeline.assemble(pipeline.read_sources(folder))
    assert publication.look.face is not None
    without = dataclasses.replace(publication, look=Look())
    assert [d.message[:11] for d in unprintable(without)] == [f"'{PRIVATE}' (U+E000"]
    assert typefaces(without)[0] == "Crimson Pro, by the Crimson Pro Project Authors"


def test_the_pdf_check_knows_the_chosen_face_is_no_fallback(own_face_build):
    folder, _, output, _ = own_face_build
    assert not fonts(output / "a-reader.pdf").passed  # a face of no vendored family
    assert fonts(output / "a-reader.pdf", own_families(folder)).passed


def test_a_changed_font_file_rebuilds_every_edition(own_face_build):  # last: it changes the face
    folder, _, output, _ = own_face_build
    names = ("a-reader.pdf", "a-reader.epub", "a-reader.html")
    before = {name: (output / name).read_bytes() for name in names}
    make_font(folder / "fonts" / "Pamphlet-Regular.ttf", family="Pamphlet Other")
    again = pipeline.build(folder, output, ("pdf", "epub", "html"), epoch=EPOCH, jobs=JOBS)
    assert not again.up_to_date
    for name, data in before.items():
        assert (output / name).read_bytes() != data, name
    assert "Pamphlet Other" in (output / "a-reader.html").read_text(encoding="utf-8")
