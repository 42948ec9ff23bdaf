"""The command line (`pamphleteer`, `python -m pamphleteer`, `python build.py`): parse arguments, call
the library, print, exit.

    pamphleteer                      build the publication in this folder into its output/
    pamphleteer check                validate the editions in output/
    pamphleteer watch [--serve]      rebuild on every change (and preview in a browser)
    pamphleteer add WHAT… [--slug S] add texts (addresses, pages, files, folders) to texts/
    pamphleteer list                 the texts, in order, with what is still open
"""

import argparse
import gc
import logging
import os
import signal
import sys
import time
import traceback
from collections import Counter
from pathlib import Path
from types import CodeType, FrameType
from typing import TYPE_CHECKING

import shtab

from pamphleteer import __version__
from pamphleteer.errors import ConfigurationError, PamphleteerError, Severity, SourceError, StrictFailure

if TYPE_CHECKING:
    from pamphleteer.add import Added
    from pamphleteer.console import Terminal
    from pamphleteer.listing import Removal

from pamphleteer.locations import CHECKOUT as PROJECT

CHECK_MESSAGES = 25  # validator messages shown per failed check; all are in the check report
COMMANDS = ("build", "check", "watch", "add", "list", "init")
VALUED = ("--sources", "--output", "--format", "--port", "--slug", "--title")  # options taking a value
# Each example as (what to type, what it does), the second column aligned by `examples`.
EXAMPLES: tuple[tuple[str, str], ...] = (
    ("{cmd}", "build the publication in this folder into its output/"),
    ("{cmd} init ~/reader --title \"A Reader\"", "start a publication of your own"),
    ("{cmd} ~/reader --format pdf", "build only its print edition"),
    ("{cmd} check", "validate what is in output/ (report in output/check-report.json)"),
    ("{cmd} watch --serve --open", "rebuild on every save; preview in the browser"),
    ("{cmd} add https://example.org/essay", "add a web page's article (and its images)"),
    ("{cmd} list", "the texts, their order, words, questions, warnings"),
    ("{cmd} COMMAND --help", "a command's own options and examples"),
    ("SOURCE_DATE_EPOCH=1700000000 {cmd}", "reproducible build (fixed dates)"),
)
MORE_HELP = """
output: -q/--quiet prints only warnings and errors, -v/--verbose every stage, text and repair;
        colours only on a terminal, never when NO_COLOR is set.

exit codes: 0 success, 1 unexpected error, 2 configuration or command line, 3 sources,
            4 rendering, 5 output folder, 6 validation failed, 7 warnings with --strict,
            130 interrupted (Ctrl-C), 143 terminated
"""
COMMAND_EXAMPLES: dict[str, tuple[tuple[str, str], ...]] = {
    "build": (("{cmd} build", "the publication in this folder, into its output/"),
              ("{cmd} build ~/reader --format pdf", "only the print edition of ~/reader"),
              ("{cmd} build --output /tmp/reader --strict", "elsewhere, a warning failing the build")),
    "check": (("{cmd} check", "every validator over this publication's output/"),
              ("{cmd} check ~/reader --strict", "a validator that is not installed fails too")),
    "watch": (("{cmd} watch", "rebuild on every save"),
              ("{cmd} watch --serve --open", "and preview it at http://127.0.0.1:8000/ in the browser")),
    "add": (("{cmd} add https://example.org/essay", "a web page's article (and its images)"),
            ("{cmd} add ~/Downloads/article.md --slug essay", "a Markdown file, named essay.md"),
            ("{cmd} add ~/Downloads/reading/", "every page, Word, OpenDocument and Markdown file in it")),
    "list": (("{cmd} list", "this publication's texts"),
             ("{cmd} list ~/reader -v", "with every repair")),
    "init": (("{cmd} init", "a publication in this folder (asks for its title)"),
             ("{cmd} init ~/reader --title 'A Reader'", "one in ~/reader, titled A Reader")),
}


def examples(rows: tuple[tuple[str, str], ...], cmd: str) -> str:
    """`examples:` and a line for each row, its description aligned two spaces after the longest
    example (for `cmd`, the command as the user ran it)."""
    typed = [example.format(cmd=cmd) for example, _ in rows]
    width = max(len(example) for example in typed) + 2
    lines = [f"  {example:<{width}}{what}".rstrip() for example, (_, what) in zip(typed, rows, strict=True)]
    return "examples:\n" + "\n".join(lines) + "\n"


