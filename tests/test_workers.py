"""A build shares its work among processes: the result must not depend on how many."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from pamphleteer import parse
from pamphleteer.workers import Inline, Workers, default_jobs
from tests.conftest import COMMAND_JOBS, EPOCH, JOBS, PROJECT, SOURCES


def build_with(jobs: str, output: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(PROJECT / "build.py"), "--sources", str(SOURCES), "--output", str(output), "-q"],
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PAMPHLETEER_JOBS": jobs},
        capture_output=True, text=True, timeout=600, check=False,
    )


@pytest.mark.slow
def test_one_process_and_two_make_the_same_editions(built, built_by_command, tmp_path):
    # conftest's two builds of the seed serve for the counts of processes they were made with (built in
    # a test process, JOBS; built_by_command by the command line, COMMAND_JOBS): the counts neither
    # was made with are built here, as the command line builds them.
    command_output, command = built_by_command
    assert command.returncode == 0, command.stderr
    made = {COMMAND_JOBS: command_output, JOBS: built.written[0].parent}
    for jobs in (1, 2):
        if jobs not in made:
            made[jobs] = tmp_path / str(jobs)
            assert build_with(str(jobs), made[jobs]).returncode == 0
    one, two = made[1], made[2]
    editions = sorted(path.name for path in one.iterdir() if path.is_file())
    assert any(name.endswith("-booklet.pdf") for name in editions)
    assert editions == sorted(path.name for path in two.iterdir() if path.is_file())
    for name in editions:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


@pytest.mark.slow
def test_a_build_leaves_no_thread_of_its_own_behind(tmp_path):
    """`watch` builds again and again in one process: the threads each build starts (those that conduct
    the layouts of its parts among them) end with it, rather than idling until the process ends."""
    from pamphleteer.pipeline import build
    from tests.test_errors import make_publication

    sources, output = make_publication(tmp_path)
    before = set(threading.enumerate())
    build(sources, output, ("pdf",), epoch=EPOCH, jobs=2)  # with a pool of processes
    left = [thread for thread in threading.enumerate() if thread not in before]
    deadline = time.monotonic() + 60  # a thread that ends does so at once: this waits for the idle alone
    for thread in left:
        thread.join(timeout=max(0.0, deadline - time.monotonic()))
    assert [thread.name for thread in left if thread.is_alive()] == []


def test_a_wrong_number_of_processes_is_refused_plainly(tmp_path):
    result = build_with("many", tmp_path / "out")
    assert result.returncode != 0
    assert "PAMPHLETEER_JOBS is 'many'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").glob("*.pdf"))


def test_the_number_of_processes_follows_the_setting_and_the_cores():
    assert default_jobs("3") == 3
    assert 1 <= default_jobs() <= min(4, len(os.sched_getaffinity(0)))
    with Workers(jobs=1) as pool:
        assert isinstance(pool, Inline)  # one core: everything in this process


def test_an_error_in_a_worker_reaches_the_build_with_its_file_and_line():
    from pamphleteer.errors import SourceError

    with Workers(jobs=2) as pool:
        future = pool.submit(fail, "texts/a.md", 7)  # a worker is handed the function itself
        with pytest.raises(SourceError) as raised:
            future.result()
    assert raised.value.diagnostic.file == Path("texts/a.md")
    assert raised.value.diagnostic.line == 7
    assert str(raised.value) == "texts/a.md:7: it broke"


def fail(file: str, line: int) -> None:
    from pamphleteer.errors import SourceError

    raise SourceError("it broke", file=Path(file), line=line)


def test_a_process_that_builds_again_lays_out_with_the_stylesheets_as_they_are_now(monkeypatch):
    from pamphleteer.render import laidout, layout

    first = layout.typesetter("A5", SOURCES)
    assert layout.typesetter("A5", SOURCES) is first  # fonts and stylesheets loaded once
    original = laidout.read_style
    monkeypatch.setattr(laidout, "read_style", lambda name: original(name) + ("p { color: red; }"
                                                                          if name == "print.css" else ""))
    edited = layout.typesetter("A5", SOURCES)  # as `watch` does after print.css is saved
    assert edited is not first
    assert "color: red" in edited.css[1]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_a_program_a_worker_started_dies_with_it_when_it_is_killed(tmp_path):
    """What a killed build leaves behind: not even the pandoc a worker was waiting for."""

    started = tmp_path / "child.pid"
    program = (
        "import os, subprocess, sys\n"
        "from pamphleteer.workers import die_with_parent\n"
        "child = subprocess.Popen(['sleep', '60'], preexec_fn=die_with_parent)\n"
        f"open({str(started)!r}, 'w').write(str(child.pid))\n"
        "child.wait()\n"
    )
    _kill_and_check_its_child(program, started, "the program the killed worker started")


def _kill_and_check_its_child(program: str, started: Path, what: str) -> None:
    """Run `program` in a Python process, wait until the child it starts writes its process id to
    `started`, kill the process, and fail unless the child (`what`) is gone 5 s later."""
    import signal
    import time

    worker = subprocess.Popen([sys.executable, "-c", program], cwd=PROJECT)
    deadline = time.monotonic() + 30
    while not (started.exists() and started.read_text().strip()) and time.monotonic() < deadline:
        time.sleep(0.05)
    child = int(started.read_text())
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait()
    deadline = time.monotonic() + 5
    while _running(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    if _running(child):
        os.kill(child, signal.SIGKILL)
        pytest.fail(f"{what} was still running 5 s later")


def _running(pid: int) -> bool:
    """Whether a process runs (a zombie, dead but not yet reaped by its new parent, does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_the_pandoc_a_killed_build_was_waiting_for_dies_with_it(tmp_path):
    """pandoc started as the build starts it (parse._pandoc: through setpriv where there is one)
    dies with the process that started it. A stand-in for pandoc notes its process id and waits."""

    started = tmp_path / "child.pid"
    stand_in = tmp_path / "pandoc"
    stand_in.write_text(f"#!/bin/sh\necho $$ > {started}\nexec sleep 60\n")
    stand_in.chmod(0o755)
    program = (
        "import pypandoc\n"
        "from pamphleteer import parse\n"
        f"pypandoc.get_pandoc_path = lambda: {str(stand_in)!r}\n"
        "parse._pandoc('words', 'markdown', 'json')\n"
    )
    _kill_and_check_its_child(program, started, "the pandoc the killed build started")


@pytest.mark.skipif(shutil.which("setpriv", path=parse.SYSTEM_BIN) is None, reason="needs setpriv")
def test_pandoc_is_started_without_a_preexec_function_where_setpriv_is_there(monkeypatch):
    """A `preexec_fn` makes subprocess fork the whole process (46 ms of CPU per pandoc from a process
    of 1 GB, 3.5 ms without): where setpriv sets the parent-death signal, none is given."""
    from pamphleteer import parse

    given: list[dict[str, object]] = []
    real = subprocess.run

    def run(*args, **options):
        given.append(options)
        return real(*args, **options)

    monkeypatch.setattr(parse.subprocess, "run", run)
    parse._pandoc("Some *words*.", "markdown", "json")
    assert given and given[-1]["preexec_fn"] is None


def test_a_setpriv_in_a_folder_on_path_is_never_run(tmp_path, monkeypatch):
    """pandoc's parent-death helper is the system's setpriv: a program called `setpriv` in a folder
    on PATH (a publication's folder, `.` on PATH) is not run when the build starts pandoc."""
    from pamphleteer import parse

    ran = tmp_path / "ran"
    fake = tmp_path / "setpriv"
    fake.write_text(f"#!/bin/sh\ntouch {ran}\nshift 2\nexec \"$@\"\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ.get('PATH', '')}")
    parse._setpriv.cache_clear()
    try:
        assert "words" in parse._pandoc("Some *words*.", "markdown", "json")
    finally:
        parse._setpriv.cache_clear()
    assert not ran.exists()


@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(), reason="forks")
def test_a_ctrl_c_while_the_workers_are_forked_stops_the_build():
    """Ctrl-C that comes in a fork's own callbacks (here one sends it, as a Ctrl-C at that moment
    would come) is held until the workers are forked, then stops the build: Python only prints what
    such a callback raises ("Exception ignored in ... _releaseLock"), so the stop was lost and the
    build went on."""
    program = (
        "import os, signal\n"
        "from pamphleteer import cli\n"
        "from pamphleteer.workers import Workers, _FORKING\n"
        "signal.signal(signal.SIGINT, cli.on_interrupt)\n"
        "sent = []\n"
        "def send():\n"
        "    if _FORKING.parent and not sent:\n"
        "        sent.append(1)\n"
        "        os.kill(os.getpid(), signal.SIGINT)\n"
        "os.register_at_fork(after_in_parent=send)\n"
        "try:\n"
        "    with Workers(2) as pool:\n"
        "        print('went on', pool.submit(os.getpid).result() > 0)\n"
        "except KeyboardInterrupt:\n"
        "    print('stopped')\n"
    )
    done = subprocess.run([sys.executable, "-c", program], cwd=PROJECT, capture_output=True, text=True,
                          timeout=60)
    assert "Exception ignored" not in done.stderr, done.stderr
    assert done.stdout.strip() == "stopped"


