"""Faults around a build, through the real command line: it owns only what it made, runs no stranger's
program, leaves no process behind, changes every edition together, rebuilds a damaged cache and says
what an interruption really did.

Each case builds a small publication (from tests/test_errors.py) into an output folder that the case
has prepared or damaged, and asserts what a user would see: the files they had are intact, the
editions are whole, the next build succeeds, the message is true, and there is no traceback.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from pamphleteer.workspace import claim as claim_folder
from tests.conftest import EPOCH, PROJECT
from tests.test_errors import assert_refused, make_publication, run_build, seed_publication, snapshot

FOREIGN_ENTRIES = 2_005  # more than a cache keeps of one kind (2,000): an old build pruned the oldest


def tree(folder: Path) -> dict[str, str]:
    """Every file under `folder`, hidden ones too, and a hash of its bytes."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


def foreign_files(output: Path) -> None:
    """What a user's own folder may hold: a `.cache/` of another program's, and files named `.x.tmp`."""
    photos = output / ".cache" / "photos"
    photos.mkdir(parents=True)
    for number in range(FOREIGN_ENTRIES):
        (photos / f"{number:04}.jpg").write_bytes(b"a photo %d" % number)
        os.utime(photos / f"{number:04}.jpg", (1_000_000 + number, 1_000_000 + number))
    (output / ".cache" / "notes.txt").write_text("a file, not a folder, in .cache/")
    (output / ".draft.tmp").write_text("the user's own draft")
    (output / ".cache" / "photos" / ".x.tmp").write_text("another program's temporary file")
    (output / "notes").mkdir()
    (output / "notes" / ".y.tmp").write_text("more of the user's")


# -- 1. the build owns only what it made -----------------------------------------------------------

@pytest.mark.slow
def test_a_build_into_a_folder_of_ones_own_deletes_nothing_of_it(tmp_path):
    sources, output = make_publication(tmp_path)
    foreign_files(output)
    before = tree(output)
    for formats in ("html", "pdf,epub,html", "pdf,epub,html"):  # builds, a rebuild, and one with nothing new
        result = run_build(tmp_path, "--sources", "sources", "--output", "output", "--format", formats)
        assert result.returncode == 0, result.stderr
    after = tree(output)
    foreign = {name: digest for name, digest in before.items() if not name.startswith("reader")}
    assert {name: after.get(name) for name in foreign} == foreign
    own = {name for name in after.keys() - before.keys() if not name.startswith("reader")}  # not an edition
    assert own and all(name.startswith(".pamphleteer/") for name in own), sorted(own)
    marker = (output / ".pamphleteer" / "CACHEDIR.TAG").read_text()
    assert marker.startswith("Signature: 8a477f597d28d172789f")


def test_a_folder_named_like_the_builds_own_but_not_marked_is_refused_untouched(tmp_path):
    sources, output = make_publication(tmp_path)
    (output / ".pamphleteer").mkdir()
    (output / ".pamphleteer" / "cache").mkdir()
    (output / ".pamphleteer" / "cache" / ".old.tmp").write_text("not Pamphleteer's")
    before = tree(output)
    result = run_build(tmp_path, "--sources", "sources", "--output", "output")
    assert result.returncode == 5, result.stderr
    assert "error: output: '.pamphleteer' in the output folder is not Pamphleteer's" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree(output) == before