def command_name(program: str | None = None) -> str:
    """The command as the user ran it, for hints: `pamphleteer`, `python build.py` or `python -m …`."""
    name = Path(sys.argv[0] if program is None else program).name
    if name == "build.py":
        return "python build.py"
    if name == "__main__.py":
        return "python -m pamphleteer"
    return "pamphleteer"


def add_publication(parser: argparse.ArgumentParser, *, output: bool = True, folder: bool = True) -> None:
    """Which publication (DIR or --sources) and, where the command uses editions, --output."""
    if folder:
        parser.add_argument("folder", nargs="?", type=Path, metavar="DIR",
                            help="the publication's folder, holding publication.toml (default: this one)")
    parser.add_argument("--sources", type=Path, metavar="DIR", help="the publication's folder (as DIR)")
    if output:
        parser.add_argument("--output", type=Path, metavar="DIR",
                            help="where the editions are (default: the publication's output/)")


def add_loudness(parser: argparse.ArgumentParser, *, quiet: bool = True) -> None:
    loudness = parser.add_mutually_exclusive_group()
    if quiet:
        loudness.add_argument("-q", "--quiet", action="store_true", help="print only warnings and errors")
    loudness.add_argument("-v", "--verbose", action="store_true",
                          help="print every stage, every text and every repair")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for errors")


def add_build_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", default="pdf,epub,html", metavar="LIST",
                        help="editions to build, comma-separated: pdf,epub,html (default: all)")
    parser.add_argument("--strict", action="store_true", help="fail the build on any warning")


def command_line(argv: list[str]) -> list[str]:
    """`argv` with the command name first: `build` when none is given (`pamphleteer ~/reader`),
    and options given before the name moved after it, where that command's parser reads them."""
    index, found = 0, None
    while index < len(argv):
        word = argv[index]
        if word == "--":
            break
        if word.startswith("-"):
            index += 2 if word in VALUED else 1
            continue
        found = index
        break
    if found is None or argv[found] not in COMMANDS + ("completion",):
        if any(word in ("-h", "--help", "--version") for word in argv[:found]):
            return argv
        if found is not None and "/" not in argv[found] and not Path(argv[found]).is_dir():
            return argv  # a mistyped command, not a folder: argparse names the commands
        return ["build", *argv]
    return [argv[found], *argv[:found], *argv[found + 1:]]


