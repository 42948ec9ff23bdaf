"""What was decided for a paragraph's word spacing is kept in the build cache: a part laid out again
after an edit tries only its new paragraphs, and comes out as it would without the cache."""

from __future__ import annotations

import shutil

import pytest
import weasyprint

from pamphleteer import pipeline
from pamphleteer.cache import Cache
from pamphleteer.render import spacing
from pamphleteer.render.layout import Typesetter
from tests.conftest import EPOCH, JOBS, SOURCES
from tests.test_spacing import BROKEN

SECOND = BROKEN.replace('id="a"', 'id="b"')  # the same paragraph again: loose too, and new


def page(body: str) -> str:
    return ('<html lang="en"><body><div class="main-matter"><article class="text" lang="en-US">'
            f'<div class="text-body"><p id="first">A first paragraph.</p>{body}</div>'
            "</article></div></body></html>")


@pytest.fixture
def trials(monkeypatch: pytest.MonkeyPatch) -> list[set[str]]:
    """The paragraphs each layout tries word spacings on."""
    found: list[set[str]] = []
    real = spacing.tried

    def tried(html, stylesheets, fonts, blocks, *rest):  # type: ignore[no-untyped-def]
        found.append(set(blocks))
        return real(html, stylesheets, fonts, blocks, *rest)

    monkeypatch.setattr(spacing, "tried", tried)
    return found


def test_a_part_laid_out_again_tries_only_its_new_paragraph_and_comes_out_as_without_the_cache(
    tmp_path, trials
):
    setter, cache = Typesetter("A5", SOURCES), Cache(tmp_path / "cache")
    setter.lay_out(page(BROKEN), "", frozenset(), cache)
    assert trials == [{"a"}]
    trials.clear()
    edited = setter.lay_out(page(BROKEN + SECOND), "", frozenset(), cache)
    assert trials == [{"b"}]  # "a" as decided before, with its word spacing
    trials.clear()
    assert edited.pdf == setter.lay_out(page(BROKEN + SECOND), "", frozenset()).pdf
    assert trials == [{"a", "b"}]  # without the cache: both, for the same choices


def test_a_paragraph_whose_surroundings_change_is_set_as_without_the_cache(tmp_path, trials):
    setter, cache = Typesetter("A5", SOURCES), Cache(tmp_path / "cache")
    setter.lay_out(page(BROKEN), "", frozenset(), cache)
    # now after a heading, not a paragraph (`p + p` gave it an indent): the word spacing decided for
    # it before must not be kept
    headed = page(BROKEN).replace('<p id="first">A first paragraph.</p>', '<h3 id="first">A heading</h3>')
    assert setter.lay_out(headed, "", frozenset(), cache).pdf == setter.lay_out(headed, "", frozenset()).pdf


def keys(body: str, context: str = "A5") -> dict[str, str]:
    return spacing.paragraph_keys(weasyprint.HTML(string=page(body)).etree_element, context)


LINKED = '<p id="x">With a link<span class="link-note"><a href="https://a.example">a</a></span>.</p>'


@pytest.mark.parametrize(("before", "after", "same"), [
    ("<p id='x'>One.</p>" + BROKEN, "<p id='x'>One, edited.</p>" + BROKEN, True),  # text before it
    (BROKEN + "<p id='y'>Last.</p>", BROKEN + "<p id='y'>Last, edited.</p>", True),  # text after it
    (BROKEN, "<h3>A heading</h3>" + BROKEN, False),  # `h3 + p` and the like would see it
    ("<p id='x'>One.</p>" + BROKEN, LINKED + BROKEN, False),  # its footnotes get other numbers
    (BROKEN, BROKEN.replace("late nineteenth", "late 19th"), False),  # its own text
])
def test_a_paragraph_s_key_changes_with_what_sets_it_and_nothing_else(before, after, same):
    assert (keys(before)["a"] == keys(after)["a"]) is same


def test_a_paragraph_s_key_changes_with_the_stylesheets():
    assert keys(BROKEN, "A5")["a"] != keys(BROKEN, "A6")["a"]


@pytest.mark.slow
def test_a_rebuild_after_an_edit_gives_the_editions_of_a_build_without_a_cache(built, sources_copy, tmp_path):
    kept, fresh = tmp_path / "kept", tmp_path / "fresh"
    shutil.copytree(built.written[0].parent, kept, symlinks=True)  # the seed's first build, cache and all
    text = sorted((sources_copy / "texts").glob("*.md"))[-1]
    with text.open("a", encoding="utf-8") as handle:
        handle.write("\n\nOne more sentence, at the end of the text.\n")
    pipeline.build(sources_copy, kept, epoch=EPOCH, jobs=JOBS)
    pipeline.build(sources_copy, fresh, epoch=EPOCH, jobs=JOBS)
    editions = sorted(path.name for path in fresh.iterdir() if path.is_file() and path.suffix != ".json")
    assert len(editions) == 5  # the PDF, the booklet, the preview, the ebook, the web edition
    for name in editions:
        assert (kept / name).read_bytes() == (fresh / name).read_bytes(), name