def test_the_cache_prunes_only_its_own_entries_in_its_own_folder(tmp_path):
    from pamphleteer.cache import CACHE_FOLDER, Cache, digest
    from pamphleteer.workspace import claim

    claim(tmp_path)
    cache = Cache(tmp_path / CACHE_FOLDER)
    for number in range(3):
        cache.put("ast", digest(str(number)), b"entry")
        os.utime(tmp_path / CACHE_FOLDER / "ast" / digest(str(number)), (number, number))
    (tmp_path / CACHE_FOLDER / "ast" / "README").write_text("a file the cache did not make")
    (tmp_path / CACHE_FOLDER / "stray").write_text("a file where a kind's folder would be")
    cache.prune(keep=1)
    kept = sorted(path.name for path in (tmp_path / CACHE_FOLDER / "ast").iterdir())
    assert kept == sorted(["README", digest("2")])
    assert (tmp_path / CACHE_FOLDER / "stray").exists()
    unmarked = Cache(tmp_path / "elsewhere" / "cache")  # not in a folder marked as Pamphleteer's
    for number in range(3):
        unmarked.put("ast", digest(str(number)), b"entry")
    unmarked.prune(keep=1)
    assert len(list((tmp_path / "elsewhere" / "cache" / "ast").iterdir())) == 3


# -- 2. no program of the sources' choosing runs ---------------------------------------------------

COMMITTED = 1_700_000_000  # 2023-11-14T22:13:20Z, the date of the sources' one commit
SIGNED_COMMIT = """tree {tree}
author A. Sender <sender@example.org> {when} +0000
committer A. Sender <sender@example.org> {when} +0000
gpgsig -----BEGIN PGP SIGNATURE-----
 
 iQEzBAABCAAdFiEEnot+a+real+signature+at+allAAoJEAAAAAAAAAAA
 =AAAA
 -----END PGP SIGNATURE-----

The reader, as sent
"""


def git(folder: Path, *args: str, stdin: str | None = None) -> str:
    """Run the real git on the test's own repository, with no configuration but the test's."""
    environment = {"PATH": os.environ["PATH"], "HOME": str(folder), "GIT_CONFIG_NOSYSTEM": "1",
                   "GIT_CONFIG_GLOBAL": os.devnull, "GIT_AUTHOR_DATE": f"{COMMITTED} +0000",
                   "GIT_COMMITTER_DATE": f"{COMMITTED} +0000"}
    result = subprocess.run(["git", *args], cwd=folder, env=environment, input=stdin, capture_output=True,
                            text=True, check=True, timeout=60)
    return result.stdout.strip()


def a_repository_that_runs_a_program(sources: Path, marker: Path) -> None:
    """Make `sources` a git repository whose own settings tell git to run a program writing `marker`."""
    program = sources.parent / "sender-program.sh"
    program.write_text(f"#!/bin/sh\necho \"$0 $*\" >> '{marker}'\ncat >/dev/null\nexit 1\n")
    program.chmod(0o755)
    git(sources, "init", "-q")
    git(sources, "add", "-A")
    tree = git(sources, "write-tree")
    commit = git(sources, "hash-object", "-t", "commit", "-w", "--stdin",
                 stdin=SIGNED_COMMIT.format(tree=tree, when=COMMITTED))
    git(sources, "update-ref", "HEAD", commit)
    hooks = sources / ".git" / "hooks"
    for hook in ("post-checkout", "post-index-change", "reference-transaction", "pre-auto-gc"):
        (hooks / hook).write_text(program.read_text())
        (hooks / hook).chmod(0o755)
    for key, value in [("log.showSignature", "true"), ("gpg.program", str(program)),
                       ("gpg.ssh.program", str(program)), ("core.fsmonitor", str(program)),
                       ("core.pager", str(program)), ("pager.log", str(program)),
                       ("diff.external", str(program)), ("core.hooksPath", str(hooks))]:
        git(sources, "config", key, value)


