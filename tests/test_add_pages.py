"""`build.py add` with what people have: saved pages, Word and OpenDocument files, folders, and bad input."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pypandoc
import pytest
import yaml

from pamphleteer.add import add, suggest_slug
from pamphleteer.errors import ConfigurationError, SourceError
from pamphleteer.importers.inputs import Input, collect
from pamphleteer.normalise import Inferred
from pamphleteer.sources import read_text
from tests.conftest import PROJECT

PAGES = Path(__file__).parent / "fixtures" / "pages"
DOCUMENT = """\
---
title: Что делать с профсоюзами?
author: Ivan Petrov
date: 2024-03-05
---

## The meeting

Workers met in the hall and talked for hours about the strike, the union and the future of
their town. *Nobody* left before **midnight**, and [the minutes](https://example.org/minutes)
were kept.

> Solidarity is not a feeling; it is a habit, practised.

- the wage claim
- the hours
"""


def front_of(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text[4:text.index("\n---\n", 4)]) or {}


def everything_in(folder: Path) -> list[str]:
    """Every file and folder under `folder`, hidden ones too: what `add` must leave alone on failure."""
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


def page_input(name: str) -> Input:
    return Input(origin=str(PAGES / name), kind="page", path=PAGES / name)


def test_a_saved_page_becomes_its_article_with_the_metadata_the_page_states(sources_copy):
    added = add(page_input("salon.com.emissions.html"), sources_copy)
    assert added.path == sources_copy / "texts" / "johnson-despite-everything-u-s-emissions-dipped-in-2019.md"
    front = front_of(added.path)
    assert front["title"] == "Despite everything, U.S. emissions dipped in 2019"
    assert front["author"] == "Nathanael Johnson"
    assert str(front["date"]) == "2020-01-10"
    assert front["publication"] == "Salon.com"
    assert front["source"] == "https://www.salon.com/2020/01/10/despite-everything-u-s-emissions-dipped-in-2019_partner/"
    text = read_text(added.path)  # the build accepts it
    assert "Rhodium Group, a research firm that frequently crunches climate numbers" in text.body
    assert "Coal has been in a slow-motion death spiral" in text.body
    for furniture in ("Subscribe", "Newsletter", "Related Articles", "{.", ":::", "<div"):
        assert furniture not in text.body
    assert added.original == sources_copy / "originals" / f"{added.slug}.html"
    assert added.original.read_bytes() == (PAGES / "salon.com.emissions.html").read_bytes()


def test_a_page_title_loses_the_site_name_after_it(sources_copy):
    added = add(page_input("dw.com.colonial.html"), sources_copy)
    front = front_of(added.path)
    # not "… | DW | 19.01.2020", as the page's <title> has it
    assert front["title"] == "Berlin confronts Germany's colonial past with new initiative"
    assert front["lang"] == "en"
    body = read_text(added.path).body
    assert "Petersallee, Nachtigalplatz, and Lüderitzstrasse" in body
    # a link relative to the site is made absolute against the page's address
    assert "(https://www.dw.com/en/recognizing-germanys-colonial-crimes-work-in-progress/a-36043532)" in body


def test_the_same_page_twice_is_refused_naming_the_text_it_already_is(sources_copy):
    first = add(page_input("dw.com.colonial.html"), sources_copy)
    before = everything_in(sources_copy)
    with pytest.raises(ConfigurationError, match="already in the publication") as error:
        add(page_input("dw.com.colonial.html"), sources_copy)
    assert error.value.diagnostic.file == first.path
    assert everything_in(sources_copy) == before


def test_a_second_text_with_the_same_slug_gets_a_suffix_and_says_so(sources_copy, tmp_path):
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "solidarity.md").write_text("Workers met and organised a strike.\n",
                                                       encoding="utf-8")
    first = add(Input(origin="one", kind="markdown", path=tmp_path / "one" / "solidarity.md"), sources_copy)
    second = add(Input(origin="two", kind="markdown", path=tmp_path / "two" / "solidarity.md"), sources_copy)
    assert (first.slug, first.taken) == ("solidarity", "")
    assert (second.slug, second.taken) == ("solidarity-2", "solidarity")
    assert first.path.read_bytes() != b"" and second.path.exists()


@pytest.mark.parametrize(
    ("inferred", "slug"),
    [
        (Inferred(title="Что делать?", authors=("Николай Чернышевский",)), "chernyshevskii-chto-delat"),
        (Inferred(title="Η αλληλεγγύη σήμερα"), "e-alleleggue-semera"),
        (Inferred(title="Berlin confronts Germany's past"), "berlin-confronts-germanys-past"),
    ],
)
def test_slugs_of_titles_in_other_scripts_are_readable(inferred, slug):
    assert suggest_slug(inferred, Path("x.md")) == slug


@pytest.fixture
def documents(tmp_path: Path) -> Path:
    """A folder with a Word and an OpenDocument file that pandoc wrote, each with an image."""
    from PIL import Image

    folder = tmp_path / "reading"
    folder.mkdir()
    Image.new("RGB", (240, 160), (180, 30, 40)).save(tmp_path / "banner.png")
    markdown = DOCUMENT + "\n![The union banner at the gate](banner.png)\n"
    for suffix in ("docx", "odt"):
        pypandoc.convert_text(markdown, suffix, format="markdown", cworkdir=str(tmp_path),
                              outputfile=str(folder / f"petrov.{suffix}"))
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4 not a text")  # not a kind add takes: passed over
    return folder


def test_a_folder_adds_each_word_and_opendocument_file_in_it(sources_copy, documents):
    inputs = collect([str(documents)])
    kinds = [(Path(i.origin).name, i.kind) for i in inputs]
    assert kinds == [("petrov.docx", "word"), ("petrov.odt", "opendocument")]
    word, odt = (add(item, sources_copy) for item in inputs)
    assert word.slug == "petrov-chto-delat-s-profsoiuzami"  # from the title the Word file states
    front = front_of(word.path)
    assert (front["title"], front["author"], str(front["date"])) == (
        "Что делать с профсоюзами?", "Ivan Petrov", "2024-03-05")
    # the OpenDocument file states its title and author too (in meta.xml); its dates are when it was saved
    assert odt.slug == "petrov-chto-delat-s-profsoiuzami-2" and odt.taken == word.slug
    front = front_of(odt.path)
    assert (front["title"], front["author"]) == ("Что делать с профсоюзами?", "Ivan Petrov")
    assert str(front.get("date", "")) in ("", "2024-03-05")  # never the day the file was saved
    for added in (word, odt):
        body = read_text(added.path).body
        assert "## The meeting" in body
        assert "*Nobody* left before **midnight**" in body
        assert "[the minutes](https://example.org/minutes)" in body
        assert "> Solidarity is not a feeling" in body and "- the wage claim" in body
        assert len(added.images) == 1 and added.images[0].parent == sources_copy / "images" / added.slug
        assert f"](images/{added.slug}/{added.images[0].name})" in body
        assert added.images[0].read_bytes().startswith(b"\x89PNG")
        assert added.original.suffix == Path(added.origin).suffix


@pytest.mark.slow
def test_added_documents_and_pages_build_into_every_edition(built, sources_copy, documents, tmp_path):
    from pamphleteer.pipeline import build

    for item in [*collect([str(documents)]), page_input("salon.com.emissions.html")]:
        add(item, sources_copy)
    output = tmp_path / "out"
    # the build's own folder as the session's build of the seed left it: the seed's own texts are laid
    # out from its cache, the added ones and the parts that list them anew
    shutil.copytree(built.written[0].parent / ".pamphleteer", output / ".pamphleteer", symlinks=True)
    build(sources_copy, output)
    web = (output / "no-alien-but-the-capitalist.html").read_text(encoding="utf-8")
    assert web.count("Workers met in the hall and talked for hours") == 2
    assert "Coal has been in a slow-motion death spiral" in web
    assert (output / "no-alien-but-the-capitalist.pdf").stat().st_size > 0


def run_add(sources: Path, *arguments: str) -> subprocess.CompletedProcess:
    command = [sys.executable, str(PROJECT / "build.py"), "add", *arguments, "--sources", str(sources)]
    return subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)


def corrupt_docx(path: Path) -> None:
    path.write_bytes(b"PK\x03\x04 this is not really a zip archive")


def docx_without_document(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "no word/document.xml in here")


def no_article(path: Path) -> None:
    path.write_text("<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a> "
                    "<a href='/about'>About</a></nav></body></html>", encoding="utf-8")


def oversize_page(path: Path) -> None:
    with open(path, "wb") as handle:
        handle.truncate(11 * 1024 * 1024)  # sparse: 11 MB that take no room


def no_markup(path: Path) -> None:
    path.write_text("A few words saved as a page, without a single tag.\n", encoding="utf-8")


def jpeg(path: Path) -> None:
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(64))


def pdf(path: Path) -> None:
    path.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")


def empty_folder(path: Path) -> None:
    path.mkdir()
    (path / "photo.jpg").write_bytes(b"\xff\xd8\xff")


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("missing.docx", None, "no such file or folder"),
        ("broken.docx", corrupt_docx, "not a Word (.docx) file pandoc can read"),
        ("empty-archive.docx", docx_without_document, "not a Word (.docx) file pandoc can read"),
        ("menu.html", no_article, "no article was found in the page"),
        ("words.html", no_markup, "no article was found in the page"),
        ("huge.html", oversize_page, "11.0 MB; a file of this kind may be at most 10 MB"),
        ("pictures", empty_folder, "the folder holds no file that can be added"),
        ("broken.odt", corrupt_docx, "not an OpenDocument (.odt) file pandoc can read"),
        ("photo.jpg", jpeg, "this is an image (by its name, .jpg), not a text"),
        ("photo.txt", jpeg, "this is an image (JPEG), not a text"),
        ("scan.pdf", pdf, "this is a PDF file (by its name, .pdf), not a text"),
        ("scan.md", pdf, "this is a PDF file, not a text"),
    ],
)
def test_bad_input_is_one_clear_error_and_nothing_is_written(sources_copy, tmp_path, name, make, message):
    path = tmp_path / name
    if make is not None:
        make(path)
    before = everything_in(sources_copy)
    result = run_add(sources_copy, str(path))
    assert result.returncode == 3, result.stderr
    assert message in result.stderr and name in result.stderr
    assert "Traceback" not in result.stderr
    assert everything_in(sources_copy) == before


@pytest.mark.skipif(not Path("/dev/zero").exists() or not hasattr(os, "mkfifo"),
                    reason="needs /dev/zero and FIFOs")
def test_devices_and_pipes_are_refused_without_reading_them(sources_copy, tmp_path):
    fifo = tmp_path / "article.md"
    os.mkfifo(fifo)  # opening it to read would wait for a writer for ever
    before = everything_in(sources_copy)
    for path in ("/dev/zero", str(fifo)):
        result = run_add(sources_copy, path)
        assert result.returncode == 3
        assert "not a regular file" in result.stderr and path in result.stderr
    assert everything_in(sources_copy) == before


def test_several_at_once_add_what_can_be_added_and_say_what_could_not(sources_copy, tmp_path):
    good = tmp_path / "good.md"
    good.write_text("# Solidarity now\n\nWorkers met and organised a strike.\n", encoding="utf-8")
    result = run_add(sources_copy, str(good), str(tmp_path / "missing.md"),
                     str(PAGES / "dw.com.colonial.html"))
    assert result.returncode == 3
    assert "missing.md: there is no such file or folder" in result.stderr
    assert "Added 2 of 3 texts; 1 could not be added" in result.stdout
    assert (sources_copy / "texts" / "welle-berlin-confronts-germanys-colonial-past-with-new.md").exists()


def test_slug_with_several_texts_is_refused(sources_copy, tmp_path):
    result = run_add(sources_copy, str(PAGES / "dw.com.colonial.html"),
                     str(PAGES / "salon.com.emissions.html"), "--slug", "one-name")
    assert result.returncode == 2
    assert "--slug names one text, but 2 are being added" in result.stderr


def test_a_failure_while_writing_leaves_nothing_behind(sources_copy, monkeypatch):
    import pamphleteer.add

    def refuse(*arguments: object) -> None:
        raise SourceError("the text is refused by the build")

    monkeypatch.setattr(pamphleteer.add, "_inspect", lambda source, language: (
        refuse() if source.slug != "new-text" else (Inferred(), ())))
    before = everything_in(sources_copy)
    with pytest.raises(SourceError, match="refused by the build"):
        add(page_input("salon.com.emissions.html"), sources_copy)
    assert everything_in(sources_copy) == before


def image_bytes(kind: str, size: tuple[int, int] = (60, 40)) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (10, 90, 160)).save(out, kind)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "kept"),
    [
        (lambda: image_bytes("JPEG"), ".jpg"),
        (lambda: image_bytes("PNG"), ".png"),
        (lambda: image_bytes("GIF"), ".gif"),
        (lambda: image_bytes("WEBP"), ".webp"),
        (lambda: image_bytes("BMP"), "it is a BMP image; only JPEG, PNG, GIF and WebP are kept"),
        (lambda: b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script/></svg>',
         "SVG drawing"),
        (lambda: b"<html>a page, not a picture</html>", "it is not an image"),
        (lambda: image_bytes("PNG")[:60], "damaged"),
        (lambda: b"\x89PNG" + b"\0" * (6 * 1024 * 1024), "more than the 5 MB an image may be"),
        (lambda: image_bytes("PNG", (9000, 9000)), "9000 x 9000 pixels"),
    ],
)
def test_only_real_images_of_the_four_formats_are_kept(data, kept):
    from pamphleteer.imagefiles import NotAnImage, image_suffix

    if kept.startswith("."):
        assert image_suffix(data()) == kept
    else:
        with pytest.raises(NotAnImage, match=kept):
            image_suffix(data())


COMPLETE_PAGE = """<!-- saved from url=(0041)https://review.example/2024/picket-line -->
<html lang="en"><head><title>On the picket line | The Example Review</title>
<meta property="og:site_name" content="The Example Review"><meta name="author" content="Rosa Example">
</head><body><article><h1>On the picket line</h1>
<p>The strike began at dawn, when the first shift refused to go in and stood instead at the gate
with their banners, their flasks of tea and their arguments for anyone who would listen.</p>
<figure><img src="On%20the%20picket%20line_files/gate.png" alt="Strikers at the gate">
<figcaption>The gate at dawn</figcaption></figure>
<p>By noon the whole depot was out, and the managers had <a href="/2024/talks">called for talks</a>
that nobody believed would come to anything before the week was out.</p>
<p><img src="On%20the%20picket%20line_files/notes.png" alt="Notes">
<img src="../secret.png" alt="Secret"></p>
<p>The strikers went home at dusk, tired, cold and more certain of one another than they had ever been.</p>
</article></body></html>"""


def test_a_page_saved_complete_brings_its_images_from_its_files_folder(sources_copy, tmp_path):
    saved = tmp_path / "Downloads"
    files = saved / "On the picket line_files"
    files.mkdir(parents=True)
    (saved / "On the picket line.html").write_text(COMPLETE_PAGE, encoding="utf-8")
    (files / "gate.png").write_bytes(image_bytes("PNG", (300, 200)))
    (files / "notes.png").write_text("<html>a page the browser saved under an image's name</html>")
    (tmp_path / "secret.png").write_bytes(image_bytes("PNG"))  # outside the page's folder: never read
    added = add(Input(origin="On the picket line.html", kind="page", path=saved / "On the picket line.html"),
                sources_copy)
    (image,) = added.images
    assert image.read_bytes() == (files / "gate.png").read_bytes()
    body = read_text(added.path).body
    assert f"![The gate at dawn](images/{added.slug}/{image.name}){{alt=\"Strikers at the gate\"}}" in body
    # a link is made absolute against the address the page was saved from
    assert "[called for talks](https://review.example/2024/talks)" in body
    notes = [note.message for note in added.notes]
    assert any("notes.png' was left out: it is not an image" in note for note in notes)
    assert any("secret.png' was left out: it is outside" in note for note in notes)
    assert front_of(added.path)["source"] == "https://review.example/2024/picket-line"
