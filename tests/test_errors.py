"""Bad input through the real command line: a clear message naming file and line, never a traceback.

Each case below breaks a small, otherwise good publication in one way and runs
`python build.py --sources X --output Y` on it. The build must fail with the
expected exit code and a message that names the file (and the line or key)
and says what is wrong; it must print no traceback; and the editions already
in the output folder must be byte for byte as they were, with no temporary
file left beside them.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from pamphleteer.workspace import MARKER_TEXT
from tests.conftest import PROJECT

GOOD_TOML = 'title = "A Reader"\nslug = "reader"\n'
GOOD_TEXT = "---\ntitle: A text\nquestions: ['Why so?']\n---\n\nA short body with some words.\n"
PREVIOUS = {  # the editions of an earlier build, which a failed build must not touch
    "reader.pdf": b"%PDF-1.7 previous print edition",
    "reader.epub": b"PK previous ebook",
    "reader.html": b"<!DOCTYPE html><title>previous</title>",
    "reader-report.json": b'{"previous": true}\n',
}


@dataclass(frozen=True)
class Case:
    """One bad input: how to break the publication, and what the user must be told."""

    name: str
    setup: Callable[[Path, Path], None]  # (sources, output) -> None
    message: str  # must appear in the error output
    where: str  # the file (and ":line") the message must name
    code: int  # the exit code
    env: dict[str, str] = field(default_factory=dict)
    args: tuple[str, ...] = ()


def text(name: str, data: bytes | str) -> Callable[[Path, Path], None]:
    def setup(sources: Path, _output: Path) -> None:
        path = sources / "texts" / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)

    return setup


def toml(data: str | None) -> Callable[[Path, Path], None]:
    def setup(sources: Path, _output: Path) -> None:
        if data is None:
            (sources / "publication.toml").unlink()
        else:
            (sources / "publication.toml").write_text(data, encoding="utf-8")

    return setup


def remove(relative: str) -> Callable[[Path, Path], None]:
    def setup(sources: Path, _output: Path) -> None:
        target = sources / relative
        shutil.rmtree(target) if target.is_dir() else target.unlink()

    return setup


def nothing(_sources: Path, _output: Path) -> None:
    pass


def output_is_a_file(_sources: Path, output: Path) -> None:
    shutil.rmtree(output)
    output.write_bytes(b"not a folder")


def output_under_a_file(_sources: Path, output: Path) -> None:
    (output / "reader.pdf").rename(output / "blocker")  # a file where a folder must be


def text_is_a_link_outside(sources: Path, _output: Path) -> None:
    (sources / "texts" / "stolen.md").symlink_to("/etc/passwd")


def text_is_a_folder(sources: Path, _output: Path) -> None:
    (sources / "texts" / "folder.md").mkdir()


def front_part(data: str) -> Callable[[Path, Path], None]:
    def setup(sources: Path, _output: Path) -> None:
        (sources / "front").mkdir()
        (sources / "front" / "introduction.md").write_text(data, encoding="utf-8")

    return setup


TEN_MB = ("A line of an enormous text that goes on and on and on.\n" * 190_000).encode()

CASES = [
    Case("non-UTF-8 bytes", text("a.md", b"fine\ncaf\xe9 au lait\n"),
         "byte 0xe9 is not valid UTF-8", "sources/texts/a.md:2", 3),
    Case("binary garbage", text("a.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
         "is not valid UTF-8", "sources/texts/a.md:1", 3),
    Case("NUL bytes in valid UTF-8", text("a.md", "text\nmore\x00text\n"),
         "NUL byte", "sources/texts/a.md:2", 3),
    Case("control character", text("a.md", "fine\n\nbell\x07 here\n"),
         "control character U+0007", "sources/texts/a.md:3", 3),
    Case("empty file", text("a.md", ""), "no body", "sources/texts/a.md:1", 3),
    Case("only blank lines", text("a.md", "\n  \n\t\n"), "no body", "sources/texts/a.md:1", 3),
    Case("front matter but no body", text("a.md", "---\ntitle: T\n---\n\n"),
         "no body", "sources/texts/a.md:4", 3),
    Case("front matter unclosed", text("a.md", "---\ntitle: T\n\nBody.\n"),
         "never closed", "sources/texts/a.md:1", 3),
    Case("front matter invalid YAML", text("a.md", "---\ntitle: T\nauthor: [A, B\n---\nBody.\n"),
         "not valid YAML", "sources/texts/a.md:4", 3),
    Case("front matter is a list", text("a.md", "---\n- a\n- b\n---\nBody.\n"),
         "must be 'key: value' lines", "sources/texts/a.md:2", 3),
    Case("front matter title of the wrong type", text("a.md", "---\ntitle: [a, b]\n---\nBody.\n"),
         "'title' must be a text", "sources/texts/a.md:2", 3),
    Case("front matter order not a number", text("a.md", "---\ntitle: T\norder: first\n---\nBody.\n"),
         "'order' must be a whole number", "sources/texts/a.md:3", 3),
    Case("front matter questions not a list", text("a.md", "---\nquestions: {a: 1}\n---\nBody.\n"),
         "'questions' must be a list", "sources/texts/a.md:2", 3),
    Case("front matter impossible date", text("a.md", "---\ntitle: T\ndate: 2024-13-45\n---\nBody.\n"),
         "'date' is '2024-13-45', which is not a date", "sources/texts/a.md:3", 3),
    Case("front matter Python object tag",
         text("a.md", "---\ntitle: !!python/object/apply:os.system [id]\n---\nB.\n"),
         "not valid YAML", "sources/texts/a.md:2", 3),
    Case("front matter bad language tag", text("a.md", "---\nlang: English please\n---\nBody.\n"),
         "'lang' is 'English please'", "sources/texts/a.md:2", 3),
    Case("front matter script URL as source", text("a.md", "---\nsource: javascript:alert(1)\n---\nBody.\n"),
         "'source' is 'javascript:alert(1)'", "sources/texts/a.md:2", 3),
    Case("front matter broken fixes", text("a.md", "---\nfixes: [{find: x, with: y}]\n---\nBody.\n"),
         "'fixes' entry 1", "sources/texts/a.md:2", 3),
    Case("file name that is not a slug", text("My Text.md", "Body.\n"),
         "file name must be lower-case", "sources/texts/My Text.md", 3),
    Case("a text that is a folder", text_is_a_folder, "cannot read the file", "sources/texts/folder.md", 3),
    Case("a text linking outside the sources", text_is_a_link_outside,
         "outside the sources folder", "sources/texts/stolen.md", 3),
    Case("10 MB text", text("huge.md", TEN_MB), "the file is 10.", "sources/texts/huge.md", 3),
    Case("only raw HTML, no words", text("a.md", "<script>alert(1)</script>\n\n<style>p{}</style>\n"),
         "has no words", "sources/texts/a.md:1", 3),
    Case("publication.toml broken", toml('title = "A Reader\n'),
         "not valid TOML", "sources/publication.toml:1", 2),
    Case("publication.toml unknown key", toml('title = "R"\ncolour = "red"\n'),
         "unknown key 'colour'", "sources/publication.toml", 2),
    Case("publication.toml title not text", toml("title = 3\n"),
         "'title' must be a text", "sources/publication.toml", 2),
    Case("publication.toml without title", toml('subtitle = "S"\n'),
         "'title' is missing", "sources/publication.toml", 2),
    Case("publication.toml bad page size", toml('title = "R"\n[print]\npage_size = "B5"\n'),
         "'print.page_size' is 'B5'", "sources/publication.toml", 2),
    Case("publication.toml bad language", toml('title = "R"\nlanguage = "English"\n'),
         "'language' is 'English'", "sources/publication.toml", 2),
    Case("publication.toml not UTF-8",
         lambda s, o: (s / "publication.toml").write_bytes(b'title = "R\xe9"\n'),
         "not valid UTF-8", "sources/publication.toml:1", 2),
    Case("publication.toml missing", toml(None),
         "publication settings not found", "sources/publication.toml", 2),
    Case("order names a missing text", toml('title = "R"\norder = ["a", "ghost"]\n'),
         "'order' names 'ghost'", "sources/publication.toml", 3),
    Case("no sources folder", remove(""), "the sources folder does not exist", "sources", 3),
    Case("no texts folder", remove("texts"), "there is no texts/ folder", "sources/texts", 3),
    Case("no text at all", remove("texts/a.md"), "there are no texts", "sources/texts", 3),
    Case("front part with an unknown key", front_part("---\nauthor: X\n---\nIntro.\n"),
         "unknown front matter key 'author'", "sources/front/introduction.md:2", 3),
    Case("output folder is a file", output_is_a_file, "not a folder", "output", 5),
    Case("output folder under a file", output_under_a_file,
         "cannot create the output folder", "output/blocker", 5,
         args=("--output", "output/blocker/editions")),
    Case("output folder inside the sources", nothing, "inside the sources folder", "sources/texts", 2,
         args=("--output", "sources/texts")),
    Case("SOURCE_DATE_EPOCH not a number", nothing,
         "SOURCE_DATE_EPOCH is 'yesterday'", "SOURCE_DATE_EPOCH", 2, env={"SOURCE_DATE_EPOCH": "yesterday"}),
    Case("SOURCE_DATE_EPOCH negative", nothing, "SOURCE_DATE_EPOCH is '-5'", "SOURCE_DATE_EPOCH", 2,
         env={"SOURCE_DATE_EPOCH": "-5"}),
    Case("SOURCE_DATE_EPOCH past year 9999", nothing, "SOURCE_DATE_EPOCH is '99999999999999'",
         "SOURCE_DATE_EPOCH", 2, env={"SOURCE_DATE_EPOCH": "99999999999999"}),
    Case("warnings with --strict", text("a.md", "No questions for this one.\n"),
         "--strict is on", "sources/texts/a.md", 7, args=("--strict",)),
]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every edition in `folder` and its bytes (hidden files: the lock, the build cache, aside)."""
    if not folder.is_dir():
        return {".": folder.read_bytes()} if folder.exists() else {}
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    }