@pytest.mark.skipif(shutil.which("git") is None, reason="git makes the sources' repository")
def test_a_sources_repository_that_names_a_program_never_has_it_run(tmp_path):
    sources, output = make_publication(tmp_path)
    marker = tmp_path / "the-program-ran"
    a_repository_that_runs_a_program(sources, marker)
    # The trap is armed: git itself, asked for the date as builds once did, runs the sender's program.
    subprocess.run(["git", "log", "-1", "--format=%ct", "--", "."], cwd=sources, capture_output=True,
                   env={"PATH": os.environ["PATH"], "HOME": str(tmp_path)}, timeout=60, check=False)
    assert marker.exists(), "git did not run the program: the test's trap is not armed"
    marker.unlink()
    environment = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    for command in (("--format", "html"), ("list",)):
        result = subprocess.run([sys.executable, str(PROJECT / "build.py"), "--sources", "sources",
                                 "--output", "output", *command],
                                cwd=tmp_path, env=environment, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
        assert not marker.exists(), f"{command}: the sources' program ran: {marker.read_text()}"
    report = json.loads((output / "reader-report.json").read_text())
    assert report["edition_date"] == "2023-11-14T22:13:20Z"  # still the date of the sources' last commit


# -- 4. workers end with the build; a lock whose holder is gone is taken over ----------------------

def descendants(pid: int) -> set[int]:
    """Every running process below `pid` (its workers, and theirs)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def running(pid: int) -> bool:
    """Whether `pid` is a process that still runs (a zombie waiting to be reaped does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except (OSError, IndexError):
        return False


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from /proc")
def test_a_build_killed_outright_leaves_no_process_and_the_next_build_goes_ahead(tmp_path):
    sources, output = seed_publication(tmp_path)
    build = subprocess.Popen(
        [sys.executable, str(PROJECT / "build.py"), "--sources", str(sources), "--output", str(output)],
        env={**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "PAMPHLETEER_JOBS": "2"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while len(descendants(build.pid)) < 2 and time.monotonic() < deadline:  # its workers are at work
        time.sleep(0.02)
    time.sleep(1.0)
    workers = descendants(build.pid)
    assert build.poll() is None and len(workers) >= 2, "the build ended before it could be killed"
    build.kill()
    build.wait()
    deadline = time.monotonic() + 5
    while any(running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    survivors = [pid for pid in workers if running(pid)]
    for pid in survivors:  # so that a failure leaves nothing running either
        os.kill(pid, signal.SIGKILL)
    assert not survivors, "a worker outlived the build"
    started = time.monotonic()
    result = run_build(tmp_path, "--sources", "sources", "--output", "output", "--format", "html")
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 60


def hold_the_lock(output: Path, record: dict[str, object] | None) -> subprocess.Popen[str]:
    """A process that holds the output folder's lock (as a killed build's surviving child would),
    with `record` written in it as its holder (None: its own pid and start time)."""
    script = (
        "import fcntl, json, os, sys, time\n"
        "from pamphleteer.lock import Holder\n"
        "import dataclasses\n"
        f"handle = open({str(output / '.pamphleteer' / 'lock')!r}, 'a+b')\n"
        "fcntl.flock(handle, fcntl.LOCK_EX)\n"
        f"record = {record!r} or dataclasses.asdict(Holder.me())\n"
        "handle.truncate(0); handle.write(json.dumps(record).encode()); handle.flush()\n"
        "print('held', flush=True)\n"
        "time.sleep(120)\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", script], cwd=PROJECT, stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    return holder


def test_a_lock_whose_holder_is_gone_is_taken_over_at_once_with_a_note(tmp_path):
    from pamphleteer.lock import Holder

    sources, output = make_publication(tmp_path)
    claim_folder(output)
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    dead = {**dataclasses.asdict(Holder.me()), "pid": int(gone.stdout), "started": "1"}
    holder = hold_the_lock(output, dead)
    try:
        result = run_build(tmp_path, "--sources", "sources", "--output", "output", "--format", "html", "-v")
    finally:
        holder.kill()
        holder.communicate()
    assert result.returncode == 0, result.stderr
    note = f"note: output: the build that last wrote here (process {int(gone.stdout)}) ended without"
    assert note in result.stdout
    assert "the lock was taken over [I901]" in result.stdout
    assert b"previous" not in (output / "reader.html").read_bytes()


def test_a_lock_whose_holder_still_runs_is_refused_naming_it(tmp_path):
    sources, output = make_publication(tmp_path)
    claim_folder(output)
    before = snapshot(output)
    holder = hold_the_lock(output, None)
    try:
        result = run_build(tmp_path, "--sources", "sources", "--output", "output")
    finally:
        holder.kill()
        holder.communicate()
    assert_refused(result, f"another build (process {holder.pid}) is writing this output folder", "output", 5)
    assert snapshot(output) == before


# -- 5. all editions change together --------------------------------------------------------------

KILLED_BETWEEN_MOVES = """
import os, runpy, signal, sys
real, moved = os.replace, []
def replace(source, target, **options):
    # the build puts an edition from its own folder into the output folder: after two, it dies outright
    if os.path.basename(os.path.dirname(os.fspath(source))) == "tmp" and \\
            os.path.dirname(os.path.abspath(target)) == os.path.abspath(sys.argv[-1]):
        if len(moved) == 2:
            os.kill(os.getpid(), signal.SIGKILL)
        moved.append(target)
    return real(source, target, **options)
os.replace = replace
sys.argv = ["build.py", *sys.argv[1:]]
sys.path.insert(0, os.path.dirname(os.environ["BUILD_PY"]))
runpy.run_path(os.environ["BUILD_PY"], run_name="__main__")
"""


def editions(output: Path) -> dict[str, bytes]:
    """The editions in `output` (not the build's own folder, nor the check's report)."""
    return {path.name: path.read_bytes() for path in sorted(output.iterdir()) if path.is_file()
            and not path.name.startswith(".") and path.name != "check-report.json"}


@pytest.mark.slow
@pytest.mark.parametrize("command", [(), ("check",)], ids=["next build", "check"])
def test_a_build_killed_between_two_moves_is_finished_by_the_next_build_or_check(pristine, tmp_path, command):
    sources, output = make_publication(tmp_path)
    clean = pristine / "output"  # the same publication, built whole
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_BETWEEN_MOVES, "--sources", "sources", "--output", "output"],
        cwd=tmp_path, env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "BUILD_PY": str(PROJECT / "build.py")},
        capture_output=True, text=True, timeout=300,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    mixed = editions(output)
    assert any(b"previous" in data for data in mixed.values()), "the crash came after every move"
    assert any(mixed.get(name) == data for name, data in editions(clean).items()), "it came before any"
    result = run_build(tmp_path, *command, "--sources", "sources", "--output", "output", "-v")
    assert "Traceback" not in result.stdout + result.stderr
    assert "the last build was stopped while it put its editions in place" in result.stdout
    assert "[I902]" in result.stdout
    assert editions(output) == editions(clean)  # the new set, whole, byte for byte
    again = run_build(tmp_path, "--sources", "sources", "--output", "output", "-v")
    assert again.returncode == 0 and "I902" not in again.stdout


# -- 6. a cache entry that cannot be read is a miss -------------------------------------------------

def every_entry(kinds: tuple[str, ...], damage: Callable[[Path], None]) -> Callable[[Path], None]:
    def setup(cache: Path) -> None:
        for kind in kinds:
            for entry in (cache / kind).iterdir():
                damage(entry)

    return setup


def truncated(entry: Path) -> None:
    entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])


def garbage(entry: Path) -> None:
    entry.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)


