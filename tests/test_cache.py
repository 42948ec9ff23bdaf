"""Rebuilds: nothing changed means nothing redone; a change redoes only what it touches."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import fitz
import pypdf
import pytest

from pamphleteer import pipeline, uptodate
from pamphleteer.cache import CACHE_FOLDER, Cache, digest
from pamphleteer.render import html
from tests.conftest import EPOCH, JOBS, SOURCES


def build(*args, epoch: str = EPOCH, **options) -> pipeline.BuildResult:
    """A build with a fixed edition date (SOURCE_DATE_EPOCH `epoch`)."""
    return pipeline.build(*args, epoch=epoch, jobs=JOBS, **options)


FirstBuild = tuple[Path, Path, pipeline.BuildResult]  # its sources (a copy of sources/), output, result


def first_build(tmp_path_factory: pytest.TempPathFactory, formats: tuple[str, ...], built) -> FirstBuild:
    """The first build of `formats` of a copy of the seed reader, into a copy of the output folder the
    session's build of every edition (`built`) left, cache and all: the cache holds what a first build
    of these editions alone makes (the web edition lays out the print edition for its page numbers),
    so this build takes a few seconds, not the 12 of a build from nothing; its state file names other
    editions, so it is not up to date."""
    root = tmp_path_factory.mktemp("first-" + "-".join(formats))
    shutil.copytree(SOURCES, root / "sources")
    shutil.copytree(built.written[0].parent, root / "out", symlinks=True)
    return root / "sources", root / "out", build(root / "sources", root / "out", formats)


@pytest.fixture(scope="module")
def first_web_build(tmp_path_factory: pytest.TempPathFactory, built) -> FirstBuild:
    """The web edition's first build, made once for the tests that start from it."""
    return first_build(tmp_path_factory, ("html",), built)


@pytest.fixture(scope="module")
def first_print_build(tmp_path_factory: pytest.TempPathFactory, built) -> FirstBuild:
    """The print edition's first build, made once for the tests that start from it."""
    return first_build(tmp_path_factory, ("pdf",), built)


def after_a_first_build(first: FirstBuild, output: Path) -> pipeline.BuildResult:
    """`output` as the first build `first` left its output folder, cache and all (a build of
    `sources_copy` into it starts from there); that build's result."""
    shutil.copytree(first[1], output, symlinks=True)
    return first[2]


def test_a_rebuild_with_nothing_changed_keeps_the_editions(first_web_build):
    sources, output, first = first_web_build
    assert not first.up_to_date
    stamps = {path.name: path.stat().st_mtime_ns for path in first.written}
    again = build(sources, output, ("html",))
    assert again.up_to_date
    assert again.title == first.title and again.page_count == first.page_count
    assert [d.message for d in again.diagnostics] == [d.message for d in first.diagnostics]
    assert {path.name: path.stat().st_mtime_ns for path in again.written} == stamps


def test_a_change_or_a_damaged_edition_means_a_real_rebuild(sources_copy, tmp_path, first_web_build):
    output = tmp_path / "out"
    first = after_a_first_build(first_web_build, output)
    html = output / next(path.name for path in first.written if path.suffix == ".html")
    html.write_text("damaged", encoding="utf-8")
    assert not build(sources_copy, output, ("html",)).up_to_date
    assert "damaged" not in html.read_text(encoding="utf-8")
    text = sorted((sources_copy / "texts").glob("*.md"))[0]
    edited = text.read_text(encoding="utf-8") + "\n\nA sentence added by the editor.\n"
    text.write_text(edited, encoding="utf-8")
    rebuilt = build(sources_copy, output, ("html",))
    assert not rebuilt.up_to_date
    assert "A sentence added by the editor." in html.read_text(encoding="utf-8")
    # Only the edited text was parsed again: one new syntax tree in the cache.
    assert len(list((output / CACHE_FOLDER / "ast").iterdir())) == 3
    assert not build(sources_copy, output, ("html", "epub")).up_to_date  # other options, other editions


def test_cache_keys_are_content_hashes_and_misses_are_harmless(tmp_path):
    cache = Cache(tmp_path / "c")
    assert cache.get("ast", digest("x")) is None
    cache.put("ast", digest("x"), b"data")
    assert cache.get("ast", digest("x")) == b"data"
    assert digest("ab", "c") != digest("a", "bc")
    os.chmod(tmp_path / "c" / "ast", 0o500)
    cache.put("ast", digest("y"), b"more")  # an unwritable cache only costs time


def test_adding_a_text_lays_out_only_the_new_text_and_the_parts_that_list_it(
    sources_copy, tmp_path, first_print_build
):
    output = tmp_path / "out"
    after_a_first_build(first_print_build, output)
    layouts = output / CACHE_FOLDER / "layout"
    before = {path.name for path in layouts.iterdir()}
    # the title page with the imprint, the contents (and a first layout of them that counts their
    # pages), the front parts, two texts, the two back parts (the second also from a left-hand
    # page, where the plan opens it), the back cover
    assert len(before) == 10, sorted(before)
    folios = output / CACHE_FOLDER / "folios"
    sheets = {path.name for path in folios.iterdir()}
    # the folios of the contents, the front parts, each text, each back part, the back cover
    assert len(sheets) == 7, len(sheets)
    text = sorted((sources_copy / "texts").glob("*.md"))[-1]
    added = text.read_text(encoding="utf-8").replace("title: ", "title: Another look at ", 1)
    (sources_copy / "texts" / "zz-added.md").write_text(added, encoding="utf-8")
    result = build(sources_copy, output, ("pdf",))
    after = {path.name for path in layouts.iterdir()}
    new = after - before
    # The new text, the imprint and the contents, which list it (the contents once: the last build
    # said how many pages they take), and both back parts: "About the authors" lists each author's
    # texts, the credits every text; the front parts and the texts before it come from the cache.
    assert len(new) == 5
    folios = output / CACHE_FOLDER / "folios"
    # the new text's, and each back part's and the back cover's (moved)
    assert len({path.name for path in folios.iterdir()} - sheets) == 4
    assert result.text_count == 3


