"""The ebook: EPUB 3 structure, print page markers, accessibility metadata, cover, reproducibility.

Most tests render the seed reader's publication (laid out once per session by
`built_print`), with an introduction, a footnote and a pull quote added, and
print page starts chosen by the test. The end-to-end tests read the built
EPUB beside the built PDF.
"""

from __future__ import annotations

import dataclasses
import io
import re
import struct
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pypdf
import pytest

from pamphleteer.check import epubcheck
from pamphleteer.model import Part, Publication
from pamphleteer.parse import Block
from pamphleteer.render.epub import XML_LANG, _before_headings, _mark_before, page_marker, render_epub
from pamphleteer.render.markup import PageStart
from pamphleteer.render.raster import page_png
from tests.textmatch import contains_in_order, words

NS = {
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
X = "{http://www.w3.org/1999/xhtml}"


def para(*inlines: dict) -> dict:
    return {"t": "Para", "c": list(inlines)}


def text_inlines(sentence: str) -> list[dict]:
    out: list[dict] = []
    for word in sentence.split():
        if out:
            out.append({"t": "Space"})
        out.append({"t": "Str", "c": word})
    return out


@pytest.fixture(scope="session")
def sample(built_print) -> tuple[Publication, bytes, int]:
    """The seed publication plus an introduction, a footnote, a pull quote and questions; the print PDF."""
    publication, edition = built_print
    first = publication.texts[0]
    note = {"t": "Note", "c": [para(*text_inlines("A note that explains the sentence."))]}
    noted = Block(9001, para(*text_inlines("A sentence with a note"), note, {"t": "Str", "c": "."}))
    quoted = para({"t": "Emph", "c": text_inlines("A sentence with a note")})
    pull = Block(9002, {"t": "Div", "c": [["", ["pullquote"], [["quotes", "9001"]]], [quoted]]})
    questions = ("Where does nationalism come from, according to the text?", "What is a campist?")
    body = (*first.body[:3], noted, pull, *first.body[3:])
    text = dataclasses.replace(first, body=body, questions=questions)
    intro = Part("introduction", "Introduction", (
        Block(1, para(*text_inlines("Why these texts belong together, and how to read them."))),
        Block(3, para(*text_inlines("Read one text a week, then talk about the questions."))),
    ))
    publication = dataclasses.replace(publication, texts=(text, *publication.texts[1:]), front=(intro,))
    return publication, edition.pdf, edition.page_count


def back(publication: Publication) -> tuple[Part, ...]:
    """The back matter parts ("About the authors", …), where the model has them."""
    return getattr(publication, "back", ())


def body_block(publication: Publication, index: int) -> tuple[str, Block]:
    """The id and block of the `index`-th paragraph with at least ten words in the first text."""
    text = publication.texts[0]
    paragraphs = [b for b in text.body if b.node["t"] == "Para" and len(b.node["c"]) >= 19]
    block = paragraphs[index]
    return f"{text.slug}-{block.line}", block


def starts_for(publication: Publication) -> tuple[PageStart, ...]:
    first_id, _ = body_block(publication, 2)
    second_id, _ = body_block(publication, 5)
    return (
        PageStart("2", "imprint", 0),
        PageStart("5", "introduction-3", 4),
        PageStart("7", first_id, 3),
        PageStart("8", second_id, 0),
    )


@pytest.fixture(scope="session")
def marked(sample) -> bytes:
    publication, pdf, pages = sample
    return render_epub(publication, starts_for(publication), pdf, pages)[0]


@pytest.fixture(scope="session")
def unmarked(sample) -> bytes:
    publication, pdf, pages = sample
    return render_epub(publication, (), pdf, pages)[0]


def read(book: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(book)) as archive:
        return archive.read(f"EPUB/{name}").decode("utf-8")


def xml(book: bytes, name: str) -> ET.Element:
    return ET.fromstring(read(book, name).encode("utf-8"))


def visible_text(xhtml: str) -> str:
    """The words a reader sees, without markup and without pull quotes (they repeat the text)."""
    xhtml = re.sub(r"<aside[^>]*pullquote.*?</aside>|<head>.*?</head>", " ", xhtml, flags=re.S)
    return re.sub(r"<[^>]+>", " ", xhtml)


def meta(book: bytes, name: str) -> list[str]:
    opf = xml(book, "content.opf")
    return [m.text or "" for m in opf.findall(f"opf:metadata/opf:meta[@property='{name}']", NS)]


# -- page markers -----------------------------------------------------------


def test_a_page_start_becomes_a_labelled_marker_before_its_word(sample, marked):
    publication, _, _ = sample
    block_id, block = body_block(publication, 2)
    xhtml = read(marked, f"text-{publication.texts[0].slug}.xhtml")
    marker = '<span epub:type="pagebreak" role="doc-pagebreak" id="page-7" aria-label="7"></span>'
    assert xhtml.count(marker) == 1
    paragraph = re.search(rf'<p id="{block_id}">(.*?)</p>', xhtml, re.S).group(1)
    before, after = paragraph.split(marker)
    source_words = [n["c"] for n in block.node["c"] if n["t"] == "Str"]
    assert words(visible_text(before)) == words(" ".join(source_words[:3]))
    assert words(visible_text(after))[:2] == words(" ".join(source_words[3:5]))


def test_a_page_that_begins_in_a_part_without_blocks_is_marked_at_its_top(marked):
    imprint = read(marked, "imprint.xhtml")
    body = imprint[imprint.index("<body"):]
    assert body.index('id="page-2"') < body.index("<section") < body.index("<p")


def test_a_page_that_begins_at_an_element_of_the_print_edition_is_marked_before_it(sample):
    publication, pdf, pages = sample
    text = publication.texts[0]
    starts = (PageStart("3", "contents", 0), PageStart("21", f"{text.slug}-questions", 0))
    book, _ = render_epub(publication, starts, pdf, pages)
    xhtml = read(book, f"text-{text.slug}.xhtml")
    assert re.search(r'id="page-21" aria-label="21"></span>\s*<h3 id="' + text.slug + '-questions"', xhtml)
    nav = read(book, "nav.xhtml")
    assert nav.index('<span epub:type="pagebreak"') < nav.index('<nav class="contents"')
    page_list = nav[nav.index('epub:type="page-list"'):]
    assert page_list.index("nav.xhtml#page-3") < page_list.index(f"text-{text.slug}.xhtml#page-21")


def test_a_page_that_begins_with_a_text_is_marked_before_its_title(sample):
    publication, pdf, pages = sample
    second = publication.texts[1]
    first_block = (f"{second.slug}-standfirst-{second.standfirst[0].line}" if second.standfirst
                   else f"{second.slug}-{second.body[0].line}")
    book, _ = render_epub(publication, (PageStart("22", first_block, 0),), pdf, pages)
    xhtml = read(book, f"text-{second.slug}.xhtml")
    assert xhtml.index('id="page-22"') < xhtml.index('class="text-title"')


@pytest.mark.parametrize(("xhtml", "expected"), [
    ('<body><section id="imprint"><p>x</p></section></body>',
     '<body>[M]<section id="imprint"><p>x</p></section></body>'),
    ('<ol><li class="q" id="q-2">Why?</li></ol>', '<ol><li class="q" id="q-2">[M]Why?</li></ol>'),
    ('<h3 id="x-questions">Questions</h3>', '[M]<h3 id="x-questions">Questions</h3>'),
    ('<p id="other">no such element</p>', None),
])
def test_a_marker_at_an_element_stays_valid_xhtml(xhtml, expected):
    element = re.search(r'id="(imprint|q-2|x-questions|missing)"', xhtml)
    marker = page_marker("9")
    marked = _mark_before(xhtml, element.group(1) if element else "missing", marker)
    assert marked == (expected.replace("[M]", str(marker)) if expected else None)


@pytest.mark.parametrize(("xhtml", "expected"), [
    ('<h3 id="q">Questions</h3>\n<ol>\n<li><p id="x">[M]Why',
     '[M]<h3 id="q">Questions</h3>\n<ol>\n<li><p id="x">Why'),
    ('<h3 id="a">[M]Heading</h3><p>text</p>', '[M]<h3 id="a">Heading</h3><p>text</p>'),
    ('<h2>Title</h2>\n<h3>[M]Part</h3>', '[M]<h2>Title</h2>\n<h3>Part</h3>'),
    ('<h3>Q</h3><p>some words [M]more</p>', None),  # the page begins after the heading's page
    ('<p>a</p><p id="b">[M]word</p>', None),
])
def test_a_page_that_begins_under_a_heading_begins_at_the_heading(xhtml, expected):
    marker = str(page_marker("26"))
    result = _before_headings(xhtml.replace("[M]", marker))
    assert result == (expected or xhtml).replace("[M]", marker)


def test_the_page_list_lists_every_marker_in_reading_order(sample, marked):
    publication, _, _ = sample
    nav = xml(marked, "nav.xhtml")
    page_list = nav.find(".//x:nav[@epub:type='page-list']", NS)
    assert page_list is not None and page_list.get("role") == "doc-pagelist"
    entries = [(a.text, a.get("href")) for a in page_list.iter(f"{{{NS['x']}}}a")]
    slug = publication.texts[0].slug
    assert entries == [
        ("2", "imprint.xhtml#page-2"),
        ("5", "introduction.xhtml#page-5"),
        ("7", f"text-{slug}.xhtml#page-7"),
        ("8", f"text-{slug}.xhtml#page-8"),
    ]
    for label, href in entries:  # every entry leads to its marker
        name, fragment = href.split("#")
        assert f'id="{fragment}" aria-label="{label}"' in read(marked, name)


def test_the_ncx_has_the_contents_and_the_pages_in_one_reading_order(sample, marked):
    publication, _, pages = sample
    ncx = xml(marked, "toc.ncx")
    points = ncx.findall(".//ncx:navPoint", NS)
    targets = ncx.findall(".//ncx:pageTarget", NS)
    top = ncx.findall("ncx:navMap/ncx:navPoint", NS)
    assert [p.find("ncx:navLabel/ncx:text", NS).text for p in top] == [
        "Introduction", *(text.title for text in publication.texts),
        *(part.title for part in back(publication)),
    ]
    assert [t.get("value") for t in targets] == ["2", "5", "7", "8"]
    orders = sorted(int(e.get("playOrder")) for e in (*points, *targets))
    assert orders == list(range(1, len(orders) + 1))
    by_target = {e.find("ncx:content", NS).get("src"): int(e.get("playOrder")) for e in (*points, *targets)}
    assert by_target["imprint.xhtml#page-2"] < by_target["introduction.xhtml"] < by_target[
        "introduction.xhtml#page-5"] < by_target[f"text-{publication.texts[0].slug}.xhtml"]
    head = {m.get("name"): m.get("content") for m in ncx.findall("ncx:head/ncx:meta", NS)}
    assert head["dtb:uid"] == publication.settings.identifier
    assert head["dtb:totalPageCount"] == str(pages)
    assert head["dtb:maxPageNumber"] == "8"


def test_the_ncx_lists_each_texts_questions_under_it_in_reading_order(sample, marked):
    publication, _, _ = sample
    ncx = xml(marked, "toc.ncx")
    assert ncx.find("ncx:head/ncx:meta[@name='dtb:depth']", NS).get("content") == "2"
    asked = [text for text in publication.texts if text.questions]
    assert asked
    for text in publication.texts:
        point = next(p for p in ncx.findall("ncx:navMap/ncx:navPoint", NS)
                     if p.find("ncx:content", NS).get("src") == f"text-{text.slug}.xhtml")
        children = point.findall("ncx:navPoint", NS)
        if not text.questions:
            assert not children
            continue
        assert [c.find("ncx:navLabel/ncx:text", NS).text for c in children] == ["Questions for discussion"]
        src = children[0].find("ncx:content", NS).get("src")
        name, anchor = src.split("#")
        heading = xml(marked, name).find(f".//*[@id='{anchor}']")
        assert heading is not None and "".join(heading.itertext()) == "Questions for discussion"
        # after its text's page markers that stand before the questions, before those after them
        page_orders = {t.find("ncx:content", NS).get("src"): int(t.get("playOrder"))
                       for t in ncx.findall(".//ncx:pageTarget", NS)}
        xhtml = read(marked, name)
        at = xhtml.index(f'id="{anchor}"')
        for src_page, order in page_orders.items():
            page_name, page_anchor = src_page.split("#")
            if page_name == name:
                before = xhtml.index(f'id="{page_anchor}"') < at
                assert (order < int(children[0].get("playOrder"))) == before
        assert int(point.get("playOrder")) < int(children[0].get("playOrder"))


def test_page_features_are_claimed_only_with_page_markers(marked, unmarked):
    assert "pageNavigation" in meta(marked, "schema:accessibilityFeature")
    assert "pageBreakMarkers" in meta(marked, "schema:accessibilityFeature")
    assert "no-alien-but-the-capitalist.pdf" in meta(marked, "pageBreakSource")[0]
    assert "page-list" not in read(unmarked, "nav.xhtml")
    assert "pagebreak" not in read(unmarked, "text-camfield-internationalism-today.xhtml")
    assert not meta(unmarked, "pageBreakSource")
    assert not {"pageNavigation", "printPageNumbers", "pageBreakMarkers"} & set(
        meta(unmarked, "schema:accessibilityFeature"))
    summary = " ".join(meta(unmarked, "schema:accessibilitySummary")).lower()
    assert "page" not in summary.replace("print edition", "")


# -- structure and semantics ------------------------------------------------


def test_one_document_per_part_and_text_in_reading_order(sample, marked):
    publication, _, _ = sample
    opf = xml(marked, "content.opf")
    manifest = {item.get("id"): item for item in opf.findall("opf:manifest/opf:item", NS)}
    spine = [manifest[ref.get("idref")].get("href") for ref in opf.findall("opf:spine/opf:itemref", NS)]
    assert spine == ["cover.xhtml", "title.xhtml", "imprint.xhtml", "nav.xhtml", "introduction.xhtml",
                     *(f"text-{text.slug}.xhtml" for text in publication.texts),
                     *(f"{part.name}.xhtml" for part in back(publication))]
    assert opf.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert opf.find("opf:spine", NS).get("toc") == "ncx"
    assert manifest["nav"].get("properties") == "nav"


@pytest.mark.parametrize(("name", "epub_type", "role"), [
    ("title.xhtml", "titlepage", None),
    ("imprint.xhtml", "imprint", None),
    ("nav.xhtml", "toc", "doc-toc"),
    ("introduction.xhtml", "introduction", "doc-introduction"),
    ("text-camfield-internationalism-today.xhtml", "chapter", "doc-chapter"),
    ("text-kellaway-internationalism-today.xhtml", "chapter", "doc-chapter"),
])
def test_every_part_says_what_it_is(marked, name, epub_type, role):
    root = xml(marked, name)
    element = next(e for e in root.iter() if epub_type in (e.get(EPUB_TYPE) or "").split())
    assert element.get("role") == role
    labelled = element.get("aria-label") or element.get("aria-labelledby")
    assert labelled, f"{name}: the {epub_type} has no accessible name"


def test_texts_keep_their_language_and_questions(sample, marked):
    publication, _, _ = sample
    assert any(text.questions for text in publication.texts)
    for text in publication.texts:
        root = xml(marked, f"text-{text.slug}.xhtml")
        assert root.get("lang") == text.lang
        xhtml = read(marked, f"text-{text.slug}.xhtml")
        for question in text.questions:
            assert contains_in_order(visible_text(xhtml), question), question


def test_contents_and_landmarks_lead_to_every_part(sample, marked):
    publication, _, _ = sample
    nav = xml(marked, "nav.xhtml")
    toc = nav.find(".//x:nav[@epub:type='toc']", NS)
    hrefs = [a.get("href") for a in toc.iter(f"{{{NS['x']}}}a") if "#" not in a.get("href")]  # not questions
    assert hrefs == ["introduction.xhtml", *(f"text-{text.slug}.xhtml" for text in publication.texts),
                     *(f"{part.name}.xhtml" for part in back(publication))]
    landmarks = nav.find(".//x:nav[@epub:type='landmarks']", NS)
    kinds = {a.get(EPUB_TYPE): a.get("href") for a in landmarks.iter(f"{{{NS['x']}}}a")}
    assert kinds["toc"] == "nav.xhtml"
    assert kinds["bodymatter"] == f"text-{publication.texts[0].slug}.xhtml"
    assert kinds["introduction"] == "introduction.xhtml"


def test_a_note_is_an_epub_footnote_that_pops_up(sample, marked):
    publication, _, _ = sample
    root = xml(marked, f"text-{publication.texts[0].slug}.xhtml")
    ref = next(a for a in root.iter(f"{{{NS['x']}}}a") if a.get(EPUB_TYPE) == "noteref")
    assert ref.get("role") == "doc-noteref"
    target = ref.get("href").lstrip("#")
    note = next(e for e in root.iter() if e.get("id") == target)
    assert note.tag == f"{{{NS['x']}}}aside"
    assert note.get(EPUB_TYPE) == "footnote" and note.get("role") == "doc-footnote"
    assert "A note that explains the sentence." in " ".join("".join(note.itertext()).split())
    back = next(a for a in note.iter(f"{{{NS['x']}}}a") if a.get("role") == "doc-backlink")
    assert back.get("href") == f"#{ref.get('id')}"
    body = root.find(".//x:div[@class='text-body']", NS)
    children = list(body)
    referring = next(i for i, child in enumerate(children) if ref in child.iter())
    assert children[referring + 1] is note  # right after the paragraph that refers to it


def test_a_pull_quote_is_kept_out_of_the_reading_order(sample, marked):
    publication, _, _ = sample
    root = xml(marked, f"text-{publication.texts[0].slug}.xhtml")
    aside = next(e for e in root.iter(f"{{{NS['x']}}}aside") if "pullquote" in (e.get("class") or ""))
    assert aside.get("aria-hidden") == "true"
    assert aside.get(EPUB_TYPE) == "pullquote" and aside.get("role") == "doc-pullquote"


def test_links_are_live_and_lead_somewhere(marked):
    with zipfile.ZipFile(io.BytesIO(marked)) as archive:
        names = [n for n in archive.namelist() if n.endswith(".xhtml")]
        ids = {Path(n).name: set(re.findall(r' id="([^"]+)"', archive.read(n).decode())) for n in names}
        external = 0
        for name in names:
            for href in re.findall(r'<a [^>]*href="([^"]*)"', archive.read(name).decode()):
                if href.startswith(("http://", "https://")):
                    external += 1
                    continue
                file, _, fragment = href.partition("#")
                file = file or Path(name).name
                assert file in ids, (name, href)
                assert not fragment or fragment in ids[file], (name, href)
    assert external > 10  # the texts' links stay links


# -- accessibility metadata -------------------------------------------------


def test_accessibility_metadata_describes_this_publication(sample, marked):
    publication, _, pages = sample
    assert meta(marked, "dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.2 Level AA"]
    assert meta(marked, "a11y:certifiedBy") == [publication.settings.publisher]
    assert meta(marked, "schema:accessMode") == ["textual"]
    assert meta(marked, "schema:accessModeSufficient") == ["textual"]
    assert meta(marked, "schema:accessibilityHazard") == ["none"]
    features = set(meta(marked, "schema:accessibilityFeature"))
    assert {"tableOfContents", "readingOrder", "structuralNavigation", "printPageNumbers"} <= features
    (summary,) = meta(marked, "schema:accessibilitySummary")
    questions = sum(len(text.questions) for text in publication.texts)
    assert f"{len(publication.texts)} texts" in summary
    assert "introduction" in summary
    assert (f"{questions} questions" in summary) == bool(questions)
    assert f"{pages}-page print edition" in summary
    assert "\n" not in summary and "  " not in summary


# -- cover, fonts, stylesheet -----------------------------------------------


def test_the_english_accessibility_summary_of_a_german_book_says_it_is_english(sample, marked, tmp_path):
    """The summary and the page source are written in English whatever the book's language; a
    reading system must not read them aloud with German rules, so they carry xml:lang="en"."""
    publication, pdf, pages = sample
    settings = dataclasses.replace(publication.settings, language="de")
    german = render_epub(dataclasses.replace(publication, settings=settings), starts_for(publication),
                         pdf, pages)[0]
    opf = xml(german, "content.opf")
    language = opf.find("opf:metadata/dc:language", NS)
    assert language is not None and language.text == "de"
    for name in ("schema:accessibilitySummary", "pageBreakSource"):
        (worded,) = opf.findall(f"opf:metadata/opf:meta[@property='{name}']", NS)
        assert worded.get(XML_LANG) == "en", name
    (english,) = xml(marked, "content.opf").findall(
        "opf:metadata/opf:meta[@property='schema:accessibilitySummary']", NS)
    assert english.get(XML_LANG) is None  # the book's own language already
    (tmp_path / "german.epub").write_bytes(german)
    result = epubcheck(tmp_path / "german.epub")
    assert (result.errors, result.warnings) == (0, 0), [d.message for d in result.diagnostics]


def test_the_cover_is_the_print_cover(sample, marked):
    _, pdf, _ = sample
    opf = xml(marked, "content.opf")
    covers = [i for i in opf.findall("opf:manifest/opf:item", NS) if i.get("properties") == "cover-image"]
    assert len(covers) == 1 and covers[0].get("media-type") == "image/png"
    with zipfile.ZipFile(io.BytesIO(marked)) as archive:
        image = archive.read(f"EPUB/{covers[0].get('href')}")
    width, height = struct.unpack(">II", image[16:24])
    assert width == 1200 and abs(height / width - 595 / 420) < 0.01  # the A5 page's proportions
    assert image == page_png(pdf, 0, 1200)


def test_the_fonts_are_the_vendored_ones_and_the_reader_stays_in_charge(marked):
    opf = xml(marked, "content.opf")
    items = opf.findall("opf:manifest/opf:item", NS)
    fonts = [i.get("href") for i in items if i.get("media-type") == "font/woff2"]
    css = re.sub(r"/\*.*?\*/", "", read(marked, "style/ebook.css"), flags=re.S)
    assert fonts and all(f'url("../{font}")' in css for font in fonts)
    assert "!important" not in css
    assert not re.search(r"font-size:\s*[\d.]+(px|pt)", css)
    assert "@page" not in css and not re.search(r"\b(width|height):\s*[\d.]+(px|pt|mm|cm|in)", css)
    body = re.search(r"\bbody\s*\{([^}]*)\}", css).group(1)
    assert "font-size" not in body


# -- the package as a whole -------------------------------------------------


def packed_faces(book: bytes) -> dict[str, set[int]]:
    """Each font the ebook packs (by file name) -> the code points it has glyphs for."""
    from fontTools.ttLib import TTFont

    faces = {}
    with zipfile.ZipFile(io.BytesIO(book)) as archive:
        for name in archive.namelist():
            if name.endswith(".woff2"):
                with TTFont(io.BytesIO(archive.read(name))) as font:
                    faces[name.rsplit("/", 1)[-1]] = set(font.getBestCmap())
    return faces


def book_letters(book: bytes) -> set[str]:
    """Every letter a reader of the ebook's documents sees."""
    with zipfile.ZipFile(io.BytesIO(book)) as archive:
        names = [name for name in archive.namelist() if name.endswith(".xhtml")]
        seen = "".join(visible_text(archive.read(name).decode("utf-8")) for name in names)
    return {char for char in seen if char.isalpha()}


CYRILLIC_AND_GREEK = "Что делать с профсоюзами? Ґрунт під ногами — єдність. Η ελευθερία, ἀλληλεγγύη; № 1"


def test_a_russian_or_greek_text_brings_its_faces_and_a_latin_one_carries_none(sample, marked):
    publication, pdf, pages = sample
    first = publication.texts[0]
    words = text_inlines(CYRILLIC_AND_GREEK)
    russian = dataclasses.replace(first, title="Что делать с профсоюзами?", lang="ru",
                                  body=(Block(9100, para(*words)), *first.body))
    book = render_epub(dataclasses.replace(publication, texts=(russian, *publication.texts[1:])),
                       (), pdf, pages)[0]
    faces = packed_faces(book)
    covered = set().union(*faces.values())
    missing = {char for char in book_letters(book) | set("№") if ord(char) not in covered}
    assert not missing, f"no packed face has {sorted(missing)}"
    assert any(name.startswith("gentium-book-plus-cyrillic") for name in faces)
    assert any(name.startswith("gentium-book-plus-greek-ext") for name in faces)  # polytonic ἀ
    css = read(book, "style/ebook.css")
    assert re.search(r'body \{[^}]*font-family: "Crimson Pro", "Gentium Book Plus"', css)
    assert all(f'url("../fonts/{name}")' in css for name in faces)  # each packed face is named
    # The seed's English texts need neither Greek nor Cyrillic, nor Latin Extended.
    latin = packed_faces(marked)
    assert latin and all(re.fullmatch(r"crimson-pro-latin-\d+-\w+\.woff2", n) for n in latin), sorted(latin)
    faces_css = re.findall(r"@font-face\s*\{[^}]*\}", read(marked, "style/ebook.css"))
    assert len(faces_css) == len(latin) and not any("Gentium" in rule for rule in faces_css)
    assert not {char for char in book_letters(marked) if ord(char) not in set().union(*latin.values())}


def test_a_face_the_book_sets_few_letters_of_is_packed_with_those_letters_alone(sample, marked):
    """A Russian text with one Greek word: the Greek face file is packed with those letters (and their
    other case) alone, not whole; the Cyrillic one holds the text's letters; a face the book sets no
    letter of (Greek in the English seed) is not packed at all."""
    from fontTools.ttLib import TTFont

    from tests.conftest import PROJECT

    publication, pdf, pages = sample
    first = publication.texts[0]
    russian = dataclasses.replace(first, title="Что делать с профсоюзами?", lang="ru",
                                  body=(Block(9100, para(*text_inlines("Профсоюз — это мы, λόγος. № 1"))),))
    book = render_epub(dataclasses.replace(publication, texts=(russian,)), (), pdf, pages)[0]
    name = "gentium-book-plus-greek-400-normal.woff2"
    with TTFont(PROJECT / "styles" / "fonts" / "greek-cyrillic" / name) as whole:
        vendored = set(whole.getBestCmap())
    greek = packed_faces(book)[name]
    assert greek < vendored, f"{name} is packed whole"
    with zipfile.ZipFile(io.BytesIO(book)) as archive:
        seen = "".join(archive.read(name).decode("utf-8") for name in archive.namelist()
                       if name.endswith((".xhtml", ".css")))
    letters = {ord(case) for char in seen for case in (char, char.upper(), char.lower()) if len(case) == 1}
    assert {ord(char) for char in "λόγοςΛΌΓΟΣ"} <= greek <= letters
    cyrillic = packed_faces(book)["gentium-book-plus-cyrillic-400-normal.woff2"]
    assert {ord("П"), ord("п"), ord("Ф"), ord("№")} <= cyrillic
    assert not any(face.startswith("gentium-book-plus-greek") for face in packed_faces(marked))


def test_two_builds_are_byte_identical_and_the_zip_is_well_formed(sample, marked):
    publication, pdf, pages = sample
    again, _ = render_epub(publication, starts_for(publication), pdf, pages)
    assert again == marked
    with zipfile.ZipFile(io.BytesIO(marked)) as archive:
        infos = archive.infolist()
        assert infos[0].filename == "mimetype" and infos[0].compress_type == zipfile.ZIP_STORED
        assert archive.read("mimetype") == b"application/epub+zip"
        assert not infos[0].extra
        when = publication.edition_time
        assert {info.date_time for info in infos} == {
            (when.year, when.month, when.day, when.hour, when.minute, when.second)}
    assert meta(marked, "dcterms:modified") == [when.strftime("%Y-%m-%dT%H:%M:%SZ")]


def test_the_epub_with_notes_pull_quotes_and_page_markers_passes_epubcheck(marked, tmp_path):
    path = tmp_path / "sample.epub"
    path.write_bytes(marked)
    result = epubcheck(path)
    assert (result.errors, result.warnings) == (0, 0), [d.message for d in result.diagnostics]


# -- end to end: the built ebook against the built print edition ------------


def built_file(built, suffix: str) -> Path:
    return next(path for path in built.written if path.suffix == suffix)


def built_publication(built):
    from tests.conftest import seed_assembled

    return seed_assembled(dated=False)[0]


def test_the_page_list_follows_the_print_edition_page_by_page(built):
    epub_path, pdf_path = built_file(built, ".epub"), built_file(built, ".pdf")
    reader = pypdf.PdfReader(pdf_path)
    pdf_pages = [page.extract_text() or "" for page in reader.pages]
    index_of = {label: index for index, label in enumerate(reader.page_labels)}  # folio -> page
    book = epub_path.read_bytes()
    nav = xml(book, "nav.xhtml")
    page_list = nav.find(".//x:nav[@epub:type='page-list']", NS)
    entries = [(a.text, a.get("href")) for a in page_list.iter(f"{{{NS['x']}}}a")]
    marked = [index_of[label] for label, _ in entries]
    assert marked == sorted(marked) and len(set(marked)) == len(marked)  # in print order, once each

    # Every printed page, to the last: blank pages, the back matter and the back cover too.
    assert [label for label, _ in entries] == list(reader.page_labels)
    assert len(entries) == len(reader.pages)

    # The text between marker N and marker N+1 is the text of print page N.
    back_matter = tuple(f"{part.name}.xhtml" for part in built_publication(built).back)
    reading = "".join(read(book, name) for name in dict.fromkeys(href.split("#")[0] for _, href in entries))
    for (label, href), following in zip(entries, [*entries[1:], (None, None)], strict=True):
        start = reading.index(f'id="{href.split("#")[1]}"')
        end = None
        if following[0]:
            end = reading.rindex("<", 0, reading.index(f'id="{following[1].split("#")[1]}"'))
        span = words(visible_text(reading[start:end].split(">", 1)[1]))
        page = re.sub(r"(?<=[a-z]{3})\d{1,2}(?=\s)", "", pdf_pages[index_of[label]])  # calls: "word6"
        if len(span) < 12 or href.startswith(back_matter):  # a blank page, one marked where the next
            continue  # begins, or the back matter (which print sets with headings of its own)
        # Words near the marker are left out: the first may have begun on the page before, and
        # a long URL that print breaks across lines can shift a marker by a word or two.
        # A hyphen at a line's end is hyphenation ("internation-/alism") or a compound's own
        # ("working-/class"): the PDF's text cannot tell, so either reading may match.
        readings = (page, page.replace("-\n", "- "))
        opening = " ".join(span[3:9])
        assert any(contains_in_order(text, opening, max_gap=8) for text in readings), (
            label, opening, page[:200])
        if following[0]:
            closing = " ".join(span[-9:-3])
            assert any(contains_in_order(text, closing, max_gap=8) for text in readings), (
                label, closing, page[-200:])


def test_the_page_markers_show_nothing_in_the_reading_text(built):
    """A reader sees no page numbers in the text (reading systems show them from the page list)."""
    book = built_file(built, ".epub").read_bytes()
    with zipfile.ZipFile(io.BytesIO(book)) as package:
        names = [name.removeprefix("EPUB/") for name in package.namelist() if name.endswith(".xhtml")]
        css = package.read(next(n for n in package.namelist() if n.endswith("ebook.css"))).decode()
    markers = [marker for name in names for marker in re.findall(
        r'<span epub:type="pagebreak"[^>]*>(.*?)</span>', read(book, name), flags=re.S)]
    assert len(markers) > 30 and set(markers) == {""}  # empty elements, every one
    rules = [rule for rule in re.findall(r"([^{}]*)\{([^}]*)\}", css) if "pagebreak" in rule[0]]
    assert rules and not any("content" in body for _, body in rules)  # nor generated text


def test_the_contents_lead_to_each_texts_questions(built):
    book = built_file(built, ".epub").read_bytes()
    toc = xml(book, "nav.xhtml").find(".//x:nav[@epub:type='toc']", NS)
    links = [a.get("href") for a in toc.iter(f"{{{NS['x']}}}a")
             if "".join(a.itertext()) == "Questions for discussion"]
    publication = built_publication(built)
    asked = [text for text in publication.texts if text.questions]
    assert len(links) == len(asked) >= 2
    for text, href in zip(asked, links, strict=True):
        name, anchor = href.split("#")
        assert name == f"text-{text.slug}.xhtml"
        heading = xml(book, name).find(f".//*[@id='{anchor}']")
        assert heading is not None and "".join(heading.itertext()) == "Questions for discussion"


def test_the_ebook_hyphenates_keeps_a_reading_width_and_wraps_long_addresses(marked):
    css = re.sub(r"/\*.*?\*/", "", read(marked, "style/ebook.css"), flags=re.S)
    rules = dict((selector.strip(), body) for selector, body in re.findall(r"([^{}]+)\{([^}]*)\}", css))
    assert "hyphens: auto" in rules["p"]
    width = next(body for selector, body in rules.items() if ".text" in selector.split(", "))
    assert re.search(r"max-width: 3[0-5]em", width)
    assert "text-indent: 0" in next(body for selector, body in rules.items() if "li p" in selector)
    assert "overflow-wrap: anywhere" in next(body for s, body in rules.items() if ".source-url" in s)
    # The questions listed under a text in the contents are one link, not a numbered list ("1.").
    assert "list-style: none" in rules[".contents-questions"]


def test_the_built_ebook_has_a_designed_cover_at_the_size_stores_ask_for(built):
    from PIL import Image

    book = built_file(built, ".epub").read_bytes()
    opf = xml(book, "content.opf")
    covers = [i for i in opf.findall("opf:manifest/opf:item", NS) if i.get("properties") == "cover-image"]
    assert len(covers) == 1
    with zipfile.ZipFile(io.BytesIO(book)) as archive:
        image = Image.open(io.BytesIO(archive.read(f"EPUB/{covers[0].get('href')}"))).convert("L")
    assert image.size == (1600, 2560)
    # Strong contrast, seen as a thumbnail: a dark ground with light type, not a white page.
    thumbnail = image.resize((120, 192))
    pixels = sorted(thumbnail.tobytes())
    assert pixels[len(pixels) // 2] < 110 and pixels[-len(pixels) // 50] > 200
    # The cover page comes first in the reading order and shows the image, named.
    first = opf.find("opf:spine/opf:itemref", NS).get("idref")
    assert first == "cover"
    page = xml(book, "cover.xhtml")
    img = page.find(".//x:img", NS)
    assert img.get("src") == covers[0].get("href") and built_publication(built).title in img.get("alt")


def test_about_the_authors_names_each_author_once_under_a_heading_of_that_name(sample, marked):
    publication, _, _ = sample
    root = xml(marked, "about-the-authors.xhtml")
    notes = [s for s in root.iter(f"{X}section") if "author-note" in (s.get("class") or "")]
    assert [("".join(n.find(f"{X}h3").itertext())) for n in notes] == [
        note.byline for note in publication.author_notes]
    for note, author in zip(notes, publication.author_notes, strict=True):
        assert "".join(note.itertext()).count(author.byline) == 1
        assert note.get("aria-labelledby") == note.find(f"{X}h3").get("id")