def make_parser(cmd: str) -> argparse.ArgumentParser:
    """The command line's parser, its commands named as `cmd` (`pamphleteer`, `python build.py`)."""
    parser = argparse.ArgumentParser(
        prog=cmd,
        description="Build a pamphlet (PDF), an ebook (EPUB) and a web page (HTML) from a publication's "
                    "folder (the one holding publication.toml).",
        epilog=examples(EXAMPLES, cmd) + MORE_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"Pamphleteer {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND",
                                     title="commands (default: build)")
    helps = {
        "build": "build every edition (the default)",
        "check": "validate the editions in the output folder",
        "watch": "rebuild whenever the publication, templates/ or styles/ change",
        "add": "add texts to texts/ from web addresses, saved pages, Word, OpenDocument or "
               "Markdown files, or folders of them, with the front matter it can infer",
        "list": "list the texts in reading order: words, questions, open warnings",
        "init": "start a publication: publication.toml, texts/, front/introduction.md, .gitignore",
    }
    sub = {}
    for name in COMMANDS:
        sub[name] = commands.add_parser(
            name, help=helps[name], description=helps[name], prog=f"{cmd} {name}",
            epilog=examples(COMMAND_EXAMPLES[name], cmd),
            formatter_class=argparse.RawDescriptionHelpFormatter)
    add_publication(sub["build"])
    add_build_options(sub["build"])
    add_loudness(sub["build"])
    add_publication(sub["watch"])
    add_build_options(sub["watch"])
    sub["watch"].add_argument("--serve", action="store_true",
                              help="also serve the output folder on http://127.0.0.1:PORT/, "
                                   "reloading the web edition after each rebuild")
    sub["watch"].add_argument("--port", type=int, default=8000, help="the port for --serve (default: 8000)")
    sub["watch"].add_argument("--open", action="store_true",
                              help="open the preview in the web browser (implies --serve)")
    add_loudness(sub["watch"])
    add_publication(sub["check"])
    sub["check"].add_argument("--strict", action="store_true",
                              help="a validator that is not installed fails the check (as in CI)")
    sub["check"].add_argument("-v", "--verbose", action="store_true",
                              help="every validator message (default: the first 25 of each check)")
    sub["check"].add_argument("--debug", action="store_true", help="show tracebacks for errors")
    sub["add"].add_argument("what", nargs="+", metavar="WHAT",
                            help="a web address, a saved page (.html), a Word (.docx) or OpenDocument "
                                 "(.odt) file, a Markdown file, or a folder of these")
    add_publication(sub["add"], output=False, folder=False)
    sub["add"].add_argument("--slug", metavar="S",
                            help="the text's name in texts/ (default: from author and title)")
    add_loudness(sub["add"])
    add_publication(sub["list"])
    add_loudness(sub["list"])
    sub["init"].add_argument("folder", nargs="?", type=Path, default=Path("."), metavar="DIR",
                             help="the new publication's folder (default: this one)")
    sub["init"].add_argument("--title", metavar="T", help="the publication's title (asked for if not given)")
    sub["init"].add_argument("--debug", action="store_true", help="show tracebacks for errors")
    completion = commands.add_parser(
        "completion", help="print the shell completion script for bash or zsh",
        description="Print the completion script for the installed `pamphleteer` command.",
        prog=f"{cmd} completion", formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=f"""examples:
  {cmd} completion bash > ~/.local/share/bash-completion/completions/pamphleteer
  {cmd} completion zsh > ~/.zfunc/_pamphleteer   (with fpath+=~/.zfunc before compinit in ~/.zshrc)""")
    completion.add_argument("shell", choices=("bash", "zsh"), help="the shell")
    for name in ("build", "watch", "check", "list", "init"):
        for action in sub[name]._actions:
            if action.dest in ("folder", "sources", "output"):
                action.complete = shtab.DIRECTORY  # type: ignore[attr-defined]
    for action in sub["add"]._actions:
        if action.dest == "what":
            action.complete = shtab.FILE  # type: ignore[attr-defined]
        elif action.dest == "sources":
            action.complete = shtab.DIRECTORY  # type: ignore[attr-defined]
    return parser


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    cmd = command_name()
    parser = make_parser(cmd)
    arguments = parser.parse_args(command_line(argv))
    for name, value in (("quiet", False), ("verbose", False), ("debug", False), ("strict", False),
                        ("format", "pdf,epub,html"), ("folder", None), ("sources", None), ("output", None)):
        if not hasattr(arguments, name):
            setattr(arguments, name, value)
    formats = tuple(f.strip() for f in arguments.format.split(",") if f.strip())
    unknown = [f for f in formats if f not in ("pdf", "epub", "html")]
    if unknown or not formats:
        parser.error(f"--format takes pdf, epub and html; got '{arguments.format}'")
    arguments.formats = formats
    if arguments.folder is not None and arguments.sources is not None and arguments.command != "init":
        parser.error("give the publication's folder once: as DIR or with --sources")
    arguments.cmd = cmd
    if arguments.command not in ("init", "completion"):
        arguments.sources, arguments.output = publication(arguments.folder or arguments.sources,
                                                          arguments.output, cmd)
    return arguments


def publication(given: Path | None, output: Path | None, cmd: str) -> tuple[Path, Path]:
    """The publication's folder and its output folder: the one given, else this folder (or its
    `sources/`), else, for `python build.py`, the checkout's bundled example."""
    if given is None:
        here = Path.cwd()
        if (here / "publication.toml").is_file():
            given = here
        elif (here / "sources" / "publication.toml").is_file():
            given = here / "sources"
        elif cmd == "python build.py" and (PROJECT / "sources" / "publication.toml").is_file():
            given = PROJECT / "sources"
        else:
            raise NoPublication(
                f"there is no publication.toml in {here}, so it is not a publication's folder: run "
                f"'{cmd} init' to start one here, or give the publication's folder ('{cmd} build DIR')")
    if output is None:
        bundled = given.resolve() == (PROJECT / "sources").resolve()  # the checkout's example
        output = PROJECT / "output" if bundled else given / "output"
    return given, output