def test_a_text_that_grows_does_not_lay_out_the_texts_after_it_again(
    sources_copy, tmp_path, first_print_build
):
    output = tmp_path / "out"
    first = after_a_first_build(first_print_build, output)
    layouts = output / CACHE_FOLDER / "layout"
    before = {path.name for path in layouts.iterdir()}
    text = sorted((sources_copy / "texts").glob("*.md"))[0]
    lines = text.read_text(encoding="utf-8").split("\n")
    longest = max(range(len(lines)), key=lambda i: len(lines[i]))
    lines[longest] = " ".join([lines[longest]] * 8)  # longer, on the same line: no block id moves
    text.write_text("\n".join(lines), encoding="utf-8")
    second = build(sources_copy, output, ("pdf",))
    assert second.page_count > first.page_count
    new = {path.name for path in layouts.iterdir()} - before
    # The grown text, the imprint (its build stamp names the sources' hash) and the contents, which
    # give the new folios; the text after it and the back matter moved to later folios without
    # being laid out again (their folios are stamped on).
    assert len(new) == 3
    path = next(p for p in output.glob("*.pdf") if not p.name.endswith("-booklet.pdf"))
    labels = pypdf.PdfReader(path).page_labels
    with fitz.open(path) as document:
        footers = [  # the words in each page's bottom margin (19 mm)
            " ".join(w[4] for w in page.get_text("words") if w[1] > page.rect.height - 19 * 72 / 25.4)
            for page in document
        ]
    numbered = [(label, footer) for label, footer in zip(labels, footers, strict=True) if label.isdigit()]
    # every arabic page prints its own number (stamped on), except blank pages and the back cover
    assert all(footer in (label, "") for label, footer in numbered), numbered
    assert sum(footer == label for label, footer in numbered) > 30


def test_a_text_unchanged_since_the_last_build_is_not_parsed_or_repaired_again(tmp_path, monkeypatch):
    import pamphleteer.pipeline as pipeline
    from pamphleteer.sources import read_sources
    from tests.conftest import SOURCES

    cache = Cache(tmp_path / "cache")
    sources = read_sources(SOURCES)
    first = [pipeline.prepare_text(source, cache, "code") for source in sources.texts]

    def refuse(*args: object) -> None:
        raise AssertionError("parsed or repaired again")

    monkeypatch.setattr(pipeline, "normalise_text", refuse)
    monkeypatch.setattr(pipeline, "parse_cached", refuse)
    again = [pipeline.prepare_text(source, cache, "code") for source in sources.texts]
    assert again == first  # the same blocks, furniture, inferred metadata and diagnostics
    assert any(diagnostics or text.diagnostics for diagnostics, text in first)  # some to compare
    with pytest.raises(AssertionError, match="again"):  # other code: repaired again
        pipeline.prepare_text(sources.texts[0], cache, "other code")


def test_a_new_edition_date_lays_out_only_the_imprint_again(sources_copy, tmp_path, first_print_build):
    output = tmp_path / "out"
    after_a_first_build(first_print_build, output)  # built with the edition date EPOCH, 1767225600
    layouts = output / CACHE_FOLDER / "layout"
    before = {path.name for path in layouts.iterdir()}
    build(sources_copy, output, ("pdf",), epoch="1767312000")  # a day later: the imprint's date changes
    new = {path.name for path in layouts.iterdir()} - before
    assert len(new) == 1  # the title page and imprint (the date, and the document's metadata)


def test_a_wrong_guess_of_the_contents_length_still_gives_the_same_editions(
    sources_copy, tmp_path, monkeypatch, first_print_build
):
    output = tmp_path / "out"
    after_a_first_build(first_print_build, output)  # the last build's guesses, to spoil
    for entry in (output / CACHE_FOLDER / "opening").iterdir():  # the last build's count of the contents'
        Cache(output / CACHE_FOLDER).put("opening", entry.name, b"3")  # pages, now wrong
    (sources_copy / "texts" / "zz-note.md").write_text("---\ntitle: A note\n---\n\nA short note.\n")
    written = []
    render_html = html.render_html
    monkeypatch.setattr(html, "render_html", lambda *args: written.append(args) or render_html(*args))
    guessed = build(sources_copy, output, ("pdf", "html"))
    assert len(written) == 1  # the web edition is made once, with the page map made right first
    clean = build(sources_copy, tmp_path / "clean", ("pdf", "html"))  # no cache: its first layout counts
    assert guessed.page_count == clean.page_count
    for name in ("no-alien-but-the-capitalist.pdf", "no-alien-but-the-capitalist.html"):
        assert (output / name).read_bytes() == (tmp_path / "clean" / name).read_bytes(), name


def test_other_code_lays_every_part_out_again(sources_copy, tmp_path, monkeypatch, first_print_build):
    # after an upgrade (or an edit of the layout code), no layout the old code made is reused
    from pamphleteer.render import pdf

    output = tmp_path / "out"
    after_a_first_build(first_print_build, output)
    layouts = output / CACHE_FOLDER / "layout"
    before = {path.name for path in layouts.iterdir()}
    for module in (uptodate, pdf):  # where a build and a layout take the code's fingerprint
        monkeypatch.setattr(module, "code_fingerprint", lambda: "the code of another version")
    build(sources_copy, output, ("pdf",))
    assert len({path.name for path in layouts.iterdir()} - before) == len(before)
