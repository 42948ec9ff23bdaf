"""Draw `build.py`'s terminal output with rich: live progress, messages and summaries.

This is the presentation layer of the command line and is used only by
`build.py`; the rest of the library never prints. Results go to standard
output, progress, warnings and errors to standard error. On a terminal the
progress is a live display and names are coloured (unless `NO_COLOR` is set);
when the output is a file or a pipe every line is plain text, never wrapped.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn
from rich.progress import Progress as LiveProgress
from rich.text import Text

from pamphleteer import codes
from pamphleteer.errors import Diagnostic, Severity
from pamphleteer.progress import Progress

STAGE_NAMES = {
    "read": "reading the sources",
    "parse": "parsing and repairing texts",
    "model": "assembling the publication",
    "pdf": "laying out the print edition",
    "epub": "making the ebook",
    "html": "making the web edition",
    "write": "writing the editions",
}
SHOWN_TEXTS = 5  # texts named in a count line; the rest are summed up
ALIKE_SHOWN = 3  # warnings listed of one code in one file (Terminal.diagnostics); the rest are counted
# What a build put right in its output folder before it went on (I90x): no repair of a text.
OUTPUT_FOLDER_NOTES = frozenset({codes.STALE_LOCK, codes.MOVES_FINISHED, codes.CACHE_UNREADABLE,
                                 codes.STATE_UNREADABLE})
EDITION_NAMES = {".pdf": "print", ".epub": "ebook", ".html": "web", ".json": "report", ".png": "image"}


def show_path(path: Path) -> str:
    """A path as the user would type it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def file_size(size: int) -> str:
    """A file size for people: 812 B, 59 KB, 1.4 MB."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def _console(file: TextIO, no_color: bool, force_terminal: bool | None) -> Console:
    """A rich console that prints text as given: no markup, highlighting or emoji codes, no wrapping."""
    return Console(
        file=file, no_color=no_color, highlight=False, markup=False, emoji=False,
        soft_wrap=True, force_terminal=force_terminal,
    )


class Terminal:
    """Where `build.py` writes, with its verbosity and colour settings."""

    def __init__(
        self,
        *,
        quiet: bool = False,
        verbose: bool = False,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
        force_terminal: bool | None = None,
    ) -> None:
        self.quiet = quiet
        self.verbose = verbose and not quiet
        no_color = os.environ.get("NO_COLOR", "") != ""
        self.out = _console(stdout if stdout is not None else sys.stdout, no_color, force_terminal)
        self.err = _console(stderr if stderr is not None else sys.stderr, no_color, force_terminal)

    # Plain messages

    def say(self, text: str | Text) -> None:
        """A line of the normal output (hidden by --quiet)."""
        if not self.quiet:
            self.out.print(text)

    def detail(self, text: str | Text) -> None:
        """A line shown only with --verbose."""
        if self.verbose:
            self.out.print(text)

    def error(self, message: str, hint: str = "") -> None:
        """An error, always shown, on standard error."""
        line = Text().append("error: ", style="bold red").append(message)
        if hint:
            line.append(f" ({hint})", style="dim")
        self.err.print(line)

    def diagnostic(self, diagnostic: Diagnostic, root: Path | None = None) -> None:
        """A warning (always shown), an inference (to confirm; not with --quiet) or a repair (--verbose)."""
        inference = diagnostic.code == codes.INFERRED  # shown so that a person can confirm it
        if diagnostic.severity is Severity.INFO and not (self.verbose or (inference and not self.quiet)):
            return
        styles = {Severity.INFO: ("note", "cyan"), Severity.WARNING: ("warning", "yellow"),
                  Severity.ERROR: ("error", "bold red")}
        label, style = ("inferred", "cyan") if inference else styles[diagnostic.severity]
        where = diagnostic.location(root or Path.cwd())
        line = Text().append(f"{label}: ", style=style)
        if where:
            line.append(f"{where}: ", style="bold")
        line.append(diagnostic.message).append(f" [{diagnostic.code}]", style="dim")
        if diagnostic.before is not None and self.verbose:
            line.append(f"\n      {diagnostic.before!r} -> {diagnostic.after!r}", style="dim")
        (self.err if diagnostic.severity is not Severity.INFO else self.out).print(line)

    def diagnostics(self, diagnostics: Sequence[Diagnostic], root: Path | None = None) -> None:
        """Each of `diagnostics` as `diagnostic` shows it, except that of the normaliser's warnings
        alike (one N code, one file) only the first ALIKE_SHOWN are listed, then how many more
        there are: a page's fifty menu links each "became plain text" say one thing fifty times.
        Every other warning (an image left out, raw HTML removed: each a thing of its own to put
        right) is listed; with --verbose, every one."""
        counted: Counter[tuple[str, Path | None]] = Counter()
        for diagnostic in diagnostics:
            repair = diagnostic.code.startswith("N")  # a repair's warning, not a thing to put right
            if diagnostic.severity is Severity.WARNING and repair and not self.verbose:
                counted[diagnostic.code, diagnostic.file] += 1
                if counted[diagnostic.code, diagnostic.file] > ALIKE_SHOWN:
                    continue
            self.diagnostic(diagnostic, root)
        for (code, file), count in counted.items():
            if count > ALIKE_SHOWN:
                where = Diagnostic(code, Severity.WARNING, "", file).location(root or Path.cwd())
                line = Text().append("warning: ", style="yellow")
                if where:
                    line.append(f"{where}: ", style="bold")
                line.append(f"{count - ALIKE_SHOWN} more like the {code} above; the build report lists "
                            "every one, and -v shows them here").append(f" [{code}]", style="dim")
                self.err.print(line)

    # Progress

    def progress(self) -> ProgressDisplay:
        """A progress observer for `pipeline.build`, to use as a context manager."""
        return ProgressDisplay(self)

    # Summaries

    def build_summary(
        self,
        title: str,
        text_count: int,
        seconds: float,
        written: Sequence[Path],
        page_count: int,
        diagnostics: Sequence[Diagnostic],
        up_to_date: bool = False,
        rule_names: Mapping[str, str] | None = None,
    ) -> None:
        """What a build wrote (with page counts and sizes), the repairs it made and its warnings."""
        if self.quiet:
            return
        if up_to_date:
            heading = Text().append(f"“{title}”", style="bold").append(
                f" is up to date: nothing changed since the last build ({seconds:.2f} s)"
            )
        else:
            heading = Text().append("Built ", style="green").append(f"“{title}”", style="bold")
            heading.append(f": {text_count} text{'s' if text_count != 1 else ''} in {seconds:.1f} s")
        self.out.print(heading)
        order = ("print", "booklet", "ebook", "web", "image", "report")
        written = sorted(written, key=lambda path: (order.index(self._kind(path)) if self._kind(path) in order
                                                     else len(order), path.name))
        names = [show_path(path) for path in written]
        width = max((len(name) for name in names), default=0)
        reports = [p.name for p in written if p.name.endswith("-report.json")]
        reader = [name.removesuffix("-report.json") + ".pdf" for name in reports]
        for path, name in zip(written, names, strict=True):
            kind = self._kind(path)
            counted = path.name in reader if reader else kind == "print"  # the reader, not per-text pamphlets
            pages = f"{page_count} pages" if counted and page_count else ""
            size = file_size(path.stat().st_size) if path.exists() else "missing"
            line = Text(f"  {kind:<8} ").append(name.ljust(width), style="bold")
            line.append(f"  {pages:>9}  {size:>7}")
            self.out.print(line)
        infos = [d for d in diagnostics if d.severity is Severity.INFO]
        warnings = [d for d in diagnostics if d.severity is Severity.WARNING]
        inferred = [d for d in infos if d.code == codes.INFERRED]
        folder = [d for d in infos if d.code in OUTPUT_FOLDER_NOTES]
        repairs = [d for d in infos if d.code != codes.INFERRED and d not in folder]
        self.out.print(self._counted("repairs made", repairs))
        if folder:  # not repairs of the texts: what the build put right in the output folder
            what = "; ".join(dict.fromkeys(d.message for d in folder))
            self.out.print(Text(f"output folder put right: {len(folder)} ({what})", style="dim"))
        by_rule: dict[str, list[Diagnostic]] = {}
        for diagnostic in repairs:
            if rule_names and diagnostic.code in rule_names:
                by_rule.setdefault(diagnostic.code, []).append(diagnostic)
        for code in sorted(by_rule):
            texts = len({d.file for d in by_rule[code]})
            line = Text(f"  {code}  {rule_names[code]}: {len(by_rule[code])}")  # type: ignore[index]
            self.out.print(line.append(f" in {texts} texts" if texts > 1 else "", style="dim"))
        self.out.print(self._counted("metadata inferred", inferred))
        line = Text().append(f"warnings: {len(warnings)}", style="yellow" if warnings else "")
        if warnings:
            line.append(" (listed above; --strict makes them fatal)", style="dim")
        self.out.print(line)
        if infos and not self.verbose:
            report = next((show_path(p) for p in written if p.suffix == ".json"), "the build report")
            self.out.print(Text(f"Every repair is listed in {report}; -v shows them here.", style="dim"))

    @staticmethod
    def _kind(path: Path) -> str:
        return "booklet" if path.name.endswith("-booklet.pdf") else EDITION_NAMES.get(path.suffix, "file")

    def _counted(self, label: str, diagnostics: Sequence[Diagnostic]) -> Text:
        by_file = Counter(d.file.stem if d.file else "publication" for d in diagnostics)
        line = Text(f"{label}: {len(diagnostics)}")
        if by_file:
            shown = list(by_file.items())[:SHOWN_TEXTS]
            counts = ", ".join(f"{name} {count}" for name, count in shown)
            if len(by_file) > SHOWN_TEXTS:
                counts += f" and {len(by_file) - SHOWN_TEXTS} more texts"
            line.append(f" ({counts})", style="dim")
        return line


class ProgressDisplay(Progress):
    """Progress per stage and per text: a live display on a terminal, lines with --verbose."""

    def __init__(self, terminal: Terminal) -> None:
        self.terminal = terminal
        self.live: LiveProgress | None = None
        if not terminal.quiet and terminal.err.is_terminal:
            self.live = LiveProgress(
                SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                TimeElapsedColumn(), console=terminal.err, transient=True,
            )
        self.tasks: dict[str, TaskID] = {}
        self.started: dict[str, float] = {}
        self.counts: Counter[str] = Counter()
        self.lock = threading.Lock()

    def __enter__(self) -> ProgressDisplay:
        if self.live is not None:
            self.live.start()
        return self

    def __exit__(self, *exception: object) -> None:
        if self.live is not None:
            self.live.stop()

    def stage(self, name: str, total: int = 0) -> None:
        with self.lock:
            self.started[name] = time.monotonic()
            self.counts[name] = 0
            if self.live is not None:
                self.tasks[name] = self.live.add_task(STAGE_NAMES.get(name, name), total=total or None)

    def advance(self, name: str, item: str) -> None:
        with self.lock:
            self.counts[name] += 1
            if self.live is not None and name in self.tasks:
                self.live.update(
                    self.tasks[name], advance=1, description=f"{STAGE_NAMES.get(name, name)}: {item}"
                )
            if self.terminal.verbose:
                self._print(Text(f"    {name}: {item}", style="dim"))

    def done(self, name: str) -> None:
        with self.lock:
            seconds = time.monotonic() - self.started.pop(name, time.monotonic())
            if self.live is not None and name in self.tasks:
                self.live.remove_task(self.tasks.pop(name))
            if self.terminal.verbose:
                count = self.counts[name]
                items = f"{count} item{'s' if count != 1 else ''}" if count else ""
                self._print(Text(f"  done  {STAGE_NAMES.get(name, name):<30} {items:>9} {seconds:6.2f} s"))

    def _print(self, text: Text) -> None:
        if self.live is not None:
            self.live.console.print(text)  # above the live display
        else:
            self.terminal.out.print(text)