class NoPublication(Exception):
    """No publication.toml where the command looked; the message says what to do."""


def show_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def run_build(arguments: argparse.Namespace, terminal: "Terminal") -> int:
    from pamphleteer.output import StoppedAfterWriting
    from pamphleteer.uptodate import kept_editions
    from pamphleteer.workers import JOBS_VARIABLE, default_jobs

    # The environment is read here, and only here: the library is given its values.
    epoch, jobs = os.environ.get("SOURCE_DATE_EPOCH"), default_jobs(os.environ.get(JOBS_VARIABLE))
    result = None
    try:
        # Nothing changed: said without loading the pipeline (a third of such a build's time).
        result, noted = kept_editions(arguments.sources, arguments.output, arguments.formats,
                                      arguments.strict, epoch)
        if result is None:
            from pamphleteer.pipeline import build

            with terminal.progress() as progress:
                result = build(arguments.sources, arguments.output, arguments.formats,
                               strict=arguments.strict, progress=progress, epoch=epoch, jobs=jobs,
                               noted=noted)
        terminal.diagnostics(result.diagnostics)
        terminal.build_summary(result.title, result.text_count, result.seconds, result.written,
                               result.page_count, result.diagnostics, up_to_date=result.up_to_date,
                               rule_names=result.rule_names)
    except (KeyboardInterrupt, Terminated) as stop:
        if result is not None and not result.up_to_date:  # stopped while the summary was printed
            raise StoppedAfterWriting(stop) from None
        raise
    return 0


def run_check(arguments: argparse.Namespace) -> int:
    from pamphleteer.check import check_output, write_report
    from pamphleteer.check.tools import INSTALL_HINT, Tools, tools_folder
    from pamphleteer.output import recover

    root = Path.cwd()
    for note in recover(arguments.output):  # a build killed while it moved its editions: finished first
        print(f"note: {note.location(root)}: {note.message} [{note.code}]")
    # Where the validators are (read here, as the library reads no environment).
    given = os.environ.get("PAMPHLETEER_TOOLS", "")
    tools = Tools(tools_folder(given, os.environ.get("XDG_DATA_HOME", ""), Path.home()),
                  os.environ.get("PAMPHLETEER_CHROMIUM", ""), on_path=not given)
    run = check_output(arguments.output, arguments.sources, tools)
    # A validator that is not installed fails the check only with --strict, or in CI (CI set).
    strict = arguments.strict or bool(os.environ.get("CI"))
    width = max(len(result.name) for result in run.results)
    status_width = len("not installed") if any(result.missing for result in run.results) and not strict else 4
    print(f"{'':{status_width}}  {'check':<{width}}  {'edition':<40}  findings")
    for result in run.results:
        status = "pass" if result.passed else "FAIL" if strict or not result.missing else "not installed"
        findings = "did not run" if result.missing else result.summary
        print(f"{status:<{status_width}}  {result.name:<{width}}  {result.target.name:<40}  {findings}")
    absent = [result for result in run.results if result.missing and not strict]
    for result in run.results:
        if result.passed or result in absent:
            continue
        print(f"\n{result.name} on {show_path(result.target)}:")
        shown = result.diagnostics if arguments.verbose else result.diagnostics[:CHECK_MESSAGES]
        for diagnostic in shown:
            where = diagnostic.location(root)
            print(f"  {diagnostic.severity.value}: {where + ': ' if where else ''}{diagnostic.message} "
                  f"[{diagnostic.code}]")
        if len(result.diagnostics) > len(shown):
            print(f"  … and {len(result.diagnostics) - CHECK_MESSAGES} more in the report")
    report = write_report(run, root)
    failed = sum(not result.passed for result in run.results) - len(absent)
    if absent:
        names = ", ".join(dict.fromkeys(result.name for result in absent))
        print(f"\nnot installed: {names}; {INSTALL_HINT} "
              "(with --strict, or in CI, a validator that is not installed fails the check)")
    print(f"\n{len(run.results) - failed - len(absent)} passed, {failed} failed"
          + (f", {len(absent)} not run (validator not installed)" if absent else ""))
    print(f"Report: {show_path(report)}")
    return 0 if failed == 0 else 6


