"""The print edition as a reader, a printer and a copy shop see it: the PDF and the imposed booklet."""

from __future__ import annotations

import io
import re
import tomllib
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pikepdf
import pymupdf
import pytest
from pdfimpose.pdf import Reader
from pdfimpose.schema import cutstackfold, saddle
from PIL import Image

from pamphleteer.config import load_settings
from pamphleteer.errors import ConfigurationError
from pamphleteer.render.impose import impose_booklet, placement
from tests.conftest import SOURCES, seed_assembled

SLUG = "no-alien-but-the-capitalist"
TEXTS = {  # slug -> title
    "camfield-internationalism-today": "What does internationalism mean today?",
    "kellaway-internationalism-today": "What internationalism do we need today?",
}
MM = 72 / 25.4


def output(built, suffix: str) -> Path:
    return next(path for path in built.written if path.name == f"{SLUG}{suffix}")


@pytest.fixture(scope="module")
def pdf(built):
    document = pymupdf.open(output(built, ".pdf"))
    yield document
    document.close()


@pytest.fixture(scope="module")
def openings(pdf) -> dict[str, int]:
    """The page (0-based) where each text opens, from the PDF's bookmarks."""
    outline = {title: page - 1 for _level, title, page in pdf.get_toc()}
    return {slug: outline[title] for slug, title in TEXTS.items()}


def band(page: pymupdf.Page, top: float, bottom: float) -> str:
    """The text in a horizontal band of the page, from `top` to `bottom` (fractions of its height)."""
    rect = page.rect
    return page.get_text(clip=pymupdf.Rect(0, rect.height * top, rect.width, rect.height * bottom)).strip()


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


# -- the reading edition ------------------------------------------------------


def test_every_font_is_embedded_crimson_pro_and_no_fallback(built):
    with pikepdf.open(output(built, ".pdf")) as document:
        fonts = {}
        for page in document.pages:
            for font in page.Resources.get("/Font", {}).values():
                descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
                descriptor = descendant.FontDescriptor
                embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
                fonts[str(font.BaseFont).split("+")[-1]] = embedded
    assert fonts and all(fonts.values()), fonts
    assert {name for name in fonts if not name.startswith("Crimson-Pro")} == set(), fonts


def test_pdf_is_pdf_ua_with_language_title_metadata_and_structure(built):
    with pikepdf.open(output(built, ".pdf")) as document:
        assert document.check_pdf_syntax() == []  # what `qpdf --check` reports
        root = document.Root
        assert str(root.Lang) == "en"
        assert bool(root.MarkInfo.Marked)
        assert "/StructTreeRoot" in root
        assert bool(root.ViewerPreferences.DisplayDocTitle)  # the title, not the file name, in the window
        with document.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
            assert xmp.get("{http://www.aiim.org/pdfua/ns/id/}part") == "1"
            assert xmp.get("dc:title") == "No Alien but the Capitalist"
        info = document.docinfo
        assert str(info.Title) == "No Alien but the Capitalist"
        assert str(info.Author) == "David Camfield, Dave Kellaway"
        assert "internationalism" in str(info.Subject)
        assert str(info.CreationDate).startswith("D:20260101000000")  # SOURCE_DATE_EPOCH
        assert str(info.ModDate).startswith("D:20260101000000")