def test_the_layout_loads_weasyprint_without_running_a_program_to_find_its_libraries():
    """The build imports WeasyPrint before it forks its workers: the library search ctypes would run
    (gcc, ldconfig and ld for each name WeasyPrint tries: some fifty programs, 0.4 s) is left out, and
    every library WeasyPrint opens is the one it would have opened (render/libraries.py)."""
    script = (
        "import ctypes.util, subprocess, sys\n"
        "started = []\n"
        "run = subprocess.Popen.__init__\n"
        "def counted(self, *args, **kwargs):\n"
        "    started.append(args[0] if args else kwargs.get('args'))\n"
        "    run(self, *args, **kwargs)\n"
        "subprocess.Popen.__init__ = counted\n"
        "import pamphleteer.render.layout\n"
        "from weasyprint.text import ffi\n"
        "assert ffi.harfbuzz_subset is not None and ffi.pangoft2 is not None\n"
        "print(len(started))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=PROJECT, capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["0"], result.stdout


def _collector_thresholds() -> tuple[int, int, int]:
    import gc

    return gc.get_threshold()


def test_a_worker_makes_a_full_collection_pass_only_rarely():
    """A worker's cycle collector passes over all it holds (the layouts kept) only after many passes
    over its younger objects (workers.FULL_PASSES), not as Python's default makes it: those passes took a
    seventh of a layout's CPU. The build process itself keeps the default."""
    import gc

    from pamphleteer.workers import FULL_PASSES, Pool

    pool = Pool(1)
    try:
        pool.start()
        young, middle, full = pool.submit(_collector_thresholds).result(timeout=60)
    finally:
        pool.shutdown()
    assert (young, middle) == gc.get_threshold()[:2]
    assert full == FULL_PASSES > 10 * gc.get_threshold()[2]