KIND_WORDS = {"page": "the article as Markdown", "word": "the Word file as Markdown",
              "opendocument": "the OpenDocument file as Markdown"}


def run_add(arguments: argparse.Namespace, terminal: "Terminal") -> int:
    from pamphleteer.add import add
    from pamphleteer.importers.inputs import collect

    inputs = collect(arguments.what)
    if arguments.slug is not None and len(inputs) > 1:
        raise ConfigurationError(f"--slug names one text, but {len(inputs)} are being added; "
                                 "add them one at a time to name each")
    failed: list[PamphleteerError] = []
    for number, item in enumerate(inputs):
        if number:
            terminal.say("")
        try:
            show_added(add(item, arguments.sources, arguments.slug), terminal)
        except PamphleteerError as error:
            terminal.diagnostic(error.diagnostic)
            failed.append(error)
    if len(inputs) > 1:
        terminal.say("")
        terminal.say(f"Added {len(inputs) - len(failed)} of {len(inputs)} texts"
                     + (f"; {len(failed)} could not be added (the errors above say why)." if failed else "."))
    if not failed:
        terminal.say("Next: check the front matter of each new text and add the questions; "
                     f"`{arguments.cmd} watch` rebuilds every time you save." if len(inputs) > 1 else
                     "Next: check the front matter and add the questions; "
                     f"`{arguments.cmd} watch` rebuilds every time you save.")
    return failed[0].exit_code if failed else 0


def show_added(added: "Added", terminal: "Terminal") -> None:
    """What `add` wrote for one text, what it found, and what still needs a person."""
    from rich.text import Text

    where = show_path(added.path)
    headline = Text().append("Added ", style="green").append(where, style="bold")
    headline.append(f" from {added.origin}")
    if added.kind != "markdown":
        headline.append(f" ({KIND_WORDS[added.kind]})")
    elif added.kept_front_matter:
        headline.append(" (its own front matter kept as it was"
                        + (", its image paths rewritten)" if added.images else ")"))
    else:
        headline.append(" (front matter inferred, the text exactly as received"
                        + (" but for its image paths)" if added.images else ")"))
    terminal.say(headline)
    if added.taken:
        terminal.say(f"  (named '{added.slug}': a text named '{added.taken}' is already in the publication)")
    if added.original is not None:
        received = "page" if added.kind == "page" else "file"
        terminal.say(f"  the {received} as received: {show_path(added.original)}")
    if added.images:
        terminal.say(f"  {len(added.images)} image{'s' if len(added.images) > 1 else ''}: "
                     f"{show_path(added.images[0].parent)}/")
    if added.stated:
        terminal.say("The page states:" if added.kind == "page" else "The file states:")
        for key, value in added.stated:
            terminal.say(Text(f"  {key + ':':<13}").append(value, style="bold"))
    if added.inferred:
        terminal.say("Inferred from the text:" if not added.kept_front_matter
                     else "The build will infer from the text:")
        for key, value in added.inferred:
            terminal.say(Text(f"  {key + ':':<13}").append(value, style="bold"))
    elif not added.stated:
        terminal.say("Nothing could be inferred from the text.")
    todo = [f"{note.message} [{note.code}]" for note in added.notes]
    if added.missing:
        todo.append(f"not found in the text, so give them in the front matter: {', '.join(added.missing)}")
    todo += [f"{d.message} [{d.code}]" for d in added.diagnostics if d.severity is not Severity.INFO]
    if todo:
        terminal.say(Text().append("Still needs a person:", style="yellow"))
        for item in todo:
            terminal.say(f"  - {item}")
    for diagnostic in added.diagnostics:
        if diagnostic.severity is Severity.INFO:
            terminal.diagnostic(diagnostic)  # the repairs the build will make, shown with -v
    if not added.listed:
        terminal.say(f"It comes after the texts listed in publication.toml's 'order'; "
                     f"add \"{added.slug}\" there to place it elsewhere.")


REMOVED_SHOWN = 12  # lines of removals per text without -v


