"""Shared fixtures: one build of the seed reader per test session."""

from __future__ import annotations

import fcntl
import functools
import os
import pickle
import resource
import shutil
import subprocess
import sys
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from pamphleteer.workers import default_jobs
from tests.loopback import Loopback

PROJECT = Path(__file__).resolve().parent.parent
SOURCES = PROJECT / "sources"
EPOCH = "1767225600"  # 2026-01-01T00:00:00Z, given to builds as SOURCE_DATE_EPOCH would be
# As many processes as PAMPHLETEER_JOBS says (read here as the command line reads it), else one per core,
# shared among the test processes when pytest-xdist runs several (`make test`: one per core), so that
# the builds of tests running side by side do not fight over the cores.
TEST_PROCESSES = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT") or 1)
JOBS = (default_jobs(os.environ["PAMPHLETEER_JOBS"]) if os.environ.get("PAMPHLETEER_JOBS")
        else max(1, default_jobs() // TEST_PROCESSES))
COMMAND_JOBS = default_jobs(os.environ.get("PAMPHLETEER_JOBS"))  # what the command line takes here


SYSTEM_TOOLS = {  # a tool a test runs -> the system package that has it (`make tools` installs them as root)
    "java": "default-jre-headless", "chromium": "chromium", "qpdf": "qpdf", "pdftotext": "poppler-utils",
}


def missing_tools(names: tuple[str, ...]) -> list[str]:
    """Of the system tools `names`, those not installed ("chromium" is also found as chromium-browser)."""
    def found(name: str) -> bool:
        alias = "chromium-browser" if name == "chromium" else name
        return shutil.which(name) is not None or shutil.which(alias) is not None
    return [name for name in names if not found(name)]


# The test files that take the most CPU seconds (--cpu-durations summed by file), longest first. They
# are run first (the others after them, in their own order): `make test` (pytest-xdist, --dist loadfile
# --no-loadscope-reorder) hands the files out in this order, so that the run does not end with one long
# file still going in one process while the others have nothing left to do.
LONGEST_FIRST = (  # CPU s in a run of 2 December 2026 (-n 2, a loaded machine): 150, 116, 111, 92, ...
    "test_corpus.py", "test_add_corpus.py", "test_faults.py", "test_install.py", "test_cache.py",
    "test_check.py", "test_print_pages.py", "test_print_hyphens.py", "test_build.py", "test_errors.py",
    "test_frontmatter.py", "test_source_faults.py", "test_epub.py",
    "test_resume.py",  # 35 CPU s (-n0, 3 December): collected among the last files, it could end a run
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The longest files first (LONGEST_FIRST). `@pytest.mark.needs("qpdf", …)`: skipped, naming the
    tool, when it is missing, except in CI (CI set), where nothing is skipped and a missing tool fails
    the test."""
    rank = {name: place for place, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: each file stays whole
    if os.environ.get("CI"):
        return
    for item in items:
        for marker in item.iter_markers("needs"):
            missing = missing_tools(marker.args)
            if missing:
                packages = " ".join(SYSTEM_TOOLS.get(name, name) for name in missing)
                reason = (f"needs {', '.join(missing)}, not installed: run 'make tools' as root, "
                          f"or apt-get install {packages}")
                item.add_marker(pytest.mark.skip(reason=reason))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--cpu-durations", type=int, default=None, metavar="N",
                     help="list the N tests whose setup, call or teardown took the most CPU seconds (the "
                          "test process's and its finished child processes'): unlike --durations, the "
                          "same on a loaded machine as on an idle one")


def _cpu_seconds() -> tuple[float, float]:
    """The CPU seconds of this process and of its finished child processes (programs it started)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def _timed(item: pytest.Item) -> Generator[None, None, None]:
    own, children = _cpu_seconds()
    yield
    own_now, children_now = _cpu_seconds()
    spent = children_now - children
    item.user_properties.append(("cpu seconds", own_now - own + spent))  # the phase's report carries it
    item.user_properties.append(("child cpu seconds", spent))
    # How large the test process has grown by then: each program it starts with a full fork costs more
    item.user_properties.append(("max rss", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))


pytest_runtest_setup = pytest.hookimpl(hookwrapper=True)(_timed)
pytest_runtest_call = pytest.hookimpl(hookwrapper=True)(_timed)
pytest_runtest_teardown = pytest.hookimpl(hookwrapper=True)(_timed)


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:  # noqa: ANN001 (pytest's own)
    count = config.getoption("--cpu-durations")
    if count is None:
        return
    phases = []
    by_file: dict[str, list[float]] = {}  # file -> [CPU s, of it its programs', phases]
    for reports in terminalreporter.stats.values():
        for report in reports:
            properties = getattr(report, "user_properties", ())
            seconds = [value for key, value in properties if key == "cpu seconds"]
            spent = [value for key, value in properties if key == "child cpu seconds"]
            rss = [value for key, value in properties if key == "max rss"]
            if seconds and getattr(report, "when", None):
                phases.append((seconds[-1], report.when, report.nodeid, rss[-1] if rss else 0.0))
                kept = by_file.setdefault(report.nodeid.split("::")[0], [0.0, 0.0, 0])
                kept[0] += seconds[-1]
                kept[1] += spent[-1] if spent else 0.0
                kept[2] += 1
    total = sum(phase[0] for phase in phases)
    terminalreporter.write_sep("=", f"slowest {count} by CPU seconds (all tests: {total:.0f} s; "
                                    "MB: the test process's largest size by then)")
    for seconds, when, nodeid, rss in sorted(phases, reverse=True)[:count]:
        terminalreporter.write_line(f"{seconds:8.2f}s {when:<8} {rss:6.0f} MB {nodeid}")
    # By file, to see where the minutes go and what LONGEST_FIRST should say. "child processes": the
    # CPU of the programs the tests started (build.py, pandoc, the validators, a pool's workers), which
    # the first figure includes.
    started = sum(kept[1] for kept in by_file.values())
    terminalreporter.write_sep("=", f"slowest {count} files by CPU seconds (of all {total:.0f} s, "
                                    f"{started:.0f} s in child processes)")
    for name, (seconds, spent, done) in sorted(by_file.items(), key=lambda item: -item[1][0])[:count]:
        terminalreporter.write_line(f"{seconds:8.2f}s  child processes {spent:7.2f}s  {done:5.0f} phases  "
                                    f"{name}")


def made_once(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], object]) -> object:
    """`make(folder)` once for the whole test run: with pytest-xdist, the first test process to need it
    makes it in the run's temporary folder, which the processes share, while any other that needs it
    waits, then reads what it returned (pickled) instead of making it again."""
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        return make(tmp_path_factory.mktemp(name))
    shared = tmp_path_factory.getbasetemp().parent / f"made-once-{name}"  # the run's own folder
    shared.mkdir(exist_ok=True)
    kept = shared / "made.pickle"
    with open(shared / "lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # let go when the file is closed (or the process ends)
        if kept.exists():
            return pickle.loads(kept.read_bytes())
        folder = shared / "folder"
        shutil.rmtree(folder, ignore_errors=True)  # what a process that failed left
        folder.mkdir()
        made = make(folder)
        kept.write_bytes(pickle.dumps(made))
        return made


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory):
    """The seed reader, built once (for all test processes) into a temporary folder with fixed dates."""
    from pamphleteer.pipeline import build

    return made_once(tmp_path_factory, "output",
                     lambda folder: build(SOURCES, folder, epoch=EPOCH, jobs=JOBS))


@pytest.fixture(scope="session")
def built_by_command(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, CompletedProcess[str]]:
    """The seed reader built again, by the command line (build.py) in a process of its own, once (for all
    test processes): its dates fixed by SOURCE_DATE_EPOCH, its hash seed another than the test
    processes' (PYTHONHASHSEED 4242), as many processes as the command line takes here (COMMAND_JOBS).
    Its output folder and the finished process."""
    def make(folder: Path) -> tuple[Path, CompletedProcess[str]]:
        environment = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": "4242"}
        result = subprocess.run(
            [sys.executable, str(PROJECT / "build.py"), "--sources", str(SOURCES), "--output", str(folder)],
            env=environment, capture_output=True, text=True, timeout=600, check=False,
        )
        return folder, result

    return made_once(tmp_path_factory, "command", make)


@pytest.fixture
def loopback() -> Iterator[Loopback]:
    """A web server on 127.0.0.1 for the test (tests/loopback.py): give it routes, read its requests."""
    with Loopback() as server:
        yield server


@pytest.fixture
def sources_copy(tmp_path: Path) -> Path:
    """A private copy of sources/ that a test may change."""
    target = tmp_path / "sources"
    shutil.copytree(SOURCES, target)
    return target


@functools.cache
def seed_assembled(dated: bool = True):
    """What `assemble` makes of the seed reader (its publication, parsed, repaired and modelled but not
    rendered, and the diagnostics), once per test process however many tests read it (each took about
    2 CPU s): with its edition date fixed (EPOCH), or with none given (`dated` False). The publication
    is frozen, so no test can change what the next one reads."""
    from pamphleteer.pipeline import assemble, edition_time
    from pamphleteer.sources import read_sources

    if dated:
        return assemble(read_sources(SOURCES), edition=edition_time(SOURCES, EPOCH))
    return assemble(read_sources(SOURCES))


@pytest.fixture(scope="session")
def built_print(tmp_path_factory: pytest.TempPathFactory, built):
    """The seed reader's publication and its print edition, once (for all test processes; fixed dates):
    laid out from a copy of the cache of the session's build of the seed (`built`), which laid out the
    same parts, so in a second or two rather than the 12 of a layout from nothing (the cache gives
    the editions of a build without it: test_spacing_cache)."""
    from pamphleteer.cache import CACHE_FOLDER, Cache
    from pamphleteer.render.pdf import render_pdf

    def make(folder: Path):
        publication, _ = seed_assembled()
        shutil.copytree(built.written[0].parent / CACHE_FOLDER, folder / "cache")
        return publication, render_pdf(publication, SOURCES, Cache(folder / "cache"))

    return made_once(tmp_path_factory, "print", make)


class NormaliseOnce:
    """`parse_text` and `normalise` remembered by content for the last few texts: a text parsed and
    repaired twice (by `add`, then by a test reading what `add` wrote) is worked on once. Both are
    pure functions of the text, so the second caller gets what it would have computed.

    With `pandoc` given, pandoc's output is remembered too, by its input: `add` parses a page's body
    twice under two names (the probe that infers its metadata, then the text it writes, whose front
    matter differs), so the parse is not the same, but pandoc reads the same Markdown."""

    KEPT = 4  # texts remembered: the last ones parsed
    PANDOC_KEPT = 8  # pandoc runs remembered (a text takes one to three)

    def __init__(self, parse, normalise, pandoc=None):
        self._parse, self._normalise, self._pandoc = parse, normalise, pandoc
        self._parsed: dict[tuple[object, ...], object] = {}
        self._normalised: dict[int, tuple[object, object]] = {}  # id(parsed) -> (parsed, normalised)
        self._read: dict[tuple[str, str, str], str] = {}  # (text, reader, writer) -> pandoc's output
        self.hits = 0

    def pandoc(self, text: str, reader: str, writer: str) -> str:
        key = (text, reader, writer)
        if key in self._read:
            self.hits += 1
            return self._read[key]
        output = self._read[key] = self._pandoc(text, reader, writer)  # a failure is raised, not kept
        while len(self._read) > self.PANDOC_KEPT:
            del self._read[next(iter(self._read))]
        return output

    def parse_text(self, source, *args, **options):
        key = (source.path, source.slug, repr(source.meta), source.body, source.body_line,
               repr(source.diagnostics), args, tuple(sorted(options.items())))
        if key in self._parsed:
            self.hits += 1
            return self._parsed[key]
        parsed = self._parsed[key] = self._parse(source, *args, **options)
        while len(self._parsed) > self.KEPT:
            del self._parsed[next(iter(self._parsed))]
        return parsed

    def normalise(self, parsed, *args, **options):
        if args or options:
            return self._normalise(parsed, *args, **options)
        kept = self._normalised.get(id(parsed))
        if kept is not None and kept[0] is parsed:
            self.hits += 1
            return kept[1]
        normalised = self._normalise(parsed)
        self._normalised[id(parsed)] = (parsed, normalised)
        while len(self._normalised) > self.KEPT:
            del self._normalised[next(iter(self._normalised))]
        return normalised


@pytest.fixture(scope="module")
def normalise_once():
    """While a module's tests run, `add` and the corpus's `edition` (tests/corpus/run.py) parse and
    repair each text once, however often they are given it, and pandoc reads each Markdown once
    (see NormaliseOnce)."""
    import pamphleteer.add
    import pamphleteer.normalise.converter_source
    import pamphleteer.parse
    import tests.corpus.run
    from pamphleteer.normalise import normalise
    from pamphleteer.parse import parse_text

    once = NormaliseOnce(parse_text, normalise, pamphleteer.parse._pandoc)
    with pytest.MonkeyPatch.context() as patch:
        for module in (pamphleteer.add, tests.corpus.run):
            patch.setattr(module, "parse_text", once.parse_text)
            patch.setattr(module, "normalise", once.normalise)
        for module in (pamphleteer.parse, pamphleteer.normalise.converter_source):
            patch.setattr(module, "_pandoc", once.pandoc)
        yield once