def leftovers(output: Path) -> list[Path]:
    """Temporary files of the editions left in the output folder (beside them, or in the build's own)."""
    return [*output.glob(".*.tmp"), *output.glob(".pamphleteer/tmp/*")]


def make_publication(root: Path) -> tuple[Path, Path]:
    sources, output = root / "sources", root / "output"
    (sources / "texts").mkdir(parents=True)
    (sources / "publication.toml").write_text(GOOD_TOML, encoding="utf-8")
    (sources / "texts" / "a.md").write_text(GOOD_TEXT, encoding="utf-8")
    output.mkdir()
    for name, data in PREVIOUS.items():
        (output / name).write_bytes(data)
    return sources, output


def run_build(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", **(env or {})}
    return subprocess.run(
        [sys.executable, str(PROJECT / "build.py"), *args],
        cwd=root, env=environment, capture_output=True, text=True, timeout=300, check=False,
    )


def assert_refused(result: subprocess.CompletedProcess[str], message: str, where: str, code: int) -> None:
    said = result.stdout + result.stderr
    assert "Traceback" not in said, said
    assert result.returncode == code, said
    error = next((line for line in result.stderr.splitlines() if line.startswith("error:")), "")
    assert message in error, said
    assert where in error, said


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input_is_refused_clearly_and_leaves_the_editions_alone(tmp_path, case):
    sources, output = make_publication(tmp_path)
    case.setup(sources, output)
    before = snapshot(output)
    args = case.args if "--output" in case.args else (*case.args, "--output", "output")
    result = run_build(tmp_path, "--sources", "sources", *args, env=case.env)
    assert_refused(result, case.message, case.where, case.code)
    assert snapshot(output) == before
    assert not [path for path in tmp_path.rglob("*.tmp")], "a temporary file was left behind"


def test_a_second_build_on_the_same_output_folder_is_refused(tmp_path):
    sources, output = make_publication(tmp_path)
    before = snapshot(output)
    (output / ".pamphleteer").mkdir()
    (output / ".pamphleteer" / "CACHEDIR.TAG").write_text(MARKER_TEXT)
    with open(output / ".pamphleteer" / "lock", "a+b") as lock:  # a first build holds the folder
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        result = run_build(tmp_path, "--sources", "sources", "--output", "output")
    assert_refused(result, "another build is writing this output folder", "output", 5)
    assert snapshot(output) == before


def test_a_read_only_output_folder_is_refused(tmp_path):
    sources, output = make_publication(tmp_path)
    before = snapshot(output)
    # Tests often run as root, for whom permission bits mean nothing: make the folder immutable.
    if subprocess.run(["chattr", "+i", str(output)], capture_output=True, check=False).returncode != 0:
        if os.geteuid() == 0:
            pytest.skip("running as root without chattr support: cannot make a folder read-only")
        output.chmod(0o555)
    try:
        result = run_build(tmp_path, "--sources", "sources", "--output", "output")
    finally:
        subprocess.run(["chattr", "-i", str(output)], capture_output=True, check=False)
        output.chmod(0o755)
    assert_refused(result, "cannot write in the output folder", "output", 5)
    assert snapshot(output) == before


def test_debug_shows_the_traceback_that_is_otherwise_hidden(tmp_path):
    sources, _output = make_publication(tmp_path)
    (sources / "texts" / "a.md").write_bytes(b"caf\xe9\n")
    result = run_build(tmp_path, "--sources", "sources", "--output", "output", "--debug")
    assert result.returncode == 3
    assert "Traceback" in result.stderr and "sources/texts/a.md:1" in result.stderr


# -- interrupted and failing builds ---------------------------------------------------------------

SEED_SLUG = "no-alien-but-the-capitalist"


def seed_publication(root: Path) -> tuple[Path, Path]:
    """A copy of the seed reader, and an output folder holding an earlier build's editions."""
    sources, output = root / "sources", root / "output"
    shutil.copytree(PROJECT / "sources", sources)
    output.mkdir()
    for name, data in PREVIOUS.items():
        (output / name.replace("reader", SEED_SLUG)).write_bytes(data)
    return sources, output


@pytest.mark.slow
@pytest.mark.parametrize(("signal_number", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_an_interrupted_build_leaves_the_previous_editions_and_no_temporary_file(
    tmp_path, signal_number, code,
):
    sources, output = seed_publication(tmp_path)
    before = snapshot(output)
    process = subprocess.Popen(
        [sys.executable, str(PROJECT / "build.py"), "--sources", str(sources), "--output", str(output)],
        env={**os.environ, "SOURCE_DATE_EPOCH": "1767225600"},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 120
    while not (output / ".pamphleteer" / "lock").exists() and time.monotonic() < deadline:
        time.sleep(0.02)  # the build holds the folder: it is parsing, then rendering
    time.sleep(1.5)
    assert process.poll() is None, "the build ended before it could be interrupted"
    process.send_signal(signal_number)
    out, err = process.communicate(timeout=120)
    assert process.returncode == code, err
    assert "interrupted" in err and "Traceback" not in out + err
    assert snapshot(output) == before
    assert not leftovers(output)


@pytest.mark.slow
def test_a_renderer_that_fails_leaves_the_previous_editions(built, tmp_path, monkeypatch):
    from pamphleteer.pipeline import build
    from pamphleteer.render import html

    sources, output = seed_publication(tmp_path)
    # the build's own folder as the session's build of the seed left it: the print edition and the
    # ebook are made again from its cache (a second, not 12) before the web edition fails
    shutil.copytree(built.written[0].parent / ".pamphleteer", output / ".pamphleteer", symlinks=True)
    before = snapshot(output)

    def broken(*_args: object, **_kwargs: object) -> bytes:  # the last edition, after PDF and EPUB
        raise RuntimeError("the web edition broke")

    monkeypatch.setattr(html, "render_html", broken)
    with pytest.raises(RuntimeError, match="web edition broke"):
        build(sources, output, epoch="1767225600")
    assert snapshot(output) == before
    assert not leftovers(output)


def test_a_write_that_fails_half_way_leaves_every_previous_edition(tmp_path, monkeypatch):
    from pamphleteer import output as output_module
    from pamphleteer.errors import OutputError

    folder = tmp_path / "output"
    folder.mkdir()
    for name, data in PREVIOUS.items():
        (folder / name).write_bytes(data)
    before = snapshot(folder)
    calls = []

    def full_disk(descriptor: int) -> None:
        calls.append(descriptor)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(output_module.os, "fsync", full_disk)
    with pytest.raises(OutputError, match="No space left on device"):
        output_module.write_all(folder, {name: b"new " + data for name, data in PREVIOUS.items()})
    assert snapshot(folder) == before
    assert not leftovers(folder)


def test_temporary_files_of_a_killed_build_are_cleaned_by_the_next(tmp_path):
    from pamphleteer.output import locked

    folder = tmp_path / "output"
    (folder / ".pamphleteer" / "tmp").mkdir(parents=True)
    (folder / ".pamphleteer" / "CACHEDIR.TAG").write_text(MARKER_TEXT)
    (folder / ".pamphleteer" / "tmp" / "reader.pdf.abc123.tmp").write_bytes(b"half a PDF")
    (folder / "reader.pdf").write_bytes(b"kept")
    (folder / ".reader.pdf.abc123.tmp").write_bytes(b"not the build's: a file of the user's")
    with locked(folder):
        pass
    assert sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file()) == [
        ".pamphleteer/CACHEDIR.TAG", ".pamphleteer/lock", ".reader.pdf.abc123.tmp", "reader.pdf"]


# -- input that looks broken but must build -------------------------------------------------------

TOLERATED = {
    "deep-quotes": ">" * 10_000 + " quotewords at the bottom\n",
    "deep-lists": "- " * 3_000 + "listwords at the bottom\n",
    "deep-emphasis": "*a " * 3_000 + "emphwords" + " b*" * 3_000 + "\n",
    "deep-brackets": "[" * 10_000 + "bracketwords" + "]" * 10_000 + "\n",
    "deep-divs": "<div>" * 5_000 + "divwords" + "</div>" * 5_000 + "\n",
    "unbalanced": "**bold never closed and `code never closed\n\n<b>raw never closed</i> "
                  "</div></p> [a link( never closed unbalancedwords\n\n_emph *mixed_ up*\n",
}


@pytest.mark.slow
def test_deep_nesting_and_unbalanced_markup_build_without_error(tmp_path):
    sources, output = make_publication(tmp_path)
    for slug, body in TOLERATED.items():
        (sources / "texts" / f"{slug}.md").write_text(f"---\ntitle: {slug}\n---\n{body}", encoding="utf-8")
    result = run_build(tmp_path, "--sources", "sources", "--output", "output")
    said = result.stdout + result.stderr
    assert result.returncode == 0, said
    assert "Traceback" not in said
    html = (output / "reader.html").read_text(encoding="utf-8")
    for word in ("quotewords", "listwords", "emphwords", "bracketwords", "divwords", "unbalancedwords"):
        assert word in html, word
    for slug in ("deep-quotes", "deep-lists", "deep-emphasis"):
        assert f"warning: sources/texts/{slug}.md:4: quotations, lists or emphasis nested" in said, slug


def test_pandoc_that_runs_too_long_is_stopped_with_a_message_naming_the_text(monkeypatch):
    from pamphleteer import parse
    from pamphleteer.errors import SourceError

    monkeypatch.setattr(parse, "PANDOC_SECONDS", 0.001)
    with pytest.raises(SourceError, match="pandoc took more than") as caught:
        parse.read_markdown("[" * 20_000 + "x" + "]" * 20_000 + "\n", path=Path("slow.md"), first_line=7)
    assert caught.value.diagnostic.file == Path("slow.md") and caught.value.diagnostic.line == 7


def test_brackets_nested_past_any_link_are_kept_as_text():
    from pamphleteer.parse import markdown_to_blocks
    from pamphleteer.render.markup import Writer

    markdown = "[" * 5_000 + "[inner](https://ok.example/)" + "]" * 5_000 + " and [a link](https://b.example/)\n"
    html = str(Writer(prefix="t").blocks(markdown_to_blocks(markdown, path=Path("t.md"), first_line=1)))
    assert html.count("[") == 5_000 + 1 and html.count("]") == 5_000 + 1
    assert '<a href="https://b.example/">a link</a>' in html
