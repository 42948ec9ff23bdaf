"""The command line as a person meets it: commands, progress, the closing summary, colours, `list`."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from pamphleteer import __version__
from pamphleteer.cache import CACHE_FOLDER
from pamphleteer.console import Terminal, file_size
from pamphleteer.errors import Diagnostic, Severity
from pamphleteer.listing import count_words, list_texts
from pamphleteer.parse import markdown_to_blocks
from pamphleteer.pipeline import assemble
from pamphleteer.workspace import claim
from tests.conftest import EPOCH, PROJECT, SOURCES

ANSI = re.compile(r"\x1b\[")
COLOUR = re.compile(r"\x1b\[[0-9;]*3[0-7]m")  # a foreground colour


def run_cli(*arguments: str, cwd: Path = PROJECT, env: dict[str, str] | None = None):
    return subprocess.run(
        [sys.executable, str(PROJECT / "build.py"), *arguments],
        capture_output=True, text=True, cwd=cwd, env={**os.environ, **(env or {})}, check=False,
    )


def terminal(force_terminal: bool = False, **options: bool) -> tuple[Terminal, io.StringIO, io.StringIO]:
    out, err = io.StringIO(), io.StringIO()
    return Terminal(stdout=out, stderr=err, force_terminal=force_terminal, **options), out, err


def test_version_matches_the_package():
    result = run_cli("--version")
    project = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert result.returncode == 0
    assert result.stdout.strip() == f"Pamphleteer {__version__}" == f"Pamphleteer {project['version']}"


def test_help_names_every_command_and_the_output_options():
    result = run_cli("--help")
    assert result.returncode == 0
    for word in ("build", "check", "watch", "add", "list", "--quiet", "--verbose", "NO_COLOR", "--serve"):
        assert word in result.stdout, word


@pytest.mark.parametrize(
    "arguments", [("add",), ("watch", "--port", "eighty"), ("frobnicate",), ("-q", "-v")]
)
def test_bad_command_lines_exit_2_with_usage(arguments):
    result = run_cli(*arguments)
    assert result.returncode == 2
    assert "usage:" in result.stderr and "Traceback" not in result.stderr


def test_options_work_before_and_after_the_command(tmp_path):
    missing = str(tmp_path / "none")
    for arguments in (("--sources", missing, "list"), ("list", "--sources", missing)):
        result = run_cli(*arguments)
        assert result.returncode == 3, result.stderr
        assert f"error: {tmp_path / 'none'}" in result.stderr


def test_the_summary_gives_each_edition_with_pages_and_size(built):
    console, out, _ = terminal()
    console.build_summary(built.title, built.text_count, built.seconds,
                          built.written, built.page_count, built.diagnostics)
    text = out.getvalue()
    assert not ANSI.search(text)  # plain when not a terminal
    assert f"Built “{built.title}”: {built.text_count} texts" in text
    pdf = next(p for p in built.written if p.suffix == ".pdf")
    pdf_line = next(line for line in text.splitlines() if pdf.name in line)
    assert f"{built.page_count} pages" in pdf_line and file_size(pdf.stat().st_size) in pdf_line
    for path in built.written:
        assert path.name in text
    warnings = sum(d.severity is Severity.WARNING for d in built.diagnostics)
    assert f"warnings: {warnings}" in text
    repairs = sum(d.severity is Severity.INFO and d.code != "I001" for d in built.diagnostics)
    assert f"repairs made: {repairs}" in text
    assert max(len(line) for line in text.splitlines()) > 80 or all(  # long lines are never wrapped
        not line.startswith(" " * 10) for line in text.splitlines()
    )


def test_repairs_are_counted_by_rule_when_the_rules_have_names(built):
    repairs = tuple(
        Diagnostic(code, Severity.INFO, "repaired", Path(f"sources/texts/{name}.md"), 1)
        for code, name in (("N101", "a"), ("N101", "b"), ("N101", "b"), ("N200", "a"))
    )
    console, out, _ = terminal()
    console.build_summary("T", 2, 1.0, built.written, built.page_count, repairs,
                          rule_names={"N101": "repeated URL removed", "N200": "paragraph joined"})
    text = out.getvalue()
    assert "repairs made: 4 (a 2, b 2)" in text
    assert "  N101  repeated URL removed: 3 in 2 texts" in text
    assert "  N200  paragraph joined: 1\n" in text


def test_inferred_metadata_is_shown_for_a_person_to_confirm():
    inferred = Diagnostic("I001", Severity.INFO, "author inferred from the text: Dave Kellaway", Path("t.md"))
    console, out, _ = terminal()
    console.diagnostic(inferred)
    assert out.getvalue() == "inferred: t.md: author inferred from the text: Dave Kellaway [I001]\n"
    console, out, err = terminal(quiet=True)
    console.diagnostic(inferred)
    assert out.getvalue() == err.getvalue() == ""


def test_pages_are_given_for_the_reader_not_for_each_pamphlet(tmp_path):
    names = ("reader.pdf", "reader-booklet.pdf", "one-text.pdf", "reader.epub", "reader-report.json")
    for name in names:
        (tmp_path / name).write_bytes(b"x" * 2048)
    console, out, _ = terminal()
    console.build_summary("Reader", 1, 1.0, [tmp_path / name for name in names], 44, ())
    lines = {line.split()[1].rsplit("/", 1)[-1]: line for line in out.getvalue().splitlines()[1:6]}
    assert "44 pages" in lines["reader.pdf"]
    for name in ("reader-booklet.pdf", "one-text.pdf", "reader.epub"):
        assert not re.search(r"\d pages", lines[name]), name
    assert [line.split()[0] for line in out.getvalue().splitlines()[1:6]] == [
        "print", "print", "booklet", "ebook", "report"]


def test_a_long_reader_keeps_the_summary_short(built):
    repairs = tuple(Diagnostic("N101", Severity.INFO, "r", Path(f"texts/t{i:02}.md"), 1) for i in range(40))
    console, out, _ = terminal()
    console.build_summary("T", 40, 1.0, built.written, built.page_count, repairs)
    line = next(line for line in out.getvalue().splitlines() if line.startswith("repairs made"))
    assert line == "repairs made: 40 (t00 1, t01 1, t02 1, t03 1, t04 1 and 35 more texts)"


def test_colours_on_a_terminal_and_none_with_no_color(built, monkeypatch):
    warning = Diagnostic("W002", Severity.WARNING, "no questions", Path("sources/texts/a.md"), 3)
    console, out, err = terminal(force_terminal=True)
    console.diagnostic(warning)
    console.build_summary("T", 1, 1.0, built.written, built.page_count, (warning,))
    assert COLOUR.search(err.getvalue()) and COLOUR.search(out.getvalue())
    monkeypatch.setenv("NO_COLOR", "1")
    console, out, err = terminal(force_terminal=True)
    console.diagnostic(warning)
    console.build_summary("T", 1, 1.0, built.written, built.page_count, (warning,))
    assert not COLOUR.search(err.getvalue() + out.getvalue())
    plain = re.sub(r"\x1b\[[0-9;]*m", "", err.getvalue())
    assert "warning: sources/texts/a.md:3: no questions [W002]" in plain


def test_quiet_keeps_only_warnings_and_errors(built):
    console, out, err = terminal(quiet=True)
    with console.progress() as progress:
        progress.stage("parse", total=1)
        progress.advance("parse", "a-text")
        progress.done("parse")
    console.build_summary("T", 1, 1.0, built.written, built.page_count, ())
    console.diagnostic(Diagnostic("R001", Severity.INFO, "a repair"))
    console.say("hello")
    console.diagnostic(Diagnostic("W002", Severity.WARNING, "no questions"))
    console.error("it broke")
    assert out.getvalue() == ""
    assert "warning: no questions" in err.getvalue() and "error: it broke" in err.getvalue()


def test_verbose_shows_repairs_with_before_and_after():
    console, out, _ = terminal(verbose=True)
    repair = Diagnostic("N010", Severity.INFO, "repeated URL removed", Path("t.md"), 7, "a (a)", "a")
    console.diagnostic(repair)
    assert "note: t.md:7: repeated URL removed [N010]" in out.getvalue()
    assert "'a (a)' -> 'a'" in out.getvalue()
    console, out, _ = terminal()
    console.diagnostic(Diagnostic("N010", Severity.INFO, "repeated URL removed"))
    assert out.getvalue() == ""


def test_a_build_reports_each_stage_and_each_text_then_sums_up(tmp_path):
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    result = run_cli("-v", "--sources", str(sources), "--output", str(tmp_path / "out"), "--format", "html",
                     env={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert not ANSI.search(out + result.stderr)
    for stage in ("reading the sources", "parsing and repairing texts", "laying out the print edition",
                  "making the web edition", "writing the editions"):
        assert re.search(rf"done\s+{stage}", out), stage
    for slug in ("camfield-internationalism-today", "kellaway-internationalism-today"):
        assert f"parse: {slug}" in out and f"pdf: {slug}" in out  # parsed and repaired; laid out
    assert out.index("done  writing the editions") < out.index("Built “No Alien but the Capitalist”: 2 texts")
    assert "no-alien-but-the-capitalist.html" in out and "warnings: " in out
    assert "no-alien-but-the-capitalist.epub" not in out  # only what was built


def test_a_failed_build_names_the_file_and_line_without_a_traceback(tmp_path):
    sources = tmp_path / "sources"
    shutil.copytree(SOURCES, sources)
    (sources / "texts" / "broken.md").write_bytes(b"---\ntitle: [unclosed\n---\nBody\n")
    result = run_cli("--sources", str(sources), "--output", str(tmp_path / "out"))
    assert result.returncode == 3
    assert re.search(r"^error: .*broken\.md:\d+: the front matter is not valid YAML", result.stderr, re.M)
    assert "Traceback" not in result.stderr and result.stdout == ""


# build.py list


def write_reader(root: Path) -> Path:
    (root / "texts").mkdir(parents=True)
    (root / "publication.toml").write_text('title = "Reader"\norder = ["second"]\n', encoding="utf-8")
    (root / "texts" / "first.md").write_text(
        "---\ntitle: The first\nauthor: A. Author\n---\n\nOne two three four five.\n\nSix seven.\n",
        encoding="utf-8",
    )
    (root / "texts" / "second.md").write_text(
        "---\ntitle: The second\nquestions:\n  - Why?\n  - How?\n---\n\nAlpha beta gamma.\n", encoding="utf-8"
    )
    return root


def test_list_gives_order_words_questions_and_open_warnings(tmp_path):
    listing = list_texts(write_reader(tmp_path / "sources"))
    assert listing.title == "Reader"
    first, second = listing.texts[1], listing.texts[0]
    assert [t.slug for t in listing.texts] == ["second", "first"]  # the order in publication.toml first
    assert (second.position, second.listed, first.position, first.listed) == (1, True, 2, False)
    assert (first.words, second.words) == (7, 3)
    assert (first.questions, second.questions) == (0, 2)
    assert any("questions" in d.message for d in first.warnings)
    assert not any("questions" in d.message for d in second.warnings)
    assert first.authors == ("A. Author",)


def test_list_reuses_a_build_cache_and_creates_none(tmp_path, monkeypatch):
    import pamphleteer.listing

    sources, output = write_reader(tmp_path / "sources"), tmp_path / "out"
    list_texts(sources, output)
    assert not output.exists()  # listing never creates the output folder
    calls: list[object] = []
    monkeypatch.setattr(pamphleteer.listing, "assemble", lambda *args: calls.append(args) or assemble(*args))
    output.mkdir()
    claim(output)  # the build's own folder, as a build leaves it
    (output / CACHE_FOLDER).mkdir()
    listing = list_texts(sources, output)
    assert len(calls) == 1 and len(calls[0]) == 3  # sources, the cache, the code fingerprint
    assert [t.slug for t in listing.texts] == ["second", "first"]


@pytest.mark.parametrize(
    ("markdown", "words"),
    [("One two three.", 3), ("A [linked phrase](http://x.example/) here — and *there*.", 6),
     ("> quoted words\n\n- a list item", 5), ("Numbers 1970 count; -- dashes don't.", 5)],
)
def test_word_counts(markdown, words):
    assert count_words(markdown_to_blocks(markdown, path=Path("x.md"), first_line=1)) == words


def test_cli_list_prints_one_entry_per_text(tmp_path):
    sources = write_reader(tmp_path / "sources")
    result = run_cli("list", "--sources", str(sources))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "“Reader”: 2 texts in reading order"
    assert lines[1].startswith("  1. second  The second")
    assert "3 words · 2 questions · nothing open" in lines[2]
    assert lines[3].startswith("  2. first  The first — A. Author")
    assert "7 words · no questions yet · 1 open" in lines[4] and "appended" in lines[4]
    assert "first.md" in lines[5] and "questions" in lines[5]


@contextlib.contextmanager
def ctrl_c_as_the_command_line_takes_it() -> Iterator[None]:
    """Within it, Ctrl-C goes to the command line's handler, as in a run of the command; after it, the
    handlers are as they were and no deferred stop's timer is left armed."""
    import signal

    from pamphleteer.cli import on_interrupt

    previous = signal.getsignal(signal.SIGALRM)
    interrupt = signal.signal(signal.SIGINT, on_interrupt)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        signal.signal(signal.SIGINT, interrupt)