def test_pages_are_a5_and_labelled_as_printed(pdf):
    for page in pdf:
        assert (round(page.rect.width / MM, 1), round(page.rect.height / MM, 1)) == (148.0, 210.0)
    labels = [page.get_label() for page in pdf]
    first_arabic = labels.index("1")
    assert labels[:first_arabic] == ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii"][:first_arabic]
    assert labels[first_arabic:] == [str(n) for n in range(1, len(labels) - first_arabic + 1)]
    # The folio printed at the foot of a page is its label (none on the cover or blank pages).
    for index in (2, first_arabic + 1, len(labels) // 2):
        assert band(pdf[index], 0.925, 1.0) == labels[index]
    assert band(pdf[0], 0.925, 1.0) == ""


def test_bookmarks_lead_to_each_text(pdf, openings):
    for slug, page in openings.items():
        assert squeeze(TEXTS[slug]) in squeeze(band(pdf[page], 0, 0.4)), slug


def test_contents_give_the_printed_page_where_each_text_opens(pdf, openings):
    contents = next(page for page in pdf if band(page, 0, 0.3).startswith("Contents"))
    listed = squeeze(contents.get_text())
    for slug, page in openings.items():
        title = squeeze(TEXTS[slug])
        match = re.search(re.escape(title) + r".*?\.{3,}(\d+)", listed)
        assert match, (title, listed)
        assert match.group(1) == pdf[page].get_label(), slug


def test_contents_list_each_text_s_questions_at_their_page_and_every_leader_ends_alike(pdf):
    contents = next(page for page in pdf if band(page, 0, 0.3).startswith("Contents"))
    listed = re.findall(r"Questionsfordiscussion\.{3,}(\d+)", squeeze(contents.get_text()))
    headed = [page.get_label() for page in pdf
              if re.search(r"^Questions for discussion$", page.get_text(), re.MULTILINE)
              and page.number > contents.number]
    assert len(listed) == len(TEXTS) and listed == headed, (listed, headed)
    dots: dict[int, list[float]] = {}  # each line's dots (by baseline): where they end
    for block in contents.get_text("rawdict")["blocks"]:
        for line in block.get("lines", []):
            for span in line["spans"]:
                for char in span["chars"]:
                    if char["c"] == ".":
                        dots.setdefault(round(char["origin"][1]), []).append(char["bbox"][2])
    ends = [max(found) for found in dots.values() if len(found) > 5]
    assert len(ends) >= len(TEXTS) * 2 + 1 and max(ends) - min(ends) < 1.0, ends


def test_back_parts_open_on_a_new_page_and_the_back_cover_is_the_last_page_on_the_left(pdf):
    openings = [index for index, page in enumerate(pdf) if band(page, 0, 0.3).startswith(
        ("About the authors", "Sources and credits"))]
    assert len(openings) == 2
    about, sources = openings
    assert about % 2 == 0  # the cover, page 0, is a right-hand page
    # Sources and credits straight after, on the left: the booklet needs no blank pages for it.
    assert sources == about + 1 and not band(pdf[sources], 0, 0.08), "a running head on an opening page"
    last = len(pdf) - 1
    assert last % 2 == 1 and squeeze("No Alien but the Capitalist") in squeeze(pdf[last].get_text())


def test_each_text_opens_on_a_right_hand_page_without_a_running_head(pdf, openings):
    for slug, page in openings.items():
        assert page % 2 == 0, f"{slug} opens on a left-hand page"  # the cover, page 0, is a right-hand page
        opening = pdf[page]
        assert not band(opening, 0, 0.08), "a running head on an opening page"
        # Later pages carry the reader's title on the left, the text's title on the right.
        assert band(pdf[page + 1], 0, 0.08) == "NO ALIEN BUT THE CAPITALIST"
        assert band(pdf[page + 2], 0, 0.08) == TEXTS[slug].upper()


def test_each_text_opens_with_a_drop_cap(pdf, openings):
    for slug, page in openings.items():
        sizes = [
            span["size"]
            for block in pdf[page].get_text("dict")["blocks"]
            for line in block.get("lines", [])
            for span in line["spans"]
            if len(span["text"].strip()) == 1 and span["text"].strip().isalpha()
        ]
        assert sizes and max(sizes) > 2.5 * 10.5, slug


def footnote_rule(page: pymupdf.Page) -> float | None:
    """The top of the footnote area (its rule, grey #666, unlike a pull quote's black rules), if any."""
    rules = [
        drawing["rect"].y0 for drawing in page.get_drawings()
        if drawing["rect"].width > page.rect.width / 2
        and drawing.get("fill") == pytest.approx((0.4, 0.4, 0.4))
    ]
    return max(rules, default=None)


def test_every_link_of_the_texts_is_a_footnote_on_the_page_of_its_call(pdf, openings):
    urls = set(re.findall(r'<span class="link-note"><a href="([^"]+)"', print_html_of_seeds()))
    # The seeds' links whose text is not their address (the print edition shortens the first text's
    # standfirst to its first paragraph, and with it three of its links).
    assert len(urls) >= 7
    noted: set[str] = set()
    for page in pdf.pages(min(openings.values()), len(pdf)):
        rule = footnote_rule(page)
        if rule is None:
            continue
        calls, notes = set(), set()
        for link in page.get_links():
            if link.get("uri"):
                (notes if link["from"].y0 > rule else calls).add(link["uri"])
        # Every note has its call above it on the same page, and prints the whole URL.
        assert notes <= calls, (page.get_label(), notes - calls)
        printed = squeeze(page.get_text(clip=pymupdf.Rect(0, rule, page.rect.width, page.rect.height)))
        for url in notes:
            assert squeeze(url) in printed, (page.get_label(), url)
        noted |= notes
    assert urls <= noted, urls - noted


def test_footnotes_are_numbered_per_text(pdf, openings):
    for slug, opening in openings.items():
        first_note = next(
            re.search(r"(?m)^(\d+)\. http", band(page, 0.55, 0.925))
            for page in pdf.pages(opening, len(pdf))
            if re.search(r"(?m)^(\d+)\. http", band(page, 0.55, 0.925))
        )
        assert first_note.group(1) == "1", slug


def test_booklet_sheets_fold_into_the_reading_edition(built, pdf):
    booklet = pymupdf.open(output(built, "-booklet.pdf"))
    pages = len(pdf)
    padded = -(-pages // 4) * 4
    assert len(booklet) == padded // 2  # both sides of padded/4 sheets
    for side in booklet:
        assert (round(side.rect.width / MM), round(side.rect.height / MM)) == (297, 210)  # A4 landscape
    # Reading order with blank pages before the back cover, then folded: side k of the stack
    # carries pages (last-k, k) on the front of a sheet and (k, last-k) on the back.
    order = [*range(pages - 1), *[None] * (padded - pages), pages - 1]
    for index, side in enumerate(booklet):
        sheet, back = divmod(index, 2)
        outer, inner = order[padded - 1 - 2 * sheet], order[2 * sheet]
        if back:
            outer, inner = order[2 * sheet + 1], order[padded - 2 - 2 * sheet]
        width = side.rect.width / 2
        for half, expected in ((0, outer), (1, inner)):
            clip = pymupdf.Rect(half * width, 0, (half + 1) * width, side.rect.height)
            text = squeeze(side.get_text(clip=clip))
            assert text == ("" if expected is None else squeeze(pdf[expected].get_text())), (index, half)
    booklet.close()


def pdfimpose_itself(pdf: bytes, sheet: str) -> bytes:
    """The booklet as pdfimpose makes it with its own (PyMuPDF) backend: the reference."""
    with Reader([io.BytesIO(pdf)]) as reader:
        count, margins = placement(reader.size, sheet)
    imposed = io.BytesIO()
    schema = saddle if count == 2 else cutstackfold
    signature = (2, 1) if count == 2 else (1, 2)
    schema.impose([io.BytesIO(pdf)], imposed, signature=signature, omargin=margins, last=1)
    return imposed.getvalue()


def assert_same_sides(booklet: bytes, reference: bytes) -> None:
    """Every side has the same size, words at the same places (to 0.01 pt) and drawings."""
    ours, theirs = pymupdf.open(stream=booklet), pymupdf.open(stream=reference)
    assert len(ours) == len(theirs)
    for index, (side, expected) in enumerate(zip(ours, theirs, strict=True)):
        assert side.rect == expected.rect, index
        words, expected_words = side.get_text("words"), expected.get_text("words")
        assert [w[4] for w in words] == [w[4] for w in expected_words], index
        for word, other in zip(words, expected_words, strict=True):
            assert max(abs(a - b) for a, b in zip(word[:4], other[:4], strict=True)) < 0.01, (index, word[4])
        assert len(side.get_drawings()) == len(expected.get_drawings()), index


def test_booklet_is_imposed_from_the_parts_exactly_as_pdfimpose_imposes_the_reading_edition(built, pdf):
    booklet = output(built, "-booklet.pdf").read_bytes()
    assert_same_sides(booklet, pdfimpose_itself(output(built, ".pdf").read_bytes(), "A4"))


def test_preview_shows_the_first_pages_side_by_side(built, pdf):
    with Image.open(output(built, "-preview.png")) as image:
        assert image.format == "PNG"
        width, height = image.size
    assert 3 * 400 < width < 3 * 500 and height > 500  # three A5 pages, about 420 pixels each
    pixel_ratio = width / height
    assert 1.9 < pixel_ratio < 2.3


# -- other sheets and page sizes ----------------------------------------------


def numbered_pdf(pages: int, size: tuple[float, float]) -> bytes:
    document = pymupdf.open()
    for number in range(1, pages + 1):
        page = document.new_page(width=size[0], height=size[1])
        page.insert_text((size[0] / 2, size[1] / 2), f"P{number}", fontsize=14)
    return document.tobytes()


def cells(data: bytes, columns: int, rows: int) -> list[list[str]]:
    document = pymupdf.open(stream=data)
    result = []
    for side in document:
        width, height = side.rect.width / columns, side.rect.height / rows
        result.append([
            side.get_text(clip=pymupdf.Rect(x * width, y * height, (x + 1) * width, (y + 1) * height)).strip()
            for y in range(rows) for x in range(columns)
        ])
    return result


def test_a6_pages_are_imposed_four_up_on_a4_to_cut_stack_and_fold():
    booklet = impose_booklet(numbered_pdf(10, (105 * MM, 148 * MM)), "A4")
    assert (booklet.pages_per_side, booklet.sides, booklet.sheets, booklet.flip) == (4, 4, 2, "long edge")
    # Cut each sheet across; the top halves stacked on the bottom halves fold into pages 1..16,
    # with the blank pages before the back cover (P10).
    assert cells(booklet.pdf, 2, 2) == [
        ["P10", "P1", "", "P5"],
        ["P2", "", "P6", ""],
        ["", "P3", "", "P7"],
        ["P4", "", "P8", "P9"],
    ]
    first = pymupdf.open(stream=booklet.pdf)[0].rect
    assert (round(first.width / MM), round(first.height / MM)) == (210, 297)


def test_each_a4_sheet_of_a6_pages_carries_the_pages_the_plan_counts_it_with():
    """render/plan.py plans a sheet never to carry only one printed page (tests/test_plan.py): the
    pages it counts on each sheet are those the imposition puts there."""
    from tests.test_plan import a4_sheets

    booklet = impose_booklet(numbered_pdf(24, (105 * MM, 148 * MM)), "A4")
    sides = cells(booklet.pdf, 2, 2)
    on_sheets = [{int(cell[1:]) - 1 for side in sides[k:k + 2] for cell in side}
                 for k in range(0, len(sides), 2)]
    assert on_sheets == [set(sheet) for sheet in a4_sheets(24)]


@pytest.mark.parametrize(("pages", "size"), [(10, (105 * MM, 148 * MM)), (7, (148 * MM, 210 * MM))])
def test_small_booklets_match_pdfimpose_s_own_imposition(pages, size):
    source = numbered_pdf(pages, size)
    assert_same_sides(impose_booklet(source, "A4").pdf, pdfimpose_itself(source, "A4"))


def test_a5_booklet_is_deterministic_and_fills_a4_exactly():
    source = numbered_pdf(6, (148 * MM, 210 * MM))
    first, second = impose_booklet(source, "A4"), impose_booklet(source, "A4")
    assert first.pdf == second.pdf
    assert cells(first.pdf, 2, 1) == [["P6", "P1"], ["P2", ""], ["", "P3"], ["P4", "P5"]]
    assert (first.sheets, first.flip) == (2, "short edge")


@pytest.mark.parametrize(
    ("print_table", "message"),
    [
        ('page_size = "A5"\nbooklet_sheet = "letter"', "'print.booklet_sheet' is 'letter'"),
        ('page_size = "A6"\nbooklet_sheet = "A3"', "A6 pages can only be imposed on A4 or A5 sheets"),
        ('booklet = "A4"', "unknown key 'print.booklet'"),
    ],
)
def test_booklet_sheet_errors_name_the_key_and_the_choices(tmp_path, print_table, message):
    text = (SOURCES / "publication.toml").read_text(encoding="utf-8")
    text = text.split("[print]")[0] + "[print]\n" + print_table + "\n"
    path = tmp_path / "publication.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigurationError) as error:
        load_settings(path)
    assert message in str(error.value)
    assert error.value.diagnostic.file == path


def test_booklet_sheet_defaults_to_the_page_size_s_sheet(tmp_path):
    text = (SOURCES / "publication.toml").read_text(encoding="utf-8").replace('"A5"', '"half-letter"')
    path = tmp_path / "publication.toml"
    path.write_text(text, encoding="utf-8")
    assert tomllib.loads(text)["print"]["page_size"] == "half-letter"
    assert load_settings(path).print.booklet_sheet == "letter"


def print_html_of_seeds() -> str:
    from pamphleteer.render.pdf import print_html

    publication, _ = seed_assembled(dated=False)
    return print_html(publication)


def test_print_html_keeps_block_ids_and_the_language_of_each_text():
    html = print_html_of_seeds()
    for slug in TEXTS:
        assert re.search(rf'<article class="text" id="{slug}" lang="en-(US|GB)"', html), slug
        assert re.search(rf'<p id="{slug}-\d+"', html), slug
    assert html.count('class="link-note"') >= 7  # three went with the shortened standfirst


# -- what a screen reader reads: the PDF's tags -------------------------------


def _text_objects(container: object, count: object, get: object) -> Iterator[object]:
    import pypdfium2.raw as pdfium_c

    for index in range(count(container)):  # type: ignore[operator]
        found = get(container, index)  # type: ignore[operator]
        if pdfium_c.FPDFPageObj_GetType(found) == pdfium_c.FPDF_PAGEOBJ_FORM:
            yield from _text_objects(found, pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject)
        elif pdfium_c.FPDFPageObj_GetType(found) == pdfium_c.FPDF_PAGEOBJ_TEXT:
            yield found


def marked_content(path: Path) -> tuple[dict[tuple[int, int], str], dict[int, str]]:
    """What pdfium reads of each page's text objects: the text of each marked-content sequence
    (page, MCID) a tag may point at, and each page's text drawn as an artifact."""
    import ctypes

    import pypdfium2
    import pypdfium2.raw as pdfium_c

    def utf16(call: object, size: int) -> str:
        buffer = ctypes.create_string_buffer(size)
        length = call(ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))  # type: ignore[operator]
        return buffer.raw[:int(length) if length else size].decode("utf-16-le").rstrip("\0")

    marked: dict[tuple[int, int], str] = {}
    artifacts: dict[int, str] = {}
    document = pypdfium2.PdfDocument(path)
    try:
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            for found in _text_objects(page.raw, pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject):
                size = pdfium_c.FPDFTextObj_GetText(found, textpage.raw, None, 0)
                text = utf16(lambda buffer, found=found, size=size, on=textpage.raw:
                             pdfium_c.FPDFTextObj_GetText(found, on, buffer, size), size)
                marks = []
                for number in range(pdfium_c.FPDFPageObj_CountMarks(found)):
                    mark, length = pdfium_c.FPDFPageObj_GetMark(found, number), ctypes.c_ulong()
                    marks.append(utf16(lambda buffer, mark=mark, length=length: (
                        pdfium_c.FPDFPageObjMark_GetName(mark, buffer, 256, ctypes.byref(length)),
                        length.value)[1], 256))
                mcid = pdfium_c.FPDFPageObj_GetMarkedContentID(found)
                if "Artifact" in marks:
                    artifacts[index] = artifacts.get(index, "") + text
                elif mcid >= 0:
                    marked[index, mcid] = marked.get((index, mcid), "") + text
    finally:
        document.close()
    return marked, artifacts


def read_in_tag_order(path: Path) -> tuple[str, list[str]]:
    """The PDF's text as a screen reader reads it: its structure tree walked in order (pikepdf), each
    marked-content sequence it points at as pdfium reads it; and what is wrong with the tree: a
    sequence of text on a page that no tag points at, or another tag than the parent tree says."""
    marked, _ = marked_content(path)
    read: list[str] = []
    pointed: dict[tuple[int, int], tuple[int, int]] = {}
    with pikepdf.open(path) as document:
        pages = {page.obj.objgen: index for index, page in enumerate(document.pages)}

        def walk(element: pikepdf.Object, page: pikepdf.Object | None) -> None:
            page = element.get("/Pg", page)
            kids = element.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]:
                if isinstance(kid, int):
                    where = (pages[page.objgen], int(kid))
                    read.append(marked.get(where, ""))
                    pointed[where] = element.objgen
                elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    walk(kid, page)

        tree = document.Root.StructTreeRoot
        walk(tree, None)
        wrong = [f"{where}: no tag points at it" for where in marked if where not in pointed]
        parents = pikepdf.NumberTree(tree.ParentTree)
        for page in (page for page in document.pages if "/StructParents" in page.obj):  # not blanks
            index = pages[page.obj.objgen]
            for mcid, parent in enumerate(parents[int(page.obj.StructParents)]):
                if (index, mcid) in pointed and pointed[index, mcid] != parent.objgen:
                    wrong.append(f"{(index, mcid)}: the parent tree and the tags disagree")
    return " ".join(read), wrong


