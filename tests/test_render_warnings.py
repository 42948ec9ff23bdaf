"""What rendering could not do as asked reaches the build report and --strict, naming file and page."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pamphleteer import codes
from pamphleteer.errors import Diagnostic, Severity, StrictFailure
from pamphleteer.pipeline import build
from pamphleteer.render import pdf
from pamphleteer.render.epub import render_epub
from pamphleteer.render.laidout import LaidOut
from pamphleteer.render.markup import PageStart
from tests.conftest import EPOCH, JOBS, SOURCES, seed_assembled

SLUG = "no-alien-but-the-capitalist"


@pytest.fixture(scope="module")
def publication():
    return seed_assembled()[0]


def laid(pages: int, **found: tuple) -> LaidOut:
    return LaidOut(b"", pages, (), {}, **found)


def test_layout_warnings_name_the_text_and_the_printed_page(publication):
    first, second = publication.texts
    parts = pdf.Parts(
        title=laid(2), front=laid(3) if publication.front else None,
        texts=(laid(5), laid(4, moved_notes=(0, 3))),
        back=(laid(1, refused=("refused to read /etc/hostname: it is outside the styles and sources",)),
              *(laid(1) for _ in publication.back[1:])),
        back_cover=laid(1), contents_guess=1,
    )
    book = pdf.LaidBook(parts, laid(1), pdf.page_plan(parts, 1))
    moved, refused = pdf.layout_diagnostics(publication, book)
    assert (moved.code, moved.severity) == (codes.FOOTNOTE_MOVED, Severity.WARNING)
    assert moved.file == SOURCES / "texts" / f"{second.slug}.md"
    assert f"on page 7, 10 of {SLUG}.pdf a link's footnote is printed on the next page" in moved.message
    assert (refused.code, refused.file) == (codes.FILE_REFUSED, SOURCES / "publication.toml")
    assert refused.message.startswith("refused to read /etc/hostname")
    assert refused.message.endswith(f"{SLUG}.pdf goes without it")


def test_a_layout_keeps_the_files_it_was_refused(tmp_path):
    from pamphleteer.render.layout import lay_out_part

    html = '<html><body><p>Words.</p><img src="file:///etc/hostname"><img src="../outside.png"></body></html>'
    laid_out = lay_out_part("A5", tmp_path, html, "", frozenset())
    assert laid_out.page_count == 1
    assert any("/etc/hostname" in refusal for refusal in laid_out.refused)
    assert any("outside.png" in refusal for refusal in laid_out.refused)
    again = LaidOut.from_cache(laid_out.pdf, laid_out.to_json())  # a rebuild from the cache says it too
    assert again.refused == laid_out.refused and again.moved_notes == laid_out.moved_notes


def test_a_print_page_the_ebook_cannot_mark_is_a_warning_naming_the_text(publication):
    text = publication.texts[0]
    lost = PageStart("4", f"{text.slug}-99999", 0)
    marked = PageStart("1", f"{text.slug}-{text.body[0].line}", 0)
    _, diagnostics = render_epub(publication, (marked, lost))
    assert [(d.code, d.severity, d.file, d.line) for d in diagnostics] == [
        (codes.PAGE_NOT_MARKED, Severity.WARNING, SOURCES / "texts" / f"{text.slug}.md", 99999)
    ]
    assert "print page 4 begins in" in diagnostics[0].message


@pytest.fixture
def moved_footnote(monkeypatch):
    """Every print layout reports a footnote on the page after its call."""
    def diagnostics(publication, book):
        return (Diagnostic(codes.FOOTNOTE_MOVED, Severity.WARNING, "on page 3 a footnote moved",
                           publication.settings.path),)

    monkeypatch.setattr(pdf, "layout_diagnostics", diagnostics)


def seed_output(built, output: Path) -> dict[str, tuple[int, int]]:
    """`output` as the session's build of the seed left its folder (editions, report and cache: a print
    build of the same sources lays nothing out again, so takes a second or two, not 12); each file's
    inode and time, by which a file written again is told from the one there (its bytes would be the
    same)."""
    shutil.copytree(built.written[0].parent, output, symlinks=True)
    return stamps(output)


def stamps(folder: Path) -> dict[str, tuple[int, int]]:
    return {path.name: (path.stat().st_ino, path.stat().st_mtime_ns) for path in folder.iterdir()
            if path.is_file()}


def test_render_warnings_reach_the_build_report(built, sources_copy, tmp_path, moved_footnote):
    seed_output(built, tmp_path / "out")  # its report has no such warning
    result = build(sources_copy, tmp_path / "out", ("pdf",), epoch=EPOCH, jobs=JOBS)
    assert codes.FOOTNOTE_MOVED in [d.code for d in result.diagnostics]
    report = json.loads((tmp_path / "out" / f"{SLUG}-report.json").read_text())
    assert codes.FOOTNOTE_MOVED in [d["code"] for d in report["diagnostics"]]


def test_strict_refuses_render_warnings_and_writes_nothing(built, sources_copy, tmp_path, moved_footnote):
    before = seed_output(built, tmp_path / "out")
    with pytest.raises(StrictFailure, match="--strict is on; the first: on page 3 a footnote moved"):
        build(sources_copy, tmp_path / "out", ("pdf",), strict=True, epoch=EPOCH, jobs=JOBS)
    assert stamps(tmp_path / "out") == before  # the editions and the report are the ones that were there