def a_folder(entry: Path) -> None:
    entry.unlink()
    entry.mkdir()
    (entry / "inside").write_text("a folder where an entry was")


def kind_is_a_file(kind: str) -> Callable[[Path], None]:
    def setup(cache: Path) -> None:
        shutil.rmtree(cache / kind)
        (cache / kind).write_text("a file where a kind's folder was")

    return setup


def state(change: Callable[[dict[str, object]], object]) -> Callable[[Path], None]:
    """A state file of the wrong shape, that still names the inputs (so that it is believed)."""
    def setup(cache: Path) -> None:
        path = cache.parent / "state.json"
        data = json.loads(path.read_text())
        changed = change(data)
        path.write_text(json.dumps(data if changed is None else changed))

    return setup


ALL_KINDS = ("ast", "normalised", "layout", "layout-meta", "folios", "opening")
CORRUPTIONS = [  # (what is damaged, how, whether a note counts entries made again)
    ("layout entries cut short", every_entry(("layout",), truncated), True),
    ("folio sheets of garbage", every_entry(("folios",), garbage), True),
    ("layout metadata of garbage", every_entry(("layout-meta",), garbage), True),
    ("every entry empty", every_entry(ALL_KINDS, lambda entry: entry.write_bytes(b"")), True),
    ("every entry garbage", every_entry(ALL_KINDS, garbage), True),
    ("every entry a folder", every_entry(ALL_KINDS, a_folder), False),
    ("a kind's folder is a file", kind_is_a_file("layout"), False),
    ("a stray file in the cache", lambda cache: (cache / "README").write_text("stray"), False),
    ("the cache is a file", lambda cache: (shutil.rmtree(cache), cache.write_text("stray")), False),
    ("the staging folder is a file", lambda cache: (shutil.rmtree(cache.parent / "tmp"),
                                                    (cache.parent / "tmp").write_text("stray")), False),
]
STATES = [
    ("state: outputs a number", state(lambda data: data.update(outputs=5))),
    ("state: diagnostics a text", state(lambda data: data.update(diagnostics="many"))),
    ("state: a diagnostic of the wrong shape",
     state(lambda data: data.update(diagnostics=[{"severity": 3}]))),
    ("state: counts as text", state(lambda data: data.update(text_count="two", page_count=None))),
    ("state: an output outside the folder", state(lambda data: data.update(outputs=["../../etc/passwd"]))),
    ("state: a list", state(lambda data: [data])),
    ("state: not JSON", lambda cache: (cache.parent / "state.json").write_bytes(b"\x00\xff{")),
]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small publication built once with every edition (its cache full), to copy and damage."""
    root = tmp_path_factory.mktemp("pristine")
    make_publication(root)
    result = run_build(root, "--sources", "sources", "--output", "output")
    assert result.returncode == 0, result.stderr
    return root


def damaged_copy(pristine: Path, tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    root = tmp_path / "copy"
    shutil.copytree(pristine, root, symlinks=True)
    output = root / "output"
    return root, output / ".pamphleteer" / "cache", editions(output)


@pytest.mark.slow
@pytest.mark.parametrize(("damage", "noted"), [(d, n) for _, d, n in CORRUPTIONS],
                         ids=[name for name, _, _ in CORRUPTIONS])
def test_a_damaged_cache_is_rebuilt_with_a_note_never_an_internal_error(pristine, tmp_path, damage, noted):
    root, cache, before = damaged_copy(pristine, tmp_path)
    damage(cache)
    (cache.parent / "state.json").unlink(missing_ok=True)  # so that the build reads the cache
    result = run_build(root, "--sources", "sources", "--output", "output", "-v",
                       env={"PAMPHLETEER_JOBS": "2"})
    said = result.stdout + result.stderr
    assert result.returncode == 0 and "Traceback" not in said and "internal error" not in said, said
    assert editions(root / "output") == before  # the same editions, made again where the cache failed
    assert ("entries of the build cache could not be read" in result.stdout) == noted, said
    again = run_build(root, "--sources", "sources", "--output", "output", "-v", "--format", "pdf")
    assert again.returncode == 0 and "could not be read" not in again.stdout, again.stdout + again.stderr


@pytest.mark.parametrize("damage", [damage for _, damage in STATES], ids=[name for name, _ in STATES])
def test_a_damaged_state_file_means_a_full_build_with_a_note(pristine, tmp_path, damage):
    root, cache, before = damaged_copy(pristine, tmp_path)
    damage(cache)
    result = run_build(root, "--sources", "sources", "--output", "output", "-v")
    said = result.stdout + result.stderr
    assert result.returncode == 0 and "Traceback" not in said and "internal error" not in said, said
    assert "the state the last build left here could not be read; every edition is built again [I904]" \
        in result.stdout
    assert editions(root / "output") == before
    assert "is up to date" in run_build(root, "--sources", "sources", "--output", "output").stdout


# -- 11. Ctrl-C at any moment: no traceback, and the message says what really happened ------------

CTRL_C_DURING_MOVES = KILLED_BETWEEN_MOVES.replace(
    "os.kill(os.getpid(), signal.SIGKILL)", "os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C, half-way")


def said_truly(result_code: int, stderr: str, output: Path, previous: dict[str, bytes],
               new: dict[str, bytes]) -> None:
    """The message of an interrupted (or finished) build matches what the folder holds."""
    assert "Traceback" not in stderr and "Exception ignored" not in stderr, stderr
    if result_code == 0:
        assert editions(output) == new
    elif "nothing was written" in stderr or "nothing was done" in stderr:
        assert result_code in (130, -signal.SIGINT), stderr
        assert editions(output) == previous, stderr
    else:
        assert result_code == 130, stderr
        assert "interrupted once the build had put its new editions in place: they are complete" in stderr
        assert editions(output) == new


@pytest.mark.slow
def test_ctrl_c_during_the_final_moves_says_the_editions_are_in_place(pristine, tmp_path):
    sources, output = make_publication(tmp_path)
    clean = pristine / "output"  # the same publication, built whole
    result = subprocess.run(
        [sys.executable, "-c", CTRL_C_DURING_MOVES, "--sources", "sources", "--output", "output"],
        cwd=tmp_path, env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "BUILD_PY": str(PROJECT / "build.py")},
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 130, result.stderr
    assert "interrupted once the build had put its new editions in place" in result.stderr
    assert "nothing was written" not in result.stderr
    said_truly(result.returncode, result.stderr, output, {}, editions(clean))


class Stop(BaseException):
    """What a Ctrl-C or TERM raises in the cases below (not KeyboardInterrupt, which would stop pytest)."""


@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM], ids=["Ctrl-C", "TERM"])
def test_a_stop_another_thread_takes_during_the_moves_waits_until_every_edition_is_in_place(
        tmp_path, monkeypatch, number):
    """Python runs a signal's handler in the main thread whichever thread took the signal: a thread
    of the build's (a pool's manager thread, a pipe's reader) that does not block it takes it while
    the main thread moves the editions, and the handler raised half-way through the moves."""
    from pamphleteer.output import StoppedAfterWriting, locked, write_all

    def stop(signum: int, frame: object) -> None:
        raise Stop

    folder = tmp_path / "output"
    folder.mkdir()
    for name in ("a.pdf", "a.epub", "a.html"):
        (folder / name).write_bytes(b"previous")
    done = threading.Event()
    other = threading.Thread(target=done.wait, name="another thread", daemon=True)  # nothing blocked
    taken, taker = socket.socketpair()
    taken.setblocking(False)
    real, moved = os.replace, []

    def replace(source, target, **options):
        real(source, target, **options)
        if os.path.dirname(os.path.abspath(target)) == str(folder):
            moved.append(target)
            if len(moved) == 1:
                os.kill(os.getpid(), number)  # to the process, as from a terminal or `kill`
                select.select([taker], [], [])  # the signal was taken: its handler runs at the next line

    previous = {n: signal.signal(n, stop) for n in (signal.SIGINT, signal.SIGTERM)}
    wakeup = signal.set_wakeup_fd(taken.fileno())
    other.start()
    try:
        with locked(folder):
            monkeypatch.setattr(os, "replace", replace)
            with pytest.raises(StoppedAfterWriting) as stopped:
                write_all(folder, {name: b"new" for name in ("a.pdf", "a.epub", "a.html")})
            monkeypatch.undo()
    finally:
        signal.set_wakeup_fd(wakeup)
        for n, handler in previous.items():
            signal.signal(n, handler)
        done.set()
        other.join()
        taken.close()
        taker.close()
    assert isinstance(stopped.value.stop, Stop)
    assert len(moved) == 3 and {path.read_bytes() for path in moved} == {b"new"}
    assert not (folder / ".pamphleteer" / "moving.json").exists()  # the moves were finished, not left


STARTED = """
import os, sys
path = os.environ["BUILD_PY"]
with open(path, encoding="utf-8") as source:
    code = compile(source.read(), path, "exec")  # as Python does before a script's first line runs