def say_removed(terminal: "Terminal", removed: tuple["Removal", ...]) -> None:
    """What left a text's body, and where it went ("line 12 → credits: Share on Facebook [N421]")."""
    from rich.text import Text

    if not removed:
        return
    places = Counter(removal.destination for removal in removed)
    terminal.say(Text("     taken out of the body: " + ", ".join(
        f"{count} to the {place}" for place, count in places.items())))
    shown = removed if terminal.verbose else removed[:REMOVED_SHOWN]
    for removal in shown:
        terminal.say(Text(f"       line {removal.line} → {removal.destination}: ", style="dim")
                     .append(f"{removal.text or '(no text)'} [{removal.code}]"))
    if len(shown) < len(removed):
        terminal.say(Text(f"       … and {len(removed) - len(shown)} more (-v lists them)", style="dim"))


def run_list(arguments: argparse.Namespace, terminal: "Terminal") -> int:
    from rich.text import Text

    from pamphleteer.listing import list_texts

    listing = list_texts(arguments.sources, arguments.output)
    count = len(listing.texts)
    terminal.say(Text().append(f"“{listing.title}”", style="bold")
                 .append(f": {count} text{'' if count == 1 else 's'} in reading order"))
    for text in listing.texts:
        by = f" — {', '.join(text.authors)}" if text.authors else ""
        line = Text(f"{text.position:>3}. ").append(text.slug, style="bold").append(f"  {text.title}{by}")
        terminal.say(line)
        order = "placed by publication.toml 'order'" if text.listed else "appended (not in 'order')"
        questions = f"{text.questions} questions" if text.questions else "no questions yet"
        open_count = f"{len(text.warnings)} open" if text.warnings else "nothing open"
        terminal.say(Text(f"     {text.words:,} words · ")
                     .append(questions, style="" if text.questions else "yellow")
                     .append(f" · {open_count} · {len(text.notes)} repairs · {order}"))
        for diagnostic in text.warnings:
            where = diagnostic.location(Path.cwd())
            terminal.say(Text().append(f"       {diagnostic.severity.value}: ", style="yellow")
                         .append(f"{where}: {diagnostic.message} [{diagnostic.code}]"))
        say_removed(terminal, text.removed)
        if terminal.verbose:
            for diagnostic in text.notes:
                terminal.detail(Text(f"       note: {diagnostic.location(Path.cwd())}: {diagnostic.message}",
                                     style="dim"))
    for diagnostic in listing.other:
        terminal.diagnostic(diagnostic)
    return 0


def run_watch(arguments: argparse.Namespace, terminal: "Terminal") -> int:
    from rich.text import Text

    from pamphleteer.watch import Watcher, watched_folders

    server = None
    if arguments.serve or arguments.open:
        from pamphleteer.preview import PreviewServer

        server = PreviewServer(arguments.output, arguments.port)
        server.start()

    def rebuild(reason: str) -> None:
        started = time.monotonic()
        try:
            run_build(arguments, terminal)
        except PamphleteerError as error:
            terminal.error(str(error), "fix it and save again; still watching")
            return
        if server is not None:
            server.rebuilt()
        terminal.say(Text().append(f"[{time.strftime('%H:%M:%S')}] ", style="dim")
                     .append(f"rebuilt after {reason} in {time.monotonic() - started:.1f} s"))

    if not arguments.sources.is_dir():
        raise SourceError("the sources folder does not exist; pass --sources DIR", file=arguments.sources)
    folders = watched_folders(arguments.sources)
    try:
        with Watcher(folders, ignored=(arguments.output,)) as watcher:
            rebuild("starting")
            if server is not None:
                page = next(iter(sorted(Path(arguments.output).glob("*.html"))), None)
                terminal.say(Text().append("Preview: ", style="green")
                             .append(server.url(page.name if page else ""), style="bold")
                             .append(" (this computer only; the page reloads after each rebuild)"))
                if arguments.open:
                    import webbrowser

                    webbrowser.open(server.url(page.name if page else ""))
            terminal.say(Text().append("Watching ", style="green")
                         .append(", ".join(show_path(f) for f in folders if f.is_dir()))
                         .append(" — press Ctrl-C to stop."))
            while True:
                batch = watcher.wait()
                if not batch:  # the watcher stopped (its folders vanished)
                    break
                for change in batch:
                    terminal.say(Text().append(f"{change.kind.value}: ", style="cyan")
                                 .append(show_path(change.path)))
                names = ", ".join(change.path.name for change in batch)
                rebuild(names if len(batch) <= 3 else f"{len(batch)} changes")
    finally:
        if server is not None:
            server.stop()
    terminal.say("Stopped watching.")
    return 0


