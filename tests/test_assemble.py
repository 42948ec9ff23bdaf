"""Joining separately laid-out parts keeps the PDF tagged, navigable and linked."""

from __future__ import annotations

import io
import subprocess

import pikepdf
import pytest
import weasyprint

from pamphleteer.render.assemble import CROSS_PART_PREFIX, PartPdf, join_parts


def part(body: str) -> bytes:
    html = f'<html lang="en-GB"><head><title>Reader</title></head><body>{body}</body></html>'
    return weasyprint.HTML(string=html).render(pdf_tags=True).write_pdf(pdf_variant="pdf/ua-1")


@pytest.fixture(scope="module")
def joined() -> pikepdf.Pdf:
    front = part(f'<h1 id="contents">Contents</h1><p><a href="{CROSS_PART_PREFIX}two">Two</a> '
                 '<a href="https://example.org/">out</a></p>')
    one = part('<h1 id="one">One</h1>' + "<p>" + "word " * 900 + "</p>")
    two = part('<h1 id="two">Two</h1><p>See <a href="#two-note">below</a>.</p><h2 id="two-note">Note</h2>')
    data = join_parts([PartPdf(front), PartPdf(one, blanks_before=1), PartPdf(two, blanks_before=1)])
    return pikepdf.open(io.BytesIO(data))


def struct_elements(element):
    yield element
    kids = element.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
            yield from struct_elements(kid)


def test_pages_in_order_with_blank_pages_before_right_hand_openings(joined):
    blank = [page.obj.Contents.read_bytes() == b"" for page in joined.pages]
    assert len(joined.pages) >= 5
    assert blank[1] and blank[-2]  # before part one and before part two
    assert blank.count(True) == 2


def test_one_structure_tree_whose_tags_point_at_the_joined_pages(joined):
    root = joined.Root.StructTreeRoot
    document = root.K[0]
    assert document.S == "/Document"
    pages = {page.objgen for page in joined.pages}
    elements = list(struct_elements(document))
    headings = [e for e in elements if e.get("/S") in ("/H1", "/H2")]
    assert len(headings) == 4
    assert all(e.Pg.objgen in pages for e in elements if "/Pg" in e)
    keys = [int(key) for key in pikepdf.NumberTree(root.ParentTree)]
    page_keys = [int(page.obj.StructParents) for page in joined.pages if "/StructParents" in page.obj]
    assert len(set(page_keys)) == len(page_keys) and set(page_keys) <= set(keys)
    assert int(root.ParentTreeNextKey) == max(keys) + 1


def test_links_bookmarks_and_metadata_survive(joined):
    annotations = [a for page in joined.pages for a in page.obj.get("/Annots", [])]
    destinations = {str(a.Dest) for a in annotations if "/Dest" in a}
    assert {"two", "two-note"} <= destinations  # the cross-part contents link now points into the text
    assert any(str(a.A.URI) == "https://example.org/" for a in annotations if "/A" in a)
    assert not any(CROSS_PART_PREFIX in str(a.get("/A", {}).get("/URI", "")) for a in annotations)
    assert {"contents", "one", "two", "two-note"} <= set(pikepdf.NameTree(joined.Root.Names.Dests).keys())
    with joined.open_outline() as outline:
        titles = [item.title for item in outline.root]
    assert titles == ["Contents", "One", "Two"]
    assert str(joined.Root.Lang) == "en-GB"
    assert joined.Root.ViewerPreferences.DisplayDocTitle
    assert "pdfuaid" in joined.Root.Metadata.read_bytes().decode()


@pytest.mark.needs("qpdf")
def test_the_joined_file_is_clean_for_qpdf(joined, tmp_path):
    path = tmp_path / "joined.pdf"
    joined.save(path)
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_each_parts_font_subsets_keep_their_own_names(joined):
    fonts = {font.objgen: str(font.BaseFont) for page in joined.pages
             for _, font in page.obj.Resources.get("/Font", {}).items()}
    assert len(fonts) >= 3  # every part embeds its own subset
    assert len(set(fonts.values())) == len(fonts)  # and no two subsets share a name