sys.argv = ["build.py", *sys.argv[1:]]
sys.path.insert(0, os.path.dirname(path))
open(os.environ["STARTED"], "w").close()  # from here on, build.py runs from its first line
exec(code, {"__name__": "__main__", "__file__": path, "__builtins__": __builtins__})
"""


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0, 1.5, 2.5])
def test_ctrl_c_at_any_moment_prints_no_traceback_and_says_what_happened(pristine, tmp_path, delay):
    """From build.py's first line on (the interpreter's own start, before it, is Python's), seconds after."""
    sources, output = make_publication(tmp_path)
    previous = editions(output)
    clean = pristine / "output"  # the same publication, built whole
    started = tmp_path / "started"
    # In a session of its own: Ctrl-C reaches the build and every worker, as in a terminal.
    build = subprocess.Popen(
        [sys.executable, "-c", STARTED, "--sources", "sources", "--output", "output"],
        cwd=tmp_path, env={**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "PAMPHLETEER_JOBS": "2",
                           "BUILD_PY": str(PROJECT / "build.py"), "STARTED": str(started)},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    while not started.exists() and build.poll() is None:
        time.sleep(0.001)
    time.sleep(delay)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(build.pid, signal.SIGINT)
    out, err = build.communicate(timeout=120)
    assert "Traceback" not in out
    said_truly(build.returncode, err, output, previous, editions(clean))


def test_list_writes_nothing_into_a_folder_named_like_the_builds_own_but_not_marked(tmp_path):
    sources, output = make_publication(tmp_path)
    (output / ".pamphleteer" / "cache").mkdir(parents=True)  # someone else's
    before = tree(output)
    result = run_build(tmp_path, "list", "--sources", "sources", "--output", "output")
    assert result.returncode == 0, result.stderr
    assert tree(output) == before and not list((output / ".pamphleteer" / "cache").iterdir())


def test_links_in_the_builds_own_folder_never_lead_it_to_delete_elsewhere(pristine, tmp_path):
    root, cache, _ = damaged_copy(pristine, tmp_path)
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "ast").mkdir(parents=True)
    (elsewhere / "keep.tmp").write_text("a file of the user's")
    (elsewhere / "ast" / ("0" * 64)).write_text("named like a cache entry, but the user's")
    shutil.rmtree(cache.parent / "tmp")
    (cache.parent / "tmp").symlink_to(elsewhere)
    shutil.rmtree(cache)
    cache.symlink_to(elsewhere)
    before = tree(elsewhere)
    from pamphleteer.cache import Cache

    Cache(cache).prune(keep=0)
    result = run_build(root, "--sources", "sources", "--output", "output", "--format", "html")
    assert result.returncode == 0, result.stderr
    assert tree(elsewhere) == before  # nothing deleted there, changed or written
    assert not (cache.parent / "tmp").is_symlink() and not cache.is_symlink()


@pytest.mark.skipif(shutil.which("git") is None, reason="git makes the sources' repository")
def test_a_sources_repository_whose_files_never_end_gives_no_date_rather_than_a_hang(tmp_path, monkeypatch):
    from pamphleteer import history

    sources, _ = make_publication(tmp_path)
    git(sources, "init", "-q")
    (sources / ".git" / "HEAD").unlink()
    os.mkfifo(sources / ".git" / "HEAD")  # opening it waits for a writer that never comes
    monkeypatch.setattr(history, "SECONDS", 0.5)
    started = time.monotonic()
    assert history.last_commit_time(sources) is None
    assert time.monotonic() - started < 5
