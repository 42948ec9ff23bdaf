"""Hostile and broken sources folders, through the real command line: refused clearly, never read.

As in `test_errors`, each case breaks a small publication in one way and runs
`build.py` on it; the build must stop with a message naming the file (and
line) and leave the earlier editions as they were, or, where the fault is
harmless, build and warn. The cases here are the folder's own tricks: links
out of it, FIFOs and devices named like sources, editor leftovers beside the
texts, front matter that expands or nests past every limit, fixes that grow a
text without bound, impossible dates, invisible characters in metadata.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.test_errors import Case, assert_refused, front_part, make_publication, run_build, snapshot, text

QUESTIONS = "questions: ['Why so?']\n"


def link(relative: str, target: str) -> Callable[[Path, Path], None]:
    def setup(sources: Path, _output: Path) -> None:
        path = sources / relative
        path.parent.mkdir(exist_ok=True)
        if path.exists():
            path.unlink()
        path.symlink_to(target)

    return setup


def fifo(relative: str) -> Callable[[Path, Path], None]:
    def setup(sources: Path, _output: Path) -> None:
        path = sources / relative
        path.parent.mkdir(exist_ok=True)
        if path.exists():
            path.unlink()
        os.mkfifo(path)

    return setup


def outside_secret(sources: Path, _output: Path) -> Path:
    secret = sources.parent / "secret.toml"
    secret.write_text('title = "Stolen"\n', encoding="utf-8")
    return secret


def toml_is_a_folder(sources: Path, _output: Path) -> None:
    (sources / "publication.toml").unlink()
    (sources / "publication.toml").mkdir()


def toml_linked_out(sources: Path, output: Path) -> None:
    secret = outside_secret(sources, output)
    (sources / "publication.toml").unlink()
    (sources / "publication.toml").symlink_to(secret)


LOLS = ", ".join(["lol lol lol lol"] * 10)
ALIAS_BOMB = "---\ntitle: Bomb\n" + "".join(
    f"l{level}: &l{level} [{', '.join([f'*l{level - 1}'] * 10) if level else LOLS}]\n" for level in range(4)
) + f"questions: [{', '.join(['*l3'] * 60)}]\n---\n\nBody.\n"
DOUBLING_FIXES = "---\ntitle: Grows\nfixes:\n" + "".join(
    f"  - {{find: '{letter}', replace: '{letter}{letter}'}}\n" for letter in "aaaaaaaaaaaa"
) + "---\n\n" + "A banana and a papaya, a salad and a tapas bar. " * 40 + "\n"
DEEP_YAML = "---\ntitle: " + "[" * 20_000 + "x" + "]" * 20_000 + "\n---\n\nBody.\n"
REFERENCE_BOMB = (
    "---\ntitle: Links\n---\n\n" + "[x][r] " * 140_000 + "\n\n[r]: https://example.org/" + "a" * 900 + "\n"
)
DEEP_LIST = "---\ntitle: Deep\n" + QUESTIONS + "---\n\nIntro.\n\n" + "".join(
    "  " * depth + f"- item {depth}\n" for depth in range(1000)
)

REFUSED = [
    Case("a text that is a FIFO", fifo("texts/pipe.md"), "it is a named pipe (FIFO)",
         "sources/texts/pipe.md", 3),
    Case("a text that is a link to a device", link("texts/zero.md", "/dev/zero"),
         "outside the sources folder", "sources/texts/zero.md", 3),
    Case("a shared part that is a FIFO", fifo("front/introduction.md"), "it is a named pipe (FIFO)",
         "sources/front/introduction.md", 3),
    Case("a shared part linking outside", link("front/introduction.md", "/etc/hostname"),
         "outside the sources folder", "sources/front/introduction.md", 3),
    Case("publication.toml linking outside", toml_linked_out, "outside the sources folder",
         "sources/publication.toml", 2),
    Case("publication.toml a FIFO", fifo("publication.toml"), "it is a named pipe (FIFO)",
         "sources/publication.toml", 2),
    Case("publication.toml a folder", toml_is_a_folder,
         "it is a folder", "sources/publication.toml", 2),
    Case("YAML aliases expanding a 700-byte block to 9 MB", text("a.md", ALIAS_BOMB),
         "'questions' is 9.2 MB once its YAML aliases are expanded", "sources/texts/a.md:7", 3),
    Case("an alias that contains itself",
         text("a.md", "---\ntitle: T\nquestions: &q [Why?, *q]\n---\nBody.\n"),
         "refers to itself", "sources/texts/a.md:3", 3),
    Case("front matter nested 20,000 deep", text("a.md", DEEP_YAML), "more than 16 deep",
         "sources/texts/a.md:2", 3),
    Case("twelve fixes that each double a letter", text("a.md", DOUBLING_FIXES),
         "fixes would make the text", "sources/texts/a.md:3", 3),
    Case("a reference link used 140,000 times", text("a.md", REFERENCE_BOMB), "is used 140000 times",
         "sources/texts/a.md:7", 3),
    Case("an impossible date", text("a.md", "---\ntitle: T\ndate: 2024-13-45\n---\nBody.\n"),
         "'date' is '2024-13-45', which is not a date", "sources/texts/a.md:3", 3),
    Case("a date that is a word", text("a.md", "---\ntitle: T\n\ndate: soon\n---\nBody.\n"),
         "'date' is 'soon', which is not a date", "sources/texts/a.md:4", 3),
    Case("a relative date", text("a.md", "---\ntitle: T\ndate: 3 days ago\n---\nBody.\n"),
         "'date' is '3 days ago', which is not a date", "sources/texts/a.md:3", 3),
    Case("a date of the wrong type", text("a.md", "---\ntitle: T\ndate: [2024, 1]\n---\nBody.\n"),
         "'date' must be a date", "sources/texts/a.md:3", 3),
]


@pytest.mark.parametrize("case", REFUSED, ids=[case.name for case in REFUSED])
def test_a_hostile_folder_is_refused_clearly_and_leaves_the_editions_alone(tmp_path, case):
    sources, output = make_publication(tmp_path)
    case.setup(sources, output)
    before = snapshot(output)
    result = run_build(tmp_path, "--sources", "sources", "--output", "output", *case.args, env=case.env)
    assert_refused(result, case.message, case.where, case.code)
    assert "Stolen" not in result.stdout + result.stderr
    assert snapshot(output) == before


def leftovers(sources: Path, _output: Path) -> None:
    texts = sources / "texts"
    (texts / ".#a.md").symlink_to("root@host.1234:1700000000")  # Emacs's lock: a dangling link
    (texts / "#a.md#").write_text("autosave\x00", encoding="utf-8")
    (texts / "a~.md").write_bytes(b"\xff backup")
    (texts / ".a.md.swp").write_bytes(b"b0VIM \x00\x00")
    (texts / "a.md~").write_text("old", encoding="utf-8")


def image_fifo(sources: Path, output: Path) -> None:
    fifo("texts/pic.png")(sources, output)
    body = "A picture ![a pipe](pic.png) here.\n"
    text("a.md", "---\ntitle: T\n" + QUESTIONS + "---\n\n" + body)(sources, output)


WARNED = [
    # (name, setup, what the warning says, where)
    ("editor lock and backup files", leftovers, None, None),
    ("a key given twice", text("a.md", "---\ntitle: One\n" + QUESTIONS + "title: Two\n---\n\nBody.\n"),
     "'title' is given twice (lines 2 and 4)", "sources/texts/a.md:4"),
    ("an unknown key", text("a.md", "---\ntitle: T\ntitel: T\n" + QUESTIONS + "---\n\nBody.\n"),
     "unknown front matter key 'titel' is ignored", "sources/texts/a.md:3"),
    ("a bidi override in the title", text("a.md", "---\ntitle: \"Safe \u202eevil\u202c text\"\n" + QUESTIONS
                                          + "---\n\nBody.\n"),
     "invisible characters that reorder or hide text (U+202C, U+202E)", "sources/texts/a.md:2"),
    ("a zero-width space in the author",
     text("a.md", "---\ntitle: T\nauthor: \"Ann\u200b Smith\"\n" + QUESTIONS + "---\n\nBody.\n"),
     "'author' had invisible characters", "sources/texts/a.md:3"),
    ("a converter's impossible date", text("a.md", "---\ntitle: T\npublished: 2024-02-30\n" + QUESTIONS
                                           + "---\n\nBody.\n"),
     "'published' is '2024-02-30', which is not a date", "sources/texts/a.md:3"),
    ("a list nested 1,000 deep", text("a.md", DEEP_LIST), "sources/texts/a.md", "sources/texts/a.md"),
    ("an image that is a FIFO", image_fifo, "'pic.png' is left out", "sources/texts/a.md:6"),
]


@pytest.mark.parametrize(("name", "setup", "message", "where"), WARNED, ids=[case[0] for case in WARNED])
def test_a_harmless_fault_builds_with_a_warning_naming_the_place(tmp_path, name, setup, message, where):
    sources, output = make_publication(tmp_path)
    setup(sources, output)
    result = run_build(tmp_path, "--sources", "sources", "--output", "output")
    said = result.stdout + result.stderr
    assert result.returncode == 0, said
    assert "Traceback" not in said
    if message is not None:
        warning = next((line for line in result.stderr.splitlines() if message in line), "")
        assert warning.startswith("warning:") and where in warning, said
    html = (output / "reader.html").read_text(encoding="utf-8")
    assert "\u202e" not in html and "\u200b" not in html and "autosave" not in html


def link_targets(output: Path) -> list[str]:
    """Every link target in the three editions: PDF link annotations, EPUB and HTML hrefs."""
    import re
    import zipfile

    import pikepdf

    targets = []
    with pikepdf.open(output / "reader.pdf") as pdf:
        for page in pdf.pages:
            for annotation in page.get("/Annots", []):
                action = annotation.get("/A")
                if action is not None and "/URI" in action:
                    targets.append(str(action["/URI"]))
    with zipfile.ZipFile(output / "reader.epub") as epub:
        markup = "".join(epub.read(name).decode("utf-8") for name in epub.namelist() if name.endswith("html"))
    markup += (output / "reader.html").read_text(encoding="utf-8")
    targets += re.findall(r'href="([^"]*)"', markup)
    return targets


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("source: https://tempestmag.org/2024/01/essay/\n",
         {"https://tempestmag.org/2024/01/other.html", "https://tempestmag.org/etc/passwd",
          "https://tempestmag.org/tag/x"}),
        ("", set()),
    ],
)
def test_no_edition_links_to_a_file_of_the_build_machine(tmp_path, source, expected):
    sources, output = make_publication(tmp_path)
    (sources / "texts" / "a.md").write_text(
        "---\ntitle: Links\n" + source + QUESTIONS + "---\n\nSee [the other](../other.html), "
        "[the secret](/etc/passwd) and [the tag](/tag/x) in this paragraph.\n",
        encoding="utf-8",
    )
    result = run_build(tmp_path, "--sources", "sources", "--output", "output")
    assert result.returncode == 0, result.stderr
    targets = link_targets(output)
    assert not [target for target in targets if target.startswith("file:") or target == "/etc/passwd"]
    assert not [target for target in targets if str(tmp_path) in target]
    assert expected <= set(targets)
    if not expected:
        assert "the relative link '../other.html' became plain text" in result.stderr


def test_the_reserved_names_are_read_from_the_templates_and_styles():
    import re

    from pamphleteer.reserved import STYLES, TEMPLATES, reserved

    names = reserved()
    assert {"pullquote", "link-note", "skip-link"} <= names.classes
    assert names.is_class("lifted-bio") and names.is_id("main") and not names.is_class("essay")
    for css in STYLES.glob("*.css"):  # every class a stylesheet selects, by a rougher reading
        text = re.sub(r"/\*.*?\*/", "", css.read_text(encoding="utf-8"), flags=re.S)
        selectors = re.sub(r"\{[^{}]*\}", "", text)
        for name in re.findall(r"\.([a-z][\w-]*)", selectors):
            assert names.is_class(name), (css.name, name)
    page = (TEMPLATES / "html" / "page.html").read_text(encoding="utf-8")
    for name in re.findall(r'class="([a-z][\w-]*)"', page):
        assert names.is_class(name), name


def test_a_text_cannot_take_the_editions_own_classes(tmp_path):
    sources, output = make_publication(tmp_path)
    (sources / "texts" / "a.md").write_text(
        "---\ntitle: Classes\n" + QUESTIONS + "---\n\nAn opening paragraph of the text.\n\n"
        "::: {.pullquote}\nWords hidden from a screen reader.\n:::\n\n"
        "A claim with a [fake note]{.link-note} in it.\n\n"
        "::: {.skip-link #main}\nMoved off the page.\n:::\n\n"
        "A [styled]{.essay} word keeps its harmless class.\n",
        encoding="utf-8",
    )
    result = run_build(tmp_path, "--sources", "sources", "--output", "output")
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "[W104]" in line]
    assert [w.split(":")[2] for w in warnings] == ["8", "12", "14"], warnings
    assert "#main .skip-link removed" in warnings[2]
    html = (output / "reader.html").read_text(encoding="utf-8")
    body = html[html.index("Words hidden"):html.index("keeps its harmless")]
    assert 'class="pullquote"' not in body and "aria-hidden" not in body and "link-note" not in body
    assert "skip-link" not in body and 'class="essay"' in html[html.index("Words hidden"):]
    for words in ("Words hidden from a screen reader.", "fake note", "Moved off the page."):
        assert words in html


def test_a_shared_parts_relative_link_becomes_plain_text(tmp_path):
    sources, output = make_publication(tmp_path)
    front_part("---\ntitle: Introduction\n---\n\nRead [the other text](other.html) first.\n")(sources, output)
    result = run_build(tmp_path, "--sources", "sources", "--output", "output")
    assert result.returncode == 0, result.stderr
    said = "sources/front/introduction.md:5: the relative link 'other.html' became plain text"
    assert said in result.stderr
    targets = link_targets(output)
    assert not [target for target in targets if target.startswith("file:") or "other.html" in target]
    assert "the other text" in (output / "reader.html").read_text(encoding="utf-8")