def test_ctrl_c_inside_an_import_lock_callback_is_raised_once_the_callback_is_done():
    """Python only prints an exception raised in importlib's lock callback ("Exception ignored in
    ... cb"): a Ctrl-C arriving there would be lost and print a traceback. It is raised just after."""
    import sys
    import time

    from pamphleteer.cli import stop_where_safe

    namespace: dict[str, object] = {"stop": stop_where_safe, "sys": sys}
    exec(compile("def cb():\n    stop(KeyboardInterrupt, sys._getframe())\n    return 'done'\n",
                 "<frozen importlib._bootstrap>", "exec"), namespace)
    callback = namespace["cb"]
    with ctrl_c_as_the_command_line_takes_it():
        assert callback() == "done"  # not raised inside the callback
        with pytest.raises(KeyboardInterrupt):
            time.sleep(1)  # but a few milliseconds later
    with pytest.raises(KeyboardInterrupt):  # anywhere else, at once
        stop_where_safe(KeyboardInterrupt, sys._getframe())


def test_ctrl_c_during_an_import_is_raised_once_the_module_is_imported(tmp_path, monkeypatch):
    """A stop raised while a module is being imported can crash the process: pikepdf's compiled
    part (nanobind) aborts on one while it makes its enums ("Critical nanobind error:
    enum_create("FormFieldFlag")", exit by SIGABRT and a traceback: the CI run of 4 Dec, Ctrl-C
    1.5 s into a build). The stop waits until the import is done, and then comes."""
    import importlib
    import sys
    import time

    from pamphleteer.cli import stop_where_safe

    (tmp_path / "slow_to_import.py").write_text(
        "import sys\n"
        "from pamphleteer.cli import stop_where_safe\n"
        "stop_where_safe(KeyboardInterrupt, sys._getframe())  # as if Ctrl-C came here\n"
        "import time\n"
        "time.sleep(0.05)\n"
        "finished = True\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        with ctrl_c_as_the_command_line_takes_it():
            module = importlib.import_module("slow_to_import")  # not raised inside the import
            assert module.finished
            with pytest.raises(KeyboardInterrupt):
                time.sleep(1)  # but once it is done
    finally:
        sys.modules.pop("slow_to_import", None)
    with pytest.raises(KeyboardInterrupt):  # anywhere else, at once
        stop_where_safe(KeyboardInterrupt, sys._getframe())


def test_a_stop_deferred_as_the_command_ends_does_not_kill_the_process_on_its_way_out():
    """A Ctrl-C deferred (inside an import, a callback) just as the command ends: its timer must not
    outlive the command, for once Python puts the signals back to their defaults on its way out, it
    would kill the process by SIGALRM (exit -14, no message: CI of 4 Dec, `list` interrupted at
    0.12 s)."""
    script = (
        "import atexit, signal, sys\n"
        "from pamphleteer import cli\n"
        "namespace = {'stop': cli.stop_where_safe, 'sys': sys}\n"
        "exec(compile('def cb():\\n    stop(KeyboardInterrupt, sys._getframe())\\n',\n"
        "             '<frozen importlib._bootstrap>', 'exec'), namespace)\n"
        "def command(argv=None):\n"
        "    signal.signal(signal.SIGINT, cli.on_interrupt)\n"
        "    namespace['cb']()  # Ctrl-C in an import, deferred\n"
        "    return 0  # and the command is done\n"
        "cli.main = command\n"
        "atexit.register(lambda: print('timer', signal.getitimer(signal.ITIMER_REAL)[0] > 0))\n"
        "cli.start()\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                            cwd=PROJECT)
    assert result.returncode == 0, (result.returncode, result.stderr)
    assert result.stdout.strip() == "timer False"
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("where", ["/usr/lib/python3.11/weakref.py", "/usr/lib/python3.11/_weakrefset.py"])
def test_ctrl_c_inside_a_weak_references_callback_is_raised_once_the_callback_is_done(where):
    """A weak reference's `remove` (WeakKeyDictionary's, WeakSet's), which the garbage collector runs
    anywhere: an exception raised there Python only prints ("Exception ignored in ... remove"), and
    the stop was lost (this session's CI: test_ctrl_c_at_any_moment_prints_no_traceback...[0.5]).
    It is raised just after."""
    import sys
    import time

    from pamphleteer.cli import stop_where_safe

    namespace: dict[str, object] = {"stop": stop_where_safe, "sys": sys}
    exec(compile("def remove(k):\n    stop(KeyboardInterrupt, sys._getframe())\n    return 'done'\n",
                 where, "exec"), namespace)
    remove = namespace["remove"]
    with ctrl_c_as_the_command_line_takes_it():
        assert remove(None) == "done"  # not raised inside the callback
        with pytest.raises(KeyboardInterrupt):
            time.sleep(1)  # but a few milliseconds later


def test_what_the_build_put_right_in_the_output_folder_is_no_repair(built):
    diagnostics = (
        Diagnostic("N101", Severity.INFO, "repaired", Path("sources/texts/a.md"), 1),
        Diagnostic("I903", Severity.INFO, "2 entries of the build cache could not be read", Path("out")),
        Diagnostic("I904", Severity.INFO, "the state could not be read", Path("out/state.json")),
    )
    console, out, _ = terminal()
    console.build_summary("T", 1, 1.0, built.written, built.page_count, diagnostics)
    text = out.getvalue()
    assert "repairs made: 1 (a 1)" in text
    assert "output folder put right: 2 (2 entries of the build cache could not be read; the state" in text


def test_list_counts_one_text_in_the_singular(tmp_path):
    sources = write_reader(tmp_path / "sources")
    (sources / "texts" / "first.md").unlink()
    result = run_cli("list", "--sources", str(sources))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "“Reader”: 1 text in reading order"


@pytest.mark.parametrize("command", ["", "build", "check", "watch", "add", "list", "init"])
def test_the_examples_of_each_help_are_aligned(command):
    result = run_cli(*([command] if command else []), "--help")
    assert result.returncode == 0, result.stderr
    rows = result.stdout.split("examples:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    # what each example does starts in one column, two spaces after the longest example
    columns = {len(re.match(r"  (\S+(?: \S+)*)  +", row)[0]) for row in rows}
    longest = max(len(re.match(r"  (\S+(?: \S+)*)", row)[0]) for row in rows)
    assert columns == {longest + 2}, rows


def test_warnings_alike_in_one_text_are_listed_three_times_then_counted(tmp_path):
    """A page's fifty menu links each 'became plain text': the first three say it, one line counts the
    rest; another text's, a warning that is no repair's (each a thing of its own to put right) and
    -v's are listed in full."""
    letter, essay = tmp_path / "texts" / "letter.md", tmp_path / "texts" / "essay.md"

    def warning(code: str, file: Path, line: int) -> Diagnostic:
        message = f"the relative link '/tag/{line}' became plain text"
        return Diagnostic(code, Severity.WARNING, message, file, line)

    found = ([warning("N432", letter, line) for line in range(1, 8)] + [warning("N432", essay, 9)]
             + [warning("W102", letter, line) for line in range(20, 25)])
    shown, _, err = terminal()
    shown.diagnostics(found, tmp_path)
    lines = err.getvalue().splitlines()
    assert [line for line in lines if "[N432]" in line and "letter.md" in line and "became" in line] == [
        f"warning: texts/letter.md:{line}: the relative link '/tag/{line}' became plain text [N432]"
        for line in (1, 2, 3)]
    assert "warning: texts/letter.md: 4 more like the N432 above; the build report lists every one, " \
           "and -v shows them here [N432]" in lines
    assert sum("essay.md:9" in line for line in lines) == 1
    assert sum("[W102]" in line for line in lines) == 5
    assert len(lines) == 3 + 1 + 1 + 5
    verbose, _, err = terminal(verbose=True)
    verbose.diagnostics(found, tmp_path)
    assert sum("became plain text" in line for line in err.getvalue().splitlines()) == 13
    assert "more like" not in err.getvalue()