def run_completion(arguments: argparse.Namespace, terminal: "Terminal") -> int:
    """The completion script, for the installed command's name (whichever way this one was run)."""
    sys.stdout.write(shtab.complete(make_parser("pamphleteer"), shell=arguments.shell))
    return 0


def run_init(arguments: argparse.Namespace, terminal: "Terminal") -> int:
    from pamphleteer.scaffold import scaffold

    title = arguments.title
    if title is None:
        if not sys.stdin.isatty():
            raise ConfigurationError("give the publication's title with --title \"…\" "
                                     "(it is asked for only on a terminal)")
        title = input("The publication's title: ").strip()
    made = scaffold(arguments.folder, title)
    folder = show_path(arguments.folder)
    terminal.say(f"Started “{title}” in {folder}/:")
    for path in made:
        terminal.say(f"  {show_path(path)}{'/' if path.is_dir() else ''}")
    terminal.say("Next:")
    if arguments.folder.resolve() != Path.cwd().resolve():
        terminal.say(f"  cd {folder}")
    for line in (f"{arguments.cmd} add https://example.org/essay   add a text (a page, a file, a folder)",
                 f"{arguments.cmd}                                build the editions into output/",
                 f"{arguments.cmd} check                          validate them",
                 "then write front/introduction.md, and list the texts in publication.toml's 'order'"):
        terminal.say(f"  {line}")
    return 0


class Terminated(BaseException):
    """A TERM signal: unwind like Ctrl-C, so no temporary file is left behind."""


def on_terminate(signum: int, frame: FrameType | None) -> None:
    stop_where_safe(Terminated, frame)


def on_interrupt(signum: int, frame: FrameType | None) -> None:
    stop_where_safe(KeyboardInterrupt, frame)


DEFERRED: list[int] = []  # the signal of a stop that came while an exception could not be raised


def _only_printed(code: CodeType) -> bool:
    """Whether a stop raised in `code` would be lost or crash the process: an import in progress
    (importlib's frames; its module-lock callback only prints an exception, "Exception ignored in
    ... cb", and a compiled module being initialised may abort the process on one: pikepdf's
    nanobind, "Critical nanobind error: enum_create(...)", exit by SIGABRT), a weak reference's
    callback (weakref.py's and _weakrefset.py's `remove` and `_remove`, which the garbage collector
    may run anywhere), a finaliser."""
    name, file = code.co_name, code.co_filename
    return (file.startswith("<frozen importlib")
            or (name in ("remove", "_remove") and file.endswith(("weakref.py", "_weakrefset.py")))
            or name == "__del__")


def stop_where_safe(kind: type[BaseException], frame: FrameType | None) -> None:
    """Raise `kind` where the signal came, unless that is inside an import or a callback whose
    exceptions Python only prints ("Exception ignored in ... _get_module_lock ... cb", "...
    WeakKeyDictionary ... remove": the stop would be lost, and the message is a traceback): then
    raise it a few milliseconds after, once the import or the callback is done."""
    while frame is not None:
        if _only_printed(frame.f_code):
            DEFERRED.append(signal.SIGTERM if kind is Terminated else signal.SIGINT)
            signal.signal(signal.SIGALRM, raise_deferred)
            signal.setitimer(signal.ITIMER_REAL, 0.005)
            return
        frame = frame.f_back
    raise kind


def raise_deferred(signum: int, frame: FrameType | None) -> None:
    """The stop deferred, sent again as its own signal: to its handler as it is now, which may
    defer it again, or hold it (output.StopsHeld, while workers are forked: raised here, in a
    fork's callback, it would be lost, "Exception ignored in: <function _releaseLock>")."""
    signal.raise_signal(DEFERRED.pop() if DEFERRED else signal.SIGINT)