def test_a_pull_quote_is_printed_but_read_once_in_the_pdf_s_tags(built):
    """A pull quote repeats its passage; like the web and EPUB editions (aria-hidden), the PDF prints it
    and leaves it out of what a screen reader reads: its words are read once, in the passage, and
    drawn as an artifact. WeasyPrint ignores aria-hidden: the old edition tagged each quote as text,
    and read its words twice. The tree stays whole: every sequence of text is read, once."""
    def words(html: str) -> str:
        return squeeze(unescape(re.sub(r"<[^>]+>", "", html)))

    path = output(built, ".pdf")
    html = print_html_of_seeds()
    pull_quote = re.compile(r'<aside class="pullquote[^"]*"[^>]*>(.*?)</aside>', re.S)  # and twins
    quotes = list(dict.fromkeys(words(quote) for quote in pull_quote.findall(html)))
    text = words(pull_quote.sub("", html))  # the words of the edition, without its pull quotes
    assert len(quotes) == 3 and all(text.count(quote) < 2 for quote in quotes)
    read, wrong = read_in_tag_order(path)
    assert wrong == []
    heard = squeeze(read.replace("\x02", ""))  # pdfium's mark of a hyphen at a line's end
    _, artifacts = marked_content(path)
    printed = squeeze("".join(artifacts.values()))
    for quote in quotes:
        assert heard.count(quote) == text.count(quote), quote  # once where the text says it, or never
        assert quote in printed, quote
    with pymupdf.open(path) as document:  # and in the text a program extracts, in the page's order,
        extracted = squeeze(" ".join(page.get_text() for page in document))
    # hyphens set aside: a word the text hyphenates at a line's end ("them-" / "selves") is extracted so
    def unhyphenated(words: str) -> str:
        return words.replace("-", "")

    counts = [(quote[:40], unhyphenated(extracted).count(unhyphenated(quote)), text.count(quote))
              for quote in quotes]
    assert all(found == said + 1 for _, found, said in counts), counts
