"""Print page starts found in the real layout point at the words that begin each PDF page."""

from __future__ import annotations

import re

import pypdf

from pamphleteer.ast import text_of
from pamphleteer.render.markup import PageMarks, PageStart, Writer
from pamphleteer.render.pdf import block_ids


def block_words(publication, block_id: str) -> list[str]:
    for text in publication.texts:
        for prefix, blocks in ((text.slug, text.body), (f"{text.slug}-standfirst", text.standfirst),
                               (f"{text.slug}-question", text.question_blocks)):
            for block in blocks:
                if f"{prefix}-{block.line}" == block_id:
                    return text_of(block.node).split()
    for part in publication.front:
        for block in part.blocks:
            if f"{part.name}-{block.line}" == block_id:
                return text_of(block.node).split()
    raise AssertionError(f"no block {block_id}")


def letters(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def test_every_body_page_has_a_start_and_it_names_the_pages_first_words(built_print):
    publication, edition = built_print
    starts = edition.page_starts
    reader = pypdf.PdfReader(__import__("io").BytesIO(edition.pdf))
    pages = [page.extract_text() or "" for page in reader.pages]
    printed = reader.page_labels  # the folios as printed: i, ii, … then 1, 2, …
    index_of = {label: index for index, label in enumerate(printed)}
    # Pages after the title, imprint and contents that carry a folio (not blank, not the back cover).
    # The back matter (About the authors, Sources and credits) is drawn by templates, not running text.
    back_matter = re.compile(r"\s*(About the authors?|Sources and credits)\n")
    back = next((i for i, text in enumerate(pages) if back_matter.match(text)),
                len(pages))
    body_pages = [i for i, text in enumerate(pages) if 3 <= i < back and text.split()[-1:] == [printed[i]]]
    assert len(starts) >= len(body_pages) - 1
    labels = [start.label for start in starts]
    assert len(set(labels)) == len(labels)  # one start per page
    # Every page with something on it has a start (the contents' own pages are the ebook's nav).
    with_text = {printed[i] for i, text in enumerate(pages)
                 if text.split() and not text.startswith("Contents")}
    assert with_text <= set(labels), sorted(with_text - set(labels))
    known = block_ids(publication)
    for start in starts:
        if start.block_id not in known:  # a page with no running text: it begins at an element
            assert start.word == 0 and start.block_id, start
            continue
        words = block_words(publication, start.block_id)
        assert 0 <= start.word < len(words), start
        # The block's words from there open the page (after any running head); the first
        # may have begun on the page before, hyphenated across the page break.
        page = letters(pages[index_of[start.label]])[:400]
        first = letters(words[start.word])
        following = letters(" ".join(words[start.word + 1 : start.word + 4]))
        assert first[-2:] + following[:20] in page, (start, words[start.word : start.word + 4])


def test_markers_land_before_the_word_in_every_edition_writer(built_print):
    publication, edition = built_print
    start, text = next(
        (s, t) for s in edition.page_starts for t in publication.texts
        if s.word > 0 and s.block_id.startswith(f"{t.slug}-")
    )
    marks = PageMarks.from_starts([start], lambda label: f"[[{label}]]")
    html = str(Writer(prefix=text.slug, page_marks=marks).blocks(text.body))
    after = letters(re.sub(r"<[^>]+>", " ", html.split(f"[[{start.label}]]", 1)[1]))
    words = block_words(publication, start.block_id)
    assert after.startswith(letters(" ".join(words[start.word : start.word + 3])))


def test_block_ids_cover_every_body_block(built_print):
    publication, _ = built_print
    ids = block_ids(publication)
    assert all(f"{text.slug}-{block.line}" in ids for text in publication.texts for block in text.body)


def test_page_start_is_a_plain_value():
    assert PageStart("7", "a-1", 3) == PageStart("7", "a-1", 3)