def interrupted(arguments: argparse.Namespace, stop: BaseException) -> str:
    """What an interruption of the command did, said truly."""
    from pamphleteer.output import StoppedAfterWriting

    if isinstance(stop, StoppedAfterWriting):
        return (f"interrupted once the build had put its new editions in place: they are complete, in "
                f"{show_path(arguments.output)}")
    return {
        "build": "interrupted: nothing was written; the previous editions are as they were",
        "check": "interrupted: the check did not finish (the editions were not changed)",
        "add": f"interrupted: the text may not have been added; `{arguments.cmd} list` shows the texts",
        "list": "interrupted",
    }.get(arguments.command, "interrupted")


def main(argv: list[str] | None = None) -> int:
    try:
        arguments = parse_arguments(sys.argv[1:] if argv is None else argv)
    except NoPublication as error:
        sys.stderr.write(f"error: {error}\n")
        return 2
    logging.basicConfig(level=logging.DEBUG if arguments.debug else logging.WARNING,
                        format="%(levelname)s: %(message)s")
    for noisy in ("weasyprint", "fontTools", "watchfiles"):
        logging.getLogger(noisy).setLevel(logging.ERROR if not arguments.debug else logging.INFO)
    from pamphleteer.console import Terminal
    from pamphleteer.output import StoppedAfterWriting

    terminal = Terminal(quiet=arguments.quiet, verbose=arguments.verbose)
    commands = {"build": run_build, "add": run_add, "list": run_list, "watch": run_watch, "init": run_init,
                "completion": run_completion}
    try:
        signal.signal(signal.SIGINT, on_interrupt)  # from here on, Ctrl-C is reported below
        signal.signal(signal.SIGTERM, on_terminate)
        if arguments.command == "check":
            return run_check(arguments)
        return commands[arguments.command](arguments, terminal)
    except PamphleteerError as error:
        if arguments.debug:
            traceback.print_exc()
        for warning in error.warnings if isinstance(error, StrictFailure) else ():
            terminal.diagnostic(warning)
        terminal.diagnostic(error.diagnostic)  # error: file:line: message [code]
        return error.exit_code
    except (KeyboardInterrupt, Terminated, StoppedAfterWriting) as stop:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut this message short
        if arguments.command == "watch":
            terminal.say("Stopped watching.")
            return 0
        terminal.error(interrupted(arguments, stop))
        cause = stop.stop if isinstance(stop, StoppedAfterWriting) else stop
        return 130 if isinstance(cause, KeyboardInterrupt) else 143
    except RecursionError:  # nesting the parser's limits did not catch: say what to look at
        if arguments.debug:
            traceback.print_exc()
        terminal.error("a text nests quotations, lists or markup too deeply to lay out; look for long "
                       "runs of '>', '-' or '*' at the start of lines", "run with --debug for details")
        return 3
    except Exception as error:  # a bug: say so plainly, with the traceback only on request
        if arguments.debug:
            traceback.print_exc()
        terminal.error(f"internal error: {type(error).__name__}: {error}",
                       "run with --debug for details, and please report it")
        return 1


# The build makes millions of small objects (the texts' syntax trees) that live until it ends:
# the cycle collector is told to look less often, and not to look at all at exit.
GC_THRESHOLD = (50_000, 20, 20)


def start() -> None:
    """Run as a program (`pamphleteer`, `python -m pamphleteer`, `python build.py`): exit with its code."""
    gc.freeze()  # what the imports made lives as long as the process
    gc.set_threshold(*GC_THRESHOLD)
    try:
        code = main()
    except KeyboardInterrupt:  # a second Ctrl-C while an error was being reported
        code = 130
    try:
        _ending()
    except (KeyboardInterrupt, Terminated):  # one that came as the command ended: it is done all the same
        _ending()
    gc.freeze()
    sys.exit(code)


def _ending() -> None:
    """Nothing is left to interrupt: the stops are ignored, and one deferred (`stop_where_safe`) is
    given up, with its timer. That timer firing once Python has put the signals back to their defaults,
    on its way out, would kill the process (SIGALRM, exit -14: CI, a `list` interrupted at 0.12 s)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.setitimer(signal.ITIMER_REAL, 0)
    DEFERRED.clear()
